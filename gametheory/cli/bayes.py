"""``gametheory bayes``: Bayes-Nash equilibria of a model whose parties have private types."""

from __future__ import annotations

import argparse

from ..crisis.bayesian import bayes_compare
from ..io import load_model
from ..report import render
from ._common import add_arithmetic, add_format, add_model, add_output, emit


def add_parser(sub) -> None:
    b = sub.add_parser("bayes", help="Bayes-Nash equilibria when parties have private types",
                       description="Bayes-Nash equilibria of a crisis model whose [[type]] tables "
                                   "give some parties private types (each knows its own, the "
                                   "others only the prior), without and with the model's "
                                   "understandings: each type's action, the expected payoffs and "
                                   "the expected risk of every bad outcome.")
    add_model(b, "loose-nukes-types")
    b.add_argument("--method", default="auto",
                   help="the solver of the type-agent normal form (default: auto)")
    add_arithmetic(b, "rational arithmetic (default for rational numbers)")
    add_format(b, ["table", "json"])
    add_output(b)


def run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    comparison = bayes_compare(model, method=args.method, exact=args.exact)
    emit(render(comparison, args.format), args.output, args.format, model.sha256)
    return 0
