"""Unix conventions of the command line: --version, standard input, python -m, --debug, the
catalogue of bundled names, and the worker default."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import gametheory as gt
from gametheory import cli
from gametheory.crisis.executor import available_cpus
from gametheory.io import sources

BIN = Path(sys.executable).parent / "gametheory"

CHICKEN_NFG = 'NFG 1 R "Chicken" { "US" "PRC" } { 2 2 }\n3 3 4 1 1 4 0 0\n'


def _run(args, stdin=None):
    return subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [[str(BIN)], [sys.executable, "-m", "gametheory"]])
def test_version_from_the_script_and_from_python_m(command):
    done = _run(command + ["--version"])
    assert done.returncode == 0 and done.stdout == f"gametheory {gt.__version__}\n"


def test_python_m_runs_a_command():
    done = _run([sys.executable, "-m", "gametheory", "solve", "chicken", "--format", "json"])
    assert done.returncode == 0 and len(json.loads(done.stdout)["equilibria"]) == 3


def test_a_game_from_standard_input():
    done = _run([str(BIN), "solve", "-", "--format", "json"], stdin=CHICKEN_NFG)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["game"]["title"] == "Chicken" and len(data["equilibria"]) == 3


def test_a_tree_and_a_model_from_standard_input():
    tree = gt.io.read_text(Path(gt.__file__).parent / "data" / "games" / "selten-horse.efg")
    done = _run([str(BIN), "solve", "-", "--format", "json"], stdin=tree)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["game"]["title"] == "Selten's horse"
    model = sources.resolve("loose-nukes", "model").text()
    done = _run([str(BIN), "show", "-"], stdin=model)
    assert done.returncode == 0, done.stderr
    assert "Loose nukes" in done.stdout


@pytest.mark.parametrize("stdin, words", [("", "standard input is empty"),
                                          ("NFG 1 R garbage", "<stdin>")])
def test_bad_standard_input_is_a_one_line_error(stdin, words):
    done = _run([str(BIN), "solve", "-"], stdin=stdin)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("gametheory: error: ") and words in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def _boom(args):
    raise RuntimeError("boom")


def test_an_internal_error_is_one_line_unless_debug(capsys, monkeypatch):
    monkeypatch.setattr(cli.command_module("solve"), "run", _boom)
    assert cli.main(["solve", "chicken"]) == 1
    err = capsys.readouterr().err
    assert err == ("gametheory: error: internal error (RuntimeError): boom "
                   "(run with --debug to see where)\n")
    for args in (["solve", "chicken", "--debug"], ["--debug", "solve", "chicken"]):
        assert cli.main(args) == 1
        err = capsys.readouterr().err
        assert err.startswith("Traceback") and "in _boom" in err
        assert err.endswith("gametheory: error: internal error (RuntimeError): boom\n")


def test_models_lists_every_bundled_name_with_its_kind(capsys):
    assert cli.main(["models"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    kinds = {name: kind for name, _, kind in rows}
    assert kinds["chicken"] == "game" and kinds["selten-horse"] == "tree"
    assert kinds["beer-quiche"] == "tree" and kinds["unilateral"] == "model"
    assert kinds["crisis"] == "conflict"
    assert set(kinds) >= set(gt.io.bundled_games()) | set(gt.io.bundled_conflicts())


@pytest.mark.parametrize("args, words", [
    (["conflict", "chicken"], "a bundled game, not a conflict: 'gametheory solve'"),
    (["solve", "crisis"], "a bundled conflict, not a game: 'gametheory conflict' reads it"),
    (["show", "chicken"], "a bundled game, not a model"),
    (["show", "beer-quiche"], "a game tree of the textbook catalogue, not a model"),
])
def test_a_name_of_the_wrong_kind_says_which_command_takes_it(capsys, args, words):
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error: ") and words in err and err.count("\n") == 1


def test_the_worker_default_is_the_cpus_this_process_may_use():
    if hasattr(os, "sched_getaffinity"):
        assert available_cpus() == len(os.sched_getaffinity(0))
    assert 1 <= available_cpus() <= (os.cpu_count() or 1)


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_shell_completion(shell, tmp_path):
    done = _run([str(BIN), "--completion", shell])
    assert done.returncode == 0 and "complete -o default -F _gametheory gametheory" in done.stdout
    if shell == "zsh":
        assert done.stdout.startswith("autoload -U +X bashcompinit && bashcompinit\n")
        return
    probe = done.stdout + "\n".join(
        f'COMP_WORDS=({words}); COMP_CWORD={cword}; _gametheory; echo "${{COMPREPLY[*]}}"'
        for words, cword in [("gametheory so", 1), ("gametheory solve --me", 2),
                             ("gametheory solve --method v", 3), ("gametheory solve chi", 2),
                             ("gametheory --completion z", 2), ("gametheory conflict cri", 2)])
    out = subprocess.run(["bash", "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["solve", "--method", "vertex", "chicken", "zsh", "crisis"]


def test_solve_help_lists_what_the_package_offers():
    # `gametheory solve --help` imports no solver: its lists are written out, and must match
    from gametheory.cli import solve as command
    from gametheory.report.solve import FORMATS
    from gametheory.solvers.solve import METHODS
    assert command.METHOD_NAMES == tuple(METHODS) and command.FORMATS == tuple(FORMATS)
    code = ("import sys\nfrom gametheory import cli\n"
            "try:\n    cli.main(['solve', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('gametheory.solvers')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[-1] == "[]"
