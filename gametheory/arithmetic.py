"""The number field of a computation: exact rationals or floats, chosen once.

A computation picks its ``Arithmetic`` at the top (``choose_arithmetic``,
from the caller's ``exact=`` and whether the payoffs are rational) and passes
that one object down; code below asks it to convert, compare with zero and
certify, instead of testing an ``exact`` flag again.  The module also holds
the conversions every layer shares (``as_exact``, ``parse_rational``,
``integer_scale``, ``exact_str``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational
from typing import Any, cast

import numpy as np

Number = int | Fraction | float

__all__ = ["Number", "Arithmetic", "EXACT", "float_arithmetic", "choose_arithmetic", "as_exact",
           "is_exact_number", "exact_str", "integer_scale", "parse_rational"]


def is_exact_number(value: object) -> bool:
    """True for Python/numpy integers, ``Fraction`` and ``Decimal``."""
    if isinstance(value, (bool, np.bool_)):
        return False
    return isinstance(value, (Integral, Rational, Decimal, np.integer))


def as_exact(value: object) -> int | Fraction:
    """Convert an exact number to ``int`` (when integral) or ``Fraction``."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    q = Fraction(cast("Rational | Decimal | float", value))  # the numbers Fraction accepts
    return q.numerator if q.denominator == 1 else q


def exact_str(value: Number) -> str:
    """Write an exact number as a reduced fraction string (``"2/3"``, ``"-4"``)."""
    if isinstance(value, float):
        return repr(value)
    q = Fraction(value)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


#: Largest exponent accepted in scientific notation (``1e999999999`` would be an exact rational
#: with a billion digits).
MAX_EXPONENT = 1000

_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?")
_RATIO_RE = re.compile(r"([+-]?[0-9]+)/([0-9]+)")


def parse_rational(text: str) -> Fraction:
    """Parse ``"3"``, ``"-2/3"``, ``"1.25"`` or ``"1e-3"`` into an exact Fraction.

    Only ASCII digits count, and exponents beyond +-``MAX_EXPONENT`` are refused.
    Raises ``ValueError`` for anything else (no evaluation of the text).

    Examples
    --------
    >>> parse_rational("-2/3"), parse_rational("1.5e2")
    (Fraction(-2, 3), Fraction(150, 1))
    >>> parse_rational("1e99999")
    Traceback (most recent call last):
    ...
    ValueError: out of range (exponent beyond +-1000): '1e99999'
    """
    s = text.strip()
    ratio = _RATIO_RE.fullmatch(s)
    if ratio:
        if int(ratio.group(2)) == 0:
            raise ValueError(f"zero denominator: {text!r}")
        return Fraction(int(ratio.group(1)), int(ratio.group(2)))
    m = _NUMBER_RE.fullmatch(s)
    if not m:
        raise ValueError(f"not a number: {text!r}")
    if m.group(1) and abs(int(m.group(1))) > MAX_EXPONENT:
        raise ValueError(f"out of range (exponent beyond +-{MAX_EXPONENT}): {text[:40]!r}")
    try:
        return Fraction(Decimal(s))
    except Exception as exc:  # decimal.InvalidOperation, the int digit limit and friends
        raise ValueError(f"not a number: {text[:40]!r} ({exc})") from exc


def integer_scale(values: Iterable[int | Fraction]) -> int:
    """Least common multiple of the denominators: multiplying by it makes all integers."""
    lcm = 1
    for v in values:
        d = v.denominator if isinstance(v, Fraction) else 1
        if d != 1:
            lcm = lcm * d // math.gcd(lcm, d)
    return lcm


@dataclass(frozen=True)
class Arithmetic:
    """Exact rational or floating-point arithmetic, with its regret tolerance.

    One object per computation: ``choose_arithmetic`` makes it from the
    caller's ``exact=`` once, and every step below uses its methods.

    Attributes
    ----------
    exact : bool
        True for rational arithmetic (``Fraction``, regret
        exactly 0), False for floating point.
    tol : float or None
        Float mode's tolerance on regrets and zero tests; None when exact.

    Examples
    --------
    >>> from gametheory.arithmetic import EXACT, float_arithmetic
    >>> EXACT.number(0.5), EXACT.is_zero(Fraction(0)), EXACT.accepts(Fraction(1, 10**9))
    (Fraction(1, 2), True, False)
    >>> f = float_arithmetic(1e-9)
    >>> f.number(Fraction(1, 3)), f.accepts(1e-12), f.name
    (0.3333333333333333, True, 'float')
    """

    exact: bool
    tol: float | None = None

    def __post_init__(self) -> None:
        if self.exact and self.tol is not None:
            raise ValueError("exact arithmetic has no tolerance")
        if not self.exact and (self.tol is None or not self.tol >= 0):
            raise ValueError(f"float arithmetic needs a tolerance >= 0, got {self.tol!r}")

    @property
    def name(self) -> str:
        """``"exact"`` or ``"float"``."""
        return "exact" if self.exact else "float"

    @property
    def dtype(self) -> type:
        """The numpy dtype of this arithmetic's arrays (``object`` holding Fractions, or ``float``)."""
        return object if self.exact else float

    @property
    def zero(self) -> Fraction | float:
        """0 in this arithmetic (``Fraction(0)`` or ``0.0``)."""
        return Fraction(0) if self.exact else 0.0

    @property
    def one(self) -> Fraction | float:
        """1 in this arithmetic (``Fraction(1)`` or ``1.0``)."""
        return Fraction(1) if self.exact else 1.0

    def number(self, value: Any) -> Fraction | float:
        """One number in this arithmetic (a Fraction, or a float)."""
        return Fraction(value) if self.exact else float(value)

    def vector(self, values: Iterable[Any]) -> tuple:
        """A tuple of numbers in this arithmetic."""
        return tuple(self.number(v) for v in values)

    def array(self, values: Any) -> np.ndarray:
        """A numpy array in this arithmetic (an object array of Fractions when exact)."""
        if self.exact:
            arr = np.asarray(values, dtype=object)
            if all(type(v) is Fraction for v in arr.flat):     # the common case: nothing to do
                return arr.copy() if arr is values else arr
            return np.vectorize(Fraction, otypes=[object])(arr) if arr.size else arr
        return np.asarray(values, dtype=float)

    def profile(self, strategies: Iterable[Iterable[Any]]) -> tuple:
        """Strategies (one vector per player) as tuples of numbers in this arithmetic."""
        return tuple(self.vector(s) for s in strategies)

    def is_zero(self, value: Any) -> bool:
        """Exactly zero, or within the tolerance in float mode."""
        return value == 0 if self.exact else abs(float(value)) <= self.tol  # type: ignore[operator]

    def accepts(self, regret: Any) -> bool:
        """Whether a regret certifies an equilibrium: exactly 0, or at most the tolerance."""
        return regret == 0 if self.exact else float(regret) <= self.tol  # type: ignore[operator]

    def exceeds(self, value: Any, bound: Any) -> bool:
        """``value > bound``: exactly, or by more than the tolerance in float mode."""
        if self.exact:
            return value > bound
        return float(value) > float(bound) + self.tol  # type: ignore[operator]

    def same(self, a: Sequence[Any], b: Sequence[Any], atol: float = 1e-9) -> bool:
        """Two vectors equal: exactly, or within ``atol`` in float mode."""
        if self.exact:
            return tuple(a) == tuple(b)
        return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), atol=atol, rtol=0))

    def dot(self, a: Sequence[Any], b: Sequence[Any]) -> Fraction | float:
        """The inner product, in this arithmetic."""
        if self.exact:
            return sum((Fraction(x) * Fraction(y) for x, y in zip(a, b)), Fraction(0))
        return float(np.dot(np.asarray(a, dtype=float), np.asarray(b, dtype=float)))


#: Exact rational arithmetic.
EXACT = Arithmetic(exact=True)


def float_arithmetic(tol: float) -> Arithmetic:
    """Floating-point arithmetic with regret tolerance ``tol``."""
    return Arithmetic(exact=False, tol=float(tol))


def choose_arithmetic(exact: bool | None, rational: bool, tol: float | None,
                      default_tol: float) -> Arithmetic:
    """The arithmetic of a computation, decided once from the caller's request.

    Parameters
    ----------
    exact : bool or None
        The caller's choice; None means exact where the data are rational.
    rational : bool
        Whether the data (payoffs) are all integers or rationals.
    tol : float or None
        Float mode's tolerance; ``default_tol`` when None.
    default_tol : float
        The tolerance to use when none is given.

    Raises
    ------
    ValueError
        ``exact=True`` for data that are not rational (the caller turns this
        into its own error type).
    """
    if exact is None:
        exact = rational
    if exact and not rational:
        raise ValueError("exact arithmetic needs integer or rational data")
    if exact:
        return EXACT
    return float_arithmetic(default_tol if tol is None else tol)
