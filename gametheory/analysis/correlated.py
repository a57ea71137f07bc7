"""Correlated and coarse correlated equilibria, by linear programming.

A *correlated equilibrium* (Aumann 1974) is a probability distribution ``mu``
over action profiles such that a mediator who draws a profile from ``mu`` and
tells each player only its own part makes obeying optimal for everyone: for
each player ``i`` and actions ``a, a'``,

    sum_{s_-i} mu(a, s_-i) [u_i(a, s_-i) - u_i(a', s_-i)] >= 0.

A pre-agreed plan that every party prefers to follow when told its part is
exactly such a distribution.  A *coarse* correlated equilibrium (Moulin and
Vial 1978) only asks that no player gains by committing in advance to a fixed
action ``a'`` instead of following the plan:

    sum_s mu(s) [u_i(s) - u_i(a', s_-i)] >= 0.

Both sets are polytopes, so the best of them for a linear objective is a
linear program (Papadimitriou and Roughgarden 2008, "Computing correlated
equilibria in multi-player games", JACM 55): here the utilitarian one (largest
total payoff), the egalitarian one (largest payoff of the worst-off player)
and each player's favourite.  The LPs go through the package's one LP entry
point (``solve_lp``): HiGHS, and for rational
payoffs an exact certificate of the optimal vertex (exact feasibility and an
exact dual), verified again in rational arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import numpy as np

from ..context import Context
from ..display import Displayable
from ..errors import InvalidGameError, SolverError, VerificationError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.lp import solve_lp
from ..solvers._common import fallback_arithmetic, resolve_context
from ..solvers.result import default_tolerance

__all__ = ["CorrelatedEquilibrium", "correlated_equilibrium", "correlated_gains",
           "is_correlated_equilibrium", "OBJECTIVES"]

#: Objectives of ``correlated_equilibrium``.
OBJECTIVES = ("welfare", "egalitarian", "player")


@dataclass(frozen=True)
class CorrelatedEquilibrium(Displayable):
    """A (coarse) correlated equilibrium: a distribution over action profiles, verified.

    A mediator draws a profile from ``distribution`` and tells each player
    only its own action; every player prefers to obey (coarse: no player
    prefers to commit to a fixed action instead of joining the plan).
    ``support`` lists the recommended profiles by name, ``marginals``
    each player's distribution over its own actions.

    Attributes
    ----------
    game : NormalFormGame
        The game.
    distribution : ndarray
        Probability of each action profile, shaped like the game (Fractions
        in exact mode, floats otherwise).
    payoffs : tuple
        Each player's expected payoff.
    gain : Fraction or float
        The largest gain any player could make by disobeying (at most 0 when
        exact; at most the tolerance in float mode).
    exact : bool
        Whether the numbers are exact (Fractions).
    coarse : bool
        True for a coarse correlated equilibrium.
    objective : str
        What it maximises, e.g. ``"welfare"`` or ``"player US"``.
    welfare : Fraction or float
        The total expected payoff (a property).

    Examples
    --------
    >>> import gametheory as gt
    >>> ce = gt.correlated_equilibrium(gt.read_game("chicken"))
    >>> ce.objective, ce.coarse, ce.exact, ce.gain, ce.welfare
    ('welfare', False, True, Fraction(0, 1), Fraction(16, 3))
    >>> ce.support()
    [('Hold', 'Hold'), ('Hold', 'Intervene'), ('Intervene', 'Hold')]
    >>> [[str(p) for p in m] for m in ce.marginals()]
    [['2/3', '1/3'], ['2/3', '1/3']]
    """

    game: NormalFormGame
    distribution: np.ndarray
    payoffs: tuple
    gain: Any
    exact: bool
    coarse: bool
    objective: str

    @property
    def welfare(self) -> Any:
        """Total expected payoff (the sum of ``payoffs``)."""
        return sum(self.payoffs)

    def support(self) -> list[tuple[str, ...]]:
        """The profiles the mediator may recommend, by action names, most likely first."""
        idx = [tuple(int(k) for k in ix) for ix in zip(*np.nonzero(self.distribution != 0))]
        idx.sort(key=lambda ix: -self.distribution[ix])
        return [tuple(self.game.actions[i][a] for i, a in enumerate(ix)) for ix in idx]

    def marginals(self) -> list[np.ndarray]:
        """Each player's marginal distribution over its own actions."""
        n = self.game.num_players
        return [self.distribution.sum(axis=tuple(k for k in range(n) if k != i)) for i in range(n)]


def _lp_payoffs(game: NormalFormGame) -> list[np.ndarray]:
    """The flattened payoffs the linear programs use.

    For an exact game whose payoffs, all times one common positive integer,
    are small integers (below 2**30): those integers, as int64 (the same
    incentive constraints, the same best distributions, and an exact
    certificate in integer arithmetic).  Else the payoffs as they are (larger
    integers would reach HiGHS as floats of an unworkable size).
    """
    if not game.is_exact:
        return [u.reshape(-1) for u in game.float_payoffs]
    pairs = game.integer_payoffs
    common = math.lcm(*(scale for _, scale in pairs))
    W = [ints.reshape(-1) * (common // scale) for ints, scale in pairs]
    if max(abs(int(v)) for w in W for v in w) < 2 ** 30:
        return [w.astype(np.int64) for w in W]
    return [np.asarray(u, dtype=object).reshape(-1) for u in game.payoffs]


def _constraint_rows(U: Sequence[np.ndarray], coarse: bool) -> np.ndarray:
    """Rows ``g`` with ``g . mu >= 0`` for every incentive constraint (flattened profiles)."""
    shape = U[0].shape
    rows = []
    for i, u in enumerate(U):
        m = shape[i]
        moved = np.moveaxis(u, i, 0)                      # (m, rest...)
        for alt in range(m):
            dev = np.broadcast_to(moved[alt:alt + 1], moved.shape)   # payoff of playing alt
            gain = moved - dev                            # u_i(s) - u_i(alt, s_-i)
            if coarse:
                rows.append(np.moveaxis(gain, 0, i).reshape(-1))
                continue
            for a in range(m):
                if a == alt:
                    continue
                g = np.zeros_like(gain)
                g[a] = gain[a]                            # only profiles recommending a
                rows.append(np.moveaxis(g, 0, i).reshape(-1))
    if not rows:
        return np.zeros((0, int(np.prod(shape))), dtype=U[0].dtype)
    return np.array(rows)


@accepts_peer_games
def correlated_gains(game: NormalFormGame, distribution: Any, coarse: bool = False) -> list[Any]:
    """Each player's largest expected gain from disobeying the mediator (<= 0 at an equilibrium).

    Exact (Fractions) when the game and ``distribution`` are; a deviation
    ``a -> a'`` is weighted by the probability of the profiles recommending
    ``a`` (not conditioned), as in the linear constraints.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    distribution : array_like
        A probability for each action profile, shaped like the game.
    coarse : bool
        The coarse constraints instead (gains from committing to a fixed action).

    Returns
    -------
    list
        One number per player.

    Raises
    ------
    InvalidGameError
        When ``distribution`` has the wrong shape, a negative entry or does not sum to 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction as F
    >>> g = gt.read_game("chicken")
    >>> mu = [[F(1, 3), F(1, 3)], [F(1, 3), 0]]
    >>> correlated_gains(g, mu)
    [Fraction(0, 1), Fraction(0, 1)]
    """
    mu = _as_distribution(game, distribution)
    exact = mu.dtype == object
    if exact:
        return [_exact_gain(np.asarray(u, dtype=object), mu, i, coarse) for i, u in enumerate(game.payoffs)]
    U = list(game.float_payoffs)
    out = []
    for i, u in enumerate(U):
        rows = _constraint_rows([u if k == i else np.zeros_like(u) for k in range(game.num_players)],
                                coarse)
        rows = rows[_player_rows(game, i, coarse)]
        values = rows.dot(mu.reshape(-1)) if len(rows) else np.zeros(0)
        out.append(max((-v for v in values), default=Fraction(0) if exact else 0.0))
    return out


def _exact_gain(u: np.ndarray, mu: np.ndarray, i: int, coarse: bool) -> Fraction:
    """Player ``i``'s largest gain from disobeying, in exact arithmetic: the rows of
    ``_constraint_rows`` times ``mu``, summed over the profiles ``mu`` uses only."""
    m = u.shape[i]
    payoff = np.moveaxis(u, i, 0).reshape(m, -1)             # [own action, others' profile]
    weight = np.moveaxis(mu, i, 0).reshape(m, -1)
    used = [[(p, weight[a, p]) for p in np.flatnonzero(weight[a] != 0)] for a in range(m)]
    values = []
    for alt in range(m):
        if coarse:
            values.append(sum((w * (payoff[a, p] - payoff[alt, p]) for a in range(m) for p, w in used[a]),
                              Fraction(0)))
            continue
        for a in range(m):
            if a != alt:
                values.append(sum((w * (payoff[a, p] - payoff[alt, p]) for p, w in used[a]), Fraction(0)))
    return max((-v for v in values), default=Fraction(0))


def _player_rows(game: NormalFormGame, i: int, coarse: bool) -> slice:
    """The rows of player ``i`` in ``_constraint_rows`` order."""
    sizes = [m if coarse else m * (m - 1) for m in game.shape]
    start = sum(sizes[:i])
    return slice(start, start + sizes[i])


@accepts_peer_games
def is_correlated_equilibrium(game: NormalFormGame, distribution: Any, coarse: bool = False,
                              tol: float | None = None) -> bool:
    """Whether ``distribution`` (over profiles, shaped like the game) is a (coarse) correlated equilibrium.

    Checks every incentive constraint: exactly when the game and the
    distribution are rational, else within ``tol``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    distribution : array_like
        A probability for each action profile, shaped like the game.
    coarse : bool
        Check the coarse constraints instead.
    tol : float, optional
        Float mode's tolerance (default the game's default tolerance).

    Returns
    -------
    bool

    Raises
    ------
    InvalidGameError
        When ``distribution`` has the wrong shape, a negative entry or does not sum to 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.read_game("chicken")
    >>> is_correlated_equilibrium(g, [[0, 0.5], [0.5, 0]]), is_correlated_equilibrium(g, [[0, 0], [0, 1]])
    (True, False)
    """
    gains = correlated_gains(game, distribution, coarse)
    if all(isinstance(v, Fraction) for v in gains):
        return max(gains) <= 0
    return max(float(v) for v in gains) <= (default_tolerance(game) if tol is None else tol)


def _as_distribution(game: NormalFormGame, distribution: Any) -> np.ndarray:
    arr = np.asarray(distribution, dtype=object)
    if arr.shape != game.shape:
        raise InvalidGameError(f"a distribution over profiles must have shape {game.shape}, "
                               f"got {arr.shape}")
    exact = game.is_exact and all(isinstance(v, (int, Fraction)) and not isinstance(v, bool)
                                  for v in arr.flat)
    if exact:
        mu = np.vectorize(Fraction, otypes=[object])(arr)
        if any(v < 0 for v in mu.flat) or sum(mu.flat) != 1:
            raise InvalidGameError("a distribution must be nonnegative and sum to 1")
        return mu
    mu = arr.astype(float)
    if not np.all(np.isfinite(mu)) or mu.min() < -1e-12 or abs(mu.sum() - 1) > 1e-9:
        raise InvalidGameError("a distribution must be nonnegative and sum to 1")
    return mu


@accepts_peer_games
def correlated_equilibrium(game: NormalFormGame, objective: str = "welfare", *, player: Any = None,
                           coarse: bool = False, exact: bool | None = None,
                           tol: float | None = None, context: Context | None = None
                           ) -> CorrelatedEquilibrium:
    """The best (coarse) correlated equilibrium for an objective, by linear programming.

    The (coarse) correlated equilibria form a polytope, so the best one for
    a linear objective is a linear program, solved by HiGHS through the one
    LP entry point ``solve_lp``.  For rational
    payoffs the optimal vertex is certified in exact arithmetic (an exact
    feasible vertex and an exact dual) and verified again; a vertex that
    cannot be certified exactly is given in floating point.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    objective : {"welfare", "egalitarian", "player"}
        Maximise the sum of payoffs, the smallest payoff, or ``player``'s payoff.
    player : str or int, optional
        The player whose payoff ``"player"`` maximises.
    coarse : bool
        A coarse correlated equilibrium instead (a larger set).
    exact : bool or None
        Exact rational output (default for rational payoffs).
    tol : float, optional
        Float mode's tolerance on the incentive constraints.
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above.

    Returns
    -------
    CorrelatedEquilibrium
        Verified: every incentive constraint holds exactly (exact mode) or
        within ``tol``.  Among several optimal distributions, one vertex.

    Raises
    ------
    InvalidGameError
        For an unknown ``objective``, or ``"player"`` without a valid ``player``.
    SolverError
        When the linear program has no optimal solution.

    References
    ----------
    Aumann (1974), "Subjectivity and correlation in randomized strategies",
    Journal of Mathematical Economics 1; Moulin and Vial (1978), "Strategically
    zero-sum games: the class of games whose completely mixed equilibria cannot
    be improved upon", International Journal of Game Theory 7 (coarse);
    Papadimitriou and Roughgarden (2008), "Computing correlated equilibria in
    multi-player games", Journal of the ACM 55.

    Examples
    --------
    Aumann's example: the mediator recommends (Hold, Hold), (Hold, Intervene)
    and (Intervene, Hold) with probability 1/3 each, and both players get
    8/3, more than in the mixed Nash equilibrium (2 each).

    >>> import gametheory as gt
    >>> ce = correlated_equilibrium(gt.read_game("chicken"))
    >>> [[str(p) for p in row] for row in ce.distribution], [str(p) for p in ce.payoffs]
    ([['1/3', '1/3'], ['1/3', '0']], ['8/3', '8/3'])
    >>> str(ce.welfare)
    '16/3'
    >>> gt.correlated_equilibrium(gt.read_game("chicken"), "player", player="US").support()
    [('Intervene', 'Hold')]
    """
    if objective not in OBJECTIVES:
        raise InvalidGameError(f"unknown objective {objective!r}; choose one of: {', '.join(OBJECTIVES)}")
    context = resolve_context(game, exact, tol, context)
    arithmetic = context.arithmetic
    n, P = game.num_players, game.num_profiles
    U = [np.asarray(u, dtype=object).reshape(-1) for u in game.payoffs] if game.is_exact \
        else [u.reshape(-1) for u in game.float_payoffs]
    W = _lp_payoffs(game)
    G = _constraint_rows([w.reshape(game.shape) for w in W], coarse)
    label = objective
    # variables: mu (P of them), then t for the egalitarian objective
    if objective == "welfare":
        c = cast(np.ndarray, sum(W))   # W is not empty: an array, not the start 0
        extra = 0
    elif objective == "player":
        if player is None:
            raise InvalidGameError("objective 'player' needs player=NAME or index")
        k = player if isinstance(player, int) else game.players.index(player) \
            if player in game.players else None
        if k is None or not 0 <= k < n:
            raise InvalidGameError(f"no such player {player!r}; players: {', '.join(game.players)}")
        c = W[k]
        label = f"player {game.players[k]}"
        extra = 0
    else:
        c = np.zeros(P, dtype=W[0].dtype)
        extra = 1
    # maximise c.mu (+ t), i.e. minimise -(c.mu + t), subject to A_ub z <= 0, sum mu = 1
    cz = [0] * P + [-1] if extra else [-v for v in c.tolist()]
    A_ub = -G
    if extra:               # t - w_i . mu <= 0 (t on the LP's payoff scale)
        A_ub = np.vstack([np.hstack([A_ub, np.zeros((len(A_ub), 1), dtype=A_ub.dtype)]),
                          np.hstack([-np.array(W), np.ones((n, 1), dtype=A_ub.dtype)])])
    A_eq = np.array([[1] * P + [0] * extra])
    bounds = [(0, None)] * P + [(None, None)] * extra
    # the LP in the computation's arithmetic (certified when exact); a vertex that cannot be
    # certified exactly is given in floating point, like an irrational equilibrium elsewhere
    out = arithmetic
    try:
        sol = solve_lp(cz, A_ub, [0] * len(A_ub), A_eq, [1], out, bounds=bounds)
    except ArithmeticError:
        out = fallback_arithmetic(game, arithmetic, tol)
        sol = solve_lp(cz, A_ub, [0] * len(A_ub), A_eq, [1], out, bounds=bounds)
    if sol is None:
        raise SolverError("correlated equilibrium: the linear program has no optimal solution")
    if out.exact:
        mu = np.array(sol.x[:P], dtype=object)
    else:
        mu = np.clip(np.array(sol.x[:P], dtype=float), 0.0, None)
        mu = mu / mu.sum()
    mu = mu.reshape(game.shape)
    gain = max(correlated_gains(game, mu, coarse))
    if out.exact:
        if gain > 0:
            raise VerificationError("internal error: an exact correlated equilibrium violates "
                                    "an incentive constraint")
    elif float(gain) > cast(float, out.tol):   # float arithmetic always has a tolerance
        raise VerificationError(f"internal error: correlated equilibrium with gain {float(gain):.3g} "
                                f"above the tolerance {out.tol:.3g}")
    else:
        gain = float(gain)
    if out.exact:        # out.dot over the profiles mu uses (the same sums, without the zeros)
        used = [(k, mu.flat[k]) for k in np.flatnonzero(mu.reshape(-1) != 0)]
        payoffs = tuple(sum((Fraction(u[k]) * p for k, p in used), Fraction(0)) for u in U)
    else:
        flat = cast(Sequence[Any], mu.reshape(-1))   # Arithmetic.dot takes arrays as well
        payoffs = tuple(out.dot(cast(Sequence[Any], u), flat) for u in U)
    return CorrelatedEquilibrium(game=game, distribution=mu, payoffs=payoffs, gain=gain,
                                 exact=out.exact, coarse=coarse, objective=label)
