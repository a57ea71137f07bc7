"""Cooperative (coalitional) games: what coalitions can secure, and how to share it.

- :mod:`~gametheory.coop.tu`: transferable-utility games (:class:`TUGame`), from a
  characteristic function (files are read by :mod:`gametheory.io.tu_toml`);
- :mod:`~gametheory.coop.values`: the Shapley and Banzhaf values, and properties
  (superadditive, convex, essential);
- :mod:`~gametheory.coop.core`: the core, the least core and the nucleolus, by
  linear programs certified in rational arithmetic;
- :mod:`~gametheory.coop.derive`: the TU game of a strategic-form game (alpha, beta and
  equilibrium characteristic functions);
- :mod:`~gametheory.coop.bargaining`: bargaining without transfers (Nash,
  Kalai-Smorodinsky) over a strategic-form game;
- :mod:`~gametheory.coop.analysis`: every concept at once (:func:`analyse_tu`);
- :mod:`~gametheory.coop.records`: the frozen result records all of these return.

Writing an analysis as text is the job of :mod:`gametheory.report` (``render``).
"""

from .analysis import analyse_tu, coop_analysis
from .bargaining import disagreement_point, kalai_smorodinsky, nash_bargaining, pareto_frontier
from .core import core_is_empty, core_point, core_vertices, in_core, least_core, nucleolus
from .derive import KINDS, characteristic_function
from .records import (
                      Allocation,
                      BargainingSolution,
                      CoopAnalysis,
                      CoreVertices,
                      DisagreementPoint,
                      LeastCore,
                      ParetoFrontier,
)
from .tu import MAX_PLAYERS, TUGame
from .values import banzhaf_value, is_convex, is_essential, is_superadditive, shapley_value

__all__ = ["TUGame", "MAX_PLAYERS", "shapley_value", "banzhaf_value",
           "is_superadditive", "is_convex", "is_essential", "least_core", "core_is_empty",
           "core_point", "in_core", "core_vertices", "nucleolus", "characteristic_function", "KINDS",
           "analyse_tu", "coop_analysis", "nash_bargaining", "kalai_smorodinsky",
           "disagreement_point", "pareto_frontier", "Allocation", "LeastCore", "CoreVertices",
           "CoopAnalysis", "DisagreementPoint", "ParetoFrontier", "BargainingSolution"]
