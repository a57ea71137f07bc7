"""Transferable-utility (TU) games: a characteristic function on coalitions.

A TU game gives each coalition ``S`` of the players a worth ``v(S)`` that its
members can share as they like (von Neumann and Morgenstern 1944, ch. 6).
Here ``v`` is stored as one array over all ``2^n`` coalitions, indexed by the
bitmask of its members (bit ``i`` for player ``i``), so that the solution
concepts are vectorised numpy expressions; ``v(empty) = 0``.  Values are exact
(integers or fractions, in an object array) when every worth is rational.  Files are read
by ``gametheory.io.tu_toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import parse_rational
from ..errors import GameTooLargeError, InvalidGameError

__all__ = ["TUGame", "MAX_PLAYERS", "popcount"]

#: Most players of a TU game (2^n coalitions are stored).
MAX_PLAYERS = 24


def popcount(masks: np.ndarray) -> np.ndarray:
    """The number of members of each coalition bitmask."""
    masks = np.asarray(masks, dtype=np.int64)
    count = np.zeros(masks.shape, dtype=np.int64)
    m = masks.copy()
    while np.any(m):
        count += m & 1
        m >>= 1
    return count


class TUGame:
    """A TU game: players and the worth of every coalition.

    A transferable-utility game gives each coalition a worth its members can divide as they
    like.  The worths of all ``2^n`` coalitions are stored in one array, ``v``, indexed
    by the coalition's bitmask (bit ``i`` for player ``i``); ``v(empty) = 0``.  Coalitions
    are written as iterables of names, as comma-separated strings ``"US,ROK"``, or as
    bitmasks.

    Parameters
    ----------
    players : sequence of str
        Distinct names, at most ``MAX_PLAYERS`` (24).
    values : mapping or array
        Either a mapping from coalitions (iterables of player names, or
        comma-separated strings ``"US,ROK"``) to worths, unlisted coalitions
        worth 0; or an array of length ``2^n`` indexed by bitmask (its first
        entry, the empty coalition, 0).  Worths may be integers, ``Fraction``
        objects, strings such as ``"1/3"``, or floats; any float makes the game a
        float game (``exact`` False).
    title : str
        A title for reports.

    Attributes
    ----------
    players : tuple of str
        The players, in order.
    n : int
        The number of players.
    title : str
        The title.
    exact : bool
        Whether every worth is rational (then ``v`` holds ``int`` and ``Fraction``
        objects and every solution concept is exact); False for a float game.
    v : numpy.ndarray
        The worths of all ``2^n`` coalitions, indexed by bitmask (an object array of
        rationals when exact, else floats).
    grand : int
        The bitmask of the grand coalition, ``2^n - 1``.

    Raises
    ------
    InvalidGameError
        No player, a repeated player, a coalition given twice, an unknown player in a
        coalition, the empty coalition given a worth, a worth that is not a number or not
        finite, or an array of the wrong length.
    GameTooLargeError
        More than ``MAX_PLAYERS`` players.

    Examples
    --------
    >>> from gametheory.coop import TUGame
    >>> g = TUGame(["A", "B", "C"], {"A,B": 60, "A,C": 60, "B,C": 60, "A,B,C": 90})
    >>> g.value("B,A"), g.value(["A", "B", "C"]), g.exact
    (60, 90, True)
    >>> g.n, g.grand, g.v.tolist()
    (3, 7, [0, 0, 0, 60, 0, 60, 60, 90])
    >>> TUGame(["A", "B"], {"A": "1/3", "A,B": 1.5}).exact
    False
    """

    def __init__(self, players: Sequence[str], values: Mapping[Any, Any] | Sequence[Any] | np.ndarray,
                 title: str = "") -> None:
        self.players = tuple(str(p) for p in players)
        n = len(self.players)
        if not n:
            raise InvalidGameError("a TU game needs at least one player")
        if len(set(self.players)) != n:
            dup = next(p for p in self.players if self.players.count(p) > 1)
            raise InvalidGameError(f"duplicate player {dup!r}")
        if n > MAX_PLAYERS:
            raise GameTooLargeError(f"{n} players: a TU game stores 2^n coalition worths; at most "
                                    f"{MAX_PLAYERS} players")
        self.title = title
        self.index = {p: i for i, p in enumerate(self.players)}
        size = 1 << n
        if isinstance(values, Mapping):
            raw: list[Any] = [0] * size
            seen: dict[int, Any] = {}
            for key, worth in values.items():
                mask = self.mask(key)
                if mask == 0:
                    raise InvalidGameError("the empty coalition is worth 0 and cannot be given a value")
                if mask in seen:
                    raise InvalidGameError(f"coalition {self.name(mask)} is given twice")
                seen[mask] = worth
                raw[mask] = worth
        else:
            raw = list(np.asarray(values, dtype=object).ravel())
            if len(raw) != size:
                raise InvalidGameError(f"{len(raw)} worths for {size} coalitions of {n} players")
            if raw[0] != 0:
                raise InvalidGameError("the empty coalition must be worth 0")
        checked = [_number(w, self, mask) for mask, w in enumerate(raw)]
        self.exact = all(not isinstance(w, float) for w in checked)
        if self.exact:
            self.v = np.array(checked, dtype=object)
        else:
            self.v = np.array([float(w) for w in checked], dtype=float)
        self.n = n
        self.grand = size - 1

    # -- coalitions ------------------------------------------------------------------------
    def mask(self, coalition: Any) -> int:
        """The bitmask of a coalition given as names, a ``"A,B"`` string, or a mask."""
        if isinstance(coalition, (int, np.integer)) and not isinstance(coalition, bool):
            if not 0 <= coalition < (1 << len(self.players)):
                raise InvalidGameError(f"coalition mask {coalition} out of range")
            return int(coalition)
        names = [s.strip() for s in coalition.split(",")] if isinstance(coalition, str) else list(coalition)
        mask = 0
        for name in names:
            if name not in self.index:
                raise InvalidGameError(f"unknown player {name!r} in coalition {coalition!r}")
            bit = 1 << self.index[name]
            if mask & bit:
                raise InvalidGameError(f"player {name!r} appears twice in coalition {coalition!r}")
            mask |= bit
        return mask

    def members(self, mask: int) -> tuple[str, ...]:
        return tuple(p for i, p in enumerate(self.players) if mask >> i & 1)

    def name(self, mask: int) -> str:
        return ",".join(self.members(mask)) or "(empty)"

    def value(self, coalition: Any) -> Any:
        """``v(S)`` for a coalition given as names, a ``"A,B"`` string or a bitmask.

        Examples
        --------
        >>> from gametheory.coop import TUGame
        >>> glove = TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
        >>> glove.value("R1,L"), glove.value(["R1", "R2"]), glove.value(0b101)
        (1, 0, 1)
        """
        w = self.v[self.mask(coalition)]
        return w if self.exact else float(w)

    @property
    def masks(self) -> np.ndarray:
        return np.arange(1 << self.n, dtype=np.int64)

    def incidence(self, masks: Iterable[int] | None = None) -> np.ndarray:
        """0/1 matrix (coalitions x players): row ``S`` is the indicator vector of ``S``."""
        m = self.masks if masks is None else np.asarray(list(masks), dtype=np.int64)
        return ((m[:, None] >> np.arange(self.n)) & 1).astype(np.int64)

    def coalition_sums(self, x: Sequence[Any], dtype: Any = float) -> np.ndarray:
        """``x(S)`` for every coalition ``S`` (indexed by its mask), in ``O(2^n)`` time and memory:
        the sums over the first ``i`` players, doubled one player at a time (no incidence matrix)."""
        sums = np.zeros(1, dtype=dtype)
        for q in x:
            sums = np.concatenate([sums, sums + q])
        return sums

    def excess(self, x: Sequence[Any], masks: Iterable[int] | None = None) -> np.ndarray:
        """``e(S, x) = v(S) - x(S)`` for each coalition (all of them by default).

        Parameters
        ----------
        x : sequence
            An allocation, one amount per player in player order.
        masks : iterable of int, optional
            The coalitions, as bitmasks; all ``2^n`` of them by default.

        Returns
        -------
        numpy.ndarray
            The excesses, in the order of ``masks`` (bitmask order by default).

        Examples
        --------
        >>> from gametheory.coop import TUGame
        >>> glove = TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
        >>> glove.excess([1, 0, 0]).tolist()
        [0, -1, 0, 0, 0, 0, 0, 0]
        """
        m = self.masks if masks is None else np.asarray(list(masks), dtype=np.int64)
        xs = np.array(list(x), dtype=object if self.exact else float)
        return self.v[m] - self.incidence(m).astype(xs.dtype).dot(xs)

    @classmethod
    def from_function(cls, players: Sequence[str], worth: Callable[[tuple[str, ...]], Any],
                      title: str = "") -> TUGame:
        """A game from a function of the coalition (a tuple of names, in player order).

        ``worth`` is called once for each of the ``2^n - 1`` non-empty coalitions.

        Examples
        --------
        >>> from gametheory.coop import TUGame
        >>> TUGame.from_function(["A", "B", "C"], lambda coalition: len(coalition) ** 2).v.tolist()
        [0, 1, 1, 4, 1, 4, 4, 9]
        """
        players = tuple(players)
        n = len(players)
        if n > MAX_PLAYERS:
            raise GameTooLargeError(f"{n} players: at most {MAX_PLAYERS}")
        values = [0] + [worth(tuple(p for i, p in enumerate(players) if m >> i & 1))
                        for m in range(1, 1 << n)]
        return cls(players, values, title=title)

    def __repr__(self) -> str:
        return f"TUGame({self.title!r}, players={list(self.players)})"


def _number(w: Any, game: TUGame, mask: int) -> Any:
    where = f"coalition {game.name(mask)}" if mask else "the empty coalition"
    if isinstance(w, bool):
        raise InvalidGameError(f"{where}: {w!r} is not a number")
    if isinstance(w, (int, np.integer)):
        return int(w)
    if isinstance(w, Fraction):
        return w.numerator if w.denominator == 1 else w
    if isinstance(w, str):
        try:
            q = parse_rational(w)
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(f"{where}: {w!r} is not a number") from None
        return q.numerator if q.denominator == 1 else q
    try:
        x = float(w)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{where}: {w!r} is not a number") from None
    if not np.isfinite(x):
        raise InvalidGameError(f"{where}: worths must be finite, got {w!r}")
    return x
