"""Iterated elimination of dominated strategies, by pure and by mixed strategies.

An action ``a`` of player ``i`` is *strictly dominated* by a mixed strategy
``sigma`` over ``i``'s other actions when ``sum_b sigma_b u_i(b, s) > u_i(a, s)``
for every profile ``s`` of the others; *weakly dominated* when ``>=`` holds
everywhere and ``>`` somewhere.  Domination by a pure strategy is the special
case of a ``sigma`` on one action.

Algorithm (e.g. Maschler, Solan and Zamir 2013, "Game Theory", sections 4.5
and 5.2.6; Myerson 1991, section 3.9):

1. For each player, compare every pair of actions over all the others'
   profiles at once (vectorised): pure domination.
2. For each action not dominated by a pure one, solve the linear program
   ``max eps  s.t.  sigma . U >= U_a + eps,  sigma >= 0,  sum sigma = 1`` (for
   weak dominance: maximise the total gain subject to no loss anywhere) with
   HiGHS in floating point (``solve_lp``).  A
   positive optimum names a dominating mixture; in exact mode it is made
   rational and the domination is then verified in exact arithmetic, so
   nothing is removed on a float comparison (an action whose domination
   cannot be certified is kept).
3. Remove what was found and repeat on the reduced game until nothing is
   dominated.  Strict dominance removes, each round, every dominated action of
   every player (the result does not depend on the order); weak dominance
   removes one action at a time, in player and action order, because its
   result depends on the order.

Removing strictly dominated actions keeps every Nash equilibrium, so the
solvers can run on the reduced game (``gametheory.solve(..., eliminate=True)``);
removing weakly dominated ones can lose equilibria.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import Arithmetic, Number
from ..context import Context
from ..display import Displayable
from ..errors import InvalidGameError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.lp import solve_lp
from ._common import fallback_arithmetic, resolve_context

__all__ = ["Elimination", "EliminationStep", "iterated_elimination", "dominated_actions"]


@dataclass(frozen=True)
class EliminationStep(Displayable):
    """One removed action: who, which, how, and the mixture that dominates it.

    A frozen record, one per removal, in ``Elimination.steps``.

    Attributes
    ----------
    round : int
        The elimination round (from 1) in which the action was removed.
    player : str
        The player's name.
    action : str
        The removed action's name.
    kind : str
        ``"strict"`` or ``"weak"``: how it is dominated.
    dominated_by : Mapping[str, Number]
        The dominating strategy: action name -> probability (one action with
        probability 1 for domination by a pure strategy).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]],
    ...                                     players=["Row", "Col"],
    ...                                     actions=[["T", "M", "B"], ["L", "R"]])
    >>> step = gt.iterated_elimination(g).steps[0]
    >>> step.round, step.player, step.action, step.kind
    (1, 'Row', 'B', 'strict')
    >>> {a: str(p) for a, p in step.dominated_by.items()}
    {'T': '1/2', 'M': '1/2'}
    """

    round: int
    player: str
    action: str
    kind: str                                  # "strict" or "weak"
    dominated_by: Mapping[str, Number]         # action name -> probability


@dataclass(frozen=True)
class Elimination(Displayable):
    """The result of iterated elimination: a frozen record.

    Attributes
    ----------
    game : NormalFormGame
        The original game.
    reduced : NormalFormGame
        The game on the surviving actions (same players, action names kept).
    kept : tuple of tuple of int
        For each player, the indices (in ``game``) of the surviving actions.
    steps : tuple of EliminationStep
        What was removed, in order, and why.
    kind : str
        ``"strict"`` or ``"weak"``.
    mixed : bool
        Whether domination by mixed strategies was considered.
    exact : bool
        Whether dominations were verified in exact arithmetic.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]],
    ...                                     players=["Row", "Col"],
    ...                                     actions=[["T", "M", "B"], ["L", "R"]])
    >>> res = gt.iterated_elimination(g)
    >>> res.reduced.actions, res.kept, res.kind, res.mixed, res.exact
    ((('T', 'M'), ('L', 'R')), ((0, 1), (0, 1)), 'strict', True, True)
    >>> res.embed([[1, 0], [0, 1]])          # back to the original game's three rows
    [[1, 0, Fraction(0, 1)], [0, 1]]
    """

    game: NormalFormGame
    reduced: NormalFormGame
    kept: tuple[tuple[int, ...], ...]
    steps: tuple[EliminationStep, ...]
    kind: str
    mixed: bool
    exact: bool

    def embed(self, strategies: Any) -> list[list[Any]]:
        """Lift a profile of the reduced game to the original game (zeros for removed actions).

        Parameters
        ----------
        strategies : sequence of sequence of number
            One mixed strategy per player over its surviving actions
            (in the order of ``kept``).

        Returns
        -------
        list of list
            One mixed strategy per player over all of its actions in
            ``game``; removed actions get 0 (a Fraction when exact).
        """
        out = []
        for i, s in enumerate(strategies):
            full: list[Any] = [Fraction(0) if self.exact else 0.0] * self.game.shape[i]
            for k, p in zip(self.kept[i], s):
                full[k] = p
            out.append(full)
        return out


def _payoff_matrix(game: NormalFormGame, player: int, arithmetic: Arithmetic) -> np.ndarray:
    """Player's payoffs as a matrix: one row per own action, one column per others' profile."""
    arr = game.integer_payoffs[player][0] if arithmetic.exact else game.float_payoffs[player]
    return np.moveaxis(arr, player, 0).reshape(game.shape[player], -1)


@accepts_peer_games
def dominated_actions(game: NormalFormGame, player: int, kind: str = "strict", mixed: bool = True,
                      exact: bool | None = None, *,
                      context: Context | None = None) -> dict[int, dict[int, Number]]:
    """The actions of ``player`` dominated in ``game``, each with a dominating mixture.

    One round for one player (no iteration): pure dominators are found first,
    by comparing every pair of actions; with ``mixed``, each remaining action
    is tested against mixtures of the player's other actions by a linear
    program (HiGHS), whose mixture is certified in exact arithmetic when
    ``exact`` (an action whose domination cannot be certified is kept).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    player : int
        The player's index.
    kind : {"strict", "weak"}
        Strict or weak dominance.
    mixed : bool
        Also consider domination by mixed strategies (with three or more
        actions).
    exact : bool or None
        Certify in rational arithmetic (default: when the payoffs are rational).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    dict
        Dominated action's index -> ``{action index: probability}`` of a
        dominating strategy; empty when nothing is dominated.

    Raises
    ------
    InvalidGameError
        When ``kind`` is neither ``"strict"`` nor ``"weak"``.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]])
    >>> dominated_actions(g, 0)            # the third row loses to (1/2, 1/2, 0)
    {2: {0: Fraction(1, 2), 1: Fraction(1, 2)}}
    """
    if kind not in ("strict", "weak"):
        raise InvalidGameError(f"kind must be 'strict' or 'weak', not {kind!r}")
    context = resolve_context(game, exact, None, context)
    arithmetic = context.arithmetic
    U = _payoff_matrix(game, player, arithmetic)
    m = U.shape[0]
    Uc = U.astype(np.int64) if arithmetic.exact and _fits_int64(U) else U
    out: dict[int, dict[int, Number]] = {}
    one = arithmetic.one
    floating = fallback_arithmetic(game, arithmetic)     # the LPs' arithmetic
    for a in range(m):
        context.check("dominance")
        diff = Uc - Uc[a]                                   # (m, K): gain of b over a
        if kind == "strict":
            pure = np.flatnonzero((diff > 0).all(axis=1))
        else:
            pure = np.flatnonzero((diff >= 0).all(axis=1) & (diff > 0).any(axis=1))
        if pure.size:
            out[a] = {int(pure[0]): one}
        elif mixed and m > 2:
            sigma = _mixed_dominator(U, a, kind, arithmetic, floating)
            if sigma is not None:
                out[a] = sigma
    return out


def _fits_int64(U: np.ndarray) -> bool:
    return bool(U.size == 0 or (max(U.flat) < 2**62 and min(U.flat) > -2**62))


def _mixed_dominator(U: np.ndarray, a: int, kind: str, arithmetic: Arithmetic,
                     floating: Arithmetic) -> dict[int, Number] | None:
    """A mixture over the other actions dominating action ``a``, certified; or None.

    The LP runs in ``floating`` arithmetic; in exact ``arithmetic`` its mixture is
    rationalised and the domination checked exactly.
    """
    m, K = U.shape
    others = [b for b in range(m) if b != a]
    V = np.array(U[others], dtype=float)            # (m-1, K)
    ua = np.array(U[a], dtype=float)
    scale = max(1.0, float(np.abs(V).max()), float(np.abs(ua).max()))
    V, ua = V / scale, ua / scale
    k = len(others)
    if kind == "strict":
        # variables (sigma, eps): maximise eps s.t. ua + eps <= sigma . V, column by column
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-V.T, np.ones((K, 1))])
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        bounds = [(0, None)] * k + [(None, 1.0)]
        sol = solve_lp(c, A_ub, -ua, A_eq, [1.0], floating, bounds=bounds)
        if sol is None or -sol.value <= 1e-9:
            return None
        sigma = np.array(sol.x[:k], dtype=float)
    else:
        # maximise total gain sum_k (sigma . V - ua) s.t. sigma . V >= ua everywhere
        c = -V.sum(axis=1)
        sol = solve_lp(c, -V.T, -ua, np.ones((1, k)), [1.0], floating, bounds=[(0, None)] * k)
        if sol is None or -sol.value - ua.sum() <= 1e-9:
            return None
        sigma = np.array(sol.x, dtype=float)
    sigma = np.clip(sigma, 0.0, None)
    sigma /= sigma.sum()
    if not arithmetic.exact:
        gain = sigma @ V - ua
        ok = (gain > 1e-9).all() if kind == "strict" else ((gain >= -1e-12).all() and (gain > 1e-9).any())
        return {others[j]: float(p) for j, p in enumerate(sigma) if p > 0} if ok else None
    for bound in (10**2, 10**4, 10**6, 10**9):
        q = [Fraction(float(p)).limit_denominator(bound) for p in sigma]
        total = sum(q)
        if total <= 0:
            continue
        q = [p / total for p in q]
        gain = [sum(q[j] * U[others[j], col] for j in range(k)) - U[a, col] for col in range(K)]
        ok = all(g > 0 for g in gain) if kind == "strict" else (all(g >= 0 for g in gain)
                                                               and any(g > 0 for g in gain))
        if ok:
            return {others[j]: p for j, p in enumerate(q) if p > 0}
    return None


@accepts_peer_games
def iterated_elimination(game: NormalFormGame, kind: str = "strict", mixed: bool = True,
                         exact: bool | None = None, *, context: Context | None = None) -> Elimination:
    """Remove dominated actions until none is left; report what went and why.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    kind : {"strict", "weak"}
        Strict dominance keeps every equilibrium; weak dominance may not.
    mixed : bool
        Also consider domination by mixed strategies of the player's other
        actions (a linear program per action not dominated by a pure one).
    exact : bool or None
        Verify each domination in rational arithmetic (default: when the
        payoffs are rational); nothing is removed on a float comparison.
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic is used.

    Returns
    -------
    Elimination
        The reduced game, the surviving action indices and the steps.

    Raises
    ------
    InvalidGameError
        When ``kind`` is neither ``"strict"`` nor ``"weak"``.

    Notes
    -----
    Strict dominance removes, each round, every dominated action of every
    player (the result does not depend on the order); weak dominance removes
    one action per round, the first in player and action order, since its
    result depends on the order.  Removing strictly dominated actions keeps
    every Nash equilibrium (``gt.solve(..., eliminate=True)`` relies on it).

    References
    ----------
    Maschler, Solan and Zamir (2013), *Game Theory*, sections 4.5 and 5.2.6;
    Myerson (1991), *Game Theory: Analysis of Conflict*, section 3.9.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      actions=[["C", "D"], ["C", "D"]])
    >>> res = iterated_elimination(pd)
    >>> [(s.player, s.action, dict(s.dominated_by)) for s in res.steps]
    [('Player 1', 'C', {'D': Fraction(1, 1)}), ('Player 2', 'C', {'D': Fraction(1, 1)})]
    >>> res.reduced.actions
    (('D',), ('D',))

    Domination by a mixture: ``B`` loses to ``T`` and ``M`` half and half.

    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]],
    ...                                     players=["Row", "Col"],
    ...                                     actions=[["T", "M", "B"], ["L", "R"]])
    >>> res = gt.iterated_elimination(g)
    >>> [(s.round, s.player, s.action, {a: str(p) for a, p in s.dominated_by.items()})
    ...  for s in res.steps]
    [(1, 'Row', 'B', {'T': '1/2', 'M': '1/2'})]
    >>> res.reduced.actions, res.kept
    ((('T', 'M'), ('L', 'R')), ((0, 1), (0, 1)))
    """
    if kind not in ("strict", "weak"):
        raise InvalidGameError(f"kind must be 'strict' or 'weak', not {kind!r}")
    context = resolve_context(game, exact, None, context)
    kept = [list(range(k)) for k in game.shape]
    steps: list[EliminationStep] = []
    current = game
    rnd = 0
    while True:
        rnd += 1
        removals: list[tuple[int, int, dict[int, Number]]] = []
        for i in range(game.num_players):
            if len(kept[i]) < 2:
                continue
            found = dominated_actions(current, i, kind=kind, mixed=mixed, context=context)
            for a, sigma in sorted(found.items()):
                removals.append((i, a, sigma))
                if kind == "weak":
                    break
            if kind == "weak" and removals:
                break
        if not removals:
            break
        drop: dict[int, set[int]] = {}
        for i, a, sigma in removals:
            steps.append(EliminationStep(
                round=rnd, player=game.players[i], action=game.actions[i][kept[i][a]], kind=kind,
                dominated_by={game.actions[i][kept[i][b]]: p for b, p in sorted(sigma.items())}))
            drop.setdefault(i, set()).add(a)
        for i, local in drop.items():
            kept[i] = [k for j, k in enumerate(kept[i]) if j not in local]
        current = _restrict(game, kept)
    return Elimination(game=game, reduced=current, kept=tuple(tuple(k) for k in kept),
                       steps=tuple(steps), kind=kind, mixed=mixed, exact=context.arithmetic.exact)


def _restrict(game: NormalFormGame, kept: list[list[int]]) -> NormalFormGame:
    index = np.ix_(*kept)
    return NormalFormGame([arr[index] for arr in game.payoffs], players=game.players,
                          actions=[[game.actions[i][k] for k in ks] for i, ks in enumerate(kept)],
                          title=game.title, description=game.description)
