"""Cooperative (coalitional) games: what coalitions can secure, and how to share it.

- ``tu``: transferable-utility games (``TUGame``), from a
  characteristic function (files are read by ``gametheory.io.tu_toml``);
- ``values``: the Shapley and Banzhaf values, and properties
  (superadditive, convex, essential);
- ``core``: the core, the least core and the nucleolus, by
  linear programs certified in rational arithmetic;
- ``derive``: the TU game of a strategic-form game (alpha, beta and
  equilibrium characteristic functions);
- ``bargaining``: bargaining without transfers (Nash,
  Kalai-Smorodinsky) over a strategic-form game;
- ``analysis``: every concept at once (``analyse_tu``);
- ``records``: the frozen result records all of these return.

Writing an analysis as text is the job of ``gametheory.report`` (``render``).
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
