"""``gametheory threshold``: where each conclusion flips along one parameter, or a map over two."""

from __future__ import annotations

import argparse

from ..crisis.expressions import parse_conclusion
from ..crisis.thresholds import (
    RegionMap,
    ThresholdResult,
    region_map,
    threshold_view,
    thresholds,
)
from ..io import load_model
from ..report import render
from ._common import UsageError, add_format, add_model, add_output, emit, parse_vary


def add_parser(sub) -> None:
    t = sub.add_parser("threshold", help="where each conclusion flips as a parameter moves",
                       description="Scan one parameter over its range (the others at their point "
                                   "values) and report where each conclusion flips: exactly where "
                                   "the flip point is rational and found, else a rational interval "
                                   "around it; with two --vary, a map of every conclusion over "
                                   "the grid.")
    add_model(t, "coordinated")
    t.add_argument("--vary", action="append", required=True, metavar="NAME[=LOW:HIGH]",
                   help="the parameter to scan (e.g. probability.succession, "
                        "weight.ROK.meltdown), optionally with the range to scan; once or twice")
    t.add_argument("--points", type=int, default=None, metavar="N",
                   help="scan points per parameter (default: 21 for one parameter, 11 for two)")
    t.add_argument("--conclusion", action="append", metavar="NAME",
                   help="follow only this conclusion (by name, e.g. worst_payoff.ROK); repeatable")
    t.add_argument("--conclude", action="append", default=[], metavar="EXPR",
                   help="a conclusion of your own (see 'gametheory sweep'); repeatable")
    t.add_argument("--view", choices=["complete", "bayes"], default=None,
                   help="the conclusions of the complete-information comparison, or of the "
                        "Bayes-Nash one of a model with [[type]] tables (default: bayes when a "
                        "type probability is varied)")
    add_format(t, ["table", "json"])
    add_output(t)


def run(args: argparse.Namespace) -> int:
    if len(args.vary) > 2:
        raise UsageError("argument --vary: once (flips) or twice (a region map)")
    if args.points is not None and args.points < 2:
        raise UsageError(f"argument --points: must be at least 2, got {args.points}")
    model = load_model(args.model)
    extra = [parse_conclusion(text, model, name=f"user.{k}") for k, text in enumerate(args.conclude, 1)]
    # --conclusion picks built-in conclusions by name; the user's own are always followed
    only = list(args.conclusion) + [c.name for c in extra] if args.conclusion else None
    parsed = [parse_vary(v) for v in args.vary]
    view = threshold_view(model, [p[0] for p in parsed], args.view)
    if view == "bayes" and extra:
        raise UsageError("argument --conclude: expressions read the complete-information "
                         "comparison, not the Bayes-Nash one")
    result: ThresholdResult | RegionMap
    if len(parsed) == 1:
        name, within = parsed[0]
        result = thresholds(model, name, within=within, points=args.points or 21, extra=extra,
                            only=only, view=view)
    else:
        result = region_map(model, [p[0] for p in parsed], within=[p[1] for p in parsed],
                            points=args.points or 11, extra=extra, only=only, view=view)
    return emit(render(result, args.format), args.output, args.format, model.sha256)
