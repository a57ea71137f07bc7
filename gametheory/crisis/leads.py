"""Who leads: the lead roles settled inside the model, by bargaining over the alternatives.

A model's ``[[lead]]`` tables (``LeadArea``) name,
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
    """One allocation of the lead roles (an entry of ``LeadChoice.options``).

    Attributes
    ----------
    leaders : tuple of (str, str)
        ``(area, party)`` pairs: who leads each area.
    in_force : tuple of str
        The understandings it puts in force (the leaders', and the model's other
        understandings).
    payoffs : dict
        Each party's worst payoff over the Nash equilibria of the crisis with them
        (continuum vertices included).
    equilibria : int
        How many Nash outcomes that worst is over.
    acceptable : bool
        Whether no party at the table gets less than its disagreement payoff.
    nash_product : Fraction, float or None
        The product of the table's gains over the disagreement point (None when not
        acceptable).

    Examples
    --------
    >>> import gametheory as gt
    >>> o = gt.lead_choice(gt.load_model("coordinated")).options[2]
    >>> o.leaders, o.in_force, o.acceptable, str(o.nash_product)
    ((('delivery of humanitarian assistance', 'PRC'),), ('deconfliction', 'prc_leads_aid'), True, '6/125')
    """

    leaders: tuple[tuple[str, str], ...]
    in_force: tuple[str, ...]
    payoffs: dict[str, Any]
    equilibria: int
    acceptable: bool
    nash_product: Any


@dataclass(frozen=True)
class LeadChoice(Displayable):
    """The lead-role stage of a model (made by ``lead_choice``).

    ``gametheory leads MODEL`` prints it (JSON schema ``gametheory.leads/1``).

    Attributes
    ----------
    model : Model
    table : tuple of str
        The parties at the table: the candidate leaders, in the model's order.
    disagreement : dict
        Each party's worst Nash payoff with no understanding in force.
    options : tuple of LeadOption
        Every allocation (one leader per area), in the order of the ``[[lead]]``
        tables.
    chosen : LeadOption or None
        The acceptable allocation with the largest Nash product, the first listed on
        a tie; None when no allocation leaves every party at the table at least its
        disagreement payoff.
    tied : bool
        Whether another acceptable allocation has the same Nash product.
    in_force : tuple of str
        (property) The understandings in force once the roles are settled: the
        chosen allocation's, or, when none is acceptable, the model's
        understandings other than any lead.

    Examples
    --------
    >>> import gametheory as gt
    >>> choice = gt.lead_choice(gt.load_model("coordinated"))
    >>> choice.table, {p: str(v) for p, v in choice.disagreement.items()}
    (('US', 'ROK', 'PRC'), {'US': '-39/20', 'ROK': '-18/5', 'PRC': '-27/5', 'Japan': '-7/10'})
    >>> choice.in_force
    ('deconfliction', 'rok_leads_aid')
    """

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
    """Settle the model's lead roles by bargaining among the candidate leaders.

    An allocation picks one leader per ``[[lead]]`` area; with it, the model's
    other understandings are in force too.  The parties at the table (the
    candidate leaders) bargain over this finite set (Nash 1950, over the
    allocations, not lotteries among them): an allocation's value to a party is
    its worst payoff over the Nash equilibria of the crisis with it (the vertices of
    any described continuum included); the disagreement point is each party's
    worst Nash payoff with no understanding in force; an allocation is acceptable
    when every party at the table gets at least its disagreement payoff, and the
    chosen one has the largest Nash product of the gains among the acceptable ones
    (the first listed on a tie, ``tied`` says so; none acceptable: nobody leads).
    Each allocation costs one solve of the crisis game.  ``gametheory leads MODEL``
    prints the result (JSON schema ``gametheory.leads/1``);
    ``compare`` solves its coordinated regime with
    the allocation chosen.

    Parameters
    ----------
    model : Model
        A model with ``[[lead]]`` tables.
    weights : mapping, optional
        ``(party, attribute) -> weight`` replacing the default weights where given.

    Returns
    -------
    LeadChoice

    Raises
    ------
    InvalidGameError
        When the model has no ``[[lead]]`` table.

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. Econometrica 18.

    Examples
    --------
    >>> import gametheory as gt
    >>> choice = gt.lead_choice(gt.load_model("unilateral"))
    >>> [dict(o.leaders)["delivery of humanitarian assistance"] for o in choice.options]
    ['ROK', 'US', 'PRC']
    >>> dict(choice.chosen.leaders), choice.tied     # the US's lead does as well: a tie
    ({'delivery of humanitarian assistance': 'ROK'}, True)
    >>> [str(o.nash_product) for o in choice.options]
    ['42/125', '42/125', '6/125']

    With the default numbers the ROK's lead and the US's give every party the same
    payoffs (their effects differ only off the equilibrium path): the tie is
    reported, and the choice between them rests on the order of the ``[[lead]]``
    table.
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
