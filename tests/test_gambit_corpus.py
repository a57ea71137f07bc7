"""Cross-check against pygambit on the committed corpus (tests/fixtures/gambit_enummixed.json).

The fixture holds 150 random and hand-made bimatrix games from 2x2 to 8x8,
many with small integer payoffs (and so degenerate), with the extreme
equilibria that pygambit's ``enummixed_solve(rational=True)`` returned and the
equilibria of its ``lcp_solve(rational=True)``.  It was produced by
``tests/fixtures/make_gambit_fixtures.py``; pygambit is not needed here.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "gambit_enummixed.json").read_text())
GAMES = CORPUS["games"]


def _key(x, y):
    return (tuple(Fraction(p) for p in x), tuple(Fraction(p) for p in y))


def _ours(res):
    return {(tuple(eq.strategies[0]), tuple(eq.strategies[1])) for eq in res.equilibria}


def test_corpus_size_and_mix():
    assert len(GAMES) >= 100
    kinds = {g["kind"] for g in GAMES}
    assert {"small-integer", "wide", "handmade"} <= kinds
    shapes = {tuple(g["shape"]) for g in GAMES}
    assert (2, 2) in shapes and (8, 8) in shapes


@pytest.mark.parametrize("case", GAMES, ids=[g["id"] for g in GAMES])
def test_vertex_enumeration_equals_enummixed(case):
    game = gt.NormalFormGame.from_bimatrix(np.array(case["A"]), np.array(case["B"]))
    res = gt.solve_vertex(game)
    gambit = {_key(e["x"], e["y"]) for e in case["enummixed"]}
    assert _ours(res) == gambit
    assert all(eq.regret == 0 for eq in res.equilibria)
    # pygambit's lcp results are equilibria, hence among the extreme ones we list
    assert {_key(e["x"], e["y"]) for e in case["lcp"]} <= _ours(res)
    # other methods agree with the extreme set
    assert _ours(gt.solve_lemke_howson(game)) <= gambit
    sup = gt.solve_support(game)
    assert sup.degenerate == res.degenerate
    if res.degenerate:
        assert _ours(sup) <= gambit
    else:
        assert _ours(sup) == gambit
