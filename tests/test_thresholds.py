"""`threshold`: flips of conclusions along a parameter, exact where rational, and region maps."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.crisis.compare import compare
from gametheory.crisis.conclusions import builtin_conclusions
from gametheory.crisis.thresholds import region_map, thresholds
from gametheory.io import parse_model

#: One mover, A: acting changes the risk by x (the parameter) at a cost of 0.2; the pact
#: understanding lowers the cost of acting to 0.1.  A acts iff -0.7 - x > -0.5 (x < -1/5)
#: without the pact, iff x < -1/10 with it: its action changes exactly for -1/5 <= x < -1/10.
ONE_MOVER = """
[model]
title = "One mover"
[[party]]
name = "A"
actions = ["Hold", "Act"]
[[attribute]]
name = "risk"
bad = true
[[attribute]]
name = "cost"
bad = true
[baseline]
risk = 0.5
[[effect]]
name = "act"
when = { A = "Act" }
risk = { value = -0.3, range = [-0.5, 0], source = "a test" }
cost = 0.2
[[effect]]
name = "pact"
when = { A = "Act" }
requires = "pact"
cost = -0.1
[[understanding]]
name = "pact"
quote = "A sentence."
[[preference]]
party = "A"
attribute = "risk"
weight = -1
quote = "A sentence."
[[preference]]
party = "A"
attribute = "cost"
weight = -1
quote = "A sentence."
"""


def _truth(model, name, value, conclusion):
    c = compare(model.with_values({name: value}), extras=False)
    return next(k for k in builtin_conclusions(model) if k.name == conclusion).holds(c)


def test_flips_known_analytically_are_found_exactly():
    model = parse_model(ONE_MOVER)
    res = thresholds(model, "effect.act.risk", points=11)
    flips = [f for f in res.flips if f.conclusion == "action_changes.A"]
    assert [(f.exact, f.before) for f in flips] == [(F(-1, 5), False), (F(-1, 10), True)]
    assert all(f.basis == "payoff tie" and f.low <= f.exact <= f.high for f in flips)
    # the threshold really flips the conclusion: just below and just above it
    for f in flips:
        eps = F(1, 10 ** 6)
        assert _truth(model, "effect.act.risk", f.exact - eps, "action_changes.A") == f.before
        assert _truth(model, "effect.act.risk", f.exact + eps, "action_changes.A") != f.before
    # conclusions that never flip are reported as such
    assert "worst_payoff.A" not in {f.conclusion for f in res.flips}
    assert "no flip over the range" in gt.render(res)


def test_a_flip_at_a_root_of_the_margin():
    # a margin linear in the parameter: A's worst payoff with the pact minus without crosses
    # the user's bound 0.05 where -0.6 - x - max(-0.5, -0.7 - x) = 0.05, i.e. at x = -3/20 + ...
    model = parse_model(ONE_MOVER)
    mine = gt.parse_conclusion("worst(with, A) - worst(without, A) >= 0.05", model, name="mine")
    res = thresholds(model, "effect.act.risk", points=11, extra=[mine], only=["mine"])
    [flip] = res.flips
    # with the pact A acts iff x < -1/10, then earns -0.6 - x; without, max(-0.5, -0.7 - x):
    # for -1/5 < x < -1/10 the difference is -0.1 - x, which is 0.05 at x = -3/20
    assert flip.exact == F(-3, 20) and flip.basis in ("margin", "payoff tie")
    eps = F(1, 10 ** 6)
    below = compare(model.with_values({"effect.act.risk": flip.exact - eps}), extras=False)
    above = compare(model.with_values({"effect.act.risk": flip.exact + eps}), extras=False)
    assert mine.holds(below) == flip.before and mine.holds(above) != flip.before


def test_succession_thresholds_really_flip():
    # whether coordination leaves the ROK no worse off depends on p(succession): threshold finds
    # every flip in the range, exactly, and each is a real change of the answer
    model = gt.load_model("succession")
    res = thresholds(model, "probability.succession", within=("0.05", "0.4"), points=8,
                     only=["worst_payoff.ROK"])
    assert [str(f.exact) for f in res.flips] == ["73/405", "33/113", "569/1609"]
    for flip in res.flips:
        for x, expected in ((flip.exact - F(1, 10 ** 6), flip.before),
                            (flip.exact + F(1, 10 ** 6), not flip.before)):
            assert _truth(model, "probability.succession", x, "worst_payoff.ROK") == expected


def test_region_map_matches_pointwise_comparisons():
    model = parse_model(ONE_MOVER)
    m = region_map(model, ["effect.act.risk", "weight.A.cost"], within=[None, ("-2", "0")],
                   points=3, only=["action_changes.A"])
    for i, x in enumerate(m.xs):
        for j, y in enumerate(m.ys):
            c = compare(model.with_values({"effect.act.risk": x, "weight.A.cost": y}), extras=False)
            k = next(k for k in builtin_conclusions(model) if k.name == "action_changes.A")
            assert m.holds[0][i][j] == k.holds(c)
    assert "action_changes.A" in json.dumps(gt.to_dict(m))


def test_cli_threshold(tmp_path, capsys):
    path = tmp_path / "one.toml"
    path.write_text(ONE_MOVER)
    assert main(["threshold", str(path), "--vary", "effect.act.risk", "--points", "11",
                 "--conclusion", "action_changes.A", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.threshold/1"
    assert [f["exact"] for f in d["flips"]] == ["-1/5", "-1/10"]
    assert main(["threshold", str(path), "--vary", "effect.act.risk",
                 "--vary", "weight.A.cost=-2:0", "--points", "3"]) == 0
    assert "# holds, . fails" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["--vary", "weight.A.colour"], "no parameter 'weight.A.colour'"),
    (["--vary", "weight.A.cost"], "is empty; give one"),
    (["--vary", "weight.A.cost=1:0"], "is empty"),
    (["--vary", "weight.A.cost=1"], "write NAME=LOW:HIGH"),
    (["--vary", "effect.act.risk", "--conclusion", "nothing"], "no conclusion 'nothing'"),
    (["--vary", "effect.act.risk", "--conclude", "worst(with, A) >"], "ends too early"),
    (["--vary", "effect.act.risk", "--points", "1"], "at least 2"),
])
def test_cli_threshold_bad_input(argv, message, tmp_path, capsys):
    path = tmp_path / "one.toml"
    path.write_text(ONE_MOVER)
    assert main(["threshold", str(path), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error: ") and message in err and err.count("\n") == 1
