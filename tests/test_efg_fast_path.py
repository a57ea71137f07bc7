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


def _flat_equal(a: gt.ExtensiveFormGame, b: gt.ExtensiveFormGame) -> list[str]:
    """The names of the flat arrays (and checks) in which two trees differ."""
    import numpy as np
    out = [name for name in ("exact", "recall_note", "absent_minded", "float_overflow", "depth",
                             "infoset_keys") if getattr(a, name) != getattr(b, name)]
    fa, fb = vars(a.flat), vars(b.flat)
    for name in sorted(set(fa) | set(fb)):
        x, y = fa.get(name), fb.get(name)
        if isinstance(x, np.ndarray) and isinstance(y, np.ndarray):
            if x.dtype != y.dtype or x.shape != y.shape or not all(
                    u == v or (u != u and v != v) for u, v in zip(x.ravel().tolist(),
                                                                   y.ravel().tolist())):
                out.append(name)
        elif x != y:
            out.append(name)
    return out


@pytest.mark.parametrize("path", FILES[::7], ids=lambda p: str(p.relative_to(ROOT)))
def test_read_straight_into_arrays_as_the_checked_walk_makes_them(path):
    """The fast path builds the arrays without Node objects; the tree built from its (lazily
    made) nodes has the same arrays, and so does the general parser's."""
    text = path.read_text(encoding="utf-8")
    fast = efg._parse_lines(text, str(path))
    assert fast._node_list is None                         # no Node made while reading
    again = gt.ExtensiveFormGame(fast.root, fast.players, title=fast.title)
    assert _flat_equal(fast, again) == []
    assert _flat_equal(fast, _general(text, str(path))) == []
    assert fast.node(0) is fast.root and again.root == fast.root


def test_nodes_built_from_the_arrays_equal_the_nodes_given():
    for name in ("selten-horse", "beer-quiche", "job-market", "bos-avoid"):
        tree = gt.read_game(name)
        given = gt.ExtensiveFormGame(tree.root, tree.players, title=tree.title)
        assert given._node_list is not None and given._build_nodes() == given._nodes


def test_fast_path_refuses_what_it_does_not_check():
    """Chance probabilities that are negative or do not sum to 1 go to the general parser, which
    words the error."""
    bad = ('EFG 2 R "t" { "A" }\n""\n\nc "" 1 "" { "x" 1/2 "y" 1/3 } 0\n'
           't "" 1 "" { 1 }\nt "" 2 "" { 2 }\n')
    with pytest.raises(efg._Unusual):
        efg._parse_lines(bad, "s")
    with pytest.raises(gt.GameFileError, match="sum to 5/6"):
        efg.parse_efg(bad, "s")
