"""Graph-model conflict analysis: the Prisoner's Dilemma, the contract's example, properties."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import render, to_dict
from gametheory.cli import main
from gametheory.conflict import CONCEPTS, ConflictModel, analyse, conflict_report, to_normal_form
from gametheory.io import parse_conflict

PD = """title = "Prisoner's Dilemma"
[[decision_makers]]
name = "A"
options = ["A defects"]
[[decision_makers]]
name = "B"
options = ["B defects"]
[ranking]
A = [["YN"], ["NN"], ["YY"], ["NY"]]
B = [["NY"], ["NN"], ["YY"], ["YN"]]
"""

CONTRACT = """title = "Example"
[[decision_makers]]
name = "US"
options = ["Secure WMD sites", "Send troops"]     # options this decision maker controls, in order
[[decision_makers]]
name = "PRC"
options = ["Seal border"]
infeasible = ["-YN"]                               # optional
irreversible = {"Secure WMD sites" = "forward"}    # optional
[ranking]           # most preferred first; each entry a tier of equally preferred patterns
US = [["YNY"], ["YN-", "NNY"], ["---"]]
PRC = [["N-Y"], ["---"]]
"""


def names(model, states):
    return sorted(model.state_name(s) for s in states)


def test_prisoners_dilemma_in_graph_form():
    pd = parse_conflict(PD)
    a = analyse(pd)
    assert names(pd, a.equilibria["nash"]) == ["YY"]
    for c in ("gmr", "smr", "seq"):
        assert names(pd, a.equilibria[c]) == ["NN", "YY"]
    # jointly, mutual defection is no longer stable: both prefer mutual cooperation
    joint = analyse(pd, "A+B")
    assert "YY" not in names(pd, joint.equilibria["nash"]) and "NN" in names(pd, joint.equilibria["nash"])
    # from mutual cooperation, unilateral improvements lead to mutual defection
    paths = a.status_quo(pd.state_of("NN"))
    assert [pd.state_name(s) for s in paths[pd.state_of("YY")]] == ["NN", "YN", "YY"]


def test_the_contract_example_and_its_json(tmp_path, capsys):
    model = parse_conflict(CONTRACT)
    assert model.options == ("Secure WMD sites", "Send troops", "Seal border")
    assert "NYN" not in [model.state_name(s) for s in model.states]       # infeasible pattern -YN
    a = analyse(model)
    # "Secure WMD sites" cannot be undone: from Y-- the US never moves back to N--
    for k, s in enumerate(model.states):
        for t in a.moves[0][k]:
            assert not (s & 1 and not model.states[t] & 1)
    path = tmp_path / "c.toml"
    path.write_text(CONTRACT)
    assert main(["conflict", str(path), "--format", "json", "--coalition", "US+PRC"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "gametheory.conflict/1"
    assert data["options"] == list(model.options)
    assert data["states"] == [model.state_name(s) for s in model.states]
    assert set(data["stable"]) == set(CONCEPTS) and "stable_coalitions" in data
    assert all(set(s) <= set("YN") and len(s) == 3 for c in CONCEPTS for s in data["stable"][c])


@pytest.mark.parametrize("change, message", [
    (('infeasible = ["-YN"]', 'infeasible = ["-Y"]'), "one letter Y, N or -"),
    (('"forward"', '"sideways"'), "'forward' or 'backward'"),
    (('PRC = [["N-Y"], ["---"]]', 'PRC = [["N-Y"]]'), "matches no tier"),
    (('name = "PRC"', 'name = "US"'), "duplicate decision maker"),
])
def test_bad_conflict_files(change, message):
    old, new = change
    with pytest.raises(gt.GameFileError, match=message):
        parse_conflict(CONTRACT.replace(old, new), source="c.toml")


def test_command_line_errors(capsys, tmp_path):
    path = tmp_path / "pd.toml"
    path.write_text(PD)
    assert main(["conflict", str(path), "--from", "NX"]) == 2
    assert main(["conflict", str(path), "--coalition", "A+C"]) == 2
    err = capsys.readouterr().err
    assert "unknown decision maker 'C'" in err
    assert main(["conflict", str(tmp_path / "none.toml")]) == 2
    assert main(["conflict", str(path), "--coalition", ""]) == 2
    assert "an empty coalition" in capsys.readouterr().err


@st.composite
def conflicts(draw):
    n_dm = draw(st.integers(2, 3))
    sizes = [draw(st.integers(1, 2)) for _ in range(n_dm)]
    m = sum(sizes)
    dms = []
    k = 0
    for i, size in enumerate(sizes):
        dms.append((f"D{i}", [f"o{k + j}" for j in range(size)]))
        k += size
    states = ["".join(p) for p in itertools.product("NY", repeat=m)]
    ranking = {}
    for name, _ in dms:
        tiers = draw(st.permutations(states))
        cut = draw(st.integers(1, len(states)))
        ranking[name] = [[s] for s in tiers[:cut]] + ([["-" * m]] if cut < len(states) else [])
    infeasible = [s for s in states if draw(st.integers(0, 9)) == 0][:len(states) - 1]
    return ConflictModel(dms, ranking, infeasible=infeasible)


@given(conflicts())
@settings(max_examples=60, deadline=None)
def test_stability_implications(model):
    a = analyse(model)
    for g in range(len(a.groups)):
        nash, gmr, smr, seq = (a.stable[c][g] for c in CONCEPTS)
        assert not (nash & ~gmr).any() and not (nash & ~smr).any() and not (nash & ~seq).any()
        assert not (smr & ~gmr).any() and not (seq & ~gmr).any()


@given(conflicts())
@settings(max_examples=40, deadline=None)
def test_nash_equilibria_match_the_strategic_form(model):
    """Without irreversible options, the Nash (R) equilibria are the pure Nash equilibria of the
    strategic form (payoff = rank) at feasible states."""
    game = to_normal_form(model)
    pure = gt.solve(game, method="pure")
    feasible = set(model.state_name(s) for s in model.states)
    found = set()
    for eq in pure.equilibria:
        text = "".join(game.actions[p][s.index(1)] for p, s in enumerate(eq.strategies))
        if text in feasible:
            found.add(text)
    assert found == set(names(model, analyse(model).equilibria["nash"]))


@given(conflicts())
@settings(max_examples=40, deadline=None)
def test_the_grand_coalition_keeps_the_states_no_joint_move_improves(model):
    grand = "+".join(model.names)
    a = analyse(model, grand)
    ranks = [model.rank[n] for n in model.names]
    expected = [model.state_name(s) for k, s in enumerate(model.states)
                if not any(all(r[j] > r[k] for r in ranks) for j in range(len(model.states)) if j != k)]
    for c in CONCEPTS:
        assert names(model, a.equilibria[c]) == sorted(expected)


def test_conflict_to_dict_with_a_status_quo():
    model = parse_conflict(PD)
    data = to_dict(conflict_report(model, start="NN"))
    assert data["from"]["reachable"]["YY"] == ["NN", "YN", "YY"]


def test_prioritised_statements_rank_lexicographically():
    import numpy as np
    from gametheory.conflict.statements import rank_by_statements, statement_truth
    options = ["a", "b c", "d"]
    states = np.arange(8)
    bit = [(states >> k & 1).astype(bool) for k in range(3)]
    assert (statement_truth("a & -b c", options, states) == (bit[0] & ~bit[1])).all()
    assert (statement_truth("a | b c & d", options, states) == (bit[0] | (bit[1] & bit[2]))).all()
    assert (statement_truth("a -> d", options, states) == (~bit[0] | bit[2])).all()
    assert (statement_truth("(a <-> d)", options, states) == (bit[0] == bit[2])).all()
    assert (statement_truth("-(a | d)", options, states) == ~(bit[0] | bit[2])).all()
    # option names may contain the operators' symbols: the longest name wins, or quote it
    hyphen = ["Self-defence", "Self", "defence"]
    assert (statement_truth("-Self-defence", hyphen, states) == ~bit[0]).all()
    assert (statement_truth("Self-defence->defence", hyphen, states) == (~bit[0] | bit[2])).all()
    assert (statement_truth('"Self" & -defence', hyphen, states) == (bit[1] & ~bit[2])).all()
    rank = rank_by_statements(["a", "d"], options, states)
    assert rank.tolist() == [2 * b0 + b2 for b0, b2 in zip(bit[0].astype(int), bit[2].astype(int))]
    for bad, message in [("a & e", "unknown option 'e'"), ("(a", "never closed"), ("", "empty"),
                         ("a d", "an operator before 'd'"), ("a &", "ends too early"),
                         ("a & b", "unknown option 'b'"), ("b x", "unknown option 'b x'"),
                         ('"a', "never closed")]:
        with pytest.raises(gt.InvalidGameError, match=message):
            statement_truth(bad, options, states)


def test_the_prisoners_dilemma_by_statements_equals_the_ranking():
    text = PD.replace('[ranking]\nA = [["YN"], ["NN"], ["YY"], ["NY"]]\nB = [["NY"], ["NN"], ["YY"], ["YN"]]\n',
                      '[statements]\nA = ["-B defects", "A defects"]\nB = ["-A defects", "B defects"]\n')
    by_statements, by_ranking = parse_conflict(text), parse_conflict(PD)
    a, b = analyse(by_statements), analyse(by_ranking)
    assert a.equilibria == b.equilibria
    with pytest.raises(gt.GameFileError, match="both a ranking and statements"):
        parse_conflict(text + '[ranking]\nA = [["----"]]\n'.replace("----", "--"))


def with_irreversible(model):
    """The same conflict, with its first option irreversible forward and its last backward."""
    return ConflictModel([(d.name, d.options) for d in model.decision_makers],
                         {n: [[model.state_name(s)] for s in
                              sorted(model.states, key=lambda s, n=n: -model.rank[n][model.index[s]])]
                          for n in model.names},
                         infeasible=model.infeasible,
                         irreversible={model.options[0]: "forward", model.options[-1]: "backward"})


@given(conflicts(), st.booleans())
@settings(max_examples=60, deadline=None)
def test_graph_method_agrees_with_the_search(model, irreversible):
    if irreversible:
        model = with_irreversible(model)
    fast, slow = analyse(model), analyse(model, method="search")
    for c in CONCEPTS:
        for g in range(len(fast.groups)):
            assert (fast.stable[c][g] == slow.stable[c][g]).all(), (c, g)
    assert isinstance(fast.reason(0, 0), str)


@given(conflicts(), st.booleans())
@settings(max_examples=60, deadline=None)
def test_graph_method_agrees_with_the_search_for_coalitions(model, irreversible):
    if irreversible:
        model = with_irreversible(model)
    grouping = "+".join(model.names[:2])
    fast, slow = analyse(model, grouping), analyse(model, grouping, method="search")
    for c in CONCEPTS:
        for g in range(len(fast.groups)):
            assert (fast.stable[c][g] == slow.stable[c][g]).all(), (c, g)


@given(conflicts(), st.booleans())
@settings(max_examples=40, deadline=None)
def test_move_graph_is_every_legal_change_of_the_groups_options(model, irreversible):
    if irreversible:
        model = with_irreversible(model)
    a = analyse(model, "+".join(model.names[:2]))
    forward = {k for k, w in model.irreversible.items() if w == "forward"}
    backward = {k for k, w in model.irreversible.items() if w == "backward"}
    for g, mask in enumerate(a.masks):
        for k, s in enumerate(model.states):
            expected = []
            for j, t in enumerate(model.states):
                changed = s ^ t
                if not changed or changed & ~mask:
                    continue
                if any((s >> o) & 1 and not (t >> o) & 1 for o in forward):
                    continue                       # a forward option, once taken, stays
                if any(not (s >> o) & 1 and (t >> o) & 1 for o in backward):
                    continue                       # a backward option, once dropped, stays
                expected.append(j)
            assert a.moves[g][k] == expected, (g, model.state_name(s))


def test_the_article_conflict_model():
    from pathlib import Path
    path = Path(__file__).parents[1] / "models" / "conflicts" / "crisis.toml"
    model = gt.read_conflict(path)
    assert model.names == ("US", "ROK", "PRC") and len(model.options) == 6
    article = Path(__file__).parents[2] / "shared" / "seed" / "article.txt"
    if article.is_file():
        text = " ".join(article.read_text(encoding="utf-8").split())
        for dm, quotes in model.quotes.items():
            assert all(quotes), dm                                   # every statement cites
            for q in quotes:
                assert " ".join(q.split()) in text, q
    a = analyse(model)
    nash = names(model, a.equilibria["nash"])
    # acting alone, the US secures WMD sites with its forces and the PRC sends forces too
    assert nash and all(s[0] == "Y" and s[1] == "Y" and s[4] == "Y" for s in nash)
    # all three together: states without both foreign forces become stable
    joint = names(model, analyse(model, "US+ROK+PRC").equilibria["nash"])
    assert any(s[0] == "Y" and s[4] == "N" for s in joint)


def test_bundled_conflict_by_name(capsys):
    assert main(["conflict", "crisis", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "gametheory.conflict/1"
    assert main(["conflict", "no-such-conflict"]) == 2


def test_status_quo_with_coalition_moves():
    model = parse_conflict(PD)
    data = to_dict(conflict_report(model, grouping="A+B", start="YY"))
    # jointly, the pair moves from mutual defection straight to mutual cooperation
    assert data["from_coalitions"]["reachable"]["NN"] == ["YY", "NN"]
    assert "NN" not in data["from"]["reachable"]          # alone, no one improves from YY


@given(st.integers(1, 24).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n),
    st.lists(st.integers(-5, 5), min_size=n, max_size=n))))
@settings(max_examples=80, deadline=None)
def test_condensation_reaches_what_the_transitive_closure_reaches(case):
    from gametheory.conflict.reach import Condensation
    n, edges, values = case
    src = np.array([a for a, _ in edges], dtype=np.int64)
    dst = np.array([b for _, b in edges], dtype=np.int64)
    closure = np.zeros((n, n), dtype=bool)                 # reachable in one or more steps
    closure[src, dst] = True
    for k in range(n):                                     # Warshall
        closure |= closure[:, [k]] & closure[[k], :]
    dag = Condensation(n, src, dst)
    sets = np.unpackbits(dag.reach_sets(), axis=1)[:, :n].astype(bool)
    assert (sets == closure).all()
    big = np.iinfo(np.int64).max
    low = dag.min_reachable(np.array(values))
    assert low.tolist() == [min((values[u] for u in np.flatnonzero(closure[t])), default=big)
                            for t in range(n)]


@given(conflicts())
@settings(max_examples=30, deadline=None)
def test_coalitional_stability_is_stability_for_each_grouping(model):
    cs = gt.coalitional_stability(model)
    n = len(model.names)
    assert len(cs.coalitions) == 2 ** n - n - 1
    for c in CONCEPTS:
        assert set(cs.equilibria[c]) <= set(cs.base.equilibria[c])
        for h in cs.coalitions:
            rest = [(d,) for d in model.names if d not in h]
            assert (cs.stable[c][h] == analyse(model, [h] + rest).stable[c][0]).all()
        for s in cs.base.equilibria[c]:
            assert (s in cs.equilibria[c]) == (not cs.broken_by(c, s))


def test_every_coalition_on_the_command_line(capsys, tmp_path):
    assert main(["conflict", "crisis", "--every-coalition", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["coalitional"]
    assert data["coalitions"] == ["US+ROK", "US+PRC", "ROK+PRC", "US+ROK+PRC"]
    assert data["stable"]["nash"] == ["YYNYYY", "YYYYYY"] and data["broken_by"]["nash"] == {}
    assert main(["conflict", "--every-coalition"]) == 2
    capsys.readouterr()
    # the Prisoner's Dilemma: the two together break mutual defection
    (tmp_path / "pd.toml").write_text(PD)
    assert main(["conflict", str(tmp_path / "pd.toml"), "--every-coalition"]) == 0
    assert "nash: stable none; broken YY (by A+B)" in capsys.readouterr().out
    many = ConflictModel([(f"D{i}", [f"o{i}"]) for i in range(9)],
                         {f"D{i}": [["-" * 9]] for i in range(9)})
    with pytest.raises(gt.InvalidGameError, match="at most 8 decision makers"):
        gt.coalitional_stability(many)


def test_a_conflict_too_large_for_memory_is_refused(capsys, tmp_path):
    from gametheory.conflict.stability import MAX_MOVES, move_count
    dms = [("D0", [f"o{i}" for i in range(10)]), ("D1", [f"o{i}" for i in range(10, 20)])]
    model = ConflictModel(dms, statements={"D0": ["o0 & -o11"], "D1": ["o12 | o1"]})
    assert move_count(model, model.owner_mask["D0"]) == 2 ** 10 * (2 ** 10 - 1) * 2 ** 10 > MAX_MOVES
    with pytest.raises(gt.GameTooLargeError, match="one-step moves over 1,048,576 states"):
        analyse(model)
    path = tmp_path / "big.toml"
    path.write_text('[[decision_makers]]\nname = "D0"\noptions = [' + ", ".join(f'"o{i}"' for i in range(10))
                    + ']\n[[decision_makers]]\nname = "D1"\noptions = ['
                    + ", ".join(f'"o{i}"' for i in range(10, 20)) + ']\n'
                    + '[statements]\nD0 = ["o0"]\nD1 = ["o12"]\n')
    assert main(["conflict", str(path)]) == 2
    assert "fit in memory" in capsys.readouterr().err


def test_coalition_smr_beyond_the_reachable_set_limit_is_refused(monkeypatch):
    from pathlib import Path

    import gametheory.conflict.reach as reach
    model = gt.read_conflict(Path(__file__).parent / "data" / "conflicts" / "elmira.toml")
    monkeypatch.setattr(reach, "MAX_REACH_SET_STATES", 2)
    with pytest.raises(gt.GameTooLargeError, match="method='search'"):
        analyse(model, "MoE+L")
    search = analyse(model, "MoE+L", method="search")          # still possible, state by state
    monkeypatch.undo()
    assert all((search.stable[c][0] == analyse(model, "MoE+L").stable[c][0]).all() for c in CONCEPTS)


def test_explain_a_state_on_the_command_line(capsys, tmp_path):
    path = tmp_path / "pd.toml"
    path.write_text(PD)
    assert main(["conflict", str(path), "--explain", "NN", "--coalition", "A+B"]) == 0
    out = capsys.readouterr().out
    assert "why NN is or is not stable (the concepts under which it is):" in out
    assert "  A (gmr, smr, seq): improvement to YN sanctioned, e.g. by a move to YY" in out
    assert "    A+B (nash, gmr, smr, seq): no joint move makes every member better off" in out
    assert main(["conflict", str(path), "--explain", "YY", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["explain"]
    assert data["state"] == "YY" and data["decision_makers"]["B"] == {
        "stable": ["nash", "gmr", "smr", "seq"], "reason": "no unilateral improvement"}
    assert main(["conflict", str(path), "--explain", "NX"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "one letter Y or N per option" in captured.err
    with pytest.raises(gt.InvalidGameError, match="no state index 9"):
        analyse(parse_conflict(PD)).reason(0, 9)


def test_the_graph_of_improvements_in_dot(capsys):
    import re
    model = gt.load_model("coordinated").conflict
    assert main(["conflict", "crisis", "--format", "dot", "--coalition", "US+PRC"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("digraph conflict {\n") and text.endswith("}\n")
    nodes = re.findall(r'^  "([YN]+)"( \[.*\])?;$', text, re.M)
    arcs = re.findall(r'^  "([YN]+)" -> "([YN]+)" \[label="([^"]+)"\];$', text, re.M)
    assert sorted(s for s, _ in nodes) == sorted(model.state_name(s) for s in model.states)
    a = analyse(model, "US+PRC")
    expected = sorted((model.state_name(s), model.state_name(model.states[t]), "+".join(grp))
                      for k, s in enumerate(model.states) for g, grp in enumerate(a.groups)
                      for t in a.improvements(g, k))
    assert sorted(arcs) == expected and expected
    every = set.intersection(*(set(a.equilibria[c]) for c in CONCEPTS))
    assert sorted(s for s, style in nodes if "peripheries=2" in style) == \
        sorted(model.state_name(s) for s in every)
    # names with quotes are escaped
    odd = parse_conflict(PD.replace('"Prisoner\'s Dilemma"', "'The \"dilemma\"'"))
    assert 'label="The \\"dilemma\\": improvements' in render(gt.conflict.conflict_report(odd), "dot")
