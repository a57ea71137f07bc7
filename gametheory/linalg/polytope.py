"""Vertices of the best-response polytope ``{z >= 0 : M z <= 1}``, exactly labelled.

Two enumerators return the same thing, a :class:`VertexSet`: every vertex,
with the bitmask of its tight constraints (its labels), and its exact
coordinates on demand.

``certified_vertices`` (fast):

1. Qhull computes, in floating point, the facets of the polar polytope; each
   facet names ``d`` constraints, a candidate vertex.
2. Each candidate is certified with a forward error bound (Higham 2002,
   "Accuracy and Stability of Numerical Algorithms", ch. 7): the vertex ``z~``
   computed from its ``d`` constraints has residual ``r = G_T z~ - h_T``, so
   ``|z~ - z| <= ||G_T^-1|| (|r~| + rounding of r)``, and a slack whose float
   value exceeds its error bound has a known sign.  A candidate whose other
   slacks are all certified positive is an exact vertex on exactly ``d``
   constraints (a simple vertex); the others (degenerate, or too close to
   call) are dropped.
3. Completeness is certified combinatorially.  At a simple vertex, dropping
   one tight constraint leads along an edge to exactly one other vertex, and
   any vertex containing the remaining ``d - 1`` constraints is that one; so a
   "ridge" (tight set less one constraint) found in two certified vertices is
   an edge between them, and a ridge found in only one leads to a vertex that
   was not certified.  Those edges are followed in exact integer arithmetic,
   and from each vertex reached *every* basis is examined (all nonsingular
   choices of ``d`` of its tight constraints), so all its edges are followed
   too.  The vertex set found is then closed under adjacency, hence complete,
   because the graph of a polytope is connected (Balinski 1961).
4. When certification cannot even start (Qhull fails, huge integers, more
   than :data:`MAX_UNCERTIFIED_SHARE` of the candidates uncertified, a vertex
   with too many bases) the function returns None and the caller uses the
   exact search.

``exact_vertices`` (always applicable): a breadth-first search over the
feasible bases of a fraction-free integer tableau, following every entering
column and every leaving row that ties in the ratio test.  It reaches every
vertex: from any feasible basis, the simplex method (ratio-test pivots only)
reaches a basis of any vertex made optimal by a suitable objective.
"""

from __future__ import annotations

from collections import deque
from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Callable

import numpy as np

from .exact import IntegerTableau, solve_rational

__all__ = ["VertexSet", "exact_vertices", "certified_vertices"]

_U = np.finfo(float).eps / 2          # unit roundoff
_MAX_CONDITION = 1e10


class VertexSet:
    """The vertices of ``{z >= 0 : M z <= 1}``: their label masks and exact coordinates.

    ``masks[k]`` has bit ``v`` set when variable ``v`` is zero at vertex ``k``:
    ``v < d`` is ``z_v``, ``v >= d`` the slack of constraint ``v - d``.  A vertex
    is determined by its set of tight constraints, so masks are distinct.
    """

    def __init__(self, M: np.ndarray, masks: list[int],
                 points: dict[int, Callable[[], tuple[Fraction, ...]]] | None = None) -> None:
        self.M = M
        self.d = M.shape[1]
        self.masks = masks
        self._points = points or {}

    def __len__(self) -> int:
        return len(self.masks)

    def coordinates(self, mask: int) -> tuple[Fraction, ...]:
        """Exact ``z`` of the vertex with this mask."""
        point = self._points.get(mask)
        return point() if point is not None else _solve_vertex(self.M, mask, self.d)


def exact_vertices(M: np.ndarray) -> VertexSet:
    """Every vertex, by exact breadth-first search over all feasible bases.

    Complete: from any feasible basis the simplex method (ratio-test pivots)
    reaches a basis of any chosen vertex, so the search, which follows every
    ratio-test pivot, reaches every vertex.
    """
    start = IntegerTableau(M)
    d = start.d
    seen = {frozenset(start.basis)}
    found: dict[int, Callable[[], tuple[Fraction, ...]]] = {}
    queue = deque([start])
    while queue:
        tab = queue.popleft()
        mask = _zero_mask(tab)
        if mask not in found:   # a vertex is determined by its set of tight constraints
            found[mask] = _tableau_point(list(tab.basis), tab.T[:, -1].copy(), tab.det, d)
        _expand(tab, seen, queue)
    return VertexSet(M, list(found), found)


def _zero_mask(tab: IntegerTableau) -> int:
    """Bitmask of the variables that are zero at the tableau's basic solution."""
    basic = set(tab.basis)
    rhs = tab.T[:, -1]
    mask = sum(1 << v for v in range(tab.d + tab.r) if v not in basic)
    return mask | sum(1 << tab.basis[i] for i in range(tab.r) if rhs[i] == 0)


def _expand(tab: IntegerTableau, seen: set, queue: deque) -> None:
    """Queue every basis one ratio-test pivot away (all entering columns, all tied rows)."""
    basic = set(tab.basis)
    for col in range(tab.d + tab.r):
        if col in basic:
            continue
        for row in tab.min_ratio_rows(col):
            basis = frozenset(basic - {tab.basis[row]} | {col})
            if basis not in seen:
                seen.add(basis)
                nxt = tab.copy()
                nxt.pivot(row, col)
                queue.append(nxt)


#: Qhull options: joggled input ("QJ") always yields simplicial facets and is the fastest in
#: high dimension; the certificate, not Qhull, decides what is a vertex.
QHULL_OPTIONS = "QJ"
#: Above this share of uncertified Qhull facets, the exact search is used outright.
MAX_UNCERTIFIED_SHARE = 0.02
#: Largest number of bases examined at one degenerate vertex by the local search.
MAX_BASES_PER_VERTEX = 5000


def _explore(M: np.ndarray, starts: list[IntegerTableau],
             known: set[int]) -> dict[int, Callable[[], tuple[Fraction, ...]]] | None:
    """Vertices reachable from ``starts`` without passing through the ``known`` ones.

    At every vertex found, *every* basis is examined (all nonsingular choices
    of ``d`` tight constraints), so every edge at the vertex is followed; the
    caller's closure argument then proves completeness.  None when a vertex is
    too degenerate for that (more than :data:`MAX_BASES_PER_VERTEX` bases).
    """
    d, r = starts[0].d, starts[0].r
    seen = {frozenset(t.basis) for t in starts}
    found: dict[int, Callable[[], tuple[Fraction, ...]]] = {}
    queue = deque(starts)
    while queue:
        tab = queue.popleft()
        mask = _zero_mask(tab)
        if mask in known:
            continue
        if mask not in found:
            found[mask] = _tableau_point(list(tab.basis), tab.T[:, -1].copy(), tab.det, d)
            zeros = [v for v in range(d + r) if mask >> v & 1]
            if len(zeros) > d:   # degenerate: visit every basis of this vertex
                if comb(len(zeros), d) > MAX_BASES_PER_VERTEX:
                    return None
                for nonbasic in combinations(zeros, d):
                    basis = frozenset(range(d + r)) - frozenset(nonbasic)
                    if basis in seen:
                        continue
                    other = tab.copy()
                    try:
                        other.set_basis(set(basis))
                    except StopIteration:      # these d constraints are not independent
                        continue
                    seen.add(basis)
                    queue.append(other)
        _expand(tab, seen, queue)
    return found


def _tableau_point(basis: list[int], rhs: np.ndarray, det: int, d: int):
    def coordinates() -> tuple[Fraction, ...]:
        z = [Fraction(0)] * d
        for i, v in enumerate(basis):
            if v < d:
                z[v] = Fraction(rhs[i], det)
        return tuple(z)
    return coordinates


def _solve_vertex(M: np.ndarray, mask: int, d: int) -> tuple[Fraction, ...]:
    """Exact coordinates of the vertex whose ``d`` tight constraints are in ``mask``."""
    rows, rhs = [], []
    for v in range(d + M.shape[0]):
        if mask >> v & 1:
            if v < d:
                row = [0] * d
                row[v] = 1
                rows.append(row)
                rhs.append(0)
            else:
                rows.append([int(a) for a in M[v - d]])
                rhs.append(1)
            if len(rows) == d:
                break
    z = solve_rational(rows, rhs)
    if z is None:  # cannot happen for a certified simple vertex
        raise ArithmeticError("internal error: singular vertex system")
    return tuple(z)


def certified_vertices(M: np.ndarray) -> VertexSet | None:
    """Every vertex via Qhull with a certificate, or None when it cannot be certified."""
    r, d = M.shape
    if d < 2 or r < 1 or r + d > 62:     # (masks are held in int64)
        return None
    try:
        with np.errstate(over="ignore"):
            Mf = np.array(M, dtype=float)
    except OverflowError:                # integers beyond floating point: the exact search
        return None
    if not np.all(np.isfinite(Mf)) or not all(int(f) == v for f, v in zip(Mf.flat, M.flat)):
        return None      # the error bounds need the constraint matrix exactly in floating point
    # constraints G x <= h: first the r rows of M (slack variables d..d+r-1), then -x <= 0;
    # each row of M is scaled by a power of two (exact) so that all rows have similar size
    row_scale = np.ldexp(1.0, -np.frexp(np.abs(Mf).max(axis=1))[1])
    G = np.vstack([Mf * row_scale[:, None], -np.eye(d)])
    h = np.concatenate([row_scale, np.zeros(d)])
    var_of_row = np.concatenate([np.arange(d, d + r), np.arange(d)])  # variable that is zero
    # an interior point: c = t 1 with M c < 1
    c = np.full(d, 0.5 / Mf.sum(axis=1).max())
    slack_c = h - G @ c
    points = G / slack_c[:, None]
    from scipy.spatial import ConvexHull, QhullError    # lazy: scipy is imported where used
    try:
        hull = ConvexHull(points, qhull_options=QHULL_OPTIONS)
    except (QhullError, ValueError):
        return None
    T = np.sort(hull.simplices, axis=1)         # the d tight constraints of each candidate
    GT = G[T]                                   # (V, d, d)
    hT = h[T]
    try:
        inv = np.linalg.inv(GT)
        singular = np.zeros(len(GT), dtype=bool)
    except np.linalg.LinAlgError:   # some candidate's constraints are dependent: drop those
        with np.errstate(all="ignore"):
            singular = ~(np.abs(np.linalg.det(GT)) > 0)
        inv = np.linalg.inv(np.where(singular[:, None, None], np.eye(d), GT))
    # each candidate vertex from its d constraints, refined once, then bounded
    X = np.einsum("vij,vj->vi", inv, hT)
    resid = np.einsum("vij,vj->vi", GT, X) - hT
    X = X - np.einsum("vij,vj->vi", inv, resid)
    absG = np.abs(G)
    resid = np.einsum("vij,vj->vi", GT, X) - hT
    resid_bound = np.abs(resid) + (d + 2) * _U * (np.einsum("vij,vj->vi", np.abs(GT), np.abs(X)) + np.abs(hT))
    inv_norm = np.abs(inv).sum(axis=2).max(axis=1)               # infinity norm of G_T^-1
    cond = inv_norm * np.abs(GT).sum(axis=2).max(axis=1)
    err_x = 2.0 * inv_norm * resid_bound.max(axis=1)             # factor 2: inverse is computed
    slack = h[None, :] - X @ G.T                                  # (V, r + d)
    err_s = absG.sum(axis=1)[None, :] * err_x[:, None] + \
        (d + 2) * _U * (np.abs(X) @ absG.T + np.abs(h)[None, :])
    tight = np.zeros_like(slack, dtype=bool)
    np.put_along_axis(tight, T, True, axis=1)
    good = (tight | (slack > err_s)).all(axis=1) & (cond <= _MAX_CONDITION) & ~singular
    if np.count_nonzero(~good) > MAX_UNCERTIFIED_SHARE * len(good):
        return None          # a markedly degenerate polytope: the exact search is faster
    weights = np.left_shift(np.int64(1), var_of_row.astype(np.int64))
    W = weights[T[good]]                                         # (V, d) one bit per constraint
    masks_arr, rows = np.unique(np.bitwise_or.reduce(W, axis=1), return_index=True)
    W = W[rows]
    # combinatorial closure: each ridge (a vertex's tight set less one constraint) lies on one
    # edge, so it occurs in exactly two vertices; a ridge seen once leads to a vertex that could
    # not be certified (degenerate, or too close to call), which the exact search then finds.
    keys = (masks_arr[:, None] ^ W).ravel()
    uniq, first, counts = np.unique(keys, return_index=True, return_counts=True)
    if np.any(counts > 2):
        return None
    masks = [int(mk) for mk in masks_arr]
    found: dict[int, Callable[[], tuple[Fraction, ...]]] = {}
    open_ridges = [(masks[i // d], int(key)) for key, i in zip(uniq[counts == 1], first[counts == 1])]
    starts = []
    for mk, key in open_ridges:   # follow the edge from the certified vertex exactly
        tab = IntegerTableau(M)
        tab.set_basis({v for v in range(d + r) if not mk >> v & 1})
        entering = (mk ^ key).bit_length() - 1
        for row in tab.min_ratio_rows(entering):
            nxt = tab.copy()
            nxt.pivot(row, entering)
            starts.append(nxt)
    if starts:
        more = _explore(M, starts, set(masks))
        if more is None:
            return None
        found.update(more)
        masks.extend(more)
    if ((1 << d) - 1) not in set(masks):   # the origin is always a vertex
        return None
    return VertexSet(M, masks, found)
