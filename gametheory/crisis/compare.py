"""What prior coordination changes: a model's game with and without its understandings.

For a crisis model with prior understandings (see :mod:`gametheory.crisis.model`),
the *unilateral* regime has none of them in force and the *coordinated*
regime all of them (of alternative leads, the one the parties settle on:
:mod:`gametheory.crisis.leads`).  Each regime is solved by
:func:`~gametheory.crisis.regime.solve_regime` (every equilibrium for games
this size), and the best
correlated equilibria are added: the distribution a mediator, or a
pre-agreed plan, could recommend so that every party prefers to follow it
(Aumann 1974).  Every outcome is described the same way: each party's
expected payoff (parties that do not move included), the total, and the
expected level of each attribute the source fears (risks on a 0..1 scale:
probabilities).  Efficiency is measured against the utilitarian optimum (the
profile with the largest total payoff): the price of anarchy and of
stability are the total payoff lost at the worst and at the best equilibrium
(differences, since payoffs here are losses and ratios would mislead; Koutsoupias
and Papadimitriou 1999; Anshelevich et al. 2004), and an outcome is
Pareto-dominated when some distribution over profiles gives every party at
least as much and one party more.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..conflict.summary import ConflictSummary, conflict_summary
from ..display import Displayable
from .bayesian import BayesComparison, bayes_compare
from .leads import LeadChoice, lead_choice
from .model import Model
from .regime import Outcome, Regime, solve_regime

__all__ = ["Outcome", "Regime", "Comparison", "compare"]

@dataclass(frozen=True)
class Comparison(Displayable):
    model: Model
    regimes: tuple[Regime, ...]
    conflict: ConflictSummary | None = None   # the graph-model view (models with a conflict file)
    bayes: BayesComparison | None = None      # the Bayes-Nash view (models with [[type]] tables)
    leads: LeadChoice | None = None           # the lead roles settled (models with [[lead]] tables)

    def nash_range(self, regime: Regime, party: str) -> tuple[Any, Any]:
        """Worst and best payoff of ``party`` over the regime's Nash equilibria, the vertices of
        any described continuum included (:attr:`Regime.nash_outcomes`)."""
        values = [o.payoffs[party] for o in regime.nash_outcomes]
        return min(values), max(values)

    def tree_range(self, regime: Regime, party: str) -> tuple[Any, Any]:
        """Worst and best payoff of ``party`` over the subgame-perfect outcomes of the tree."""
        values = [o.payoffs[party] for o in regime.tree_outcomes]
        return min(values), max(values)


def compare(model: Model, weights=None, extras: bool = True) -> Comparison:
    """The model's game without and with its prior understandings, side by side.

    ``extras=False`` gives a lean comparison for sweeps and threshold scans:
    the Nash equilibria (and described continua) of each regime and the
    welfare-maximising correlated equilibrium of the first (the one the
    built-in conclusions read), without Pareto dominance
    (``Outcome.pareto_dominated`` is None, ``Regime.pareto_profiles`` empty), the egalitarian correlated
    equilibrium, bargaining, the game tree or the selection panel.

    ``weights`` (``(party, attribute) -> weight``) replaces the model's
    default weights where given.  With ``extras`` (the default), each regime
    also has the bargaining outcomes without transfers (Nash and
    Kalai-Smorodinsky, from each mover's security level), the subgame-perfect
    outcomes of the model as a game tree (models with scenarios or a
    ``[timing]`` table), and, for models that allow transfers
    (``transfers = true``), the cooperative benchmark: the worth of the grand
    coalition, the Shapley value, the nucleolus and the core; and, for models that name a
    graph-model version of the case (``[model] conflict``), its stability analysis alone and
    in coalition (:func:`~gametheory.conflict.summary.conflict_summary`); and, for models whose
    ``[[type]]`` tables give parties private types, the Bayes-Nash view of both regimes
    (``Comparison.bayes``, :func:`~gametheory.crisis.bayesian.bayes_compare`).

    For models with ``[[lead]]`` tables the coordinated regime has the lead roles the parties
    settle by bargaining (``Comparison.leads``, :func:`~gametheory.crisis.leads.lead_choice`),
    in lean comparisons too.

    Examples
    --------
    >>> import gametheory as gt
    >>> c = compare(gt.load_model("coordinated"))
    >>> [r.name for r in c.regimes]
    ['unilateral', 'coordinated']
    >>> [str(x) for x in c.nash_range(c.regimes[0], "US")]
    ['-39/20', '-39/20']
    """
    if weights is not None:
        weights = {**model.default_weights(), **weights}
    conflict = bayes = None
    if extras and model.conflict is not None:
        conflict = conflict_summary(model.conflict)
    leads = lead_choice(model, weights) if model.leads and model.understandings else None
    if extras and model.types:          # coordinated: with the lead roles settled, as below
        bayes = bayes_compare(model if leads is None else replace(model, in_force=leads.in_force))
    if not model.understandings:
        return Comparison(model, (solve_regime(model, "as given", weights, extras),), conflict, bayes)
    agreed = model.with_understandings(leads.in_force if leads is not None else None)
    return Comparison(model, (solve_regime(model.with_understandings([]), "unilateral", weights, extras),
                              solve_regime(agreed, "coordinated", weights, extras, correlated=extras)),
                      conflict, bayes, leads)

