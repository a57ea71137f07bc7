"""The lrsnash-style enumerator (one polytope, complementary faces) against the two-polytope one.

``solve_vertex`` enumerates the vertices of the smaller best-response polytope
only and completes each by the face of the other polytope that carries the
missing labels.  The older method, which enumerates both polytopes and pairs
their vertices by labels, stays as the fallback; here the two must agree on
every extreme equilibrium, on the pairing (hence the components and maximal
Nash subsets) and on degeneracy, for hundreds of random and degenerate games.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt
from gametheory.linalg import batched
from gametheory.solvers import _complementary, vertex
from gametheory.solvers._common import resolve_context


def _pairs(found):
    xs, ys, pairs, degenerate = found
    return sorted((xs[a], ys[b]) for a, b in pairs), degenerate


def _random_game(seed: int, largest: int = 7) -> gt.NormalFormGame:
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(1, largest + 1, 2))
    if m * n == 1:
        n = 2
    high = (2, 3, 5, 100)[seed % 4]           # small payoff ranges: ties, degenerate games
    return gt.NormalFormGame.from_bimatrix(rng.integers(0, high, (m, n)).tolist(),
                                           rng.integers(0, high, (m, n)).tolist())


def _both_ways(game):
    context = resolve_context(game, None, None, None)
    one = vertex._from_one_polytope(game, context)
    two = vertex._from_both_polytopes(game, context)
    return one, two


@pytest.mark.parametrize("block", range(8))
def test_one_polytope_equals_both_polytopes_on_random_and_degenerate_games(block):
    degenerate_seen = 0
    for seed in range(50 * block, 50 * block + 50):
        game = _random_game(seed)
        one, two = _both_ways(game)
        assert one is not None, f"seed {seed}: fell back to both polytopes"
        got, want = _pairs(one), _pairs(two)
        assert got[0] == want[0], f"seed {seed}: extreme equilibria differ"
        # degeneracy is decided exactly on these small games (the other polytope is small)
        assert got[1] is want[1], f"seed {seed}: degeneracy {got[1]} against {want[1]}"
        degenerate_seen += bool(want[1])
    assert degenerate_seen >= 10        # the corpus does exercise degenerate games


@pytest.mark.parametrize("seed", range(40))
def test_exact_treatment_of_every_face_agrees(seed, monkeypatch):
    # no float certificate is trusted: every vertex's face goes through face_vertices
    monkeypatch.setattr(batched, "MAX_CONDITION", -1.0)
    game = _random_game(1000 + seed, largest=5)
    one, two = _both_ways(game)
    assert one is not None
    assert _pairs(one)[0] == _pairs(two)[0]


@pytest.mark.parametrize("seed", range(4))
def test_agrees_on_larger_games(seed):
    rng = np.random.default_rng(2000 + seed)
    m, n = (9, 10) if seed % 2 else (10, 8)     # both orientations (the smaller side enumerated)
    game = gt.NormalFormGame.from_bimatrix(rng.integers(0, 10, (m, n)).tolist(),
                                           rng.integers(0, 10, (m, n)).tolist())
    one, two = _both_ways(game)
    assert one is not None and _pairs(one) == _pairs(two)


def test_solve_vertex_reports_a_continuum_found_from_one_side():
    # the row player's pure strategy 0 makes the column player indifferent: y ranges over a
    # segment, found as the two vertices of one complementary face
    game = gt.NormalFormGame.from_bimatrix([[2, 2], [1, 3]], [[1, 1], [0, 2]])
    res = gt.solve_vertex(game)
    strategies = [[[str(p) for p in s] for s in eq.strategies] for eq in res.equilibria]
    assert strategies == [[["1", "0"], ["1", "0"]], [["1", "0"], ["1/2", "1/2"]],
                          [["0", "1"], ["0", "1"]]]
    assert res.degenerate is True
    assert res.parameters["nash_subsets"] == [[0, 1], [2]]


def test_face_vertices_handles_dependent_equalities():
    # rows 0 and 1 are equal: one equality is redundant, and the face is still found
    A = np.array([[1, 2], [1, 2], [3, 1]], dtype=object)
    got = _complementary.face_vertices(A, [0, 1], [0, 1])
    assert got == [(Fraction(1, 5), Fraction(2, 5)), (Fraction(0), Fraction(1, 2))]
    # inconsistent equalities (2y = 1 and 4y = 1): empty
    A = np.array([[2], [4]], dtype=object)
    assert _complementary.face_vertices(A, [0, 1], [0]) == []


def test_degeneracy_left_undecided_only_when_the_other_polytope_is_large(monkeypatch):
    monkeypatch.setattr(vertex, "DECIDE_DEGENERACY_UP_TO", 0)
    game = gt.NormalFormGame.from_bimatrix([[3, 1], [0, 2]], [[2, 1], [0, 3]])
    res = gt.solve_vertex(game)
    assert res.degenerate is None and gt.is_degenerate(game) is False
    assert any("degeneracy not decided" in note for note in res.notes)
    assert len(res.equilibria) == 3


def test_bounded_solve_flags_singular_systems():
    E = np.array([[[1.0, 2.0], [2.0, 4.0]], [[2.0, 0.0], [0.0, 2.0]]])
    z, err, ok = batched.bounded_solve(E, np.ones((2, 2)))
    assert ok.tolist() == [False, True] and z[1].tolist() == [0.5, 0.5]
