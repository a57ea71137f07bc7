"""The ``gametheory`` command: a thin layer over the Python API, one module per command.

Each command module adds its subparser (``add_parser``) and runs it (``run``):
parse, call the public API, ``render`` the record.
Exit codes (fixed by the project's contract): 0 success, 1 a computation that
could not finish, 2 bad input or usage.  Errors are one line on standard error,
``gametheory: error: ...``, never a traceback; an ``--output`` file is written
whole or not at all (``gametheory.cli._common``).
"""

from __future__ import annotations

import argparse
import os
import signal as _signal  # the name `signal` is the command module below
import sys
import time
from collections.abc import Sequence
from importlib import import_module

from ._common import Parser, UsageError, exit_code, fail

__all__ = ["main", "run", "COMMANDS", "complete_parser"]

#: The commands, in the order ``gametheory --help`` lists them, with their one-line help (the same
#: as their modules give; a test checks it).  A command's module, which imports what it computes
#: with (scipy, sympy, the solvers), is imported only when that command runs: ``gametheory
#: --help`` stays about as quick as importing numpy.
COMMANDS = {
    "solve": "compute the equilibria of a game",
    "dominance": "iterated elimination of dominated actions",
    "qre": "trace the logit quantal response equilibrium branch",
    "repeated": "minmax values, the folk theorem's set, discount thresholds",
    "talk": "what cheap talk before a game can coordinate",
    "signal": "perfect Bayesian equilibria of a signalling game",
    "show": "show a crisis model's payoffs and where they come from",
    "compare": "what prior coordination changes in a crisis model",
    "bayes": "Bayes-Nash equilibria when parties have private types",
    "choose": "whether the parties choose to coordinate, and at what level",
    "leads": "who leads: the lead roles settled by bargaining",
    "sweep": "how robust every conclusion is to the model's uncertain numbers",
    "threshold": "where each conclusion flips as a parameter moves",
    "sensitivity": "which numbers drive the value of coordination (Sobol)",
    "plot": "draw a robustness figure to a PNG, SVG or PDF file",
    "tree": "draw a game tree in the terminal",
    "coop": "cooperative analysis: core, Shapley value, nucleolus",
    "conflict": "graph-model conflict analysis: stability of every state",
    "lint": "check a model's quotes and numbers",
    "models": "list the bundled games, models and conflicts",
}


def command_module(name: str):
    """The module of command ``name`` (imported now)."""
    return import_module(f"{__name__}.{name}")


def complete_parser() -> argparse.ArgumentParser:
    """The parser with every command's subparser complete (every command module imported): what
    shell completion is generated from."""
    return _parser(every=True)


def _parser(chosen: str | None = None, every: bool = False) -> argparse.ArgumentParser:
    """The parser; only the ``chosen`` command's subparser is complete (its module imported), the
    others carry their name and help, enough for ``gametheory --help`` (``every``: all complete)."""
    p = Parser(prog="gametheory",
               description="Game-theoretic analysis: equilibria of games in strategic form.")
    from ..version import __version__
    p.add_argument("--version", action="version", version=f"gametheory {__version__}")
    p.add_argument("--debug", action="store_true",
                   help="on an internal error, show the traceback")
    p.add_argument("--completion", choices=["bash", "zsh"], metavar="SHELL",
                   help="print a completion script for bash or zsh, e.g. "
                        "eval \"$(gametheory --completion bash)\"")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, text in COMMANDS.items():
        if name == chosen or every:
            module = command_module(name)
            module.add_parser(sub)
        else:
            sub.add_parser(name, help=text)
    for name, parser in sub.choices.items():
        parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                            help="on an internal error, show the traceback")
        if name != "models":
            soft = (name == chosen or every) and getattr(command_module(name), "SOFT_STOP", False)
            parser.add_argument("--time-limit", type=_seconds, default=None, metavar="SECONDS",
                                help="stop the computation after SECONDS seconds, exit code 1: "
                                     + ("the equilibria found so far are written, marked "
                                        "incomplete (no result if none could be kept)" if soft
                                        else "no result, no output file"))
    return p


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the command line (its first word that is not an option), if any."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < 10 ** 7:
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive number of seconds")
    return value


def _within(command, args: argparse.Namespace) -> int:
    """Run ``command`` in a child process and stop it after ``args.time_limit`` seconds (code in
    C, such as HiGHS or BLAS, cannot be interrupted in-process).  A stopped child is sent SIGTERM,
    which unwinds it (a half-written output file is removed), then SIGKILL.  A command that stops
    itself (``SOFT_STOP``: the solvers check the deadline) is given a grace period to write what
    it found first."""
    global _STOPPABLE
    if not hasattr(os, "fork"):       # no fork (Windows): only the commands' own deadline applies
        return command.run(args)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:                                # the child: the command, then its exit code
        code = 1
        try:
            _STOPPABLE = os.getpid()
            _signal.signal(_signal.SIGTERM, _terminated)
            code = command.run(args)
        except _Stopped:                        # the parent reports it
            code = 1
        except BaseException as exc:            # noqa: BLE001 - reported in one line
            code = exit_code(exc, debug=getattr(args, "debug", False))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code if isinstance(code, int) else 1)
    # a command that stops itself at the limit (SOFT_STOP) gets a grace period to write its result
    grace = max(1.0, 0.1 * args.time_limit) if getattr(command, "SOFT_STOP", False) else 0.0
    deadline = time.monotonic() + args.time_limit + grace
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") \
                else status >> 8
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    os.kill(pid, _signal.SIGTERM)
    for _ in range(100):                        # two seconds to unwind
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, _signal.SIGKILL)
        os.waitpid(pid, 0)
    return fail(f"stopped after {args.time_limit:g} s (--time-limit): no result", 1)


class _Stopped(BaseException):
    """Raised in a child process stopped by the time limit: it unwinds the command."""


#: The process whose SIGTERM unwinds the command (the time-limited child).
_STOPPABLE = -1


def _terminated(*_) -> None:
    if os.getpid() != _STOPPABLE:
        # a worker process forked by the command (a multiprocessing pool) inherits the handler;
        # its pool terminates it with SIGTERM as the command unwinds: end quietly
        os._exit(1)
    raise _Stopped


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parser(_chosen(words)).parse_args(words)
        if args.completion is not None:
            from .completion import completion_script
            sys.stdout.write(completion_script(complete_parser(), args.completion))
            return 0
        if args.command is None:
            raise UsageError(f"a command is required: {', '.join(list(COMMANDS)[:-1])} or "
                             f"{list(COMMANDS)[-1]} (see 'gametheory --help')")
        command = command_module(args.command)
        if "-" in words:                            # a game or model from standard input
            from ..io.sources import forget_stdin
            forget_stdin()
        if getattr(args, "time_limit", None) is not None:
            return _within(command, args)
        return command.run(args)
    except (Exception, KeyboardInterrupt) as exc:   # never a traceback; say what happened
        return exit_code(exc, debug="--debug" in words)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
