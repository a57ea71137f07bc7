"""pygambit games in and out, trees included (through the ``.nfg`` and ``.efg`` formats).

pygambit is an optional dependency: it is imported only by :func:`to_pygambit`.
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

    Examples
    --------
    >>> import pygambit  # doctest: +SKIP
    >>> from .games import read_game  # doctest: +SKIP
    >>> from_pygambit(to_pygambit(read_game("chicken"))).players  # doctest: +SKIP
    ('US', 'PRC')
    """
    if not is_pygambit_game(game):
        raise InvalidGameError(f"from_pygambit: not a pygambit game ({type(game).__name__})")
    if type(game).__name__ == "ExtensiveGame":
        return parse_efg(game.to_efg(), source="<pygambit>")
    return parse_nfg(game.to_nfg(), source="<pygambit>")


def to_pygambit(game: NormalFormGame | ExtensiveFormGame) -> Any:
    """This package's game as a pygambit game (needs the ``gambit`` extra)."""
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
