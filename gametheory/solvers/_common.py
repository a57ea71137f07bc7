"""Checks shared by the solvers, and the one place a computation's arithmetic is decided."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from ..arithmetic import Arithmetic, choose_arithmetic, float_arithmetic
from ..context import Context, TimeLimitError
from ..errors import ExactArithmeticError, InvalidGameError
from ..games.normal import NormalFormGame
from .result import Equilibrium, SolverResult, default_tolerance

__all__ = ["require_two_players", "resolve_context", "fallback_arithmetic", "stopped_with",
           "collect"]

_NOT_RATIONAL = ("exact arithmetic needs integer or rational payoffs; this game has floating-point "
                 "payoffs (pass ints or Fractions, or solve in float mode)")


def require_two_players(game: NormalFormGame, method: str) -> None:
    """Raise a clear error when a two-player method is given another game."""
    if game.num_players != 2:
        raise InvalidGameError(
            f"method {method!r} solves two-player games; this game has {game.num_players} players")


def _float_ok(game: Any) -> None:
    """Refuse floating point for a game whose exact numbers lie beyond it, in one line."""
    if getattr(game, "float_overflow", False):
        raise InvalidGameError(f"{getattr(game, 'title', '') or 'the game'}: a number beyond "
                               "floating point's range; use exact arithmetic")
    if isinstance(game, NormalFormGame):
        _ = game.float_payoffs                      # raises when a payoff does not fit


def _rational(game: Any) -> bool:
    """Whether the game's numbers are all rational (``is_exact`` of a normal form, ``exact`` of
    a tree or a TU game)."""
    return bool(game.is_exact if hasattr(game, "is_exact") else game.exact)


def resolve_context(game: Any, exact: bool | None = None, tol: float | None = None,
                    context: Context | None = None, *, default_tol: float | None = None,
                    message: str = _NOT_RATIONAL) -> Context:
    """The computation context of a call: its arithmetic decided once, from ``exact`` and the game.

    A given ``context`` is returned as it is (``exact`` and ``tol`` are then
    ignored), after checking that it does not ask exact arithmetic of a game
    with floating-point numbers.  Otherwise ``exact=None`` means exact where
    the payoffs are rational; float mode's tolerance is ``tol``, else
    ``default_tol``, else ``default_tolerance`` of the game.

    Raises
    ------
    ExactArithmeticError
        Exact arithmetic asked for a game with floating-point payoffs
        (``message`` says so; the tree solvers pass their own wording).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.read_game("chicken")
    >>> resolve_context(g).arithmetic.exact, resolve_context(g, exact=False).arithmetic.tol
    (True, 4e-09)
    """
    if exact is not None and not isinstance(exact, (bool, np.bool_)):
        raise InvalidGameError(f"exact must be True, False or None, got {exact!r}")
    if tol is not None and (isinstance(tol, bool) or not isinstance(tol, (int, float))
                            or not tol >= 0):
        raise InvalidGameError(f"tol must be a nonnegative number, got {tol!r}")
    rational = _rational(game)
    if context is not None:
        if context.arithmetic.exact and not rational:
            raise ExactArithmeticError(message)
        if not context.arithmetic.exact:
            _float_ok(game)
        return context
    if exact and not rational:
        raise ExactArithmeticError(message)
    floating = not (rational if exact is None else exact)
    if floating:
        _float_ok(game)
    if floating and tol is None and default_tol is None:
        default_tol = default_tolerance(game)
    # default_tol is None here only when tol is given, and then it is not used
    arithmetic = choose_arithmetic(exact, rational, tol,
                                   default_tol if floating and default_tol is not None else 0.0)
    return Context(arithmetic=arithmetic)


def fallback_arithmetic(game: NormalFormGame, arithmetic: Arithmetic,
                        tol: float | None = None) -> Arithmetic:
    """The float arithmetic an exact computation falls back to for an irrational answer.

    The arithmetic itself in float mode; for exact arithmetic, floating point
    with tolerance ``tol`` (default ``default_tolerance``): the methods that
    find irrational equilibria (``polynomial``, ``qre``, ``simpdiv``) certify
    those against it.
    """
    if not arithmetic.exact:
        return arithmetic
    return float_arithmetic(default_tolerance(game) if tol is None else tol)


def stopped_with(exc: TimeLimitError, game: Any, method: str, exact: bool,
                 equilibria: Iterable[Equilibrium]) -> TimeLimitError:
    """``exc`` again, carrying the equilibria found before the deadline as an incomplete result
    (``complete`` False, ``parameters["stopped"]`` and a note say why)."""
    found = tuple(equilibria)
    count = f"{len(found)} equilibri{'um' if len(found) == 1 else 'a'}"
    partial = SolverResult(game=game, method=method, exact=exact, equilibria=found, complete=False,
                           degenerate=None, parameters={"stopped": "time limit"},
                           notes=(f"stopped by the time limit with {count} found: the list is "
                                  "incomplete",))
    return TimeLimitError(str(exc), partial=partial)


def collect(found: Iterable[Equilibrium], game: Any, method: str, exact: bool) -> list[Equilibrium]:
    """The equilibria an enumeration yields; at the deadline, ``TimeLimitError`` carrying
    those found so far (``stopped_with``)."""
    out: list[Equilibrium] = []
    try:
        for eq in found:
            out.append(eq)
    except TimeLimitError as exc:
        raise stopped_with(exc, game, method, exact, out) from None
    return out
