"""A model's provenance ledger (``Ledger``) as a table, Markdown,
LaTeX (a paper's appendix) and JSON (schema ``gametheory.ledger/1``)."""

from __future__ import annotations

from typing import Any

from ..crisis.ledger import Ledger
from ._registry import renders
from ._text import json_num, tex_escape, tex_num, text_num

__all__: list[str] = []


def _support(e: Any) -> str:
    parts = []
    if e.quote:
        parts.append(f'"{" ".join(e.quote.split())}"')
    if e.reason:
        parts.append(" ".join(e.reason.split()))
    return " -- ".join(parts) or "(nothing)"


def _counts(book: Ledger) -> str:
    return ", ".join(f"{k} {v}" for k, v in book.counts.items())


@renders(Ledger, "dict")
def ledger_dict(book: Ledger) -> dict[str, Any]:
    """The ledger as JSON (schema ``gametheory.ledger/1``): ``model``, ``model_sha256``,
    ``counts`` (class -> how many) and ``entries`` (each ``name``, ``value``, ``range``,
    ``basis``, ``quote``, ``reason``; numbers as exact strings).

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.ledger(gt.load_model("loose-nukes")))
    >>> d["schema"], sorted(d["counts"]) == sorted(["stated", "inferred", "assumption", "quoted",
    ...                                             "unsupported"])
    ('gametheory.ledger/1', True)
    """
    return {"schema": "gametheory.ledger/1", "model": book.model.title,
            "model_sha256": book.model.sha256, "counts": book.counts,
            "entries": [{"name": e.name, "value": json_num(e.value, True),
                         "range": [json_num(e.low, True), json_num(e.high, True)],
                         "basis": e.basis, "quote": e.quote, "reason": e.reason}
                        for e in book.entries]}


@renders(Ledger, "table")
def ledger_table(book: Ledger) -> str:
    """One line per number: name, value, range, class, then its quote and reason."""
    lines = [f"{book.model.title}: provenance of every number ({_counts(book)})"]
    for e in book.entries:
        rng = "" if e.low == e.high else f" in [{text_num(e.low, True)}, {text_num(e.high, True)}]"
        lines.append(f"  {e.name} = {text_num(e.value, True)}{rng}  [{e.basis}]  {_support(e)}")
    return "\n".join(lines) + "\n"


@renders(Ledger, "markdown")
def ledger_markdown(book: Ledger) -> str:
    """A Markdown table: number, value, range, class, support."""
    lines = [f"**{book.model.title}**: {_counts(book)}", "",
             "| number | value | range | class | quote or reason |", "|---|---|---|---|---|"]
    for e in book.entries:
        rng = "" if e.low == e.high else f"{text_num(e.low, True)} to {text_num(e.high, True)}"
        lines.append(f"| `{e.name}` | {text_num(e.value, True)} | {rng} | {e.basis} | "
                     f"{_support(e).replace('|', '/')} |")
    return "\n".join(lines) + "\n"


@renders(Ledger, "latex")
def ledger_latex(book: Ledger) -> str:
    """A ``longtable`` for a paper's appendix (needs the longtable package)."""
    lines = [f"% {tex_escape(book.model.title)}: {tex_escape(_counts(book))}",
             r"\begin{longtable}{llllp{0.45\textwidth}}",
             r"number & value & range & class & quote or reason \\ \hline"]
    for e in book.entries:
        rng = "" if e.low == e.high else f"${tex_num(e.low, True)}$ to ${tex_num(e.high, True)}$"
        lines.append(f"\\texttt{{{tex_escape(e.name)}}} & ${tex_num(e.value, True)}$ & {rng} & "
                     f"{e.basis} & {tex_escape(_support(e))} \\\\")
    lines.append(r"\end{longtable}")
    return "\n".join(lines) + "\n"
