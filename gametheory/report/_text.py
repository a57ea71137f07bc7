"""The one number and table formatter of the reports.

Exact numbers are written as reduced fractions (``exact_str``),
floats in a fixed number of significant digits; each function names where it is used.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..arithmetic import exact_str

__all__ = ["json_num", "text_num", "csv_num", "tex_num", "tex_escape", "short", "brief", "compact",
           "aligned", "json_text"]


def json_num(value: Any, exact: bool) -> Any:
    """A number for JSON: exact results as reduced-fraction strings, float results as numbers."""
    if exact:
        return exact_str(Fraction(value))
    return float(value)


def text_num(value: Any, exact: bool) -> str:
    """A number in a table for people: a fraction, or six significant digits."""
    return exact_str(Fraction(value)) if exact else f"{float(value):.6g}"


def csv_num(value: Any, exact: bool) -> str:
    """A number in CSV: a fraction, or the float's shortest round-tripping form."""
    return exact_str(Fraction(value)) if exact else repr(float(value))


def tex_num(value: Any, exact: bool) -> str:
    """A number in LaTeX math: an integer, ``\\frac{p}{q}``, or six significant digits."""
    if exact:
        q = Fraction(value)
        if q.denominator == 1:
            return str(q.numerator)
        sign = "-" if q < 0 else ""
        return f"{sign}\\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"
    return f"{float(value):.6g}"


def tex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped."""
    repl = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"}
    return "".join(repl.get(c, c) for c in text)


def short(value: Any) -> str:
    """A number in a dense table: a fraction with a denominator up to 100, else three
    significant digits (floats always)."""
    if isinstance(value, Fraction):
        return f"{float(value):.3g}" if value.denominator > 100 else exact_str(value)
    return f"{float(value):.3g}"


def brief(value: Any, exact: bool, max_denominator: int = 1000, digits: int = 4) -> str:
    """A number in a table of values: ``-`` for None; exact numbers as fractions while the
    denominator is at most ``max_denominator``, else (and floats) in ``digits`` significant
    digits."""
    if value is None:
        return "-"
    if exact:
        q = Fraction(value)
        return exact_str(q) if q.denominator <= max_denominator else f"{float(q):.{digits}g}"
    return f"{float(value):.{digits}g}"


def compact(value: Any, digits: int = 4) -> str:
    """A number on a drawing: floats in ``digits`` significant digits, exact numbers as fractions."""
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return exact_str(Fraction(value))


def aligned(head: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "",
            left: int = 1) -> list[str]:
    """Rows as aligned columns two spaces apart: the first ``left`` columns flush left, the
    others flush right (numbers)."""
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    return [indent + "  ".join(x.ljust(w) if k < left else x.rjust(w)
                               for k, (x, w) in enumerate(zip(row, widths)))
            for row in [list(head), *rows]]


def json_text(data: Any) -> str:
    """A JSON-ready dictionary as the text every ``json`` format writes (indented, newline)."""
    return json.dumps(data, indent=2) + "\n"
