"""Which numbers matter (``Sensitivity``, schema
``gametheory.sensitivity/1``) and where conclusions fail
(``Discovery``, schema ``gametheory.discovery/1``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..crisis.sensitivity import Discovery, Sensitivity
from ._registry import renders

__all__: list[str] = []


def _f(x: Any) -> float | None:
    x = float(x)
    return None if np.isnan(x) else x


@renders(Sensitivity, "dict")
def sensitivity_dict(s: Sensitivity) -> dict[str, Any]:
    """Per output (party, measure), per parameter: first and total indices with intervals."""
    idx = s.indices
    first, total = np.asarray(idx.first).reshape(len(idx.names), -1), \
        np.asarray(idx.total).reshape(len(idx.names), -1)
    bounds = [np.asarray(b).reshape(len(idx.names), -1)
              for b in (idx.first_low, idx.first_high, idx.total_low, idx.total_high)]
    return {
        "schema": "gametheory.sensitivity/1", "model": s.model.title,
        "model_sha256": s.model.sha256, "seed": s.seed, "n": s.n, "evaluations": s.evaluations,
        "view": s.view,
        "inputs": "independent uniforms: each number's quantile within its range, a weight "
                  "bounded by a priority within the part of its range its higher weights allow",
        "confidence": idx.confidence, "note": idx.note or None,
        "outputs": [
            {"party": party, "measure": measure,
             "indices": [{"parameter": name, "first": _f(first[i, k]), "total": _f(total[i, k]),
                          "first_interval": [_f(bounds[0][i, k]), _f(bounds[1][i, k])],
                          "total_interval": [_f(bounds[2][i, k]), _f(bounds[3][i, k])]}
                         for i, name in enumerate(idx.names)]}
            for k, (party, measure) in enumerate(s.outputs)],
    }


@renders(Sensitivity, "table")
def sensitivity_table(s: Sensitivity) -> str:
    """One block per output: the parameters by total index, largest first."""
    idx = s.indices
    first = np.asarray(idx.first).reshape(len(idx.names), -1)
    total = np.asarray(idx.total).reshape(len(idx.names), -1)
    lines = [f"{s.model.title}: Sobol indices of the value of coordination, {s.evaluations} "
             f"evaluations (n = {s.n}, seed {s.seed}); inputs are each number's quantile within "
             "its range (a weight bounded by a priority: within what its higher weights allow)"]
    if idx.note:
        lines.append(f"note: {idx.note}")
    for k, (party, measure) in enumerate(s.outputs):
        lines.append(f"{party}, {measure} equilibrium:  first   total")
        order = sorted(range(len(idx.names)), key=lambda i: -np.nan_to_num(total[i, k], nan=-1))
        for i in order:
            lines.append(f"  {idx.names[i]:<40} {first[i, k]:6.2f}  {total[i, k]:6.2f}")
    return "\n".join(lines) + "\n"


@renders(Discovery, "dict")
def discovery_dict(d: Discovery) -> dict[str, Any]:
    """Per conclusion: the failing draws and the PRIM boxes (rule, limits, coverage, density)."""
    n = d.sweep.samples
    return {
        "schema": "gametheory.discovery/1", "model": d.sweep.model.title,
        "model_sha256": d.sweep.model.sha256, "seed": d.sweep.seed, "samples": n,
        "conclusions": [
            {"name": name, "fails": d.failures[name],
             "boxes": [{"rule": b.rule(), "limits": [list(lim) for lim in b.limits],
                        "coverage": b.coverage, "density": b.density, "mass": b.mass,
                        "draws": b.count} for b in boxes]}
            for name, boxes in d.boxes.items()],
    }


@renders(Discovery, "table")
def discovery_table(d: Discovery) -> str:
    """Each conclusion that fails in some draws, with the boxes where it fails."""
    n = d.sweep.samples
    texts = {c.name: c.text for c in d.sweep.conclusions}
    lines = ["where conclusions fail (PRIM boxes over the drawn numbers; density: the share of "
             "the box's draws where it fails; coverage: the share of its failures in the box):"]
    for name, boxes in d.boxes.items():
        fails = d.failures[name]
        if fails in (0, n):
            continue
        lines.append(f"  {texts[name]}: fails in {fails} of {n} draws ({100 * fails / n:.0f}%)")
        if not boxes:
            lines.append("    no box stands out")
        for b in boxes:
            lines.append(f"    {b.rule()}: density {100 * b.density:.0f}%, coverage "
                         f"{100 * b.coverage:.0f}%, {b.count} draws")
    if len(lines) == 1:
        lines.append("  every conclusion holds in every draw or in none")
    return "\n".join(lines) + "\n"
