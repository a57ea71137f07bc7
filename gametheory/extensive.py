"""Games in extensive form: trees with chance, sequence and information sets.

A tree is built from three kinds of node:

- :func:`decision` -- a player moves at an *information set* (named by a
  label; nodes with the same player and label are indistinguishable to that
  player and must offer the same actions);
- :func:`chance` -- nature draws an action with given probabilities (exact
  fractions or floats, summing to 1);
- :func:`outcome` -- a leaf with one payoff per player.

:class:`ExtensiveFormGame` checks the tree (one-line errors naming the node
by its path from the root), and :func:`backward_induction` computes the
subgame-perfect equilibria of perfect-information games: all of them, when
ties make several (Kuhn 1953; Selten 1965).

Examples
--------
>>> import gametheory as gt
>>> from gametheory.extensive import decision, outcome, ExtensiveFormGame, backward_induction
>>> tree = decision("Entrant", "e", {
...     "Out": outcome(0, 2),
...     "In": decision("Incumbent", "i", {"Fight": outcome(-1, -1), "Accommodate": outcome(1, 1)})})
>>> game = ExtensiveFormGame(tree, players=["Entrant", "Incumbent"], title="Entry deterrence")
>>> [spe.actions for spe in backward_induction(game)]
[{('Entrant', 'e'): 'In', ('Incumbent', 'i'): 'Accommodate'}]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from ._numbers import as_exact
from .errors import GameTooLargeError, InvalidGameError

__all__ = ["Node", "decision", "chance", "outcome", "ExtensiveFormGame", "SubgamePerfect",
           "backward_induction", "reduced_normal_form", "MAX_PROFILES"]


@dataclass(frozen=True)
class Node:
    """A node of a game tree (build with :func:`decision`, :func:`chance`, :func:`outcome`)."""

    kind: str                                  # "decision", "chance" or "outcome"
    player: str | None = None
    infoset: str | None = None
    actions: tuple[str, ...] = ()
    children: tuple["Node", ...] = ()
    probabilities: tuple[Any, ...] = ()
    payoffs: tuple[Any, ...] = ()


def decision(player: str, infoset: str, moves: Mapping[str, Node]) -> Node:
    """A decision node of ``player`` in information set ``infoset``; ``moves`` maps actions to subtrees."""
    if not isinstance(moves, Mapping) or not moves:
        raise InvalidGameError(f"decision node of {player!r} at {infoset!r}: give its moves as a "
                               "non-empty mapping action -> subtree")
    return Node("decision", player=str(player), infoset=str(infoset), actions=tuple(map(str, moves)),
                children=tuple(moves.values()))


def chance(moves: Mapping[str, tuple[Any, Node]]) -> Node:
    """A chance node; ``moves`` maps each action to ``(probability, subtree)``."""
    if not isinstance(moves, Mapping) or not moves:
        raise InvalidGameError("chance node: give its moves as a non-empty mapping "
                               "action -> (probability, subtree)")
    try:
        probs, kids = zip(*moves.values())
    except (TypeError, ValueError):
        raise InvalidGameError("chance node: each move must be (probability, subtree)") from None
    return Node("chance", actions=tuple(map(str, moves)), children=tuple(kids), probabilities=tuple(probs))


def outcome(*payoffs: Any) -> Node:
    """A leaf with one payoff per player, in player order."""
    return Node("outcome", payoffs=tuple(payoffs))


@dataclass(frozen=True)
class SubgamePerfect:
    """A pure subgame-perfect equilibrium: an action at every information set, and its payoffs."""

    actions: dict[tuple[str, str], str]
    payoffs: tuple[Any, ...]


class ExtensiveFormGame:
    """A validated game tree.

    Parameters
    ----------
    root : Node
    players : sequence of str
        The players, in the order of the payoffs at the leaves.
    title : str

    Raises
    ------
    InvalidGameError
        With the path of the offending node: unknown player, chance
        probabilities that are negative or do not sum to 1, an information set
        whose nodes offer different actions, a leaf with the wrong number of
        payoffs, a non-finite payoff, a node reached twice (not a tree), or a
        violation of perfect recall.
    """

    def __init__(self, root: Node, players: Sequence[str], title: str = "") -> None:
        self.players = tuple(str(p) for p in players)
        if len(set(self.players)) != len(self.players) or not self.players:
            raise InvalidGameError("players must be one or more distinct names")
        self.title = title
        self.root = root
        self.infosets: dict[tuple[str, str], tuple[str, ...]] = {}
        self.exact = True
        self._nodes = 0
        self.depth = _depth(root)
        if self.depth > MAX_DEPTH:
            raise GameTooLargeError(f"the tree is {self.depth} moves deep (limit {MAX_DEPTH})")
        with _deep(self.depth):
            self._check(root, (), set())
            self._check_recall()

    # -- validation --------------------------------------------------------------------------
    def _where(self, path: tuple[str, ...]) -> str:
        return "root" if not path else "node " + " > ".join(path)

    def _check(self, node: Any, path: tuple[str, ...], seen: set[int]) -> None:
        where = self._where(path)
        if not isinstance(node, Node):
            raise InvalidGameError(f"{where}: expected a node (decision, chance or outcome), "
                                   f"got {type(node).__name__}")
        if id(node) in seen:
            raise InvalidGameError(f"{where}: the same node object appears twice; a tree needs "
                                   "a separate node for every path")
        seen.add(id(node))
        self._nodes += 1
        if node.kind == "outcome":
            if len(node.payoffs) != len(self.players):
                raise InvalidGameError(f"{where}: {len(node.payoffs)} payoffs for "
                                       f"{len(self.players)} players")
            for p in node.payoffs:
                self._number(p, where)
            return
        if len(set(node.actions)) != len(node.actions):
            raise InvalidGameError(f"{where}: duplicate action names")
        if node.kind == "decision":
            if node.player not in self.players:
                raise InvalidGameError(f"{where}: unknown player {node.player!r}")
            key = (node.player, node.infoset)
            known = self.infosets.setdefault(key, node.actions)
            if known != node.actions:
                raise InvalidGameError(f"{where}: information set {node.infoset!r} of {node.player} "
                                       f"offers actions {list(known)} elsewhere, here {list(node.actions)}")
        elif node.kind == "chance":
            probs = [self._number(p, where) for p in node.probabilities]
            if any(p < 0 for p in probs):
                raise InvalidGameError(f"{where}: a chance probability is negative")
            total = sum(probs)
            if all(isinstance(p, Fraction) for p in probs):
                if total != 1:
                    raise InvalidGameError(f"{where}: chance probabilities sum to {total}, not 1")
            elif abs(float(total) - 1.0) > 1e-9:
                raise InvalidGameError(f"{where}: chance probabilities sum to {float(total):g}, not 1")
        else:
            raise InvalidGameError(f"{where}: unknown node kind {node.kind!r}")
        for action, child in zip(node.actions, node.children):
            self._check(child, path + (action,), seen)

    def _number(self, value: Any, where: str) -> Any:
        if isinstance(value, bool):
            raise InvalidGameError(f"{where}: {value!r} is not a number")
        if isinstance(value, (int, np.integer, Fraction)):
            return Fraction(value)
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise InvalidGameError(f"{where}: {value!r} is not a number") from None
        if not np.isfinite(x):
            raise InvalidGameError(f"{where}: numbers must be finite, got {value!r}")
        self.exact = False
        return x

    def _check_recall(self) -> None:
        """Perfect recall: a player's own earlier information sets and actions are the same
        at every node of each of its information sets (Kuhn 1953)."""
        memory: dict[tuple[str, str], tuple] = {}
        self.own_history = memory          # (player, infoset) -> its own earlier (infoset, action)s

        def walk(node: Node, history: dict[str, tuple], path: tuple[str, ...]) -> None:
            if node.kind == "decision":
                key = (node.player, node.infoset)
                mine = history.get(node.player, ())
                if memory.setdefault(key, mine) != mine:
                    raise InvalidGameError(
                        f"{self._where(path)}: {node.player} forgets at information set "
                        f"{node.infoset!r} what it knew or did before (not perfect recall)")
                for action, child in zip(node.actions, node.children):
                    walk(child, {**history, node.player: mine + ((node.infoset, action),)},
                         path + (action,))
            elif node.kind == "chance":
                for action, child in zip(node.actions, node.children):
                    walk(child, history, path + (action,))

        walk(self.root, {}, ())

    # -- properties --------------------------------------------------------------------------
    @property
    def num_nodes(self) -> int:
        return self._nodes

    @property
    def perfect_information(self) -> bool:
        """True when every information set holds a single node."""
        counts: dict[tuple[str, str], int] = {}
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.kind == "decision":
                key = (node.player, node.infoset)
                counts[key] = counts.get(key, 0) + 1
            stack.extend(node.children)
        return all(c == 1 for c in counts.values())

    def __repr__(self) -> str:
        return (f"ExtensiveFormGame({self.title!r}, players={list(self.players)}, "
                f"nodes={self.num_nodes}, information sets={len(self.infosets)})")


def _value(node: Node, exact: bool) -> Any:
    return tuple(as_exact(p) if exact else float(p) for p in node.payoffs)


#: Most subgame-perfect equilibria :func:`backward_induction` lists before refusing.
MAX_EQUILIBRIA = 100_000
#: Deepest tree accepted (the tree is walked recursively).
MAX_DEPTH = 10_000


def _depth(root: Any) -> int:
    """The number of moves on the longest path, without recursion."""
    deepest, stack = 0, [(root, 0)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        for child in getattr(node, "children", ()):
            stack.append((child, d + 1))
    return deepest


class _deep:
    """Raise Python's recursion limit for a walk of a deep tree, and restore it afterwards."""

    def __init__(self, depth: int):
        self.need = 2 * depth + 1000

    def __enter__(self) -> None:
        import sys
        self.old = sys.getrecursionlimit()
        if self.need > self.old:
            sys.setrecursionlimit(self.need)

    def __exit__(self, *exc: Any) -> None:
        import sys
        sys.setrecursionlimit(self.old)


def backward_induction(game: ExtensiveFormGame) -> list[SubgamePerfect]:
    """Every pure subgame-perfect equilibrium of a perfect-information game.

    Backward induction (Kuhn 1953; Selten 1965): at each decision node, from
    the leaves up, the mover picks an action maximising its payoff given the
    continuation; chance nodes average.  When several actions tie, each
    choice gives a different equilibrium (and can change what players earlier
    in the tree prefer), so the equilibria of a subtree are kept as a list and
    combined: every equilibrium is returned, none twice.  Exact payoffs give
    exact comparisons.

    Parameters
    ----------
    game : ExtensiveFormGame
        With perfect information (every information set a single node).

    Returns
    -------
    list of SubgamePerfect
        Each with an action at every information set and the expected payoffs.

    Raises
    ------
    InvalidGameError
        For imperfect information.
    GameTooLargeError
        Beyond ``MAX_EQUILIBRIA`` equilibria (e.g. a tree full of ties).
    """
    if not game.perfect_information:
        raise InvalidGameError("backward induction needs perfect information; this game has an "
                               "information set with several nodes")
    exact = game.exact
    index = {p: k for k, p in enumerate(game.players)}

    def solve(node: Node) -> list[tuple[tuple, dict]]:
        if node.kind == "outcome":
            return [(_value(node, exact), {})]
        subs = [solve(child) for child in node.children]
        if node.kind == "chance":
            probs = [as_exact(p) if exact else float(p) for p in node.probabilities]
            out = []
            for combo in itertools.product(*subs):
                value = tuple(sum(p * v[k] for p, (v, _) in zip(probs, combo))
                              for k in range(len(game.players)))
                plan: dict = {}
                for _, a in combo:
                    plan.update(a)
                out.append((value, plan))
                if len(out) > MAX_EQUILIBRIA:
                    raise GameTooLargeError(f"more than {MAX_EQUILIBRIA} subgame-perfect equilibria")
            return out
        k = index[node.player]
        key = (node.player, node.infoset)
        out = []
        # each child's equilibria are chosen independently (off-path play included)
        for combo in itertools.product(*subs):
            best = max(v[k] for v, _ in combo)
            base: dict = {}
            for _, a in combo:
                base.update(a)
            for action, (v, _) in zip(node.actions, combo):
                if v[k] == best:
                    out.append((v, {key: action, **base}))
            if len(out) > MAX_EQUILIBRIA:
                raise GameTooLargeError(f"more than {MAX_EQUILIBRIA} subgame-perfect equilibria")
        return out

    with _deep(game.depth):
        found = solve(game.root)
    return [SubgamePerfect(actions=plan, payoffs=value) for value, plan in found]


#: Largest reduced normal form (number of strategy profiles) :func:`reduced_normal_form` builds.
MAX_PROFILES = 1_000_000


def _reduced_plans(game: ExtensiveFormGame, player: str) -> list[dict[str, str]]:
    """The player's reduced pure strategies: an action at every information set its own
    earlier choices do not rule out (Kuhn 1953), in tree order."""
    sets = [(name, game.infosets[(p, name)]) for (p, name) in game.infosets if p == player]
    plans: list[dict[str, str]] = [{}]
    for name, actions in sets:
        history = game.own_history[(player, name)]
        grown = []
        for plan in plans:
            if all(plan.get(h) == a for h, a in history):
                grown.extend({**plan, name: action} for action in actions)
            else:
                grown.append(plan)            # this information set cannot be reached
        plans = grown
    return plans


def reduced_normal_form(game: ExtensiveFormGame):
    """The reduced normal form (strategic form) of a tree, exact where the tree is.

    Each player's pure strategies are its reduced plans: an action at every
    information set that its own earlier actions do not rule out (strategies
    that differ only where they cannot matter are one).  A strategy is named by
    its actions in tree order, ``*`` where the information set is ruled out.
    Payoffs are expected over chance.  Every normal-form solver applies to the
    result; by Kuhn's theorem, with perfect recall, its mixed equilibria are
    the tree's equilibria in behaviour strategies.

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = gt.decision("Entrant", "e", {
    ...     "Out": gt.outcome(0, 2),
    ...     "In": gt.decision("Incumbent", "i", {"Fight": gt.outcome(-1, -1),
    ...                                          "Accommodate": gt.outcome(1, 1)})})
    >>> g = reduced_normal_form(gt.ExtensiveFormGame(tree, ["Entrant", "Incumbent"]))
    >>> g.actions, g.payoffs[0].tolist()
    ((('Out', 'In'), ('Fight', 'Accommodate')), [[0, 0], [-1, 1]])
    """
    from .game import NormalFormGame
    plans = [_reduced_plans(game, p) for p in game.players]
    sizes = [len(pl) for pl in plans]
    total = int(np.prod(sizes, dtype=object))
    if total > MAX_PROFILES:
        raise GameTooLargeError(f"the reduced normal form would have {total:.3g} strategy profiles "
                                f"(limit {MAX_PROFILES:.0e}); solve the tree directly")
    order = {p: [name for (q, name) in game.infosets if q == p] for p in game.players}
    names = [[_plan_name(plan, order[p]) for plan in pl] for p, pl in zip(game.players, plans)]
    exact = game.exact
    arrays = [np.empty(sizes, dtype=object) for _ in game.players]

    def value(node: Node, chosen: dict[str, dict[str, str]]) -> tuple:
        if node.kind == "outcome":
            return _value(node, exact)
        if node.kind == "chance":
            out = [Fraction(0) if exact else 0.0] * len(game.players)
            for p, child in zip(node.probabilities, node.children):
                w = Fraction(p) if exact else float(p)
                if w == 0:
                    continue
                out = [o + w * v for o, v in zip(out, value(child, chosen))]
            return tuple(out)
        action = chosen[node.player][node.infoset]
        return value(node.children[node.actions.index(action)], chosen)

    with _deep(game.depth):
        for idx in itertools.product(*(range(n) for n in sizes)):
            chosen = {p: plans[k][i] for k, (p, i) in enumerate(zip(game.players, idx))}
            for k, v in enumerate(value(game.root, chosen)):
                arrays[k][idx] = v
    if not exact:
        arrays = [a.astype(float) for a in arrays]
    return NormalFormGame(arrays, players=list(game.players), actions=names,
                          title=game.title or "reduced normal form")


def _plan_name(plan: dict[str, str], order: list[str]) -> str:
    return "/".join(plan.get(name, "*") for name in order) if len(order) > 1 else \
        plan.get(order[0], "*") if order else "(no move)"
