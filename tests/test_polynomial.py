"""The n-player `polynomial` solver: literature answers and the pygambit corpus."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from conftest import SETTINGS, bimatrices, strategy_key

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "gambit_nplayer.json").read_text())
GAMES = CORPUS["games"]
#: Equilibria of ours that pygambit's enumpoly / gnm did not report (make_gambit_nplayer_misses.py).
MISSES = json.loads((Path(__file__).parent / "fixtures" / "gambit_nplayer_misses.json").read_text())["games"]


def _game(case):
    return gt.NormalFormGame([np.array(p, dtype=np.int64) for p in case["payoffs"]])


def _case(prefix):
    return next(g for g in CORPUS["games"] if g["id"].startswith(prefix))


def _flat(strategies):
    return np.concatenate([np.array([float(Fraction(str(p))) for p in s]) for s in strategies])


def test_mckelvey_mclennan_nine_equilibria():
    # Gambit's contrib/games/2x2x2.nfg: "9 Nash equilibria, 2 totally mixed"
    res = gt.solve_polynomial(_game(_case("g070")))
    assert res.complete and res.exact and len(res.equilibria) == 9
    assert sum(all(len(s) == 2 for s in eq.supports) for eq in res.equilibria) == 2
    assert all(eq.regret == 0 for eq in res.equilibria)


def test_pygambit_enumpoly_misses_are_on_record():
    # e.g. g023: enumpoly returns no equilibrium at all; ours is unique and certified
    assert MISSES["g023-wide-2x2x3"]["equilibria"] == 1 and len(MISSES["g023-wide-2x2x3"]["enumpoly"]) == 1
    assert sum(len(r.get("enumpoly", [])) for r in MISSES.values()) >= 20


def test_irrational_equilibrium_is_given_in_floating_point():
    # Nau et al. (2004), section 4: a unique equilibrium with irrational probabilities
    case = _case("g072")
    res = gt.solve_polynomial(_game(case))
    assert res.complete and not res.exact and len(res.equilibria) == 1
    assert any("irrational" in note for note in res.notes)
    gambit = _flat(case["solvers"]["enumpoly"]["equilibria"][0]["strategies"])
    assert np.allclose(_flat(res.equilibria[0].strategies), gambit, atol=1e-6)
    assert res.equilibria[0].regret <= res.parameters["tolerance"]


def test_continua_are_reported_with_a_representative_equilibrium():
    game = _game(_case("g080"))                              # all payoffs zero
    res = gt.solve_polynomial(game)
    assert not res.complete and len(res.equilibria) == 8     # the isolated (pure) points
    continua = res.parameters["continua"]
    assert len(continua) == 3 ** 3 - 2 ** 3                  # every support profile but the pure ones
    assert sum(note.startswith("continuum") for note in res.notes) == len(continua)
    for entry in continua:
        point = entry["representative"]
        assert point is not None and game.max_regret(point) == 0
        assert [[a for a, p in enumerate(s) if p > 0] for s in point] == entry["supports"]


def _support(strategies, threshold=1e-6):
    return [[a for a, p in enumerate(s) if float(Fraction(str(p))) > threshold] for s in strategies]


@pytest.mark.parametrize("case", GAMES, ids=[g["id"] for g in GAMES])
def test_contains_every_pygambit_equilibrium(case):
    game = _game(case)
    res = gt.solve_polynomial(game)
    ours = [_flat(eq.strategies) for eq in res.equilibria]
    pure = {eq.supports for eq in gt.solve_pure(game).equilibria}
    assert pure <= {eq.supports for eq in res.equilibria if eq.is_pure}
    undecided = [c["supports"] for c in res.parameters["continua"]] + res.parameters["unresolved"]
    assert res.complete == (not undecided)
    spread = max(float(np.ptp(a)) for a in game.float_payoffs) or 1.0
    for name, run in case["solvers"].items():
        for eq in run.get("equilibria", []):
            if eq["max_regret"] > 1e-6 * spread or eq["simplex_error"] > 1e-9:
                continue                  # numerically rough: not a claim about the game
            theirs = _flat(eq["strategies"])
            if any(np.allclose(theirs, o, atol=1e-4) for o in ours):
                continue
            if _support(eq["strategies"]) in undecided:
                continue                  # a point of a reported continuum
            # a grid point of simpdiv near one of ours, in a degenerate game
            assert eq["max_regret"] > 1e-9 * spread, (name, eq)
            assert any(np.allclose(theirs, o, atol=1e-2) for o in ours), (name, eq)
    # the committed record of what pygambit missed is what we find now
    assert (case["id"] in MISSES) == res.complete
    if res.complete:
        record = MISSES[case["id"]]
        assert record["equilibria"] == len(ours)
        for name in ("enumpoly", "gnm"):
            if name not in record:
                continue
            theirs = [_flat(eq["strategies"]) for eq in case["solvers"][name]["equilibria"]]
            missed = [o for o in ours if not any(np.allclose(o, t, atol=1e-4) for t in theirs)]
            assert len(missed) == len(record[name])
            assert all(np.allclose(a, b, atol=1e-7) for a, b in zip(missed, record[name]))


@SETTINGS
@given(bimatrices(max_actions=3, low=-20, high=20))
def test_two_player_games_agree_with_vertex_enumeration(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    vertex = gt.solve_vertex(g)
    res = gt.solve_polynomial(g)
    found = {strategy_key(e) for e in res.equilibria}
    if not vertex.degenerate:     # every support system is then zero-dimensional or empty
        assert res.complete and found == {strategy_key(e) for e in vertex.equilibria}
    else:                         # isolated solutions of degenerate systems are extreme points
        assert found <= {strategy_key(e) for e in vertex.equilibria}


def test_float_games_are_solved_at_their_exact_values():
    u = np.zeros((2, 2, 2))
    u[0, 0, 0] = u[1, 1, 1] = 1.5
    res = gt.solve_polynomial(gt.NormalFormGame([u, u, u]))
    assert not res.exact
    assert [eq.supports for eq in res.equilibria][:2] == [((0,), (0,), (0,)), ((0, 1), (0, 1), (0, 1))]
    mixed = res.equilibria[1]
    assert np.allclose(mixed.strategies, 0.5) and mixed.payoffs == pytest.approx((0.375,) * 3)


def test_refuses_games_with_too_many_supports():
    g = gt.NormalFormGame([np.zeros((8, 8, 8), dtype=np.int64)] * 3)
    with pytest.raises(gt.GameTooLargeError, match="8x8x8.*support profiles"):
        gt.solve_polynomial(g)


# ----------------------------------------------------------------- properties (Hypothesis)
@st.composite
def nplayer_games(draw, low: int = -20, high: int = 20):
    """Random games of three or four players with two or three actions each."""
    shape = draw(st.sampled_from([(2, 2, 2), (2, 2, 3), (3, 2, 2), (2, 3, 3), (2, 2, 2, 2)]))
    size = int(np.prod(shape))
    cells = st.integers(low, high)
    return gt.NormalFormGame([np.array(draw(st.lists(cells, min_size=size, max_size=size)),
                                       dtype=np.int64).reshape(shape) for _ in shape])


def _as_floats(res):
    return [np.concatenate([np.array(s, dtype=float) for s in eq.strategies]) for eq in res.equilibria]


def _same_sets(a, b, atol=1e-7):
    return len(a) == len(b) and all(any(np.allclose(x, y, atol=atol) for y in b) for x in a)


PROPERTY_SETTINGS = settings(max_examples=40, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(nplayer_games())
def test_every_result_is_an_equilibrium_and_contains_the_pure_ones(game):
    res = gt.solve_polynomial(game)
    for eq in res.equilibria:
        if res.exact:
            assert eq.regret == 0 and game.max_regret(eq.strategies) == 0
        else:
            assert game.max_regret([np.array(s, dtype=float) for s in eq.strategies]) \
                <= res.parameters["tolerance"]
    pure = {eq.supports for eq in gt.solve_pure(game).equilibria}
    assert pure <= {eq.supports for eq in res.equilibria}


@PROPERTY_SETTINGS
@given(nplayer_games(), st.randoms(use_true_random=False))
def test_relabelling_players_and_actions_relabels_the_equilibria(game, rnd):
    n = game.num_players
    order = list(range(n))
    rnd.shuffle(order)                                   # new player k is old player order[k]
    perms = [rnd.sample(range(m), m) for m in game.shape]  # new action j of i is old perms[i][j]
    arrays = []
    for k in range(n):
        a = np.asarray(game.payoffs[order[k]])
        a = a[np.ix_(*perms)]                            # relabel every player's actions
        arrays.append(np.transpose(a, order))            # then reorder the players' axes
    relabelled = gt.NormalFormGame(arrays)
    res, res2 = gt.solve_polynomial(game), gt.solve_polynomial(relabelled)
    assert res.complete == res2.complete and res.exact == res2.exact
    mapped = []
    for eq in res2.equilibria:                           # back to the original labels
        strategies = [None] * n
        for k, s in enumerate(eq.strategies):
            old = np.zeros(len(s))
            old[perms[order[k]]] = np.array(s, dtype=float)
            strategies[order[k]] = old
        mapped.append(np.concatenate(strategies))
    if res.complete:
        assert _same_sets(_as_floats(res), mapped)
    # the supports with a continuum of solutions are the same, relabelled
    continua2 = set()
    for c in res2.parameters["continua"]:
        supports = [None] * n
        for k, s in enumerate(c["supports"]):
            supports[order[k]] = tuple(sorted(perms[order[k]][j] for j in s))
        continua2.add(tuple(supports))
    assert continua2 == {tuple(map(tuple, c["supports"])) for c in res.parameters["continua"]}
