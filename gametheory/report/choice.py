"""The choice to coordinate (``CoordinationChoice``) as a table
and as JSON (schema ``gametheory.choice/1``)."""

from __future__ import annotations

from typing import Any

from ..crisis.choice import CoordinationChoice
from ._registry import renders
from ._text import json_num, text_num

__all__: list[str] = []


@renders(CoordinationChoice, "dict")
def choice_dict(c: CoordinationChoice) -> dict[str, Any]:
    """The choice to coordinate as JSON (schema ``gametheory.choice/1``).

    ``title``, ``model_sha256``, ``levels`` (each ``name``, ``cost`` and
    ``if_discovered`` (party -> number), ``discovery``, ``quote``, ``note``),
    ``value`` (party -> what the understandings are worth before costs) and
    ``outcomes``: each distinct outcome of the subgame-perfect equilibria with
    ``levels`` (level reached -> probability), ``payoffs`` (party -> expected
    payoff, costs included), ``risks`` (bad attribute -> expected level),
    ``count`` and ``undominated``.  Numbers are exact fraction strings.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.coordination_choice(gt.load_model("talks")))
    >>> d["schema"], d["outcomes"][0]["levels"]
    ('gametheory.choice/1', {'mid-level': '1'})
    """
    return {
        "schema": "gametheory.choice/1",
        "title": c.model.title,
        "model_sha256": c.model.sha256,
        "levels": [{"name": lv.name, "cost": {p: json_num(v, True) for p, v in lv.cost},
                    "discovery": json_num(lv.discovery, True),
                    "if_discovered": {p: json_num(v, True) for p, v in lv.if_discovered},
                    "quote": lv.quote, "note": lv.note} for lv in c.levels],
        "value": {p: json_num(v, True) for p, v in c.value.items()},
        "outcomes": [{"levels": {k: json_num(v, True) for k, v in o.levels.items()},
                      "payoffs": {p: json_num(v, True) for p, v in o.payoffs.items()},
                      "risks": {a: json_num(v, True) for a, v in o.risks.items()},
                      "count": o.count, "undominated": o.undominated} for o in c.outcomes],
    }


@renders(CoordinationChoice, "table")
def choice_table(c: CoordinationChoice) -> str:
    """The levels of talks, what the understandings are worth, then each equilibrium outcome."""
    lines = [c.model.title, "levels of talks (the lowest level proposed is held; none if anyone "
             "refuses):"]
    for lv in c.levels:
        cost = ", ".join(f"{p} {text_num(v, True)}" for p, v in lv.cost) or "nothing"
        hit = ", ".join(f"{p} {text_num(v, True)}" for p, v in lv.if_discovered) or "nothing"
        lines.append(f"  {lv.name}: costs {cost}; known with probability "
                     f"{text_num(lv.discovery, True)}, then {hit}")
    lines.append("what the understandings are worth before costs (best equilibrium with minus "
                 "without): " + ", ".join(f"{p} {text_num(v, True)}" for p, v in c.value.items()))
    lines += ["", f"{len(c.outcomes)} distinct outcome(s) of the subgame-perfect equilibria "
              "(pure proposals):"]
    for o in c.outcomes:
        levels = ", ".join(f"{k} {text_num(v, True)}" for k, v in o.levels.items())
        pay = ", ".join(f"{p} {text_num(v, True)}" for p, v in o.payoffs.items())
        risk = ", ".join(f"{a} {text_num(v, True)}" for a, v in o.risks.items() if v) or "none"
        lines.append(f"  talks held: {levels}; in {o.count} equilibri{'um' if o.count == 1 else 'a'}"
                     + ("" if o.undominated else ", each with a weakly dominated proposal"))
        lines.append(f"    payoffs: {pay}")
        lines.append(f"    expected risks: {risk}")
    return "\n".join(lines) + "\n"
