"""Conflict analysis with the Graph Model for Conflict Resolution (ordinal preferences).

- :mod:`~gametheory.conflict.model`: conflict models in option form (decision makers,
  options, infeasible states, irreversible options, rankings), built from Python (files are
  read by :mod:`gametheory.io.conflict_toml`);
- :mod:`~gametheory.conflict.stability`: Nash, GMR, SMR and SEQ stability for decision
  makers and coalitions, equilibria, and status-quo analysis;
- :mod:`~gametheory.conflict.coalitions`: stability against every coalition;
- :mod:`~gametheory.conflict.summary`: the analysis as records for the reports
  (:func:`conflict_report`, :func:`conflict_summary`);
- :mod:`~gametheory.conflict.normal_form`: a conflict as a game in strategic form.
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
