"""The choice to coordinate: agreeing on the understandings as the first stage of the game.

Today's comparison switches the understandings on from outside.  Here the
moving parties first choose, at the same time, the level of talks each will
join: ``"none"`` or one of the model's ``[[talks]]`` levels (in the order the
model lists them, e.g. mid-level, then senior).  Agreement needs everyone, so
the talks held are at the lowest level proposed, and none if anyone refuses.
Held talks put the understandings in force and cost each party its ``cost`` at
that level; with probability ``discovery`` they become known, and each party's
payoff then changes by ``if_discovered`` (the article's worry that senior talks
raise "the specter of a tripartite intervention").  Then the parties play the
crisis game with or without the understandings, seeing whether talks were held.

The subgame-perfect equilibria are found by backward induction
(``coordination_choice``): each level's crisis game has the equilibria of
the game with or without the understandings (its constants change none of
them); for every choice of one equilibrium per level (the isolated ones and
the vertices of described continua), the first stage is a game in strategic
form over the proposals, solved for its pure equilibria (a proposal game is
degenerate: when one party refuses, the others are indifferent, so its mixed
equilibria form continua that add no outcome of interest and are not listed).
The equilibrium played after talks depends only on the level reached (not on
who proposed what): the list is the subgame-perfect equilibria of that kind with
pure proposals.  Not coordinating is
always among them when agreement needs everyone (if the others refuse, no one
can do better than refuse too); the result says which outcomes survive when no
party proposes a weakly dominated level.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..analysis.perfection import is_weakly_dominated
from ..display import Displayable
from ..errors import InvalidGameError, SolverError
from ..games.normal import NormalFormGame
from ..solvers.solve import solve
from .compare import Regime, compare
from .model import Model

__all__ = ["TalksLevel", "ChoiceOutcome", "CoordinationChoice", "coordination_choice"]


@dataclass(frozen=True)
class TalksLevel(Displayable):
    """A level of talks at which the understandings can be agreed.

    Attributes
    ----------
    name : str
    cost : tuple of (party, Fraction)
        What holding the talks costs each party (payoff units).
    discovery : Fraction
        The probability that the talks become known.
    if_discovered : tuple of (party, Fraction)
        Each party's payoff change when they do.
    quote : str
        The sentence of the source the level comes from.
    note : str
        Where the numbers come from (the modeller's assumptions, and why).

    Examples
    --------
    >>> import gametheory as gt
    >>> level = gt.load_model("talks").talks[0]
    >>> level.name, str(level.discovery), dict(level.cost)["US"], dict(level.if_discovered)["PRC"]
    ('mid-level', '1/10', Fraction(1, 10), Fraction(-1, 1))
    """

    name: str
    cost: tuple[tuple[str, Fraction], ...]
    discovery: Fraction
    if_discovered: tuple[tuple[str, Fraction], ...]
    quote: str
    note: str = ""


@dataclass(frozen=True)
class ChoiceOutcome(Displayable):
    """A distinct outcome of the subgame-perfect equilibria of the whole game.

    Attributes
    ----------
    levels : dict
        Level reached (``"none"`` or a level's name) -> its probability.
    payoffs : dict
        Party -> expected payoff, costs and discovery included.
    risks : dict
        Bad attribute -> expected level.
    count : int
        How many equilibria (selection and first-stage equilibrium) give it.
    undominated : bool
        Whether one of them has no party propose a weakly dominated level.

    Examples
    --------
    >>> import gametheory as gt
    >>> o = gt.coordination_choice(gt.load_model("talks")).outcomes[0]
    >>> o.levels, str(o.payoffs["US"]), str(o.risks["clash"]), o.count, o.undominated
    ({'mid-level': Fraction(1, 1)}, '-13/10', '0', 7, True)
    """

    levels: dict[str, Any]
    payoffs: dict[str, Any]
    risks: dict[str, Any]
    count: int
    undominated: bool


@dataclass(frozen=True)
class CoordinationChoice(Displayable):
    """The choice to coordinate as an equilibrium outcome.

    Attributes
    ----------
    model : Model
    levels : tuple of TalksLevel
    proposals : NormalFormGame or None
        The first stage for the first selection (for inspection).
    outcomes : tuple of ChoiceOutcome
        The distinct outcomes, most likely agreement first.
    value : dict
        Per party: its payoff in the equilibrium with the largest total of the
        movers' payoffs with the understandings, minus the same without (before
        costs): what talks could be worth.

    Examples
    --------
    >>> import gametheory as gt
    >>> c = gt.coordination_choice(gt.load_model("talks"))
    >>> [lv.name for lv in c.levels], c.proposals.actions[0]
    (['mid-level', 'senior'], ('none', 'mid-level', 'senior'))
    >>> {p: str(v) for p, v in c.value.items()}
    {'US': '4/5', 'ROK': '7/10', 'PRC': '3/5', 'Japan': '2/5'}
    """

    model: Model
    levels: tuple[TalksLevel, ...]
    proposals: NormalFormGame | None
    outcomes: tuple[ChoiceOutcome, ...]
    value: dict[str, Any]


def _continuations(regime: Regime, shift: dict[str, Fraction]) -> list[tuple[dict, dict]]:
    """The regime's equilibrium outcomes (isolated, and vertices of described continua) as
    (every party's payoff with the level's constant ``shift``, the expected risks)."""
    if not regime.accounted:
        raise SolverError(f"coordination choice: the equilibria of the {regime.name} crisis are not "
                          "all known, so the continuation after talks is not certain")
    return [({p: v + shift[p] for p, v in o.payoffs.items()}, dict(o.risks))
            for o in regime.nash_outcomes]


def coordination_choice(model: Model, levels: Any = None) -> CoordinationChoice:
    """Whether the parties agree on the understandings, as an equilibrium outcome.

    A first stage in which the moving parties each choose, at the same time, the
    level of talks to join (``"none"`` or a level); the lowest level proposed is
    held, none if anyone refuses.  Then the crisis is played with the
    understandings in force if talks were held, each party paying the level's
    ``cost`` and, with the level's ``discovery`` probability, its
    ``if_discovered`` change.  Backward induction: for every choice of one
    equilibrium of each level's crisis game (isolated, or a vertex of a described
    continuum), the pure equilibria of the proposal game (its mixed equilibria form
    continua that add no outcome of interest).  Not coordinating is always among
    the outcomes (if the others refuse, no one can do better than refuse too);
    ``undominated`` says which outcomes survive when no party proposes a weakly
    dominated level.

    Parameters
    ----------
    model : Model
        A model with understandings (their effects are what talks buy).
    levels : sequence of TalksLevel, optional
        The levels of talks (default: the model's ``[[talks]]`` tables).

    Returns
    -------
    CoordinationChoice

    Raises
    ------
    InvalidGameError
        For a model without understandings, no levels, or level names that repeat
        or are ``"none"``.
    SolverError
        When a regime's equilibria are not all known (the continuation after talks
        would not be certain).

    Examples
    --------
    >>> import gametheory as gt
    >>> c = coordination_choice(gt.load_model("talks"))
    >>> [o.levels for o in c.outcomes]
    [{'mid-level': Fraction(1, 1)}, {'none': Fraction(1, 1)}]
    >>> c = coordination_choice(gt.load_model("coordinated"), [TalksLevel(
    ...     "mid-level", (), Fraction(0), (), "firm, but quiet")])
    >>> [o.levels for o in c.outcomes]
    [{'mid-level': Fraction(1, 1)}, {'none': Fraction(1, 1)}]
    """
    if not model.understandings:
        raise InvalidGameError(f"{model.path}: the model has no understandings to agree on")
    levels = tuple(model.talks if levels is None else levels)
    if not levels:
        raise InvalidGameError(f"{model.path}: no levels of talks: add [[talks]] tables or pass levels")
    names = ["none"] + [lv.name for lv in levels]
    if len(set(names)) < len(names):
        raise InvalidGameError("coordination choice: level names must be distinct and not 'none'")
    movers = [p.name for p in model.players]
    parties = [p.name for p in model.parties]
    without, with_ = compare(model, extras=False).regimes     # the crisis after each level
    shift = {"none": {p: Fraction(0) for p in parties}}
    for lv in levels:
        cost, hit = dict(lv.cost), dict(lv.if_discovered)
        shift[lv.name] = {p: -cost.get(p, Fraction(0)) + lv.discovery * hit.get(p, Fraction(0))
                          for p in parties}
    # per level: (payoffs with its costs, risks) of each equilibrium that may follow it
    after = {"none": _continuations(without, shift["none"])}
    for lv in levels:
        after[lv.name] = _continuations(with_, shift[lv.name])
    shape = (len(names),) * len(movers)
    reached = np.min(np.indices(shape), axis=0)        # the lowest level proposed (0 = none)
    found: dict[tuple, list] = {}
    first = None
    for pick in itertools.product(*(range(len(after[n])) for n in names)):
        chosen = [after[n][k] for n, k in zip(names, pick)]
        arrays = [np.array([c[0][p] for c in chosen], dtype=object)[reached] for p in movers]
        stage = NormalFormGame(arrays, players=movers, actions=[names] * len(movers),
                               title=f"{model.title}: which talks to join")
        first = first or stage
        for eq in solve(stage, method="pure").equilibria:
            proposals = [list(s).index(1) for s in eq.strategies]
            level = min(proposals)
            payoff, risk = chosen[level]
            undominated = not any(is_weakly_dominated(stage, i, eq.strategies[i])
                                  for i in range(len(movers)))
            key = (names[level], tuple(sorted(payoff.items())))
            if key in found:
                found[key][3] += 1
                found[key][4] = found[key][4] or undominated
            else:
                found[key] = [{names[level]: Fraction(1)}, payoff, risk, 1, undominated]
    outcomes = sorted((ChoiceOutcome(*v) for v in found.values()),
                      key=lambda o: (-(1 - o.levels.get("none", 0)), -sum(o.payoffs.values())))

    def best(regime: Regime) -> dict[str, Any]:          # before costs: the largest movers' total
        o = max(regime.nash_outcomes, key=lambda o: sum(o.payoffs[p] for p in movers))
        return o.payoffs

    value = {p: best(with_)[p] - best(without)[p] for p in parties}
    return CoordinationChoice(model=model, levels=levels, proposals=first, outcomes=tuple(outcomes),
                              value=value)
