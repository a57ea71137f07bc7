"""A traced logit QRE branch (``QRECurve``): a table of points
along it for people, every point in CSV, and JSON (schema ``gametheory.qre/1``)."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from typing import Any

import numpy as np

from ..solvers.qre import QRECurve
from ._registry import renders
from ._text import json_num, text_num
from .solve import game_dict

__all__: list[str] = []


@renders(QRECurve, "dict")
def qre_dict(curve: QRECurve) -> dict[str, Any]:
    """A traced logit QRE branch as JSON (schema ``gametheory.qre/1``).

    ``points`` holds every traced point (``lambda`` and one probability
    vector per player, floats); ``equilibrium`` the Nash equilibrium certified
    at the end (numbers exact or float by the usual rule), or null.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.logit_qre(gt.read_game("matching-pennies")))
    >>> d["schema"], d["points"][0], d["equilibrium"]["strategies"]
    ('gametheory.qre/1', {'lambda': 0.0, 'strategies': [[0.5, 0.5], [0.5, 0.5]]}, [['1/2', '1/2'], ['1/2', '1/2']])
    """
    eq = curve.equilibrium
    equilibrium = None
    if eq is not None:
        ex = isinstance(eq.regret, Fraction)
        equilibrium = {"strategies": [[json_num(p, ex) for p in s] for s in eq.strategies],
                       "payoffs": [json_num(p, ex) for p in eq.payoffs],
                       "regret": json_num(eq.regret, ex), "exact": ex}
    return {
        "schema": "gametheory.qre/1",
        "game": game_dict(curve.game),
        "stopped": curve.reason,
        "bifurcations": curve.bifurcations,
        "points": curve.to_rows(),
        "equilibrium": equilibrium,
    }


@renders(QRECurve, "csv")
def qre_csv(curve: QRECurve) -> str:
    """Every traced point: lambda, then each player's probability of each action."""
    g = curve.game
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["lambda"] + [f"{p}:{a}" for p, acts in zip(g.players, g.actions) for a in acts])
    for lam, row in zip(curve.lambdas, curve.profiles):
        w.writerow([repr(float(lam))] + [repr(float(v)) for v in row])
    return buf.getvalue()


@renders(QRECurve, "table")
def qre_table(curve: QRECurve, rows: int = 12) -> str:
    """``rows`` points spread along the branch, then the certified equilibrium at its end."""
    g = curve.game
    lines = [f"{g.title or 'untitled game'}: logit QRE branch, {len(curve)} points, "
             f"stopped: {curve.reason}"]
    picks = sorted(set(np.linspace(0, len(curve) - 1, min(rows, len(curve))).round().astype(int)))
    for k in picks:
        strat = "; ".join(f"{p} (" + ", ".join(f"{v:.4f}" for v in s) + ")"
                          for p, s in zip(g.players, curve.strategies(int(k))))
        lines.append(f"  lambda {float(curve.lambdas[k]):>12.4g}: {strat}")
    eq = curve.equilibrium
    if eq is None:
        lines.append("no equilibrium certified at the end of the branch")
    else:
        ex = isinstance(eq.regret, Fraction)
        lines.append("equilibrium at the end of the branch (certified):")
        for p, acts, s in zip(g.players, g.actions, eq.strategies):
            lines.append(f"  {p}: " + ", ".join(f"{a} {text_num(v, ex)}" for a, v in zip(acts, s)))
    return "\n".join(lines) + "\n"
