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
    assert uni.in_force == () and set(coo.in_force) == {"deconfliction", "lead_roles"}
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
    assert to_dict(compare(gt.load_model("coordinated"))) == d
    assert main(["compare"]) == 0
    out = capsys.readouterr().out
    assert "what coordination changes" in out and "ROK: -17/5 -> -27/10" in out


def test_a_model_without_understandings_has_one_regime():
    from test_model import SMALL
    from gametheory.io import parse_model
    c = compare(parse_model(SMALL))
    assert [r.name for r in c.regimes] == ["as given"]
    text = render(c)
    assert text.startswith("Two parties\n") and "what coordination changes" not in text


def test_efficiency_and_pareto():
    c = compare(gt.load_model("coordinated"))
    uni, coo = c.regimes
    model = gt.load_model("unilateral")
    # the utilitarian optimum, by brute force over the 27 profiles (all four parties count)
    totals = {}
    for prof in itertools.product(*(p.actions for p in model.players)):
        totals[prof] = sum(model.payoff(p.name, prof) for p in model.parties)
    best = max(totals, key=totals.get)
    assert uni.optimum == totals[best] == Fraction(-201, 20) and uni.optimum_profile == best
    assert uni.price_of_anarchy == uni.price_of_stability == Fraction(17, 20)
    assert coo.price_of_stability == Fraction(7, 10) and coo.price_of_anarchy == Fraction(21, 10)
    assert uni.correlation_gain == 0 and uni.anarchy_against_correlated == 0
    assert coo.anarchy_against_correlated == Fraction(7, 5)       # -43/5 - (-10)
    # in the coordinated game, equilibrium (Intervene, Limited, Limited) is worse for the US and
    # Japan and no better for anyone than (Intervene, Intervene, Limited)
    dominated = [o for o in coo.outcomes if o.pareto_dominated]
    assert [o.kind for o in dominated] == ["Nash equilibrium 1"]
    assert dominated[0].distribution[2, 1, 1] == 1
    assert not any(o.pareto_dominated for o in uni.outcomes)
    # Pareto-efficient pure profiles, by brute force over all four parties' payoffs
    pays = {prof: [model.payoff(p.name, prof) for p in model.parties] for prof in totals}
    efficient = {prof for prof, row in pays.items()
                 if not any(all(a >= b for a, b in zip(o, row)) and o != row for o in pays.values())}
    assert set(uni.pareto_profiles) == efficient and best in efficient


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
