"""Support enumeration for two-player games.

Algorithm (von Stengel 2007, Algorithmic Game Theory ch. 3, Algorithm 3.4;
also Nisan et al. 2007): for every pair of supports ``I`` (rows) and ``J``
(columns) of equal size ``k``:

1. solve the indifference equations ``A[I, J] y = v 1, sum(y) = 1`` for the
   column player's strategy ``y`` on ``J`` and ``x B[I, J] = u 1, sum(x) = 1``
   for the row player's ``x`` on ``I``;
2. keep the pair when ``x, y >= 0`` and no action outside the supports earns
   more than ``v`` (rows) or ``u`` (columns).

For a nondegenerate game this finds every equilibrium.

Robustness.  The systems of all support pairs of one size are first solved
together in floating point (vectorised with numpy) and screened with a
generous tolerance, scaled to the payoffs; systems that are ill-conditioned
are never rejected by the screen.  With ``exact=True`` every pair that passes
is then solved again in exact integer arithmetic and checked exactly, so a
probability that comes out as ``-7e-17`` in floating point can never cost an
equilibrium (the fault of nashpy's version), and nothing is accepted on a
float comparison.  With ``exact=False`` the surviving profiles are cleaned
(tiny negatives set to 0) and accepted when their regret is within the
tolerance.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction
from math import comb

import numpy as np

from ..arithmetic import EXACT, Arithmetic
from ..context import Context
from ..errors import GameTooLargeError, VerificationError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.exact import solve_rational
from ._bimatrix import exact_bimatrix
from ._common import collect, require_two_players, resolve_context
from .result import Equilibrium, SolverResult, dedupe_equilibria, make_equilibrium
from .vertex import is_degenerate

__all__ = ["solve_support", "iter_support"]

#: Screening tolerance on probabilities and on payoffs scaled to [-1, 1].
SCREEN_TOL = 1e-6
#: Condition number above which a system is passed on to the exact check unscreened.
ILL_CONDITIONED = 1e8
#: Support pairs solved together in one numpy batch.
BATCH = 20000
#: Refuse games whose support pairs exceed this count.
MAX_PAIRS = 2 * 10**8


def _indifference(M: np.ndarray) -> np.ndarray:
    """Batched matrices ``[[M, -1], [1, 0]]`` for the systems ``M z = w 1, sum z = 1``."""
    b, k, _ = M.shape
    out = np.zeros((b, k + 1, k + 1))
    out[:, :k, :k] = M
    out[:, :k, k] = -1.0
    out[:, k, :k] = 1.0
    return out


def _screen(Ms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve a batch of indifference systems; return solutions, solvable mask, ill mask."""
    S = _indifference(Ms)
    rhs = np.zeros(S.shape[:2])
    rhs[:, -1] = 1.0
    sv = np.linalg.svd(S, compute_uv=False)
    smax, smin = sv[:, 0], sv[:, -1]
    ill = smin <= smax / ILL_CONDITIONED
    sol = np.zeros_like(rhs)
    ok = ~ill
    if ok.any():
        sol[ok] = np.linalg.solve(S[ok], rhs[ok][..., None])[..., 0]
    return sol, ok, ill


def _candidates(A: np.ndarray, B: np.ndarray, k: int,
                context: Context) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Support pairs of size ``k`` that pass the float screen (or are ill-conditioned)."""
    m, n = A.shape
    rows = np.array(list(itertools.combinations(range(m), k)), dtype=np.intp)
    cols = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
    total = len(rows) * len(cols)
    for start in range(0, total, BATCH):
        context.check("support")
        idx = np.arange(start, min(start + BATCH, total))
        I, J = rows[idx // len(cols)], cols[idx % len(cols)]
        # column player's mix y on J makes the rows in I indifferent: A[I, J] y = v
        AIJ = A[I[:, :, None], J[:, None, :]]
        ysol, yok, yill = _screen(AIJ)
        y, v = ysol[:, :k], ysol[:, k]
        yfull = np.zeros((len(idx), n))
        np.put_along_axis(yfull, J, y, axis=1)
        row_pay = yfull @ A.T                          # every row against y
        good_y = yok & (y >= -SCREEN_TOL).all(axis=1) & (row_pay <= v[:, None] + SCREEN_TOL).all(axis=1)
        # row player's mix x on I makes the columns in J indifferent: B[I, J]^T x = u
        BIJ = B[I[:, :, None], J[:, None, :]].transpose(0, 2, 1)
        xsol, xok, xill = _screen(BIJ)
        x, u = xsol[:, :k], xsol[:, k]
        xfull = np.zeros((len(idx), m))
        np.put_along_axis(xfull, I, x, axis=1)
        col_pay = xfull @ B
        good_x = xok & (x >= -SCREEN_TOL).all(axis=1) & (col_pay <= u[:, None] + SCREEN_TOL).all(axis=1)
        keep = (good_y | yill) & (good_x | xill)
        for t in np.flatnonzero(keep):
            yield tuple(int(a) for a in I[t]), tuple(int(b) for b in J[t])


def _exact_pair(A: np.ndarray, B: np.ndarray, I: tuple[int, ...], J: tuple[int, ...]):
    """Exact solution of the indifference equations for ``(I, J)``, or None."""
    k = len(I)
    ysys = [[A[i, j] for j in J] + [-1] for i in I] + [[1] * k + [0]]
    zsol = solve_rational(ysys, [0] * k + [1])
    if zsol is None:
        return None
    y, v = zsol[:k], zsol[k]
    xsys = [[B[i, j] for i in I] + [-1] for j in J] + [[1] * k + [0]]
    wsol = solve_rational(xsys, [0] * k + [1])
    if wsol is None:
        return None
    x, u = wsol[:k], wsol[k]
    if min(y) < 0 or min(x) < 0:
        return None
    m, n = A.shape
    xf = [Fraction(0)] * m
    yf = [Fraction(0)] * n
    for a, p in zip(I, x):
        xf[a] = p
    for b, q in zip(J, y):
        yf[b] = q
    if any(sum(A[i, j] * yf[j] for j in J) > v for i in range(m)):
        return None
    if any(sum(xf[i] * B[i, j] for i in I) > u for j in range(n)):
        return None
    return xf, yf


@accepts_peer_games
def iter_support(game: NormalFormGame, exact: bool | None = None,
                 tol: float | None = None, *,
                 context: Context | None = None) -> Iterator[Equilibrium]:
    """Generate equilibria by support enumeration, smallest supports first.

    Equilibria are not deduplicated across support sizes here; use
    ``solve_support`` for the deduplicated list.  Each is certified
    before it is yielded.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool or None
        Rational arithmetic (regret exactly 0) or floating point; default
        (None): exact where the payoffs are rational.
    tol : float, optional
        Float mode's regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's context; when given, its arithmetic replaces
        ``exact`` and ``tol``.

    Yields
    ------
    Equilibrium

    Raises
    ------
    InvalidGameError
        For a game that does not have two players.
    GameTooLargeError
        When more than ``MAX_PAIRS`` (2 x 10^8) support pairs would be examined.

    Examples
    --------
    >>> import gametheory as gt
    >>> [eq.supports for eq in gt.iter_support(gt.read_game("chicken"))]
    [((0,), (1,)), ((1,), (0,)), ((0, 1), (0, 1))]
    """
    require_two_players(game, "support")
    context = resolve_context(game, exact, tol, context)
    arithmetic = context.arithmetic
    m, n = game.shape
    if sum(comb(m, k) * comb(n, k) for k in range(1, min(m, n) + 1)) > MAX_PAIRS:
        raise GameTooLargeError(
            f"support enumeration on a {m}x{n} game would examine more than {MAX_PAIRS:.0e} "
            "support pairs; use method 'vertex' or 'lemke-howson'")
    Af, Bf = game.float_payoffs
    scale = max(1.0, float(np.abs(Af).max()), float(np.abs(Bf).max()))
    Af, Bf = Af / scale, Bf / scale
    Ai = Bi = None
    for k in range(1, min(m, n) + 1):
        context.report("support", k - 1, min(m, n))
        for I, J in _candidates(Af, Bf, k, context):
            if arithmetic.exact:
                if Ai is None or Bi is None:
                    Ai, Bi = exact_bimatrix(game)
                pair = _exact_pair(Ai, Bi, I, J)
                if pair is not None:
                    yield make_equilibrium(game, list(pair), EXACT)
            else:
                eq = _float_pair(game, Af, Bf, I, J, arithmetic)
                if eq is not None:
                    yield eq


def _float_pair(game: NormalFormGame, A: np.ndarray, B: np.ndarray, I, J, arithmetic: Arithmetic):
    k = len(I)
    m, n = A.shape
    try:
        ys = np.linalg.solve(_indifference(A[np.ix_(I, J)][None])[0], np.eye(k + 1)[-1])
        xs = np.linalg.solve(_indifference(B[np.ix_(I, J)].T[None])[0], np.eye(k + 1)[-1])
    except np.linalg.LinAlgError:
        return None
    x = np.zeros(m)
    y = np.zeros(n)
    x[list(I)] = np.clip(xs[:k], 0.0, None)
    y[list(J)] = np.clip(ys[:k], 0.0, None)
    if x.sum() <= 0 or y.sum() <= 0:
        return None
    x, y = x / x.sum(), y / y.sum()
    try:
        return make_equilibrium(game, [x, y], arithmetic)
    except VerificationError:
        return None  # a screened candidate that is not an equilibrium within tol


@accepts_peer_games
def solve_support(game: NormalFormGame, exact: bool | None = None,
                  tol: float | None = None, *, context: Context | None = None) -> SolverResult:
    """All equilibria of a nondegenerate two-player game, by support enumeration.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool or None
        Rational arithmetic (regret exactly 0) or floating point; default
        (None): exact where the payoffs are rational.
    tol : float, optional
        Float mode's regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above.

    Returns
    -------
    SolverResult
        ``degenerate`` is decided exactly (as in ``is_degenerate``);
        ``complete`` is True for nondegenerate games only: a degenerate game
        may have equilibria whose supports differ in size, and continua, which
        equal-size support enumeration does not find; use ``vertex`` there.
        ``parameters`` holds ``tolerance`` (None in exact mode) and
        ``screen_tolerance`` (the float screen's tolerance, 1e-6).

    Raises
    ------
    InvalidGameError
        For a game that does not have two players.
    GameTooLargeError
        When more than ``MAX_PAIRS`` (2 x 10^8) support pairs would be examined.

    Notes
    -----
    Cost: ``sum_k C(m, k) C(n, k) = C(m + n, m) - 1`` support pairs, each a
    ``(k+1) x (k+1)`` linear solve, vectorised in batches.

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in
    strategic and extensive form. In Nisan, Roughgarden, Tardos and Vazirani
    (eds.), Algorithmic Game Theory, chapter 3 (Algorithm 3.4).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> res = solve_support(g)
    >>> [[str(p) for p in s] for s in res.equilibria[0].strategies]
    [['1/2', '1/2'], ['1/2', '1/2']]
    >>> res.complete
    True
    """
    context = resolve_context(game, exact, tol, context)
    equilibria = dedupe_equilibria(collect(iter_support(game, context=context), game, "support",
                                           context.arithmetic.exact), context.arithmetic)
    degenerate = is_degenerate(game)
    notes: tuple[str, ...] = ()
    if degenerate:
        notes = ("the game is degenerate: support enumeration over equal-size supports may miss "
                 "equilibria and continua; method 'vertex' lists every extreme equilibrium",)
    return SolverResult(game=game, method="support", exact=context.arithmetic.exact,
                        equilibria=tuple(equilibria), complete=not degenerate, degenerate=degenerate,
                        parameters={"tolerance": context.arithmetic.tol, "screen_tolerance": SCREEN_TOL},
                        notes=notes)
