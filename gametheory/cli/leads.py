"""``gametheory leads``: the lead roles the parties settle by bargaining."""

from __future__ import annotations

import argparse

from ..crisis.leads import lead_choice
from ..io import load_model
from ..report import render
from ._common import add_format, add_model, add_output, emit


def add_parser(sub) -> None:
    c = sub.add_parser("leads", help="who leads: the lead roles settled by bargaining",
                       description="For a model with [[lead]] tables: each allocation of the "
                                   "lead roles, each party's worst Nash payoff in the crisis with "
                                   "it, and the allocation the parties settle on (the largest "
                                   "Nash product over no agreement at all).")
    add_model(c, "coordinated")
    add_format(c, ["table", "json"])
    add_output(c)


def run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    emit(render(lead_choice(model), args.format), args.output, args.format, model.sha256)
    return 0
