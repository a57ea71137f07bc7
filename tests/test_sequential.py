"""Sequential equilibria of small trees (Kreps and Wilson 1982): certified with consistent
beliefs from trembles, refuted where no belief supports a choice.

Known answers: Selten's horse, where (C, c, R) is sequential (player 3 believes player 2 moved
down) and every equilibrium with player 1 at D is not (player 2's c is a mistake were its node
reached).  Cross-check: in signalling games every belief system is consistent, so every pure
perfect Bayesian equilibrium found by the signalling module is sequential (never refuted), and a
refuted profile is never one of them."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np

import gametheory as gt
from gametheory.analysis.sequential import sequential_check, sequential_equilibria
from gametheory.solvers.spe import node_values
from gametheory.games.behavior import as_vector


def test_seltens_horse():
    res = sequential_equilibria(gt.read_game("selten-horse"))
    verdict = {}
    for eq, check in zip(res.result.equilibria, res.checks):
        first = "C" if eq.behavior[0][0][0] == 1 else "D"
        verdict.setdefault(first, set()).add(check.sequential)
    assert verdict["D"] == {False}
    assert True in verdict["C"]
    pure = next(c for c in res.checks if c.sequential)
    assert pure.beliefs[("Player 3", "1")] == {"C, d": 1, "D": 0}
    refuted = next(c for c in res.checks if c.sequential is False)
    assert "Player 2" in refuted.reason


def _supported(game, behavior, beliefs) -> bool:
    """Sequential rationality against the given beliefs, recomputed here (exact)."""
    f = game.flat
    vector = as_vector(game, behavior, True)
    values = node_values(game, vector, True)
    for s, (player, name) in enumerate(game.infoset_keys):
        nodes = [int(i) for i in np.flatnonzero(f.infoset == s)]
        p = int(f.player[nodes[0]])
        lo, hi = int(f.slot_offset[s]), int(f.slot_offset[s + 1])
        belief = list(beliefs[(player, name)].values())
        # beliefs are listed in node order
        exp = [sum(b * values[int(f.child_idx[f.child_ptr[i] + a]), p] for b, i in zip(belief, nodes))
               for a in range(hi - lo)]
        if any(vector[lo + a] != 0 and exp[a] != max(exp) for a in range(hi - lo)):
            return False
    return True


def test_signalling_games_pbe_are_sequential_and_refutations_are_not_pbe():
    rng = np.random.default_rng(4)
    seen = {True: 0, False: 0}
    for _ in range(25):
        S = rng.integers(0, 4, size=(2, 2, 2))
        R = rng.integers(0, 4, size=(2, 2, 2))
        p = F(int(rng.integers(1, 9)), 10)
        g = gt.SignallingGame(["a", "b"], [p, 1 - p], ["x", "y"], ["L", "H"], S, R)
        tree = g.tree()
        pbe = gt.perfect_bayesian_equilibria(g)
        pure = {(tuple(e.messages.values()), tuple(e.responses.values())) for e in pbe.equilibria}
        for e in pbe.equilibria:
            behavior = _behaviour(g, tree, e)
            check = sequential_check(tree, behavior)
            assert check.sequential is not False
            if check.sequential:
                seen[True] += 1
                assert _supported(tree, behavior, check.beliefs)
        # every pure profile refuted as sequential is not a PBE
        for plan in np.ndindex(2, 2):
            for resp in np.ndindex(2, 2):
                e = (tuple(["x", "y"][k] for k in plan), tuple(["L", "H"][k] for k in resp))
                behavior = _behaviour_of(g, tree, plan, resp)
                if sequential_check(tree, behavior).sequential is False:
                    seen[False] += 1
                    assert e not in pure
    assert seen[True] > 10 and seen[False] > 10


def _behaviour_of(g, tree, plan, resp):
    out = []
    for player in tree.players:
        per = []
        for name in tree.player_infosets(player):
            if player == g.sender:
                t = g.types.index(name[len("type "):])
                per.append([F(int(m == plan[t])) for m in range(2)])
            else:
                m = g.messages.index(name[len("heard "):])
                per.append([F(int(a == resp[m])) for a in range(2)])
        out.append(per)
    return out


def _behaviour(g, tree, e):
    plan = tuple(g.messages.index(e.messages[t]) for t in g.types)
    resp = tuple(g.actions.index(e.responses[m]) for m in g.messages)
    return _behaviour_of(g, tree, plan, resp)
