"""One Nash equilibrium of an n-player game by simplicial subdivision (variable dimension, restart).

The mixed-strategy profiles form a product of simplices ``S = S_1 x ... x
S_n``.  A profile ``x`` is an equilibrium exactly when every *gain*
``g_ij(x) = u_i(j, x_-i) - u_i(x)`` (what player ``i`` wins by switching to
action ``j``) is at most 0; since ``sum_j x_ij g_ij(x) = 0`` for every player,
this is a nonlinear complementarity problem on ``S``.  The solver follows the
variable-dimension restart algorithm with vector labelling of van der Laan and
Talman (1979, "A restart algorithm for computing fixed points without an extra
dimension", Mathematical Programming 17, 74-84) on the product of the players'
simplices, as in van der Laan, Talman and van der Heyden (1987, "Simplicial
variable dimension algorithms for solving the nonlinear complementarity problem
on a product of unit simplices using a general labelling", Mathematics of
Operations Research 12, 377-397), the method behind Gambit's ``simpdiv``.  The
formulation below (regions spanned from the start towards the pure strategies,
a grid anchored at the start, one common level ``beta`` for the gains of all
players) is this module's own, written from the papers, not from Gambit's code.

Algorithm:

1. Payoffs are rescaled to ``[0, 1]`` per player (no equilibrium changes).  A
   starting profile ``v`` is chosen (uniform play unless given) and a grid size
   ``1/m``.
2. For a set ``T`` of pairs ``(i, j)`` (never all of a player's actions), the
   region ``A(T)`` holds the profiles ``x_i = v_i + sum_{j in T_i} l_ij (e_j -
   v_i)`` with ``l >= 0``, ``sum_j l_ij <= 1``: starting from ``v``, player
   ``i`` moves towards the actions in ``T_i``.  In the cumulative coordinates
   ``w_il = m (l_i,j_l + ... + l_i,j_s)`` the region is ``m >= w_i1 >= ... >=
   w_is >= 0``, triangulated by Freudenthal's triangulation of the integer
   grid; the regions' triangulations agree on common faces.
3. Every grid vertex ``y`` carries the vector label ``g(y)``.  On a
   ``t``-simplex of ``A(T)`` (``t = |T|``) with vertices ``y_0..y_t``, the
   linear system ``sum_k lambda_k g(y_k) + sum_{(i,j) not in T} mu_ij e_ij =
   beta 1``, ``sum_k lambda_k = 1``, ``lambda, mu >= 0``, has a line of
   solutions: the piecewise-linear approximation of ``g`` at ``x = sum_k
   lambda_k y_k`` equals a common level ``beta`` on ``T`` and is at most
   ``beta`` elsewhere.  Starting from ``v`` (``T`` empty, ``beta`` the largest
   gain at ``v``), the line is followed by lexicographic pivoting:

   * a ``mu_ij`` drops to 0: ``(i, j)`` joins ``T`` and the simplex gains the
     vertex that extends it into ``A(T + (i, j))``;
   * a ``lambda_k`` drops to 0: the facet opposite ``y_k`` is left.  Inside
     ``A(T)`` the neighbouring simplex across it (a Freudenthal pivot) brings
     one new vertex; on a face ``l_ij = 0`` of ``A(T)``, ``(i, j)`` leaves ``T``
     and ``mu_ij`` re-enters.

4. The path ends on the face where some player ``i`` puts no weight outside
   ``T_i``, or when ``T_i`` would become all of ``i``'s actions.  In both cases
   the approximation is an approximate equilibrium: ``beta`` is within the
   approximation error of 0 (the gains average to 0 under ``x_i``) and every
   gain is at most ``beta``.  The path is unique from its start and cannot
   cycle (lexicographic rule), so it ends after finitely many pivots.
5. Certification: the supports are guessed from the end point (``T``, then
   the actions within growing distances of each player's best reply), each
   guess corrected by an active-set search (Newton's method on the
   indifference equations; actions with negative probability leave, actions
   that would gain join) and the result handed to
   ``refine_equilibrium``: Newton's
   method on the support, exact rational recovery, exact verification.  When
   no guess is certified, the grid is refined (``m`` doubled) and the
   algorithm restarts from the end point; the path from a near equilibrium is
   short.  An equilibrium in a continuum (singular equations) that is not
   rational itself is replaced, when possible, by a rational one nearby
   (rounded, or one player pinned to simple fractions and the others solved
   exactly), checked exactly.

The start basis takes the last of several tied best gains, which makes it
lexicographically feasible (under the perturbation ``eps^(k+1)`` of row ``k``
a tied ``mu_k`` is ``eps^(k+1) - eps^(first+1) > 0`` only for ``k < first``);
without that, degenerate games can make the path cycle.

Cost: each pivot evaluates one label (every player's payoffs contracted with
the others' strategies: one batched matrix product per opponent position over
a stacked payoff array) and makes a rank-one update of an inverse basis of
size ``M + 1`` (``M`` the number of actions of all players); about 40
microseconds on a 5x5x5x5 game.  Labels are cached per grid point.  The
vector labels make coarse grids enough: on random games with 2 to 4 players
and 2 or 3 actions, 97% of runs are certified on the first grid (``m = 4``),
with a few dozen to a few hundred pivots; a 4x4x4x4 game takes 10-120 ms,
where Gambit's ``simpdiv`` (exact rational arithmetic) takes seconds to
minutes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal, cast

import numpy as np

from ..arithmetic import EXACT, Arithmetic, Number
from ..context import Context
from ..errors import InvalidGameError, SolverError, VerificationError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ._common import fallback_arithmetic, resolve_context
from ._support_system import refine_equilibrium
from .result import Equilibrium, SolverResult, make_equilibrium

__all__ = ["solve_simpdiv"]

#: Pivots below this (relative to the column's largest entry) are treated as zero.
_PIVOT_EPS = 1e-9
#: Ratios within this (relative) are ties, broken lexicographically.
_TIE_EPS = 1e-11
#: The inverse basis is recomputed from the basis columns this often.
_REFRESH = 64


class _Labels:
    """Gains ``u_i(j, x_-i) - u_i(x)`` of every action at a profile, from rescaled payoffs.

    Profiles are concatenated strategies (length ``M``).  Each player's
    payoffs are rescaled to ``[0, 1]`` and held with the player's own axis
    first.  When zero-padding all players to the largest number of actions
    costs little, gains come from batched products over one stacked array
    (``_stack``); otherwise from one Kronecker product of the others'
    strategies per player.
    """

    def __init__(self, game: NormalFormGame) -> None:
        self.shape = game.shape
        self.n = game.num_players
        self.bounds = np.cumsum((0,) + self.shape)
        self.matrices = []
        for i, u in enumerate(game.float_payoffs):
            lo, hi = float(u.min()), float(u.max())
            scaled = (u - lo) / (hi - lo) if hi > lo else np.zeros_like(u)
            self.matrices.append(np.ascontiguousarray(np.moveaxis(scaled, i, 0).reshape(self.shape[i], -1)))
        self.tensors: list[np.ndarray] = [
            m.reshape((self.shape[i],) + tuple(k for j, k in enumerate(self.shape) if j != i))
            for i, m in enumerate(self.matrices)]
        self.size = int(self.bounds[-1])
        self._specs: dict[tuple[int, int], tuple[str, list[int]]] = {}
        letters = "bcdefghijklmnopqrstuvwxyzBCDEFGHIJKLMNOPQRSTUVWXYZ"
        for i in range(self.n):
            others = [k for k in range(self.n) if k != i]
            for j in others:
                ops = [k for k in others if k != j]
                spec = ("a" + "".join(letters[k] for k in others) + ","
                        + ",".join(letters[k] for k in ops) + "->a" + letters[j]).replace(",->", "->")
                self._specs[i, j] = (spec, ops)

        self._stacked: np.ndarray | None = None
        nmax = max(self.shape)
        if self.n >= 2 and self.n * nmax ** self.n <= 4 * sum(m.size for m in self.matrices):
            self._stack(nmax)

    def _stack(self, nmax: int) -> None:
        """All players' payoffs in one zero-padded array, for batched contractions.

        Player ``i``'s slice has its own actions first, then the others' in
        order; contracting the last axis with each player's next opponent
        (from the last one back) leaves every player's action values at once.
        """
        n = self.n
        stacked = np.zeros((n,) + (nmax,) * n)
        for i, t in enumerate(self.tensors):
            stacked[(i,) + tuple(slice(0, k) for k in t.shape)] = t
        index = np.full((n, nmax), self.size)            # position in x, or the padding zero
        for i, k in enumerate(self.shape):
            index[i, :k] = np.arange(self.bounds[i], self.bounds[i + 1])
        self._stacked = stacked.reshape(n, -1, nmax)
        self._index = index
        self._opponents = [index[[pos if pos < i else pos + 1 for i in range(n)]][:, :, None]
                           for pos in range(n - 1)]
        self._valid = np.concatenate([i * nmax + np.arange(k) for i, k in enumerate(self.shape)])
        self._player = np.repeat(np.arange(n), self.shape)
        self._nmax = nmax

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """The gain vector (length ``M``) at the profile ``x`` (concatenated strategies)."""
        if self._stacked is not None:
            n, nmax = self.n, self._nmax
            padded = np.append(x, 0.0)
            R = self._stacked
            for pos in range(n - 2, -1, -1):
                R = np.matmul(R, padded[self._opponents[pos]]).reshape(n, -1, nmax)
            values = R.reshape(n, nmax)
            expected = np.einsum("ij,ij->i", values, padded[self._index])
            return values.ravel()[self._valid] - expected[self._player]
        b = self.bounds
        blocks = [x[b[i]:b[i + 1]] for i in range(self.n)]
        out = np.empty(self.size)
        if self.n == 1:
            dev = self.matrices[0][:, 0]
            out[:] = dev - dev @ blocks[0]
            return out
        prefix: list[np.ndarray | None] = [None] * self.n
        suffix: list[np.ndarray | None] = [None] * self.n
        acc = blocks[0]
        for i in range(1, self.n):
            prefix[i] = acc
            if i < self.n - 1:
                acc = np.multiply.outer(acc, blocks[i]).ravel()
        acc = blocks[-1]
        for i in range(self.n - 2, -1, -1):
            suffix[i] = acc
            if i > 0:
                acc = np.multiply.outer(blocks[i], acc).ravel()
        for i in range(self.n):
            before, after = prefix[i], suffix[i]
            if before is None:
                others = after
            elif after is None:
                others = before
            else:
                others = np.multiply.outer(before, after).ravel()
            dev = self.matrices[i] @ others
            out[b[i]:b[i + 1]] = dev - dev @ blocks[i]
        return out

    def jacobian(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Action values ``u_i(j, x_-i)`` (length ``M``) and their derivatives in ``x`` (``M x M``)."""
        b = self.bounds
        blocks = [x[b[i]:b[i + 1]] for i in range(self.n)]
        values = np.empty(self.size)
        J = np.zeros((self.size, self.size))
        if self.n == 1:
            values[:] = self.matrices[0][:, 0]
            return values, J
        for (i, j), (spec, ops) in self._specs.items():
            J[b[i]:b[i + 1], b[j]:b[j + 1]] = np.einsum(spec, self.tensors[i], *(blocks[k] for k in ops))
        for i in range(self.n):
            j = 1 if i == 0 else 0
            values[b[i]:b[i + 1]] = J[b[i]:b[i + 1], b[j]:b[j + 1]] @ blocks[j]
        return values, J


class _Basis:
    """The inverse basis of the labelling system, updated by lexicographic pivots.

    Rows ``0..M-1`` are the actions' equations, row ``M`` is ``sum lambda = 1``.
    ``keys[r]`` names the basic variable of row ``r``: ``("beta",)``,
    ``("mu", k)`` or ``("vertex", uid)``.
    """

    def __init__(self, columns: np.ndarray, keys: list) -> None:
        self.B = np.array(columns, dtype=float)
        self.keys = list(keys)
        self.size = len(keys)
        self.rhs = np.zeros(self.size)
        self.rhs[-1] = 1.0
        self.beta_row = self.keys.index(("beta",))
        self.count = 0
        self.refresh()

    def refresh(self) -> None:
        """Recompute the inverse basis and the basic solution from the basis columns."""
        self.inv = np.linalg.inv(self.B)
        self.values = self.inv @ self.rhs

    def enter(self, column: np.ndarray, key: tuple) -> tuple:
        """Bring ``key`` (with ``column``) into the basis; return the variable that leaves."""
        d = self.inv @ column
        d[self.beta_row] = 0.0
        scale = float(np.abs(d).max())
        rows = np.flatnonzero(d > _PIVOT_EPS * max(scale, 1.0))
        if rows.size == 0:
            raise _Breakdown()
        if rows.size > 1:
            rows = self._lexmin(rows, d)
        r = int(rows[0])
        leaving = self.keys[r]
        self._pivot(r, d, column, key)
        return leaving

    def _lexmin(self, rows: np.ndarray, d: np.ndarray) -> np.ndarray:
        """The rows of the lexicographic minimum ratio: ``values``, then the columns of ``inv``."""
        dr = d[rows]
        ratios = self.values[rows] / dr
        best = ratios.min()
        rows = rows[ratios <= best + _TIE_EPS * max(1.0, abs(best))]
        k = 0
        while rows.size > 1 and k < self.size:
            ratios = self.inv[rows, k] / d[rows]
            best = ratios.min()
            rows = rows[ratios <= best + _TIE_EPS * max(1.0, abs(best))]
            k += 1
        return rows

    def _pivot(self, r: int, d: np.ndarray, column: np.ndarray, key: tuple) -> None:
        """Replace the basic variable of row ``r`` (product-form update, refreshed periodically)."""
        self.B[:, r] = column
        self.keys[r] = key
        self.count += 1
        if self.count % _REFRESH == 0:
            self.refresh()
            return
        piv = d[r]
        row = self.inv[r] / piv
        self.inv -= np.outer(d, row)
        self.inv[r] = row
        vr = self.values[r] / piv
        self.values -= d * vr
        self.values[r] = vr

    def value(self, key: tuple) -> float:
        """The value of a basic variable."""
        return float(self.values[self.keys.index(key)])


class _Path:
    """The piecewise-linear path of the restart algorithm from ``v`` on the grid of size ``1/m``.

    Coordinates of the regions are keyed by ``(i, j)``; ``T[i]`` lists player
    ``i``'s coordinates in increasing action order.  The current simplex is
    Freudenthal's ``(base, perm)``: vertex ``r`` is ``base`` plus one step in
    each of ``perm[0..r-1]``.
    """

    def __init__(self, labels: _Labels, v: np.ndarray, m: int, max_pivots: int,
                 context: Context | None = None) -> None:
        self.labels = labels
        self.context = Context() if context is None else context
        self.v = v
        self.m = m
        self.max_pivots = max_pivots
        self.bounds = labels.bounds
        self.n = labels.n
        self.T: list[list[int]] = [[] for _ in range(self.n)]
        self.base: dict[tuple[int, int], int] = {}
        self.perm: list[tuple[int, int]] = []
        self.uids: list[int] = []          # LP variable of each vertex of the chain
        self.points: dict[int, np.ndarray] = {}
        self.next_uid = 0
        self.pivots = 0
        self.cache: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    # -- geometry ---------------------------------------------------------------------------
    def _step(self, c: tuple[int, int]) -> np.ndarray:
        """The move of the profile for one unit of coordinate ``c``: ``(e_j - e_j')/m``.

        ``j'`` is the action before ``j`` in ``T_i``; for the first, the move
        is ``(e_j - v_i)/m``.
        """
        i, j = c
        lo, hi = self.bounds[i], self.bounds[i + 1]
        Ti = self.T[i]
        pos = Ti.index(j)
        d = np.zeros(self.labels.size)
        if pos == 0:
            d[lo:hi] = -self.v[lo:hi]
        else:
            d[lo + Ti[pos - 1]] = -1.0
        d[lo + j] += 1.0
        d /= self.m
        return d

    def _vertex_w(self, r: int) -> dict[tuple[int, int], int]:
        """The cumulative coordinates of vertex ``r`` of the current simplex."""
        w = dict(self.base)
        for c in self.perm[:r]:
            w[c] += 1
        return w

    def _new_vertex(self, w: dict[tuple[int, int], int], near: int, c: tuple[int, int],
                    sign: float) -> tuple[int, np.ndarray]:
        """A fresh LP variable for the vertex at ``w``; its column (label and 1).

        The vertex is one step (``sign`` times a unit of coordinate ``c``) from
        the chain vertex ``near``; labels are cached by ``w``.
        """
        key = tuple(sorted(w.items()))
        hit = self.cache.get(key)
        if hit is None:
            x = self.points[near] + sign * self._step(c)
            col = np.empty(self.labels.size + 1)
            col[:-1] = self.labels(x)
            col[-1] = 1.0
            hit = (x, col)
            self.cache[key] = hit
        uid = self.next_uid
        self.next_uid += 1
        self.points[uid] = hit[0]
        return uid, hit[1]

    def _position(self, c: tuple[int, int]) -> tuple[int, int]:
        """(player, index of the coordinate in the player's block)."""
        i = c[0]
        return i, self.T[i].index(c[1])

    # -- the path -----------------------------------------------------------------------------
    def run(self) -> tuple[np.ndarray, list[list[int]], str]:
        """Follow the path to its end: the approximate equilibrium, the sets ``T_i``, how it ended."""
        labels = self.labels
        size = labels.size
        gain = labels(self.v)
        top = float(gain.max())
        # among tied best gains the last row: the start basis is then lexicographically feasible
        # (each tied mu_k equals eps^(k+1) - eps^(first+1) > 0 under the perturbation of row k)
        first = int(np.flatnonzero(gain >= top - _TIE_EPS * max(1.0, abs(top)))[-1])
        cols = np.zeros((size + 1, size + 1))
        keys: list = []
        uid0 = self.next_uid
        self.next_uid += 1
        self.points[uid0] = self.v.copy()
        self.uids = [uid0]
        self.cache[()] = (self.v.copy(), np.append(gain, 1.0))
        for k in range(size):
            if k == first:
                cols[:size, k] = -1.0
                keys.append(("beta",))
            else:
                cols[k, k] = 1.0
                keys.append(("mu", k))
        cols[:size, size] = gain
        cols[size, size] = 1.0
        keys.append(("vertex", uid0))
        self.basis = _Basis(cols, keys)
        if top <= 0.0:
            return self.v.copy(), [[] for _ in range(self.n)], "start"
        entering = self._add(first)
        while True:
            if self.pivots >= self.max_pivots:
                raise _PivotLimit()
            if self.pivots % 64 == 0:
                self.context.check("simpdiv")
            self.pivots += 1
            key, column = entering
            leaving = self.basis.enter(column, key)
            if leaving[0] == "mu":
                k = leaving[1]
                i = int(np.searchsorted(self.bounds, k, side="right") - 1)
                if len(self.T[i]) + 1 == self.labels.shape[i]:
                    self.T[i].append(k - int(self.bounds[i]))
                    self.T[i].sort()
                    return self._end(), self.T, "full"
                entering = self._add(k)
                continue
            r = self.uids.index(leaving[1])
            outcome = self._leave(r)
            if outcome == "end":
                return self._end(), self.T, "face"
            entering = outcome

    def _end(self) -> np.ndarray:
        """The end point: the current simplex's vertices weighted by their ``lambda``."""
        x = np.zeros(self.labels.size)
        for uid in self.uids:
            key = ("vertex", uid)
            if key in self.basis.keys:
                x += max(self.basis.value(key), 0.0) * self.points[uid]
        for i in range(self.n):
            lo, hi = self.bounds[i], self.bounds[i + 1]
            x[lo:hi] = np.clip(x[lo:hi], 0.0, None)
            x[lo:hi] /= x[lo:hi].sum()
        return x

    def _add(self, k: int) -> tuple[tuple, np.ndarray]:
        """``(i, j)`` (flat index ``k``) joins ``T``: extend the simplex by one vertex."""
        i = int(np.searchsorted(self.bounds, k, side="right") - 1)
        j = k - int(self.bounds[i])
        Ti = self.T[i]
        pos = int(np.searchsorted(Ti, j))
        c = (i, j)
        succ = (i, Ti[pos]) if pos < len(Ti) else None
        Ti.insert(pos, j)
        if succ is None:
            self.base[c] = 0
            q = len(self.perm)               # the new step comes last
        else:
            self.base[c] = self.base[succ]
            q = self.perm.index(succ)        # the new step comes just before its successor's
        self.perm.insert(q, c)
        uid, column = self._new_vertex(self._vertex_w(q + 1), self.uids[q], c, 1.0)
        self.uids.insert(q + 1, uid)
        return ("vertex", uid), column

    def _drop(self, c: tuple[int, int], r: int) -> tuple[tuple, np.ndarray]:
        """Coordinate ``c`` leaves ``T`` with vertex ``r``: ``mu`` of ``c`` enters."""
        i, j = c
        self.T[i].remove(j)
        del self.base[c]
        self.perm.remove(c)
        self.points.pop(self.uids.pop(r))
        column = np.zeros(self.labels.size + 1)
        k = int(self.bounds[i]) + j
        column[k] = 1.0
        return ("mu", k), column

    def _leave(self, r: int) -> tuple[tuple, np.ndarray] | Literal["end"]:
        """Vertex ``r`` left the basis: cross its facet, drop a coordinate, or end."""
        t = len(self.perm)
        perm, base = self.perm, self.base
        if r == 0:
            c = perm[0]
            i, pos = self._position(c)
            if pos == 0 and base[c] + 1 == self.m:
                return "end"                 # player i puts no weight outside T_i
            base[c] += 1
            perm.append(perm.pop(0))
            self.points.pop(self.uids.pop(0))
            uid, column = self._new_vertex(self._vertex_w(t), self.uids[-1], c, 1.0)
            self.uids.append(uid)
            return ("vertex", uid), column
        if r == t:
            c = perm[-1]
            i, pos = self._position(c)
            if pos == len(self.T[i]) - 1 and base[c] == 0:
                return self._drop(c, r)
            base[c] -= 1
            perm.insert(0, perm.pop())
            self.points.pop(self.uids.pop())
            uid, column = self._new_vertex(dict(base), self.uids[0], c, -1.0)
            self.uids.insert(0, uid)
            return ("vertex", uid), column
        a, b = perm[r - 1], perm[r]
        if a[0] == b[0] and base[a] == base[b]:
            Ti = self.T[a[0]]
            pa = Ti.index(a[1])
            if pa + 1 < len(Ti) and Ti[pa + 1] == b[1]:
                return self._drop(a, r)
        perm[r - 1], perm[r] = b, a
        self.points.pop(self.uids[r])
        uid, column = self._new_vertex(self._vertex_w(r), self.uids[r - 1], b, 1.0)
        self.uids[r] = uid
        return ("vertex", uid), column


class _PivotLimit(Exception):
    """The pivot budget ran out inside a path."""


class _Breakdown(Exception):
    """No pivot element in the entering column: rounding broke the path (refine and restart)."""


def _split(game: NormalFormGame, x: np.ndarray) -> list[np.ndarray]:
    """Concatenated strategies as one vector per player."""
    return np.split(np.asarray(x, dtype=float), np.cumsum(game.shape)[:-1])


def _newton(labels: _Labels, x: np.ndarray, support: np.ndarray,
            iterations: int = 20) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Newton's method for ``u_i(a, x_-i) = w_i`` (``a`` in the support) and ``sum x_i = 1``.

    ``support`` holds flat action indices.  Returns the root (a full profile,
    zero off the support, possibly with negative entries), the action values
    there and the players' values ``w``, or None when Newton's method does
    not converge.
    """
    n = labels.n
    player = np.searchsorted(labels.bounds, support, side="right") - 1
    K = len(support)
    x = np.where(np.isin(np.arange(labels.size), support), x, 0.0)
    values, _ = labels.jacobian(x)
    w = np.array([values[labels.bounds[i]:labels.bounds[i + 1]] @ x[labels.bounds[i]:labels.bounds[i + 1]]
                  for i in range(n)])
    A = np.zeros((K + n, K + n))
    A[np.arange(K), K + player] = -1.0
    A[K + player, np.arange(K)] = 1.0
    for _ in range(iterations):
        values, J = labels.jacobian(x)
        F = np.concatenate([values[support] - w[player],
                            np.bincount(player, weights=x[support], minlength=n) - 1.0])
        if np.max(np.abs(F)) <= 1e-13:
            return x, values, w
        A[:K, :K] = J[np.ix_(support, support)]
        try:
            step = np.linalg.solve(A, F)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(A, F, rcond=None)[0]
        x[support] -= step[:K]
        w -= step[K:]
        if not np.all(np.isfinite(x)) or np.max(np.abs(x)) > 1e3:
            return None
    return None


def _polish(labels: _Labels, x: np.ndarray, supports: list[list[int]],
            rounds: int) -> list[np.ndarray] | None:
    """Newton's method on a support, the support adjusted until the root is an equilibrium.

    From the approximate profile ``x``, the indifference equations of
    ``supports`` are solved (``_newton``); actions whose probability
    comes out negative leave the support, actions outside it that would gain
    join it, and the equations are solved again (an active-set search, at
    most ``rounds`` times).  Returns the profile found (to be certified), or
    None.
    """
    b = labels.bounds
    seen: set[tuple] = set()
    S = [sorted(s) for s in supports]
    for _ in range(rounds):
        key = tuple(tuple(s) for s in S)
        if key in seen or any(not s for s in S):
            return None
        seen.add(key)
        flat = np.array([b[i] + a for i, s in enumerate(S) for a in s])
        start = x.copy()
        for i, s in enumerate(S):
            block = np.maximum(start[b[i]:b[i + 1]], 1e-9)
            start[b[i]:b[i + 1]] = block / block[s].sum()
        found = _newton(labels, start, flat)
        if found is None:
            return None
        root, values, w = found
        new_S = []
        for i, s in enumerate(S):
            gains = values[b[i]:b[i + 1]] - w[i]
            probs = root[b[i]:b[i + 1]]
            keep = [a for a in s if probs[a] >= -1e-12]
            join = [a for a in range(len(gains)) if a not in s and gains[a] > 1e-9]
            new_S.append(sorted(keep + join))
        if new_S == S:
            return [np.clip(root[b[i]:b[i + 1]], 0.0, None) for i in range(labels.n)]
        S = new_S
    return None


def _support_guesses(game: NormalFormGame, labels: _Labels, blocks: list[np.ndarray],
                     T: list[list[int]], limit: int) -> list[list[list[int]]]:
    """Support profiles to try, most likely first (at most ``limit``).

    First ``T`` (the actions at the top level of the labels; a player who
    never moved keeps the actions she plays), then the actions within
    ``delta`` of each player's best reply at the end point, for ``delta``
    growing from the end point's regret.
    """
    out = [[list(Ti) if Ti else [int(a) for a in np.flatnonzero(p > 1e-6)] for p, Ti in zip(blocks, T)]]
    gains = labels(np.concatenate(blocks))
    bounds = labels.bounds
    shortfall = [gains[bounds[i]:bounds[i + 1]].max() - gains[bounds[i]:bounds[i + 1]]
                 for i in range(game.num_players)]
    delta = max(float(gains.max()), 1e-12)
    while delta < 0.5 and len(out) < limit:
        S = [[int(a) for a in np.flatnonzero(r <= delta)] for r in shortfall]
        if S not in out:
            out.append(S)
        delta *= 4.0
    return out[:limit]


def _neighbour_supports(S: list[list[int]], shape: Sequence[int]):
    """The support profiles one action away from ``S``: one player's support with one action
    removed (the player keeps at least one) or one action added."""
    for i, s in enumerate(S):
        for a in range(shape[i]):
            if a in s and len(s) == 1:
                continue
            t = sorted(b for b in s if b != a) if a in s else sorted(s + [a])
            yield [t if k == i else list(u) for k, u in enumerate(S)]


def _certify(game: NormalFormGame, labels: _Labels, x: np.ndarray, T: list[list[int]],
             arithmetic: Arithmetic, floating: Arithmetic) -> Equilibrium | None:
    """A certified equilibrium near the end of a path, or None.

    Each support guess of ``_support_guesses`` is corrected by
    ``_polish``; the first profile found is certified by
    ``refine_equilibrium``, in
    floating point first (cheap), then exactly once the support is right.
    Then the end point itself, and last the supports one action away from the first guess.
    """
    blocks = _split(game, x)
    rounds = 2 * int(sum(game.shape))
    guesses = _support_guesses(game, labels, blocks, T, 6)
    profiles = (_polish(labels, x, S, rounds) for S in guesses)
    # Payoff differences finer than the grid can leave the first guess one action off a
    # support whose equations have a root (an action played with probability 1e-8, say); its
    # own equations then have none, Newton's method fails and the active set never moves.
    # So the supports one action away are tried too.
    nearby = (_polish(labels, x, S, rounds) for S in _neighbour_supports(guesses[0], game.shape))
    for profile in itertools.chain(profiles, [blocks], nearby):
        if profile is None:
            continue
        eq = refine_equilibrium(game, profile, floating)
        if eq is None:
            continue
        if arithmetic.exact:
            found = cast("Sequence[Sequence[float]]", eq.strategies)    # certified in floating
            return _exact_near(game, found, depth=2) or eq
        return eq
    return None


def _singular(game: NormalFormGame, strategies: Sequence[Sequence[float]]) -> bool:
    """True when the indifference equations are singular at this equilibrium (a continuum)."""
    labels = _Labels(game)
    x = np.concatenate([np.asarray(s, dtype=float) for s in strategies])
    support = np.flatnonzero(x > 0)
    player = np.searchsorted(labels.bounds, support, side="right") - 1
    K, n = len(support), labels.n
    _, J = labels.jacobian(x)
    A = np.zeros((K + n, K + n))
    A[:K, :K] = J[np.ix_(support, support)]
    A[np.arange(K), K + player] = -1.0
    A[K + player, np.arange(K)] = 1.0
    return bool(np.linalg.cond(A) > 1e10)


def _exact_near(game: NormalFormGame, strategies: Sequence[Sequence[float]],
                depth: int) -> Equilibrium | None:
    """An exact equilibrium at (or, in a continuum, near) a float equilibrium, or None.

    Newton's method in high precision with rational recovery
    (``refine_equilibrium``) first.
    When the root is singular, the equilibrium lies in a continuum, which
    may hold rational points although this one is not: the probabilities
    rounded to simple fractions are tried (``_rounded``), then one mixing
    player at a time is pinned to a rounded strategy and the game of the
    others solved exactly in turn (``_pinned``, ``depth`` levels deep).
    Whatever is returned has been checked exactly.
    """
    eq = refine_equilibrium(game, [np.array(s, dtype=float) for s in strategies], EXACT)
    if eq is not None and isinstance(eq.regret, Fraction):
        return eq
    if not _singular(game, strategies):
        return None                       # an isolated root: irrational
    return _rounded(game, strategies) or (_pinned(game, strategies, depth) if depth > 0 else None)


def _pinned(game: NormalFormGame, strategies: Sequence[Sequence[float]], depth: int) -> Equilibrium | None:
    """Fix one mixing player's strategy to simple fractions; solve the others exactly; check."""
    if game.num_players < 2:
        return None
    for i, s in enumerate(strategies):
        if sum(1 for p in s if p > 0) < 2:
            continue
        for bound in (12, 120):
            pin = _round_strategy(s, bound)
            if pin is None:
                continue
            weights = np.array(pin, dtype=object)
            arrays = [np.tensordot(np.asarray(u, dtype=object), weights, axes=([i], [0]))
                      for k, u in enumerate(game.payoffs) if k != i]
            rest = [t for k, t in enumerate(strategies) if k != i]
            sub = _exact_near(NormalFormGame(arrays), rest, depth - 1)
            if sub is None:
                continue
            profile: list[Sequence[Number]] = list(sub.strategies)
            profile.insert(i, pin)
            try:
                return make_equilibrium(game, profile, EXACT)
            except VerificationError:
                continue
    return None


def _round_strategy(s: Sequence[float], bound: int) -> list[Fraction] | None:
    """Probabilities as fractions with denominators at most ``bound``, summing to 1 (or None)."""
    q = [Fraction(float(p)).limit_denominator(bound) for p in s]
    top = int(np.argmax(s))
    q[top] = 1 - (sum(q) - q[top])
    return q if q[top] >= 0 else None


def _rounded(game: NormalFormGame, strategies: Sequence[Sequence[float]]) -> Equilibrium | None:
    """An exact equilibrium among simple fractions near a float one, or None.

    The probabilities rounded to the nearest fractions with small
    denominators; each rounding is checked exactly.
    """
    for bound in (12, 120, 1200, 12_000):
        rounded = [_round_strategy(s, bound) for s in strategies]
        profile = [q for q in rounded if q is not None]
        if len(profile) < len(rounded):
            continue
        try:
            return make_equilibrium(game, profile, EXACT)
        except VerificationError:
            continue
    return None


def _start_profile(game: NormalFormGame, start: Any) -> np.ndarray:
    """The start as concatenated strategies (checked)."""
    if start is None:
        return np.concatenate([np.full(k, 1.0 / k) for k in game.shape])
    if isinstance(start, str):
        if start == "uniform":
            return _start_profile(game, None)
        if start == "first":
            return np.concatenate([np.eye(k)[0] for k in game.shape])
        raise InvalidGameError(
            f"solve_simpdiv: start must be a profile, 'uniform' or 'first', got {start!r}")
    try:
        prof = game.as_profile([np.asarray(s, dtype=float) for s in start], exact=False)
    except (TypeError, ValueError) as exc:
        raise InvalidGameError(f"solve_simpdiv: bad start profile: {exc}") from None
    return np.concatenate(prof)


def _positive_int(name: str, value: Any) -> int:
    """``value`` checked to be a positive integer."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidGameError(f"solve_simpdiv: {name} must be a positive integer, got {value!r}")
    return int(value)


@accepts_peer_games
def solve_simpdiv(game: NormalFormGame, exact: bool | None = None, tol: float | None = None,
                  start: Any = None, max_refinements: int = 16, *,
                  context: Context | None = None, **options: Any) -> SolverResult:
    """One Nash equilibrium of an n-player game by simplicial subdivision, certified.

    The variable-dimension restart algorithm with vector labelling on the
    product of the players' simplices (van der Laan and Talman 1979; van der
    Laan, Talman and van der Heyden 1987; see the module docstring for the
    steps): a piecewise-linear path from ``start`` on a grid of size ``1/m``
    to an approximate equilibrium, then Newton's method on its support and an
    exact (or tolerance) certificate; if that fails, the grid is refined and
    the path restarted from the approximation.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (one player: a best action).
    exact : bool or None
        Exact rational output where the equilibrium is rational (default: when
        the payoffs are rational); an irrational equilibrium comes back in
        floating point, with a note.
    tol : float, optional
        Float-mode regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    start : profile, "uniform" or "first", optional
        The starting profile (one probability vector per player); default
        uniform play; ``"first"`` is each player's first action.
    max_refinements : int
        How many times the grid may be refined (``m`` doubled) before giving up.
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above (``tol``
        still sets the tolerance of an irrational equilibrium in floating point).
    **options
        ``grid`` (int, default 4): the first ``m``; ``max_pivots`` (int,
        default 1,000,000): the pivot budget of all paths together.

    Returns
    -------
    SolverResult
        One equilibrium; ``complete`` is False (others are not sought),
        ``degenerate`` is None.  ``parameters`` holds ``grid`` (the final
        ``1/m``, a ``Fraction``), ``pivots`` (all paths together) and
        ``tolerance`` (None when the equilibrium is exact).

    Raises
    ------
    SolverError
        When no equilibrium is certified within ``max_refinements`` refinements
        or ``max_pivots`` pivots (an unverified profile is never returned).
    InvalidGameError
        For a bad start profile or option.

    References
    ----------
    van der Laan, G. and Talman, A. J. J. (1979). A restart algorithm for
    computing fixed points without an extra dimension. Mathematical
    Programming 17, 74-84.
    van der Laan, G., Talman, A. J. J. and van der Heyden, L. (1987).
    Simplicial variable dimension algorithms for solving the nonlinear
    complementarity problem on a product of unit simplices using a general
    labelling. Mathematics of Operations Research 12, 377-397.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.solvers.simpdiv import solve_simpdiv
    >>> res = solve_simpdiv(gt.read_game("matching-pennies"))
    >>> [[str(p) for p in s] for s in res.equilibria[0].strategies], res.exact
    ([['1/2', '1/2'], ['1/2', '1/2']], True)
    >>> u = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]
    >>> res = solve_simpdiv(gt.NormalFormGame([u, u, u]), start="first")
    >>> res.equilibria[0].supports, res.method
    (((0,), (0,), (0,)), 'simpdiv')
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(
            f"solve_simpdiv: expected a NormalFormGame, got {type(game).__name__}")
    grid = _positive_int("grid", options.pop("grid", 4))
    max_pivots = _positive_int("max_pivots", options.pop("max_pivots", 1_000_000))
    if options:
        raise InvalidGameError(f"solve_simpdiv: unknown option(s) {sorted(options)}")
    if isinstance(max_refinements, bool) or not isinstance(max_refinements, (int, np.integer)) \
            or max_refinements < 0:
        raise InvalidGameError("solve_simpdiv: max_refinements must be a nonnegative integer, "
                               f"got {max_refinements!r}")
    if tol is not None and not (isinstance(tol, (int, float)) and np.isfinite(tol) and tol >= 0):
        raise InvalidGameError(f"solve_simpdiv: tol must be a nonnegative number, got {tol!r}")
    context = resolve_context(game, exact, tol, context)
    arithmetic = context.arithmetic
    floating = fallback_arithmetic(game, arithmetic, tol)
    v = _start_profile(game, start)
    labels = _Labels(game)
    m = grid
    pivots = 0
    eq = None
    for level in range(max_refinements + 1):
        context.check("simpdiv")
        context.report("simpdiv", level, max_refinements + 1)
        path = _Path(labels, v, m, max_pivots - pivots, context)
        try:
            x, T, _ = path.run()
        except _PivotLimit:
            raise SolverError(
                f"simpdiv: no certified equilibrium within {max_pivots} pivots "
                f"(grid 1/{m}, {level} refinement(s))") from None
        except _Breakdown:
            x = None                      # rounding broke this path: a finer grid, same start
        pivots += path.pivots
        if x is not None:
            eq = _certify(game, labels, x, T, arithmetic, floating)
            if eq is not None:
                break
            v = x
        if level < max_refinements:
            m *= 2
    if eq is None:
        raise SolverError(
            f"simpdiv: no certified equilibrium after {max_refinements} grid refinement(s) "
            f"(grid 1/{m}, {pivots} pivots)")
    out = arithmetic if isinstance(eq.regret, Fraction) else floating
    notes = [("one equilibrium, reached by simplicial subdivision from the starting profile; "
              "other equilibria are not sought")]
    if arithmetic.exact and not out.exact:
        notes.append("no exact rational equilibrium was recovered (its probabilities are irrational, "
                     "or it lies in a continuum of equilibria where Newton's method cannot pin a "
                     "rational point): it is given in floating point, polished by Newton's method "
                     "on its support and checked against the tolerance")
    return SolverResult(game=game, method="simpdiv", exact=out.exact, equilibria=(eq,), complete=False,
                        degenerate=None,
                        parameters={"grid": Fraction(1, m), "pivots": pivots, "tolerance": out.tol},
                        notes=tuple(notes))
