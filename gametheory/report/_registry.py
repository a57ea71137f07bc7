"""The render registry: which function writes which record in which format.

Each module of :mod:`gametheory.report` registers its writers with
:func:`renders`; :func:`render` looks the record's type up (through its
method resolution order, so subclasses inherit) and calls the writer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import InvalidGameError
from ..version import __version__
from ._text import json_text

__all__ = ["renders", "render", "to_dict", "formats_of"]

Writer = Callable[..., Any]

_WRITERS: dict[tuple[type, str], Writer] = {}


def renders(record_type: type, *formats: str) -> Callable[[Writer], Writer]:
    """Register the decorated function as the writer of ``record_type`` in ``formats``.

    The format ``"dict"`` is the JSON-ready dictionary (:func:`to_dict`) of a
    record with a JSON schema; ``render(record, "json")`` writes it (indented
    by two, one trailing newline), so no ``"json"`` writer is registered.
    """
    def register(writer: Writer) -> Writer:
        for fmt in formats:
            _WRITERS[(record_type, fmt)] = writer
        return writer
    return register


def _lookup(record: Any, fmt: str) -> Writer | None:
    for klass in type(record).__mro__:
        writer = _WRITERS.get((klass, fmt))
        if writer is not None:
            return writer
    return None


def formats_of(record: Any) -> tuple[str, ...]:
    """The text formats ``record`` can be rendered in (``"json"`` wherever it has a dictionary)."""
    found = {fmt for klass in type(record).__mro__ for (k, fmt) in _WRITERS if k is klass}
    if "dict" in found:
        found.add("json")
    found.discard("dict")
    return tuple(sorted(found))


def to_dict(record: Any, **options: Any) -> dict[str, Any]:
    """The record as the JSON-ready dictionary of its schema (``../shared/CONTRACTS.md``)."""
    writer = _lookup(record, "dict")
    if writer is None:
        raise InvalidGameError(f"render: no JSON form for a {type(record).__name__}")
    return writer(record, **options)


def with_version(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON object with the version of the package that wrote it, ``"version"``, right after
    ``"schema"`` (kept where the record sets its own)."""
    if "version" in data:
        return data
    out = {k: v for k, v in data.items() if k == "schema"}
    out["version"] = __version__
    out.update((k, v) for k, v in data.items() if k != "schema")
    return out


def render(record: Any, fmt: str = "table", **options: Any) -> str:
    """Write a result record as text for people or programs.

    Parameters
    ----------
    record
        Any result record of the package: a ``SolverResult``, an
        ``Elimination``, a ``QRECurve``, a ``Model``, a game tree, a
        ``Comparison``, a ``SweepResult``, a cooperative or conflict analysis.
    fmt : str
        ``"table"`` (for people), ``"json"``, ``"csv"``, ``"latex"`` or
        ``"dot"``, where the record has that form (:func:`formats_of`).
    **options
        Passed to the writer (e.g. ``max_depth`` for a tree).

    Examples
    --------
    >>> import gametheory as gt
    >>> result = gt.solve(gt.read_game("matching-pennies"))
    >>> print(gt.render(result, "csv").splitlines()[1])
    1,Matcher,Heads,1/2,0,0
    """
    if fmt == "json" and _lookup(record, "dict") is not None:
        return json_text(with_version(to_dict(record, **options)))
    writer = _lookup(record, fmt) if fmt not in ("dict", "json") else None
    if writer is None:
        known = ", ".join(formats_of(record)) or "none"
        raise InvalidGameError(f"render: a {type(record).__name__} has no {fmt!r} format "
                               f"(formats: {known})")
    return writer(record, **options)
