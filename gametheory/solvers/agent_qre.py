"""The agent logit QRE of a game tree: the principal branch traced on the tree itself.

An *agent quantal response equilibrium* (McKelvey and Palfrey 1998,
"Quantal response equilibria for extensive form games", Experimental
Economics 1, 9-41) at precision ``lambda`` is a behaviour profile ``b`` in
which every information set ``s`` chooses its actions by the logit rule

    b_s(a) = exp(lambda w_s(a)) / sum_c exp(lambda w_s(c)),

``w_s(a)`` being the expected payoff to the owner of ``s`` of taking ``a`` at
``s``, conditional on reaching ``s`` (every information set is reached with
positive probability while every action has positive probability).  Its
principal branch starts at uniform play for ``lambda = 0``; its limit as
``lambda`` grows is a sequential equilibrium, so a Nash equilibrium of the
tree.  This is what Gambit's ``logit`` computes on a tree: the unknowns are
the tree's behaviour probabilities, one per action of each information set,
so a tree of a few hundred nodes is solved in milliseconds although its
normal form may have more strategy profiles than memory can hold (Gambit's
``cs.efg``: four players, 64 x 2 x 8 x 512 reduced strategies).

Algorithm: the equations, in log-probabilities ``x`` and ``lambda``, are,
for each information set, ``sum_a exp(x_sa) = 1`` and, for each action ``a !=
0``, ``x_sa - x_s0 = lambda (w_s(a) - w_s(0))``; they are traced by the
predictor-corrector continuation of ``gametheory.solvers.qre`` (Turocy
2005; Allgower and Georg 1990), with the same step control.  Here one
evaluation of the equations and their Jacobian is a handful of
``numpy.bincount`` calls over index arrays built once:

* each leaf ``l`` lies below a list of (node, action) *entries*, one per
  decision node on its path; with ``P_l`` the probability of reaching ``l``
  and ``x_t`` the log-probability of the entry's action ``t`` at information
  set ``s``, ``exp(log P_l - x_t)`` is the probability of reaching the
  entry's node times the continuation probability from the action to the
  leaf, so ``w_s(a) = sum over entries with action a of u(l) exp(log P_l -
  x_t) / R_s``, with ``R_s`` the probability of reaching ``s``;
* the derivative of that sum in another action's log-probability ``x_r``
  collects the same terms over the leaves whose path also takes ``r`` (pairs
  of entries of one leaf); the derivative of ``R_s`` collects, over the nodes
  of ``s``, their reach probabilities times whether ``r`` lies on the path to
  them;
* every sum for ``s`` is scaled by the largest reach probability of a node of
  ``s``, which cancels in ``w_s`` and keeps the numbers representable when
  ``s`` lies off the path of play (its reach probability then falls like
  ``exp(-lambda)``).

Cost per evaluation: ``O(sum over leaves of depth^2)`` for the Jacobian,
``O(M^2)`` memory for ``M`` actions of all information sets together.

The end of the branch is certified: rounded to the simplest fractions nearby
when the tree is rational (kept when the regret is exactly 0), else checked in
floating point against the tolerance; if neither works the branch is traced
further with a 100 times smaller stopping regret.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, cast

import numpy as np

from ..context import Context
from ..errors import GameTooLargeError, InvalidGameError, SolverError
from ..games.behavior import evaluate
from ..games.peers import accepts_peer_games
from ..games.tree import CHANCE, DECISION, ExtensiveFormGame
from ._tree import default_tree_tolerance, tree_context, verified_behaviour
from .qre import (
    _RETRIES,
    END_DISTANCE,
    MAX_LAMBDA,
    MAX_QRE_BYTES,
    STOP_REGRET,
    _check_numbers,
    _Tracer,
)
from .result import Equilibrium, SolverResult

__all__ = ["solve_agent_qre"]


class _AgentLogitSystem:
    """The agent logit QRE equations of a tree with perfect recall, and their Jacobian.

    The interface is that of ``gametheory.solvers.qre._LogitSystem``
    (``M``, ``shape``, ``scale``, ``start``, ``evaluate``, ``regret``), with
    one "player" per information set, so the same tracer follows it.
    """

    def __init__(self, game: ExtensiveFormGame) -> None:
        game.require_perfect_recall("the agent logit QRE")
        f = game.flat
        self.game = game
        k = len(game.players)
        M = int(f.slot_offset[-1])
        self.M = M
        self.shape = tuple(int(m) for m in f.set_size)
        sets = len(self.shape)
        self.set_of_slot = np.repeat(np.arange(sets), f.set_size)
        self.first_slot = f.slot_offset[:-1].astype(np.int64)
        owner = f.set_player[self.set_of_slot].astype(np.int64)
        leaves = f.leaves
        u = f.payoff[leaves].astype(float)                                  # (L, k)
        lows = u.min(axis=0) if len(leaves) else np.zeros(k)
        spread = float(np.max(u.max(axis=0) - lows)) if len(leaves) else 0.0
        if not np.isfinite(spread):
            raise InvalidGameError("agent logit QRE: the payoff range overflows floating point; "
                                   "rescale the payoffs")
        self.scale = spread if spread > 0 else 1.0
        u = (u - lows) / self.scale
        # the slot of the edge into each node (-1 below chance nodes and at the root)
        nodes = np.arange(1, f.n)
        par = f.parent[nodes]
        into = np.full(f.n, -1, dtype=np.int64)
        dec = f.kind[par] == DECISION
        into[nodes[dec]] = f.slot_offset[f.infoset[par[dec]]] + f.action[nodes[dec]]
        with np.errstate(divide="ignore"):
            log_edge = np.where(f.kind[np.maximum(f.parent, 0)] == CHANCE,
                                np.log(f.prob.astype(float)), 0.0)
        log_edge[0] = 0.0
        decisions = np.flatnonzero(f.kind == DECISION)
        # memory, bounded before anything is built: the Jacobian and its work arrays (M x M
        # each), the entries (a leaf's or a decision node's depth each) and the pairs of entries
        # of one leaf (its depth squared)
        depth = f.depth.astype(float)
        entries = float(depth[leaves].sum() + depth[decisions].sum())
        need = 8.0 * (4.0 * M * M + 4.0 * entries + 3.0 * float((depth[leaves] ** 2).sum()))
        if need > MAX_QRE_BYTES:
            raise GameTooLargeError(
                f"agent logit QRE: {M} actions at {sets} information sets, {f.n} nodes up to "
                f"{int(f.depth.max())} deep, need up to {need / 2 ** 30:.3g} GiB "
                f"(limit {MAX_QRE_BYTES / 2 ** 30:.3g} GiB)")
        # entries: (row of the start, slot) for every decision on the path to a leaf or a node
        leaf_rows, leaf_slots, leaf_chance = self._walk(f, leaves, into, log_edge)
        node_rows, node_slots, node_chance = self._walk(f, decisions, into, log_edge)
        self.leaf_log_chance = leaf_chance
        self.leaf_rows, self.leaf_slots = leaf_rows, leaf_slots
        self.entry_set = self.set_of_slot[leaf_slots]
        self.entry_u = u[leaf_rows, owner[leaf_slots]] if len(leaf_rows) else np.zeros(0)
        self.n_leaves = len(leaves)
        # the information set's nodes: reach probability from the node entries
        self.dec_set = f.infoset[decisions].astype(np.int64)
        self.dec_log_chance = node_chance
        self.node_rows, self.node_slots = node_rows, node_slots
        self.n_dec = len(decisions)
        # pairs of entries of one leaf (slot t, slot r != t): derivatives of the action values
        order = np.argsort(leaf_rows, kind="stable")
        counts = np.bincount(leaf_rows, minlength=len(leaves))
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        first, second = [], []
        for c in np.unique(counts[counts > 1]).tolist():
            rows = np.flatnonzero(counts == c)
            block = order[starts[rows][:, None] + np.arange(c)[None, :]]           # (r, c)
            i, j = np.nonzero(~np.eye(c, dtype=bool))
            first.append(block[:, i].ravel())
            second.append(block[:, j].ravel())
        e1 = np.concatenate(first) if first else np.zeros(0, dtype=np.int64)
        e2 = np.concatenate(second) if second else np.zeros(0, dtype=np.int64)
        self.pair_entry = e1
        self.pair_flat = leaf_slots[e1] * M + leaf_slots[e2]
        # node entries: derivative of the reach probability of a node's set in a slot on its path
        self.node_flat = self.dec_set[node_rows] * M + node_slots

    @staticmethod
    def _walk(f: Any, starts: np.ndarray, into: np.ndarray, log_edge: np.ndarray):
        """The decision entries on the paths from the root to ``starts``: (row in ``starts``,
        slot taken) and each start's log chance probability."""
        rows, slots = [], []
        log_chance = np.zeros(len(starts))
        cur = starts.astype(np.int64).copy()
        idx = np.arange(len(starts))
        while len(cur):
            log_chance[idx] += log_edge[cur]
            t = into[cur]
            mine = t >= 0
            rows.append(idx[mine])
            slots.append(t[mine])
            keep = f.parent[cur] > 0
            cur, idx = f.parent[cur[keep]], idx[keep]
            # the root's own edge weight is 0; the loop stops once every path reached it
        def cat(parts):
            return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)
        return cat(rows), cat(slots), log_chance

    def start(self) -> np.ndarray:
        """The point ``(log of uniform play at every information set, lambda = 0)``."""
        return np.concatenate([np.full(m, -np.log(m)) for m in self.shape] + [[0.0]])

    def values(self, x: np.ndarray, jacobian: bool = True):
        """Conditional action values ``w`` (rescaled) at log-probabilities ``x``, and, when asked,
        their derivatives ``dw[t, r]`` in ``x_r``."""
        M, sets = self.M, len(self.shape)
        log_leaf = self.leaf_log_chance + np.bincount(self.leaf_rows, weights=x[self.leaf_slots],
                                                      minlength=self.n_leaves)
        log_node = self.dec_log_chance + np.bincount(self.node_rows, weights=x[self.node_slots],
                                                     minlength=self.n_dec)
        top = np.full(sets, -np.inf)
        np.maximum.at(top, self.dec_set, log_node)
        reachable = np.isfinite(top)
        top[~reachable] = 0.0
        node_w = np.exp(log_node - top[self.dec_set])
        R = np.bincount(self.dec_set, weights=node_w, minlength=sets)
        with np.errstate(under="ignore"):
            e = np.exp(log_leaf[self.leaf_rows] - x[self.leaf_slots] - top[self.entry_set])
        ue = self.entry_u * e
        W = np.bincount(self.leaf_slots, weights=ue, minlength=M)
        safe = np.where(R > 0, R, 1.0)
        Rs = safe[self.set_of_slot]
        w = np.where((R > 0)[self.set_of_slot], W / Rs, 0.0)
        if not jacobian:
            return w, None
        dW = np.bincount(self.pair_flat, weights=ue[self.pair_entry], minlength=M * M).reshape(M, M)
        dR = np.bincount(self.node_flat, weights=node_w[self.node_rows],
                         minlength=sets * M).reshape(sets, M)
        dw = dW / Rs[:, None] - (w / Rs)[:, None] * dR[self.set_of_slot]
        dw[~(R > 0)[self.set_of_slot]] = 0.0
        return w, dw

    def evaluate(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Residual ``(M,)`` and Jacobian ``(M, M + 1)`` at ``y`` (indifference rows divided by
        ``1 + lambda``, as in the normal-form system)."""
        M = self.M
        x, lam = y[:M], y[M]
        w, dw = self.values(x)
        ref = self.first_slot[self.set_of_slot]
        s = 1.0 / (1.0 + abs(lam))
        probs = np.exp(x)
        F = (x - x[ref] - lam * (w - w[ref])) * s
        J = np.zeros((M, M + 1))
        J[:, :M] = -lam * s * (dw - dw[ref])
        J[np.arange(M), np.arange(M)] += s
        J[np.arange(M), ref] -= s
        J[:, M] = -(w - w[ref]) * s
        # the first action's row of each information set normalises its probabilities
        F[self.first_slot] = np.bincount(self.set_of_slot, weights=probs,
                                         minlength=len(self.shape)) - 1.0
        J[self.first_slot] = 0.0
        J[ref, np.arange(M)] = probs
        return F, J

    def behaviour(self, y: np.ndarray) -> np.ndarray:
        """The behaviour profile (slot vector) at ``y``, normalised at every information set."""
        p = np.exp(y[:self.M])
        totals = np.bincount(self.set_of_slot, weights=p, minlength=len(self.shape))
        return p / totals[self.set_of_slot]

    def regret(self, y: np.ndarray) -> float:
        """The largest gain of a deviation by a player (a whole strategy, not one information set)
        at ``y``, in rescaled units."""
        _, regrets, _ = evaluate(self.game, self.behaviour(y), False)
        return max(regrets) / self.scale


def _rounded(vector: np.ndarray, sets: np.ndarray, bound: int) -> np.ndarray | None:
    """The behaviour profile with each probability replaced by the simplest fraction of
    denominator at most ``bound`` (the largest of each set taking the rest), or None when that
    leaves a negative probability."""
    out = np.array([Fraction(float(p)).limit_denominator(bound) for p in vector], dtype=object)
    for s in range(int(sets.max()) + 1 if len(sets) else 0):
        slots = np.flatnonzero(sets == s)
        big = slots[int(np.argmax(vector[slots]))]
        out[big] = 1 - sum(out[t] for t in slots if t != big)
        if out[big] < 0:
            return None
    return out


def _certify(system: _AgentLogitSystem, vector: np.ndarray, exact: bool, tol: float):
    """An equilibrium near the traced profile ``vector``: an exact one of small denominators
    (exact mode), else the profile itself or with its tiny probabilities set to 0 (float)."""
    game = system.game
    if exact:
        for bound in (10, 100, 1000, 10_000):
            candidate = _rounded(vector, system.set_of_slot, bound)
            if candidate is None or float(np.max(np.abs(candidate.astype(float) - vector))) > END_DISTANCE:
                continue
            if max(evaluate(game, candidate, True)[1]) == 0:
                return verified_behaviour(game, candidate, True, 0)
    cleaned = np.where(vector < 1e-6, 0.0, vector)
    totals = np.bincount(system.set_of_slot, weights=cleaned, minlength=len(system.shape))
    cleaned = cleaned / totals[system.set_of_slot]
    for candidate in (cleaned, vector):
        if max(evaluate(game, candidate, False)[1]) <= tol:
            return verified_behaviour(game, candidate, False, tol)
    return None


@accepts_peer_games
def solve_agent_qre(game: ExtensiveFormGame, exact: bool | None = None, tol: float | None = None,
                    *, context: Context | None = None, max_lambda: float | None = None,
                    step: float = 0.1, stop_regret: float | None = None, max_accel: float = 3.0,
                    max_steps: int = 10_000) -> SolverResult:
    """One equilibrium of a game tree: the limit of the principal branch of its agent logit QRE.

    The branch is traced on the tree's behaviour probabilities (see the
    module notes), as Gambit's ``logit`` does on trees: memory and time grow
    with the size of the tree (its actions squared), not of its normal form,
    so trees whose normal form is far too large to build are solved
    (Gambit's ``cs.efg``, whose reduced normal form has 64 x 2 x 8 x 512
    strategies, takes about 0.02 s).  The end is certified as a Nash
    equilibrium of the tree (exactly, with small denominators, when the tree
    is rational and such a point lies within ``1e-4`` of the traced one; else
    in floating point within the tolerance).  Past a bifurcation (symmetric
    games) the branch is followed straight through, with a note, where
    Gambit perturbs its equations and takes a side branch.
    ``gt.solve(tree, method="qre")`` runs this; with ``eliminate=True`` it
    traces the QRE of the reduced normal form instead.

    Parameters
    ----------
    game : ExtensiveFormGame
        A tree with perfect recall, any number of players.
    exact : bool or None
        Look for an exact equilibrium near the end of the branch (default:
        when the tree is rational); a float one is returned, with a note,
        when none is found.
    tol : float, optional
        Float-mode regret tolerance (default 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's arithmetic, deadline and progress.
    max_lambda, step, stop_regret, max_accel, max_steps
        As for ``logit_qre`` (``lambda`` and
        ``stop_regret`` in the game's payoff units).

    Returns
    -------
    SolverResult
        Method ``"qre"``, one equilibrium with ``behavior`` and no
        ``strategies``; ``complete`` is False, ``degenerate`` None.
        ``parameters`` holds ``final_lambda`` (game units), ``points``
        (number of points traced) and, when the equilibrium is in floating
        point, ``tolerance``.  (A tree where nobody moves gives its one
        outcome, ``complete`` True and empty ``parameters``.)

    Raises
    ------
    InvalidGameError
        For a game that is not a tree, a tree without perfect recall, or a
        bad option.
    SolverError
        When no equilibrium near the end of the branch can be certified.
    GameTooLargeError
        When the Jacobian would not fit in memory (checked before building it).

    Examples
    --------
    >>> import gametheory as gt
    >>> res = solve_agent_qre(gt.read_game("selten-horse"))
    >>> [[[str(q) for q in probs] for probs in sets] for sets in res.equilibria[0].behavior]
    [[['1', '0']], [['1', '0']], [['2/53', '51/53']]]

    References
    ----------
    McKelvey and Palfrey (1998), "Quantal response equilibria for extensive
    form games", Experimental Economics 1, 9-41; Turocy (2005), Games and
    Economic Behavior 51, 243-263.
    """
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"the agent logit QRE needs a game tree, got {type(game).__name__}")
    _check_numbers(max_lambda, step, max_accel, max_steps, stop_regret, "agent logit QRE")
    ctx = tree_context(game, exact, tol, context)
    exact_out = ctx.arithmetic.exact
    tol_f = cast(float, ctx.arithmetic.tol) if not exact_out \
        else (tol or default_tree_tolerance(game))                # float mode has a tol
    system = _AgentLogitSystem(game)
    eq: Equilibrium | None
    if system.M == 0:                                   # nobody moves: one outcome
        empty = np.zeros(0, dtype=object if exact_out else float)
        eq = verified_behaviour(game, empty, exact_out, 0 if exact_out else tol_f)
        return SolverResult(game=game, method="qre", exact=exact_out, equilibria=(eq,),
                            complete=True, degenerate=False, parameters={},
                            notes=("no player moves: the one outcome",))
    stop = STOP_REGRET if stop_regret is None else stop_regret / system.scale
    lam_max = MAX_LAMBDA if max_lambda is None else max_lambda * system.scale
    tracer = _Tracer(system, step, max_accel, ctx)
    eq = None
    for _ in range(_RETRIES + 1):
        reason = tracer.run(stop, lam_max, max_steps)
        for y in tracer.points[::-1][:3]:
            eq = _certify(system, system.behaviour(y), exact_out, tol_f)
            if eq is not None:
                break
        if eq is not None or reason != "regret":
            break
        stop /= 100.0
    lam = float(tracer.y[-1]) / system.scale
    if eq is None:
        raise SolverError(f"qre: the end of the agent logit QRE branch (lambda = {lam:.6g}, "
                          f"regret {tracer.regret * system.scale:.3g}; {reason}) could not be "
                          "certified as an equilibrium")
    is_exact = isinstance(eq.regret, Fraction)
    notes = ["the equilibrium selected by the principal branch of the agent logit QRE, traced "
             "on the tree (its limit as lambda grows); other equilibria are not sought"]
    if exact_out and not is_exact:
        notes.append("no exact equilibrium with small denominators lies next to the end of the "
                     "branch: it is given in floating point, checked against the tolerance")
    if tracer.bifurcations:
        notes.append(f"the branch passed {tracer.bifurcations} bifurcation point(s) (a degenerate "
                     "tree): the equilibrium need not be the one a perturbation would select")
    params: dict[str, Any] = {"final_lambda": lam, "points": len(tracer.points)}
    if not is_exact:
        params["tolerance"] = tol_f
    return SolverResult(game=game, method="qre", exact=is_exact, equilibria=(eq,), complete=False,
                        degenerate=None, parameters=params, notes=tuple(notes))
