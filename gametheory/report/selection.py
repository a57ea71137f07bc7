"""The selection panel (``Selection``): one line per
criterion, with its reason, for people; a dictionary for the JSON of ``solve --select``."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..analysis.perfection import BASES
from ..analysis.selection import Selection, TracingComparison
from ._registry import renders
from ._text import json_num, text_num

__all__: list[str] = []


def _name(k: int | None) -> str:
    return "none" if k is None else f"equilibrium {k + 1}"


@renders(Selection, "table")
def selection_table(s: Selection) -> str:
    """The panel: payoff dominance, risk dominance (2x2 criterion and tracing), the logit QRE
    limit, perfection."""
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
    for r in s.risk:
        verdict = ("neither risk-dominates" if r.dominant is None
                   else f"{_name(r.dominant)} risk-dominates")
        lines.append(f"  risk dominance, equilibria {r.first + 1} and {r.second + 1}: {verdict} "
                     f"(products of the deviation losses {text_num(r.products[0], ex)} and "
                     f"{text_num(r.products[1], ex)}; the 2x2 criterion)")
    if s.risk_cycle:
        lines.append("  risk dominance (2x2 criterion) cycles: no equilibrium is risk-dominant")
    elif len(s.risk) > 1:
        lines.append(f"  risk-dominant overall (2x2 criterion): {_name(s.risk_dominant)}")
    if not s.tracing and not s.risk:
        lines.append("  risk dominance: not applicable (needs two equilibria)")
    for t in s.tracing:
        lines.append(f"  tracing from the bicentric prior of equilibria {t.first + 1} and "
                     f"{t.second + 1}: {_traced(t)}")
    if s.tracing_cycle:
        lines.append("  risk dominance by tracing cycles: no equilibrium is risk-dominant")
    elif len(s.tracing) > 1:
        lines.append(f"  risk-dominant overall (tracing): {_name(s.tracing_dominant)}")
    if s.qre_point is None:
        lines.append("  logit QRE limit: the branch could not be traced")
    elif s.qre_limit is None:
        point = "; ".join(", ".join(f"{p:.4g}" for p in strat) for strat in s.qre_point)
        lines.append(f"  logit QRE limit: ends at ({point}), which is not in the list")
    else:
        lines.append(f"  logit QRE limit: the principal branch ends at {_name(s.qre_limit)}")
    groups: dict[tuple[bool | None, str], list[int]] = {}
    for k, p in enumerate(s.perfection):
        groups.setdefault((p.perfect, p.basis), []).append(k + 1)
    for (perfect, basis), ks in groups.items():
        verdict = {True: "perfect", False: "not perfect", None: "undecided"}[perfect]
        lines.append(f"  perfection: equilibri{'um' if len(ks) == 1 else 'a'} "
                     f"{', '.join(map(str, ks))} {verdict}: {BASES[basis]}")
    return "\n".join(lines) + "\n"


def _point(profile: Any) -> str:
    """A float profile for people: three significant digits, the path's 1e-10 residues as 0."""
    return "; ".join(", ".join(f"{round(p, 4):.3g}" for p in strat) for strat in profile)


def _traced(r: TracingComparison) -> str:
    if r.status != "arrived":
        return "the path could not be followed to its end"
    if r.reached is None:
        return f"ends at ({_point(r.end)}), which is not in the list"
    if r.dominant is None:
        return f"reaches {_name(r.reached)}, neither of the pair"
    return f"reaches {_name(r.reached)}, which risk-dominates"


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
        "tracing": [{"equilibria": [r.first, r.second],
                     "prior": [[json_num(q, ex and isinstance(q, Fraction)) for q in p]
                               for p in r.prior],
                     "end": [list(p) for p in r.end], "status": r.status,
                     "reached": r.reached, "dominant": r.dominant} for r in s.tracing],
        "tracing_dominant": s.tracing_dominant,
        "tracing_cycle": s.tracing_cycle,
        "qre_limit": s.qre_limit,
        "qre_point": None if s.qre_point is None else [list(p) for p in s.qre_point],
        "perfect": list(s.perfect),
        "perfection": [{"perfect": p.perfect, "basis": p.basis,
                        "direction": None if p.direction is None else
                        [[json_num(q, True) for q in r] for r in p.direction]}
                       for p in s.perfection],
    }
