"""Finitely repeated games as game trees.

A stage game in strategic form played ``rounds`` times: in every round the
players move in turn without seeing each other's move of that round (one
information set per player and history), and each knows every earlier
round's outcome.  A leaf pays each player ``sum_t delta^t u(a_t)`` (no
discounting for ``delta = 1``).  The tree's subgame-perfect equilibria are
those of the repeated game: every round starts a subgame, so
``solve_spe`` solves it by backward induction
over rounds (Fudenberg and Tirole 1991, "Game Theory", section 4.2 and 5.1;
Gibbons 1992, "Game Theory for Applied Economists", section 2.3.A).

The tree has ``(prod of action counts) ** rounds`` leaves, so it is built
only up to ``MAX_LEAVES``.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError
from .normal import NormalFormGame
from .tree import ExtensiveFormGame, Node, decision, outcome

__all__ = ["repeated_tree", "discount_factor", "MAX_LEAVES"]

#: The most leaves a repeated game's tree may have.
MAX_LEAVES = 200_000


def discount_factor(value: Any, finite: bool = False) -> Any:
    """A discount factor, checked: in (0, 1) for an infinitely repeated game, (0, 1] for a
    finite one (``finite``); exact for ints, Fractions and strings such as ``"0.9"``, a float
    for a float.  Anything else is a one-line ``InvalidGameError``.

    Examples
    --------
    >>> discount_factor("0.9"), discount_factor(1, finite=True)
    (Fraction(9, 10), Fraction(1, 1))
    """
    if isinstance(value, bool):
        raise InvalidGameError(f"discount factor {value!r} is not a number")
    try:
        delta = float(value) if isinstance(value, (float, np.floating)) else Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError):
        raise InvalidGameError(f"discount factor {value!r} is not a number") from None
    if not (0 < delta <= 1 if finite else 0 < delta < 1):
        raise InvalidGameError(f"discount factor {value!r} must lie in "
                               + ("(0, 1] for a finitely repeated game" if finite else
                                  "(0, 1) for an infinitely repeated game"))
    return delta


def repeated_tree(stage: NormalFormGame, rounds: int, discount: Any = 1) -> ExtensiveFormGame:
    """The stage game played ``rounds`` times, as a game tree.

    Parameters
    ----------
    stage : NormalFormGame
        The stage game.
    rounds : int
        How many times it is played (at least 1).
    discount : number
        The discount factor ``delta`` in (0, 1] (exact for ints, Fractions and
        strings such as ``"9/10"``).

    Returns
    -------
    ExtensiveFormGame
        Players as in the stage game; player ``i``'s information set in round
        ``t`` is named by the earlier rounds' outcomes (``"start"`` in the
        first round), e.g. ``"(C,C); (C,D)"``.

    Raises
    ------
    GameTooLargeError
        When the tree would have more than ``MAX_LEAVES`` leaves.

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = repeated_tree(gt.read_game("prisoners-dilemma"), 2)
    >>> res = gt.solve(tree)
    >>> len(res.equilibria), [str(p) for p in res.equilibria[0].payoffs]
    (1, ['2', '2'])
    """
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise InvalidGameError(f"a repeated game needs a whole number of rounds >= 1, got {rounds!r}")
    delta = discount_factor(discount, finite=True)
    profiles = list(itertools.product(*(range(m) for m in stage.shape)))
    leaves = len(profiles) ** rounds
    if leaves > MAX_LEAVES:
        raise GameTooLargeError(f"{rounds} rounds of a {'x'.join(map(str, stage.shape))} game make "
                                f"a tree of {leaves:.3g} leaves (limit {MAX_LEAVES})")
    exact = stage.is_exact and not isinstance(delta, float)
    U = stage.payoffs if exact else stage.float_payoffs
    stage_payoff = {p: tuple(Fraction(u[p]) if exact else float(u[p]) for u in U) for p in profiles}
    n = stage.num_players

    def label(history: tuple) -> str:
        return "; ".join("(" + ",".join(stage.actions[i][a] for i, a in enumerate(p)) + ")"
                         for p in history) or "start"

    def play(history: tuple, total: tuple, weight: Any) -> Node:
        if len(history) == rounds:
            return outcome(*total)

        def move(i: int, chosen: tuple) -> Node:
            if i == n:
                gained = stage_payoff[chosen]
                return play(history + (chosen,),
                            tuple(t + weight * g for t, g in zip(total, gained)), weight * delta)
            return decision(stage.players[i], label(history),
                            {stage.actions[i][a]: move(i + 1, chosen + (a,))
                             for a in range(stage.shape[i])})

        return move(0, ())

    zero = Fraction(0) if exact else 0.0
    one = Fraction(1) if exact else 1.0
    title = f"{stage.title or 'stage game'}, played {rounds} times"
    if delta != 1:
        title += f" (discount {delta})"
    return ExtensiveFormGame(play((), (zero,) * n, one), players=list(stage.players), title=title)

