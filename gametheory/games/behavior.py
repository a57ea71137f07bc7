"""Behaviour strategies on game trees: payoffs, best responses, regret, Kuhn's conversions.

A *behaviour profile* gives, for each player, for each of its information
sets (in order of first appearance in the tree, the order of a ``.efg`` file),
a probability for each action.  It is written as nested sequences::

    behavior[player][infoset][action]

A player's best response to the others' behaviour is computed on its own
*sequences* (Koller, Megiddo and von Stengel 1996; von Stengel 1996): each
leaf adds (probability that chance and the others reach it) x (payoff) to the
player's own sequence leading there, and the player's information sets are
folded from the last to the first, each taking its best action.  With perfect
recall this is exact and costs one pass over the tree.  The *regret* of a
profile is the largest gain any player can make by deviating; it is exactly 0
at an equilibrium in rational arithmetic.

Kuhn's theorem (1953) makes mixed strategies of the reduced normal form and
behaviour strategies interchangeable under perfect recall:
``mixed_to_behavior`` and ``behavior_to_mixed`` convert, preserving the
probability of every leaf.

Examples
--------
>>> import gametheory as gt
>>> game = gt.read_game("entry")
>>> payoffs, regrets = behavior_regrets(game, [[[0, 1]], [[0, 1]]])
>>> payoffs, regrets
((1, 1), (0, 0))
>>> behavior_regrets(game, [[[1, 0]], [[1, 0]]])[1]      # the threat to fight: Nash, not credible
(0, 0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError
from .peers import accepts_peer_games
from .tree import (
    CHANCE,
    DECISION,
    OUTCOME,
    ExtensiveFormGame,
    _plain,
    plan_consistency,
    reduced_plans,
    top_down_product,
)

__all__ = ["pure_actions", "behavior_payoffs", "behavior_regrets", "mixed_to_behavior", "behavior_to_mixed",
           "realization_plan", "reach_probabilities", "Behavior"]

#: ``behavior[player][infoset][action]``: probabilities, exact (Fraction) or float.
Behavior = tuple[tuple[tuple[Any, ...], ...], ...]


def as_vector(game: ExtensiveFormGame, behavior: Sequence[Sequence[Sequence[Any]]],
              exact: bool) -> np.ndarray:
    """The profile as one vector over all (information set, action) slots, checked.

    Raises
    ------
    InvalidGameError
        Wrong shape, a negative or non-finite probability, or probabilities at
        an information set that do not sum to 1 (exactly, or within 1e-9).
    """
    f = game.flat
    out = np.zeros(int(f.slot_offset[-1]), dtype=object if exact else float)
    if len(behavior) != len(game.players):
        raise InvalidGameError(f"a behaviour profile needs one entry per player "
                               f"({len(game.players)}), got {len(behavior)}")
    for p, name in enumerate(game.players):
        sets = np.flatnonzero(f.set_player == p)
        if len(behavior[p]) != len(sets):
            raise InvalidGameError(f"{name} has {len(sets)} information set(s), the profile gives "
                                   f"{len(behavior[p])}")
        for s, probs in zip(sets.tolist(), behavior[p]):
            key = game.infoset_keys[s]
            if len(probs) != f.set_size[s]:
                raise InvalidGameError(f"{name} at {key[1]!r}: {len(probs)} probabilities for "
                                       f"{int(f.set_size[s])} actions")
            vals = [_probability(q, exact, name, key[1]) for q in probs]
            total = sum(vals)
            if (total != 1) if exact else abs(total - 1.0) > 1e-9:
                raise InvalidGameError(f"{name} at {key[1]!r}: probabilities sum to {total}, not 1")
            out[f.slot_offset[s]:f.slot_offset[s + 1]] = vals
    return out


def _probability(q: Any, exact: bool, player: str, infoset: str) -> Any:
    try:
        v = _plain(Fraction(q)) if exact else float(q)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{player} at {infoset!r}: {q!r} is not a probability") from None
    if (not exact and not np.isfinite(v)) or v < 0:
        raise InvalidGameError(f"{player} at {infoset!r}: {q!r} is not a probability")
    return v


def as_behavior(game: ExtensiveFormGame, vector: np.ndarray) -> Behavior:
    """The nested form of a slot vector."""
    f = game.flat
    values, offsets = vector.tolist(), f.slot_offset.tolist()
    out = []
    for p in range(len(game.players)):
        sets = np.flatnonzero(f.set_player == p).tolist()
        out.append(tuple(tuple(values[offsets[s]:offsets[s + 1]]) for s in sets))
    return tuple(out)


class _Part:
    """The nodes of a (truncated) subgame: the subtree of ``root`` without the insides of the
    subtrees at ``cuts``, whose roots become leaves with given values."""

    def __init__(self, game: ExtensiveFormGame, root: int, cuts: Mapping[int, Sequence[Any]],
                 exact: bool) -> None:
        f = game.flat
        nodes = np.arange(root, f.end[root])
        if cuts:
            keep = np.ones(len(nodes), dtype=bool)
            for c in cuts:
                keep[c + 1 - root:f.end[c] - root] = False
            nodes = nodes[keep]
        self.nodes = nodes
        self.root = root
        kind = f.kind[nodes].copy()
        self.is_leaf = (kind == OUTCOME)
        values = f.payoffs(exact)[nodes].copy()
        if cuts:
            pos = np.searchsorted(nodes, np.fromiter(cuts, dtype=np.int64))
            self.is_leaf[pos] = True
            for j, c in zip(pos.tolist(), cuts):
                values[j] = list(cuts[c])
        self.values = values
        self.parent = np.searchsorted(nodes, f.parent[nodes])       # local index (root: 0, unused)
        self.parent[0] = -1
        self.depth = f.depth[nodes] - f.depth[root]


def _products(part: _Part, edge: np.ndarray) -> np.ndarray:
    """Product of ``edge`` from the part's root to each of its nodes."""
    out = edge.copy()
    out[0] = 1
    parent = part.parent
    n = len(out)
    levels = int(part.depth.max()) + 1 if n else 0
    if levels <= max(64, n // 64):
        order = np.argsort(part.depth, kind="stable")
        cuts = np.searchsorted(part.depth[order], np.arange(levels + 1))
        for a, b in zip(cuts[1:-1], cuts[2:]):
            level = order[a:b]
            out[level] = out[parent[level]] * edge[level]
        return out
    values, par = out.tolist(), parent.tolist()
    for i in range(1, n):
        values[i] = values[par[i]] * values[i]
    return np.array(values, dtype=out.dtype)


def evaluate(game: ExtensiveFormGame, vector: np.ndarray, exact: bool, root: int = 0,
             cuts: Mapping[int, Sequence[Any]] | None = None):
    """Payoffs, regrets and best responses of a profile in the subgame at ``root``.

    ``cuts`` maps nodes inside that subgame to value vectors: their subtrees
    are replaced by leaves (a truncated subgame, as in backward induction over
    subgames).  Returns ``(payoffs, regrets, best)`` where ``best`` maps each
    information set in the part to the index of a best action for its owner.
    """
    game.require_perfect_recall("the payoffs and regrets of behaviour strategies")
    f = game.flat
    part = _Part(game, root, cuts or {}, exact)
    nodes = part.nodes
    k = len(game.players)
    par = f.parent[nodes[1:]]
    edge = np.ones(len(nodes), dtype=object if exact else float)
    prob = f.probabilities(exact)
    is_chance = f.kind[par] == CHANCE
    edge[1:][is_chance] = prob[nodes[1:][is_chance]]
    dec = f.kind[par] == DECISION
    slots = f.slot_offset[f.infoset[par[dec]]] + f.action[nodes[1:][dec]]
    edge[1:][dec] = vector[slots]
    owner = np.full(len(nodes), -1, dtype=np.int64)
    owner[1:][dec] = f.player[par[dec]]
    reach = _products(part, edge)
    leaves = np.flatnonzero(part.is_leaf)
    vals = part.values[leaves]
    payoffs = tuple(_sum(reach[leaves] * vals[:, j], exact) for j in range(k))
    regrets, best = [], {}
    for p in range(k):
        other = edge.copy()
        other[owner == p] = 1
        w = _products(part, other)
        seq = f.seq[p, nodes]
        size = int(f.num_sequences[p])
        V = np.zeros(size, dtype=object if exact else float)
        np.add.at(V, seq[leaves], w[leaves] * vals[:, p])
        mine = (f.kind[nodes] == DECISION) & (f.player[nodes] == p) & ~part.is_leaf
        sets = np.unique(f.infoset[nodes[mine]])
        for s in sets[::-1].tolist():      # later sets first: their values feed earlier ones
            a0 = 1 + int(f.seq_offset[s])
            options = V[a0:a0 + int(f.set_size[s])]
            a = int(np.argmax(options)) if not exact else max(range(len(options)), key=options.__getitem__)
            best[s] = a
            V[int(f.set_memory[s])] += options[a]
        value = V[int(f.seq[p, root])]
        regret = value - payoffs[p]
        regrets.append(_plain(regret) if exact else max(float(regret), 0.0))
    return payoffs, tuple(regrets), best


def reach_probabilities(game: ExtensiveFormGame, behavior: Sequence[Sequence[Sequence[Any]]],
                        exact: bool | None = None) -> np.ndarray:
    """The probability of reaching each node (depth-first order) under a behaviour profile."""
    exact = _exact_default(game, exact, behavior)
    vector = as_vector(game, behavior, exact)
    f = game.flat
    edge = f.probabilities(exact).copy()
    kids = np.arange(1, f.n)
    dec = f.kind[f.parent[kids]] == DECISION
    par = f.parent[kids][dec]
    edge[kids[dec]] = vector[f.slot_offset[f.infoset[par]] + f.action[kids[dec]]]
    return top_down_product(f, edge)


def _sum(values: np.ndarray, exact: bool) -> Any:
    total = sum(values.tolist(), 0) if exact else float(np.sum(values))
    return _plain(total) if exact else total


def _exact_default(game: ExtensiveFormGame, exact: bool | None, given: Any = ()) -> bool:
    """Exact when asked, or by default when the tree and the given probabilities are rational
    (a float probability makes the computation float, as for normal-form profiles)."""
    if exact is not None:
        return bool(exact)
    return game.exact and not any(isinstance(q, (float, np.floating)) for q in _leaves(given))


def _leaves(nested: Any):
    stack = [nested]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple, np.ndarray)):
            stack.extend(item)
        else:
            yield item


@accepts_peer_games
def behavior_payoffs(game: ExtensiveFormGame, behavior: Sequence[Sequence[Sequence[Any]]],
                     exact: bool | None = None) -> tuple:
    """Each player's expected payoff under a behaviour profile.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with perfect recall.
    behavior : nested sequence
        ``behavior[player][infoset][action]``: for each player, for each of
        its information sets in order of first appearance in the tree, the
        probability of each action (summing to 1: exactly, or within 1e-9
        for floats).
    exact : bool or None
        Rational arithmetic (True) or floating point (False); default (None):
        exact when the tree and the given probabilities are rational.

    Returns
    -------
    tuple
        One expected payoff per player (exact numbers, or floats).

    Raises
    ------
    InvalidGameError
        For a profile of the wrong shape, a negative or non-finite
        probability, probabilities that do not sum to 1, or a tree without
        perfect recall.

    Examples
    --------
    >>> import gametheory as gt
    >>> entry = gt.read_game("entry")
    >>> from fractions import Fraction
    >>> gt.behavior_payoffs(entry, [[[Fraction(1, 2), Fraction(1, 2)]], [[0, 1]]])
    (Fraction(1, 2), Fraction(3, 2))
    >>> gt.behavior_payoffs(entry, [[[0.5, 0.5]], [[0, 1]]])
    (0.5, 1.5)
    """
    exact = _exact_default(game, exact, behavior)
    return evaluate(game, as_vector(game, behavior, exact), exact)[0]


@accepts_peer_games
def behavior_regrets(game: ExtensiveFormGame, behavior: Sequence[Sequence[Sequence[Any]]],
                     exact: bool | None = None) -> tuple[tuple, tuple]:
    """Expected payoffs and each player's regret (best-response value minus payoff).

    The profile is a Nash equilibrium exactly when every regret is 0 (in
    rational arithmetic; in floating point, up to rounding).  Each player's
    best response is computed on its own sequences, in one pass over the tree
    per player (Koller, Megiddo and von Stengel 1996; see the module notes).

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with perfect recall.
    behavior : nested sequence
        ``behavior[player][infoset][action]``: for each player, for each of
        its information sets in order of first appearance in the tree, the
        probability of each action (summing to 1: exactly, or within 1e-9
        for floats).
    exact : bool or None
        Rational arithmetic (True) or floating point (False); default (None):
        exact when the tree and the given probabilities are rational.

    Returns
    -------
    tuple of (tuple, tuple)
        ``(payoffs, regrets)``, one entry per player.

    Raises
    ------
    InvalidGameError
        For an invalid profile (as in ``behavior_payoffs``) or a tree
        without perfect recall.

    References
    ----------
    Koller, D., Megiddo, N. and von Stengel, B. (1996). Efficient computation
    of equilibria for extensive two-person games. Games and Economic
    Behavior 14, 247-259.

    Examples
    --------
    >>> import gametheory as gt
    >>> entry = gt.read_game("entry")
    >>> gt.behavior_regrets(entry, [[[1, 0]], [[1, 0]]])     # Out, Fight: Nash
    ((0, 2), (0, 0))
    >>> gt.behavior_regrets(entry, [[[0, 1]], [[1, 0]]])     # In, Fight: both gain by moving
    ((-1, -1), (1, 2))
    """
    exact = _exact_default(game, exact, behavior)
    payoffs, regrets, _ = evaluate(game, as_vector(game, behavior, exact), exact)
    return payoffs, regrets


def realization_plan(game: ExtensiveFormGame, player: int, vector: np.ndarray) -> np.ndarray:
    """The probability, under the player's own behaviour, of each of its sequences."""
    game.require_perfect_recall("a realization plan")
    f = game.flat
    exact = vector.dtype == object
    out = np.zeros(int(f.num_sequences[player]), dtype=object if exact else float)
    out[0] = 1
    for s in np.flatnonzero(f.set_player == player).tolist():      # earlier sets first
        a0 = 1 + int(f.seq_offset[s])
        out[a0:a0 + int(f.set_size[s])] = out[int(f.set_memory[s])] * \
            vector[f.slot_offset[s]:f.slot_offset[s + 1]]
    return out


def plans_to_vector(game: ExtensiveFormGame, plans: Sequence[np.ndarray], exact: bool) -> np.ndarray:
    """Behaviour strategies (as a slot vector) from each player's realization plan.

    At an information set the player's own plan reaches, an action's
    probability is the realization probability of the sequence through it
    over the sum for the set's actions (that of the set itself, for an exact
    plan).  At a set the player's own moves rule out, the behaviour is
    irrelevant to every payoff; it is set to a pure best response, so the
    result reads as a plan.
    """
    f = game.flat
    vector = np.zeros(int(f.slot_offset[-1]), dtype=object if exact else float)
    undefined = []
    for p, x in enumerate(plans):
        if not exact:
            x = np.clip(np.asarray(x, dtype=float), 0.0, None)
        for s in np.flatnonzero(f.set_player == p).tolist():
            a0 = 1 + int(f.seq_offset[s])
            probs = x[a0:a0 + int(f.set_size[s])]
            total = sum(probs) if exact else float(np.sum(probs))
            if x[int(f.set_memory[s])] > (0 if exact else 1e-12) and total > 0:
                vector[f.slot_offset[s]:f.slot_offset[s + 1]] = [_plain(q / total) if exact else q / total
                                                                  for q in probs]
            else:
                vector[f.slot_offset[s]] = 1
                undefined.append(s)
    if undefined:
        _, _, best = evaluate(game, vector, exact)
        for s in undefined:
            vector[f.slot_offset[s]:f.slot_offset[s + 1]] = 0
            vector[f.slot_offset[s] + best.get(s, 0)] = 1
    return vector


def mixed_to_vector(game: ExtensiveFormGame, mixed: Sequence[Sequence[Any]], exact: bool) -> np.ndarray:
    """``mixed_to_behavior`` as a slot vector."""
    plans = []
    for p in range(len(game.players)):
        reduced = reduced_plans(game, p)
        mix = np.array([_plain(Fraction(q)) if exact else float(q) for q in mixed[p]],
                       dtype=object if exact else float)
        if len(mix) != len(reduced):
            raise InvalidGameError(f"{game.players[p]} has {len(reduced)} reduced strategies, "
                                   f"the mixed strategy gives {len(mix)} probabilities")
        plans.append(plan_consistency(game, p, reduced).T.astype(object if exact else float).dot(mix))
    return plans_to_vector(game, plans, exact)


@accepts_peer_games
def mixed_to_behavior(game: ExtensiveFormGame, mixed: Sequence[Sequence[Any]],
                      exact: bool | None = None) -> Behavior:
    """Behaviour strategies equivalent to mixed strategies over the reduced plans (Kuhn 1953).

    Kuhn's conversion: the behaviour profile reaches every leaf with the same
    probability as the mixed strategies.  ``mixed[p]`` holds player ``p``'s
    probabilities over its reduced plans, in the order of
    ``reduced_normal_form``.  Each player's
    realization plan (the probability of each of its sequences) is the sum
    over the plans consistent with the sequence; behaviour follows by
    ``plans_to_vector``: at a set the player's own moves rule out, a pure
    best response.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with perfect recall.
    mixed : sequence of sequence of number
        Per player, a probability for each of its reduced plans.
    exact : bool or None
        Rational arithmetic (True) or floating point (False); default (None):
        exact when the tree and the given probabilities are rational.

    Returns
    -------
    tuple
        The behaviour profile ``behavior[player][infoset][action]``.

    Raises
    ------
    InvalidGameError
        For a wrong number of probabilities, or a tree without perfect recall.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.
    Contributions to the Theory of Games II, 193-216.

    Examples
    --------
    >>> import gametheory as gt
    >>> from fractions import Fraction
    >>> horse = gt.read_game("selten-horse")
    >>> gt.reduced_normal_form(horse).actions
    (('C', 'D'), ('c', 'd'), ('L', 'R'))
    >>> gt.mixed_to_behavior(horse, [[0, 1], [1, 0], [Fraction(1, 3), Fraction(2, 3)]])
    (((0, 1),), ((1, 0),), ((Fraction(1, 3), Fraction(2, 3)),))
    """
    exact = _exact_default(game, exact, mixed)
    return as_behavior(game, mixed_to_vector(game, mixed, exact))


@accepts_peer_games
def behavior_to_mixed(game: ExtensiveFormGame, behavior: Sequence[Sequence[Sequence[Any]]],
                      exact: bool | None = None) -> tuple[tuple[Any, ...], ...]:
    """Mixed strategies over the reduced plans equivalent to a behaviour profile (Kuhn 1953).

    The converse of ``mixed_to_behavior``: a plan's probability is the
    product of the behaviour probabilities of its actions at the information
    sets it does not rule out.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree.
    behavior : nested sequence
        ``behavior[player][infoset][action]``, as for ``behavior_payoffs``.
    exact : bool or None
        Rational arithmetic (True) or floating point (False); default (None):
        exact when the tree and the given probabilities are rational.

    Returns
    -------
    tuple of tuple
        Per player, a probability for each of its reduced plans, in the order
        of ``reduced_normal_form``.

    Raises
    ------
    InvalidGameError
        For a profile of the wrong shape or with invalid probabilities.

    Examples
    --------
    >>> import gametheory as gt
    >>> entry = gt.read_game("entry")
    >>> from fractions import Fraction
    >>> gt.behavior_to_mixed(entry, [[[1, 0]], [[Fraction(1, 2), Fraction(1, 2)]]])
    ((1, 0), (Fraction(1, 2), Fraction(1, 2)))
    """
    exact = _exact_default(game, exact, behavior)
    f = game.flat
    vector = as_vector(game, behavior, exact)
    out = []
    for p in range(len(game.players)):
        plans = reduced_plans(game, p)
        sets = np.flatnonzero(f.set_player == p)
        probs = np.ones(len(plans), dtype=object if exact else float)
        for j, s in enumerate(sets.tolist()):
            chosen = plans[:, j]
            on = chosen >= 0
            probs[on] = probs[on] * vector[f.slot_offset[s] + chosen[on]]
        out.append(tuple(_plain(q) for q in probs) if exact else tuple(float(q) for q in probs))
    return tuple(out)


@accepts_peer_games
def pure_actions(game: ExtensiveFormGame, behavior: Behavior) -> dict[tuple[str, str], str]:
    """The action taken at each information set by a pure behaviour profile.

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : nested sequence
        ``behavior[player][set][action]``, each set's probabilities 0 or 1
        (e.g. ``Equilibrium.behavior`` of a pure equilibrium).

    Returns
    -------
    dict
        ``{(player, information set): action}`` in the tree's information-set order.

    Raises
    ------
    InvalidGameError
        When some information set is not played purely.

    Examples
    --------
    >>> import gametheory as gt
    >>> game = gt.read_game("entry")
    >>> [eq] = gt.backward_induction(game)
    >>> pure_actions(game, eq.behavior)
    {('Entrant', 'e'): 'In', ('Incumbent', 'i'): 'Accommodate'}
    """
    chosen: dict[tuple[str, str], str] = {}
    for p, sets in enumerate(behavior):
        player = game.players[p]
        for name, probs in zip(game.player_infosets(p), sets):
            played = [a for a, q in enumerate(probs) if q != 0]
            if len(played) != 1 or probs[played[0]] != 1:
                raise InvalidGameError(f"pure_actions: {player!r} mixes at information set {name!r}")
            chosen[(player, name)] = game.infosets[(player, name)][played[0]]
    return {key: chosen[key] for key in game.infoset_keys}
