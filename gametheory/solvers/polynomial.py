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
   u_i(a', sigma_-i)`` for ``a, a'`` in ``S_i`` are polynomial equations,
   affine in each other player's probabilities (multi-affine).  Every root
   near the probability simplices is isolated by bisection with certificates
   (:mod:`._isolate`: exact ranges over boxes, the Krawczyk test), all
   supports of the same sizes in one numpy batch.
3. Each isolated root is polished by Newton's method and kept when its
   probabilities are nonnegative and no action outside the supports pays
   more.  With rational payoffs it is refined to 60 digits and recovered as
   fractions, which must solve the equations exactly; such an equilibrium is
   certified with regret 0 (and a rational root that is not an equilibrium is
   dropped on exact grounds).
4. A support whose boxes do not resolve (a continuum of solutions, or a
   singular root) is solved exactly with a lexicographic Groebner basis
   (sympy) when it has at most ``GROEBNER_MAX_DIM`` unknowns: a
   zero-dimensional system gives its finitely many solutions, a
   positive-dimensional one is reported in ``parameters["continua"]`` with a
   representative equilibrium (Newton's method from uniform play and from the
   undecided boxes), and ``complete`` becomes False.  Larger undecided
   supports are listed in ``parameters["unresolved"]``.
5. If any equilibrium is irrational, all are returned in floating point with
   their regret checked against the tolerance, and a note says so.

Cost: ``prod_i (2^m_i - 1)`` support profiles before pruning; per profile, a
number of boxes that grows about threefold with each unknown.  Generic 3x3x3
games take a few tenths of a second, 3x3x3x3 a few seconds; 4x4x4x4 is out of
reach (see docs/explanation/n-player.md).
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import prod

import numpy as np
import sympy

from ..arithmetic import EXACT, Arithmetic
from ..context import Context
from ..errors import GameTooLargeError, VerificationError
from ..games.normal import NormalFormGame
from ._continuum import describe_continuum
from .result import SolverResult, dedupe_equilibria, make_equilibrium
from ._common import fallback_arithmetic, resolve_context
from ._isolate import isolate_roots
from ._support_system import SupportSystem
from .pure import solve_pure

__all__ = ["solve_polynomial"]

#: Refuse games with more support profiles than this.
MAX_SUPPORT_PROFILES = 100_000
#: Supports whose roots the isolation leaves undecided are solved exactly up to this many unknowns.
GROEBNER_MAX_DIM = 4
#: Box budget of the isolation for those small systems.
SMALL_SYSTEM_BOXES = 2_000
_DIGITS = 40
_ZERO = sympy.Float(10) ** -30


def _supports(shape: tuple[int, ...]):
    per_player = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
                  for m in shape]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda S: (sum(len(s) for s in S), max(len(s) for s in S) - min(len(s) for s in S)))
    return profiles


def _undominated_supports(U: list[np.ndarray], shape: tuple[int, ...]):
    """Support profiles (mixed ones, in search order) with no conditionally dominated action.

    An action in ``S_i`` is conditionally dominated when another action of
    player ``i`` pays strictly more against every pure profile of the others'
    supports: it cannot be a best response there.  The dominated actions
    depend only on ``S_-i``, so they are computed once per ``S_-i`` and
    player (exact comparisons: nothing is lost to rounding).
    """
    n = len(shape)
    dominated: list[dict] = [{} for _ in range(n)]

    def mask(i: int, S) -> int:
        key = S[:i] + S[i + 1:]
        if key not in dominated[i]:
            u = U[i]
            block = u[np.ix_(*[range(shape[k]) if k == i else S[k] for k in range(n)])]
            rows = np.moveaxis(block, i, 0).reshape(shape[i], -1)
            beats = (rows[:, None, :] > rows[None, :, :]).all(axis=2)     # beats[b, a]
            dominated[i][key] = sum(1 << a for a in np.flatnonzero(beats.any(axis=0)))
        return dominated[i][key]

    out = []
    for S in _supports(shape):
        if all(len(s) == 1 for s in S):
            continue
        if any(mask(i, S) & sum(1 << a for a in S[i]) for i in range(n)):
            continue
        out.append(S)
    return out


def solve_polynomial(game: NormalFormGame, exact: bool | None = None,
                     tol: float | None = None, max_boxes: int = 20_000, *,
                     context: Context | None = None) -> SolverResult:
    """All Nash equilibria of an n-player game, by support enumeration and certified root isolation.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; rational or floating-point payoffs.
    exact : bool or None
        Ask for exact rational output (the default for rational payoffs); an
        equilibrium that is not rational turns the whole result to floating point.
    tol : float, optional
        Regret tolerance for floating-point output.
    max_boxes : int
        Budget of boxes per support profile for the root isolation; a support
        that exhausts it is solved exactly with a Groebner basis when small,
        else reported as unresolved.
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above (``tol``
        still sets the tolerance of irrational equilibria in floating point).

    Returns
    -------
    SolverResult
        ``complete`` is True when every support system's roots were isolated
        (so every equilibrium was found); ``parameters["continua"]`` lists the
        support profiles whose systems have a continuum of solutions, with a
        representative equilibrium where one was found, and
        ``parameters["unresolved"]`` the supports left undecided.

    Examples
    --------
    >>> import gametheory as gt
    >>> u = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]          # matching on player 1's choice
    >>> g = gt.NormalFormGame([u, u, u])
    >>> res = solve_polynomial(g)
    >>> [eq.supports for eq in res.equilibria][:2]
    [((0,), (0,), (0,)), ((0, 1), (0, 1), (0, 1))]
    """
    context = resolve_context(game, exact, tol, context)
    wanted = context.arithmetic                        # exact output asked for, or float
    floating = fallback_arithmetic(game, wanted, tol)  # irrational equilibria are certified in this
    profiles = prod(2 ** m - 1 for m in game.shape)
    if profiles > MAX_SUPPORT_PROFILES:
        shape = "x".join(map(str, game.shape))
        raise GameTooLargeError(
            f"method 'polynomial' on a {shape} game would examine {profiles:.2e} support profiles "
            f"(limit {MAX_SUPPORT_PROFILES:.0e}); use 'pure', or eliminate dominated actions first")
    if game.is_exact:      # int64 where the game has it (fast exact comparisons), else Python ints
        U = [arr if arr.dtype == np.int64 else ints
             for arr, (ints, _) in zip(game.payoffs, game.integer_payoffs)]
    else:
        U = [np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(a) for a in game.float_payoffs]
    points: list[tuple[str, list[list]]] = []          # ("exact" | "float", full strategies)
    continua: list[dict] = []
    unresolved: list[list[list[int]]] = []
    stats = {"supports_solved": 0, "boxes": 0, "groebner": 0}
    groups: dict[tuple[int, ...], list] = {}
    for S in _undominated_supports(U, game.shape):      # pure profiles are checked at once below
        groups.setdefault(tuple(len(s) for s in S), []).append(S)
    total = sum(len(supports) for supports in groups.values())
    for supports in groups.values():
        context.check("polynomial")
        small = sum(len(s) - 1 for s in supports[0]) <= GROEBNER_MAX_DIM
        # small systems that resist isolation go to the exact Groebner basis: give up early
        isolations = isolate_roots(game.float_payoffs, supports,
                                   max_boxes=min(max_boxes, SMALL_SYSTEM_BOXES) if small else max_boxes)
        for S, iso in zip(supports, isolations):
            context.check("polynomial")
            context.report("polynomial", stats["supports_solved"], total)
            stats["supports_solved"] += 1
            stats["boxes"] += iso.boxes
            system = SupportSystem(game.float_payoffs, S)
            for root in iso.roots:
                point = _certify_root(game, U, system, root, wanted, floating)
                if point is not None:
                    points.append(point)
            if not iso.unresolved:
                continue
            if system.dim <= GROEBNER_MAX_DIM:
                stats["groebner"] += 1
                found = _solve_support(U, S, game.shape)
                if found is not None:
                    points.extend(_sympy_point(p, wanted) for p in found)
                    continue
                continua.append({"supports": [list(s) for s in S],
                                 "representative": _representative(game, system, iso.unresolved,
                                                                   wanted, floating)})
            else:
                unresolved.append([list(s) for s in S])
    for eq in solve_pure(game, context=context).equilibria:
        points.append(("exact" if wanted.exact else "float", [list(p) for p in eq.strategies]))
    out = wanted if all(kind == "exact" for kind, _ in points) else floating
    equilibria = [make_equilibrium(game, strategies, out) for _, strategies in points]
    notes = []
    if wanted.exact and not out.exact:
        notes.append("some equilibria have irrational probabilities: all are given in floating "
                     "point (each is a root of the indifference equations, certified unique in "
                     "a small box and polished by Newton's method)")
    exact_payoffs = game.payoffs if game.is_exact else U      # the inequalities in payoff units
    described = tuple(describe_continuum(game, exact_payoffs, entry["supports"],
                                         entry["representative"], out)
                      for entry in continua)
    for entry, c in zip(continua, described):
        head = ("continuum: the indifference equations on supports "
                + _support_text(game, entry["supports"]) + " have infinitely many solutions")
        if c.described and c.vertices:
            notes.append(head + f"; the equilibria there form a polytope of dimension {c.dimension}"
                         f" ({game.players[c.mixer]} mixes, the others play one action) with "
                         f"{len(c.vertices)} vertices, described in SolverResult.continua with exact "
                         "payoff bounds; the list holds only isolated equilibria")
        elif c.described:
            notes.append(head + ", but none of them is an equilibrium")
        else:
            notes.append(head + ("; one equilibrium among them is given in parameters['continua']"
                                 if entry["representative"] is not None else ", none of them found "
                                 "to be an equilibrium (there may be none)")
                         + ("; several players mix there" if c.kind == "semi-algebraic" else
                            "; its polytope has too many inequalities to enumerate")
                         + ", so the set is not described; the list holds only isolated equilibria")
    for S in unresolved:
        notes.append("unresolved: the roots of the indifference equations on supports "
                     + _support_text(game, S) + " were not all isolated within the box budget; "
                     "the list may be incomplete")
    continua_out = [{"supports": c["supports"],
                     "representative": None if c["representative"] is None else
                     [list(p) for p in c["representative"].strategies]} for c in continua]
    return SolverResult(game=game, method="polynomial", exact=out.exact,
                        equilibria=tuple(dedupe_equilibria(equilibria, out)),
                        complete=not continua and not unresolved, degenerate=None,
                        continua=described,
                        accounted=not unresolved and all(c.described for c in described),
                        parameters={"tolerance": out.tol, "continua": continua_out,
                                    "unresolved": unresolved, "support_profiles": profiles,
                                    **stats},
                        notes=tuple(notes))


def _support_text(game: NormalFormGame, S) -> str:
    return " x ".join("{" + ",".join(game.actions[i][a] for a in s) + "}" for i, s in enumerate(S))


def _certify_root(game: NormalFormGame, U, system: SupportSystem, root: np.ndarray,
                  wanted: Arithmetic, floating: Arithmetic):
    """An equilibrium at an isolated root, as ("exact"|"float", strategies), or None.

    A root is an equilibrium when its probabilities are nonnegative and no
    action outside the supports pays more.  When exact output is ``wanted``
    a rational root is recovered and decided exactly; otherwise both
    conditions are checked within the ``floating`` tolerance (roots on the
    boundary belong to smaller supports, where they are found again;
    duplicates are merged later).
    """
    tol = floating.tol
    probs = system.strategies(root)
    if min(float(p.min()) for p in probs) < -1e-9:
        return None
    gaps = system.outside_gaps(root)
    if gaps.size and float(gaps.max()) > tol:
        return None
    if wanted.exact:
        rational = system.newton_exact(root, U)
        if rational is not None:
            strategies = []
            for i, m in enumerate(game.shape):
                row = [Fraction(0)] * m
                for a, p in zip(system.supports[i], rational[i]):
                    row[a] = p
                strategies.append(row)
            if all(p >= 0 for s in rational for p in s):
                try:
                    make_equilibrium(game, strategies, EXACT)
                    return ("exact", strategies)
                except VerificationError:
                    pass
            if _solves_exactly(game, system, strategies):
                return None          # a rational root that is decidedly not an equilibrium
    full = [np.clip(p, 0.0, None) for p in system.full_profile(root)]
    full = [p / p.sum() for p in full]
    if game.max_regret(full) > tol:
        return None
    return ("float", [list(p) for p in full])


def _solves_exactly(game: NormalFormGame, system: SupportSystem, strategies) -> bool:
    """True when the rational profile makes every support action exactly indifferent."""
    prof = game.as_profile(strategies, exact=True) if all(p >= 0 for s in strategies for p in s) \
        else None
    if prof is None:
        return True        # negative probabilities from an exact root: outside the simplex
    for i, s in enumerate(system.supports):
        dev = game.deviation_payoffs(prof, i)
        if any(dev[a] != dev[s[0]] for a in s):
            return False
    return True


def _sympy_point(probs, wanted: Arithmetic):
    """A Groebner-basis solution as ("exact"|"float", strategies)."""
    if wanted.exact and all(isinstance(p, sympy.Rational) for s in probs for p in s):
        return ("exact", [[Fraction(int(p.p), int(p.q)) for p in s] for s in probs])
    return ("float", [[float(sympy.N(p, 20)) for p in s] for s in probs])


def _representative(game: NormalFormGame, system: SupportSystem, boxes, wanted: Arithmetic,
                    floating: Arithmetic):
    """One equilibrium in a continuum, by Newton's method from uniform play on the supports,
    then from the centres of the unresolved boxes.

    A point using every support action is preferred to one on the boundary;
    exact output takes the simplest fractions that verify.
    """
    fallback = None
    starts = [system.start_point()] + [(lo + hi) / 2 for lo, hi in boxes[:20]]
    for start in starts:
        root = system.newton(start)
        if root is None:
            continue
        probs = system.strategies(root)
        low = min(float(p.min()) for p in probs)
        if low < -1e-9:
            continue
        full = [np.clip(p, 0.0, None) for p in system.full_profile(root)]
        full = [p / p.sum() for p in full]
        eq = _verified_point(game, full, wanted, floating)
        if eq is None:
            continue
        if low > 1e-9:
            return eq
        fallback = fallback or eq
    return fallback


def _verified_point(game: NormalFormGame, full, wanted: Arithmetic, floating: Arithmetic):
    """The profile as a verified equilibrium: simplest verifying fractions first, else float."""
    if wanted.exact:
        for bound in (10, 100, 1000, 10 ** 4, 10 ** 6):
            rational = [[Fraction(float(v)).limit_denominator(bound) for v in p] for p in full]
            rational = [r[:-1] + [1 - sum(r[:-1], Fraction(0))] for r in rational]
            same_support = all(p >= 0 and (p > 0) == (v > 1e-12)
                               for r, f in zip(rational, full) for p, v in zip(r, f))
            if same_support:
                try:
                    return make_equilibrium(game, rational, EXACT)
                except VerificationError:
                    pass
    try:
        return make_equilibrium(game, full, floating)
    except VerificationError:
        return None


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
