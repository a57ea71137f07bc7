"""Exceptions raised by :mod:`gametheory`.

Every error caused by bad input is a :class:`ValueError` subclass, so callers
that already catch ``ValueError`` keep working; failures of a computation that
could not finish are :class:`RuntimeError` subclasses.  The command line maps
the first family to exit code 2 and the second to exit code 1.
"""

from __future__ import annotations

__all__ = [
    "GameError",
    "InvalidGameError",
    "GameFileError",
    "ExactArithmeticError",
    "GameTooLargeError",
    "UnknownMethodError",
    "SolverError",
    "VerificationError",
]


class GameError(Exception):
    """Base class of every exception raised on purpose by :mod:`gametheory`."""


class InvalidGameError(GameError, ValueError):
    """A game, a strategy profile or a solver argument is malformed.

    The message names the player, action or position at fault.
    """


class GameFileError(InvalidGameError):
    """A game file cannot be read: it is missing, malformed or inconsistent.

    The message names the file and, where known, the line.
    """

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        where = f"{path}" if line is None else f"{path}, line {line}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class ExactArithmeticError(InvalidGameError):
    """Exact (rational) arithmetic was asked for a game with non-rational payoffs."""


class GameTooLargeError(InvalidGameError):
    """The game is too large for the chosen method to solve in memory."""


class UnknownMethodError(InvalidGameError):
    """The solver name is not one of the registered methods."""


class SolverError(GameError, RuntimeError):
    """A computation could not finish (no convergence, an iteration limit)."""


class VerificationError(SolverError):
    """A solver produced a profile that failed the equilibrium check.

    This is never expected; it means a bug, and the profile is not returned.
    """
