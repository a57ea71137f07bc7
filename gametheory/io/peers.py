"""pygambit games in and out, trees included (through the ``.nfg`` and ``.efg`` formats).

pygambit is an optional dependency: it is imported only by ``to_pygambit``.
A game goes over as its Gambit file text, which both sides read exactly.
"""

from __future__ import annotations

import io as _io
from typing import Any

from ..errors import InvalidGameError
from ..games.normal import NormalFormGame
from ..games.peers import is_pygambit_game
from ..games.tree import ExtensiveFormGame
from .efg import format_efg, parse_efg
from .nfg import format_nfg, parse_nfg

__all__ = ["from_pygambit", "to_pygambit"]


def from_pygambit(game: Any) -> NormalFormGame | ExtensiveFormGame:
    """A pygambit game (strategic, or a tree) as this package's game, exactly.

    The game goes over as its Gambit file text (``.nfg`` or ``.efg``), which
    both sides read exactly: pygambit's rationals become ``Fraction``.

    Parameters
    ----------
    game : pygambit game
        A pygambit strategic game or game tree.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    InvalidGameError
        When ``game`` is not a pygambit game.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.from_pygambit(gt.to_pygambit(gt.read_game("chicken"))).players  # doctest: +SKIP
    ('US', 'PRC')
    >>> gt.from_pygambit("chicken")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: from_pygambit: not a pygambit game (str)
    """
    if not is_pygambit_game(game):
        raise InvalidGameError(f"from_pygambit: not a pygambit game ({type(game).__name__})")
    if type(game).__name__ == "ExtensiveGame":
        return parse_efg(game.to_efg(), source="<pygambit>")
    return parse_nfg(game.to_nfg(), source="<pygambit>")


def to_pygambit(game: NormalFormGame | ExtensiveFormGame) -> Any:
    """This package's game as a pygambit game (needs the ``gambit`` extra).

    A game in strategic form or a tree goes over as its Gambit file text
    (``format_nfg``, ``format_efg``),
    exactly.  pygambit is imported only here: ``pip install
    'crisis-gametheory[gambit]'``.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game.

    Returns
    -------
    pygambit game
        A ``StrategicGame`` for a game in strategic form, an ``ExtensiveGame``
        for a tree.

    Raises
    ------
    InvalidGameError
        When pygambit is not installed, or ``game`` is not a game.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.to_pygambit(gt.read_game("chicken"))  # doctest: +SKIP
    >>> type(g).__name__, g.title  # doctest: +SKIP
    ('StrategicGame', 'Chicken')
    """
    try:
        import pygambit
    except ImportError:
        raise InvalidGameError("to_pygambit needs pygambit: pip install "
                               "'crisis-gametheory[gambit]'") from None
    if isinstance(game, ExtensiveFormGame):
        return pygambit.read_efg(_io.StringIO(format_efg(game)))
    if isinstance(game, NormalFormGame):
        return pygambit.read_nfg(_io.StringIO(format_nfg(game)))
    raise InvalidGameError(f"to_pygambit: not a game ({type(game).__name__})")
