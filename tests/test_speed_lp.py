"""The fast dual certificate of the exact LP, and the exact correlated-equilibrium shortcuts.

``solve_lp`` in exact arithmetic proves its vertex optimal with multipliers.
At a degenerate vertex it used to find them with an LP of its own
(``lp._dual_certificate``); it now first makes HiGHS's multipliers exact
(``lp._highs_duals``: read as a basis, or rounded), checked exactly.  Before
either, programs whose variables are free or nonnegative are certified in
integer arithmetic (``lp._certify_integer``).  These tests compare the ways on
random degenerate LPs and on correlated-equilibrium LPs, including ones where
the rounding fails, and check every certificate independently of the package.
"""

from __future__ import annotations

import collections
from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt
from gametheory.analysis import correlated as C
from gametheory.arithmetic import EXACT
from gametheory.linalg import lp


def _certifies(c, A_ub, b_ub, A_eq, b_eq, bounds, x, y_ub, y_eq) -> bool:
    """Whether ``x`` is feasible and ``y`` proves it optimal (LP duality), in plain Fractions."""
    F = Fraction
    n = len(c)
    A_ub = [[F(v) for v in row] for row in np.asarray(A_ub, dtype=object).reshape(-1, n)]
    A_eq = [[F(v) for v in row] for row in np.asarray(A_eq, dtype=object).reshape(-1, n)]
    x = [F(v) for v in x]
    for row, b in zip(A_ub, b_ub):
        if sum(a * v for a, v in zip(row, x)) > F(b):
            return False
    for row, b in zip(A_eq, b_eq):
        if sum(a * v for a, v in zip(row, x)) != F(b):
            return False
    for (low, high), v in zip(bounds, x):
        if (low is not None and v < F(low)) or (high is not None and v > F(high)):
            return False
    if len(y_ub) != len(A_ub) or len(y_eq) != len(A_eq):
        return False
    for y, row, b in zip(y_ub, A_ub, b_ub):
        if y < 0 or (y > 0 and sum(a * v for a, v in zip(row, x)) != F(b)):
            return False                # a multiplier on a row that is not tight
    for j, (low, high) in enumerate(bounds):
        d = F(c[j]) + sum(y * row[j] for y, row in zip(y_ub, A_ub)) \
            + sum(y * row[j] for y, row in zip(y_eq, A_eq))
        at_low = low is not None and x[j] == F(low)
        at_high = high is not None and x[j] == F(high)
        if not (d == 0 or (d > 0 and at_low) or (d < 0 and at_high)):
            return False
    return True


def _random_lp(rng, fractions: bool):
    n = int(rng.integers(2, 7))
    m = int(rng.integers(1, 8))
    e = int(rng.integers(0, 3))
    A = rng.integers(-3, 4, size=(m, n)).astype(object)
    b = [int(v) for v in rng.integers(0, 4, size=m)]
    A_eq = rng.integers(-2, 3, size=(e, n)).astype(object)
    b_eq = [int(v) for v in A_eq.dot(rng.integers(0, 3, size=n))]
    c = [int(v) for v in rng.integers(-3, 4, size=n)]
    if fractions:
        c = [Fraction(v, int(rng.integers(1, 50))) for v in c]
        A = np.array([[Fraction(int(v), int(rng.integers(1, 30))) for v in row] for row in A],
                     dtype=object).reshape(m, n)
    bounds = [(0, None) if rng.random() < 0.7 else (0, int(rng.integers(1, 4))) for _ in range(n)]
    return c, A, b, A_eq, b_eq, bounds


def _ce_lp(game):
    """The welfare-maximising correlated equilibrium's LP, as correlated_equilibrium poses it."""
    U = [np.asarray(u, dtype=object) for u in game.payoffs]
    G = C._constraint_rows(U, False)
    P = G.shape[1]
    c = [-v for v in sum(u.reshape(-1) for u in U)]
    return c, -G, [0] * len(G), np.ones((1, P), dtype=object), [1], [(0, None)] * P


def _wide_game(rng, shape):
    """Payoffs with large denominators: HiGHS's multipliers are no simple fractions."""
    return gt.NormalFormGame([np.array([Fraction(int(rng.integers(-10 ** 6, 10 ** 6)), int(rng.integers(1, 997)))
                                        for _ in range(int(np.prod(shape)))], dtype=object).reshape(shape)
                              for _ in shape])


def _both_ways(problem, monkeypatch):
    fast = lp.solve_lp(*problem[:5], EXACT, bounds=problem[5])
    with monkeypatch.context() as m:
        m.setattr(lp, "_ROUNDED_DUALS", False)
        slow = lp.solve_lp(*problem[:5], EXACT, bounds=problem[5])
    return fast, slow


def _spy(monkeypatch, name):
    counts = collections.Counter()
    original = getattr(lp, name)

    def spy(*args):
        out = original(*args)
        counts["found" if out is not None else "none"] += 1
        return out

    monkeypatch.setattr(lp, name, spy)
    return counts


def test_integer_certificate_agrees_with_the_general_one(monkeypatch):
    rng = np.random.default_rng(17)
    counts = _spy(monkeypatch, "_certify_integer")
    problems = [_random_lp(rng, k % 3 == 0) for k in range(300)]
    for problem in problems[:]:          # the same programs without upper bounds
        problems.append(problem[:5] + ([(0, None) if k % 4 else (None, None)
                                        for k in range(len(problem[0]))],))
    problems += [_ce_lp(_wide_game(rng, shape)) for shape in [(2, 2), (3, 3), (2, 2, 2)] * 4]
    problems += [_ce_lp(gt.NormalFormGame([rng.integers(-5, 6, size=shape) for _ in shape]))
                 for shape in [(2, 2), (3, 3), (2, 2, 2), (3, 3, 3)] * 10]
    for problem in problems:
        fast = lp.solve_lp(*problem[:5], EXACT, bounds=problem[5])
        with monkeypatch.context() as m:
            m.setattr(lp, "_certify_integer", lambda *args: None)
            slow = lp.solve_lp(*problem[:5], EXACT, bounds=problem[5])
        if slow is None or fast is None:
            assert slow is None and fast is None
            continue
        assert fast.value == slow.value
        assert _certifies(*problem[:5], problem[5], fast.x, fast.dual_ub, fast.dual_eq)
    assert counts["found"] > 150 and counts["none"] > 50


def test_highs_duals_agree_with_the_dual_lp_on_random_lps(monkeypatch):
    monkeypatch.setattr(lp, "_certify_integer", lambda *args: None)
    rng = np.random.default_rng(11)
    counts = _spy(monkeypatch, "_highs_duals")
    problems = [_random_lp(rng, k % 3 == 0) for k in range(300)]
    problems += [_ce_lp(_wide_game(rng, shape)) for shape in [(2, 2), (3, 3), (2, 2, 2), (3, 2, 2)] * 6]
    for problem in problems:
        fast, slow = _both_ways(problem, monkeypatch)
        if slow is None:
            assert fast is None
            continue
        assert (fast.x, fast.value) == (slow.x, slow.value)          # the same certified vertex
        for sol in (fast, slow):
            assert _certifies(*problem[:5], problem[5], sol.x, sol.dual_ub, sol.dual_eq)
    assert counts["found"] > 20


def test_rounding_alone_fails_on_wide_payoffs_and_falls_back(monkeypatch):
    # without the basis solve, rounding HiGHS's multipliers fails on most of these LPs; the
    # exact dual LP then certifies the very same vertex
    monkeypatch.setattr(lp, "_basis_duals", lambda *args: None)
    monkeypatch.setattr(lp, "_certify_integer", lambda *args: None)
    counts = _spy(monkeypatch, "_highs_duals")
    rng = np.random.default_rng(5)
    for shape in [(2, 2, 2), (3, 2, 2), (3, 3)] * 5:
        problem = _ce_lp(_wide_game(rng, shape))
        fast, slow = _both_ways(problem, monkeypatch)
        assert (fast.x, fast.value) == (slow.x, slow.value)
        assert _certifies(*problem[:5], problem[5], fast.x, fast.dual_ub, fast.dual_eq)
    assert counts["none"] > 3


@pytest.mark.parametrize("seed", range(4))
def test_highs_duals_never_accept_wrong_multipliers(seed):
    # junk multipliers: either None or a genuine certificate, never a false proof
    rng = np.random.default_rng(seed)
    tried = accepted = 0
    for k in range(60):
        problem = _random_lp(rng, k % 2 == 0) if k % 3 else _ce_lp(_wide_game(rng, (2, 2, 2)))
        c, A_ub, b_ub, A_eq, b_eq, bounds = problem
        sol = lp.solve_lp(c, A_ub, b_ub, A_eq, b_eq, EXACT, bounds=bounds)
        if sol is None:
            continue
        cq = [Fraction(v) for v in c]
        Aub = [[Fraction(v) for v in row] for row in A_ub]
        Aeq = [[Fraction(v) for v in row] for row in A_eq]
        true_ub = np.array([float(v) for v in sol.dual_ub])
        true_eq = np.array([float(v) for v in sol.dual_eq])
        for noise in (0.0, 1e-13, 1e-3, 1.0):
            y_ub = np.clip(true_ub + noise * rng.standard_normal(len(true_ub)), -1, None)
            y_eq = true_eq + noise * rng.standard_normal(len(true_eq))
            found = lp._highs_duals(cq, Aub, b_ub, Aeq, bounds, list(sol.x), y_ub, y_eq)
            tried += 1
            if found is not None:
                accepted += 1
                assert _certifies(c, A_ub, b_ub, A_eq, b_eq, bounds, sol.x, *found)
    assert tried > 100 and accepted > 20


# -- correlated equilibria --------------------------------------------------------------------

def _ce_key(ce):
    return (ce.distribution.tolist(), ce.payoffs, ce.gain, ce.exact, ce.objective)


def test_correlated_equilibria_are_unchanged(monkeypatch):
    rng = np.random.default_rng(3)
    for k, shape in enumerate([(2, 2), (3, 3), (2, 2, 2), (3, 2, 2), (2, 3, 2), (3, 3, 2)] * 3):
        game = _wide_game(rng, shape) if k % 2 else gt.NormalFormGame(
            [rng.integers(-2, 3, size=shape) for _ in shape])
        for objective, coarse, player in [("welfare", False, None), ("egalitarian", False, None),
                                          ("player", False, 0), ("welfare", True, None)]:
            fast = C.correlated_equilibrium(game, objective, player=player, coarse=coarse)
            with monkeypatch.context() as m:
                m.setattr(lp, "_ROUNDED_DUALS", False)
                slow = C.correlated_equilibrium(game, objective, player=player, coarse=coarse)
            assert _ce_key(fast) == _ce_key(slow)
            assert fast.exact and fast.gain <= 0


def _reference_gains(game, mu, coarse):
    """The incentive gains as they were computed: every constraint row times the distribution."""
    U = [np.asarray(u, dtype=object) for u in game.payoffs]
    out = []
    for i, u in enumerate(U):
        rows = C._constraint_rows([u if k == i else np.zeros_like(u) for k in range(len(U))], coarse)
        rows = rows[C._player_rows(game, i, coarse)]
        values = rows.dot(mu.reshape(-1)) if len(rows) else np.zeros(0)
        out.append(max((-v for v in values), default=Fraction(0)))
    return out


def test_exact_gains_match_the_constraint_rows():
    rng = np.random.default_rng(9)
    for trial in range(200):
        shape = tuple(int(m) for m in rng.integers(1, 4, size=int(rng.integers(1, 4))))
        game = gt.NormalFormGame([rng.integers(-3, 4, size=shape) for _ in shape])
        weights = rng.integers(0, 3, size=shape) * (rng.random(shape) < 0.5)
        if weights.sum() == 0:
            weights.flat[0] = 1
        mu = np.vectorize(lambda v: Fraction(int(v), int(weights.sum())), otypes=[object])(weights)
        for coarse in (False, True):
            gains = C.correlated_gains(game, mu, coarse)
            assert gains == _reference_gains(game, mu, coarse)
            assert all(type(g) is Fraction for g in gains)
