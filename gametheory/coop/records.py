"""The result records of the cooperative lens: every coop function returns one of these (or a game).

Each record is a frozen dataclass with named fields.  Numbers are exact
(``int`` and ``Fraction``) when the computation was exact
(``exact`` is true), floats otherwise.  The records carry what a report needs,
so that ``gametheory.report.coop`` only writes them.

- ``Allocation``: a payoff vector for the players of a TU game (the
  Shapley and Banzhaf values, the nucleolus, a core or least-core point);
- ``LeastCore``: the least-core ``epsilon``, a point of the least core,
  and whether the core is empty;
- ``CoreVertices``: every vertex of the core;
- ``CoopAnalysis``: every solution concept of a TU game at once
  (``analyse_tu``);
- ``DisagreementPoint``, ``ParetoFrontier`` and
  ``BargainingSolution``: bargaining without transfers over a strategic game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..display import Displayable
from .tu import TUGame

__all__ = ["Allocation", "LeastCore", "CoreVertices", "CoopAnalysis", "DisagreementPoint",
           "ParetoFrontier", "BargainingSolution"]


@dataclass(frozen=True)
class Allocation(Displayable):
    """A payoff vector for the players of a TU game: what a solution concept gives each.

    A frozen record; ``as_dict`` gives the amounts by player name and ``value_of``
    one of them.

    Attributes
    ----------
    concept : str
        Which concept produced it: ``"Shapley value"``, ``"Banzhaf value"``,
        ``"normalized Banzhaf value"``, ``"nucleolus"``, ``"least core"`` or
        ``"core point"``.
    players : tuple of str
        The players, in the game's order.
    values : tuple
        One amount per player, in the order of ``players``.
    exact : bool
        Whether ``values`` are exact rationals (``int`` or ``Fraction``).

    Examples
    --------
    >>> from gametheory.coop import TUGame, shapley_value
    >>> phi = shapley_value(TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1}))
    >>> phi.concept, [str(x) for x in phi.values]
    ('Shapley value', ['2/3', '1/6', '1/6'])
    >>> {p: str(x) for p, x in phi.as_dict().items()}
    {'L': '2/3', 'R1': '1/6', 'R2': '1/6'}
    """

    concept: str
    players: tuple[str, ...]
    values: tuple
    exact: bool

    def as_dict(self) -> dict[str, Any]:
        """The amounts by player name, in player order."""
        return dict(zip(self.players, self.values))

    def value_of(self, player: str) -> Any:
        """The amount of one player, by name (``KeyError`` for an unknown name)."""
        try:
            return self.values[self.players.index(player)]
        except ValueError:
            raise KeyError(player) from None


@dataclass(frozen=True)
class LeastCore(Displayable):
    """The least core of a TU game (Maschler, Peleg and Shapley 1979), from ``least_core``.

    A frozen record; ``players`` is a property (the players of ``point``).

    Attributes
    ----------
    epsilon : number
        The smallest amount every proper coalition must give up so that one
        efficient allocation gives each at least its worth minus ``epsilon``;
        at most 0 exactly when the core is not empty.
    point : Allocation
        An allocation in the least core (``concept`` ``"least core"``).
    core_empty : bool
        Whether the core is empty: ``epsilon > 0`` (float games allow a
        tolerance of 1e-9 relative to the largest worth).
    exact : bool
        Whether the numbers are exact.

    References
    ----------
    Maschler, M., Peleg, B. and Shapley, L. S. (1979). Geometric properties of the kernel,
    nucleolus, and related solution concepts. Mathematics of Operations Research 4(4).

    Examples
    --------
    >>> import gametheory as gt
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> lc = gt.least_core(majority)
    >>> str(lc.epsilon), lc.core_empty, lc.point.concept, lc.players
    ('1/3', True, 'least core', ('A', 'B', 'C'))
    """

    epsilon: Any
    point: Allocation
    core_empty: bool
    exact: bool

    @property
    def players(self) -> tuple[str, ...]:
        """The players, in the game's order."""
        return self.point.players


@dataclass(frozen=True)
class CoreVertices(Displayable):
    """Every vertex of the core of a TU game, computed exactly (``core_vertices``).

    A frozen record.

    Attributes
    ----------
    players : tuple of str
        The players, in the game's order.
    vertices : tuple of tuple
        The vertices, each one amount per player, sorted; empty when the
        core is empty.
    exact : bool
        Always true: vertices are enumerated in rational arithmetic.

    Examples
    --------
    >>> import gametheory as gt
    >>> glove = gt.TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1})
    >>> cv = gt.core_vertices(glove)
    >>> cv.players, cv.vertices, cv.exact
    (('L', 'R1', 'R2'), ((1, 0, 0),), True)
    """

    players: tuple[str, ...]
    vertices: tuple[tuple, ...]
    exact: bool = True


@dataclass(frozen=True)
class CoopAnalysis(Displayable):
    """Every solution concept of a TU game, computed once (``analyse_tu``).

    A frozen record.  Written as a table (``"table"``) or as the JSON object of schema
    ``gametheory.coop/1`` (``"json"``) by ``gametheory.render(analysis, fmt)``, as
    ``gametheory coop`` prints it; ``gametheory.to_dict(analysis)`` gives that object.

    Attributes
    ----------
    game : TUGame
        The game analysed.
    shapley, banzhaf : Allocation
        The Shapley value and the (unnormalized) Banzhaf value.
    nucleolus : Allocation or None
        The nucleolus; None when the game has no imputation.
    least_core : LeastCore
        The least-core ``epsilon``, a least-core point, and whether the core is empty.
    core_point : Allocation or None
        A point of the core (the least-core point), or None when the core is empty.
    core_vertices : CoreVertices or None
        The core's vertices, for exact games of at most 5 players with a
        non-empty core; else None (not enumerated: float games, more than 5
        players, or an empty core).
    essential, convex : bool
        The game's properties (``is_essential``,
        ``is_convex``).
    superadditive : bool or None
        ``is_superadditive``; None when the game is too
        large to check (more than 14 players).
    players : tuple of str
        Property: the game's players.
    exact : bool
        Property: whether the numbers are exact (the game's worths are rational).
    core_empty : bool
        Property: whether the core is empty (the least-core ``epsilon`` is positive).

    Examples
    --------
    >>> import gametheory as gt
    >>> majority = gt.TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})
    >>> a = gt.analyse_tu(majority)
    >>> a.players, a.exact, a.core_empty, a.core_point, a.core_vertices
    (('A', 'B', 'C'), True, True, None, None)
    >>> [str(x) for x in a.banzhaf.values], a.superadditive, a.convex
    (['1/2', '1/2', '1/2'], True, False)
    """

    game: TUGame
    shapley: Allocation
    banzhaf: Allocation
    nucleolus: Allocation | None
    least_core: LeastCore
    core_point: Allocation | None
    core_vertices: CoreVertices | None
    essential: bool
    convex: bool
    superadditive: bool | None

    @property
    def players(self) -> tuple[str, ...]:
        """The players, in the game's order."""
        return self.game.players

    @property
    def exact(self) -> bool:
        """Whether the numbers are exact (the game's worths are rational)."""
        return self.game.exact

    @property
    def core_empty(self) -> bool:
        """Whether the core is empty (the least-core ``epsilon`` is positive)."""
        return self.least_core.core_empty


@dataclass(frozen=True)
class DisagreementPoint(Displayable):
    """What each player of a strategic game gets if bargaining fails.

    A frozen record (``disagreement_point``).

    Attributes
    ----------
    kind : str
        ``"maxmin"`` (each player's security level), ``"nash"`` (the payoffs
        of an equilibrium) or ``"given"`` (a vector passed in).
    players : tuple of str
        The players, in the game's order.
    payoffs : tuple
        One payoff per player, in the order of ``players``.
    exact : bool
        Whether the payoffs are exact rationals.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.disagreement_point(gt.read_game("battle-of-the-sexes"))
    >>> d.kind, d.players, [str(x) for x in d.payoffs], d.exact
    ('maxmin', ('Row', 'Column'), ['6/5', '6/5'], True)
    """

    kind: str
    players: tuple[str, ...]
    payoffs: tuple
    exact: bool


@dataclass(frozen=True)
class ParetoFrontier(Displayable):
    """The Pareto-efficient extreme points of a strategic game's feasible payoffs.

    A frozen record (``pareto_frontier``).

    Attributes
    ----------
    players : tuple of str
        The players, in the game's order.
    points : tuple of tuple
        The distinct pure payoff vectors that no distribution over profiles
        Pareto-dominates, sorted (for two players: in order along the frontier).
    exact : bool
        Whether the payoffs are exact rationals.

    Examples
    --------
    >>> import gametheory as gt
    >>> pf = gt.pareto_frontier(gt.read_game("prisoners-dilemma"))
    >>> pf.players, [[str(x) for x in p] for p in pf.points], pf.exact
    (('Row', 'Column'), [['0', '5'], ['3', '3'], ['5', '0']], True)
    """

    players: tuple[str, ...]
    points: tuple[tuple, ...]
    exact: bool


@dataclass(frozen=True)
class BargainingSolution(Displayable):
    """A bargaining outcome: the payoff vector, a distribution over profiles that gives it,
    the disagreement point used, and whether the numbers are exact.

    A frozen record (``nash_bargaining``,
    ``kalai_smorodinsky``).

    Attributes
    ----------
    concept : str
        ``"Nash bargaining"`` or ``"Kalai-Smorodinsky"``.
    payoffs : tuple
        One payoff per player.
    distribution : dict
        Profile (a tuple of action names) to probability: a joint plan that
        gives ``payoffs``.
    disagreement : tuple
        The disagreement payoffs the bargain started from.
    exact : bool
        Whether the numbers are exact rationals.

    Examples
    --------
    >>> import gametheory as gt
    >>> nbs = gt.nash_bargaining(gt.read_game("battle-of-the-sexes"))
    >>> nbs.concept, [str(x) for x in nbs.payoffs], [str(x) for x in nbs.disagreement]
    ('Nash bargaining', ['5/2', '5/2'], ['6/5', '6/5'])
    >>> sorted((prof, str(w)) for prof, w in nbs.distribution.items())
    [(('Football', 'Football'), '1/2'), (('Opera', 'Opera'), '1/2')]
    """

    concept: str
    payoffs: tuple
    distribution: dict[tuple[str, ...], Any]
    disagreement: tuple
    exact: bool
