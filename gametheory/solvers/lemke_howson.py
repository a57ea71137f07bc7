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

from collections.abc import Iterator, Sequence

import numpy as np

from ..context import Context
from ..errors import InvalidGameError, SolverError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..linalg.exact import IntegerTableau
from ._bimatrix import positive_bimatrix
from ._common import collect, require_two_players, resolve_context
from .result import Equilibrium, SolverResult, dedupe_equilibria, make_equilibrium

__all__ = ["solve_lemke_howson", "iter_lemke_howson", "lemke_howson_path"]


class FloatTableau:
    """The tableau of ``IntegerTableau`` in floating point.

    Used by float mode; ratio ties are decided within a relative tolerance,
    and every result is checked, with the exact path as the fallback.
    """

    __slots__ = ("T", "basis", "d", "r")

    def __init__(self, M: np.ndarray) -> None:
        r, d = M.shape
        self.T = np.hstack([np.asarray(M, dtype=float), np.eye(r), np.ones((r, 1))])
        self.basis = list(range(d, d + r))
        self.d, self.r = d, r

    def pivot(self, row: int, col: int) -> None:
        T = self.T
        T[row] /= T[row, col]
        column = T[:, col].copy()
        column[row] = 0.0
        T -= np.outer(column, T[row])
        self.basis[row] = col

    def lex_min_ratio_row(self, col: int) -> int | None:
        T = self.T
        a = T[:, col]
        rows = np.flatnonzero(a > _EPS * max(1.0, float(np.abs(a).max())))
        if rows.size == 0:
            return None
        # ratio test on the right-hand side, then on the basis inverse (slack columns)
        for k in [T.shape[1] - 1, *range(self.d, self.d + self.r)]:
            ratios = T[rows, k] / a[rows]
            best = ratios.min()
            rows = rows[ratios <= best + _EPS * max(1.0, abs(best))]
            if rows.size == 1:
                break
        return int(rows[0])

    def values(self) -> list[float]:
        out = [0.0] * (self.d + self.r)
        for i, v in enumerate(self.basis):
            out[v] = float(self.T[i, -1])
        return out


_EPS = 1e-10


def lemke_howson_path(A: np.ndarray, B: np.ndarray, label: int, max_pivots: int | None = None,
                      exact: bool = True):
    """Follow the path that drops ``label`` from ``(0, 0)``; return the unnormalised ``(x, y)``.

    ``A`` and ``B`` must have positive entries: integer object arrays for the
    exact path (integer pivoting), floats for the floating-point path.
    """
    m, n = A.shape
    Tableau = IntegerTableau if exact else FloatTableau
    P = Tableau(np.ascontiguousarray(B.T))   # vars: x_i = i, s_j = m + j
    Q = Tableau(A)                           # vars: y_j = j, r_i = n + i

    def q_var(lab: int) -> int:   # the variable of Q carrying a label (in P it is the label)
        return n + lab if lab < m else lab - m

    def q_label(var: int) -> int:
        return m + var if var < n else var - n

    limit = max_pivots if max_pivots is not None else 10 * (m + n) ** 3 + 1000
    # the label's variable enters the tableau where it lives as a payoff variable
    tab, entering, in_p = (P, label, True) if label < m else (Q, q_var(label), False)
    for _ in range(limit):
        row = tab.lex_min_ratio_row(entering)
        if row is None:  # cannot happen for positive matrices: the polytopes are bounded
            raise SolverError("Lemke-Howson: unbounded ray (numerical trouble or internal error)")
        leaving = tab.basis[row]
        tab.pivot(row, entering)
        lab = leaving if in_p else q_label(leaving)
        if lab == label:
            return P.values()[:m], Q.values()[:n]
        # the duplicate label's complement enters the other tableau
        if in_p:
            tab, entering, in_p = Q, q_var(lab), False
        else:
            tab, entering, in_p = P, lab, True
    raise SolverError(f"Lemke-Howson did not finish within {limit} pivots")


@accepts_peer_games
def iter_lemke_howson(game: NormalFormGame, labels: Sequence[int] | None = None,
                      exact: bool | None = None, tol: float | None = None, *,
                      context: Context | None = None) -> Iterator[Equilibrium]:
    """Generate the equilibrium reached from each starting label (with repeats).

    One equilibrium per starting label, in label order; two labels may reach
    the same equilibrium.  Float mode pivots in floating point and checks the
    result's regret; a path whose result fails the check (numerical trouble)
    is followed again exactly.

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
    tol : float, optional
        Float mode's regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's context; when given, its arithmetic replaces
        ``exact`` and ``tol``.

    Yields
    ------
    Equilibrium

    Raises
    ------
    InvalidGameError
        For a game that does not have two players, or a label out of range.
    SolverError
        When a path is longer than the pivot limit.

    Examples
    --------
    >>> import gametheory as gt
    >>> [eq.supports for eq in gt.iter_lemke_howson(gt.read_game("chicken"), labels=[0, 2])]
    [((0,), (1,)), ((1,), (0,))]
    """
    require_two_players(game, "lemke-howson")
    context = resolve_context(game, exact, tol, context)
    arithmetic = context.arithmetic
    m, n = game.shape
    Af, Bf = (u - u.min() + 1.0 for u in game.float_payoffs)
    A = B = None
    for label in _labels(labels, m + n):
        context.check("lemke-howson")
        if not arithmetic.exact:
            try:
                x, y = lemke_howson_path(Af, Bf, label, exact=False)
                x, y = np.clip(x, 0.0, None), np.clip(y, 0.0, None)
                with np.errstate(all="ignore"):
                    profile = [x / x.sum(), y / y.sum()]
                yield make_equilibrium(game, profile, arithmetic)
                continue
            except (SolverError, InvalidGameError):
                pass   # not certified in floating point: follow the same path exactly
        if A is None or B is None:
            A, B = positive_bimatrix(game)
        x, y = lemke_howson_path(A, B, label)
        sx, sy = sum(x), sum(y)
        yield make_equilibrium(game, [[v / sx for v in x], [v / sy for v in y]], arithmetic)


def _labels(labels: Sequence[int] | None, total: int) -> list[int]:
    if labels is None:
        return list(range(total))
    if isinstance(labels, (str, bytes)) or not all(
            isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in labels):
        raise InvalidGameError(f"starting labels must be whole numbers 0..{total - 1}, "
                               f"got {labels!r}")
    out = [int(k) for k in labels]
    for k in out:
        if not 0 <= k < total:
            raise InvalidGameError(f"starting label {k} is out of range 0..{total - 1}")
    return out


@accepts_peer_games
def solve_lemke_howson(game: NormalFormGame, labels: Sequence[int] | None = None, exact: bool | None = None,
                       tol: float | None = None, *, context: Context | None = None) -> SolverResult:
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
        (None): exact where the payoffs are rational.  Float mode pivots in
        floating point with the same lexicographic rule and checks each
        result's regret; a path that fails the check is followed again in
        exact integer arithmetic.
    tol : float, optional
        Float mode's regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above.

    Returns
    -------
    SolverResult
        ``complete`` is False: Lemke-Howson need not reach every equilibrium;
        ``degenerate`` is None.  ``parameters`` holds ``labels`` (the starting
        labels used), ``tolerance`` (None in exact mode) and
        ``tie_breaking`` (``"lexicographic"``).

    Raises
    ------
    InvalidGameError
        For a game that does not have two players, or a label out of range.
    SolverError
        When a path is longer than the pivot limit (``10 (m + n)^3 + 1000``).

    References
    ----------
    Lemke, C. E. and Howson, J. T. (1964). Equilibrium points of bimatrix
    games. Journal of the Society for Industrial and Applied Mathematics 12,
    413-423.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]])
    >>> res = solve_lemke_howson(g)
    >>> [[[str(p) for p in s] for s in eq.strategies] for eq in res.equilibria]
    [[['1', '0'], ['0', '1']], [['0', '1'], ['1', '0']]]
    """
    context = resolve_context(game, exact, tol, context)
    eqs = dedupe_equilibria(collect(iter_lemke_howson(game, labels=labels, context=context), game,
                                    "lemke-howson", context.arithmetic.exact), context.arithmetic)
    m, n = game.shape
    return SolverResult(game=game, method="lemke-howson", exact=context.arithmetic.exact,
                        equilibria=tuple(eqs), complete=False, degenerate=None,
                        parameters={"labels": _labels(labels, m + n), "tolerance": context.arithmetic.tol,
                                    "tie_breaking": "lexicographic"})
