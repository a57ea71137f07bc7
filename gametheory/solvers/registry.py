"""The normal-form solvers by method name, and the choice ``auto`` makes.

One table maps each stable method name (as on the command line) to its
solver function; ``solve_normal_form`` runs one on a game in strategic
form.  The tree methods (``spe``, ``sequence-form``) and the dispatcher for
every kind of game are in ``gametheory.solvers.solve``, above this module:
the subgame-perfect solver calls ``solve_normal_form`` for its truncated
subgames, so the table may not import it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from math import prod
from typing import Any

from ..errors import InvalidGameError, UnknownMethodError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from .lemke_howson import solve_lemke_howson
from .polynomial import solve_polynomial
from .pure import solve_pure
from .qre import solve_qre
from .result import SolverResult
from .simpdiv import solve_simpdiv
from .support import solve_support
from .vertex import solve_vertex
from .zero_sum import is_constant_sum, solve_zero_sum

__all__ = ["NORMAL_FORM_METHODS", "choose_method", "traces_qre", "solve_normal_form", "AUTO_VERTEX_LIMIT",
           "AUTO_POLYNOMIAL_LIMIT"]

#: Normal-form solver functions by their stable method names.
NORMAL_FORM_METHODS: dict[str, Callable[..., SolverResult]] = {
    "pure": solve_pure,
    "support": solve_support,
    "vertex": solve_vertex,
    "lemke-howson": solve_lemke_howson,
    "zero-sum": solve_zero_sum,
    "polynomial": solve_polynomial,
    "qre": solve_qre,
    "simpdiv": solve_simpdiv,
}

#: Largest two-player game (m * n) for which ``auto`` enumerates all extreme equilibria.
AUTO_VERTEX_LIMIT = 144
#: Most support profiles of an n-player game for which ``auto`` finds all equilibria.
AUTO_POLYNOMIAL_LIMIT = 400
#: The same for games with many dominated actions, which the polynomial solver prunes first:
#: the crisis comparisons use it (the four-mover successor model, 1,029 support profiles, solves
#: in about 0.01 s; a random game of that shape takes about 1 s).
SPARSE_POLYNOMIAL_LIMIT = 4096


@accepts_peer_games
def choose_method(game: NormalFormGame, polynomial_limit: int = AUTO_POLYNOMIAL_LIMIT) -> str:
    """The method ``auto`` runs: all equilibria where affordable, else one.

    - two players with ``m * n <= 144``: ``vertex`` (every extreme equilibrium,
      degenerate games included);
    - larger two-player games: ``zero-sum`` when the game is constant-sum,
      else ``lemke-howson``;
    - three and more players with at most 400 support profiles
      (``prod (2^m_i - 1)``, e.g. 3x3x3 or 2x2x2x2): ``polynomial`` (every
      isolated equilibrium);
    - larger n-player games: ``qre`` (one equilibrium, the limit of the logit
      QRE branch);
    - one player: ``pure``.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    polynomial_limit : int
        Replaces the 400 above.  The crisis comparisons pass 4,096
        (``SPARSE_POLYNOMIAL_LIMIT``): their games have many dominated
        actions, which the polynomial solver prunes first, so the four-mover
        ``successor`` model (1,029 support profiles) lists every equilibrium
        in about 0.01 s.

    Returns
    -------
    str
        A key of ``METHODS``.

    Examples
    --------
    >>> import gametheory as gt
    >>> choose_method(gt.read_game("chicken")), choose_method(gt.read_game("mckelvey-mclennan"))
    ('vertex', 'polynomial')
    """
    if game.num_players == 2:
        m, n = game.shape
        if m * n <= AUTO_VERTEX_LIMIT:
            return "vertex"
        return "zero-sum" if is_constant_sum(game) else "lemke-howson"
    if game.num_players == 1:
        return "pure"
    return "qre" if traces_qre(game.shape, polynomial_limit) else "polynomial"


def traces_qre(shape: tuple[int, ...], polynomial_limit: int = AUTO_POLYNOMIAL_LIMIT) -> bool:
    """Whether ``auto`` only traces the logit QRE on a game of this shape: three or more players
    with more than ``polynomial_limit`` support profiles (known before the payoffs are built)."""
    return len(shape) >= 3 and prod(2 ** m - 1 for m in shape) > polynomial_limit


def solve_normal_form(game: NormalFormGame, method: str = "auto", **options: Any) -> SolverResult:
    """Run the named normal-form method (``auto``: ``choose_method``) on ``game``.

    ``options`` (``exact``, ``tol``, ``context``, method-specific ones) go to the solver.
    """
    name = choose_method(game) if method == "auto" else method
    solver = NORMAL_FORM_METHODS.get(name)
    if solver is None:
        known = ", ".join(["auto", *NORMAL_FORM_METHODS])
        raise UnknownMethodError(f"unknown method {method!r}; choose one of: {known}")
    takes = inspect.signature(solver).parameters
    open_ended = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in takes.values())
    unknown = [] if open_ended else [k for k in options if k not in takes]
    if unknown:
        named = ", ".join(k for k in takes if k != "game")
        raise InvalidGameError(f"method {name!r} takes no option {unknown[0]!r} "
                               f"(its options: {named})")
    return solver(game, **options)
