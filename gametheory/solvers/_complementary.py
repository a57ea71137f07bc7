"""Extreme equilibria from the vertices of one best-response polytope.

The lrsnash approach (Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration
of Nash equilibria for two-player games", Economic Theory 42, section 4): only
the polytope ``P`` of one player is enumerated.  A vertex ``x`` of ``P`` with
support ``S`` and best responses (tight columns) ``T`` is completed by the
points of ``Q = {y >= 0 : A y <= 1}`` carrying the missing labels: the face

    F_x = {y in Q : y_j = 0 for j not in T,  (A y)_i = 1 for i in S}.

Its vertices are exactly the vertices ``y`` of ``Q`` with ``(x, y)`` completely
labelled, so the extreme equilibria are found without enumerating ``Q``.

When ``x`` is a simple vertex (``|T| = |S| = k``), ``F_x`` is the solution of the
``k x k`` system ``A[S, T] y_T = 1`` if that is nonsingular and the solution is
feasible.  These systems are solved all at once in floating point with error
bounds (``gametheory.linalg.batched.bounded_solve``): a solution is
accepted when every inequality holds beyond its bound and rejected when one is
violated beyond it.  Any other vertex (degenerate, or too close to call) gets
an exact treatment: every choice of further tight constraints that completes
the equalities to a basis is solved in rational arithmetic
(``face_vertices``).  Where that is not possible (dependent equalities,
too many bases) the caller enumerates both polytopes instead.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from math import comb

import numpy as np

from ..linalg.batched import bounded_solve, slack_error_bound, solve_subsystems
from ..linalg.exact import rank, solve_rational
from ..linalg.polytope import VertexSet

__all__ = ["complementary_vertices", "face_vertices", "MAX_FACE_BASES"]

#: Largest number of bases tried on one face by ``face_vertices``.
MAX_FACE_BASES = 20_000

Point = tuple[Fraction, ...]


def complementary_vertices(P: VertexSet, A: np.ndarray) -> list[tuple[int, Point]] | None:
    """Every completely labelled pair ``(x, y)``, ``x != 0``, as (mask of ``x`` in ``P``, exact ``y``).

    ``P`` holds the vertices of ``{x >= 0 : B^T x <= 1}`` (mask bit ``i < m``:
    ``x_i = 0``; bit ``m + j``: column ``j`` tight) and ``A`` is the other
    player's positive integer payoff matrix, shape ``(m, n)``.  None when some
    face needs more than the exact local method offers.
    """
    m, n = A.shape
    if m + n > 62:
        return None                        # (masks are held in int64)
    masks = P.mask_array()
    masks = masks[(masks & ((1 << m) - 1)) != (1 << m) - 1]            # not the origin
    if len(masks) == 0:
        return []
    bits = ((masks[:, None] >> np.arange(m + n, dtype=np.int64)) & 1).astype(bool)
    support, best = ~bits[:, :m], bits[:, m:]
    k_of, t_of = support.sum(axis=1), best.sum(axis=1)
    Af = _exact_float(A)
    out: list[tuple[int, Point]] = []
    exact_later = list(np.flatnonzero(t_of != k_of)) if Af is not None else list(range(len(masks)))
    if Af is not None:
        for k in np.unique(k_of[t_of == k_of]):
            which = np.flatnonzero((k_of == k) & (t_of == k))
            S = np.nonzero(support[which])[1].reshape(len(which), k)
            T = np.nonzero(best[which])[1].reshape(len(which), k)
            accept, undecided = _classify(Af, S, T)
            for v in which[accept]:
                y = _solve_face_system(A, _indices(support[v]), _indices(best[v]), n)
                if y is None:                      # cannot happen: the system was certified
                    undecided = undecided | (which == v)
                    continue
                out.append((int(masks[v]), y))
            exact_later.extend(which[undecided])
    for v in exact_later:
        ys = face_vertices(A, _indices(support[v]), _indices(best[v]))
        if ys is None:
            return None
        out.extend((int(masks[v]), y) for y in ys)
    return out


def _indices(row: np.ndarray) -> list[int]:
    """Positions of the True entries, as Python ints."""
    return [int(i) for i in np.flatnonzero(row)]


def _exact_float(A: np.ndarray) -> np.ndarray | None:
    """``A`` as floats when every entry is exactly representable, else None."""
    try:
        with np.errstate(over="ignore"):
            Af = np.array(A, dtype=float)
    except OverflowError:
        return None
    if not np.all(np.isfinite(Af)) or not all(int(f) == v for f, v in zip(Af.flat, A.flat)):
        return None
    return Af


def _classify(Af: np.ndarray, S: np.ndarray, T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For systems ``Af[S_v, T_v] y = 1``: (certified feasible and simple, undecided) masks."""
    N, k = S.shape
    m, n = Af.shape
    sub = solve_subsystems(Af, S, T, np.ones((N, k)))
    y, err = np.take_along_axis(sub.Z, T, axis=1), sub.err[:, None]
    slack = 1.0 - sub.MZ                                            # (N, m)
    err_s = sub.slack_bound(Af, 1.0)
    tight = np.zeros((N, m), dtype=bool)
    np.put_along_axis(tight, S, True, axis=1)
    violated = (~tight & (slack < -err_s)).any(axis=1) | (y < -err).any(axis=1)
    holds = (tight | (slack > err_s)).all(axis=1) & (y > err).all(axis=1)
    accept = sub.ok & holds
    return accept, ~(sub.ok & (holds | violated))


def _solve_face_system(A: np.ndarray, S: list[int], T: list[int], n: int) -> Point | None:
    sol = solve_rational([[int(A[i, j]) for j in T] for i in S], [1] * len(S))
    if sol is None:
        return None
    y = [Fraction(0)] * n
    for j, v in zip(T, sol):
        y[j] = v
    return tuple(y)


def face_vertices(A: np.ndarray, S: list[int], T: list[int]) -> list[Point] | None:
    """Exact vertices of ``{y >= 0 : y_j = 0 (j not in T), (A y)_i = 1 (i in S), A y <= 1}``.

    Every vertex makes ``|T|`` independent constraints tight, the equalities
    among them; so, with ``r`` independent equalities, trying every choice of
    ``|T| - r`` further constraints (``y_j = 0`` for ``j`` in
    ``T``, or a row outside ``S`` tight) finds them all.  Choices are screened
    in floating point with error bounds first; survivors are solved exactly.
    Dependent equalities are reduced to an independent subset first (the
    others are checked at each solution).  None when there are more than
    ``MAX_FACE_BASES`` choices.

    Examples
    --------
    >>> A = np.array([[2, 2], [1, 3]], dtype=object)
    >>> face_vertices(A, [0], [0, 1])          # the edge 2 y0 + 2 y1 = 1, cut by row 1
    [(Fraction(1, 2), Fraction(0, 1)), (Fraction(1, 4), Fraction(1, 4))]
    """
    m, n = A.shape
    t = len(T)
    AT = np.array([[int(A[i, j]) for j in T] for i in range(m)], dtype=object)
    equal = _independent_rows(AT, S)     # the other equalities follow from these, or fail
    k = len(equal)
    others = [("zero", j) for j in range(t)] + [("row", i) for i in range(m) if i not in set(S)]
    if t < k or comb(len(others), t - k) > MAX_FACE_BASES:
        return None if t >= k else []
    systems, rhs = [], []
    for choice in combinations(range(len(others)), t - k):
        rows = [list(AT[i]) for i in equal]
        b = [1] * k
        for c in choice:
            kind, idx = others[c]
            rows.append([int(p == idx) for p in range(t)] if kind == "zero" else list(AT[idx]))
            b.append(0 if kind == "zero" else 1)
        systems.append(rows)
        rhs.append(b)
    keep = _screen(AT, systems, rhs)
    found: dict[Point, None] = {}
    for rows, b, maybe in zip(systems, rhs, keep):
        if not maybe:
            continue
        sol = solve_rational([[int(a) for a in row] for row in rows], b)
        if sol is None or any(v < 0 for v in sol):
            continue
        values = [sum(int(a) * v for a, v in zip(AT[i], sol)) for i in range(m)]
        if any(u > 1 for u in values) or any(values[i] != 1 for i in S):
            continue
        y = [Fraction(0)] * n
        for j, v in zip(T, sol):
            y[j] = v
        found[tuple(y)] = None
    return sorted(found, reverse=True)


def _independent_rows(AT: np.ndarray, S: list[int]) -> list[int]:
    """A maximal linearly independent subset of the rows ``S`` of ``AT``, greedily in order."""
    chosen: list[int] = []
    for i in S:
        if rank([[Fraction(int(a)) for a in AT[j]] for j in chosen + [i]]) > len(chosen):
            chosen.append(i)
    return chosen


def _screen(AT: np.ndarray, systems: list, rhs: list) -> np.ndarray:
    """False for the choices whose solution is certainly infeasible (or certainly singular)."""
    try:
        E = np.array(systems, dtype=float)
        b = np.array(rhs, dtype=float)
        Af = np.array(AT, dtype=float)
    except OverflowError:
        return np.ones(len(systems), dtype=bool)
    if not (np.all(np.isfinite(E)) and np.all(np.isfinite(Af))) or np.abs(E).max() >= 2.0 ** 53:
        return np.ones(len(systems), dtype=bool)
    y, err, ok = bounded_solve(E, b)
    slack = 1.0 - y @ Af.T
    err_s = slack_error_bound(Af, err, np.abs(y) @ np.abs(Af).T, 1.0)
    violated = (slack < -err_s).any(axis=1) | (y < -err[:, None]).any(axis=1)
    return ~(ok & violated)
