"""Bayes-Nash equilibria (``BayesNashResult``, and a
model's regimes, ``BayesComparison``) as tables and as JSON
(schema ``gametheory.bayes/1``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..crisis.bayesian import BayesComparison
from ..solvers.bayes_nash import BayesNashResult
from ._registry import renders
from ._text import json_num, text_num

__all__: list[str] = []


def _result_dict(res: BayesNashResult, risks: Any = None) -> dict[str, Any]:
    g, ex = res.game, res.exact
    equilibria = []
    for k, eq in enumerate(res.equilibria):
        entry = {
            "strategies": [[[json_num(p, ex) for p in dist] for dist in per] for per in eq.strategies],
            "interim": [[json_num(v, ex) for v in per] for per in eq.interim],
            "payoffs": [json_num(v, ex) for v in eq.payoffs],
            "regret": json_num(eq.regret, ex),
        }
        if risks is not None:
            entry["risks"] = {a: json_num(v, ex) for a, v in risks[k].items()}
        equilibria.append(entry)
    return {
        "players": list(g.players),
        "types": [list(t) for t in g.types],
        "actions": [list(a) for a in g.actions],
        "prior": [{"types": list(g.type_names(ix)), "probability": json_num(g.prior[ix], ex)}
                  for ix in np.ndindex(*g.type_shape) if g.prior[ix] != 0],
        "method": res.method, "exact": ex, "complete": res.complete,
        "equilibria": equilibria, "notes": list(res.notes),
    }


@renders(BayesNashResult, "dict")
def bayes_dict(res: BayesNashResult) -> dict[str, Any]:
    """Bayes-Nash equilibria as JSON (schema ``gametheory.bayes/1``).

    ``players``, ``types``, ``actions``, ``prior`` (each type profile of
    positive probability with it), ``method`` (the agent-form solver),
    ``exact``, ``complete``, ``notes``, and ``equilibria``: each with
    ``strategies[i][k]`` (type ``k`` of player ``i``'s probabilities over its
    actions), ``interim[i][k]`` (that type's expected payoff), ``payoffs``
    (ex-ante, per player) and ``regret``.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.solve_bayes_nash(gt.load_model("loose-nukes").bayesian_game()))
    >>> d["schema"], d["types"], d["equilibria"][0]["strategies"]
    ('gametheory.bayes/1', [['-'], ['-']], [[['0', '1']], [['1', '0']]])
    """
    return {"schema": "gametheory.bayes/1", "title": res.game.title, **_result_dict(res)}


@renders(BayesComparison, "dict")
def bayes_comparison_dict(c: BayesComparison) -> dict[str, Any]:
    """A model's Bayes-Nash equilibria per regime (schema ``gametheory.bayes/1``): ``title``,
    ``model_sha256``, ``regimes`` (each ``name``, ``in_force`` and the fields of
    ``bayes_dict``, every equilibrium with its expected ``risks``) and the parties' ``types``
    with their probabilities, numbers and quotes."""
    return {
        "schema": "gametheory.bayes/1",
        "title": c.model.title,
        "model_sha256": c.model.sha256,
        "party_types": [{"party": t.party, "name": t.name, "probability": json_num(t.probability, True),
                         "values": {k: json_num(v, True) for k, v in t.values}, "quote": t.quote}
                        for t in c.model.types],
        "regimes": [{"name": r.name, "in_force": list(r.in_force), **_result_dict(r.result, r.risks)}
                    for r in c.regimes],
    }


def _lines(res: BayesNashResult, risks: Any = None, indent: str = "") -> list[str]:
    g, ex = res.game, res.exact
    lines = [f"{indent}{len(res.equilibria)} Bayes-Nash equilibri{'um' if len(res.equilibria) == 1 else 'a'}"
             f" (agent form solved by {res.method}; "
             + ("the list is complete)" if res.complete else "the list may be incomplete)")]
    for k, eq in enumerate(res.equilibria):
        lines.append(f"{indent}equilibrium {k + 1}:")
        for i, per in enumerate(eq.strategies):
            for t, dist in enumerate(per):
                who = g.players[i] if g.type_shape[i] == 1 else f"{g.players[i]}, if {g.types[i][t]}"
                plays = ", ".join(f"{g.actions[i][a]} {text_num(p, ex)}" for a, p in enumerate(dist)
                                  if p != 0)
                lines.append(f"{indent}  {who}: {plays} (expects {text_num(eq.interim[i][t], ex)})")
        lines.append(f"{indent}  ex-ante payoffs: " + ", ".join(
            f"{p} {text_num(v, ex)}" for p, v in zip(g.players, eq.payoffs)))
        if risks is not None and risks[k]:
            lines.append(f"{indent}  expected risks: " + ", ".join(
                f"{a} {text_num(v, ex)}" for a, v in risks[k].items()))
    lines += [f"{indent}note: {n}" for n in res.notes]
    return lines


@renders(BayesNashResult, "table")
def bayes_table(res: BayesNashResult) -> str:
    """Each equilibrium type by type ("PRC, if buffer-seeking: Move in 1"), with payoffs."""
    return "\n".join([f"{res.game.title or 'Bayesian game'}"] + _lines(res)) + "\n"


@renders(BayesComparison, "table")
def bayes_comparison_table(c: BayesComparison) -> str:
    """The parties' types, then each regime's Bayes-Nash equilibria with expected risks."""
    lines = [c.model.title, "private types (each party knows its own; the others the prior):"]
    for t in c.model.types:
        values = ", ".join(f"{k} = {text_num(v, True)}" for k, v in t.values) or "the model's numbers"
        lines.append(f"  {t.party}, {t.name} (probability {text_num(t.probability, True)}): {values}")
    if not c.model.types:
        lines.append("  none: every party's numbers are common knowledge")
    for r in c.regimes:
        lines += ["", f"{r.name} (understandings in force: {', '.join(r.in_force) or 'none'})"]
        lines += _lines(r.result, r.risks, "  ")
    return "\n".join(lines) + "\n"
