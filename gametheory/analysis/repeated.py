"""Repeated play: minmax values, the discount factors that sustain a profile, the folk-theorem set.

In the infinitely repeated game with discount factor ``delta`` (payoffs
``(1 - delta) sum_t delta^t u(a_t)``), a pure stage profile ``a`` is played
forever on the path of a subgame-perfect equilibrium when no player gains by
a one-shot deviation (Fudenberg and Tirole 1991, "Game Theory", section 5.1;
Osborne 2004, "An Introduction to Game Theory", chapter 14).  With player
``i``'s payoff ``R_i = u_i(a)``, best deviation payoff ``T_i = max_b
u_i(b, a_-i)`` and punishment payoff ``P_i``:

- **grim trigger** (Friedman 1971): after a deviation by ``i``, the stage
  game's Nash equilibrium worst for ``i`` is played forever.  ``a`` is
  sustained iff ``R_i >= (1 - delta) T_i + delta P_i`` for every ``i``: the
  least such ``delta`` is ``(T_i - R_i) / (T_i - P_i)`` (``(T - R) / (T - P)``
  in the prisoners' dilemma), none below 1 when ``R_i <= P_i < T_i``;
- **one-period punishment**: that equilibrium is played for one period, then
  ``a`` again.  ``a`` is sustained iff ``T_i - R_i <= delta (R_i - P_i)``:
  ``delta >= (T_i - R_i) / (R_i - P_i)`` (the punishment phase is a stage
  equilibrium, so no one gains by deviating in it while ``R_j >= P_j``).

Both punishments are stage Nash equilibria, hence credible: the strategies
are subgame perfect at and above the threshold.  The stage game's equilibria
come from ``solve`` (all of them; the worst for
``i`` is attained at an extreme equilibrium or a vertex of a described
continuum, where payoffs are linear).

**Minmax values** bound what any equilibrium gives: player ``i``'s *pure*
minmax (the others in pure actions), its *mixed* one (the others mixing
independently; for two players a linear program) and its *correlated* one
(the others correlating their punishment, a linear program for any number of
players).  For three or more players the independent mixed minmax is a
minimisation over a product of simplices, not a linear program: it lies
between the correlated and the pure values and is not computed.  The
**feasible, individually rational set** (the folk theorem's set, Fudenberg and
Maskin 1986) is the convex hull of the pure payoff vectors cut by ``u_i >=
mixed minmax_i``: for two players a polygon, computed exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..context import Context
from ..display import Displayable
from ..errors import InvalidGameError, SolverError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..games.repeated import discount_factor
from ..linalg.lp import solve_lp
from ..solvers._common import fallback_arithmetic, resolve_context
from ..solvers.result import Equilibrium
from ..solvers.solve import solve

__all__ = ["MinmaxValue", "minmax_values", "Deterrence", "Sustainability", "sustainability",
           "grim_trigger_threshold", "PayoffSet", "feasible_payoff_set", "pure_profile",
           "RepeatedPlay", "repeated_play"]


@dataclass(frozen=True)
class MinmaxValue(Displayable):
    """How low the other players can hold one player.

    Attributes
    ----------
    player : str
        The player's name.
    pure : Fraction or float
        ``min`` over the others' pure profiles of the player's best-response payoff.
    pure_punishment : tuple of str
        The others' actions (in player order, the player itself left out) attaining it.
    correlated : Fraction or float
        The least best-response payoff when the others correlate (a linear program).
    mixed : Fraction, float or None
        The least best-response payoff when the others mix independently: equal
        to ``correlated`` for two players; None for three or more (not a
        linear program; it lies in ``[correlated, pure]``).
    punishment : dict
        A distribution over the others' profiles (tuples of action names)
        attaining ``correlated`` (for two players: the other's minmax strategy).

    Examples
    --------
    >>> import gametheory as gt
    >>> v = gt.minmax_values(gt.read_game("matching-pennies"))[0]
    >>> v.player, v.pure, v.pure_punishment, v.correlated, v.mixed
    ('Matcher', Fraction(1, 1), ('Heads',), Fraction(0, 1), Fraction(0, 1))
    >>> v.punishment
    {('Heads',): Fraction(1, 2), ('Tails',): Fraction(1, 2)}
    """

    player: str
    pure: Any
    pure_punishment: tuple[str, ...]
    correlated: Any
    mixed: Any
    punishment: dict


@dataclass(frozen=True)
class Deterrence(Displayable):
    """One player's incentive at the target profile, and the thresholds it sets.

    Attributes
    ----------
    player : str
        The player's name.
    payoff : Fraction or float
        ``R``: the player's payoff at the target profile.
    deviation : str
        The player's most profitable deviation (its own target action when none gains).
    deviation_payoff : Fraction or float
        ``T``: what that deviation earns for one period.
    punishment : Equilibrium
        The stage game's Nash equilibrium worst for this player.
    punishment_payoff : Fraction or float
        ``P``: the player's payoff there.
    grim : Fraction, float or None
        The least discount factor at which grim trigger deters this player
        (0 when no deviation gains; None when no discount factor below 1 does).
    one_period : Fraction, float or None
        The same for a one-period punishment.

    Examples
    --------
    >>> import gametheory as gt
    >>> s = gt.sustainability(gt.read_game("chicken"), ["Hold", "Hold"])
    >>> d = s.players[0]
    >>> d.player, d.payoff, d.deviation, d.deviation_payoff, d.punishment_payoff
    ('US', Fraction(3, 1), 'Intervene', Fraction(4, 1), Fraction(1, 1))
    >>> d.punishment.payoffs, d.grim, d.one_period
    ((Fraction(1, 1), Fraction(4, 1)), Fraction(1, 3), Fraction(1, 2))
    """

    player: str
    payoff: Any
    deviation: str
    deviation_payoff: Any
    punishment: Equilibrium
    punishment_payoff: Any
    grim: Any
    one_period: Any


@dataclass(frozen=True)
class Sustainability(Displayable):
    """Whether, and from which discount factor, a pure profile is played forever in a
    subgame-perfect equilibrium of the infinitely repeated game.

    Attributes
    ----------
    game : NormalFormGame
        The stage game.
    profile : tuple of str
        The target profile, one action per player.
    players : tuple of Deterrence
        Each player's incentive and thresholds.
    grim : Fraction, float or None
        The least discount factor sustaining the profile by grim trigger
        (the largest of the players'); None when none below 1 does.
    one_period : Fraction, float or None
        The same with one-period punishments.
    exact : bool
        Whether the numbers are exact (Fractions).

    Examples
    --------
    >>> import gametheory as gt
    >>> s = gt.sustainability(gt.read_game("prisoners-dilemma"), ["Cooperate", "Cooperate"])
    >>> s.profile, [d.player for d in s.players], s.grim, s.one_period, s.exact
    (('Cooperate', 'Cooperate'), ['Row', 'Column'], Fraction(1, 2), None, True)
    >>> s.sustained("0.9"), s.sustained("0.4"), s.sustained("0.9", "one-period")
    (True, False, False)
    """

    game: NormalFormGame
    profile: tuple[str, ...]
    players: tuple[Deterrence, ...]
    grim: Any
    one_period: Any
    exact: bool

    def sustained(self, discount: Any, punishment: str = "grim") -> bool:
        """Whether the profile is sustained at ``discount`` (in (0, 1)) by ``punishment``
        (``"grim"`` or ``"one-period"``).

        Parameters
        ----------
        discount : Fraction, float, int or str
            The discount factor, in (0, 1); a string such as ``"0.9"`` is exact.
        punishment : {"grim", "one-period"}
            Grim trigger or a one-period punishment.

        Returns
        -------
        bool
            True when ``discount`` is at least the threshold (never when the
            threshold is None).

        Raises
        ------
        InvalidGameError
            For a discount factor outside (0, 1) or an unknown ``punishment``.
        """
        delta = discount_factor(discount)
        threshold = self.grim if punishment == "grim" else self.one_period \
            if punishment == "one-period" else _bad_punishment(punishment)
        return threshold is not None and delta >= threshold


@dataclass(frozen=True)
class PayoffSet(Displayable):
    """The feasible and individually rational payoffs of a stage game (the folk theorem's set).

    Attributes
    ----------
    game : NormalFormGame
        The stage game.
    points : tuple of tuple
        The payoff vector of every pure profile (itertools.product order).
    minmax : tuple
        Each player's mixed minmax value (correlated for three or more players:
        a lower bound of the independent one).
    hull : tuple of tuple or None
        Two players: the vertices of the feasible set (the convex hull of
        ``points``), counter-clockwise; None for more players.
    vertices : tuple of tuple or None
        Two players: the vertices of the feasible set cut by ``u_i >= minmax_i``,
        counter-clockwise from the lowest-then-leftmost (a polygon, a segment or
        a point); None for more players.
    exact : bool
        Whether the numbers are exact (Fractions).

    Examples
    --------
    >>> import gametheory as gt
    >>> ps = gt.feasible_payoff_set(gt.read_game("prisoners-dilemma"))
    >>> [tuple(str(x) for x in p) for p in ps.points]
    [('3', '3'), ('0', '5'), ('5', '0'), ('1', '1')]
    >>> [str(v) for v in ps.minmax], [tuple(str(x) for x in v) for v in ps.hull], ps.exact
    (['1', '1'], [('5', '0'), ('3', '3'), ('0', '5'), ('1', '1')], True)
    """

    game: NormalFormGame
    points: tuple[tuple[Any, ...], ...]
    minmax: tuple[Any, ...]
    hull: tuple[tuple[Any, ...], ...] | None
    vertices: tuple[tuple[Any, ...], ...] | None
    exact: bool


def _bad_punishment(name: str):
    raise InvalidGameError(f"unknown punishment {name!r}; choose 'grim' or 'one-period'")


def pure_profile(game: NormalFormGame, profile: Sequence[Any]) -> tuple[int, ...]:
    """Action indices of a pure profile given by action names, indices, or 0/1 strategy vectors.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.read_game("prisoners-dilemma")
    >>> pure_profile(g, ["Cooperate", "Cooperate"]), pure_profile(g, [[0, 1], [1, 0]])
    ((0, 0), (1, 0))
    """
    if isinstance(profile, str) or len(profile) != game.num_players:
        raise InvalidGameError(f"a profile needs one action per player ({game.num_players}), "
                               f"got {profile!r}")
    out = []
    for i, a in enumerate(profile):
        if isinstance(a, str):
            out.append(game.action_index(i, a))
        elif isinstance(a, (int, np.integer)) and not isinstance(a, bool):
            if not 0 <= a < game.shape[i]:
                raise InvalidGameError(f"player {game.players[i]!r} has no action {a}")
            out.append(int(a))
        else:
            v = list(a)
            if len(v) != game.shape[i] or sorted(v) != [0] * (len(v) - 1) + [1]:
                raise InvalidGameError(f"the target profile must be pure: player "
                                       f"{game.players[i]!r} has {v!r}")
            out.append(v.index(1))
    return tuple(out)


def _arithmetic(game: NormalFormGame, exact: bool | None, context: Context | None):
    return resolve_context(game, exact, None, context).arithmetic


def _payoffs(game: NormalFormGame, exact: bool) -> list[np.ndarray]:
    return [np.asarray(u, dtype=object) for u in game.payoffs] if exact else \
        [np.asarray(u, dtype=float) for u in game.float_payoffs]


@accepts_peer_games
def minmax_values(game: NormalFormGame, exact: bool | None = None, *,
                  context: Context | None = None) -> tuple[MinmaxValue, ...]:
    """Each player's pure, mixed and correlated minmax values.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    exact : bool or None
        Rational arithmetic (default for rational payoffs).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    tuple of MinmaxValue
        One per player.  The correlated value is a linear program (the others'
        joint distribution minimises the player's best-response payoff;
        Fudenberg and Tirole 1991, section 5.1.1), solved by HiGHS and
        certified exactly; for two players it is the mixed minmax.  For
        three or more players the independent mixed minmax is a minimisation
        over a product of simplices, not a linear program: ``mixed`` is None
        (the value lies between ``correlated`` and ``pure``).

    Raises
    ------
    SolverError
        When the linear program has no optimal solution.

    Examples
    --------
    >>> import gametheory as gt
    >>> [str(v.mixed) for v in minmax_values(gt.read_game("matching-pennies"))]
    ['0', '0']
    >>> [str(v.pure) for v in minmax_values(gt.read_game("matching-pennies"))]
    ['1', '1']
    >>> [(str(v.correlated), v.mixed) for v in gt.minmax_values(gt.read_game("mckelvey-mclennan"))]
    [('3/2', None), ('2', None), ('3/2', None)]
    """
    arithmetic = _arithmetic(game, exact, context)
    U = _payoffs(game, arithmetic.exact)
    out = []
    for i, u in enumerate(U):
        m = game.shape[i]
        others = [k for k in range(game.num_players) if k != i]
        table = np.moveaxis(u, i, 0).reshape(m, -1)        # [own action, others' profile]
        best = table.max(axis=0)                            # best response to each pure profile
        k = int(np.argmin(best))
        pure = best[k]
        profiles = list(itertools.product(*(game.actions[j] for j in others)))
        value, q = _correlated_minmax(table, arithmetic, game)
        punishment = {profiles[s]: q[s] for s in range(len(profiles)) if q[s] != 0}
        out.append(MinmaxValue(
            player=game.players[i], pure=_number(pure, arithmetic.exact),
            pure_punishment=tuple(profiles[k]),
            correlated=value, mixed=value if game.num_players == 2 else None,
            punishment=punishment))
    return tuple(out)


def _number(x: Any, exact: bool) -> Any:
    return Fraction(x) if exact else float(x)


def _correlated_minmax(table: np.ndarray, arithmetic, game: NormalFormGame) -> tuple[Any, list]:
    """``min_q max_a sum_s q_s table[a, s]`` over distributions ``q``: value and ``q``."""
    m, S = table.shape
    # variables q (S of them) and v; minimise v s.t. table q - v <= 0, sum q = 1, q >= 0
    A_ub = np.hstack([table, -np.ones((m, 1), dtype=int).astype(table.dtype)])
    A_eq = np.array([[1] * S + [0]], dtype=object)
    bounds = [(0, None)] * S + [(None, None)]
    c = [0] * S + [1]
    out = arithmetic
    try:
        sol = solve_lp(c, A_ub, [0] * m, A_eq, [1], out, bounds=bounds)
    except ArithmeticError:
        out = fallback_arithmetic(game, arithmetic)
        sol = solve_lp(c, A_ub, [0] * m, A_eq, [1], out, bounds=bounds)
    if sol is None:
        raise SolverError("minmax: the linear program has no optimal solution")
    q = list(sol.x[:S])
    if not out.exact:
        q = [max(float(v), 0.0) for v in q]
        total = sum(q)
        q = [v / total for v in q]
    # the value, recomputed from q: the best response to the punishment
    value = max(sum((table[a, s] * q[s] for s in range(S) if q[s] != 0),
                    Fraction(0) if out.exact else 0.0) for a in range(m))
    return (Fraction(value) if out.exact else float(value)), q


def _stage_equilibria(game: NormalFormGame, exact: bool) -> list[Equilibrium]:
    """Every extreme Nash equilibrium of the stage game (and the vertices of its described
    continua): among them is the worst for each player."""
    res = solve(game, exact=exact)
    if not getattr(res, "accounted", res.complete):
        raise SolverError("the stage game's equilibria are not all known (a continuum or a "
                          "support system was left undescribed), so its worst equilibrium "
                          "for a deviator is not certain")
    eqs = list(res.equilibria)
    for c in res.continua:
        eqs.extend(c.vertices)
    if not eqs:
        raise SolverError("the stage game's solver returned no equilibrium")
    return eqs


@accepts_peer_games
def sustainability(game: NormalFormGame, profile: Sequence[Any], exact: bool | None = None, *,
                   context: Context | None = None) -> Sustainability:
    """From which discount factor a pure profile is sustained forever in the repeated game.

    Parameters
    ----------
    game : NormalFormGame
        The stage game, any number of players.
    profile : sequence
        One action per player: names, indices or pure strategy vectors.
    exact : bool or None
        Rational arithmetic (default for rational payoffs): thresholds are Fractions.
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    Sustainability
        Per player ``R``, ``T``, the worst stage equilibrium for it and ``P``,
        and the grim-trigger and one-period thresholds, then the profile's
        thresholds (the largest over players).

    Raises
    ------
    InvalidGameError
        When ``profile`` is not a pure profile of the game.
    SolverError
        When the stage game's equilibria are not all known (a continuum or
        support system left undescribed), so the worst one is not certain.

    Notes
    -----
    In the infinitely repeated game with discount factor ``delta`` (payoffs
    ``(1 - delta) sum_t delta^t u(a_t)``), with player ``i``'s payoff ``R``
    at the profile, its best one-shot deviation payoff ``T`` and ``P`` its
    payoff at the stage game's Nash equilibrium worst for it (the
    punishment; every stage equilibrium is computed by ``gt.solve``):

    - grim trigger (that equilibrium forever after a deviation) sustains the
      profile from ``delta = (T - R) / (T - P)``; none below 1 when a
      deviation gains (``T > R``) and ``R <= P``;
    - a one-period punishment (that equilibrium for one period, then the
      profile again) sustains it from ``delta = (T - R) / (R - P)``, when
      that is below 1.

    Both punishments are stage equilibria, hence credible: the strategies are
    subgame perfect at and above the threshold.  A player no deviation
    benefits has threshold 0.

    References
    ----------
    Friedman (1971), "A non-cooperative equilibrium for supergames", Review
    of Economic Studies 38; Fudenberg and Tirole (1991), *Game Theory*,
    section 5.1; Osborne (2004), *An Introduction to Game Theory*, chapter 14.

    Examples
    --------
    >>> import gametheory as gt
    >>> s = sustainability(gt.read_game("prisoners-dilemma"), ["Cooperate", "Cooperate"])
    >>> str(s.grim), s.one_period, s.sustained("0.6")
    ('1/2', None, True)
    >>> s.sustained("0.9"), s.sustained("0.9", "one-period")
    (True, False)
    """
    arithmetic = _arithmetic(game, exact, context)
    ex = arithmetic.exact
    target = pure_profile(game, profile)
    U = _payoffs(game, ex)
    equilibria = _stage_equilibria(game, ex)
    rows = []
    for i, u in enumerate(U):
        index = list(target)
        column = []
        for b in range(game.shape[i]):
            index[i] = b
            column.append(u[tuple(index)])
        R = _number(column[target[i]], ex)
        best = max(range(game.shape[i]), key=lambda b: (column[b], b == target[i]))
        T = _number(column[best], ex)
        worst = min(equilibria, key=lambda e: e.payoffs[i])
        P = _number(worst.payoffs[i], ex)
        if T <= R:
            grim = one = _number(0, ex)
        elif R > P:
            grim = (T - R) / (T - P)
            one = (T - R) / (R - P)
            one = one if one < 1 else None
        else:
            grim = one = None
        rows.append(Deterrence(player=game.players[i], payoff=R, deviation=game.actions[i][best],
                               deviation_payoff=T, punishment=worst, punishment_payoff=P,
                               grim=grim, one_period=one))

    def overall(values: list[Any]) -> Any:
        return None if any(v is None for v in values) else max(values)

    return Sustainability(game=game, profile=tuple(game.actions[i][a] for i, a in enumerate(target)),
                          players=tuple(rows), grim=overall([r.grim for r in rows]),
                          one_period=overall([r.one_period for r in rows]), exact=ex)


@accepts_peer_games
def grim_trigger_threshold(game: NormalFormGame, profile: Sequence[Any],
                           exact: bool | None = None) -> Any:
    """The least discount factor at which grim trigger sustains a pure profile, exactly.

    Reverting forever to the stage game's Nash equilibrium worst for the
    deviator; see ``sustainability`` for the per-player detail.

    Parameters
    ----------
    game : NormalFormGame
        The stage game.
    profile : sequence
        One action per player: names, indices or pure strategy vectors.
    exact : bool or None
        Rational arithmetic (default for rational payoffs).

    Returns
    -------
    Fraction, float or None
        A Fraction for rational payoffs; 0 when the profile is a stage
        equilibrium; None when no discount factor below 1 sustains it.

    Examples
    --------
    >>> import gametheory as gt
    >>> grim_trigger_threshold(gt.read_game("prisoners-dilemma"), ["Cooperate", "Cooperate"])
    Fraction(1, 2)
    >>> grim_trigger_threshold(gt.read_game("prisoners-dilemma"), ["Defect", "Defect"])
    Fraction(0, 1)
    """
    return sustainability(game, profile, exact).grim


@accepts_peer_games
def feasible_payoff_set(game: NormalFormGame, exact: bool | None = None, *,
                        context: Context | None = None) -> PayoffSet:
    """The feasible, individually rational payoffs: a polygon for two players.

    The convex hull of the pure profiles' payoff vectors (Andrew's monotone
    chain) cut by the half-planes ``u_i >= v_i`` of the mixed minmax values
    (Sutherland-Hodgman clipping), in exact arithmetic for rational payoffs:
    the folk theorem's set (Fudenberg and Maskin 1986).

    Parameters
    ----------
    game : NormalFormGame
        The stage game, any number of players.
    exact : bool or None
        Rational arithmetic (default for rational payoffs).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    PayoffSet
        Every pure profile's payoff vector (``points``), the minmax vector
        (``minmax``; correlated for three or more players) and, for two
        players, the vertices of the feasible set (``hull``) and of its part
        above the minmax vector (``vertices``), exact polygons listed
        counter-clockwise.

    References
    ----------
    Fudenberg and Maskin (1986), "The folk theorem in repeated games with
    discounting or with incomplete information", Econometrica 54.

    Examples
    --------
    >>> import gametheory as gt
    >>> s = feasible_payoff_set(gt.read_game("prisoners-dilemma"))
    >>> [tuple(str(x) for x in v) for v in s.vertices]
    [('1', '1'), ('13/3', '1'), ('3', '3'), ('1', '13/3')]
    """
    arithmetic = _arithmetic(game, exact, context)
    ex = arithmetic.exact
    U = _payoffs(game, ex)
    points = tuple(tuple(_number(u[ix], ex) for u in U) for ix in np.ndindex(*game.shape))
    minmax = tuple(v.correlated for v in minmax_values(game, exact, context=context))
    hull = vertices = None
    if game.num_players == 2:
        polygon = _hull(list(set(points)))
        hull = tuple(_start_low_left(polygon))
        for i in range(2):
            polygon = _clip(polygon, i, minmax[i])
        vertices = tuple(_start_low_left(polygon))
    return PayoffSet(game=game, points=points, minmax=minmax, hull=hull, vertices=vertices,
                     exact=ex)


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: list[tuple]) -> list[tuple]:
    """Convex hull, counter-clockwise, without collinear points (monotone chain)."""
    pts = sorted(points)
    if len(pts) <= 2:
        return pts
    lower: list[tuple] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _clip(polygon: list[tuple], axis: int, bound: Any) -> list[tuple]:
    """The part of a convex polygon (or segment, or point) where coordinate ``axis >= bound``."""
    if len(polygon) == 1:
        return polygon if polygon[0][axis] >= bound else []
    out: list[tuple] = []
    n = len(polygon)
    for k in range(n):
        p, q = polygon[k], polygon[(k + 1) % n]
        fp, fq = p[axis] - bound, q[axis] - bound
        if fp >= 0:
            out.append(p)
        if (fp > 0 > fq) or (fp < 0 < fq):
            t = fp / (fp - fq)
            out.append(tuple(a + t * (b - a) for a, b in zip(p, q)))
    deduped: list[tuple] = []
    for p in out:
        if not deduped or p != deduped[-1]:
            deduped.append(p)
    while len(deduped) > 1 and deduped[0] == deduped[-1]:
        deduped.pop()
    return _hull(deduped) if len(deduped) > 2 else deduped


def _start_low_left(polygon: list[tuple]) -> list[tuple]:
    if not polygon:
        return polygon
    k = min(range(len(polygon)), key=lambda j: (polygon[j][1], polygon[j][0]))
    return polygon[k:] + polygon[:k]


@dataclass(frozen=True)
class RepeatedPlay(Displayable):
    """What repetition can sustain in a stage game: minmax values, the folk theorem's set and,
    for a target profile, the discount factors that sustain it.

    Attributes
    ----------
    game : NormalFormGame
        The stage game.
    minmax : tuple of MinmaxValue
        Each player's minmax values (``minmax_values``).
    payoff_set : PayoffSet
        The folk theorem's set (``feasible_payoff_set``).
    target : Sustainability or None
        The thresholds of the target profile, if one was given.
    discount : Fraction, float or None
        The discount factor asked about, if any.
    exact : bool
        Whether the numbers are exact (Fractions).

    Examples
    --------
    >>> import gametheory as gt
    >>> r = gt.repeated_play(gt.read_game("prisoners-dilemma"), ["Cooperate", "Cooperate"], "0.9")
    >>> r.discount, r.exact, [str(v.mixed) for v in r.minmax], r.target.grim
    (Fraction(9, 10), True, ['1', '1'], Fraction(1, 2))
    >>> gt.repeated_play(gt.read_game("prisoners-dilemma")).target is None
    True
    """

    game: NormalFormGame
    minmax: tuple[MinmaxValue, ...]
    payoff_set: PayoffSet
    target: Sustainability | None
    discount: Any
    exact: bool


@accepts_peer_games
def repeated_play(game: NormalFormGame, profile: Sequence[Any] | None = None,
                  discount: Any = None, exact: bool | None = None, *,
                  context: Context | None = None) -> RepeatedPlay:
    """Minmax values, the feasible individually rational set and (given a pure ``profile``)
    its grim-trigger and one-period thresholds, in one record (what ``gametheory repeated``
    prints, and its JSON, schema ``gametheory.repeated/1``).

    Parameters
    ----------
    game : NormalFormGame
        The stage game.
    profile : sequence, optional
        A pure target profile (action names, indices or 0/1 vectors).
    discount : Fraction, float, int or str, optional
        A discount factor in (0, 1) to ask about (``"0.9"`` is exact).
    exact : bool or None
        Rational arithmetic (default for rational payoffs).
    context : Context, optional
        The computation's context; when given, its arithmetic is used.

    Returns
    -------
    RepeatedPlay
        ``minmax_values``, ``feasible_payoff_set`` and, given
        ``profile``, ``sustainability``.

    Raises
    ------
    InvalidGameError
        For a discount factor outside (0, 1) or a profile that is not pure.

    Examples
    --------
    >>> import gametheory as gt
    >>> r = repeated_play(gt.read_game("prisoners-dilemma"), ["Cooperate", "Cooperate"], "0.9")
    >>> str(r.target.grim), r.target.sustained(r.discount)
    ('1/2', True)
    """
    context = resolve_context(game, exact, None, context)
    delta = None if discount is None else discount_factor(discount)
    target = None if profile is None else sustainability(game, profile, context=context)
    return RepeatedPlay(game=game, minmax=minmax_values(game, context=context),
                        payoff_set=feasible_payoff_set(game, context=context), target=target,
                        discount=delta, exact=context.arithmetic.exact)
