"""``gametheory solve``: the equilibria of a game."""

from __future__ import annotations

import argparse
from typing import cast

from ..context import TimeLimitError
from ..errors import InvalidGameError
from ._common import (
    add_arithmetic,
    add_format,
    add_output,
    add_progress,
    emit,
    fail,
    model_sha256,
    progress_bar,
)

# What the parser offers, written out so that `gametheory solve --help` imports no solver, reader
# or writer (they are imported when the command runs); a test checks both against the package.
#: The methods of ``gametheory.solvers.solve.METHODS``, in its order.
METHOD_NAMES = ("pure", "support", "vertex", "lemke-howson", "zero-sum", "polynomial", "qre",
                "simpdiv", "spe", "sequence-form")
#: The formats of ``gametheory.report.solve.FORMATS``.
FORMATS = ("table", "json", "csv", "latex")


def add_parser(sub) -> None:
    s = sub.add_parser("solve", help="compute the equilibria of a game",
                       description="Compute the equilibria of a game and print them.")
    s.add_argument("game", metavar="GAME",
                   help="a Gambit .nfg or .efg file, a model file (.toml), or the name of a bundled "
                        "game (see 'gametheory models')")
    s.add_argument("--method", default="auto", choices=["auto", *METHOD_NAMES],
                   help="solver (default: auto chooses by the game's size and player count; for a "
                        "game tree, spe); on a tree, spe and sequence-form work on the tree and "
                        "the others on its reduced normal form")
    add_arithmetic(s, "rational arithmetic (integer or rational payoffs only)")
    add_format(s, FORMATS)
    add_output(s)
    add_progress(s)
    s.add_argument("--eliminate", action="store_true",
                   help="remove strictly dominated actions first (keeps every equilibrium)")
    s.add_argument("--select", action="store_true",
                   help="add the selection panel: payoff and risk dominance (2x2 criterion and "
                        "tracing procedure), the logit QRE limit, perfection (table and json; "
                        "a tree's panel is its agent form's)")


#: The command stops itself at ``--time-limit`` (the solvers check the deadline) and prints what
#: it found; the parent process kills it only if code in C keeps it past a grace period.
SOFT_STOP = True


def run(args: argparse.Namespace) -> int:
    from ..analysis.selection import select
    from ..io import read_game
    from ..report import render, to_dict
    from ..report._registry import with_version
    from ..report._text import json_text
    from ..solvers.result import SolverResult
    from ..solvers.solve import solve
    game = read_game(args.game)
    limit = getattr(args, "time_limit", None)
    bar = progress_bar(args)
    try:
        try:
            result = solve(game, method=args.method, exact=args.exact, eliminate=args.eliminate,
                           time_limit=limit, progress=bar)
        finally:                      # the bar's line ends before anything else is written
            if bar is not None:
                bar.close()
    except TimeLimitError as exc:
        if exc.partial is None:
            return fail(f"stopped after {limit:g} s (--time-limit): no result ({exc})", 1)
        partial = cast(SolverResult, exc.partial)       # the solvers' partial result
        found = len(partial.equilibria)
        emit(render(partial, args.format), args.output, args.format, model_sha256(args.game))
        return fail(f"stopped after {limit:g} s (--time-limit): {found} "
                    f"equilibri{'um' if found == 1 else 'a'} found so far, written as an incomplete "
                    "list", 1)
    if not args.select:
        return emit(render(result, args.format), args.output, args.format,
                    model_sha256(args.game))
    if args.format not in ("table", "json"):
        raise InvalidGameError(f"--select writes table or json, not {args.format}")
    panel = select(game, result)
    if args.format == "json":
        data = to_dict(result)
        data["selection"] = to_dict(panel)
        return emit(json_text(with_version(data)), args.output, "json", model_sha256(args.game))
    return emit(render(result, "table") + "\n" + render(panel, "table"), args.output, "table",
                model_sha256(args.game))
