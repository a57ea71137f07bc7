"""``gametheory tree``: a game tree drawn in the terminal."""

from __future__ import annotations

import argparse

from ..io import load_tree
from ..report import render
from ..solvers.solve import solve
from ._common import add_output, emit, model_sha256


def add_parser(sub) -> None:
    t = sub.add_parser("tree", help="draw a game tree in the terminal",
                       description="Draw a game tree: a Gambit .efg file, or a crisis model as a tree "
                                   "(chance picks the scenario, then the parties move in the "
                                   "model's timing).  With --spe, each move shows the probability "
                                   "a subgame-perfect equilibrium gives it.")
    t.add_argument("game", metavar="GAME", help="a .efg file, a model file (.toml) or a bundled model's name")
    t.add_argument("--spe", action="store_true",
                   help="mark the moves of the first subgame-perfect equilibrium")
    t.add_argument("--max-depth", type=int, default=None, metavar="D",
                   help="draw nodes down to depth D only")
    t.add_argument("--max-lines", type=int, default=500, metavar="N",
                   help="stop after N lines (default: 500)")
    add_output(t)


def run(args: argparse.Namespace) -> int:
    game = load_tree(args.game)
    behavior = None
    if args.spe:
        result = solve(game, method="spe")
        behavior = result.equilibria[0].behavior if result.equilibria else None
    return emit(render(game, "table", behavior=behavior, max_depth=args.max_depth,
                       max_lines=max(args.max_lines, 2)), args.output, "table",
                model_sha256(args.game))
