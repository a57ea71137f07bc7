"""Cheap talk before a game: what it can and cannot coordinate (Farrell 1987; Farrell and
Rabin 1996).  Known answers: in the stag hunt, one round of talk by one player has
subgame-perfect equilibria that reach (Stag, Stag) for sure and babbling ones that keep
(Hare, Hare); in a game with one equilibrium (matching pennies) talk changes nothing."""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.errors import GameTooLargeError, InvalidGameError


def _product(strategies, game):
    out = {}
    for ix in np.ndindex(*game.shape):
        p = F(1)
        for i, a in enumerate(ix):
            p *= strategies[i][a]
        if p:
            out[tuple(game.actions[i][a] for i, a in enumerate(ix))] = p
    return out


def test_stag_hunt_talk_can_select_the_efficient_equilibrium_but_need_not():
    game = gt.read_game("stag-hunt")
    t = gt.talk_outcomes(game, ["stag", "hare"], senders=["Row"])
    dists = [o.distribution for o in t.outcomes]
    assert {("Stag", "Stag"): 1} in dists          # talk coordinates on the efficient one ...
    assert {("Hare", "Hare"): 1} in dists          # ... and babbling keeps the safe one
    assert t.outcomes[0].distribution == {("Stag", "Stag"): 1}
    assert t.outcomes[0].payoffs == (4, 4)
    # every equilibrium of the game without talk survives as a babbling outcome
    for eq in t.without_talk.equilibria:
        assert _product(eq.strategies, game) in dists


def test_talk_changes_nothing_with_a_unique_equilibrium():
    game = gt.read_game("matching-pennies")
    t = gt.talk_outcomes(game, ["heads", "tails"])
    assert [o.distribution for o in t.outcomes] == [_product(t.without_talk.equilibria[0].strategies, game)]


def test_random_games_babbling_and_consistent_payoffs():
    rng = np.random.default_rng(5)
    for _ in range(15):
        game = gt.NormalFormGame([rng.integers(-3, 4, size=(2, 2)) for _ in range(2)])
        t = gt.talk_outcomes(game, ["a", "b"], senders=[game.players[0]])
        dists = [o.distribution for o in t.outcomes]
        for eq in t.without_talk.equilibria:
            assert _product(eq.strategies, game) in dists
        for o in t.outcomes:                       # payoffs are the distribution's expectation
            assert sum(o.distribution.values()) == 1
            for i in range(2):
                expected = sum(p * game.payoffs[i][tuple(game.actions[k].index(a)
                                                         for k, a in enumerate(prof))]
                               for prof, p in o.distribution.items())
                assert o.payoffs[i] == expected
        assert sum(o.count for o in t.outcomes) == len(t.with_talk.equilibria)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"senders": ["Nobody"]}, InvalidGameError, "'Nobody' is not a player"),
    ({"messages": ["one"]}, InvalidGameError, "at least two messages"),
    ({"messages": ["a", "a"]}, InvalidGameError, "repeated message"),
    ({"messages": {"Row": ["a", "b"], "Column": ["a", "b"]}, "senders": ["Row"]}, InvalidGameError,
     "'Column' is given messages but is not a sender"),
    ({"messages": [str(k) for k in range(500)]}, GameTooLargeError, "limit"),
])
def test_bad_input_is_one_line(kwargs, error, message):
    args = {"messages": ["a", "b"], "senders": None, **kwargs}
    with pytest.raises(error) as err:
        gt.cheap_talk(gt.read_game("stag-hunt"), args["messages"], args["senders"])
    assert message in str(err.value) and "\n" not in str(err.value)


def test_cli_json_and_errors(capsys):
    assert main(["talk", "stag-hunt", "--senders", "Row", "--messages", "stag,hare",
                 "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.talk/1" and d["senders"] == ["Row"]
    assert d["outcomes"][0] == {"distribution": [{"profile": ["Stag", "Stag"], "probability": "1"}],
                                "payoffs": ["4", "4"], "count": 6}
    assert len(d["without_talk"]["equilibria"]) == 3
    assert main(["talk", "stag-hunt", "--senders", "Nobody"]) == 2
    err = capsys.readouterr().err
    assert "not a player" in err and err.count("\n") == 1


def test_model_talk_table_gives_the_defaults(capsys):
    stage = gt.load_model("talks").talk
    assert stage.senders == ("US",) and stage.messages == ("go", "hold")
    assert main(["talk", "talks", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["senders"] == ["US"] and len(d["outcomes"]) == 1
