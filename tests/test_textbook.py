"""Known answers from textbooks, checked exactly for every solver that applies."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from conftest import bimatrix_regret, strategy_key

# (name, A, B, all extreme equilibria as (x, y), degenerate)
CASES = [
    ("battle of the sexes", [[3, 0], [0, 2]], [[2, 0], [0, 3]],
     [((1, 0), (1, 0)), ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5))), ((0, 1), (0, 1))], False),
    ("matching pennies", [[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
     [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))], False),
    # the contract's example: Hold/Hold 3, Hold/Intervene 1, Intervene/Hold 4, Intervene/Intervene 0
    ("chicken", [[3, 1], [4, 0]], [[3, 4], [1, 0]],
     [((1, 0), (0, 1)), ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2))), ((0, 1), (1, 0))], False),
    ("rock-paper-scissors", [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
     [((F(1, 3),) * 3, (F(1, 3),) * 3)], False),
    # Shapley (1964): the unique equilibrium is uniform, and fictitious play cycles
    ("shapley", [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
     [((F(1, 3),) * 3, (F(1, 3),) * 3)], False),
    # von Stengel (2007), AGT ch. 3, Fig. 3.3: nondegenerate 3x2 game
    ("von stengel 3x2", [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]],
     [((1, 0, 0), (1, 0)), ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
      ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))], False),
    # ... and its degenerate variant (B's top row 3, 3): a continuum from (1,0) to (2/3,1/3)
    ("von stengel degenerate", [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]],
     [((1, 0, 0), (1, 0)), ((1, 0, 0), (F(2, 3), F(1, 3))),
      ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))], True),
    # prisoner's dilemma: unique pure equilibrium in dominant strategies
    ("prisoner's dilemma", [[3, 0], [5, 1]], [[3, 5], [0, 1]], [((0, 1), (0, 1))], False),
    # all payoffs equal: every profile is an equilibrium; four extreme ones
    ("indifference", [[1, 1], [1, 1]], [[0, 0], [0, 0]],
     [((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0)), ((0, 1), (0, 1))], True),
]


def _key(pair):
    return tuple(tuple(F(p) for p in s) for s in pair)


@pytest.mark.parametrize("name,A,B,expected,degenerate", CASES, ids=[c[0] for c in CASES])
def test_vertex_enumeration_finds_exactly_the_extreme_equilibria(name, A, B, expected, degenerate):
    res = gt.solve_vertex(gt.NormalFormGame.from_bimatrix(A, B))
    assert {strategy_key(e) for e in res.equilibria} == {_key(p) for p in expected}
    assert res.degenerate is degenerate
    assert res.complete and res.exact
    for eq in res.equilibria:
        assert eq.regret == 0 and bimatrix_regret(A, B, *eq.strategies) == 0


@pytest.mark.parametrize("name,A,B,expected,degenerate", CASES, ids=[c[0] for c in CASES])
def test_support_enumeration_complete_on_nondegenerate(name, A, B, expected, degenerate):
    res = gt.solve_support(gt.NormalFormGame.from_bimatrix(A, B))
    found = {strategy_key(e) for e in res.equilibria}
    assert found <= {_key(p) for p in expected}
    assert res.degenerate is degenerate and res.complete is (not degenerate)
    if not degenerate:
        assert found == {_key(p) for p in expected}


@pytest.mark.parametrize("name,A,B,expected,degenerate", CASES, ids=[c[0] for c in CASES])
def test_lemke_howson_reaches_equilibria_from_every_label(name, A, B, expected, degenerate):
    res = gt.solve_lemke_howson(gt.NormalFormGame.from_bimatrix(A, B))
    found = {strategy_key(e) for e in res.equilibria}
    assert found and found <= {_key(p) for p in expected}
    assert res.complete is False
    assert res.parameters["labels"] == list(range(len(A) + len(A[0])))


def test_lemke_howson_labels_of_von_stengel_example():
    # von Stengel (2007), section 3.4: from label 1 (row 2) the path ends at the mixed equilibrium
    g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    eq = gt.solve_lemke_howson(g, labels=[0]).equilibria
    assert [strategy_key(e) for e in eq] == [((F(1), F(0), F(0)), (F(1), F(0)))]
    with pytest.raises(gt.InvalidGameError, match="label 5"):
        gt.solve_lemke_howson(g, labels=[5])


def test_degenerate_continuum_is_reported_as_one_component():
    g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    res = gt.solve_vertex(g)
    comps = res.parameters["components"]
    assert sorted(len(c) for c in comps) == [1, 2]
    assert any("continuum" in n for n in res.notes)


def test_zero_sum_value_and_strategies():
    res = gt.solve_zero_sum(gt.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]))
    assert res.parameters["value"] == 0
    assert strategy_key(res.equilibria[0]) == ((F(1, 3),) * 3, (F(1, 3),) * 3)
    # a 2x3 game with value 1/2 (Maschler, Solan and Zamir style example)
    A = [[2, -1, 0], [-1, 1, 1]]
    res = gt.solve_zero_sum(gt.NormalFormGame.zero_sum(A))
    x, y = res.equilibria[0].strategies
    assert res.parameters["value"] == F(1, 5)
    assert bimatrix_regret(A, (-np.array(A)).tolist(), x, y) == 0


def test_zero_sum_rejects_general_sum():
    with pytest.raises(gt.InvalidGameError, match="constant-sum"):
        gt.solve_zero_sum(gt.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]))


def test_zero_sum_constant_sum_accepted():
    res = gt.solve_zero_sum(gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]]))
    assert res.parameters["value"] == F(1, 2)


def test_pure_three_player_game():
    # a 2x2x2 coordination game: everyone wants to match player 1; two pure equilibria
    u = np.zeros((2, 2, 2), dtype=np.int64)
    for a in range(2):
        u[a, a, a] = 1
    res = gt.solve_pure(gt.NormalFormGame([u, u, u]))
    assert [e.supports for e in res.equilibria] == [((0,), (0,), (0,)), ((1,), (1,), (1,))]
    assert res.complete is False and res.parameters["class"] == "pure"


def test_pure_no_equilibrium_is_empty_list():
    res = gt.solve_pure(gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    assert res.equilibria == ()


def test_one_player_game():
    res = gt.solve(gt.NormalFormGame([[1, 3, 3]]))
    assert res.method == "pure"
    assert [e.supports for e in res.equilibria] == [((1,),), ((2,),)]


def test_auto_choices():
    small = gt.NormalFormGame.from_bimatrix(np.ones((3, 3), int), np.ones((3, 3), int))
    assert gt.choose_method(small) == "vertex"
    big = gt.NormalFormGame.zero_sum(np.arange(400).reshape(20, 20) % 7)
    assert gt.choose_method(big) == "zero-sum"
    big2 = gt.NormalFormGame.from_bimatrix(np.arange(400).reshape(20, 20) % 7,
                                           np.arange(400).reshape(20, 20) % 5)
    assert gt.choose_method(big2) == "lemke-howson"


def test_float_mode_results_are_floats_within_tolerance():
    g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    for method in ["pure", "support", "vertex", "lemke-howson"]:
        res = gt.solve(g, method=method, exact=False)
        assert not res.exact
        tol = res.parameters["tolerance"]
        assert tol and tol > 0
        for eq in res.equilibria:
            assert all(isinstance(p, float) for s in eq.strategies for p in s)
            assert eq.regret <= tol


def test_float_game_solves_in_float_and_refuses_exact():
    g = gt.NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.1]])
    res = gt.solve(g, method="vertex")
    assert not res.exact and len(res.equilibria) == 3
    mixed = res.equilibria[1].strategies
    assert mixed[0] == pytest.approx((3.1 / 5.1, 2 / 5.1))
    with pytest.raises(gt.ExactArithmeticError):
        gt.solve(g, method="vertex", exact=True)


def test_fraction_payoffs_stay_exact():
    g = gt.NormalFormGame.from_bimatrix([[F(1, 3), 0], [0, F(1, 2)]], [[F(1, 2), 0], [0, F(1, 3)]])
    assert g.is_exact
    res = gt.solve(g)
    assert strategy_key(res.equilibria[1]) == ((F(2, 5), F(3, 5)), (F(3, 5), F(2, 5)))
    assert res.equilibria[1].payoffs == (F(1, 5), F(1, 5))


def test_zero_sum_exact_falls_back_to_lemke_howson(monkeypatch):
    import importlib
    zs = importlib.import_module("gametheory.solvers.zero_sum")
    monkeypatch.setattr(zs, "_rationalise", lambda x, bound: None)
    res = gt.solve_zero_sum(gt.NormalFormGame.zero_sum([[2, -1, 0], [-1, 1, 1]]))
    assert res.parameters["value"] == F(1, 5)
    assert "Lemke-Howson" in res.parameters["computation"]
    assert res.equilibria[0].regret == 0
