"""Extensive-form games: tree validation and backward induction on textbook trees."""

from __future__ import annotations

from fractions import Fraction

import pytest

import gametheory as gt
from gametheory.games.behavior import pure_actions
from gametheory.games.tree import ExtensiveFormGame, chance, decision, outcome
from gametheory.solvers.spe import backward_induction


def entry():
    return decision("Entrant", "e", {
        "Out": outcome(0, 2),
        "In": decision("Incumbent", "i", {"Fight": outcome(-1, -1), "Accommodate": outcome(1, 1)})})


def test_entry_deterrence_has_one_spe():
    game = ExtensiveFormGame(entry(), ["Entrant", "Incumbent"], title="Entry")
    assert game.perfect_information and game.num_nodes == 5 and game.exact
    [spe] = backward_induction(game)
    assert pure_actions(game, spe.behavior) == {("Entrant", "e"): "In", ("Incumbent", "i"): "Accommodate"}
    assert spe.payoffs == (1, 1)


def centipede(rounds: int):
    """Rosenthal's centipede: at stage t the mover takes (t+2, t) or passes; the pot grows."""
    def stage(t: int):
        mover = ("A", "B")[t % 2]
        take = (t + 2, t) if mover == "A" else (t, t + 2)
        rest = outcome(rounds + 2, rounds) if t == rounds - 1 else stage(t + 1)
        return decision(mover, f"s{t}", {"Take": outcome(*take), "Pass": rest})
    return stage(0)


def test_centipede_unravels():
    game = ExtensiveFormGame(centipede(6), ["A", "B"])
    [spe] = backward_induction(game)
    actions = pure_actions(game, spe.behavior)
    assert all(a == "Take" for a in actions.values()) and len(actions) == 6
    assert spe.payoffs == (2, 0)


def test_ties_give_every_spe():
    # B is indifferent after "L": both of its choices make an SPE, and A's best reply differs
    tree = decision("A", "a", {
        "L": decision("B", "b", {"x": outcome(3, 1), "y": outcome(0, 1)}),
        "R": outcome(1, 0)})
    game = ExtensiveFormGame(tree, ["A", "B"])
    spes = backward_induction(game)
    plans = sorted((pure_actions(game, s.behavior)[("A", "a")], pure_actions(game, s.behavior)[("B", "b")])
                   for s in spes)
    assert plans == [("L", "x"), ("R", "y")]
    assert sorted(s.payoffs for s in spes) == [(1, 0), (3, 1)]


def test_chance_moves_are_averaged_exactly():
    tree = chance({
        "well": (Fraction(1, 2), decision("US", "calm", {"Hold": outcome(1), "Act": outcome(0)})),
        "crisis": (Fraction(1, 2), decision("US", "crisis", {"Hold": outcome(-4), "Act": outcome(-1)}))})
    game = ExtensiveFormGame(tree, ["US"])
    [spe] = backward_induction(game)
    assert pure_actions(game, spe.behavior) == {("US", "calm"): "Hold", ("US", "crisis"): "Act"}
    assert spe.payoffs == (Fraction(0),)


@pytest.mark.parametrize("build, message", [
    (lambda: chance({"a": (Fraction(1, 2), outcome(1)), "b": (Fraction(1, 3), outcome(0))}), "sum to 5/6"),
    (lambda: chance({"a": (-0.5, outcome(1)), "b": (1.5, outcome(0))}), "negative"),
    (lambda: decision("A", "a", {"x": outcome(1, 2)}), "2 payoffs for 1 players"),
    (lambda: decision("Z", "a", {"x": outcome(1)}), "unknown player 'Z'"),
    (lambda: decision("A", "a", {"x": outcome(float("nan"))}), "finite"),
    (lambda: chance({"c": (1, decision("A", "a", {"x": outcome(1), "y": outcome(2)})),
                     "d": (0, decision("A", "a", {"x": outcome(1)}))}), "offers actions"),
])
def test_bad_trees_name_the_node(build, message):
    with pytest.raises(gt.InvalidGameError, match=message):
        ExtensiveFormGame(build(), ["A"])


def test_a_shared_subtree_is_refused():
    leaf = outcome(1)
    with pytest.raises(gt.InvalidGameError, match="appears twice"):
        ExtensiveFormGame(decision("A", "a", {"x": leaf, "y": leaf}), ["A"])


def test_imperfect_recall_is_read_and_solved_on_the_normal_form():
    # A forgets its own first move: both second-stage nodes share one information set
    tree = decision("A", "first", {
        "L": decision("A", "second", {"x": outcome(1), "y": outcome(0)}),
        "R": decision("A", "second", {"x": outcome(0), "y": outcome(1)})})
    game = ExtensiveFormGame(tree, ["A"])
    assert not game.perfect_recall and not game.absent_minded
    assert "A forgets at information set 'second'" in game.recall_note
    # every plan, an action at each information set (none ruled out: A does not know its move)
    normal = gt.reduced_normal_form(game)
    assert normal.actions == (("L/x", "L/y", "R/x", "R/y"),)
    assert normal.payoffs[0].tolist() == [1, 0, 0, 1]
    res = gt.solve(game)
    assert sorted(tuple(eq.strategies[0]) for eq in res.equilibria) == [(0, 0, 0, 1), (1, 0, 0, 0)]
    assert "lacks perfect recall" in res.notes[0]
    # the methods that need perfect recall say so in one line
    for method in ("spe", "sequence-form"):
        with pytest.raises(gt.InvalidGameError, match="needs perfect recall") as err:
            gt.solve(game, method=method)
        assert "\n" not in str(err.value)


def test_absent_mindedness_the_drivers_paradox():
    # Piccione and Rubinstein (1997): the driver cannot tell the two exits apart
    tree = decision("D", "road", {
        "Exit": outcome(0),
        "Continue": decision("D", "road", {"Exit": outcome(4), "Continue": outcome(1)})})
    game = ExtensiveFormGame(tree, ["D"])
    assert game.absent_minded and not game.perfect_recall
    # pure plans: the same action at both visits; the planning optimum is Continue (payoff 1)
    normal = gt.reduced_normal_form(game)
    assert normal.actions == (("Exit", "Continue"),) and normal.payoffs[0].tolist() == [0, 1]
    [eq] = gt.solve(game).equilibria
    assert eq.payoffs == (1,)
    with pytest.raises(gt.InvalidGameError, match="absent-minded"):
        gt.agent_form(game)


def test_imperfect_information_is_refused_by_backward_induction():
    tree = decision("A", "a", {
        "L": decision("B", "b", {"x": outcome(1, 1), "y": outcome(0, 0)}),
        "R": decision("B", "b", {"x": outcome(0, 0), "y": outcome(1, 1)})})
    game = ExtensiveFormGame(tree, ["A", "B"])
    assert not game.perfect_information
    with pytest.raises(gt.InvalidGameError, match="perfect information"):
        backward_induction(game)


def test_reduced_normal_form_and_its_equilibria():
    from gametheory.games.tree import reduced_normal_form
    game = ExtensiveFormGame(entry(), ["Entrant", "Incumbent"])
    g = reduced_normal_form(game)
    assert g.actions == (("Out", "In"), ("Fight", "Accommodate"))
    assert g.payoffs[0].tolist() == [[0, 0], [-1, 1]] and g.payoffs[1].tolist() == [[2, 2], [-1, 1]]
    # the Nash equilibria of the strategic form include the non-credible threat (Out, Fight)
    res = gt.solve(g, method="vertex")
    pure = {eq.supports for eq in res.equilibria if eq.is_pure}
    assert ((1,), (1,)) in pure and ((0,), (0,)) in pure
    # the SPE is among them
    [spe] = backward_induction(game)
    assert spe.payoffs == tuple(g.payoffs[k][1, 1] for k in range(2))


def test_reduced_plans_merge_unreachable_choices():
    from gametheory.games.tree import reduced_normal_form
    # A moves twice; after "Stop" its second information set is unreachable
    tree = decision("A", "first", {
        "Stop": outcome(1, 0),
        "Go": decision("B", "b", {"l": decision("A", "second", {"x": outcome(2, 1), "y": outcome(0, 2)}),
                                  "r": outcome(0, 0)})})
    g = reduced_normal_form(ExtensiveFormGame(tree, ["A", "B"]))
    assert g.actions[0] == ("Stop/*", "Go/x", "Go/y")            # 3 reduced plans, not 4
    assert g.payoffs[0][1].tolist() == [2, 0] and g.payoffs[0][0].tolist() == [1, 1]


def test_reduced_form_with_chance_and_information_sets():
    from gametheory.games.tree import reduced_normal_form
    # matching pennies where B does not see A's coin; a fair chance move sets the stakes
    def pennies(k):
        return decision("A", "a", {
            "H": decision("B", "b", {"H": outcome(k, -k), "T": outcome(-k, k)}),
            "T": decision("B", "b", {"H": outcome(-k, k), "T": outcome(k, -k)})})
    # chance first, seen by nobody: each player has one information set across both branches,
    # and the strategic form is matching pennies with expected stakes 3/2
    tree = chance({"low": (Fraction(1, 2), pennies(1)), "high": (Fraction(1, 2), pennies(2))})
    game = ExtensiveFormGame(tree, ["A", "B"])
    g = reduced_normal_form(game)
    assert g.shape == (2, 2) and g.payoffs[0].tolist() == [[Fraction(3, 2), Fraction(-3, 2)],
                                                            [Fraction(-3, 2), Fraction(3, 2)]]
    assert not game.perfect_information
    res = gt.solve(g)
    assert [[str(p) for p in s] for s in res.equilibria[0].strategies] == [["1/2", "1/2"], ["1/2", "1/2"]]


# ----------------------------------------------------------------------------- .efg files
from gametheory.io.efg import format_efg, parse_efg, read_efg, write_efg  # noqa: E402

ENTRY_EFG = '''EFG 2 R "Entry" { "Entrant" "Incumbent" }
"A textbook game"

p "" 1 1 "e" { "Out" "In" } 0
t "" 1 "stay out" { 0, 2 }
p "" 2 1 "i" { "Fight" "Accommodate" } 0
t "" 2 "fight" { -1, -1 }
t "" 3 "share" { 1, 1 }
'''


def _same_tree(a, b) -> bool:
    return (a.kind == b.kind and a.player == b.player and a.infoset == b.infoset
            and a.actions == b.actions and tuple(map(Fraction, a.probabilities)) == tuple(map(Fraction, b.probabilities))
            and tuple(map(Fraction, a.payoffs)) == tuple(map(Fraction, b.payoffs))
            and len(a.children) == len(b.children)
            and all(_same_tree(x, y) for x, y in zip(a.children, b.children)))


def test_efg_entry_game():
    game = parse_efg(ENTRY_EFG, "entry.efg")
    assert game.title == "Entry" and game.players == ("Entrant", "Incumbent")
    [spe] = backward_induction(game)
    assert pure_actions(game, spe.behavior) == {("Entrant", "e"): "In", ("Incumbent", "i"): "Accommodate"}


def test_efg_round_trip(tmp_path):
    tree = chance({
        "well": (Fraction(1, 2), decision("US", "calm", {"Hold": outcome(1, 0), "Act": outcome(0, -1)})),
        "crisis": (Fraction(1, 2), decision("US", "crisis", {
            "Hold": decision("PRC", "p", {"Hold": outcome(-4, -2), "Act": outcome(-3, -1)}),
            "Act": decision("PRC", "p", {"Hold": outcome(-1, -3), "Act": outcome(-2, Fraction(-5, 2))})}))})
    game = ExtensiveFormGame(tree, ["US", "PRC"], title='A "quoted" title')
    path = tmp_path / "g.efg"
    write_efg(game, path)
    again = read_efg(path)
    assert again.title == game.title and again.players == game.players
    assert again.infosets == game.infosets and _same_tree(again.root, game.root)
    assert format_efg(again) == format_efg(game)


def test_efg_outcomes_on_inner_nodes_add_up_and_infosets_can_repeat_without_actions():
    text = '''EFG 2 R "x" { "A" "B" }
p "" 1 1 "a" { "L" "R" } 1 "entry fee" { -1, 0 }
p "" 2 1 "b" { "l" "r" } 0
t "" 2 "" { 3, 1 }
t "" 3 "" { 0, 0 }
p "" 2 1 0
t "" 2
t "" 4 "" { 1, 2 }
'''
    game = parse_efg(text)
    assert not game.perfect_information and game.infosets[("B", "b")] == ("l", "r")
    leaves = [game.root.children[0].children[0], game.root.children[1].children[1]]
    assert [leaf.payoffs for leaf in leaves] == [(2, 1), (0, 2)]


@pytest.mark.parametrize("text, message", [
    ('NFG 1 R "x" { "A" }', "must start with EFG"),
    ('EFG 2 R "x { "A" }', "never closed"),
    ('EFG 2 R "x" { "A" }\nq "" 1\n', "unknown node type 'q'"),
    ('EFG 2 R "x" { "A" }\np "" 2 1 "a" { "L" } 0\nt "" 1 "" { 1 }\n', "player 2 does not exist"),
    ('EFG 2 R "x" { "A" }\nc "" 1 "" { "H" 1/2 "T" 1/3 } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 0 }\n',
     "sum to 5/6"),
    ('EFG 2 R "x" { "A" }\np "" 1 1 "a" { "L" } 0\nt "" 2\n', "used before its payoffs"),
    ('EFG 2 R "x" { "A" "B" }\np "" 1 1 "a" { "L" } 0\nt "" 1 "" { 1 }\n', "1 payoffs for 2 players"),
    ('EFG 2 R "x" { "A" }\np "" 1 1 "a" { "L" } 0\nt "" 1 "" { 1 }\nt "" 1\n', "after the last node"),
])
def test_bad_efg_files_name_the_problem(text, message):
    with pytest.raises(gt.GameFileError, match=message) as info:
        parse_efg(text, "bad.efg")
    assert str(info.value).startswith("bad.efg") and "\n" not in str(info.value)


def test_deep_trees():
    # a 3000-stage centipede is deeper than Python's default recursion limit
    import sys
    limit = sys.getrecursionlimit()
    rounds = 3000
    tree = outcome(rounds + 2, rounds)
    for t in reversed(range(rounds)):          # built from the end: no recursion here
        mover = ("A", "B")[t % 2]
        take = (t + 2, t) if mover == "A" else (t, t + 2)
        tree = decision(mover, f"s{t}", {"Take": outcome(*take), "Pass": tree})
    game = ExtensiveFormGame(tree, ["A", "B"])
    assert game.depth == 3000
    [spe] = backward_induction(game)
    assert spe.payoffs == (2, 0) and len(pure_actions(game, spe.behavior)) == 3000
    assert sys.getrecursionlimit() == limit
