"""How robust the comparison is (``SweepResult``): a table for
people, JSON (schema ``gametheory.sweep/2``) for programs, and every draw as CSV rows."""

from __future__ import annotations

from typing import Any

from ..arithmetic import exact_str
from ..crisis.sweep import QUANTILES, SweepResult
from ..version import __version__
from ._registry import renders

__all__: list[str] = []


def _parameter(p: Any) -> dict[str, Any]:
    n = p.number
    return {"name": p.name, "kind": p.kind, "value": exact_str(n.value),
            "range": [exact_str(n.low), exact_str(n.high)], "distribution": n.distribution}


@renders(SweepResult, "dict")
def sweep_dict(res: SweepResult) -> dict[str, Any]:
    """The sweep as JSON (schema ``gametheory.sweep/2``; documented in docs/reference/cli.md)."""
    return {
        "schema": "gametheory.sweep/2", "version": __version__, "model": res.model.title,
        "model_sha256": res.model.sha256, "seed": res.seed, "samples": res.samples,
        "rejected_draws": res.rejected, "view": res.view,
        "parameters": [_parameter(p) for p in res.parameters],
        "conclusions": [{"name": c.name, "text": c.text, "holds": c.holds, "share": c.share,
                         "stderr": c.stderr, "interval": list(c.interval), "at_point": c.at_point}
                        for c in res.conclusions],
        "coordination_values": [{"party": v.party, "measure": v.measure, "at_point": v.at_point,
                                 "mean": v.mean, "stderr": v.stderr,
                                 "quantiles": {f"{q:g}": x for q, x in zip(QUANTILES, v.quantiles)},
                                 "positive_share": v.positive,
                                 "positive_stderr": v.positive_stderr}
                                for v in res.values],
    }


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


@renders(SweepResult, "table")
def sweep_table(res: SweepResult) -> str:
    """Every conclusion with its share, interval and value at the point values, then each
    party's value of coordination."""
    kinds = sorted({p.kind for p in res.parameters})
    lines = [f"{res.model.title}: {res.samples} draws of {len(res.parameters)} uncertain numbers "
             f"({', '.join(kinds) or 'none'}) within their ranges",
             f"seed {res.seed}; {res.rejected} draws skipped for breaking a stated priority or "
             f"the scenario probabilities; gametheory {__version__}; model sha256 "
             f"{res.model.sha256[:16]}"]
    if res.view == "bayes":
        lines.append("the Bayes-Nash comparison: each party knows its own type, the others the "
                     "prior; payoffs are ex ante")
    lines += ["",
              "every conclusion, favourable or not (share of draws where it holds, 95% Wilson "
              "interval, and whether it holds at the point values):",
              "  holds   share   interval        point  conclusion"]
    for c in res.conclusions:
        lo, hi = c.interval
        lines.append(f"  {c.holds:>5}  {_pct(c.share)}  [{_pct(lo)}, {_pct(hi)}]  "
                     f"{'yes' if c.at_point else 'no':>5}  {c.text}")
    if res.values:
        lines += ["", "value of coordination (equilibrium payoff with the understandings minus "
                      "without; selected: payoff-dominant, else the largest movers' total):",
                  "  party    measure     point     mean   (s.e.)       5%      50%      95%   P(>0)"]
        for v in res.values:
            lines.append(f"  {v.party:<8} {v.measure:<8} {v.at_point:7.3f}  {v.mean:7.3f} "
                         f"({v.stderr:5.3f})  {v.quantiles[0]:7.3f}  {v.quantiles[2]:7.3f}  "
                         f"{v.quantiles[4]:7.3f}  {_pct(v.positive)}")
    return "\n".join(lines) + "\n"


def draw_metadata(res: SweepResult) -> dict[str, Any]:
    """What a file of draws says about where it comes from."""
    return {"gametheory": __version__, "model": res.model.title, "model_sha256": res.model.sha256,
            "seed": res.seed, "samples": res.samples, "rejected_draws": res.rejected}


def draw_rows(res: SweepResult) -> tuple[list[str], list[list[Any]]]:
    """Every draw as a row: index, the drawn values, each conclusion (1/0), each value of
    coordination; with the header."""
    params = [p.name for p in res.parameters]
    names = [c.name for c in res.conclusions]
    keys = [(v.party, v.measure) for v in res.values]
    header = (["draw"] + params + [f"holds:{n}" for n in names]
              + [f"value:{p}:{m}" for p, m in keys])
    rows = []
    for d in res.draws:
        rows.append([d.index] + [float(d.values[p]) for p in params] + [int(h) for h in d.holds]
                    + [float(d.coordination[k]) for k in keys])
    return header, rows

