"""Iterated elimination of dominated strategies: known answers, certificates, and invariance."""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
from hypothesis import given

import gametheory as gt
from gametheory import cli
from conftest import SETTINGS, bimatrices, strategy_key


def _steps(res):
    return [(s.round, s.player, s.action, dict(s.dominated_by)) for s in res.steps]


def test_prisoners_dilemma_by_pure_strategies():
    pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                         players=["US", "PRC"], actions=[["C", "D"], ["C", "D"]])
    res = gt.iterated_elimination(pd)
    assert _steps(res) == [(1, "US", "C", {"D": 1}), (1, "PRC", "C", {"D": 1})]
    assert res.reduced.actions == (("D",), ("D",)) and res.kept == ((1,), (1,))


def test_domination_by_a_mixture_only():
    # B is beaten by (T + M) / 2 in every column, by neither T nor M alone
    g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]],
                                        actions=[["T", "M", "B"], ["L", "R"]])
    assert gt.iterated_elimination(g, mixed=False).steps == ()
    res = gt.iterated_elimination(g)
    assert _steps(res) == [(1, "Player 1", "B", {"T": F(1, 2), "M": F(1, 2)})]


def test_several_rounds():
    # Osborne (2004), ch. 12 style: elimination in three rounds down to one profile
    A = [[4, 3, 2], [2, 1, 0], [3, 2, 1]]   # row: T dominates M and B
    B = [[1, 2, 3], [3, 2, 1], [2, 2, 2]]
    g = gt.NormalFormGame.from_bimatrix(A, B, actions=[["T", "M", "B"], ["L", "C", "R"]])
    res = gt.iterated_elimination(g)
    assert [s.round for s in res.steps] == [1, 1, 2, 2]
    assert res.reduced.actions == (("T",), ("R",))
    # the survivors carry the unique equilibrium
    eqs = gt.solve_vertex(g).equilibria
    assert [strategy_key(e) for e in eqs] == [((1, 0, 0), (0, 0, 1))]


def test_weak_dominance_is_one_at_a_time_and_can_lose_equilibria():
    # (B, R) is an equilibrium, but B and R are weakly dominated
    g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 0]],
                                        actions=[["T", "B"], ["L", "R"]])
    assert gt.iterated_elimination(g).steps == ()
    res = gt.iterated_elimination(g, kind="weak")
    assert _steps(res) == [(1, "Player 1", "B", {"T": 1}), (2, "Player 2", "R", {"L": 1})]
    pure = {e.supports for e in gt.solve_pure(g).equilibria}
    assert ((1,), (1,)) in pure          # lost by weak elimination


def test_three_players_and_float_games():
    u = np.zeros((2, 2, 2))
    u[1, :, :] = 1.0                     # player 1's second action strictly dominates the first
    other = np.zeros((2, 2, 2))
    g = gt.NormalFormGame([u, other, other], actions=[["a", "b"], ["x", "y"], ["p", "q"]])
    res = gt.iterated_elimination(g)
    assert not res.exact and _steps(res) == [(1, "Player 1", "a", {"b": 1.0})]


def test_solve_with_elimination_keeps_the_equilibria():
    g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [5, 5]])
    plain = gt.solve(g)
    reduced = gt.solve(g, eliminate=True)
    assert [strategy_key(e) for e in reduced.equilibria] == [strategy_key(e) for e in plain.equilibria]
    assert reduced.parameters["eliminated"] == [["Player 1", "3"]]
    assert reduced.notes[0].startswith("strictly dominated actions removed first (1)")


@SETTINGS
@given(bimatrices(max_actions=4, low=-3, high=3))
def test_strict_elimination_preserves_every_equilibrium(game):
    A, B = game
    g = gt.NormalFormGame.from_bimatrix(A, B)
    res = gt.iterated_elimination(g)
    # check every certificate independently, against the actions present in its round
    kept = [set(range(A.shape[0])), set(range(A.shape[1]))]
    for rnd in sorted({s.round for s in res.steps}):
        steps = [s for s in res.steps if s.round == rnd]
        for step in steps:
            i = g.players.index(step.player)
            U = A if i == 0 else B.T                 # own actions x opponent actions
            cols = sorted(kept[1 - i])
            a = g.actions[i].index(step.action)
            assert sum(step.dominated_by.values()) == 1
            for col in cols:
                mix = sum(p * int(U[g.actions[i].index(b), col]) for b, p in step.dominated_by.items())
                assert mix > U[a, col]
        for step in steps:
            i = g.players.index(step.player)
            kept[i].discard(g.actions[i].index(step.action))
    full = {strategy_key(e) for e in gt.solve_vertex(g).equilibria}
    lifted = {strategy_key(e) for e in gt.solve(g, method="vertex", eliminate=True).equilibria}
    assert lifted == full


def test_cli_dominance(capsys, tmp_path):
    path = tmp_path / "dom.nfg"
    gt.write_nfg(gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]],
                                                 actions=[["T", "M", "B"], ["L", "R"]]), path)
    assert cli.main(["dominance", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "gametheory.dominance/1"
    assert data["removed"] == [{"round": 1, "player": "Player 1", "action": "B",
                                "dominated_by": {"T": "1/2", "M": "1/2"}}]
    assert data["remaining"] == [["T", "M"], ["L", "R"]]
    assert cli.main(["dominance", str(path), "--pure-only"]) == 0
    assert "nothing is dominated" in capsys.readouterr().out
    assert cli.main(["dominance", str(tmp_path / "missing.nfg")]) == 2
    assert capsys.readouterr().err.startswith("gametheory: error: ")
