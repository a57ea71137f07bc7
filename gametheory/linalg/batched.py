"""Many small linear systems at once, each with a forward error bound.

The polytope enumerators solve one small system per vertex candidate; at
16x16 that is some 10^5 systems, so they are grouped by size and solved by
numpy's batched LAPACK calls.  Each solution comes with a rigorous-in-practice
bound on its error (Higham 2002, "Accuracy and Stability of Numerical
Algorithms", 2nd ed., ch. 7): for ``E z = b`` and a computed ``z~``,
``z~ - z = E^-1 (E z~ - b)``, so ``max |z~ - z| <= ||E^-1||_inf * max |r|`` where
``r`` is the residual bounded with its own rounding error.  The inverse is
itself computed, so the bound is doubled and trusted only while the condition
number stays below ``MAX_CONDITION`` (its relative error is then below
1e-6).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["MAX_CONDITION", "UNIT_ROUNDOFF", "Subsystems", "bounded_solve", "gather_systems",
           "slack_error_bound", "solve_subsystems"]

UNIT_ROUNDOFF = np.finfo(float).eps / 2
#: Above this infinity-norm condition number no bound is trusted.
MAX_CONDITION = 1e10


def gather_systems(matrix: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The square submatrices ``matrix[rows[v]][:, cols[v]]`` stacked, shape ``(N, k, k)``.

    Examples
    --------
    >>> M = np.arange(9.0).reshape(3, 3)
    >>> gather_systems(M, np.array([[0, 2]]), np.array([[1, 2]])).tolist()
    [[[1.0, 2.0], [7.0, 8.0]]]
    """
    n = matrix.shape[1]
    return np.take(matrix.ravel(), rows[:, :, None] * n + cols[:, None, :])


def _inverses(E: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The inverses of a stack of square matrices, and which are singular (their entry is then
    the inverse of the identity, to be ignored)."""
    try:
        return np.linalg.inv(E), np.zeros(len(E), dtype=bool)
    except np.linalg.LinAlgError:   # some system is singular: mark those, invert the others
        with np.errstate(all="ignore"):
            singular = ~(np.abs(np.linalg.det(E)) > 0)
        return np.linalg.inv(np.where(singular[:, None, None], np.eye(E.shape[1]), E)), singular


def bounded_solve(E: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve ``E[v] z = b[v]`` for a batch of ``k x k`` systems with error bounds.

    Parameters
    ----------
    E : ndarray, shape (N, k, k)
        The matrices; their entries must be exact (no error in the data).
    b : ndarray, shape (N, k)
        The right-hand sides, exact.

    Returns
    -------
    z : ndarray, shape (N, k)
        The computed solutions (one step of iterative refinement).
    err : ndarray, shape (N,)
        A bound on ``max_i |z[v, i] - exact z_i|``.
    ok : ndarray of bool, shape (N,)
        False where the system is singular or too ill-conditioned for the
        bound to be trusted (``z`` and ``err`` are then meaningless).

    Examples
    --------
    >>> z, err, ok = bounded_solve(np.array([[[2.0, 0.0], [0.0, 4.0]]]), np.array([[1.0, 1.0]]))
    >>> z.tolist(), bool(err[0] < 1e-15), ok.tolist()
    ([[0.5, 0.25]], True, [True])
    """
    N, k = b.shape
    if k == 0:
        return np.zeros((N, 0)), np.zeros(N), np.ones(N, dtype=bool)
    inv, singular = _inverses(E)
    z = np.einsum("vij,vj->vi", inv, b)
    z = z - np.einsum("vij,vj->vi", inv, np.einsum("vij,vj->vi", E, z) - b)
    absE = np.abs(E)
    resid = np.abs(np.einsum("vij,vj->vi", E, z) - b) + \
        (k + 2) * UNIT_ROUNDOFF * (np.einsum("vij,vj->vi", absE, np.abs(z)) + np.abs(b))
    inv_norm = np.abs(inv, out=inv).sum(axis=2).max(axis=1)         # (inv is not needed again)
    cond = inv_norm * absE.sum(axis=2).max(axis=1)
    with np.errstate(invalid="ignore", over="ignore"):
        err = 2.0 * inv_norm * resid.max(axis=1)
        ok = ~singular & (cond <= MAX_CONDITION) & np.isfinite(err)
    return z, err, ok


@dataclass
class Subsystems:
    """Solutions of ``M[rows_v, cols_v] z = rhs_v`` (``z`` zero outside ``cols_v``), see
    ``solve_subsystems``."""

    Z: np.ndarray         #: (N, d) the solutions, zero outside their columns
    MZ: np.ndarray        #: (N, r) ``M z`` for every row of ``M``
    absMZ: np.ndarray     #: (N, r) ``|M| |z|``, for rounding-error bounds of ``M z``
    err: np.ndarray       #: (N,) bound on ``max |z~ - z|``
    ok: np.ndarray        #: (N,) False where singular or too ill-conditioned to trust ``err``

    def slack_bound(self, M: np.ndarray, rhs: np.ndarray | float) -> np.ndarray:
        """Bound on the error of the computed ``rhs - M z``, shape (N, r)."""
        return slack_error_bound(M, self.err, self.absMZ, rhs)


def slack_error_bound(M: np.ndarray, err: np.ndarray, absMZ: np.ndarray,
                      rhs: np.ndarray | float) -> np.ndarray:
    """Bound on the error of the computed slacks ``rhs - M z_v``, shape (N, r).

    ``err[v]`` bounds ``max |z~_v - z_v|`` and ``absMZ[v]`` is ``|M| |z~_v|``: the first term is
    the solution's error carried through ``M``, the second the rounding of the product and the
    subtraction (Higham 2002, section 3.5).

    Examples
    --------
    >>> M = np.array([[1.0, 1.0]])
    >>> bound = slack_error_bound(M, np.array([1e-12]), np.array([[2.0]]), 1.0)
    >>> bool(2e-12 <= bound[0, 0] < 3e-12)
    True
    """
    d = M.shape[1]
    return np.abs(M).sum(axis=1)[None, :] * err[:, None] + \
        (d + 2) * UNIT_ROUNDOFF * (absMZ + np.abs(rhs))


def solve_subsystems(M: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                     rhs: np.ndarray) -> Subsystems:
    """Solve the square subsystems ``M[rows_v, cols_v] z = rhs_v`` with error bounds.

    As ``bounded_solve`` (without its refinement step), but residuals come from full products ``Z @ M.T``
    (one matrix multiplication for the whole batch; the zeros outside
    ``cols_v`` add nothing, not even rounding), which the caller reuses for
    the slacks of the other rows.  The condition number is bounded above
    with the full rows of ``M`` (a conservative test).

    Examples
    --------
    >>> M = np.array([[2.0, 1.0], [1.0, 3.0]])
    >>> sub = solve_subsystems(M, np.array([[1]]), np.array([[1]]), np.array([[1.0]]))
    >>> sub.Z.tolist(), sub.MZ.tolist(), sub.ok.tolist()
    ([[0.0, 0.3333333333333333]], [[0.3333333333333333, 1.0]], [True])
    """
    N, k = rows.shape
    r, d = M.shape
    Z = np.zeros((N, d))
    if k == 0:
        return Subsystems(Z, np.zeros((N, r)), np.zeros((N, r)), np.zeros(N), np.ones(N, dtype=bool))
    E = gather_systems(M, rows, cols)
    inv, singular = _inverses(E)
    del E
    # no refinement step: the bound below uses the actual residual, and on the well-conditioned
    # systems of random games it stays many orders below the slacks it must separate
    np.put_along_axis(Z, cols, np.einsum("vij,vj->vi", inv, rhs), axis=1)
    MZ = Z @ M.T
    absMZ = np.abs(Z) @ np.abs(M).T
    resid = np.abs(np.take_along_axis(MZ, rows, axis=1) - rhs) + \
        (d + 2) * UNIT_ROUNDOFF * (np.take_along_axis(absMZ, rows, axis=1) + np.abs(rhs))
    inv_norm = np.abs(inv, out=inv).sum(axis=2).max(axis=1)
    cond = inv_norm * np.abs(M).sum(axis=1)[rows].max(axis=1)
    with np.errstate(invalid="ignore", over="ignore"):
        err = 2.0 * inv_norm * resid.max(axis=1)
        ok = ~singular & (cond <= MAX_CONDITION) & np.isfinite(err)
    return Subsystems(Z, MZ, absMZ, err, ok)
