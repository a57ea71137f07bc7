"""The selection panel (:class:`~gametheory.analysis.selection.Selection`): one line per
criterion, with its reason, for people; a dictionary for the JSON of ``solve --select``."""

from __future__ import annotations

from typing import Any

from ..analysis.selection import Selection
from ._registry import renders
from ._text import json_num, text_num

__all__: list[str] = []


def _name(k: int | None) -> str:
    return "none" if k is None else f"equilibrium {k + 1}"


@renders(Selection, "table")
def selection_table(s: Selection) -> str:
    """The panel: payoff dominance, risk dominance, the logit QRE limit, perfection."""
    n = len(s.result.equilibria)
    ex = s.result.exact
    lines = [f"selection among the {n} equilibri{'um' if n == 1 else 'a'} listed:"]
    if n == 1:
        lines.append("  payoff dominance: only one equilibrium is listed")
    elif s.payoff_dominant is not None:
        lines.append(f"  payoff dominance: {_name(s.payoff_dominant)} gives every player at "
                     "least as much as any other equilibrium, and someone more")
    else:
        lines.append("  payoff dominance: no equilibrium beats all others; not dominated: "
                     + ", ".join(str(k + 1) for k in s.payoff_undominated))
    if not s.risk:
        lines.append("  risk dominance: not applicable (needs two strict pure equilibria of a "
                     "two-player game)")
    for r in s.risk:
        verdict = ("neither risk-dominates" if r.dominant is None
                   else f"{_name(r.dominant)} risk-dominates")
        lines.append(f"  risk dominance, equilibria {r.first + 1} and {r.second + 1}: {verdict} "
                     f"(products of the deviation losses {text_num(r.products[0], ex)} and "
                     f"{text_num(r.products[1], ex)}; the 2x2 criterion)")
    if s.risk_cycle:
        lines.append("  risk dominance cycles: no equilibrium is risk-dominant")
    elif len(s.risk) > 1:
        lines.append(f"  risk-dominant overall: {_name(s.risk_dominant)}")
    if s.qre_point is None:
        lines.append("  logit QRE limit: the branch could not be traced")
    elif s.qre_limit is None:
        point = "; ".join(", ".join(f"{p:.4g}" for p in strat) for strat in s.qre_point)
        lines.append(f"  logit QRE limit: ends at ({point}), which is not in the list")
    else:
        lines.append(f"  logit QRE limit: the principal branch ends at {_name(s.qre_limit)}")
    if all(p is None for p in s.perfect):
        lines.append("  perfection: not decided for more than two players")
    else:
        imperfect = [k + 1 for k, p in enumerate(s.perfect) if not p]
        lines.append("  perfection: " + ("every equilibrium is perfect (no strategy weakly dominated)"
                                         if not imperfect else
                                         "not perfect (a weakly dominated strategy): equilibria "
                                         + ", ".join(map(str, imperfect))))
    return "\n".join(lines) + "\n"


@renders(Selection, "dict")
def selection_dict(s: Selection) -> dict[str, Any]:
    """The panel as JSON: indices are 0-based into ``equilibria``."""
    ex = s.result.exact
    return {
        "payoff_undominated": list(s.payoff_undominated),
        "payoff_dominant": s.payoff_dominant,
        "risk": [{"equilibria": [r.first, r.second],
                  "products": [json_num(p, ex) for p in r.products], "dominant": r.dominant}
                 for r in s.risk],
        "risk_dominant": s.risk_dominant,
        "risk_cycle": s.risk_cycle,
        "qre_limit": s.qre_limit,
        "qre_point": None if s.qre_point is None else [list(p) for p in s.qre_point],
        "perfect": list(s.perfect),
    }
