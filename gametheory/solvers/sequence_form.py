"""One equilibrium of a two-player game tree from its sequence form, by Lemke's algorithm.

Sequence form (Koller, Megiddo and von Stengel 1996, "Efficient computation
of equilibria for extensive two-person games", Games Econ. Behav. 14; von
Stengel 1996): a player's strategy is a *realization plan* ``x`` over its
sequences (the empty sequence, and each action at each of its information
sets), with ``x[empty] = 1`` and, at each information set, the probabilities
of its actions summing to that of the sequence leading there: ``E x = e``,
``x >= 0`` (``F y = f`` for the second player).  Payoffs are bilinear:
``A[s, t]`` sums chance probability times payoff over the leaves that the
sequences ``s`` and ``t`` lead to.  Its size is linear in the tree, where the
reduced normal form can be exponential.

Equilibria are the solutions of a linear complementarity problem: ``x`` is a
best response to ``y`` when ``E' p - A y >= 0`` holds with complementarity
against ``x``, for some free dual vector ``p`` (and symmetrically).  Here
``p = p+ - p-`` and the equations ``E x = e`` are written as two inequalities,
so the problem is a standard LCP ``w = q + M z >= 0, z >= 0, w'z = 0`` with
``M`` copositive once the payoffs are shifted to be negative (a shift by a
constant changes no best response, since every pair of realization plans
reaches the leaves with total probability 1).  For every ray ``z`` with
``M z >= 0`` the equations force ``x = y = 0`` and then ``q'z >= 0``, so
Lemke's algorithm with covering vector 1 ends at a solution, never on a
secondary ray (Cottle, Pang and Stone 1992, "The Linear Complementarity
Problem", theorem 4.4.13).  Pivoting is fraction-free in integers, with the
lexicographic rule against degeneracy, so the equilibrium is exact; it is
then verified in the tree.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import cast

import numpy as np

from ..arithmetic import EXACT, integer_scale
from ..context import Context
from ..errors import InvalidGameError, SolverError
from ..games.behavior import plans_to_vector
from ..games.peers import accepts_peer_games
from ..games.tree import ExtensiveFormGame, top_down_product
from ._tree import tree_context, verified_behaviour
from .result import SolverResult

__all__ = ["sequence_form", "solve_sequence_form", "SequenceForm"]


class SequenceForm:
    """The sequence form of a two-player tree.

    Attributes
    ----------
    A, B : arrays (sequences of player 1 x sequences of player 2)
        Expected payoffs of each pair of sequences (chance probability times
        payoff, summed over the leaves they lead to).
    E, F : integer arrays
        Constraint matrices: ``E x = e`` with ``e = (1, 0, ..., 0)``; row 0
        is the empty sequence, row ``1 + j`` the player's ``j``-th information set.
    P : array
        Chance probability of reaching the leaves of each pair of sequences
        (so ``x' P y = 1`` for any pair of realization plans).
    """

    def __init__(self, A: np.ndarray, B: np.ndarray, E: np.ndarray, F: np.ndarray,
                 P: np.ndarray) -> None:
        self.A, self.B, self.E, self.F, self.P = A, B, E, F, P


def sequence_form(game: ExtensiveFormGame, exact: bool | None = None, *,
                  context: Context | None = None) -> SequenceForm:
    """The sequence form (payoff and constraint matrices) of a two-player tree."""
    if len(game.players) != 2:
        raise InvalidGameError(f"the sequence form here is for two players; this tree has "
                               f"{len(game.players)}")
    exact = tree_context(game, exact, None, context).arithmetic.exact
    f = game.flat
    dtype = object if exact else float
    s1, s2 = (int(s) for s in f.num_sequences)
    reach = top_down_product(f, f.probabilities(exact))
    pay = f.payoffs(exact)
    A = np.zeros((s1, s2), dtype=dtype)
    B = np.zeros((s1, s2), dtype=dtype)
    P = np.zeros((s1, s2), dtype=dtype)
    leaves = f.leaves
    rows, cols = f.seq[0, leaves], f.seq[1, leaves]
    np.add.at(A, (rows, cols), reach[leaves] * pay[leaves, 0])
    np.add.at(B, (rows, cols), reach[leaves] * pay[leaves, 1])
    np.add.at(P, (rows, cols), reach[leaves])
    return SequenceForm(A, B, _constraints(game, 0), _constraints(game, 1), P)


def _constraints(game: ExtensiveFormGame, player: int) -> np.ndarray:
    f = game.flat
    sets = np.flatnonzero(f.set_player == player).tolist()
    E = np.zeros((1 + len(sets), int(f.num_sequences[player])), dtype=np.int64)
    E[0, 0] = 1
    for j, s in enumerate(sets, 1):
        E[j, int(f.set_memory[s])] = -1
        a0 = 1 + int(f.seq_offset[s])
        E[j, a0:a0 + int(f.set_size[s])] = 1
    return E


def _lcp(sf: SequenceForm, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """The LCP ``(M, q)`` of the module notes, in integers when exact."""
    A, B, P, E, F = sf.A, sf.B, sf.P, sf.E, sf.F
    top = max([0] + [v for v in np.concatenate([A[P != 0] / P[P != 0], B[P != 0] / P[P != 0]])]) \
        if np.any(P != 0) else 0
    # payoffs per unit of leaf probability: shift every leaf payoff below zero
    shift = (Fraction(top) if exact else float(top)) + 1
    An = A - shift * P
    Bn = B - shift * P
    if exact:
        An = An * integer_scale(An.ravel().tolist())
        Bn = Bn * integer_scale(Bn.ravel().tolist())
        An = np.array([[int(v) for v in row] for row in An], dtype=object).reshape(A.shape)
        Bn = np.array([[int(v) for v in row] for row in Bn], dtype=object).reshape(B.shape)
    s1, s2 = A.shape
    r1, r2 = E.shape[0], F.shape[0]
    n = s1 + s2 + 2 * r1 + 2 * r2
    M = np.zeros((n, n), dtype=object if exact else float)
    x0, y0, p0, m0, q0, n0 = 0, s1, s1 + s2, s1 + s2 + r1, s1 + s2 + 2 * r1, s1 + s2 + 2 * r1 + r2
    M[x0:y0, y0:p0] = -An
    M[x0:y0, p0:m0] = E.T
    M[x0:y0, m0:q0] = -E.T
    M[y0:p0, x0:y0] = -Bn.T
    M[y0:p0, q0:n0] = F.T
    M[y0:p0, n0:n] = -F.T
    M[p0:m0, x0:y0] = -E
    M[m0:q0, x0:y0] = E
    M[q0:n0, y0:p0] = -F
    M[n0:n, y0:p0] = F
    q = np.zeros(n, dtype=object if exact else float)
    q[p0], q[m0], q[q0], q[n0] = 1, -1, 1, -1
    return M, q


def lemke(M: np.ndarray, q: np.ndarray, exact: bool, max_pivots: int | None = None) -> np.ndarray:
    """Solve ``w = q + M z >= 0, z >= 0, z'w = 0`` by Lemke's algorithm (covering vector 1).

    The tableau ``[I | -M | -1 | q]`` over the variables ``(w, z, z0)`` is
    pivoted fraction-free in integers (exact) or in floating point; ties in
    the ratio test are broken lexicographically against the columns of the
    initial basis, which rules out cycling (Lemke 1965; Cottle, Pang and
    Stone 1992, section 4.4).  Returns ``z``.

    Raises
    ------
    SolverError
        On a secondary ray or after ``max_pivots`` pivots.
    """
    n = len(q)
    dtype = object if exact else float
    T = np.zeros((n, 2 * n + 2), dtype=dtype)
    T[:, :n] = np.eye(n, dtype=int) if exact else np.eye(n)
    T[:, n:2 * n] = -M
    T[:, 2 * n] = -1
    T[:, 2 * n + 1] = q
    if exact:
        T = np.array([[int(v) for v in row] for row in T], dtype=object)
    basis = list(range(n))
    det = 1
    eps = 0 if exact else 1e-11 * max(1.0, float(np.max(np.abs(T.astype(float)))))

    def pivot(row: int, col: int) -> None:
        nonlocal T, det
        p = T[row, col]
        if exact:
            pivot_row = T[row].copy()
            column = T[:, col].copy()
            column[row] = 0
            T = (T * p - np.outer(column, pivot_row)) // det
            T[row] = pivot_row
            if p < 0:
                T = -T
                p = -p
            det = p
        else:
            T[row] = T[row] / p
            column = T[:, col].copy()
            column[row] = 0
            T -= np.outer(column, T[row])
        basis[row] = col

    def leaving(col: int) -> int | None:
        a = T[:, col]
        rows = [i for i in range(n) if a[i] > eps]
        if not rows:
            return None
        for k in [2 * n + 1, *range(n)]:
            ratios = [Fraction(T[i, k], a[i]) if exact else T[i, k] / a[i] for i in rows]
            best = min(ratios)
            rows = [i for i, r in zip(rows, ratios) if (r == best if exact else r <= best + eps)]
            if len(rows) == 1:
                break
        return rows[0]

    # first pivot: z0 enters where q is most negative (lexicographically)
    z0 = 2 * n
    if all(v >= 0 for v in q):
        return np.zeros(n, dtype=dtype)
    # among the rows where q is smallest, the last keeps every row lexicographically positive
    row: int | None
    row = max(i for i in range(n) if T[i, -1] == min(T[:, -1]))
    entering_after = n + basis[row]          # the complement of the w that leaves
    pivot(row, z0)
    limit = max_pivots or 50 * n + 1000
    col = entering_after
    for _ in range(limit):
        row = leaving(col)
        if row is None:
            raise SolverError("Lemke's algorithm ended on a ray without a solution "
                              "(the sequence-form LCP should not allow this: please report the game)")
        out = basis[row]
        pivot(row, col)
        if out == z0:
            z = np.zeros(n, dtype=dtype)
            for i, v in enumerate(basis):
                if n <= v < 2 * n:
                    z[v - n] = Fraction(T[i, -1], det) if exact else T[i, -1]
            return z
        col = out + n if out < n else out - n
    raise SolverError(f"Lemke's algorithm did not finish within {limit} pivots")


@accepts_peer_games
def solve_sequence_form(game: ExtensiveFormGame, exact: bool | None = None,
                        tol: float | None = None, *, context: Context | None = None) -> SolverResult:
    """One Nash equilibrium of a two-player tree, in behaviour strategies, from its sequence form.

    Koller, Megiddo and von Stengel (1996): Lemke's algorithm on the
    sequence-form LCP (see the module notes), in time polynomial in the size
    of the tree for each pivot, without building the reduced normal form.
    The realization plans found are turned into behaviour strategies (at an
    information set the player's own moves rule out, a pure best response)
    and verified in the tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        Two players (chance moves allowed), perfect recall.
    exact : bool or None
        Rational arithmetic (default where the tree is rational) or floating point.
    tol : float or None
        Float mode: the largest regret accepted (default 1e-9 times the
        largest absolute payoff, at least 1e-9).  A float run whose result
        does not verify is repeated in exact arithmetic when the tree is rational.
    context : Context, optional
        The computation's arithmetic, deadline and progress (overrides ``exact`` and ``tol``).

    Returns
    -------
    SolverResult
        ``method`` ``"sequence-form"``, one equilibrium (with ``behavior``
        and empty ``strategies``), ``complete`` False, ``degenerate`` None.
        ``parameters`` holds ``sequences`` (each player's number of
        sequences, the empty one included) and, in float mode, ``tolerance``.

    Raises
    ------
    InvalidGameError
        For a tree without perfect recall or without exactly two players.
    SolverError
        When Lemke's algorithm ends on a ray or exceeds its pivot limit
        (neither should happen).

    Notes
    -----
    Realization plans replace reduced plans, so the problem grows with the
    tree, not with the number of plans; pivoting is exact (integer, with the
    lexicographic rule).  The sequence form itself is
    ``gametheory.solvers.sequence_form.sequence_form(game)``, a
    ``SequenceForm``: ``A``, ``B`` the payoff of each pair of sequences
    (chance probability times payoff, summed over the leaves they lead to);
    ``E``, ``F`` the constraint matrices (``E x = e``, row 0 the empty
    sequence); ``P`` the chance probability of each pair's leaves.

    References
    ----------
    Koller, D., Megiddo, N. and von Stengel, B. (1996). Efficient computation
    of equilibria for extensive two-person games. Games and Economic
    Behavior 14, 247-259.

    Examples
    --------
    >>> import gametheory as gt
    >>> pennies = gt.decision("A", "a", {
    ...     "H": gt.decision("B", "b", {"h": gt.outcome(1, -1), "t": gt.outcome(-1, 1)}),
    ...     "T": gt.decision("B", "b", {"h": gt.outcome(-1, 1), "t": gt.outcome(1, -1)})})
    >>> res = solve_sequence_form(gt.ExtensiveFormGame(pennies, ["A", "B"]))
    >>> [[[str(q) for q in probs] for probs in sets] for sets in res.equilibria[0].behavior]
    [[['1/2', '1/2']], [['1/2', '1/2']]]
    >>> res.method, res.parameters["sequences"], res.complete
    ('sequence-form', [3, 3], False)
    """
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"the sequence form needs a game tree, got {type(game).__name__}")
    game.require_perfect_recall("method 'sequence-form'")
    ctx = tree_context(game, exact, tol, context)
    exact = ctx.arithmetic.exact
    tol = 0.0 if exact else cast(float, ctx.arithmetic.tol)       # float mode has one
    sf = sequence_form(game, context=ctx)
    M, q = _lcp(sf, exact)
    z = lemke(M, q, exact)
    s1, s2 = sf.A.shape
    vector = plans_to_vector(game, [z[:s1], z[s1:s1 + s2]], exact)
    try:
        eq = verified_behaviour(game, vector, exact, tol)
    except (SolverError, InvalidGameError):
        if exact or not game.exact:
            raise
        again = solve_sequence_form(game, context=ctx.with_arithmetic(EXACT))
        return replace(again, notes=("the floating-point path did not verify; recomputed in "
                                     "rational arithmetic", *again.notes))
    return SolverResult(game=game, method="sequence-form", exact=exact, equilibria=(eq,),
                        complete=False, degenerate=None,
                        parameters={"sequences": [int(s1), int(s2)],
                                    **({"tolerance": tol} if not exact else {})})
