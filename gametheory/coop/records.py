"""The result records of the cooperative lens: every coop function returns one of these (or a game).

Each record is a frozen dataclass with named fields.  Numbers are exact
(``int`` and :class:`~fractions.Fraction`) when the computation was exact
(``exact`` is true), floats otherwise.  The records carry what a report needs,
so that :mod:`gametheory.report.coop` only writes them.

- :class:`Allocation`: a payoff vector for the players of a TU game (the
  Shapley and Banzhaf values, the nucleolus, a core or least-core point);
- :class:`LeastCore`: the least-core ``epsilon``, a point of the least core,
  and whether the core is empty;
- :class:`CoreVertices`: every vertex of the core;
- :class:`CoopAnalysis`: every solution concept of a TU game at once
  (:func:`~gametheory.coop.analysis.analyse_tu`);
- :class:`DisagreementPoint`, :class:`ParetoFrontier` and
  :class:`BargainingSolution`: bargaining without transfers over a strategic game.
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

    Parameters
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
        """The amount of one player, by name."""
        try:
            return self.values[self.players.index(player)]
        except ValueError:
            raise KeyError(player) from None


@dataclass(frozen=True)
class LeastCore(Displayable):
    """The least core (Maschler, Peleg and Shapley 1979) of a TU game.

    Parameters
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
    """Every vertex of the core of a TU game, computed exactly.

    Parameters
    ----------
    players : tuple of str
        The players, in the game's order.
    vertices : tuple of tuple
        The vertices, each one amount per player, sorted; empty when the
        core is empty.
    exact : bool
        Always true: vertices are enumerated in rational arithmetic.
    """

    players: tuple[str, ...]
    vertices: tuple[tuple, ...]
    exact: bool = True


@dataclass(frozen=True)
class CoopAnalysis(Displayable):
    """Every solution concept of a TU game, computed once (:func:`~gametheory.coop.analyse_tu`).

    Written as a table or as JSON (schema ``gametheory.coop/1``) by
    ``gametheory.report.render(analysis, fmt)``.

    Parameters
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
        non-empty core; else None (not enumerated).
    essential, convex : bool
        The game's properties.
    superadditive : bool or None
        None when the game is too large to check (more than 14 players).
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

    Parameters
    ----------
    kind : str
        ``"maxmin"`` (each player's security level), ``"nash"`` (the payoffs
        of an equilibrium) or ``"given"`` (a vector passed in).
    players : tuple of str
        The players, in the game's order.
    payoffs : tuple
        One payoff per player.
    exact : bool
        Whether the payoffs are exact rationals.
    """

    kind: str
    players: tuple[str, ...]
    payoffs: tuple
    exact: bool


@dataclass(frozen=True)
class ParetoFrontier(Displayable):
    """The Pareto-efficient extreme points of a strategic game's feasible payoffs.

    Parameters
    ----------
    players : tuple of str
        The players, in the game's order.
    points : tuple of tuple
        The distinct pure payoff vectors that no distribution over profiles
        Pareto-dominates, sorted (for two players: in order along the frontier).
    exact : bool
        Whether the payoffs are exact rationals.
    """

    players: tuple[str, ...]
    points: tuple[tuple, ...]
    exact: bool


@dataclass(frozen=True)
class BargainingSolution(Displayable):
    """A bargaining outcome: the payoff vector, a distribution over profiles that gives it,
    the disagreement point used, and whether the numbers are exact.

    Parameters
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
    """

    concept: str
    payoffs: tuple
    distribution: dict[tuple[str, ...], Any]
    disagreement: tuple
    exact: bool
