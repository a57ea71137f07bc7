"""Why a game is degenerate, and which equilibria survive small changes of its payoffs.

Two diagnostics:

- ``payoff_ties`` lists the *pure best-response ties*: a player with two
  or more best responses to one profile of the others' actions.  Such a tie
  is the usual source of degeneracy in models built by hand (equal attribute
  values, zero weights, clipped effects) and of continua of equilibria: the
  tied player may mix between its best responses while the others stay put.
  For two players the record also says whether the game is degenerate at all
  (decided exactly from the best-response polytopes, which also sees ties of
  mixed strategies).
- ``perturbation_check`` solves the game again after small independent
  random changes of every payoff and reports, for each equilibrium (and each
  connected component of a two-player game), in how many perturbed games an
  equilibrium lies nearby.  A generic game's equilibria all survive; an
  equilibrium that exists only because of a tie typically does not.  The
  idea is Harsanyi's (1973): almost every game is regular, and the
  equilibria of nearby generic games approximate the robust ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..context import Context
from ..display import Displayable
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..solvers.solve import solve
from ..solvers.vertex import is_degenerate

__all__ = ["PayoffTie", "Genericity", "payoff_ties", "PerturbationCheck", "perturbation_check"]


@dataclass(frozen=True)
class PayoffTie(Displayable):
    """A player with several best responses to one profile of the others' actions.

    Attributes
    ----------
    player : int
        The tied player's index.
    against : tuple of int
        The profile of every player's action; the entry of ``player`` itself is -1.
    actions : tuple of int
        The player's tied best responses (two or more).
    payoff : Number
        What each of them earns.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> tie = gt.payoff_ties(g).ties[0]
    >>> tie.player, tie.against, tie.actions, tie.payoff
    (1, (0, -1), (0, 1), 3)
    >>> tie.profiles()
    ((0, 0), (0, 1))
    """

    player: int
    against: tuple[int, ...]
    actions: tuple[int, ...]
    payoff: Any

    def profiles(self) -> tuple[tuple[int, ...], ...]:
        """The tied pure profiles (one per tied action), as action indices."""
        return tuple(tuple(a if i == self.player else b for i, b in enumerate(self.against))
                     for a in self.actions)


@dataclass(frozen=True)
class Genericity(Displayable):
    """The pure best-response ties of a game, and (two players) whether it is degenerate.

    A continuum of equilibria, or an equilibrium that a tiny change of the
    payoffs removes, comes from such ties.

    Attributes
    ----------
    game : NormalFormGame
        The game examined.
    ties : tuple of PayoffTie
        Every pure best-response tie, player by player, profiles in index order.
    degenerate : bool or None
        Two players: decided exactly (True also for ties that only mixed
        strategies have); None for more players, where pure ties are listed
        but degeneracy is not decided.

    Examples
    --------
    >>> import gametheory as gt
    >>> report = gt.payoff_ties(gt.read_game("chicken"))
    >>> report.ties, report.degenerate
    ((), False)
    >>> gt.payoff_ties(gt.read_game("mckelvey-mclennan")).degenerate is None
    True
    """

    game: NormalFormGame
    ties: tuple[PayoffTie, ...]
    degenerate: bool | None


@accepts_peer_games
def payoff_ties(game: NormalFormGame) -> Genericity:
    """The pure best-response ties of ``game``: players with two or more best responses to one
    profile of the others' actions.

    Such a tie is the usual source of degeneracy in models built by hand
    (equal attribute values, zero weights, clipped effects) and of continua
    of equilibria: the tied player may mix between its best responses while
    the others stay put.  Exact payoffs are compared exactly; float payoffs
    within 1e-12 of the largest absolute payoff.  Vectorised per player.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.

    Returns
    -------
    Genericity
        The ties and, for two players, whether the game is degenerate
        (decided exactly from the best-response polytopes, which also sees
        ties of mixed strategies).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> report = payoff_ties(g)
    >>> report.degenerate, [(t.player, t.against, t.actions) for t in report.ties]
    (True, [(1, (0, -1), (0, 1))])
    """
    arrays = game.payoffs if game.is_exact else game.float_payoffs
    scale = max(float(np.max(np.abs(a))) for a in game.float_payoffs) if game.num_players else 0.0
    tol = 0 if game.is_exact else 1e-12 * max(1.0, scale)
    ties = []
    for i, u in enumerate(arrays):
        best = u.max(axis=i, keepdims=True)
        top = (u >= best - tol) if tol else (u == best)
        counts = top.sum(axis=i)
        for rest in zip(*np.nonzero(counts > 1)):
            against = list(int(r) for r in rest)
            against.insert(i, -1)
            index = [slice(None) if j == i else against[j] for j in range(game.num_players)]
            tied = tuple(int(a) for a in np.flatnonzero(top[tuple(index)]))
            payoff = u[tuple(tied[0] if j == i else against[j] for j in range(game.num_players))]
            ties.append(PayoffTie(player=i, against=tuple(against), actions=tied,
                                  payoff=payoff.item() if hasattr(payoff, "item") else payoff))
    degenerate = is_degenerate(game) if game.num_players == 2 else None
    return Genericity(game=game, ties=tuple(ties), degenerate=degenerate)


@dataclass(frozen=True)
class PerturbationCheck(Displayable):
    """Which equilibria survive small random changes of the payoffs.

    Returned by ``perturbation_check``.

    Attributes
    ----------
    method : str
        The method that solved the game and every perturbed copy.
    samples : int
        Perturbed games solved.
    scale : float
        Each payoff moved by a uniform amount in ``[-scale, scale]`` times the
        largest absolute payoff (taken as 1 when smaller).
    radius : float
        An equilibrium survives in a perturbed game when one of its
        equilibria is within ``radius`` (largest difference of a probability).
    survival : tuple of int
        Per equilibrium of the unperturbed game, in how many perturbed games it survives.
    component_survival : tuple of int or None
        Two players (``vertex``): per connected component, in how many
        perturbed games some equilibrium lies within ``radius`` of one of its
        maximal Nash subsets' extreme points; None otherwise.

    Examples
    --------
    >>> import gametheory as gt
    >>> check = gt.perturbation_check(gt.read_game("chicken"), samples=5)
    >>> check.method, check.samples, check.scale, check.radius
    ('vertex', 5, 1e-06, 0.001)
    >>> check.survival, check.component_survival
    ((5, 5, 5), (5, 5, 5))
    """

    method: str
    samples: int
    scale: float
    radius: float
    survival: tuple[int, ...]
    component_survival: tuple[int, ...] | None


@accepts_peer_games
def perturbation_check(game: NormalFormGame, samples: int = 20, scale: float = 1e-6,
                       radius: float = 1e-3, method: str = "auto", *,
                       context: Context | None = None) -> PerturbationCheck:
    """Solve ``samples`` randomly perturbed copies of ``game`` and see which equilibria survive.

    Each copy moves every payoff independently by a uniform amount within
    ``scale`` times the largest absolute payoff (at least 1) and is solved in
    floating point by the method that solved ``game``; an equilibrium
    survives in a copy when one of the copy's equilibria lies within ``radius``.  For a
    two-player game solved by ``vertex`` each connected component is counted
    too (a copy's equilibrium near one of its maximal Nash subsets).  A
    generic game's equilibria all survive; an equilibrium that exists only
    because of a payoff tie typically does not (Harsanyi 1973: almost every
    game is regular, and the equilibria of nearby generic games approximate
    the robust ones).

    Parameters
    ----------
    game : NormalFormGame
    samples : int
        How many perturbed games to solve.
    scale : float
        Size of the perturbation, relative to the largest absolute payoff (at least 1).
    radius : float
        How close (largest probability difference) a perturbed equilibrium
        must be for an equilibrium to survive.
    method : str
        The method for the game and its perturbed copies (floating point).
    context : Context, optional
        Its seed makes the perturbations reproducible (sample ``k`` draws from
        ``context.rng(k)``; default a context of seed 0, so repeated calls
        agree); its deadline is checked between samples.

    Returns
    -------
    PerturbationCheck
        ``method``, ``samples``, ``scale``, ``radius``, ``survival`` and
        ``component_survival``.

    Raises
    ------
    ValueError
        When ``samples`` is not a positive integer.

    References
    ----------
    Harsanyi (1973), "Oddness of the number of equilibrium points: a new
    proof", International Journal of Game Theory 2.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> check = perturbation_check(g, samples=10, context=gt.Context.make(seed=1))
    >>> check.samples, len(check.survival) == 3, check.component_survival[1]
    (10, True, 10)
    """
    if not isinstance(samples, int) or samples < 1:
        raise ValueError(f"perturbation_check: samples must be a positive integer, got {samples!r}")
    context = context or Context.make(seed=0)
    base = solve(game, method=method)
    points = [[np.asarray(s, dtype=float) for s in eq.strategies] for eq in base.equilibria]
    top = max(1.0, max(float(np.max(np.abs(a))) for a in game.float_payoffs))
    survival = [0] * len(points)
    components = base.components
    comp = None if components is None else [0] * len(components)
    for k in range(samples):
        context.check("perturbation_check")
        rng = context.rng(k)
        arrays = [a + rng.uniform(-scale * top, scale * top, size=a.shape) for a in game.float_payoffs]
        moved = NormalFormGame(arrays, players=game.players, actions=game.actions)
        found = [[np.asarray(s, dtype=float) for s in eq.strategies]
                 for eq in solve(moved, method=base.method, exact=False).equilibria]

        def near(p, found=found):
            return any(all(np.max(np.abs(a - b)) <= radius for a, b in zip(p, q)) for q in found)

        hits = [near(p) for p in points]
        for j, hit in enumerate(hits):
            survival[j] += hit
        if comp is not None and components is not None:     # both None or neither
            for c_index, c in enumerate(components):
                comp[c_index] += _component_near(c, points, found, radius)
    return PerturbationCheck(method=base.method, samples=samples, scale=scale, radius=radius,
                             survival=tuple(survival),
                             component_survival=None if comp is None else tuple(comp))


def _component_near(component: Any, points: list, found: list, radius: float) -> bool:
    """Whether some perturbed equilibrium lies within ``radius`` of the component: of the box
    spanned by one of its maximal Nash subsets (each player's strategy within the range of that
    subset's extreme strategies)."""
    for subset in component.maximal_subsets:
        lows = [np.min([points[k][i] for k in subset], axis=0) for i in range(len(points[0]))]
        highs = [np.max([points[k][i] for k in subset], axis=0) for i in range(len(points[0]))]
        for q in found:
            if all(np.all(s >= lo - radius) and np.all(s <= hi + radius)
                   for s, lo, hi in zip(q, lows, highs)):
                return True
    return False
