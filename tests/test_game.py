"""The game model: constructors, exact and float storage, mixed-strategy quantities."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt


def test_constructors_build_the_same_game():
    A = [[3, 1], [4, 0]]
    B = [[3, 4], [1, 0]]
    names = dict(players=["US", "PRC"], actions=[["Hold", "Intervene"]] * 2)
    g1 = gt.NormalFormGame.from_bimatrix(A, B, **names)
    g2 = gt.NormalFormGame.from_arrays([np.array(A), np.array(B)], **names)
    table = {("Hold", "Hold"): (3, 3), ("Hold", "Intervene"): (1, 4),
             ("Intervene", "Hold"): (4, 1), ("Intervene", "Intervene"): (0, 0)}
    g3 = gt.NormalFormGame.from_function(lambda p: table[p], [["Hold", "Intervene"]] * 2,
                                         players=["US", "PRC"])
    g4 = gt.NormalFormGame.from_function(lambda p: table[(("Hold", "Intervene")[p[0]],
                                                          ("Hold", "Intervene")[p[1]])],
                                         [["Hold", "Intervene"]] * 2, players=["US", "PRC"],
                                         by_index=True)
    assert g1 == g2 == g3 == g4
    assert g1.payoff_of(("Intervene", "Hold")) == (4, 1)
    assert g1.payoff_of((1, 0)) == (4, 1)


def test_zero_sum_constructor():
    g = gt.NormalFormGame.zero_sum([[1, -2], [0, 3]])
    assert g.payoffs[1].tolist() == [[-1, 2], [0, -3]]
    assert gt.is_constant_sum(g)


def test_exactness_is_kept():
    g = gt.NormalFormGame([[F(1, 3), 2]])
    assert g.is_exact and g.payoffs[0][0] == F(1, 3)
    assert gt.NormalFormGame([np.array([1, 2], dtype=np.int8)]).is_exact
    huge = gt.NormalFormGame([[10**30, 1]])
    assert huge.is_exact and huge.payoffs[0][0] == 10**30
    g = gt.NormalFormGame([[0.5, 2]])
    assert not g.is_exact and g.payoffs[0].dtype == float


def test_payoffs_are_read_only():
    g = gt.NormalFormGame([[1, 2]])
    with pytest.raises(ValueError):
        g.payoffs[0][0] = 5


def test_mixed_strategy_quantities_three_players():
    # u_i = 1 when all three match, else 0
    u = np.zeros((2, 2, 2), dtype=np.int64)
    u[0, 0, 0] = u[1, 1, 1] = 1
    g = gt.NormalFormGame([u, u, u])
    half = [F(1, 2), F(1, 2)]
    profile = [half, half, half]
    assert g.expected_payoffs(profile) == (F(1, 4),) * 3
    assert g.deviation_payoffs(profile, 1).tolist() == [F(1, 4), F(1, 4)]
    assert g.regrets(profile) == (0, 0, 0) and g.is_equilibrium(profile)
    assert g.best_responses([[1, 0], [1, 0], [0, 1]], 2) == (0,)
    assert g.max_regret([[1, 0], [1, 0], [0, 1]]) == 1
    assert gt.supports([[1, 0], half, [0, 1]]) == ((0,), (0, 1), (1,))


def test_float_profiles_on_exact_games():
    g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert g.max_regret([[0.5, 0.5], [0.5, 0.5]]) == pytest.approx(0.0)
    assert isinstance(g.max_regret([[0.5, 0.5], [0.5, 0.5]]), float)


def test_large_game_pure_equilibria_are_verified_cheaply():
    # 10^5 profiles, five players; each player's payoff is the number of others choosing the
    # same action: only the five-way agreements are equilibria (anyone outside the largest
    # group gains by joining it)
    shape = (10,) * 5
    idx = np.indices(shape)
    arrays = [sum((idx[k] == idx[i]).astype(np.int64) for k in range(5) if k != i)
              for i in range(5)]
    res = gt.solve_pure(gt.NormalFormGame(arrays))
    assert [eq.supports for eq in res.equilibria] == [((a,),) * 5 for a in range(10)]
    assert all(eq.regret == 0 and eq.payoffs == (4,) * 5 for eq in res.equilibria)
