"""The ``gametheory`` command: a thin layer over the Python API, one module per command.

Each command module adds its subparser (``add_parser``) and runs it (``run``):
parse, call the public API, :func:`~gametheory.report.render` the record.
Exit codes (fixed by the project's contract): 0 success, 1 a computation that
could not finish, 2 bad input or usage.  Errors are one line on standard error,
``gametheory: error: ...``, never a traceback; an ``--output`` file is written
whole or not at all (:mod:`gametheory.cli._common`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import (bayes, choose, compare, conflict, coop, dominance, leads, lint, models, plot, qre,
               repeated, sensitivity, show, signal, solve, sweep, talk, threshold, tree)
from ._common import Parser, UsageError, exit_code

__all__ = ["main", "run"]

#: The commands, in the order ``gametheory --help`` lists them.
COMMANDS = {"solve": solve, "dominance": dominance, "qre": qre, "repeated": repeated, "talk": talk,
            "signal": signal, "show": show, "compare": compare, "bayes": bayes, "choose": choose,
            "leads": leads, "sweep": sweep, "threshold": threshold, "sensitivity": sensitivity, "plot": plot,
            "tree": tree, "coop": coop, "conflict": conflict, "lint": lint, "models": models}


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog="gametheory",
               description="Game-theoretic analysis: equilibria of games in strategic form.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS.values():
        command.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = _parser().parse_args(argv)
        command = COMMANDS.get(args.command)
        if command is None:
            raise UsageError(f"a command is required: {', '.join(list(COMMANDS)[:-1])} or "
                             f"{list(COMMANDS)[-1]} (see 'gametheory --help')")
        return command.run(args)
    except (Exception, KeyboardInterrupt) as exc:   # never a traceback; say what happened
        return exit_code(exc)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
