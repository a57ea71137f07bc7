"""Subgame-perfect equilibria of game trees, by backward induction over subgames.

Algorithm (Selten 1965; Kuhn 1953 for perfect information):

1. Find the *subgames*: a node roots one when every information set that
   meets its subtree lies inside it.  With the tree in depth-first order a
   subtree is an interval of node numbers, so this is one pass comparing each
   information set's first and last node with the interval.
2. From the deepest subgame up, replace each proper subgame by a leaf
   carrying the payoffs of an equilibrium chosen for it, and solve what is
   left (the *truncated* subgame): a single decision node by taking every best
   action, a chance node by averaging, anything larger by a normal-form solver
   on its reduced normal form, whose mixed equilibria become behaviour
   strategies by Kuhn's theorem.  Every combination of the proper subgames'
   equilibria is followed, so the list holds every SPE whenever the
   normal-form solver returns every equilibrium.
3. Perfect-information trees take a fast path, backward induction
   (``backward_induction``): one vectorised pass; only when some decision
   node has tied best actions is every pure SPE enumerated.

Every profile is then verified to be subgame perfect: in each subgame, with
the proper subgames replaced by their values under the profile, no player can
gain by deviating (regret exactly 0 in rational arithmetic).  For a subgame
whose truncation is a single node this is the one-shot deviation check,
vectorised over the whole tree.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any, cast

import numpy as np

from ..arithmetic import Number, float_arithmetic
from ..context import Context
from ..errors import GameTooLargeError, InvalidGameError
from ..games.behavior import evaluate, mixed_to_behavior
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..games.tree import (
    CHANCE,
    DECISION,
    OUTCOME,
    ExtensiveFormGame,
    Node,
    _plain,
    _segments,
    reduced_normal_form,
    reduced_plans,
)
from ._tree import tree_context, verified_behaviour
from .agent_qre import solve_agent_qre
from .registry import solve_normal_form, traces_qre
from .result import Equilibrium, SolverResult, default_tolerance
from .sequence_form import solve_sequence_form

__all__ = ["backward_induction", "subgame_roots", "solve_spe",
           "verify_subgame_perfect", "node_values", "tree_equilibrium", "MAX_EQUILIBRIA"]


def tie_tolerance(game: ExtensiveFormGame, exact: bool) -> float:
    """Payoff differences treated as ties: 0 in exact arithmetic, else 1e-12 of the largest payoff."""
    if exact:
        return 0
    leaves = game.flat.payoff[game.flat.leaves]
    return 1e-12 * max(1.0, float(np.max(np.abs(leaves))) if leaves.size else 1.0)


def induction_pass(game: ExtensiveFormGame, exact: bool, values: np.ndarray | None = None):
    """One backward-induction pass over a perfect-information tree.

    Returns ``(values, choice, ties)``: each node's payoff vector, the action
    index chosen at each decision node (the first maximiser; -1 elsewhere),
    and whether some decision node has several maximisers (within
    ``tie_tolerance``).  Bushy trees are processed one depth level at a
    time with numpy, deep ones node by node.
    """
    f = game.flat
    if values is None:
        values = f.payoffs(exact).copy()
    prob = f.probabilities(exact)
    tol = tie_tolerance(game, exact)
    choice = np.full(f.n, -1, dtype=np.int64)
    ties = False
    if f.vectorise_levels():
        for level in reversed(f.levels()):
            for kind in (CHANCE, DECISION):
                nodes = level[f.kind[level] == kind]
                if not len(nodes):
                    continue
                kids, off, counts = _segments(f, nodes)
                if kind == CHANCE:
                    values[nodes] = np.add.reduceat(values[kids] * prob[kids][:, None], off, axis=0)
                    continue
                mine = values[kids, np.repeat(f.player[nodes], counts)]
                best = np.maximum.reduceat(mine, off)
                top = np.asarray(mine >= np.repeat(best, counts) - tol, dtype=bool)
                first = np.minimum.reduceat(np.where(top, np.arange(len(kids)), len(kids)), off)
                ties = ties or bool(np.any(np.add.reduceat(top.astype(np.int64), off) > 1))
                choice[nodes] = first - off
                values[nodes] = values[kids[first]]
        return values, choice, ties
    rows = values.tolist()
    kind, player = f.kind.tolist(), f.player.tolist()
    ptr, idx, probs = f.child_ptr.tolist(), f.child_idx.tolist(), prob.tolist()
    chosen = choice.tolist()
    for i in range(f.n - 1, -1, -1):
        if kind[i] == OUTCOME:
            continue
        kids = idx[ptr[i]:ptr[i + 1]]
        if kind[i] == CHANCE:
            rows[i] = [sum(probs[c] * rows[c][j] for c in kids) for j in range(len(rows[i]))]
            continue
        p = player[i]
        mine = [rows[c][p] for c in kids]
        best = max(mine)
        tied = [a for a, v in enumerate(mine) if v >= best - tol]
        ties = ties or len(tied) > 1
        chosen[i] = tied[0]
        rows[i] = rows[kids[tied[0]]]
    values = np.array(rows, dtype=values.dtype)
    return values, np.array(chosen, dtype=np.int64), ties


#: Most subgame-perfect equilibria ``backward_induction`` lists before refusing.
MAX_EQUILIBRIA = 100_000


def all_pure_spe(game: ExtensiveFormGame, exact: bool) -> list[tuple[tuple, np.ndarray]]:
    """Every pure subgame-perfect equilibrium of a perfect-information tree with ties.

    From the leaves up, each node keeps the list of its subtree's equilibria,
    one per combination of its children's equilibria (and, at a decision node,
    per tied best action): an equilibrium is stored as its value, the action
    taken and the indices of the children's equilibria, and the choices are
    read off at the end.  Returns ``(payoffs, choice)`` pairs.
    """
    f = game.flat
    tol = tie_tolerance(game, exact)
    pays = f.payoffs(exact).tolist()
    prob = f.probabilities(exact).tolist()
    kind, player = f.kind.tolist(), f.player.tolist()
    ptr, idx = f.child_ptr.tolist(), f.child_idx.tolist()
    k = len(game.players)
    sols: list[list[tuple[tuple, int, tuple]]] = [[] for _ in range(f.n)]
    for i in range(f.n - 1, -1, -1):
        if kind[i] == OUTCOME:
            sols[i] = [(tuple(pays[i]), -1, ())]
            continue
        kids = idx[ptr[i]:ptr[i + 1]]
        lists = [sols[c] for c in kids]
        total = 1
        for sub in lists:
            total *= len(sub)
        if total > MAX_EQUILIBRIA:
            raise GameTooLargeError(f"more than {MAX_EQUILIBRIA} subgame-perfect equilibria")
        out = []
        for combo in itertools.product(*(range(len(sub)) for sub in lists)):
            vals = [sub[c][0] for sub, c in zip(lists, combo)]
            if kind[i] == CHANCE:
                out.append((tuple(sum(prob[c] * v[j] for c, v in zip(kids, vals)) for j in range(k)),
                            -1, combo))
                continue
            p = player[i]
            best = max(v[p] for v in vals)
            out.extend((v, a, combo) for a, v in enumerate(vals) if v[p] >= best - tol)
            if len(out) > MAX_EQUILIBRIA:
                raise GameTooLargeError(f"more than {MAX_EQUILIBRIA} subgame-perfect equilibria")
        sols[i] = out
    found = []
    for s in range(len(sols[0])):
        choice = np.full(f.n, -1, dtype=np.int64)
        stack = [(0, s)]
        while stack:
            i, j = stack.pop()
            _, a, combo = sols[i][j]
            if a >= 0:
                choice[i] = a
            kids = idx[ptr[i]:ptr[i + 1]]
            stack.extend(zip(kids, combo))
        found.append((sols[0][s][0], choice))
    return found


@accepts_peer_games
def backward_induction(game: ExtensiveFormGame, exact: bool | None = None,
                       tol: float | None = None, *, context: Context | None = None) -> SolverResult:
    """Every pure subgame-perfect equilibrium of a perfect-information game.

    Backward induction (Kuhn 1953; Selten 1965): at each decision node, from
    the leaves up, the mover picks an action maximising its payoff given the
    continuation; chance nodes average.  One pass over the tree's arrays
    (numpy per depth level for bushy trees) finds an equilibrium; when no
    decision node has tied best actions it is the only one.  Otherwise every
    pure equilibrium is enumerated (ties can change what players earlier in
    the tree prefer), none twice.  Exact payoffs give exact comparisons; in
    float arithmetic payoffs within ``1e-12`` of the largest are ties.  Each
    equilibrium is verified subgame perfect before it is returned.

    Parameters
    ----------
    game : ExtensiveFormGame
        With perfect information (every information set a single node).
    exact : bool or None
        Rational arithmetic (the default where the tree is rational) or floating point.
    tol : float or None
        Float mode: the largest regret accepted (default 1e-9 times the largest
        absolute payoff, at least 1e-9).
    context : Context, optional
        The computation's arithmetic, deadline and progress (overrides ``exact`` and ``tol``).

    Returns
    -------
    SolverResult
        ``method`` is ``"spe"``; each equilibrium is pure, with ``behavior``
        (``pure_actions`` names its actions)
        and empty ``strategies``.  ``complete`` is False when ties leave
        mixed SPE unlisted (``degenerate`` is then True).  With more than
        ``MAX_EQUILIBRIA`` (100,000) pure SPE (ties at many nodes, as in
        tic-tac-toe) one per distinct payoff vector is listed instead, with
        a note.  ``parameters`` holds ``subgames`` (the number of decision
        and chance nodes, each the root of a subgame) and, in float mode,
        ``tolerance``.

    Raises
    ------
    InvalidGameError
        For a game that is not a tree, or a tree with imperfect information.
    GameTooLargeError
        When, even with one equilibrium kept per distinct payoff vector, some
        subgame has more than ``MAX_EQUILIBRIA`` combinations to examine.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.
    Contributions to the Theory of Games II, 193-216.
    Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfrageträgheit. Zeitschrift für die gesamte Staatswissenschaft 121,
    301-324 and 667-689.

    Examples
    --------
    >>> import gametheory as gt
    >>> game = gt.read_game("entry")
    >>> [(gt.pure_actions(game, eq.behavior), eq.payoffs) for eq in backward_induction(game)]
    [({('Entrant', 'e'): 'In', ('Incumbent', 'i'): 'Accommodate'}, (Fraction(1, 1), Fraction(1, 1)))]
    """
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"backward induction needs a game tree, got {type(game).__name__}")
    if not game.perfect_information:
        raise InvalidGameError("backward induction needs perfect information; this game has an "
                               "information set with several nodes")
    return solve_spe(game, exact=exact, tol=tol, context=context)

def _bottom_up(game: ExtensiveFormGame, values: np.ndarray, combine) -> np.ndarray:
    """Fill internal nodes from their children, deepest first; ``combine(nodes, kids, off)``."""
    f = game.flat
    if f.vectorise_levels():
        for level in reversed(f.levels()):
            nodes = level[f.kind[level] != OUTCOME]
            if len(nodes):
                kids, off, _ = _segments(f, nodes)
                values[nodes] = combine(nodes, kids, off)
        return values
    internal = np.flatnonzero(f.kind != OUTCOME)[::-1]
    for i in internal.tolist():
        node = np.array([i])
        kids, off, _ = _segments(f, node)
        values[i] = combine(node, kids, off)[0]
    return values


def subgame_roots(game: ExtensiveFormGame) -> np.ndarray:
    """The nodes (depth-first numbers, ascending) that root a subgame; 0 is always one.

    A decision or chance node roots a subgame when every information set with
    a node in its subtree has all its nodes there (Selten 1965).
    """
    f = game.flat
    n = f.n
    lo = np.arange(n)
    hi = np.arange(n)
    dec = np.flatnonzero(f.kind == DECISION)
    if len(dec):
        sets = f.infoset[dec]
        first = np.full(len(game.infoset_keys), n, dtype=np.int64)
        last = np.full(len(game.infoset_keys), -1, dtype=np.int64)
        np.minimum.at(first, sets, dec)
        np.maximum.at(last, sets, dec)
        lo[dec] = first[sets]
        hi[dec] = last[sets]
    lo = lo.reshape(n, 1).copy()
    hi = hi.reshape(n, 1).copy()
    both = np.hstack([lo, -hi])                   # min over the subtree of (lo, -hi)
    both = _bottom_up(game, both, lambda nodes, kids, off: np.minimum(
        both[nodes], np.minimum.reduceat(both[kids], off, axis=0)))
    i = np.arange(n)
    ok = (both[:, 0] >= i) & (-both[:, 1] < f.end) & (f.kind != OUTCOME)
    ok[0] = True
    return np.flatnonzero(ok)


def node_values(game: ExtensiveFormGame, vector: np.ndarray, exact: bool) -> np.ndarray:
    """Each node's expected payoffs (one row per node) when play starts there and follows
    the profile."""
    f = game.flat
    values = f.payoffs(exact).copy()
    prob = f.probabilities(exact)
    edge = prob.copy()
    kids_all = np.arange(1, f.n)
    dec = f.kind[f.parent[kids_all]] == DECISION
    par = f.parent[kids_all][dec]
    edge[kids_all[dec]] = vector[f.slot_offset[f.infoset[par]] + f.action[kids_all[dec]]]

    if not f.vectorise_levels():
        # deep trees: node by node, on Python lists
        rows, weights = values.tolist(), edge.tolist()
        kind, ptr, idx = f.kind.tolist(), f.child_ptr.tolist(), f.child_idx.tolist()
        k = values.shape[1]
        for i in range(f.n - 1, -1, -1):
            if kind[i] != OUTCOME:
                kids = idx[ptr[i]:ptr[i + 1]]
                rows[i] = [sum(weights[c] * rows[c][j] for c in kids) for j in range(k)]
        return np.array(rows, dtype=values.dtype)

    def combine(nodes, kids, off):
        return np.add.reduceat(values[kids] * edge[kids][:, None], off, axis=0)

    return _bottom_up(game, values, combine)


def _parts(game: ExtensiveFormGame, roots: np.ndarray) -> tuple[list[list[int]], np.ndarray]:
    """For each subgame root, its maximal proper subgames (the roots directly below it), and
    whether its truncation is a single node (every child a leaf or a subgame root)."""
    f = game.flat
    children: list[list[int]] = [[] for _ in roots]
    stack: list[int] = []                          # positions in roots of the open ancestors
    for j, r in enumerate(roots.tolist()):
        while stack and f.end[roots[stack[-1]]] <= r:
            stack.pop()
        if stack:
            children[stack[-1]].append(r)
        stack.append(j)
    is_root = np.zeros(f.n, dtype=bool)
    is_root[roots] = True
    single = np.zeros(len(roots), dtype=bool)
    for j, r in enumerate(roots.tolist()):
        kids = f.child_idx[f.child_ptr[r]:f.child_ptr[r + 1]]
        single[j] = bool(np.all((f.kind[kids] == OUTCOME) | is_root[kids]))
    return children, single


def _subgame_structure(game: ExtensiveFormGame) -> tuple[np.ndarray, list[list[int]], np.ndarray]:
    """Subgame roots, the subgames directly below each, and single-node truncations (cached)."""
    cached = getattr(game, "_subgame_structure", None)
    if cached is None:
        if game.perfect_information:
            # every decision and chance node roots a subgame whose truncation is that node
            f = game.flat
            roots = np.flatnonzero(f.kind != OUTCOME)
            if not len(roots) or roots[0] != 0:
                roots = np.concatenate([[0], roots]).astype(np.int64)
            # the subgames directly below a node: its children that are not leaves
            inner = roots[roots > 0]
            position = np.searchsorted(roots, f.parent[inner])
            order = np.argsort(position, kind="stable")
            cuts = np.searchsorted(position[order], np.arange(1, len(roots)))
            children = [part.tolist() for part in np.split(inner[order], cuts)]
            cached = (roots, children, np.ones(len(roots), dtype=bool))
        else:
            roots = subgame_roots(game)
            cached = (roots, *_parts(game, roots))
        game._subgame_structure = cached
    return cached


def verify_subgame_perfect(game: ExtensiveFormGame, vector: np.ndarray, exact: bool,
                           tol: float = 0.0) -> Any:
    """The largest regret of the profile in any subgame (0 exactly at an SPE in exact mode).

    Each subgame is checked with its proper subgames replaced by their values
    under the profile; that suffices by induction over the subgames.
    """
    f = game.flat
    roots, children, single = _subgame_structure(game)
    values = node_values(game, vector, exact)
    worst = 0
    # single-node truncations: the one-shot deviation check, vectorised
    ones = roots[single]
    movers = ones[f.kind[ones] == DECISION]
    if len(movers):
        kids, off, counts = _segments(f, movers)
        mine = values[kids, np.repeat(f.player[movers], counts)]
        best = np.maximum.reduceat(mine, off)
        gain = best - values[movers, f.player[movers]]
        worst = max(worst, max(gain.tolist()))
    for j in np.flatnonzero(~single).tolist():
        r = int(roots[j])
        cuts = {c: values[c].tolist() for c in children[j]}
        _, regrets, _ = evaluate(game, vector, exact, root=r, cuts=cuts)
        worst = max(worst, max(regrets))
    return _plain(worst) if exact else max(float(worst), 0.0)


def tree_equilibrium(game: ExtensiveFormGame, vector: np.ndarray, exact: bool, tol: float,
                     subgame_perfect: bool = False,
                     strategies: tuple = ()) -> Equilibrium:
    """Verify a behaviour profile (Nash, or subgame perfect) and wrap it as an Equilibrium.

    Raises ``VerificationError`` when the regret exceeds ``tol`` (0 in
    exact mode): a returned profile that is not an equilibrium is a bug.
    """
    extra = verify_subgame_perfect(game, vector, exact, tol) if subgame_perfect else 0
    return verified_behaviour(game, vector, exact, tol, strategies=strategies, extra_regret=extra)


def _pure_vector(game: ExtensiveFormGame, choice: np.ndarray, exact: bool) -> np.ndarray:
    f = game.flat
    vector = np.zeros(int(f.slot_offset[-1]), dtype=object if exact else float)
    dec = np.flatnonzero(f.kind == DECISION)
    vector[f.slot_offset[f.infoset[dec]] + choice[dec]] = 1
    return vector


def _truncated(game: ExtensiveFormGame, root: int, cuts: dict[int, list]) -> ExtensiveFormGame:
    """The subgame at ``root`` as its own tree, with the subtrees at ``cuts`` made leaves."""
    f = game.flat
    built: dict[int, Node] = {}
    inside = np.arange(root, f.end[root])
    skip = np.zeros(len(inside), dtype=bool)
    for c in cuts:
        skip[c + 1 - root:f.end[c] - root] = True
    for i in inside[~skip][::-1].tolist():
        if i in cuts:
            built[i] = Node("outcome", payoffs=tuple(cuts[i]))
            continue
        node = game.node(i)
        if node.kind == "outcome":
            built[i] = Node("outcome", payoffs=node.payoffs)
            continue
        kids = f.child_idx[f.child_ptr[i]:f.child_ptr[i + 1]].tolist()
        built[i] = Node(node.kind, player=node.player, infoset=node.infoset, actions=node.actions,
                        children=tuple(built.pop(c) for c in kids), probabilities=node.probabilities)
    return ExtensiveFormGame(built[root], game.players, title=game.title)


@accepts_peer_games
def solve_spe(game: ExtensiveFormGame, exact: bool | None = None,
              method: str = "auto", tol: float | None = None,
              distinct_payoffs: bool = False, *,
              context: Context | None = None) -> SolverResult:
    """The subgame-perfect equilibria of a game tree (see the module notes for the algorithm).

    Each subgame, from the deepest up, is solved with its proper subgames
    replaced by the payoffs of their equilibria, every combination followed:
    a truncated subgame of one node by its mover's best actions, a larger one
    by the normal-form ``method`` on its reduced normal form among the
    players who move in it.  With ``method="auto"``, a subgame whose normal
    form is too large to build, or on which ``auto`` would only trace a QRE,
    is solved on the subtree instead: the sequence form for two players, the
    agent logit QRE for more.  Perfect-information trees take the fast path
    of ``backward_induction``.  Every profile is then verified to be
    subgame perfect.  When a truncated subgame's equilibria are irrational,
    the whole tree is solved again in floating point, with a note.

    Parameters
    ----------
    game : ExtensiveFormGame
    exact : bool or None
        Rational arithmetic (the default where the tree is rational) or floating point.
    method : str
        The normal-form method for truncated subgames larger than one node
        (``auto`` by default: all extreme equilibria for two players,
        ``polynomial`` for small n-player subgames).
    tol : float or None
        Float mode: the largest regret accepted (default 1e-9 times the largest
        absolute payoff, at least 1e-9).
    distinct_payoffs : bool
        List one SPE per distinct payoff vector: in every subgame, equilibria
        with the same payoffs are merged before the subgames above combine
        them, so SPE that differ only in play that changes no subgame's value
        are not all enumerated (their number multiplies across subgames).
        Every SPE payoff vector found is still represented.
    context : Context, optional
        The computation's arithmetic, deadline and progress (overrides ``exact``
        and ``tol``); truncated subgames are solved under it, float mode scaling
        the tolerance to each subgame's payoffs.

    Returns
    -------
    SolverResult
        ``method`` is ``"spe"``; each equilibrium carries ``behavior`` (and
        empty ``strategies``).  ``complete`` is True when the list holds every
        SPE: no tied best actions (mixing between tied actions gives further
        SPE), every subgame solver complete and no truncated subgame
        degenerate (a degenerate one may have a continuum of equilibria, of
        which only the extreme ones are listed).  ``parameters`` holds
        ``subgames`` (the number of subgames; on the perfect-information
        path, of decision and chance nodes), ``subgame_methods`` (the methods
        that solved truncated subgames; not on the perfect-information path)
        and, in float mode, ``tolerance``.

    Raises
    ------
    InvalidGameError
        For a game that is not a tree, or a tree without perfect recall.
    GameTooLargeError
        When some subgame has more than ``MAX_EQUILIBRIA`` (100,000)
        combinations of equilibria to examine, or (with an explicit
        ``method``) a truncated subgame's normal form is too large to build.

    References
    ----------
    Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfrageträgheit. Zeitschrift für die gesamte Staatswissenschaft 121,
    301-324 and 667-689.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = solve_spe(gt.read_game("entry"))
    >>> [[[str(q) for q in probs] for probs in sets] for sets in res.equilibria[0].behavior]
    [[['0', '1']], [['0', '1']]]
    >>> res.complete
    True

    Matching pennies after an exit option: the subgame is solved first, and
    A takes the exit worth more than the subgame's value 0:

    >>> pennies = gt.decision("A", "a", {
    ...     "H": gt.decision("B", "b", {"h": gt.outcome(1, -1), "t": gt.outcome(-1, 1)}),
    ...     "T": gt.decision("B", "b", {"h": gt.outcome(-1, 1), "t": gt.outcome(1, -1)})})
    >>> exit_game = gt.ExtensiveFormGame(
    ...     gt.decision("A", "enter", {"Out": gt.outcome(1, 0), "In": pennies}), ["A", "B"])
    >>> res = solve_spe(exit_game)
    >>> [[[str(q) for q in probs] for probs in sets] for sets in res[0].behavior]
    [[['1', '0'], ['1/2', '1/2']], [['1/2', '1/2']]]
    >>> res.parameters["subgames"], res.parameters["subgame_methods"]
    (2, ['vertex'])
    """
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"subgame-perfect equilibria need a game tree, got {type(game).__name__}")
    game.require_perfect_recall("method 'spe' (backward induction over subgames)")
    ctx = tree_context(game, exact, tol, context)
    if ctx.arithmetic.exact:
        try:
            return _solve_spe(game, ctx, method, distinct_payoffs)
        except _Irrational as why:
            # a truncated subgame's equilibria are irrational: the whole tree in floating point
            floating = tree_context(game, False, tol, None)
            result = _solve_spe(game, context.with_arithmetic(floating.arithmetic)
                                if context is not None else floating, method, distinct_payoffs)
            return replace(result, notes=(str(why),) + result.notes)
    return _solve_spe(game, ctx, method, distinct_payoffs)


class _Irrational(Exception):
    """A truncated subgame's equilibria are not rational: exact arithmetic cannot hold them."""


def _solve_spe(game: ExtensiveFormGame, ctx: Context, method: str,
               distinct_payoffs: bool) -> SolverResult:
    exact = ctx.arithmetic.exact
    tol = 0.0 if exact else cast(float, ctx.arithmetic.tol)       # float mode has one
    notes: list[str] = []
    if game.perfect_information and not (distinct_payoffs and _has_ties(game, exact)):
        _, choice, ties = induction_pass(game, exact)
        try:
            found = [c for _, c in all_pure_spe(game, exact)] if ties else [choice]
        except GameTooLargeError:
            # ties everywhere (tic-tac-toe): too many to list; one per payoff vector instead
            result = _solve_spe(game, ctx, method, True)
            return replace(result, complete=False, notes=(
                f"more than {MAX_EQUILIBRIA:,} subgame-perfect equilibria (tied best actions at "
                "many nodes): one per distinct payoff vector is listed (as with "
                "distinct_payoffs=True)",) + result.notes)
        vectors = [_pure_vector(game, c, exact) for c in found]
        complete, degenerate, stats = not ties, ties, {"subgames": int(np.sum(game.flat.kind != OUTCOME))}
        if ties:
            notes.append("some player has tied best actions: every pure SPE is listed, and mixing "
                         "between tied actions gives further SPE")
    else:
        vectors, complete, degenerate, stats = _by_subgames(game, ctx, method, notes,
                                                            distinct_payoffs)
    equilibria = []
    seen = set()
    for v in vectors:
        key = tuple(v.tolist())
        if key in seen:
            continue
        seen.add(key)
        equilibria.append(tree_equilibrium(game, v, exact, tol, subgame_perfect=True))
    params: dict[str, Any] = dict(stats)
    if not exact:
        params["tolerance"] = tol
    return SolverResult(game=game, method="spe", exact=exact, equilibria=tuple(equilibria),
                        complete=complete, degenerate=degenerate, parameters=params, notes=tuple(notes))


def _solve_truncated(sub: ExtensiveFormGame, method: str, ctx: Context, tie_tol: Any):
    """Equilibria of a truncated subgame on its reduced normal form, among the players who move
    in it.  Returns ``(found, complete, degenerate, method)`` with ``found`` a list of
    ``(payoffs, behaviour)``."""
    exact = ctx.arithmetic.exact
    if method == "qre":
        return _on_the_tree(sub, ctx, qre=True)
    if method == "auto":
        sizes = [len(reduced_plans(sub, p)) for p in range(len(sub.players))]
        if traces_qre(tuple(m for m in sizes if m > 1)):
            return _on_the_tree(sub, ctx)        # one equilibrium: the tree's own QRE is cheaper
    try:
        normal = reduced_normal_form(sub)
    except GameTooLargeError:
        if method != "auto":
            raise
        return _on_the_tree(sub, ctx)
    k = len(sub.players)
    active = [p for p in range(k) if normal.shape[p] > 1]
    fixed = tuple(slice(None) if p in active else 0 for p in range(k))
    arrays = [normal.payoffs[p][fixed] for p in range(k)]
    if len(active) <= 1:
        # a decision problem: every best plan (ties: mixtures are equilibria too)
        if not active:
            return [([a.item() if hasattr(a, "item") else a for a in arrays],
                     mixed_to_behavior(sub, [(1,)] * k, exact))], True, False, ""
        p = active[0]
        mine = list(arrays[p])
        best = max(mine)
        top = [j for j, v in enumerate(mine) if v >= best - tie_tol]
        found = []
        for j in top:
            mixed: list[tuple[Number, ...]] = [
                tuple(1 if i == j else 0 for i in range(normal.shape[q])) if q == p else (1,)
                for q in range(k)]
            found.append(([arrays[q][j] for q in range(k)], mixed_to_behavior(sub, mixed, exact)))
        return found, len(top) == 1, len(top) > 1, "best response"
    small = NormalFormGame([arrays[p] for p in active], players=[sub.players[p] for p in active],
                           actions=[normal.actions[p] for p in active], title=sub.title)
    # float mode: the tolerance scales with the subgame's own payoffs
    sub_ctx = ctx if exact else ctx.with_arithmetic(float_arithmetic(default_tolerance(small)))
    result = solve_normal_form(small, method=method, context=sub_ctx)
    if exact and not result.exact:
        raise _Irrational(f"a truncated subgame ({' x '.join(map(str, small.shape))}) has "
                          "irrational equilibria: the tree is solved in floating point")
    found = []
    for eq in result.equilibria:
        mixed, it = [], iter(eq.strategies)
        for p in range(k):
            mixed.append(next(it) if p in active else (1,))
        # the players who do not move here still earn what the others' play gives them
        payoffs, _ = normal.payoffs_and_regrets(normal.as_profile(mixed, exact=exact))
        found.append((payoffs, mixed_to_behavior(sub, mixed, exact)))
    return found, result.complete, bool(result.degenerate), result.method


def _on_the_tree(sub: ExtensiveFormGame, ctx: Context, qre: bool = False):
    """One equilibrium of a truncated subgame too large for its normal form (or whose normal
    form ``auto`` would only trace a QRE on, or when ``qre`` is asked for): the agent logit QRE
    traced on the subtree (two players, unless ``qre``: the sequence form, exact).  Returns what
    ``_solve_truncated`` returns."""
    exact = ctx.arithmetic.exact
    if len(sub.players) == 2 and not qre:
        result = solve_sequence_form(sub, context=ctx)
    else:
        result = solve_agent_qre(sub, context=ctx)
    if exact and not result.exact:
        raise _Irrational(f"a truncated subgame ({sub.num_nodes} nodes) has no exact equilibrium "
                          f"within reach of the {result.method} method: the tree is solved in "
                          "floating point")
    found = [(eq.payoffs, eq.behavior) for eq in result.equilibria]
    return found, result.complete, bool(result.degenerate), f"{result.method} on the tree"


def _has_ties(game: ExtensiveFormGame, exact: bool) -> bool:
    return induction_pass(game, exact)[2]


def _by_subgames(game: ExtensiveFormGame, ctx: Context, method: str,
                 notes: list[str], distinct_payoffs: bool = False
                 ) -> tuple[list[np.ndarray], bool, bool | None, dict]:
    """Fold the tree back subgame by subgame; every combination of subgame equilibria."""
    f = game.flat
    exact = ctx.arithmetic.exact
    roots, children, single = _subgame_structure(game)
    set_number = {key: s for s, key in enumerate(game.infoset_keys)}
    sols: dict[int, list[tuple[tuple, dict[int, tuple]]]] = {}
    complete, degenerate = True, False
    used: set[str] = set()
    tie_tol = tie_tolerance(game, exact)
    prob = f.probabilities(exact)
    for j in range(len(roots) - 1, -1, -1):
        ctx.check("spe")
        ctx.report("spe", len(roots) - 1 - j, len(roots))
        r = int(roots[j])
        subs = children[j]
        out: list[tuple[tuple, dict[int, tuple]]] = []
        combos = itertools.product(*(sols[c] for c in subs))
        for combo in combos:
            cuts = {c: list(val) for c, (val, _) in zip(subs, combo)}
            merged: dict[int, tuple] = {}
            for _, assign in combo:
                merged.update(assign)
            if single[j]:
                kids = f.child_idx[f.child_ptr[r]:f.child_ptr[r + 1]].tolist()
                rows = [cuts[c] if c in cuts else f.payoffs(exact)[c].tolist()
                        for c in kids]
                if f.kind[r] == CHANCE:
                    value = tuple(sum(prob[c] * row[q] for c, row in zip(kids, rows))
                                  for q in range(len(game.players)))
                    out.append((value, merged))
                    continue
                p = int(f.player[r])
                best = max(row[p] for row in rows)
                top = [a for a, row in enumerate(rows) if row[p] >= best - tie_tol]
                if len(top) > 1:
                    complete, degenerate = False, True
                s = int(f.infoset[r])
                for a in top:
                    probs = tuple(1 if b == a else 0 for b in range(len(rows)))
                    out.append((tuple(rows[a]), {**merged, s: probs}))
            else:
                sub = _truncated(game, r, cuts)
                found, sub_complete, sub_degenerate, name = _solve_truncated(sub, method, ctx, tie_tol)
                if name:
                    used.add(name)
                # a degenerate subgame may have a continuum, of which only extreme points are listed
                complete = complete and sub_complete and not sub_degenerate
                degenerate = degenerate or sub_degenerate
                for payoffs, behavior in found:
                    assign = dict(merged)
                    for p, sets in enumerate(behavior):
                        for name_s, probs in zip(sub.player_infosets(p), sets):
                            assign[set_number[(game.players[p], name_s)]] = probs
                    out.append((tuple(payoffs), assign))
            if len(out) > MAX_EQUILIBRIA:
                raise GameTooLargeError(f"more than {MAX_EQUILIBRIA} subgame-perfect equilibria")
        if distinct_payoffs:
            firsts: dict[tuple, tuple] = {}
            for value, assign in out:
                firsts.setdefault(tuple(value), (value, assign))
            out = list(firsts.values())
        sols[r] = out
        for c in subs:
            del sols[c]
    vectors = []
    for _, assign in sols[0]:
        vector = np.zeros(int(f.slot_offset[-1]), dtype=object if exact else float)
        for s, probs in assign.items():
            vector[f.slot_offset[s]:f.slot_offset[s + 1]] = list(probs)
        vectors.append(vector)
    if used:
        notes.append("truncated subgames solved by: " + ", ".join(sorted(used)))
    return vectors, complete, degenerate, {"subgames": int(len(roots)),
                                           "subgame_methods": sorted(used)}
