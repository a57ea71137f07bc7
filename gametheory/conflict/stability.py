"""Stability in the graph model: Nash, GMR, SMR, SEQ, for decision makers and for coalitions.

For a decision maker ``i`` (or a coalition moving jointly) at state ``s``
(Fang, Hipel and Kilgour 1993, ch. 3; Kilgour, Hipel and Fang 1987):

- **Nash (R)**: ``i`` has no unilateral improvement (a move to a state it
  prefers).
- **GMR** (general metarationality; Howard 1971): every unilateral
  improvement of ``i`` can be *sanctioned*: the others, by a legal sequence
  of their unilateral moves (no one moving twice in a row), can reach a state
  that ``i`` does not prefer to ``s``.
- **SMR** (symmetric metarationality): as GMR, and ``i`` cannot escape the
  sanction: from the sanctioning state, none of ``i``'s own moves reaches a
  state it prefers to ``s``.
- **SEQ** (sequential stability; Fraser and Hipel 1979): as GMR with credible
  sanctions: the others' sequence is made of unilateral *improvements* for
  whoever moves.

A state stable for every decision maker under a concept is an *equilibrium*
of that concept.  Every Nash-stable state is GMR-, SMR- and SEQ-stable, and
SMR- and SEQ-stable states are GMR-stable.  With a *grouping* of the decision
makers into coalitions (Inohara and Hipel 2008), a coalition moves by
changing any of its members' options at once; a coalition *improvement* makes
every member strictly better off, and a sanction deters the coalition when
some member does not prefer the resulting state to ``s``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError
from . import reach
from .model import ConflictModel
from .reach import Condensation

__all__ = ["Analysis", "MoveGraph", "analyse", "CONCEPTS", "parse_grouping"]

#: Most one-step moves of all groups together (about 35 bytes each at the peak of an analysis:
#: 200 million is about 7 GB).
MAX_MOVES = 200_000_000

#: The stability concepts, in order.
CONCEPTS = ("nash", "gmr", "smr", "seq")


def parse_grouping(model: ConflictModel, text: str) -> list[tuple[str, ...]]:
    """A grouping written ``"US+PRC,ROK"``: coalitions separated by commas, members by ``+``.
    Decision makers not named stay alone."""
    groups, seen = [], set()
    for part in text.split(","):
        members = tuple(m.strip() for m in part.split("+") if m.strip())
        if not members:
            raise InvalidGameError(f"coalition grouping {text!r}: an empty coalition")
        for m in members:
            if m not in model.names:
                raise InvalidGameError(f"coalition grouping {text!r}: unknown decision maker {m!r}")
            if m in seen:
                raise InvalidGameError(f"coalition grouping {text!r}: {m!r} appears twice")
            seen.add(m)
        groups.append(members)
    groups += [(n,) for n in model.names if n not in seen]
    return groups


def move_count(model: ConflictModel, mask: int) -> int:
    """How many one-step moves a group controlling the options in ``mask`` has in all, before
    irreversibility removes any: sum over blocks of size b of b * (b - 1)."""
    _, size = np.unique(np.array(model.states, dtype=np.int64) & ~mask, return_counts=True)
    return int(np.sum(size * (size - 1)))


class MoveGraph:
    """One group's moves, in compressed sparse rows: ``dst[ptr[k]:ptr[k + 1]]`` are the state
    indices the group can move to from state index ``k``, ascending; ``src`` repeats ``k``.

    A group moves by changing any of its own options at once, so it moves within the *block*
    of feasible states that agree with the current one outside its options.  The rows are laid
    out block by block with numpy (no per-state Python loop): O(n * block size) time and memory.
    """

    def __init__(self, model: ConflictModel, mask: int) -> None:
        states = np.array(model.states, dtype=np.int64)
        n = len(states)
        forward = sum(1 << k for k, w in model.irreversible.items() if w == "forward")
        backward = sum(1 << k for k, w in model.irreversible.items() if w == "backward")
        order = np.argsort(states & ~mask, kind="stable")        # blocks, ascending inside
        key = (states & ~mask)[order]
        first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        size = np.diff(np.r_[first, n])
        start = np.empty(n, dtype=np.int64)                      # block start of each state
        start[order] = np.repeat(first, size)
        width = np.empty(n, dtype=np.int64)
        width[order] = np.repeat(size, size)
        rows = []
        counts = np.zeros(n, dtype=np.int64)
        for b in np.unique(size).tolist():
            if b < 2:
                continue
            who = np.flatnonzero(width == b)                       # states in blocks of size b
            to = order[start[who][:, None] + np.arange(b)]         # their blocks' states
            legal = to != who[:, None]
            if (forward | backward) & mask:
                S, T = states[who][:, None], states[to]
                legal &= (((S & ~T) & forward) == 0) & (((T & ~S) & backward) == 0)
            counts[who] = legal.sum(axis=1)
            rows.append((who, to, legal))
        self.ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=self.ptr[1:])
        self.dst = np.empty(self.ptr[-1], dtype=np.int32)          # at most 2**20 states
        for who, to, legal in rows:
            place = self.ptr[who][:, None] + np.cumsum(legal, axis=1) - 1
            self.dst[place[legal]] = to[legal]
        self.src = np.repeat(np.arange(n, dtype=np.int32), counts)

    def __getitem__(self, k: int) -> list[int]:
        return self.dst[self.ptr[k]:self.ptr[k + 1]].tolist()


class Analysis:
    """Stability of every feasible state for each group (a decision maker or a coalition).

    Attributes
    ----------
    groups : list of tuple of str
    stable : dict
        ``stable[concept][g]``: boolean array over ``model.states``, for group ``g``.
    equilibria : dict
        ``equilibria[concept]``: the states (bitmasks) stable for every group.
    """

    def __init__(self, model: ConflictModel, groups: Sequence[Sequence[str]],
                 method: str = "auto") -> None:
        if method not in ("auto", "search"):
            raise InvalidGameError(f"unknown method {method!r}; use 'auto' or 'search'")
        self.model = model
        self.groups = [tuple(g) for g in groups]
        n_states = len(model.states)
        self.masks = [sum(model.owner_mask[m] for m in g) for g in self.groups]
        total = sum(move_count(model, mask) for mask in self.masks)
        if total > MAX_MOVES:
            raise GameTooLargeError(
                f"conflict: {total:,} one-step moves over {n_states:,} states, more than the "
                f"{MAX_MOVES:,} that fit in memory (fewer options, or options spread over more "
                "decision makers, give fewer moves)")
        self.moves = [self._moves(mask) for mask in self.masks]
        self.ranks = [np.array([model.rank[m] for m in g]) for g in self.groups]   # members x states
        self._reach: dict[tuple[int, int, bool], set[int]] = {}
        self.stable = {c: [np.zeros(n_states, dtype=bool) for _ in self.groups] for c in CONCEPTS}
        self.reasons: dict[tuple[int, int], str] = {}
        edges = [self._edges(g) for g in range(len(self.groups))]
        for g in range(len(self.groups)):
            if method == "auto":
                self._classify_graph(g, edges)
            else:
                for k in range(n_states):
                    self._classify(g, k)
        self.equilibria = {c: [model.states[k] for k in range(n_states)
                               if all(self.stable[c][g][k] for g in range(len(self.groups)))]
                           for c in CONCEPTS}

    # -- moves ------------------------------------------------------------------------------
    def _moves(self, mask: int) -> MoveGraph:
        """The states the group can reach in one move from each state: every other feasible
        state that agrees outside the group's options, within the irreversibility rules."""
        return MoveGraph(self.model, mask)

    def _edges(self, g: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The group's moves as arrays (from, to) and whether each improves for every member."""
        src, dst = self.moves[g].src, self.moves[g].dst
        improves = np.ones(len(src), dtype=bool)
        for r in self.ranks[g]:                        # member by member: no members x moves copy
            improves &= r[dst] > r[src]
        return src, dst, improves

    def _classify_graph(self, g: int, edges) -> None:
        """All states at once (see ``.reach``).  For a coalition, a sanction works when some
        member does not prefer the result, so the least reachable value is kept per member;
        SMR of a coalition is decided on the others' whole reachable sets."""
        n = len(self.model.states)
        R = self.ranks[g].T                              # states x members
        src, dst, imp = edges[g]
        others = [h for h in range(len(self.groups)) if h != g]
        o_src = np.concatenate([edges[h][0] for h in others]) if others else np.zeros(0, np.int32)
        o_dst = np.concatenate([edges[h][1] for h in others]) if others else np.zeros(0, np.int32)
        o_imp = np.concatenate([edges[h][2] for h in others]) if others else np.zeros(0, bool)
        # the worst the others can make it for g after its improvement, by any moves / improvements
        by_moves = Condensation(n, o_src, o_dst)
        single = R.shape[1] == 1
        if single:
            # SMR: a sanctioning state u g cannot escape: max(r[u], r over g's moves from u)
            escape = R[:, 0].copy()
            np.maximum.at(escape, src, R[dst, 0])
            low_any, low_esc = by_moves.min_reachable(np.column_stack([R[:, 0], escape])).T
            low_any, low_esc = low_any[:, None], low_esc[:, None]
        else:
            low_any = by_moves.min_reachable(R)
        low_imp = Condensation(n, o_src[o_imp], o_dst[o_imp]).min_reachable(R)
        ui_s, ui_t = src[imp], dst[imp]

        def holds(low: np.ndarray) -> np.ndarray:
            sanctioned = np.any(low[ui_t] <= R[ui_s], axis=1)      # some member deterred
            fail = np.zeros(n, dtype=bool)
            fail[ui_s[~sanctioned]] = True
            return ~fail

        nash = np.ones(n, dtype=bool)
        nash[ui_s] = False
        gmr = holds(low_any)
        self.stable["nash"][g][:] = nash
        self.stable["gmr"][g][:] = gmr
        self.stable["seq"][g][:] = holds(low_imp)
        if single:
            self.stable["smr"][g][:] = holds(low_esc)
        else:
            self.stable["smr"][g][:] = nash | self._coalition_smr(g, gmr & ~nash, (src, dst),
                                                                  by_moves, (ui_s, ui_t))

    def _coalition_smr(self, g: int, open_: np.ndarray, own: tuple, by_others,
                       improvements: tuple) -> np.ndarray:
        """SMR of a coalition at the states in ``open_`` (GMR-stable, not Nash-stable).

        At ``s``, a state ``u`` is a sanction that holds when some member does not prefer ``u``
        to ``s`` and no joint move of the coalition from ``u`` makes every member better off than
        at ``s``.  That is not a threshold on one value, so the others' reachable sets are taken
        whole (``.reach.Condensation.reach_sets``, bit rows) and, per open state, the holding sanctions
        form one bit row to intersect with the row of each improvement."""
        n = len(self.model.states)
        out = np.zeros(n, dtype=bool)
        todo = np.flatnonzero(open_)
        if not len(todo):
            return out
        if n > reach.MAX_REACH_SET_STATES:      # read at call time: the limit may be changed
            raise GameTooLargeError(
                f"conflict: SMR for the coalition {'+'.join(self.groups[g])} needs the others' "
                f"reachable sets, {n:,} x {n:,} bits, over the limit of {reach.MAX_REACH_SET_STATES:,} "
                "states (method='search' decides state by state, very slowly)")
        src, dst = own
        ui_s, ui_t = improvements
        sets = by_others.reach_sets()
        R = self.ranks[g].T
        mask = self.masks[g]
        fixed = sum(1 << k for k in self.model.irreversible)
        states = np.array(self.model.states, dtype=np.int64)
        # without irreversible options of its own, the coalition moves from u to every other
        # state that agrees with u outside the coalition's options: count per block
        by_block = not (fixed & mask)
        if by_block:
            _, block = np.unique(states & ~mask, return_inverse=True)
        lo = np.searchsorted(ui_s, todo, side="left")
        hi = np.searchsorted(ui_s, todo, side="right")
        for s, a, b in zip(todo.tolist(), lo.tolist(), hi.tolist()):
            better = np.all(R > R[s], axis=1)        # every member prefers it to s
            if by_block:
                count = np.bincount(block, weights=better)
                escape = count[block] - better > 0
            else:
                escape = np.zeros(n, dtype=bool)
                escape[src[better[dst]]] = True
            holding = np.packbits(~better & ~escape)
            out[s] = bool(np.all(np.any(sets[ui_t[a:b]] & holding, axis=1)))
        return out

    def reason(self, g: int, k: int) -> str:
        """Why state ``k`` (an index into ``model.states``) is or is not stable for group ``g``:
        its improvements and how each is sanctioned, or not."""
        if not 0 <= k < len(self.model.states):
            raise InvalidGameError(f"no state index {k} (there are {len(self.model.states)} states)")
        if (g, k) not in self.reasons:
            saved = {c: self.stable[c][g][k] for c in CONCEPTS}
            self._classify(g, k)
            for c in CONCEPTS:
                self.stable[c][g][k] = saved[c]
        return self.reasons[(g, k)]

    def better(self, g: int, t: int, s: int) -> bool:
        """Every member of group ``g`` strictly prefers state index ``t`` to ``s``."""
        r = self.ranks[g]
        return bool(np.all(r[:, t] > r[:, s]))

    def deterred(self, g: int, u: int, s: int) -> bool:
        """Some member of group ``g`` does not prefer ``u`` to ``s`` (a sanction works)."""
        r = self.ranks[g]
        return bool(np.any(r[:, u] <= r[:, s]))

    def improvements(self, g: int, s: int) -> list[int]:
        return [t for t in self.moves[g][s] if self.better(g, t, s)]

    def improvement_arcs(self, g: int) -> tuple[np.ndarray, np.ndarray]:
        """Every improvement of group ``g`` at once, as arrays (from, to) of state indices:
        by origin, then in the order of ``improvements``."""
        src, dst, improves = self._edges(g)
        return src[improves], dst[improves]

    def reachable(self, g: int, t: int, improving: bool) -> set[int]:
        """States the other groups reach from ``t`` by legal sequences of their moves (no group
        twice in a row), improvements for the mover only when ``improving``."""
        key = (g, t, improving)
        if key in self._reach:
            return self._reach[key]
        others = [h for h in range(len(self.groups)) if h != g]
        seen: set[tuple[int, int]] = set()
        reached: set[int] = set()
        queue = deque([(t, -1)])
        while queue:
            s, last = queue.popleft()
            for h in others:
                if h == last:
                    continue
                for u in self.moves[h][s]:
                    if improving and not self.better(h, u, s):
                        continue
                    if (u, h) not in seen:
                        seen.add((u, h))
                        reached.add(u)
                        queue.append((u, h))
        self._reach[key] = reached
        return reached

    # -- stability --------------------------------------------------------------------------
    def _classify(self, g: int, s: int) -> None:
        ui = self.improvements(g, s)
        name = self.model.state_name
        st = self.model.states
        if not ui:
            for c in CONCEPTS:
                self.stable[c][g][s] = True
            self.reasons[(g, s)] = ("no unilateral improvement" if len(self.groups[g]) == 1 else
                                    "no joint move makes every member better off")
            return
        gmr = smr = seq = True
        why = []
        for t in ui:
            any_sanction = [u for u in self.reachable(g, t, False) if self.deterred(g, u, s)]
            if not any_sanction:
                gmr = smr = seq = False
                why.append(f"improves to {name(st[t])}, which the others cannot sanction")
                continue
            if not any(all(not self.better(g, w, s) for w in self.moves[g][u]) for u in any_sanction):
                smr = False
                why.append(f"improves to {name(st[t])}; every sanction can be escaped")
            credible = [u for u in self.reachable(g, t, True) if self.deterred(g, u, s)]
            if not credible:
                seq = False
                why.append(f"improves to {name(st[t])}; no sanction is an improvement for the others")
            else:
                why.append(f"improvement to {name(st[t])} sanctioned, e.g. by a move to {name(st[credible[0]])}")
        self.stable["nash"][g][s] = False
        self.stable["gmr"][g][s] = gmr
        self.stable["smr"][g][s] = gmr and smr
        self.stable["seq"][g][s] = gmr and seq
        self.reasons[(g, s)] = "; ".join(why)

    def status_quo(self, start: int) -> dict[int, list[int]]:
        """From state bitmask ``start``: every state reachable by a sequence of unilateral
        (or coalition) improvements, with one shortest path (as state bitmasks)."""
        s0 = self.model.index[start]
        parent: dict[int, int | None] = {s0: None}
        queue = deque([s0])
        while queue:
            s = queue.popleft()
            for g in range(len(self.groups)):
                for t in self.improvements(g, s):
                    if t not in parent:
                        parent[t] = s
                        queue.append(t)
        paths: dict[int, list[int]] = {}
        for t in parent:
            path: list[int] = []
            u: int | None = t
            while u is not None:
                path.append(self.model.states[u])
                u = parent[u]
            paths[self.model.states[t]] = path[::-1]
        return paths


def analyse(model: ConflictModel, grouping: str | Sequence[Sequence[str]] | None = None,
            method: str = "auto") -> Analysis:
    """Stability of every state for each decision maker, or for the coalitions of ``grouping``.

    The Graph Model's four concepts, for a group at a state: ``"nash"`` (Nash, R: no
    improvement, i.e. no move to a state it prefers), ``"gmr"`` (general metarationality:
    every improvement can be sanctioned, the others reaching by a legal sequence of their
    moves a state it does not prefer), ``"smr"`` (symmetric metarationality: as GMR, and it
    cannot escape the sanction by a move of its own) and ``"seq"`` (sequential stability: as
    GMR, the sanctions made of the others' improvements).  A coalition moves by changing any
    of its members' options at once; its improvement must make every member better off, and
    a sanction deters it when one member does not prefer the result.

    ``method="auto"`` decides every state at once on the move graphs
    (``gametheory.conflict.reach``: strongly connected components, then the least value
    each state can be driven to; for a coalition's SMR, the whole reachable sets as bit
    rows): a conflict with 15 options (32,768 states) takes about 1.5 s, and 12 s with a
    coalition of two.  ``method="search"`` examines each state and improvement with a
    breadth-first search of the others' moves instead (slow, but simple to check).

    Parameters
    ----------
    model : ConflictModel
    grouping : str or sequence of sequences of str, optional
        Coalitions, written ``"US+PRC,ROK"`` (coalitions separated by commas, members by
        ``+``; decision makers not named stay alone) or as sequences of names.  Default:
        each decision maker alone.
    method : {"auto", "search"}

    Returns
    -------
    Analysis
        ``groups``; ``stable[concept][g]``, a boolean array over ``model.states`` for group
        ``g``; ``equilibria[concept]``, the states (bitmasks) stable for every group;
        ``reason(g, k)``, why state index ``k`` is or is not stable for group ``g`` (which
        improvement, which sanction); and ``status_quo(state)``, the states reachable from
        a state bitmask by unilateral (or coalition) improvements, each with a shortest
        path.

    Raises
    ------
    InvalidGameError
        An unknown method, or a malformed grouping (unknown or repeated decision maker).
    GameTooLargeError
        When the groups have more than 200 million one-step moves in all (about 7 GB at the
        peak; two decision makers with 10 options each have 2 billion).

    References
    ----------
    Fang, L., Hipel, K. W. and Kilgour, D. M. (1993). Interactive Decision Making: The Graph
    Model for Conflict Resolution. Wiley.  Inohara, T. and Hipel, K. W. (2008). Coalition
    analysis in the graph model for conflict resolution. Systems Engineering 11(4).

    Examples
    --------
    >>> from gametheory.conflict import ConflictModel, analyse
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> a = analyse(pd)
    >>> {c: [pd.state_name(s) for s in a.equilibria[c]] for c in ("nash", "gmr", "seq")}
    {'nash': ['YY'], 'gmr': ['NN', 'YY'], 'seq': ['NN', 'YY']}
    >>> a.reason(0, pd.index[pd.state_of("NN")])
    'improvement to YN sanctioned, e.g. by a move to YY'
    >>> {pd.state_name(t): [pd.state_name(u) for u in path]
    ...  for t, path in a.status_quo(pd.state_of("NN")).items()}
    {'NN': ['NN'], 'YN': ['NN', 'YN'], 'NY': ['NN', 'NY'], 'YY': ['NN', 'YN', 'YY']}

    Moving together, the two leave mutual defection:

    >>> together = analyse(pd, "A+B")
    >>> together.groups, [pd.state_name(s) for s in together.equilibria["nash"]]
    ([('A', 'B')], ['NN', 'YN', 'NY'])
    """
    groups: list[tuple[str, ...]]
    if grouping is None:
        groups = [(n,) for n in model.names]
    elif isinstance(grouping, str):
        groups = parse_grouping(model, grouping)
    else:
        groups = [tuple(g) for g in grouping]
    return Analysis(model, groups, method)
