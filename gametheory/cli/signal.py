"""``gametheory signal``: perfect Bayesian equilibria of a signalling game of the catalogue."""

from __future__ import annotations

import argparse

from ..analysis.signalling import perfect_bayesian_equilibria
from ..games.catalogue import TEXTBOOK, textbook_game
from ..report import render
from ._common import UsageError, add_format, add_output, emit

SIGNALLING = [name for name, entry in TEXTBOOK.items() if entry.kind == "signalling"]


def add_parser(sub) -> None:
    s = sub.add_parser("signal", help="perfect Bayesian equilibria of a signalling game",
                       description="Every pure-strategy perfect Bayesian equilibrium of a "
                                   "signalling game of the catalogue (pooling, separating), the "
                                   "beliefs that support it off the path, and whether it passes "
                                   "the Intuitive Criterion.")
    s.add_argument("game", metavar="GAME", help="a signalling game of the catalogue: "
                                                + ", ".join(SIGNALLING))
    s.add_argument("--mixed", action="store_true",
                   help="also list the equilibria in which someone mixes (hybrid equilibria, "
                        "receivers mixing at a tie): the extreme Nash equilibria of the game tree "
                        "that are perfect Bayesian")
    add_format(s, ["table", "json"])
    add_output(s)


def run(args: argparse.Namespace) -> int:
    if args.game not in SIGNALLING:
        raise UsageError(f"{args.game!r} is not a signalling game of the catalogue "
                         f"({', '.join(SIGNALLING)})")
    emit(render(perfect_bayesian_equilibria(textbook_game(args.game), mixed=args.mixed),
                args.format), args.output, args.format)
    return 0
