"""Conflict analysis with the Graph Model for Conflict Resolution (ordinal preferences).

- ``model``: conflict models in option form (decision makers,
  options, infeasible states, irreversible options, rankings), built from Python (files are
  read by ``gametheory.io.conflict_toml``);
- ``stability``: Nash, GMR, SMR and SEQ stability for decision
  makers and coalitions, equilibria, and status-quo analysis;
- ``coalitions``: stability against every coalition;
- ``summary``: the analysis as records for the reports
  (``conflict_report``, ``conflict_summary``);
- ``normal_form``: a conflict as a game in strategic form.
"""

from .coalitions import CoalitionalStability, coalitional_stability
from .model import MAX_OPTIONS, ConflictModel, DecisionMaker
from .normal_form import to_normal_form
from .stability import CONCEPTS, Analysis, analyse, parse_grouping
from .summary import (
                      Change,
                      ConflictReport,
                      ConflictSummary,
                      Explanation,
                      ImprovementGraph,
                      Reachable,
                      StatusQuo,
                      conflict_report,
                      conflict_summary,
                      improvement_graph,
)

__all__ = ["ConflictModel", "DecisionMaker", "MAX_OPTIONS",
           "Analysis", "analyse", "CONCEPTS", "parse_grouping", "to_normal_form",
           "CoalitionalStability", "coalitional_stability", "conflict_report", "ConflictReport",
           "conflict_summary", "ConflictSummary", "improvement_graph", "ImprovementGraph",
           "Explanation", "Reachable", "Change", "StatusQuo"]
