"""Conclusions written as expressions: a small language, parsed (never evaluated as Python).

An expression compares equilibrium payoffs and risks of the two regimes::

    worst(with, ROK) >= worst(without, ROK)
    risk(with, clash) <= risk(without, clash) and selected(with, US) > 0
    best(coordinated, "Japan") - best(unilateral, "Japan") >= 0.5

Grammar (usual precedence, ``not`` binding tighter than ``and``, ``and``
tighter than ``or``)::

    expr    := conj ("or" conj)*
    conj    := neg ("and" neg)*
    neg     := "not" neg | compare
    compare := sum [("<" | "<=" | ">" | ">=" | "==" | "!=") sum]
    sum     := term (("+" | "-") term)*
    term    := factor (("*" | "/") factor)*
    factor  := NUMBER | "-" factor | "(" expr ")" | FUNCTION "(" ARG "," ARG ")"

Functions: ``worst``, ``best`` and ``selected`` (a party's worst, best and
selected equilibrium payoff in a regime), ``risk`` (the largest level of a bad
attribute over a regime's equilibria) and ``minrisk`` (the smallest).  A
regime is ``without`` / ``unilateral`` or ``with`` / ``coordinated``; parties
and attributes are names of the model, bare or quoted.  Numbers are decimals,
kept exact.  Every name is checked against the model when the expression is
parsed; an error names the problem and its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from ..errors import InvalidGameError
from .compare import Comparison
from .conclusions import Conclusion, selected, worst_risk
from .model import Model

__all__ = ["parse_conclusion"]

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d*)?|\.\d+)|(?P<str>\"[^\"]*\"|'[^']*')"
                    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op><=|>=|==|!=|[-+*/()<>,]))")
_FUNCTIONS = {"worst": "party", "best": "party", "selected": "party", "risk": "attribute",
              "minrisk": "attribute"}
_REGIMES = {"without": 0, "unilateral": 0, "with": 1, "coordinated": 1}
_COMPARE = ("<", "<=", ">", ">=", "==", "!=")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise InvalidGameError(f"conclusion {text!r}: cannot read {text[pos:].strip()[:12]!r} "
                                   f"at position {pos + 1}")
        kind = cast(str, m.lastgroup)       # a token matched: one of the named groups
        value = m.group(kind)
        if kind == "name" and value in ("and", "or", "not"):
            kind = "op"
        out.append((kind, value, m.start(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str, model: Model) -> None:
        self.text, self.model = text, model
        self.toks = _tokens(text)
        self.i = 0
        self.parties = {p.name for p in model.parties}
        self.attributes = {a.name for a in model.attributes if a.bad}

    def fail(self, message: str, at: int | None = None) -> InvalidGameError:
        pos = self.toks[self.i][2] + 1 if at is None and self.i < len(self.toks) else \
            (at + 1 if at is not None else len(self.text) + 1)
        return InvalidGameError(f"conclusion {self.text!r}: {message} at position {pos}")

    def peek(self) -> tuple[str, str, int] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def ahead(self) -> str | None:
        """The next token's text, None at the end."""
        tok = self.peek()
        return None if tok is None else tok[1]

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None:
            raise self.fail("the expression ends too early" if value is None else f"expected {value!r}")
        if value is not None and tok[1] != value:
            raise self.fail(f"expected {value!r}, found {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self) -> tuple:
        tree = self.expr()
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.ahead()!r}")
        if tree[0] not in ("cmp", "and", "or", "not"):
            raise self.fail("a conclusion must compare something (use <, <=, >, >=, == or !=)", 0)
        return tree

    def expr(self) -> tuple:
        node = self.conj()
        while self.ahead() == "or":
            self.take()
            node = ("or", node, self.conj())
        return node

    def conj(self) -> tuple:
        node = self.neg()
        while self.ahead() == "and":
            self.take()
            node = ("and", node, self.neg())
        return node

    def neg(self) -> tuple:
        if self.ahead() == "not":
            self.take()
            return ("not", self.neg())
        return self.compare()

    def compare(self) -> tuple:
        left = self.sum()
        if self.ahead() in _COMPARE:
            op = self.take()[1]
            right = self.sum()
            return ("cmp", op, left, right)
        return left

    def sum(self) -> tuple:
        node = self.term()
        while self.ahead() in ("+", "-"):
            op = self.take()[1]
            node = ("arith", op, node, self.term())
        return node

    def term(self) -> tuple:
        node = self.factor()
        while self.ahead() in ("*", "/"):
            op = self.take()[1]
            node = ("arith", op, node, self.factor())
        return node

    def factor(self) -> tuple:
        tok = self.take()
        kind, value, pos = tok
        if kind == "num":
            return ("num", Fraction(value))
        if value == "-":
            return ("arith", "-", ("num", Fraction(0)), self.factor())
        if value == "(":
            node = self.expr()
            self.take(")")
            return node
        if kind == "name" and value in _FUNCTIONS:
            self.take("(")
            regime = self.argument()
            if regime not in _REGIMES:
                raise self.fail(f"{value}: the first argument is a regime (with, without, "
                                f"coordinated, unilateral), not {regime!r}", pos)
            self.take(",")
            what = self.argument()
            known = self.parties if _FUNCTIONS[value] == "party" else self.attributes
            if what not in known:
                raise self.fail(f"{value}: {what!r} is not a {_FUNCTIONS[value]} of the model "
                                f"({', '.join(sorted(known))})", pos)
            self.take(")")
            return ("call", value, _REGIMES[regime], what)
        raise self.fail(f"unexpected {value!r} (functions: {', '.join(_FUNCTIONS)})", pos)

    def argument(self) -> str:
        kind, value, _ = self.take()
        if kind == "str":
            return value[1:-1]
        if kind == "name":
            return value
        raise self.fail(f"expected a name, found {value!r}")


@dataclass(frozen=True)
class _Evaluate:
    """Evaluates a parsed expression on a comparison (a picklable callable)."""

    tree: tuple
    model: Model
    want: str                                   # "margin" or "truth"

    def __call__(self, c: Comparison) -> Any:
        value, truth = self._eval(self.tree, c)
        return truth if self.want == "truth" else value

    def _regime(self, c: Comparison, k: int):
        if len(c.regimes) < 2 and k == 1:
            raise InvalidGameError(f"{self.model.path}: the model has no understandings, so no "
                                   "'with' regime")
        return c.regimes[min(k, len(c.regimes) - 1)]

    def _eval(self, node: tuple, c: Comparison) -> tuple[Any, bool | None]:
        kind = node[0]
        if kind == "num":
            return node[1], None
        if kind == "call":
            _, fn, k, what = node
            regime = self._regime(c, k)
            if fn == "worst":
                return c.nash_range(regime, what)[0], None
            if fn == "best":
                return c.nash_range(regime, what)[1], None
            if fn == "selected":
                return selected(self.model, regime).payoffs[what], None
            if fn == "risk":
                return worst_risk(regime, what), None
            return min(o.risks[what] for o in regime.nash_outcomes), None
        if kind == "arith":
            _, op, a, b = node
            x, y = self._eval(a, c)[0], self._eval(b, c)[0]
            if op == "/":
                if y == 0:
                    raise InvalidGameError("conclusion: a division by zero")
                return Fraction(x) / Fraction(y), None
            return {"+": x + y, "-": x - y, "*": x * y}[op], None
        if kind == "cmp":
            _, op, a, b = node
            x, y = self._eval(a, c)[0], self._eval(b, c)[0]
            margin = {"<": y - x, "<=": y - x, ">": x - y, ">=": x - y,
                      "==": -abs(x - y), "!=": abs(x - y)}[op]
            truth = margin > 0 if op in ("<", ">", "!=") else margin >= 0
            return margin, bool(truth)
        if kind == "not":
            m, t = self._eval(node[1], c)
            return -m, not t
        (m1, t1), (m2, t2) = self._eval(node[1], c), self._eval(node[2], c)
        if kind == "and":
            return min(m1, m2), bool(t1 and t2)
        return max(m1, m2), bool(t1 or t2)


def parse_conclusion(text: str, model: Model, name: str | None = None) -> Conclusion:
    """A ``Conclusion`` from an expression in a small
    language, parsed, never evaluated as Python.

    An expression compares (``<``, ``<=``, ``>``, ``>=``, ``==``, ``!=``) sums,
    differences, products and quotients of numbers (decimals, kept exact) and of
    the functions ``worst(REGIME, PARTY)``, ``best(REGIME, PARTY)`` and
    ``selected(REGIME, PARTY)`` (a party's worst, best and selected equilibrium
    payoff), ``risk(REGIME, ATTRIBUTE)`` (the largest level of a bad attribute
    over the regime's equilibria) and ``minrisk(REGIME, ATTRIBUTE)`` (the
    smallest); comparisons are joined by ``and``, ``or`` and ``not`` (``not``
    binding tighter than ``and``, ``and`` tighter than ``or``; parentheses group).
    A regime is ``with`` / ``coordinated`` or ``without`` / ``unilateral``;
    parties and attributes are names of the model, bare or quoted.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"risk(with, clash) <= risk(without, clash) / 2"``.
    model : Model
        Every name is checked against it when the expression is parsed.
    name : str, optional
        The conclusion's name (default: the expression itself).

    Returns
    -------
    Conclusion
        With a margin (for a comparison, the signed gap between its sides; ``and`` the
        smaller of two margins, ``or`` the larger, ``not`` the negation) and a truth; it
        pickles, so it can go to worker processes.

    Raises
    ------
    InvalidGameError
        For an empty expression, a syntax error, an unknown function, regime, party
        or bad attribute, or an expression that compares nothing; the message names
        the problem and its position.  Evaluating ``with`` on a model without
        understandings, or a division by zero, raises it too.

    Examples
    --------
    >>> import gametheory as gt
    >>> model = gt.load_model("coordinated")
    >>> rok = parse_conclusion("worst(with, ROK) >= worst(without, ROK) + 0.5", model)
    >>> c = gt.compare(model, extras=False)
    >>> rok.holds(c), rok.margin(c)
    (True, Fraction(1, 5))
    >>> parse_conclusion("worst(with, Korea) > 0", model)
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: conclusion 'worst(with, Korea) > 0': worst: 'Korea' is not a party of the model (Japan, PRC, ROK, US) at position 1
    >>> clash = parse_conclusion("risk(with, clash) <= risk(without, clash) / 2", model)
    >>> clash.holds(c)
    True
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidGameError("conclusion: an empty expression")
    tree = _Parser(text, model).parse()
    return Conclusion(name=name or text.strip(), text=text.strip(),
                      margin=_Evaluate(tree, model, "margin"),
                      truth=_Evaluate(tree, model, "truth"))
