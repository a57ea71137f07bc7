"""``gametheory coop``: the cooperative analysis of a TU game (core, Shapley value, nucleolus)."""

from __future__ import annotations

import argparse

from ..coop import analyse_tu
from ..io import load_tu
from ..report import render
from ._common import add_format, add_output, emit


def add_parser(sub) -> None:
    k = sub.add_parser("coop", help="cooperative analysis: core, Shapley value, nucleolus",
                       description="Analyse a transferable-utility game: the Shapley and Banzhaf "
                                   "values, the core (empty or not, a point, its vertices for small "
                                   "games), the least core and the nucleolus, exactly where the "
                                   "worths are rational.  GAME is a TU game file (TOML with "
                                   "[values]), or a strategic-form game or crisis model whose "
                                   "characteristic function is derived (--characteristic).")
    k.add_argument("game", metavar="GAME",
                   help="a TU game (.toml with [values]), a model file or name, or a .nfg/.efg file")
    k.add_argument("--characteristic", default=None, choices=["alpha", "beta", "equilibrium"],
                   help="for a strategic-form game or model: what a coalition can secure "
                        "(default: alpha, its max-min total)")
    k.add_argument("--pure", action="store_true",
                   help="coalitions may not randomise (alpha and beta then differ)")
    add_format(k, ["table", "json"])
    add_output(k)


def run(args: argparse.Namespace) -> int:
    return emit(render(analyse_tu(load_tu(args.game, args.characteristic, args.pure)), args.format),
                args.output, args.format)
