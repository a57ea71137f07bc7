"""Who leads: the lead roles settled inside the model, by bargaining over the alternatives.

A model's ``[[lead]]`` tables (:class:`~gametheory.crisis.model.LeadArea`) name,
for an area such as the delivery of humanitarian assistance, each candidate
leader and the understanding its lead puts in force.  An *allocation* picks
one leader per area; with it, the model's other understandings are in force
too.  The parties at the table (the candidate leaders of the areas: a mover
that is no candidate, such as North Korea's regime, is not at the table) settle
the allocation by bargaining over this finite set of agreements (Nash 1950, "The Bargaining
Problem", Econometrica 18: the solution maximises the product of the gains
over the disagreement point; here over the allocations, not over lotteries
among them):

- the value of an allocation to a party is its **worst** payoff over the Nash
  equilibria of the crisis game with that allocation (the vertices of any
  described continuum included): a cautious reading, since who leads is agreed
  before anyone knows which equilibrium will be played;
- the **disagreement point** is each party's worst Nash payoff with no
  understanding in force: without agreement on who leads, the article's
  technical talks fail, and the crisis is met unilaterally;
- an allocation is **acceptable** when every party at the table gets at least
  its disagreement payoff (each can refuse); among the acceptable ones the
  **chosen** allocation has the largest Nash product, the first listed on a
  tie (``LeadChoice.tied`` says so).  When none is acceptable, nobody leads.

Every number is exact when the model's are; each allocation costs one solve of
the crisis game, so the choice is as cheap as the game.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..display import Displayable
from ..errors import InvalidGameError
from .model import Model
from .regime import solve_regime

__all__ = ["LeadOption", "LeadChoice", "lead_choice"]


@dataclass(frozen=True)
class LeadOption(Displayable):
    """One allocation of the lead roles: ``leaders`` (``(area, party)`` pairs), the
    understandings it puts in force, each party's ``payoffs`` (its worst over the
    ``equilibria`` Nash equilibria of the crisis with them), whether it is ``acceptable``
    (no party at the table below its disagreement payoff) and its Nash product (None when
    not)."""

    leaders: tuple[tuple[str, str], ...]
    in_force: tuple[str, ...]
    payoffs: dict[str, Any]
    equilibria: int
    acceptable: bool
    nash_product: Any


@dataclass(frozen=True)
class LeadChoice(Displayable):
    """The lead-role stage of a model: the parties at the ``table`` (the candidate leaders), the
    ``disagreement`` payoffs (no understanding in force), every allocation (``options``), the
    ``chosen`` one (None when no allocation is acceptable to every party at the table) and
    whether another allocation has the same Nash product (``tied``)."""

    model: Model
    table: tuple[str, ...]
    disagreement: dict[str, Any]
    options: tuple[LeadOption, ...]
    chosen: LeadOption | None
    tied: bool

    @property
    def in_force(self) -> tuple[str, ...]:
        """The understandings in force once the lead roles are settled: the chosen allocation's,
        or, when none is acceptable, the model's understandings other than any lead."""
        if self.chosen is not None:
            return self.chosen.in_force
        leads = {u for area in self.model.leads for u in area.understandings}
        return tuple(u.name for u in self.model.understandings if u.name not in leads)


def _worst(model: Model, weights: Mapping | None) -> tuple[dict[str, Any], int]:
    regime = solve_regime(model, "lead", weights, extras=False, correlated=False)
    outcomes = regime.nash_outcomes
    worst = {p.name: min(o.payoffs[p.name] for o in outcomes) for p in model.parties}
    return worst, len(outcomes)


def lead_choice(model: Model, weights: Mapping[tuple[str, str], Any] | None = None) -> LeadChoice:
    """Settle the model's lead roles by bargaining among the moving parties (module notes).

    Parameters
    ----------
    model : Model
        A model with ``[[lead]]`` tables.
    weights : mapping, optional
        ``(party, attribute) -> weight`` replacing the default weights where given.

    Returns
    -------
    LeadChoice

    Examples
    --------
    >>> import gametheory as gt
    >>> choice = gt.lead_choice(gt.load_model("unilateral"))
    >>> [dict(o.leaders)["delivery of humanitarian assistance"] for o in choice.options]
    ['ROK', 'US', 'PRC']
    >>> dict(choice.chosen.leaders), choice.tied     # the US's lead does as well: a tie
    ({'delivery of humanitarian assistance': 'ROK'}, True)
    """
    if not model.leads:
        raise InvalidGameError(f"{model.path}: the model has no [[lead]] table: nothing to settle")
    if weights is not None:
        weights = {**model.default_weights(), **weights}
    leads = {u for area in model.leads for u in area.understandings}
    others = [u.name for u in model.understandings if u.name not in leads]
    disagreement, _ = _worst(model.with_understandings([]), weights)
    candidates = {party for area in model.leads for party, _ in area.options}
    table = tuple(p.name for p in model.parties if p.name in candidates)
    options = []
    for combo in itertools.product(*(area.options for area in model.leads)):
        chosen = {u for _, u in combo}
        in_force = tuple(u.name for u in model.understandings
                         if u.name in chosen or u.name in others)
        payoffs, count = _worst(model.with_understandings(in_force), weights)
        gains = [payoffs[p] - disagreement[p] for p in table]
        acceptable = all(g >= 0 for g in gains)
        product = None
        if acceptable:
            product = Fraction(1) if all(isinstance(g, Fraction) for g in gains) else 1.0
            for g in gains:
                product *= g
        options.append(LeadOption(tuple((area.area, leader) for area, (leader, _)
                                        in zip(model.leads, combo)),
                                  in_force, payoffs, count, acceptable, product))
    ranked = [o for o in options if o.acceptable]
    best = max(ranked, key=lambda o: o.nash_product, default=None)
    tied = best is not None and sum(o.nash_product == best.nash_product for o in ranked) > 1
    return LeadChoice(model, table, disagreement, tuple(options), best, tied)
