"""Exact and floating-point numbers: conversion, scaling and formatting."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational
from typing import Iterable, Union

import numpy as np

Number = Union[int, Fraction, float]

__all__ = ["Number", "as_exact", "is_exact_number", "format_number", "integer_scale",
           "parse_rational"]


def is_exact_number(value: object) -> bool:
    """True for Python/numpy integers, :class:`~fractions.Fraction` and :class:`~decimal.Decimal`."""
    if isinstance(value, (bool, np.bool_)):
        return False
    return isinstance(value, (Integral, Rational, Decimal, np.integer))


def as_exact(value: object) -> Union[int, Fraction]:
    """Convert an exact number to ``int`` (when integral) or ``Fraction``."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    q = Fraction(value)  # type: ignore[arg-type]
    return q.numerator if q.denominator == 1 else q


def format_number(value: Number) -> str:
    """Write an exact number as a reduced fraction string (``"2/3"``, ``"-4"``)."""
    if isinstance(value, float):
        return repr(value)
    q = Fraction(value)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def parse_rational(text: str) -> Fraction:
    """Parse ``"3"``, ``"-2/3"``, ``"1.25"`` or ``"1e-3"`` into an exact Fraction.

    Raises ``ValueError`` for anything else (no evaluation of the text).
    """
    s = text.strip()
    if not s or any(c not in "0123456789+-./eE" for c in s):
        raise ValueError(f"not a number: {text!r}")
    if "/" in s:
        num, _, den = s.partition("/")
        if not _is_int(num) or not den.isdigit():
            raise ValueError(f"not a number: {text!r}")
        if int(den) == 0:
            raise ValueError(f"zero denominator: {text!r}")
        return Fraction(int(num), int(den))
    try:
        q = Fraction(Decimal(s))
    except Exception as exc:  # decimal.InvalidOperation and friends
        raise ValueError(f"not a number: {text!r}") from exc
    return q


def _is_int(s: str) -> bool:
    t = s[1:] if s[:1] in "+-" else s
    return t.isdigit()


def integer_scale(values: Iterable[Union[int, Fraction]]) -> int:
    """Least common multiple of the denominators: multiplying by it makes all integers."""
    lcm = 1
    for v in values:
        d = v.denominator if isinstance(v, Fraction) else 1
        if d != 1:
            lcm = lcm * d // math.gcd(lcm, d)
    return lcm
