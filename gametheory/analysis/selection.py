"""Which equilibrium, and why: a panel of equilibrium-selection criteria.

For a game with several equilibria, :func:`select` reports side by side:

- **payoff dominance** (Harsanyi and Selten 1988): the equilibria no other
  listed equilibrium gives every player at least as much and someone more;
  the *payoff-dominant* one, if a single equilibrium beats all others;
- **risk dominance** between strict pure equilibria of a two-player game, by
  Harsanyi and Selten's criterion on the 2x2 game their strategies span: ``e``
  risk-dominates ``f`` when the product of the two players' losses from
  deviating from ``e`` exceeds that for ``f`` (Harsanyi and Selten 1988,
  section 3.9).  In a larger game this is the pairwise 2x2 criterion, not the
  tracing procedure; the panel says when the pairwise relation cycles;
- the **logit QRE limit** (McKelvey and Palfrey 1995): the equilibrium the
  principal branch of the logit quantal response correspondence ends at,
  or that it ends at a point not in the list (e.g. inside a continuum);
- **perfection** (Selten 1975): for two players exactly, by van Damme's
  criterion (1991, theorem 3.2.2) that an equilibrium of a bimatrix game is
  perfect if and only if neither player's strategy is weakly dominated (by a
  mixed strategy), decided by a certified linear program; not decided for
  more players.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import EXACT, float_arithmetic
from ..context import Context
from ..errors import SolverError
from ..games.normal import NormalFormGame
from ..linalg.lp import FLOAT_LP, solve_lp
from ..solvers.qre import solve_qre
from ..solvers.result import SolverResult, default_tolerance
from ..solvers.solve import solve

__all__ = ["RiskComparison", "Selection", "select", "is_weakly_dominated"]


@dataclass(frozen=True)
class RiskComparison:
    """Harsanyi-Selten risk dominance between two strict pure equilibria (2x2 criterion).

    ``products`` are the Nash products of the deviation losses at ``first``
    and at ``second`` (indices into the equilibria); ``dominant`` is the index
    of the risk-dominant one, None when they tie.
    """

    first: int
    second: int
    products: tuple[Any, Any]
    dominant: int | None


@dataclass(frozen=True)
class Selection:
    """The selection panel of a game (see the module notes).

    Attributes
    ----------
    result : SolverResult
        The equilibria the criteria choose among.
    payoff_undominated : tuple of int
        Equilibria no other listed equilibrium payoff-dominates.
    payoff_dominant : int or None
        The one equilibrium that payoff-dominates every other, if any.
    risk : tuple of RiskComparison
        Every pair of strict pure equilibria (two players).
    risk_dominant : int or None
        The strict pure equilibrium that risk-dominates every other one, if any.
    risk_cycle : bool
        Whether the pairwise risk-dominance relation has a cycle.
    qre_limit : int or None
        The listed equilibrium the logit QRE branch ends at (None: none of them).
    qre_point : tuple or None
        Where the branch ends (None when it could not be traced).
    perfect : tuple of (bool or None)
        Per equilibrium, trembling-hand perfection (two players); None for more.
    """

    result: SolverResult
    payoff_undominated: tuple[int, ...]
    payoff_dominant: int | None
    risk: tuple[RiskComparison, ...]
    risk_dominant: int | None
    risk_cycle: bool
    qre_limit: int | None
    qre_point: tuple | None
    perfect: tuple[bool | None, ...]


def select(game: NormalFormGame, result: SolverResult | None = None, *,
           context: Context | None = None) -> Selection:
    """The selection panel for ``game``'s equilibria (``result``, else ``gt.solve(game)``).

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]],
    ...                                        actions=[["Stag", "Hare"], ["Stag", "Hare"]])
    >>> panel = select(stag)
    >>> [[str(p) for p in s] for s in panel.result.equilibria[panel.payoff_dominant].strategies]
    [['1', '0'], ['1', '0']]
    >>> [[str(p) for p in s] for s in panel.result.equilibria[panel.risk_dominant].strategies]
    [['0', '1'], ['0', '1']]
    >>> panel.perfect
    (True, True, True)
    """
    res = result if result is not None else solve(game, context=context)
    eqs = res.equilibria
    pays = [eq.payoffs for eq in eqs]

    def beats(a, b):
        return all(x >= y for x, y in zip(a, b)) and any(x > y for x, y in zip(a, b))

    undominated = tuple(k for k, p in enumerate(pays) if not any(beats(q, p) for q in pays))
    dominant = next((k for k, p in enumerate(pays)
                     if all(beats(p, q) for j, q in enumerate(pays) if j != k)), None)
    risk, risk_dominant, cycle = (), None, False
    perfect: tuple[bool | None, ...] = (None,) * len(eqs)
    if game.num_players == 2:
        risk = _risk_comparisons(game, eqs)
        risk_dominant, cycle = _risk_summary(eqs, risk)
        perfect = tuple(not any(is_weakly_dominated(game, i, eq.strategies[i], exact=res.exact)
                                for i in range(2)) for eq in eqs)
    qre_limit, qre_point = _qre_limit(game, eqs, context)
    return Selection(result=res, payoff_undominated=undominated, payoff_dominant=dominant,
                     risk=risk, risk_dominant=risk_dominant, risk_cycle=cycle,
                     qre_limit=qre_limit, qre_point=qre_point, perfect=perfect)


def _strict_pure(game: NormalFormGame, eq: Any) -> tuple[int, int] | None:
    """The action pair of a strict pure equilibrium (each the unique best response), else None."""
    if not eq.is_pure:
        return None
    a, b = (s.index(max(s)) for s in (list(eq.strategies[0]), list(eq.strategies[1])))
    A, B = game.payoffs
    if sum(1 for r in range(game.shape[0]) if A[r, b] >= A[a, b]) != 1:
        return None
    if sum(1 for c in range(game.shape[1]) if B[a, c] >= B[a, b]) != 1:
        return None
    return a, b


def _risk_comparisons(game: NormalFormGame, eqs: Any) -> tuple[RiskComparison, ...]:
    A, B = game.payoffs
    strict = [(k, _strict_pure(game, eq)) for k, eq in enumerate(eqs)]
    strict = [(k, ab) for k, ab in strict if ab is not None]
    out = []
    for x, (k, (a1, b1)) in enumerate(strict):
        for j, (a2, b2) in strict[x + 1:]:
            if a1 == a2 or b1 == b2:
                continue
            # deviation losses at each equilibrium, in the 2x2 game of the two action pairs
            first = (A[a1, b1] - A[a2, b1]) * (B[a1, b1] - B[a1, b2])
            second = (A[a2, b2] - A[a1, b2]) * (B[a2, b2] - B[a2, b1])
            winner = k if first > second else j if second > first else None
            out.append(RiskComparison(first=k, second=j, products=(first, second), dominant=winner))
    return tuple(out)


def _risk_summary(eqs: Any, risk: tuple[RiskComparison, ...]) -> tuple[int | None, bool]:
    """The equilibrium that risk-dominates every other strict one it is compared with, and
    whether the strict 'risk-dominates' relation has a cycle."""
    beats: dict[int, set[int]] = {}
    nodes = set()
    for r in risk:
        nodes |= {r.first, r.second}
        if r.dominant is not None:
            loser = r.second if r.dominant == r.first else r.first
            beats.setdefault(r.dominant, set()).add(loser)
    winner = next((k for k in sorted(nodes) if beats.get(k, set()) == nodes - {k}), None)
    # a cycle: some node reaches itself
    cycle = False
    for start in nodes:
        seen, stack = set(), list(beats.get(start, ()))
        while stack:
            v = stack.pop()
            if v == start:
                cycle = True
                break
            if v not in seen:
                seen.add(v)
                stack.extend(beats.get(v, ()))
    return winner, cycle


def is_weakly_dominated(game: NormalFormGame, player: int, strategy: Any,
                        exact: bool | None = None) -> bool:
    """Whether a (mixed) strategy of a two-player game is weakly dominated by a mixed strategy.

    A certified LP: maximise the total gain ``sum_c (y A - x A)_c`` over mixed
    strategies ``y`` with ``y A >= x A`` column by column; ``x`` is weakly
    dominated exactly when the optimum is positive.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    >>> is_weakly_dominated(g, 0, [0, 1]), is_weakly_dominated(g, 0, [1, 0])
    (True, False)
    """
    exact = game.is_exact if exact is None else exact
    A = game.payoffs[player] if exact else game.float_payoffs[player]
    M = np.asarray(A, dtype=object if exact else float)
    if player == 1:
        M = M.T                       # rows: this player's actions
    x = np.array([Fraction(p) if exact else float(p) for p in strategy], dtype=object if exact else float)
    target = x @ M                    # the payoff of x against each opponent action
    m = M.shape[0]
    arithmetic = EXACT if exact else FLOAT_LP
    # maximise sum_c (y M)_c  s.t.  y M >= target, sum y = 1, y >= 0
    sol = solve_lp([-v for v in M.sum(axis=1)], -M.T, [-t for t in target],
                   np.ones((1, m), dtype=int), [1], arithmetic, bounds=[(0, None)] * m)
    if sol is None:
        raise SolverError("is_weakly_dominated: the linear program has no solution")
    gain = -sol.value - target.sum()
    return bool(gain > 0) if exact else bool(gain > 1e-9 * max(1.0, float(np.max(np.abs(M)))))


def _qre_limit(game: NormalFormGame, eqs: Any, context: Context | None) -> tuple[int | None, tuple | None]:
    floating = float_arithmetic(default_tolerance(game))      # the branch is traced in floats
    try:
        end = solve_qre(game, context=(context or Context()).with_arithmetic(floating)).equilibria[0]
    except SolverError:
        return None, None
    point = tuple(tuple(float(p) for p in s) for s in end.strategies)
    for k, eq in enumerate(eqs):
        if all(np.max(np.abs(np.array(a, dtype=float) - np.array(b, dtype=float))) <= 1e-6
               for a, b in zip(eq.strategies, point)):
            return k, point
    return None, point
