"""Every game file of the Gambit project's collection: read, counted as Gambit counts, solved.

The files are ``tests/fixtures/gambit_collection/`` (Gambit's ``contrib/games``,
``tests/test_games``, ``catalog`` and ``doc``; see ``SOURCE.md`` there), and what pygambit
17.0.0b2 reads in each is ``tests/fixtures/gambit_collection.json``
(``make_gambit_collection_fixtures.py``).  For each file: the same players, the same number of
information sets, the same strategy counts (Gambit's reduced strategies, with or without
perfect recall), the default method answers, the game is written and read back unchanged, and
for two-player games the extreme equilibria have the payoffs Gambit's ``enummixed`` finds.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

import gametheory as gt

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FOLDER = FIXTURES / "gambit_collection"
DATA = json.loads((FIXTURES / "gambit_collection.json").read_text(encoding="utf-8"))
GAMES = {g["file"]: g for g in DATA["games"]}

#: Files the default method refuses in one line (with the reason): none.  Gambit's cs.efg, whose
#: 4-player normal form has 64 x 2 x 8 x 512 strategies, is solved (its large subgame by the
#: agent logit QRE on the tree); tic-tac-toe, with more than 100,000 subgame-perfect equilibria
#: (ties everywhere), gets one per payoff vector, marked incomplete.
REFUSED: dict[str, str] = {}


#: Files pygambit 17.0.0b2 itself could not read (a node or information set label that is not
#: unique) or did not finish within a minute: this project reads them all; the other tests
#: below cover them where there is something to compare with.
UNREAD = {line.split(":")[0]: line for line in DATA["unread_by_pygambit"]}


def test_the_whole_collection_is_there():
    files = sorted(str(p.relative_to(FOLDER)) for p in FOLDER.rglob("*")
                   if p.suffix in (".nfg", ".efg"))
    assert len(files) == 234 and files == sorted([*GAMES, *UNREAD])
    for name in UNREAD:                             # read here even where pygambit does not
        assert gt.read_game(FOLDER / name).players


@pytest.mark.parametrize("name", sorted(GAMES))
def test_read_as_gambit_reads_it(name):
    entry = GAMES[name]
    game = gt.read_game(FOLDER / name)
    # an empty player name: pygambit 17 calls it "_k", this project "Player k"
    theirs = [f"Player {p[1:]}" if re.fullmatch(r"_\d+", p) else p for p in entry["players"]]
    assert list(game.players) == theirs
    if name.endswith(".efg"):
        assert [len(game.player_infosets(p)) for p in game.players] == entry["infosets"]
        assert game.perfect_recall == entry["perfect_recall"]
        if entry["strategies"] is not None:
            assert list(gt.reduced_normal_form(game).shape) == entry["strategies"]
    else:
        assert list(game.shape) == entry["strategies"]


#: Where pygambit's enummixed misses equilibria: Gambit's own test game with payoffs of 10^19
#: ("large_payoff_game.efg"), on which pygambit's enumpure and lcp find the pure equilibrium
#: (player 1 plays A at both sets, player 2 plays Y then X), paying (1, -1), and its enummixed
#: finds nothing.  Our vertex enumeration finds it; every equilibrium is verified exactly.
ENUMMIXED_MISSES = {"tests/test_games/large_payoff_game.efg": [["1", "-1"]]}


def _payoff_pairs(result) -> list[list[str]]:
    pairs = {tuple(Fraction(x) for x in eq.payoffs) for eq in result.equilibria}
    return [[str(x) for x in pair] for pair in sorted(pairs)]


@pytest.mark.parametrize("name", sorted(n for n, g in GAMES.items() if g["enummixed"] is not None))
def test_two_player_extreme_equilibria_as_gambit_enummixed(name):
    game = gt.read_game(FOLDER / name)
    normal = gt.reduced_normal_form(game) if name.endswith(".efg") else game
    result = gt.solve(normal, method="vertex", exact=True)
    assert result.complete
    theirs = [[str(Fraction(x)) for x in pair] for pair in GAMES[name]["enummixed"]]
    if name in ENUMMIXED_MISSES:                # every one of theirs is ours, and we find more
        assert all(pair in _payoff_pairs(result) for pair in theirs)
        assert _payoff_pairs(result) == ENUMMIXED_MISSES[name]
        return
    assert _payoff_pairs(result) == theirs


@pytest.mark.parametrize("name", sorted([*GAMES, *UNREAD]))
def test_the_default_method_answers(name):
    game = gt.read_game(FOLDER / name)
    if name in REFUSED:
        with pytest.raises(gt.GameError, match=REFUSED[name]) as err:
            gt.solve(game)
        assert "\n" not in str(err.value)
        return
    result = gt.solve(game)
    assert result.equilibria
    for eq in result.equilibria:                     # every answer verified
        assert (eq.regret == 0) if result.exact else float(eq.regret) <= 1e-6


@pytest.mark.parametrize("name", sorted([*GAMES, *UNREAD]))
def test_written_and_read_back_the_same(name):
    game = gt.read_game(FOLDER / name)
    if name.endswith(".nfg"):
        assert gt.parse_nfg(gt.format_nfg(game)) == game
        return
    again = gt.parse_efg(gt.format_efg(game))
    assert gt.format_efg(again) == gt.format_efg(game)
    assert again.players == game.players and again.infosets == game.infosets
    f, g = game.flat, again.flat
    assert (f.kind == g.kind).all() and (f.parent == g.parent).all()
    exact = f.payoff_exact if game.exact else f.payoff
    back = g.payoff_exact if game.exact else g.payoff
    leaves = f.leaves
    assert exact[leaves].tolist() == back[leaves].tolist()
    assert again.perfect_recall == game.perfect_recall


#: Trees with perfect recall where pygambit's agent logit (``logit_solve(g, use_strategic=False)``)
#: returned an equilibrium: each player's payoff there, from the committed fixture.
LOGIT = {name: g["logit"] for name, g in GAMES.items() if "logit" in g}


def test_the_logit_fixture_covers_the_trees():
    assert len(LOGIT) >= 120
    assert "contrib/games/cs.efg" in LOGIT


@pytest.mark.parametrize("name", sorted(LOGIT))
def test_agent_qre_ends_where_gambit_logit_ends(name):
    """The branch traced on the tree reaches the equilibrium Gambit's ``logit`` reaches, except
    past a bifurcation (symmetric games), where Gambit perturbs its equations and takes a side
    branch while this project follows the branch straight through, and says so.  A wrong
    Jacobian, a jump to another branch or a wrong action value would end elsewhere."""
    game = gt.read_game(FOLDER / name)
    result = gt.solve(game, method="qre")
    assert result.method == "qre" and len(result.equilibria) == 1
    eq = result.equilibria[0]
    assert (eq.regret == 0) if result.exact else float(eq.regret) <= 1e-6
    ours = [float(v) for v in eq.payoffs]
    theirs = LOGIT[name]
    scale = max(1.0, *map(abs, theirs))
    if any("bifurcation" in note for note in result.notes):
        return
    # Gambit stops at a regret of 1e-8 of the payoff range and returns that point unpolished, so
    # its payoffs are off the equilibrium's by up to about 1e-5 of the range
    assert max(abs(a - b) for a, b in zip(ours, theirs)) <= 1e-4 * scale


def test_agent_qre_where_gambit_logit_fails():
    """Trees on which pygambit's logit returned no equilibrium: the agent QRE certifies one."""
    failed = [name for name, g in GAMES.items() if "logit_error" in g]
    assert failed
    for name in failed:
        result = gt.solve(gt.read_game(FOLDER / name), method="qre")
        assert result.equilibria
