"""Why a game is degenerate: pure best-response ties, the model features behind them, and which
equilibria survive small random changes of the payoffs."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt


def _ties_by_definition(game):
    """Every (player, others' profile) with several best responses, by looping over profiles."""
    out = set()
    for i in range(game.num_players):
        others = [range(m) if j != i else [None] for j, m in enumerate(game.shape)]
        for rest in itertools.product(*others):
            pays = [game.payoffs[i][tuple(a if j == i else r for j, r in enumerate(rest))]
                    for a in range(game.shape[i])]
            best = [a for a, v in enumerate(pays) if v == max(pays)]
            if len(best) > 1:
                out.add((i, tuple(-1 if r is None else r for r in rest), tuple(best)))
    return out


@pytest.mark.parametrize("seed", range(30))
def test_ties_match_the_definition(seed):
    rng = random.Random(seed)
    shape = rng.choice([(2, 2), (3, 2), (3, 3), (2, 2, 2), (3, 2, 2)])
    arrays = [np.array([rng.randint(0, 2) for _ in range(int(np.prod(shape)))],
                       dtype=np.int64).reshape(shape) for _ in shape]
    game = gt.NormalFormGame(arrays)
    report = gt.payoff_ties(game)
    assert {(t.player, t.against, t.actions) for t in report.ties} == _ties_by_definition(game)
    for t in report.ties:
        assert all(game.payoffs[t.player][p] == t.payoff for p in t.profiles())
    if len(shape) == 2:
        assert report.degenerate == gt.is_degenerate(game)
        # a pure tie makes a two-player game degenerate
        assert not report.ties or report.degenerate
    else:
        assert report.degenerate is None


def test_a_generic_game_has_no_ties_and_all_its_equilibria_survive():
    game = gt.read_game("chicken")
    assert gt.payoff_ties(game).ties == () and gt.payoff_ties(game).degenerate is False
    check = gt.perturbation_check(game, samples=8, context=gt.Context.make(seed=3))
    assert check.survival == (8, 8, 8) and check.component_survival == (8, 8, 8)


def test_perturbations_are_reproducible_from_the_seed():
    g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    a = gt.perturbation_check(g, samples=12, context=gt.Context.make(seed=5))
    b = gt.perturbation_check(g, samples=12, context=gt.Context.make(seed=5))
    assert a == b and a.method == "vertex"
    # the isolated equilibrium always survives; the continuum's end points do not always
    assert a.survival[2] == 12 and a.component_survival[1] == 12
    assert min(a.survival[:2]) < 12


def test_the_coordinated_crisis_tie_is_named(tied_crisis):
    # the zero weights of conftest.ZERO_WEIGHTS (the bundled models have none: lint checks)
    model = tied_crisis
    report = gt.payoff_ties(model.game())
    rok = [t for t in report.ties if model.players[t.player].name == "ROK"]
    assert len(rok) == 2
    why = gt.explain_tie(model, rok[0])
    assert why.party == "ROK" and why.payoff == F(-27, 10)
    causes = why.causes()
    # the meltdown risk is floored at 0 (clipped) and the ROK gives loose nukes weight 0
    assert causes["clipped"] == ("meltdown",) and causes["zero weight"] == ("loose_nukes",)
    meltdown = next(a for a in why.attributes if a.attribute == "meltdown")
    assert meltdown.values == (0, 0) and meltdown.raw[0] != meltdown.raw[1] and meltdown.weight != 0
    # the explanation adds up: the party's payoff is the same at both profiles
    assert model.payoff("ROK", why.profiles[0]) == model.payoff("ROK", why.profiles[1])


def test_bad_arguments():
    with pytest.raises(ValueError, match="samples"):
        gt.perturbation_check(gt.read_game("chicken"), samples=0)
    with pytest.raises(gt.InvalidGameError, match="not of this model"):
        gt.explain_tie(gt.load_model("coordinated"), gt.PayoffTie(0, (-1, 0), (0, 1), 0))
