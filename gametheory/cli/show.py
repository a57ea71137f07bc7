"""``gametheory show``: a crisis model's payoffs and where they come from."""

from __future__ import annotations

import argparse

from ..crisis.payoffs import payoff_table
from ..io import load_model
from ..report import render
from ._common import add_model, add_output, emit


def add_parser(sub) -> None:
    m = sub.add_parser("show", help="show a crisis model's payoffs and where they come from",
                       description="Print a crisis model: its parties, every party's payoff at "
                                   "every profile (default weights) and, with --cell, how each "
                                   "payoff at one profile follows from the outcomes, the weights "
                                   "and the quoted sentences of the source.")
    add_model(m, "unilateral")
    m.add_argument("--cell", metavar="ACTIONS",
                   help="one action per moving party, comma-separated, e.g. "
                        "'Intervene,Limited,Stay out'")
    add_output(m)


def run(args: argparse.Namespace) -> int:
    cell = None if args.cell is None else [a.strip() for a in args.cell.split(",")]
    return emit(render(payoff_table(load_model(args.model), cell)), args.output)
