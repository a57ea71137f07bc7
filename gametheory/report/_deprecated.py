"""The former formatter names, kept for one release: each warns and writes what it wrote before.

Each emits a ``DeprecationWarning`` naming its replacement when called, and raises
``ValueError`` for a format its record does not have.  Every record is now written by ``render`` (``render(record, fmt)``) and
turned into its JSON-ready dictionary by ``to_dict``.  (The cooperative
``format_coop`` and ``coop_to_dict`` live in ``gametheory.report.coop``.)
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from ..conflict.model import ConflictModel
from ..conflict.summary import conflict_report, improvement_graph
from ..crisis.compare import Comparison
from ..crisis.model import Model
from ..crisis.payoffs import payoff_table
from ..crisis.sweep import SweepResult
from ..games.tree import ExtensiveFormGame
from ..solvers.dominance import Elimination
from ..solvers.qre import QRECurve
from ..solvers.result import SolverResult
from ._registry import render, to_dict
from .solve import FORMATS

__all__ = ["format_result", "result_to_dict", "format_elimination", "elimination_to_dict",
           "format_qre", "qre_to_dict", "format_model", "format_comparison", "comparison_to_dict",
           "format_sweep", "sweep_to_dict", "format_conflict", "conflict_to_dict",
           "conflict_to_dot", "format_tree"]


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated and will be removed in the next release; use {new}",
                  DeprecationWarning, stacklevel=3)


def _check(fmt: str, formats: Sequence[str], what: str) -> None:
    if fmt not in formats:
        choices = ", ".join(formats[:-1]) + " or " + formats[-1]
        raise ValueError(f"format {fmt!r} is not available for {what}; choose {choices}")


def format_result(result: SolverResult, fmt: str = "table") -> str:
    """Deprecated: ``render(result, fmt)``, a ``SolverResult`` as ``"table"``, ``"json"``,
    ``"csv"`` or ``"latex"``."""
    _deprecated("format_result(result, fmt)", "render(result, fmt)")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return render(result, fmt)


def result_to_dict(result: SolverResult) -> dict[str, Any]:
    """Deprecated: ``to_dict(result)``, the JSON object of schema ``gametheory.solve/1``."""
    _deprecated("result_to_dict(result)", "to_dict(result)")
    return to_dict(result)


def format_elimination(elimination: Elimination, fmt: str = "table") -> str:
    """Deprecated: ``render(elimination, fmt)``, an ``Elimination`` as ``"table"`` or ``"json"``,
    as ``gametheory dominance`` prints it."""
    _deprecated("format_elimination(elimination, fmt)", "render(elimination, fmt)")
    _check(fmt, ("table", "json"), "dominance")
    return render(elimination, fmt)


def elimination_to_dict(elimination: Elimination) -> dict[str, Any]:
    """Deprecated: ``to_dict(elimination)``, the JSON object of schema
    ``gametheory.dominance/1``."""
    _deprecated("elimination_to_dict(elimination)", "to_dict(elimination)")
    return to_dict(elimination)


def format_qre(curve: QRECurve, fmt: str = "table", rows: int = 12) -> str:
    """Deprecated: ``render(curve, fmt)`` (``render(curve, "table", rows=rows)``), a ``QRECurve``
    as ``"table"`` (``rows`` points along the branch and the equilibrium), ``"csv"`` (every
    point) or ``"json"``, as ``gametheory qre`` prints it."""
    _deprecated("format_qre(curve, fmt)", "render(curve, fmt)")
    _check(fmt, ("table", "csv", "json"), "qre")
    return render(curve, fmt, rows=rows) if fmt == "table" else render(curve, fmt)


def qre_to_dict(curve: QRECurve) -> dict[str, Any]:
    """Deprecated: ``to_dict(curve)``, the JSON object of schema ``gametheory.qre/1``."""
    _deprecated("qre_to_dict(curve)", "to_dict(curve)")
    return to_dict(curve)


def format_model(model: Model, cell: Sequence[str] | None = None) -> str:
    """Deprecated: ``render(payoff_table(model, cell))``."""
    _deprecated("format_model(model, cell)",
                "render(payoff_table(model, cell)) (gametheory.crisis.payoffs.payoff_table)")
    return render(payoff_table(model, cell))


def format_comparison(c: Comparison, fmt: str = "table") -> str:
    """Deprecated: ``render(c, fmt)``, a ``Comparison`` as ``"table"``, ``"json"``, ``"csv"`` or
    ``"latex"``."""
    _deprecated("format_comparison(c, fmt)", "render(c, fmt)")
    _check(fmt, ("table", "json", "csv", "latex"), "compare")
    return render(c, fmt)


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """Deprecated: ``to_dict(c)``, the JSON object of schema ``gametheory.compare/1``."""
    _deprecated("comparison_to_dict(c)", "to_dict(c)")
    return to_dict(c)


def format_sweep(res: SweepResult, fmt: str = "table") -> str:
    """Deprecated: ``render(res, fmt)``, the text ``gametheory sweep`` prints (``"table"`` or
    ``"json"``)."""
    _deprecated("format_sweep(res, fmt)", "render(res, fmt)")
    _check(fmt, ("table", "json"), "sweep")
    return render(res, fmt)


def sweep_to_dict(res: SweepResult) -> dict[str, Any]:
    """Deprecated: ``to_dict(res)``, the sweep as the JSON object of schema
    ``gametheory.sweep/2``."""
    _deprecated("sweep_to_dict(res)", "to_dict(res)")
    return to_dict(res)


def format_conflict(model: ConflictModel, grouping: str | None = None, start: str | None = None,
                    fmt: str = "table", every_coalition: bool = False,
                    explain: str | None = None) -> str:
    """Deprecated: ``render(conflict_report(model, grouping, start, every_coalition, explain), fmt)``.

    The same text: ``"table"``, ``"json"`` (schema ``gametheory.conflict/1``) or ``"dot"``.
    """
    _deprecated("format_conflict(model, ...)", "render(conflict_report(model, ...), fmt)")
    _check(fmt, ("table", "json", "dot"), "conflict")
    if fmt == "dot":
        return render(improvement_graph(model, grouping), "dot")
    return render(conflict_report(model, grouping, start, every_coalition, explain), fmt)


def conflict_to_dict(model: ConflictModel, grouping: str | None = None, start: str | None = None,
                     every_coalition: bool = False, explain: str | None = None) -> dict[str, Any]:
    """Deprecated: ``to_dict(conflict_report(model, grouping, start, every_coalition, explain))``.

    The JSON object of schema ``gametheory.conflict/1`` (its keys are listed under
    ``ConflictReport``).
    """
    _deprecated("conflict_to_dict(model, ...)", "to_dict(conflict_report(model, ...))")
    return to_dict(conflict_report(model, grouping, start, every_coalition, explain))


def conflict_to_dot(model: ConflictModel, grouping: str | None = None) -> str:
    """Deprecated: ``render(improvement_graph(model, grouping), "dot")``."""
    _deprecated("conflict_to_dot(model, grouping)",
                "render(improvement_graph(model, grouping), 'dot') or "
                "render(conflict_report(model, grouping), 'dot')")
    return render(improvement_graph(model, grouping), "dot")


def format_tree(game: ExtensiveFormGame, behavior: Any = None, max_depth: int | None = None,
                max_lines: int = 500) -> str:
    """Deprecated: ``render(game, behavior=..., max_depth=..., max_lines=...)``, the same text.

    The tree for the terminal, one line per node; with a behaviour profile each move shows
    its probability (see ``gametheory tree``).
    """
    _deprecated("format_tree(game, ...)", "render(game, 'table', ...)")
    return render(game, "table", behavior=behavior, max_depth=max_depth, max_lines=max_lines)
