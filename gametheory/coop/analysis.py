"""The cooperative analysis of a TU game: every solution concept at once, as one record.

``analyse_tu`` computes what ``gametheory coop`` shows; the record is
written as a table or as JSON (schema ``gametheory.coop/1``) by
``gametheory.report.render(analysis, fmt)``.
"""

from __future__ import annotations

import warnings
from typing import Any

from ..errors import InvalidGameError
from .core import CORE_VERTICES_MAX_PLAYERS, core_vertices, least_core, nucleolus
from .records import Allocation, CoopAnalysis
from .tu import TUGame
from .values import (
    SUPERADDITIVE_MAX_PLAYERS,
    banzhaf_value,
    is_convex,
    is_essential,
    is_superadditive,
    shapley_value,
)

__all__ = ["analyse_tu", "coop_analysis"]


def analyse_tu(game: TUGame) -> CoopAnalysis:
    """Every solution concept of a TU game, computed once (numbers exact for exact games).

    The Shapley and Banzhaf values, the nucleolus (None without an
    imputation), the least core and a core point, the core's vertices (exact
    games of at most 5 players with a non-empty core) and the properties:
    what ``gametheory coop`` shows.

    ``gametheory.render(analysis, fmt)`` writes the record as a table (``"table"``, the
    default) or as the JSON object of schema ``gametheory.coop/1`` (``"json"``).  In the
    table a row of exact amounts is shown as fractions when every denominator is at most
    1000, and in four significant digits otherwise; the JSON is exact.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    CoopAnalysis

    Examples
    --------
    >>> import gametheory as gt
    >>> a = gt.analyse_tu(gt.TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1}))
    >>> a.nucleolus.values, a.core_empty, a.core_vertices.vertices
    ((1, 0, 0), False, ((1, 0, 0),))
    >>> from gametheory.report import render
    >>> print(render(a).splitlines()[0])
    TU game: 3 players, exact rational arithmetic
    """
    lc = least_core(game)
    try:
        nuc: Allocation | None = nucleolus(game)
    except InvalidGameError:
        nuc = None
    point = None if lc.core_empty else Allocation("core point", game.players, lc.point.values, game.exact)
    vertices = None
    if game.exact and game.n <= CORE_VERTICES_MAX_PLAYERS and not lc.core_empty:
        vertices = core_vertices(game)
    return CoopAnalysis(
        game=game, shapley=shapley_value(game), banzhaf=banzhaf_value(game), nucleolus=nuc,
        least_core=lc, core_point=point, core_vertices=vertices,
        essential=is_essential(game), convex=is_convex(game),
        superadditive=is_superadditive(game) if game.n <= SUPERADDITIVE_MAX_PLAYERS else None)


def coop_analysis(game: TUGame) -> dict[str, Any]:
    """Deprecated: use ``analyse_tu``, whose record has the same parts as named fields.

    The analysis as the dictionary it used to be: ``shapley``, ``banzhaf``,
    ``nucleolus`` and ``core_point`` as tuples (or None), ``least_core_epsilon``,
    ``core_empty``, ``essential``, ``convex``, ``superadditive`` and
    ``core_vertices`` (a list of tuples, or None).
    """
    warnings.warn("coop_analysis(game) is deprecated: use gt.analyse_tu(game), a CoopAnalysis "
                  "record with named fields", DeprecationWarning, stacklevel=2)
    a = analyse_tu(game)

    def vec(x: Allocation | None) -> tuple | None:
        return None if x is None else x.values

    return {
        "shapley": a.shapley.values, "banzhaf": a.banzhaf.values, "nucleolus": vec(a.nucleolus),
        "least_core_epsilon": a.least_core.epsilon, "core_empty": a.core_empty,
        "core_point": vec(a.core_point), "essential": a.essential, "convex": a.convex,
        "superadditive": a.superadditive,
        "core_vertices": None if a.core_vertices is None else list(a.core_vertices.vertices),
    }
