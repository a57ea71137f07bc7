"""The command line: output formats, exit codes, one-line errors, whole-or-nothing output files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gametheory as gt
from gametheory import cli

BIN = Path(sys.executable).parent / "gametheory"


def run(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *words: str) -> None:
    assert err.startswith("gametheory: error: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    for w in words:
        assert w in err


def test_json_matches_the_contract_example(capsys):
    code, out, err = run(capsys, "solve", "chicken", "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data.pop("notes") == []
    # the contract's addition: every connected component, here three isolated equilibria
    assert data.pop("components") == [
        {"equilibria": [k], "payoffs": [[u, u], [v, v]], "maximal_subsets": [[k]]}
        for k, (u, v) in enumerate([("1", "4"), ("2", "2"), ("4", "1")])]
    assert data.pop("parameters") == {"tolerance": None, "components": [[0], [1], [2]],
                                      "nash_subsets": [[0], [1], [2]]}
    # another addition: the version of the package that wrote it, right after the schema
    assert list(data)[:2] == ["schema", "version"] and data.pop("version") == gt.__version__
    assert data == {
        "schema": "gametheory.solve/1",
        "game": {"title": "Chicken", "players": ["US", "PRC"],
                 "actions": [["Hold", "Intervene"], ["Hold", "Intervene"]]},
        "method": "vertex", "exact": True, "complete": True, "degenerate": False,
        "equilibria": [
            {"strategies": [["1", "0"], ["0", "1"]], "payoffs": ["1", "4"], "regret": "0"},
            {"strategies": [["1/2", "1/2"], ["1/2", "1/2"]], "payoffs": ["2", "2"], "regret": "0"},
            {"strategies": [["0", "1"], ["1", "0"]], "payoffs": ["4", "1"], "regret": "0"},
        ],
    }


def test_float_json_uses_numbers(capsys):
    code, out, _ = run(capsys, "solve", "battle-of-the-sexes", "--float", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["exact"] is False
    x = data["equilibria"][1]["strategies"][0]
    assert x == pytest.approx([0.6, 0.4]) and all(isinstance(p, float) for p in x)
    assert isinstance(data["equilibria"][1]["regret"], float)


@pytest.mark.parametrize("method", ["pure", "support", "vertex", "lemke-howson", "zero-sum"])
def test_every_method_runs(capsys, method):
    code, out, _ = run(capsys, "solve", "matching-pennies", "--method", method, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["method"] == method
    if method != "pure":
        assert data["equilibria"][0]["strategies"] == [["1/2", "1/2"], ["1/2", "1/2"]]
    else:
        assert data["equilibria"] == []


def test_table_output_for_people(capsys):
    code, out, _ = run(capsys, "solve", "battle-of-the-sexes")
    assert code == 0
    assert "method: vertex (exact rational arithmetic)" in out
    assert "3 equilibria found" in out
    assert "\n    Opera     3/5\n" in out and "\n    Football  3/5\n" in out
    assert "complete: yes" in out and "degenerate: no" in out


def test_table_flags_degenerate_games(capsys, tmp_path):
    path = tmp_path / "deg.nfg"
    gt.write_nfg(gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]), path)
    code, out, _ = run(capsys, "solve", str(path))
    assert code == 0 and "DEGENERATE GAME" in out and "continuum" in out


def test_csv_output(capsys):
    code, out, _ = run(capsys, "solve", "chicken", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["equilibrium", "player", "action", "probability", "payoff", "regret"]
    assert ["2", "US", "Hold", "1/2", "2", "0"] in rows
    assert len(rows) == 1 + 3 * 4


def test_latex_output(capsys):
    code, out, _ = run(capsys, "solve", "chicken", "--format", "latex")
    assert code == 0 and "\\begin{tabular}" in out and "\\frac{1}{2}" in out
    assert out.count("\\\\") == 4  # header + three equilibria


def test_output_file_written_whole(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, "solve", "chicken", "--format", "json", "--output", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["method"] == "vertex"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_saved_files_record_what_wrote_them(capsys, tmp_path):
    """A file in a text format starts with a comment naming the version (and the model's
    SHA-256); JSON carries both as fields, on standard output too."""
    model = gt.load_model("unilateral")
    cases = [("csv", "# "), ("latex", "% "), ("table", "# ")]
    for fmt, lead in cases:
        target = tmp_path / f"out.{fmt}"
        code, printed, _ = run(capsys, "solve", "unilateral", "--format", fmt)
        assert code == 0
        code, _, _ = run(capsys, "solve", "unilateral", "--format", fmt, "--output", str(target))
        first, rest = target.read_text().split("\n", 1)
        assert code == 0 and rest == printed
        assert first == f"{lead}gametheory {gt.__version__}; model sha256 {model.sha256}"
    code, out, _ = run(capsys, "solve", "unilateral", "--format", "json")
    data = json.loads(out)
    assert list(data)[:3] == ["schema", "version", "model_sha256"]
    assert data["model_sha256"] == model.sha256
    code, _, _ = run(capsys, "solve", "chicken", "--format", "csv", "--output", str(tmp_path / "g.csv"))
    assert (tmp_path / "g.csv").read_text().split("\n", 1)[0] == f"# gametheory {gt.__version__}"
    code, out, _ = run(capsys, "solve", "chicken", "--format", "json")
    assert "model_sha256" not in json.loads(out)
    code, _, _ = run(capsys, "conflict", "crisis", "--format", "dot", "--output", str(tmp_path / "c.dot"))
    assert (tmp_path / "c.dot").read_text().startswith(f"// gametheory {gt.__version__}\ndigraph")


def test_models_lists_bundled_games(capsys):
    code, out, _ = run(capsys, "models")
    assert code == 0 and "chicken\tChicken" in out


# ------------------------------------------------------------------ error paths
def test_missing_file(capsys, tmp_path):
    code, out, err = run(capsys, "solve", str(tmp_path / "nope.nfg"))
    assert code == 2 and out == ""
    assert_one_line_error(err, "nope.nfg")


def test_unknown_game_name(capsys):
    code, _, err = run(capsys, "solve", "no-such-game")
    assert code == 2
    assert_one_line_error(err, "no-such-game", "bundled")


def test_malformed_file_names_the_line(capsys, tmp_path):
    path = tmp_path / "bad.nfg"
    path.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n\n1 2 3\n')
    code, _, err = run(capsys, "solve", str(path))
    assert code == 2
    assert_one_line_error(err, "bad.nfg")


def test_unknown_method(capsys):
    code, _, err = run(capsys, "solve", "chicken", "--method", "magic")
    assert code == 2
    assert_one_line_error(err, "magic")


def test_exact_and_float_together(capsys):
    code, _, err = run(capsys, "solve", "chicken", "--exact", "--float")
    assert code == 2
    assert_one_line_error(err, "--float")


def test_two_player_method_on_three_players(capsys, tmp_path):
    import numpy as np
    path = tmp_path / "three.nfg"
    gt.write_nfg(gt.NormalFormGame([np.ones((2, 2, 2), int)] * 3), path)
    code, _, err = run(capsys, "solve", str(path), "--method", "vertex")
    assert code == 2
    assert_one_line_error(err, "two-player", "3 players")


def test_game_too_large_for_method(capsys, tmp_path):
    import numpy as np
    path = tmp_path / "big.nfg"
    gt.write_nfg(gt.NormalFormGame.from_bimatrix(np.zeros((40, 40), int), np.zeros((40, 40), int)), path)
    code, _, err = run(capsys, "solve", str(path), "--method", "support")
    assert code == 2
    assert_one_line_error(err, "40x40")


def test_solver_failure_exits_1_and_leaves_no_file(capsys, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise gt.SolverError("Lemke-Howson did not finish within 10 pivots")
    cli.command_module("solve")
    import gametheory.solvers.solve  # noqa: F401 - the module the command takes its solver from
    monkeypatch.setattr(sys.modules["gametheory.solvers.solve"], "solve", fail)
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "solve", "chicken", "--output", str(target))
    assert code == 1 and out == ""
    assert_one_line_error(err, "did not finish")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_leaves_nothing(capsys, tmp_path):
    target = tmp_path / "missing-dir" / "out.json"
    code, _, err = run(capsys, "solve", "chicken", "--output", str(target))
    assert code == 2
    assert_one_line_error(err)
    assert not target.parent.exists()


def test_existing_output_file_survives_a_failed_run(capsys, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous result\n")
    code, _, _ = run(capsys, "solve", str(tmp_path / "nope.nfg"), "--output", str(target))
    assert code == 2 and target.read_text() == "previous result\n"


def test_no_command_is_a_usage_error(capsys):
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, "command is required")


def test_zero_sum_value_and_continuum_notes_in_json(capsys, tmp_path):
    code, out, _ = run(capsys, "solve", "matching-pennies", "--method", "zero-sum", "--format", "json")
    assert json.loads(out)["parameters"]["value"] == "0"
    path = tmp_path / "deg.nfg"
    gt.write_nfg(gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]), path)
    code, out, _ = run(capsys, "solve", str(path), "--format", "json")
    data = json.loads(out)
    assert data["degenerate"] is True
    assert data["parameters"]["components"] == [[0, 1], [2]]
    assert any("continuum" in note for note in data["notes"])


def test_console_script_end_to_end(tmp_path):
    if not BIN.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    ok = subprocess.run([str(BIN), "solve", "chicken", "--format", "json"], capture_output=True,
                        text=True, check=False)
    assert ok.returncode == 0 and json.loads(ok.stdout)["schema"] == "gametheory.solve/1"
    bad = subprocess.run([str(BIN), "solve", str(tmp_path / "x.nfg")], capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("gametheory: error: ") and "Traceback" not in bad.stderr


def test_output_into_a_missing_folder_names_the_file(capsys, tmp_path):
    target = tmp_path / "missing" / "out.txt"
    code, out, err = run(capsys, "compare", "loose-nukes", "--output", str(target))
    assert code == 2 and out == ""
    assert err == f"gametheory: error: {target}: No such file or directory\n"
    assert not (tmp_path / "missing").exists()


def test_time_limit_stops_the_computation_cleanly(tmp_path):
    # a five-player 3x3x3x3x3 game: every isolated equilibrium takes far longer than a second
    import subprocess
    import sys
    import numpy as np
    rng = np.random.default_rng(0)
    game = gt.NormalFormGame([rng.integers(-9, 10, size=(3,) * 5) for _ in range(5)])
    path = tmp_path / "big.nfg"
    gt.write_nfg(game, path)
    out = tmp_path / "out.json"
    cli = [sys.executable, "-m", "gametheory"]
    done = subprocess.run(cli + ["solve", str(path), "--method", "polynomial", "--time-limit", "1",
                                 "--output", str(out), "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    # the solver stops itself at its next check and the list found so far is written, whole,
    # marked incomplete; exit 1 with one line saying so
    assert done.returncode == 1 and done.stdout == ""
    data = json.loads(out.read_text())
    assert data["complete"] is False and data["method"] == "polynomial"
    found = len(data["equilibria"])
    assert done.stderr == (f"gametheory: error: stopped after 1 s (--time-limit): {found} "
                           f"equilibri{'um' if found == 1 else 'a'} found so far, written as an "
                           "incomplete list\n")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
    # a command that does not stop itself is stopped by the parent process: no result at all
    slow = subprocess.run(cli + ["sweep", "loose-nukes", "--samples", "100000", "--time-limit",
                                 "1", "--output", str(tmp_path / "sweep.txt")],
                          capture_output=True, text=True, timeout=60)
    assert slow.returncode == 1 and slow.stdout == ""
    assert slow.stderr.strip() == "gametheory: error: stopped after 1 s (--time-limit): no result"
    assert not (tmp_path / "sweep.txt").exists()
    quick = subprocess.run(cli + ["solve", "chicken", "--time-limit", "30", "--format", "json"],
                           capture_output=True, text=True, timeout=60)
    assert quick.returncode == 0 and '"equilibria"' in quick.stdout
    bad = subprocess.run(cli + ["solve", "chicken", "--time-limit", "-2"], capture_output=True,
                         text=True, timeout=60)
    assert bad.returncode == 2 and "positive number of seconds" in bad.stderr


def test_solve_shows_progress_on_request(capsys, tmp_path):
    game = gt.NormalFormGame.from_bimatrix([[3, 0, 1], [0, 2, 0], [1, 1, 1]],
                                           [[3, 0, 1], [0, 2, 1], [0, 1, 1]])
    path = tmp_path / "g.nfg"
    gt.write_nfg(game, path)
    code, out, err = run(capsys, "solve", str(path), "--method", "support", "--progress")
    assert code == 0 and "Equilibrium 1" in out
    assert "support [" in err and err.endswith("\n")           # the bar, its line ended
    code, quiet_out, err = run(capsys, "solve", str(path), "--method", "support", "--no-progress")
    assert code == 0 and quiet_out == out and err == ""


def test_the_command_table_matches_the_command_modules():
    # gametheory --help lists the commands from cli.COMMANDS without importing their modules;
    # each module's own help line must be the one listed
    import argparse
    for name, text in cli.COMMANDS.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        cli.command_module(name).add_parser(sub)
        assert [(a.dest, a.help) for a in sub._choices_actions] == [(name, text)]


def test_help_imports_no_command_module():
    # the start-up budget: gametheory --help imports neither the solvers nor scipy nor sympy
    code = ("import sys; from gametheory import cli\n"
            "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in sys.modules if m.startswith(('scipy', 'sympy', 'gametheory.solvers',"
            " 'gametheory.cli.solve'))]\n"
            "print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
