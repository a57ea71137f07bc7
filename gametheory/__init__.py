"""gametheory: verified equilibria for the analysis of multi-party crises.

The public API, by layer (see ``docs/explanation/architecture.md``): game
types; ``solve`` and one function per method, named ``solve_<method>``
after the method (with ``iter_<method>`` twins that yield equilibria one by
one); the result records; analyses of equilibria; the cooperative and
conflict lenses; the crisis models; file reading and writing; one
``render`` for every record; and the exceptions.  Former names are kept
for one release as deprecated aliases (see ``DEPRECATED``).

Examples
--------
>>> import gametheory as gt
>>> game = gt.read_game("chicken")
>>> result = gt.solve(game, method="vertex", exact=True)
>>> [str(p) for p in result.equilibria[1].strategies[0]]
['1/2', '1/2']
"""

from __future__ import annotations

import warnings
from importlib import import_module
from typing import TYPE_CHECKING, Any

# The public names, imported on first use (PEP 562): ``import gametheory`` then costs little, and
# ``gametheory --help`` does not import scipy, sympy and every solver.  Type checkers read the
# imports below.
if TYPE_CHECKING:
    from .analysis.cheap_talk import TalkAnalysis, TalkOutcome, talk_outcomes
    from .analysis.correlated import (
        CorrelatedEquilibrium,
        correlated_equilibrium,
        correlated_gains,
        is_correlated_equilibrium,
    )
    from .analysis.genericity import (
        Genericity,
        PayoffTie,
        PerturbationCheck,
        payoff_ties,
        perturbation_check,
    )
    from .analysis.perfection import Perfection, is_weakly_dominated, perfection, perturbed_game
    from .analysis.repeated import (
        Deterrence,
        MinmaxValue,
        PayoffSet,
        RepeatedPlay,
        Sustainability,
        feasible_payoff_set,
        grim_trigger_threshold,
        minmax_values,
        repeated_play,
        sustainability,
    )
    from .analysis.selection import RiskComparison, Selection, TracingComparison, select
    from .analysis.sequential import (
        SequentialCheck,
        SequentialResult,
        sequential_check,
        sequential_equilibria,
    )
    from .analysis.signalling import (
        SignallingEquilibrium,
        SignallingResult,
        perfect_bayesian_equilibria,
    )
    from .analysis.tracing import Trace, bicentric_prior, tracing_procedure
    from .conflict import (
        CoalitionalStability,
        ConflictModel,
        ConflictReport,
        coalitional_stability,
        conflict_report,
    )
    from .conflict import analyse as analyse_conflict
    from .conflict import to_normal_form as conflict_to_normal_form
    from .context import Context, TimeLimitError
    from .coop import (
        Allocation,
        BargainingSolution,
        CoopAnalysis,
        CoreVertices,
        DisagreementPoint,
        LeastCore,
        ParetoFrontier,
        TUGame,
        analyse_tu,
        banzhaf_value,
        characteristic_function,
        core_is_empty,
        core_point,
        core_vertices,
        disagreement_point,
        in_core,
        is_convex,
        is_essential,
        is_superadditive,
        kalai_smorodinsky,
        least_core,
        nash_bargaining,
        nucleolus,
        pareto_frontier,
        shapley_value,
    )
    from .crisis.bayesian import BayesComparison, BayesRegime, bayes_compare, bayes_values
    from .crisis.choice import ChoiceOutcome, CoordinationChoice, TalksLevel, coordination_choice
    from .crisis.compare import Comparison, compare
    from .crisis.conclusions import (
        Conclusion,
        bayes_conclusions,
        builtin_conclusions,
        coordination_values,
    )
    from .crisis.expressions import parse_conclusion
    from .crisis.leads import LeadChoice, LeadOption, lead_choice
    from .crisis.ledger import Ledger, LedgerEntry, ledger
    from .crisis.lint import Finding, LintReport, lint
    from .crisis.model import Model
    from .crisis.parameters import Parameter, Uncertain
    from .crisis.payoffs import PayoffTable, payoff_table
    from .crisis.sensitivity import Discovery, Sensitivity, discover, sensitivity
    from .crisis.sweep import (
        ConclusionShare,
        CoordinationValue,
        SweepResult,
        sweep,
        wilson_interval,
    )
    from .crisis.thresholds import Flip, RegionMap, ThresholdResult, region_map, thresholds
    from .crisis.ties import TieExplanation, explain_tie
    from .errors import (
        ExactArithmeticError,
        GameError,
        GameFileError,
        GameTooLargeError,
        InvalidGameError,
        SolverError,
        UnknownMethodError,
        VerificationError,
    )
    from .games.agent_form import agent_form
    from .games.bayesian import BayesianGame
    from .games.behavior import (
        behavior_payoffs,
        behavior_regrets,
        behavior_to_mixed,
        mixed_to_behavior,
        pure_actions,
    )
    from .games.catalogue import textbook_game, textbook_games
    from .games.cheap_talk import cheap_talk
    from .games.normal import NormalFormGame, supports
    from .games.peers import from_nashpy, to_nashpy
    from .games.repeated import repeated_tree
    from .games.signalling import SignallingGame
    from .games.tree import ExtensiveFormGame, chance, decision, outcome, reduced_normal_form
    from .io import (
        bundled_games,
        bundled_models,
        format_efg,
        format_nfg,
        from_pygambit,
        load_model,
        parse_conflict,
        parse_efg,
        parse_nfg,
        parse_tu,
        read_conflict,
        read_efg,
        read_game,
        read_nfg,
        read_tu,
        to_pygambit,
        write_efg,
        write_game,
        write_nfg,
    )
    from .report import (
        plot_payoff_set,
        plot_region,
        plot_sobol,
        plot_threshold,
        plot_tree,
        plot_values,
        render,
        to_dict,
    )
    from .solvers import (
        QRECurve,
        is_constant_sum,
        is_degenerate,
        iter_lemke_howson,
        iter_pure,
        iter_support,
        iter_vertex,
        logit_qre,
        solve_lemke_howson,
        solve_polynomial,
        solve_pure,
        solve_qre,
        solve_simpdiv,
        solve_support,
        solve_vertex,
        solve_zero_sum,
    )
    from .solvers.agent_qre import solve_agent_qre
    from .solvers.bayes_nash import BayesNashEquilibrium, BayesNashResult, solve_bayes_nash
    from .solvers.dominance import (
        Elimination,
        EliminationStep,
        dominated_actions,
        iterated_elimination,
    )
    from .solvers.result import Equilibrium, SolverResult
    from .solvers.sequence_form import solve_sequence_form
    from .solvers.solve import METHODS, choose_method, solve
    from .solvers.spe import backward_induction, solve_spe

#: Where each public name lives: name -> module (relative to the package), or (module, attribute).
_LAZY: dict[str, Any] = {
    "TalkAnalysis": "analysis.cheap_talk",
    "TalkOutcome": "analysis.cheap_talk",
    "talk_outcomes": "analysis.cheap_talk",
    "CorrelatedEquilibrium": "analysis.correlated",
    "correlated_equilibrium": "analysis.correlated",
    "correlated_gains": "analysis.correlated",
    "is_correlated_equilibrium": "analysis.correlated",
    "Genericity": "analysis.genericity",
    "PayoffTie": "analysis.genericity",
    "PerturbationCheck": "analysis.genericity",
    "payoff_ties": "analysis.genericity",
    "perturbation_check": "analysis.genericity",
    "Perfection": "analysis.perfection",
    "is_weakly_dominated": "analysis.perfection",
    "perfection": "analysis.perfection",
    "perturbed_game": "analysis.perfection",
    "Deterrence": "analysis.repeated",
    "MinmaxValue": "analysis.repeated",
    "PayoffSet": "analysis.repeated",
    "RepeatedPlay": "analysis.repeated",
    "Sustainability": "analysis.repeated",
    "feasible_payoff_set": "analysis.repeated",
    "grim_trigger_threshold": "analysis.repeated",
    "minmax_values": "analysis.repeated",
    "repeated_play": "analysis.repeated",
    "sustainability": "analysis.repeated",
    "SequentialCheck": "analysis.sequential",
    "SequentialResult": "analysis.sequential",
    "sequential_check": "analysis.sequential",
    "sequential_equilibria": "analysis.sequential",
    "SignallingEquilibrium": "analysis.signalling",
    "SignallingResult": "analysis.signalling",
    "perfect_bayesian_equilibria": "analysis.signalling",
    "RiskComparison": "analysis.selection",
    "Selection": "analysis.selection",
    "TracingComparison": "analysis.selection",
    "select": "analysis.selection",
    "Trace": "analysis.tracing",
    "bicentric_prior": "analysis.tracing",
    "tracing_procedure": "analysis.tracing",
    "CoalitionalStability": "conflict",
    "ConflictModel": "conflict",
    "ConflictReport": "conflict",
    "coalitional_stability": "conflict",
    "conflict_report": "conflict",
    "analyse_conflict": ("conflict", "analyse"),
    "conflict_to_normal_form": ("conflict", "to_normal_form"),
    "Context": "context",
    "TimeLimitError": "context",
    "Allocation": "coop",
    "BargainingSolution": "coop",
    "CoopAnalysis": "coop",
    "CoreVertices": "coop",
    "DisagreementPoint": "coop",
    "LeastCore": "coop",
    "ParetoFrontier": "coop",
    "TUGame": "coop",
    "analyse_tu": "coop",
    "banzhaf_value": "coop",
    "characteristic_function": "coop",
    "core_is_empty": "coop",
    "core_point": "coop",
    "core_vertices": "coop",
    "disagreement_point": "coop",
    "in_core": "coop",
    "is_convex": "coop",
    "is_essential": "coop",
    "is_superadditive": "coop",
    "kalai_smorodinsky": "coop",
    "least_core": "coop",
    "nash_bargaining": "coop",
    "nucleolus": "coop",
    "pareto_frontier": "coop",
    "shapley_value": "coop",
    "BayesComparison": "crisis.bayesian",
    "BayesRegime": "crisis.bayesian",
    "bayes_compare": "crisis.bayesian",
    "bayes_values": "crisis.bayesian",
    "ChoiceOutcome": "crisis.choice",
    "CoordinationChoice": "crisis.choice",
    "TalksLevel": "crisis.choice",
    "coordination_choice": "crisis.choice",
    "Comparison": "crisis.compare",
    "compare": "crisis.compare",
    "LeadChoice": "crisis.leads",
    "LeadOption": "crisis.leads",
    "lead_choice": "crisis.leads",
    "Ledger": "crisis.ledger",
    "LedgerEntry": "crisis.ledger",
    "ledger": "crisis.ledger",
    "Finding": "crisis.lint",
    "LintReport": "crisis.lint",
    "lint": "crisis.lint",
    "Model": "crisis.model",
    "PayoffTable": "crisis.payoffs",
    "payoff_table": "crisis.payoffs",
    "Conclusion": "crisis.conclusions",
    "bayes_conclusions": "crisis.conclusions",
    "builtin_conclusions": "crisis.conclusions",
    "coordination_values": "crisis.conclusions",
    "parse_conclusion": "crisis.expressions",
    "Parameter": "crisis.parameters",
    "Uncertain": "crisis.parameters",
    "ConclusionShare": "crisis.sweep",
    "CoordinationValue": "crisis.sweep",
    "SweepResult": "crisis.sweep",
    "sweep": "crisis.sweep",
    "wilson_interval": "crisis.sweep",
    "Discovery": "crisis.sensitivity",
    "Sensitivity": "crisis.sensitivity",
    "discover": "crisis.sensitivity",
    "sensitivity": "crisis.sensitivity",
    "Flip": "crisis.thresholds",
    "RegionMap": "crisis.thresholds",
    "ThresholdResult": "crisis.thresholds",
    "region_map": "crisis.thresholds",
    "thresholds": "crisis.thresholds",
    "TieExplanation": "crisis.ties",
    "explain_tie": "crisis.ties",
    "ExactArithmeticError": "errors",
    "GameError": "errors",
    "GameFileError": "errors",
    "GameTooLargeError": "errors",
    "InvalidGameError": "errors",
    "SolverError": "errors",
    "UnknownMethodError": "errors",
    "VerificationError": "errors",
    "behavior_payoffs": "games.behavior",
    "behavior_regrets": "games.behavior",
    "behavior_to_mixed": "games.behavior",
    "mixed_to_behavior": "games.behavior",
    "pure_actions": "games.behavior",
    "agent_form": "games.agent_form",
    "BayesianGame": "games.bayesian",
    "textbook_game": "games.catalogue",
    "textbook_games": "games.catalogue",
    "cheap_talk": "games.cheap_talk",
    "NormalFormGame": "games.normal",
    "supports": "games.normal",
    "repeated_tree": "games.repeated",
    "SignallingGame": "games.signalling",
    "ExtensiveFormGame": "games.tree",
    "chance": "games.tree",
    "decision": "games.tree",
    "outcome": "games.tree",
    "reduced_normal_form": "games.tree",
    "bundled_games": "io",
    "bundled_models": "io",
    "format_efg": "io",
    "format_nfg": "io",
    "load_model": "io",
    "parse_conflict": "io",
    "parse_efg": "io",
    "parse_nfg": "io",
    "parse_tu": "io",
    "read_conflict": "io",
    "read_efg": "io",
    "read_game": "io",
    "from_pygambit": "io",
    "to_pygambit": "io",
    "from_nashpy": "games.peers",
    "to_nashpy": "games.peers",
    "read_nfg": "io",
    "read_tu": "io",
    "write_efg": "io",
    "write_game": "io",
    "write_nfg": "io",
    "plot_payoff_set": "report",
    "plot_region": "report",
    "plot_sobol": "report",
    "plot_threshold": "report",
    "plot_tree": "report",
    "plot_values": "report",
    "render": "report",
    "to_dict": "report",
    "QRECurve": "solvers",
    "is_constant_sum": "solvers",
    "is_degenerate": "solvers",
    "iter_lemke_howson": "solvers",
    "iter_pure": "solvers",
    "iter_support": "solvers",
    "iter_vertex": "solvers",
    "logit_qre": "solvers",
    "solve_lemke_howson": "solvers",
    "solve_polynomial": "solvers",
    "solve_pure": "solvers",
    "solve_qre": "solvers",
    "solve_simpdiv": "solvers",
    "solve_support": "solvers",
    "solve_vertex": "solvers",
    "solve_zero_sum": "solvers",
    "Elimination": "solvers.dominance",
    "EliminationStep": "solvers.dominance",
    "dominated_actions": "solvers.dominance",
    "iterated_elimination": "solvers.dominance",
    "Equilibrium": "solvers.result",
    "SolverResult": "solvers.result",
    "solve_sequence_form": "solvers.sequence_form",
    "METHODS": "solvers.solve",
    "choose_method": "solvers.solve",
    "solve": "solvers.solve",
    "BayesNashEquilibrium": "solvers.bayes_nash",
    "BayesNashResult": "solvers.bayes_nash",
    "solve_bayes_nash": "solvers.bayes_nash",
    "backward_induction": "solvers.spe",
    "solve_spe": "solvers.spe",
    "solve_agent_qre": "solvers.agent_qre",
}

from .display import set_display_loader as _set_display_loader  # noqa: E402
from .hooks import register_hook as _register_hook  # noqa: E402
from .version import __version__ as __version__  # noqa: E402 (the one version source)


def _load_report() -> None:
    """Import the report layer, which registers how records display (see gametheory.display)."""
    import importlib
    importlib.import_module(f"{__name__}.report")


_set_display_loader(_load_report)


def _from_pygambit(game: Any) -> Any:
    """A pygambit game as one of ours (the games layer calls this for trees, see gametheory.hooks)."""
    from .io.peers import from_pygambit
    return from_pygambit(game)


_register_hook("from_pygambit", _from_pygambit)

__all__ = [
    # games
    "NormalFormGame", "ExtensiveFormGame", "decision", "chance", "outcome", "reduced_normal_form",
    "agent_form",
    "supports", "behavior_payoffs", "behavior_regrets", "mixed_to_behavior", "behavior_to_mixed",
    "pure_actions", "repeated_tree", "BayesianGame", "cheap_talk", "SignallingGame", "textbook_game",
    "textbook_games",
    # solving: one entry point, one function per method, the records
    "solve", "METHODS", "choose_method", "Context",
    "solve_pure", "solve_support", "solve_vertex", "solve_lemke_howson", "solve_zero_sum",
    "solve_polynomial", "solve_qre", "solve_simpdiv", "solve_spe", "solve_sequence_form",
    "solve_agent_qre",
    "iter_pure", "iter_support", "iter_vertex", "iter_lemke_howson", "backward_induction",
    "Equilibrium", "SolverResult", "solve_bayes_nash", "BayesNashResult", "BayesNashEquilibrium",
    # analyses of a game and its equilibria
    "is_degenerate", "is_constant_sum", "logit_qre", "QRECurve",
    "iterated_elimination", "dominated_actions", "Elimination", "EliminationStep",
    "correlated_equilibrium", "is_correlated_equilibrium", "correlated_gains",
    "CorrelatedEquilibrium", "payoff_ties", "Genericity", "PayoffTie", "perturbation_check",
    "PerturbationCheck", "select", "Selection", "RiskComparison", "TracingComparison",
    "bicentric_prior", "tracing_procedure", "Trace", "perfection", "Perfection", "perturbed_game",
    "is_weakly_dominated",
    # signalling, sequential equilibria
    "perfect_bayesian_equilibria", "SignallingResult", "SignallingEquilibrium",
    "sequential_check", "sequential_equilibria", "SequentialCheck", "SequentialResult",
    # pre-play communication
    "talk_outcomes", "TalkAnalysis", "TalkOutcome",
    # repeated play
    "minmax_values", "MinmaxValue", "sustainability", "Sustainability", "Deterrence",
    "grim_trigger_threshold", "feasible_payoff_set", "PayoffSet", "repeated_play", "RepeatedPlay",
    # cooperative games
    "TUGame", "characteristic_function", "analyse_tu", "CoopAnalysis", "shapley_value",
    "banzhaf_value", "least_core", "core_is_empty", "core_point", "in_core", "core_vertices",
    "nucleolus", "is_superadditive", "is_convex", "is_essential", "Allocation", "LeastCore",
    "CoreVertices", "nash_bargaining", "kalai_smorodinsky", "disagreement_point",
    "pareto_frontier", "BargainingSolution", "DisagreementPoint", "ParetoFrontier",
    # conflicts (graph model)
    "ConflictModel", "analyse_conflict", "coalitional_stability", "CoalitionalStability",
    "conflict_report", "ConflictReport", "conflict_to_normal_form",
    # the crisis models
    "Model", "load_model", "bundled_models", "payoff_table", "PayoffTable", "compare",
    "Comparison", "sweep", "SweepResult", "explain_tie", "TieExplanation", "Parameter",
    "Uncertain", "Conclusion", "builtin_conclusions", "parse_conclusion", "coordination_values",
    "ConclusionShare", "CoordinationValue", "wilson_interval", "thresholds", "region_map",
    "ThresholdResult", "RegionMap", "Flip", "sensitivity", "Sensitivity", "discover", "Discovery",
    "lint", "LintReport", "Finding", "ledger", "Ledger", "LedgerEntry",
    "lead_choice", "LeadChoice", "LeadOption",
    "bayes_compare", "BayesComparison", "BayesRegime", "bayes_conclusions", "bayes_values", "coordination_choice", "CoordinationChoice",
    "ChoiceOutcome", "TalksLevel",
    # files
    "read_game", "write_game", "bundled_games", "from_nashpy", "to_nashpy", "from_pygambit",
    "to_pygambit", "read_nfg", "write_nfg", "parse_nfg",
    "format_nfg", "read_efg", "write_efg", "parse_efg", "format_efg", "read_conflict",
    "parse_conflict", "read_tu", "parse_tu",
    # reports
    "render", "to_dict", "plot_tree", "plot_values", "plot_threshold", "plot_region", "plot_sobol",
    "plot_payoff_set",
    # errors
    "GameError", "InvalidGameError", "GameFileError", "ExactArithmeticError", "GameTooLargeError",
    "UnknownMethodError", "SolverError", "VerificationError", "TimeLimitError",
]

#: Former public names, kept for one release: name -> (module, attribute there, what to use).
DEPRECATED: dict[str, tuple[str, str, str]] = {
    # solver functions, now named solve_<method> / iter_<method>
    "pure_equilibria": ("solvers.pure", "solve_pure", "solve_pure"),
    "pure_equilibria_gen": ("solvers.pure", "iter_pure", "iter_pure"),
    "support_enumeration": ("solvers.support", "solve_support", "solve_support"),
    "support_enumeration_gen": ("solvers.support", "iter_support", "iter_support"),
    "vertex_enumeration": ("solvers.vertex", "solve_vertex", "solve_vertex"),
    "vertex_enumeration_gen": ("solvers.vertex", "iter_vertex", "iter_vertex"),
    "lemke_howson": ("solvers.lemke_howson", "solve_lemke_howson", "solve_lemke_howson"),
    "lemke_howson_gen": ("solvers.lemke_howson", "iter_lemke_howson", "iter_lemke_howson"),
    "zero_sum": ("solvers.zero_sum", "solve_zero_sum", "solve_zero_sum"),
    "polynomial_equilibria": ("solvers.polynomial", "solve_polynomial", "solve_polynomial"),
    "qre_equilibria": ("solvers.qre", "solve_qre", "solve_qre"),
    "simplicial_subdivision": ("solvers.simpdiv", "solve_simpdiv", "solve_simpdiv"),
    "subgame_perfect_equilibria": ("solvers.spe", "solve_spe", "solve_spe"),
    "sequence_form_lemke": ("solvers.sequence_form", "solve_sequence_form", "solve_sequence_form"),
    # no longer top-level: still in their modules
    "default_tolerance": ("solvers.result", "default_tolerance",
                          "gametheory.solvers.result.default_tolerance"),
    "subgame_roots": ("solvers.spe", "subgame_roots", "gametheory.solvers.spe.subgame_roots"),
    "sequence_form": ("solvers.sequence_form", "sequence_form",
                      "gametheory.solvers.sequence_form.sequence_form"),
    "SequenceForm": ("solvers.sequence_form", "SequenceForm",
                     "gametheory.solvers.sequence_form.SequenceForm"),
    # formatters, now render(record, fmt) and to_dict(record); these warn when called
    **{name: ("report._deprecated", name, "render / to_dict") for name in (
        "format_result", "result_to_dict", "format_elimination", "elimination_to_dict",
        "format_qre", "qre_to_dict", "format_model", "format_comparison", "comparison_to_dict",
        "format_sweep", "sweep_to_dict", "format_conflict", "conflict_to_dict",
        "conflict_to_dot", "format_tree")},
    "format_coop": ("report.coop", "format_coop", "render(gt.analyse_tu(game), fmt)"),
    "coop_to_dict": ("report.coop", "coop_to_dict", "to_dict(gt.analyse_tu(game))"),
}


def __getattr__(name: str) -> Any:
    """A public name, imported on first use; or a deprecated name: the object it stands for now,
    with a ``DeprecationWarning``."""
    where = _LAZY.get(name)
    if where is not None:
        module, attribute = (where, name) if isinstance(where, str) else where
        value = getattr(import_module(f"{__name__}.{module}"), attribute)
        globals()[name] = value                     # found once; later lookups are direct
        return value
    if name not in DEPRECATED:
        raise AttributeError(f"module 'gametheory' has no attribute {name!r}")
    module, attribute, instead = DEPRECATED[name]
    if not module.startswith("report."):          # the former formatters warn when called
        warnings.warn(f"gametheory.{name} is deprecated and will be removed in the next "
                      f"release; use {instead}", DeprecationWarning, stacklevel=2)
    return getattr(import_module(f"{__name__}.{module}"), attribute)


def __dir__() -> list[str]:
    return sorted(__all__)
