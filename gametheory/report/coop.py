"""The cooperative analysis of a TU game, for people (table) and programs (JSON ``gametheory.coop/1``).

The writers take the ``CoopAnalysis`` that
``analyse_tu`` computes and never compute themselves:
``render(analysis, "table")``, ``render(analysis, "json")`` and
``to_dict(analysis)``.  ``format_coop`` and ``coop_to_dict`` are the
deprecated names of the same, kept for one release.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..coop.analysis import analyse_tu
from ..coop.records import Allocation, CoopAnalysis
from ..coop.tu import TUGame
from ._registry import render, renders, to_dict
from ._text import brief, json_num

__all__ = ["coop_to_dict", "format_coop"]


def _values(x: Allocation | None) -> tuple | None:
    return None if x is None else x.values


@renders(CoopAnalysis, "dict")
def _coop_dict(a: CoopAnalysis) -> dict[str, Any]:
    """The analysis as the contract's JSON object (schema ``gametheory.coop/1``)."""
    return _json_object(
        a.game, shapley=a.shapley.values, banzhaf=a.banzhaf.values, nucleolus=_values(a.nucleolus),
        core_empty=a.core_empty, core_point=_values(a.core_point), epsilon=a.least_core.epsilon,
        vertices=None if a.core_vertices is None else a.core_vertices.vertices,
        essential=a.essential, superadditive=a.superadditive, convex=a.convex)


def _json_object(game: TUGame, *, shapley: Sequence[Any], banzhaf: Sequence[Any],
                 nucleolus: Sequence[Any] | None, core_empty: bool, core_point: Sequence[Any] | None,
                 epsilon: Any, vertices: Sequence[Sequence[Any]] | None, essential: bool,
                 superadditive: bool | None, convex: bool) -> dict[str, Any]:
    ex = game.exact

    def vec(v):
        return None if v is None else [json_num(q, ex) for q in v]

    return {
        "schema": "gametheory.coop/1",
        "title": game.title,
        "players": list(game.players),
        "exact": ex,
        "values": {game.name(m): json_num(game.v[m], ex) for m in range(1, game.grand + 1)
                   if game.v[m] != 0} if game.n <= 12 else None,
        "shapley": vec(shapley),
        "banzhaf": vec(banzhaf),
        "nucleolus": vec(nucleolus),
        "core_empty": core_empty,
        "core_point": vec(core_point),
        "least_core_epsilon": json_num(epsilon, ex),
        "core_vertices": None if vertices is None else [vec(v) for v in vertices],
        "properties": {"essential": essential, "superadditive": superadditive,
                       "convex": convex, "balanced": not core_empty},
    }


@renders(CoopAnalysis, "table")
def _coop_table(a: CoopAnalysis) -> str:
    """The analysis as a table for people."""
    game = a.game
    ex = game.exact
    lines = [f"{game.title or 'TU game'}: {game.n} players, "
             f"{'exact rational' if ex else 'floating-point'} arithmetic"]
    if game.n <= 6:
        lines.append("worths: " + "; ".join(f"{game.name(m)} {brief(game.v[m], ex)}"
                                            for m in range(1, game.grand + 1)))
    rows = [("Shapley value", a.shapley.values), ("Banzhaf value", a.banzhaf.values),
            ("nucleolus", _values(a.nucleolus)), ("core point", _values(a.core_point))]
    width = max(len(p) for p in game.players)
    head = "  " + " " * 16 + "  ".join(p.rjust(max(width, 8)) for p in game.players)
    lines += ["", head]
    for label, vec in rows:
        # one row, one format: fractions unless one of them is unwieldy
        plain = ex and vec is not None and all(Fraction(v).denominator <= 1000 for v in vec)
        cells = [(brief(v, plain) if vec is not None else "-").rjust(max(width, 8))
                 for v in (vec if vec is not None else [None] * game.n)]
        lines.append(f"  {label:<16}" + "  ".join(cells))
    lines.append("")
    eps = a.least_core.epsilon
    lines.append(f"core: {'empty' if a.core_empty else 'not empty'} (least-core epsilon "
                 f"{brief(eps, ex)}: every coalition gets at least its worth "
                 f"{'minus' if eps > 0 else 'plus'} {brief(abs(eps), ex)})")
    if a.core_vertices is not None:
        vertices = a.core_vertices.vertices
        lines.append(f"core vertices ({len(vertices)}): " + "; ".join(
            "(" + ", ".join(brief(v, ex) for v in vert) + ")" for vert in vertices[:8])
            + (" ..." if len(vertices) > 8 else ""))
    if a.nucleolus is None:
        lines.append("nucleolus: none (the players' own worths add up to more than v(N))")
    props = [name for name in ("essential", "superadditive", "convex") if getattr(a, name)]
    lines.append("properties: " + (", ".join(props) if props else "none of essential, "
                                   "superadditive, convex"))
    return "\n".join(lines) + "\n"


# -- deprecated names, kept for one release ---------------------------------------------------------

def coop_to_dict(game: TUGame, analysis: CoopAnalysis | dict[str, Any] | None = None) -> dict[str, Any]:
    """Deprecated: use ``to_dict(gt.analyse_tu(game))`` (or ``render(gt.analyse_tu(game), "json")``).

    Kept for one release; it emits a ``DeprecationWarning``.

    The analysis as the contract's JSON object (schema ``gametheory.coop/1``);
    ``analysis`` may pass a ``CoopAnalysis``, or
    the dictionary of the deprecated ``gametheory.coop.coop_analysis``, already computed.
    """
    warnings.warn("coop_to_dict(game) is deprecated: use to_dict(gt.analyse_tu(game)), or "
                  "render(gt.analyse_tu(game), fmt)", DeprecationWarning, stacklevel=2)
    if isinstance(analysis, dict):
        return _json_object(
            game, shapley=analysis["shapley"], banzhaf=analysis["banzhaf"],
            nucleolus=analysis["nucleolus"], core_empty=analysis["core_empty"],
            core_point=analysis["core_point"], epsilon=analysis["least_core_epsilon"],
            vertices=analysis["core_vertices"], essential=analysis["essential"],
            superadditive=analysis["superadditive"], convex=analysis["convex"])
    return to_dict(analyse_tu(game) if analysis is None else analysis)


def format_coop(game: TUGame, fmt: str = "table") -> str:
    """Deprecated: use ``render(gt.analyse_tu(game), fmt)``, the same text.  The analysis as a
    table (default) or JSON; kept for one release, it emits a ``DeprecationWarning``."""
    warnings.warn("format_coop(game, fmt) is deprecated: use render(gt.analyse_tu(game), fmt)",
                  DeprecationWarning, stacklevel=2)
    if fmt not in ("table", "json"):
        raise ValueError(f"format {fmt!r} is not available for coop; choose table or json")
    return render(analyse_tu(game), fmt)
