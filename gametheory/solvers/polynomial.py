"""All Nash equilibria of an n-player game: support enumeration with polynomial systems.

Algorithm (McKelvey and McLennan 1996, "Computation of equilibria in finite
games", Handbook of Computational Economics 1, section 6; support ordering
and conditional dominance as in Porter, Nudelman and Shoham 2008, "Simple
search methods for finding a Nash equilibrium", Games and Economic Behavior 63):

1. Enumerate support profiles ``(S_1, ..., S_n)``, smallest and most balanced
   first.  Skip a profile when some action in a support is strictly
   dominated by another action given the others' supports (conditional
   dominance): it cannot be a best response there.
2. For each profile, the indifference conditions ``u_i(a, sigma_-i) =
   u_i(a', sigma_-i)`` for ``a, a'`` in ``S_i`` are polynomial equations
   (multilinear in the other players' probabilities), with ``sum sigma_i = 1``.
   Solve them exactly with a lexicographic Groebner basis (sympy).
3. A zero-dimensional system has finitely many solutions, all found: keep the
   real ones with every support probability positive and no profitable
   deviation outside the supports.  Signs of irrational (algebraic) values are
   decided on 40-digit evaluations.
4. A positive-dimensional system (infinitely many solutions, which may hold a
   continuum of equilibria or none) is not resolved yet: it is reported in the
   notes and ``parameters["continua"]``, and ``complete`` becomes False.
5. Rational equilibria are certified exactly (regret 0); if any equilibrium is
   irrational, all are returned in floating point with their regret checked
   against the tolerance, and a note says so.

Cost: one Groebner basis and one exact solve per surviving support profile,
``prod_i (2^m_i - 1)`` profiles before pruning.  With sympy this takes under
a second for 2x2x2 games and a few seconds for 2x2x3 and 2x2x2x2, but can
take minutes from 3x3x2 on: a faster exact back end is work in progress.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import prod

import numpy as np
import sympy

from ..errors import GameTooLargeError
from ..game import NormalFormGame
from ..result import SolverResult, dedupe_equilibria, make_equilibrium
from ._common import resolve_exact, resolve_tolerance

__all__ = ["polynomial_equilibria"]

#: Refuse games with more support profiles than this.
MAX_SUPPORT_PROFILES = 100_000
_DIGITS = 40
_ZERO = sympy.Float(10) ** -30


def _supports(shape: tuple[int, ...]):
    per_player = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
                  for m in shape]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda S: (sum(len(s) for s in S), max(len(s) for s in S) - min(len(s) for s in S)))
    return profiles


def _conditionally_dominated(U: list[np.ndarray], S: tuple[tuple[int, ...], ...]) -> bool:
    """True when some support action is strictly dominated given the others' supports."""
    for i, u in enumerate(U):
        block = u[np.ix_(*[range(u.shape[k]) if k == i else S[k] for k in range(len(S))])]
        rows = np.moveaxis(block, i, 0).reshape(u.shape[i], -1)
        for a in S[i]:
            if ((rows - rows[a]) > 0).all(axis=1).any():
                return True
    return False


def polynomial_equilibria(game: NormalFormGame, exact: bool | None = None,
                          tol: float | None = None) -> SolverResult:
    """All isolated Nash equilibria of an n-player game, by support enumeration and Groebner bases.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; rational payoffs (a float game is taken at the
        exact binary values of its payoffs and answered in floating point).
    exact : bool or None
        Ask for exact rational output (the default for rational payoffs); an
        irrational equilibrium turns the whole result to floating point.
    tol : float, optional
        Regret tolerance for floating-point output.

    Returns
    -------
    SolverResult
        ``complete`` is True when every support system was zero-dimensional
        (so every equilibrium was found); ``parameters["continua"]`` lists the
        support profiles whose systems have a continuum of solutions.

    Examples
    --------
    >>> import gametheory as gt
    >>> u = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]          # matching on player 1's choice
    >>> g = gt.NormalFormGame([u, u, u])
    >>> res = polynomial_equilibria(g)
    >>> [eq.supports for eq in res.equilibria][:2]
    [((0,), (0,), (0,)), ((0, 1), (0, 1), (0, 1))]
    """
    exact_out = resolve_exact(game, exact)
    profiles = prod(2 ** m - 1 for m in game.shape)
    if profiles > MAX_SUPPORT_PROFILES:
        shape = "x".join(map(str, game.shape))
        raise GameTooLargeError(
            f"method 'polynomial' on a {shape} game would examine {profiles:.2e} support profiles "
            f"(limit {MAX_SUPPORT_PROFILES:.0e}); use 'pure', or eliminate dominated actions first")
    if game.is_exact:
        U = [ints for ints, _ in game.integer_payoffs]
    else:
        U = [np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(a) for a in game.float_payoffs]
    solutions: list[list[list[sympy.Expr]]] = []
    continua: list[list[list[int]]] = []
    for S in _supports(game.shape):
        if _conditionally_dominated(U, S):   # exact comparisons: no support lost to rounding
            continue
        found = _solve_support(U, S, game.shape)
        if found is None:
            continua.append([list(s) for s in S])
            continue
        solutions.extend(found)
    rational = all(isinstance(p, sympy.Rational) for sol in solutions for s in sol for p in s)
    out_exact = exact_out and rational and game.is_exact
    tol_used = resolve_tolerance(game, out_exact, tol)
    equilibria = []
    for sol in solutions:
        if out_exact:
            strategies = [[Fraction(int(p.p), int(p.q)) for p in s] for s in sol]
        else:
            strategies = [[float(sympy.N(p, 20)) for p in s] for s in sol]
        equilibria.append(make_equilibrium(game, strategies, exact=out_exact, tol=tol_used))
    notes = []
    if not rational:
        notes.append("some equilibria have irrational probabilities: all are given in floating "
                     "point (each is an exact algebraic solution, rounded)")
    for S in continua:
        notes.append("unresolved: the indifference equations on supports "
                     + " x ".join("{" + ",".join(game.actions[i][a] for a in s) + "}"
                                  for i, s in enumerate(S))
                     + " have infinitely many solutions; the equilibria among them (a "
                       "continuum, or none) are not computed, so the list may be incomplete")
    return SolverResult(game=game, method="polynomial", exact=out_exact,
                        equilibria=tuple(dedupe_equilibria(equilibria, out_exact)),
                        complete=not continua, degenerate=None,
                        parameters={"tolerance": tol_used, "continua": continua,
                                    "support_profiles": profiles},
                        notes=tuple(notes))


def _solve_support(U: list[np.ndarray], S: tuple[tuple[int, ...], ...], shape: tuple[int, ...]):
    """Equilibria with exactly these supports (as sympy numbers), or None for a continuum."""
    n = len(S)
    symbols = [[sympy.Symbol(f"p{i}_{a}") for a in s[:-1]] for i, s in enumerate(S)]
    unknowns = [x for xs in symbols for x in xs]
    # each player's strategy as expressions in the unknowns (last support action takes the rest)
    strategy = []
    for i, s in enumerate(S):
        probs = {a: x for a, x in zip(s[:-1], symbols[i])}
        probs[s[-1]] = sympy.Integer(1) - sum(symbols[i], sympy.Integer(0))
        strategy.append(probs)

    def payoff(i: int, a: int) -> sympy.Expr:
        others = [k for k in range(n) if k != i]
        total = sympy.Integer(0)
        for prof in itertools.product(*(S[k] for k in others)):
            idx = [0] * n
            idx[i] = a
            term = sympy.Integer(1)
            for k, b in zip(others, prof):
                idx[k] = b
                term *= strategy[k][b]
            c = Fraction(U[i][tuple(idx)])
            total += sympy.Rational(c.numerator, c.denominator) * term
        return sympy.expand(total)

    values = [{a: payoff(i, a) for a in range(shape[i])} for i in range(n)]
    equations = [values[i][a] - values[i][s[0]] for i, s in enumerate(S) for a in s[1:]]
    if not unknowns:
        points = [{}]
    else:
        basis = sympy.groebner(equations, *unknowns, order="lex", domain="QQ")
        if list(basis.exprs) == [1]:
            return []
        if not basis.is_zero_dimensional:
            return None
        points = sympy.solve(list(basis.exprs), unknowns, dict=True)
    out = []
    for point in points:
        probs = [[sympy.simplify(strategy[i][a].subs(point)) if a in strategy[i]
                  else sympy.Integer(0) for a in range(shape[i])] for i in range(n)]
        if not all(_positive(probs[i][a]) for i, s in enumerate(S) for a in s):
            continue
        vals = [{a: sympy.expand(values[i][a].subs(point)) for a in range(shape[i])} for i in range(n)]
        if any(_positive(vals[i][b] - vals[i][S[i][0]])
               for i in range(n) for b in range(shape[i]) if b not in S[i]):
            continue
        out.append(probs)
    return out


def _positive(expr: sympy.Expr) -> bool:
    """Sign of a real algebraic number, exactly for rationals, else on a 40-digit value."""
    if isinstance(expr, sympy.Rational):
        return expr > 0
    value = sympy.N(expr, _DIGITS)
    if abs(sympy.im(value)) > _ZERO:
        return False          # not real: not a probability
    return sympy.re(value) > _ZERO
