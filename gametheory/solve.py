"""One entry point for every solver: ``solve(game, method=..., exact=...)``."""

from __future__ import annotations

from typing import Any, Callable

from .errors import InvalidGameError, UnknownMethodError
from .game import NormalFormGame
from .result import SolverResult
from .solvers import (is_constant_sum, lemke_howson, pure_equilibria, support_enumeration,
                      vertex_enumeration, zero_sum)

__all__ = ["solve", "METHODS", "choose_method"]

#: Solver functions by their stable method names (as on the command line).
METHODS: dict[str, Callable[..., SolverResult]] = {
    "pure": pure_equilibria,
    "support": support_enumeration,
    "vertex": vertex_enumeration,
    "lemke-howson": lemke_howson,
    "zero-sum": zero_sum,
}

#: Largest two-player game (m * n) for which ``auto`` enumerates all extreme equilibria.
AUTO_VERTEX_LIMIT = 144


def choose_method(game: NormalFormGame) -> str:
    """The method ``auto`` runs: all equilibria where affordable, else one.

    - two players with ``m * n <= 144``: ``vertex`` (every extreme equilibrium,
      degenerate games included);
    - larger two-player games: ``zero-sum`` when the game is constant-sum,
      else ``lemke-howson``;
    - one player, or three and more: ``pure``.
    """
    if game.num_players == 2:
        m, n = game.shape
        if m * n <= AUTO_VERTEX_LIMIT:
            return "vertex"
        return "zero-sum" if is_constant_sum(game) else "lemke-howson"
    return "pure"


def solve(game: NormalFormGame, method: str = "auto", exact: bool | None = None,
          **options: Any) -> SolverResult:
    """Compute equilibria of ``game`` with the named method.

    Parameters
    ----------
    game : NormalFormGame
        The game to solve.
    method : str
        ``"auto"`` or one of ``"pure"``, ``"support"``, ``"vertex"``,
        ``"lemke-howson"``, ``"zero-sum"``.
    exact : bool or None
        Rational arithmetic (True), floating point (False), or exact where the
        payoffs are rational (None, the default).
    **options
        Passed to the solver (e.g. ``tol``, ``labels`` for Lemke-Howson).

    Returns
    -------
    SolverResult
        The certified equilibria and what the method guarantees.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]])
    >>> res = gt.solve(g)
    >>> res.method, len(res.equilibria), res.complete
    ('vertex', 3, True)
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"solve() needs a NormalFormGame, got {type(game).__name__}")
    name = choose_method(game) if method == "auto" else method
    try:
        func = METHODS[name]
    except KeyError:
        known = ", ".join(["auto", *METHODS])
        raise UnknownMethodError(f"unknown method {method!r}; choose one of: {known}") from None
    return func(game, exact=exact, **options)
