"""`sobol_indices`: Sobol indices on functions whose indices are known analytically."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gametheory.crisis.sobol import SobolIndices, sobol_design, sobol_indices
from gametheory.errors import InvalidGameError

A, B = 7.0, 0.1


def ishigami(U: np.ndarray) -> np.ndarray:
    """Ishigami and Homma (1990), inputs uniform on [-pi, pi] (mapped from the unit cube)."""
    x = -math.pi + 2 * math.pi * U
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_truth() -> tuple[list[float], list[float]]:
    """The analytical indices (e.g. Saltelli et al. 2008, Global Sensitivity Analysis, 4.6)."""
    pi = math.pi
    V1 = 0.5 * (1 + B * pi ** 4 / 5) ** 2
    V2 = A ** 2 / 8
    V13 = B ** 2 * pi ** 8 * (1 / 18 - 1 / 50)
    V = V1 + V2 + V13
    return [V1 / V, V2 / V, 0.0], [(V1 + V13) / V, V2 / V, V13 / V]


@pytest.fixture(scope="module")
def ishigami_result() -> SobolIndices:
    n = 2 ** 13
    X = sobol_design(3, n, seed=0)
    return sobol_indices(ishigami(X), d=3, n=n, names=["x1", "x2", "x3"], bootstrap=200, seed=1)


def test_ishigami_truth_matches_the_published_values():
    first, total = ishigami_truth()
    assert np.allclose(first, [0.3139, 0.4424, 0.0], atol=1e-4)
    assert np.allclose(total, [0.5576, 0.4424, 0.2437], atol=1e-4)


def test_ishigami_estimates_within_002(ishigami_result):
    res = ishigami_result
    first, total = ishigami_truth()
    assert res.names == ("x1", "x2", "x3") and res.n == 2 ** 13 and res.d == 3
    assert res.first.shape == res.total.shape == (3,)
    assert np.all(np.abs(res.first - first) < 0.02), res.first
    assert np.all(np.abs(res.total - total) < 0.02), res.total
    assert res.note == ""


def test_ishigami_bootstrap_intervals_contain_the_truth(ishigami_result):
    res = ishigami_result
    first, total = ishigami_truth()
    assert np.all(res.first_low <= res.first) and np.all(res.first <= res.first_high)
    assert np.all(res.total_low <= res.total) and np.all(res.total <= res.total_high)
    inside = [lo <= t <= hi for lo, t, hi in zip(res.first_low, first, res.first_high)]
    inside += [lo <= t <= hi for lo, t, hi in zip(res.total_low, total, res.total_high)]
    assert sum(inside) >= 5, inside
    assert np.all(res.first_high - res.first_low < 0.1)


def test_design_layout():
    d, n = 3, 16
    X = sobol_design(d, n, seed=4)
    assert X.shape == (n * (d + 2), d)
    assert np.all((X >= 0) & (X <= 1))
    blocks = X.reshape(d + 2, n, d)
    A_, B_ = blocks[0], blocks[1]
    for i in range(d):
        expected = A_.copy()
        expected[:, i] = B_[:, i]
        assert np.array_equal(blocks[2 + i], expected)
    assert np.array_equal(X, sobol_design(d, n, seed=4))          # seeded: reproducible
    assert not np.array_equal(X, sobol_design(d, n, seed=5))
    assert sobol_design(2, 10).shape == (40, 2)                    # n not a power of 2
    assert np.all(sobol_design(2, 8, scramble=False)[0] == 0)      # unscrambled starts at 0


def test_linear_additive_function():
    a = np.array([1.0, 2.0, 0.5, 0.0])
    n = 2 ** 12
    X = sobol_design(4, n, seed=2)
    res = sobol_indices(X @ a + 3.0, d=4, n=n, bootstrap=50)
    expected = a ** 2 / np.sum(a ** 2)
    assert np.allclose(res.first, expected, atol=0.01)
    assert np.allclose(res.total, expected, atol=0.01)
    assert res.names == ("x1", "x2", "x3", "x4")
    assert math.isclose(res.variance, np.sum(a ** 2) / 12, rel_tol=0.02)
    assert res.total[3] == 0.0                     # an input with no effect: exactly 0


def test_several_outputs_and_a_constant_one():
    n = 2 ** 10
    X = sobol_design(2, n, seed=3)
    Y = np.column_stack([X[:, 0] + 2 * X[:, 1], np.full(len(X), 5.0), X[:, 0]])
    res = sobol_indices(Y, d=2, n=n, bootstrap=20)
    assert res.first.shape == res.first_low.shape == (2, 3) and res.variance.shape == (3,)
    assert np.allclose(res.first[:, 0], [0.2, 0.8], atol=0.02)
    assert np.all(np.isnan(res.first[:, 1])) and np.all(np.isnan(res.total_high[:, 1]))
    assert np.allclose(res.total[:, 2], [1.0, 0.0], atol=0.02)
    assert "output 1 is constant" in res.note
    with pytest.raises(ValueError):
        res.first[0, 0] = 1.0                      # read-only


def test_constant_output_is_reported_not_raised():
    res = sobol_indices(np.full(5 * 32, 2.5), d=3, n=32)
    assert np.all(np.isnan(res.first)) and np.all(np.isnan(res.total))
    assert np.all(np.isnan(res.first_low)) and res.variance == 0.0
    assert "constant" in res.note and "undefined" in res.note


def test_no_bootstrap():
    X = sobol_design(2, 64, seed=0)
    res = sobol_indices(X[:, 0], d=2, n=64, bootstrap=0)
    assert np.all(np.isnan(res.first_low)) and not np.any(np.isnan(res.first))


@pytest.mark.parametrize("y, d, n, kwargs, message", [
    (np.zeros(1100), 10, 100, {}, "expected 1200 outputs (n=100, d=10), got 1100"),
    (np.zeros((4, 2, 2)), 2, 1, {}, "shape"),
    (np.zeros((8, 0)), 2, 2, {}, "no output columns"),
    ([1.0, np.nan, 0.0, 1.0], 2, 1, {}, "1 non-finite"),
    (np.zeros(8), 0, 2, {}, "d must be a positive integer"),
    (np.zeros(8), 2, 2.0, {}, "n must be a positive integer"),
    (np.zeros(8), 2, 2, {"names": ["a"]}, "names"),
    (np.zeros(8), 2, 2, {"names": "ab"}, "names"),
    (np.zeros(8), 2, 2, {"bootstrap": -1}, "bootstrap"),
    (np.zeros(8), 2, 2, {"confidence": 1.0}, "confidence"),
    (["a"] * 8, 2, 2, {}, "numbers"),
])
def test_bad_input(y, d, n, kwargs, message):
    with pytest.raises(InvalidGameError) as err:
        sobol_indices(y, d, n, **kwargs)
    assert message in str(err.value) and str(err.value).startswith("sobol_indices: ")


def test_bad_design_arguments():
    with pytest.raises(InvalidGameError, match="sobol_design: n must be a positive integer"):
        sobol_design(2, 0)
    with pytest.raises(InvalidGameError, match="sobol_design: d must"):
        sobol_design(True, 4)
