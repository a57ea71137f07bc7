"""``gametheory compare``: what prior coordination changes in a crisis model."""

from __future__ import annotations

import argparse

from ..crisis.compare import compare
from ..io import load_model
from ..report import render
from ._common import add_format, add_model, add_output, emit


def add_parser(sub) -> None:
    c = sub.add_parser("compare", help="what prior coordination changes in a crisis model",
                       description="Solve a crisis model's game without and with its prior "
                                   "understandings; print, for every equilibrium and the best "
                                   "correlated equilibria, each party's payoff, the total and "
                                   "the risk of each bad outcome, and what coordination changes.")
    add_model(c, "coordinated")
    add_format(c, ["table", "json", "csv", "latex"])
    add_output(c)


def run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    return emit(render(compare(model), args.format), args.output, args.format, model.sha256)
