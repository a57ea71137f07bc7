"""Games in extensive form: trees with chance, sequence and information sets.

A tree is built from three kinds of node:

- ``decision`` -- a player moves at an *information set* (named by a
  label; nodes with the same player and label are indistinguishable to that
  player and must offer the same actions);
- ``chance`` -- nature draws an action with given probabilities (exact
  fractions or floats, summing to 1);
- ``outcome`` -- a leaf with one payoff per player.

``ExtensiveFormGame`` checks the tree (one-line errors naming the node
by its path from the root) and stores it as flat arrays in depth-first
(prefix) order, the order of a ``.efg`` file, so that the solvers work on
arrays rather than on Python objects.  ``reduced_normal_form`` builds the
strategic form.  Behaviour strategies and Kuhn's conversions are in
``gametheory.games.behavior``; backward induction and the subgame-perfect
equilibria of every tree are solvers, in ``gametheory.solvers.spe``.

Examples
--------
>>> import gametheory as gt
>>> from gametheory.games.tree import decision, outcome, ExtensiveFormGame
>>> tree = decision("Entrant", "e", {
...     "Out": outcome(0, 2),
...     "In": decision("Incumbent", "i", {"Fight": outcome(-1, -1), "Accommodate": outcome(1, 1)})})
>>> game = ExtensiveFormGame(tree, players=["Entrant", "Incumbent"], title="Entry deterrence")
>>> game.infoset_keys, game.perfect_information
([('Entrant', 'e'), ('Incumbent', 'i')], True)
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational
from typing import Any, cast

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError
from .normal import NormalFormGame
from .peers import accepts_peer_games

__all__ = ["Node", "decision", "chance", "outcome", "ExtensiveFormGame", "reduced_normal_form",
           "MAX_PROFILES"]

OUTCOME, CHANCE, DECISION = 0, 1, 2
_KINDS = {"outcome": OUTCOME, "chance": CHANCE, "decision": DECISION}


@dataclass(frozen=True)
class Node:
    """A node of a game tree (build with ``decision``, ``chance``, ``outcome``)."""

    kind: str                                  # "decision", "chance" or "outcome"
    player: str | None = None
    infoset: str | None = None
    actions: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()
    probabilities: tuple[Any, ...] = ()
    payoffs: tuple[Any, ...] = ()


def decision(player: str, infoset: str, moves: Mapping[str, Node]) -> Node:
    """A decision node of ``player`` in information set ``infoset``; ``moves`` maps actions to subtrees.

    Nodes of the same player with the same ``infoset`` name are one
    information set, which the player cannot tell apart: they must offer the
    same actions (checked by ``ExtensiveFormGame``).

    Parameters
    ----------
    player : str
        The mover, one of the game's players.
    infoset : str
        The name of the information set.
    moves : mapping of str to Node
        Each action, in order, with the subtree it leads to.

    Returns
    -------
    Node

    Raises
    ------
    InvalidGameError
        When ``moves`` is not a non-empty mapping.

    Examples
    --------
    >>> import gametheory as gt
    >>> node = gt.decision("Incumbent", "i", {"Fight": gt.outcome(-1, -1),
    ...                                       "Accommodate": gt.outcome(1, 1)})
    >>> node.kind, node.player, node.infoset, node.actions
    ('decision', 'Incumbent', 'i', ('Fight', 'Accommodate'))
    """
    if not isinstance(moves, Mapping) or not moves:
        raise InvalidGameError(f"decision node of {player!r} at {infoset!r}: give its moves as a "
                               "non-empty mapping action -> subtree")
    return Node("decision", player=str(player), infoset=str(infoset), actions=tuple(map(str, moves)),
                children=tuple(moves.values()))


def chance(moves: Mapping[str, tuple[Any, Node]]) -> Node:
    """A chance node; ``moves`` maps each action to ``(probability, subtree)``.

    Probabilities are exact (integers, ``Fraction``) or floats; they must be
    nonnegative and sum to 1 (exactly, or within 1e-9 for floats), which
    ``ExtensiveFormGame`` checks.

    Parameters
    ----------
    moves : mapping of str to (probability, Node)
        Each action, in order, with its probability and subtree.

    Returns
    -------
    Node

    Raises
    ------
    InvalidGameError
        When ``moves`` is not a non-empty mapping of pairs.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> coin = gt.chance({"H": (Fraction(1, 2), gt.outcome(1, -1)),
    ...                   "T": (Fraction(1, 2), gt.outcome(-1, 1))})
    >>> coin.kind, coin.actions, coin.probabilities
    ('chance', ('H', 'T'), (Fraction(1, 2), Fraction(1, 2)))
    """
    if not isinstance(moves, Mapping) or not moves:
        raise InvalidGameError("chance node: give its moves as a non-empty mapping "
                               "action -> (probability, subtree)")
    try:
        probs, kids = zip(*moves.values())
    except (TypeError, ValueError):
        raise InvalidGameError("chance node: each move must be (probability, subtree)") from None
    return Node("chance", actions=tuple(map(str, moves)), children=tuple(kids), probabilities=tuple(probs))


def outcome(*payoffs: Any) -> Node:
    """A leaf with one payoff per player, in player order.

    Parameters
    ----------
    *payoffs : number
        One payoff per player, in the order of the game's players: exact
        (integers, ``Fraction``) or floats, finite.

    Returns
    -------
    Node

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.outcome(0, 2).payoffs
    (0, 2)
    """
    return Node("outcome", payoffs=tuple(payoffs))


class Flat:
    """The tree as arrays, nodes numbered in depth-first (prefix) order.

    Attributes (``n`` nodes, ``k`` players)
    ----------------------------------------
    kind : int8 array
        0 outcome, 1 chance, 2 decision.
    player, infoset : int32 arrays
        The mover's index and the information set's index in
        ``game.infoset_keys`` (-1 where there is none).
    parent, action : arrays
        The parent (-1 at the root) and the index of the action leading here.
    end : int64 array
        The subtree of node ``i`` is the nodes ``i .. end[i] - 1``.
    child_ptr, child_idx : int64 arrays
        The children of ``i`` are ``child_idx[child_ptr[i]:child_ptr[i + 1]]``, in action order.
    prob, prob_exact : arrays
        The probability of the edge into each node: a chance probability, or 1.
        ``prob_exact`` holds Fractions (None when the game is not exact).
    payoff, payoff_exact : arrays of shape (n, k)
        The payoffs at the leaves (NaN / None elsewhere).
    seq : int64 array of shape (k, n)
        Each player's own sequence leading to each node: 0 for the empty
        sequence, else ``1 + seq_offset[I] + a`` for action ``a`` at its
        information set ``I`` (Koller, Megiddo and von Stengel 1996).
    depth : int64 array
    """

    kind: np.ndarray
    player: np.ndarray
    infoset: np.ndarray
    parent: np.ndarray
    action: np.ndarray
    depth: np.ndarray
    end: np.ndarray
    child_ptr: np.ndarray
    child_idx: np.ndarray
    prob: np.ndarray
    prob_exact: np.ndarray | None
    payoff: np.ndarray
    payoff_exact: np.ndarray | None
    seq: np.ndarray
    leaves: np.ndarray
    set_player: np.ndarray        #: the player of each information set
    set_size: np.ndarray          #: the number of actions at each information set
    seq_offset: np.ndarray        #: where each information set's sequences start, per player
    set_memory: Any               #: what each information set remembers (recall checks)
    num_sequences: np.ndarray     #: per player, 1 + its number of actions over its sets
    slot_offset: np.ndarray       #: where each information set's actions start, all sets
    _levels: list[np.ndarray]

    def __init__(self, **arrays: Any) -> None:
        self.__dict__.update(arrays)
        self.n = len(self.kind)

    def children(self, i: int) -> np.ndarray:
        return self.child_idx[self.child_ptr[i]:self.child_ptr[i + 1]]

    def levels(self) -> list[np.ndarray]:
        """The nodes grouped by depth, shallowest first."""
        if not hasattr(self, "_levels"):
            order = np.argsort(self.depth, kind="stable")
            cuts = np.searchsorted(self.depth[order], np.arange(int(self.depth.max()) + 2))
            self._levels = [order[a:b] for a, b in zip(cuts[:-1], cuts[1:])]
        return self._levels

    def vectorise_levels(self) -> bool:
        """True when the tree is bushy enough for a numpy pass per level to pay off."""
        return int(self.depth.max()) + 1 <= max(64, self.n // 64)

    def probabilities(self, exact: bool) -> np.ndarray:
        """The edge probabilities: ``prob_exact`` when ``exact`` (an exact game), else ``prob``."""
        if not exact:
            return self.prob
        if self.prob_exact is None:
            raise ValueError("the tree is not exact: it has no exact probabilities")
        return self.prob_exact

    def payoffs(self, exact: bool) -> np.ndarray:
        """The leaf payoffs: ``payoff_exact`` when ``exact`` (an exact game), else ``payoff``."""
        if not exact:
            return self.payoff
        if self.payoff_exact is None:
            raise ValueError("the tree is not exact: it has no exact payoffs")
        return self.payoff_exact


class ExtensiveFormGame:
    """A validated game tree.

    The tree is checked in one pass without recursion: known players,
    chance probabilities that sum to 1, consistent information sets, one
    payoff per player at every leaf, finite numbers and no node reached
    twice.  It is kept as flat arrays in depth-first (prefix) order (the
    order of a ``.efg`` file), so trees of millions of nodes and of any
    depth are fine.  A tree without perfect recall is accepted:
    ``perfect_recall`` is False, and ``gametheory.solve`` then works on
    its normal form (plans reduced as Gambit reduces them), while the
    methods that need perfect recall refuse it in one line
    (``require_perfect_recall``).

    Parameters
    ----------
    root : Node
        The root, built with ``decision``, ``chance`` and
        ``outcome``.
    players : sequence of str
        The players, distinct, in the order of the payoffs at the leaves.
    title : str
        A title, carried into files and printed results.

    Attributes
    ----------
    players : tuple of str
        The players.
    title : str
        The title.
    root : Node
        The root node.
    infosets : dict
        ``(player, name) -> actions`` for every information set, in order of
        first appearance in the depth-first order of the tree (the order of a
        ``.efg`` file, and of ``Equilibrium.behavior``).
    infoset_keys : list of (player, name)
        The same order, as a list.
    exact : bool
        True when every payoff and probability is an integer or a fraction.
    perfect_recall : bool
        Whether every player always remembers what it knew and did.
    recall_note : str
        Where perfect recall fails ("" when it holds).
    absent_minded : bool
        Whether some information set is met twice on one path.
    float_overflow : bool
        Whether some exact number is beyond floating point's range (float
        mode then refuses the tree).
    perfect_information : bool
        Whether every information set holds a single node.
    num_nodes : int
        The number of nodes.
    depth : int
        The length of the longest path from the root.
    flat : Flat
        The tree as arrays (for the algorithms).

    Raises
    ------
    InvalidGameError
        With the path of the offending node from the root: no players or
        duplicate player names, unknown player, chance probabilities that are
        negative or do not sum to 1, an information set whose nodes offer
        different actions, a leaf with the wrong number of payoffs, a
        non-numeric or non-finite number, or a node reached twice (not a tree).

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = gt.decision("Entrant", "e", {
    ...     "Out": gt.outcome(0, 2),
    ...     "In": gt.decision("Incumbent", "i", {"Fight": gt.outcome(-1, -1),
    ...                                          "Accommodate": gt.outcome(1, 1)})})
    >>> entry = gt.ExtensiveFormGame(tree, ["Entrant", "Incumbent"], title="Entry deterrence")
    >>> entry.infosets
    {('Entrant', 'e'): ('Out', 'In'), ('Incumbent', 'i'): ('Fight', 'Accommodate')}
    >>> entry.num_nodes, entry.depth, entry.perfect_information, entry.perfect_recall
    (5, 2, True, True)
    >>> entry.node_path(3), entry.node(3).payoffs
    (('In', 'Fight'), (-1, -1))
    >>> gt.ExtensiveFormGame(gt.decision("A", "a", {"L": gt.outcome(1), "R": gt.outcome(1, 2)}),
    ...                      ["A"])
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: node R: 2 payoffs for 1 players
    """

    #: what each leaf (depth-first number) stands for, set by the builders that record it
    #: (``cheap_talk``: ``(messages, action profile)``)
    leaf_outcomes: Mapping[int, tuple[Any, tuple[str, ...]]]
    #: the subgame structure, cached by ``gametheory.solvers.spe`` on first use
    _subgame_structure: tuple[np.ndarray, list[list[int]], np.ndarray]

    def __init__(self, root: Node, players: Sequence[str], title: str = "") -> None:
        self.players = tuple(str(p) for p in players)
        if len(set(self.players)) != len(self.players) or not self.players:
            raise InvalidGameError("players must be one or more distinct names")
        self.title = title
        self.exact = True
        #: where perfect recall fails (a player forgets what it knew or did), "" when it holds
        self.recall_note = ""
        #: True when some information set is met twice on one path (absent-mindedness)
        self.absent_minded = False
        #: True when some exact number is beyond floating point (float mode then refuses)
        self.float_overflow = False
        walk, objs = self._walk(root)
        self._node_list: list[Node] | None = objs
        self._fill(walk)

    @classmethod
    def _from_walk(cls, walk: TreeWalk, players: Sequence[str], title: str = "",
                   exact: bool = True) -> ExtensiveFormGame:
        """A game from a walk that a reader made straight from its text (the ``.efg`` fast
        path), without ``Node`` objects: the reader has made the checks of ``_walk`` (players
        known, one child per action, information sets offering the same actions, chance
        probabilities nonnegative and summing to 1, one number per player at every leaf, each
        number an ``int``, a ``Fraction`` or a finite float, ``exact`` False if any is a
        float).  The ``Node`` objects (``root``, ``node(i)``) are built on first use."""
        game = cls.__new__(cls)
        game.players = tuple(str(p) for p in players)
        if len(set(game.players)) != len(game.players) or not game.players:
            raise InvalidGameError("players must be one or more distinct names")
        game.title = title
        game.exact = exact
        game.recall_note = ""
        game.absent_minded = False
        game.float_overflow = False
        game._node_list = None
        game._fill(walk)
        return game

    # -- construction and validation -----------------------------------------------------------
    def _walk(self, root: Any) -> tuple[TreeWalk, list[Node]]:
        """Walk the tree depth-first without recursion and check every node: the walk's lists
        and the nodes in depth-first order."""
        k = len(self.players)
        index = {p: i for i, p in enumerate(self.players)}
        objs: list[Node] = []
        parents: list[int] = []
        acts: list[int] = []
        depths: list[int] = []
        movers: list[int] = []
        sets: list[int] = []
        probs: dict[int, Any] = {}          # node -> probability of the chance move into it
        leaves: list[int] = []
        infosets: dict[tuple[str, str], tuple[str, ...]] = {}
        set_index: dict[tuple[str, str], int] = {}
        set_player: list[int] = []
        seq_offset: list[int] = []          # per information set, within its player's sequences
        next_seq = [0] * k
        chance_actions: dict[int, tuple[str, ...]] = {}
        rows: list[tuple[Any, ...]] = []
        walk = TreeWalk(parents, acts, depths, movers, sets, probs, chance_actions, leaves, rows,
                        infosets, set_player, seq_offset, next_seq)
        seen: set[int] = set()
        stack: list[tuple[Any, int, int, int]] = [(root, -1, -1, 0)]

        def where(i: int) -> str:
            return walk.path(i)

        while stack:
            node, par, act, node_depth = stack.pop()
            i = len(objs)
            if type(node) is not Node:
                raise InvalidGameError(f"{walk.path_to(par, act)}: expected a node "
                                       f"(decision, chance or outcome), got {type(node).__name__}")
            if id(node) in seen:
                raise InvalidGameError(f"{walk.path_to(par, act)}: the same node object "
                                       "appears twice; a tree needs a separate node for every path")
            seen.add(id(node))
            objs.append(node)
            parents.append(par)
            acts.append(act)
            depths.append(node_depth)
            kind = node.kind
            if kind == "outcome":
                movers.append(-1)
                sets.append(-1)
                leaves.append(i)
                pays = node.payoffs
                if len(pays) != k:
                    raise InvalidGameError(f"{where(i)}: {len(pays)} payoffs for {k} players")
                if not all(type(v) is int for v in pays):
                    pays = tuple(self._number(v, where, i) for v in pays)
                rows.append(pays)
                continue
            children = node.children
            n_act = len(node.actions)
            if kind not in ("decision", "chance"):
                raise InvalidGameError(f"{where(i)}: unknown node kind {kind!r}")
            if not n_act or n_act != len(children):
                raise InvalidGameError(f"{where(i)}: a node needs one subtree per action, and at "
                                       "least one action")
            if kind == "decision":
                # str for the nodes decision() makes; None is an unknown player, as any other
                player, name = cast(str, node.player), cast(str, node.infoset)
                p = index.get(player)
                if p is None:
                    raise InvalidGameError(f"{where(i)}: unknown player {node.player!r}")
                key = (player, name)
                s = set_index.get(key)
                if s is None:
                    s = set_index[key] = len(set_player)
                    infosets[key] = node.actions
                    set_player.append(p)
                    seq_offset.append(next_seq[p])
                    next_seq[p] += n_act
                elif infosets[key] != node.actions:
                    raise InvalidGameError(
                        f"{where(i)}: information set {node.infoset!r} of {node.player} offers "
                        f"actions {list(infosets[key])} elsewhere, here {list(node.actions)}")
                movers.append(p)
                sets.append(s)
            else:
                movers.append(-1)
                sets.append(-1)
                if len(node.probabilities) != n_act:
                    raise InvalidGameError(f"{where(i)}: one probability per action")
                ps = [self._number(q, where, i) for q in node.probabilities]
                if any(q < 0 for q in ps):
                    raise InvalidGameError(f"{where(i)}: a chance probability is negative")
                total = sum(ps)
                if all(isinstance(q, (int, Fraction)) for q in ps):
                    if total != 1:
                        raise InvalidGameError(f"{where(i)}: chance probabilities sum to {total}, not 1")
                elif abs(float(total) - 1.0) > 1e-9:
                    raise InvalidGameError(f"{where(i)}: chance probabilities sum to "
                                           f"{float(total):g}, not 1")
                probs[i] = ps
                chance_actions[i] = node.actions
            stack.extend(zip(reversed(children), itertools.repeat(i, n_act),
                             range(n_act - 1, -1, -1), itertools.repeat(node_depth + 1, n_act)))
        return walk, objs

    def _fill(self, walk: TreeWalk) -> None:
        """The flat arrays of a checked walk, and what follows from them (subtree sizes, own
        sequences, perfect recall)."""
        k = len(self.players)
        parents, depths, set_player = walk.parents, walk.depths, walk.set_player
        leaves, rows, probs, infosets = walk.leaves, walk.rows, walk.probs, walk.infosets
        next_seq = walk.next_seq
        where = walk.path
        n = len(parents)
        self._chance_action_names = walk.chance_actions
        parent = np.array(parents, dtype=np.int64)
        action = np.array(walk.acts, dtype=np.int32)
        mover = np.array(walk.movers, dtype=np.int32)
        infoset = np.array(walk.sets, dtype=np.int32)
        leaf = np.array(leaves, dtype=np.int64)
        payoff = np.full((n, k), np.nan)
        payoff_exact = None
        if leaves:
            try:
                payoff[leaf] = np.array(rows, dtype=object).astype(float) if not self.exact or any(
                    type(v) is not int for r in rows for v in r) else np.array(rows, dtype=float)
            except OverflowError:               # exact numbers beyond float: kept exact only
                self.float_overflow = True
                payoff[leaf] = [[_clamped(v) for v in r] for r in rows]
            if self.exact:
                payoff_exact = np.full((n, k), None, dtype=object)
                payoff_exact[leaf] = np.array([[_plain(v) for v in r] for r in rows], dtype=object) \
                    if any(type(v) is not int for r in rows for v in r) else np.array(rows, dtype=object)
        prob = np.ones(n)
        prob_exact = np.ones(n, dtype=object) if self.exact else None
        counts = np.bincount(parent[1:], minlength=n) if n > 1 else np.zeros(n, dtype=np.int64)
        child_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=child_ptr[1:])
        child_idx = np.argsort(parent[1:], kind="stable").astype(np.int64) + 1
        for i, ps in probs.items():
            kids = child_idx[child_ptr[i]:child_ptr[i + 1]]
            prob[kids] = [float(q) for q in ps]
            if prob_exact is not None:
                prob_exact[kids] = [_plain(q) for q in ps]
        depth = np.array(depths, dtype=np.int64)
        size = np.ones(n, dtype=np.int64)
        if n > 1:
            if int(depth.max()) + 1 <= max(64, n // 64):
                order = np.argsort(depth, kind="stable")
                cuts = np.searchsorted(depth[order], np.arange(int(depth.max()) + 2))
                for a, b in zip(cuts[-2:0:-1], cuts[-1:1:-1]):
                    np.add.at(size, parent[order[a:b]], size[order[a:b]])
            else:
                sz = size.tolist()
                for i in range(n - 1, 0, -1):
                    sz[parents[i]] += sz[i]
                size = np.array(sz, dtype=np.int64)
        # own sequences: the last own move before each node, by pointer jumping
        seq_offset_a = np.array(walk.seq_offset, dtype=np.int64)
        edge_slot = np.zeros(n, dtype=np.int64)
        edge_player = np.full(n, -1, dtype=np.int64)
        if n > 1:
            pars = parent[1:]
            dec = infoset[pars] >= 0
            edge_slot[1:][dec] = 1 + seq_offset_a[infoset[pars][dec]] + action[1:][dec]
            edge_player[1:][dec] = mover[pars][dec]
        seq = np.zeros((k, n), dtype=np.int64)
        for p in range(k):
            ptr = np.where((edge_player == p) | (parent < 0), np.arange(n), parent)
            ptr[0] = 0
            while True:
                nxt = ptr[ptr]
                done = (edge_player[ptr] == p) | (ptr == 0)
                nxt = np.where(done, ptr, nxt)
                if np.array_equal(nxt, ptr):
                    break
                ptr = nxt
            seq[p] = np.where(edge_player[ptr] == p, edge_slot[ptr], 0)
        # perfect recall: a player's own sequence is the same at every node of its sets
        n_sets = len(set_player)
        set_memory = np.zeros(n_sets, dtype=np.int64)
        decisions = np.flatnonzero(infoset >= 0)
        if len(decisions):
            own = seq[mover[decisions], decisions]
            first = np.full(n_sets, -1, dtype=np.int64)
            first[infoset[decisions][::-1]] = decisions[::-1]
            set_memory = seq[np.array(set_player, dtype=np.int64), first]
            bad = np.flatnonzero(own != set_memory[infoset[decisions]])
            if len(bad):
                i = int(decisions[bad[0]])
                player, name = list(infosets)[int(infoset[i])]
                self.recall_note = (f"{where(i)}: {player} forgets at information set "
                                    f"{name!r} what it knew or did before")
        # absent-mindedness: an information set met twice on one path (a stronger failure)
        if self.recall_note:
            for i in decisions.tolist():
                up = int(parent[i])
                while up >= 0 and infoset[up] != infoset[i]:
                    up = int(parent[up])
                if up >= 0:
                    self.absent_minded = True
                    break
        self.infosets = infosets
        self.infoset_keys = list(infosets)
        self.flat = Flat(
            kind=np.where(infoset >= 0, DECISION, np.where(np.isin(np.arange(n), leaf), OUTCOME,
                                                           CHANCE)).astype(np.int8),
            player=mover, infoset=infoset, parent=parent, action=action, depth=depth,
            end=np.arange(n, dtype=np.int64) + size, child_ptr=child_ptr, child_idx=child_idx,
            prob=prob, prob_exact=prob_exact, payoff=payoff, payoff_exact=payoff_exact, seq=seq,
            leaves=leaf, set_player=np.array(set_player, dtype=np.int32),
            set_size=np.array([len(infosets[key]) for key in self.infoset_keys], dtype=np.int64),
            seq_offset=seq_offset_a, set_memory=set_memory,
            num_sequences=np.array([1 + s for s in next_seq], dtype=np.int64))
        f = self.flat
        f.slot_offset = np.zeros(n_sets + 1, dtype=np.int64)
        np.cumsum(f.set_size, out=f.slot_offset[1:])
        self.depth = int(depth.max())

    def _number(self, value: Any, where: Any, i: int) -> Any:
        if type(value) is int:
            return value
        if isinstance(value, bool):
            raise InvalidGameError(f"{where(i)}: {value!r} is not a number")
        if isinstance(value, (int, np.integer, Fraction)):
            return Fraction(cast(Rational, value))      # numpy registers its integers as Integral
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise InvalidGameError(f"{where(i)}: {value!r} is not a number") from None
        if not np.isfinite(x):
            raise InvalidGameError(f"{where(i)}: numbers must be finite, "
                                   f"got {value!r}")
        self.exact = False
        return x

    # -- properties ----------------------------------------------------------------------------
    @property
    def num_nodes(self) -> int:
        """The number of nodes."""
        return self.flat.n

    @property
    def perfect_recall(self) -> bool:
        """True when every player always remembers what it knew and did (Kuhn 1953)."""
        return not self.recall_note

    def require_perfect_recall(self, what: str) -> None:
        """Raise InvalidGameError, in one line, when ``what`` needs perfect recall and the tree
        does not have it.

        Parameters
        ----------
        what : str
            What needs perfect recall, named in the message.

        Raises
        ------
        InvalidGameError
            When the tree lacks perfect recall.

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("selten-horse").require_perfect_recall("this")     # nothing raised
        """
        if self.recall_note:
            raise InvalidGameError(f"{what} needs perfect recall, and this tree does not have it "
                                   f"({self.recall_note}); solve its normal form instead "
                                   "(gt.reduced_normal_form, or gt.solve with a normal-form "
                                   "method)")

    @property
    def perfect_information(self) -> bool:
        """True when every information set holds a single node."""
        f = self.flat
        counts = np.bincount(f.infoset[f.kind == DECISION], minlength=len(self.infoset_keys))
        return bool(np.all(counts <= 1))

    def player_infosets(self, player: str | int) -> list[str]:
        """The names of a player's information sets, in order of first appearance.

        Parameters
        ----------
        player : str or int
            The player, by name or index.

        Returns
        -------
        list of str

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("beer-quiche").player_infosets("Receiver")
        ['heard beer', 'heard quiche']
        """
        name = self.players[player] if isinstance(player, int) else player
        return [s for (p, s) in self.infoset_keys if p == name]

    @property
    def own_history(self) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
        """For each information set, the mover's own earlier (information set, action) pairs."""
        self.require_perfect_recall("a player's own history at an information set")
        f = self.flat
        by_seq: dict[tuple[int, int], tuple[str, str]] = {}
        for s, (mover, name) in enumerate(self.infoset_keys):
            for a, action in enumerate(self.infosets[(mover, name)]):
                by_seq[(int(f.set_player[s]), 1 + int(f.seq_offset[s]) + a)] = (name, action)
        out = {}
        for s, key in enumerate(self.infoset_keys):
            p, history, seq = int(f.set_player[s]), [], int(f.set_memory[s])
            while seq:
                name, action = by_seq[(p, seq)]
                history.append((name, action))
                seq = int(f.set_memory[self.infoset_keys.index((key[0], name))])
            out[key] = tuple(reversed(history))
        return out

    def node_path(self, i: int) -> tuple[str, ...]:
        """The actions from the root to node ``i`` (depth-first number).

        Parameters
        ----------
        i : int
            The node's depth-first number (0 is the root).

        Returns
        -------
        tuple of str

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("selten-horse").node_path(2)
        ('C', 'c')
        """
        f = self.flat
        path = []
        while f.parent[i] >= 0:
            par = int(f.parent[i])
            path.append(self._action_name(par, int(f.action[i])))
            i = par
        return tuple(reversed(path))

    def _action_name(self, i: int, a: int) -> str:
        f = self.flat
        if f.kind[i] == DECISION:
            return self.infosets[self.infoset_keys[f.infoset[i]]][a]
        return self._chance_actions(i)[a]

    def _chance_actions(self, i: int) -> tuple[str, ...]:
        return self._chance_action_names[i]

    @property
    def root(self) -> Node:
        """The root ``Node`` (of the tree as given, or built from the arrays for a tree read
        straight into them)."""
        return self.node(0)

    @property
    def _nodes(self) -> list[Node]:
        """Every ``Node`` in depth-first order (built from the arrays on first use when the
        tree was read straight into them)."""
        if self._node_list is None:
            self._node_list = self._build_nodes()
        return self._node_list

    def _build_nodes(self) -> list[Node]:
        # the cyclic garbage collector paused: a million new nodes (which hold no cycles) would
        # otherwise set off repeated full collections (7.3 s instead of 2.0 s at 10^6 nodes)
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._nodes_from_arrays()
        finally:
            if enabled:
                gc.enable()

    def _nodes_from_arrays(self) -> list[Node]:
        f = self.flat
        n = f.n
        nodes: list[Node | None] = [None] * n
        kinds, sets = f.kind.tolist(), f.infoset.tolist()
        ptr, idx = f.child_ptr.tolist(), f.child_idx.tolist()
        payoffs = f.payoff_exact if f.payoff_exact is not None else f.payoff
        probs = f.prob_exact if f.prob_exact is not None else f.prob
        for i in range(n - 1, -1, -1):
            kids = idx[ptr[i]:ptr[i + 1]]
            if kinds[i] == OUTCOME:
                nodes[i] = Node("outcome", payoffs=tuple(_python(v) for v in payoffs[i]))
            elif kinds[i] == DECISION:
                player, name = self.infoset_keys[sets[i]]
                nodes[i] = Node("decision", player=player, infoset=name,
                                actions=self.infosets[(player, name)],
                                children=tuple(cast(Node, nodes[c]) for c in kids))
            else:
                nodes[i] = Node("chance", actions=self._chance_action_names[i],
                                children=tuple(cast(Node, nodes[c]) for c in kids),
                                probabilities=tuple(_python(probs[c]) for c in kids))
        return cast(list[Node], nodes)

    def node(self, i: int) -> Node:
        """The ``Node`` object with depth-first number ``i``.

        Parameters
        ----------
        i : int
            The node's depth-first number (0 is the root).

        Returns
        -------
        Node

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("selten-horse").node(0).player
        'Player 1'
        """
        return self._nodes[i]

    def __repr__(self) -> str:
        return (f"ExtensiveFormGame({self.title!r}, players={list(self.players)}, "
                f"nodes={self.num_nodes}, information sets={len(self.infosets)})")


@dataclass
class TreeWalk:
    """A tree as lists in depth-first order, before its arrays: what ``ExtensiveFormGame``
    collects while it checks a tree of ``Node`` objects, and what a reader can make straight
    from a file (``ExtensiveFormGame._from_walk``)."""

    parents: list[int]                 #: per node, its parent (-1 for the root)
    acts: list[int]                    #: per node, the index of the action leading to it
    depths: list[int]                  #: per node, its depth
    movers: list[int]                  #: per node, the moving player's index (-1: chance, leaf)
    sets: list[int]                    #: per node, its information set's index (-1: none)
    probs: dict[int, list[Any]]        #: chance node -> its actions' probabilities
    chance_actions: dict[int, tuple[str, ...]]      #: chance node -> its actions' names
    leaves: list[int]                  #: the leaves, in order
    rows: list[tuple[Any, ...]]        #: per leaf, one payoff per player (int, Fraction, float)
    infosets: dict[tuple[str, str], tuple[str, ...]]  #: (player, name) -> actions, by first use
    set_player: list[int]              #: per information set, its player's index
    seq_offset: list[int]              #: per information set, its first sequence of its player
    next_seq: list[int]                #: per player, its number of sequences (the empty one aside)

    def action_name(self, par: int, act: int) -> str:
        """The name of action ``act`` of node ``par``."""
        s = self.sets[par]
        if s >= 0:             # (error messages only: a list of the sets' actions is fine)
            return list(self.infosets.values())[s][act]
        return self.chance_actions[par][act]

    def path_to(self, par: int, act: int) -> str:
        """A node named by the actions leading to it from the root ("root" for the root), given
        by its parent and action (for a node not yet in the lists)."""
        names = []
        while par >= 0:
            names.append(self.action_name(par, act))
            par, act = self.parents[par], self.acts[par]
        return "root" if not names else "node " + " > ".join(reversed(names))

    def path(self, i: int) -> str:
        """Node ``i`` named by the actions leading to it from the root."""
        return self.path_to(self.parents[i], self.acts[i])


def _python(value: Any) -> Any:
    """A number of the arrays as Python keeps it in a ``Node`` (numpy scalars unwrapped)."""
    return value.item() if isinstance(value, np.generic) else value


def _clamped(value: Any) -> float:
    """A number as a float, +-inf beyond float's range (marked by ``float_overflow``)."""
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


def _plain(value: Any) -> Any:
    """An exact number as int where it is whole, else Fraction."""
    if type(value) is int:
        return value
    q = Fraction(value)
    return q.numerator if q.denominator == 1 else q


# -- helpers shared by the tree algorithms -------------------------------------------------------

def top_down_product(flat: Flat, edge: np.ndarray) -> np.ndarray:
    """``out[i]`` = product of ``edge`` over the edges from the root to node ``i`` (root: 1)."""
    out = edge.copy()
    out[0] = 1
    if flat.vectorise_levels():
        for level in flat.levels()[1:]:
            out[level] = out[flat.parent[level]] * edge[level]
    else:
        values, parent = out.tolist(), flat.parent.tolist()
        for i in range(1, flat.n):
            values[i] = values[parent[i]] * values[i]
        out = np.array(values, dtype=out.dtype)
    return out


def _segments(flat: Flat, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The children of ``nodes``, concatenated: (children, segment offsets, counts)."""
    starts = flat.child_ptr[nodes]
    counts = flat.child_ptr[nodes + 1] - starts
    offsets = np.zeros(len(nodes), dtype=np.int64)
    np.cumsum(counts[:-1], out=offsets[1:])
    pos = np.repeat(starts - offsets, counts) + np.arange(int(counts.sum()))
    return flat.child_idx[pos], offsets, counts


#: Largest reduced normal form (number of strategy profiles) ``reduced_normal_form`` builds.
MAX_PROFILES = 1_000_000


def reduced_plans(game: ExtensiveFormGame, player: int) -> np.ndarray:
    """The player's reduced pure strategies as an array (plans x its information sets).

    Entry ``a`` is the action taken at the information set, ``-1`` where the
    player's own earlier actions rule the set out (Kuhn 1953); plans are in
    lexicographic order of the actions, information sets in tree order.
    """
    f = game.flat
    sets = np.flatnonzero(f.set_player == player)
    if not game.perfect_recall:                   # plans action by action, then reduced
        sizes = [int(f.set_size[s]) for s in sets]
        if not sizes:                              # a player who never moves: one empty plan
            return np.zeros((1, 0), dtype=np.int64)
        count = int(np.prod(sizes, dtype=object))
        if count > MAX_PROFILES:                   # checked before anything is allocated
            raise GameTooLargeError(f"{game.players[player]} has {count:.3g} plans (an action at "
                                    f"each of {len(sizes)} information sets; limit "
                                    f"{MAX_PROFILES:.0e}): too many for its normal form")
        full = np.indices(sizes).reshape(len(sizes), -1).T.astype(np.int64)
        # reduce: an information set none of whose nodes the plan's own actions let it reach
        # gets -1, and plans that then agree are one (as Gambit reduces them)
        reach = _own_reach(game, player, full)
        for j, s in enumerate(sets.tolist()):
            nodes = np.flatnonzero((f.infoset == s) & (f.kind == DECISION))
            full[~reach[:, nodes].any(axis=1), j] = -1
        _, first = np.unique(full, axis=0, return_index=True)
        return full[np.sort(first)]
    local = {int(s): j for j, s in enumerate(sets)}
    seq_set = {}                                  # own sequence -> (local set, action)
    for s in sets:
        for a in range(int(f.set_size[s])):
            seq_set[1 + int(f.seq_offset[s]) + a] = (local[int(s)], a)
    plans: list[list[int]] = [[]]
    for s in sets:
        memory = int(f.set_memory[s])
        grown: list[list[int]] = []
        for plan in plans:
            if memory == 0 or plan[seq_set[memory][0]] == seq_set[memory][1]:
                grown.extend(plan + [a] for a in range(int(f.set_size[s])))
            else:
                grown.append(plan + [-1])
        plans = grown
    return np.array(plans, dtype=np.int64).reshape(len(plans), len(sets))


def plan_consistency(game: ExtensiveFormGame, player: int, plans: np.ndarray) -> np.ndarray:
    """Boolean (plans x sequences): does the plan take every action of the sequence?"""
    game.require_perfect_recall("a plan's sequences")
    f = game.flat
    sets = np.flatnonzero(f.set_player == player)
    out = np.zeros((len(plans), int(f.num_sequences[player])), dtype=bool)
    out[:, 0] = True
    for j, s in enumerate(sets):
        for a in range(int(f.set_size[s])):
            out[:, 1 + int(f.seq_offset[s]) + a] = plans[:, j] == a
    return out


@accepts_peer_games
def reduced_normal_form(game: ExtensiveFormGame):
    """The reduced normal form (strategic form) of a tree, exact where the tree is.

    Each player's pure strategies are its reduced plans: an action at every
    information set that its own earlier actions do not rule out (strategies
    that differ only where they cannot matter are one).  A strategy is named by
    its actions in tree order, ``*`` where the information set is ruled out.
    Payoffs are expected over chance: each leaf adds its chance probability
    times its payoff to every profile of plans that reaches it.  Every
    normal-form solver applies to the result; by Kuhn's theorem, with perfect
    recall, its mixed equilibria are the tree's equilibria in behaviour
    strategies (see ``gametheory.games.behavior.mixed_to_behavior``).
    Without perfect recall a plan is an action at every information set its
    own actions let it reach (``*`` elsewhere, as Gambit reduces them), and
    the mixed equilibria are the tree's equilibria in mixed strategies, which
    behaviour strategies need not reproduce.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree.

    Returns
    -------
    NormalFormGame
        Exact where the tree is; titled as the tree (or "reduced normal form").

    Raises
    ------
    GameTooLargeError
        When the reduced normal form would have more than ``MAX_PROFILES``
        (10^6) strategy profiles, or a player (without perfect recall) more
        than 10^6 plans.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.
    Contributions to the Theory of Games II, 193-216.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = reduced_normal_form(gt.read_game("entry"))
    >>> g.actions, g.payoffs[0].tolist()
    ((('Out', 'In'), ('Fight', 'Accommodate')), [[0, 0], [-1, 1]])
    >>> sorted(eq.supports for eq in gt.solve(g, method="vertex").equilibria if eq.is_pure)
    [((0,), (0,)), ((1,), (1,))]

    (Out, Fight) is a Nash equilibrium of the strategic form resting on a
    threat the incumbent would not carry out; backward induction keeps only
    (In, Accommodate).
    """
    f = game.flat
    k = len(game.players)
    plans = [reduced_plans(game, p) for p in range(k)]
    sizes = [len(pl) for pl in plans]
    total = int(np.prod(sizes, dtype=object))
    if total > MAX_PROFILES:
        raise GameTooLargeError(f"the reduced normal form would have {total:.3g} strategy profiles "
                                f"(limit {MAX_PROFILES:.0e}); solve the tree directly")
    exact = game.exact
    reaching = _plans_reaching(game, plans)
    reach = top_down_product(f, f.probabilities(exact))
    pay = f.payoffs(exact)
    arrays = [np.zeros(sizes, dtype=object if exact else float) for _ in range(k)]
    for leaf in f.leaves.tolist():
        w = reach[leaf]
        if w == 0:
            continue
        block = np.ix_(*(np.flatnonzero(reaching[p][:, leaf]) for p in range(k)))
        for j in range(k):
            arrays[j][block] += w * pay[leaf, j]
    names = []
    for p in range(k):
        sets = [game.infoset_keys[s] for s in np.flatnonzero(f.set_player == p)]
        names.append([_plan_name([game.infosets[key][a] if a >= 0 else "*" for key, a in zip(sets, plan)])
                      for plan in plans[p].tolist()])
    return NormalFormGame(arrays, players=list(game.players), actions=names,
                          title=game.title or "reduced normal form")


def _own_reach(game: ExtensiveFormGame, player: int, plans: np.ndarray) -> np.ndarray:
    """Boolean (plans x nodes): does the plan take every one of its player's own actions on the
    path to the node (action by action, so without perfect recall too; -1 takes none)?"""
    f = game.flat
    sets = np.flatnonzero(f.set_player == player)
    local = np.full(len(f.set_player), -1, dtype=np.int64)
    local[sets] = np.arange(len(sets))            # the plan's column of each of its sets
    out = np.ones((len(plans), f.n), dtype=bool)
    for level in f.levels()[1:]:                  # one numpy pass per depth, parents first
        par = f.parent[level]
        out[:, level] = out[:, par]
        own = (f.kind[par] == DECISION) & (f.player[par] == player)
        nodes, cols = level[own], local[f.infoset[par[own]]]
        out[:, nodes] &= plans[:, cols] == f.action[nodes][None, :]
    return out


def _plans_reaching(game: ExtensiveFormGame, plans: list[np.ndarray]) -> list[np.ndarray]:
    """Boolean (plans x nodes) per player: does the plan take every one of its player's actions
    on the path to the node?  With perfect recall through the last own sequence; without it,
    action by action along the path (an information set met twice must get the same action)."""
    f = game.flat
    k = len(game.players)
    if game.perfect_recall:
        return [plan_consistency(game, p, plans[p])[:, f.seq[p]] for p in range(k)]
    return [_own_reach(game, p, plans[p]) for p in range(k)]


def _plan_name(actions: list[str]) -> str:
    return "/".join(actions) if len(actions) > 1 else actions[0] if actions else "(no move)"
