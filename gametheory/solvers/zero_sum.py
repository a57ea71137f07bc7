"""Two-player zero-sum (and constant-sum) games by linear programming.

Algorithm (von Neumann's minimax theorem as a linear program; e.g. Maschler,
Solan and Zamir 2013, "Game Theory", section 5.2.5):

1. The row player maximises ``v`` subject to ``A^T x >= v 1``, ``sum x = 1``,
   ``x >= 0``; the column player minimises ``w`` subject to ``A y <= w 1``,
   ``sum y = 1``, ``y >= 0``.  Both are solved with HiGHS in floating point
   (``solve_lp``).
2. In exact mode the float optima are made rational (continued fractions
   with growing denominator bounds) and certified: ``min_j (A^T x)_j ==
   max_i (A y)_i`` exactly proves both strategies optimal.  If no rational
   approximation certifies, an exact Lemke-Howson path (integer pivoting)
   supplies the optimal strategies instead; the result says which was used.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..arithmetic import EXACT, Arithmetic, Number
from ..context import Context
from ..errors import InvalidGameError, SolverError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.lp import solve_lp
from ._bimatrix import exact_bimatrix
from ._common import fallback_arithmetic, require_two_players, resolve_context
from .lemke_howson import solve_lemke_howson
from .result import SolverResult, make_equilibrium

__all__ = ["solve_zero_sum", "is_constant_sum"]


@accepts_peer_games
def is_constant_sum(game: NormalFormGame) -> bool:
    """True when the two players' payoffs add up to the same constant in every profile.

    Exact games are compared exactly; float games within ``1e-12`` times
    the constant (at least ``1e-12``).

    Parameters
    ----------
    game : NormalFormGame
        The game.

    Returns
    -------
    bool
        False for games that do not have two players.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.is_constant_sum(gt.read_game("matching-pennies")), gt.is_constant_sum(gt.read_game("chicken"))
    (True, False)
    >>> gt.is_constant_sum(gt.read_game("mckelvey-mclennan"))
    False
    """
    if game.num_players != 2:
        return False
    total = game.payoffs[0] + game.payoffs[1]
    first = total.flat[0]
    if game.is_exact:
        return all(t == first for t in total.flat)
    return bool(np.allclose(total, first, rtol=0, atol=1e-12 * max(1.0, abs(first))))


def _maximin(A: np.ndarray, arithmetic: Arithmetic) -> tuple[np.ndarray, float]:
    """Optimal mixed strategy of the maximising row player of ``A`` and the value (float
    ``arithmetic``: the LP's floating-point optimum)."""
    m, n = A.shape
    # variables (x_1..x_m, v); minimise -v
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-A.T, np.ones((n, 1))])        # v - (A^T x)_j <= 0
    A_eq = np.zeros((1, m + 1))
    A_eq[0, :m] = 1.0
    bounds = [(0, None)] * m + [(None, None)]
    sol = solve_lp(c, A_ub, np.zeros(n), A_eq, [1.0], arithmetic, bounds=bounds)
    if sol is None:
        raise SolverError("linear program failed: it has no optimal solution")
    x = np.clip(np.array(sol.x[:m], dtype=float), 0.0, None)
    return x / x.sum(), float(sol.x[-1])


def _rationalise(x: np.ndarray, bound: int) -> list[Fraction] | None:
    q = [Fraction(float(p)).limit_denominator(bound) for p in x]
    total = sum(q)
    if total <= 0 or any(p < 0 for p in q):
        return None
    return [p / total for p in q]


@accepts_peer_games
def solve_zero_sum(game: NormalFormGame, exact: bool | None = None, tol: float | None = None, *,
                   context: Context | None = None) -> SolverResult:
    """Value and optimal strategies of a two-player constant-sum game.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game whose payoffs sum to a constant in every profile.
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
        One equilibrium (a pair of optimal strategies).  ``complete`` is
        False: the optimal strategies may form a polytope, of which the LP
        returns one vertex; ``degenerate`` is None.  ``parameters`` holds
        ``value`` (the value of the game to the row player), ``tolerance``
        (None in exact mode) and ``computation`` (how the strategies were
        found: the LP, rationalised with denominators up to some bound, or
        exact Lemke-Howson when the LP optimum did not rationalise).

    Raises
    ------
    InvalidGameError
        For a game that does not have two players or is not constant-sum.
    SolverError
        When the linear program has no optimal solution.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = solve_zero_sum(gt.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]))
    >>> str(res.parameters["value"]), [str(p) for p in res.equilibria[0].strategies[0]]
    ('0', ['1/3', '1/3', '1/3'])
    >>> solve_zero_sum(gt.read_game("matching-pennies")).parameters["computation"]
    'linear programming (HiGHS), rationalised with denominators up to 1000'
    """
    require_two_players(game, "zero-sum")
    context = resolve_context(game, exact, tol, context)
    arithmetic = context.arithmetic
    if not is_constant_sum(game):
        raise InvalidGameError("method 'zero-sum' needs a constant-sum game: the players' "
                               "payoffs do not add up to the same number in every profile")
    A = game.float_payoffs[0]
    floating = fallback_arithmetic(game, arithmetic, tol)
    x, _ = _maximin(A, floating)
    y, _ = _maximin(-A.T, floating)
    how = "linear programming (HiGHS)"
    if arithmetic.exact:
        Ai, _ = exact_bimatrix(game)
        strategies: Sequence[Sequence[Number]] | None = None
        for bound in (10**3, 10**6, 10**9, 10**12):
            xq, yq = _rationalise(x, bound), _rationalise(y, bound)
            if xq is None or yq is None:
                continue
            low = min(sum(xq[i] * Ai[i, j] for i in range(Ai.shape[0])) for j in range(Ai.shape[1]))
            high = max(sum(Ai[i, j] * yq[j] for j in range(Ai.shape[1])) for i in range(Ai.shape[0]))
            if low == high:
                strategies = [xq, yq]
                how += f", rationalised with denominators up to {bound}"
                break
        if strategies is None:
            lh = solve_lemke_howson(game, labels=[0], context=context)
            strategies = [list(s) for s in lh.equilibria[0].strategies]
            how = "exact Lemke-Howson (the LP optimum did not rationalise)"
        eq = make_equilibrium(game, strategies, EXACT)
    else:
        eq = make_equilibrium(game, [x, y], arithmetic)
    return SolverResult(game=game, method="zero-sum", exact=arithmetic.exact, equilibria=(eq,),
                        complete=False, degenerate=None,
                        parameters={"value": eq.payoffs[0], "tolerance": arithmetic.tol,
                                    "computation": how})
