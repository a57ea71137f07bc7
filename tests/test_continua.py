"""Continua of equilibria in n-player games: described as polytopes where one player mixes."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np

import gametheory as gt


def _segment_points(c, ts):
    a, b = (np.array(v.strategies[c.mixer], dtype=object) for v in c.vertices)
    return [t * a + (1 - t) * b for t in ts]


def test_the_coordinated_crisis_continuum_is_a_segment_with_exact_bounds(tied_crisis):
    # with the ROK's zero weights on instability and loose nukes (conftest.ZERO_WEIGHTS)
    game = tied_crisis.game()
    res = gt.solve(game)
    assert res.method == "polynomial" and not res.complete and res.accounted
    [c] = res.continua
    assert c.kind == "polytope" and game.players[c.mixer] == "ROK" and c.dimension == 1
    assert {tuple(v.strategies) for v in c.vertices} == {tuple(e.strategies) for e in res.equilibria}
    assert c.payoffs == ((F(-9, 4), F(-23, 20)), (F(-27, 10), F(-27, 10)), (F(-5), F(-24, 5)))
    # every point of the segment is an equilibrium, with payoffs inside the bounds
    for mix in _segment_points(c, [F(1, 3), F(1, 2), F(9, 10)]):
        profile = [list(v) for v in c.vertices[0].strategies]
        profile[c.mixer] = list(mix)
        assert game.is_equilibrium(profile)
        for u, (lo, hi) in zip(game.expected_payoffs(profile), c.payoffs):
            assert lo <= u <= hi
    data = gt.to_dict(res)
    assert data["accounted"] is True and data["continua"][0]["mixer"] == "ROK"
    assert data["continua"][0]["payoffs"][0] == ["-9/4", "-23/20"]
    assert "ROK mixes; a polytope of dimension 1 with 2 vertices" in gt.render(res)


def _cut_simplex_game():
    """Player 1 is indifferent among three actions; player 2 keeps action 0 while
    sigma(0) >= sigma(1), player 3 keeps action 0 while sigma(2) <= 1/2."""
    u1 = np.zeros((3, 2, 2), dtype=object)
    u2 = np.zeros((3, 2, 2), dtype=object)
    u3 = np.zeros((3, 2, 2), dtype=object)
    for s in range(3):
        for b in range(2):
            for c in range(2):
                # player 2: action 0 pays 1 against s=0, action 1 pays 1 against s=1
                u2[s, b, c] = int((b == 0 and s == 0) or (b == 1 and s == 1))
                # player 3: action 0 pays 1/2, action 1 pays 1 against s=2
                u3[s, b, c] = F(1, 2) if c == 0 else int(s == 2)
    return gt.NormalFormGame([u1, u2, u3], players=["Mixer", "Two", "Three"])


def test_a_two_dimensional_polytope_has_its_vertices_exactly():
    game = _cut_simplex_game()
    res = gt.solve(game, method="polynomial")
    full = [c for c in res.continua if c.supports == ((0, 1, 2), (0,), (0,))]
    assert len(full) == 1
    c = full[0]
    assert c.kind == "polytope" and c.mixer == 0 and c.dimension == 2
    vertices = {tuple(v.strategies[0]) for v in c.vertices}
    assert vertices == {(1, 0, 0), (F(1, 2), F(1, 2), 0), (F(1, 2), 0, F(1, 2)),
                        (F(1, 4), F(1, 4), F(1, 2))}
    # the centre of the polytope is an equilibrium; a point violating a cut is not
    assert game.is_equilibrium([[F(9, 16), F(3, 16), F(1, 4)], [1, 0], [1, 0]])
    assert not game.is_equilibrium([[F(1, 4), F(1, 2), F(1, 4)], [1, 0], [1, 0]])


def test_several_mixers_are_reported_not_described():
    zero = np.zeros((2, 2, 2), dtype=np.int64)
    res = gt.solve(gt.NormalFormGame([zero, zero, zero]), method="polynomial")
    assert any(c.kind == "semi-algebraic" and c.payoffs is None for c in res.continua)
    assert res.accounted is False and not res.complete
    assert "several players mix; not described; payoffs within (outer bounds" in gt.render(res)
    data = gt.to_dict(res)["continua"]
    assert all(c["outer_payoffs"] == [["0", "0"]] * 3 for c in data if c["kind"] == "semi-algebraic")


def test_outer_bounds_of_a_semi_algebraic_continuum_hold_at_every_point():
    # players 1 and 2 are indifferent everywhere and player 3's payoff ignores its own action:
    # every profile is an equilibrium; player 3 earns sigma_1(b) + 2 sigma_2(b), in [0, 3]
    shape = (2, 2, 2)
    u3 = np.fromfunction(lambda a, b, c: a + 2 * b, shape, dtype=int)
    game = gt.NormalFormGame([np.ones(shape, dtype=int), 2 * np.ones(shape, dtype=int), u3])
    res = gt.solve(game, method="polynomial")
    [full] = [c for c in res.continua if c.supports == ((0, 1), (0, 1), (0, 1))]
    assert full.kind == "semi-algebraic" and full.outer == ((1, 1), (2, 2), (0, 3))
    rng = np.random.default_rng(8)
    for _ in range(50):
        profile = [[F(int(k), 100), 1 - F(int(k), 100)] for k in rng.integers(1, 100, 3)]
        assert game.is_equilibrium(profile)
        pays = game.expected_payoffs(profile)
        assert all(lo <= p <= hi for p, (lo, hi) in zip(pays, full.outer))


def test_isolated_games_have_no_continua():
    res = gt.solve(gt.read_game("mckelvey-mclennan"))
    assert res.continua == () and res.accounted is True and res.complete
    assert "continua" not in gt.to_dict(res)


def test_compare_says_its_ranges_cover_every_equilibrium(tied_crisis):
    c = gt.compare(tied_crisis)
    uni, coo = c.regimes
    assert uni.accounted and coo.accounted and not coo.complete
    assert [str(v) for v in c.nash_range(coo, "US")] == ["-9/4", "-23/20"]
    data = gt.to_dict(c)["regimes"][1]
    assert data["accounted"] is True and data["selection"]["qre_limit"] is None
    assert "cover every equilibrium" in gt.render(c)
    # the sweep skips the extras: no selection there, but the continuum still counts
    quick = gt.compare(tied_crisis, extras=False)
    assert quick.regimes[1].selection is None and quick.regimes[1].accounted


def test_a_polytope_too_large_to_enumerate_is_said_so(monkeypatch, tied_crisis):
    from gametheory.solvers import _continuum
    monkeypatch.setattr(_continuum, "MAX_VERTEX_BASES", 0)
    res = gt.solve(tied_crisis.game())
    [c] = res.continua
    assert c.kind == "not enumerated" and not c.described and c.payoffs is None
    assert res.accounted is False
    assert "too many inequalities" in gt.render(res)


def test_eliminate_keeps_the_continua_lifted_to_the_whole_game():
    # Row's third action is strictly dominated; Column is indifferent against Row's first two,
    # so Row's mixtures of them (with Column on its first action) form a continuum
    g = gt.NormalFormGame([np.array([[1, 1], [1, 1], [0, 0]]), np.array([[1, 0], [1, 0], [5, 5]])])
    whole = gt.solve(g, method="polynomial")
    reduced = gt.solve(g, method="polynomial", eliminate=True)
    assert [c.supports for c in reduced.continua] == [c.supports for c in whole.continua] \
        == [((0, 1), (0,))]
    assert reduced.accounted == whole.accounted is True
    for c, d in zip(reduced.continua, whole.continua):
        assert [v.strategies for v in c.vertices] == [v.strategies for v in d.vertices]
        assert all(len(v.strategies[0]) == 3 for v in c.vertices)
