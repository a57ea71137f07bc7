"""Crisis models as game trees: the [timing] table, Model.tree, and the tree in compare."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import pytest

import gametheory as gt
from gametheory.solvers.spe import subgame_roots
from gametheory.cli import main
from gametheory.crisis.compare import compare
from gametheory.io import parse_model

from test_model import SMALL


def test_succession_tree_has_the_chance_move_and_the_timing():
    model = gt.load_model("succession")
    tree = model.tree()
    assert tree.players == ("US", "ROK", "PRC")
    root = tree.node(0)
    assert root.kind == "chance" and root.actions == ("well", "ill_recovers", "succession")
    assert root.probabilities == (Fraction(11, 20), Fraction(1, 4), Fraction(1, 5))
    # the US knows the scenario; the PRC and the ROK also see the US move, not each other's
    assert tree.player_infosets("US") == ["well", "ill_recovers", "succession"]
    assert "succession; US=Intervene" in tree.player_infosets("PRC")
    assert len(tree.player_infosets("ROK")) == 9 and not tree.perfect_information


def test_tree_leaves_average_to_the_normal_form_payoffs():
    """Chance-weighted leaf payoffs give back the model's expected-payoff game, profile by profile."""
    model = gt.load_model("succession")
    game = model.game()
    movers = [p.name for p in model.players]
    for profile in itertools.product(*(p.actions for p in model.players)):
        for k, party in enumerate(movers):
            expected = sum(sc.probability * model.payoff_in(party, profile, sc.name)
                           for sc in model.scenarios)
            assert expected == game.payoffs[k][tuple(p.actions.index(a)
                                                     for p, a in zip(model.players, profile))]


def test_without_timing_or_scenarios_the_tree_is_the_simultaneous_game():
    model = gt.load_model("unilateral")
    tree = model.tree()
    assert list(subgame_roots(tree)) == [0]
    spe = gt.solve(tree)
    nash = gt.solve(model.game())
    assert sorted(eq.payoffs for eq in spe.equilibria) == sorted(eq.payoffs for eq in nash.equilibria)


@pytest.mark.parametrize("timing, message", [
    ('order = ["A"]', "every moving party once"),
    ('order = ["B", "A"]\nobserves = { A = ["B"], B = ["A"] }', "does not move before B"),
    ('order = ["A", "B"]\nobserves = { C = ["A"] }', "not a moving party"),
    ('order = ["A", "B"]\ncolour = 1', "unknown key 'colour'"),
])
def test_bad_timing_tables_name_the_problem(timing, message):
    text = SMALL
    with pytest.raises(gt.GameFileError, match=message):
        parse_model(text + "\n[timing]\n" + timing + "\n")


def test_a_sequential_small_model_is_solved_by_backward_induction():
    model = parse_model(SMALL + '\n[timing]\norder = ["B", "A"]\nobserves = { A = ["B"] }\n')
    tree = model.tree()
    assert tree.perfect_information and tree.player_infosets("A") == ["B=x", "B=y"]
    res = gt.solve(tree)
    assert res.equilibria and all(eq.regret == 0 for eq in res.equilibria)


def test_compare_shows_the_tree_and_coordination_removes_the_clash_risk():
    c = compare(gt.load_model("succession"))
    uni, coo = c.regimes
    assert uni.tree_outcomes and coo.tree_outcomes
    assert max(o.risks["clash"] for o in uni.tree_outcomes) > 0
    assert max(o.risks["clash"] for o in coo.tree_outcomes) == 0
    for o in uni.tree_outcomes + coo.tree_outcomes:
        assert o.welfare == sum(o.payoffs.values()) and "Japan" in o.payoffs
        assert sum(o.distribution.ravel()) == 1
    # the movers' expected payoffs are those of the tree's subgame-perfect equilibria
    model = gt.load_model("succession").with_understandings(None)
    spe = gt.solve_spe(model.tree(), distinct_payoffs=True)
    assert sorted(tuple(eq.payoffs) for eq in spe.equilibria) == \
        sorted(tuple(o.payoffs[p] for p in ("US", "ROK", "PRC")) for o in coo.tree_outcomes)
    # the models without scenarios or timing have no tree section
    assert not compare(gt.load_model("coordinated")).regimes[0].tree_outcomes


def test_compare_json_and_table_carry_the_tree(capsys):
    assert main(["compare", "succession", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    sp = data["regimes"][1]["subgame_perfect"]
    assert sp["timing"].startswith("chance picks the scenario") and sp["outcomes"]
    assert all(isinstance(v, str) for v in sp["outcomes"][0]["payoffs"].values())
    assert main(["compare", "succession"]) == 0
    out = capsys.readouterr().out
    assert "subgame-perfect outcome(s)" in out and "in the game tree" in out


def test_tree_command(capsys):
    assert main(["tree", "succession", "--max-depth", "1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "chance" and "succession (1/5): US [succession]" in out
    assert main(["tree", "chicken"]) == 2
    assert "has no tree" in capsys.readouterr().err
