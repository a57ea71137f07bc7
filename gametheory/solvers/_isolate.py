"""Isolate every root of a support's indifference equations in a box, with certificates.

The equations of ``SupportSystem``
are multi-affine: affine in each player's block of free coordinates.  Over a
box (a product of intervals) such a function takes its least and largest
values at the box's corners, so exact ranges come from evaluating it at the
corners of the other players' blocks.  This gives two tests, applied to a
whole batch of boxes at once with numpy:

- *exclusion*: a box on which some equation keeps one strict sign, or some
  action outside the supports is strictly better than the supports'
  (so no equilibrium), or a player's probabilities cannot sum to 1, holds
  no equilibrium root;
- the *Krawczyk test* (Krawczyk 1969; Moore, Kearfott and Cloud 2009,
  "Introduction to Interval Analysis", section 8.2): with ``y`` the box's
  centre, ``r`` its half-widths, ``Y`` any matrix and ``[J]`` the range of
  the Jacobian over the box,
  ``K = y - Y f(y) + (I - Y [J]) (X - y)`` holds every root in ``X``: when
  ``K`` misses ``X`` there is no root, when ``K`` lies inside ``X`` there is
  exactly one.

Boxes that pass neither test are bisected along their widest side, a little
off centre (so that roots at simple fractions such as 1/2 never sit on a cut).
The search is *complete*: every root in the domain ends in a certified box,
unless the box budget runs out or boxes shrink below ``min_width`` without
a verdict (a continuum of roots, or a singular one), which are returned as
unresolved.  Ranges are widened by a margin for floating-point rounding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ._support_system import SupportSystem

__all__ = ["isolate_roots", "Isolation", "support_scale"]

#: Where to cut a box side, as a fraction of its width (not 1/2: see the module docstring).
_CUT = 0.4921875 + 1e-4 * np.pi
#: Largest number of corner values per box for the preconditioned corner test.
_MAX_CORNER_VALUES = 20_000
#: Boxes handled per batch (bounds memory; the search runs depth first).
_CHUNK = 2048
#: How far the search domain extends beyond [0, 1] in each free coordinate.
_MARGIN = 1.0 / 64 + 1e-4 * np.e


@dataclass
class Isolation:
    """Result of ``isolate_roots`` for one support profile."""

    roots: list[np.ndarray] = field(default_factory=list)        # Newton-polished roots
    unresolved: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)   # (lo, hi)
    boxes: int = 0                                                # boxes examined


class _Group:
    """Support profiles with the same support sizes, their equations stacked for batch work."""

    def __init__(self, payoffs: Sequence[np.ndarray], supports: Sequence[Sequence[Sequence[int]]]):
        self.supports = [tuple(tuple(s) for s in S) for S in supports]
        first = self.supports[0]
        self.n = len(first)
        self.sizes = tuple(len(s) for s in first)
        self.shape = tuple(np.shape(payoffs[0]))
        self.offsets = [0]
        for k in self.sizes:
            self.offsets.append(self.offsets[-1] + k - 1)
        self.dim = self.offsets[-1]
        self.others = [[k for k in range(self.n) if k != i] for i in range(self.n)]
        # per player: (G, R_i, k_others...), rows = equations S_i[:-1] - S_i[-1], then the
        # actions outside S_i minus S_i[-1]
        self.tensors = []
        for i in range(self.n):
            stack = []
            for S in self.supports:
                idx = [np.arange(self.shape[i]) if k == i else np.array(S[k]) for k in range(self.n)]
                block = np.moveaxis(np.asarray(payoffs[i], dtype=float)[np.ix_(*idx)], i, 0)
                outside = [a for a in range(self.shape[i]) if a not in S[i]]
                stack.append(block[list(S[i][:-1]) + outside] - block[[S[i][-1]]])
            self.tensors.append(np.stack(stack))
        self.n_eq = [k - 1 for k in self.sizes]
        self.bits = [np.array([[(c >> b) & 1 for b in range(k - 1)] for c in range(2 ** (k - 1))],
                              dtype=float).reshape(2 ** (k - 1), k - 1) for k in self.sizes]
        self.directions = [np.concatenate([np.eye(k - 1), -np.ones((k - 1, 1))], axis=1)[None]
                           for k in self.sizes]
        self.scale = np.maximum(1.0, np.max([np.abs(t).reshape(len(t), -1).max(axis=1, initial=0.0)
                                             for t in self.tensors], axis=0))

    def corners(self, lo: np.ndarray, hi: np.ndarray, j: int) -> np.ndarray:
        """Strategies at the corners of player j's block, shape (B, 2^d_j, k_j)."""
        o = self.offsets
        low, high = lo[:, o[j]:o[j + 1]], hi[:, o[j]:o[j + 1]]
        free = low[:, None, :] + self.bits[j][None] * (high - low)[:, None, :]
        return np.concatenate([free, 1.0 - free.sum(axis=2, keepdims=True)], axis=2)

    def ranges(self, lo: np.ndarray, hi: np.ndarray, gid: np.ndarray):
        """Exclusion flags, the Jacobian's range over each box, and the equations at its corners.

        The last is ``(B, C, N)`` over all ``C = prod 2^d_j`` corners of the box,
        or None when that is too large to hold.
        """
        B, N = lo.shape
        corner = [self.corners(lo, hi, j) for j in range(self.n)]
        margin = 1e-12 * self.scale[gid]
        excluded = np.zeros(B, dtype=bool)
        counts = [c.shape[1] for c in corner]
        full_corners = int(np.prod(counts)) if N else 1
        at_corners: list[np.ndarray] | None = [] if full_corners * N <= _MAX_CORNER_VALUES else None
        jac_lo = np.zeros((B, N, N))
        jac_hi = np.zeros((B, N, N))
        o = self.offsets
        for i in range(self.n):
            tensor = self.tensors[i][gid]
            if not tensor.shape[1]:
                continue                              # one action: nothing to solve or compare
            others = self.others[i]
            vals = _contract(tensor, [corner[k] for k in others]).reshape(B, tensor.shape[1], -1)
            vmin, vmax = vals.min(axis=2), vals.max(axis=2)
            ne = self.n_eq[i]
            m = margin[:, None]
            excluded |= ((vmin[:, :ne] > m) | (vmax[:, :ne] < -m)).any(axis=1)
            excluded |= (vmin[:, ne:] > m).any(axis=1)
            if at_corners is not None and ne:
                eq = np.moveaxis(vals[:, :ne].reshape((B, ne) + tuple(counts[k] for k in others)), 1, -1)
                eq = np.expand_dims(eq, 1 + i)
                at_corners.append(np.broadcast_to(eq, (B,) + tuple(counts) + (ne,)))
            for j in others:
                if self.sizes[j] == 1 or ne == 0:
                    continue
                mats = [self.directions[j] if k == j else corner[k] for k in others]
                d = _contract(tensor[:, :ne], mats)
                d = np.moveaxis(d, 2 + others.index(j), 2).reshape(B, ne, self.sizes[j] - 1, -1)
                jac_lo[:, o[i]:o[i + 1], o[j]:o[j + 1]] = d.min(axis=3) - margin[:, None, None]
                jac_hi[:, o[i]:o[i + 1], o[j]:o[j + 1]] = d.max(axis=3) + margin[:, None, None]
        stacked = None if at_corners is None else \
            np.concatenate(at_corners, axis=-1).reshape(B, full_corners, N)
        return excluded, jac_lo, jac_hi, stacked

    def at_points(self, y: np.ndarray, gid: np.ndarray):
        """Residuals (B, N) and Jacobians (B, N, N) at the points ``y``."""
        B, N = y.shape
        pts = [self.corners(y, y, j)[:, :1] for j in range(self.n)]
        f = np.zeros((B, N))
        J = np.zeros((B, N, N))
        o = self.offsets
        for i in range(self.n):
            ne = self.n_eq[i]
            if ne == 0:
                continue
            tensor = self.tensors[i][gid][:, :ne]
            others = self.others[i]
            f[:, o[i]:o[i + 1]] = _contract(tensor, [pts[k] for k in others]).reshape(B, ne)
            for j in others:
                if self.sizes[j] == 1:
                    continue
                mats = [self.directions[j] if k == j else pts[k] for k in others]
                d = _contract(tensor, mats)
                J[:, o[i]:o[i + 1], o[j]:o[j + 1]] = np.moveaxis(
                    d, 2 + others.index(j), 2).reshape(B, ne, self.sizes[j] - 1)
        return f, J


def support_scale(payoffs: Sequence[np.ndarray], supports: Sequence[Sequence[int]]) -> float:
    """The scale of one support profile's payoff differences, as ``isolate_roots`` uses it:
    its exclusion tests allow a rounding margin of ``1e-12`` times this."""
    return float(_Group(payoffs, [supports]).scale[0])


def _contract(tensor: np.ndarray, mats: list[np.ndarray]) -> np.ndarray:
    """Contract axes 2.. of ``tensor`` (B, R, k_1, ..., k_p) with (B or 1, c_q, k_q) matrices.

    Returns shape (B, R, c_1, ..., c_p).
    """
    T = tensor
    B = T.shape[0]
    for m in mats:
        # the first axis still to contract is always axis 2 (corner axes collect at the end)
        T = np.moveaxis(T, 2, -1)
        k = m.shape[2]
        flat = T.reshape(B, -1, k)
        out = np.matmul(flat, np.swapaxes(m, 1, 2))
        T = out.reshape(T.shape[:-1] + (m.shape[1],))
    return T


def isolate_roots(payoffs: Sequence[np.ndarray], supports: Sequence[Sequence[Sequence[int]]],
                  max_boxes: int = 20_000, min_width: float = 1e-7,
                  check: Callable[[], None] | None = None) -> list[Isolation]:
    """All roots of the support systems, each certified unique in a box; one result per support.

    All ``supports`` must have the same support sizes; their boxes are
    processed together, a batch of numpy operations per bisection level.

    Parameters
    ----------
    payoffs : sequence of ndarray
        Float payoff arrays, one per player.
    supports : sequence of support profiles
        Support profiles with equal sizes (and at least one player mixing).
    max_boxes : int
        Budget of boxes per support; beyond it the remaining boxes are unresolved.
    min_width : float
        Boxes narrower than this without a verdict are unresolved.
    check : callable, optional
        Called before each batch of boxes (the caller's deadline check: a group of supports can
        take long, and this is where the time goes).

    Returns
    -------
    list of Isolation
    """
    group = _Group(payoffs, supports)
    G, N = len(group.supports), group.dim
    out = [Isolation() for _ in range(G)]
    systems: dict[int, SupportSystem] = {}
    pending = [(np.full((G, N), -_MARGIN), np.full((G, N), 1.0 + _MARGIN), np.arange(G))]
    used = np.zeros(G, dtype=np.int64)
    o = group.offsets
    while pending:
        if check is not None:
            check()
        lo, hi, gid = pending.pop()
        if len(lo) > _CHUNK:
            pending.append((lo[_CHUNK:], hi[_CHUNK:], gid[_CHUNK:]))
            lo, hi, gid = lo[:_CHUNK], hi[:_CHUNK], gid[:_CHUNK]
        used += np.bincount(gid, minlength=G)
        keep = np.ones(len(lo), dtype=bool)
        # a player's free coordinates must leave a nonnegative last probability
        for j in range(group.n):
            if group.sizes[j] > 1:
                keep &= lo[:, o[j]:o[j + 1]].sum(axis=1) <= 1.0 + _MARGIN
        lo, hi, gid = lo[keep], hi[keep], gid[keep]
        if not len(lo):
            continue
        excluded, jac_lo, jac_hi, at_corners = group.ranges(lo, hi, gid)
        keep = ~excluded
        lo, hi, gid, jac_lo, jac_hi = lo[keep], hi[keep], gid[keep], jac_lo[keep], jac_hi[keep]
        if not len(lo):
            continue
        y = (lo + hi) / 2
        r = (hi - lo) / 2
        f, Jy = group.at_points(y, gid)
        Y = np.linalg.pinv(Jy)
        absY = np.abs(Y)
        margin = 1e-12 * group.scale[gid]
        spread = absY.sum(axis=2) * margin[:, None]
        if at_corners is not None:
            # the preconditioned equations Y f are multi-affine too: exact ranges at the corners
            g = np.einsum("bcj,bkj->bck", at_corners[keep], Y)
            gone = ((g.min(axis=1) > spread) | (g.max(axis=1) < -spread)).any(axis=1)
            keep = ~gone
            lo, hi, gid, jac_lo, jac_hi = lo[keep], hi[keep], gid[keep], jac_lo[keep], jac_hi[keep]
            y, r, f, Y, absY, spread = y[keep], r[keep], f[keep], Y[keep], absY[keep], spread[keep]
            if not len(lo):
                continue
        # the Krawczyk test
        jmid = (jac_lo + jac_hi) / 2
        jrad = (jac_hi - jac_lo) / 2
        center = -np.einsum("bij,bj->bi", Y, f)
        M = np.abs(np.eye(N)[None] - Y @ jmid) + absY @ jrad
        width = np.einsum("bij,bj->bi", M, r) + spread
        empty = ((np.abs(center) - width) > r).any(axis=1)
        inside = ((np.abs(center) + width) < 0.999 * r).all(axis=1) & ~empty
        for b in np.flatnonzero(inside):
            k = int(gid[b])
            system = systems.setdefault(k, SupportSystem(payoffs, group.supports[k]))
            root = system.newton(y[b])
            if root is not None and np.all(root >= lo[b] - 1e-9) and np.all(root <= hi[b] + 1e-9):
                out[k].roots.append(root)
            else:
                out[k].unresolved.append((lo[b], hi[b]))
        split = ~inside & ~empty
        # every root in X lies in K: narrow X to X & K before bisecting
        lo = np.maximum(lo, y + center - width)[split]
        hi = np.minimum(hi, y + center + width)[split]
        gid = gid[split]
        # how strongly each coordinate moves the equations over the box (Ratz's rule C)
        influence = (np.abs(jmid) + jrad)[split].sum(axis=1)
        if not len(lo):
            continue
        w = hi - lo
        over_budget = used[gid] + 2 * np.bincount(gid, minlength=G)[gid] > max_boxes
        stop = (w.max(axis=1) < min_width) | over_budget
        if stop.any():
            for b in np.flatnonzero(stop):
                out[int(gid[b])].unresolved.append((lo[b], hi[b]))
            lo, hi, gid, w, influence = lo[~stop], hi[~stop], gid[~stop], w[~stop], influence[~stop]
            if not len(lo):
                continue
        rows = np.arange(len(lo))
        axis = (w * (influence + 1e-3 * influence.max(axis=1, keepdims=True))).argmax(axis=1)
        cut = lo[rows, axis] + _CUT * w[rows, axis]
        lo2, hi2 = lo.copy(), hi.copy()
        hi[rows, axis] = cut
        lo2[rows, axis] = cut
        pending.append((np.concatenate([lo, lo2]), np.concatenate([hi, hi2]), np.concatenate([gid, gid])))
    for k in range(G):
        out[k].boxes = int(used[k])
    return out
