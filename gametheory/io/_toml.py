"""The one TOML helper of the readers of models, conflicts and TU games: text to a table."""

from __future__ import annotations

import sys
from typing import Any

from ..errors import GameFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["parse_toml", "tomllib"]


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """The table of a TOML text; a one-line ``GameFileError`` naming
    ``source`` and the problem when it is not TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GameFileError(source, f"TOML syntax error: {exc}") from None
    except ValueError as exc:                # an integer beyond Python's digit limit, ...
        raise GameFileError(source, f"a number TOML cannot hold ({str(exc).split(':')[0]})") from None
    except RecursionError:
        raise GameFileError(source, "TOML nested too deeply (arrays or tables within each "
                                    "other beyond Python's recursion limit)") from None
