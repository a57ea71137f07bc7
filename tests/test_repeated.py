"""Repeated play: discount thresholds, minmax values, the folk theorem's set, finite repetition.

Known answers: the prisoners' dilemma's grim-trigger threshold (T - R)/(T - P)
and one-period threshold (T - R)/(R - P) (Fudenberg and Tirole 1991, section
5.1; Osborne 2004, chapter 14); Gibbons's (1992, section 2.3.A) two-stage game,
where (M1, M2) is played in the first stage of a subgame-perfect equilibrium;
minmax values checked against the zero-sum value and the punishments that
attain them.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.errors import GameTooLargeError, InvalidGameError
from gametheory.solvers.spe import verify_subgame_perfect


def _pd(T, R, P, S):
    return gt.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]],
                                           actions=[["C", "D"], ["C", "D"]])


@pytest.mark.parametrize("seed", range(40))
def test_prisoners_dilemma_thresholds_are_the_textbook_formulas(seed):
    rng = np.random.default_rng(seed)
    d = int(rng.integers(1, 7))                      # distinct numerators: S < P < R < T
    S, P, R, T = sorted(F(int(v), d) for v in rng.choice(60, 4, replace=False))
    assert S < P < R < T
    s = gt.sustainability(_pd(T, R, P, S), ["C", "C"])
    assert s.grim == (T - R) / (T - P) == gt.grim_trigger_threshold(_pd(T, R, P, S), ["C", "C"])
    one = (T - R) / (R - P)
    assert s.one_period == (one if one < 1 else None)
    for d in s.players:
        assert (d.payoff, d.deviation, d.deviation_payoff, d.punishment_payoff) == (R, "D", T, P)
    # the threshold really is where deviating stops paying: values of conforming and of deviating
    for delta, conform_wins in ((s.grim, True), (s.grim - F(1, 10 ** 6), False)):
        conform = R / (1 - delta)
        deviate = T + delta * P / (1 - delta)
        assert (conform >= deviate) == conform_wins
        assert s.sustained(delta) == conform_wins


def test_the_bundled_prisoners_dilemma():
    g = gt.read_game("prisoners-dilemma")
    s = gt.sustainability(g, ["Cooperate", "Cooperate"])
    assert (s.grim, s.one_period) == (F(1, 2), None)          # (5-3)/(5-1); (5-3)/(3-1) = 1
    assert s.sustained("0.5") and not s.sustained("0.49")
    assert not s.sustained("0.99", "one-period")
    assert gt.sustainability(g, ["Defect", "Defect"]).grim == 0     # a stage equilibrium


def test_gibbons_thresholds_use_the_worst_equilibrium_for_the_deviator():
    g = gt.read_game("gibbons-two-stage")
    s = gt.sustainability(g, ["M1", "M2"])
    # the worst stage equilibrium is the mixed one, (3/4 L, 1/4 R) each, paying 3/4
    for d in s.players:
        assert d.punishment_payoff == F(3, 4) and d.deviation_payoff == 5 and d.payoff == 4
    assert s.grim == F(1) / (5 - F(3, 4)) == F(4, 17)
    assert s.one_period == F(1) / (4 - F(3, 4)) == F(4, 13)


def test_an_unsustainable_profile_has_no_threshold():
    # Row gets 0 at (A, X) but 1 in the only stage equilibrium and could gain by deviating
    g = gt.NormalFormGame.from_bimatrix([[0, 0], [2, 1]], [[5, 0], [0, 1]])
    s = gt.sustainability(g, [0, 0])
    assert s.grim is None and s.one_period is None and not s.sustained("0.999")
    assert s.players[0].grim is None and s.players[1].grim == 0


def test_three_player_threshold_with_float_payoffs():
    # a three-player public-good stage game: contributing costs 1 and gives 0.6 to each
    U = np.zeros((2, 2, 2, 3))
    for ix in np.ndindex(2, 2, 2):
        total = 0.6 * (3 - sum(ix))                  # action 0 contributes
        U[ix] = [total - (1 if a == 0 else 0) + 0.0 for a in ix]
    g = gt.NormalFormGame([U[..., i] for i in range(3)])
    s = gt.sustainability(g, [0, 0, 0])
    # R = 0.8, T = 1.2, P = 0: delta = 0.4 / 1.2
    assert not s.exact and s.grim == pytest.approx(1 / 3)
    assert s.one_period == pytest.approx(0.5)


def test_minmax_values_two_players_against_the_zero_sum_value():
    rng = np.random.default_rng(4)
    for _ in range(30):
        shape = tuple(int(v) for v in rng.integers(2, 5, size=2))
        A = rng.integers(-5, 6, size=shape)
        B = rng.integers(-5, 6, size=shape)
        g = gt.NormalFormGame([A, B])
        row, col = gt.minmax_values(g)
        value = gt.solve(gt.NormalFormGame([A, -A]), method="zero-sum").equilibria[0].payoffs[0]
        assert row.mixed == row.correlated == value
        # the punishment attains it: Row's best reply to it earns exactly the value
        q = np.array([row.punishment.get((b,), 0) for b in g.actions[1]], dtype=object)
        assert max(A.astype(object).dot(q)) == value
        assert row.correlated <= row.pure == min(A.max(axis=0))
        assert col.pure == min(B.max(axis=1))
        assert col.mixed == gt.solve(gt.NormalFormGame([-B, B]),
                                     method="zero-sum").equilibria[0].payoffs[1]


def test_three_players_correlated_punishment_beats_pure():
    # Player 1 guesses whether the others both play x (b) or both y (a)
    U1 = np.zeros((2, 2, 2), dtype=int)
    U1[0, 0, 0], U1[1, 0, 0] = 0, 1          # at (x, x): a pays 0, b pays 1
    U1[0, 1, 1], U1[1, 1, 1] = 1, 0          # at (y, y): a pays 1, b pays 0
    U1[:, 0, 1] = U1[:, 1, 0] = 2            # mismatching the others is worst for them
    g = gt.NormalFormGame([U1, np.zeros_like(U1), np.zeros_like(U1)],
                          actions=[["a", "b"], ["x", "y"], ["x", "y"]])
    v = gt.minmax_values(g)[0]
    assert v.pure == 1 and v.correlated == F(1, 2) and v.mixed is None
    # the only way to hold Player 1 to 1/2: toss a coin between (x, x) and (y, y)
    assert v.punishment == {("x", "x"): F(1, 2), ("y", "y"): F(1, 2)}


def test_feasible_individually_rational_set_contains_exactly_the_right_points():
    rng = np.random.default_rng(8)
    for _ in range(40):
        shape = tuple(int(v) for v in rng.integers(1, 4, size=2))
        g = gt.NormalFormGame([rng.integers(-4, 5, size=shape) for _ in range(2)])
        ps = gt.feasible_payoff_set(g)
        poly = list(ps.vertices)
        assert poly, "never empty: a Nash equilibrium's payoffs are feasible and rational"
        for v in poly:
            assert v[0] >= ps.minmax[0] and v[1] >= ps.minmax[1]
            assert _inside(ps.hull, v)
        for p in ps.points:                   # rational pure payoffs lie in the cut polygon
            if p[0] >= ps.minmax[0] and p[1] >= ps.minmax[1]:
                assert _inside(poly, p)
        for eq in gt.solve(g).equilibria:     # and so do the equilibrium payoffs
            assert _inside(poly, eq.payoffs)


def _inside(poly, p) -> bool:
    """Whether ``p`` lies in the convex polygon (counter-clockwise), segment or point, exactly."""
    if len(poly) == 1:
        return tuple(poly[0]) == tuple(p)
    if len(poly) == 2:
        (ax, ay), (bx, by) = poly
        cross = (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)
        return cross == 0 and min(ax, bx) <= p[0] <= max(ax, bx) and min(ay, by) <= p[1] <= max(ay, by)
    n = len(poly)
    for k in range(n):
        (ax, ay), (bx, by) = poly[k], poly[(k + 1) % n]
        if (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) < 0:
            return False
    return True


def test_finitely_repeated_prisoners_dilemma_defects_throughout():
    g = gt.read_game("prisoners-dilemma")
    for rounds, delta in ((1, 1), (2, 1), (3, F(1, 2))):
        res = gt.solve(gt.repeated_tree(g, rounds, delta))
        assert len(res.equilibria) == 1
        assert res.equilibria[0].payoffs == tuple([sum(delta ** t for t in range(rounds))] * 2)


def _gibbons_profile(tree, first=("M1", "M2")):
    """Play ``first`` in round 1; in round 2, (R1, R2) after it, else (L1, L2)."""
    vec = []
    for player, name in tree.infoset_keys:
        actions = tree.infosets[(player, name)]
        k = 0 if player == "Player 1" else 1
        if name == "start":
            want = first[k]
        else:
            want = ("R1", "R2")[k] if name == f"({first[0]},{first[1]})" else ("L1", "L2")[k]
        vec.extend(F(int(a == want)) for a in actions)
    return np.array(vec, dtype=object)


def test_gibbons_cooperation_in_the_first_stage_is_subgame_perfect():
    g = gt.read_game("gibbons-two-stage")
    tree = gt.repeated_tree(g, 2)
    assert verify_subgame_perfect(tree, _gibbons_profile(tree), True) == 0
    # with heavy discounting the second stage's reward (3 - 1) no longer outweighs the gain 1
    steep = gt.repeated_tree(g, 2, F(1, 4))
    assert verify_subgame_perfect(steep, _gibbons_profile(steep), True) == F(1, 2)
    # and the threshold is delta = 1/2: 4 + 3 delta >= 5 + delta
    assert verify_subgame_perfect(gt.repeated_tree(g, 2, F(1, 2)),
                                  _gibbons_profile(gt.repeated_tree(g, 2, F(1, 2))), True) == 0


@pytest.mark.parametrize("call, message", [
    (lambda: gt.repeated_tree(gt.read_game("chicken"), 0), "whole number of rounds"),
    (lambda: gt.repeated_tree(gt.read_game("chicken"), 2, "1.5"), "(0, 1]"),
    (lambda: gt.repeated_tree(gt.read_game("gibbons-two-stage"), 6), "limit"),
    (lambda: gt.sustainability(gt.read_game("chicken"), [[F(1, 2), F(1, 2)], [1, 0]]), "pure"),
    (lambda: gt.sustainability(gt.read_game("chicken"), ["Hold"]), "one action per player"),
    (lambda: gt.sustainability(gt.read_game("chicken"), ["Hold", "Hold"]).sustained(1), "(0, 1)"),
    (lambda: gt.sustainability(gt.read_game("chicken"), ["Hold", "Hold"]).sustained("x"),
     "not a number"),
    (lambda: gt.repeated_play(gt.read_game("chicken"), discount=0), "(0, 1)"),
])
def test_bad_input_is_one_line(call, message):
    with pytest.raises((InvalidGameError, GameTooLargeError)) as err:
        call()
    assert message in str(err.value) and "\n" not in str(err.value)


def test_cli_table_and_json(capsys):
    assert main(["repeated", "prisoners-dilemma", "--profile", "Cooperate,Cooperate",
                 "--discount", "9/10", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.repeated/1" and d["discount"] == "9/10"
    assert d["target"]["grim"] == "1/2" and d["target"]["one_period"] is None
    assert d["target"]["sustained"] == {"grim": True, "one_period": False}
    assert d["payoff_set"]["vertices"] == [["1", "1"], ["13/3", "1"], ["3", "3"], ["1", "13/3"]]
    assert [m["mixed"] for m in d["minmax"]] == ["1", "1"]
    assert main(["repeated", "unilateral"]) == 0
    out = capsys.readouterr().out
    assert "not an LP" in out and "-16563/2140" in out        # the US's correlated minmax


@pytest.mark.parametrize("argv, message", [
    (["--profile", "Hold,Hold", "--discount", "1.5"], "(0, 1)"),
    (["--profile", "Hold"], "one action per player"),
    (["--profile", "Hold,Maybe"], "no action 'Maybe'"),
    (["--discount", "0.5"], "needs --profile"),
])
def test_cli_bad_input_exit_2(argv, message, capsys, tmp_path):
    out = tmp_path / "out.json"
    assert main(["repeated", "chicken", *argv, "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and not out.exists()


def test_model_repeated_table_gives_the_defaults(capsys):
    model = gt.load_model("talks")
    assert model.repetition.discount == F(9, 10)
    assert model.repetition.profile == ("Stay out", "Intervene", "Intervene")
    assert main(["repeated", "talks", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["discount"] == "9/10" and d["target"]["profile"] == ["Stay out", "Intervene", "Intervene"]
    assert d["target"]["grim"] == "1/12" and d["target"]["sustained"] == {"grim": True, "one_period": True}


@pytest.mark.parametrize("table, message", [
    ('[repeated]\ndiscount = 1\nquote = "q"\n', "strictly between 0 and 1"),
    ('[repeated]\ndiscount = 0.5\nprofile = ["Stay out"]\nquote = "q"\n', "one action of each party"),
    ('[repeated]\nquote = "q"\n', "missing 'discount'"),
    ('[talk]\nsenders = ["Japan"]\nmessages = ["a", "b"]\nquote = "q"\n', "parties with actions"),
    ('[talk]\nmessages = ["a"]\nquote = "q"\n', "at least two distinct names"),
])
def test_bad_stage_tables_exit_2(extending_unilateral, capsys, table, message):
    assert main(["repeated", str(extending_unilateral(table))]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
