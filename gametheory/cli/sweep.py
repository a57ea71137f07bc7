"""``gametheory sweep``: how robust every conclusion is to the model's uncertain numbers."""

from __future__ import annotations

import argparse

from ..crisis.executor import DaskExecutor
from ..crisis.expressions import parse_conclusion
from ..crisis.sensitivity import discover
from ..crisis.sweep import sweep
from ..io import load_model, write_draws
from ..report import render, to_dict
from ..report._text import json_text
from ..report.sweep import draw_metadata, draw_rows
from ._common import UsageError, add_format, add_model, add_output, add_progress, emit, progress_bar


def add_parser(sub) -> None:
    w = sub.add_parser("sweep", help="how robust every conclusion is to the model's uncertain numbers",
                       description="Draw every number of the model that has a range (weights, "
                                   "effects, baselines, scenario probabilities; the stated "
                                   "priorities hold in every draw), recompute the comparison for "
                                   "each draw, and report every conclusion's share of draws with "
                                   "its interval, and each party's value of coordination.")
    add_model(w, "coordinated")
    w.add_argument("--samples", type=int, default=100, metavar="N", help="draws (default: 100)")
    w.add_argument("--seed", type=int, default=0, metavar="S",
                   help="random seed (default: 0); the result does not depend on --workers")
    w.add_argument("--vary", action="append", metavar="NAME",
                   help="draw only this parameter, or this kind (weight, effect, baseline, "
                        "probability); repeatable (default: every number with a range)")
    w.add_argument("--conclude", action="append", metavar="EXPR", default=[],
                   help="a conclusion of your own, e.g. 'worst(with, ROK) >= worst(without, ROK)'; "
                        "repeatable")
    w.add_argument("--view", choices=["complete", "bayes"], default="complete",
                   help="the complete-information comparison (default), or the Bayes-Nash one of "
                        "a model with [[type]] tables (its type probabilities with ranges drawn too)")
    w.add_argument("--draws", metavar="FILE",
                   help="write every draw (parameters, conclusions, values) to FILE: .csv, or "
                        ".parquet with pandas and pyarrow installed")
    w.add_argument("--discover", action="store_true",
                   help="add where each conclusion fails: PRIM boxes over the drawn numbers, as "
                        "rules")
    w.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes (default: the cores this process may use)")
    w.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the draws on a Dask cluster (e.g. tcp://10.0.0.1:8786; needs the "
                        "dask extra)")
    add_progress(w)
    add_format(w, ["table", "json"])
    add_output(w)


def dask_executor(address: str | None):
    """A Dask executor and its client for ``--scheduler ADDRESS`` (None, None without one)."""
    if address is None:
        return None, None
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'crisis-gametheory[dask]'") from None
    client = Client(address, timeout=30)
    return DaskExecutor(client), client


def run(args: argparse.Namespace) -> int:
    if args.samples < 1:
        raise UsageError(f"argument --samples: must be at least 1, got {args.samples}")
    if args.draws and not args.draws.endswith((".csv", ".parquet")):
        raise UsageError("argument --draws: the file must end in .csv or .parquet")
    model = load_model(args.model)
    extra = [parse_conclusion(text, model, name=f"user.{k}") for k, text in enumerate(args.conclude, 1)]
    if args.view == "bayes" and extra:
        raise UsageError("argument --conclude: expressions read the complete-information "
                         "comparison, not the Bayes-Nash one")
    bar = progress_bar(args)
    executor, client = dask_executor(args.scheduler)
    try:
        result = sweep(model, samples=args.samples, seed=args.seed, workers=args.workers,
                       progress=bar, executor=executor,
                       vary=args.vary, extra=extra, view=args.view)
    finally:
        if client is not None:
            client.close()
        if bar is not None:
            bar.close()
    if args.discover:
        found = discover(result)
        if args.format == "json":
            data = to_dict(result)
            data["discovery"] = to_dict(found)
            text = json_text(data)
        else:
            text = render(result, "table") + "\n" + render(found, "table")
    else:
        text = render(result, args.format)
    if args.draws:
        header, rows = draw_rows(result)
        write_draws(args.draws, header, rows, draw_metadata(result))
    return emit(text, args.output, args.format, model.sha256)
