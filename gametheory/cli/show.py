"""``gametheory show``: a crisis model's payoffs and where they come from."""

from __future__ import annotations

import argparse

from ..crisis.ledger import ledger
from ..crisis.payoffs import payoff_table
from ..io import load_model
from ..report import render
from ._common import UsageError, add_model, add_output, emit


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
    m.add_argument("--ledger", action="store_true",
                   help="instead, the provenance of every number: its quote or reason and its class "
                        "(stated, inferred, assumption, quoted, unsupported)")
    m.add_argument("--format", default="table", choices=["table", "markdown", "latex", "json"],
                   help="format of the ledger (default: table)")
    add_output(m)


def run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    if args.ledger:
        return emit(render(ledger(model), args.format), args.output, args.format, model.sha256)
    if args.format != "table":
        raise UsageError("argument --format: only the ledger (--ledger) has other formats")
    cell = None if args.cell is None else [a.strip() for a in args.cell.split(",")]
    return emit(render(payoff_table(model, cell)), args.output, "table", model.sha256)
