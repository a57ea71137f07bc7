"""The logit QRE tracer (``gametheory.solvers.qre``): the QRE equations at every point of the
branch, known answers, a branch with turning points, the pygambit n-player corpus, and random
2x2x2 games checked against the ``polynomial`` solver.

The QRE equations are checked with code written here (plain tensor contractions), not with the
tracer's own evaluation.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.solvers.result import default_tolerance
from conftest import SETTINGS, strategy_key
from gametheory.arithmetic import EXACT
from gametheory.solvers.qre import QRECurve, _certify, _support_is_singular, logit_qre, solve_qre

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "gambit_nplayer.json").read_text())
GAMES = CORPUS["games"]

#: Corpus games whose principal branch meets a bifurcation: players in symmetric positions (the
#: same payoffs up to relabelling), so the branch that starts at uniform play splits.  Our tracer
#: goes straight through along the symmetric branch; pygambit 17 perturbs the game and follows one
#: of the branches that split off, so the two end points differ (both are equilibria).
BIFURCATING = {
    "g070-lit-mckelvey-mclennan-2x2x2": [["1/2", "1/2"], ["1/2", "1/2"], ["1", "0"]],
    "g079-handmade-p3-indifferent-coordination": [["2/3", "1/3"], ["1/3", "2/3"], ["1/2", "1/2"]],
}

#: A 2x2x2 game whose principal branch turns back twice: lambda rises to about 4.04, falls to
#: about 0.314, then rises for good (pygambit 17's logit_solve reports its turning points at
#: 4.03 and 0.32 and ends at the same pure equilibrium).  Found by a search over random games.
TURNING = [[[[0, -4], [-2, -1]], [[-8, 7], [-9, -3]]],
           [[[-9, -2], [-2, -2]], [[6, 3], [1, 4]]],
           [[[4, -4], [5, 2]], [[-6, 9], [-7, 0]]]]


def _corpus_game(case):
    return gt.NormalFormGame([np.array(p, dtype=np.int64) for p in case["payoffs"]])


def _random_game(shape, seed, high=100):
    rng = np.random.default_rng(seed)
    return gt.NormalFormGame([rng.integers(0, high, size=shape) for _ in shape])


def _values(game, strategies, i):
    """Player ``i``'s expected payoff of each action against the others' mixed strategies."""
    u = np.asarray(game.float_payoffs[i], dtype=float)
    for k in range(game.num_players - 1, -1, -1):
        if k != i:
            u = np.tensordot(u, np.asarray(strategies[k], dtype=float), axes=([k], [0]))
    return u


def _spread(game):
    return max(float(np.ptp(a)) for a in game.float_payoffs) or 1.0


def _check_qre_equations(game, curve):
    """Every stored point is a logit QRE at its lambda.

    Two forms of the equations p_i(a) = exp(lam u_i(a)) / sum_b exp(lam u_i(b)):

    * as probabilities, to 1e-8, wherever ``lam * R`` (``R`` the payoff range) is at most 100:
      beyond that the right-hand side multiplies any rounding of ``p`` by ``lam * R``, so no
      floating-point point can satisfy it to 1e-8 (at lam * R = 1e8 a one-ulp change in ``p``
      moves it by 1e-8);
    * as log-probability differences, ``log p_i(a) - log p_i(b) = lam (u_i(a) - u_i(b))``, to
      ``1e-9 (1 + lam R)``, at every point: each point is the exact QRE of a game whose
      payoffs differ from this one's by less than 1e-9 R.  Probabilities below 1e-300 (whose
      logarithms are inexact) must belong to actions whose values fall short by more than
      600 / lam.
    """
    R = _spread(game)
    assert curve.lambdas[0] == 0.0
    assert np.allclose(curve.profiles[0], np.concatenate([np.full(m, 1 / m) for m in game.shape]))
    for k, lam in enumerate(curve.lambdas):
        prof = curve.strategies(k)
        for i in range(game.num_players):
            u, p = _values(game, prof, i), prof[i]
            assert abs(p.sum() - 1) < 1e-12 and (p >= 0).all()
            if lam * R <= 100:
                q = np.exp(lam * (u - u.max()))
                assert np.max(np.abs(p - q / q.sum())) <= 1e-8, (k, i)
            b = int(np.argmax(p))
            ok = p > 1e-300
            gap = np.log(p[ok]) - np.log(p[b]) - lam * (u[ok] - u[b])
            assert np.max(np.abs(gap)) <= 1e-9 * (1 + lam * R), (k, i)
            assert (lam * (u[b] - u[~ok]) > 600).all(), (k, i)


def _independent_regret(game, strategies) -> Fraction:
    """Largest gain from a pure deviation, in exact arithmetic (Fractions), written here."""
    prof = [[Fraction(p) for p in s] for s in strategies]
    for s in prof:
        assert all(p >= 0 for p in s) and sum(s) == 1
    worst = Fraction(0)
    for i in range(game.num_players):
        u = np.asarray(game.payoffs[i], dtype=object)
        for k in range(game.num_players - 1, -1, -1):
            if k != i:
                u = np.tensordot(u, np.array(prof[k], dtype=object), axes=([k], [0]))
        own = sum(p * v for p, v in zip(prof[i], u))
        worst = max(worst, max(u) - own)
    return worst


# ----------------------------------------------------------------- the QRE equations
@pytest.mark.parametrize("shape, seed", [((2, 2), 0), ((3, 3), 1), ((2, 2, 2), 2), ((3, 3, 3), 3),
                                         ((2, 3, 2, 2), 4), ((3, 3, 3, 3, 3), 5), ((4, 4, 4, 4), 6)])
def test_every_point_solves_the_logit_equations(shape, seed):
    game = _random_game(shape, seed)
    curve = logit_qre(game)
    assert len(curve) > 5 and curve.reason == "regret"
    _check_qre_equations(game, curve)
    assert curve.equilibrium is not None


def test_the_equations_hold_on_a_branch_traced_to_lambda_max():
    game = _random_game((3, 3, 2), 7, high=10)
    curve = logit_qre(game, stop_regret=0, max_lambda=1e6)
    assert curve.reason == "max_lambda" and curve.lambdas[-1] >= 1e6
    _check_qre_equations(game, curve)


# ----------------------------------------------------------------- known answers
def test_matching_pennies_stays_uniform_and_ends_exactly_at_one_half():
    game = gt.read_game("matching-pennies")
    curve = logit_qre(game, stop_regret=0, max_lambda=1e4)    # trace on past the (regret 0) start
    assert curve.lambdas[-1] >= 1e4 and len(curve) > 10
    assert np.all(np.diff(curve.lambdas) > 0)
    assert np.max(np.abs(curve.profiles - 0.5)) <= 1e-12
    res = solve_qre(game)
    assert res.method == "qre" and res.exact and not res.complete and res.degenerate is None
    (eq,) = res.equilibria
    assert eq.strategies == ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    assert eq.regret == 0 and isinstance(eq.regret, Fraction)
    assert res.parameters["final_lambda"] == 0.0 and res.parameters["points"] == 1
    assert res.parameters["tolerance"] is None


def test_prisoners_dilemma_goes_monotonically_to_its_unique_pure_equilibrium():
    game = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    curve = logit_qre(game)
    defect = curve.profiles[:, [1, 3]]
    assert np.all(np.diff(curve.lambdas) > 0)
    assert np.all(np.diff(defect, axis=0) >= 0)              # ever more defection
    res = solve_qre(game)
    assert res.exact and [eq.strategies for eq in res.equilibria] == [((0, 1), (0, 1))]
    assert res.equilibria[0].payoffs == (1, 1)
    _check_qre_equations(game, curve)


def test_risk_dominance_selects_in_a_coordination_game():
    # Turocy (2005): in 2x2 games the principal branch goes to the risk-dominant equilibrium
    game = gt.NormalFormGame.from_bimatrix([[9, 0], [8, 7]], [[9, 8], [0, 7]])   # Aumann's stag hunt
    (eq,) = solve_qre(game).equilibria
    assert eq.strategies == ((0, 1), (0, 1))                  # (hare, hare): risk dominant
    (eq,) = solve_qre(gt.NormalFormGame.from_bimatrix([[4, 0], [0, 1]], [[2, 0], [0, 1]])).equilibria
    assert eq.strategies == ((1, 0), (1, 0))


def test_one_player_goes_to_the_best_actions():
    curve = logit_qre(gt.NormalFormGame([[3, 1, 3, 2]]))
    assert curve.equilibrium.strategies == ((Fraction(1, 2), 0, Fraction(1, 2), 0),)
    _check_qre_equations(curve.game, curve)
    (eq,) = solve_qre(gt.NormalFormGame([[1.0, 4.5, 2.0]])).equilibria
    assert eq.strategies == ((0.0, 1.0, 0.0),)


def test_players_with_a_single_action():
    game = gt.NormalFormGame([[[1, 2, 3]], [[3, 1, 2]]])       # player 1 has one action
    res = solve_qre(game)
    assert res.equilibria[0].strategies == ((1,), (1, 0, 0))
    assert solve_qre(gt.NormalFormGame([[[5]], [[2]]])).equilibria[0].strategies == ((1,), (1,))


def test_float_payoffs_give_a_float_equilibrium_within_the_tolerance():
    game = gt.NormalFormGame.from_bimatrix([[0.1, 0.3], [0.25, 0.0]], [[0.2, 0.0], [0.0, 0.4]])
    res = solve_qre(game, tol=1e-10)
    (eq,) = res.equilibria
    assert not res.exact and res.parameters["tolerance"] == 1e-10
    assert np.allclose(eq.strategies, [[2 / 3, 1 / 3], [2 / 3, 1 / 3]], atol=1e-12)
    assert eq.regret <= 1e-10
    assert solve_qre(game, exact=False).parameters["tolerance"] == default_tolerance(game)


def test_an_irrational_equilibrium_comes_back_in_floating_point_with_a_note():
    # Nau et al. (2004), section 4: a unique equilibrium with irrational probabilities
    case = next(g for g in GAMES if g["id"].startswith("g072"))
    res = solve_qre(_corpus_game(case))
    assert not res.exact and any("irrational" in note for note in res.notes)
    reference = np.concatenate(case["solvers"]["enumpoly"]["equilibria"][0]["strategies"])
    assert np.allclose(np.concatenate(res.equilibria[0].strategies), reference, atol=1e-7)
    assert res.equilibria[0].regret <= res.parameters["tolerance"]


def test_payoff_scale_changes_lambda_only():
    game = _random_game((3, 2, 2), 11, high=20)
    scaled = gt.NormalFormGame([np.asarray(a) * 1000 + 7 for a in game.payoffs])
    a, b = logit_qre(game), logit_qre(scaled)
    assert len(a) == len(b)
    assert np.allclose(a.lambdas, b.lambdas * 1000, rtol=1e-9)
    assert np.allclose(a.profiles, b.profiles, atol=1e-9)
    assert np.allclose(np.concatenate(a.equilibrium.strategies),
                       np.concatenate(b.equilibrium.strategies), atol=1e-12)


def test_curve_rows_and_strategies():
    game = _random_game((2, 3, 2), 3, high=9)
    curve = logit_qre(game)
    assert isinstance(curve, QRECurve)
    assert curve.profiles.shape == (len(curve), 7) and curve.lambdas.shape == (len(curve),)
    assert [len(s) for s in curve.strategies(-1)] == [2, 3, 2]
    rows = json.loads(json.dumps(curve.to_rows()))
    assert len(rows) == len(curve) and set(rows[0]) == {"lambda", "strategies"}
    assert rows[-1]["lambda"] == curve.lambdas[-1]
    assert rows[-1]["strategies"] == [s.tolist() for s in curve.strategies(-1)]


# ----------------------------------------------------------------- turning points
def test_a_branch_with_turning_points_is_followed_through_them():
    game = gt.NormalFormGame(TURNING)
    curve = logit_qre(game)
    lam = curve.lambdas
    top = int(np.argmax(lam > 4.0))                          # first point above lambda = 4 ...
    bottom = top + int(np.argmax(lam[top:] < 0.33))          # ... then back below 0.33 ...
    assert lam[top] > 4.0 and lam[bottom] < 0.33 and lam[bottom:].max() > 4.0   # ... and up again
    # three distinct QRE at lambda = 2: the branch crosses it three times, far apart
    crossings = [k for k in range(len(lam) - 1) if (lam[k] - 2) * (lam[k + 1] - 2) <= 0]
    assert len(crossings) == 3
    at_two = [curve.profiles[k] for k in crossings]
    assert min(np.max(np.abs(a - b)) for a, b in [(at_two[0], at_two[1]), (at_two[1], at_two[2]),
                                                   (at_two[0], at_two[2])]) > 0.2
    # no jumps: consecutive points stay close while the branch turns
    assert np.max(np.abs(np.diff(curve.profiles[lam < 5], axis=0))) < 0.25
    _check_qre_equations(game, curve)
    assert curve.bifurcations == 0
    assert curve.equilibrium.strategies == ((1, 0), (0, 1), (1, 0))     # as pygambit's logit


# ----------------------------------------------------------------- the pygambit corpus
ACCURATE = [g for g in GAMES if g["solvers"]["logit"]["status"] == "ok"
            and g["solvers"]["logit"]["equilibria"]
            and g["solvers"]["logit"]["equilibria"][0]["max_regret"] <= 1e-6 * _spread(_corpus_game(g))]


def test_most_of_the_corpus_has_an_accurate_gambit_logit_end_point():
    assert len(ACCURATE) >= 75


@pytest.mark.parametrize("case", ACCURATE, ids=[g["id"] for g in ACCURATE])
def test_same_end_point_as_gambit_logit(case):
    """Our certified end point is the equilibrium pygambit's logit traced to.

    Within 1e-4 (pygambit stops at regret 1e-8 of the payoff range, typically within 1e-5 of
    the limit).  On a continuum of equilibria the branch approaches its limit as slowly as
    1/lambda and pygambit's point stops up to 5e-4 short of it, while ours is the exact limit
    (found by extrapolation and rounding): 1e-3 there.  The two bifurcating games are listed in
    ``BIFURCATING``.
    """
    game = _corpus_game(case)
    curve = logit_qre(game)
    eq = curve.equilibrium
    assert eq is not None and curve.end_distance <= 1e-4
    if isinstance(eq.regret, Fraction):
        assert _independent_regret(game, eq.strategies) == 0
    else:
        assert eq.regret <= default_tolerance(game)
    if case["id"] in BIFURCATING:
        assert curve.bifurcations >= 1
        assert [[str(p) for p in s] for s in eq.strategies] == BIFURCATING[case["id"]]
        return
    theirs = np.concatenate([[float(Fraction(str(p))) for p in s]
                             for s in case["solvers"]["logit"]["equilibria"][0]["strategies"]])
    ours = np.concatenate([[float(p) for p in s] for s in eq.strategies])
    bound = 1e-3 if _support_is_singular(game, eq) else 1e-4
    assert np.max(np.abs(ours - theirs)) <= bound


def test_on_a_continuum_the_exact_limit_is_found():
    # g002: player 2 is indifferent along a segment of equilibria; the branch approaches
    # (1/2, 1/2) like 1/lambda (pygambit's logit stops at 0.4996), simpdiv lands on it exactly
    case = next(g for g in GAMES if g["id"] == "g002-small-2x2x2")
    assert case["solvers"]["simpdiv"]["equilibria"][0]["strategies"] == [["0", "1"], ["1/2", "1/2"],
                                                                         ["0", "1"]]
    res = solve_qre(_corpus_game(case))
    assert res.exact
    assert [[str(p) for p in s] for s in res.equilibria[0].strategies] == [["0", "1"], ["1/2", "1/2"],
                                                                           ["0", "1"]]


def test_a_slowly_converging_degenerate_branch_is_certified_with_a_note():
    # random 5x4x3 payoffs in {0, 1, 2}: near its end the branch creeps (two actions of player 1
    # lose probability like a power of 1/lambda), so the equilibrium Newton's method finds next
    # to the last point is farther than 1e-4 from it; it is accepted, and said to be so
    digits = ("212210211000202220221112200102000000211110201222111010010222 "
              "120220002220111221110020201020012212110010001121210112102021 "
              "121021120010010101212222101121221110212110120110001010122002").split()
    game = gt.NormalFormGame([np.array([int(c) for c in d]).reshape(5, 4, 3) for d in digits])
    res = solve_qre(game)
    (eq,) = res.equilibria
    assert 1e-4 < res.parameters["end_distance"] <= 1e-2
    assert any("slowly" in note for note in res.notes)
    assert game.max_regret([np.array(s, dtype=float) for s in eq.strategies]) <= 1e-9
    assert np.allclose(eq.strategies[0], [0, 1, 0, 0, 0], atol=1e-6)


def test_bifurcations_are_reported_in_the_notes():
    case = next(g for g in GAMES if g["id"] == "g070-lit-mckelvey-mclennan-2x2x2")
    res = solve_qre(_corpus_game(case))
    assert any("bifurcation" in note for note in res.notes)


# ----------------------------------------------------------------- random 2x2x2 games
@st.composite
def games_2x2x2(draw, low: int = -6, high: int = 6):
    cells = st.lists(st.integers(low, high), min_size=8, max_size=8)
    return [np.array(draw(cells), dtype=np.int64).reshape(2, 2, 2) for _ in range(3)]


@settings(SETTINGS, max_examples=15, deadline=None)
@given(games_2x2x2())
def test_random_2x2x2_end_point_is_an_equilibrium_found_by_polynomial(payoffs):
    game = gt.NormalFormGame(payoffs)
    res = solve_qre(game)
    (eq,) = res.equilibria
    if res.exact:
        assert _independent_regret(game, eq.strategies) == 0
    else:
        assert eq.regret <= res.parameters["tolerance"]
        assert game.max_regret([np.array(s, dtype=float) for s in eq.strategies]) <= 1e-8
    poly = gt.solve_polynomial(game)
    if not poly.complete:
        return                     # a continuum of equilibria: the list is not every equilibrium
    if res.exact and poly.exact:
        assert strategy_key(eq) in {strategy_key(e) for e in poly.equilibria}
    else:
        ours = np.concatenate([[float(p) for p in s] for s in eq.strategies])
        assert any(np.allclose(ours, np.concatenate([[float(p) for p in s] for s in e.strategies]),
                               atol=1e-7) for e in poly.equilibria)


def test_only_an_equilibrium_next_to_the_traced_point_is_certified():
    # unique equilibrium ((1/2, 1/2), (1/3, 2/3)): Newton's method reaches it from anywhere on
    # the full support, but only a point within 1e-4 of the traced one counts as the branch's end
    game = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[0, 1], [1, 0]])
    assert _certify(game, np.array([0.5, 0.5, 0.5, 0.5]), EXACT) is None
    eq, distance = _certify(game, np.array([0.5, 0.5, 0.33334, 0.66666]), EXACT)
    assert distance < 1e-5
    assert eq.strategies == ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(2, 3)))


# ----------------------------------------------------------------- bad input
def test_a_branch_cut_short_is_a_clear_error():
    game = gt.NormalFormGame(TURNING)
    with pytest.raises(gt.SolverError) as info:
        solve_qre(game, max_steps=3)
    message = str(info.value)
    assert message.startswith("qre: ") and "\n" not in message
    assert "could not be certified" in message and "max_steps" in message
    curve = logit_qre(game, max_steps=3)             # the curve itself is still returned
    assert curve.equilibrium is None and curve.reason == "max_steps" and len(curve) == 4
    with pytest.raises(gt.SolverError, match="max_lambda"):
        solve_qre(game, max_lambda=0.5)


@pytest.mark.parametrize("options, word", [({"step": 0}, "step"), ({"max_lambda": -1}, "max_lambda"),
                                           ({"max_steps": -1}, "max_steps"),
                                           ({"max_accel": 1.0}, "max_accel"),
                                           ({"stop_regret": float("nan")}, "stop_regret"),
                                           ({"max_steps": 2.5}, "max_steps"),
                                           ({"tolerance": 1e-9}, "tolerance")])
def test_bad_options_are_named(options, word):
    with pytest.raises(gt.InvalidGameError, match=word):
        solve_qre(gt.read_game("chicken"), **options)


def test_bad_games_are_clear_errors():
    with pytest.raises(gt.InvalidGameError, match="NormalFormGame"):
        logit_qre([[1, 2], [3, 4]])
    huge = gt.NormalFormGame.from_bimatrix([[1e308, -1e308], [0.0, 0.0]], [[0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(gt.InvalidGameError, match="overflows"):
        solve_qre(huge)
    floats = gt.NormalFormGame.from_bimatrix([[0.5, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 0.5]])
    with pytest.raises(gt.ExactArithmeticError):
        solve_qre(floats, exact=True)
