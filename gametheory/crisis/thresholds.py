"""Where each conclusion flips as one parameter moves, and region maps over two.

Along one parameter ``x`` (the others at their point values) every
conclusion is evaluated at ``points`` equally spaced exact values of its range.
Between two neighbours where its truth differs there is a *flip*; it is
isolated by exact bisection to a rational interval ``[low, high]`` (the truth
differs at its two ends).  Conclusions compare equilibrium payoffs and
risks, which are piecewise rational functions of ``x``, so a flip is a root of
a polynomial in ``x``, or a jump where an equilibrium appears or disappears.
Two ways to the exact point, each checked in exact arithmetic:

- **margin**: where the conclusion's margin is linear on the interval, the
  secant through its ends hits the root; the point (or the simplest fraction
  in the interval) is the flip when the margin is exactly 0 there;
- **payoff tie**: an equilibrium appears or disappears where some player's
  payoff difference between two actions changes sign; when exactly one point
  of the interval makes such a difference (of either regime's game) exactly 0
  (the secant roots of every difference, checked), the flip is there.

Otherwise the interval is reported (its ends are rational; the root may be
irrational).  Two flips closer together than the scan step can be missed: the
result states the step.

Over two parameters, ``region_map`` evaluates every conclusion on a grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import exact_str
from ..context import Context
from ..display import Displayable
from ..errors import InvalidGameError
from .bayesian import bayes_compare
from .compare import compare
from .conclusions import Conclusion, bayes_conclusions, builtin_conclusions
from .model import Model
from .parameters import as_fraction

__all__ = ["Flip", "ThresholdResult", "RegionMap", "thresholds", "region_map", "threshold_view"]

#: Bisection steps per flip at most (the interval shrinks by 2**-STEPS of the scan step).
STEPS = 24
#: The bisection steps after which the exact point is looked for.
_TRY_EXACT = (0, 6, 12, 18, 24)


@dataclass(frozen=True)
class Flip(Displayable):
    """One flip of one conclusion along the parameter (see ``thresholds``).

    Attributes
    ----------
    conclusion : str
        The conclusion's name.
    text : str
        Its statement.
    low, high : Fraction
        Rationals isolating the flip.
    before : bool
        The truth at ``low``; it is the opposite at ``high``.
    exact : Fraction or None
        The flip point when found exactly, else None.
    basis : str or None
        How it was found: ``"margin"`` (the conclusion's margin is exactly 0 there)
        or ``"payoff tie"`` (a payoff difference of either regime's game is exactly
        0 there: an equilibrium appears or disappears); None when not found.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.thresholds(gt.load_model("loose-nukes"), "weight.US.clash", points=5,
    ...                     only=["unilateral_risk.clash"])
    >>> f = res.flips[0]
    >>> f.conclusion, str(f.low), str(f.high), f.before, str(f.exact), f.basis
    ('unilateral_risk.clash', '-33/4', '-13/2', True, '-13/2', 'margin')
    """

    conclusion: str
    text: str
    low: Fraction
    high: Fraction
    before: bool
    exact: Fraction | None
    basis: str | None = None


@dataclass(frozen=True)
class ThresholdResult(Displayable):
    """Flips of every conclusion along one parameter, with the scan they come from
    (made by ``thresholds``).

    Attributes
    ----------
    model : Model
    parameter : str
        The parameter scanned.
    low, high : Fraction
        The range scanned.
    points : tuple of Fraction
        The scan: equally spaced exact values from ``low`` to ``high``.
    names, texts : tuple of str
        The conclusions followed, in order.
    holds : tuple of tuple of bool
        Per conclusion, its truth at each scan point.
    flips : tuple of Flip
        Along the scan, then in conclusion order.
    step : Fraction
        (property) The scan step: flips closer together than this may be missed.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.thresholds(gt.load_model("loose-nukes"), "weight.US.clash", points=5,
    ...                     only=["unilateral_risk.clash"])
    >>> [str(x) for x in res.points], res.holds, str(res.step)
    (['-10', '-33/4', '-13/2', '-19/4', '-3'], ((True, True, False, False, False),), '7/4')
    """

    model: Model
    parameter: str
    low: Fraction
    high: Fraction
    points: tuple[Fraction, ...]                 # the scan
    names: tuple[str, ...]                       # the conclusions, in order
    texts: tuple[str, ...]
    holds: tuple[tuple[bool, ...], ...]          # per conclusion, per scan point
    flips: tuple[Flip, ...]                      # along the scan, then in conclusion order

    @property
    def step(self) -> Fraction:
        """The scan step: flips closer together than this may be missed."""
        return (self.high - self.low) / (len(self.points) - 1)


@dataclass(frozen=True)
class RegionMap(Displayable):
    """Every conclusion on a grid of two parameters (made by ``region_map``).

    Attributes
    ----------
    model : Model
    parameters : (str, str)
        The two parameters.
    xs, ys : tuple of Fraction
        The grid's values of the first and the second parameter.
    names, texts : tuple of str
        The conclusions, in order.
    holds : tuple
        ``holds[c][i][j]``: the truth of conclusion ``c`` at ``(xs[i], ys[j])``.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.region_map(gt.load_model("loose-nukes"), ["weight.US.loose_nukes", "weight.US.clash"],
    ...                   points=3, only=["worst_risk.clash"])
    >>> [str(x) for x in m.xs], [str(y) for y in m.ys]
    (['-12', '-8', '-4'], ['-10', '-13/2', '-3'])
    >>> m.holds[0]
    ((False, False, False), (True, False, False), (False, True, True))
    """

    model: Model
    parameters: tuple[str, str]
    xs: tuple[Fraction, ...]
    ys: tuple[Fraction, ...]
    names: tuple[str, ...]
    texts: tuple[str, ...]
    holds: tuple[tuple[tuple[bool, ...], ...], ...]


def _scan_range(model: Model, name: str, within: Sequence[Any] | None) -> tuple[Fraction, Fraction]:
    params = {p.name: p for p in model.parameters()}
    if name not in params:
        close = [k for k in params if k.split(".")[0] == name.split(".")[0]][:6]
        raise InvalidGameError(f"{model.path}: no parameter {name!r}"
                               + (f"; e.g. {', '.join(close)}" if close else ""))
    if within is not None:
        if len(within) != 2:
            raise InvalidGameError(f"{name}: a range is two numbers, low and high")
        lo, hi = (as_fraction(v, f"{name}: the range") for v in within)
    else:
        lo, hi = params[name].number.low, params[name].number.high
    if not lo < hi:
        raise InvalidGameError(f"{name}: the range [{exact_str(lo)}, {exact_str(hi)}] is empty; "
                               "give one (NAME=LOW:HIGH) for a number without a range")
    return lo, hi


class _Evaluator:
    """Conclusions at exact parameter values, each comparison computed once (the complete
    information ``compare``, or ``bayes_compare`` in the ``"bayes"`` view)."""

    def __init__(self, model: Model, checks: Sequence[Conclusion], context: Context,
                 view: str = "complete") -> None:
        self.model, self.checks, self.context, self.view = model, checks, context, view
        self.cache: dict[tuple, Any] = {}

    def comparison(self, values: dict[str, Fraction]):
        key = tuple(sorted(values.items()))
        if key not in self.cache:
            self.context.check("threshold")
            drawn = self.model.with_values(values)
            self.cache[key] = bayes_compare(drawn) if self.view == "bayes" else \
                compare(drawn, extras=False)
        return self.cache[key]

    def holds(self, values: dict[str, Fraction]) -> tuple[bool, ...]:
        c = self.comparison(values)
        return tuple(ch.holds(c) for ch in self.checks)

    def differences(self, values: dict[str, Fraction]) -> np.ndarray:
        """Every payoff difference ``u_i(b, s_-i) - u_i(s)`` of both regimes' games, flattened
        (none in the ``"bayes"`` view: its flips are found from the margins only)."""
        if self.view == "bayes":
            return np.zeros(0, dtype=object)
        key = ("games",) + tuple(sorted(values.items()))
        if key not in self.cache:
            model = self.model.with_values(values)
            regimes = ([model.with_understandings([]), model.with_understandings(None)]
                       if model.understandings else [model])
            out = []
            for m in regimes:
                game = m.game()
                for i, u in enumerate(game.payoffs):
                    own = np.moveaxis(np.asarray(u, dtype=object), i, 0)
                    out.append((own[:, None] - own[None, :]).reshape(-1))
            self.cache[key] = np.concatenate(out)
        return self.cache[key]


def _grid(lo: Fraction, hi: Fraction, n: int) -> tuple[Fraction, ...]:
    return tuple(lo + (hi - lo) * k / (n - 1) for k in range(n))


def threshold_view(model: Model, vary: Sequence[str], view: str | None = None) -> str:
    """``"bayes"`` when asked, or by default when a varied number is a type probability (the
    complete-information conclusions do not depend on it); else ``"complete"``."""
    if view is None:
        kinds = {p.name: p.kind for p in model.parameters()}
        view = "bayes" if any(kinds.get(v) == "type" for v in vary) else "complete"
    if view not in ("complete", "bayes"):
        raise InvalidGameError(f"unknown view {view!r}; choose 'complete' or 'bayes'")
    if view == "bayes" and not model.types:
        raise InvalidGameError(f"{model.path}: the bayes view needs [[type]] tables")
    return view


def _checks(model: Model, extra: Sequence[Conclusion], only: Sequence[str] | None,
            view: str = "complete") -> list[Conclusion]:
    base = bayes_conclusions(model) if view == "bayes" else builtin_conclusions(model)
    checks = list(base) + list(extra)
    if only is None:
        return checks
    byname = {c.name: c for c in checks}
    missing = [n for n in only if n not in byname]
    if missing:
        raise InvalidGameError(f"no conclusion {missing[0]!r}; known: {', '.join(byname)}")
    return [byname[n] for n in only]


def thresholds(model: Model, vary: str, *, within: Sequence[Any] | None = None, points: int = 21,
               extra: Sequence[Conclusion] = (), only: Sequence[str] | None = None,
               context: Context | None = None, view: str | None = None) -> ThresholdResult:
    """Where each conclusion flips as the parameter ``vary`` moves over its range.

    The other numbers stay at their point values.  ``points`` exact values are
    scanned; between two where a conclusion's truth differs, exact bisection
    isolates the flip to a rational interval.  The flip is reported exactly where
    the conclusion's margin is exactly 0 at the secant root of the interval (or at
    its simplest fraction), or where exactly one point of the interval makes a
    payoff difference of either regime's game exactly 0 (an equilibrium appears or
    disappears there); otherwise the interval is reported (the root may be
    irrational).  Two flips closer together than the scan step can be missed:
    ``ThresholdResult.step`` says how far apart they must be.  In the bayes view
    flips are found from the margins only.

    Parameters
    ----------
    model : Model
    vary : str
        A parameter name (``parameters``).
    within : (low, high), optional
        The range to scan (default: the parameter's own range).
    points : int
        Scan points, at least 2; the step is ``(high - low) / (points - 1)``.
    extra : sequence of Conclusion
        The caller's conclusions beside the built-in ones.
    only : sequence of str, optional
        Names of the conclusions to follow (default: all).
    context : Context, optional
        Deadline and progress.
    view : {"complete", "bayes"}, optional
        The conclusions of the complete-information comparison, or those of the
        Bayes-Nash comparison of a model with private types
        (``bayes_conclusions``); default
        ``"bayes"`` when ``vary`` is a type probability (``type.PARTY.TYPE``), else
        ``"complete"``.

    Returns
    -------
    ThresholdResult

    Raises
    ------
    InvalidGameError
        For an unknown parameter, an empty range (``within`` is needed for a number
        without a range), ``points`` below 2, an unknown conclusion in ``only``, or
        an unknown view (or ``"bayes"`` without ``[[type]]`` tables).

    Examples
    --------
    >>> import gametheory as gt
    >>> model = gt.load_model("loose-nukes")
    >>> res = thresholds(model, "weight.US.loose_nukes", within=(-12, -2), points=6,
    ...                  only=["worst_payoff.US"])
    >>> [(f.before, f.exact) for f in res.flips]
    []
    >>> res = thresholds(model, "weight.US.clash", points=5,
    ...                  only=["unilateral_risk.clash", "worst_risk.clash"])
    >>> [(f.conclusion, str(f.exact), f.basis, f.before) for f in res.flips]
    [('unilateral_risk.clash', '-13/2', 'margin', True), ('worst_risk.clash', '-7', 'payoff tie', True)]
    """
    if not isinstance(points, int) or points < 2:
        raise InvalidGameError(f"thresholds: points must be an integer of at least 2, got {points!r}")
    lo, hi = _scan_range(model, vary, within)
    view = threshold_view(model, [vary], view)
    checks = _checks(model, extra, only, view)
    ev = _Evaluator(model, checks, context or Context(), view)
    xs = _grid(lo, hi, points)
    table = [ev.holds({vary: x}) for x in xs]
    flips = []
    for a, b, ta, tb in zip(xs, xs[1:], table, table[1:]):      # along the scan, in order
        for c, check in enumerate(checks):
            if ta[c] != tb[c]:
                flips.append(_isolate(ev, check, c, vary, a, b, ta[c]))
    return ThresholdResult(model=model, parameter=vary, low=lo, high=hi, points=xs,
                           names=tuple(ch.name for ch in checks), texts=tuple(ch.text for ch in checks),
                           holds=tuple(tuple(row[c] for row in table) for c in range(len(checks))),
                           flips=tuple(flips))


def _isolate(ev: _Evaluator, check: Conclusion, c: int, name: str, a: Fraction, b: Fraction,
             before: bool) -> Flip:
    """Bisect ``[a, b]`` (truth ``before`` at ``a``, not at ``b``) and try for the exact point."""
    def truth(x: Fraction) -> bool:
        return ev.holds({name: x})[c]

    def margin(x: Fraction) -> Any:
        return check.margin(ev.comparison({name: x}))

    exact, basis = None, None
    for step in range(STEPS + 1):
        if step in _TRY_EXACT:
            exact, basis = _exact_point(ev, margin, name, a, b)
            if exact is not None:
                break
        if step == STEPS:
            break
        mid = (a + b) / 2
        if truth(mid) == before:
            a = mid
        else:
            b = mid
    return Flip(conclusion=check.name, text=check.text, low=a, high=b, before=before, exact=exact,
                basis=basis)


def _exact_point(ev: _Evaluator, margin: Callable[[Fraction], Any], name: str, a: Fraction,
                 b: Fraction) -> tuple[Fraction | None, str | None]:
    """The flip point in ``[a, b]`` and how it was found (see the module notes), or None."""
    ma: Fraction | None
    mb: Fraction | None
    try:
        ma, mb = Fraction(margin(a)), Fraction(margin(b))
    except (TypeError, ValueError):
        ma = mb = None
    if ma is not None and mb is not None:       # both None or neither
        candidates = [a - ma * (b - a) / (mb - ma)] if ma != mb else []
        candidates.append(_simplest_between(a, b))
        for r in candidates:
            if a <= r <= b and Fraction(margin(r)) == 0:
                return r, "margin"
    # payoff ties: secant roots of every payoff difference that changes sign on [a, b]
    da, db = ev.differences({name: a}), ev.differences({name: b})
    changing = np.flatnonzero([(x < 0) != (y < 0) or (x == 0) != (y == 0)
                               for x, y in zip(da, db)])
    roots = {a - da[k] * (b - a) / (db[k] - da[k]) for k in changing if db[k] != da[k]}
    roots = {r for r in roots if a <= r <= b}
    if not roots:
        return None, None
    ties = []
    for r in sorted(roots):
        dr = ev.differences({name: r})
        if any(dr[k] == 0 for k in changing):
            ties.append(r)
    return (ties[0], "payoff tie") if len(ties) == 1 else (None, None)


def _simplest_between(a: Fraction, b: Fraction) -> Fraction:
    """The fraction with the smallest denominator in ``[a, b]`` (Stern-Brocot descent)."""
    if a > b:
        a, b = b, a
    fl = a.numerator // a.denominator
    if Fraction(fl) == a:
        return a
    if fl + 1 <= b:
        return Fraction(fl + 1)
    # both in (fl, fl + 1): recurse on the reciprocals of the fractional parts
    inner = _simplest_between(1 / (b - fl), 1 / (a - fl))
    return fl + 1 / inner


def region_map(model: Model, vary: Sequence[str], *, within: Sequence[Sequence[Any] | None] = (None, None),
               points: int = 11, extra: Sequence[Conclusion] = (), only: Sequence[str] | None = None,
               context: Context | None = None, view: str | None = None) -> RegionMap:
    """Every conclusion on a ``points`` x ``points`` grid of two parameters' ranges.

    Parameters
    ----------
    model : Model
    vary : (str, str)
        Two parameter names.
    within : pair
        Each parameter's range to scan, ``(low, high)``, or None for its own range
        (default: both their own).
    points : int
        Grid points per parameter, at least 2.
    extra, only, context, view
        As for ``thresholds`` (the bayes view is the default when a varied
        number is a type probability).

    Returns
    -------
    RegionMap

    Raises
    ------
    InvalidGameError
        Unless ``vary`` names two parameters; and as for ``thresholds``.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = region_map(gt.load_model("loose-nukes"), ["weight.US.loose_nukes", "weight.US.clash"],
    ...                points=3, only=["correlation_gain"])
    >>> len(m.xs), len(m.holds[0]), len(m.holds[0][0])
    (3, 3, 3)
    """
    if len(vary) != 2:
        raise InvalidGameError("region_map: give two parameters")
    if not isinstance(points, int) or points < 2:
        raise InvalidGameError(f"region_map: points must be an integer of at least 2, got {points!r}")
    (lo1, hi1), (lo2, hi2) = (_scan_range(model, n, w) for n, w in zip(vary, within))
    view = threshold_view(model, vary, view)
    checks = _checks(model, extra, only, view)
    ev = _Evaluator(model, checks, context or Context(), view)
    xs, ys = _grid(lo1, hi1, points), _grid(lo2, hi2, points)
    table = [[ev.holds({vary[0]: x, vary[1]: y}) for y in ys] for x in xs]
    return RegionMap(model=model, parameters=(vary[0], vary[1]), xs=xs, ys=ys,
                     names=tuple(ch.name for ch in checks), texts=tuple(ch.text for ch in checks),
                     holds=tuple(tuple(tuple(table[i][j][c] for j in range(len(ys)))
                                       for i in range(len(xs))) for c in range(len(checks))))
