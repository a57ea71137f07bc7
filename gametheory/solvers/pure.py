"""All pure-strategy Nash equilibria of an n-player game, vectorised.

Algorithm: for each player ``i``, the maximum of ``u_i`` along axis ``i``
(over player ``i``'s own actions) is that player's best-response payoff in
every profile of the others, and its difference from ``u_i`` is the player's
regret in each profile; a profile is an equilibrium exactly when every
player's regret there is 0 (exact integers) or at most the tolerance (float).
The regret array is each returned equilibrium's certificate.  One pass of array maxima and
comparisons per player: time and memory linear in the size of the payoff
arrays, no loop over profiles.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Iterator

import numpy as np

from ..game import NormalFormGame
from ..result import Equilibrium, SolverResult
from ._common import resolve_exact, resolve_tolerance

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
    return _mask_and_regret(game, resolve_exact(game, exact), tol)[0]


def _mask_and_regret(game: NormalFormGame, exact: bool, tol: float | None):
    """The equilibrium mask and, per profile, the largest gain from a unilateral deviation.

    The regret array is the certificate: computed with exact integers (scaled
    per player) in exact mode, so a profile is in the mask exactly when its
    regret is 0; in float mode when it is at most ``tol``.
    """
    arrays = _comparable(game, exact)
    slack = resolve_tolerance(game, exact, tol) or 0.0
    regret = None
    for i, u in enumerate(arrays):
        gain = u.max(axis=i, keepdims=True) - u
        if exact:   # compare gains across players only as "zero or not": scales differ
            gain = gain != 0
        regret = gain if regret is None else np.maximum(regret, gain)
    mask = (regret == 0) if exact else (regret <= slack)
    return mask, regret


def pure_equilibria_gen(game: NormalFormGame, exact: bool | None = None,
                        tol: float | None = None) -> Iterator[Equilibrium]:
    """Generate the pure equilibria in profile order (first player slowest).

    Each profile's regret was computed for every profile at once (vectorised),
    exactly in exact mode; the record carries the payoffs read off the arrays.
    """
    exact = resolve_exact(game, exact)
    tol = resolve_tolerance(game, exact, tol)
    mask, regret = _mask_and_regret(game, exact, tol)
    profiles = np.argwhere(mask)
    source = game.payoffs if exact else game.float_payoffs
    values = list(zip(*(arr[mask].tolist() for arr in source)))   # payoffs, profile by profile
    gains = regret[mask].tolist()
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    for profile, payoffs, gain in zip(profiles.tolist(), values, gains):
        strategies = tuple(tuple(one if k == a else zero for k in range(n))
                           for a, n in zip(profile, game.shape))
        if exact:
            yield Equilibrium(strategies=strategies, payoffs=tuple(Fraction(u) for u in payoffs),
                              regret=Fraction(0))
        else:
            yield Equilibrium(strategies=strategies, payoffs=tuple(float(u) for u in payoffs),
                              regret=max(float(gain), 0.0))


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
    tol_used = resolve_tolerance(game, exact, tol)
    eqs = tuple(pure_equilibria_gen(game, exact=exact, tol=tol_used))
    return SolverResult(game=game, method="pure", exact=exact, equilibria=eqs, complete=False,
                        degenerate=None,
                        parameters={"tolerance": tol_used, "class": "pure"},
                        notes=("every pure equilibrium is listed; mixed equilibria are not sought",))
