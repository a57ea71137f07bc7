"""The core, the least core and the nucleolus of TU games, by certified linear programs.

- The *core* (Gillies 1959): allocations ``x`` with ``x(N) = v(N)`` that no
  coalition can improve on, ``x(S) >= v(S)``.  It is non-empty exactly when
  the game is balanced (Bondareva 1963; Shapley 1967), i.e. when the least
  core's ``epsilon`` is at most 0.
- The *least core* (Maschler, Peleg and Shapley 1979): the smallest
  ``epsilon`` such that ``x(S) >= v(S) - epsilon`` for every proper coalition
  can be met, and the allocations that meet it.
- The *nucleolus* (Schmeidler 1969): the imputation that minimises the
  largest excess ``v(S) - x(S)``, then the next largest, and so on.  Computed
  by a sequence of LPs (Maschler, Peleg and Shapley 1979): each minimises the
  largest excess of the coalitions not yet fixed; the coalitions with a
  positive dual multiplier are tight at every optimum and are fixed at that
  level; this repeats until the fixed coalitions determine ``x``.

Every LP is solved by HiGHS and certified in rational arithmetic when the game
is exact (``gametheory.linalg.lp``), so the results are exact.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import EXACT, integer_scale
from ..errors import GameTooLargeError, InvalidGameError, SolverError
from ..linalg.exact import solve_fractions
from ..linalg.lp import FLOAT_LP, solve_lp
from .records import Allocation, CoreVertices, LeastCore
from .tu import TUGame

__all__ = ["least_core", "core_is_empty", "core_point", "in_core", "core_vertices", "nucleolus"]


def _plain(q: Any) -> Any:
    return q.numerator if isinstance(q, Fraction) and q.denominator == 1 else q


def _proper(game: TUGame) -> np.ndarray:
    return game.masks[1:game.grand]


def least_core(game: TUGame) -> LeastCore:
    """The least-core value ``epsilon`` and an allocation in the least core.

    The smallest ``epsilon`` such that some efficient allocation gives every proper
    coalition at least its worth minus ``epsilon``:
    ``minimize epsilon  s.t.  x(S) + epsilon >= v(S)`` for every coalition
    other than the empty and the grand one, ``x(N) = v(N)``.  One linear program (for
    games of more than 9 players, solved by constraint generation), certified in rational
    arithmetic for exact games.  ``epsilon <= 0`` exactly when the core is non-empty.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    LeastCore
        ``epsilon``, ``point`` (an ``Allocation``,
        ``concept`` ``"least core"``), ``core_empty`` and ``exact``.

    Raises
    ------
    SolverError
        When the linear program cannot be solved (or certified).

    References
    ----------
    Maschler, M., Peleg, B. and Shapley, L. S. (1979). Geometric properties of the kernel,
    nucleolus, and related solution concepts. Mathematics of Operations Research 4(4).

    Examples
    --------
    >>> from gametheory.coop import TUGame
    >>> majority = TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> lc = least_core(majority)
    >>> str(lc.epsilon), [str(v) for v in lc.point.values], lc.core_empty
    ('1/3', ['1/3', '1/3', '1/3'], True)
    """
    eps, x = _least_core(game)
    empty = bool(eps > (0 if game.exact else 1e-9 * _scale(game)))
    return LeastCore(eps, Allocation("least core", game.players, x, game.exact), empty, game.exact)


def _least_core(game: TUGame) -> tuple[Any, tuple]:
    """``(epsilon, x)`` of ``least_core``."""
    n = game.n
    if n == 1:
        return 0, (_plain(game.v[1]) if game.exact else float(game.v[1]),)
    if game.grand + 1 <= GENERATION_FROM:
        sol = _least_core_lp(game, _proper(game).tolist())
    else:
        # constraint generation, as for the nucleolus: the singletons and their complements
        # (which bound the LP), the coalitions with the largest excess at the equal split, then
        # every coalition whose excess exceeds epsilon, found in one vectorised pass, until none
        free = np.zeros(game.grand + 1, dtype=bool)
        free[1:game.grand] = True
        active = {1 << i for i in range(n)} | {game.grand ^ (1 << i) for i in range(n)}
        active.update(_largest_excess(game, free, _equal_split(game), 4 * n))
        while True:
            sol = _least_core_lp(game, sorted(active))
            worse = _violations(game, free, sol.x[:n], sol.x[n], 2 * n)
            if not worse:
                break
            active.update(worse)
    x = tuple(_plain(v) if game.exact else v for v in sol.x[:n])
    return (_plain(sol.x[n]) if game.exact else sol.x[n]), x


def _least_core_lp(game: TUGame, masks: list[int]):
    """min eps: x(S) + eps >= v(S) on the coalitions ``masks``, x(N) = v(N)."""
    n = game.n
    inc = game.incidence(np.array(masks, dtype=np.int64))
    # variables (x_1..x_n, eps): -x(S) - eps <= -v(S)
    A_ub = np.hstack([-inc, -np.ones((len(masks), 1), dtype=np.int64)]).astype(object)
    b_ub = [-w for w in game.v[masks].tolist()]
    A_eq = np.array([[1] * n + [0]], dtype=object)
    b_eq = [game.v[game.grand]]
    return _solve(game, [0] * n + [1], A_ub, b_ub, A_eq, b_eq)


def _solve(game: TUGame, c, A_ub, b_ub, A_eq, b_eq):
    try:
        sol = solve_lp(c, A_ub, b_ub, A_eq, b_eq, EXACT if game.exact else FLOAT_LP)
    except ArithmeticError as exc:
        raise SolverError(f"{exc}; solve the game in floating point") from None
    if sol is None:
        raise SolverError("the linear program has no optimal solution")
    return sol


def core_is_empty(game: TUGame) -> bool:
    """Whether the core is empty: no efficient allocation gives every coalition its worth.

    That is, the least-core ``epsilon`` is positive (``least_core``); float games allow
    a tolerance of 1e-9 relative to the largest worth.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    bool

    Examples
    --------
    >>> import gametheory as gt
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> glove = gt.TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
    >>> gt.core_is_empty(majority), gt.core_is_empty(glove)
    (True, False)
    """
    return least_core(game).core_empty


def _scale(game: TUGame) -> float:
    return max(1.0, float(np.max(np.abs(game.v.astype(float)))))


def core_point(game: TUGame) -> Allocation | None:
    """An allocation in the core (the least-core one, ``concept`` ``"core point"``), or None
    when the core is empty.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    Allocation or None

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = gt.TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
    >>> point = gt.core_point(glove)
    >>> point.concept, point.values
    ('core point', (1, 0, 0))
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> gt.core_point(majority) is None
    True
    """
    lc = least_core(game)
    return None if lc.core_empty else Allocation("core point", game.players, lc.point.values, game.exact)


def in_core(game: TUGame, x: Allocation | Sequence[Any], tol: float = 0.0, epsilon: Any = 0) -> bool:
    """Whether ``x`` is efficient (sums to ``v(N)``) and no coalition gets less than its worth.

    Exact for an exact game and exact ``x``; else in floating point within ``tol``.  With
    ``epsilon``, membership of the epsilon-core: every proper coalition gets at least
    ``v(S) - epsilon`` (Shapley and Shubik 1966); the least core is the smallest non-empty
    one (``least_core``).

    Parameters
    ----------
    game : TUGame
    x : sequence or Allocation
        A sequence of amounts in player order, or an
        ``Allocation`` for the game's players.
    tol : float
        The shortfall allowed in floating point (ignored when exact).
    epsilon : number
        Test the epsilon-core instead of the core (0: the core).

    Returns
    -------
    bool

    Raises
    ------
    InvalidGameError
        When ``x`` does not have one amount per player, or is an allocation for other
        players.

    References
    ----------
    Shapley, L. S. and Shubik, M. (1966). Quasi-cores in a monetary economy with nonconvex
    preferences. Econometrica 34(4).

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = gt.TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
    >>> gt.in_core(glove, [1, 0, 0]), gt.in_core(glove, gt.shapley_value(glove))
    (True, False)
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> lc = gt.least_core(majority)
    >>> gt.in_core(majority, lc.point), gt.in_core(majority, lc.point, epsilon=lc.epsilon)
    (False, True)
    """
    if isinstance(x, Allocation):
        if x.players != game.players:
            raise InvalidGameError(f"the allocation is for players {list(x.players)}, the game's are "
                                   f"{list(game.players)}")
        x = x.values
    if len(x) != game.n:
        raise InvalidGameError(f"an allocation needs {game.n} amounts, got {len(x)}")
    exact = game.exact and not any(isinstance(v, float) for v in x)
    xs = [Fraction(v) for v in x] if exact else [float(v) for v in x]
    total = sum(xs)
    if (total != game.v[game.grand]) if exact else abs(total - float(game.v[game.grand])) > tol:
        return False
    proper = game.masks[1:game.grand]
    if exact:
        excess = game.excess(xs, proper)
        return bool(np.all(excess <= Fraction(epsilon)))
    excess = game.v.astype(float)[proper] - game.incidence(proper).astype(float) @ np.array(xs)
    return bool(np.all(excess <= float(epsilon) + tol))


#: Largest game whose core vertices are enumerated (choices of n - 1 tight coalitions).
CORE_VERTICES_MAX_PLAYERS = 5


def core_vertices(game: TUGame) -> CoreVertices:
    """Every vertex of the core, exactly (small games: at most 5 players).

    A vertex is the unique solution of ``x(N) = v(N)`` and ``n - 1`` tight
    coalition constraints; every choice of ``n - 1`` coalitions is enumerated,
    solved exactly and kept when it lies in the core, so this is limited to
    games of at most ``CORE_VERTICES_MAX_PLAYERS`` (5) players with
    rational worths.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    CoreVertices
        ``vertices``: sorted, one amount per player each; empty when the core is empty.

    Raises
    ------
    GameTooLargeError
        With more than 5 players.
    InvalidGameError
        For a float game (non-rational worths).

    Examples
    --------
    >>> import gametheory as gt
    >>> square = gt.TUGame.from_function(["A", "B", "C"], lambda coalition: len(coalition) ** 2)
    >>> gt.core_vertices(square).vertices
    ((1, 3, 5), (1, 5, 3), (3, 1, 5), (3, 5, 1), (5, 1, 3), (5, 3, 1))
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> gt.core_vertices(majority).vertices
    ()
    """
    n = game.n
    if n > CORE_VERTICES_MAX_PLAYERS:
        raise GameTooLargeError(f"core vertices are enumerated for at most "
                                f"{CORE_VERTICES_MAX_PLAYERS} players")
    if not game.exact:
        raise InvalidGameError("core vertices are computed exactly; give integer or rational worths")
    masks = _proper(game).tolist()
    rows = {m: [Fraction((m >> i) & 1) for i in range(n)] for m in masks}
    inc = game.incidence().astype(float)
    vf = game.v.astype(float)
    slack_tol = 1e-7 * max(1.0, float(np.max(np.abs(vf))))
    found = set()
    for combo in itertools.combinations(masks, n - 1):
        # a float solve screens out singular and infeasible choices; the rest are solved exactly
        system_f = np.vstack([np.ones(n), inc[list(combo)]])
        try:
            xf = np.linalg.solve(system_f, np.concatenate([[vf[game.grand]], vf[list(combo)]]))
        except np.linalg.LinAlgError:
            continue
        if np.max(vf - inc @ xf) > slack_tol:
            continue
        system = [[Fraction(1)] * n] + [rows[m] for m in combo]
        rhs = [Fraction(game.v[game.grand])] + [Fraction(game.v[m]) for m in combo]
        x = solve_fractions(system, rhs)
        if x is not None and in_core(game, x):
            found.add(tuple(_plain(v) for v in x))
    return CoreVertices(game.players, tuple(sorted(found)), True)


#: Games with more coalitions than this solve each nucleolus stage by constraint generation.
GENERATION_FROM = 512


def nucleolus(game: TUGame) -> Allocation:
    """The nucleolus (Schmeidler 1969), by sequential linear programs; exact for exact games.

    The imputation that makes the largest excess ``v(S) - x(S)`` as small as possible, then
    the next largest, and so on.  It lies in the core when the core is non-empty.  Each stage minimises the largest excess ``epsilon`` of the coalitions not
    yet fixed; the coalitions with a positive dual multiplier are tight at
    every optimum and are fixed at that level (Maschler, Peleg and Shapley
    1979).  For games with more than ``GENERATION_FROM`` coalitions each
    stage is solved by constraint generation: an LP over a few coalitions,
    then one vectorised pass over all of them for the ones whose excess
    exceeds ``epsilon``, which join the LP, until none does -- so the LPs stay
    small while the answer is the same.

    Parameters
    ----------
    game : TUGame

    Returns
    -------
    Allocation
        ``concept`` ``"nucleolus"``; ``values`` one amount per player.

    Raises
    ------
    InvalidGameError
        When there is no imputation (``sum_i v({i}) > v(N)``).

    References
    ----------
    Schmeidler, D. (1969). The nucleolus of a characteristic function game. SIAM Journal on
    Applied Mathematics 17(6).  Maschler, M., Peleg, B. and Shapley, L. S. (1979). Geometric
    properties of the kernel, nucleolus, and related solution concepts. Mathematics of
    Operations Research 4(4).

    Examples
    --------
    >>> from gametheory.coop import TUGame
    >>> glove = TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
    >>> [str(x) for x in nucleolus(glove).values]
    ['1', '0', '0']
    """
    return Allocation("nucleolus", game.players, _nucleolus(game), game.exact)


def _nucleolus(game: TUGame) -> tuple:
    """The amounts of ``nucleolus``."""
    n = game.n
    v = game.v
    singles = [v[1 << i] for i in range(n)]
    if sum(singles) > v[game.grand]:
        raise InvalidGameError("the game has no imputation (the players' worths alone add up to "
                               "more than v(N)), so no nucleolus")
    if n == 1:
        return (_plain(v[1]) if game.exact else float(v[1]),)
    free = np.zeros(game.grand + 1, dtype=bool)
    free[1:game.grand] = True
    fixed: list[tuple[int, Any]] = []                           # (coalition, its excess level)
    generate = game.grand + 1 > GENERATION_FROM
    active: set[int] = set(np.flatnonzero(free).tolist()) if not generate else set(
        _largest_excess(game, free, _equal_split(game), 4 * n))
    while True:
        while True:
            sol = _stage(game, sorted(active), fixed, singles)
            eps = sol.x[n]
            if not generate:
                break
            worse = _violations(game, free, sol.x[:n], eps, 2 * n)
            if not worse:
                break
            active.update(worse)
        members = sorted(active)
        positive = [m for m, y in zip(members, sol.dual_ub[:len(members)])
                    if (y > 0 if game.exact else y > 1e-9)]
        if not positive:
            raise SolverError("internal error: no coalition was fixed at a nucleolus stage")
        fixed.extend((m, eps) for m in positive)
        free[positive] = False
        active.difference_update(positive)
        basis = np.array([[1] * n] + [[(m >> i) & 1 for i in range(n)] for m, _ in fixed], dtype=float)
        if not free.any() or np.linalg.matrix_rank(basis) == n:
            return tuple(_plain(val) if game.exact else float(val) for val in sol.x[:n])


def _stage(game: TUGame, active: list[int], fixed: list[tuple[int, Any]], singles: list[Any]):
    """min eps: v(S) - x(S) <= eps on the active coalitions, fixed ones at their levels,
    x(N) = v(N), x_i >= v({i})."""
    n, v = game.n, game.v
    rows_ub = [[-((m >> i) & 1) for i in range(n)] + [-1] for m in active]
    b_ub = [-v[m] for m in active]
    rows_ub += [[-1 if j == i else 0 for j in range(n)] + [0] for i in range(n)]
    b_ub += [-s for s in singles]
    rows_eq = [[1] * n + [0]]
    b_eq = [v[game.grand]]
    for m, level in fixed:
        rows_eq.append([-((m >> i) & 1) for i in range(n)] + [0])
        b_eq.append(level - v[m])
    return _solve(game, [0] * n + [1], np.array(rows_ub, dtype=object), b_ub,
                  np.array(rows_eq, dtype=object), b_eq)


def _equal_split(game: TUGame) -> list[Any]:
    share = game.v[game.grand] / game.n if not game.exact else Fraction(game.v[game.grand], game.n)
    return [share] * game.n


def _largest_excess(game: TUGame, free: np.ndarray, x: Sequence[Any], k: int) -> list[int]:
    masks = np.flatnonzero(free)
    # a ranking only: floating point, and x(S) for all S by doubling (O(2^n), no incidence matrix)
    excess = game.v[masks].astype(float) - game.coalition_sums([float(q) for q in x])[masks]
    top = np.argsort(-excess, kind="stable")[:k]
    return masks[top].tolist()


def _violations(game: TUGame, free: np.ndarray, x: Sequence[Any], eps: Any, k: int) -> list[int]:
    """Up to ``k`` free coalitions whose excess at ``x`` exceeds ``eps`` (exact for exact games),
    the largest first: one vectorised pass over every coalition."""
    masks = np.flatnonzero(free)
    if game.exact:
        # in integers: scale the worths, x and eps by their common denominator
        scale = integer_scale(list(x) + [eps] + game.v.tolist())
        ints = [int(w * scale) for w in game.v.tolist()]
        xs = [int(q * scale) for q in x]
        big = max(abs(w) for w in ints) + sum(abs(q) for q in xs)
        if big < 2 ** 62:
            worth = np.array(ints, dtype=np.int64)[masks]
            excess_int = worth - game.coalition_sums(xs, np.int64)[masks]
            over = np.flatnonzero(excess_int > int(eps * scale))
            order = over[np.argsort(-excess_int[over], kind="stable")][:k]
            return masks[order].tolist()
    excess = game.excess(list(x), masks)
    tol = 0 if game.exact else 1e-9 * max(1.0, float(np.max(np.abs(game.v.astype(float)))))
    over = np.flatnonzero(excess > eps + tol) if game.exact else \
        np.flatnonzero(excess.astype(float) > float(eps) + tol)
    if not len(over):
        return []
    order = over[np.argsort(-excess[over].astype(float), kind="stable")][:k]
    return masks[order].tolist()
