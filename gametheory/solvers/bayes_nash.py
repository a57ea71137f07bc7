"""Bayes-Nash equilibria of a Bayesian game, through its type-agent normal form.

Algorithm: build the agent form (``BayesianGame.agent_form``: one player per
(player, type), paid its interim expected payoff; Harsanyi 1967-68, Myerson
1991 section 2.8), solve it with ``solve``
(``auto`` chooses as for any game: vertex enumeration for a small two-agent
form, the polynomial solver for more agents; or any named method), and read
each equilibrium back as one mixed action per type.  Every equilibrium is then
verified again on the Bayesian game itself: each type's interim regret,
computed from the prior and the payoffs directly
(``BayesianGame.interim_payoffs``), is exactly 0 in rational arithmetic
(at most the tolerance in floating point).  When the agent-form solver lists
every equilibrium (``complete``), so does the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..display import Displayable
from ..errors import VerificationError
from ..games.bayesian import BayesianGame
from ..games.normal import NormalFormGame
from .registry import choose_method
from .result import Continuum, default_tolerance
from .solve import solve

__all__ = ["BayesNashEquilibrium", "BayesNashResult", "solve_bayes_nash"]


@dataclass(frozen=True)
class BayesNashEquilibrium(Displayable):
    """A Bayes-Nash equilibrium, type by type.

    Attributes
    ----------
    strategies : tuple
        ``strategies[i][k]``: the distribution over player ``i``'s actions of its type ``k``.
    interim : tuple
        ``interim[i][k]``: that type's expected payoff given its type.
    payoffs : tuple
        Each player's ex-ante expected payoff (over its types, by the prior).
    regret : Fraction or float
        The largest interim gain any type could make by deviating (0 when exact).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.textbook_game("bos-avoid")
    >>> eq = gt.solve_bayes_nash(g).equilibria[0]
    >>> eq.plays(g)
    {('Row', '-'): {'B': Fraction(1, 1)}, ('Column', 'meet'): {'B': Fraction(1, 1)},
     ('Column', 'avoid'): {'S': Fraction(1, 1)}}
    >>> [str(v) for v in eq.interim[1]], [str(p) for p in eq.payoffs], eq.regret
    (['1', '2'], ['1', '3/2'], Fraction(0, 1))
    """

    strategies: tuple
    interim: tuple
    payoffs: tuple
    regret: Any

    def plays(self, game: BayesianGame) -> dict[tuple[str, str], dict[str, Any]]:
        """``(player, type) -> {action: probability}`` over the actions played.

        Parameters
        ----------
        game : BayesianGame
            The game the equilibrium belongs to (for the names).

        Returns
        -------
        dict
            Keyed by (player name, type name); actions of probability 0 are left out.
        """
        return {(game.players[i], game.types[i][k]): {game.actions[i][a]: p
                                                      for a, p in enumerate(dist) if p != 0}
                for i, per in enumerate(self.strategies) for k, dist in enumerate(per)}


@dataclass(frozen=True)
class BayesNashResult(Displayable):
    """The Bayes-Nash equilibria of a Bayesian game.

    ``len(result)`` is the number of equilibria listed.

    Attributes
    ----------
    game : BayesianGame
        The game solved.
    agent_form : NormalFormGame
        The type-agent normal form that was solved (one player per player
        and type).
    method : str
        The agent-form solver that ran.
    exact : bool
        Whether the equilibria are exact (Fractions).
    complete : bool
        True when the list holds every equilibrium (every extreme one, for
        two agents solved by vertex enumeration).
    equilibria : tuple of BayesNashEquilibrium
        The equilibria, each verified on the Bayesian game.
    continua : tuple of Continuum
        Continua of the agent form, as its solver described them.
    notes : tuple of str
        The agent-form solver's notes.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.solve_bayes_nash(gt.textbook_game("bos-avoid"))
    >>> res.method, res.exact, res.complete, len(res)
    ('polynomial', True, True, 3)
    >>> res.agent_form.players
    ('Row', 'Column (meet)', 'Column (avoid)')
    """

    game: BayesianGame
    agent_form: NormalFormGame
    method: str
    exact: bool
    complete: bool
    equilibria: tuple[BayesNashEquilibrium, ...]
    continua: tuple[Continuum, ...]
    notes: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.equilibria)


def _split(game: BayesianGame, flat: Any) -> tuple:
    """Per-agent values regrouped as ``[player][type]``."""
    out, k = [], 0
    for i in range(len(game.players)):
        out.append(tuple(flat[k + t] for t in range(game.type_shape[i])))
        k += game.type_shape[i]
    return tuple(out)


def solve_bayes_nash(game: BayesianGame, method: str = "auto", exact: bool | None = None,
                     polynomial_limit: int | None = None, **options: Any) -> BayesNashResult:
    """All Bayes-Nash equilibria of a Bayesian game, through its type-agent normal form.

    The agent form (``BayesianGame.agent_form``: one player per player
    and type, paid its interim expected payoff) is solved by ``gt.solve``,
    and each equilibrium is read back as one mixed action per type and
    verified again on the Bayesian game itself: every type's interim regret,
    computed from the prior and the payoffs directly, is exactly 0 for
    rational numbers (at most the tolerance in floating point).  When the
    agent-form solver lists every equilibrium, so does the result.

    Parameters
    ----------
    game : BayesianGame
        The game.
    method : str
        The solver for the agent form (``"auto"``, ``"vertex"``, ``"polynomial"``, ...);
        ``auto`` chooses as ``gt.solve`` does: vertex enumeration for a small two-agent
        form, the polynomial solver for more agents (up to its support-profile limit).
    exact : bool or None
        Rational arithmetic (default for rational priors and payoffs).
    polynomial_limit : int, optional
        With ``auto``, the most support profiles of the agent form solved by the
        polynomial solver (``choose_method``; default
        its 400): raise it to keep a larger agent form on the polynomial solver, as the
        crisis comparisons do.
    **options
        Passed to ``gt.solve`` for the agent form, e.g. ``eliminate=True``.

    Returns
    -------
    BayesNashResult
        The game, its agent form and the verified equilibria.

    Raises
    ------
    VerificationError
        (An internal error) when an agent-form equilibrium fails the interim check.

    References
    ----------
    Harsanyi (1967-68), "Games with incomplete information played by
    'Bayesian' players", Management Science 14; Myerson (1991), *Game Theory:
    Analysis of Conflict*, section 2.8.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.BayesianGame(["Row", "Column"], [["-"], ["meet", "avoid"]],
    ...                     [["B", "S"], ["B", "S"]], {("-", "meet"): "1/2", ("-", "avoid"): "1/2"},
    ...                     {("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
    ...                      ("-", "avoid"): [[[2, 0], [0, 1]], [[0, 2], [1, 0]]]})
    >>> res = solve_bayes_nash(g)
    >>> [eq.plays(g)[("Column", "avoid")] for eq in res.equilibria][:1]
    [{'S': Fraction(1, 1)}]
    >>> [str(p) for p in res.equilibria[0].payoffs]
    ['1', '3/2']
    """
    agent = game.agent_form()
    if method == "auto" and polynomial_limit is not None:
        method = choose_method(agent, polynomial_limit)
    res = solve(agent, method=method, exact=exact, **options)
    ex = res.exact
    tol = 0.0 if ex else float(res.parameters.get("tolerance") or default_tolerance(agent))
    equilibria = []
    for eq in res.equilibria:
        strategies = _split(game, tuple(tuple(s) for s in eq.strategies))
        values = game.interim_payoffs(strategies)
        interim, regret = [], Fraction(0) if ex else 0.0
        for i, per in enumerate(strategies):
            row = []
            for k, dist in enumerate(per):
                payoff = sum((p * v for p, v in zip(dist, values[i][k])), Fraction(0) if ex else 0.0)
                regret = max(regret, max(values[i][k]) - payoff)
                row.append(payoff)
            interim.append(tuple(row))
        if (regret != 0) if ex else float(regret) > 2 * tol + 1e-12:
            raise VerificationError(f"internal error: a Bayes-Nash equilibrium of the agent form "
                                    f"has interim regret {regret} in the Bayesian game")
        payoffs = tuple(sum((game.marginals[i][k] * interim[i][k]
                             for k in range(game.type_shape[i])), Fraction(0) if ex else 0.0)
                        for i in range(len(game.players)))
        equilibria.append(BayesNashEquilibrium(strategies=strategies, interim=tuple(interim),
                                               payoffs=payoffs,
                                               regret=Fraction(0) if ex else max(float(regret), 0.0)))
    return BayesNashResult(game=game, agent_form=agent, method=res.method, exact=ex,
                           complete=res.complete, equilibria=tuple(equilibria),
                           continua=tuple(res.continua), notes=tuple(res.notes))
