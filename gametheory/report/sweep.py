"""How robust the comparison is (:class:`~gametheory.crisis.sweep.SweepResult`): a table for
people, JSON (schema ``gametheory.sweep/1``) for programs."""

from __future__ import annotations

from typing import Any

from ..crisis.sweep import SweepResult
from ._registry import renders

__all__: list[str] = []


@renders(SweepResult, "dict")
def sweep_dict(res: SweepResult) -> dict[str, Any]:
    """The sweep as JSON (schema ``gametheory.sweep/1``)."""
    return {"schema": "gametheory.sweep/1", "model": res.model.title, "samples": res.samples,
            "seed": res.seed, "rejected_draws": res.rejected,
            "conclusions": [{"text": t, "holds": h, "share": h / res.samples, "at_default_weights": d}
                            for t, h, d in zip(res.texts, res.holds, res.at_default)]}


@renders(SweepResult, "table")
def sweep_table(res: SweepResult) -> str:
    """How often each conclusion holds over the draws, and whether it holds at the defaults."""
    lines = [f"{res.model.title}: {res.samples} draws of the weights within their ranges "
             f"(seed {res.seed}; {res.rejected} draws rejected for breaking a stated priority)",
             "  holds   share  default  conclusion"]
    for t, h, d in zip(res.texts, res.holds, res.at_default):
        lines.append(f"  {h:>5}  {100 * h / res.samples:5.1f}%  {'yes' if d else 'no':>7}  {t}")
    return "\n".join(lines) + "\n"
