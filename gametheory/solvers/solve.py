"""One entry point for every solver: ``solve(game, method=..., exact=...)``."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, cast

from ..arithmetic import EXACT, float_arithmetic
from ..context import Context, Progress, TimeLimitError
from ..errors import InvalidGameError, UnknownMethodError
from ..games.behavior import mixed_to_vector
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..games.tree import ExtensiveFormGame, reduced_normal_form
from ._common import resolve_context
from ._tree import default_tree_tolerance, tree_context
from .agent_qre import solve_agent_qre
from .dominance import iterated_elimination
from .registry import NORMAL_FORM_METHODS, choose_method, solve_normal_form
from .result import Continuum, Equilibrium, SolverResult, default_tolerance, make_equilibrium
from .sequence_form import solve_sequence_form
from .spe import solve_spe, tree_equilibrium

__all__ = ["solve", "METHODS", "choose_method"]

#: Solver functions by their stable method names (as on the command line).
METHODS: dict[str, Callable[..., SolverResult]] = {
    **NORMAL_FORM_METHODS,
    "spe": solve_spe,
    "sequence-form": solve_sequence_form,
}
"""The solver functions by their stable method names, the same as on the command line.

``pure``, ``support``, ``vertex``, ``lemke-howson``, ``zero-sum``,
``polynomial``, ``qre`` and ``simpdiv`` take games in strategic form (and
trees, through ``solve``, on their reduced normal form); ``spe`` and
``sequence-form`` take game trees.  ``solve`` accepts these names and
``"auto"``.

Examples
--------
>>> import gametheory as gt
>>> list(gt.METHODS)
['pure', 'support', 'vertex', 'lemke-howson', 'zero-sum', 'polynomial', 'qre', 'simpdiv', 'spe', 'sequence-form']
"""

#: Methods that work on the tree itself; every other method runs on the reduced normal form.
TREE_METHODS = ("spe", "sequence-form")


@accepts_peer_games
def solve(game: NormalFormGame | ExtensiveFormGame, method: str = "auto", exact: bool | None = None,
          eliminate: bool = False, *, context: Context | None = None,
          time_limit: float | None = None, progress: Progress | None = None,
          **options: Any) -> SolverResult:
    """Compute equilibria of ``game`` with the named method.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveFormGame
        The game to solve.  A game tree is solved by ``spe`` (the default:
        subgame-perfect equilibria) or ``sequence-form`` (one equilibrium of a
        two-player tree, by Lemke's algorithm) or ``qre`` (the agent logit
        QRE traced on the tree, as Gambit's ``logit``: one equilibrium, with
        memory growing with the tree, not its normal form), or by any
        normal-form method on its reduced normal form (``qre`` too, with
        ``eliminate``); equilibria of trees carry behaviour strategies
        (``Equilibrium.behavior``).
    method : str
        ``"auto"`` (see ``choose_method``; ``spe`` for trees) or a key of
        ``METHODS``: ``"pure"``, ``"support"``, ``"vertex"``,
        ``"lemke-howson"``, ``"zero-sum"``, ``"polynomial"``, ``"qre"``,
        ``"simpdiv"``, ``"spe"``, ``"sequence-form"``.
    exact : bool or None
        Rational arithmetic (True), floating point (False), or exact where the
        payoffs are rational (None, the default).
    eliminate : bool
        First remove strictly dominated actions (by pure and mixed strategies,
        iterated; see ``iterated_elimination``), solve the smaller game and
        lift its equilibria back, re-verified in the full game: the same
        equilibria, often much faster.  ``parameters["eliminated"]`` lists
        the removed ``[player, action]`` pairs.  A degenerate reduced game
        makes the original degenerate too; otherwise ``degenerate`` is None
        when something was removed.
    context : Context, optional
        The computation's arithmetic, deadline, progress callback and seed
        (``Context``); without it one is made here,
        once, from ``exact`` and ``tol``, and handed to the solver.
    time_limit : float, optional
        Seconds after which the computation stops at its next check, raising
        ``TimeLimitError`` (a ``SolverError``); for
        the enumerating methods (``support``, ``vertex``, ``lemke-howson``,
        ``polynomial``) its ``partial`` attribute holds the equilibria found
        by then, each verified, as a result with ``complete`` False and
        ``parameters["stopped"]`` set to ``"time limit"``.  (Code in C
        cannot be interrupted; the command line's ``--time-limit`` also
        stops it.)
    progress : callable, optional
        Called as ``progress(stage, done, total)`` by the long computations
        (support sizes, support profiles, subgames, QRE steps; ``total`` None
        when unknown), as a context's progress callback.
    **options
        Passed to the solver (e.g. ``tol``, ``labels`` for Lemke-Howson).

    Returns
    -------
    SolverResult
        The certified equilibria and what the method guarantees.

    Raises
    ------
    UnknownMethodError
        For an unknown method.
    InvalidGameError
        For a game the method cannot take (a three-player game for a
        two-player method, a tree method on a game in strategic form), an
        option the method does not take, or a bad ``time_limit``.
    ExactArithmeticError
        For ``exact=True`` on a game with floating-point payoffs.
    TimeLimitError
        When ``time_limit`` (or the context's deadline) passes.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]])
    >>> res = gt.solve(g)
    >>> res.method, len(res.equilibria), res.complete
    ('vertex', 3, True)
    >>> gt.solve(gt.read_game("prisoners-dilemma"), eliminate=True).parameters["eliminated"]
    [['Row', 'Cooperate'], ['Column', 'Cooperate']]
    >>> try:
    ...     gt.solve(gt.read_game("mckelvey-mclennan"), method="polynomial", time_limit=1e-6)
    ... except gt.TimeLimitError as stopped:
    ...     part = stopped.partial
    >>> part.complete, part.parameters["stopped"], part.method
    (False, 'time limit', 'polynomial')
    """
    if method != "auto" and method not in METHODS:
        known = ", ".join(["auto", *METHODS])
        raise UnknownMethodError(f"unknown method {method!r}; choose one of: {known}")
    limits = _Limits(_deadline(time_limit), progress)
    if context is not None:
        context = limits.apply(context)
    return _solve(game, method, exact, eliminate, context, limits, options)


def _deadline(time_limit: Any) -> float | None:
    """The ``time.monotonic`` instant ``time_limit`` seconds from now (None: no limit)."""
    if time_limit is None:
        return None
    if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) \
            or not 0 < time_limit < float("inf"):
        raise InvalidGameError(f"time_limit must be a positive number of seconds, got {time_limit!r}")
    return time.monotonic() + float(time_limit)


@dataclass(frozen=True)
class _Limits:
    """What ``solve`` adds to every context it makes or is given: a deadline, a progress
    callback."""

    deadline: float | None = None
    progress: Progress | None = None

    def apply(self, ctx: Context) -> Context:
        """``ctx`` with the earlier of the two deadlines, and the progress callback if it has none."""
        if self.deadline is not None and (ctx.deadline is None or self.deadline < ctx.deadline):
            ctx = replace(ctx, deadline=self.deadline)
        if self.progress is not None and ctx.progress is None:
            ctx = replace(ctx, progress=self.progress)
        return ctx


def _solve(game: Any, method: str, exact: bool | None, eliminate: bool, context: Context | None,
           limits: _Limits, options: dict[str, Any]) -> SolverResult:
    """``solve`` after its arguments are checked and its deadline fixed."""
    if isinstance(game, ExtensiveFormGame):
        return _solve_tree(game, method, exact, eliminate, context, limits, options)
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"solve() needs a NormalFormGame or an ExtensiveFormGame, got "
                               f"{type(game).__name__}")
    if method in TREE_METHODS:
        raise InvalidGameError(f"method {method!r} needs a game tree (.efg file or "
                               "ExtensiveFormGame); this game is in strategic form")
    tol = options.pop("tol", None)
    ctx = limits.apply(resolve_context(game, exact, tol, context))
    if eliminate:
        # float mode without a given tolerance: the reduced game's own default tolerance
        scaled = context is None and tol is None and not ctx.arithmetic.exact
        return _solve_reduced(game, method, ctx, scaled, options)
    return solve_normal_form(game, method, context=ctx, **options)


def _solve_reduced(game: NormalFormGame, method: str, ctx: Context, scaled: bool,
                   options: dict[str, Any]) -> SolverResult:
    """Solve after removing strictly dominated actions, then lift and re-verify the equilibria.

    Strictly dominated actions are never played in an equilibrium, so the
    reduced game has exactly the same equilibria (padded with zeros).
    """
    elimination = iterated_elimination(game, kind="strict", mixed=True, context=ctx)
    reduced = elimination.reduced
    inner_ctx = ctx.with_arithmetic(float_arithmetic(default_tolerance(reduced))) if scaled else ctx
    inner = _lifting(lambda: solve_normal_form(reduced, method, context=inner_ctx, **options),
                     lambda part: _lift_reduced(game, elimination, part))
    return _lift_reduced(game, elimination, inner)


def _lifting(compute: Callable[[], SolverResult],
             lift: Callable[[SolverResult], SolverResult]) -> SolverResult:
    """``compute()``; at the deadline, the ``TimeLimitError`` again with its partial result
    lifted to the outer game (equilibria found so far, still marked incomplete)."""
    try:
        return compute()
    except TimeLimitError as exc:
        if exc.partial is None:
            raise
        lifted = lift(cast(SolverResult, exc.partial))    # a solver's partial result
        raise TimeLimitError(str(exc), partial=replace(lifted, complete=False)) from None


def _lift_reduced(game: NormalFormGame, elimination: Any, inner: SolverResult) -> SolverResult:
    """A result on the game without its dominated actions, as a result on ``game``."""
    tol = inner.parameters.get("tolerance")
    lift = EXACT if inner.exact else float_arithmetic(default_tolerance(game) if tol is None else tol)
    equilibria = tuple(make_equilibrium(game, elimination.embed(eq.strategies), lift)
                       for eq in inner.equilibria)
    removed = [f"{st.player}: {st.action}" for st in elimination.steps]
    notes = ((f"strictly dominated actions removed first ({len(removed)}): " + "; ".join(removed),)
             if removed else ()) + inner.notes
    params = dict(inner.parameters)
    params["eliminated"] = [[st.player, st.action] for st in elimination.steps]
    continua = tuple(_lift_continuum(c, elimination, game, lift) for c in inner.continua)
    return SolverResult(game=game, method=inner.method, exact=inner.exact, equilibria=equilibria,
                        complete=inner.complete,
                        degenerate=True if inner.degenerate else (None if removed else inner.degenerate),
                        parameters=params, notes=notes, components=inner.components,
                        continua=continua, accounted=inner.accounted)


def _lift_continuum(c: Continuum, elimination: Any, game: NormalFormGame, lift: Any) -> Continuum:
    """A continuum of the reduced game as one of the original game: support indices mapped
    back, its vertices and representative padded with zeros and verified again."""
    def again(eq: Equilibrium) -> Equilibrium:
        exact = isinstance(eq.regret, Fraction)
        return make_equilibrium(game, elimination.embed(eq.strategies),
                                EXACT if exact else float_arithmetic(lift.tol or default_tolerance(game)))
    return replace(c, supports=tuple(tuple(elimination.kept[i][a] for a in s)
                                     for i, s in enumerate(c.supports)),
                   vertices=tuple(again(v) for v in c.vertices),
                   representative=None if c.representative is None else again(c.representative))


def _solve_tree(game: ExtensiveFormGame, method: str, exact: bool | None, eliminate: bool,
                context: Context | None, limits: _Limits,
                options: dict[str, Any]) -> SolverResult:
    """A tree: the tree methods directly, the others on the reduced normal form, whose mixed
    equilibria become behaviour strategies (Kuhn 1953) and are verified again in the tree."""
    if not game.perfect_recall:
        return _solve_imperfect_recall(game, method, exact, eliminate, context, limits, options)
    name = "spe" if method == "auto" else method
    tol = options.pop("tol", None)
    ctx = limits.apply(tree_context(game, exact, tol, context))    # the arithmetic, decided once
    if name in TREE_METHODS:
        if eliminate:
            raise InvalidGameError(f"--eliminate works on the reduced normal form; it does not "
                                   f"apply to method {name!r}")
        return METHODS[name](game, context=ctx, **options)
    if name == "qre" and not eliminate:
        return solve_agent_qre(game, context=ctx, **options)
    reduced = reduced_normal_form(game)
    # the reduced normal form is solved in the same arithmetic; float mode scales its default
    # tolerance to the reduced game's payoffs unless one was given
    inner = _lifting(lambda: _solve(reduced, name, ctx.arithmetic.exact, eliminate, context,
                                    limits, {"tol": tol, **options}),
                     lambda part: _lift_to_tree(game, reduced, part))
    return _lift_to_tree(game, reduced, inner)


def _lift_to_tree(game: ExtensiveFormGame, reduced: NormalFormGame,
                  inner: SolverResult) -> SolverResult:
    """A result on a tree's reduced normal form as one on the tree: behaviour strategies by
    Kuhn's theorem, each verified again in the tree."""
    tol = 0.0 if inner.exact else (inner.parameters.get("tolerance") or default_tree_tolerance(game))
    equilibria = []
    for eq in inner.equilibria:
        vector = mixed_to_vector(game, eq.strategies, inner.exact)
        equilibria.append(tree_equilibrium(game, vector, inner.exact, max(tol, float(eq.regret)),
                                           strategies=eq.strategies))
    return SolverResult(game=game, method=inner.method, exact=inner.exact, equilibria=tuple(equilibria),
                        complete=inner.complete, degenerate=inner.degenerate,
                        parameters=inner.parameters,
                        notes=("solved on the reduced normal form (" + " x ".join(map(str, reduced.shape))
                               + " strategies); behaviour strategies by Kuhn's theorem",) + inner.notes,
                        reduced=reduced, components=inner.components)


def _solve_imperfect_recall(game: ExtensiveFormGame, method: str, exact: bool | None,
                            eliminate: bool, context: Context | None, limits: _Limits,
                            options: dict[str, Any]) -> SolverResult:
    """A tree without perfect recall: its normal form (a plan: an action at each information set
    its own actions can reach) solved by a normal-form method; the equilibria are mixed strategies over plans, which
    behaviour strategies need not reproduce (Kuhn's theorem needs perfect recall)."""
    if method in TREE_METHODS:
        game.require_perfect_recall(f"method {method!r}")
    normal = reduced_normal_form(game)
    inner = _lifting(lambda: _solve(normal, method, exact, eliminate, context, limits, options),
                     lambda part: part)
    note = ("the tree lacks perfect recall (" + game.recall_note + "): solved on its normal form ("
            + " x ".join(map(str, normal.shape)) + " plans); "
            "the equilibria are mixed strategies over plans, not behaviour strategies")
    return replace(inner, notes=(note,) + inner.notes)
