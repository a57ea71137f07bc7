"""Live cross-check against nashpy's vertex enumeration on random nondegenerate games.

nashpy computes in floating point; we compare equilibrium sets within 1e-6.
(Its support enumeration is not used as an oracle: it can miss equilibria of
generic games through an exact ``>= 0`` check.)
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gametheory as gt

nash = pytest.importorskip("nashpy")


def _rounded(pairs):
    return sorted(tuple(np.round(np.concatenate([np.asarray(x, float), np.asarray(y, float)]), 6))
                  for x, y in pairs)


@pytest.mark.parametrize("seed", range(30))
def test_vertex_matches_nashpy(seed):
    rng = np.random.default_rng(seed)
    while True:  # redraw degenerate games: nashpy's vertex enumeration assumes nondegeneracy
        m, n = rng.integers(2, 6, 2)
        A = rng.integers(-50, 50, (m, n))
        B = rng.integers(-50, 50, (m, n))
        g = gt.NormalFormGame.from_bimatrix(A, B)
        ours = gt.solve_vertex(g)
        if not ours.degenerate:
            break
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nash.Game(A, B).vertex_enumeration())
    assert _rounded(theirs) == _rounded(e.strategies for e in ours.equilibria)
