"""Exact integer linear algebra and the vertex enumerators, checked against independent tools."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory.linalg.exact import IntegerTableau, solve_rational
from gametheory.linalg import polytope as _polytope
from gametheory.linalg.polytope import certified_vertices, exact_vertices


def test_solve_rational_matches_sympy():
    rng = random.Random(1)
    for _ in range(300):
        n = rng.randint(1, 7)
        M = [[rng.randint(-5, 5) for _ in range(n)] for _ in range(n)]
        b = [rng.randint(-5, 5) for _ in range(n)]
        z = solve_rational(M, b)
        S = sympy.Matrix(M)
        if S.det() == 0:
            assert z is None
            continue
        expected = [Fraction(int(v.p), int(v.q)) for v in S.LUsolve(sympy.Matrix(b))]
        assert z == expected


def test_tableau_pivot_keeps_the_system():
    M = np.array([[2, 1], [1, 3]], dtype=object)
    tab = IntegerTableau(M)
    tab.pivot(0, 0)
    tab.pivot(1, 1)
    values = tab.values()
    assert values[:2] == [Fraction(2, 5), Fraction(1, 5)]   # 2x + y = 1, x + 3y = 1
    tab.set_basis({2, 3})                                    # back to the slack basis
    assert tab.values() == [0, 0, 1, 1] and tab.det == 1


@pytest.mark.parametrize("seed", range(16))
def test_certified_and_exact_vertex_enumeration_agree(seed, monkeypatch):
    # force the certified path to handle every uncertified (degenerate) vertex by its local
    # exact search instead of handing the whole polytope to the exact search
    monkeypatch.setattr(_polytope, "MAX_UNCERTIFIED_SHARE", 1.0)
    rng = np.random.default_rng(seed)
    r, d = rng.integers(2, 7, 2)
    high = 4 if seed % 2 else 100                  # small ranges give degenerate polytopes
    M = rng.integers(1, high, (r, d)).astype(object)
    exact = exact_vertices(M)
    fast = certified_vertices(M)
    assert fast is not None
    assert set(fast.masks) == set(exact.masks)
    for mask in exact.masks:
        assert fast.coordinates(mask) == exact.coordinates(mask)


@pytest.mark.parametrize("seed", range(10))
def test_certificate_is_never_fooled_by_near_ties(seed, monkeypatch):
    # payoffs that tie up to 1e-12: float labels are ambiguous, so the certificate must either
    # prove the exact answer or hand over to the exact search, never return a wrong vertex set
    monkeypatch.setattr(_polytope, "MAX_UNCERTIFIED_SHARE", 1.0)
    rng = np.random.default_rng(100 + seed)
    r, d = rng.integers(3, 7, 2)
    base = rng.integers(1, 4, (r, d)).astype(float)
    noisy = base + rng.integers(-1, 2, (r, d)) * 2.0**-40
    scale = 2**42                                    # exact integers from the binary values
    M = np.array([[int(v * scale) for v in row] for row in noisy], dtype=object)
    exact = exact_vertices(M)
    fast = certified_vertices(M)
    if fast is not None:
        assert set(fast.masks) == set(exact.masks)
        for mask in exact.masks:
            assert fast.coordinates(mask) == exact.coordinates(mask)
