"""Checks of the names and numbers a game is built from, shared by the game types built
from plain Python data (Bayesian and signalling games): one-line errors that name the place."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import as_exact, is_exact_number
from ..errors import InvalidGameError

__all__ = ["names", "number"]


def names(values: Any, what: str) -> tuple[str, ...]:
    """Distinct, non-empty names, or a one-line error naming ``what``."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise InvalidGameError(f"{what} must be a list of names, got {values!r}")
    out = tuple(str(v) for v in values)
    if not out:
        raise InvalidGameError(f"{what} is empty")
    if len(set(out)) < len(out):
        dup = next(n for n in out if out.count(n) > 1)
        raise InvalidGameError(f"{what}: the name {dup!r} appears twice")
    return out


def number(value: Any, where: str) -> Any:
    """A payoff or probability: exact (int, Fraction, decimal string) or a finite float."""
    if isinstance(value, bool):
        raise InvalidGameError(f"{where}: {value!r} is not a number")
    if is_exact_number(value):
        return Fraction(as_exact(value))
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(f"{where}: {value!r} is not a number") from None
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{where}: {value!r} is not a number") from None
    if not np.isfinite(x):
        raise InvalidGameError(f"{where}: {value!r} is not finite")
    return x
