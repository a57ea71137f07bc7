"""Every linear program of the package: solved in floating point (HiGHS), certified in rational arithmetic.

``solve_lp`` is the one entry point (no other module calls ``linprog``).

``minimize c x  subject to  A_ub x <= b_ub,  A_eq x = b_eq`` (``x`` free, or within bounds).  HiGHS
finds an optimal vertex; the rows active there are reduced to a nonsingular
square system in exact arithmetic (fraction-free elimination), which gives the
exact vertex ``x``; the same basis gives the exact dual ``y`` from
``B' y = -c``.  The result is *certified*: ``x`` satisfies every constraint
exactly and ``y`` is nonnegative on the inequalities, so by LP duality ``x`` is
optimal (Chvatal 1983, "Linear Programming", chapter 5).  When the certificate
cannot be built (a degenerate vertex whose active rows admit no valid dual,
say) the caller gets None and decides what to do.  Variables that HiGHS leaves at
a bound are fixed there first and the smaller program certified; the fixed
variables' reduced costs complete the certificate.  When they do not (a
degenerate vertex), HiGHS's own multipliers are made exact and checked, and
only if they fail is a dual certificate sought by an LP of its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import EXACT, Arithmetic, float_arithmetic, integer_scale
from .exact import reduce_against, solve_fractions, solve_integer

__all__ = ["LPSolution", "solve_lp", "exact_lp", "FLOAT_LP"]


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


def solve_lp(c: Sequence[Any] | np.ndarray, A_ub: np.ndarray, b_ub: Sequence[Any] | np.ndarray,
             A_eq: np.ndarray, b_eq: Sequence[Any] | np.ndarray, arithmetic: Arithmetic, *,
             bounds: Sequence[tuple[Any, Any]] | None = None) -> LPSolution | None:
    """Solve ``min c x  s.t.  A_ub x <= b_ub,  A_eq x = b_eq,  low <= x <= high``: the package's one LP.

    HiGHS finds an optimal vertex; in exact ``arithmetic`` it is then
    certified (see the module notes) and every number returned is a
    Fraction; in float arithmetic the HiGHS solution is returned as it is.

    Parameters
    ----------
    c, A_ub, b_ub, A_eq, b_eq
        The program (ints, Fractions or floats; an empty ``A_ub`` or ``A_eq``
        for none).
    arithmetic : Arithmetic
        Exact (certified) or float.
    bounds : sequence of (low, high), optional
        Bounds of each variable, None for no bound; default: every variable
        free.  In exact arithmetic the variables HiGHS leaves at a bound are
        fixed there for the certificate (else the bounds become inequality
        rows); ``dual_ub`` holds the multipliers of ``A_ub``'s rows only.

    Returns
    -------
    LPSolution or None
        None when the LP is infeasible or unbounded.

    Raises
    ------
    ArithmeticError
        In exact arithmetic, when the optimal vertex cannot be certified.

    Examples
    --------
    >>> from gametheory.arithmetic import EXACT
    >>> import numpy as np
    >>> sol = solve_lp([-1, -1], np.array([[3, 1], [1, 3]]), [1, 1], np.zeros((0, 2)), [], EXACT,
    ...                bounds=[(0, None)] * 2)
    >>> sol.x, sol.value
    ((Fraction(1, 4), Fraction(1, 4)), Fraction(-1, 2))
    """
    n = len(c)
    given_ub, given_eq = np.asarray(A_ub).reshape(-1, n), np.asarray(A_eq).reshape(-1, n)
    A_ub = given_ub.astype(object)
    A_eq = given_eq.astype(object)
    from scipy.optimize import linprog  # lazy: scipy.optimize is imported where it is used
    res = linprog(np.array(c, dtype=float),
                  A_ub=given_ub.astype(float) if len(A_ub) else None,
                  b_ub=np.array(b_ub, dtype=float) if len(A_ub) else None,
                  A_eq=given_eq.astype(float) if len(A_eq) else None,
                  b_eq=np.array(b_eq, dtype=float) if len(A_eq) else None,
                  bounds=[(None, None)] * n if bounds is None else list(bounds), method="highs")
    if res.status != 0:
        return None
    dual_ub = -np.asarray(res.ineqlin.marginals) if len(A_ub) else np.zeros(0)
    dual_eq = -np.asarray(res.eqlin.marginals) if len(A_eq) else np.zeros(0)
    if not arithmetic.exact:
        return LPSolution(tuple(float(v) for v in res.x), float(res.fun),
                          tuple(float(v) for v in dual_ub), tuple(float(v) for v in dual_eq), False)
    out = _certify_integer(c, given_ub, b_ub, given_eq, b_eq, bounds, res.x, dual_ub, dual_eq)
    if out is None and bounds is not None:
        out = _certify_fixing(c, A_ub, b_ub, A_eq, b_eq, list(bounds), res.x, dual_ub, dual_eq)
    if out is None:
        A_all, b_all, dual_all = _with_bound_rows(A_ub, b_ub, dual_ub, bounds, res)
        out = exact_lp(c, A_all, b_all, A_eq, b_eq, res.x, dual_all)
    if out is None:
        raise ArithmeticError("the optimal vertex could not be certified in exact arithmetic")
    if len(out.dual_ub) != len(A_ub):
        out = LPSolution(out.x, out.value, out.dual_ub[:len(A_ub)], out.dual_eq, True)
    return out


def _fraction(v) -> Fraction:
    """``Fraction(v)``, without making a new one when ``v`` already is a Fraction."""
    return v if type(v) is Fraction else Fraction(v)


def _integer_rows(A: np.ndarray, b: Sequence[Any]) -> tuple[list[list[int]], list[int], list[int]]:
    """Each row of ``[A | b]`` times the least positive integer making it integral: the rows,
    right-hand sides and scales."""
    if A.dtype.kind in "iu" and all(type(v) is int for v in b):        # integers already
        return A.tolist(), list(b), [1] * len(A)
    rows, rhs, scales = [], [], []
    for row, v in zip(A.tolist(), b):
        m = integer_scale(itertools.chain(row, (v,)))
        rows.append([int(a * m) for a in row])
        rhs.append(int(v * m))
        scales.append(m)
    return rows, rhs, scales


def _independent(vectors: list[np.ndarray], want: int) -> list[int]:
    """Indices of up to ``want`` linearly independent vectors, taken greedily in order (a float
    Gram-Schmidt: a guess that the exact solve after it confirms or refutes)."""
    basis: list[np.ndarray] = []
    chosen = []
    for k, v in enumerate(vectors):
        norm = float(np.linalg.norm(v))
        if norm == 0.0:
            continue
        r = v / norm
        for q in basis:
            r = r - (q @ r) * q
        size = float(np.linalg.norm(r))
        if size > 1e-9:
            basis.append(r / size)
            chosen.append(k)
            if len(chosen) == want:
                break
    return chosen


def _certify_integer(c, A_ub: np.ndarray, b_ub, A_eq: np.ndarray, b_eq, bounds, x_float: np.ndarray,
                     dual_ub: np.ndarray, dual_eq: np.ndarray) -> LPSolution | None:
    """The certificate of ``_certify_fixing`` in integer arithmetic, for programs whose
    variables are free or nonnegative; None (the caller tries the general certificates) when it
    does not apply or does not certify.

    Each row is scaled to integers.  The variables HiGHS leaves at 0 are fixed
    there; the others are solved exactly (Bareiss, one common denominator) from
    as many independent rows tight at HiGHS's vertex, equalities first, then
    the inequalities with the largest HiGHS multipliers.  The multipliers are
    solved on HiGHS's basis: the equalities and the inequalities it gives a
    positive multiplier, from the reduced costs that must vanish (every
    variable off its bound, then those at 0 with a reduced cost near 0).  The
    vertex is checked against every row and the multipliers for their signs
    and every reduced cost's, all in integers: together they prove the vertex
    optimal by LP duality.
    """
    n = len(c)
    lower = [False] * n if bounds is None else []
    for bound in bounds or ():
        low, high = bound
        if high is not None or low not in (None, 0):
            return None
        lower.append(low is not None)
    x_float = np.asarray(x_float, dtype=float)
    at_zero = [j for j in range(n) if lower[j] and abs(x_float[j]) <= 1e-9]
    zero = set(at_zero)
    free = [j for j in range(n) if j not in zero]
    if not free:
        return None
    ub, ub_rhs, ub_scale = _integer_rows(A_ub, b_ub)
    eq, eq_rhs, eq_scale = _integer_rows(A_eq, b_eq)
    cs = integer_scale(c)
    ci = [int(v * cs) for v in c]
    # the vertex: equalities, then tight inequalities by HiGHS's multiplier (largest first)
    Af = A_ub.astype(float) if len(ub) else np.zeros((0, n))
    slack = np.array(b_ub, dtype=float) - Af @ x_float if len(ub) else np.zeros(0)
    top = max(1.0, float(np.max(np.abs(Af), initial=0.0)))
    size = 1.0 + float(np.max(np.abs(x_float)))
    tight = sorted((k for k in range(len(ub)) if slack[k] <= 1e-7 * top * size),
                   key=lambda k: -float(dual_ub[k]))
    candidates = [("eq", k) for k in range(len(eq))] + [("ub", k) for k in tight]
    rows = [(eq if kind == "eq" else ub)[k] for kind, k in candidates]
    picked = _independent([np.array([row[j] for j in free], dtype=float) for row in rows], len(free))
    if len(picked) < len(free):
        return None
    solved = solve_integer([[rows[p][j] for j in free] for p in picked],
                           [(eq_rhs if candidates[p][0] == "eq" else ub_rhs)[candidates[p][1]]
                            for p in picked])
    if solved is None:
        return None
    num_f, det = solved
    num = [0] * n
    for j, v in zip(free, num_f):
        num[j] = v
    if any(lower[j] and num[j] < 0 for j in free):
        return None
    activity_ub = [sum(row[j] * num[j] for j in free if row[j]) for row in ub]
    if any(act > b * det for act, b in zip(activity_ub, ub_rhs)):
        return None
    if any(sum(row[j] * num[j] for j in free if row[j]) != b * det for row, b in zip(eq, eq_rhs)):
        return None
    # the multipliers, on HiGHS's basis
    dual_ub = np.asarray(dual_ub, dtype=float).reshape(-1)
    dual_eq = np.asarray(dual_eq, dtype=float).reshape(-1)
    if len(dual_ub) != len(ub) or len(dual_eq) != len(eq) or not (
            np.all(np.isfinite(dual_ub)) and np.all(np.isfinite(dual_eq))):
        return None
    big = max([1.0] + [abs(float(v)) for v in dual_ub] + [abs(float(v)) for v in dual_eq])
    unknown_ub = [k for k in range(len(ub))
                  if dual_ub[k] > 1e-9 * big and activity_ub[k] == ub_rhs[k] * det]
    unknown = [ub[k] for k in unknown_ub] + eq
    m = len(unknown)
    if m:
        float_y = [dual_ub[k] / ub_scale[k] for k in unknown_ub] + \
            [dual_eq[k] / eq_scale[k] for k in range(len(eq))]
        U = np.array(unknown, dtype=float)
        reduced_float = np.array(ci, dtype=float) / cs + np.array(float_y) @ U
        near = sorted((j for j in at_zero if abs(reduced_float[j]) <= 1e-9 * big *
                       max(1.0, abs(float(c[j])))), key=lambda j: abs(reduced_float[j]))
        columns = free + near
        picked = _independent([U[:, j] for j in columns], m)
        if len(picked) < m:
            return None
        cols = [columns[p] for p in picked]
        found = solve_integer([[row[j] for row in unknown] for j in cols], [-ci[j] for j in cols])
        if found is None:
            return None
        y_num, y_det = found                   # multipliers of the scaled rows, objective times cs
    else:
        y_num, y_det = [], 1
    if any(v < 0 for v in y_num[:len(unknown_ub)]):
        return None
    for j in range(n):                         # reduced costs: 0 off the bounds, >= 0 at 0
        d = ci[j] * y_det + sum(y * row[j] for y, row in zip(y_num, unknown) if row[j])
        if d < 0 or (d > 0 and j not in zero):
            return None
    # back to the rows as given: y_r = y'_r * scale_r / (cs * y_det)
    den = cs * y_det
    y_ub = [Fraction(0)] * len(ub)
    for k, v in zip(unknown_ub, y_num):
        y_ub[k] = Fraction(v * ub_scale[k], den)
    y_eq = [Fraction(v * s, den) for v, s in zip(y_num[len(unknown_ub):], eq_scale)]
    x = [Fraction(v, det) if v else Fraction(0) for v in num]
    value = sum((_fraction(a) * v for a, v in zip(c, x) if v), Fraction(0))
    return LPSolution(tuple(x), value, tuple(y_ub), tuple(y_eq), True)


def _with_bound_rows(A_ub: np.ndarray, b_ub, dual_ub: np.ndarray, bounds, res):
    """``A_ub`` with a row ``-x_j <= -low`` or ``x_j <= high`` for each bound, and their HiGHS
    multipliers (to order the tight rows)."""
    if bounds is None:
        return A_ub, list(b_ub), dual_ub
    n = A_ub.shape[1]
    rows, rhs, duals = [A_ub], list(b_ub), [dual_ub]
    for j, (low, high) in enumerate(bounds):
        for sign, limit, marginal in ((-1, low, res.lower.marginals[j]), (1, high, res.upper.marginals[j])):
            if limit is not None:
                row = np.zeros((1, n), dtype=int).astype(object)
                row[0, j] = sign
                rows.append(row)
                rhs.append(sign * Fraction(limit))
                duals.append(np.array([abs(float(marginal))]))
    return np.vstack(rows), rhs, np.concatenate(duals)


def _certify_fixing(c, A_ub: np.ndarray, b_ub, A_eq: np.ndarray, b_eq, bounds, x_float: np.ndarray,
                    dual_float: np.ndarray, dual_eq_float: np.ndarray | None = None) -> LPSolution | None:
    """Certify the vertex with the variables HiGHS left at a bound fixed there (exact), or None.

    The program in the remaining variables is certified by ``exact_lp``;
    its duals then certify the whole program when every fixed variable's
    reduced cost has the sign its bound allows (``>= 0`` at a lower bound,
    ``<= 0`` at an upper one).  At a degenerate vertex those duals may not
    do, although others would: HiGHS's own multipliers, made exact, are
    tried next (``_highs_duals``, checked exactly), and failing those the
    multipliers are sought among the rows tight at the exact vertex
    (``_dual_certificate``, an LP of its own).  Much smaller
    systems than certifying with a row per bound: a correlated equilibrium's
    LP has a variable per profile, most of them 0 at the optimum.
    """
    n = len(c)
    fixed: dict[int, Fraction] = {}
    for j, (low, high) in enumerate(bounds):
        for limit in (low, high):
            if limit is not None and abs(float(x_float[j]) - float(limit)) <= 1e-9 * max(1.0, abs(float(limit))):
                fixed[j] = Fraction(limit)
                break
    free = [j for j in range(n) if j not in fixed]
    if not fixed or not free:
        return None
    cq = [_fraction(v) for v in c]
    Aub = [[_fraction(v) for v in row] for row in A_ub]
    Aeq = [[_fraction(v) for v in row] for row in A_eq]
    moved = [(j, v) for j, v in fixed.items() if v]      # variables fixed at 0 move no bound
    b_ub_r = [Fraction(b) - sum((row[j] * v for j, v in moved), Fraction(0))
              for row, b in zip(Aub, b_ub)]
    b_eq_r = [Fraction(b) - sum((row[j] * v for j, v in moved), Fraction(0))
              for row, b in zip(Aeq, b_eq)]
    A_ub_r = np.array([[row[j] for j in free] for row in Aub], dtype=object).reshape(len(Aub), len(free))
    A_eq_r = np.array([[row[j] for j in free] for row in Aeq], dtype=object).reshape(len(Aeq), len(free))
    # the free variables' own bounds stay, as rows
    rows, rhs, duals = [A_ub_r], list(b_ub_r), [np.asarray(dual_float, dtype=float)]
    for k, j in enumerate(free):
        low, high = bounds[j]
        for sign, limit in ((-1, low), (1, high)):
            if limit is not None:
                row = np.zeros((1, len(free)), dtype=int).astype(object)
                row[0, k] = sign
                rows.append(row)
                rhs.append(sign * Fraction(limit))
                duals.append(np.zeros(1))
    A_r, x_r, dual_r = np.vstack(rows), np.asarray(x_float, dtype=float)[free], np.concatenate(duals)
    reduced = exact_lp([cq[j] for j in free], A_r, rhs, A_eq_r, b_eq_r, x_r, dual_r)
    if reduced is None:         # the vertex alone: a zero objective needs no dual
        reduced = exact_lp([0] * len(free), A_r, rhs, A_eq_r, b_eq_r, x_r, dual_r)
        if reduced is None:
            return None
    x = [Fraction(0)] * n
    for j, v in fixed.items():
        x[j] = v
    for k, j in enumerate(free):
        x[j] = reduced.x[k]
    value = sum((a * v for a, v in zip(cq, x)), Fraction(0))
    y_ub: Sequence[Fraction]
    y_eq: Sequence[Fraction]
    y_ub, y_eq = reduced.dual_ub[:len(Aub)], reduced.dual_eq
    if any(v != 0 for v in cq) and not _duals_certify(cq, Aub, Aeq, bounds, x, y_ub, y_eq):
        found = None
        if _ROUNDED_DUALS and dual_eq_float is not None:
            found = _highs_duals(cq, Aub, b_ub, Aeq, bounds, x, dual_float, dual_eq_float)
        if found is None:
            found = _dual_certificate(cq, Aub, b_ub, Aeq, bounds, x)
        if found is None:
            return None
        y_ub, y_eq = found
    return LPSolution(tuple(x), value, tuple(y_ub), tuple(y_eq), True)


def _reduced_costs(cq, Aub, Aeq, y_ub, y_eq) -> list[Fraction]:
    """``c_j + sum_r y_r A_rj`` for every variable ``j``, what its bound rows must supply
    (exact; the rows with ``y_r = 0`` are skipped)."""
    d = [_fraction(v) for v in cq]
    for y, row in itertools.chain(zip(y_ub, Aub), zip(y_eq, Aeq)):
        if y:
            for j, a in enumerate(row):
                if a:
                    d[j] += y * a
    return d


def _duals_certify(cq, Aub, Aeq, bounds, x, y_ub, y_eq) -> bool:
    """Whether ``y`` (nonnegative on the inequalities, positive only on rows tight at ``x``)
    leaves every variable a reduced cost its bounds can absorb: 0 strictly inside them,
    ``>= 0`` at a lower bound, ``<= 0`` at an upper one."""
    for j, ((low, high), d) in enumerate(zip(bounds, _reduced_costs(cq, Aub, Aeq, y_ub, y_eq))):
        at_low = low is not None and x[j] == Fraction(low)
        at_high = high is not None and x[j] == Fraction(high)
        if not (d == 0 or (at_low and d > 0) or (at_high and d < 0)):
            return False
    return True


#: Try HiGHS's multipliers before the exact dual LP (``_highs_duals``); False goes
#: straight to ``_dual_certificate`` (tests compare the two).
_ROUNDED_DUALS = True
#: Denominator bounds of the rounded multipliers, tried in turn.
_DUAL_DENOMINATORS = (10 ** 3, 10 ** 6)


def _highs_duals(cq, Aub, b_ub, Aeq, bounds, x, dual_ub, dual_eq) -> tuple[list, list] | None:
    """HiGHS's multipliers made exact, when they prove ``x`` optimal; else None.

    Two ways, each checked in exact arithmetic by ``_duals_certify``
    (nonnegative multipliers on rows tight at ``x`` whose reduced costs the
    bounds absorb prove ``x`` optimal by LP duality, however they were found):

    1. HiGHS's multipliers read as a basis (``_basis_duals``): the
       inequalities HiGHS makes positive and the equalities, with multipliers
       solved exactly from the reduced costs that must vanish;
    2. each multiplier rounded to the nearest fraction with a small
       denominator (``_DUAL_DENOMINATORS``, in turn).

    A multiplier on an inequality that is not tight at ``x`` (exactly) or that
    HiGHS gives no positive value is 0.  Most of the time this saves the LP of
    ``_dual_certificate``.
    """
    if len(dual_ub) != len(Aub) or len(dual_eq) != len(Aeq):
        return None
    dual_ub = np.asarray(dual_ub, dtype=float).reshape(-1)
    dual_eq = np.asarray(dual_eq, dtype=float).reshape(-1)
    if not (np.all(np.isfinite(dual_ub)) and np.all(np.isfinite(dual_eq))):
        return None
    active = [i for i, v in enumerate(dual_ub) if v > 0 and
              sum((a * w for a, w in zip(Aub[i], x) if a and w), Fraction(0)) == Fraction(b_ub[i])]
    found = _basis_duals(cq, Aub, Aeq, bounds, x, dual_ub, dual_eq, active)
    if found is not None and _duals_certify(cq, Aub, Aeq, bounds, x, *found):
        return found
    tried = [found]
    for bound in _DUAL_DENOMINATORS:
        y_ub = [Fraction(0)] * len(Aub)
        for i in active:
            y_ub[i] = Fraction(float(dual_ub[i])).limit_denominator(bound)
        y_eq = [Fraction(float(v)).limit_denominator(bound) for v in dual_eq]
        if (y_ub, y_eq) in tried:
            continue
        tried.append((y_ub, y_eq))
        if _duals_certify(cq, Aub, Aeq, bounds, x, y_ub, y_eq):
            return y_ub, y_eq
    return None


def _basis_duals(cq, Aub, Aeq, bounds, x, dual_ub: np.ndarray, dual_eq: np.ndarray,
                 active: list[int]) -> tuple[list, list] | None:
    """Exact multipliers on HiGHS's basis, or None (not checked: see ``_highs_duals``).

    The unknowns are the multipliers of the ``active`` inequalities HiGHS
    gives a clearly positive value and of every equality; the equations
    zero the reduced costs of the variables strictly inside their bounds,
    then of the others HiGHS gives a reduced cost near 0, as many independent
    ones as there are unknowns (exact elimination), solved exactly.
    """
    top = max([1.0] + [abs(float(v)) for v in dual_ub] + [abs(float(v)) for v in dual_eq])
    unknowns = [i for i in active if dual_ub[i] > 1e-9 * top]
    k = len(unknowns) + len(Aeq)
    if k == 0:
        return None
    float_cost = np.array([float(v) for v in cq])
    for y, row in itertools.chain(((dual_ub[i], Aub[i]) for i in unknowns), zip(dual_eq, Aeq)):
        float_cost += float(y) * np.array([float(a) for a in row])
    inside, near = [], []
    for j, (low, high) in enumerate(bounds):
        if (low is not None and x[j] == Fraction(low)) or (high is not None and x[j] == Fraction(high)):
            if abs(float_cost[j]) <= 1e-9 * top * max(1.0, abs(float(cq[j]))):
                near.append(j)
        else:
            inside.append(j)
    near.sort(key=lambda j: abs(float_cost[j]))
    rows, rhs = [], []
    echelon: list[list[Fraction]] = []
    for j in inside + near:
        col = [Aub[i][j] for i in unknowns] + [row[j] for row in Aeq]
        reduced = reduce_against(col, echelon)
        if any(reduced):
            echelon.append(reduced)
            rows.append(col)
            rhs.append(-Fraction(cq[j]))
            if len(rows) == k:
                break
    if len(rows) < k:
        return None
    y = solve_fractions(rows, rhs)
    if y is None or any(v < 0 for v in y[:len(unknowns)]):
        return None
    y_ub = [Fraction(0)] * len(Aub)
    for i, v in zip(unknowns, y):
        y_ub[i] = v
    return y_ub, list(y[len(unknowns):])


def _dual_certificate(cq, Aub, b_ub, Aeq, bounds, x) -> tuple[list, list] | None:
    """Multipliers proving ``x`` optimal, or None: nonnegative ones on the inequalities tight at
    ``x`` and free ones on the equalities, found by a (certified) feasibility LP."""
    tight = [i for i, (row, b) in enumerate(zip(Aub, b_ub))
             if sum((a * v for a, v in zip(row, x) if a and v), Fraction(0)) == Fraction(b)]
    k = len(tight) + len(Aeq)
    if k == 0:
        return None
    rows_eq, rhs_eq, rows_ub, rhs_ub = [], [], [], []
    for j, (low, high) in enumerate(bounds):
        col = [Aub[i][j] for i in tight] + [row[j] for row in Aeq]
        at_low = low is not None and x[j] == Fraction(low)
        at_high = high is not None and x[j] == Fraction(high)
        if at_low and at_high:
            continue
        if at_low:                 # c_j + col . y >= 0
            rows_ub.append([-a for a in col])
            rhs_ub.append(cq[j])
        elif at_high:              # c_j + col . y <= 0
            rows_ub.append(col)
            rhs_ub.append(-cq[j])
        else:                      # c_j + col . y == 0
            rows_eq.append(col)
            rhs_eq.append(-cq[j])
    try:
        sol = solve_lp([0] * k, np.array(rows_ub, dtype=object).reshape(len(rows_ub), k), rhs_ub,
                       np.array(rows_eq, dtype=object).reshape(len(rows_eq), k), rhs_eq, EXACT,
                       bounds=[(0, None)] * len(tight) + [(None, None)] * len(Aeq))
    except ArithmeticError:
        return None
    if sol is None:
        return None
    y_ub = [Fraction(0)] * len(Aub)
    for i, v in zip(tight, sol.x):
        y_ub[i] = v
    return y_ub, list(sol.x[len(tight):])


#: Floating-point arithmetic for an LP (an LP needs no regret tolerance).
FLOAT_LP = float_arithmetic(0.0)


def exact_lp(c, A_ub: np.ndarray, b_ub, A_eq: np.ndarray, b_eq, x_float: np.ndarray,
             dual_float: np.ndarray) -> LPSolution | None:
    """Certify the vertex near ``x_float`` exactly (see the module notes), or None."""
    n = len(c)
    c = [_fraction(v) for v in c]
    Aub = [[_fraction(v) for v in row] for row in A_ub]
    Aeq = [[_fraction(v) for v in row] for row in A_eq]
    bub = [_fraction(v) for v in b_ub]
    beq = [_fraction(v) for v in b_eq]
    scale = max([1.0] + [abs(float(v)) for row in A_ub for v in row] + [abs(float(v)) for v in b_ub])
    slack = (np.array(b_ub, dtype=float) - A_ub.astype(float) @ x_float) if len(Aub) else np.zeros(0)
    size = 1.0 + (float(np.max(np.abs(x_float))) if n else 0.0)
    tight = [k for k in range(len(Aub)) if slack[k] <= 1e-7 * scale * size]
    # equalities first, then tight inequalities with the largest multipliers first
    tight.sort(key=lambda k: -float(dual_float[k]) if len(dual_float) else 0)
    eq_rows: list[tuple[str, int]] = []
    echelon: list[list[Fraction]] = []
    for k in range(len(Aeq)):
        reduced = reduce_against(Aeq[k], echelon)
        if any(reduced):
            echelon.append(reduced)
            eq_rows.append(("eq", k))
    greedy = list(eq_rows)
    greedy_echelon = list(echelon)
    for k in tight:
        if len(greedy) == n:
            break
        reduced = reduce_against(Aub[k], greedy_echelon)
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
    x = solve_fractions(rows, rhs)
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
    y = solve_fractions(transposed, [-v for v in c])
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
