"""Values of TU games (Shapley, Banzhaf) and their properties, vectorised over coalitions.

Shapley (1953): player ``i`` receives its marginal contribution
``v(S + i) - v(S)`` averaged over the orders in which the players may
arrive, i.e. weighted by ``|S|! (n - |S| - 1)! / n!``.  Banzhaf (1965; Penrose
1946): the plain average over the ``2^(n-1)`` coalitions without ``i``.  Both
are computed by one numpy pass over the coalitions per player, grouping the
marginal contributions by coalition size; exact games are scaled to integers
first, so the sums stay in machine integers where they fit, and the result is
exact.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial
from typing import Any

import numpy as np

from ..arithmetic import integer_scale
from ..errors import GameTooLargeError
from .records import Allocation
from .tu import TUGame, popcount

__all__ = ["shapley_value", "banzhaf_value", "is_superadditive", "is_convex", "is_essential"]


def _plain(q: Fraction) -> Any:
    return q.numerator if q.denominator == 1 else q


def _marginal_sums(game: TUGame) -> tuple[list[list[Any]], int]:
    """For each player and coalition size ``s``, the sum of ``v(S + i) - v(S)`` over the
    coalitions ``S`` of size ``s`` without ``i``; and the integer scale used (exact games)."""
    n = game.n
    masks = game.masks
    sizes = popcount(masks)
    if game.exact:
        scale = integer_scale(game.v.tolist())
        ints = [int(w * scale) for w in game.v.tolist()]
        big = max(abs(w) for w in ints)
        v = np.array(ints, dtype=np.int64) if big < 2 ** 40 else np.array(ints, dtype=object)
    else:
        scale, v = 1, game.v
    out = []
    for i in range(n):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        delta = v[without | bit] - v[without]
        acc = np.zeros(n, dtype=v.dtype)
        np.add.at(acc, sizes[without], delta)
        out.append(acc.tolist())
    return out, scale


def shapley_value(game: TUGame) -> Allocation:
    """The Shapley value, exact for exact games.

    Each player's marginal contribution ``v(S + i) - v(S)``, averaged over the orders in
    which the players may join (weighted by ``|S|! (n - |S| - 1)! / n!``).  One vectorised
    pass over the ``2^n`` coalitions per player.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    Allocation
        ``concept`` ``"Shapley value"``; ``values`` one amount per player.

    References
    ----------
    Shapley, L. S. (1953). A value for n-person games. In Contributions to the Theory of
    Games II, Annals of Mathematics Studies 28.

    Examples
    --------
    >>> from gametheory.coop import TUGame
    >>> glove = TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
    >>> [str(x) for x in shapley_value(glove).values]
    ['2/3', '1/6', '1/6']
    """
    n = game.n
    sums, scale = _marginal_sums(game)
    if game.exact:
        weights = [Fraction(factorial(s) * factorial(n - s - 1), factorial(n) * scale) for s in range(n)]
        values = tuple(_plain(sum((w * int(t) for w, t in zip(weights, row)), Fraction(0))) for row in sums)
    else:
        fweights = [factorial(s) * factorial(n - s - 1) / factorial(n) for s in range(n)]
        values = tuple(float(sum(w * t for w, t in zip(fweights, row))) for row in sums)
    return Allocation("Shapley value", game.players, values, game.exact)


def banzhaf_value(game: TUGame, normalized: bool = False) -> Allocation:
    """The Banzhaf value: each player's marginal contribution averaged over the ``2^(n-1)``
    coalitions without it; ``normalized=True`` scales the values to sum to ``v(N)``.

    One vectorised pass over the coalitions per player; exact for exact games.

    Parameters
    ----------
    game : TUGame
    normalized : bool
        Scale the values to sum to ``v(N)`` (left as they are when they sum to 0).

    Returns
    -------
    Allocation
        ``concept`` ``"Banzhaf value"`` (or ``"normalized Banzhaf value"``).

    References
    ----------
    Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis. Rutgers
    Law Review 19.  Penrose, L. S. (1946). The elementary statistics of majority voting.
    Journal of the Royal Statistical Society 109.

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = gt.TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
    >>> [str(x) for x in gt.banzhaf_value(glove).values]
    ['3/4', '1/4', '1/4']
    >>> b = gt.banzhaf_value(glove, normalized=True)
    >>> b.concept, [str(x) for x in b.values]
    ('normalized Banzhaf value', ['3/5', '1/5', '1/5'])
    """
    concept = "normalized Banzhaf value" if normalized else "Banzhaf value"
    sums, scale = _marginal_sums(game)
    if game.exact:
        raw = [Fraction(sum(int(t) for t in row), scale * 2 ** (game.n - 1)) for row in sums]
        if normalized:
            total = sum(raw)
            raw = [q * Fraction(game.v[game.grand]) / total if total else q for q in raw]
        return Allocation(concept, game.players, tuple(_plain(q) for q in raw), True)
    fraw = [float(sum(row)) / 2 ** (game.n - 1) for row in sums]
    if normalized:
        ftotal = sum(fraw)
        fraw = [q * float(game.v[game.grand]) / ftotal if ftotal else q for q in fraw]
    return Allocation(concept, game.players, tuple(fraw), False)


def is_essential(game: TUGame) -> bool:
    """Whether ``v(N) > sum_i v({i})``: cooperation creates something to share.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    bool

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.is_essential(gt.TUGame(["A", "B"], {"A": 1, "B": 1, "A,B": 3}))
    True
    >>> gt.is_essential(gt.TUGame(["A", "B"], {"A": 1, "B": 2, "A,B": 3}))
    False
    """
    singles = sum((game.v[1 << i] for i in range(game.n)), 0)
    return bool(game.v[game.grand] > singles)


#: Largest game whose superadditivity is checked (all 3^n pairs of disjoint coalitions).
SUPERADDITIVE_MAX_PLAYERS = 14


def is_superadditive(game: TUGame) -> bool:
    """Whether ``v(S + T) >= v(S) + v(T)`` for all disjoint ``S, T`` (exact comparisons).

    The check covers all ``3^n`` pairs of disjoint coalitions, so it is limited to
    ``SUPERADDITIVE_MAX_PLAYERS`` (14) players.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    bool

    Raises
    ------
    GameTooLargeError
        With more than 14 players.

    Examples
    --------
    >>> import gametheory as gt
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> gt.is_superadditive(majority)
    True
    >>> gt.is_superadditive(gt.TUGame(["A", "B"], {"A": 2, "A,B": 1}))
    False
    """
    n = game.n
    if n > SUPERADDITIVE_MAX_PLAYERS:
        raise GameTooLargeError(f"superadditivity checks 3^n pairs; at most "
                                f"{SUPERADDITIVE_MAX_PLAYERS} players")
    v = game.v
    masks = game.masks
    for s in range(1, 1 << n):
        rest = masks[(masks & s) == 0]
        rest = rest[rest > s]                       # each unordered pair once
        if len(rest) and np.any(v[s | rest] < v[s] + v[rest]):
            return False
    return True


def is_convex(game: TUGame) -> bool:
    """Whether the game is convex (supermodular): ``v(S + i) - v(S)`` grows with ``S``.

    Checked on every ``S`` and pair ``i, j`` outside it.  A convex game has a non-empty core
    whose vertices are the marginal vectors, and its Shapley value lies in the core
    (Shapley 1971).

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    bool

    References
    ----------
    Shapley, L. S. (1971). Cores of convex games. International Journal of Game Theory 1.

    Examples
    --------
    >>> import gametheory as gt
    >>> square = gt.TUGame.from_function(["A", "B", "C"], lambda coalition: len(coalition) ** 2)
    >>> gt.is_convex(square), gt.in_core(square, gt.shapley_value(square))
    (True, True)
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> gt.is_convex(majority)
    False
    """
    v = game.v
    masks = game.masks
    for i in range(game.n):
        for j in range(i + 1, game.n):
            bi, bj = 1 << i, 1 << j
            s = masks[(masks & (bi | bj)) == 0]
            if np.any(v[s | bi | bj] - v[s | bj] < v[s | bi] - v[s]):
                return False
    return True
