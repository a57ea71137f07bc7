"""The record every solver returns: equilibria with their certificates."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np

from ..arithmetic import Arithmetic, Number
from ..display import Displayable
from ..errors import VerificationError
from ..games.normal import NormalFormGame, supports

__all__ = ["Equilibrium", "SolverResult", "Component", "Continuum", "make_components", "make_equilibrium",
           "default_tolerance", "dedupe_equilibria"]


@dataclass(frozen=True)
class Equilibrium(Displayable):
    """One equilibrium: a mixed strategy per player, the payoffs and the regret.

    A frozen record, certified by the solver that made it.  Exact equilibria
    hold ``Fraction`` values, float equilibria hold
    ``float`` values.

    Attributes
    ----------
    strategies : tuple of tuple of number
        ``strategies[i][a]`` is the probability that player ``i`` plays
        action ``a``, in action order.  For game trees: mixed strategies over
        the reduced normal form's plans where a normal-form method ran, and
        empty for the tree methods (``spe``, ``sequence-form``, the agent
        ``qre``).
    payoffs : tuple of number
        Each player's expected payoff.
    regret : number
        The largest gain any player could make by deviating: exactly 0 for
        an exact equilibrium, at most the tolerance for a float one.
    behavior : tuple or None
        For game trees, ``behavior[i][s][a]``: the probability that player
        ``i`` takes action ``a`` at its ``s``-th information set (in order of
        first appearance in the tree); None for games in strategic form.
    supports : tuple of tuple of int
        The indices of the actions played with positive probability, per
        player.
    is_pure : bool
        Whether every player plays one action with probability 1 (at every
        information set, for the tree methods).

    Examples
    --------
    >>> import gametheory as gt
    >>> result = gt.solve(gt.read_game("chicken"))
    >>> eq = result[1]
    >>> [[str(p) for p in s] for s in eq.strategies], eq.payoffs, eq.regret
    ([['1/2', '1/2'], ['1/2', '1/2']], (Fraction(2, 1), Fraction(2, 1)), Fraction(0, 1))
    >>> result[0].supports, result[0].is_pure, eq.is_pure
    (((0,), (1,)), True, False)
    >>> eq.as_arrays()[0]
    array([Fraction(1, 2), Fraction(1, 2)], dtype=object)
    """

    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    regret: Number
    behavior: tuple[tuple[tuple[Number, ...], ...], ...] | None = None

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """Indices of the actions played with positive probability, per player."""
        return supports(self.strategies)

    @property
    def is_pure(self) -> bool:
        """True when every player plays one action with probability 1 (at every information set)."""
        if self.behavior is not None and not self.strategies:
            return all(sum(1 for q in probs if q != 0) == 1
                       for sets in self.behavior for probs in sets)
        return all(len(s) == 1 for s in self.supports)

    def as_arrays(self) -> list[np.ndarray]:
        """The strategies as numpy arrays (object arrays of Fractions when exact)."""
        return [np.array(s, dtype=object if isinstance(s[0], Fraction) else float)
                for s in self.strategies]


@dataclass(frozen=True)
class Component:
    """A connected component of the equilibrium set of a two-player game.

    The equilibrium set of a bimatrix game is a finite union of convex sets,
    its *maximal Nash subsets* ``conv(X) x conv(Y)``: every row strategy of
    ``X`` with every column strategy of ``Y`` is an extreme equilibrium (a
    maximal biclique of the graph joining the two strategies of each extreme
    equilibrium).  Subsets that meet form a connected component (Avis,
    Rosenberg, Savani and von Stengel 2010, section 3).  A component of one
    extreme equilibrium is an isolated equilibrium; a larger one is a
    continuum.

    Attributes
    ----------
    equilibria : tuple of int
        Indices into ``SolverResult.equilibria`` of the extreme equilibria in
        the component, ascending.
    payoffs : tuple of (min, max)
        Per player, the least and the greatest payoff over the *whole*
        component.  Payoffs are bilinear, so on each ``conv(X) x conv(Y)``
        they are extreme at a pair of vertices, which is an extreme
        equilibrium of the component: the bounds are exact.
    maximal_subsets : tuple of tuple of int
        The maximal Nash subsets in the component, each as the indices of its
        extreme equilibria (the pairs of ``X x Y``).
    is_continuum : bool
        Whether the component holds more than one equilibrium (then
        infinitely many).

    References
    ----------
    Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010).
    Enumeration of Nash equilibria for two-player games. Economic Theory 42,
    9-37.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> [(c.equilibria, c.is_continuum) for c in gt.solve_vertex(g).components]
    [((0, 1), True), ((2,), False)]
    >>> [[(str(lo), str(hi)) for lo, hi in c.payoffs] for c in gt.solve_vertex(g).components]
    [[('3', '3'), ('3', '3')], [('4', '4'), ('8/3', '8/3')]]
    """

    equilibria: tuple[int, ...]
    payoffs: tuple[tuple[Number, Number], ...]
    maximal_subsets: tuple[tuple[int, ...], ...]

    @property
    def is_continuum(self) -> bool:
        """Whether the component holds more than one equilibrium (then infinitely many)."""
        return len(self.equilibria) > 1


@dataclass(frozen=True)
class Continuum:
    """A continuum of equilibria of an n-player game on one support profile.

    Attributes
    ----------
    supports : tuple of tuple of int
        The support profile (each player's actions played with positive probability).
    kind : str
        ``"polytope"``: every player but one (``mixer``) plays one action, and
        the set is a polytope in the mixer's simplex, described exactly;
        ``"semi-algebraic"``: several players mix, the set is not described
        and only outer bounds are given; ``"not enumerated"``: a polytope with
        too many inequalities to enumerate its vertices (outer bounds only).
    mixer : int or None
        The player who mixes (``"polytope"``).
    dimension : int or None
        The polytope's dimension (the affine hull of its vertices); None when
        it is empty or not described.
    inequalities : tuple of tuple
        The other players' best-response conditions, each a row ``r`` with
        ``r . sigma >= 0`` over the mixer's support actions (besides
        ``sigma >= 0``, ``sum sigma = 1``).
    vertices : tuple of Equilibrium
        The polytope's vertices, each a certified equilibrium (the closure of
        the continuum: points on its boundary have smaller supports).
    payoffs : tuple of (min, max) or None
        Per player, the least and greatest payoff over the continuum, exact
        (payoffs are linear in the mixer's strategy on the polytope); None
        when not described.
    representative : Equilibrium or None
        The equilibrium the solver found on the support profile, if any.
    outer : tuple of (low, high) or None
        Where the set is not described: per player, rigorous bounds that hold
        at every point of it but need not be attained (the intersection over
        the player's support actions of their payoff ranges against the
        others' support profiles).
    """

    supports: tuple[tuple[int, ...], ...]
    kind: str
    mixer: int | None
    dimension: int | None
    inequalities: tuple[tuple[Number, ...], ...]
    vertices: tuple[Equilibrium, ...]
    payoffs: tuple[tuple[Number, Number], ...] | None
    representative: Equilibrium | None = None
    outer: tuple[tuple[Number, Number], ...] | None = None

    @property
    def described(self) -> bool:
        """Whether the set is described whole (a polytope with its vertices, or empty)."""
        return self.kind == "polytope"


def make_components(equilibria: Sequence[Equilibrium], groups: Sequence[Sequence[int]],
                    subsets: Sequence[Sequence[int]]) -> tuple[Component, ...]:
    """The ``Component`` records of connected ``groups`` of extreme equilibria.

    ``groups`` partitions the indices of ``equilibria``; each of ``subsets``
    (maximal Nash subsets) lies in one group.  Payoff bounds are the least and
    greatest payoff of each player over the group's extreme equilibria.
    """
    out = []
    for group in sorted(sorted(g) for g in groups):
        members = set(group)
        pays = [equilibria[k].payoffs for k in group]
        bounds = tuple((min(p[i] for p in pays), max(p[i] for p in pays))
                       for i in range(len(pays[0])))
        mine = tuple(sorted(tuple(sorted(s)) for s in subsets if set(s) <= members))
        out.append(Component(equilibria=tuple(group), payoffs=bounds, maximal_subsets=mine))
    return tuple(out)


@dataclass(frozen=True)
class SolverResult(Displayable):
    """What a solver found, and what it guarantees.

    A frozen record.  It can be iterated, indexed and measured with ``len``
    as the list of its equilibria.  In Jupyter it shows as an HTML table
    (``_repr_html_``); ``to_dataframe`` gives a pandas ``DataFrame`` (the
    optional ``frames`` extra) with one row per equilibrium, player and
    action, exact numbers staying ``Fraction``; ``strategy_arrays``
    gives each player's strategies over the equilibria as one array.

    Attributes
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game that was solved.
    method : str
        The solver that ran (after ``auto`` chose one).
    exact : bool
        True when the computation was in rational arithmetic.
    equilibria : tuple of Equilibrium
        The equilibria found, each verified before it was returned.
    complete : bool
        True when the method guarantees that the list holds every equilibrium
        (for ``vertex``: every extreme equilibrium).
    degenerate : bool or None
        Whether the game was found degenerate; None where the method does not
        determine it.
    parameters : mapping
        Read-only: what was used and found besides the equilibria (the
        tolerance, None in exact mode; starting labels, ...).  Each solver's
        docstring lists its keys; ``stopped`` marks a partial result cut off
        by a time limit, ``eliminated`` the actions removed by
        ``solve(..., eliminate=True)``.
    notes : tuple of str
        Plain-language remarks, e.g. on degeneracy, continua of equilibria or
        a pure-only search.
    components : tuple of Component or None
        Two players, methods that list every extreme equilibrium (``vertex``):
        the connected components of the equilibrium set, with exact payoff
        bounds over each; None where the method does not determine them.
    continua : tuple of Continuum
        n players (``polynomial``): the support profiles whose equilibria
        form a continuum, described where they are polytopes.
    accounted : bool or None
        Whether the listed equilibria, with the described components or
        continua, account for every equilibrium of the game (``complete``
        keeps its meaning: the list itself holds every equilibrium); None
        where the method does not say.
    reduced : NormalFormGame or None
        For a game tree solved by a normal-form method: the reduced normal
        form whose strategies ``Equilibrium.strategies`` refer to.

    Examples
    --------
    >>> import gametheory as gt
    >>> result = gt.solve(gt.read_game("chicken"))
    >>> result.method, result.exact, result.complete, result.degenerate, len(result)
    ('vertex', True, True, False, 3)
    >>> [eq.supports for eq in result]
    [((0,), (1,)), ((0, 1), (0, 1)), ((1,), (0,))]
    >>> result.parameters["tolerance"], result.components[1].equilibria
    (None, (1,))
    """

    game: Any
    method: str
    exact: bool
    equilibria: tuple[Equilibrium, ...]
    complete: bool
    degenerate: bool | None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    reduced: NormalFormGame | None = None
    components: tuple[Component, ...] | None = None
    continua: tuple[Continuum, ...] = ()
    accounted: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))
        object.__setattr__(self, "equilibria", tuple(self.equilibria))
        object.__setattr__(self, "notes", tuple(self.notes))
        object.__setattr__(self, "continua", tuple(self.continua))

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    def strategy_arrays(self) -> list[np.ndarray]:
        """Each player's strategies in every equilibrium, one array per player of shape
        (equilibria, actions): object arrays of Fractions when exact, else floats.

        Examples
        --------
        >>> import gametheory as gt
        >>> rows, cols = gt.solve(gt.read_game("chicken")).strategy_arrays()
        >>> rows.shape, [str(p) for p in rows[1]]
        ((3, 2), ['1/2', '1/2'])
        """
        if not self.equilibria or not self.equilibria[0].strategies:
            return []
        dtype = object if self.exact else float
        return [np.array([eq.strategies[i] for eq in self.equilibria], dtype=dtype)
                for i in range(len(self.equilibria[0].strategies))]


def default_tolerance(game: NormalFormGame) -> float:
    """Regret tolerance of float mode: ``1e-9`` times the largest absolute payoff (at least 1e-9)."""
    scale = max(float(np.max(np.abs(a))) for a in game.float_payoffs)
    return 1e-9 * max(1.0, scale)


def make_equilibrium(game: NormalFormGame, strategies: Sequence[Sequence[Any] | np.ndarray],
                     arithmetic: Arithmetic) -> Equilibrium:
    """Certify a profile in ``arithmetic`` and wrap it as an ``Equilibrium``.

    Exact arithmetic needs regret exactly 0, float arithmetic at most its
    tolerance (``Arithmetic.accepts``).  A profile that fails is a solver
    bug: ``VerificationError`` is raised rather than returning it.
    """
    prof = game.as_profile([arithmetic.array(s) for s in strategies], exact=arithmetic.exact)
    payoffs, regrets = game.payoffs_and_regrets(prof)
    regret = max(regrets)
    if not arithmetic.accepts(regret):
        if arithmetic.exact:
            raise VerificationError(f"internal error: profile with regret {regret} is not an equilibrium")
        raise VerificationError(f"internal error: profile with regret {float(regret):.3g} exceeds the "
                                f"tolerance {arithmetic.tol:.3g}")
    regret = arithmetic.zero if arithmetic.exact else max(float(regret), 0.0)
    return Equilibrium(strategies=arithmetic.profile(prof), payoffs=arithmetic.vector(payoffs),
                       regret=regret)


def dedupe_equilibria(eqs: Sequence[Equilibrium], arithmetic: Arithmetic,
                      atol: float = 1e-9) -> list[Equilibrium]:
    """Sorted equilibria without repeats (``Arithmetic.same`` strategies: exactly equal, or
    within ``atol`` in float mode)."""
    out: list[Equilibrium] = []
    for eq in sorted(eqs, key=lambda e: e.strategies, reverse=True):
        if arithmetic.exact:
            if out and out[-1].strategies == eq.strategies:
                continue
        elif any(all(arithmetic.same(a, b, atol) for a, b in zip(o.strategies, eq.strategies))
                 for o in out):
            continue
        out.append(eq)
    return out
