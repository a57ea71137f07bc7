"""The arithmetic object, the computation context and the one LP entry point."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt
from gametheory.solvers.result import default_tolerance
from gametheory.arithmetic import EXACT, Arithmetic, choose_arithmetic, float_arithmetic
from gametheory.context import Context, TimeLimitError
from gametheory.crisis.regime import _dominated_by_lp
from gametheory.linalg.lp import solve_lp
from gametheory.solvers._common import fallback_arithmetic, resolve_context
from gametheory.solvers.dominance import iterated_elimination
from gametheory.solvers.result import dedupe_equilibria, make_equilibrium


def _random_game(shape, seed, high=9):
    rng = np.random.default_rng(seed)
    return gt.NormalFormGame([rng.integers(0, high, size=shape) for _ in shape])


# --------------------------------------------------------------------------- Arithmetic

def test_exact_arithmetic_methods():
    a = EXACT
    assert a.exact and a.tol is None and a.name == "exact" and a.dtype is object
    assert a.zero == 0 and isinstance(a.zero, Fraction) and isinstance(a.one, Fraction)
    assert a.number(0.25) == Fraction(1, 4) and isinstance(a.number(3), Fraction)
    assert a.vector([1, 0.5]) == (Fraction(1), Fraction(1, 2))
    arr = a.array([[1, 2], [3, 4]])
    assert arr.dtype == object and all(isinstance(v, Fraction) for v in arr.flat)
    assert a.profile([[1, 0], [0.5, 0.5]]) == ((1, 0), (Fraction(1, 2), Fraction(1, 2)))
    assert a.is_zero(Fraction(0)) and not a.is_zero(Fraction(1, 10**30))
    assert a.accepts(Fraction(0)) and not a.accepts(Fraction(1, 10**30))
    assert a.exceeds(Fraction(1, 10**30), 0) and not a.exceeds(0, 0)
    assert a.same([Fraction(1, 3)], [Fraction(1, 3)]) and not a.same([Fraction(1, 3)], [0.3333333333])
    assert a.dot([1, Fraction(1, 2)], [Fraction(1, 3), 3]) == Fraction(11, 6)


def test_float_arithmetic_methods():
    a = float_arithmetic(1e-6)
    assert not a.exact and a.tol == 1e-6 and a.name == "float" and a.dtype is float
    assert a.zero == 0.0 and isinstance(a.one, float)
    assert a.number(Fraction(1, 4)) == 0.25 and isinstance(a.number(1), float)
    assert a.array([[1, 2]]).dtype == float
    assert a.profile([[Fraction(1, 2), Fraction(1, 2)]]) == ((0.5, 0.5),)
    assert a.is_zero(-1e-7) and not a.is_zero(1e-5)
    assert a.accepts(1e-7) and a.accepts(-1.0) and not a.accepts(1e-5)
    assert a.exceeds(2e-6, 0) and not a.exceeds(1e-7, 0)
    assert a.same([0.5, 0.5], [0.5 + 1e-12, 0.5]) and not a.same([0.5], [0.6])
    assert a.dot([1, 2], [0.5, 0.25]) == 1.0


def test_arithmetic_is_checked_and_chosen_once():
    with pytest.raises(ValueError):
        Arithmetic(exact=True, tol=1e-9)
    with pytest.raises(ValueError):
        Arithmetic(exact=False)
    with pytest.raises(ValueError):
        float_arithmetic(-1.0)
    assert choose_arithmetic(None, True, None, 1e-9) is EXACT
    assert choose_arithmetic(None, False, None, 1e-9) == float_arithmetic(1e-9)
    assert choose_arithmetic(False, True, 1e-4, 1e-9) == float_arithmetic(1e-4)
    with pytest.raises(ValueError):
        choose_arithmetic(True, False, None, 1e-9)


# --------------------------------------------------------------------------- resolve_context

def test_resolve_context_decides_the_arithmetic():
    g = gt.read_game("chicken")
    assert resolve_context(g).arithmetic is EXACT
    assert resolve_context(g, exact=False).arithmetic == float_arithmetic(default_tolerance(g))
    assert resolve_context(g, exact=False, tol=1e-3).arithmetic == float_arithmetic(1e-3)
    given = Context.make(float_arithmetic(1e-5), seed=4)
    assert resolve_context(g, exact=True, tol=1.0, context=given) is given


def test_resolve_context_refuses_exact_arithmetic_for_float_payoffs():
    g = gt.NormalFormGame.from_bimatrix([[0.5, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 0.5]])
    assert resolve_context(g).arithmetic == float_arithmetic(default_tolerance(g))
    with pytest.raises(gt.ExactArithmeticError, match="floating-point payoffs"):
        resolve_context(g, exact=True)
    with pytest.raises(gt.ExactArithmeticError):
        resolve_context(g, context=Context())
    for solver in (gt.solve_support, gt.solve_vertex, gt.solve_pure):
        with pytest.raises(gt.ExactArithmeticError):
            solver(g, context=Context())


def test_fallback_arithmetic():
    g = gt.read_game("chicken")
    f = float_arithmetic(1e-3)
    assert fallback_arithmetic(g, f) is f
    assert fallback_arithmetic(g, EXACT) == float_arithmetic(default_tolerance(g))
    assert fallback_arithmetic(g, EXACT, 1e-4) == float_arithmetic(1e-4)


def test_a_given_context_is_what_the_solver_uses():
    g = gt.read_game("battle-of-the-sexes")
    res = gt.solve_vertex(g, exact=True, context=Context(float_arithmetic(1e-6)))
    assert not res.exact and res.parameters["tolerance"] == 1e-6
    assert all(isinstance(p, float) for eq in res.equilibria for s in eq.strategies for p in s)
    assert gt.solve_vertex(g, context=Context()).equilibria == gt.solve_vertex(g).equilibria


def test_make_equilibrium_and_dedupe_take_the_arithmetic():
    g = gt.read_game("matching-pennies")
    eq = make_equilibrium(g, [[0.5, 0.5], [0.5, 0.5]], EXACT)
    assert eq.regret == 0 and eq.strategies[0] == (Fraction(1, 2), Fraction(1, 2))
    with pytest.raises(gt.VerificationError):
        make_equilibrium(g, [[1, 0], [1, 0]], EXACT)
    f = float_arithmetic(1e-9)
    a = make_equilibrium(g, [[0.5, 0.5], [0.5, 0.5]], f)
    b = make_equilibrium(g, [[0.5 + 1e-12, 0.5 - 1e-12], [0.5, 0.5]], f)
    assert isinstance(a.regret, float) and len(dedupe_equilibria([a, b], f)) == 1
    assert len(dedupe_equilibria([eq, eq], EXACT)) == 1


# --------------------------------------------------------------------------- deadlines

@pytest.mark.parametrize("solve", [
    lambda g, ctx: gt.solve_support(g, context=ctx),
    lambda g, ctx: gt.solve_vertex(g, context=ctx),
    lambda g, ctx: gt.solve_lemke_howson(g, context=ctx),
], ids=["support", "vertex", "lemke-howson"])
def test_an_expired_context_stops_the_two_player_solvers(solve):
    g = _random_game((6, 6), 1)
    with pytest.raises(TimeLimitError, match="time limit"):
        solve(g, Context.make(time_limit=0))


@pytest.mark.parametrize("solve", [
    lambda g, ctx: gt.solve_simpdiv(g, context=ctx),
    lambda g, ctx: gt.solve_polynomial(g, context=ctx),
    lambda g, ctx: gt.solve_qre(g, context=ctx),
    lambda g, ctx: iterated_elimination(g, context=ctx),
], ids=["simpdiv", "polynomial", "qre", "dominance"])
def test_an_expired_context_stops_the_n_player_solvers(solve):
    g = _random_game((3, 3, 3), 2)
    with pytest.raises(TimeLimitError):
        solve(g, Context.make(time_limit=0))


def test_a_generous_deadline_changes_nothing():
    g = _random_game((3, 3, 3), 2)
    ctx = Context.make(time_limit=600)
    assert gt.solve_simpdiv(g, context=ctx).equilibria == gt.solve_simpdiv(g).equilibria
    assert gt.solve_polynomial(g, context=ctx).equilibria == gt.solve_polynomial(g).equilibria


def test_long_computations_report_progress():
    seen = []
    ctx = Context.make(progress=lambda stage, done, total: seen.append((stage, done, total)))
    gt.solve_support(_random_game((4, 4), 3), context=ctx)
    assert [s for s in seen if s[0] == "support"] == [("support", k, 4) for k in range(4)]
    gt.solve_polynomial(_random_game((2, 2, 2), 4), context=ctx)
    done = [d for stage, d, _ in seen if stage == "polynomial"]
    assert done and done == sorted(done)


def test_time_limit_error_is_a_solver_error():
    assert issubclass(TimeLimitError, gt.SolverError)


def _expire_after(monkeypatch, checks):
    """Make every context with a deadline expire at its ``checks + 1``-th check (deterministic,
    unlike a clock)."""
    seen = {"n": 0}

    def expired(self):
        if self.deadline is None:
            return False
        seen["n"] += 1
        return seen["n"] > checks
    monkeypatch.setattr(Context, "expired", expired)


def _keys(equilibria):
    return {tuple(tuple(round(float(p), 9) for p in s) for s in eq.strategies) for eq in equilibria}


@pytest.mark.parametrize("method", ["support", "vertex", "lemke-howson", "polynomial"])
def test_a_stopped_enumeration_keeps_what_it_found(method, monkeypatch):
    g = _random_game((6, 6) if method != "polynomial" else (3, 3, 2), 5)
    full = gt.solve(g, method=method)
    sizes = set()
    for checks in range(0, 40, 3):
        _expire_after(monkeypatch, checks)
        try:
            gt.solve(g, method=method, time_limit=600)
            break                                   # enough checks to finish
        except TimeLimitError as exc:
            part = exc.partial
            assert part is not None and part.method == method and not part.complete
            assert part.parameters["stopped"] == "time limit"
            assert "stopped by the time limit" in part.notes[0]
            assert _keys(part.equilibria) <= _keys(full.equilibria)    # each one verified too
            sizes.add(len(part.equilibria))
    assert 0 in sizes and len(sizes) > 1        # nothing found at first, some later


def test_the_partial_result_is_lifted_through_elimination_and_trees(monkeypatch):
    g = _random_game((6, 6), 5)
    for checks in range(0, 60):
        _expire_after(monkeypatch, checks)
        try:
            gt.solve(g, method="support", eliminate=True, time_limit=600)
            pytest.fail("no stop inside support enumeration")
        except TimeLimitError as exc:
            part = exc.partial
            if part is not None and part.equilibria:
                break
    assert part.game is g and not part.complete          # lifted to the whole game
    assert all(len(s) == 6 for eq in part.equilibria for s in eq.strategies)
    tree = gt.read_game(Path(__file__).parent / "fixtures" / "efg" / "kuhn-poker.efg")
    for checks in range(0, 30):
        _expire_after(monkeypatch, checks)
        try:
            gt.solve(tree, method="lemke-howson", time_limit=600)
            break
        except TimeLimitError as exc:
            if exc.partial is not None and exc.partial.equilibria:
                assert exc.partial.game is tree and not exc.partial.complete
                assert all(eq.behavior is not None for eq in exc.partial.equilibria)
                break
    else:
        pytest.fail("no partial result with equilibria")


def test_time_limit_is_checked():
    with pytest.raises(gt.InvalidGameError, match="positive number of seconds"):
        gt.solve(gt.read_game("chicken"), time_limit=0)
    with pytest.raises(TimeLimitError):
        gt.solve(_random_game((8, 8), 1), method="support", time_limit=1e-9)


# --------------------------------------------------------------------------- seeds

def test_a_seed_makes_the_random_streams_reproducible():
    # no solver draws random numbers; the one seeded computation, the sweep, draws sample k from
    # numpy.random.default_rng([seed, k]): Context.rng(k) is that same stream
    a, b = Context.make(seed=11), Context.make(seed=11)
    assert np.array_equal(a.rng(3).random(5), b.rng(3).random(5))
    assert np.array_equal(a.rng(3).random(5), np.random.default_rng([11, 3]).random(5))
    assert not np.array_equal(a.rng(3).random(5), a.rng(4).random(5))
    assert np.array_equal(a.rng().random(3), np.random.default_rng(11).random(3))


# --------------------------------------------------------------------------- the LP entry point

def test_the_lp_entry_point_certifies_a_rational_lp():
    # max x + y  s.t.  3x + y <= 1, x + 3y <= 1, x, y >= 0: optimum (1/4, 1/4), duals (1/4, 1/4)
    A = np.array([[3, 1], [1, 3]])
    for bounds, A_ub, b_ub in ((([(0, None)] * 2), A, [1, 1]),
                               (None, np.vstack([A, -np.eye(2, dtype=int)]), [1, 1, 0, 0])):
        sol = solve_lp([-1, -1], A_ub, b_ub, np.zeros((0, 2)), [], EXACT, bounds=bounds)
        assert sol.exact and sol.x == (Fraction(1, 4), Fraction(1, 4)) and sol.value == Fraction(-1, 2)
        assert all(isinstance(v, Fraction) for v in sol.x + sol.dual_ub)
        assert sol.dual_ub[:2] == (Fraction(1, 4), Fraction(1, 4)) and len(sol.dual_ub) == len(b_ub)
        # the certificate: the duals reproduce the objective, so the value is optimal
        assert [sum(y * A_ub[r][j] for r, y in enumerate(sol.dual_ub)) for j in range(2)] == [1, 1]
    flt = solve_lp([-1, -1], A, [1, 1], np.zeros((0, 2)), [], float_arithmetic(0.0),
                   bounds=[(0, None)] * 2)
    assert not flt.exact and isinstance(flt.value, float) and abs(flt.value + 0.5) < 1e-12
    assert solve_lp([1], np.array([[1], [-1]]), [-1, -1], np.zeros((0, 1)), [], EXACT) is None


def test_the_lp_entry_point_certifies_with_equalities_and_fixed_variables():
    # a correlated-equilibrium LP: most variables sit at their bound 0 at the optimum
    ce = gt.correlated_equilibrium(gt.read_game("chicken"))
    assert ce.exact and ce.distribution.tolist() == [[Fraction(1, 3), Fraction(1, 3)],
                                                     [Fraction(1, 3), 0]]
    sol = solve_lp([-1, -2, -3], np.zeros((0, 3)), [], np.array([[1, 1, 1]]), [1], EXACT,
                   bounds=[(0, None)] * 3)
    assert sol.x == (0, 0, 1) and sol.value == -3 and sol.dual_eq == (Fraction(3),)


def test_the_pareto_test_is_exact_for_rational_payoffs():
    # a gain of 1e-13 to one party: the float test (tolerance 1e-9 per party) cannot see it
    table = [[Fraction(0), Fraction(0)], [Fraction(1, 10**13), Fraction(0)]]
    assert _dominated_by_lp(table, [Fraction(0), Fraction(0)], EXACT)
    assert not _dominated_by_lp(table, [Fraction(1, 10**13), Fraction(0)], EXACT)
    assert not _dominated_by_lp(np.array(table, dtype=float), np.zeros(2), float_arithmetic(2e-9))
