"""A crisis model for people (``gametheory show``): the payoff table of
``PayoffTable`` and the derivations of
``Derivation``."""

from __future__ import annotations

from ..arithmetic import exact_str
from ..crisis.model import Derivation
from ..crisis.payoffs import PayoffTable
from ._registry import renders

__all__: list[str] = []


def _derivation_lines(d: Derivation) -> list[str]:
    lines = [f"{d.party} at ({', '.join(d.profile)}): payoff {exact_str(d.payoff)}"]
    for (name, value, notes), (_, weight, term, quote) in zip(d.values, d.terms):
        lines.append(f"  {name} = {exact_str(value)}" + (f"  [{'; '.join(notes)}]" if notes else ""))
        lines.append(f"    x weight {exact_str(weight)} = {exact_str(term)}"
                     + (f'  ("{quote}")' if quote else "  (no quoted preference)" if weight
                        else "  (no stated preference: weight 0)"))
    for name, weight, term, quote in d.terms[len(d.values):]:     # concerns carried (channels)
        lines.append(f"  {name}: x weight {exact_str(weight)} = {exact_str(term)}"
                     + (f'  ("{quote}")' if quote else "  (an assumption)"))
    return lines


@renders(Derivation, "table")
def derivation_table(d: Derivation) -> str:
    """How one payoff follows from the outcomes, the weights and the quoted sentences.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.load_model("unilateral").explain("Japan", ["Intervene", "Intervene", "Limited"])
    >>> print(gt.render(d).splitlines()[0])
    Japan at (Intervene, Intervene, Limited): payoff -7/10
    """
    return "\n".join(_derivation_lines(d)) + "\n"


@renders(PayoffTable, "table")
def payoff_table_text(table: PayoffTable) -> str:
    """A crisis model for people: its parties, every party's payoff at every profile, and, for
    the table's cell, how each payoff was derived.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.crisis.payoffs import payoff_table
    >>> model = gt.load_model("unilateral")
    >>> text = gt.render(payoff_table(model, cell=["Intervene", "Intervene", "Limited"]))
    >>> print(text.splitlines()[0])
    Unilateral responses to a North Korean collapse
    """
    model = table.model
    movers = model.players
    others = [p for p in model.parties if not p.actions]
    lines = [model.title]
    if model.source:
        lines.append(f"source: {model.source}")
    lines.append("parties: " + "; ".join(
        f"{p.name} ({', '.join(p.actions)})" if p.actions else f"{p.name} (does not move)"
        for p in model.parties))
    lines.append("payoffs with the default weights, one row per profile:")
    widths = [max(len(a) for a in p.actions) for p in movers]
    names = [p.name for p in model.parties]
    head = "  ".join(p.name.ljust(w) for p, w in zip(movers, widths))
    rows = [("  ".join(a.ljust(w) for a, w in zip(profile, widths)), [exact_str(v) for v in pays])
            for profile, pays in zip(table.profiles, table.payoffs)]
    colw = [max(len(names[k]), *(len(r[1][k]) for r in rows)) for k in range(len(names))]
    lines.append("  " + head + " | " + "  ".join(n.rjust(w) for n, w in zip(names, colw)))
    for left, pays in rows:
        lines.append("  " + left + " | " + "  ".join(v.rjust(w) for v, w in zip(pays, colw)))
    if others:
        lines.append(", ".join(p.name for p in others) + " does not move; its payoffs are "
                     "derived from the same outcomes")
    if table.cell is not None:
        lines.append("")
        lines.append("how each payoff at (" + ", ".join(table.cell) + ") is derived:")
        for d in table.derivations:
            lines.extend(_derivation_lines(d))
    return "\n".join(lines) + "\n"
