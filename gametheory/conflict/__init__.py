"""Conflict analysis with the Graph Model for Conflict Resolution (ordinal preferences).

- :mod:`~gametheory.conflict.model`: conflict models in option form (decision makers,
  options, infeasible states, irreversible options, rankings), from Python or TOML;
- :mod:`~gametheory.conflict.stability`: Nash, GMR, SMR and SEQ stability for decision
  makers and coalitions, equilibria, and status-quo analysis;
- :mod:`~gametheory.conflict.coalitions`: stability against every coalition.
"""

from .model import (MAX_OPTIONS, ConflictModel, DecisionMaker, bundled_conflicts, load_conflict,
                    parse_conflict, read_conflict)
from .coalitions import CoalitionalStability, coalitional_stability
from ..report.conflict import (conflict_summary, conflict_to_dict, conflict_to_dot, format_conflict,
                     format_conflict_summary, to_normal_form)
from .stability import CONCEPTS, Analysis, analyse, parse_grouping

__all__ = ["ConflictModel", "DecisionMaker", "parse_conflict", "read_conflict", "load_conflict",
           "bundled_conflicts", "MAX_OPTIONS",
           "Analysis", "analyse", "CONCEPTS", "parse_grouping", "conflict_to_dict", "format_conflict",
           "to_normal_form", "CoalitionalStability", "coalitional_stability", "conflict_summary",
           "format_conflict_summary", "conflict_to_dot"]
