"""`sweep`: every conclusion over draws of every uncertain number, with intervals and values."""

from __future__ import annotations

import csv
import json
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory import to_dict
from gametheory.cli import main
from gametheory.crisis.compare import compare
from gametheory.crisis.parameters import values_from_uniforms
from gametheory.crisis.sweep import conclusions, sweep
from gametheory.io import parse_model
from test_model import SMALL, WITH_COST


def test_same_seed_same_result_whatever_the_workers():
    model = gt.load_model("coordinated")
    one = sweep(model, samples=8, seed=5, workers=1)
    two = sweep(model, samples=8, seed=5, workers=2)
    assert one.holds == two.holds and one.rejected == two.rejected
    assert [d.values for d in one.draws] == [d.values for d in two.draws]
    assert sweep(model, samples=8, seed=6, workers=1).samples == 8


def test_conclusions_at_the_point_values(tied_crisis):
    model = gt.load_model("coordinated")
    c = compare(model)
    checks = {k.name: k.holds(c) for k in conclusions(model)}
    # the unilateral equilibrium (Intervene, Intervene, Limited) carries a clash risk of 1/10
    assert checks["unilateral_risk.clash"] is True
    assert checks["worst_risk.clash"] is True
    # at the point values coordination leaves no party worse off in any equilibrium
    assert checks["worst_payoff.all"] is True
    res = sweep(model, samples=3, seed=0, workers=1)
    assert res.at_default == tuple(checks.values())
    assert [c.name for c in res.conclusions] == list(checks)
    # with the ROK's former zero weights, coordination adds equilibria (the ROK's continuum)
    # that are worse for the US: the favourable-sounding aggregate fails, and is reported so
    tied = {k.name: k.holds(compare(tied_crisis)) for k in conclusions(tied_crisis)}
    assert tied["worst_payoff.all"] is False and tied["worst_payoff.US"] is False


def test_every_conclusion_is_reported_with_its_interval():
    res = sweep(gt.load_model("coordinated"), samples=6, seed=2, workers=1)
    text = gt.render(res)
    for c in res.conclusions:
        assert c.text in text                          # favourable or not, every line is there
        lo, hi = c.interval
        assert 0 <= lo <= c.share <= hi <= 1
        assert (lo, hi) == gt.wilson_interval(c.holds, 6)
        assert c.stderr == pytest.approx((c.share * (1 - c.share) / 6) ** 0.5)


def test_wilson_interval_known_values():
    # Wilson (1927), z = 1.96, worked by hand: 15/30 has centre 1/2 and half-width
    # 1.96 sqrt(1/120 + 1.96^2/3600) / (1 + 1.96^2/30) = 0.1685; 0/30 has upper end
    # (1.96^2/30) / (1 + 1.96^2/30) = 0.1135
    assert [round(x, 4) for x in gt.wilson_interval(0, 30)] == [0.0, 0.1135]
    assert [round(x, 4) for x in gt.wilson_interval(15, 30)] == [0.3315, 0.6685]
    assert [round(x, 4) for x in gt.wilson_interval(30, 30)] == [0.8865, 1.0]


def test_value_of_coordination_at_the_point_values():
    model = gt.load_model("coordinated")
    res = sweep(model, samples=4, seed=3, workers=1)
    c = compare(model, extras=False)
    values = gt.coordination_values(model, c)
    lo0, _ = c.nash_range(c.regimes[0], "ROK")
    lo1, _ = c.nash_range(c.regimes[1], "ROK")
    assert values[("ROK", "worst")] == lo1 - lo0
    by_key = {(v.party, v.measure): v for v in res.values}
    assert by_key[("ROK", "worst")].at_point == float(lo1 - lo0)
    draws = [float(d.coordination[("ROK", "worst")]) for d in res.draws]
    assert by_key[("ROK", "worst")].mean == pytest.approx(np.mean(draws))
    assert by_key[("ROK", "worst")].positive == np.mean(np.array(draws) > 0)


def test_draws_respect_ranges_and_priorities():
    # cost's weight may reach -9, but the priority "risk outranks cost" bounds it by risk's
    model = parse_model(SMALL + WITH_COST)
    params = [p for p in model.parameters() if not p.number.fixed]
    rng = np.random.default_rng(1)
    seen_cost, infeasible = [], 0
    for _ in range(300):
        values = values_from_uniforms(model, params, rng.random(len(params)))
        if values is None:            # rounding to 1/1000 broke the strict priority: redrawn
            infeasible += 1
            continue
        weights = {(p.party, p.attribute): values[f"weight.{p.party}.{p.attribute}"]
                   for p in model.preferences}
        assert not model.priority_violations(weights)
        for p in params:
            assert p.number.low <= values[p.name] <= p.number.high
            assert values[p.name].denominator <= 1000
        seen_cost.append(values["weight.A.cost"])
        assert abs(values["weight.A.cost"]) < abs(values["weight.A.risk"])
    assert min(seen_cost) < F(-2)                     # the truncation still reaches far
    assert infeasible <= 3
    res = sweep(model, samples=5, seed=1, workers=1)
    assert len(res.conclusions) == 1


def test_scenario_probabilities_share_the_rest():
    model = gt.load_model("succession")
    m = model.with_values({"probability.succession": F(1, 2)})
    probs = {s.name: s.probability for s in m.scenarios}
    assert probs == {"well": F(11, 32), "ill_recovers": F(5, 32), "succession": F(1, 2)}
    with pytest.raises(gt.InvalidGameError, match="less than nothing"):
        model.with_values({"probability.succession": F(3, 2)})
    with pytest.raises(gt.InvalidGameError, match="no parameter 'probability.war'"):
        model.with_values({"probability.war": F(1, 2)})


def _rok_not_worse(comparison):
    return comparison.nash_range(comparison.regimes[1], "ROK")[0] \
        - comparison.nash_range(comparison.regimes[0], "ROK")[0]


def test_user_conclusions_from_python_and_from_expressions():
    model = gt.load_model("coordinated")
    mine = gt.Conclusion("mine.rok", "the ROK is not worse off", _rok_not_worse)
    parsed = gt.parse_conclusion("worst(with, ROK) >= worst(without, ROK)", model, name="parsed")
    res = sweep(model, samples=6, seed=4, workers=2, extra=[mine, parsed])
    by_name = {c.name: c for c in res.conclusions}
    assert by_name["mine.rok"].holds == by_name["parsed"].holds == by_name["worst_payoff.ROK"].holds
    with pytest.raises(gt.InvalidGameError, match="two conclusions are named"):
        sweep(model, samples=1, workers=1, extra=[mine, mine])


@pytest.mark.parametrize("text, message", [
    ("worst(with, Korea) >= 0", "'Korea' is not a party"),
    ("worst(later, ROK) >= 0", "the first argument is a regime"),
    ("risk(with, us_role) >= 0 and", "ends too early"),
    ("worst(with, ROK)", "must compare something"),
    ("__import__('os')", "unexpected '__import__'"),
    ("1 >= 0; 2", "cannot read"),
])
def test_bad_expressions_are_refused_in_one_line(text, message):
    with pytest.raises(gt.InvalidGameError, match=message) as info:
        gt.parse_conclusion(text, gt.load_model("coordinated"))
    assert "\n" not in str(info.value)


def test_cli_json_conclusions_and_draws(tmp_path, capsys):
    draws = tmp_path / "draws.csv"
    assert main(["sweep", "--samples", "3", "--seed", "4", "--workers", "1", "--format", "json",
                 "--conclude", "risk(with, clash) <= risk(without, clash)",
                 "--draws", str(draws)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.sweep/2" and d["samples"] == 3 and d["seed"] == 4
    assert len(d["model_sha256"]) == 64 and d["version"]
    assert all(0 <= c["holds"] <= 3 and c["share"] == c["holds"] / 3 for c in d["conclusions"])
    assert d["conclusions"][-1]["name"] == "user.1"
    model = gt.load_model("coordinated")
    extra = [gt.parse_conclusion("risk(with, clash) <= risk(without, clash)", model, name="user.1")]
    assert d == to_dict(sweep(model, samples=3, seed=4, workers=1, extra=extra))
    lines = draws.read_text().splitlines()
    meta = [ln for ln in lines if ln.startswith("#")]
    assert any(ln.startswith("# model_sha256: " + d["model_sha256"]) for ln in meta)
    assert any(ln == "# seed: 4" for ln in meta)
    rows = list(csv.reader(ln for ln in lines if not ln.startswith("#")))
    assert rows[0][0] == "draw" and len(rows) == 4
    assert "holds:user.1" in rows[0] and "value:ROK:worst" in rows[0]
    assert {p["name"] for p in d["parameters"]} <= set(rows[0])


@pytest.mark.parametrize("argv, message", [
    (["sweep", "--samples", "0"], "--samples"),
    (["sweep", "--samples", "2", "--vary", "weight.ROK.colour"], "neither a parameter nor a kind"),
    (["sweep", "--samples", "2", "--conclude", "worst(with, X) > 0"], "'X' is not a party"),
    (["sweep", "--samples", "2", "--draws", "out.txt"], "must end in .csv or .parquet"),
])
def test_cli_bad_input_exit_2_in_one_line(argv, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "out.txt").exists()


def test_vary_only_some_parameters():
    model = gt.load_model("coordinated")
    res = sweep(model, samples=3, seed=1, workers=1, vary=["weight.ROK.meltdown"])
    assert [p.name for p in res.parameters] == ["weight.ROK.meltdown"]
    assert all(set(d.values) == {"weight.ROK.meltdown"} for d in res.draws)


@pytest.mark.parametrize("distribution, value", [("uniform", F(1, 5)), ("triangular", F(1, 5)),
                                                 ("triangular", F(1, 10)), ("beta", F(1, 5))])
def test_closed_form_quantiles_match_scipy(distribution, value):
    from scipy import stats
    u = gt.Uncertain(value, F(1, 10), F(3, 10), distribution,
                     (F(2), F(3)) if distribution == "beta" else None)
    lo, scale = 0.1, 0.2
    frozen = {"uniform": stats.uniform(lo, scale),
              "triangular": stats.triang((float(value) - lo) / scale, lo, scale),
              "beta": stats.beta(2, 3, lo, scale)}[distribution]
    for q in np.linspace(0, 1, 21):
        assert u.ppf(q) == pytest.approx(frozen.ppf(q), abs=1e-12)
    for x in np.linspace(0.05, 0.35, 31):
        assert u.cdf(x) == pytest.approx(frozen.cdf(x), abs=1e-12)
    # truncated: u runs over the part of the distribution inside [lo, hi]
    assert u.quantile(0.0, 0.15, 0.25) == pytest.approx(0.15)
    assert u.quantile(1.0, 0.15, 0.25) == pytest.approx(0.25)


@pytest.mark.parametrize("name", ["unilateral", "coordinated", "loose-nukes", "succession"])
def test_outcome_table_is_exact(name):
    """The table (all profiles at once, in integers over one denominator) against the
    profile-by-profile derivation, at the point values and at drawn values (other scenario
    probabilities, effects pushing values past the attributes' ranges)."""
    model = gt.load_model(name)
    params = model.parameters()
    rng = np.random.default_rng(3)
    drawn = [model]
    while len(drawn) < 4:
        values = values_from_uniforms(model, params, rng.random(len(params)))
        if values is not None:
            drawn.append(model.with_values(values))
    for m in drawn + [d.with_understandings([]) for d in drawn]:
        profiles, values, payoffs = m.outcome_table()
        for prof, vals, row in zip(profiles, values, payoffs):
            assert vals == {a: v for a, (v, _) in m.attribute_values(prof).items()}
            assert row == [m.payoff(p.name, prof) for p in m.parties]


def test_draws_as_parquet_or_a_clear_error(tmp_path, capsys):
    out = tmp_path / "draws.parquet"
    argv = ["sweep", "--samples", "2", "--workers", "1", "--draws", str(out)]
    try:
        import pyarrow.parquet as pq
    except ImportError:
        assert main(argv) == 2
        assert "Parquet needs pyarrow" in capsys.readouterr().err and not out.exists()
        return
    assert main(argv) == 0
    table = pq.read_table(out)
    assert table.num_rows == 2 and b"model_sha256" in table.schema.metadata


def test_progress_bar_shows_the_time_left(capsys):
    from gametheory.cli._common import ProgressBar
    bar = ProgressBar()
    bar("sweep", 1, 4)
    bar("sweep", 4, 4)
    err = capsys.readouterr().err
    assert "1/4" in err and "s left" in err and "4/4" in err
