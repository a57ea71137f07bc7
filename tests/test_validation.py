"""Bad input: one test per validation rule, each checking the error type and what it names."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt


def test_errors_are_value_errors():
    assert issubclass(gt.InvalidGameError, ValueError)
    assert issubclass(gt.GameFileError, ValueError)
    assert issubclass(gt.ExactArithmeticError, ValueError)
    assert issubclass(gt.SolverError, RuntimeError)


def test_non_finite_payoff_names_player_and_profile():
    with pytest.raises(gt.InvalidGameError, match=r"player 'PRC'.*\('Hold', 'Intervene'\).*nan"):
        gt.NormalFormGame.from_bimatrix([[1.0, 2.0], [3.0, 4.0]], [[1.0, np.nan], [3.0, 4.0]],
                                        players=["US", "PRC"], actions=[["Hold", "Intervene"]] * 2)


def test_infinite_payoff_in_object_array():
    with pytest.raises(gt.InvalidGameError, match=r"player 'Player 1'.*\('2', '1'\).*inf"):
        gt.NormalFormGame.from_bimatrix([[1, 2], [float("inf"), 4]], [[1, 2], [3, 4]])


def test_ragged_payoffs():
    with pytest.raises(gt.InvalidGameError, match="ragged"):
        gt.NormalFormGame.from_bimatrix([[1, 2], [3]], [[1, 2], [3, 4]])


def test_mismatched_shapes_name_the_player():
    with pytest.raises(gt.InvalidGameError, match=r"player 'Player 2'.*shape \(2, 3\)"):
        gt.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[1, 2, 3], [3, 4, 5]])


def test_wrong_dimension():
    with pytest.raises(gt.InvalidGameError, match="2-player game needs 2"):
        gt.NormalFormGame([np.zeros((2, 2, 2)), np.zeros((2, 2, 2))])


def test_player_without_actions():
    with pytest.raises(gt.InvalidGameError, match="no action"):
        gt.NormalFormGame([np.zeros((2, 0)), np.zeros((2, 0))])


def test_no_players():
    with pytest.raises(gt.InvalidGameError, match="at least one player"):
        gt.NormalFormGame([])


def test_duplicate_player_names():
    with pytest.raises(gt.InvalidGameError, match="duplicate player name 'US'"):
        gt.NormalFormGame.from_bimatrix([[1]], [[1]], players=["US", "US"])


def test_duplicate_action_names_are_ambiguous_by_name_only():
    game = gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], players=["US", "PRC"],
                                           actions=[["Hold"], ["Hold", "Hold"]])
    assert game.payoff_of(["Hold", 1]) == (2, 2)
    with pytest.raises(gt.InvalidGameError, match="player 'PRC' has several actions named 'Hold'"):
        game.payoff_of(["Hold", "Hold"])
    # a tree's actions may share names too (Gambit's catalogue has such trees): solved as usual
    tree = gt.parse_efg('EFG 2 R "t" { "A" "B" }\np "" 1 1 "a" { "x" "x" } 0\n'
                        't "" 1 "" { 1, 0 }\np "" 2 1 "b" { "y" "y" } 0\n'
                        't "" 2 "" { 0, 1 }\nt "" 3 "" { 2, 2 }\n')
    assert tree.infosets[("A", "a")] == ("x", "x")
    [eq] = gt.solve(tree).equilibria
    assert eq.payoffs == (2, 2)


def test_action_count_mismatch():
    with pytest.raises(gt.InvalidGameError, match="player 'US' has 3 action name"):
        gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], players=["US", "PRC"],
                                        actions=[["a", "b", "c"], ["x", "y"]])


def test_empty_names():
    with pytest.raises(gt.InvalidGameError, match="player 2 has no name"):
        gt.NormalFormGame.from_bimatrix([[1]], [[1]], players=["US", ""])
    with pytest.raises(gt.InvalidGameError, match="action without a name"):
        gt.NormalFormGame.from_bimatrix([[1]], [[1]], actions=[[""], ["x"]])


def test_non_numeric_payoffs():
    with pytest.raises(gt.InvalidGameError, match=r"player 'Player 2' at profile \(0, 1\) is not a number"):
        gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, "x"]])
    with pytest.raises(gt.InvalidGameError, match="not numbers"):
        gt.NormalFormGame([np.array(["a", "b"])])
    with pytest.raises(gt.InvalidGameError, match="not a number"):
        gt.NormalFormGame([[True, 1]])


def test_payoff_function_wrong_arity():
    with pytest.raises(gt.InvalidGameError, match="returned 1 value"):
        gt.NormalFormGame.from_function(lambda p: (1,), [["a"], ["b"]])


def test_exact_and_float_inputs():
    assert gt.NormalFormGame([[1, Fraction(1, 2)]]).is_exact
    assert not gt.NormalFormGame([[1, 0.5]]).is_exact
    assert gt.NormalFormGame([np.array([1, 2], dtype=np.int32)]).is_exact


def test_bad_profiles():
    g = gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], players=["US", "PRC"])
    with pytest.raises(gt.InvalidGameError, match="player 'PRC'.*negative"):
        g.max_regret([[1], [Fraction(3, 2), Fraction(-1, 2)]])
    with pytest.raises(gt.InvalidGameError, match="player 'PRC'.*sum to 1"):
        g.max_regret([[1], [Fraction(1, 2), Fraction(1, 3)]])
    with pytest.raises(gt.InvalidGameError, match="player 'US' has 2 entries"):
        g.max_regret([[1, 0], [1, 0]])


def test_two_player_methods_refuse_three_players():
    g = gt.NormalFormGame([np.zeros((2, 2, 2), int)] * 3)
    for method in ("support", "vertex", "lemke-howson", "zero-sum"):
        with pytest.raises(gt.InvalidGameError, match="two-player games; this game has 3 players"):
            gt.solve(g, method=method)


def test_unknown_method():
    with pytest.raises(gt.UnknownMethodError, match="unknown method 'magic'"):
        gt.solve(gt.NormalFormGame([[1, 2]]), method="magic")


def test_support_enumeration_refuses_huge_games():
    g = gt.NormalFormGame.from_bimatrix(np.zeros((40, 40), int), np.zeros((40, 40), int))
    with pytest.raises(gt.GameTooLargeError, match="40x40"):
        gt.solve_support(g)


def test_vertex_enumeration_refuses_games_with_too_many_vertices():
    g = gt.NormalFormGame.from_bimatrix(np.zeros((25, 25), int), np.zeros((25, 25), int))
    with pytest.raises(gt.GameTooLargeError, match="25x25.*lemke-howson"):
        gt.solve_vertex(g)
