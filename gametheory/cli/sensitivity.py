"""``gametheory sensitivity``: which uncertain numbers drive each party's value of coordination."""

from __future__ import annotations

import argparse

from ..crisis.conclusions import MEASURES
from ..crisis.sensitivity import sensitivity
from ..io import load_model
from ..report import render
from ._common import UsageError, add_format, add_model, add_output, add_progress, emit, progress_bar
from .sweep import dask_executor


def add_parser(sub) -> None:
    s = sub.add_parser("sensitivity", help="which numbers drive the value of coordination (Sobol)",
                       description="Sobol indices (first order and total, with bootstrap "
                                   "intervals) of each party's value of coordination with respect "
                                   "to the model's uncertain numbers, on a Saltelli design of "
                                   "N x (d + 2) evaluations.")
    add_model(s, "coordinated")
    s.add_argument("--n", type=int, default=64, metavar="N",
                   help="base sample size, a power of 2 is best (default: 64)")
    s.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the design (default: 0)")
    s.add_argument("--vary", action="append", metavar="NAME",
                   help="vary only this number or kind; repeatable (default: every number with a "
                        "range)")
    s.add_argument("--measure", action="append", choices=MEASURES,
                   help="value of coordination in the worst, best or selected equilibrium; "
                        "repeatable (default: selected; worst in the bayes view)")
    s.add_argument("--view", choices=["complete", "bayes"], default="complete",
                   help="complete-information values of coordination (default), or the ex-ante "
                        "ones over the Bayes-Nash equilibria of a model with [[type]] tables")
    s.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes (default: the cores this process may use)")
    s.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster (dask extra)")
    add_progress(s)
    add_format(s, ["table", "json"])
    add_output(s)


def run(args: argparse.Namespace) -> int:
    if args.n < 2:
        raise UsageError(f"argument --n: must be at least 2, got {args.n}")
    model = load_model(args.model)
    bar = progress_bar(args)
    executor, client = dask_executor(args.scheduler)
    try:
        result = sensitivity(model, n=args.n, seed=args.seed, workers=args.workers,
                             vary=args.vary, measures=args.measure, view=args.view,
                             executor=executor, progress=bar)
    finally:
        if client is not None:
            client.close()
        if bar is not None:
            bar.close()
    return emit(render(result, args.format), args.output, args.format, model.sha256)
