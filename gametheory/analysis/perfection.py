"""Trembling-hand perfection (Selten 1975) of listed equilibria.

An equilibrium is *perfect* when it is the limit of equilibria of perturbed
games in which every action must be played with at least a small positive
probability, as the perturbations vanish (Selten 1975; van Damme 1991,
chapter 2).  Three tests, strongest first:

- **two players: exact.**  An equilibrium of a bimatrix game is perfect if
  and only if neither player's strategy is weakly dominated by a mixed
  strategy (van Damme 1991, theorem 3.2.2); one certified LP per player.
- **any game: an exact refutation.**  A perfect equilibrium uses no weakly
  dominated strategy, for any number of players (van Damme 1991, theorem
  2.2.5): a weakly dominated strategy proves an equilibrium imperfect.
- **any game: vanishing perturbations.**  Otherwise the game (for a tree, its
  agent normal form: Selten's *agent-form* perfection) is solved exactly with
  minimum probabilities ``eps * r`` for a decreasing sequence of ``eps`` and
  several tremble directions ``r`` (uniform, then seeded random ratios, since
  perfection may need trembles of different sizes, as in Selten's horse).  An
  equilibrium that equilibria of the perturbed games approach, at a distance
  at most a fixed multiple of ``eps``, for every ``eps`` of one direction is
  reported perfect; one no direction approaches is reported not perfect.  This
  is numerical evidence for a limit, not a proof: ``Perfection.basis``
  says which test decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import EXACT
from ..context import Context
from ..display import Displayable
from ..errors import GameTooLargeError, SolverError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.lp import FLOAT_LP, solve_lp
from ..solvers.polynomial import solve_polynomial

__all__ = ["Perfection", "perfection", "is_weakly_dominated", "perturbed_game"]

#: The perturbation sizes, largest first, and the number of random tremble directions.
EPSILONS = (Fraction(1, 100), Fraction(1, 1000), Fraction(1, 10000))
DIRECTIONS = 4
#: Approached: the nearest perturbed equilibrium within this multiple of eps (largest tremble).
_RATE = 10
#: The perturbation test solves the perturbed game only up to this many pure profiles.
MAX_PERTURBED_PROFILES = 512

BASES = {
    "undominated": "no weakly dominated strategy (exact, two players)",
    "dominated": "a weakly dominated strategy (exact)",
    "approached": "approached by equilibria of vanishing perturbations (numerical)",
    "not approached": "approached by no equilibria of the perturbations tried (numerical)",
    "too large": "not decided: the game is too large for the perturbation test",
}


@dataclass(frozen=True)
class Perfection(Displayable):
    """Whether one equilibrium is perfect, and on what basis.

    Attributes
    ----------
    perfect : bool or None
        True, False or None (not decided).
    basis : str
        The test that decided (a key of ``BASES``): ``"undominated"``
        (two players, no weakly dominated strategy: exact), ``"dominated"``
        (a weakly dominated strategy: exact), ``"approached"`` or ``"not
        approached"`` (by equilibria of vanishing perturbations: numerical
        evidence) or ``"too large"`` (more than 512 pure profiles: not decided).
    direction : tuple of tuple of Fraction or None
        The tremble ratios (per player, per action) of the perturbations that
        approached it, when that decided; else None.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.games.agent_form import agent_form
    >>> horse = agent_form(gt.read_game("selten-horse"))
    >>> ok, = gt.perfection(horse, [[[1, 0], [1, 0], [0, 1]]])             # C, c, R
    >>> ok.perfect, ok.basis, [[str(r) for r in rs] for rs in ok.direction]
    (True, 'approached', [['1', '1'], ['2', '9'], ['7', '10']])
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    >>> gt.perfection(g, [[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    (Perfection(perfect=True, basis='undominated', direction=None),
     Perfection(perfect=False, basis='dominated', direction=None))
    """

    perfect: bool | None
    basis: str
    direction: tuple[tuple[Fraction, ...], ...] | None = None


@accepts_peer_games
def is_weakly_dominated(game: NormalFormGame, player: int, strategy: Any,
                        exact: bool | None = None) -> bool:
    """Whether a (mixed) strategy is weakly dominated by a mixed strategy of the same player.

    A certified LP over the opponents' pure profiles (any number of players):
    maximise the total gain ``sum_c (y M - x M)_c`` over mixed strategies
    ``y`` with ``y M >= x M`` profile by profile (``M`` the player's payoffs,
    own actions as rows); ``x`` is weakly dominated exactly when the optimum
    is positive.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    player : int
        The player's index.
    strategy : sequence of number
        The player's (mixed) strategy.
    exact : bool or None
        Decide in rational arithmetic (default for rational payoffs); in
        floating point a gain above ``1e-9`` times the largest payoff counts.

    Returns
    -------
    bool

    Raises
    ------
    SolverError
        When the linear program has no solution.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    >>> is_weakly_dominated(g, 0, [0, 1]), is_weakly_dominated(g, 0, [1, 0])
    (True, False)
    """
    exact = game.is_exact if exact is None else exact
    A = game.payoffs[player] if exact else game.float_payoffs[player]
    M = np.moveaxis(np.asarray(A, dtype=object if exact else float), player, 0)
    M = M.reshape(M.shape[0], -1)                 # rows: this player's actions
    x = np.array([Fraction(p) if exact else float(p) for p in strategy],
                 dtype=object if exact else float)
    target = x @ M                                # the payoff of x against each opponent profile
    m = M.shape[0]
    arithmetic = EXACT if exact else FLOAT_LP
    # maximise sum_c (y M)_c  s.t.  y M >= target, sum y = 1, y >= 0
    sol = solve_lp([-v for v in M.sum(axis=1)], -M.T, [-t for t in target],
                   np.ones((1, m), dtype=int), [1], arithmetic, bounds=[(0, None)] * m)
    if sol is None:
        raise SolverError("is_weakly_dominated: the linear program has no solution")
    gain = -sol.value - target.sum()
    return bool(gain > 0) if exact else bool(gain > 1e-9 * max(1.0, float(np.max(np.abs(M)))))


@accepts_peer_games
def perturbed_game(game: NormalFormGame, minimum: Sequence[Sequence[Any]]) -> NormalFormGame:
    """The perturbed game in which player ``i`` plays action ``a`` with probability at least
    ``minimum[i][a]`` (Selten 1975), as an ordinary game.

    Its action ``a`` of player ``i`` stands for the mixed strategy
    ``minimum[i] + (1 - sum(minimum[i])) e_a`` of ``game``; its equilibria
    ``tau`` are the perturbed game's equilibria ``sigma_i = minimum[i] + (1 -
    sum(minimum[i])) tau_i``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    minimum : sequence of sequence of number
        ``minimum[i][a]``: the least probability of player ``i``'s action ``a``
        (each player's minima summing to less than 1).

    Returns
    -------
    NormalFormGame
        Same players and action names, titled ``"... (perturbed)"``; exact
        when ``game`` and ``minimum`` are rational.

    References
    ----------
    Selten (1975), "Reexamination of the perfectness concept for equilibrium
    points in extensive games", International Journal of Game Theory 4.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    >>> h = perturbed_game(g, [[Fraction(1, 10)] * 2] * 2)
    >>> [str(v) for v in h.payoffs[0].ravel()]
    ['81/100', '9/100', '9/100', '1/100']
    """
    exact = game.is_exact and all(isinstance(q, (int, Fraction)) for row in minimum for q in row)
    arrays = [np.asarray(a, dtype=object) if exact else np.asarray(f, dtype=float)
              for a, f in zip(game.payoffs, game.float_payoffs)]
    for i, eta in enumerate(minimum):
        m = game.shape[i]
        rest = 1 - sum(eta)
        Q = np.array([[eta[b] + (rest if a == b else 0) for b in range(m)] for a in range(m)],
                     dtype=object if exact else float)
        arrays = [np.moveaxis(np.tensordot(Q, np.moveaxis(arr, i, 0), axes=([1], [0])), 0, i)
                  for arr in arrays]
    return NormalFormGame(arrays, players=list(game.players), actions=[list(a) for a in game.actions],
                          title=(game.title or "game") + " (perturbed)")


@accepts_peer_games
def perfection(game: NormalFormGame, profiles: Sequence[Sequence[Sequence[Any]]], *,
               context: Context | None = None) -> tuple[Perfection, ...]:
    """Trembling-hand perfection of each listed equilibrium ``profiles[k]`` of ``game``.

    For a tree pass its agent normal form
    (``gametheory.games.agent_form.agent_form``) and the equilibria as
    agents' strategies: that decides agent-form perfection.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    profiles : sequence
        Equilibria of ``game``, each one mixed strategy per player.
    context : Context, optional
        Its seed draws the random tremble directions (default seed 0); its
        deadline is checked between perturbed games.

    Returns
    -------
    tuple of Perfection
        One per profile, in order.

    Notes
    -----
    Three tests, strongest first:

    - two players, exact: an equilibrium is perfect if and only if neither
      strategy is weakly dominated by a mixed strategy (van Damme 1991,
      theorem 3.2.2); one certified LP per player;
    - any game, an exact refutation: a weakly dominated strategy proves an
      equilibrium imperfect (van Damme 1991, theorem 2.2.5);
    - otherwise the game is solved exactly (polynomial solver) with minimum
      probabilities ``eps * r`` for ``eps`` = 1/100, 1/1000, 1/10000 and
      tremble directions ``r`` (uniform, then four seeded random ones with
      ratios up to 10): a profile the perturbed equilibria approach (within
      ``10 eps``) for every ``eps`` of one direction is reported perfect, one
      that none approaches not perfect.  That is numerical evidence, not a
      proof; games with more than 512 pure profiles are left undecided
      (``basis`` ``"too large"``).

    References
    ----------
    Selten (1975), "Reexamination of the perfectness concept for equilibrium
    points in extensive games", International Journal of Game Theory 4;
    van Damme (1991), *Stability and Perfection of Nash Equilibria*, 2nd
    edition, chapters 2 and 3.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.games.agent_form import agent_form
    >>> horse = agent_form(gt.read_game("selten-horse"))
    >>> [p.perfect for p in perfection(horse, [[[1, 0], [1, 0], [0, 1]],      # C, c, R
    ...                                        [[0, 1], [1, 0], [1, 0]]])]    # D, c, L
    [True, False]
    """
    context = Context() if context is None else context
    n = game.num_players
    exact = game.is_exact
    out: list[Perfection | None] = []
    for prof in profiles:
        dominated = any(is_weakly_dominated(game, i, prof[i], exact=exact) for i in range(n))
        if dominated:
            out.append(Perfection(False, "dominated"))
        elif n == 2:
            out.append(Perfection(True, "undominated"))
        else:
            out.append(None)
    open_ = [k for k, p in enumerate(out) if p is None]
    if open_:
        if game.num_profiles > MAX_PERTURBED_PROFILES:
            for k in open_:
                out[k] = Perfection(None, "too large")
        else:
            found = _approached(game, [profiles[k] for k in open_], context)
            for k, direction in zip(open_, found):
                out[k] = (Perfection(True, "approached", direction) if direction is not None
                          else Perfection(False, "not approached"))
    return tuple(p for p in out if p is not None)


def _directions(game: NormalFormGame, seed: int) -> list[tuple[tuple[Fraction, ...], ...]]:
    """Tremble ratios: uniform, then ``DIRECTIONS`` random ones with ratios up to 10."""
    rng = np.random.default_rng(seed)
    out = [tuple((Fraction(1),) * m for m in game.shape)]
    for _ in range(DIRECTIONS):
        out.append(tuple(tuple(Fraction(int(k)) for k in rng.integers(1, 11, size=m))
                         for m in game.shape))
    return out


def _approached(game: NormalFormGame, profiles: Sequence[Sequence[Sequence[Any]]],
                context: Context) -> list[tuple | None]:
    """For each profile, a tremble direction along which perturbed equilibria approach it."""
    targets = [[np.array([float(q) for q in s]) for s in prof] for prof in profiles]
    found: list[tuple | None] = [None] * len(profiles)
    seed = 0 if context.seed is None else context.seed
    for direction in _directions(game, seed):
        if all(f is not None for f in found):
            break
        scale = max(max(r) for r in direction)
        distances: list[list[float]] = [[] for _ in profiles]
        for eps in EPSILONS:
            context.check("perfection")
            minimum = [[eps * r / scale for r in rs] for rs in direction]
            try:
                res = solve_polynomial(perturbed_game(game, minimum))
            except (SolverError, GameTooLargeError):
                break
            points = [[np.array([float(q) for q in eta]) + float(1 - sum(eta)) *
                       np.array([float(q) for q in tau])
                       for eta, tau in zip(minimum, eq.strategies)] for eq in res.equilibria]
            for k, target in enumerate(targets):
                distances[k].append(min((max(float(np.max(np.abs(a - b))) for a, b in zip(p, target))
                                         for p in points), default=np.inf))
        else:
            for k, ds in enumerate(distances):
                if found[k] is None and all(d <= _RATE * float(eps) for d, eps in zip(ds, EPSILONS)):
                    found[k] = direction
    return found
