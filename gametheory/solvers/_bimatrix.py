"""Shared set-up of the two-player solvers: integer payoffs and best-response polytopes.

For a bimatrix game ``(A, B)`` with positive payoffs the best-response
polytopes are (von Stengel 2007, "Equilibrium computation for two-player games
in strategic and extensive form", Algorithmic Game Theory, ch. 3)::

    P = {x in R^m : x >= 0, B^T x <= 1}    labels: x_i = 0 -> i,  (B^T x)_j = 1 -> m + j
    Q = {y in R^n : A y <= 1, y >= 0}      labels: (A y)_i = 1 -> i,  y_j = 0 -> m + j

A pair of vertices ``(x, y) != (0, 0)`` carrying every label ``0..m+n-1`` is,
after normalisation, a Nash equilibrium.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..games.normal import NormalFormGame

__all__ = ["exact_bimatrix", "positive_bimatrix"]


def exact_bimatrix(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """Integer payoff matrices with the same equilibria as the game.

    Exact games are scaled per player to integers.  A float game is taken at
    the exact binary value of its payoffs (every float is a rational number),
    so the exact algorithms certify float games too.
    """
    if game.is_exact:
        (A, _), (B, _) = game.integer_payoffs
        return A, B
    exact = NormalFormGame([_float_to_fraction(a) for a in game.float_payoffs],
                           players=game.players, actions=game.actions)
    (A, _), (B, _) = exact.integer_payoffs
    return A, B


def _float_to_fraction(arr: np.ndarray) -> np.ndarray:
    out = np.empty(arr.shape, dtype=object)
    out.flat[:] = [Fraction(float(v)) for v in arr.flat]
    return out


def positive_bimatrix(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """Integer matrices with every entry >= 1: shifting a player's payoffs changes no equilibrium."""
    A, B = exact_bimatrix(game)
    return A - (min(A.flat) - 1), B - (min(B.flat) - 1)
