"""``gametheory qre``: the principal branch of the logit quantal response equilibrium."""

from __future__ import annotations

import argparse

from ..io import read_game
from ..report import render
from ..solvers.qre import logit_qre
from ._common import add_arithmetic, add_format, add_output, emit, fail, model_sha256, strategic


def add_parser(sub) -> None:
    q = sub.add_parser("qre", help="trace the logit quantal response equilibrium branch",
                       description="Trace the principal branch of the logit QRE correspondence "
                                   "from uniform play (lambda = 0) to the Nash equilibrium it "
                                   "ends at, and print it (csv and json: every point).")
    q.add_argument("game", metavar="GAME", help="a Gambit .nfg file or a bundled game's name")
    q.add_argument("--max-lambda", type=float, default=None, metavar="L",
                   help="stop once lambda exceeds L (default: far enough for any regular game)")
    add_arithmetic(q, "certify the end point in rational arithmetic where it is rational")
    add_format(q, ["table", "csv", "json"])
    add_output(q)


def run(args: argparse.Namespace) -> int:
    curve = logit_qre(strategic(read_game(args.game)), max_lambda=args.max_lambda,
                      exact=args.exact)
    emit(render(curve, args.format), args.output, args.format, model_sha256(args.game))
    if curve.equilibrium is None:
        return fail(f"qre: no equilibrium could be certified at the end of the branch "
                    f"(tracing stopped: {curve.reason})", 1)
    return 0
