"""How records show in notebooks and become data frames, without importing up the layers.

Every result record inherits ``Displayable``: Jupyter calls its
``_repr_html_``, and ``to_dataframe()`` gives a pandas ``DataFrame``.  The record
modules sit low in the house and must not import the report layer, which knows
how to write them; so the writers are looked up in a registry here, which
``gametheory.report`` fills when it is imported.  The package's public face
(``gametheory/__init__.py``, outside the layers) registers the loader that
imports it on first use, so a record displays the same whichever module it
came from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Displayable", "register_display", "set_display_loader"]

_WRITERS: dict[str, Callable[[Any], Any]] = {}
_LOADER: list[Callable[[], None]] = []


def register_display(kind: str, writer: Callable[[Any], Any]) -> None:
    """Register the writer of one display ``kind`` (``"html"``, ``"dataframe"``)."""
    _WRITERS[kind] = writer


def set_display_loader(loader: Callable[[], None]) -> None:
    """Register the function that imports the writers (the report layer) when first needed."""
    _LOADER[:] = [loader]


def _writer(kind: str) -> Callable[[Any], Any]:
    if kind not in _WRITERS and _LOADER:
        _LOADER[0]()
    if kind not in _WRITERS:
        raise RuntimeError(f"no {kind} display is registered (import gametheory.report)")
    return _WRITERS[kind]


class Displayable:
    """Mixin of every result record: notebook display and data frames."""

    __slots__ = ()

    def _repr_html_(self) -> str | None:
        """The record as HTML, for Jupyter (its text table, or a table of its fields)."""
        return _writer("html")(self)

    def to_dataframe(self) -> Any:
        """The record as a pandas ``DataFrame`` (needs pandas: the ``frames`` extra).

        Exact numbers stay ``Fraction`` objects (column dtype ``object``); float
        results are floats.  A ``SolverResult`` gives one row per equilibrium,
        player and action, as its CSV form; other records one row per item of
        their main list, or one row of their fields.
        """
        return _writer("dataframe")(self)
