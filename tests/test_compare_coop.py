"""compare's cooperative benchmarks: bargaining without transfers, and the TU game with them."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.crisis.compare import compare
from gametheory.io import parse_model

from test_model import SMALL


def test_bargaining_outcomes_in_every_regime():
    c = compare(gt.load_model("coordinated"))
    for regime in c.regimes:
        kinds = [o.kind for o in regime.bargaining]
        assert kinds == ["bargaining (Nash)", "bargaining (Kalai-Smorodinsky)"]
        movers = [p.name for p in c.model.players]
        for o in regime.bargaining:
            # individually rational against each mover's security level
            for p, d in zip(movers, regime.disagreement):
                assert float(o.payoffs[p]) >= float(d) - 1e-9
            assert abs(float(sum(o.distribution.ravel())) - 1) < 1e-9 and "Japan" in o.payoffs
        assert regime.bargaining[1].exact                         # KS: certified LPs
    assert regime.transferable is None                            # the model does not allow transfers


def test_models_that_allow_transfers_get_the_tu_benchmark(capsys, tmp_path):
    text = SMALL.replace('title = "Two parties"', 'title = "Two parties"\ntransfers = true')
    model = parse_model(text)
    assert model.transfers
    [regime] = compare(model).regimes
    t = regime.transferable
    assert sum(t["shapley"]) == t["worth"] and t["players"] == ("A", "B")
    path = tmp_path / "m.toml"
    path.write_text(text)
    assert main(["compare", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    tu = data["regimes"][0]["transferable"]
    assert sum(Fraction(x) for x in tu["shapley"]) == Fraction(tu["worth"])
    assert "bargaining" in data["regimes"][0]
    assert main(["compare", str(path)]) == 0
    assert "with transfers" in capsys.readouterr().out


def test_transfers_must_be_a_boolean():
    with pytest.raises(gt.GameFileError, match="'transfers' must be true or false"):
        parse_model(SMALL.replace('title = "Two parties"', 'title = "Two parties"\ntransfers = 1'))


def test_sweep_skips_the_extras(monkeypatch):
    import sys
    cmp = sys.modules["gametheory.crisis.regime"]        # where each regime is solved

    def refuse(*args, **kwargs):
        raise AssertionError("sweep computed an extra it does not report")

    monkeypatch.setattr(cmp, "_bargaining", refuse)
    monkeypatch.setattr(cmp, "_tree_outcomes", refuse)
    res = gt.sweep(gt.load_model("succession"), samples=2, seed=0, workers=1)
    assert res.texts
