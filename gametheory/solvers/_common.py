"""Checks shared by the solvers."""

from __future__ import annotations

from ..errors import ExactArithmeticError, InvalidGameError
from ..games.normal import NormalFormGame
from .result import default_tolerance

__all__ = ["require_two_players", "resolve_exact", "resolve_tolerance"]


def require_two_players(game: NormalFormGame, method: str) -> None:
    """Raise a clear error when a two-player method is given another game."""
    if game.num_players != 2:
        raise InvalidGameError(
            f"method {method!r} solves two-player games; this game has {game.num_players} players")


def resolve_exact(game: NormalFormGame, exact: bool | None) -> bool:
    """The arithmetic to use: ``None`` means exact where the payoffs are rational.

    Exact arithmetic asked for a game with floating-point payoffs is an error.
    """
    if exact is None:
        return game.is_exact
    if exact and not game.is_exact:
        raise ExactArithmeticError(
            "exact arithmetic needs integer or rational payoffs; this game has floating-point "
            "payoffs (pass ints or Fractions, or solve in float mode)")
    return bool(exact)


def resolve_tolerance(game: NormalFormGame, exact: bool, tol: float | None) -> float | None:
    """Float mode's regret tolerance (:func:`default_tolerance` unless given); None when exact."""
    if exact:
        return None
    return default_tolerance(game) if tol is None else float(tol)
