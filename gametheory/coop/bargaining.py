"""Bargaining over the feasible payoffs of a strategic game: Nash and Kalai-Smorodinsky.

Without transfers (non-transferable utility), what the players can agree on
is a joint plan: a probability distribution over action profiles, as a
mediator or a pre-agreed rotation would implement.  Its payoffs fill the
convex hull of the profiles' payoff vectors, the *feasible set*.  Given a
*disagreement point* ``d`` (what each gets if talks fail: its max-min
security level, a Nash equilibrium's payoffs, or any vector):

- the *Nash bargaining solution* (Nash 1950) maximises the product of the
  gains ``prod (u_i - d_i)`` over feasible ``u >= d``;
- the *Kalai-Smorodinsky solution* (Kalai and Smorodinsky 1975) is the
  largest feasible point on the segment from ``d`` to the *ideal point*
  (each player's best feasible payoff given the others get at least ``d``):
  gains proportional to what each could hope for.

Both lie on the Pareto frontier (``pareto_frontier``).  The KS point and
the ideal point come from linear programs, certified in rational arithmetic
for exact games.  The Nash solution is exact for two players (the maximum of a
quadratic on each segment of the frontier) and computed in floating point
(a concave program) for more.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import EXACT, as_exact
from ..context import Context
from ..errors import InvalidGameError, SolverError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.lp import FLOAT_LP, solve_lp
from ..solvers._common import resolve_context
from ..solvers.solve import solve
from .derive import characteristic_function
from .records import BargainingSolution, DisagreementPoint, ParetoFrontier

__all__ = ["BargainingSolution", "DisagreementPoint", "ParetoFrontier", "nash_bargaining",
           "kalai_smorodinsky", "disagreement_point", "pareto_frontier"]


def _points(game: NormalFormGame, exact: bool) -> tuple[list[tuple[str, ...]], np.ndarray]:
    profiles = list(itertools.product(*game.actions))
    arrays = game.payoffs if exact else game.float_payoffs
    cells = itertools.product(*(range(m) for m in game.shape))
    if exact:       # Python ints and Fractions (an int64 array's entries would stay np.int64)
        pts = np.array([[as_exact(a[idx]) for a in arrays] for idx in cells], dtype=object)
    else:
        pts = np.array([[a[idx] for a in arrays] for idx in cells], dtype=float)
    return profiles, pts


@accepts_peer_games
def disagreement_point(game: NormalFormGame, kind: Any = "maxmin",
                       exact: bool | None = None, *,
                       context: Context | None = None) -> DisagreementPoint:
    """What each player gets if talks fail: the starting point of a bargain.

    The ``disagreement`` argument of ``nash_bargaining`` and ``kalai_smorodinsky``
    takes the same values as ``kind``.

    Parameters
    ----------
    game : NormalFormGame
    kind : str, sequence of numbers, or DisagreementPoint
        ``"maxmin"`` (default): each player's security level (its mixed max-min against all
        the others); ``"nash"``: the payoffs of the first equilibrium ``solve`` returns; or a
        given vector (a sequence of numbers, one per player, or a
        ``DisagreementPoint``), taken as given.
    exact : bool or None
        Rational arithmetic (default where the payoffs are rational).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    DisagreementPoint
        ``kind`` (``"maxmin"``, ``"nash"`` or ``"given"``), ``players``, ``payoffs``, ``exact``.

    Raises
    ------
    InvalidGameError
        An unknown ``kind``, or a vector without one payoff per player.
    SolverError
        With ``"nash"``, when no equilibrium is found.

    Examples
    --------
    >>> import gametheory as gt
    >>> bos = gt.read_game("battle-of-the-sexes")
    >>> [str(x) for x in gt.disagreement_point(bos).payoffs]
    ['6/5', '6/5']
    >>> d = gt.disagreement_point(bos, "nash")
    >>> d.kind, [str(x) for x in d.payoffs]
    ('nash', ['3', '2'])
    >>> gt.disagreement_point(bos, [0, 1]).kind
    'given'
    """
    exact = resolve_context(game, exact, None, context).arithmetic.exact
    if isinstance(kind, DisagreementPoint):
        kind = kind.payoffs
    if not isinstance(kind, str):
        d = tuple(kind)
        if len(d) != game.num_players:
            raise InvalidGameError(f"a disagreement point needs {game.num_players} payoffs")
        return _point(game, "given",
                      tuple(Fraction(x) if exact and not isinstance(x, float) else float(x) for x in d))
    if kind == "maxmin":
        v = characteristic_function(game, "alpha", exact=exact)
        return _point(game, kind, tuple(v.value(1 << i) for i in range(game.num_players)))
    if kind == "nash":
        res = solve(game, exact=exact)
        if not res.equilibria:
            raise SolverError("no Nash equilibrium was found for the disagreement point")
        return _point(game, kind, tuple(res.equilibria[0].payoffs))
    raise InvalidGameError(f"unknown disagreement point {kind!r}; use 'maxmin', 'nash' or payoffs")


def _point(game: NormalFormGame, kind: str, payoffs: tuple) -> DisagreementPoint:
    exact = not any(isinstance(x, (float, np.floating)) for x in payoffs)
    return DisagreementPoint(kind, tuple(game.players), payoffs, exact)


def _distribution(profiles, weights, exact: bool) -> dict:
    """The profiles with positive weight; in floating point, weights below 1e-9 (optimiser
    noise) are dropped and the rest renormalised."""
    if exact:
        return {tuple(prof): w for prof, w in zip(profiles, weights) if w != 0}
    kept = {tuple(prof): float(w) for prof, w in zip(profiles, weights) if w > 1e-9}
    total = sum(kept.values())
    return {prof: w / total for prof, w in kept.items()}


def _lp(c, A_ub, b_ub, A_eq, b_eq, exact: bool):
    try:
        sol = solve_lp(c, A_ub, b_ub, A_eq, b_eq, EXACT if exact else FLOAT_LP)
    except ArithmeticError as exc:
        raise SolverError(f"{exc}; use floating point") from None
    if sol is None:
        raise SolverError("the feasible set has no point at least as good as the disagreement point")
    return sol


def _ideal(pts: np.ndarray, d: tuple, exact: bool) -> tuple:
    """Each player's best payoff over feasible points giving everyone at least d."""
    P, n = pts.shape
    out = []
    for i in range(n):
        # variables: mu (P); maximise u_i = pts[:, i] . mu ; pts[:, j] . mu >= d_j
        c = [-v for v in pts[:, i]]
        A_ub = np.vstack([-pts.T, -np.eye(P, dtype=int)]).astype(object)
        b_ub = [-x for x in d] + [0] * P
        A_eq = np.ones((1, P), dtype=object)
        sol = _lp(c, A_ub, b_ub, A_eq, [1], exact)
        out.append(-sol.value)
    return tuple(out)


@accepts_peer_games
def kalai_smorodinsky(game: NormalFormGame, disagreement: Any = "maxmin",
                      exact: bool | None = None, *,
                      context: Context | None = None) -> BargainingSolution:
    """The Kalai-Smorodinsky solution, by linear programs.

    The best feasible point on the segment from the disagreement point ``d`` to the ideal
    point (each player's best feasible payoff when the others get at least their
    disagreement payoffs): gains proportional to what each could hope for.  The feasible
    set is every payoff vector of a distribution over profiles (a joint plan).  Found by
    linear programs, certified in rational arithmetic for exact games, for any number of
    players.

    Parameters
    ----------
    game : NormalFormGame
    disagreement : str, sequence of numbers, or DisagreementPoint
        ``"maxmin"`` (default), ``"nash"`` or a given vector, as in
        ``disagreement_point``.
    exact : bool or None
        Rational arithmetic (default where the payoffs are rational).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    BargainingSolution
        ``concept`` ``"Kalai-Smorodinsky"``.

    Raises
    ------
    SolverError
        When no feasible point gives everyone its disagreement payoff, or a linear program
        cannot be certified.

    References
    ----------
    Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
    Econometrica 43(3).

    Examples
    --------
    >>> import gametheory as gt
    >>> chicken = gt.read_game("chicken")
    >>> ks = kalai_smorodinsky(chicken)
    >>> [str(x) for x in ks.disagreement], [str(x) for x in ks.payoffs]
    (['1', '1'], ['3', '3'])
    """
    exact = resolve_context(game, exact, None, context).arithmetic.exact
    d = disagreement_point(game, disagreement, exact).payoffs
    profiles, pts = _points(game, exact)
    b = _ideal(pts, d, exact)
    P, n = pts.shape
    gap = [bi - di for bi, di in zip(b, d)]
    # variables (mu, t): maximise t; d + t (b - d) <= pts' mu ; mu >= 0 ; sum mu = 1
    # (t <= 1: the ideal point bounds it, and keeps the LP bounded when d is already efficient)
    A_ub = np.vstack([np.hstack([-pts.T, np.array(gap, dtype=object).reshape(n, 1)]),
                      np.hstack([-np.eye(P, dtype=int), np.zeros((P, 1), dtype=int)]),
                      np.array([[0] * P + [1]])]).astype(object)
    b_ub = [-x for x in d] + [0] * P + [1]
    A_eq = np.array([[1] * P + [0]], dtype=object)
    sol = _lp([0] * P + [-1], A_ub, b_ub, A_eq, [1], exact)
    t = sol.x[P]
    point = tuple(di + t * g for di, g in zip(d, gap))
    return BargainingSolution("Kalai-Smorodinsky", point, _distribution(profiles, sol.x[:P], exact), d, exact)


@accepts_peer_games
def pareto_frontier(game: NormalFormGame, exact: bool | None = None, *,
                    context: Context | None = None) -> ParetoFrontier:
    """The Pareto-efficient extreme points of the feasible set (distinct payoff vectors no
    distribution over profiles dominates), sorted; for two players in order along the frontier.

    Each pure payoff vector is tested by a linear program (is it dominated by a mixture?),
    certified in rational arithmetic for exact games.

    Parameters
    ----------
    game : NormalFormGame
    exact : bool or None
        Rational arithmetic (default where the payoffs are rational).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    ParetoFrontier
        ``points``: the efficient payoff vectors; ``players``; ``exact``.

    Examples
    --------
    >>> import gametheory as gt
    >>> pf = gt.pareto_frontier(gt.read_game("battle-of-the-sexes"))
    >>> [[str(x) for x in p] for p in pf.points]
    [['2', '3'], ['3', '2']]
    """
    exact = resolve_context(game, exact, None, context).arithmetic.exact
    _, pts = _points(game, exact)
    unique = sorted(set(tuple(p) for p in pts.tolist()))
    P = len(unique)
    arr = np.array(unique, dtype=object if exact else float)
    efficient = []
    for p in unique:
        if any(all(a >= b for a, b in zip(q, p)) and q != p for q in unique):
            continue
        # dominated by a mixture? maximise total gain over p with every player >= p
        A_ub = np.vstack([-arr.T, -np.eye(P, dtype=int)]).astype(object)
        b_ub = [-x for x in p] + [0] * P
        c = [-sum(row) for row in unique]
        sol = _lp(c, A_ub, b_ub, np.ones((1, P), dtype=object), [1], exact)
        if -sol.value <= sum(p) if exact else -sol.value <= sum(p) + 1e-9 * max(1.0, abs(sum(p))):
            efficient.append(p)
    return ParetoFrontier(tuple(game.players), tuple(efficient), exact)


@accepts_peer_games
def nash_bargaining(game: NormalFormGame, disagreement: Any = "maxmin",
                    exact: bool | None = None, *,
                    context: Context | None = None) -> BargainingSolution:
    """The Nash bargaining solution: the feasible point maximising ``prod (u_i - d_i)``.

    Bargaining without transfers: the feasible set is every payoff vector of a distribution
    over profiles (a joint plan, as a mediator or a pre-agreed rotation would implement), and
    the solution maximises the product of the gains over the disagreement point ``d``
    (see ``disagreement_point``).  Two players: exact, by maximising the product on each
    segment of the Pareto frontier (a quadratic).  Three or more: floating point (SLSQP on
    the distribution over profiles, maximising ``sum log (u_i - d_i)``, started from the
    Kalai-Smorodinsky point).

    Parameters
    ----------
    game : NormalFormGame
    disagreement : str, sequence of numbers, or DisagreementPoint
        ``"maxmin"`` (default), ``"nash"`` or a given vector, as in
        ``disagreement_point``.
    exact : bool or None
        Rational arithmetic (default where the payoffs are rational); the solution for
        three or more players is in floating point regardless.
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    BargainingSolution
        ``concept`` ``"Nash bargaining"``; ``exact`` False for three or more players.

    Raises
    ------
    SolverError
        When no feasible point gives everyone its disagreement payoff, or the program for
        three or more players does not converge.

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. Econometrica 18(2).

    Examples
    --------
    >>> import gametheory as gt
    >>> nbs = nash_bargaining(gt.read_game("battle-of-the-sexes"))
    >>> [str(x) for x in nbs.payoffs], nbs.exact
    (['5/2', '5/2'], True)
    >>> three = nash_bargaining(gt.read_game("mckelvey-mclennan"))
    >>> [round(x, 6) for x in three.payoffs], three.exact
    ([9.0, 8.0, 12.0], False)
    """
    exact = resolve_context(game, exact, None, context).arithmetic.exact
    d = disagreement_point(game, disagreement, exact).payoffs
    profiles, pts = _points(game, exact)
    if game.num_players == 2:
        return _nash_two(game, profiles, pts, d, exact)
    ks = kalai_smorodinsky(game, d, exact)
    ideal = _ideal(pts, d, exact)
    return _nash_float(profiles, pts.astype(float), d, ks, ideal)


def _nash_two(game, profiles, pts, d, exact: bool) -> BargainingSolution:
    efficient = pareto_frontier(game, exact).points
    frontier = [p for p in efficient if p[0] >= d[0] and p[1] >= d[1]]
    # frontier points, and the frontier's crossings with u_i = d_i, in order of u_0
    pts_sorted = sorted(set(tuple(p) for p in efficient))
    best, best_val = None, None
    candidates = []
    for a, b in zip(pts_sorted, pts_sorted[1:]):
        # segment u(t) = a + t (b - a), t in [0, 1]; product (u0 - d0)(u1 - d1)
        g0, g1 = a[0] - d[0], a[1] - d[1]
        h0, h1 = b[0] - a[0], b[1] - a[1]
        ts: list[int | Fraction | float] = [0, 1]
        if h0 * h1 != 0:
            num, den = -(g0 * h1 + g1 * h0), 2 * h0 * h1
            t = Fraction(num) / Fraction(den) if exact else float(num) / float(den)
            if 0 < t < 1:
                ts.append(t)
        for t in ts:
            u = (a[0] + t * h0, a[1] + t * h1)
            if u[0] >= d[0] and u[1] >= d[1]:
                candidates.append((u, (a, b, t)))
    candidates += [(p, (p, p, 0)) for p in frontier]
    for u, seg in candidates:
        val = (u[0] - d[0]) * (u[1] - d[1])
        if best_val is None or val > best_val:
            best, best_val = (u, seg), val
    if best is None:
        raise SolverError("no feasible point gives both players their disagreement payoffs")
    u, (a, b, t) = best
    weights: dict[tuple[str, ...], Any] = {}
    for prof, p in zip(profiles, pts.tolist()):
        if tuple(p) == a and a not in [tuple(x) for x in weights]:
            weights[tuple(prof)] = 1 - t
            break
    if t != 0:
        for prof, p in zip(profiles, pts.tolist()):
            if tuple(p) == b:
                weights[tuple(prof)] = weights.get(tuple(prof), 0) + t
                break
    point: tuple[int | Fraction | float, ...]
    if exact:
        exact_point = tuple(Fraction(x) for x in u)
        point = tuple(q.numerator if q.denominator == 1 else q for q in exact_point)
    else:
        point = tuple(float(x) for x in u)
    return BargainingSolution("Nash bargaining", point, {k: w for k, w in weights.items() if w != 0},
                              d, exact)


def _nash_float(profiles, pts: np.ndarray, d: Sequence[Any], ks: BargainingSolution,
                ideal: Sequence[Any]) -> BargainingSolution:
    """Maximise the sum of log-gains of the players who can gain at all (the others stay at
    their disagreement payoff), from the Kalai-Smorodinsky point, which is feasible."""
    P, n = pts.shape
    dv = np.array([float(x) for x in d])
    scale = max(1.0, float(np.max(np.abs(pts))))
    gaining = [i for i in range(n) if float(ideal[i]) - dv[i] > 1e-9 * scale]
    index = {tuple(p): k for k, p in enumerate(profiles)}
    start = np.zeros(P)
    for prof, w in ks.distribution.items():
        start[index[tuple(prof)]] = float(w)
    if not gaining:
        return BargainingSolution("Nash bargaining", tuple(float(x) for x in ks.payoffs),
                                  {k: float(w) for k, w in ks.distribution.items()},
                                  tuple(float(x) for x in d), False)

    def gains(mu):
        return pts.T @ mu - dv

    def objective(mu):
        g = gains(mu)[gaining]
        return -np.sum(np.log(np.maximum(g, 1e-300)))

    # a point strictly inside for the gaining players: mix the KS point with each one's best
    cons = [{"type": "eq", "fun": lambda mu: np.sum(mu) - 1},
            {"type": "ineq", "fun": lambda mu: gains(mu)}]
    from scipy.optimize import minimize  # lazy: scipy is imported where it is used
    res = minimize(objective, start, method="SLSQP", bounds=[(0, 1)] * P, constraints=cons,
                   options={"maxiter": 2000, "ftol": 1e-15})
    mu = np.clip(res.x, 0, None)
    mu /= mu.sum()
    if np.min(gains(mu)) < -1e-7 * scale:
        raise SolverError(f"the Nash bargaining program did not converge ({res.message})")
    point = tuple(float(x) for x in pts.T @ mu)
    return BargainingSolution("Nash bargaining", point, _distribution(profiles, mu, False),
                              tuple(float(x) for x in d), False)
