"""``gametheory sweep``: how robust the comparison is to the model's weights."""

from __future__ import annotations

import argparse
import sys

from ..crisis.sweep import sweep
from ..io import load_model
from ..report import render
from ._common import UsageError, add_format, add_model, add_output, emit


def add_parser(sub) -> None:
    w = sub.add_parser("sweep", help="how robust the comparison is to the model's weights",
                       description="Draw the model's weights within their admissible ranges "
                                   "(respecting its stated priorities), recompute the comparison "
                                   "for each draw, and report how often each conclusion holds.")
    add_model(w, "coordinated")
    w.add_argument("--samples", type=int, default=100, metavar="N", help="draws (default: 100)")
    w.add_argument("--seed", type=int, default=0, metavar="S",
                   help="random seed (default: 0); the result does not depend on --workers")
    w.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes (default: all cores)")
    w.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on standard error (default: when it is a terminal)")
    add_format(w, ["table", "json"])
    add_output(w)


def progress_bar(stage: str, done: int, total: int | None) -> None:
    """A progress bar on standard error, redrawn in place: ``sweep [####......] 4/10``."""
    width = 30
    filled = width * done // total if total else 0
    sys.stderr.write(f"\r{stage} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    if args.samples < 1:
        raise UsageError(f"argument --samples: must be at least 1, got {args.samples}")
    bar = sys.stderr.isatty() if args.progress is None else args.progress
    result = sweep(load_model(args.model), samples=args.samples, seed=args.seed,
                   workers=args.workers, progress=progress_bar if bar else None)
    if bar:
        sys.stderr.write("\n")
    return emit(render(result, args.format), args.output)
