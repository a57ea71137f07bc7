"""What prior coordination changes: a model's game with and without its understandings.

For a crisis model with prior understandings (see ``gametheory.crisis.model``),
the *unilateral* regime has none of them in force and the *coordinated*
regime all of them (of alternative leads, the one the parties settle on:
``gametheory.crisis.leads``).  Each regime is solved by
``solve_regime`` (every equilibrium for games
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
    """A model's game without and with its prior understandings (made by ``compare``).

    ``gt.render(c, fmt)`` writes it as ``gametheory compare`` prints it and
    ``gt.to_dict(c)`` as JSON (schema ``gametheory.compare/1``).

    Attributes
    ----------
    model : Model
        The model compared.
    regimes : tuple of Regime
        ``unilateral`` (no understanding in force) and ``coordinated`` (all of
        them), or one regime ``as given`` for a model without understandings.
    conflict : ConflictSummary or None
        The graph-model view (models with ``[model] conflict``): that conflict's
        equilibria alone and with all parties as one coalition, the ones some
        coalition breaks, and the status quo with no option taken.
    bayes : BayesComparison or None
        The Bayes-Nash view of a model with private types
        (``bayes_compare``).
    leads : LeadChoice or None
        The lead-role stage of a model with ``[[lead]]`` tables
        (``lead_choice``); the coordinated regime then
        has the allocation chosen.

    Notes
    -----
    Each regime (``Regime``) has ``name``,
    ``in_force`` (the understandings in force), ``method`` (the solver used),
    ``complete`` (every equilibrium listed), ``notes`` and ``outcomes``.  Each
    outcome has ``kind`` (``"Nash equilibrium 1"``, ``"correlated (welfare)"``,
    ``"correlated (egalitarian)"``, ...), ``distribution`` (an array over the
    movers' profiles), ``payoffs`` (every party's expected payoff, movers or not),
    ``welfare`` (their total), ``risks`` (bad attribute -> expected level),
    ``exact`` and ``pareto_dominated``: whether some distribution over profiles
    gives every party at least as much and one more, decided by a linear program
    certified in exact arithmetic for exact outcomes (None in a lean comparison).

    A regime also has ``optimum`` and ``optimum_profile`` (the utilitarian
    optimum: the profile with the largest total payoff), ``pareto_profiles`` (the
    pure profiles that no other pure profile Pareto-dominates), ``continuum``
    (vertices of described continua of equilibria), ``accounted`` (whether the
    listed equilibria and continua hold every equilibrium), ``selection`` (the
    selection panel), and, with ``extras``, ``bargaining`` and ``disagreement``,
    ``tree_outcomes`` and ``tree_complete``, and ``transferable`` (see
    ``compare``).  Its welfare losses are differences, because payoffs in
    crisis models are often negative: ``price_of_anarchy`` and
    ``price_of_stability`` (the optimum minus the worst and the best Nash
    equilibrium's total), and against the best correlated equilibrium
    ``anarchy_against_correlated`` (best correlated minus worst Nash total) and
    ``correlation_gain`` (best correlated minus best Nash total).

    Examples
    --------
    >>> import gametheory as gt
    >>> c = gt.compare(gt.load_model("loose-nukes"))
    >>> [(r.name, r.in_force) for r in c.regimes]
    [('unilateral', ()), ('coordinated', ('deconfliction',))]
    >>> first = c.regimes[0]
    >>> [o.kind for o in first.outcomes]
    ['Nash equilibrium 1', 'correlated (welfare)', 'correlated (egalitarian)']
    >>> first.optimum_profile, str(first.price_of_anarchy), str(first.correlation_gain)
    (('Wait', 'Move in'), '3/5', '0')
    >>> [str(x) for x in c.nash_range(c.regimes[1], "US")]
    ['-7/10', '-7/10']
    >>> c.conflict, c.bayes, c.leads
    (None, None, None)
    """

    model: Model
    regimes: tuple[Regime, ...]
    conflict: ConflictSummary | None = None   # the graph-model view (models with a conflict file)
    bayes: BayesComparison | None = None      # the Bayes-Nash view (models with [[type]] tables)
    leads: LeadChoice | None = None           # the lead roles settled (models with [[lead]] tables)

    def nash_range(self, regime: Regime, party: str) -> tuple[Any, Any]:
        """Worst and best payoff of ``party`` over the regime's Nash equilibria, the vertices of
        any described continuum included (``Regime.nash_outcomes``)."""
        values = [o.payoffs[party] for o in regime.nash_outcomes]
        return min(values), max(values)

    def tree_range(self, regime: Regime, party: str) -> tuple[Any, Any]:
        """Worst and best payoff of ``party`` over the subgame-perfect outcomes of the tree."""
        values = [o.payoffs[party] for o in regime.tree_outcomes]
        return min(values), max(values)


def compare(model: Model, weights=None, extras: bool = True) -> Comparison:
    """The model's game without and with its prior understandings, side by side.

    Each regime's game is solved for every equilibrium (method ``auto``), and the
    welfare-maximising and egalitarian correlated equilibria are added (Aumann
    1974); every outcome is described by every party's expected payoff (parties
    that do not move included), the total, and the expected level of each bad
    outcome.  The unilateral regime has no understanding in force, the coordinated
    one all of them; a model without understandings gives one regime, ``as
    given``.

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
    in coalition (``conflict_summary``); and, for models whose
    ``[[type]]`` tables give parties private types, the Bayes-Nash view of both regimes
    (``Comparison.bayes``, ``bayes_compare``).

    For models with ``[[lead]]`` tables the coordinated regime has the lead roles the parties
    settle by bargaining (``Comparison.leads``, ``lead_choice``),
    in lean comparisons too.

    Parameters
    ----------
    model : Model
    weights : mapping, optional
        ``(party, attribute) -> weight``, replacing the default weights where given.
    extras : bool
        Whether to add the egalitarian correlated equilibrium, Pareto dominance,
        bargaining, the game tree, the cooperative benchmark, the graph-model and
        Bayes-Nash views and the selection panel (default True; ``sweep`` and
        ``thresholds`` pass False).

    Returns
    -------
    Comparison

    References
    ----------
    Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies.
    Journal of Mathematical Economics 1.
    Koutsoupias, E. and Papadimitriou, C. (1999). Worst-case equilibria. STACS 99.
    Anshelevich, E. et al. (2004). The price of stability for network design with
    fair cost allocation. FOCS 2004.

    Examples
    --------
    >>> import gametheory as gt
    >>> c = compare(gt.load_model("coordinated"))
    >>> [r.name for r in c.regimes]
    ['unilateral', 'coordinated']
    >>> [str(x) for x in c.nash_range(c.regimes[0], "US")]
    ['-39/20', '-39/20']
    >>> [(r.name, r.complete) for r in c.regimes]
    [('unilateral', True), ('coordinated', True)]
    >>> [str(o.risks["clash"]) for o in c.regimes[0].outcomes]
    ['1/10', '1/10', '1/10']
    >>> c.regimes[1].in_force, dict(c.leads.chosen.leaders)
    (('deconfliction', 'rok_leads_aid'), {'delivery of humanitarian assistance': 'ROK'})
    >>> lean = compare(gt.load_model("coordinated"), extras=False)
    >>> [o.kind for o in lean.regimes[0].outcomes], lean.regimes[0].outcomes[0].pareto_dominated
    (['Nash equilibrium 1', 'correlated (welfare)'], None)
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

