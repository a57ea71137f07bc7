"""Correlated and coarse correlated equilibria: textbook answers and properties."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

import gametheory as gt
from conftest import SETTINGS, bimatrices
from gametheory.analysis.correlated import (correlated_equilibrium, correlated_gains,
                                   is_correlated_equilibrium)


def _product(strategies):
    """The distribution over profiles of independent mixed strategies (exact)."""
    out = np.array(F(1), dtype=object)
    for s in strategies:
        out = np.multiply.outer(out, np.array([F(p) for p in s], dtype=object))
    return out


def test_aumann_chicken():
    # Aumann (1974): in Chicken the mediator recommends (H,H), (H,I), (I,H) with 1/3 each;
    # it beats every Nash equilibrium's total payoff (5, 5, 4).
    g = gt.read_game("chicken")
    ce = correlated_equilibrium(g)
    assert ce.exact and ce.gain == 0
    assert ce.distribution.tolist() == [[F(1, 3), F(1, 3)], [F(1, 3), 0]]
    assert ce.payoffs == (F(8, 3), F(8, 3)) and ce.welfare == F(16, 3)
    assert ce.support()[0] == ("Hold", "Hold")
    assert [list(m) for m in ce.marginals()] == [[F(2, 3), F(1, 3)], [F(2, 3), F(1, 3)]]


def test_a_players_favourite_and_the_egalitarian_one():
    g = gt.read_game("chicken")
    best_us = correlated_equilibrium(g, "player", player="US")
    assert best_us.payoffs == (4, 1) and best_us.objective == "player US"
    egal = correlated_equilibrium(g, "egalitarian")
    assert min(egal.payoffs) == F(8, 3)


def test_constraint_by_hand():
    # told "Hold" with probability 1/2 + 1/4: disobeying gains 4 - 3 on (H,H) and loses 1 on (H,I)
    g = gt.read_game("chicken")
    mu = [[F(1, 2), F(1, 4)], [F(1, 4), F(0)]]
    assert correlated_gains(g, mu) == [F(1, 4), F(1, 4)]
    assert not is_correlated_equilibrium(g, mu)
    # coarse: obeying pays 3/2 + 1/4 + 1 = 11/4; always intervening pays 4 * 3/4 = 3
    assert correlated_gains(g, mu, coarse=True) == [F(1, 4), F(1, 4)]
    assert not is_correlated_equilibrium(g, mu, coarse=True)


def test_coarse_set_is_larger():
    g = gt.read_game("battle-of-the-sexes")
    ce, cce = correlated_equilibrium(g), correlated_equilibrium(g, coarse=True)
    assert cce.welfare >= ce.welfare
    assert is_correlated_equilibrium(g, ce.distribution, coarse=True)


def test_three_players():
    g = gt.read_game("mckelvey-mclennan")
    ce = correlated_equilibrium(g)
    nash = gt.solve_polynomial(g)
    assert ce.exact and ce.welfare >= max(sum(eq.payoffs) for eq in nash.equilibria)
    for eq in nash.equilibria:
        assert is_correlated_equilibrium(g, _product(eq.strategies))


def test_float_games():
    g = gt.NormalFormGame.from_bimatrix([[3.0, 1.0], [4.0, 0.0]], [[3.0, 4.0], [1.0, 0.0]])
    ce = correlated_equilibrium(g)
    assert not ce.exact and ce.welfare == pytest.approx(16 / 3)


@pytest.mark.parametrize("bad, message", [
    (dict(objective="best"), "unknown objective"),
    (dict(objective="player"), "needs player"),
    (dict(objective="player", player="Japan"), "no such player"),
])
def test_bad_arguments(bad, message):
    with pytest.raises(gt.InvalidGameError, match=message):
        correlated_equilibrium(gt.read_game("chicken"), **bad)


def test_bad_distributions():
    g = gt.read_game("chicken")
    with pytest.raises(gt.InvalidGameError, match="shape"):
        is_correlated_equilibrium(g, [1, 0, 0, 0])
    with pytest.raises(gt.InvalidGameError, match="sum to 1"):
        is_correlated_equilibrium(g, [[F(1, 2), 0], [0, 0]])


@SETTINGS
@given(bimatrices(max_actions=4, low=-5, high=5))
def test_nash_equilibria_are_correlated_and_never_beat_the_best(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    nash = gt.solve_vertex(g)
    for eq in nash.equilibria:
        assert is_correlated_equilibrium(g, _product(eq.strategies))
    ce = correlated_equilibrium(g)
    assert ce.exact and is_correlated_equilibrium(g, ce.distribution)
    assert max(correlated_gains(g, ce.distribution)) <= 0
    # welfare is bilinear on each Nash component: its maximum is at an extreme equilibrium
    assert ce.welfare >= max(sum(eq.payoffs) for eq in nash.equilibria)
    egal = correlated_equilibrium(g, "egalitarian")
    assert min(egal.payoffs) >= max(min(eq.payoffs) for eq in nash.equilibria)
    cce = correlated_equilibrium(g, coarse=True)
    assert cce.welfare >= ce.welfare
