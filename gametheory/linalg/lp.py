"""Linear programs solved in floating point (HiGHS) and certified in rational arithmetic.

``minimize c x  subject to  A_ub x <= b_ub,  A_eq x = b_eq`` (``x`` free).  HiGHS
finds an optimal vertex; the rows active there are reduced to a nonsingular
square system in exact arithmetic (fraction-free elimination), which gives the
exact vertex ``x``; the same basis gives the exact dual ``y`` from
``B' y = -c``.  The result is *certified*: ``x`` satisfies every constraint
exactly and ``y`` is nonnegative on the inequalities, so by LP duality ``x`` is
optimal (Chvatal 1983, "Linear Programming", chapter 5).  When the certificate
cannot be built (a degenerate vertex whose active rows admit no valid dual,
say) the caller gets None and decides what to do.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
from scipy.optimize import linprog

from ..arithmetic import integer_scale
from .exact import solve_rational

__all__ = ["LPSolution", "solve_lp", "exact_lp"]


@dataclass(frozen=True)
class LPSolution:
    """An optimal solution: ``x``, the value, and the dual of each constraint.

    ``dual_ub[k] >= 0`` is the multiplier of inequality ``k`` (positive only
    on rows tight at every optimum), ``dual_eq`` those of the equalities.
    Exact solutions hold Fractions.
    """

    x: tuple
    value: Any
    dual_ub: tuple
    dual_eq: tuple
    exact: bool


def solve_lp(c: Sequence[Any], A_ub: np.ndarray, b_ub: Sequence[Any], A_eq: np.ndarray,
             b_eq: Sequence[Any], exact: bool) -> LPSolution | None:
    """Solve the LP; exact (certified) when ``exact`` and possible, else in floating point.

    Returns None when the LP is infeasible or unbounded.  In exact mode a
    solution that cannot be certified raises :class:`ArithmeticError`.
    """
    A_ub = np.asarray(A_ub, dtype=object).reshape(-1, len(c))
    A_eq = np.asarray(A_eq, dtype=object).reshape(-1, len(c))
    res = linprog(np.array(c, dtype=float),
                  A_ub=A_ub.astype(float) if len(A_ub) else None,
                  b_ub=np.array(b_ub, dtype=float) if len(A_ub) else None,
                  A_eq=A_eq.astype(float) if len(A_eq) else None,
                  b_eq=np.array(b_eq, dtype=float) if len(A_eq) else None,
                  bounds=[(None, None)] * len(c), method="highs")
    if res.status != 0:
        return None
    dual_ub = -np.asarray(res.ineqlin.marginals) if len(A_ub) else np.zeros(0)
    dual_eq = -np.asarray(res.eqlin.marginals) if len(A_eq) else np.zeros(0)
    if not exact:
        return LPSolution(tuple(float(v) for v in res.x), float(res.fun),
                          tuple(float(v) for v in dual_ub), tuple(float(v) for v in dual_eq), False)
    out = exact_lp(c, A_ub, b_ub, A_eq, b_eq, res.x, dual_ub)
    if out is None:
        raise ArithmeticError("the optimal vertex could not be certified in exact arithmetic")
    return out


def exact_lp(c, A_ub: np.ndarray, b_ub, A_eq: np.ndarray, b_eq, x_float: np.ndarray,
             dual_float: np.ndarray) -> LPSolution | None:
    """Certify the vertex near ``x_float`` exactly (see the module notes), or None."""
    n = len(c)
    c = [Fraction(v) for v in c]
    Aub = [[Fraction(v) for v in row] for row in A_ub]
    Aeq = [[Fraction(v) for v in row] for row in A_eq]
    bub = [Fraction(v) for v in b_ub]
    beq = [Fraction(v) for v in b_eq]
    scale = max([1.0] + [abs(float(v)) for row in A_ub for v in row] + [abs(float(v)) for v in b_ub])
    slack = (np.array(b_ub, dtype=float) - A_ub.astype(float) @ x_float) if len(Aub) else np.zeros(0)
    size = 1.0 + (float(np.max(np.abs(x_float))) if n else 0.0)
    tight = [k for k in range(len(Aub)) if slack[k] <= 1e-7 * scale * size]
    # equalities first, then tight inequalities with the largest multipliers first
    tight.sort(key=lambda k: -float(dual_float[k]) if len(dual_float) else 0)
    eq_rows: list[tuple[str, int]] = []
    echelon: list[list[Fraction]] = []
    for k in range(len(Aeq)):
        reduced = _reduce(Aeq[k], echelon)
        if any(reduced):
            echelon.append(reduced)
            eq_rows.append(("eq", k))
    greedy = list(eq_rows)
    greedy_echelon = list(echelon)
    for k in tight:
        if len(greedy) == n:
            break
        reduced = _reduce(Aub[k], greedy_echelon)
        if any(reduced):
            greedy_echelon.append(reduced)
            greedy.append(("ub", k))
    if len(greedy) != n:
        return None
    certified = _certify(greedy, c, Aub, bub, Aeq, beq)
    if certified is not None:
        return certified
    # a degenerate vertex: try other bases among its tight rows
    need = n - len(eq_rows)
    for combo in itertools.islice(itertools.combinations(tight, need), MAX_BASES):
        rows = eq_rows + [("ub", k) for k in combo]
        certified = _certify(rows, c, Aub, bub, Aeq, beq)
        if certified is not None:
            return certified
    return None


#: Most alternative bases tried at a degenerate vertex.
MAX_BASES = 5000


def _certify(chosen, c, Aub, bub, Aeq, beq) -> LPSolution | None:
    """The vertex and dual of one basis, if both are valid (exact)."""
    n = len(c)
    rows = [Aeq[k] if kind == "eq" else Aub[k] for kind, k in chosen]
    rhs = [beq[k] if kind == "eq" else bub[k] for kind, k in chosen]
    x = _solve(rows, rhs)
    if x is None:
        return None
    for row, b in zip(Aub, bub):
        if sum(a * v for a, v in zip(row, x)) > b:
            return None
    for row, b in zip(Aeq, beq):
        if sum(a * v for a, v in zip(row, x)) != b:
            return None
    # dual: rows' multipliers y with  sum_r y_r row_r = -c, inequalities' y >= 0
    transposed = [[rows[r][j] for r in range(n)] for j in range(n)]
    y = _solve(transposed, [-v for v in c])
    if y is None:
        return None
    dual_ub = [Fraction(0)] * len(Aub)
    dual_eq = [Fraction(0)] * len(Aeq)
    for (kind, k), v in zip(chosen, y):
        if kind == "ub":
            if v < 0:
                return None
            dual_ub[k] = v
        else:
            dual_eq[k] = v
    value = sum(a * v for a, v in zip(c, x))
    return LPSolution(tuple(x), value, tuple(dual_ub), tuple(dual_eq), True)


def _reduce(vec: list[Fraction], basis: list[list[Fraction]]) -> list[Fraction]:
    """``vec`` minus its components along the echelon ``basis`` (exact)."""
    vec = list(vec)
    for b in basis:
        p = next(k for k, v in enumerate(b) if v != 0)
        if vec[p] != 0:
            f = vec[p] / b[p]
            vec = [x - f * y for x, y in zip(vec, b)]
    return vec


def _solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The square rational system, scaled to integers and solved fraction-free."""
    scaled_rows, scaled_rhs = [], []
    for row, b in zip(rows, rhs):
        m = integer_scale(row + [b])
        scaled_rows.append([int(v * m) for v in row])
        scaled_rhs.append(int(b * m))
    return solve_rational(scaled_rows, scaled_rhs)
