"""Every number of a crisis model as a parameter: its point value, range, distribution, source.

A model's numbers are its preference weights, the effects of the parties'
actions, the baseline values of the attributes and the scenario
probabilities.  Each is a ``Parameter`` with a stable name:

=============================  ==============================================
``weight.PARTY.ATTRIBUTE``     a party's weight on an attribute
``effect.EFFECT.ATTRIBUTE``    what an effect adds to an attribute
``baseline.ATTRIBUTE``         an attribute's value when everyone takes its first action
``probability.SCENARIO``       a chance scenario's probability
``type.PARTY.TYPE``            a party's type's prior probability
``channel.PARTY.CARRIES``      the weight of a channel (a party carrying another's concerns)
=============================  ==============================================

and an ``Uncertain`` number: the point value the model computes with by
default, the admissible range (the point value alone when none is given), a
distribution over the range (uniform, triangular with its mode at the point
value, or a beta distribution scaled to the range) and the source of the range.

Draws respect what the article fixes ordinally: a party's *priorities*
("meltdown outranks foreign forces") hold in every draw, by drawing a lower
weight within its range truncated to what its higher weights allow (see
``values_from_uniforms``), so the independent inputs of a draw are
uniforms on ``[0, 1]`` (what Sobol indices assume).  Scenario probabilities
with a range are drawn within it and the scenarios without one share the rest
in proportion to their point values; a draw that leaves them less than
nothing is infeasible.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..display import Displayable
from ..errors import InvalidGameError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Uncertain", "Parameter", "DISTRIBUTIONS", "values_from_uniforms", "share_rest", "GRID"]

DISTRIBUTIONS = ("uniform", "triangular", "beta")

#: Drawn values are rounded to multiples of 1/GRID (exact arithmetic stays cheap).
GRID = 1000


@dataclass(frozen=True)
class Uncertain(Displayable):
    """A number with its uncertainty.

    Attributes
    ----------
    value : Fraction
        The point value (the model's default).
    low, high : Fraction
        The admissible range; ``low == high == value`` for a fixed number.
    distribution : str
        ``"uniform"``, ``"triangular"`` (mode at ``value``) or ``"beta"``.
    shape : tuple of Fraction or None
        The beta distribution's ``(a, b)`` on the range.
    source : str
        Where the range comes from (a quote, or the analyst's reason).
    fixed : bool
        (property) True when the number has no range (``low == high``).

    Notes
    -----
    ``quantile(u, lo=None, hi=None)`` is the inverse distribution function,
    truncated to ``[lo, hi]`` when given; ``cdf`` and ``ppf`` are the distribution
    function and its inverse.  The beta distribution is scaled to ``[low, high]``
    (``shape`` default ``(1, 1)``).

    Examples
    --------
    >>> u = Uncertain(Fraction(1, 5), Fraction(1, 10), Fraction(3, 10), "triangular")
    >>> round(u.quantile(0.5), 4), u.fixed
    (0.2, False)
    >>> round(u.quantile(0.5, lo=0.2), 4)          # the upper half only
    0.2293
    """

    value: Fraction
    low: Fraction
    high: Fraction
    distribution: str = "uniform"
    shape: tuple[Fraction, Fraction] | None = None
    source: str = ""

    @property
    def fixed(self) -> bool:
        """True when the number has no range."""
        return self.low == self.high

    def _frozen(self):
        from scipy import stats  # lazy: scipy.stats takes 0.2 s to import
        lo, hi = float(self.low), float(self.high)
        if self.distribution == "triangular":
            c = (float(self.value) - lo) / (hi - lo)
            return stats.triang(c, loc=lo, scale=hi - lo)
        if self.distribution == "beta":
            a, b = self.shape or (1, 1)
            return stats.beta(float(a), float(b), loc=lo, scale=hi - lo)
        return stats.uniform(loc=lo, scale=hi - lo)

    def cdf(self, x: float) -> float:
        """The distribution function at ``x``."""
        lo, hi = float(self.low), float(self.high)
        if self.fixed:
            return 0.0 if x < lo else 1.0
        if x <= lo:
            return 0.0
        if x >= hi:
            return 1.0
        if self.distribution == "uniform":
            return (x - lo) / (hi - lo)
        if self.distribution == "triangular":
            c = float(self.value)
            if x <= c:
                return (x - lo) ** 2 / ((hi - lo) * (c - lo))
            return 1 - (hi - x) ** 2 / ((hi - lo) * (hi - c))
        return float(self._frozen().cdf(x))

    def ppf(self, q: float) -> float:
        """The inverse distribution function at ``q`` in ``[0, 1]``."""
        lo, hi = float(self.low), float(self.high)
        if self.fixed:
            return lo
        if self.distribution == "uniform":
            return lo + q * (hi - lo)
        if self.distribution == "triangular":          # closed form (e.g. Kotz and van Dorp 2004)
            c = float(self.value)
            f = (c - lo) / (hi - lo)
            if q <= f:
                return lo + ((hi - lo) * (c - lo) * q) ** 0.5
            return hi - ((hi - lo) * (hi - c) * (1 - q)) ** 0.5
        return float(self._frozen().ppf(q))

    def quantile(self, u: float, lo: float | None = None, hi: float | None = None) -> float:
        """The value at quantile ``u`` of the distribution, truncated to ``[lo, hi]`` when given
        (``u`` then runs over the truncated part: ``F^-1(F(lo) + u (F(hi) - F(lo)))``)."""
        if self.fixed:
            return float(self.value)
        a = self.cdf(lo) if lo is not None else 0.0
        b = self.cdf(hi) if hi is not None else 1.0
        return self.ppf(a + u * (b - a))


@dataclass(frozen=True)
class Parameter(Displayable):
    """One number of a model (see ``parameters``).

    Attributes
    ----------
    name : str
        A stable name: ``weight.PARTY.ATTRIBUTE``, ``effect.EFFECT.ATTRIBUTE``,
        ``baseline.ATTRIBUTE``, ``probability.SCENARIO``, ``type.PARTY.TYPE`` or
        ``channel.PARTY.CARRIES``.
    kind : str
        ``"weight"``, ``"effect"``, ``"baseline"``, ``"probability"``, ``"type"`` or
        ``"channel"``: the name's first part.
    number : Uncertain
        Its point value, range, distribution and source.

    Examples
    --------
    >>> import gametheory as gt
    >>> p = {q.name: q for q in gt.load_model("succession").parameters()}["probability.succession"]
    >>> p.kind, str(p.number.value), [str(x) for x in (p.number.low, p.number.high)]
    ('probability', '1/5', ['1/20', '2/5'])
    """

    name: str
    kind: str
    number: Uncertain


def _rounded(x: float) -> Fraction:
    return Fraction(round(x * GRID), GRID)


def values_from_uniforms(model: Any, parameters: Sequence[Parameter],
                         u: Sequence[float] | np.ndarray) -> dict[str, Fraction] | None:
    """Values of the uncertain ``parameters`` from independent uniforms ``u`` (one each), or
    None when the draw is infeasible.

    Weights are drawn in an order where every priority's higher weight comes
    before its lower ones; a lower weight is drawn from its distribution
    truncated so that its full swing stays below every higher one's (the
    priority as ``priority_violations``
    states it).  Values are rounded to multiples of ``1 / GRID``; a draw whose
    rounding breaks a priority, or whose scenario probabilities leave the
    scenarios without a range less than nothing, is infeasible.

    Examples
    --------
    >>> import gametheory as gt
    >>> model = gt.load_model("coordinated")
    >>> params = [p for p in model.parameters() if not p.number.fixed]
    >>> values = values_from_uniforms(model, params, [0.5] * len(params))
    >>> values["weight.ROK.meltdown"]
    Fraction(-21, 2)
    """
    if len(u) != len(parameters):
        raise InvalidGameError(f"values_from_uniforms: {len(parameters)} parameters, {len(u)} uniforms")
    given = dict(zip((p.name for p in parameters), u))
    by_name = {p.name: p for p in parameters}
    span = {a.name: a.high - a.low for a in model.attributes}
    # the swing bound each lower weight must stay under, from its higher weights
    above: dict[str, list[tuple[str, str, str]]] = {}
    for pr in model.priorities:
        for low in pr.lower:
            above.setdefault(f"weight.{pr.party}.{low}", []).append(
                (f"weight.{pr.party}.{pr.higher}", pr.higher, low))
    current = {p.name: p.number.value for p in model.parameters()}
    values: dict[str, Fraction] = {}
    order = _priority_order([p.name for p in parameters], above)
    for name in order:
        p = by_name[name]
        lo: float | None = None
        hi: float | None = None
        for higher, h_attr, l_attr in above.get(name, ()):
            top = abs(values.get(higher, current[higher])) * span[h_attr]
            if span[l_attr] == 0:
                continue
            bound = float(top / span[l_attr])
            lo = -bound if lo is None else max(lo, -bound)
            hi = bound if hi is None else min(hi, bound)
        if lo is not None and hi is not None:  # always set together
            lo, hi = max(lo, float(p.number.low)), min(hi, float(p.number.high))
            if not lo < hi:
                return None
        x = p.number.quantile(given[name], lo, hi)
        values[name] = min(max(_rounded(x), p.number.low), p.number.high)
    if not _probabilities(model, values):
        return None
    weights = {(q.party, q.attribute): values.get(f"weight.{q.party}.{q.attribute}", q.weight)
               for q in model.preferences}
    if model.priority_violations(weights):
        return None
    return values


def _priority_order(names: list[str], above: Mapping[str, list[tuple[str, str, str]]]) -> list[str]:
    """``names`` with every higher weight before the lower ones it bounds (a cycle is an error)."""
    out: list[str] = []
    state: dict[str, int] = {}

    def visit(n: str) -> None:
        if state.get(n) == 2:
            return
        if state.get(n) == 1:
            raise InvalidGameError(f"the priorities go round in a circle through {n}")
        state[n] = 1
        for higher, _, _ in above.get(n, ()):
            if higher in names:
                visit(higher)
        state[n] = 2
        out.append(n)

    for n in names:
        visit(n)
    return out


def share_rest(scenarios: Sequence[Any], given: Mapping[str, Fraction]) -> dict[str, Fraction] | None:
    """Every scenario's probability when those in ``given`` are set: the others share the rest
    in proportion to their current probabilities (equally when those are all 0); None when the
    rest is negative, or when every scenario is given and they do not sum to 1."""
    rest = 1 - sum(given.values(), Fraction(0))
    others = [s for s in scenarios if s.name not in given]
    if rest < 0 or (not others and rest != 0):
        return None
    base = sum((s.probability for s in others), Fraction(0))
    return {**given, **{s.name: rest * s.probability / base if base else rest / len(others)
                        for s in others}}


def _probabilities(model: Any, values: dict[str, Fraction]) -> bool:
    """Fill in the probabilities of the scenarios not drawn (``share_rest``); False when
    the draw leaves them less than nothing."""
    drawn = {s.name: values[f"probability.{s.name}"] for s in model.scenarios
             if f"probability.{s.name}" in values}
    if not drawn:
        return True
    shared = share_rest(model.scenarios, drawn)
    if shared is None:
        return False
    values.update({f"probability.{name}": p for name, p in shared.items()})
    return True


def as_fraction(value: Any, where: str) -> Fraction:
    """An exact number from an int, Fraction or a decimal/fraction string (never evaluated)."""
    from ..arithmetic import parse_rational
    if isinstance(value, bool):
        raise InvalidGameError(f"{where}: expected a number, got a boolean")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidGameError(f"{where}: numbers must be finite")
        return Fraction(repr(value))
    if isinstance(value, str):
        try:
            return parse_rational(value)
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(f"{where}: {value!r} is not a number") from None
    raise InvalidGameError(f"{where}: expected a number, got {type(value).__name__}")
