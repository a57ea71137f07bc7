"""Global sensitivity of a model's outputs to its uncertain inputs: Sobol indices.

Sobol (1993) splits the variance ``V`` of an output ``Y = f(X_1, ..., X_d)``
of independent inputs into parts due to each input and to their interactions.
The *first-order index* ``S_i = V(E(Y | X_i)) / V`` is the share of ``V`` that
``X_i`` explains on its own; the *total index* ``T_i = E(V(Y | X_~i)) / V``
the share left unexplained when every input but ``X_i`` is known, i.e. due to
``X_i`` alone and in all its interactions.  ``T_i - S_i`` measures the
interactions of ``X_i``; ``T_i = 0`` means the input can be fixed anywhere.

Both are estimated from ``n (d + 2)`` evaluations of the model on the design of
Saltelli et al. (2010):

1. draw ``n`` points of a scrambled Sobol sequence of dimension ``2d``
   (``scipy.stats.qmc.Sobol``); the first ``d`` columns are the matrix
   ``A``, the last ``d`` the matrix ``B`` (``sobol_design``);
2. for each input ``i`` form ``AB_i``: ``A`` with its column ``i`` taken from ``B``;
3. evaluate the model on the rows of ``A``, ``B``, ``AB_1``, ..., ``AB_d``
   (``f_A``, ``f_B``, ``f_ABi``), after mapping each uniform coordinate
   through the quantile function of its input;
4. with ``V`` the variance of the ``2n`` pooled outputs ``f_A`` and ``f_B``
   (``sobol_indices``)::

       S_i = (1/n) sum_j f_B[j] (f_ABi[j] - f_A[j]) / V        (Saltelli et al. 2010)
       T_i = (1/2n) sum_j (f_A[j] - f_ABi[j])^2 / V           (Jansen 1999)

5. confidence intervals by the bootstrap: the ``n`` rows (each row carrying
   its ``d + 2`` evaluations) are resampled with replacement and the indices
   recomputed; the interval is the percentile interval of the replicates
   (Efron and Tibshirani 1993, chapter 13).  The bootstrap treats the rows as
   independent draws; on a Sobol design they are more even than that, so the
   intervals are wider than the estimates' actual error (conservative).

The estimators need independent inputs: correlated inputs have no unique
variance decomposition of this kind.  Estimates are random: a first-order
index of an input with no effect comes out near, not at, zero and may be
slightly negative; the bootstrap interval says how near.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InvalidGameError

__all__ = ["SobolIndices", "sobol_design", "sobol_indices"]


def _positive_int(value: object, what: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InvalidGameError(f"{where}: {what} must be a positive integer, got {value!r}")
    return int(value)


def _sobol_engine(dim: int, seed: int | None, scramble: bool) -> Any:
    """A scipy ``qmc.Sobol`` engine (scipy.stats is imported here: it takes 0.2 s to import)."""
    from scipy.stats import qmc
    # scipy 1.15 renamed ``seed`` to ``rng``; a Generator gives the same stream under both names
    key = "rng" if "rng" in inspect.signature(qmc.Sobol.__init__).parameters else "seed"
    return qmc.Sobol(dim, scramble=scramble, **{key: np.random.default_rng(seed)})


def sobol_design(d: int, n: int, seed: int | None = 0, *, scramble: bool = True) -> np.ndarray:
    """The points at which to evaluate a model of ``d`` inputs for ``sobol_indices``.

    Parameters
    ----------
    d : int
        Number of inputs.
    n : int
        Rows of each base matrix; the model is evaluated ``n * (d + 2)``
        times.  Any positive ``n`` works, but a power of 2 is best: only then
        does a Sobol sequence keep its balance properties (scipy's warning
        about it is silenced here).
    seed : int or None
        Seed of the scrambling (``None``: fresh entropy).  Ignored when
        ``scramble`` is false.
    scramble : bool
        Scramble the Sobol sequence (Owen scrambling with a digital shift).
        Unscrambled, the first point is the origin.

    Returns
    -------
    numpy.ndarray
        Shape ``(n * (d + 2), d)``, points of the unit cube ``[0, 1]^d``: the
        blocks ``A``, ``B``, ``AB_1``, ..., ``AB_d`` of ``n`` rows each, in that
        order (``AB_i`` is ``A`` with column ``i`` from ``B``).  Each column is
        a uniform input: map it through the quantile function (inverse
        distribution function) of the input it stands for, e.g.
        ``low + (high - low) * u`` for a uniform input or
        ``scipy.stats.norm.ppf(u)`` for a normal one.

    Raises
    ------
    InvalidGameError
        If ``d`` or ``n`` is not a positive integer.

    Examples
    --------
    >>> X = sobol_design(2, 8, seed=1)
    >>> X.shape
    (32, 2)
    >>> A, B, AB1 = X[:8], X[8:16], X[16:24]
    >>> bool((AB1[:, 0] == B[:, 0]).all() and (AB1[:, 1] == A[:, 1]).all())
    True

    References
    ----------
    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. and
    Tarantola, S. (2010). Variance based sensitivity analysis of model output.
    Design and estimator for the total sensitivity index. *Computer Physics
    Communications* 181(2), 259-270, section 3.  Sobol, I. M. (1967). On the
    distribution of points in a cube and the approximate evaluation of
    integrals. *USSR Computational Mathematics and Mathematical Physics* 7(4).
    """
    d = _positive_int(d, "d", "sobol_design")
    n = _positive_int(n, "n", "sobol_design")
    engine = _sobol_engine(2 * d, seed, bool(scramble))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*balance properties.*")
        base = engine.random(n)
    A, B = base[:, :d], base[:, d:]
    blocks = [A, B]
    for i in range(d):
        AB = A.copy()
        AB[:, i] = B[:, i]
        blocks.append(AB)
    return np.vstack(blocks)


@dataclass(frozen=True, eq=False)
class SobolIndices:
    """Sobol indices estimated by ``sobol_indices``.

    The index arrays have shape ``(d,)`` for a single output and ``(d, k)`` for
    ``k`` outputs (row ``i`` is input ``names[i]``, column ``j`` output ``j``);
    ``variance`` is a float, or shape ``(k,)``.  ``first_low``/``first_high``
    and ``total_low``/``total_high`` bound the ``confidence`` bootstrap
    percentile intervals (NaN when ``bootstrap`` is 0).  Where an output is
    constant (``variance`` 0) its indices are undefined: NaN, and ``note``
    says so; otherwise ``note`` is empty.  The arrays are read-only.
    """

    names: tuple[str, ...]
    n: int
    d: int
    first: np.ndarray
    total: np.ndarray
    first_low: np.ndarray
    first_high: np.ndarray
    total_low: np.ndarray
    total_high: np.ndarray
    variance: float | np.ndarray
    confidence: float
    bootstrap: int
    note: str = ""


def _indices(blocks: np.ndarray, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and total indices, shapes (d, k), from blocks of shape (d + 2, n, k)."""
    fA, fB, fAB = blocks[0], blocks[1], blocks[2:]
    V = np.var(np.concatenate([fA, fB]), axis=0)
    V = np.where(usable, V, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.mean(fB * (fAB - fA), axis=1) / V
        total = 0.5 * np.mean((fA - fAB) ** 2, axis=1) / V
    return first, total


def _frozen(a: np.ndarray, single: bool) -> np.ndarray:
    a = np.array(a[..., 0] if single else a, dtype=float)
    a.setflags(write=False)
    return a


def sobol_indices(y: Sequence[float] | np.ndarray, d: int, n: int, *,
                  names: Sequence[str] | None = None, bootstrap: int = 200, seed: int | None = 0,
                  confidence: float = 0.95) -> SobolIndices:
    """First-order and total Sobol indices from outputs on the design of ``sobol_design``.

    Parameters
    ----------
    y : array_like
        The model's outputs at the rows of ``sobol_design(d, n)``, in the same
        order: shape ``(n * (d + 2),)``, or ``(n * (d + 2), k)`` for ``k``
        outputs.  Must be finite.
    d : int
        Number of inputs.
    n : int
        Rows of each base matrix of the design.
    names : sequence of str, optional
        The inputs' names (default ``x1``, ..., ``xd``).
    bootstrap : int
        Bootstrap replicates for the confidence intervals; 0 skips them.
    seed : int or None
        Seed of the bootstrap resampling.
    confidence : float
        Coverage of the percentile intervals, in ``(0, 1)``.

    Returns
    -------
    SobolIndices

    Raises
    ------
    InvalidGameError
        If ``y`` does not have ``n * (d + 2)`` rows, has non-finite values or
        more than two dimensions, or an argument is out of range.

    Examples
    --------
    A linear model ``Y = X_1 + 2 X_2`` of uniform inputs: the variance shares are
    ``1/5`` and ``4/5``, with no interactions, so ``S_i = T_i``:

    >>> X = sobol_design(2, 1024, seed=3)
    >>> res = sobol_indices(X[:, 0] + 2 * X[:, 1], d=2, n=1024, names=["a", "b"])
    >>> [round(float(s), 2) for s in res.first], [round(float(t), 2) for t in res.total]
    ([0.2, 0.8], [0.2, 0.8])
    >>> bool(res.first_low[1] < 0.8 < res.first_high[1])
    True

    A constant output has no variance to share:

    >>> res = sobol_indices(np.ones(4 * 16), d=2, n=16)
    >>> res.first, res.note
    (array([nan, nan]), 'output is constant (variance 0): its indices are undefined (NaN)')

    References
    ----------
    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. and
    Tarantola, S. (2010). Variance based sensitivity analysis of model output.
    Design and estimator for the total sensitivity index. *Computer Physics
    Communications* 181(2), 259-270, table 2, estimators (b) and (f).
    Jansen, M. J. W. (1999). Analysis of variance designs for model output.
    *Computer Physics Communications* 117(1-2), 35-43.  Sobol, I. M. (2001).
    Global sensitivity indices for nonlinear mathematical models and their
    Monte Carlo estimates. *Mathematics and Computers in Simulation* 55,
    271-280.  Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the
    Bootstrap*, chapter 13 (percentile intervals).
    """
    where = "sobol_indices"
    d = _positive_int(d, "d", where)
    n = _positive_int(n, "n", where)
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, (int, np.integer)) or bootstrap < 0:
        raise InvalidGameError(f"{where}: bootstrap must be a non-negative integer, got {bootstrap!r}")
    if not isinstance(confidence, (int, float, np.floating)) or not 0 < confidence < 1:
        raise InvalidGameError(f"{where}: confidence must lie strictly between 0 and 1, "
                               f"got {confidence!r}")
    if names is None:
        names = tuple(f"x{i + 1}" for i in range(d))
    else:
        if isinstance(names, str):
            raise InvalidGameError(f"{where}: names must be a sequence of {d} strings, got {names!r}")
        names = tuple(names)
        if len(names) != d or not all(isinstance(s, str) for s in names):
            raise InvalidGameError(f"{where}: names must be {d} strings (d={d}), got {list(names)!r}")
    try:
        Y = np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{where}: y must be an array of numbers") from None
    single = Y.ndim == 1
    if Y.ndim not in (1, 2):
        raise InvalidGameError(f"{where}: y must have shape (n*(d+2),) or (n*(d+2), k), "
                               f"got shape {Y.shape}")
    rows = n * (d + 2)
    if Y.shape[0] != rows:
        raise InvalidGameError(f"{where}: expected {rows} outputs (n={n}, d={d}), got {Y.shape[0]}")
    if single:
        Y = Y[:, None]
    if Y.shape[1] == 0:
        raise InvalidGameError(f"{where}: y has no output columns")
    bad = int(np.count_nonzero(~np.isfinite(Y)))
    if bad:
        raise InvalidGameError(f"{where}: y has {bad} non-finite outputs (NaN or infinite)")

    blocks = Y.reshape(d + 2, n, Y.shape[1])
    pooled = np.concatenate([blocks[0], blocks[1]])
    V = np.var(pooled, axis=0)
    scale = np.max(np.abs(pooled), axis=0)
    usable = (np.ptp(pooled, axis=0) > 0) & (V > (1e-12 * scale) ** 2)
    first, total = _indices(blocks, usable)

    shape = first.shape
    nan = np.full(shape, np.nan)
    first_low = first_high = total_low = total_high = nan
    if bootstrap and n > 1:
        rng = np.random.default_rng(seed)
        reps_first = np.empty((bootstrap,) + shape)
        reps_total = np.empty((bootstrap,) + shape)
        for r in range(bootstrap):
            rows_drawn = rng.integers(0, n, size=n)
            reps_first[r], reps_total[r] = _indices(blocks[:, rows_drawn], usable)
        tail = 50.0 * (1.0 - confidence)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)      # all-NaN columns: constant output
            first_low, first_high = np.nanpercentile(reps_first, [tail, 100.0 - tail], axis=0)
            total_low, total_high = np.nanpercentile(reps_total, [tail, 100.0 - tail], axis=0)

    note = ""
    if not usable.all():
        if single:
            note = "output is constant (variance 0): its indices are undefined (NaN)"
        else:
            which = [str(j) for j in np.flatnonzero(~usable)]
            note = (f"output {which[0]} is constant (variance 0): its indices are undefined (NaN)"
                    if len(which) == 1 else
                    f"outputs {', '.join(which)} are constant (variance 0): their indices are "
                    "undefined (NaN)")
    V = np.where(usable, V, 0.0)
    variance = float(V[0]) if single else _frozen(V, False)
    return SobolIndices(names=names, n=n, d=d, first=_frozen(first, single),
                        total=_frozen(total, single), first_low=_frozen(first_low, single),
                        first_high=_frozen(first_high, single),
                        total_low=_frozen(total_low, single),
                        total_high=_frozen(total_high, single), variance=variance,
                        confidence=float(confidence), bootstrap=int(bootstrap), note=note)
