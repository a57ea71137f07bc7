"""Reachability on the graph model's move graphs: the best a set of movers can reach.

GMR, SMR and SEQ ask whether, from a state ``t``, the other decision makers
can reach (by one or more of their moves, or of their improvements) a state
with a low enough value for the focal decision maker.  So what matters is
``low[t] = min value[u]`` over the states ``u`` reachable from ``t`` in one
or more steps.  It is computed for every ``t`` at once: the strongly
connected components of the move graph (scipy's ``connected_components``)
are condensed into a DAG, and the minimum is propagated from the sinks up in
one pass (Tarjan 1972 for the components).  Consecutive moves by one
decision maker never reach more than a single move does (moves within a
decision maker's options compose, irreversibility included), so the graph
model's rule that no one moves twice in a row does not change ``low``.

When the test is not a threshold on one value (SMR for a coalition, where a
sanction must deter some member *and* leave the coalition no joint escape),
``Condensation.reach_sets`` gives the whole reachable set of every state as rows of a
packed bit matrix, built over the same condensation.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Condensation"]

#: Largest number of states for which ``Condensation.reach_sets`` builds its n x n bit matrices
#: (three of 512 MiB at this size).
MAX_REACH_SET_STATES = 1 << 16


class Condensation:
    """The strongly connected components of the graph ``src -> dst`` on ``n`` nodes and their
    DAG, in post-order (every component after all of its successors).  Built once, it answers
    ``min_reachable`` for any values and ``reach_sets``."""

    def __init__(self, n: int, src: np.ndarray, dst: np.ndarray) -> None:
        from scipy.sparse import csr_matrix  # lazy: scipy is imported where used
        from scipy.sparse.csgraph import connected_components
        graph = csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
        self.n_comp, self.label = connected_components(graph, directed=True, connection="strong")
        n_comp, label = self.n_comp, self.label
        size = np.bincount(label, minlength=n_comp)
        self_loop = np.zeros(n_comp, dtype=bool)
        self_loop[label[src[src == dst]]] = True
        self.cyclic = (size > 1) | self_loop          # a node of the component reaches itself
        cs, cd = label[src], label[dst]
        keep = cs != cd
        cs, cd = cs[keep], cd[keep]
        order = np.argsort(cs, kind="stable")
        self.succ = cd[order]
        ptr = np.zeros(n_comp + 1, dtype=np.int64)
        np.cumsum(np.bincount(cs, minlength=n_comp), out=ptr[1:])
        self.ptr = ptr
        self.post = self._post_order()

    def _post_order(self) -> list[int]:
        """A DFS post-order of the DAG, without recursion."""
        n_comp = self.n_comp
        indeg = np.bincount(self.succ, minlength=n_comp)
        done = np.zeros(n_comp, dtype=bool)
        post: list[int] = []
        succ = self.succ.tolist()
        ptr = self.ptr.tolist()
        for root in np.flatnonzero(indeg == 0).tolist() + list(range(n_comp)):
            if done[root]:
                continue
            stack = [(root, ptr[root])]
            done[root] = True
            while stack:
                c, i = stack[-1]
                if i < ptr[c + 1]:
                    stack[-1] = (c, i + 1)
                    d = succ[i]
                    if not done[d]:
                        done[d] = True
                        stack.append((d, ptr[d]))
                else:
                    stack.pop()
                    post.append(c)
        return post

    def min_reachable(self, values: np.ndarray) -> np.ndarray:
        """For each node, the least ``values[u]`` over nodes ``u`` reachable in >= 1 step
        (``np.iinfo(int64).max`` when nothing is); one column per column of ``values``."""
        values = np.asarray(values, dtype=np.int64)
        if values.ndim == 1:
            return self.min_reachable(values[:, None])[:, 0]
        big = np.iinfo(np.int64).max
        k = values.shape[1]
        comp_min = np.full((self.n_comp, k), big, dtype=np.int64)
        np.minimum.at(comp_min, self.label, values)
        best = np.full((self.n_comp, k), big, dtype=np.int64)
        best[self.cyclic] = comp_min[self.cyclic]
        ptr = self.ptr.tolist()
        for c in self.post:                          # successors come first in post-order
            a, b = ptr[c], ptr[c + 1]
            if a < b:
                nxt = self.succ[a:b]
                best[c] = np.minimum(best[c], np.minimum(comp_min[nxt], best[nxt]).min(axis=0))
        return best[self.label]

    def reach_sets(self) -> np.ndarray:
        """The nodes reachable from each node in >= 1 step, as an ``(n, ceil(n / 8))`` array of
        bits packed as ``numpy.packbits`` packs them (row ``t``, bit ``u``).

        One OR of bit rows per edge of the condensed DAG: O(n * (n + e) / 8) bytes of work."""
        n = len(self.label)
        if n > MAX_REACH_SET_STATES:
            raise ValueError(f"reach_sets: {n} states is over {MAX_REACH_SET_STATES}")
        width = (n + 7) // 8
        own = np.zeros((self.n_comp, width), dtype=np.uint8)  # each component's nodes
        idx = np.arange(n)
        np.bitwise_or.at(own, (self.label, idx >> 3), (128 >> (idx & 7)).astype(np.uint8))
        below = np.zeros((self.n_comp, width), dtype=np.uint8)   # reachable from the component
        below[self.cyclic] = own[self.cyclic]
        ptr = self.ptr.tolist()
        for c in self.post:
            a, b = ptr[c], ptr[c + 1]
            if a < b:
                nxt = self.succ[a:b]
                below[c] |= np.bitwise_or.reduce(own[nxt] | below[nxt], axis=0)
        return below[self.label]

