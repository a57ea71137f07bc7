"""Records in notebooks and as data frames: every result record has ``_repr_html_`` and
``to_dataframe()``, and real results of each family render through them."""

from __future__ import annotations

import dataclasses
import inspect
import subprocess
import sys
from fractions import Fraction

import pandas as pd
import pytest

import gametheory as gt
from gametheory.display import Displayable

RECORDS = [getattr(gt, name) for name in gt.__all__
           if inspect.isclass(getattr(gt, name)) and dataclasses.is_dataclass(getattr(gt, name))
           and name != "Context"]


def test_every_result_record_displays():
    assert len(RECORDS) >= 60
    missing = [r.__name__ for r in RECORDS if not issubclass(r, Displayable)]
    assert missing == []
    for record in RECORDS:
        assert callable(record._repr_html_) and callable(record.to_dataframe)


def test_a_solver_result_as_html_frame_and_arrays():
    result = gt.solve(gt.read_game("chicken"))
    page = result._repr_html_()
    assert page.startswith("<div>") and "<b>Chicken</b>" in page and "Hold: 1/2" in page
    frame = result.to_dataframe()
    assert list(frame.columns) == ["equilibrium", "player", "action", "probability", "payoff",
                                   "regret"]
    assert len(frame) == 3 * 2 * 2
    mixed = frame[frame.equilibrium == 2]
    assert set(mixed.probability) == {Fraction(1, 2)}       # exact numbers stay exact
    rows, cols = result.strategy_arrays()
    assert rows.shape == (3, 2) and rows[1, 0] == Fraction(1, 2)
    floats = gt.solve(gt.read_game("chicken"), exact=False)
    assert floats.to_dataframe().probability.dtype == float
    assert floats.strategy_arrays()[0].dtype == float


def _results():
    chicken = gt.read_game("chicken")
    model = gt.load_model("loose-nukes")
    yield gt.solve(chicken).equilibria[0]
    yield gt.correlated_equilibrium(chicken)
    yield gt.iterated_elimination(gt.read_game("prisoners-dilemma"))
    yield gt.payoff_ties(chicken)
    yield gt.logit_qre(chicken)
    yield gt.minmax_values(chicken)[0]
    yield gt.analyse_tu(gt.characteristic_function(gt.read_game("mckelvey-mclennan")))
    yield gt.compare(model)
    yield gt.conflict_report(gt.io.load_conflict("crisis"))
    yield gt.lint(model)
    yield gt.ledger(model)
    yield gt.solve(gt.read_game("selten-horse"), method="spe")


@pytest.mark.parametrize("record", list(_results()), ids=lambda r: type(r).__name__)
def test_results_of_each_family_render_and_frame(record):
    page = record._repr_html_()
    assert isinstance(page, str) and page.startswith("<") and len(page) > 20
    frame = record.to_dataframe()
    assert isinstance(frame, pd.DataFrame) and len(frame) >= 1


def test_display_works_from_a_record_module_alone():
    # a record reached without the report layer imported: the public face's loader imports it
    code = ("import gametheory.solvers.result, sys\n"
            "from gametheory.solvers.pure import solve_pure\n"
            "from gametheory.io import read_game\n"
            "assert 'gametheory.report' not in sys.modules\n"
            "print(solve_pure(read_game('prisoners-dilemma'))._repr_html_()[:5])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "<div>\n"
