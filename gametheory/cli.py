"""The ``gametheory`` command: a thin layer over the Python API.

Exit codes (fixed by the project's contract): 0 success, 1 a computation that
could not finish, 2 bad input or usage.  Errors are one line on standard error,
``gametheory: error: ...``, never a traceback; an ``--output`` file is written
whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .errors import GameError, SolverError
from .io import bundled_games, load_model, read_game
from .crisis.compare import compare, format_comparison
from .crisis.sweep import format_sweep, sweep
from .solvers.dominance import iterated_elimination
from .report.solve import (FORMATS, format_elimination, format_model, format_qre, format_result,
                     write_text_atomic)
from .solvers.solve import METHODS, solve
from .solvers.qre import logit_qre
from .report.tree import format_tree

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gametheory",
                description="Game-theoretic analysis: equilibria of games in strategic form.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    s = sub.add_parser("solve", help="compute the equilibria of a game",
                       description="Compute the equilibria of a game and print them.")
    s.add_argument("game", metavar="GAME",
                   help="a Gambit .nfg or .efg file, a model file (.toml), or the name of a bundled "
                        "game (see 'gametheory models')")
    s.add_argument("--method", default="auto", choices=["auto", *METHODS],
                   help="solver (default: auto chooses by the game's size and player count; for a "
                        "game tree, spe); on a tree, spe and sequence-form work on the tree and "
                        "the others on its reduced normal form")
    _arithmetic(s, "rational arithmetic (integer or rational payoffs only)")
    s.add_argument("--format", default="table", choices=FORMATS, help="output format (default: table)")
    _output(s)
    s.add_argument("--eliminate", action="store_true",
                   help="remove strictly dominated actions first (keeps every equilibrium)")
    d = sub.add_parser("dominance", help="iterated elimination of dominated actions",
                       description="Remove dominated actions until none is left; print what was "
                                   "removed, dominated by which strategy, and what remains.")
    d.add_argument("game", metavar="GAME", help="a Gambit .nfg file or a bundled game's name")
    d.add_argument("--weak", action="store_true",
                   help="weak dominance (order-dependent; may remove equilibria)")
    d.add_argument("--pure-only", action="store_true",
                   help="consider domination by pure strategies only")
    _arithmetic(d, "verify each domination in rational arithmetic")
    d.add_argument("--format", default="table", choices=["table", "json"],
                   help="output format (default: table)")
    _output(d)
    q = sub.add_parser("qre", help="trace the logit quantal response equilibrium branch",
                       description="Trace the principal branch of the logit QRE correspondence "
                                   "from uniform play (lambda = 0) to the Nash equilibrium it "
                                   "ends at, and print it (csv and json: every point).")
    q.add_argument("game", metavar="GAME", help="a Gambit .nfg file or a bundled game's name")
    q.add_argument("--max-lambda", type=float, default=None, metavar="L",
                   help="stop once lambda exceeds L (default: far enough for any regular game)")
    _arithmetic(q, "certify the end point in rational arithmetic where it is rational")
    q.add_argument("--format", default="table", choices=["table", "csv", "json"],
                   help="output format (default: table)")
    _output(q)
    m = sub.add_parser("show", help="show a crisis model's payoffs and where they come from",
                       description="Print a crisis model: its parties, every party's payoff at "
                                   "every profile (default weights) and, with --cell, how each "
                                   "payoff at one profile follows from the outcomes, the weights "
                                   "and the quoted sentences of the source.")
    _model(m, "unilateral")
    m.add_argument("--cell", metavar="ACTIONS",
                   help="one action per moving party, comma-separated, e.g. "
                        "'Intervene,Limited,Stay out'")
    _output(m)
    c = sub.add_parser("compare", help="what prior coordination changes in a crisis model",
                       description="Solve a crisis model's game without and with its prior "
                                   "understandings; print, for every equilibrium and the best "
                                   "correlated equilibria, each party's payoff, the total and "
                                   "the risk of each bad outcome, and what coordination changes.")
    _model(c, "coordinated")
    c.add_argument("--format", default="table", choices=["table", "json", "csv", "latex"],
                   help="output format (default: table)")
    _output(c)
    w = sub.add_parser("sweep", help="how robust the comparison is to the model's weights",
                       description="Draw the model's weights within their admissible ranges "
                                   "(respecting its stated priorities), recompute the comparison "
                                   "for each draw, and report how often each conclusion holds.")
    _model(w, "coordinated")
    w.add_argument("--samples", type=int, default=100, metavar="N", help="draws (default: 100)")
    w.add_argument("--seed", type=int, default=0, metavar="S",
                   help="random seed (default: 0); the result does not depend on --workers")
    w.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes (default: all cores)")
    w.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on standard error (default: when it is a terminal)")
    w.add_argument("--format", default="table", choices=["table", "json"],
                   help="output format (default: table)")
    _output(w)
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
    _output(t)
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
    k.add_argument("--format", default="table", choices=["table", "json"],
                   help="output format (default: table)")
    _output(k)
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
    f.add_argument("--format", default="table", choices=["table", "json", "dot"],
                   help="output format (default: table; dot: the graph of improvements for "
                        "Graphviz)")
    _output(f)
    sub.add_parser("models", help="list the bundled games",
                   description="List the bundled games that GAME may name.")
    return p


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")


def _model(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("model", metavar="MODEL", nargs="?", default=default,
                        help=f"a model file (.toml) or a bundled model's name (default: {default})")


def _arithmetic(parser: argparse.ArgumentParser, exact_help: str) -> None:
    """The --exact/--float pair (default: exact where the payoffs are rational)."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--exact", dest="exact", action="store_const", const=True, default=None,
                      help=exact_help)
    mode.add_argument("--float", dest="exact", action="store_const", const=False,
                      help="floating-point arithmetic")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "solve":
            result = solve(read_game(args.game), method=args.method, exact=args.exact,
                           eliminate=args.eliminate)
            return _emit(format_result(result, args.format), args.output)
        if args.command == "dominance":
            elimination = iterated_elimination(_strategic(read_game(args.game)),
                                               kind="weak" if args.weak else "strict",
                                               mixed=not args.pure_only, exact=args.exact)
            return _emit(format_elimination(elimination, args.format), args.output)
        if args.command == "qre":
            curve = logit_qre(_strategic(read_game(args.game)), max_lambda=args.max_lambda,
                              exact=args.exact)
            _emit(format_qre(curve, args.format), args.output)
            if curve.equilibrium is None:
                return _fail(f"qre: no equilibrium could be certified at the end of the branch "
                             f"(tracing stopped: {curve.reason})", 1)
            return 0
        if args.command == "show":
            model = load_model(args.model)
            cell = None if args.cell is None else [a.strip() for a in args.cell.split(",")]
            if cell is not None:
                model.explain(model.parties[0].name, cell)     # validates the cell first
            return _emit(format_model(model, cell), args.output)
        if args.command == "compare":
            return _emit(format_comparison(compare(load_model(args.model)), args.format), args.output)
        if args.command == "sweep":
            if args.samples < 1:
                raise _UsageError(f"argument --samples: must be at least 1, got {args.samples}")
            progress = sys.stderr.isatty() if args.progress is None else args.progress
            result = sweep(load_model(args.model), samples=args.samples, seed=args.seed,
                           workers=args.workers, progress=progress)
            return _emit(format_sweep(result, args.format), args.output)
        if args.command == "tree":
            game = _tree(args.game)
            behavior = None
            if args.spe:
                result = solve(game, method="spe")
                behavior = result.equilibria[0].behavior if result.equilibria else None
            return _emit(format_tree(game, behavior, max_depth=args.max_depth,
                                     max_lines=max(args.max_lines, 2)), args.output)
        if args.command == "coop":
            from .coop import format_coop, load_tu
            return _emit(format_coop(load_tu(args.game, args.characteristic, args.pure),
                                     args.format), args.output)
        if args.command == "conflict":
            from .conflict import format_conflict, load_conflict
            return _emit(format_conflict(load_conflict(args.game), args.coalition, args.start,
                                         args.format, args.every_coalition, args.explain),
                         args.output)
        if args.command == "models":
            for name, title in bundled_games().items():
                sys.stdout.write(f"{name}\t{title}\n")
            return 0
        raise _UsageError("a command is required: solve, dominance, qre, show, compare, sweep, tree, "
                          "coop, conflict or models "
                          "(see 'gametheory --help')")
    except _UsageError as exc:
        return _fail(str(exc), 2)
    except SolverError as exc:
        return _fail(str(exc), 1)
    except (GameError, ValueError) as exc:
        return _fail(str(exc), 2)
    except OSError as exc:
        return _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), 2)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:  # never a traceback; say what happened
        return _fail(f"internal error ({type(exc).__name__}): {exc}", 1)


def _tree(source: str):
    """A game tree from a .efg file, or a model (file or bundled name) as a tree."""
    from pathlib import Path
    from .errors import InvalidGameError
    from .games.tree import ExtensiveFormGame
    from .io import bundled_models
    path = Path(source)
    if path.suffix.lower() == ".toml" or (not path.suffix and source in bundled_models()):
        return load_model(source).tree()
    game = read_game(source)
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"{source}: a game in strategic form has no tree; give a .efg file "
                               "or a model")
    return game


def _strategic(game):
    """A game tree's reduced normal form (dominance and qre work in strategic form)."""
    from .games.tree import ExtensiveFormGame, reduced_normal_form
    return reduced_normal_form(game) if isinstance(game, ExtensiveFormGame) else game


def _emit(text: str, output: str | None) -> int:
    if output:
        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)
    return 0


def _fail(message: str, code: int) -> int:
    sys.stderr.write("gametheory: error: " + " ".join(str(message).split()) + "\n")
    return code


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
