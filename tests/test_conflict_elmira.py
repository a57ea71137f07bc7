"""The Elmira groundwater conflict: the graph model's classic case, checked three ways.

The model (``tests/data/conflicts/elmira.toml``) is in option form: five options, infeasible
patterns, three irreversible options and twelve feasible states.  The literature writes it as
a nine-state graph with explicit moves.  Here the stability table of :func:`analyse` is
compared with (1) a table worked out by hand from the definitions, written out below, and
(2) a direct implementation of the definitions on the nine-state graph, which shares no code
with the package (no options, no feasibility, no irreversibility rules, no move graphs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gametheory as gt
from gametheory.conflict import CONCEPTS, analyse

MODEL = Path(__file__).parent / "data" / "conflicts" / "elmira.toml"

# state -> option-form pattern (Modify, Delay, Accept, Abandon, Insist); state 9 is any Abandon
PATTERN = {1: "NYNNN", 2: "YYNNN", 3: "NNYNN", 4: "YNYNN",
           5: "NYNNY", 6: "YYNNY", 7: "NNYNY", 8: "YNYNY"}

# the nine-state graph: each decision maker's moves, and rankings (most preferred first)
MOVES = {
    "MoE": {1: [2], 3: [4], 5: [6], 7: [8]},
    "U": {1: [3, 9], 2: [4, 9], 3: [9], 4: [9], 5: [7, 9], 6: [8, 9], 7: [9], 8: [9]},
    "L": {1: [5], 5: [1], 2: [6], 6: [2], 3: [7], 7: [3], 4: [8], 8: [4]},
}
RANKING = {"MoE": [7, 3, 4, 8, 5, 1, 2, 6, 9],
           "U": [1, 4, 8, 5, 9, 3, 7, 2, 6],
           "L": [7, 3, 5, 1, 8, 6, 4, 2, 9]}

# Worked by hand from the definitions (R Nash, G GMR, S SMR, Q SEQ), e.g. for L at state 1:
# insisting (1 -> 5) improves; MoE's modification (5 -> 6) sanctions it (L ranks 6 below 1), and
# L cannot escape (6 -> 2 is worse still): GMR and SMR.  But modifying is no improvement for MoE
# (6 below 5) and Uniroyal's moves from 5 (to 7 or 9) are none for it either: not SEQ.
BY_HAND = {
    1: ("RGSQ", "RGSQ", "GS"),
    2: ("RGSQ", "", "GSQ"),
    3: ("RGSQ", "", "GSQ"),
    4: ("RGSQ", "RGSQ", "GS"),
    5: ("RGSQ", "RGSQ", "RGSQ"),
    6: ("RGSQ", "", "RGSQ"),
    7: ("RGSQ", "", "RGSQ"),
    8: ("RGSQ", "RGSQ", "RGSQ"),
    9: ("RGSQ", "RGSQ", "RGSQ"),
}
LETTER = dict(zip(CONCEPTS, "RGSQ"))


def prefers(dm: str, a: int, b: int) -> bool:
    order = RANKING[dm]
    return order.index(a) < order.index(b)


def reachable(focal: str, start: int, improving: bool) -> set[int]:
    """States the others reach from ``start`` by legal sequences of their (improving) moves,
    no one moving twice in a row."""
    seen, out, stack = set(), set(), [(start, focal)]
    while stack:
        s, last = stack.pop()
        for dm, moves in MOVES.items():
            if dm in (focal, last):
                continue
            for u in moves.get(s, []):
                if improving and not prefers(dm, u, s):
                    continue
                if (u, dm) not in seen:
                    seen.add((u, dm))
                    out.add(u)
                    stack.append((u, dm))
    return out


def stable_by_definition(dm: str, s: int, concept: str) -> bool:
    improvements = [t for t in MOVES[dm].get(s, []) if prefers(dm, t, s)]
    if concept == "nash":
        return not improvements
    for t in improvements:
        sanctions = [u for u in reachable(dm, t, concept == "seq") if not prefers(dm, u, s)]
        if concept == "smr":
            sanctions = [u for u in sanctions
                         if not any(prefers(dm, w, s) for w in MOVES[dm].get(u, []))]
        if not sanctions:
            return False
    return True


@pytest.fixture(scope="module")
def elmira():
    model = gt.read_conflict(MODEL)
    return model, analyse(model)


def table(model, analysis):
    """state number -> letters per decision maker, from the option-form analysis."""
    out = {}
    for k, s in enumerate(model.states):
        name = model.state_name(s)
        number = next((n for n, p in PATTERN.items() if p == name), 9)
        row = tuple("".join(LETTER[c] for c in CONCEPTS if analysis.stable[c][g][k])
                    for g in range(3))
        assert out.setdefault(number, row) == row        # the Abandon states agree
    return out


def test_the_model_has_the_literatures_states(elmira):
    model, _ = elmira
    assert model.names == ("MoE", "U", "L") and len(model.states) == 12
    abandon = [model.state_name(s) for s in model.states if model.state_name(s)[3] == "Y"]
    assert sorted(abandon) == ["NNNYN", "NNNYY", "YNNYN", "YNNYY"]
    for dm, order in RANKING.items():               # the option-form ranking is the literature's
        rank = model.rank[dm]
        value = {n: rank[model.index[model.state_of(p)]] for n, p in PATTERN.items()}
        value[9] = rank[model.index[model.state_of("NNNYN")]]
        assert sorted(value, key=lambda n: -value[n]) == order, dm


def test_stability_table_matches_the_hand_worked_table(elmira):
    assert table(*elmira) == BY_HAND


def test_hand_worked_table_matches_the_definitions_on_the_nine_state_graph():
    for s, row in BY_HAND.items():
        for dm, letters in zip(RANKING, row):
            got = "".join(LETTER[c] for c in CONCEPTS if stable_by_definition(dm, s, c))
            assert got == letters, (s, dm)


def test_equilibria(elmira):
    model, a = elmira

    def numbers(states):
        return sorted({next((n for n, p in PATTERN.items() if p == model.state_name(s)), 9)
                       for s in states})

    assert numbers(a.equilibria["nash"]) == [5, 8, 9]
    assert numbers(a.equilibria["seq"]) == [5, 8, 9]
    assert numbers(a.equilibria["gmr"]) == [1, 4, 5, 8, 9]
    assert numbers(a.equilibria["smr"]) == [1, 4, 5, 8, 9]


def test_a_coalition_of_the_ministry_and_uniroyal_moves_the_conflict_to_state_8(elmira):
    model, a = elmira
    joint = analyse(model, "MoE+U")
    s5, s8 = (model.index[model.state_of(PATTERN[n])] for n in (5, 8))
    # from 5 (order unmodified, Uniroyal appealing, the town insisting) the two jointly improve:
    # the order is modified and Uniroyal accepts it (8), which both prefer; the town cannot undo it
    assert all(a.stable[c][g][s5] for c in CONCEPTS for g in range(3))
    assert not any(joint.stable[c][0][s5] for c in CONCEPTS)
    assert all(joint.stable[c][g][s8] for c in CONCEPTS for g in range(2))
    # from the status quo (1), unilateral improvements stop at 5; with the coalition, at 8
    alone = a.status_quo(model.state_of(PATTERN[1]))
    assert sorted(model.state_name(s) for s in alone) == sorted([PATTERN[1], PATTERN[5]])
    together = joint.status_quo(model.state_of(PATTERN[1]))
    assert [model.state_name(s) for s in together[model.state_of(PATTERN[8])]] == \
        [PATTERN[1], PATTERN[5], PATTERN[8]]


def test_against_every_coalition_only_the_ministry_and_uniroyal_break_an_equilibrium(elmira):
    model, _ = elmira
    cs = gt.coalitional_stability(model)
    assert cs.coalitions == (("MoE", "U"), ("MoE", "L"), ("U", "L"), ("MoE", "U", "L"))
    s5 = model.state_of(PATTERN[5])
    for c in CONCEPTS:
        assert cs.broken_by(c, s5) == [("MoE", "U")]
        assert s5 not in cs.equilibria[c]
        # every other equilibrium survives every coalition
        assert sorted(cs.equilibria[c]) == sorted(s for s in cs.base.equilibria[c] if s != s5)
