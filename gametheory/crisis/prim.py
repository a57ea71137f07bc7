"""Scenario discovery: which ranges of the inputs the cases of interest concentrate in.

Given draws ``X`` of uncertain inputs and a yes/no outcome ``y`` for each (say,
"this conclusion fails in this draw"), the Patient Rule Induction Method
(PRIM, Friedman and Fisher 1999) looks for a few *boxes* -- limits on a few
inputs -- inside which the cases are dense, and which hold most of them.
Bryant and Lempert (2010) made it the tool of *scenario discovery*: each box
reads as a scenario ("the conclusion fails when ``p < 0.4`` and ``w >= 2``"),
judged by its

- **coverage**: the share of all cases of interest that fall inside;
- **density**: the share of the points inside that are cases;
- **mass**: the share of all points that fall inside.

``prim`` finds the boxes as follows.

1. **Peeling.**  Start from the box holding every point.  For each input,
   try cutting off the ``alpha``-quantile slice of the points in the box at
   its low end, and the ``1 - alpha`` slice at its high end; make the cut
   that leaves the highest density (on ties, the one leaving more points).
   Only cuts that leave a mass of at least ``min_mass`` are allowed; peeling
   stops when none is.  A slice always removes at least one distinct value,
   so inputs with ties (discrete inputs) are peeled a value at a time.  The
   boxes met on the way, from the whole space to the smallest, are the
   *peeling trajectory*.
2. **Choosing.**  From the trajectory take the box of highest coverage among
   those of density at least ``threshold``; if none reaches it, the box of
   highest density (the choice an analyst makes by eye on the trajectory's
   coverage-density plot, made automatic as in the EMA Workbench).
3. **Pasting** (optional).  Move one limit of the chosen box outwards to take
   back a slice of about ``alpha`` times its points, the move that gives the
   highest density, as long as the density does not drop.
4. **Pruning** (optional).  Greedy peeling also cuts inputs that do not
   matter, when a slice happens to hold few cases.  For each restricted
   input ``j`` take its *quasi-p-value* (Bryant and Lempert 2010): the chance
   that the box's ``T`` points hold at least its ``H`` cases if they were
   drawn at the density ``p_j`` of the box without the limits on ``j``,
   ``P(Binomial(T, p_j) >= H)``.  While the largest is above 0.05
   (``QUASI_P``) and two or more inputs are restricted, open that
   input's limits.  On synthetic data this removes most spurious limits.
5. **Covering.**  Remove the points inside the box and start again on those
   left, for up to ``max_boxes`` boxes.  A box is kept only when it beats the
   rate of cases among the remaining points (the *base rate* ``b``)
   meaningfully: it holds at least 2 cases (``MIN_CASES``) and at least
   5% of all the cases (``MIN_COVERAGE``), and its density is above ``b``
   and at least ``min(1.5 b, (1 + b) / 2)`` (a lift of 1.5, ``LIFT``, or
   half the way from ``b`` to 1 when ``b`` is above 1/2).  Covering stops at
   the first box that is not kept.  A later box's limits are those it needs
   among the points left after the earlier boxes; on all the points it may
   overlap them.

Limits read ``low <= x < high``; a limit that cuts off no point (given the
box's other limits) is dropped, so a box restricts only the inputs whose
limits matter.  Coverage and mass are shares of *all* the cases and points,
in every round.  Two edge cases: with fewer than 2 cases there is no box; when
every point is a case (or the cases are spread evenly) no box beats the base
rate and the result is empty too -- the outcome does not depend on the inputs.

PRIM is greedy: a peel that looks best early on can lead away from every
clean box.  With two separate regions of cases it may first return a box
that mixes them (a lower density says so), and then the clean boxes in the
following rounds.  Read the density of each box, and the trajectory.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidGameError

__all__ = ["PrimBox", "prim"]

#: A kept box's density must be at least this many times the base rate (or half-way to 1).
LIFT = 1.5
#: ... and hold at least this many cases of interest ...
MIN_CASES = 2
#: ... and at least this share of all of them.
MIN_COVERAGE = 0.05
#: Limits on an input are dropped when the box's cases are this likely without them.
QUASI_P = 0.05


def _number(v: float) -> str:
    """``v`` with up to 3 significant digits, positional unless very large or small."""
    if v == 0:
        return "0"
    if 1e-3 <= abs(v) < 1e6:
        return np.format_float_positional(v, precision=3, unique=False, fractional=False,
                                          trim="-")
    return f"{v:.3g}"


@dataclass(frozen=True)
class PrimBox:
    """A box found by ``prim``: limits on a few inputs and how well they pick the cases.

    ``limits`` holds ``(name, low, high)`` for the restricted inputs only, in
    the order of the inputs, with ``None`` for a side left open; a point is
    inside when ``low <= x < high`` for each.  ``coverage`` is the share of all
    cases of interest inside, ``density`` the share of the points inside that
    are cases, ``mass`` the share of all points inside; ``count`` and
    ``cases`` are the numbers of points and of cases inside.  ``trajectory``
    is the peeling trajectory the box was chosen from, as ``(coverage,
    density, mass)`` from the whole (remaining) space to the smallest box, and
    ``chosen`` the index of the chosen box on it (before pasting).
    """

    limits: tuple[tuple[str, float | None, float | None], ...]
    coverage: float
    density: float
    mass: float
    count: int
    cases: int
    trajectory: tuple[tuple[float, float, float], ...]
    chosen: int

    def rule(self) -> str:
        """The box as readable text, e.g. ``"0.2 <= p < 0.4 and w >= 2"``.

        Numbers have up to 3 significant digits; a box with no limits reads ``"everything"``.

        Examples
        --------
        >>> box = PrimBox(limits=(("p", 0.2, 0.4), ("w", 2.0, None)), coverage=0.9,
        ...               density=0.95, mass=0.1, count=100, cases=95, trajectory=(), chosen=0)
        >>> box.rule()
        '0.2 <= p < 0.4 and w >= 2'
        """
        parts = []
        for name, low, high in self.limits:
            if low is not None and high is not None:
                parts.append(f"{_number(low)} <= {name} < {_number(high)}")
            elif low is not None:
                parts.append(f"{name} >= {_number(low)}")
            elif high is not None:
                parts.append(f"{name} < {_number(high)}")
        return " and ".join(parts) if parts else "everything"


def _fraction(value: object, what: str, low_open: bool = True, high: float = 1.0,
              high_open: bool = False) -> float:
    ok = False
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        v = float(value)
        ok = (v > 0 if low_open else v >= 0) and (v < high if high_open else v <= high)
    if not ok:
        bracket = "]" if not high_open else ")"
        raise InvalidGameError(f"prim: {what} must lie in (0, {high:g}{bracket}, got {value!r}")
    return v


def _validate(X, y, names) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    try:
        X = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise InvalidGameError("prim: X must be an array of numbers") from None
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 1:
        raise InvalidGameError(f"prim: X must have shape (n, d) with n, d >= 1, got shape {X.shape}")
    n, d = X.shape
    bad = int(np.count_nonzero(~np.isfinite(X)))
    if bad:
        raise InvalidGameError(f"prim: X has {bad} non-finite values (NaN or infinite)")
    y = np.asarray(y)
    if y.shape != (n,):
        raise InvalidGameError(f"prim: y must have shape ({n},) to match X, got shape {y.shape}")
    if y.dtype != bool:
        if not np.issubdtype(y.dtype, np.number) or not np.isin(y, (0, 1)).all():
            raise InvalidGameError("prim: y must be boolean (or 0/1): whether each point is a "
                                   "case of interest")
        y = y.astype(bool)
    if isinstance(names, str):
        raise InvalidGameError(f"prim: names must be a sequence of {d} strings, got {names!r}")
    try:
        names = tuple(names)
    except TypeError:
        raise InvalidGameError(f"prim: names must be a sequence of {d} strings, "
                               f"got {names!r}") from None
    if len(names) != d:
        raise InvalidGameError(f"prim: expected {d} names (one per column of X), got {len(names)}")
    if not all(isinstance(s, str) and s for s in names):
        raise InvalidGameError(f"prim: names must be non-empty strings, got {list(names)!r}")
    if len(set(names)) != d:
        twice = sorted({s for s in names if names.count(s) > 1})
        raise InvalidGameError(f"prim: names must be distinct, repeated: {', '.join(twice)}")
    return X, y, names


def _inside(X: np.ndarray, low: np.ndarray, high: np.ndarray, skip: int | None = None) -> np.ndarray:
    keep = np.ones(len(X), dtype=bool)
    for j in range(X.shape[1]):
        if j != skip:
            keep &= (X[:, j] >= low[j]) & (X[:, j] < high[j])
    return keep


def _peel(X: np.ndarray, y: np.ndarray, alpha: float, min_count: float):
    """The peeling trajectory: a list of (low, high, count, cases)."""
    d = X.shape[1]
    low, high = np.full(d, -np.inf), np.full(d, np.inf)
    inside = np.ones(len(X), dtype=bool)
    steps = [(low.copy(), high.copy(), int(inside.sum()), int(y.sum()))]
    while True:
        xs, ys = X[inside], y[inside]
        best = None                       # ((cases/count, count), j, side, limit)
        for j in range(d):
            x = xs[:, j]
            lo, hi = x.min(), x.max()
            if lo == hi:
                continue
            q = np.quantile(x, alpha)
            keep = x >= q
            if keep.all():                # ties at the minimum: remove the minimum's points
                q = x[x > lo].min()
                keep = x >= q
            cands = [(keep, "low", q)]
            q = np.quantile(x, 1.0 - alpha)
            keep = x < q
            if not keep.any():            # ties at the maximum: remove the maximum's points
                q = hi
                keep = x < q
            cands.append((keep, "high", q))
            for keep, side, q in cands:
                count = int(keep.sum())
                if count < min_count or count == 0:
                    continue
                key = (int(ys[keep].sum()) / count, count)
                if best is None or key > best[0]:
                    best = (key, j, side, float(q))
        if best is None:
            return steps
        _, j, side, q = best
        if side == "low":
            low[j] = q
        else:
            high[j] = q
        inside = _inside(X, low, high)
        steps.append((low.copy(), high.copy(), int(inside.sum()), int(y[inside].sum())))


def _choose(steps, threshold: float) -> int:
    dense = [k for k, s in enumerate(steps) if s[3] >= threshold * s[2]]
    if dense:
        return max(dense, key=lambda k: (steps[k][3], steps[k][3] / steps[k][2], -k))
    return max(range(len(steps)), key=lambda k: (steps[k][3] / steps[k][2], steps[k][3], -k))


def _paste(X: np.ndarray, y: np.ndarray, low: np.ndarray, high: np.ndarray, alpha: float):
    """Move limits outwards while the density does not drop."""
    low, high = low.copy(), high.copy()
    inside = _inside(X, low, high)
    while True:
        count, cases = int(inside.sum()), int(y[inside].sum())
        step = max(1, math.ceil(alpha * count))
        best = None                       # ((cases/count, count), j, side, limit, mask)
        for j in range(X.shape[1]):
            others = _inside(X, low, high, skip=j)
            x = X[:, j]
            moves = []
            if np.isfinite(low[j]):
                below = np.sort(x[others & (x < low[j])])[::-1]
                if below.size:
                    v = below[min(step, below.size) - 1]
                    moves.append(("low", v, inside | (others & (x >= v) & (x < low[j]))))
            if np.isfinite(high[j]):
                above = np.sort(x[others & (x >= high[j])])
                if above.size:
                    v = above[min(step, above.size) - 1]
                    beyond = above[above > v]
                    limit = beyond[0] if beyond.size else np.inf
                    moves.append(("high", limit, inside | (others & (x >= high[j]) & (x < limit))))
            for side, limit, mask in moves:
                n_in, c_in = int(mask.sum()), int(y[mask].sum())
                if c_in * count < cases * n_in:        # the density would drop
                    continue
                key = (c_in / n_in, n_in)
                if best is None or key > best[0]:
                    best = (key, j, side, float(limit), mask)
        if best is None:
            return low, high
        _, j, side, limit, inside = best
        if side == "low":
            low[j] = limit
        else:
            high[j] = limit


def _drop_idle_limits(X: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Open the limits that cut off no point, given the box's other limits."""
    for j in range(X.shape[1]):
        others = _inside(X, low, high, skip=j)
        x = X[others, j]
        if np.isfinite(low[j]) and not (x < low[j]).any():
            low[j] = -np.inf
        if np.isfinite(high[j]) and not (x >= high[j]).any():
            high[j] = np.inf


def _quasi_p(X: np.ndarray, y: np.ndarray, low: np.ndarray, high: np.ndarray, j: int) -> float:
    """How likely the box's cases are if input ``j``'s limits did not matter (Bryant and Lempert).

    The chance that ``T`` points drawn at the density of the box without the limits on ``j`` hold
    at least the ``H`` cases the box holds: binomial, ``P(Binomial(T, p_j) >= H)``.
    """
    inside = _inside(X, low, high)
    without = _inside(X, low, high, skip=j)
    T, H = int(inside.sum()), int(y[inside].sum())
    p = y[without].sum() / without.sum()
    from scipy.stats import binom  # lazy: scipy.stats takes 0.2 s to import
    return float(binom.sf(H - 1, T, p))


def _prune(X: np.ndarray, y: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Open, one input at a time, the limits whose quasi-p-value exceeds ``QUASI_P``."""
    while True:
        restricted = [j for j in range(X.shape[1]) if np.isfinite(low[j]) or np.isfinite(high[j])]
        if len(restricted) < 2:
            return
        qp, j = max((_quasi_p(X, y, low, high, j), j) for j in restricted)
        if qp <= QUASI_P:
            return
        low[j], high[j] = -np.inf, np.inf


def prim(X: np.ndarray | Sequence[Sequence[float]], y: np.ndarray | Sequence[bool],
         names: Sequence[str], *, alpha: float = 0.05, min_mass: float = 0.05,
         threshold: float = 0.8, max_boxes: int = 3, paste: bool = True,
         prune: bool = True) -> tuple[PrimBox, ...]:
    """Boxes of the inputs in which the cases of interest concentrate (PRIM with covering).

    Parameters
    ----------
    X : array_like, shape (n, d)
        The inputs' values, one row per draw.
    y : array_like of bool, shape (n,)
        Whether each draw is a case of interest (0/1 accepted).
    names : sequence of str
        The ``d`` inputs' names, distinct.
    alpha : float
        Share of a box's points each peel removes, in ``(0, 0.5)``.
    min_mass : float
        Smallest share of all points a peeled box may keep, in ``(0, 1]``.
    threshold : float
        Density a box should reach to be chosen for coverage, in ``(0, 1]``.
    max_boxes : int
        Most boxes to find.
    paste : bool
        Paste the chosen box (step 3 of the module's description).
    prune : bool
        Open the limits of inputs whose restriction is not significant (step 4).

    Returns
    -------
    tuple of PrimBox
        The boxes in the order found, possibly none (see the module's notes on
        when a box is kept).

    Raises
    ------
    InvalidGameError
        If ``X`` is not a finite ``(n, d)`` array, ``y`` not ``n`` booleans,
        ``names`` not ``d`` distinct strings, or a parameter is out of range.

    Examples
    --------
    The cases are the draws with ``x1 < 0.3`` and ``x2 > 0.6``:

    >>> rng = np.random.default_rng(0)
    >>> X = rng.random((1000, 3))
    >>> y = (X[:, 0] < 0.3) & (X[:, 1] > 0.6)
    >>> boxes = prim(X, y, ["x1", "x2", "x3"])
    >>> len(boxes), boxes[0].rule()
    (1, 'x1 < 0.303 and x2 >= 0.599')
    >>> box = boxes[0]
    >>> round(box.coverage, 2), round(box.density, 2), round(box.mass, 2)
    (1.0, 1.0, 0.14)

    References
    ----------
    Friedman, J. H. and Fisher, N. I. (1999). Bump hunting in high-dimensional
    data. *Statistics and Computing* 9(2), 123-143.  Bryant, B. P. and
    Lempert, R. J. (2010). Thinking inside the box: a participatory,
    computer-assisted approach to scenario discovery. *Technological
    Forecasting and Social Change* 77(1), 34-49.  Kwakkel, J. H. (2017). The
    Exploratory Modeling Workbench. *Environmental Modelling & Software* 96,
    239-250.
    """
    X, y, names = _validate(X, y, names)
    alpha = _fraction(alpha, "alpha", high=0.5, high_open=True)
    min_mass = _fraction(min_mass, "min_mass")
    threshold = _fraction(threshold, "threshold")
    if isinstance(max_boxes, bool) or not isinstance(max_boxes, (int, np.integer)) or max_boxes < 1:
        raise InvalidGameError(f"prim: max_boxes must be a positive integer, got {max_boxes!r}")
    n_all, cases_all = len(X), int(y.sum())
    min_count = min_mass * n_all - 1e-9
    remaining = np.arange(n_all)
    boxes: list[PrimBox] = []
    while len(boxes) < max_boxes:
        Xr, yr = X[remaining], y[remaining]
        if int(yr.sum()) < MIN_CASES:
            break
        base = yr.sum() / len(yr)
        steps = _peel(Xr, yr, alpha, min_count)
        k = _choose(steps, threshold)
        low, high = steps[k][0], steps[k][1]
        if paste:
            low, high = _paste(Xr, yr, low, high, alpha)
        else:
            low, high = low.copy(), high.copy()
        _drop_idle_limits(Xr, low, high)
        if prune:
            _prune(Xr, yr, low, high)
        inside = _inside(Xr, low, high)
        count, cases = int(inside.sum()), int(yr[inside].sum())
        density = cases / count
        if (cases < MIN_CASES or cases < MIN_COVERAGE * cases_all or not density > base
                or density < min(LIFT * base, (1 + base) / 2)):
            break
        limits = tuple((names[j], None if np.isinf(low[j]) else float(low[j]),
                        None if np.isinf(high[j]) else float(high[j]))
                       for j in range(X.shape[1]) if np.isfinite(low[j]) or np.isfinite(high[j]))
        trajectory = tuple((c / cases_all, c / m, m / n_all) for _, _, m, c in steps)
        boxes.append(PrimBox(limits=limits, coverage=cases / cases_all, density=density,
                             mass=count / n_all, count=count, cases=cases,
                             trajectory=trajectory, chosen=k))
        remaining = remaining[~inside]
    return tuple(boxes)
