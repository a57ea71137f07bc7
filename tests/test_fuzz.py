"""Fuzzing every reader and the command line: a bad file is refused in one line, never crashes.

Contract, for every input: the reader returns a game (then the CLI solves it or refuses it), or
raises a :class:`~gametheory.errors.GameError` whose message is one line naming the source; the
CLI exits 0 (an answer) or 2 (refused) with no traceback, within a time budget, and leaves no
partial ``--output`` file.  The inputs are valid files (the bundled games and models, a conflict,
a TU game) mutated by Hypothesis: truncation, byte flips and insertions, numbers replaced by huge,
tiny, NaN and infinite ones, declared sizes far beyond the data, deep nesting, non-UTF-8 bytes
and unicode labels.

A campaign test: a bounded number of examples per reader by default; in full with
``GT_CAMPAIGN=1`` (docs/explanation/testing.md)::

    GT_CAMPAIGN=1 .venv/bin/python -m pytest -q -m campaign tests/test_fuzz.py
"""

from __future__ import annotations

import json

import os
import re
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.cli import main
from gametheory.io.sources import bundled
from gametheory.io.conflict_toml import parse_conflict
from gametheory.io.efg import parse_efg
from gametheory.io.model_toml import parse_model
from gametheory.io.nfg import parse_nfg
from gametheory.io.tu_toml import parse_tu

pytestmark = pytest.mark.campaign

FULL = os.environ.get("GT_CAMPAIGN") == "1"
EXAMPLES = 2000 if FULL else 40
#: Seconds a reader may take on one input (a generous budget: a hang is the failure sought).
BUDGET = 10
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not FULL,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HERE = Path(__file__).resolve().parent
SEEDS = {
    "nfg": [bundled("game")[n].entry.read_text(encoding="utf-8")
            for n in ("chicken", "mckelvey-mclennan", "prisoners-dilemma")],
    "efg": [(HERE / "fixtures" / "efg" / n).read_text(encoding="utf-8")
            for n in ("entry-deterrence.efg", "kuhn-poker.efg", "selten-horse.efg")],
    "model": [(HERE.parent / "models" / "loose-nukes.toml").read_text(encoding="utf-8")],
    "conflict": [(HERE.parent / "models" / "conflicts" / "crisis.toml").read_text(encoding="utf-8")],
    "tu": ['title = "Glove game"\nplayers = ["A", "B", "C"]\n[values]\n"A,B" = 1\n"A,C" = 1\n'
           '"A,B,C" = 1\n'],
}
PARSERS = {"nfg": parse_nfg, "efg": parse_efg, "model": parse_model,
           "conflict": parse_conflict, "tu": parse_tu}
SUFFIX = {"nfg": ".nfg", "efg": ".efg", "model": ".toml", "conflict": ".toml", "tu": ".toml"}

NUMBERS = ["1e309", "-1e309", "1e-1000", "nan", "inf", "-inf", "NaN", "1e99999999999",
           "9" * 5000, "-" + "9" * 400, "0/0", "1/0", "²", "٣", "0x1F", "1_000", "--1", "1e",
           "3/4/5", "99999999999999999999999/7"]


class _Timeout(Exception):
    pass


@contextmanager
def budget(seconds: int):
    def stop(*_):
        raise _Timeout
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@st.composite
def mutated(draw, kind: str) -> str:
    """A seed file of ``kind`` with one to three mutations."""
    text = draw(st.sampled_from(SEEDS[kind]))
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["truncate", "flip", "insert", "number", "size", "nest",
                                    "unicode", "delete-line", "duplicate-line"]))
        if how == "truncate":
            text = text[:draw(st.integers(0, len(text)))]
        elif how == "flip" and text:
            k = draw(st.integers(0, len(text) - 1))
            text = text[:k] + draw(st.characters(codec="utf-8")) + text[k + 1:]
        elif how == "insert":
            k = draw(st.integers(0, len(text)))
            text = text[:k] + draw(st.sampled_from(['"', "{", "}", "[", "]", "=", ",", "\n",
                                                   "\\", "\x00", "#", "'''"])) + text[k:]
        elif how == "number":
            spots = [m.span() for m in re.finditer(r"-?\d+(?:[./]\d+)?(?:e-?\d+)?", text)]
            if spots:
                a, b = draw(st.sampled_from(spots))
                text = text[:a] + draw(st.sampled_from(NUMBERS)) + text[b:]
        elif how == "size":                           # declared sizes far beyond the data
            spots = [m.span() for m in re.finditer(r"\b\d+\b", text)]
            if spots:
                a, b = draw(st.sampled_from(spots))
                text = text[:a] + draw(st.sampled_from(["100000", "9" * 30, "0", "-3"])) + text[b:]
        elif how == "nest":
            depth = draw(st.sampled_from([50, 1000, 100000]))
            k = draw(st.integers(0, len(text)))
            opener, closer = draw(st.sampled_from([("[", "]"), ("{", "}")]))
            text = text[:k] + opener * depth + closer * depth + text[k:]
        elif how == "unicode":
            k = draw(st.integers(0, len(text)))
            text = text[:k] + draw(st.sampled_from(["é", "中文", "\u202e", "\ufeff", "𝔘", "\t"])) \
                + text[k:]
        elif how == "delete-line":
            lines = text.split("\n")
            if len(lines) > 1:
                del lines[draw(st.integers(0, len(lines) - 1))]
                text = "\n".join(lines)
        elif how == "duplicate-line":
            lines = text.split("\n")
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
    return text


def _check_reader(kind: str, text: str) -> object | None:
    source = f"fuzzed{SUFFIX[kind]}"
    try:
        with budget(BUDGET):
            return PARSERS[kind](text, source=source)
    except gt.GameError as exc:
        message = str(exc)
        assert "\n" not in message, message
        assert source in message, message
        return None
    except _Timeout:
        pytest.fail(f"{kind} reader took more than {BUDGET} s on:\n{text[:500]}")


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_readers_refuse_or_read(kind):
    @FUZZ
    @given(mutated(kind))
    def check(text):
        _check_reader(kind, text)
    check()


@pytest.mark.parametrize("kind", ["nfg", "efg"])
def test_the_cli_answers_or_refuses_in_one_line(kind, tmp_path, capfd):
    # capfd: the command runs in a child process (--time-limit), which writes to the real fds
    @FUZZ
    @given(mutated(kind))
    def check(text):
        path = tmp_path / f"fuzzed{SUFFIX[kind]}"
        path.write_text(text, encoding="utf-8")
        out = tmp_path / "out.json"
        if out.exists():
            out.unlink()
        # the stated budget is --time-limit (a computation on, say, 1000-digit exact numbers
        # may be long: it must stop cleanly); the alarm catches a hang the limit would miss
        with budget(BUDGET * 6):
            try:
                code = main(["solve", str(path), "--format", "json", "--output", str(out),
                             "--time-limit", str(BUDGET * 2)])
            except _Timeout:
                pytest.fail(f"gametheory solve ignored its time limit on:\n{text[:500]}")
        err = capfd.readouterr().err
        assert code in (0, 1, 2), (code, err)
        assert "Traceback" not in err and "internal error" not in err, err
        if code == 0:
            assert out.is_file()
        elif code == 1 and "written as an incomplete list" in err:
            # stopped by --time-limit: what was found, whole, marked incomplete
            assert json.loads(out.read_text(encoding="utf-8"))["complete"] is False
            assert len(err.strip().splitlines()) == 1, err
        else:
            assert not out.exists(), "a partial output file was left"
            assert len(err.strip().splitlines()) == 1, err
    check()


def test_non_utf8_files_are_refused_naming_the_file(tmp_path, capsys):
    for suffix in (".nfg", ".efg", ".toml"):
        path = tmp_path / f"latin1{suffix}"
        path.write_bytes('NFG 1 R "caf\xe9"'.encode("latin-1"))
        command = "solve" if suffix != ".toml" else "show"
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        assert str(path) in err and "not UTF-8" in err and len(err.strip().splitlines()) == 1


SELTEN_HUGE = '''EFG 2 R "h" { "1" "2" "3" }
""
p "" 1 1 "" { "C" "D" } 0
p "" 2 1 "" { "c" "d" } 0
t "" 1 "o1" { 1, 1, 1 }
p "" 3 1 "" { "L" "R" } 0
t "" 2 "o2" { 4, 4, 0 }
t "" 3 "o3" { 0, 0, 1 }
p "" 3 1 "" { "L" "R" } 0
t "" 4 "o4" { 999999999999999999999999999999, 3, 2 }
t "" 5 "o5" { 0, 0, 0 }
'''


def test_inputs_the_campaign_found():
    # each crashed once (OverflowError, ValueError); now read exactly, or refused in one line
    with pytest.raises(gt.GameFileError, match="a number TOML cannot hold"):
        parse_tu('title = "x"\nplayers = ["A"]\n[values]\nA = ' + "9" * 5000, source="t.toml")
    # exact numbers beyond floating point: solved exactly (numpy C integers never meet them),
    # refused in float mode
    tree = parse_efg(SELTEN_HUGE)
    assert not tree.float_overflow and gt.solve(tree).equilibria
    # beyond floating point: the three-player subgame's solver isolates roots in floating point,
    # so it refuses in one line even in exact mode (the tree itself is read exactly)
    beyond = parse_efg(SELTEN_HUGE.replace("999999999999999999999999999999", "9" * 400))
    assert beyond.float_overflow
    for exact in (None, False):
        with pytest.raises(gt.InvalidGameError, match="beyond floating point"):
            gt.solve(beyond, exact=exact)
    game = parse_nfg('NFG 1 R "big" { "A" "B" } { 2 2 } 1e309 1 2 3 4 5 6 7')
    assert gt.solve(game).equilibria[0].regret == 0
    with pytest.raises(gt.InvalidGameError, match="beyond floating point"):
        gt.solve(game, exact=False)


@pytest.mark.parametrize("kind", sorted(SEEDS))
def test_the_seeds_are_valid_files(kind):
    # a mutation of a valid file tests the readers' every path, not only their first refusal
    for text in SEEDS[kind]:
        assert PARSERS[kind](text, source=f"seed{SUFFIX[kind]}") is not None
