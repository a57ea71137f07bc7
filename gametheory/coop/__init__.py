"""Cooperative (coalitional) games: what coalitions can secure, and how to share it.

- :mod:`~gametheory.coop.tu`: transferable-utility games (:class:`TUGame`), from a
  characteristic function (Python or TOML);
- :mod:`~gametheory.coop.values`: the Shapley and Banzhaf values, and properties
  (superadditive, convex, essential);
- :mod:`~gametheory.coop.core`: the core, the least core and the nucleolus, by
  linear programs certified in rational arithmetic;
- :mod:`~gametheory.coop.derive`: the TU game of a strategic-form game (alpha, beta and
  equilibrium characteristic functions).
"""

from .bargaining import (BargainingSolution, disagreement_point, kalai_smorodinsky,
                         nash_bargaining, pareto_frontier)
from .derive import KINDS, characteristic_function
from .core import core_is_empty, core_point, core_vertices, in_core, least_core, nucleolus
from ..report.coop import coop_analysis, coop_to_dict, format_coop
from .tu import MAX_PLAYERS, TUGame, load_tu, parse_tu, read_tu
from .values import banzhaf_value, is_convex, is_essential, is_superadditive, shapley_value

__all__ = ["TUGame", "read_tu", "parse_tu", "load_tu", "MAX_PLAYERS", "shapley_value", "banzhaf_value",
           "is_superadditive", "is_convex", "is_essential", "least_core", "core_is_empty",
           "core_point", "in_core", "core_vertices", "nucleolus", "characteristic_function", "KINDS",
           "coop_analysis", "coop_to_dict", "format_coop", "nash_bargaining", "kalai_smorodinsky",
           "disagreement_point", "pareto_frontier", "BargainingSolution"]
