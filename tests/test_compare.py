"""`compare`: the article's model without and with prior understandings."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np

import gametheory as gt
from gametheory import render, to_dict
from gametheory.cli import main
from gametheory.crisis.compare import compare


def test_article_model_regimes():
    c = compare(gt.load_model("coordinated"))
    uni, coo = c.regimes
    assert uni.in_force == () and set(coo.in_force) == {"deconfliction", "rok_leads_aid"}
    assert dict(c.leads.chosen.leaders) == {"delivery of humanitarian assistance": "ROK"}
    assert uni.complete and uni.method == "polynomial"
    nash = [o for o in uni.outcomes if o.kind.startswith("Nash")]
    assert len(nash) == 1 and nash[0].exact
    model = gt.load_model("unilateral")
    profile = ["Intervene", "Intervene", "Limited"]
    assert nash[0].distribution[2, 2, 1] == 1
    for party in ("US", "ROK", "PRC", "Japan"):
        assert nash[0].payoffs[party] == model.payoff(party, profile)
    assert nash[0].risks["clash"] == model.attribute_values(profile)["clash"][0] == Fraction(1, 10)
    assert nash[0].welfare == sum(nash[0].payoffs.values())
    # with the understandings no equilibrium carries a clash risk, and the ROK and the PRC gain
    coo_nash = [o for o in coo.outcomes if o.kind.startswith("Nash")]
    assert coo_nash and all(o.risks["clash"] == 0 for o in coo_nash)
    for party in ("ROK", "PRC"):
        assert c.nash_range(coo, party)[0] > c.nash_range(uni, party)[1]


def test_correlated_outcomes_are_at_least_as_good_in_total():
    c = compare(gt.load_model("coordinated"))
    for r in c.regimes:
        best_nash = max(o.welfare for o in r.outcomes if o.kind.startswith("Nash"))
        ce = next(o for o in r.outcomes if o.kind == "correlated (welfare)")
        movers = [p.name for p in c.model.players]
        assert sum(ce.payoffs[p] for p in movers) >= max(
            sum(o.payoffs[p] for p in movers) for o in r.outcomes if o.kind.startswith("Nash"))
        assert np.isclose(float(sum(ce.distribution.flat)), 1.0) and best_nash is not None


def test_json_and_cli(capsys):
    assert main(["compare", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.compare/1" and [r["name"] for r in d["regimes"]] == ["unilateral", "coordinated"]
    assert d["parties"] == ["US", "ROK", "PRC", "Japan"] and "clash" in d["bad_outcomes"]
    first = d["regimes"][0]["outcomes"][0]
    assert first["payoffs"]["Japan"] == "-7/10" and first["support"] == [["Intervene", "Intervene", "Limited"]]
    assert d.pop("version") == gt.__version__      # JSON text only: the writer's version
    assert to_dict(compare(gt.load_model("coordinated"))) == d
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    assert "what coordination changes" in out and "ROK: -18/5 -> -29/10" in out
    assert "who leads" in out and d["leads"]["chosen"] == {"delivery of humanitarian assistance": "ROK"}


def test_a_model_without_understandings_has_one_regime():
    from test_model import SMALL
    from gametheory.io import parse_model
    c = compare(parse_model(SMALL))
    assert [r.name for r in c.regimes] == ["as given"]
    text = render(c)
    assert text.startswith("Two parties\n") and "what coordination changes" not in text


def test_efficiency_and_pareto():
    c = compare(gt.load_model("coordinated"))
    model = gt.load_model("unilateral")
    for r in c.regimes:
        m = model.with_understandings(r.in_force)
        # the utilitarian optimum, by brute force over the 27 profiles (all four parties count)
        pays = {prof: [m.payoff(p.name, prof) for p in m.parties]
                for prof in itertools.product(*(p.actions for p in m.players))}
        totals = {prof: sum(row) for prof, row in pays.items()}
        best = max(totals, key=totals.get)
        assert r.optimum == totals[best] and r.optimum_profile == best
        nash = [o.welfare for o in r.nash_outcomes]
        assert r.price_of_anarchy == r.optimum - min(nash) >= 0
        assert r.price_of_stability == r.optimum - max(nash) >= 0
        # Pareto-efficient pure profiles, by brute force over all four parties' payoffs
        efficient = {prof for prof, row in pays.items()
                     if not any(all(a >= b for a, b in zip(o, row)) and o != row for o in pays.values())}
        assert set(r.pareto_profiles) == efficient and best in efficient
    # with the default numbers the one equilibrium of each regime is the utilitarian optimum
    uni, coo = c.regimes
    assert uni.optimum == Fraction(-233, 20) and coo.optimum == Fraction(-183, 20)
    assert uni.price_of_anarchy == coo.price_of_anarchy == 0
    assert not any(o.pareto_dominated for r in c.regimes for o in r.outcomes)


def test_a_pareto_dominated_equilibrium_is_found():
    # planned before the succession is known, one mixed equilibrium is worse for every party than
    # a pure profile (found here by brute force)
    model = gt.load_model("succession")
    uni = compare(model).regimes[0]
    dominated = [o for o in uni.outcomes if o.pareto_dominated]
    assert [o.kind for o in dominated] == ["Nash equilibrium 2"]
    better = [prof for prof in itertools.product(*(p.actions for p in model.players))
              if all(model.payoff(p.name, prof) >= dominated[0].payoffs[p.name] for p in model.parties)
              and any(model.payoff(p.name, prof) > dominated[0].payoffs[p.name] for p in model.parties)]
    assert better
    assert not any(o.pareto_dominated for o in uni.outcomes if o.kind != "Nash equilibrium 2"
                   and o.kind.startswith("Nash"))


def test_csv_and_latex(capsys):
    assert main(["compare", "loose-nukes", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "regime,outcome,pareto_dominated,US,PRC,total,loose_nukes,clash"
    assert rows[1] == "unilateral,Nash equilibrium 1,False,-7/5,-16/5,-23/5,1/10,0"
    assert len(rows) == 1 + 2 * 3
    assert main(["compare", "loose-nukes", "--format", "latex"]) == 0
    tex = capsys.readouterr().out
    assert "\\begin{tabular}{lrrrrr}" in tex and "loose\\_nukes" in tex and "$-\\frac{7}{5}$" in tex


def test_the_graph_model_view_of_the_same_case(capsys):
    model = gt.load_model("coordinated")
    c = compare(model)
    summary = c.conflict
    analysis = gt.analyse_conflict(model.conflict)
    names = [model.conflict.state_name(s) for s in analysis.equilibria["nash"]]
    assert summary.alone["nash"] == names == ["YYNYYY", "YYYYYY"]
    together = gt.analyse_conflict(model.conflict, "US+ROK+PRC")
    assert len(summary.together["nash"]) == len(together.equilibria["nash"]) == 25
    assert summary.removed["nash"] == [] and len(summary.added["nash"]) == 23
    assert summary.broken_by == {c: {} for c in gt.conflict.CONCEPTS}
    sq = summary.status_quo
    assert sq.state == "NNNNNN" and sorted(sq.alone) == ["YYNYYY", "YYYYYY"]
    assert sq.together["NNNYNY"] == ["NNNNNN", "NNNYNY"]
    assert to_dict(c)["conflict"] == to_dict(summary)
    text = render(c)
    assert "the same case in the graph model" in text
    assert "equilibria acting alone: YYNYYY, YYYYYY (under every concept)" in text
    # the sweep skips it, and a model without a conflict file has none
    assert compare(model, extras=False).conflict is None
    assert compare(gt.load_model("loose-nukes")).conflict is None
