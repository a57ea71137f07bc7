"""Every draw of a sweep as a table file: CSV (always), or Parquet (with pandas and pyarrow).

A CSV file starts with comment lines ``# key: value`` (the package version, the
model file's SHA-256, the seed, ...), then a header row and one row per draw;
``pandas.read_csv(path, comment="#")`` reads it back.  A Parquet file keeps
the same metadata in its schema's key-value metadata.  Either is written
whole or not at all.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InvalidGameError
from ._files import write_atomic, write_text_atomic

__all__ = ["write_draws"]


def write_draws(path: str | os.PathLike[str], header: Sequence[str], rows: Sequence[Sequence[Any]],
                metadata: Mapping[str, Any]) -> None:
    """Write the draws to ``path`` (``.csv`` or ``.parquet``), whole or not at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "draws.csv"
    >>> write_draws(path, ["draw", "x"], [[0, 0.5], [1, 0.25]], {"seed": 7})
    >>> print(path.read_text(), end="")
    # seed: 7
    draw,x
    0,0.5
    1,0.25
    """
    target = Path(path)
    if target.suffix == ".parquet":
        _write_parquet(target, header, rows, metadata)
        return
    if target.suffix != ".csv":
        raise InvalidGameError(f"{target}: draws are written as .csv or .parquet")
    buf = io.StringIO()
    for key, value in metadata.items():
        buf.write(f"# {key}: {value}\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    write_text_atomic(target, buf.getvalue())


def _write_parquet(target: Path, header: Sequence[str], rows: Sequence[Sequence[Any]],
                   metadata: Mapping[str, Any]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InvalidGameError(f"{target}: Parquet needs pyarrow (pip install "
                               "'crisis-gametheory[frames]'); write .csv instead") from None
    columns = {name: [row[k] for row in rows] for k, name in enumerate(header)}
    table = pa.table(columns)
    table = table.replace_schema_metadata({str(k): str(v) for k, v in metadata.items()})
    write_atomic(target, lambda tmp: pq.write_table(table, tmp))
