"""gametheory: verified equilibria for the analysis of multi-party crises.

The public API: the game model, the solvers (each a plain function of the
game, and :func:`solve` by method name), the result record, file reading and
writing, and the exceptions.

Examples
--------
>>> import gametheory as gt
>>> game = gt.read_game("chicken")
>>> result = gt.solve(game, method="vertex", exact=True)
>>> [str(p) for p in result.equilibria[1].strategies[0]]
['1/2', '1/2']
"""

from .crisis.compare import Comparison, compare, comparison_to_dict, format_comparison
from .conflict import (CoalitionalStability, ConflictModel, coalitional_stability, conflict_to_dict,
                       format_conflict, parse_conflict, read_conflict)
from .conflict import analyse as analyse_conflict
from .conflict import to_normal_form as conflict_to_normal_form
from .coop import (BargainingSolution, TUGame, banzhaf_value, characteristic_function, coop_to_dict,
                   core_is_empty, core_point, core_vertices, disagreement_point, format_coop,
                   in_core, is_convex, is_essential, is_superadditive, kalai_smorodinsky,
                   least_core, nash_bargaining, nucleolus, pareto_frontier, parse_tu, read_tu,
                   shapley_value)
from .analysis.correlated import (CorrelatedEquilibrium, correlated_equilibrium, correlated_gains,
                         is_correlated_equilibrium)
from .solvers.dominance import Elimination, EliminationStep, dominated_actions, iterated_elimination
from .errors import (ExactArithmeticError, GameError, GameFileError, GameTooLargeError,
                     InvalidGameError, SolverError, UnknownMethodError, VerificationError)
from .games.behavior import pure_actions, behavior_payoffs, behavior_regrets, behavior_to_mixed, mixed_to_behavior
from .games.tree import (ExtensiveFormGame, chance, decision,
                        outcome, reduced_normal_form)
from .report.tree import format_tree, plot_tree
from .solvers.sequence_form import SequenceForm, sequence_form, sequence_form_lemke
from .solvers.spe import backward_induction, subgame_perfect_equilibria, subgame_roots
from .games.normal import NormalFormGame, supports
from .io import (bundled_games, bundled_models, format_efg, format_nfg, load_model, parse_efg,
                 parse_nfg, read_efg, read_game, read_nfg, write_efg, write_game, write_nfg)
from .crisis.model import Model
from .report.solve import (elimination_to_dict, format_elimination, format_model, format_qre, format_result,
                     qre_to_dict, result_to_dict)
from .solvers.result import Equilibrium, SolverResult, default_tolerance
from .solvers.solve import METHODS, choose_method, solve
from .crisis.sweep import SweepResult, format_sweep, sweep, sweep_to_dict
from .solvers import (QRECurve, is_constant_sum, is_degenerate, lemke_howson, lemke_howson_gen,
                      logit_qre, polynomial_equilibria, qre_equilibria, simplicial_subdivision,
                      pure_equilibria, pure_equilibria_gen, support_enumeration,
                      support_enumeration_gen, vertex_enumeration, vertex_enumeration_gen, zero_sum)

__version__ = "0.1.0"

__all__ = [
    "NormalFormGame", "supports",
    "ExtensiveFormGame", "decision", "chance", "outcome", "backward_induction", "pure_actions",
    "reduced_normal_form", "read_efg", "write_efg", "parse_efg", "format_efg",
    "subgame_perfect_equilibria", "subgame_roots", "sequence_form_lemke", "sequence_form", "SequenceForm",
    "behavior_payoffs", "behavior_regrets", "mixed_to_behavior", "behavior_to_mixed", "format_tree", "plot_tree",
    "Equilibrium", "SolverResult", "default_tolerance",
    "solve", "METHODS", "choose_method",
    "pure_equilibria", "pure_equilibria_gen", "support_enumeration", "support_enumeration_gen",
    "vertex_enumeration", "vertex_enumeration_gen", "lemke_howson", "lemke_howson_gen",
    "zero_sum", "is_degenerate", "is_constant_sum", "polynomial_equilibria",
    "qre_equilibria", "logit_qre", "QRECurve", "simplicial_subdivision",
    "read_game", "write_game", "read_nfg", "write_nfg", "parse_nfg", "format_nfg", "bundled_games",
    "load_model", "bundled_models", "Model", "format_model",
    "format_result", "result_to_dict", "format_elimination", "elimination_to_dict",
    "format_qre", "qre_to_dict",
    "iterated_elimination", "dominated_actions", "Elimination", "EliminationStep",
    "compare", "Comparison", "format_comparison", "comparison_to_dict",
    "sweep", "SweepResult", "format_sweep", "sweep_to_dict",
    "correlated_equilibrium", "is_correlated_equilibrium", "correlated_gains", "CorrelatedEquilibrium",
    "TUGame", "read_tu", "parse_tu", "characteristic_function", "shapley_value", "banzhaf_value",
    "least_core", "core_is_empty", "core_point", "in_core", "core_vertices", "nucleolus",
    "is_superadditive", "is_convex", "is_essential", "nash_bargaining", "kalai_smorodinsky",
    "disagreement_point", "pareto_frontier", "BargainingSolution", "format_coop", "coop_to_dict",
    "ConflictModel", "read_conflict", "parse_conflict", "analyse_conflict", "format_conflict",
    "conflict_to_dict", "conflict_to_normal_form", "coalitional_stability", "CoalitionalStability",
    "GameError", "InvalidGameError", "GameFileError", "ExactArithmeticError", "GameTooLargeError",
    "UnknownMethodError", "SolverError", "VerificationError",
]
