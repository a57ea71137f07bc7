"""The `simpdiv` solver: one certified equilibrium of an n-player game by simplicial subdivision.

Every equilibrium returned is re-checked here by an independent regret
computation (plain Fractions, a loop over pure profiles), so the tests do not
check the package with itself.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from conftest import SETTINGS, bimatrices, strategy_key
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solvers import simpdiv
from gametheory.solvers.simpdiv import solve_simpdiv

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "gambit_nplayer.json").read_text())
GAMES = CORPUS["games"]


# ----------------------------------------------------------------- independent checks
def regret(payoffs, strategies, exact: bool):
    """Largest gain from a unilateral deviation, by brute force over the pure profiles."""
    arrays = [np.asarray(p, dtype=object) for p in payoffs]
    n = len(arrays)
    shape = arrays[0].shape
    num = F if exact else float
    probs = [[num(p) for p in s] for s in strategies]
    for s in probs:
        assert all(p >= 0 for p in s)
        assert sum(s) == 1 if exact else abs(sum(s) - 1) <= 1e-9
    worst = num(0)
    for i in range(n):
        values = [num(0)] * shape[i]
        for profile in itertools.product(*(range(k) for k in shape)):
            weight = num(1)
            for k, a in enumerate(profile):
                if k != i:
                    weight *= probs[k][a]
            if weight:
                values[profile[i]] += num(arrays[i][profile]) * weight
        expected = sum(p * v for p, v in zip(probs[i], values))
        worst = max(worst, max(values) - expected)
    return worst


def assert_certified(game, result):
    """The result holds one equilibrium whose certificate holds up independently."""
    assert result.method == "simpdiv" and not result.complete and result.degenerate is None
    assert len(result.equilibria) == 1
    eq = result.equilibria[0]
    if result.exact:
        assert all(isinstance(p, F) for s in eq.strategies for p in s)
        assert eq.regret == 0 and regret(game.payoffs, eq.strategies, exact=True) == 0
    else:
        tol = result.parameters["tolerance"]
        assert tol is not None and eq.regret <= tol
        assert regret(game.float_payoffs, eq.strategies, exact=False) <= tol
    return eq


def _flat(strategies):
    return np.concatenate([np.array([float(F(str(p))) for p in s]) for s in strategies])


# ----------------------------------------------------------------- known answers
def test_matching_pennies_ends_at_one_half_exactly():
    game = gt.read_game("matching-pennies")
    for start in (None, "first", [[1, 0], [0, 1]], [[0.9, 0.1], [0.2, 0.8]]):
        res = solve_simpdiv(game, start=start)
        eq = assert_certified(game, res)
        assert res.exact
        assert eq.strategies == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
        assert eq.payoffs == (0, 0)
    assert solve_simpdiv(game, start="first").parameters["pivots"] > 0


def test_parameters_and_notes():
    res = solve_simpdiv(gt.read_game("battle-of-the-sexes"), start="first")
    assert set(res.parameters) == {"grid", "pivots", "tolerance"}
    assert res.parameters["grid"] == F(1, 4) and res.parameters["tolerance"] is None
    assert isinstance(res.parameters["pivots"], int)
    assert res.notes and "other equilibria are not sought" in res.notes[0]
    float_game = gt.NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]])
    res = solve_simpdiv(float_game, tol=1e-7)
    assert not res.exact and res.parameters["tolerance"] == 1e-7
    assert_certified(float_game, res)
    res = solve_simpdiv(gt.read_game("battle-of-the-sexes"), exact=False)
    assert not res.exact and isinstance(res.equilibria[0].regret, float)


def test_unique_pure_equilibrium_from_every_start():
    # three-player prisoner's dilemma: defecting (action 1) is strictly dominant for everyone
    def payoff(p):
        cooperators = p.count(0)      # each cooperator gives 2 to every other player
        return tuple(2 * (cooperators - (a == 0)) + (a == 1) for a in p)

    game = gt.NormalFormGame.from_function(payoff, [2, 2, 2], by_index=True)
    starts = [None, "first", [[0, 1], [1, 0], [0.5, 0.5]], [[0.3, 0.7], [0.9, 0.1], [0.25, 0.75]]]
    for start in starts:
        res = solve_simpdiv(game, start=start)
        assert res.exact
        assert assert_certified(game, res).strategies == ((0, 1), (0, 1), (0, 1))
    # a 2x3 bimatrix game with a unique (pure) equilibrium after iterated dominance
    A, B = [[4, 3, 1], [2, 1, 0]], [[1, 2, 0], [3, 4, 1]]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    assert strategy_key(solve_simpdiv(g, start="first").equilibria[0]) == ((1, 0), (0, 1, 0))


def _cyclic_pennies(alpha: int, beta: int, gamma: int):
    """Player 1 matches player 2, player 2 matches player 3, player 3 mismatches player 1.

    No pure equilibrium; a pure player forces the next one in the cycle to be
    pure, so the only equilibrium is fully mixed, with each player's mix set
    by the indifference of the player before her in the cycle:
    ``P(a1 = 0) = 1/(1+gamma)``, ``P(a2 = 0) = 1/(1+alpha)``, ``P(a3 = 0) = 1/(1+beta)``.
    (Jordan 1993, "Three problems in learning mixed-strategy Nash equilibria",
    Games and Economic Behavior 5, with unequal stakes.)
    """
    u1 = np.zeros((2, 2, 2), dtype=np.int64)
    u2 = np.zeros((2, 2, 2), dtype=np.int64)
    u3 = np.zeros((2, 2, 2), dtype=np.int64)
    for a1, a2, a3 in itertools.product(range(2), repeat=3):
        u1[a1, a2, a3] = (alpha if a1 == 0 else 1) if a1 == a2 else 0
        u2[a1, a2, a3] = (beta if a2 == 0 else 1) if a2 == a3 else 0
        u3[a1, a2, a3] = (gamma if a1 == 0 else 1) if a3 != a1 else 0
    return gt.NormalFormGame([u1, u2, u3])


def test_three_player_unique_fully_mixed_equilibrium_exactly():
    game = _cyclic_pennies(2, 3, 4)
    expected = ((F(1, 5), F(4, 5)), (F(1, 3), F(2, 3)), (F(1, 4), F(3, 4)))
    # independent confirmation that it is the only equilibrium
    every = gt.solve_polynomial(game)
    assert every.complete and [eq.strategies for eq in every.equilibria] == [expected]
    for start in (None, "first", [[0, 1], [1, 0], [0, 1]], [[0.5, 0.5], [0.1, 0.9], [0.7, 0.3]]):
        res = solve_simpdiv(game, start=start)
        assert res.exact and assert_certified(game, res).strategies == expected


def test_irrational_equilibrium_comes_back_in_floating_point_with_a_note():
    # Nau et al. (2004), section 4: the unique equilibrium has irrational probabilities
    case = next(g for g in GAMES if g["id"].startswith("g072"))
    game = gt.NormalFormGame([np.array(p, dtype=np.int64) for p in case["payoffs"]])
    res = solve_simpdiv(game)
    eq = assert_certified(game, res)
    assert not res.exact and any("irrational" in note for note in res.notes)
    enumpoly = case["solvers"]["enumpoly"]["equilibria"][0]["strategies"]
    assert np.allclose(_flat(eq.strategies), _flat(enumpoly), atol=1e-8)


def test_one_player_and_single_action_players():
    res = solve_simpdiv(gt.NormalFormGame([[3, 7, 7, 1]]))
    assert res.exact and res.equilibria[0].strategies[0][0] == 0 and res.equilibria[0].regret == 0
    game = gt.NormalFormGame([np.array([[[1, 0]], [[0, 2]]]), np.zeros((2, 1, 2), dtype=int),
                              np.array([[[0, 1]], [[1, 0]]])])
    res = solve_simpdiv(game, start="first")
    assert assert_certified(game, res).strategies == ((F(1, 2), F(1, 2)), (1,), (F(2, 3), F(1, 3)))


# ties among the best gains at the start: with a lexicographically infeasible start basis the
# path cycled on these (found by random search); each ends in a few dozen pivots
CYCLING = [
    [[[[1, 2], [2, -1]], [[1, -1], [-1, 3]]], [[[-1, 0], [-3, 3]], [[-3, 1], [-3, 1]]],
     [[[-3, -1], [3, 0]], [[-1, -3], [-3, 3]]]],
    [[[[-1, 1], [1, -2]], [[0, 0], [3, 0]]], [[[2, 2], [-2, 1]], [[0, -3], [1, -3]]],
     [[[-1, -3], [1, -2]], [[0, 3], [2, 1]]]],
    [[[[-1, -3], [1, 0]], [[-1, 0], [1, -2]]], [[[1, -2], [-2, 3]], [[2, 2], [-2, 3]]],
     [[[0, -3], [-3, -2]], [[1, 1], [-1, 0]]]],
]


@pytest.mark.parametrize("payoffs", CYCLING)
def test_tied_gains_at_the_start_do_not_make_the_path_cycle(payoffs):
    game = gt.NormalFormGame([np.array(p) for p in payoffs])
    res = solve_simpdiv(game, max_pivots=500)
    assert res.exact and res.parameters["pivots"] < 500
    assert_certified(game, res)


# ----------------------------------------------------------------- the pygambit corpus
def _accurate_list(case):
    """Every accurate equilibrium the corpus lists, and whether enumpoly's list is complete."""
    spread = max(float(np.ptp(np.array(p, dtype=float))) for p in case["payoffs"]) or 1.0
    listed = [_flat(eq["strategies"])
              for run in case["solvers"].values() for eq in run.get("equilibria", [])
              if eq["max_regret"] <= 1e-6 * spread and eq["simplex_error"] <= 1e-9]
    enum = case["solvers"]["enumpoly"]
    complete = (enum["status"] == "ok" and enum["singular_supports"] == 0
                and enum["budget_exceeded_supports"] == 0 and len(enum["equilibria"]) > 0)
    return listed, complete


@pytest.mark.parametrize("case", GAMES, ids=[g["id"] for g in GAMES])
def test_corpus_game_gives_a_certified_equilibrium_from_the_list(case):
    game = gt.NormalFormGame([np.array(p, dtype=np.int64) for p in case["payoffs"]])
    res = solve_simpdiv(game)
    eq = assert_certified(game, res)
    listed, complete = _accurate_list(case)
    ours = _flat(eq.strategies)
    if complete:
        # enumpoly's list has every equilibrium: ours must be one of them
        assert any(np.allclose(ours, theirs, atol=1e-6) for theirs in listed), eq
    elif not any(np.allclose(ours, theirs, atol=1e-6) for theirs in listed):
        # a degenerate game (singular supports): an equilibrium pygambit did not list,
        # certified exactly
        assert res.exact and regret(game.payoffs, eq.strategies, exact=True) == 0


def test_corpus_rational_equilibria_come_back_exact():
    # where ours is the point that gambit's simpdiv certified with exact regret 0 (a rational
    # equilibrium), we must have recovered it exactly, fraction for fraction
    checked = 0
    for case in GAMES:
        theirs = case["solvers"]["simpdiv"]["equilibria"][0]
        if theirs.get("max_regret_exact") != "0":
            continue
        game = gt.NormalFormGame([np.array(p, dtype=np.int64) for p in case["payoffs"]])
        res = solve_simpdiv(game)
        if not np.allclose(_flat(res.equilibria[0].strategies), _flat(theirs["strategies"]), atol=1e-6):
            continue
        assert res.exact, case["id"]
        assert res.equilibria[0].strategies == tuple(tuple(F(p) for p in s) for s in theirs["strategies"])
        checked += 1
    assert checked >= 25         # 32 when written


# ----------------------------------------------------------------- properties
@st.composite
def nplayer_games(draw, min_players: int = 2, max_players: int = 4, max_actions: int = 3):
    """Random n-player games: small integers (often degenerate) or floats."""
    n = draw(st.integers(min_players, max_players))
    shape = tuple(draw(st.lists(st.integers(2, max_actions), min_size=n, max_size=n)))
    size = int(np.prod(shape))
    if draw(st.booleans()):
        cells = st.integers(-3, 3)
        arrays = [np.array(draw(st.lists(cells, min_size=size, max_size=size)),
                           dtype=np.int64).reshape(shape) for _ in range(n)]
    else:
        cells = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
        arrays = [np.array(draw(st.lists(cells, min_size=size, max_size=size)), dtype=float).reshape(shape)
                  for _ in range(n)]
    return gt.NormalFormGame(arrays)


@st.composite
def starts(draw, shape):
    """A start profile: a random mix, or a pure profile."""
    out = []
    for k in shape:
        weights = draw(st.lists(st.integers(0, 5), min_size=k, max_size=k).filter(lambda w: sum(w) > 0))
        out.append([F(w, sum(weights)) for w in weights])
    return out


@SETTINGS
@given(nplayer_games())
def test_random_games_give_a_certified_equilibrium(game):
    res = solve_simpdiv(game)
    assert_certified(game, res)
    assert res.exact == game.is_exact or any("irrational" in note for note in res.notes)


@SETTINGS
@given(st.data())
def test_any_start_profile_gives_an_equilibrium(data):
    game = data.draw(nplayer_games(max_players=3))
    start = data.draw(starts(game.shape))
    assert_certified(game, solve_simpdiv(game, start=start))


@SETTINGS
@given(bimatrices(max_actions=4, low=-20, high=20))
def test_two_player_games_end_at_an_extreme_equilibrium(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    res = solve_simpdiv(g)
    eq = assert_certified(g, res)
    vertex = gt.solve_vertex(g)
    if not vertex.degenerate:       # nondegenerate: finitely many equilibria, all extreme
        assert res.exact and strategy_key(eq) in {strategy_key(e) for e in vertex.equilibria}


# ----------------------------------------------------------------- bad input and limits
@pytest.mark.parametrize("kwargs,message", [
    ({"start": [[1, 0]]}, "bad start profile: .*one strategy per player"),
    ({"start": [[1, 0], [0.5, 0.6]]}, "bad start profile: .*do not sum to 1"),
    ({"start": [[2, -1], [0.5, 0.5]]}, "bad start profile: .*negative"),
    ({"start": [[1, 0, 0], [0.5, 0.5]]}, "bad start profile: .*3 entries"),
    ({"start": "middle"}, "start must be a profile"),
    ({"grid": 0}, "grid must be a positive integer"),
    ({"max_pivots": 2.5}, "max_pivots must be a positive integer"),
    ({"max_refinements": -1}, "max_refinements must be a nonnegative integer"),
    ({"tol": -1.0}, "tol must be a nonnegative number"),
    ({"leash": 3}, r"unknown option\(s\) \['leash'\]"),
])
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(gt.InvalidGameError, match="solve_simpdiv: " + message):
        solve_simpdiv(gt.read_game("matching-pennies"), **kwargs)


def test_bad_game_and_arithmetic():
    with pytest.raises(gt.InvalidGameError, match="expected a NormalFormGame, got list"):
        solve_simpdiv([[1, 0], [0, 1]])
    float_game = gt.NormalFormGame.from_bimatrix([[1.5, 0], [0, 1]], [[1, 0], [0, 1.5]])
    with pytest.raises(gt.ExactArithmeticError):
        solve_simpdiv(float_game, exact=True)


def test_limits_raise_instead_of_returning_an_unverified_profile(monkeypatch):
    game = _cyclic_pennies(2, 3, 4)
    with pytest.raises(gt.SolverError, match=r"^simpdiv: no certified equilibrium within 3 pivots"):
        solve_simpdiv(game, start="first", max_pivots=3)
    # a certificate that never holds: the grid is refined up to the limit, then an error
    monkeypatch.setattr(simpdiv, "refine_equilibrium", lambda *args, **kwargs: None)
    with pytest.raises(gt.SolverError, match=r"after 2 grid refinement\(s\) \(grid 1/16"):
        solve_simpdiv(game, start="first", max_refinements=2)


#: Found by Hypothesis: payoff differences as small as the float tolerance (1e-7 beside 10), where
#: Newton's method on a support cannot settle; the path's end point is certified on its own regret.
NEAR_TIES = [[[[0.3, 5.960464477539063e-08, -9.999999999999998], [-7.138440182184818, 6.081579643256276, -10.0]], [[7.285037901544893, -5.9575716220695226e-83, 6.573411871253036], [1e-07, -2.9088605219108645, 1e-300]], [[1e-07, 6.364642144067311, -7.2439164464837], [1e-06, 9.262624766038435, 0.3333333333333333]]], [[[-1.5880382002081124, -1.401298464324817e-45, 5.476450988164391], [1.8304362225830007e-178, 10.0, -1.1125369292536007e-308]], [[-5.4953828189046425e-288, -6.288747477555287, -2.00001], [-5.227132130278601e-46, 1.5575534960722414e-248, 5.566395983324508]], [[-1.466735187488882e-158, 0.1, 9.0], [1.192092896e-07, 7.025061608800258e-163, 8.591129550250045]]], [[[6.103515625e-05, -0.28300820259185855, 2.2024947053166137], [2.00001, 9.888365778317733e-205, 3.9406054409869576e-38]], [[5.960464477539063e-08, 6.364642144067311, 5.507949700713956e-257], [-3.788918865954217e-256, 8.450578451155032, 0.0]], [[0.0, -9.0, 0.0], [0.8670170539023907, 0.0, -5.627140662906286]]]]


def test_near_tie_float_payoffs_still_give_a_certified_equilibrium():
    game = gt.NormalFormGame([np.array(a) for a in NEAR_TIES])
    res = solve_simpdiv(game)
    eq = res.equilibria[0]
    assert not res.exact and game.max_regret([np.array(s) for s in eq.strategies]) <= res.parameters["tolerance"]


def test_an_action_played_with_tiny_probability_is_found():
    """A float game (drawn by Hypothesis) whose equilibrium at the end of the path plays one
    action with probability 1.06e-8.  The first support guess leaves that action out, its
    equations have no root, and the certificate needs the support one action larger."""
    data = json.loads((Path(__file__).parent / "data" / "simpdiv_tiny_probability.json").read_text())
    shape = tuple(data["shape"])
    game = gt.NormalFormGame([np.array(u, dtype=float).reshape(shape) for u in data["payoffs"]])
    res = solve_simpdiv(game)
    eq = assert_certified(game, res)
    assert res.parameters["grid"] == F(1, 4)          # certified on the first grid
    tiny = [p for s in eq.strategies for p in s if 0 < p < 1e-6]
    assert len(tiny) == 1 and 1e-9 < tiny[0] < 1e-7
