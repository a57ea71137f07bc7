"""The command line on game trees (.efg): the contract's JSON, tables, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gametheory.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "efg"

# B's information set appears first in the file; A's two sets come later: behaviour follows
# the order of first appearance, per player.
ORDERED = '''EFG 2 R "order" { "A" "B" }
""

c "" 1 "" { "left" 1/2 "right" 1/2 } 0
p "" 2 1 "b" { "x" "y" } 0
p "" 1 1 "late" { "u" "v" } 0
t "" 1 "" { 1, 0 }
t "" 2 "" { 0, 1 }
t "" 3 "" { 2, 2 }
p "" 1 2 "early" { "s" "t" } 0
t "" 4 "" { 3, 0 }
t "" 5 "" { 0, 3 }
'''


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_behavior_follows_the_file_order(capsys, tmp_path):
    path = tmp_path / "order.efg"
    path.write_text(ORDERED)
    code, out, err = run(capsys, "solve", str(path), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["schema"] == "gametheory.solve/1" and data["method"] == "spe"
    assert [[s["name"] for s in sets] for sets in data["game"]["infosets"]] == [["late", "early"], ["b"]]
    [eq] = data["equilibria"]
    assert "strategies" not in eq
    # late: u (1 > 0); early: s (3 > 0); b: y (B gets (1/2)*2 + ... ) -- every number a string
    assert eq["behavior"] == [[["1", "0"], ["1", "0"]], [["0", "1"]]]
    assert eq["payoffs"] == ["5/2", "1"] and eq["regret"] == "0"
    assert data["complete"] is True


def test_normal_form_methods_on_a_tree_give_strategies_and_behavior(capsys):
    code, out, _ = run(capsys, "solve", str(FIXTURES / "entry-deterrence.efg"), "--method", "vertex",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["game"]["actions"] == [["Out", "In"], ["Fight", "Accommodate"]]
    for eq in data["equilibria"]:
        assert len(eq["strategies"]) == 2 and len(eq["behavior"]) == 2


def test_float_json_uses_numbers(capsys):
    code, out, _ = run(capsys, "solve", str(FIXTURES / "kuhn-poker.efg"), "--method", "sequence-form",
                       "--float", "--format", "json")
    assert code == 0
    eq = json.loads(out)["equilibria"][0]
    assert all(isinstance(q, float) for sets in eq["behavior"] for probs in sets for q in probs)
    assert eq["payoffs"][0] == pytest.approx(-1 / 18)


def test_table_csv_latex(capsys):
    code, out, _ = run(capsys, "solve", str(FIXTURES / "entry-deterrence.efg"))
    assert code == 0 and "game tree, 2 player(s), 5 nodes" in out and "every subgame-perfect" in out
    code, out, _ = run(capsys, "solve", str(FIXTURES / "entry-deterrence.efg"), "--format", "csv")
    assert out.splitlines()[0] == "equilibrium,player,infoset,action,probability,payoff,regret"
    code, out, _ = run(capsys, "solve", str(FIXTURES / "entry-deterrence.efg"), "--format", "latex")
    assert code == 0 and "\\begin{tabular}" in out


@pytest.mark.parametrize("args, words", [
    (["--method", "sequence-form"], ["two players"]),
    (["--method", "spe", "--eliminate"], ["--eliminate", "spe"]),
])
def test_errors_on_trees(capsys, args, words):
    code, _, err = run(capsys, "solve", str(FIXTURES / "selten-horse.efg"), *args)
    assert code == 2 and err.startswith("gametheory: error: ") and err.count("\n") == 1
    for w in words:
        assert w in err


def test_bad_efg_file(capsys, tmp_path):
    path = tmp_path / "bad.efg"
    path.write_text(ORDERED.replace('"left" 1/2 "right" 1/2', '"left" 1/2 "right" 1/3'))
    code, out, err = run(capsys, "solve", str(path))
    assert code == 2 and out == "" and "sum to 5/6" in err and err.count("\n") == 1
    code, _, err = run(capsys, "solve", str(tmp_path / "missing.efg"))
    assert code == 2 and "no such file" in err


def test_output_file_and_tree_command(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "solve", str(FIXTURES / "entry-deterrence.efg"), "--format", "json",
                       "--output", str(target))
    assert code == 0 and out == "" and json.loads(target.read_text())["method"] == "spe"
    code, out, _ = run(capsys, "tree", str(FIXTURES / "entry-deterrence.efg"), "--spe")
    assert code == 0 and "In [1]: " in out


def test_dominance_and_qre_run_on_the_reduced_form(capsys):
    code, out, _ = run(capsys, "dominance", str(FIXTURES / "entry-deterrence.efg"), "--weak")
    assert code == 0 and "Fight" in out
    code, out, _ = run(capsys, "qre", str(FIXTURES / "matching-pennies-efg.efg"))
    assert code == 0
