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
   (``._isolate``: exact ranges over boxes, the Krawczyk test), all
   supports of the same sizes in one numpy batch.  Where only one player
   mixes, its equations involve no probability at all: an exact payoff
   comparison decides them, and the isolation runs only when needed to
   place a continuum's representative as before (``_one_mixer``).
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

import functools
import itertools
from fractions import Fraction
from math import prod
from typing import Any, cast

import numpy as np

from ..arithmetic import EXACT, Arithmetic, as_exact
from ..context import Context, TimeLimitError
from ..errors import GameTooLargeError, VerificationError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ._common import fallback_arithmetic, resolve_context, stopped_with
from ._continuum import describe_continuum
from ._isolate import isolate_roots, support_scale
from ._support_system import SupportSystem
from .pure import solve_pure
from .result import SolverResult, dedupe_equilibria, make_equilibrium

__all__ = ["solve_polynomial"]

#: Refuse games with more support profiles than this.
MAX_SUPPORT_PROFILES = 100_000
#: Supports whose roots the isolation leaves undecided are solved exactly up to this many unknowns.
GROEBNER_MAX_DIM = 4
#: Box budget of the isolation for those small systems.
SMALL_SYSTEM_BOXES = 2_000
_DIGITS = 40
_ZERO_EXPONENT = -30          # |imaginary part| below 10^-30: a real number


@functools.lru_cache(maxsize=8)
def _supports(shape: tuple[int, ...]) -> tuple:
    """Every support profile, smallest and most balanced first (computed once per shape)."""
    per_player = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
                  for m in shape]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda S: (sum(len(s) for s in S), max(len(s) for s in S) - min(len(s) for s in S)))
    return tuple(profiles)


@functools.lru_cache(maxsize=8)
def _support_codes(shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The profiles of ``_supports`` as bitmasks, ``codes[p, i] = sum(1 << a for a in S_i)``,
    and which of them are mixed (some player with two actions or more)."""
    profiles = _supports(shape)
    codes = np.array([[sum(1 << a for a in s) for s in S] for S in profiles],
                     dtype=np.int64).reshape(len(profiles), len(shape))
    mixed = np.array([any(len(s) > 1 for s in S) for S in profiles], dtype=bool)
    return codes, mixed


@functools.lru_cache(maxsize=16)
def _support_bits(m: int) -> np.ndarray:
    """``bits[c - 1, a] = 1`` when action ``a`` is in the support with bitmask ``c`` (of ``m`` actions)."""
    codes = np.arange(1, 2 ** m, dtype=np.int64)
    return (codes[:, None] >> np.arange(m, dtype=np.int64)[None, :]) & 1


def _dominated_masks(u: np.ndarray, i: int, shape: tuple[int, ...]) -> np.ndarray:
    """Player ``i``'s conditionally dominated actions for every support profile of the others.

    ``masks[c_1 - 1, ..., c_{n-1} - 1]`` (``c_j`` the others' supports as bitmasks, in player
    order) is the bitmask of the actions ``a`` of player ``i`` such that some action ``b`` pays
    strictly more than ``a`` against every pure profile of those supports.  The comparisons
    are exact (``u`` holds ints or Fractions); then, for each pair ``(b, a)``, the profiles
    where ``b`` fails to beat ``a`` are counted over every support profile of the others at
    once (one integer contraction per other player): ``a`` is dominated where a count is 0.
    """
    m = shape[i]
    others = [shape[k] for k in range(len(shape)) if k != i]
    payoff = np.moveaxis(np.asarray(u), i, 0)                                   # (m, m_1, ...)
    beats = np.asarray(payoff[:, None] > payoff[None, :], dtype=bool)           # [b, a, ...]
    fails = (~beats).reshape((m * m, *others)).astype(np.int64)
    for k in others:          # contract the first profile axis; the support axis goes last
        fails = np.tensordot(fails, _support_bits(k), axes=([1], [1]))
    dominated = (fails.reshape((m, m, -1)) == 0).any(axis=0)                     # [a, supports]
    masks = (dominated.astype(np.int64) << np.arange(m, dtype=np.int64)[:, None]).sum(axis=0)
    return masks.reshape(tuple(2 ** k - 1 for k in others))


def _undominated_supports(U: list[np.ndarray], shape: tuple[int, ...]):
    """Support profiles (mixed ones, in search order) with no conditionally dominated action.

    An action in ``S_i`` is conditionally dominated when another action of
    player ``i`` pays strictly more against every pure profile of the others'
    supports: it cannot be a best response there.  The dominated actions
    depend only on ``S_-i``: they are computed for every ``S_-i`` at once, as
    bitmasks (``_dominated_masks``, exact comparisons: nothing is lost to
    rounding), and each profile is then checked with one bitwise and per player.
    """
    shape = tuple(int(m) for m in shape)
    n = len(shape)
    profiles = _supports(shape)
    codes, keep = _support_codes(shape)
    keep = keep.copy()                                  # pure profiles are checked elsewhere
    for i in range(n):
        masks = _dominated_masks(U[i], i, shape)
        index = tuple(codes[:, k] - 1 for k in range(n) if k != i)
        keep &= (masks[index] & codes[:, i]) == 0
    return [profiles[p] for p in np.flatnonzero(keep)]


@accepts_peer_games
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
        Regret tolerance for floating-point output (default: 1e-9 times the
        largest absolute payoff, at least 1e-9).
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
        (so every equilibrium was found); ``degenerate`` is None.  Rational
        equilibria are recovered exactly and verified with regret 0; if any
        equilibrium is irrational the whole result is in floating point (a
        note says so).  ``parameters`` holds ``tolerance`` (None in exact
        mode); ``continua``, the support profiles whose systems have a
        continuum of solutions, each ``{"supports": ..., "representative":
        strategies or None}``; ``unresolved``, the supports left undecided
        (more than ``max_boxes`` boxes); ``support_profiles``, the number of
        support profiles before pruning; ``supports_solved``, ``boxes`` and
        ``groebner``, the supports examined, boxes used and Groebner bases
        computed.  A continuum or an unresolved support makes ``complete``
        False; ``continua`` (the record's field) describes the continua,
        exactly where they are polytopes.

    Raises
    ------
    GameTooLargeError
        When the game has more than ``MAX_SUPPORT_PROFILES`` (10^5) support
        profiles.

    Notes
    -----
    Support profiles are pruned by conditional dominance; each support's
    indifference equations (multi-affine) are solved by certified root
    isolation: exact ranges of the equations over boxes, and the Krawczyk
    test, so that every root ends in a box where it is proved unique and
    every other box is excluded.  Small supports that resist isolation are
    solved exactly with a Groebner basis.  The module docstring gives the
    steps and their cost.

    References
    ----------
    McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria in
    finite games. Handbook of Computational Economics 1, 87-142.
    Porter, R., Nudelman, E. and Shoham, Y. (2008). Simple search methods for
    finding a Nash equilibrium. Games and Economic Behavior 63, 642-662.

    Examples
    --------
    >>> import gametheory as gt
    >>> u = [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]          # matching on player 1's choice
    >>> g = gt.NormalFormGame([u, u, u])
    >>> res = solve_polynomial(g)
    >>> [eq.supports for eq in res.equilibria][:2]
    [((0,), (0,), (0,)), ((0, 1), (0, 1), (0, 1))]
    >>> res = solve_polynomial(gt.read_game("mckelvey-mclennan"))
    >>> len(res.equilibria), res.complete, res.exact, res.parameters["support_profiles"]
    (9, True, True, 27)
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
    try:
        for supports in groups.values():
            context.check("polynomial")
            small = sum(len(s) - 1 for s in supports[0]) <= GROEBNER_MAX_DIM
            # one player mixing (a group's supports have equal sizes): decided by _one_mixer
            single = small and _ONE_MIXER_SHORTCUT and sum(len(s) > 1 for s in supports[0]) == 1
            isolations = None
            for index, S in enumerate(supports):
                context.check("polynomial")
                context.report("polynomial", stats["supports_solved"], total)
                stats["supports_solved"] += 1
                verdict, representative = _one_mixer(game, U, S, wanted, floating) if single else ("", None)
                if verdict == "none":
                    continue
                if verdict == "continuum":
                    continua.append({"supports": [list(s) for s in S], "representative": representative})
                    continue
                if isolations is None:      # the whole group in one batch, as it always was
                    # small systems that resist isolation go to the exact Groebner basis: give up early
                    isolations = isolate_roots(game.float_payoffs, supports,
                                               max_boxes=min(max_boxes, SMALL_SYSTEM_BOXES) if small
                                               else max_boxes,
                                               check=lambda: context.check("polynomial"))
                iso = isolations[index]
                stats["boxes"] += iso.boxes
                system = SupportSystem(game.float_payoffs, S)
                for root in iso.roots:
                    point = _certify_root(game, U, system, root, wanted, floating)
                    if point is not None:
                        points.append(point)
                if not iso.unresolved:
                    continue
                if system.dim <= GROEBNER_MAX_DIM:
                    if verdict == "tied":   # equations that vanish identically: a continuum
                        found = None
                    else:
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
    except TimeLimitError as exc:
        out = wanted if all(kind == "exact" for kind, _ in points) else floating
        raise stopped_with(exc, game, "polynomial", out.exact,
                           [make_equilibrium(game, strategies, out) for _, strategies in points]) from None
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
            mixer = game.players[cast(int, c.mixer)]        # a polytope has its one mixer
            notes.append(head + f"; the equilibria there form a polytope of dimension {c.dimension}"
                         f" ({mixer} mixes, the others play one action) with "
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
    tol = cast(float, floating.tol)             # a float arithmetic has a tolerance
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


def _sympy():
    """sympy, imported on first use: it takes about 0.3 s to import and only the Groebner-basis
    fallback needs it (not ``gametheory --help``, nor most games)."""
    import sympy
    return sympy


def _sympy_point(probs, wanted: Arithmetic):
    """A Groebner-basis solution as ("exact"|"float", strategies)."""
    sympy = _sympy()
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
        found = _from_start(game, system, start, wanted, floating)
        if found is None:
            continue
        eq, interior = found
        if interior:
            return eq
        fallback = fallback or eq
    return fallback


def _from_start(game: NormalFormGame, system: SupportSystem, start: np.ndarray,
                wanted: Arithmetic, floating: Arithmetic):
    """The verified equilibrium Newton's method reaches from ``start`` on the supports, with
    whether it uses every support action, as ``(equilibrium, interior)``; or None."""
    root = system.newton(start)
    if root is None:
        return None
    probs = system.strategies(root)
    low = min(float(p.min()) for p in probs)
    if low < -1e-9:
        return None
    full = [np.clip(p, 0.0, None) for p in system.full_profile(root)]
    full = [p / p.sum() for p in full]
    eq = _verified_point(game, full, wanted, floating)
    if eq is None:
        return None
    return eq, low > 1e-9


#: Decide the support profiles where one player mixes without isolation (``_one_mixer``);
#: False restores the general path (tests compare the two).
_ONE_MIXER_SHORTCUT = True
#: ``_one_mixer`` trusts the isolation's exclusion margin when no payoff exceeds this many
#: times the scale of the support's payoff differences (see there).
_ROUNDING_ROOM = 16.0


def _one_mixer(game: NormalFormGame, U, S, wanted: Arithmetic, floating: Arithmetic):
    """What the general path concludes on a support profile where only player ``k`` mixes.

    Returns ``("none", None)``, ``("continuum", representative)``, or ``("tied", None)``
    when the isolation must still be run (its Groebner basis need not).

    With every other player ``j`` on one action ``a_j``, player ``k``'s indifference
    equations ``u_k(a, a_-k) = u_k(b, a_-k)`` (``a, b`` in ``S_k``) involve no probability
    at all, so an exact comparison of payoffs decides them:

    - payoffs not all equal: no solution, so no equilibrium on these supports.  The general
      path agrees: its isolation never certifies a root (the Jacobian vanishes, so the
      Krawczyk test never succeeds) and either excludes every box or, for a difference
      below its rounding margin, leaves boxes whose Groebner basis is ``{1}``.
    - payoffs equal: the equations vanish identically.  The general path reports a
      continuum if its isolation leaves a box undecided (no box is ever certified), with
      the representative of ``_representative``: Newton's method from uniform play
      (where it stays: the residual is 0), then from the centres of those boxes.  When
      uniform play is an exact equilibrium, that first start is the representative, and a
      box near it is never excluded: the isolation's exclusion tests bound linear payoff
      gaps that are <= 0 there, computed from float payoffs with rounding errors below
      ``100 eps max|u|`` and from box corners that drift from the point by at most a few
      dozen ulps (every box is cut along the first coordinate, ~60 cuts reach ulp size)
      -- far inside the margin ``1e-12 * scale`` when ``max|u| <= _ROUNDING_ROOM * scale``,
      which is checked.  Otherwise the caller runs the isolation as before.
    """
    k = next(i for i, s in enumerate(S) if len(s) > 1)
    index = [s[0] for s in S]
    values = []
    for a in S[k]:
        index[k] = a
        values.append(U[k][tuple(index)])
    if any(v != values[0] for v in values[1:]):
        return "none", None
    if not (wanted.exact and game.is_exact):
        return "tied", None
    system = SupportSystem(game.float_payoffs, S)
    found = _from_start(game, system, system.start_point(), wanted, floating)
    if found is None or not found[1]:
        return "tied", None
    eq = found[0]
    if eq.regret != 0 or not all(isinstance(p, Fraction) for s in eq.strategies for p in s):
        return "tied", None          # verified in floating point only: let the isolation decide
    largest = max(float(np.abs(u).max(initial=0.0)) for u in game.float_payoffs)
    if largest > _ROUNDING_ROOM * support_scale(game.float_payoffs, S):
        return "tied", None
    return "continuum", eq


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
    sympy = _sympy()
    n = len(S)
    symbols = [[sympy.Symbol(f"p{i}_{a}") for a in s[:-1]] for i, s in enumerate(S)]
    unknowns = [x for xs in symbols for x in xs]
    # each player's strategy as expressions in the unknowns (last support action takes the rest)
    strategy = []
    for i, s in enumerate(S):
        by_action = {a: x for a, x in zip(s[:-1], symbols[i])}
        by_action[s[-1]] = sympy.Integer(1) - sum(symbols[i], sympy.Integer(0))
        strategy.append(by_action)

    def payoff(i: int, a: int) -> Any:
        others = [k for k in range(n) if k != i]
        total = sympy.Integer(0)
        for prof in itertools.product(*(S[k] for k in others)):
            idx = [0] * n
            idx[i] = a
            term = sympy.Integer(1)
            for k, b in zip(others, prof):
                idx[k] = b
                term *= strategy[k][b]
            c = Fraction(as_exact(U[i][tuple(idx)]))      # no numpy C integer in sympy
            total += sympy.Rational(c.numerator, c.denominator) * term
        return sympy.expand(total)

    values = [{a: payoff(i, a) for a in range(shape[i])} for i in range(n)]
    equations = [values[i][a] - values[i][s[0]] for i, s in enumerate(S) for a in s[1:]]
    if not unknowns:
        points: list[dict[Any, Any]] = [{}]
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


def _positive(expr: Any) -> bool:
    """Sign of a real algebraic number (a sympy expression), exactly for rationals, else on a
    40-digit value."""
    sympy = _sympy()
    if isinstance(expr, sympy.Rational):
        return expr > 0
    value = sympy.N(expr, _DIGITS)
    zero = sympy.Float(10) ** _ZERO_EXPONENT
    if abs(sympy.im(value)) > zero:
        return False          # not real: not a probability
    return sympy.re(value) > zero
