"""The Lemke-Howson algorithm with lexicographic pivoting in exact integer arithmetic.

Algorithm (Lemke and Howson 1964, "Equilibrium points of bimatrix games",
SIAM J. Appl. Math. 12; presentation of von Stengel 2007, Algorithmic Game
Theory ch. 3, sections 3.4 (the algorithm), 3.5 (integer pivoting) and 3.6
(degenerate games, lexicographic rule)):

1. Make the payoffs positive integers and set up the tableaux of the
   best-response polytopes ``P`` (rows: columns of ``B``) and ``Q`` (rows:
   rows of ``A``), starting at the artificial equilibrium ``(0, 0)``.
2. Drop the starting label ``k``: its variable enters the basis of its
   tableau.
3. A variable leaves by the minimum ratio test; ties (degenerate games) are
   broken lexicographically against the basis inverse, so pivoting cannot
   cycle.  The leaving variable's label is now duplicate, so its complement
   enters the *other* tableau.
4. Repeat until the variable with label ``k`` leaves: the pair of basic
   solutions, normalised, is an equilibrium.

All pivots are fraction-free integer pivots (entries stay integers divided by
a common determinant), so the result is an exact rational equilibrium.
"""

from __future__ import annotations

from typing import Iterator, Sequence

import numpy as np

from ..errors import InvalidGameError, SolverError
from ..game import NormalFormGame
from ..result import (Equilibrium, SolverResult, dedupe_equilibria, make_equilibrium)
from ._bimatrix import positive_bimatrix
from ._common import require_two_players, resolve_exact, resolve_tolerance
from ._exact import IntegerTableau

__all__ = ["lemke_howson", "lemke_howson_gen", "lemke_howson_path"]


def lemke_howson_path(A: np.ndarray, B: np.ndarray, label: int, max_pivots: int | None = None):
    """Follow the path that drops ``label`` from ``(0, 0)``; return the unnormalised ``(x, y)``.

    ``A`` and ``B`` must be positive integer matrices (object arrays).
    """
    m, n = A.shape
    P = IntegerTableau(np.ascontiguousarray(B.T))   # vars: x_i = i, s_j = m + j
    Q = IntegerTableau(A)                           # vars: y_j = j, r_i = n + i

    def p_var(lab: int) -> int:   # the variable of P carrying a label
        return lab

    def q_var(lab: int) -> int:
        return n + lab if lab < m else lab - m

    def p_label(var: int) -> int:
        return var

    def q_label(var: int) -> int:
        return m + var if var < n else var - n

    limit = max_pivots if max_pivots is not None else 10 * (m + n) ** 3 + 1000
    # the label's variable enters the tableau where it lives as a payoff variable
    tab, entering, in_p = (P, p_var(label), True) if label < m else (Q, q_var(label), False)
    for _ in range(limit):
        row = tab.lex_min_ratio_row(entering)
        if row is None:  # cannot happen for positive matrices: the polytopes are bounded
            raise SolverError("Lemke-Howson: unbounded ray (internal error)")
        leaving = tab.basis[row]
        tab.pivot(row, entering)
        lab = p_label(leaving) if in_p else q_label(leaving)
        if lab == label:
            x = P.values()[:m]
            y = Q.values()[:n]
            return x, y
        # the duplicate label's complement enters the other tableau
        if in_p:
            tab, entering, in_p = Q, q_var(lab), False
        else:
            tab, entering, in_p = P, p_var(lab), True
    raise SolverError(f"Lemke-Howson did not finish within {limit} pivots")


def lemke_howson_gen(game: NormalFormGame, labels: Sequence[int] | None = None,
                     exact: bool | None = None, tol: float | None = None) -> Iterator[Equilibrium]:
    """Generate the equilibrium reached from each starting label (with repeats)."""
    require_two_players(game, "lemke-howson")
    exact = resolve_exact(game, exact)
    tol = resolve_tolerance(game, exact, tol)
    A, B = positive_bimatrix(game)
    m, n = A.shape
    for label in _labels(labels, m + n):
        x, y = lemke_howson_path(A, B, label)
        sx, sy = sum(x), sum(y)
        yield make_equilibrium(game, [[v / sx for v in x], [v / sy for v in y]], exact=exact, tol=tol)


def _labels(labels: Sequence[int] | None, total: int) -> list[int]:
    if labels is None:
        return list(range(total))
    out = [int(k) for k in labels]
    for k in out:
        if not 0 <= k < total:
            raise InvalidGameError(f"starting label {k} is out of range 0..{total - 1}")
    return out


def lemke_howson(game: NormalFormGame, labels: Sequence[int] | None = None, exact: bool | None = None,
                 tol: float | None = None) -> SolverResult:
    """Equilibria reached by Lemke-Howson from each starting label, deduplicated.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with ``m`` and ``n`` actions.
    labels : sequence of int, optional
        Starting labels: ``0..m-1`` are the row player's actions and
        ``m..m+n-1`` the column player's.  Default: all ``m + n``.
    exact : bool or None
        Rational arithmetic (regret exactly 0) or floating point; default
        (None): exact where the payoffs are rational.
        Float mode runs the same exact pivoting on the payoffs' exact binary
        values and converts the result.
    tol : float, optional
        Float mode's regret tolerance.

    Returns
    -------
    SolverResult
        ``complete`` is False: Lemke-Howson need not reach every equilibrium.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]])
    >>> res = lemke_howson(g)
    >>> [[[str(p) for p in s] for s in eq.strategies] for eq in res.equilibria]
    [[['1', '0'], ['0', '1']], [['0', '1'], ['1', '0']]]
    """
    exact = resolve_exact(game, exact)
    eqs = dedupe_equilibria(list(lemke_howson_gen(game, labels=labels, exact=exact, tol=tol)), exact)
    m, n = game.shape
    tol_used = resolve_tolerance(game, exact, tol)
    return SolverResult(game=game, method="lemke-howson", exact=exact, equilibria=tuple(eqs),
                        complete=False, degenerate=None,
                        parameters={"labels": _labels(labels, m + n), "tolerance": tol_used,
                                    "tie_breaking": "lexicographic"})
