"""Hypothesis properties of the two-player solvers, on random games (many degenerate)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from conftest import SETTINGS, bimatrices, bimatrix_regret, strategy_key



@SETTINGS
@given(bimatrices())
def test_every_vertex_result_is_an_equilibrium(game):
    A, B = game
    res = gt.solve_vertex(gt.NormalFormGame.from_bimatrix(A, B))
    assert res.equilibria, "every finite game has an equilibrium"
    for eq in res.equilibria:
        assert bimatrix_regret(A.tolist(), B.tolist(), *eq.strategies) == 0


@SETTINGS
@given(bimatrices())
def test_lemke_howson_and_pure_are_among_vertex_results(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    extreme = {strategy_key(e) for e in gt.solve_vertex(g).equilibria}
    assert {strategy_key(e) for e in gt.solve_lemke_howson(g).equilibria} <= extreme
    assert {strategy_key(e) for e in gt.solve_pure(g).equilibria} <= extreme


@SETTINGS
@given(bimatrices(max_actions=4, low=-30, high=30))
def test_support_and_vertex_agree_on_nondegenerate_games(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    vres = gt.solve_vertex(g)
    sres = gt.solve_support(g)
    assert sres.degenerate == vres.degenerate
    found = {strategy_key(e) for e in sres.equilibria}
    assert found <= {strategy_key(e) for e in vres.equilibria}
    if not vres.degenerate:
        assert found == {strategy_key(e) for e in vres.equilibria}
        assert sres.complete


@SETTINGS
@given(bimatrices(), st.randoms(use_true_random=False), st.integers(1, 5), st.integers(-7, 7),
       st.integers(1, 5), st.integers(-7, 7))
def test_invariance_under_permutation_relabelling_and_affine_maps(game, rnd, a, b, c, d):
    A, B = game
    m, n = A.shape
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    base = gt.NormalFormGame.from_bimatrix(A, B)
    moved = gt.NormalFormGame.from_bimatrix(
        a * A[np.ix_(rows, cols)] + b, c * B[np.ix_(rows, cols)] + d,
        players=["Row", "Column"],
        actions=[[f"r{i}" for i in rows], [f"c{j}" for j in cols]])
    expected = set()
    for eq in gt.solve_vertex(base).equilibria:
        x, y = eq.strategies
        expected.add((tuple(x[i] for i in rows), tuple(y[j] for j in cols)))
    got = gt.solve_vertex(moved)
    assert {strategy_key(e) for e in got.equilibria} == expected
    assert got.degenerate == gt.solve_vertex(base).degenerate


@SETTINGS
@given(bimatrices())
def test_float_mode_matches_exact_mode(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    exact = gt.solve_vertex(g)
    flt = gt.solve_vertex(g, exact=False)
    assert len(exact.equilibria) == len(flt.equilibria)
    for e, f in zip(exact.equilibria, flt.equilibria):
        for se, sf in zip(e.strategies, f.strategies):
            assert np.allclose([float(p) for p in se], sf, atol=1e-12)


@SETTINGS
@given(bimatrices(max_actions=4, low=0, high=20))
def test_float_valued_games_give_float_equilibria_within_tolerance(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A / 7.0, B / 3.0)
    assert not g.is_exact
    for method in ("vertex", "support", "lemke-howson"):
        res = gt.solve(g, method=method)
        tol = res.parameters["tolerance"]
        for eq in res.equilibria:
            assert g.max_regret([np.array(s) for s in eq.strategies]) <= tol


def test_support_enumeration_does_not_lose_equilibria_to_rounding():
    # Random games whose equilibria have probabilities that, in floating point,
    # come out as tiny negatives (-7e-17) in nashpy; we must keep every one.
    rng = np.random.default_rng(2024)
    for _ in range(40):
        A = rng.integers(0, 100, (5, 5))
        B = rng.integers(0, 100, (5, 5))
        g = gt.NormalFormGame.from_bimatrix(A, B)
        v = gt.solve_vertex(g)
        if v.degenerate:
            continue
        s = gt.solve_support(g, exact=False)
        assert len(s.equilibria) == len(v.equilibria)


def test_exact_strategies_are_fractions():
    res = gt.solve_vertex(gt.NormalFormGame.from_bimatrix([[1, 2], [3, 1]], [[2, 1], [0, 3]]))
    assert all(isinstance(p, Fraction) for eq in res.equilibria for s in eq.strategies for p in s)


@SETTINGS
@given(bimatrices(max_actions=4, low=0, high=2), st.randoms(use_true_random=False))
def test_maximal_nash_subsets_are_convex_sets_of_equilibria(game, rnd):
    A, B = game
    res = gt.solve_vertex(gt.NormalFormGame.from_bimatrix(A, B))
    subsets = res.parameters["nash_subsets"]
    assert set(k for s in subsets for k in s) == set(range(len(res.equilibria)))
    for subset in subsets:
        xs = {res.equilibria[k].strategies[0] for k in subset}
        ys = {res.equilibria[k].strategies[1] for k in subset}
        # every pair of a row strategy and a column strategy of the subset is an equilibrium
        assert {(x, y) for x in xs for y in ys} <= {e.strategies for e in res.equilibria}
        wx = [Fraction(rnd.randint(0, 3)) for _ in xs]
        wy = [Fraction(rnd.randint(0, 3)) for _ in ys]
        if sum(wx) and sum(wy):
            x = [sum(w * s[i] for w, s in zip(wx, xs)) / sum(wx) for i in range(A.shape[0])]
            y = [sum(w * s[j] for w, s in zip(wy, ys)) / sum(wy) for j in range(A.shape[1])]
            assert bimatrix_regret(A.tolist(), B.tolist(), x, y) == 0


@SETTINGS
@given(st.lists(st.integers(1, 3), min_size=1, max_size=4).flatmap(
    lambda shape: st.tuples(st.just(tuple(shape)),
                            st.lists(st.integers(-2, 2), min_size=len(shape) * int(np.prod(shape)),
                                     max_size=len(shape) * int(np.prod(shape))))))
def test_pure_equilibria_match_brute_force(data):
    shape, flat = data
    n, size = len(shape), int(np.prod(shape))
    arrays = [np.array(flat[i * size:(i + 1) * size], dtype=np.int64).reshape(shape) for i in range(n)]
    game = gt.NormalFormGame(arrays)
    expected = []
    for profile in np.ndindex(*shape):
        strategies = [[1 if k == a else 0 for k in range(m)] for a, m in zip(profile, shape)]
        if game.max_regret(strategies) == 0:
            expected.append(tuple((a,) for a in profile))
    for exact in (True, False):
        res = gt.solve_pure(game, exact=exact)
        assert [eq.supports for eq in res.equilibria] == expected
        for eq in res.equilibria:
            assert tuple(eq.payoffs) == game.payoff_of(tuple(s[0] for s in eq.supports))


@SETTINGS
@given(bimatrices(max_actions=5, low=-3, high=3))
def test_float_lemke_howson_follows_the_exact_path(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    m, n = A.shape
    for label in range(m + n):
        exact = gt.solve_lemke_howson(g, labels=[label]).equilibria[0]
        flt = gt.solve_lemke_howson(g, labels=[label], exact=False).equilibria[0]
        for se, sf in zip(exact.strategies, flt.strategies):
            assert np.allclose([float(p) for p in se], sf, atol=1e-9)
