"""Signalling games: perfect Bayesian equilibria and the Intuitive Criterion on the textbook cases.

Known answers: beer-quiche (Cho and Kreps 1987; prior 1/10 weak): two pooling equilibria, on
beer (supported by the belief that a quiche eater is weak with probability at least 1/2) and on
quiche; only beer-pooling passes the Intuitive Criterion; no separating equilibrium.  A
discretised Spence job market: pooling at no education and the separating equilibria where the
high type studies 1 or 2; the Intuitive Criterion leaves only the least-cost separating one
(Riley's outcome).
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.errors import InvalidGameError


def test_beer_quiche():
    res = gt.perfect_bayesian_equilibria(gt.textbook_game("beer-quiche"))
    assert res.exact
    summary = [(e.kind, e.messages, e.responses, e.intuitive) for e in res.equilibria]
    assert summary == [
        ("pooling", {"weak": "beer", "strong": "beer"}, {"beer": "not", "quiche": "duel"}, True),
        ("pooling", {"weak": "quiche", "strong": "quiche"}, {"beer": "duel", "quiche": "not"}, False)]
    beer = res.equilibria[0]
    assert beer.beliefs == {"beer": {"weak": F(1, 10), "strong": F(9, 10)}}
    assert beer.off_path == {"quiche": {"weak": (F(1, 2), F(1)), "strong": (F(0), F(1, 2))}}
    assert beer.payoffs == {"weak": 2, "strong": 3, "receiver": F(9, 10)}
    assert "'strong'" in res.equilibria[1].reason
    assert res.intuitive == (beer,)


def test_job_market_intuitive_criterion_selects_the_least_cost_separating_equilibrium():
    res = gt.perfect_bayesian_equilibria(gt.textbook_game("job-market"))
    kinds = sorted({(e.kind, e.messages["high"]) for e in res.equilibria})
    assert kinds == [("pooling", "e=0"), ("separating", "e=1"), ("separating", "e=2")]
    assert {(e.kind, e.messages["high"]) for e in res.intuitive} == {("separating", "e=1")}
    riley = res.intuitive[0]
    assert riley.payoffs["high"] == 2 - F(1, 3) and riley.payoffs["low"] == 1


def test_hybrid_beer_quiche_when_the_weak_type_is_likely():
    # prior 9/10 weak: the strong type drinks beer, the weak one mixes (beer 1/9) so that a beer
    # drinker is weak with probability 1/2, and the receiver duels a beer drinker half the time
    base = gt.textbook_game("beer-quiche")
    g = gt.SignallingGame(base.types, ["9/10", "1/10"], base.messages, base.actions,
                          base.sender_payoffs, base.receiver_payoffs)
    pure = gt.perfect_bayesian_equilibria(g)
    assert all(e.kind != "hybrid" for e in pure.equilibria)
    res = gt.perfect_bayesian_equilibria(g, mixed=True)
    hybrid = [e for e in res.equilibria if e.kind == "hybrid"]
    assert len(hybrid) == 1
    h = hybrid[0]
    assert h.sender == {"weak": {"beer": F(1, 9), "quiche": F(8, 9)}, "strong": {"beer": 1}}
    assert h.receiver == {"beer": {"duel": F(1, 2), "not": F(1, 2)}, "quiche": {"duel": 1}}
    assert h.beliefs["beer"] == {"weak": F(1, 2), "strong": F(1, 2)}
    assert h.messages == {"weak": None, "strong": "beer"} and h.intuitive
    assert h.payoffs["weak"] == 1 and h.payoffs["strong"] == 2
    # the pure ones come first, and nothing is listed twice
    assert res.equilibria[:len(pure.equilibria)] == pure.equilibria
    assert len({(str(e.sender), str(e.receiver)) for e in res.equilibria}) == len(res.equilibria)


def test_every_listed_equilibrium_is_one_by_the_definition_and_none_is_missed():
    """On random 2-type, 2-message, 2-action games: each listed profile is an equilibrium (checked
    here from the payoffs), and every pure profile that is one is listed."""
    rng = np.random.default_rng(21)
    for _ in range(40):
        S = rng.integers(0, 4, size=(2, 2, 2))
        R = rng.integers(0, 4, size=(2, 2, 2))
        p = F(int(rng.integers(1, 9)), 10)
        g = gt.SignallingGame(["a", "b"], [p, 1 - p], ["x", "y"], ["L", "H"], S, R)
        listed = {(tuple(e.messages.values()), tuple(e.responses.values()))
                  for e in gt.perfect_bayesian_equilibria(g).equilibria}
        expected = set()
        for plan in np.ndindex(2, 2):
            for resp in np.ndindex(2, 2):
                if any(S[t, plan[t], resp[plan[t]]] < S[t, m, resp[m]] for t in range(2) for m in range(2)):
                    continue
                ok = True
                for m in range(2):
                    senders = [t for t in range(2) if plan[t] == m]
                    prior = [p, 1 - p]
                    if senders:
                        mu = [prior[t] if t in senders else 0 for t in range(2)]
                        vals = [sum(mu[t] * R[t, m, a] for t in range(2)) for a in range(2)]
                        ok &= vals[resp[m]] == max(vals)
                    else:                 # some belief q = P(a) in [0, 1] supports the response
                        other = 1 - resp[m]
                        gap = [R[t, m, resp[m]] - R[t, m, other] for t in range(2)]
                        ok &= max(gap) >= 0   # linear in q: best at q = 0 or q = 1
                if ok:
                    expected.add((tuple(["x", "y"][k] for k in plan),
                                  tuple(["L", "H"][k] for k in resp)))
        assert listed == expected


@pytest.mark.parametrize("kwargs, message", [
    ({"prior": ["1/2", "1/3"]}, "sum to 5/6, not 1"),
    ({"prior": ["0", "1"]}, "positive prior probability"),
    ({"prior": ["1"]}, "one probability per type"),
    ({"sender_payoffs": [[[1, 2]], [[3, 4]]]}, "must have shape (2, 2, 2)"),
    ({"messages": ["x", "x"]}, "appears twice"),
])
def test_bad_input_is_one_line(kwargs, message):
    args = dict(types=["a", "b"], prior=["1/2", "1/2"], messages=["x", "y"], actions=["L", "H"],
                sender_payoffs=np.zeros((2, 2, 2), dtype=int),
                receiver_payoffs=np.zeros((2, 2, 2), dtype=int))
    args.update(kwargs)
    with pytest.raises(InvalidGameError) as err:
        gt.SignallingGame(**args)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_catalogue_by_name_and_as_trees(capsys):
    assert set(gt.textbook_games()) == {"beer-quiche", "job-market", "entry-deterrence", "bos-avoid"}
    assert all("19" in citation or "20" in citation for citation in gt.textbook_games().values())
    tree = gt.read_game("beer-quiche")
    assert isinstance(tree, gt.ExtensiveFormGame) and tree.players == ("Sender", "Receiver")
    # the tree's equilibria include both pooling outcomes (as behaviour strategies)
    assert gt.solve(tree).equilibria
    assert isinstance(gt.read_game("selten-horse"), gt.ExtensiveFormGame)
    res = gt.solve_bayes_nash(gt.textbook_game("entry-deterrence"))
    assert len(res.equilibria) == 3
    with pytest.raises(InvalidGameError, match="no textbook game"):
        gt.textbook_game("chess")
    from gametheory.games.catalogue import TEXTBOOK
    for name, entry in TEXTBOOK.items():          # each entry's kind is what it builds
        kind = gt.SignallingGame if entry.kind == "signalling" else gt.BayesianGame
        assert isinstance(gt.textbook_game(name), kind)


def test_cli_signal(capsys):
    assert main(["signal", "beer-quiche", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.signalling/1"
    assert [e["intuitive"] for e in d["equilibria"]] == [True, False]
    assert main(["signal", "chicken"]) == 2
    assert "not a signalling game" in capsys.readouterr().err
