"""Every text for people and programs: one ``render`` for every record and format.

The writers live one module per record family and register themselves with
``renders``; importing this package imports
them all.  Formatters take result records and never compute.

=====================  ==================================================  ============================
module                 records                                             formats
=====================  ==================================================  ============================
``solve``              ``SolverResult``                                    table, json, csv, latex
``dominance``          ``Elimination``                                     table, json
``qre``                ``QRECurve``                                        table, json, csv
``model``              ``PayoffTable``, ``Derivation`` (crisis models)     table
``tree``               ``ExtensiveFormGame``                               table (text drawing), plot
``comparison``         ``Comparison``                                      table, json, csv, latex
``sweep``              ``SweepResult``                                     table, json
``thresholds``         ``ThresholdResult``, ``RegionMap``                  table, json
``sensitivity``        ``Sensitivity``, ``Discovery``                      table, json
``conflict``           ``ConflictReport``, ``ImprovementGraph``,           table, json, dot
                       ``ConflictSummary``
``coop``               ``CoopAnalysis``                                    table, json
``repeated``           ``RepeatedPlay``                                    table, json
``bayes``              ``BayesNashResult``, ``BayesComparison``            table, json
``talk``               ``TalkAnalysis``                                    table, json
``choice``             ``CoordinationChoice``                              table, json
``leads``              ``LeadChoice``                                      table, json
``signalling``         ``SignallingResult``                                table, json
``lint``               ``LintReport``                                      table, json
``ledger``             ``Ledger``                                          table, markdown, latex, json
=====================  ==================================================  ============================

Every record with a JSON form also has ``dict`` (``to_dict``).  Numbers are written by
one formatter, ``gametheory.report._text``.  The former ``format_*`` and ``*_to_dict``
names are in ``gametheory.report._deprecated`` for one release.
"""

from . import (  # noqa: F401
               bayes,
               choice,
               comparison,
               conflict,
               coop,
               display,
               dominance,
               leads,
               ledger,
               lint,
               model,
               qre,
               repeated,
               selection,
               sensitivity,
               signalling,
               solve,
               sweep,
               talk,
               thresholds,
               tree,
)
from ._deprecated import (
               comparison_to_dict,
               conflict_to_dict,
               conflict_to_dot,
               elimination_to_dict,
               format_comparison,
               format_conflict,
               format_elimination,
               format_model,
               format_qre,
               format_result,
               format_sweep,
               format_tree,
               qre_to_dict,
               result_to_dict,
               sweep_to_dict,
)
from ._registry import formats_of, render, renders, to_dict
from .plots import plot_payoff_set, plot_region, plot_sobol, plot_threshold, plot_values
from .tree import PLOT_MAX_NODES, plot_tree

__all__ = ["render", "to_dict", "formats_of", "renders", "plot_tree", "PLOT_MAX_NODES",
           "plot_values", "plot_threshold", "plot_region", "plot_sobol", "plot_payoff_set",
           "format_result", "result_to_dict", "format_elimination", "elimination_to_dict",
           "format_qre", "qre_to_dict", "format_model", "format_comparison", "comparison_to_dict",
           "format_sweep", "sweep_to_dict", "format_conflict", "conflict_to_dict",
           "conflict_to_dot", "format_tree"]
