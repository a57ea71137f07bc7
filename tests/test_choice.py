"""The choice to coordinate: talks on the understandings as the first stage of the game."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.errors import InvalidGameError

FREE = gt.TalksLevel("mid-level", (), F(0), (), "firm, but quiet")


def test_free_talks_are_held_when_everyone_gains_in_the_expected_equilibrium():
    model = gt.load_model("coordinated")
    c = gt.coordination_choice(model, [FREE])
    by_level = {tuple(o.levels): o for o in c.outcomes}
    assert set(by_level) == {("mid-level",), ("none",)}
    held = by_level[("mid-level",)]
    # the coordinated crisis's best equilibrium (the ROK intervenes), nothing deducted
    best = max(gt.solve(model.game()).equilibria, key=lambda e: sum(e.payoffs))
    assert tuple(held.payoffs[p.name] for p in model.players) == best.payoffs
    assert held.undominated and held.risks["clash"] == 0
    # every party gains from the understandings, so refusing survives only in equilibria where
    # the refusal is a weakly dominated proposal
    assert not by_level[("none",)].undominated
    assert c.value == {"US": F(4, 5), "ROK": F(7, 10), "PRC": F(3, 5), "Japan": F(2, 5)}


def test_costs_and_discovery_are_deducted():
    c = gt.coordination_choice(gt.load_model("talks"))
    held = next(o for o in c.outcomes if o.levels == {"mid-level": 1})
    # -23/20 for the US in the coordinated crisis, 1/10 for the talks, 1/10 x 1/2 if found out
    assert held.payoffs["US"] == F(-23, 20) - F(1, 10) - F(1, 10) * F(1, 2)
    assert held.payoffs["PRC"] == F(-24, 5) - F(1, 10) - F(1, 10) * 1
    assert all("senior" not in o.levels for o in c.outcomes)   # the PRC never proposes it


def test_talks_too_costly_for_one_party_are_never_held():
    costly = gt.TalksLevel("mid-level", (("PRC", F(1)),), F(0), (), "firm, but quiet")
    c = gt.coordination_choice(gt.load_model("coordinated"), [costly])
    assert [o.levels for o in c.outcomes] == [{"none": 1}]      # the PRC gains 3/5 < 1


def test_only_level_offered_is_reached():
    senior = gt.TalksLevel("senior", (), F(1, 2), (("PRC", F(-1, 2)),), "the senior level")
    c = gt.coordination_choice(gt.load_model("coordinated"), [senior])
    held = next(o for o in c.outcomes if o.levels == {"senior": 1})
    assert held.payoffs["PRC"] == F(-24, 5) - F(1, 4)


@pytest.mark.parametrize("extra, message", [
    ('[[talks]]\nname = "none"\nquote = "q"\n', "the level name 'none' is taken"),
    ('[[talks]]\nname = "x"\ncost = { Russia = 1 }\nquote = "q"\n', "'Russia', not a party"),
    ('[[talks]]\nname = "x"\ndiscovery = 2\nquote = "q"\n', "must lie in [0, 1]"),
    ('[[talks]]\nname = "x"\n', "missing 'quote'"),
])
def test_bad_talks_tables_exit_2(extending_unilateral, capsys, extra, message):
    assert main(["choose", str(extending_unilateral(extra))]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_no_levels_or_no_understandings_are_refused(capsys):
    with pytest.raises(InvalidGameError, match="no levels of talks"):
        gt.coordination_choice(gt.load_model("coordinated"))
    assert main(["choose", "coordinated"]) == 2
    assert "no levels of talks" in capsys.readouterr().err


def test_cli_json(capsys):
    assert main(["choose", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.choice/1"
    assert [lv["name"] for lv in d["levels"]] == ["mid-level", "senior"]
    assert d["outcomes"][0]["levels"] == {"mid-level": "1"} and d["outcomes"][0]["undominated"]
