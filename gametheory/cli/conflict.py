"""``gametheory conflict``: graph-model conflict analysis (stability of every state)."""

from __future__ import annotations

import argparse

from ..conflict import conflict_report
from ..io import load_conflict
from ..report import render
from ._common import add_format, add_output, emit


def add_parser(sub) -> None:
    f = sub.add_parser("conflict", help="graph-model conflict analysis: stability of every state",
                       description="Analyse a conflict in option form (the Graph Model for Conflict "
                                   "Resolution): for every feasible state and decision maker, Nash, "
                                   "GMR, SMR and SEQ stability, and the equilibria; with --coalition, "
                                   "the same when decision makers move jointly; with --from, the "
                                   "states reachable from a status quo by unilateral improvements; "
                                   "with --every-coalition, which equilibria every coalition "
                                   "leaves stable.")
    f.add_argument("game", metavar="FILE",
                   help="a conflict model (TOML), or the name of a bundled one (crisis)")
    f.add_argument("--coalition", metavar="GROUPS",
                   help='a grouping such as "US+PRC,ROK" (members joined by +, coalitions by commas)')
    f.add_argument("--from", dest="start", metavar="STATE",
                   help="a status quo state as Y/N letters, one per option")
    f.add_argument("--explain", metavar="STATE",
                   help="say why this state (Y/N letters) is or is not stable for each decision "
                        "maker (and each coalition): its improvements and their sanctions")
    f.add_argument("--every-coalition", action="store_true",
                   help="also test each equilibrium against every coalition of two or more: "
                        "which stay stable, and which coalitions break the others")
    add_format(f, ["table", "json", "dot"],
               help="output format (default: table; dot: the graph of improvements for "
                    "Graphviz)")
    add_output(f)


def run(args: argparse.Namespace) -> int:
    model = load_conflict(args.game)
    if args.format == "dot":            # the graph of improvements: the grouping only
        report = conflict_report(model, args.coalition)
    else:
        report = conflict_report(model, args.coalition, start=args.start,
                                 every_coalition=args.every_coalition, explain=args.explain)
    return emit(render(report, args.format), args.output, args.format)
