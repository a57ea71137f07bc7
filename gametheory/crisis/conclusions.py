"""Conclusions about a comparison, as data: each true or false for a comparison, with a margin.

A ``Conclusion`` is a statement about a
``Comparison`` of the model without and with
its understandings ("coordination does not lower the ROK's worst equilibrium
payoff").  It has a ``margin``: a number that is nonnegative (positive, for a
strict conclusion) exactly when the conclusion holds, so that a threshold
search can find where it flips (``gametheory.crisis.thresholds``).

``builtin_conclusions`` gives the conclusions every model is checked for:
per party, that coordination does not lower its worst or best equilibrium
payoff (and the same for every party at once); per bad outcome, that the
unilateral game has an equilibrium where it can happen and that coordination
does not raise its worst equilibrium risk; per mover, whether its action in
the *selected* equilibrium changes; and that the best correlated equilibrium
beats every Nash equilibrium in the movers' total.

The selected equilibrium of a regime (``selected``), a stated rule: the
payoff-dominant one among the Nash equilibria and the vertices of the
described continua (every mover gets at least as much, someone more) when
there is one, else the one with the largest total of the movers' payoffs
(the first listed on a tie).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..display import Displayable
from .compare import Comparison, Outcome, Regime
from .model import Model

__all__ = ["Conclusion", "builtin_conclusions", "bayes_conclusions", "selected", "coordination_values",
           "MEASURES"]

#: The equilibrium payoffs a value of coordination is computed for.
MEASURES = ("worst", "best", "selected")


@dataclass(frozen=True)
class Conclusion(Displayable):
    """A statement about a comparison.

    Attributes
    ----------
    name : str
        A short identifier, e.g. ``"worst_payoff.ROK"``.
    text : str
        The statement for people.
    margin : callable
        ``margin(comparison)``: a number, nonnegative (positive when
        ``strict``) exactly when the statement holds, unless ``truth`` is given.
    strict : bool
        Whether the margin must be positive.
    truth : callable, optional
        ``truth(comparison) -> bool`` when the truth is not simply the margin's
        sign (a combination of several statements).

    Notes
    -----
    ``holds(comparison)`` says whether the statement holds.  Conclusions of your
    own go to ``sweep`` and
    ``thresholds`` as ``extra``; with worker
    processes their functions must pickle (module-level functions, or
    ``parse_conclusion``).  The threshold search
    uses the margin to find where a conclusion flips exactly.

    Examples
    --------
    >>> import gametheory as gt
    >>> def us_no_worse(c):
    ...     return c.nash_range(c.regimes[1], "US")[0] - c.nash_range(c.regimes[0], "US")[0]
    >>> mine = gt.Conclusion("us", "coordination does not hurt the US's worst case", us_no_worse)
    >>> c = gt.compare(gt.load_model("loose-nukes"), extras=False)
    >>> mine.holds(c), mine.margin(c)
    (True, Fraction(7, 10))
    """

    name: str
    text: str
    margin: Callable[[Comparison], Any]
    strict: bool = False
    truth: Callable[[Comparison], bool] | None = None

    def holds(self, comparison: Comparison) -> bool:
        """Whether the statement holds for ``comparison``."""
        if self.truth is not None:
            return bool(self.truth(comparison))
        m = self.margin(comparison)
        return bool(m > 0) if self.strict else bool(m >= 0)

    def test(self, comparison: Comparison) -> bool:
        """Same as ``holds`` (the earlier name)."""
        return self.holds(comparison)


def _movers_total(model: Model, o: Outcome) -> Any:
    return sum((o.payoffs[p.name] for p in model.players), Fraction(0))


def selected(model: Model, regime: Regime) -> Outcome:
    """The selected equilibrium of a regime (see the module notes for the rule)."""
    outcomes = regime.nash_outcomes
    movers = [p.name for p in model.players]

    def dominates(a: Outcome, b: Outcome) -> bool:
        return (all(a.payoffs[p] >= b.payoffs[p] for p in movers)
                and any(a.payoffs[p] > b.payoffs[p] for p in movers))

    for o in outcomes:
        if all(o is other or dominates(o, other) for other in outcomes):
            return o
    totals = [_movers_total(model, o) for o in outcomes]
    return outcomes[max(range(len(outcomes)), key=lambda k: (totals[k], -k))]


def _action(model: Model, outcome: Outcome, party: int) -> tuple:
    """A mover's marginal distribution over its actions at an outcome."""
    mu = np.asarray(outcome.distribution, dtype=object)
    axes = tuple(i for i in range(mu.ndim) if i != party)
    return tuple(mu.sum(axis=axes)) if axes else tuple(mu)


def worst_risk(regime: Regime, attribute: str) -> Any:
    """The largest expected level of a bad attribute over the regime's Nash outcomes."""
    return max(o.risks[attribute] for o in regime.nash_outcomes)


def builtin_conclusions(model: Model) -> list[Conclusion]:
    """The conclusions every comparison of ``model`` is checked for.

    In this order: coordination does not lower any party's worst
    (``worst_payoff.all``) or best (``best_payoff.all``) equilibrium payoff; per
    party, that it does not lower its worst (``worst_payoff.PARTY``) or best
    (``best_payoff.PARTY``) equilibrium payoff; per bad attribute, that the
    unilateral game has an equilibrium where it occurs (``unilateral_risk.ATTRIBUTE``,
    strict) and that coordination does not raise its worst equilibrium level
    (``worst_risk.ATTRIBUTE``); per mover, that coordination changes its action in
    the selected equilibrium (``action_changes.PARTY``, strict); and that the best
    correlated equilibrium beats every Nash equilibrium in the movers' total in the
    first regime (``correlation_gain``, strict; the only one for a model without
    understandings).  Equilibrium payoffs and levels range over the Nash equilibria
    and the vertices of described continua.

    The selected equilibrium of a regime is the payoff-dominant one among the Nash
    equilibria and continuum vertices (every mover gets at least as much, someone
    more) when there is one, else the one with the largest total of the movers'
    payoffs (the first listed on a tie).

    Parameters
    ----------
    model : Model

    Returns
    -------
    list of Conclusion
        Each of them reads a ``Comparison`` of ``model``.

    Examples
    --------
    >>> import gametheory as gt
    >>> names = [c.name for c in builtin_conclusions(gt.load_model("coordinated"))]
    >>> names[:3], "correlation_gain" in names
    (['worst_payoff.all', 'best_payoff.all', 'worst_payoff.US'], True)
    >>> [c.name for c in builtin_conclusions(gt.load_model("loose-nukes"))][-3:]
    ['action_changes.US', 'action_changes.PRC', 'correlation_gain']
    """
    parties = [p.name for p in model.parties]
    bad = [a.name for a in model.attributes if a.bad]
    out: list[Conclusion] = []
    if model.understandings:
        def change(end: int, p: str) -> Callable[[Comparison], Any]:
            return lambda c: c.nash_range(c.regimes[1], p)[end] - c.nash_range(c.regimes[0], p)[end]

        def change_all(end: int) -> Callable[[Comparison], Any]:
            return lambda c: min(change(end, p)(c) for p in parties)

        def unilateral_risk(a: str) -> Callable[[Comparison], Any]:
            return lambda c: worst_risk(c.regimes[0], a)

        def risk_change(a: str) -> Callable[[Comparison], Any]:
            return lambda c: worst_risk(c.regimes[0], a) - worst_risk(c.regimes[1], a)

        def action_change(k: int) -> Callable[[Comparison], Any]:
            return lambda c: Fraction(1) if _action(model, selected(model, c.regimes[0]), k) \
                != _action(model, selected(model, c.regimes[1]), k) else Fraction(-1)

        for end, word in ((0, "worst"), (1, "best")):
            out.append(Conclusion(
                f"{word}_payoff.all",
                f"coordination does not lower any party's {word} equilibrium payoff",
                change_all(end)))
        for p in parties:
            for end, word in ((0, "worst"), (1, "best")):
                out.append(Conclusion(f"{word}_payoff.{p}",
                                      f"coordination does not lower {p}'s {word} equilibrium payoff",
                                      change(end, p)))
        for a in bad:
            out.append(Conclusion(
                f"unilateral_risk.{a}", f"the unilateral game has an equilibrium with {a} risk",
                unilateral_risk(a), strict=True))
            out.append(Conclusion(
                f"worst_risk.{a}", f"coordination does not raise the worst equilibrium {a} risk",
                risk_change(a)))
        for k, mover in enumerate(model.players):
            out.append(Conclusion(
                f"action_changes.{mover.name}",
                f"coordination changes {mover.name}'s action in the selected equilibrium",
                action_change(k), strict=True))
    movers = [p.name for p in model.players]

    def gain(c: Comparison) -> Any:
        first = c.regimes[0]
        ce = next(o for o in first.outcomes if o.kind == "correlated (welfare)")
        return (sum((ce.payoffs[p] for p in movers), Fraction(0))
                - max(sum((o.payoffs[p] for p in movers), Fraction(0)) for o in first.nash_outcomes))

    out.append(Conclusion("correlation_gain",
                          "the best correlated equilibrium beats every Nash equilibrium in the "
                          "movers' total (first regime)", gain, strict=True))
    return out


def coordination_values(model: Model, comparison: Comparison) -> dict[tuple[str, str], Any]:
    """Each party's value of coordination: its equilibrium payoff with the understandings
    minus without.

    Parameters
    ----------
    model : Model
    comparison : Comparison
        ``compare(model)`` (a lean one, ``extras=False``, is enough).

    Returns
    -------
    dict
        ``(party, measure) -> value`` for every party (movers or not) and each
        ``measure`` of ``"worst"``, ``"best"`` (over the Nash equilibria and
        continuum vertices) and ``"selected"`` (the selected equilibrium, see
        ``builtin_conclusions``); empty for a model without understandings.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.load_model("loose-nukes")
    >>> values = coordination_values(m, gt.compare(m, extras=False))
    >>> str(values[("US", "worst")]), str(values[("PRC", "selected")])
    ('7/10', '9/10')
    """
    if len(comparison.regimes) < 2:
        return {}
    without, with_ = comparison.regimes
    chosen = (selected(model, without), selected(model, with_))
    out = {}
    for p in (q.name for q in model.parties):
        lo0, hi0 = comparison.nash_range(without, p)
        lo1, hi1 = comparison.nash_range(with_, p)
        out[(p, "worst")] = lo1 - lo0
        out[(p, "best")] = hi1 - hi0
        out[(p, "selected")] = chosen[1].payoffs[p] - chosen[0].payoffs[p]
    return out


def bayes_conclusions(model: Model) -> list[Conclusion]:
    """The conclusions a model with private types is checked for, on its
    ``bayes_compare``: per bad outcome, that coordination does not raise the worst expected
    risk over the Bayes-Nash equilibria; per moving party, that it does not lower its worst
    ex-ante payoff.  Empty for a model without understandings.

    ``gt.thresholds(..., view="bayes")`` follows them (the default when a type
    probability ``type.PARTY.TYPE`` is varied), as does ``gt.sweep(..., view="bayes")``.

    Parameters
    ----------
    model : Model
        A model with ``[[type]]`` tables.

    Returns
    -------
    list of Conclusion
        ``bayes_worst_risk.ATTRIBUTE`` per bad attribute, then
        ``bayes_worst_payoff.PARTY`` per moving party; their margins read a
        ``BayesComparison``.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.load_model("loose-nukes-types")
    >>> [c.name for c in bayes_conclusions(m)][:2]
    ['bayes_worst_risk.loose_nukes', 'bayes_worst_risk.clash']
    >>> [c.holds(gt.bayes_compare(m)) for c in bayes_conclusions(m)]
    [True, True, True, True]
    """
    if not model.understandings:
        return []

    # the margins take a BayesComparison
    def risk_change(a: str) -> Callable[[Any], Any]:
        return lambda c: (max(r[a] for r in c.regimes[0].risks)
                          - max(r[a] for r in c.regimes[1].risks))

    def payoff_change(k: int) -> Callable[[Any], Any]:
        return lambda c: (min(e.payoffs[k] for e in c.regimes[1].result.equilibria)
                          - min(e.payoffs[k] for e in c.regimes[0].result.equilibria))

    out = []
    for a in (x.name for x in model.attributes if x.bad):
        out.append(Conclusion(
            f"bayes_worst_risk.{a}",
            f"with private types, coordination does not raise the worst expected {a} risk",
            risk_change(a)))
    for k, p in enumerate(q.name for q in model.players):
        out.append(Conclusion(
            f"bayes_worst_payoff.{p}",
            f"with private types, coordination does not lower {p}'s worst expected payoff",
            payoff_change(k)))
    return out
