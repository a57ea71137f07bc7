"""TU games derived from a game in strategic form: what each coalition can secure.

For a coalition ``S`` the game becomes a two-sided contest: ``S`` chooses a
joint action of its members and earns the sum of their payoffs; the others,
``N - S``, choose theirs.  Three standard readings of "what ``S`` can get"
(von Neumann and Morgenstern 1944; Aumann and Peleg 1960):

- ``alpha``: the most ``S`` can guarantee whatever the others do,
  ``max_{sigma_S} min_{sigma_-S}`` of its total -- the others are assumed to
  act against ``S`` after seeing its plan;
- ``beta``: the least the others can hold ``S`` to, ``min_{sigma_-S}
  max_{sigma_S}`` -- ``S`` answers the others' plan.  With mixed strategies
  the two coincide (the minimax theorem: it is the value of a zero-sum game,
  computed by linear programming), and differ only for pure strategies;
- ``equilibrium``: ``S``'s total at a Nash equilibrium of the game between
  ``S`` and ``N - S``, each maximising its own members' total (the others
  pursue their interest instead of punishing ``S``); among several
  equilibria, the one worst for ``S``.  (Chander and Tulkens 1997, the
  gamma characteristic function, let the outsiders act as individuals; here
  they act as one block.)

In every reading ``v(N)`` is the largest total payoff of any action profile.
Utility is assumed transferable: payoffs are in a common unit that the
parties can pass between them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..context import Context
from ..errors import GameTooLargeError, InvalidGameError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..solvers._common import resolve_context
from ..solvers.solve import solve
from .tu import TUGame

__all__ = ["characteristic_function", "KINDS"]

#: The readings of ``characteristic_function``.
KINDS = ("alpha", "beta", "equilibrium")

#: Most profiles of the strategic game (each coalition's contest has this many cells).
MAX_PROFILES = 200_000


def _totals(game: NormalFormGame, members: list[int], exact: bool) -> np.ndarray:
    arrays = game.payoffs if exact else game.float_payoffs
    total = sum((arrays[i] for i in members), np.zeros(game.shape, dtype=object if exact else float))
    return total


def _contest(game: NormalFormGame, mask: int, exact: bool) -> tuple[np.ndarray, np.ndarray]:
    """S's and the others' totals, as matrices (joint actions of S x joint actions of N - S)."""
    n = game.num_players
    inside = [i for i in range(n) if mask >> i & 1]
    outside = [i for i in range(n) if not mask >> i & 1]
    order = inside + outside
    rows = int(np.prod([game.shape[i] for i in inside]))
    mine = np.transpose(_totals(game, inside, exact), order).reshape(rows, -1)
    theirs = np.transpose(_totals(game, outside, exact), order).reshape(rows, -1)
    return mine, theirs


@accepts_peer_games
def characteristic_function(game: NormalFormGame, kind: str = "alpha", mixed: bool = True,
                            exact: bool | None = None, *, context: Context | None = None) -> TUGame:
    """The TU game of what each coalition of ``game``'s players can secure against the others.

    For each coalition ``S`` the game becomes a contest between ``S`` (a joint action of its
    members, earning the sum of their payoffs) and the others.  ``v(N)`` is the largest total
    payoff of any profile.  Utility is assumed transferable: payoffs are in a common unit the
    parties can pass between them.

    Parameters
    ----------
    game : NormalFormGame
        At most 200,000 profiles.
    kind : {"alpha", "beta", "equilibrium"}
        ``"alpha"``: the max-min of the coalition's total (the others act against it after
        seeing its plan); ``"beta"``: the min-max (the coalition answers the others' plan);
        ``"equilibrium"``: the coalition's total at a Nash equilibrium of the coalition
        against the rest, each side maximising its own total (the worst such equilibrium
        for the coalition).
    mixed : bool
        Coalitions may randomise (default).  ``alpha`` and ``beta`` then agree by the
        minimax theorem: each worth is the value of a zero-sum game, computed by linear
        programming.  ``mixed=False`` allows only pure joint actions.
    exact : bool or None
        Rational arithmetic (default where the payoffs are rational).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    TUGame
        The game's players, titled ``"<title> (<kind>)"`` (``", pure"`` added without
        mixing).

    Raises
    ------
    InvalidGameError
        An unknown ``kind``; or, with ``kind="equilibrium"`` and ``mixed=False``, a
        coalition's contest without a pure equilibrium.
    GameTooLargeError
        More than 200,000 profiles.

    References
    ----------
    von Neumann, J. and Morgenstern, O. (1944). Theory of Games and Economic Behavior.
    Aumann, R. J. and Peleg, B. (1960). Von Neumann-Morgenstern solutions to cooperative
    games without side payments. Bulletin of the American Mathematical Society 66.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"])
    >>> v = characteristic_function(pd)
    >>> v.value("A"), v.value("B"), v.value("A,B")
    (1, 1, 6)

    In the Battle of the Sexes the readings differ for pure strategies:

    >>> bos = gt.read_game("battle-of-the-sexes")
    >>> [str(gt.characteristic_function(bos, kind, mixed=False).value("Row"))
    ...  for kind in ("alpha", "beta")]
    ['0', '2']
    >>> str(gt.characteristic_function(bos).value("Row"))
    '6/5'
    """
    if kind not in KINDS:
        raise InvalidGameError(f"unknown characteristic function {kind!r}; choose one of {', '.join(KINDS)}")
    if int(np.prod(game.shape)) > MAX_PROFILES:
        raise GameTooLargeError(f"{int(np.prod(game.shape))} profiles: the characteristic function "
                                f"is derived for games of at most {MAX_PROFILES}")
    exact = resolve_context(game, exact, None, context).arithmetic.exact
    n = game.num_players
    values: list[Any] = [0] * (1 << n)
    full = (1 << n) - 1
    grand = _totals(game, list(range(n)), exact)
    values[full] = grand.max()
    for mask in range(1, full):
        mine, theirs = _contest(game, mask, exact)
        values[mask] = _secure(mine, theirs, kind, mixed, exact)
    return TUGame(game.players, values, title=f"{game.title or 'game'} ({kind}"
                  f"{', pure' if not mixed else ''})")


def _secure(mine: np.ndarray, theirs: np.ndarray, kind: str, mixed: bool, exact: bool) -> Any:
    if kind in ("alpha", "beta") and not mixed:
        return mine.min(axis=1).max() if kind == "alpha" else mine.max(axis=0).min()
    if kind in ("alpha", "beta"):
        contest = NormalFormGame.zero_sum(mine)
        res = solve(contest, method="zero-sum", exact=exact)
        return res.equilibria[0].payoffs[0]
    bimatrix = NormalFormGame.from_bimatrix(mine, theirs)
    if not mixed:
        res = solve(bimatrix, method="pure", exact=exact)
        if not res.equilibria:
            raise InvalidGameError("a coalition's contest has no pure equilibrium; allow mixed "
                                   "strategies")
    else:
        res = solve(bimatrix, exact=exact)
    return min(eq.payoffs[0] for eq in res.equilibria)
