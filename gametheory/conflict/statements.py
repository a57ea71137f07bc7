"""Preferences by prioritised option statements (option prioritisation; Fang, Hipel, Kilgour
and Peng 2003, "A decision support system for interactive decision making", IEEE Trans. SMC-C 33).

A decision maker lists statements about options, most important first; a state satisfies a
statement or not, and states are ranked lexicographically by the statements they satisfy
(the first statement outweighs all later ones together).  A statement combines option names
with ``-`` (not), ``&`` (and), ``|`` (or), ``->`` (if ... then) and ``<->`` (if and only if),
and parentheses; ``-`` binds tightest, then ``&``, ``|``, ``->``, ``<->``.  For example
``"-US sends forces & -PRC sends forces"`` or ``"PRC sends forces -> US secures WMD"``.
Statements are parsed, never evaluated as code.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from ..errors import InvalidGameError

__all__ = ["statement_truth", "rank_by_statements"]

_TOKEN = re.compile(r"\s*(<->|->|[-&|()])\s*")


def _tokens(text: str) -> list[str]:
    parts = [p for p in _TOKEN.split(text) if p is not None]
    out = []
    for p in parts:
        p = p.strip()
        if p:
            out.append(p)
    return out


def statement_truth(statement: str, options: Sequence[str], states: np.ndarray) -> np.ndarray:
    """Whether each state (bitmask, bit ``k`` for option ``k``) satisfies the statement."""
    tokens = _tokens(statement)
    pos = 0
    ops = {"<->", "->", "-", "&", "|", "(", ")"}

    def fail(message: str) -> InvalidGameError:
        return InvalidGameError(f"statement {statement!r}: {message}")

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise fail("ends too early")
        pos += 1
        return tokens[pos - 1]

    def unary() -> np.ndarray:
        tok = take()
        if tok == "-":
            return ~unary()
        if tok == "(":
            value = iff()
            if peek() != ")":
                raise fail("a '(' is never closed")
            take()
            return value
        if tok in ops:
            raise fail(f"unexpected {tok!r}")
        if tok not in options:
            raise fail(f"unknown option {tok!r}")
        return (states >> options.index(tok) & 1).astype(bool)

    def conj() -> np.ndarray:
        value = unary()
        while peek() == "&":
            take()
            value = value & unary()
        return value

    def disj() -> np.ndarray:
        value = conj()
        while peek() == "|":
            take()
            value = value | conj()
        return value

    def impl() -> np.ndarray:
        value = disj()
        if peek() == "->":
            take()
            return ~value | impl()
        return value

    def iff() -> np.ndarray:
        value = impl()
        while peek() == "<->":
            take()
            value = value == impl()
        return value

    if not tokens:
        raise fail("is empty")
    result = iff()
    if pos != len(tokens):
        raise fail(f"unexpected {tokens[pos]!r}")
    return result


def rank_by_statements(statements: Sequence[str], options: Sequence[str],
                       states: np.ndarray) -> np.ndarray:
    """Each state's rank (higher is better): the statements it satisfies, read as a binary
    number with the first statement as the most significant digit."""
    if not statements:
        raise InvalidGameError("a preference needs at least one statement")
    if len(statements) > 62:
        raise InvalidGameError("at most 62 statements per decision maker")
    rank = np.zeros(len(states), dtype=np.int64)
    for k, st in enumerate(statements):
        if not isinstance(st, str):
            raise InvalidGameError(f"statement {st!r} must be text")
        rank |= statement_truth(st, list(options), states).astype(np.int64) << (len(statements) - 1 - k)
    return rank
