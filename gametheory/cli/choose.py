"""``gametheory choose``: whether the parties choose to agree on the understandings."""

from __future__ import annotations

import argparse

from ..crisis.choice import coordination_choice
from ..io import load_model
from ..report import render
from ._common import add_format, add_model, add_output, emit


def add_parser(sub) -> None:
    c = sub.add_parser("choose", help="whether the parties choose to coordinate, and at what level",
                       description="A first stage in which the moving parties choose the level "
                                   "of talks to join (the model's [[talks]] tables), then the "
                                   "crisis with the understandings in force if talks were held: "
                                   "the outcomes of the subgame-perfect equilibria, with costs, "
                                   "the risk of discovery, payoffs and risks.")
    add_model(c, "talks")
    add_format(c, ["table", "json"])
    add_output(c)


def run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    emit(render(coordination_choice(model), args.format), args.output, args.format, model.sha256)
    return 0
