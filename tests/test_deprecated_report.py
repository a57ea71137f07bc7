"""The former formatter names: each warns (naming its replacement) and returns what render writes."""

from __future__ import annotations

from pathlib import Path

import pytest

import gametheory as gt
from gametheory import render, report, to_dict
from gametheory.conflict import ConflictModel, conflict_report, improvement_graph
from gametheory.crisis.compare import compare
from gametheory.crisis.payoffs import payoff_table
from gametheory.crisis.sweep import sweep
from gametheory.solvers.dominance import iterated_elimination
from gametheory.solvers.qre import logit_qre

FIXTURES = Path(__file__).resolve().parent / "fixtures"

PD = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
                   ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
                            "B": [["NY"], ["NN"], ["YY"], ["YN"]]})


def _records():
    result = gt.solve(gt.read_game("chicken"))
    elimination = iterated_elimination(gt.read_game("unilateral"))
    curve = logit_qre(gt.read_game("matching-pennies"))
    model = gt.load_model("loose-nukes")
    comparison = compare(model)
    swept = sweep(model, samples=2, seed=1, workers=1)
    tree = gt.read_game(FIXTURES / "efg" / "entry-deterrence.efg")
    behavior = gt.solve(tree).equilibria[0].behavior
    cell = [p.actions[0] for p in model.players]
    # (alias, its arguments, what it must return)
    return [
        ("format_result", (result, "csv"), render(result, "csv")),
        ("format_result", (result,), render(result)),
        ("result_to_dict", (result,), to_dict(result)),
        ("format_elimination", (elimination, "json"), render(elimination, "json")),
        ("elimination_to_dict", (elimination,), to_dict(elimination)),
        ("format_qre", (curve, "table", 4), render(curve, "table", rows=4)),
        ("format_qre", (curve, "csv"), render(curve, "csv")),
        ("qre_to_dict", (curve,), to_dict(curve)),
        ("format_model", (model, cell), render(payoff_table(model, cell))),
        ("format_comparison", (comparison, "latex"), render(comparison, "latex")),
        ("comparison_to_dict", (comparison,), to_dict(comparison)),
        ("format_sweep", (swept,), render(swept)),
        ("sweep_to_dict", (swept,), to_dict(swept)),
        ("format_conflict", (PD, "A+B", "NN", "table", True, "YY"),
         render(conflict_report(PD, "A+B", "NN", True, "YY"))),
        ("format_conflict", (PD, None, None, "json"), render(conflict_report(PD), "json")),
        ("format_conflict", (PD, None, None, "dot"), render(improvement_graph(PD), "dot")),
        ("conflict_to_dict", (PD, None, "NN"), to_dict(conflict_report(PD, start="NN"))),
        ("conflict_to_dot", (PD, "A+B"), render(conflict_report(PD, "A+B"), "dot")),
        ("format_tree", (tree, behavior, None, 5), render(tree, behavior=behavior, max_lines=5)),
    ]


NAMES = ["format_result", "result_to_dict", "format_elimination", "elimination_to_dict",
         "format_qre", "qre_to_dict", "format_model", "format_comparison", "comparison_to_dict",
         "format_sweep", "sweep_to_dict", "format_conflict", "conflict_to_dict", "conflict_to_dot",
         "format_tree"]


def test_every_alias_warns_and_returns_what_render_writes():
    cases = _records()
    assert sorted({name for name, _, _ in cases}) == sorted(NAMES)
    for name, args, expected in cases:
        alias = getattr(report, name)
        with pytest.warns(DeprecationWarning, match=rf"{name}.* is deprecated.*use (render|to_dict)"):
            got = alias(*args)
        assert got == expected, name


@pytest.mark.parametrize("name", NAMES)
def test_the_aliases_stay_importable_from_the_package(name):
    assert getattr(gt, name) is getattr(report, name)


def test_an_unknown_format_is_refused_as_before():
    result = gt.solve(gt.read_game("chicken"))
    with pytest.warns(DeprecationWarning), pytest.raises(ValueError, match="unknown format 'xml'"):
        gt.format_result(result, "xml")
    with pytest.warns(DeprecationWarning), pytest.raises(ValueError, match="choose table, json or dot"):
        gt.format_conflict(PD, fmt="csv")
    with pytest.raises(gt.InvalidGameError, match="no 'xml' format"):
        render(result, "xml")
