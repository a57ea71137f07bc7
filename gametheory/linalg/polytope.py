"""Vertices of the best-response polytope ``{z >= 0 : M z <= 1}``, exactly labelled.

Two enumerators return the same thing, a ``VertexSet``: every vertex,
with the bitmask of its tight constraints (its labels), and its exact
coordinates on demand.

``certified_vertices`` (fast):

1. Qhull computes, in floating point, the facets of the polar polytope; each
   facet names ``d`` constraints, a candidate vertex.
2. Each candidate is certified with a forward error bound (Higham 2002,
   "Accuracy and Stability of Numerical Algorithms", ch. 7): with ``k`` rows
   of ``M`` tight and the other ``d - k`` coordinates zero (exactly), the
   vertex solves a ``k x k`` system ``E z = b`` whose computed solution ``z~``
   has residual ``r``, so ``|z~ - z| <= ||E^-1|| (|r~| + rounding of r)``
   (``gametheory.linalg.batched.bounded_solve``), and a slack whose float
   value exceeds its error bound has a known sign.  A candidate whose other
   slacks are all certified positive is an exact vertex on exactly ``d``
   constraints (a simple vertex); the others (degenerate, or too close to
   call) are dropped.
3. Completeness is certified combinatorially.  At a simple vertex, dropping
   one tight constraint leads along an edge to exactly one other vertex, and
   any vertex containing the remaining ``d - 1`` constraints is that one; so
   when Qhull's neighbouring candidate across a "ridge" (tight set less one
   constraint) is certified and contains the ridge, that edge is known, and
   any other ridge leads to a vertex that was not certified.  Those edges are followed in exact integer arithmetic,
   and from each vertex reached *every* basis is examined (all nonsingular
   choices of ``d`` of its tight constraints), so all its edges are followed
   too.  The vertex set found is then closed under adjacency, hence complete,
   because the graph of a polytope is connected (Balinski 1961).
4. When certification cannot even start (Qhull fails, huge integers, more
   than ``MAX_UNCERTIFIED_SHARE`` of the candidates uncertified, a vertex
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
from collections.abc import Callable
from fractions import Fraction
from itertools import combinations
from math import comb

import numpy as np

from .batched import solve_subsystems
from .exact import IntegerTableau, solve_rational

__all__ = ["VertexSet", "exact_vertices", "certified_vertices"]



class VertexSet:
    """The vertices of ``{z >= 0 : M z <= 1}``: their label masks and exact coordinates.

    ``masks[k]`` has bit ``v`` set when variable ``v`` is zero at vertex ``k``:
    ``v < d`` is ``z_v``, ``v >= d`` the slack of constraint ``v - d``.  A vertex
    is determined by its set of tight constraints, so masks are distinct.
    """

    def __init__(self, M: np.ndarray, masks: list[int],
                 points: dict[int, Callable[[], tuple[Fraction, ...]]] | None = None,
                 mask_array: np.ndarray | None = None) -> None:
        self.M = M
        self.d = M.shape[1]
        self.masks = masks
        self._points = points or {}
        self._mask_array = mask_array      # the masks as int64, when the caller has them

    def __len__(self) -> int:
        return len(self.masks)

    def has_degenerate_vertex(self) -> bool:
        """True when some vertex has more than ``d`` tight constraints (labels)."""
        if self.d + self.M.shape[0] > 62:
            return any(mk.bit_count() > self.d for mk in self.masks)
        return bool(np.any(_popcounts(self.mask_array()) > self.d))

    def mask_array(self) -> np.ndarray:
        """The masks as an int64 array (they fit: at most 62 variables)."""
        if self._mask_array is None or len(self._mask_array) != len(self.masks):
            self._mask_array = np.array(self.masks, dtype=np.int64)
        return self._mask_array

    def coordinates(self, mask: int) -> tuple[Fraction, ...]:
        """Exact ``z`` of the vertex with this mask."""
        point = self._points.get(mask)
        return point() if point is not None else _solve_vertex(self.M, mask, self.d)


def _popcounts(arr: np.ndarray) -> np.ndarray:
    """Number of set bits of each entry of a nonnegative int64 array (SWAR, Hacker's Delight 5-1)."""
    x = arr.astype(np.uint64)
    x = x - ((x >> np.uint64(1)) & np.uint64(0x5555555555555555))
    x = (x & np.uint64(0x3333333333333333)) + ((x >> np.uint64(2)) & np.uint64(0x3333333333333333))
    x = (x + (x >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return ((x * np.uint64(0x0101010101010101)) >> np.uint64(56)).astype(np.int64)


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
#: high dimension; "Q9" (process the furthest of the remaining outside sets) was 20-40% faster
#: on two of three random 16x16 games, 8-14% slower on the third; the certificate, not Qhull,
#: decides what is a vertex.
QHULL_OPTIONS = "QJ Q9"
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
    too degenerate for that (more than ``MAX_BASES_PER_VERTEX`` bases).
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


def _certify_candidates(Ms: np.ndarray, hs: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Which candidates are certified simple vertices (True) of ``{z >= 0 : Ms z <= hs}``.

    Candidate ``v`` names ``d`` constraints ``T[v]`` (sorted): indices below
    ``r`` are rows of ``Ms`` (tight), the others ``r + j`` mean ``z_j = 0``.
    With ``k`` rows ``R`` tight and the coordinates outside ``S`` (``k`` of
    them remain) zero, the vertex solves the ``k x k`` system
    ``Ms[R, S] z_S = hs[R]``: zero coordinates are exact, so only ``z_S``
    carries an error, bounded by ``bounded_solve``.  A candidate is
    certified when every other constraint is strictly slack beyond its
    error bound.
    """
    r, d = Ms.shape
    k_of = np.count_nonzero(T < r, axis=1)
    good = np.zeros(len(T), dtype=bool)
    for k in np.unique(k_of):
        which = np.flatnonzero(k_of == k)
        Tk = T[which]
        R = Tk[:, :k]
        keep = np.ones((len(which), d), dtype=bool)
        np.put_along_axis(keep, Tk[:, k:] - r, False, axis=1)
        S = np.nonzero(keep)[1].reshape(len(which), k)
        sub = solve_subsystems(Ms, R, S, hs[R])
        slack = hs[None, :] - sub.MZ                                    # (N, r)
        tight = np.zeros_like(slack, dtype=bool)
        np.put_along_axis(tight, R, True, axis=1)
        rows_ok = (tight | (slack > sub.slack_bound(Ms, hs[None, :]))).all(axis=1)
        coords_ok = (np.take_along_axis(sub.Z, S, axis=1) > sub.err[:, None]).all(axis=1)
        good[which] = sub.ok & rows_ok & coords_ok
    return good


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
    from scipy.spatial import ConvexHull, QhullError  # lazy: scipy is imported where used
    try:
        hull = ConvexHull(points, qhull_options=QHULL_OPTIONS)
    except (QhullError, ValueError):
        return None
    order = np.argsort(hull.simplices, axis=1)
    T = np.take_along_axis(hull.simplices, order, axis=1)    # each candidate's d constraints
    neighbour = np.take_along_axis(hull.neighbors, order, axis=1)   # across T[v, j]'s ridge
    good = _certify_candidates(G[:r], h[:r], T)
    if np.count_nonzero(~good) > MAX_UNCERTIFIED_SHARE * len(good):
        return None          # a markedly degenerate polytope: the exact search is faster
    weights = np.left_shift(np.int64(1), var_of_row.astype(np.int64))
    W = weights[T]                                               # (V, d) one bit per constraint
    full = np.bitwise_or.reduce(W, axis=1)
    # combinatorial closure: at a certified (simple) vertex each ridge (its tight set less one
    # constraint) lies on exactly one edge, whose other end is the only other vertex containing
    # the ridge.  Qhull names a neighbouring candidate across each ridge; where that one is
    # certified and contains the ridge, the edge is known; any other ridge leads to a vertex
    # that could not be certified (degenerate, or too close to call): it is followed exactly.
    ridge = full[:, None] ^ W
    other = full[neighbour]
    closed = good[neighbour] & ((ridge & ~other) == 0) & (other != full[:, None])
    open_v, open_j = np.nonzero(good[:, None] & ~closed)
    masks_arr = np.unique(full[good])
    masks = masks_arr.tolist()
    found: dict[int, Callable[[], tuple[Fraction, ...]]] = {}
    open_ridges = [(int(full[v]), int(ridge[v, j])) for v, j in zip(open_v, open_j)]
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
    return VertexSet(M, masks, found, mask_array=None if found else masks_arr)
