"""`sweep`: conclusions over weights drawn within their ranges."""

from __future__ import annotations

import json

import gametheory as gt
from gametheory import to_dict
from gametheory.cli import main
from gametheory.crisis.compare import compare
from gametheory.io import parse_model
from gametheory.crisis.sweep import _draw, conclusions, sweep
from test_model import SMALL, WITH_COST


def test_same_seed_same_result_whatever_the_workers():
    model = gt.load_model("coordinated")
    one = sweep(model, samples=8, seed=5, workers=1)
    two = sweep(model, samples=8, seed=5, workers=2)
    assert one.holds == two.holds and one.rejected == two.rejected
    assert sweep(model, samples=8, seed=6, workers=1).samples == 8


def test_conclusions_at_the_default_weights():
    model = gt.load_model("coordinated")
    c = compare(model)
    checks = {k.text: k.test(c) for k in conclusions(model)}
    # the unilateral equilibrium (Intervene, Intervene, Limited) carries a clash risk of 1/10
    assert checks["the unilateral game has an equilibrium with clash risk"] is True
    assert checks["coordination does not raise the worst equilibrium clash risk"] is True
    # coordination adds an equilibrium (Intervene, Limited, Limited) that is worse for the US
    assert checks["coordination weakly improves every party's worst equilibrium payoff"] is False
    res = sweep(model, samples=3, seed=0, workers=1)
    assert res.at_default == tuple(checks.values())


def test_draws_respect_ranges_and_priorities():
    text = SMALL + WITH_COST.replace("range = [-9, -1]", "range = [-3, -1]")
    model = parse_model(text)
    total = 0
    for k in range(30):
        weights, rejected = _draw(model, 1, k)
        total += rejected
        assert not model.priority_violations(weights)
        for p in model.preferences:
            assert p.low <= weights[(p.party, p.attribute)] <= p.high
            assert weights[(p.party, p.attribute)].denominator <= 1000
    assert total > 0                    # risk's weight is in [-3, -1]: some draws break the priority
    res = sweep(model, samples=5, seed=1, workers=1)
    assert res.rejected > 0 and len(res.holds) == 1


def test_cli(capsys):
    assert main(["sweep", "--samples", "3", "--seed", "4", "--workers", "1", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.sweep/1" and d["samples"] == 3 and d["seed"] == 4
    assert all(0 <= c["holds"] <= 3 and c["share"] == c["holds"] / 3 for c in d["conclusions"])
    assert d == to_dict(sweep(gt.load_model("coordinated"), samples=3, seed=4, workers=1))
    assert main(["sweep", "--samples", "0"]) == 2
