"""Where conclusions flip (``ThresholdResult``) and region
maps over two parameters (``RegionMap``): tables for people,
JSON (schemas ``gametheory.threshold/1`` and ``gametheory.region/1``) for programs."""

from __future__ import annotations

from typing import Any

from ..arithmetic import exact_str
from ..crisis.thresholds import RegionMap, ThresholdResult
from ._registry import renders

__all__: list[str] = []


def _num(x: Any) -> str:
    return f"{exact_str(x)} (~{float(x):.4g})" if x.denominator != 1 else exact_str(x)


@renders(ThresholdResult, "dict")
def threshold_dict(res: ThresholdResult) -> dict[str, Any]:
    """The scan and its flips (schema ``gametheory.threshold/1``)."""
    return {
        "schema": "gametheory.threshold/1", "model": res.model.title,
        "model_sha256": res.model.sha256, "parameter": res.parameter,
        "range": [exact_str(res.low), exact_str(res.high)], "step": exact_str(res.step),
        "points": [exact_str(x) for x in res.points],
        "conclusions": [{"name": n, "text": t, "holds": list(h)}
                        for n, t, h in zip(res.names, res.texts, res.holds)],
        "flips": [{"conclusion": f.conclusion, "interval": [exact_str(f.low), exact_str(f.high)],
                   "exact": None if f.exact is None else exact_str(f.exact), "basis": f.basis,
                   "holds_below": f.before, "holds_above": not f.before} for f in res.flips],
    }


@renders(ThresholdResult, "table")
def threshold_table(res: ThresholdResult) -> str:
    """Each flip, then the conclusions that do not flip over the range."""
    lines = [f"{res.model.title}: {res.parameter} from {exact_str(res.low)} to "
             f"{exact_str(res.high)} ({len(res.points)} points, step {exact_str(res.step)}; "
             "two flips closer than the step may be missed), the other numbers at their point "
             "values"]
    if res.flips:
        lines.append("flips:")
    for f in sorted(res.flips, key=lambda f: (f.low, f.conclusion)):
        where = (f"at {_num(f.exact)}, exactly ({f.basis})" if f.exact is not None else
                 f"between {exact_str(f.low)} and {exact_str(f.high)}")
        change = "holds below, fails above" if f.before else "fails below, holds above"
        lines.append(f"  {where}: {change}: {f.text}")
    flipping = {f.conclusion for f in res.flips}
    steady = [(t, h[0]) for n, t, h in zip(res.names, res.texts, res.holds) if n not in flipping]
    if steady:
        lines.append("no flip over the range:")
        lines += [f"  {'holds' if h else 'fails'} throughout: {t}" for t, h in steady]
    return "\n".join(lines) + "\n"


@renders(RegionMap, "dict")
def region_dict(res: RegionMap) -> dict[str, Any]:
    """The grid (schema ``gametheory.region/1``): ``holds[i][j]`` at ``(x[i], y[j])``."""
    return {
        "schema": "gametheory.region/1", "model": res.model.title,
        "model_sha256": res.model.sha256, "parameters": list(res.parameters),
        "x": [exact_str(v) for v in res.xs], "y": [exact_str(v) for v in res.ys],
        "conclusions": [{"name": n, "text": t, "holds": [list(row) for row in h]}
                        for n, t, h in zip(res.names, res.texts, res.holds)],
    }


@renders(RegionMap, "table")
def region_table(res: RegionMap) -> str:
    """One map per conclusion that is not the same everywhere: ``#`` holds, ``.`` fails;
    rows are the second parameter (high at the top), columns the first."""
    x, y = res.parameters
    lines = [f"{res.model.title}: {x} (columns, {exact_str(res.xs[0])} to {exact_str(res.xs[-1])}) "
             f"by {y} (rows, {exact_str(res.ys[-1])} at the top to {exact_str(res.ys[0])}); "
             "# holds, . fails"]
    same = []
    for _name, t, h in zip(res.names, res.texts, res.holds):
        cells = {v for row in h for v in row}
        if len(cells) == 1:
            same.append(f"  {'holds' if cells.pop() else 'fails'} everywhere: {t}")
            continue
        lines.append(f"{t}:")
        for j in reversed(range(len(res.ys))):
            lines.append("  " + "".join("#" if h[i][j] else "." for i in range(len(res.xs))))
    if same:
        lines.append("the same over the whole grid:")
        lines += same
    return "\n".join(lines) + "\n"
