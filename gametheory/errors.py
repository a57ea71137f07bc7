"""Exceptions raised by ``gametheory``.

Every exception raised on purpose is a ``GameError``.  Every error caused
by bad input is also a ``ValueError`` subclass (``InvalidGameError``
and its subclasses), so callers that already catch ``ValueError`` keep working;
failures of a computation that could not finish are also ``RuntimeError``
subclasses (``SolverError`` and its subclasses, among them
``TimeLimitError``).  The command line maps the first
family to exit code 2 and the second to exit code 1.
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
    """Base class of every exception raised on purpose by ``gametheory``.

    A subclass of ``Exception``.  Bad input is an ``InvalidGameError`` (also a
    ``ValueError``; exit code 2 on the command line), a computation that could not finish
    a ``SolverError`` (also a ``RuntimeError``; exit code 1).  Catch
    ``GameError`` to catch both.

    Examples
    --------
    >>> import gametheory as gt
    >>> issubclass(gt.InvalidGameError, gt.GameError), issubclass(gt.SolverError, gt.GameError)
    (True, True)
    >>> try:
    ...     gt.TUGame(["A", "A"], {})
    ... except gt.GameError as exc:
    ...     print(type(exc).__name__, exc)
    InvalidGameError duplicate player 'A'
    """


class InvalidGameError(GameError, ValueError):
    """A game, a strategy profile or a solver argument is malformed.

    The message names the player, action or position at fault.  A subclass of
    ``GameError`` and ``ValueError``; the command line exits with code 2.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.TUGame(["A", "B"], {"A,C": 1})
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: unknown player 'C' in coalition 'A,C'
    >>> issubclass(gt.InvalidGameError, ValueError)
    True
    """


class GameFileError(InvalidGameError):
    """A game file cannot be read: it is missing, malformed or inconsistent.

    The message names the file and, where known, the line: it starts with ``path, line N: ``
    (or ``path: `` when the line is unknown).  A subclass of ``InvalidGameError`` (so
    also a ``ValueError``); the command line exits with code 2.

    Parameters
    ----------
    path : object
        The file (or the ``source`` name given to a ``parse_*`` function).
    message : str
        What is wrong.
    line : int, optional
        The line at fault, when known.

    Attributes
    ----------
    path : object
        The file, as given.
    line : int or None
        The line at fault; None when unknown.

    Examples
    --------
    >>> import gametheory as gt
    >>> try:
    ...     gt.parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 }\\n1 2 3', source="bad.nfg")
    ... except gt.GameFileError as exc:
    ...     print(exc.path, exc.line)
    ...     print(exc)
    bad.nfg 2
    bad.nfg, line 2: too few payoffs: expected 8 payoffs (4 profiles x 2 players), found 3
    """

    def __init__(self, path: object, message: str, line: int | None = None) -> None:
        where = f"{path}" if line is None else f"{path}, line {line}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class ExactArithmeticError(InvalidGameError):
    """Exact (rational) arithmetic was asked for a game with non-rational (float) payoffs.

    A subclass of ``InvalidGameError`` (so also a ``ValueError``); the command line
    exits with code 2.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[0.5, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> try:
    ...     gt.solve(g, exact=True)
    ... except gt.ExactArithmeticError as exc:
    ...     print(str(exc).split(";")[0])
    exact arithmetic needs integer or rational payoffs
    """


class GameTooLargeError(InvalidGameError):
    """The game is too large for the chosen method to solve in memory.

    For example, support enumeration beyond 2·10⁸ support pairs, or a TU game of more than
    24 players.  A subclass of ``InvalidGameError`` (so also a ``ValueError``); the
    command line exits with code 2.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.TUGame([f"P{i}" for i in range(25)], {})
    Traceback (most recent call last):
    ...
    gametheory.errors.GameTooLargeError: 25 players: ...; at most 24 players
    """


class UnknownMethodError(InvalidGameError):
    """The solver name is not one of the registered methods.

    A subclass of ``InvalidGameError`` (so also a ``ValueError``); the command line
    exits with code 2.

    Examples
    --------
    >>> import gametheory as gt
    >>> try:
    ...     gt.solve(gt.read_game("chicken"), method="newton")
    ... except gt.UnknownMethodError as exc:
    ...     print(str(exc).split(";")[0])
    unknown method 'newton'
    """


class SolverError(GameError, RuntimeError):
    """A computation could not finish (no convergence, an iteration limit).

    For example, a Lemke-Howson path that hit the pivot limit, or a computation stopped by
    its time limit (``TimeLimitError``).  A subclass of
    ``GameError`` and ``RuntimeError``; the command line exits with code 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> issubclass(gt.SolverError, RuntimeError), issubclass(gt.TimeLimitError, gt.SolverError)
    (True, True)
    >>> try:
    ...     gt.solve(gt.read_game("mckelvey-mclennan"), method="polynomial", time_limit=1e-6)
    ... except gt.SolverError as exc:
    ...     print(type(exc).__name__, exc)
    TimeLimitError polynomial: time limit reached
    """


class VerificationError(SolverError):
    """A solver produced a profile that failed the equilibrium check.

    This is never expected; it means a bug, and the profile is not returned.  A subclass of
    ``SolverError`` (so also a ``RuntimeError``); the command line exits with
    code 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> issubclass(gt.VerificationError, gt.SolverError)
    True
    >>> issubclass(gt.VerificationError, RuntimeError)
    True
    """
