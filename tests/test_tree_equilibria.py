"""Equilibria of game trees: behaviour strategies, subgame perfection, the sequence form.

Cross-checked against pygambit's results for the corpus in ``tests/fixtures/efg``
(``tests/fixtures/gambit_efg.json``, written by ``make_gambit_efg_fixtures.py``),
against the reduced normal form's own equilibria, and on textbook trees.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt
from gametheory.games.behavior import (as_vector, behavior_payoffs, behavior_regrets, behavior_to_mixed,
                                 mixed_to_behavior)
from gametheory.games.tree import chance, decision, outcome, reduced_normal_form
from gametheory.solvers.sequence_form import sequence_form, solve_sequence_form
from gametheory.solvers.spe import solve_spe, subgame_roots, verify_subgame_perfect

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = json.loads((FIXTURES / "gambit_efg.json").read_text())["games"]


def _fractions(profile):
    return [[[Fraction(q) for q in probs] for probs in sets] for sets in profile]


def _own_reachable(game, behavior):
    """Per player and information set: does the player's own behaviour reach the set?"""
    f = game.flat
    vec = as_vector(game, [[[Fraction(1, len(p))] * len(p) if sum(p) == 0 else p for p in sets]
                           for sets in behavior], exact=True)
    out = []
    for p in range(len(game.players)):
        from gametheory.games.behavior import realization_plan
        plan = realization_plan(game, p, vec)
        out.append([plan[int(f.set_memory[s])] > 0 for s in np.flatnonzero(f.set_player == p)])
    return out


def _fill_zero_rows(behavior):
    """pygambit's as_behavior() leaves all-zero rows where the own plan rules a set out."""
    return [[p if sum(p) != 0 else [Fraction(1, len(p))] * len(p) for p in sets] for sets in behavior]


@pytest.fixture(scope="module", params=[g["name"] for g in CORPUS])
def case(request):
    entry = next(g for g in CORPUS if g["name"] == request.param)
    return entry, gt.read_game(FIXTURES / entry["file"])


def test_corpus_reads_with_the_recorded_shape(case):
    entry, game = case
    assert game.players == tuple(entry["player_names"])
    assert game.num_nodes == entry["nodes"]
    assert game.perfect_information == entry["perfect_information"]
    assert [len(game.player_infosets(p)) for p in game.players] == entry["infosets"]
    if np.prod(entry["reduced_shape"], dtype=object) <= 200_000:
        assert list(reduced_normal_form(game).shape) == entry["reduced_shape"]


def test_gambit_equilibria_have_zero_regret_and_the_same_payoffs(case):
    entry, game = case
    for key in ("lcp", "lcp_strategic"):
        for prof in entry[key] or []:
            behavior = _fill_zero_rows(_fractions(prof["behavior"]))
            payoffs, regrets = behavior_regrets(game, behavior)
            assert regrets == (0,) * len(game.players), (key, prof)
            assert [Fraction(v) for v in payoffs] == [Fraction(v) for v in prof["payoffs"]]


def test_regret_separates_nash_from_agent_equilibria(case):
    """pygambit's pure agent-form equilibria: those it marks Nash have regret 0 here, the others
    (a player gains by changing several of its own moves) a positive regret."""
    entry, game = case
    for prof in entry["enumpure_agent"] or []:
        payoffs, regrets = behavior_regrets(game, _fractions(prof["behavior"]))
        assert [Fraction(v) for v in payoffs] == [Fraction(v) for v in prof["payoffs"]]
        assert (max(regrets) == 0) == prof["nash"], prof


def _key(game, behavior, reach):
    """A behaviour profile compared where it matters: at sets the own plan reaches."""
    return tuple(tuple(tuple(Fraction(q) for q in probs) if r else None
                       for probs, r in zip(sets, rs)) for sets, rs in zip(behavior, reach))


def test_spe_are_subgame_perfect_and_complete_against_gambit(case):
    entry, game = case
    res = solve_spe(game)
    assert res.equilibria
    ours = set()
    for eq in res.equilibria:
        assert eq.regret == 0
        vec = as_vector(game, eq.behavior, exact=True)
        assert verify_subgame_perfect(game, vec, exact=True) == 0
        ours.add(_key(game, eq.behavior, _own_reachable(game, eq.behavior)))
    # every pure SPE among gambit's agent equilibria is in our list when ours is complete
    pure_spe = []
    for prof in entry["enumpure_agent"] or []:
        behavior = _fractions(prof["behavior"])
        vec = as_vector(game, behavior, exact=True)
        if verify_subgame_perfect(game, vec, exact=True) == 0:
            pure_spe.append(behavior)
    if game.perfect_information and entry["enumpure_agent"] is not None:
        # perfect information: some pure SPE always exists, and pure ones are all we list
        assert pure_spe
        assert {_key(game, b, _own_reachable(game, b)) for b in pure_spe} == \
            {k for k in ours}
    elif res.complete:
        for behavior in pure_spe:
            assert _key(game, behavior, _own_reachable(game, behavior)) in ours


def test_sequence_form_equilibrium_is_an_equilibrium_of_the_reduced_form(case):
    entry, game = case
    if len(game.players) != 2:
        pytest.skip("the sequence form is for two players")
    res = solve_sequence_form(game)
    [eq] = res.equilibria
    assert eq.regret == 0
    if np.prod(entry["reduced_shape"], dtype=object) <= 20_000:
        normal = reduced_normal_form(game)
        mixed = behavior_to_mixed(game, eq.behavior)
        payoffs, regrets = normal.payoffs_and_regrets(normal.as_profile(mixed, exact=True))
        assert max(regrets) == 0
        assert tuple(payoffs) == eq.payoffs


def test_sequence_form_matches_the_reduced_form_payoffs(case):
    """x' A y in the sequence form equals the reduced normal form's expected payoff."""
    entry, game = case
    if len(game.players) != 2 or np.prod(entry["reduced_shape"], dtype=object) > 5_000:
        pytest.skip("two players, small reduced form")
    sf = sequence_form(game)
    normal = reduced_normal_form(game)
    rng = np.random.default_rng(len(entry["name"]))
    for _ in range(3):
        mixed = [[Fraction(int(v), 1) for v in rng.integers(0, 4, size=n)] for n in normal.shape]
        mixed = [[q / sum(m) for q in m] if sum(m) else [Fraction(1, len(m))] * len(m) for m in mixed]
        behavior = mixed_to_behavior(game, mixed)
        from gametheory.games.behavior import realization_plan
        vec = as_vector(game, behavior, exact=True)
        x, y = (realization_plan(game, p, vec) for p in (0, 1))
        expected, _ = normal.payoffs_and_regrets(normal.as_profile(mixed, exact=True))
        assert x.dot(sf.A).dot(y) == expected[0]
        assert x.dot(sf.B).dot(y) == expected[1]
        assert x.dot(sf.P).dot(y) == 1
        assert behavior_payoffs(game, behavior) == tuple(expected)


def test_kuhn_round_trip_keeps_every_leaf_probability():
    game = gt.read_game(FIXTURES / "efg" / "kuhn-poker.efg")
    rng = np.random.default_rng(5)
    behavior = []
    for p in game.players:
        sets = []
        for name in game.player_infosets(p):
            w = [Fraction(int(v)) for v in rng.integers(1, 5, size=len(game.infosets[(p, name)]))]
            sets.append([q / sum(w) for q in w])
        behavior.append(sets)
    mixed = behavior_to_mixed(game, behavior)
    assert all(sum(m) == 1 for m in mixed)
    back = mixed_to_behavior(game, mixed)
    assert _fractions(back) == behavior        # full-support behaviour reaches every set
    normal = reduced_normal_form(game)
    payoffs, _ = normal.payoffs_and_regrets(normal.as_profile(mixed, exact=True))
    assert behavior_payoffs(game, behavior) == tuple(payoffs)


# -- textbook trees --------------------------------------------------------------------------------

def entry_game():
    return gt.ExtensiveFormGame(decision("Entrant", "e", {
        "Out": outcome(0, 2),
        "In": decision("Incumbent", "i", {"Fight": outcome(-1, -1), "Accommodate": outcome(1, 1)})}),
        ["Entrant", "Incumbent"], "Entry")


def test_entry_deterrence_spe_drops_the_non_credible_threat():
    game = entry_game()
    nash = gt.solve(game, method="vertex")
    plans = sorted(tuple(tuple(map(str, s)) for s in eq.behavior[0] + eq.behavior[1])
                   for eq in nash.equilibria)
    assert (("1", "0"), ("1", "0")) in plans           # Out, Fight: Nash but not subgame perfect
    spe = gt.solve(game)
    assert spe.method == "spe" and spe.complete and len(spe.equilibria) == 1
    assert spe.equilibria[0].behavior == (((0, 1),), ((0, 1),))
    threat = as_vector(game, [[[1, 0]], [[1, 0]]], exact=True)
    assert verify_subgame_perfect(game, threat, exact=True) == 2     # fighting loses 2 after In


def test_selten_horse():
    """Selten (1975): (D, c, L) with player 2 at c and (A, c, R) families; the SPE is the whole game."""
    game = gt.read_game(FIXTURES / "efg" / "selten-horse.efg")
    assert list(subgame_roots(game)) == [0]
    res = gt.solve(game)
    payoffs = sorted({tuple(eq.payoffs) for eq in res.equilibria})
    assert payoffs == [(1, 1, 1), (3, 3, 2)]
    for eq in res.equilibria:
        assert eq.regret == 0


def test_subgames_are_found_and_solved_separately():
    pennies = decision("A", "a", {
        "H": decision("B", "b", {"h": outcome(1, -1), "t": outcome(-1, 1)}),
        "T": decision("B", "b", {"h": outcome(-1, 1), "t": outcome(1, -1)})})
    game = gt.ExtensiveFormGame(decision("A", "enter", {"Out": outcome(Fraction(1, 2), 0),
                                                        "In": pennies}), ["A", "B"])
    assert list(subgame_roots(game)) == [0, 2]
    [eq] = gt.solve(game).equilibria
    # pennies is worth 0 to A, so A takes the outside option 1/2
    assert eq.behavior == (((1, 0), (Fraction(1, 2), Fraction(1, 2))), ((Fraction(1, 2), Fraction(1, 2)),))
    assert eq.payoffs == (Fraction(1, 2), 0)


def test_ties_list_every_pure_spe_and_say_the_list_is_not_complete():
    tree = decision("A", "a", {"L": decision("B", "b", {"x": outcome(3, 1), "y": outcome(0, 1)}),
                               "R": outcome(1, 0)})
    res = gt.solve(gt.ExtensiveFormGame(tree, ["A", "B"]))
    assert sorted(eq.payoffs for eq in res.equilibria) == [(1, 0), (3, 1)]
    assert not res.complete and res.degenerate


def test_chance_and_float_trees():
    tree = chance({"well": (0.25, decision("US", "calm", {"Hold": outcome(1.0), "Act": outcome(0.5)})),
                   "ill": (0.75, decision("US", "crisis", {"Hold": outcome(-4.0), "Act": outcome(-1.0)}))})
    game = gt.ExtensiveFormGame(tree, ["US"])
    assert not game.exact
    [eq] = gt.solve(game).equilibria
    assert eq.behavior == (((1.0, 0.0), (0.0, 1.0)),)
    assert eq.payoffs[0] == pytest.approx(0.25 - 0.75)
    with pytest.raises(gt.ExactArithmeticError):
        gt.solve(game, exact=True)


def test_tree_methods_refuse_strategic_games_and_bad_profiles():
    with pytest.raises(gt.InvalidGameError, match="needs a game tree"):
        gt.solve(gt.read_game("chicken"), method="spe")
    game = entry_game()
    with pytest.raises(gt.InvalidGameError, match="sum to"):
        behavior_regrets(game, [[[1, 1]], [[0, 1]]])
    with pytest.raises(gt.InvalidGameError, match="information set"):
        behavior_regrets(game, [[[1, 0], [1, 0]], [[0, 1]]])
    three = gt.read_game(FIXTURES / "efg" / "selten-horse.efg")
    with pytest.raises(gt.InvalidGameError, match="two players"):
        solve_sequence_form(three)


def test_float_mode_sequence_form_and_normal_form_methods_on_trees():
    game = gt.read_game(FIXTURES / "efg" / "kuhn-poker.efg")
    res = gt.solve(game, method="sequence-form", exact=False)
    assert res.equilibria[0].payoffs[0] == pytest.approx(-1 / 18)
    lp = gt.solve(game, method="zero-sum")
    assert lp.reduced is not None and lp.reduced.shape == (27, 64)
    assert lp.equilibria[0].payoffs[0] == Fraction(-1, 18)
    assert lp.equilibria[0].behavior is not None


def test_large_perfect_information_tree_is_solved_without_recursion():
    """A 20,000-stage centipede (40,001 nodes): one pass, one SPE, take at once."""
    node = outcome(20002, 20000)
    for t in range(19999, -1, -1):
        mover = ("A", "B")[t % 2]
        node = decision(mover, f"s{t}", {"Take": outcome(*((t + 2, t) if mover == "A" else (t, t + 2))),
                                         "Pass": node})
    game = gt.ExtensiveFormGame(node, ["A", "B"])
    res = gt.solve(game)
    [eq] = res.equilibria
    assert res.complete and eq.payoffs == (2, 0)
    assert all(probs == (1, 0) for sets in eq.behavior for probs in sets)


def test_plot_tree_draws_every_node_and_refuses_huge_trees(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    game = gt.read_game(FIXTURES / "efg" / "selten-horse.efg")
    ax = gt.plot_tree(game, behavior=gt.solve(game).equilibria[0].behavior)
    texts = [t.get_text() for t in ax.texts]
    assert "(4, 4, 0)" in texts and "L [1/4]" in texts           # a leaf, a behaviour probability
    assert len(ax.lines) >= game.num_nodes                          # an edge or marker per node
    ax.figure.savefig(tmp_path / "horse.png")
    assert (tmp_path / "horse.png").stat().st_size > 0
    node = outcome(0)
    for t in range(1100):
        node = decision("A", f"s{t}", {"stop": outcome(t), "go": node})
    with pytest.raises(gt.GameTooLargeError, match="at most"):
        gt.plot_tree(gt.ExtensiveFormGame(node, ["A"]))


def test_distinct_payoffs_on_a_perfect_information_tree_with_ties():
    # B is indifferent: two SPE with the same payoffs; distinct_payoffs lists one (this used to
    # fail: the perfect-information shortcut gave the subgame solver no subgames below a node)
    tree = gt.decision("A", "a", {"L": gt.decision("B", "b", {"l": gt.outcome(1, 0),
                                                             "r": gt.outcome(1, 0)}),
                                  "R": gt.outcome(0, 1)})
    game = gt.ExtensiveFormGame(tree, ["A", "B"])
    assert len(solve_spe(game).equilibria) == 2
    one = solve_spe(game, distinct_payoffs=True)
    assert len(one.equilibria) == 1 and [str(v) for v in one.equilibria[0].payoffs] == ["1", "0"]


def test_too_many_tied_spe_give_one_per_payoff_vector():
    ttt = gt.read_game(Path(__file__).parent / "fixtures" / "gambit_collection" / "contrib"
                       / "games" / "ttt.efg")
    res = solve_spe(ttt)
    assert not res.complete and "one per distinct payoff vector" in res.notes[0]
    assert [[str(v) for v in eq.payoffs] for eq in res.equilibria] == [["0", "0"]]


def test_sequence_form_refuses_a_game_in_strategic_form_in_one_line():
    with pytest.raises(gt.InvalidGameError, match="needs a game tree"):
        gt.solve_sequence_form(gt.read_game("chicken"))


def test_sequence_form_float_path_that_fails_verification_says_so(monkeypatch):
    """A float run whose profile does not verify is recomputed exactly, and the result says so."""
    from gametheory.solvers import sequence_form as module
    real = module.verified_behaviour

    def fails_in_float(game, vector, exact, tol):
        if not exact:
            raise gt.VerificationError("regret too large (forced by the test)")
        return real(game, vector, exact, tol)

    monkeypatch.setattr(module, "verified_behaviour", fails_in_float)
    res = gt.solve_sequence_form(gt.read_game("entry-deterrence"), exact=False)
    assert res.exact and res.notes[0].startswith("the floating-point path did not verify")
    assert res.equilibria[0].regret == 0
