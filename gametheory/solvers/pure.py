"""All pure-strategy Nash equilibria of an n-player game, vectorised.

Algorithm: for each player ``i``, the maximum of ``u_i`` along axis ``i``
(over player ``i``'s own actions) is that player's best-response payoff in
every profile of the others; a profile is an equilibrium exactly when every
player's payoff there attains that maximum.  One pass of array maxima and
comparisons per player: time and memory linear in the size of the payoff
arrays, no loop over profiles.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..game import NormalFormGame
from ..result import Equilibrium, SolverResult, default_tolerance, make_equilibrium
from ._common import resolve_exact

__all__ = ["pure_equilibria", "pure_equilibria_gen", "pure_equilibrium_mask"]


def _comparable(game: NormalFormGame, exact: bool) -> list[np.ndarray]:
    """Arrays that order each player's payoffs exactly: int64 when they fit, else objects."""
    if not exact:
        return list(game.float_payoffs)
    out = []
    for i, arr in enumerate(game.payoffs):
        if arr.dtype == np.int64:
            out.append(arr)
            continue
        ints, _ = game.integer_payoffs[i]
        lo, hi = min(ints.flat), max(ints.flat)
        out.append(ints.astype(np.int64) if -2**62 < lo and hi < 2**62 else ints)
    return out


def pure_equilibrium_mask(game: NormalFormGame, exact: bool | None = None,
                          tol: float | None = None) -> np.ndarray:
    """Boolean array over profiles: True where the pure profile is a Nash equilibrium.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pure_equilibrium_mask(g).tolist()
    [[False, False], [False, True]]
    """
    exact = resolve_exact(game, exact)
    arrays = _comparable(game, exact)
    slack = 0.0 if exact else (default_tolerance(game) if tol is None else tol)
    mask = np.ones(game.shape, dtype=bool)
    for i, u in enumerate(arrays):
        best = u.max(axis=i, keepdims=True)
        mask &= (u >= best - slack) if slack else (u == best)
    return mask


def pure_equilibria_gen(game: NormalFormGame, exact: bool | None = None,
                        tol: float | None = None) -> Iterator[Equilibrium]:
    """Generate the pure equilibria in profile order (first player slowest)."""
    exact = resolve_exact(game, exact)
    tol = default_tolerance(game) if tol is None else tol
    mask = pure_equilibrium_mask(game, exact=exact, tol=tol)
    for profile in np.argwhere(mask):
        strategies = []
        for i, a in enumerate(profile):
            s = [0] * game.shape[i]
            s[int(a)] = 1
            strategies.append(s)
        yield make_equilibrium(game, strategies, exact=exact, tol=tol)


def pure_equilibria(game: NormalFormGame, exact: bool | None = None, tol: float | None = None) -> SolverResult:
    """All pure-strategy Nash equilibria, for any number of players.

    Parameters
    ----------
    game : NormalFormGame
        A game with any number of players.
    exact : bool or None
        Rational arithmetic (regret exactly 0) or floating point; default
        (None): exact where the payoffs are rational.
    tol : float, optional
        Float mode's regret tolerance.

    Returns
    -------
    SolverResult
        Every pure equilibrium is listed; ``complete`` is False because mixed
        equilibria are not sought (``parameters["class"]`` is ``"pure"``).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [eq.supports for eq in pure_equilibria(g).equilibria]
    [((0,), (0,)), ((1,), (1,))]
    """
    exact = resolve_exact(game, exact)
    tol_used = default_tolerance(game) if tol is None else tol
    eqs = tuple(pure_equilibria_gen(game, exact=exact, tol=tol_used))
    return SolverResult(game=game, method="pure", exact=exact, equilibria=eqs, complete=False,
                        degenerate=None,
                        parameters={"tolerance": None if exact else tol_used, "class": "pure"},
                        notes=("every pure equilibrium is listed; mixed equilibria are not sought",))
