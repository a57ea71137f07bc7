"""What every command shares: the parser, the shared arguments, errors and exit codes, ``--output``.

Exit codes (fixed by the project's contract): 0 success, 1 a computation that
could not finish, 2 bad input or usage.  Errors are one line on standard error,
``gametheory: error: ...``, never a traceback; an ``--output`` file is written
whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from ..errors import GameError, SolverError

# The readers, writers and games are imported where they are used: the parser itself (and so
# ``gametheory --help``) needs none of them.

__all__ = ["Parser", "UsageError", "add_output", "add_model", "add_arithmetic", "add_format",
           "emit", "model_sha256", "fail", "exit_code", "strategic", "game_and_model", "parse_vary",
           "ProgressBar", "add_progress", "progress_bar"]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors become ``UsageError`` (exit code 2, one line)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


class UsageError(Exception):
    """Bad usage of the command line (exit code 2)."""


def add_output(parser: argparse.ArgumentParser) -> None:
    """The ``--output FILE`` option."""
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")


def add_model(parser: argparse.ArgumentParser, default: str) -> None:
    """The optional ``MODEL`` argument (a model file or a bundled model's name)."""
    parser.add_argument("model", metavar="MODEL", nargs="?", default=default,
                        help=f"a model file (.toml) or a bundled model's name (default: {default})")


def add_arithmetic(parser: argparse.ArgumentParser, exact_help: str) -> None:
    """The --exact/--float pair (default: exact where the payoffs are rational)."""
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--exact", dest="exact", action="store_const", const=True, default=None,
                      help=exact_help)
    mode.add_argument("--float", dest="exact", action="store_const", const=False,
                      help="floating-point arithmetic")


def add_format(parser: argparse.ArgumentParser, choices: Any,
               help: str = "output format (default: table)") -> None:
    """The ``--format`` option (default: table)."""
    parser.add_argument("--format", default="table", choices=choices, help=help)


def parse_vary(text: str) -> tuple[str, tuple[str, str] | None]:
    """``--vary NAME`` or ``--vary NAME=LOW:HIGH``: the parameter and the range to scan, if any."""
    if "=" not in text:
        return text, None
    name, _, rng = text.partition("=")
    low, sep, high = rng.partition(":")
    if not sep or not low.strip() or not high.strip():
        raise UsageError(f"argument --vary: write NAME=LOW:HIGH, got {text!r}")
    return name.strip(), (low.strip(), high.strip())


class ProgressBar:
    """A progress bar with an ETA on standard error, redrawn in place:
    ``sweep [######........] 40/100  12s left``; for a stage of unknown length, a count
    (``qre 120 steps``).  ``close`` ends its line, so that what follows starts afresh."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.drawn = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        width = 30
        self.drawn = True
        if not total:
            sys.stderr.write(f"\r{stage} {done} steps  {time.monotonic() - self.start:.0f}s   ")
            sys.stderr.flush()
            return
        filled = width * min(done, total) // total
        eta = ""
        if done:
            left = (time.monotonic() - self.start) / done * (total - done)
            eta = f"  {left:.0f}s left" if done < total else f"  {time.monotonic() - self.start:.0f}s"
        sys.stderr.write(f"\r{stage} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{eta}   ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False


def add_progress(parser: argparse.ArgumentParser) -> None:
    """The ``--progress/--no-progress`` option (default: a bar when standard error is a terminal)."""
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar on standard error (default: when it is a terminal)")


def progress_bar(args: argparse.Namespace) -> ProgressBar | None:
    """A bar when ``--progress`` asks for one (or, by default, when standard error is a terminal)."""
    wanted = sys.stderr.isatty() if args.progress is None else args.progress
    return ProgressBar() if wanted else None


def emit(text: str, output: str | None, fmt: str = "table", model_sha256: str | None = None) -> int:
    """Write ``text`` to the ``--output`` file (whole or not at all) or to standard output.

    A file records what wrote it: in a text format, a first comment line
    (``report._registry.provenance``); in JSON, the ``"version"`` field every JSON output has
    and, for a model, ``"model_sha256"`` (added where the record does not carry it already, on
    standard output too)."""
    from ..report._registry import provenance, with_model_sha256
    if fmt == "json" and model_sha256:
        text = with_model_sha256(text, model_sha256)
    if output:
        from ..io import write_text_atomic
        write_text_atomic(output, provenance(fmt, model_sha256) + text)
    else:
        sys.stdout.write(text)
    return 0


def model_sha256(source: str) -> str | None:
    """The SHA-256 of the crisis model a ``GAME`` argument names (None for any other game)."""
    from ..io import model_of
    model = model_of(source)
    return model.sha256 if model is not None else None


def fail(message: str, code: int) -> int:
    """Say what went wrong in one line on standard error; return the exit code."""
    sys.stderr.write("gametheory: error: " + " ".join(str(message).split()) + "\n")
    return code


def exit_code(exc: BaseException, debug: bool = False) -> int:
    """Report an exception raised by a command as one line; return its exit code.

    An unexpected exception (a bug) is an "internal error"; with ``debug`` its traceback is
    printed first (``gametheory --debug ...``)."""
    if isinstance(exc, UsageError):
        return fail(str(exc), 2)
    if isinstance(exc, SolverError):
        return fail(str(exc), 1)
    if isinstance(exc, (GameError, ValueError)):
        return fail(str(exc), 2)
    if isinstance(exc, OSError):
        return fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), 2)
    if isinstance(exc, KeyboardInterrupt):
        return fail("interrupted", 130)
    if debug:
        import traceback
        traceback.print_exception(exc)
        return fail(f"internal error ({type(exc).__name__}): {exc}", 1)
    return fail(f"internal error ({type(exc).__name__}): {exc} (run with --debug to see where)", 1)


def game_and_model(source: str):
    """The game a ``GAME`` argument names in strategic form, and its crisis model (None when the
    argument is not a model): commands that take a model's stages as defaults read both."""
    from ..io import model_of, read_game
    model = model_of(source)
    return (model.game(), model) if model is not None else (strategic(read_game(source)), None)


def strategic(game):
    """A game tree's reduced normal form (dominance and qre work in strategic form)."""
    from ..games.tree import ExtensiveFormGame, reduced_normal_form
    return reduced_normal_form(game) if isinstance(game, ExtensiveFormGame) else game
