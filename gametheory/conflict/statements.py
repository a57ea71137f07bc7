"""Preferences by prioritised option statements (option prioritisation; Fang, Hipel, Kilgour
and Peng 2003, "A decision support system for interactive decision making", IEEE Trans. SMC-C 33).

A decision maker lists statements about options, most important first; a state satisfies a
statement or not, and states are ranked lexicographically by the statements they satisfy
(the first statement outweighs all later ones together).  A statement combines option names
with ``-`` (not), ``&`` (and), ``|`` (or), ``->`` (if ... then) and ``<->`` (if and only if),
and parentheses; ``-`` binds tightest, then ``&``, ``|``, ``->``, ``<->``.  For example
``"-US sends forces & -PRC sends forces"`` or ``"PRC sends forces -> US secures WMD"``.
Option names are matched longest first, so they may contain these symbols themselves
(``"-Self-defence"`` is "not Self-defence"); a name may also be put in double quotes.
Statements are parsed, never evaluated as code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..errors import InvalidGameError

__all__ = ["statement_truth", "rank_by_statements"]

_OPERATOR = re.compile(r"<->|->|[-&|()]")


def _tokens(text: str, options: Sequence[str]) -> list[tuple[str, str]]:
    """``("op", symbol)`` and ``("name", option)`` tokens.  At each position the longest option
    name that starts there (and ends at a space, an operator or the end) wins over operators, so
    names may contain ``-`` and the like ("Self-defence"); a name may also be written in double
    quotes."""
    names = sorted(options, key=len, reverse=True)
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        if text[i] == '"':
            j = text.find('"', i + 1)
            if j < 0:
                raise InvalidGameError(f"statement {text!r}: a quoted option name is never closed")
            out.append(("name", text[i + 1:j]))
            i = j + 1
            continue
        for name in names:
            end = i + len(name)
            if name and text.startswith(name, i) and (
                    end == n or text[end].isspace() or _OPERATOR.match(text, end)):
                out.append(("name", name))
                i = end
                break
        else:
            m = _OPERATOR.match(text, i)
            if m:
                out.append(("op", m.group()))
                i = m.end()
                continue
            j = i
            while j < n and not _OPERATOR.match(text, j) and text[j] != '"':
                j += 1
            out.append(("name", text[i:j].strip()))    # not an option: reported by the parser
            i = j
    return out


def statement_truth(statement: str, options: Sequence[str], states: np.ndarray) -> np.ndarray:
    """Whether each state (bitmask, bit ``k`` for option ``k``) satisfies the statement."""
    tokens = _tokens(statement, options)
    pos = 0

    def fail(message: str) -> InvalidGameError:
        return InvalidGameError(f"statement {statement!r}: {message}")

    def peek() -> str | None:
        """The next operator, or None (at a name or the end)."""
        return tokens[pos][1] if pos < len(tokens) and tokens[pos][0] == "op" else None

    def take() -> tuple[str, str]:
        nonlocal pos
        if pos >= len(tokens):
            raise fail("ends too early")
        pos += 1
        return tokens[pos - 1]

    def unary() -> np.ndarray:
        kind, tok = take()
        if kind == "op" and tok == "-":
            return ~unary()
        if kind == "op" and tok == "(":
            value = iff()
            if peek() != ")":
                raise fail("a '(' is never closed")
            take()
            return value
        if kind == "op":
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
        kind, tok = tokens[pos]
        raise fail(f"expected an operator before {tok!r}" if kind == "name" else f"unexpected {tok!r}")
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
