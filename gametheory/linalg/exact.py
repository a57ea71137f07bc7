"""Exact integer linear algebra: fraction-free (Bareiss) elimination and pivoting tableaux.

References
----------
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", Math. Comp. 22 (1968).  B. von Stengel, "Equilibrium computation
for two-player games in strategic and extensive form", Algorithmic Game Theory
(Nisan et al., eds., 2007), ch. 3, section 3.5 (integer pivoting).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..arithmetic import integer_scale

__all__ = ["solve_rational", "solve_integer", "solve_fractions", "reduce_against", "rank", "IntegerTableau"]


def solve_rational(M: Sequence[Sequence[int]], b: Sequence[int]) -> list[Fraction] | None:
    """Solve the square integer system ``M z = b`` exactly; None when ``M`` is singular.

    Fraction-free Gaussian elimination on the augmented matrix keeps every
    intermediate an integer (a minor of ``M``), so no gcd is ever computed.

    Examples
    --------
    >>> solve_rational([[2, 1], [1, 3]], [1, 2])
    [Fraction(1, 5), Fraction(3, 5)]
    >>> solve_rational([[1, 2], [2, 4]], [1, 2]) is None
    True
    """
    found = solve_integer(M, b)
    if found is None:
        return None
    num, det = found
    return [Fraction(v, det) for v in num]


def solve_integer(M: Sequence[Sequence[int]], b: Sequence[int]) -> tuple[list[int], int] | None:
    """The solution of the square integer system ``M z = b`` as integer numerators over one
    positive denominator, ``z = num / det``; None when ``M`` is singular (Bareiss elimination,
    as ``solve_rational``, without making Fractions).

    Examples
    --------
    >>> solve_integer([[2, 1], [1, 3]], [1, 2])
    ([1, 3], 5)
    """
    n = len(M)
    if n == 0:
        return [], 1
    a = [[int(v) for v in row] + [int(rhs)] for row, rhs in zip(M, b)]
    prev = 1
    for k in range(n):
        piv = next((i for i in range(k, n) if a[i][k] != 0), None)
        if piv is None:
            return None
        if piv != k:
            a[k], a[piv] = a[piv], a[k]
        akk = a[k][k]
        rowk = a[k]
        for i in range(k + 1, n):
            rowi = a[i]
            aik = rowi[k]
            for j in range(k + 1, n + 1):
                rowi[j] = (rowi[j] * akk - aik * rowk[j]) // prev
            rowi[k] = 0
        prev = akk
    # fraction-free back substitution: a[n-1][n-1] is det(M) up to sign, and every
    # det * z_i is an integer, found by exact division
    det = a[n - 1][n - 1]
    num = [0] * n
    for i in range(n - 1, -1, -1):
        total = det * a[i][n] - sum(a[i][j] * num[j] for j in range(i + 1, n))
        num[i] = total // a[i][i]
    if det < 0:
        num, det = [-v for v in num], -det
    return num, det


def solve_fractions(rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """The square rational system ``rows z = rhs``: each equation scaled to integers, then
    ``solve_rational``; None when singular.

    Examples
    --------
    >>> solve_fractions([[Fraction(1, 2), 1], [1, 0]], [1, Fraction(1, 3)])
    [Fraction(1, 3), Fraction(5, 6)]
    """
    scaled_rows, scaled_rhs = [], []
    for row, b in zip(rows, rhs):
        m = integer_scale(list(row) + [b])
        scaled_rows.append([int(v * m) for v in row])
        scaled_rhs.append(int(b * m))
    return solve_rational(scaled_rows, scaled_rhs)


def reduce_against(vec: Sequence[Fraction], basis: Sequence[Sequence[Fraction]]) -> list[Fraction]:
    """``vec`` minus its components along the echelon ``basis`` (each row's first non-zero entry
    in a column no earlier row leads in), exactly."""
    out = list(vec)
    for b in basis:
        p = next(k for k, v in enumerate(b) if v != 0)
        if out[p] != 0:
            f = Fraction(out[p]) / b[p]
            out = [x - f * y for x, y in zip(out, b)]
    return out


def rank(vectors: Sequence[Sequence[Fraction]]) -> int:
    """The rank of a list of rational vectors (exact).

    Examples
    --------
    >>> rank([[1, 2], [2, 4], [0, Fraction(1, 3)]]), rank([])
    (2, 0)
    """
    basis: list[list[Fraction]] = []
    for v in vectors:
        reduced = reduce_against(v, basis)
        if any(reduced):
            basis.append(reduced)
    return len(basis)


class IntegerTableau:
    """The system ``M z + s = 1, z >= 0, s >= 0`` as a fraction-free tableau.

    Variables ``0..d-1`` are ``z`` and ``d..d+r-1`` the slacks ``s``.  The
    tableau holds integers ``T`` and a common denominator ``det`` (the current
    basis determinant): the real tableau is ``T / det``.  Pivoting keeps every
    entry integral (exact division), as in von Stengel (2007), section 3.5.
    """

    __slots__ = ("T", "det", "basis", "d", "r")

    def __init__(self, M: np.ndarray) -> None:
        r, d = M.shape
        T = np.zeros((r, d + r + 1), dtype=object)
        T[:, :d] = M
        for i in range(r):
            T[i, d + i] = 1
        T[:, -1] = 1
        self.T = T
        self.det = 1
        self.basis = list(range(d, d + r))
        self.d, self.r = d, r

    def copy(self) -> IntegerTableau:
        new = IntegerTableau.__new__(IntegerTableau)
        new.T = self.T.copy()
        new.det = self.det
        new.basis = list(self.basis)
        new.d, new.r = self.d, self.r
        return new

    def pivot(self, row: int, col: int) -> None:
        """Bring variable ``col`` into the basis in place of the one in ``row``."""
        T = self.T
        p = T[row, col]
        if p == 0:
            raise ZeroDivisionError("internal error: pivot on a zero entry")
        pivot_row = T[row].copy()
        column = T[:, col].copy()
        column[row] = 0
        T[:] = (T * p - np.outer(column, pivot_row)) // self.det
        T[row] = pivot_row
        if p < 0:  # keep the common denominator positive
            T *= -1
            p = -p
        self.det = p
        self.basis[row] = col

    def set_basis(self, basis: set[int]) -> None:
        """Pivot until exactly the variables in ``basis`` are basic (a nonsingular basis)."""
        for v in sorted(basis - set(self.basis)):
            row = next(i for i, b in enumerate(self.basis) if b not in basis and self.T[i, v] != 0)
            self.pivot(row, v)

    def min_ratio_rows(self, col: int) -> list[int]:
        """All rows attaining the minimum ratio for entering column ``col`` (ties kept)."""
        T = self.T
        best: list[int] = []
        bnum, bden = 0, 1
        for i in range(self.r):
            a = T[i, col]
            if a > 0:
                num = T[i, -1]
                if not best or num * bden < bnum * a:
                    best, bnum, bden = [i], num, a
                elif num * bden == bnum * a:
                    best.append(i)
        return best

    def lex_min_ratio_row(self, col: int) -> int | None:
        """The row chosen by the lexicographic minimum ratio test (never cycles).

        Ties in the ratio ``rhs / T[i, col]`` are broken by comparing the rows
        of the slack columns (the basis inverse) divided by ``T[i, col]``.
        """
        rows = self.min_ratio_rows(col)
        if len(rows) <= 1:
            return rows[0] if rows else None
        T, d = self.T, self.d
        for k in range(d, d + self.r):
            best: list[int] = []
            bnum, bden = 0, 1
            for i in rows:
                a, num = T[i, col], T[i, k]
                if not best or num * bden < bnum * a:
                    best, bnum, bden = [i], num, a
                elif num * bden == bnum * a:
                    best.append(i)
            rows = best
            if len(rows) == 1:
                return rows[0]
        return rows[0]

    def values(self) -> list[Fraction]:
        """Values of all ``d + r`` variables at the current basic solution."""
        out = [Fraction(0)] * (self.d + self.r)
        for i, v in enumerate(self.basis):
            out[v] = Fraction(self.T[i, -1], self.det)
        return out
