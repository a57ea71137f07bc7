"""Which equilibrium, and why: a panel of equilibrium-selection criteria.

For a game with several equilibria, ``select`` reports side by side:

- **payoff dominance** (Harsanyi and Selten 1988): the equilibria no other
  listed equilibrium gives every player at least as much and someone more;
  the *payoff-dominant* one, if a single equilibrium beats all others;
- **risk dominance** between strict pure equilibria of a two-player game, by
  Harsanyi and Selten's criterion on the 2x2 game their strategies span: ``e``
  risk-dominates ``f`` when the product of the two players' losses from
  deviating from ``e`` exceeds that for ``f`` (Harsanyi and Selten 1988,
  section 3.9).  In a larger game this is the pairwise 2x2 criterion; the
  panel says when the pairwise relation cycles;
- **risk dominance by the tracing procedure** for any number of players and
  actions (Harsanyi and Selten 1988, chapters 4 and 5): for each pair of
  listed equilibria the logarithmic tracing procedure from their bicentric
  prior (``gametheory.analysis.tracing``), and which equilibrium it
  reaches: the pair's risk-dominant one, or a third one, or a point in no
  list (inside a continuum).  Every pair when at most eight equilibria are
  listed, else the pairs of pure ones (at most 28 pairs);
- the **logit QRE limit** (McKelvey and Palfrey 1995): the equilibrium the
  principal branch of the logit quantal response correspondence ends at,
  or that it ends at a point not in the list (e.g. inside a continuum);
- **perfection** (Selten 1975), by ``gametheory.analysis.perfection.perfection``:
  exactly for two players by van Damme's criterion (1991, theorem 3.2.2:
  perfect if and only if no player's strategy is weakly dominated), by
  vanishing perturbations for more players, and for a game tree in its agent
  normal form (agent-form perfection).

A game tree's panel is computed on its agent normal form
(``gametheory.games.agent_form.agent_form``), as Harsanyi and Selten
define their theory on it: the tracing procedure and the logit QRE there are
the agent-form ones (McKelvey and Palfrey's agent QRE).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ..arithmetic import float_arithmetic
from ..context import Context
from ..display import Displayable
from ..errors import GameTooLargeError, SolverError
from ..games.agent_form import agent_form, behavior_to_agents
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..games.tree import ExtensiveFormGame
from ..solvers.qre import solve_qre
from ..solvers.result import SolverResult, default_tolerance
from ..solvers.solve import solve
from .perfection import Perfection, perfection
from .tracing import bicentric_prior, tracing_procedure

if TYPE_CHECKING:
    from ..games.behavior import Behavior

__all__ = ["RiskComparison", "TracingComparison", "Selection", "select"]

#: Trace every pair when at most this many equilibria are listed, else the pure pairs only.
_TRACE_ALL_UP_TO = 8
_MAX_TRACED_PAIRS = 28
#: Games with more pure profiles are not traced (each step contracts the payoff tensors).
MAX_TRACED_PROFILES = 100_000


@dataclass(frozen=True)
class RiskComparison(Displayable):
    """Harsanyi-Selten risk dominance between two strict pure equilibria (2x2 criterion).

    In the 2x2 game the two equilibria's actions span, ``e`` risk-dominates
    ``f`` when the product of the two players' losses from deviating from
    ``e`` exceeds that for ``f`` (Harsanyi and Selten 1988, section 3.9).

    Attributes
    ----------
    first : int
        Index (into the listed equilibria) of a strict pure equilibrium of a
        two-player game.
    second : int
        Index of another, sharing no action with ``first``.
    products : tuple
        The Nash products of the deviation losses at ``first`` and at ``second``.
    dominant : int or None
        The index of the risk-dominant one, None when they tie.

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> r, = gt.select(stag).risk
    >>> r.first, r.second, [str(v) for v in r.products], r.dominant
    (0, 2, ['1', '9'], 2)
    """

    first: int
    second: int
    products: tuple[Any, Any]
    dominant: int | None


@dataclass(frozen=True)
class TracingComparison(Displayable):
    """Risk dominance between two listed equilibria by Harsanyi and Selten's tracing procedure.

    Attributes
    ----------
    first : int
        Index of a listed equilibrium.
    second : int
        Index of another listed equilibrium.
    prior : tuple of tuple
        Their bicentric prior (``bicentric_prior``;
        exact for two players).
    end : tuple of tuple of float
        Where the logarithmic tracing path from the prior ended.
    reached : int or None
        The listed equilibrium the path ended at (within 1e-5); None when it
        did not arrive, or arrived at a point in no list (inside a continuum).
    status : str
        The tracer's: ``"arrived"`` or ``"stalled"``.
    dominant : int or None
        ``reached`` when that is one of the pair, else None (a property).

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> t = gt.select(stag).tracing[1]
    >>> t.first, t.second, t.status, t.reached, t.dominant
    (0, 2, 'arrived', 2, 2)
    >>> [[str(q) for q in p] for p in t.prior]
    [['1/4', '3/4'], ['1/4', '3/4']]
    """

    first: int
    second: int
    prior: tuple[tuple[Any, ...], ...]
    end: tuple[tuple[float, ...], ...]
    reached: int | None
    status: str

    @property
    def dominant(self) -> int | None:
        """The risk-dominant one of the pair, None when the path reached neither."""
        return self.reached if self.reached in (self.first, self.second) else None


@dataclass(frozen=True)
class Selection(Displayable):
    """The selection panel of a game: one criterion per field, indices into ``result.equilibria``.

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
        The strict pure equilibrium that risk-dominates every other one it is
        compared with, if any.
    risk_cycle : bool
        Whether the pairwise risk-dominance relation has a cycle.
    tracing : tuple of TracingComparison
        Risk dominance by the tracing procedure, pair by pair (see the notes).
    tracing_dominant : int or None
        The equilibrium that risk-dominates every other traced one, if any.
    tracing_cycle : bool
        Whether the traced risk-dominance relation has a cycle.
    qre_limit : int or None
        The listed equilibrium the logit QRE branch ends at (None: none of them).
    qre_point : tuple or None
        Where the branch ends (None when it could not be traced).
    perfect : tuple of (bool or None)
        Per equilibrium, trembling-hand perfection; None when not decided.
    perfection : tuple of Perfection
        Per equilibrium, the same with the test that decided it.

    Notes
    -----
    ``gametheory solve --select`` prints the panel (``gt.render(panel)``); its
    JSON has the same names, with 0-based indices, ``risk`` entries
    ``{"equilibria", "products", "dominant"}``, ``tracing`` entries
    ``{"equilibria", "prior", "end", "status", "reached", "dominant"}`` and
    ``perfection`` entries ``{"perfect", "basis", "direction"}``.

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> panel = gt.select(stag)
    >>> panel.payoff_undominated, panel.payoff_dominant, panel.risk_dominant, panel.risk_cycle
    ((0,), 0, 2, False)
    >>> panel.tracing_dominant, panel.tracing_cycle, panel.qre_limit, panel.perfect
    (2, False, 2, (True, True, True))
    >>> print(gt.render(panel).splitlines()[2])
      risk dominance, equilibria 1 and 3: equilibrium 3 risk-dominates (products of the
      deviation losses 1 and 9; the 2x2 criterion)
    """

    result: SolverResult
    payoff_undominated: tuple[int, ...]
    payoff_dominant: int | None
    risk: tuple[RiskComparison, ...]
    risk_dominant: int | None
    risk_cycle: bool
    tracing: tuple[TracingComparison, ...]
    tracing_dominant: int | None
    tracing_cycle: bool
    qre_limit: int | None
    qre_point: tuple | None
    perfect: tuple[bool | None, ...]
    perfection: tuple[Perfection, ...] = ()


@accepts_peer_games
def select(game: NormalFormGame | ExtensiveFormGame, result: SolverResult | None = None, *,
           context: Context | None = None) -> Selection:
    """The selection panel for ``game``'s equilibria (``result``, else ``gt.solve(game)``).

    One criterion per field of the ``Selection``, each with its reason
    when rendered (``gametheory solve --select`` prints it):

    - **payoff dominance**: the equilibria no other listed one gives every
      player at least as much and someone more, and the payoff-dominant one
      if a single equilibrium beats all others;
    - **risk dominance** (two players) between every two strict pure
      equilibria sharing no action, by Harsanyi and Selten's 2x2 criterion
      on their strategies (products of the deviation losses), and whether
      that pairwise relation cycles;
    - **risk dominance by the tracing procedure**, for any number of players:
      for each pair of listed equilibria (every pair when at most eight are
      listed, else the pure pairs, at most 28) the logarithmic tracing path
      from their bicentric prior and which equilibrium it reaches: one of the
      pair (the risk-dominant one), a third one, or a point in no list
      (inside a continuum); the equilibrium that risk-dominates every other,
      or that the relation cycles.  Games of more than 100,000 pure profiles
      are not traced;
    - the equilibrium the **logit QRE** principal branch ends at, or the
      point it ends at when that is not listed;
    - **perfection** of each equilibrium, with the test that decided it
      (``perfection``).

    A game tree's panel is computed on its agent normal form
    (``agent_form``), as Harsanyi and Selten
    define their theory on it: agent-form perfection and the agent-form
    tracing procedure and QRE; its equilibria must carry behaviour
    strategies.  When the agent form is too large only payoff dominance is
    judged.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game.
    result : SolverResult, optional
        The equilibria to choose among (default ``gt.solve(game)``).
    context : Context, optional
        Deadline, progress and seed, passed to the solvers.

    Returns
    -------
    Selection
        The panel; indices are into ``result.equilibria``.

    References
    ----------
    Harsanyi and Selten (1988), *A General Theory of Equilibrium Selection in
    Games*; McKelvey and Palfrey (1995), "Quantal response equilibria for
    normal form games", Games and Economic Behavior 10; Selten (1975),
    "Reexamination of the perfectness concept for equilibrium points in
    extensive games", International Journal of Game Theory 4.

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
    normal: NormalFormGame | None
    profiles: list[Sequence[Sequence[Any]]]
    if isinstance(game, ExtensiveFormGame):
        try:
            normal = agent_form(game)
        except GameTooLargeError:        # only payoff dominance can be judged without it
            normal = None
        # behavior is set on every equilibrium of a tree
        profiles = [behavior_to_agents(game, cast("Behavior", eq.behavior)) for eq in eqs]
    else:
        normal, profiles = game, [eq.strategies for eq in eqs]
    pays = [eq.payoffs for eq in eqs]

    def beats(a, b):
        return all(x >= y for x, y in zip(a, b)) and any(x > y for x, y in zip(a, b))

    undominated = tuple(k for k, p in enumerate(pays) if not any(beats(q, p) for q in pays))
    dominant = next((k for k, p in enumerate(pays)
                     if all(beats(p, q) for j, q in enumerate(pays) if j != k)), None)
    risk: tuple[RiskComparison, ...] = ()
    risk_dominant: int | None = None
    cycle = False
    if normal is None:
        return Selection(result=res, payoff_undominated=undominated, payoff_dominant=dominant,
                         risk=(), risk_dominant=None, risk_cycle=False, tracing=(),
                         tracing_dominant=None, tracing_cycle=False, qre_limit=None,
                         qre_point=None, perfect=(None,) * len(eqs),
                         perfection=(Perfection(None, "too large"),) * len(eqs))
    if normal.num_players == 2:
        risk = _risk_comparisons(normal, profiles)
        risk_dominant, cycle = _risk_summary([(r.first, r.second, r.dominant) for r in risk])
    tracing = (_tracing_comparisons(normal, profiles, context)
               if normal.num_profiles <= MAX_TRACED_PROFILES else ())
    tracing_dominant, tracing_cycle = _risk_summary([(r.first, r.second, r.dominant)
                                                     for r in tracing])
    qre_limit, qre_point = _qre_limit(normal, profiles, context)
    perfect = perfection(normal, profiles, context=context)
    return Selection(result=res, payoff_undominated=undominated, payoff_dominant=dominant,
                     risk=risk, risk_dominant=risk_dominant, risk_cycle=cycle,
                     tracing=tracing, tracing_dominant=tracing_dominant,
                     tracing_cycle=tracing_cycle, qre_limit=qre_limit, qre_point=qre_point,
                     perfect=tuple(p.perfect for p in perfect), perfection=perfect)


def _strict_pure(game: NormalFormGame, profile: Any) -> tuple[int, int] | None:
    """The action pair of a strict pure equilibrium (each the unique best response), else None."""
    if not all(sum(1 for q in s if q != 0) == 1 for s in profile):
        return None
    a, b = (list(s).index(max(s)) for s in profile)
    A, B = game.payoffs
    if sum(1 for r in range(game.shape[0]) if A[r, b] >= A[a, b]) != 1:
        return None
    if sum(1 for c in range(game.shape[1]) if B[a, c] >= B[a, b]) != 1:
        return None
    return a, b


def _risk_comparisons(game: NormalFormGame, profiles: Any) -> tuple[RiskComparison, ...]:
    A, B = game.payoffs
    pure = [(k, _strict_pure(game, prof)) for k, prof in enumerate(profiles)]
    strict = [(k, ab) for k, ab in pure if ab is not None]
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


def _tracing_comparisons(game: NormalFormGame, profiles: Any,
                         context: Context | None) -> tuple[TracingComparison, ...]:
    """Trace every pair of listed equilibria (the pure pairs when there are many)."""
    def pure(prof):
        return all(sum(1 for q in s if q != 0) == 1 for s in prof)

    chosen = [k for k, prof in enumerate(profiles)
              if len(profiles) <= _TRACE_ALL_UP_TO or pure(prof)]
    pairs = [(a, b) for x, a in enumerate(chosen) for b in chosen[x + 1:]][:_MAX_TRACED_PAIRS]
    out = []
    for a, b in pairs:
        prior = bicentric_prior(game, profiles[a], profiles[b])
        path = tracing_procedure(game, prior, context=context)
        reached = _match(profiles, path.end) if path.status == "arrived" else None
        out.append(TracingComparison(first=a, second=b, prior=prior, end=path.end,
                                     reached=reached, status=path.status))
    return tuple(out)


def _match(profiles: Any, point: Any, tol: float = 1e-5) -> int | None:
    """The listed profile within ``tol`` of ``point`` (largest probability difference)."""
    for k, prof in enumerate(profiles):
        if all(np.max(np.abs(np.array(a, dtype=float) - np.array(b, dtype=float))) <= tol
               for a, b in zip(prof, point)):
            return k
    return None


def _risk_summary(pairs: list[tuple[int, int, int | None]]) -> tuple[int | None, bool]:
    """From ``(first, second, dominant)`` comparisons: the equilibrium that risk-dominates
    every other one it is compared with, and whether the strict relation has a cycle."""
    beats: dict[int, set[int]] = {}
    nodes = set()
    for first, second, winner in pairs:
        nodes |= {first, second}
        if winner is not None:
            beats.setdefault(winner, set()).add(second if winner == first else first)
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


def _qre_limit(game: NormalFormGame, profiles: Any,
               context: Context | None) -> tuple[int | None, tuple | None]:
    floating = float_arithmetic(default_tolerance(game))      # the branch is traced in floats
    try:
        end = solve_qre(game, context=(context or Context()).with_arithmetic(floating)).equilibria[0]
    except SolverError:
        return None, None
    point = tuple(tuple(float(p) for p in s) for s in end.strategies)
    return _match(profiles, point, 1e-6), point
