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
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

__all__ = ["min_reachable"]


def min_reachable(n: int, src: np.ndarray, dst: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each node, the least ``values[u]`` over nodes ``u`` reachable in >= 1 step along the
    edges ``src -> dst`` (``+inf`` as ``np.iinfo(int64).max`` when nothing is reachable).
    ``values`` may have several columns (one per decision maker): each is handled separately."""
    values = np.asarray(values, dtype=np.int64)
    if values.ndim == 1:
        return min_reachable(n, src, dst, values[:, None])[:, 0]
    big = np.iinfo(np.int64).max
    k = values.shape[1]
    if not len(src):
        return np.full((n, k), big, dtype=np.int64)
    graph = csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    n_comp, label = connected_components(graph, directed=True, connection="strong")
    # each component's own minimum, and whether it is cyclic (a node reaches itself)
    comp_min = np.full((n_comp, k), big, dtype=np.int64)
    np.minimum.at(comp_min, label, values)
    size = np.bincount(label, minlength=n_comp)
    self_loop = np.zeros(n_comp, dtype=bool)
    self_loop[label[src[src == dst]]] = True
    cyclic = (size > 1) | self_loop
    # the condensed DAG
    cs, cd = label[src], label[dst]
    keep = cs != cd
    cs, cd = cs[keep], cd[keep]
    order = np.argsort(cs, kind="stable")
    cs, cd = cs[order], cd[order]
    ptr = np.zeros(n_comp + 1, dtype=np.int64)
    np.cumsum(np.bincount(cs, minlength=n_comp), out=ptr[1:])
    # reverse topological order: a DFS post-order on the DAG, without recursion
    indeg = np.bincount(cd, minlength=n_comp)
    best = np.full((n_comp, k), big, dtype=np.int64)
    best[cyclic] = comp_min[cyclic]
    done = np.zeros(n_comp, dtype=bool)
    post: list[int] = []
    succ = cd.tolist()
    ptr_l = ptr.tolist()
    for root in np.flatnonzero(indeg == 0).tolist() + list(range(n_comp)):
        if done[root]:
            continue
        stack = [(root, ptr_l[root])]
        done[root] = True
        while stack:
            c, i = stack[-1]
            if i < ptr_l[c + 1]:
                stack[-1] = (c, i + 1)
                d = succ[i]
                if not done[d]:
                    done[d] = True
                    stack.append((d, ptr_l[d]))
            else:
                stack.pop()
                post.append(c)
    for c in post:                                   # successors come first in post-order
        a, b = ptr_l[c], ptr_l[c + 1]
        if a < b:
            nxt = cd[a:b]
            best[c] = np.minimum(best[c], np.minimum(comp_min[nxt], best[nxt]).min(axis=0))
    return best[label]
