"""The lead-role stage (``LeadChoice``) as a table and as JSON
(schema ``gametheory.leads/1``)."""

from __future__ import annotations

from typing import Any

from ..crisis.leads import LeadChoice
from ._registry import renders
from ._text import json_num, text_num

__all__: list[str] = []


def _exact(x: Any) -> bool:
    return not isinstance(x, float)


def _who(leaders) -> str:
    return ", ".join(f"{party} leads {area}" for area, party in leaders)


@renders(LeadChoice, "dict")
def leads_dict(c: LeadChoice) -> dict[str, Any]:
    """The lead-role stage as JSON (schema ``gametheory.leads/1``).

    ``title``, ``model_sha256``, ``table`` (the parties bargaining), ``areas`` (each ``area``, ``leaders`` (party -> understanding),
    ``quote``, ``note``), ``disagreement`` (party -> worst Nash payoff with no understanding in
    force), ``options`` (each ``leaders`` (area -> party), ``understandings``, ``payoffs`` (party
    -> worst Nash payoff), ``equilibria``, ``acceptable``, ``nash_product``), ``chosen``
    (area -> party, or null when no allocation is acceptable), ``tied`` and ``in_force``.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.lead_choice(gt.load_model("coordinated")))
    >>> d["schema"], d["chosen"]
    ('gametheory.leads/1', {'delivery of humanitarian assistance': 'ROK'})
    """
    return {
        "schema": "gametheory.leads/1",
        "title": c.model.title,
        "model_sha256": c.model.sha256,
        "table": list(c.table),
        "areas": [{"area": a.area, "leaders": dict(a.options), "quote": a.quote, "note": a.note}
                  for a in c.model.leads],
        "disagreement": {p: json_num(v, _exact(v)) for p, v in c.disagreement.items()},
        "options": [{"leaders": dict(o.leaders), "understandings": list(o.in_force),
                     "payoffs": {p: json_num(v, _exact(v)) for p, v in o.payoffs.items()},
                     "equilibria": o.equilibria, "acceptable": o.acceptable,
                     "nash_product": None if o.nash_product is None
                     else json_num(o.nash_product, _exact(o.nash_product))}
                    for o in c.options],
        "chosen": None if c.chosen is None else dict(c.chosen.leaders),
        "tied": c.tied,
        "in_force": list(c.in_force),
    }


def leads_lines(c: LeadChoice) -> list[str]:
    """The stage's lines without the title (the comparison report embeds them)."""
    movers = list(c.table)
    lines = [f"at the table: {', '.join(movers)}; disagreement (no understanding in force; "
             "each party's worst Nash payoff): "
             + ", ".join(f"{p} {text_num(c.disagreement[p], _exact(c.disagreement[p]))}"
                         for p in movers)]
    for o in c.options:
        pay = ", ".join(f"{p} {text_num(o.payoffs[p], _exact(o.payoffs[p]))}" for p in movers)
        verdict = (f"Nash product {text_num(o.nash_product, _exact(o.nash_product))}"
                   if o.acceptable else "refused: some party does worse than without agreement")
        mark = "  <- chosen" if o is c.chosen else ""
        lines.append(f"  {_who(o.leaders)}: worst payoffs {pay} "
                     f"({o.equilibria} equilibri{'um' if o.equilibria == 1 else 'a'}); "
                     f"{verdict}{mark}")
    if c.chosen is None:
        lines.append("  no allocation is acceptable to every party: nobody leads")
    elif c.tied:
        lines.append("  note: another allocation has the same Nash product; the first listed is "
                     "taken, and the choice between them rests on that order, not on the payoffs")
    return lines


@renders(LeadChoice, "table")
def leads_table(c: LeadChoice) -> str:
    """Each allocation of the lead roles, its worst Nash payoffs, and the one chosen."""
    return "\n".join([f"{c.model.title}: who leads (Nash bargaining over the allocations)",
                      *leads_lines(c)]) + "\n"
