"""``gametheory dominance``: iterated elimination of dominated actions."""

from __future__ import annotations

import argparse

from ..io import read_game
from ..report import render
from ..solvers.dominance import iterated_elimination
from ._common import add_arithmetic, add_format, add_output, emit, model_sha256, strategic


def add_parser(sub) -> None:
    d = sub.add_parser("dominance", help="iterated elimination of dominated actions",
                       description="Remove dominated actions until none is left; print what was "
                                   "removed, dominated by which strategy, and what remains.")
    d.add_argument("game", metavar="GAME", help="a Gambit .nfg file or a bundled game's name")
    d.add_argument("--weak", action="store_true",
                   help="weak dominance (order-dependent; may remove equilibria)")
    d.add_argument("--pure-only", action="store_true",
                   help="consider domination by pure strategies only")
    add_arithmetic(d, "verify each domination in rational arithmetic")
    add_format(d, ["table", "json"])
    add_output(d)


def run(args: argparse.Namespace) -> int:
    elimination = iterated_elimination(strategic(read_game(args.game)),
                                       kind="weak" if args.weak else "strict",
                                       mixed=not args.pure_only, exact=args.exact)
    return emit(render(elimination, args.format), args.output, args.format,
                model_sha256(args.game))
