"""Sobol indices of the value of coordination, and scenario discovery over a sweep's draws."""

from __future__ import annotations

import json

import numpy as np
import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.io import parse_model
from test_thresholds import ONE_MOVER

#: ONE_MOVER with an attribute nobody weighs, whose baseline is uncertain: it cannot matter.
WITH_NOISE = ONE_MOVER + """
[[attribute]]
name = "noise"
"""


def _noisy():
    text = WITH_NOISE.replace("risk = 0.5\n", "risk = 0.5\nnoise = { value = 0.5, range = [0, 1] }\n", 1)
    return parse_model(text)


def test_an_input_that_cannot_matter_has_zero_indices():
    model = _noisy()
    s = gt.sensitivity(model, n=32, workers=1, bootstrap=20)
    names = list(s.indices.names)
    assert names == ["baseline.noise", "effect.act.risk"]
    a = s.outputs.index(("A", "selected"))
    first, total = np.asarray(s.indices.first), np.asarray(s.indices.total)
    noise, risk = names.index("baseline.noise"), names.index("effect.act.risk")
    # the output never changes when only the noise moves: its estimates are exactly 0
    assert first[noise, a] == 0 and total[noise, a] == 0
    # the risk effect is the only input that matters: it carries all the variance
    assert total[risk, a] == pytest.approx(1.0, abs=0.15)
    assert s.evaluations == 32 * 4


def test_same_seed_same_indices_whatever_the_workers():
    model = _noisy()
    one = gt.sensitivity(model, n=16, workers=1, bootstrap=10)
    two = gt.sensitivity(model, n=16, workers=2, bootstrap=10)
    assert np.array_equal(np.asarray(one.indices.first), np.asarray(two.indices.first), equal_nan=True)


def test_discovery_finds_the_known_failure_region():
    # A's action changes with the pact exactly for -1/5 <= x < -1/10 (tests/test_thresholds.py):
    # the conclusion "A's action stays" fails in that one interval of effect.act.risk
    model = parse_model(ONE_MOVER)
    changes = next(c for c in gt.builtin_conclusions(model) if c.name == "action_changes.A")
    stays = gt.Conclusion("stays", "A's action stays", lambda c: -changes.margin(c))
    res = gt.sweep(model, samples=300, seed=3, workers=1, extra=[stays])
    found = gt.discover(res, ["stays"])
    [box, *_] = found.boxes["stays"]
    [(name, low, high)] = box.limits
    assert name == "effect.act.risk"
    assert abs(low + 0.2) < 0.02 and abs(high + 0.1) < 0.02
    assert box.density > 0.95 and box.coverage > 0.9
    assert found.failures["stays"] == 300 - next(c.holds for c in res.conclusions if c.name == "stays")
    assert "effect.act.risk" in gt.render(found)


def test_cli_sensitivity_and_discover(tmp_path, capsys):
    path = tmp_path / "noisy.toml"
    path.write_text(WITH_NOISE.replace("risk = 0.5\n", "risk = 0.5\nnoise = { value = 0.5, range = [0, 1] }\n", 1))
    assert main(["sensitivity", str(path), "--n", "8", "--workers", "1", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.sensitivity/1" and d["evaluations"] == 32
    [out] = [o for o in d["outputs"] if o["party"] == "A"]
    assert {i["parameter"] for i in out["indices"]} == {"baseline.noise", "effect.act.risk"}
    assert main(["sweep", str(path), "--samples", "40", "--workers", "1", "--discover",
                 "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["discovery"]["schema"] == "gametheory.discovery/1"
    assert main(["sensitivity", str(path), "--n", "1"]) == 2
    assert main(["sensitivity", str(path), "--vary", "weight.A.nothing"]) == 2
