"""The agent logit QRE traced on game trees (:mod:`gametheory.solvers.agent_qre`).

Cross-checks: the Jacobian against finite differences on every tree fixture; the branch against
the normal-form QRE where the two coincide (one information set per player); the end point
against Gambit's ``logit`` on Gambit's own collection (``tests/test_gambit_collection.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import gametheory as gt
from gametheory.games.behavior import behavior_regrets
from gametheory.solvers.agent_qre import _AgentLogitSystem, solve_agent_qre
from gametheory.solvers.qre import _Tracer

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TREES = sorted(p for p in (FIXTURES / "efg").glob("*.efg"))


def _perfect_recall(path: Path) -> gt.ExtensiveFormGame:
    game = gt.read_game(path)
    if not game.perfect_recall:
        pytest.skip("no perfect recall")
    return game


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_jacobian_is_the_derivative_of_the_equations(path):
    system = _AgentLogitSystem(_perfect_recall(path))
    if system.M == 0:
        return
    rng = np.random.default_rng(len(path.stem))
    y = system.start()
    y[:-1] += 0.7 * rng.standard_normal(system.M)          # off the branch: unnormalised too
    y[-1] = 2.5
    F, J = system.evaluate(y)
    h = 1e-6
    numeric = np.empty_like(J)
    for k in range(system.M + 1):
        e = np.zeros(system.M + 1)
        e[k] = h
        numeric[:, k] = (system.evaluate(y + e)[0] - system.evaluate(y - e)[0]) / (2 * h)
    # the indifference rows are divided by 1 + lambda: their lambda column leaves out the
    # derivative of that factor, which vanishes on the branch (where the rows are 0)
    rows = np.setdiff1d(np.arange(system.M), system.first_slot)
    numeric[rows, -1] += F[rows] / (1 + y[-1])
    assert np.max(np.abs(J - numeric)) < 1e-6


def test_action_values_are_conditional_on_reaching_the_information_set():
    # Entrant: Out (0, 2) or In; Incumbent at i: Fight (-1, -1) or Accommodate (1, 1).  Whatever
    # the entrant does, the incumbent's values at i are -1 and 1 (rescaled: payoffs in [0, 1]).
    tree = gt.decision("E", "e", {"Out": gt.outcome(0, 2), "In": gt.decision(
        "I", "i", {"Fight": gt.outcome(-1, -1), "Accommodate": gt.outcome(1, 1)})})
    system = _AgentLogitSystem(gt.ExtensiveFormGame(tree, ["E", "I"]))
    for p_in in (0.9, 0.5, 1e-30):
        x = np.log([1 - p_in, p_in, 0.5, 0.5])
        w, _ = system.values(x, jacobian=False)
        assert w[2:] * system.scale == pytest.approx([0.0, 2.0])     # -1 and 1, shifted by 1


def test_one_information_set_per_player_is_the_normal_form_branch():
    # a simultaneous-move tree: its agent QRE branch is the normal-form QRE branch
    rng = np.random.default_rng(7)
    A, B = rng.integers(-5, 6, size=(2, 3, 3))
    nf = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    tree = gt.decision("1", "r", {f"r{i}": gt.decision("2", "c", {
        f"c{j}": gt.outcome(int(A[i, j]), int(B[i, j])) for j in range(3)}) for i in range(3)})
    game = gt.ExtensiveFormGame(tree, ["1", "2"])
    res_tree = solve_agent_qre(game)
    res_nf = gt.solve(nf, method="qre")
    assert [float(v) for v in res_tree.equilibria[0].payoffs] == \
        pytest.approx([float(v) for v in res_nf.equilibria[0].payoffs])
    assert res_tree.parameters["final_lambda"] > 0
    # the traced points are the same curve: compare at the first few points
    st = _AgentLogitSystem(game)
    tracer = _Tracer(st, 0.1, 3.0)
    for _ in range(5):
        tracer.advance()
        b = st.behaviour(tracer.y)
        lam = tracer.y[-1] / st.scale
        # the logit response of each player to the other's strategy at this lambda
        p, q = b[:3], b[3:]
        u1, u2 = A @ q, p @ B
        for mine, u in ((p, u1), (q, u2)):
            logit = np.exp(lam * (u - u.max()))
            assert mine == pytest.approx(logit / logit.sum(), abs=1e-8)


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_every_fixture_tree_gets_a_certified_equilibrium(path):
    game = _perfect_recall(path)
    res = gt.solve(game, method="qre")
    eq = res.equilibria[0]
    _, regrets = behavior_regrets(game, eq.behavior, exact=res.exact)
    assert (max(regrets) == 0) if res.exact else max(regrets) <= res.parameters["tolerance"]


def test_a_large_strategic_form_is_solved_on_the_tree():
    game = gt.read_game(FIXTURES / "gambit_collection" / "contrib" / "games" / "cs.efg")
    with pytest.raises(gt.GameTooLargeError):
        gt.solve(game, method="qre", eliminate=True)       # the normal form: refused in one line
    res = gt.solve(game)                                   # subgame perfect, big subgame by QRE
    assert res.method == "spe" and not res.complete
    assert "qre on the tree" in " ".join(res.notes)
    assert [str(v) for v in res.equilibria[0].payoffs] == ["1", "0", "0", "1/8"]


def test_too_many_actions_are_refused_before_allocating():
    tree = gt.decision("P", "s", {f"a{k}": gt.outcome(k % 7) for k in range(9000)})
    with pytest.raises(gt.GameTooLargeError, match="GiB"):
        solve_agent_qre(gt.ExtensiveFormGame(tree, ["P"]))


def test_bad_options_and_games_are_named():
    tree = gt.decision("P", "s", {"a": gt.outcome(1), "b": gt.outcome(0)})
    game = gt.ExtensiveFormGame(tree, ["P"])
    with pytest.raises(gt.InvalidGameError, match="step"):
        solve_agent_qre(game, step=-1)
    with pytest.raises(gt.InvalidGameError, match="game tree"):
        solve_agent_qre(gt.read_game("chicken"))
    absent = gt.read_game(FIXTURES / "gambit_collection" / "contrib" / "games" / "holdout.efg")
    with pytest.raises(gt.InvalidGameError, match="perfect recall"):
        solve_agent_qre(absent)


def test_a_symmetric_tree_crosses_its_bifurcation():
    # Wilson's two-stage battle of the sexes: the branch meets a bifurcation where no short step
    # converges; the tracer jumps it and certifies an equilibrium, with a note
    game = gt.read_game(FIXTURES / "gambit_collection" / "contrib" / "games" / "w_ex2.efg")
    res = solve_agent_qre(game)
    assert res.equilibria and any("bifurcation" in n for n in res.notes)


def test_spe_with_qre_solves_its_subgames_on_the_tree():
    # method 'qre' for the truncated subgames: the agent QRE on each subtree, two players too
    kuhn = gt.read_game(FIXTURES / "efg" / "kuhn-poker.efg")
    res = gt.solve_spe(kuhn, method="qre")
    assert res.notes == ("truncated subgames solved by: qre on the tree",)
    assert res.equilibria and res.equilibria[0].regret == 0


def test_a_deep_tree_is_refused_before_allocating():
    # a 3,000-stage centipede: the pairs of path entries grow with the depth squared
    node = gt.outcome(0, 0)
    for k in range(3000):
        node = gt.decision("AB"[k % 2], f"s{k}", {"stop": gt.outcome(k, -k), "go": node})
    with pytest.raises(gt.GameTooLargeError, match="deep"):
        solve_agent_qre(gt.ExtensiveFormGame(node, ["A", "B"]))
