"""Games of the peer libraries, nashpy and pygambit, at the boundary of the API.

Every public function whose first argument is a game in strategic form takes a
``nashpy.Game`` or a pygambit strategic game as well (``accepts_peer_games``
converts it on the way in, exactly: integer payoffs stay integers, pygambit's
rationals become Fractions), and ``to_nashpy`` goes back.  Neither library
is imported unless such a game is met: a game is recognised by the module its
class comes from.  pygambit trees need the ``.efg`` reader, one layer up
(``gametheory.from_pygambit``, in ``gametheory.io.peers``): they reach it through
the ``"from_pygambit"`` hook that the package's public face registers
(``gametheory.hooks``), so the functions of game trees take them too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

import numpy as np

from ..errors import InvalidGameError
from ..hooks import call_hook
from .normal import NormalFormGame

__all__ = ["as_game", "accepts_peer_games", "from_nashpy", "to_nashpy", "is_nashpy_game",
           "is_pygambit_game"]

F = TypeVar("F", bound=Callable[..., Any])


def is_nashpy_game(obj: Any) -> bool:
    """Whether ``obj`` is a ``nashpy.Game`` (without importing nashpy)."""
    return type(obj).__module__.split(".")[0] == "nashpy" and hasattr(obj, "payoff_matrices")


def is_pygambit_game(obj: Any) -> bool:
    """Whether ``obj`` is a pygambit game, strategic or a tree (without importing pygambit)."""
    return type(obj).__module__.split(".")[0] == "pygambit" and hasattr(obj, "to_arrays")


def from_nashpy(game: Any) -> NormalFormGame:
    """A ``nashpy.Game`` as a ``NormalFormGame`` (players "Row" and "Column").

    Integer payoff matrices give an exact game, others a float game; a
    zero-sum game given by one matrix has the column player's payoffs ``-A``.

    Parameters
    ----------
    game : nashpy.Game
        The nashpy game.

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> import nashpy, numpy as np
    >>> g = from_nashpy(nashpy.Game(np.array([[3, 1], [4, 0]]), np.array([[3, 4], [1, 0]])))
    >>> g.players, g.is_exact, g.payoffs[1].tolist()
    (('Row', 'Column'), True, [[3, 4], [1, 0]])
    """
    A, B = (np.asarray(m) for m in game.payoff_matrices)
    return NormalFormGame.from_bimatrix(_entries(A), _entries(B), players=["Row", "Column"])


def _entries(matrix: np.ndarray) -> list:
    """Plain Python numbers (ints stay ints, so the game is exact)."""
    if matrix.dtype.kind in "iub":
        return [[int(v) for v in row] for row in matrix]
    if matrix.dtype == object:
        return [[v for v in row] for row in matrix]
    return [[float(v) for v in row] for row in matrix]


def to_nashpy(game: NormalFormGame) -> Any:
    """A two-player ``NormalFormGame`` as a ``nashpy.Game``.

    Integer payoffs go over as integer arrays; others as floats (nashpy
    computes in floating point), so a game with fractional payoffs loses
    exactness on the way.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game in strategic form.

    Returns
    -------
    nashpy.Game

    Raises
    ------
    InvalidGameError
        For a game that is not a two-player game in strategic form.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = to_nashpy(gt.read_game("chicken"))
    >>> [m.tolist() for m in g.payoff_matrices]
    [[[3, 1], [4, 0]], [[3, 4], [1, 0]]]
    """
    if not isinstance(game, NormalFormGame) or game.num_players != 2:
        raise InvalidGameError("to_nashpy: nashpy games have two players in strategic form")
    import nashpy  # lazy: the dependency is needed only here
    arrays = []
    for values in game.payoffs:
        if values.dtype.kind in "iu" or (values.dtype == object and all(
                isinstance(v, int) or (isinstance(v, Fraction) and v.denominator == 1)
                for v in values.flat)):
            try:
                arrays.append(np.array([[int(v) for v in row] for row in values], dtype=np.int64))
                continue
            except OverflowError:           # integers beyond 64 bits: floats, as the others
                pass
        arrays.append(np.asarray(values, dtype=float))
    return nashpy.Game(*arrays)


def _from_pygambit_table(game: Any) -> NormalFormGame:
    """A pygambit strategic game, exactly (its rationals as Fractions)."""
    players = [str(p) for p in game.players]
    actions = [[str(getattr(s, "label", s)) for s in game.get_strategies(p)] for p in players]
    payoffs = [np.vectorize(_exact_number, otypes=[object])(np.asarray(a, dtype=object))
               for a in game.to_arrays()]
    return NormalFormGame(payoffs, players=players, actions=actions, title=str(game.title or ""))


def _exact_number(value: Any) -> Any:
    if isinstance(value, (int, Fraction)):
        return value
    if isinstance(value, float):
        return value
    return Fraction(str(value))       # pygambit's Rational and Decimal print exactly


def as_game(obj: Any) -> Any:
    """``obj`` as one of this package's games: a nashpy game or a pygambit game (strategic, or a
    tree through the ``"from_pygambit"`` hook) is converted, anything else is returned as it is
    (the caller checks it).

    Examples
    --------
    >>> import nashpy, numpy as np
    >>> as_game(nashpy.Game(np.eye(2, dtype=int), np.eye(2, dtype=int))).shape
    (2, 2)
    """
    if is_nashpy_game(obj):
        return from_nashpy(obj)
    if is_pygambit_game(obj):
        if type(obj).__name__ == "ExtensiveGame":
            return call_hook("from_pygambit", obj)
        return _from_pygambit_table(obj)
    return obj


def accepts_peer_games(func: F) -> F:
    """Let ``func``'s first argument, a game, also be a nashpy or pygambit game (converted)."""
    @functools.wraps(func)
    def wrapper(game: Any, *args: Any, **kwargs: Any) -> Any:
        return func(as_game(game), *args, **kwargs)
    return wrapper  # type: ignore[return-value]
