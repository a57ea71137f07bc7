"""The ``.efg`` reader's fast path (one node per line) reads every file as the general parser does.

:func:`gametheory.io.efg.parse_efg` first tries a line-by-line reading with one regular expression
per kind of node, and falls back to the token-based parser for any other layout, and for every
error (so that errors are worded once).  These tests compare the two on every tree fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gametheory as gt
from gametheory.io import efg

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "fixtures").rglob("*.efg")) + sorted(
    (ROOT / "gametheory" / "data").rglob("*.efg"))


def _general(text: str, source: str) -> gt.ExtensiveFormGame:
    """The token-based parser alone."""
    real = efg._parse_lines

    def unusual(*_):
        raise efg._Unusual
    efg._parse_lines = unusual
    try:
        return efg.parse_efg(text, source)
    finally:
        efg._parse_lines = real


def _same(a: gt.ExtensiveFormGame, b: gt.ExtensiveFormGame) -> bool:
    return (a.title, a.players, a.infosets) == (b.title, b.players, b.infosets) and \
        efg.format_efg(a) == efg.format_efg(b)


def test_the_fixtures_are_there():
    assert len(FILES) >= 200


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fast_path_reads_as_the_general_parser(path):
    text = path.read_text(encoding="utf-8")
    fast = efg._parse_lines(text, str(path))          # the layout every fixture uses
    assert _same(fast, _general(text, str(path)))


def test_other_layouts_and_errors_go_to_the_general_parser():
    one_line = ('EFG 2 R "t" { "A" "B" } p "" 1 1 "a" { "x" "y" } 0 '
                't "" 1 "" { 1, 2 } t "" 2 "" { 3, 4 }')
    with pytest.raises(efg._Unusual):
        efg._parse_lines(one_line, "s")
    game = efg.parse_efg(one_line, "s")               # read all the same, by the general parser
    assert game.num_nodes == 3
    broken = 'EFG 2 R "t" { "A" }\n""\np "" 2 1 "a" { "x" } 0\nt "" 1 "" { 1 }\n'
    with pytest.raises(gt.GameFileError, match="player 2 does not exist"):
        efg.parse_efg(broken, "s")


def test_only_ascii_digits_are_numbers_on_the_fast_path():
    # "١" (Arabic-Indic one) is a digit to Python's \d and int(); the reader refuses it
    text = 'EFG 2 R "t" { "A" }\n""\np "" \u0661 1 "a" { "x" } 0\nt "" 1 "" { 1 }\n'
    with pytest.raises(efg._Unusual):
        efg._parse_lines(text, "s")
    with pytest.raises(gt.GameFileError, match="not a whole number"):
        efg.parse_efg(text, "s")
