"""Perfect Bayesian equilibria of signalling games, and Cho and Kreps's Intuitive Criterion.

A pure-strategy perfect Bayesian equilibrium (Fudenberg and Tirole 1991,
"Game Theory", section 8.2) of a ``SignallingGame``
is a sender strategy ``s`` (a message per type), a receiver strategy ``r`` (an
action per message) and beliefs ``mu(. | m)`` over types such that

- each type's message is a best reply to ``r``;
- after a message some type sends, the beliefs follow from the prior by
  Bayes' rule, and ``r(m)`` is a best reply to them;
- after a message no type sends (off the path), ``r(m)`` is a best reply to
  *some* belief: the set of such beliefs is a polytope, reported by the least
  and greatest probability it gives each type (exact linear programs).

``perfect_bayesian_equilibria`` enumerates every pure sender and receiver
strategy and keeps the equilibria, classified as pooling (one message),
separating (a different message per type) or partially pooling.  Equilibria in
which someone mixes (hybrid equilibria, or a receiver mixing at an exact tie of
beliefs) are not enumerated, and the result says so.

The **Intuitive Criterion** (Cho and Kreps 1987, "Signaling games and stable
equilibria", QJE 102): for an off-path message ``m``, let ``D`` be the types for
whom ``m`` cannot pay more than their equilibrium payoff whatever best reply
(to any belief) the receiver makes; the equilibrium fails the criterion if some
type outside ``D`` would gain from ``m`` against every best reply to beliefs
concentrated outside ``D``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ..arithmetic import EXACT
from ..display import Displayable
from ..games.signalling import SignallingGame
from ..linalg.lp import FLOAT_LP, solve_lp
from ..solvers.solve import solve

if TYPE_CHECKING:
    from ..games.behavior import Behavior

__all__ = ["SignallingEquilibrium", "SignallingResult", "perfect_bayesian_equilibria"]


@dataclass(frozen=True)
class SignallingEquilibrium(Displayable):
    """A perfect Bayesian equilibrium of a signalling game (pure, or with mixing when asked for).

    Attributes
    ----------
    kind : str
        ``"pooling"``, ``"separating"``, ``"partially pooling"``, or ``"hybrid"`` when
        some type mixes.
    messages : dict
        Type -> the message it sends (None for a type that mixes).
    responses : dict
        Message -> the receiver's action (None where it mixes).
    beliefs : dict
        Message on the path -> {type: probability} (Bayes' rule).
    off_path : dict
        Message off the path -> {type: (least, greatest)}: the probability each
        type can have under the beliefs that make the response a best reply.
    payoffs : dict
        Type -> the sender's payoff; ``"receiver"`` -> the receiver's expected payoff.
    intuitive : bool
        Whether it passes the Intuitive Criterion.
    reason : str
        Why it fails the criterion (which type would deviate to which message), or "".
    sender : dict
        Type -> {message: probability} (the messages it sends).
    receiver : dict
        Message -> {action: probability} (the actions taken).

    Examples
    --------
    >>> import gametheory as gt
    >>> e = gt.perfect_bayesian_equilibria(gt.textbook_game("beer-quiche")).equilibria[1]
    >>> e.kind, e.messages, e.responses
    ('pooling', {'weak': 'quiche', 'strong': 'quiche'}, {'beer': 'duel', 'quiche': 'not'})
    >>> e.beliefs, e.off_path
    ({'quiche': {'weak': Fraction(1, 10), 'strong': Fraction(9, 10)}},
     {'beer': {'weak': (Fraction(1, 2), Fraction(1, 1)),
               'strong': (Fraction(0, 1), Fraction(1, 2))}})
    >>> e.payoffs, e.intuitive
    ({'weak': Fraction(3, 1), 'strong': Fraction(2, 1), 'receiver': Fraction(9, 10)}, False)
    >>> print(e.reason)
    'beer' could pay only for 'strong', and type 'strong' gains by it whatever the
    receiver's best reply to beliefs on those types
    >>> e.sender["weak"], e.receiver["beer"]
    ({'quiche': Fraction(1, 1)}, {'duel': Fraction(1, 1)})
    """

    kind: str
    messages: dict[str, str | None]
    responses: dict[str, str | None]
    beliefs: dict[str, dict[str, Any]]
    off_path: dict[str, dict[str, tuple[Any, Any]]]
    payoffs: dict[str, Any]
    intuitive: bool
    reason: str
    sender: dict[str, dict[str, Any]]
    receiver: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class SignallingResult(Displayable):
    """Every pure-strategy perfect Bayesian equilibrium of a signalling game (and, when asked
    for, the extreme ones with mixing).

    Attributes
    ----------
    game : SignallingGame
        The game.
    equilibria : tuple of SignallingEquilibrium
        The equilibria found, pure ones first.
    exact : bool
        Whether the numbers are exact (Fractions).
    note : str
        What the list leaves out (equilibria with mixing, or mixtures along a continuum).
    intuitive : tuple of SignallingEquilibrium
        The equilibria that pass the Intuitive Criterion (a property).

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.perfect_bayesian_equilibria(gt.textbook_game("beer-quiche"))
    >>> len(res.equilibria), res.exact, [e.messages["weak"] for e in res.intuitive]
    (2, True, ['beer'])
    >>> res.note
    'pure strategies only: equilibria in which the sender or the receiver mixes are not listed'
    """

    game: SignallingGame
    equilibria: tuple[SignallingEquilibrium, ...]
    exact: bool
    note: str

    @property
    def intuitive(self) -> tuple[SignallingEquilibrium, ...]:
        """The equilibria that pass the Intuitive Criterion."""
        return tuple(e for e in self.equilibria if e.intuitive)


def _zero(exact: bool) -> Any:
    return Fraction(0) if exact else 0.0


def _best_reply_beliefs(game: SignallingGame, m: int, a: Any, among: Sequence[int]):
    """The beliefs over ``among`` (the other types get 0) to which action ``a`` (or every action
    of a collection ``a``, the support of a mixed reply) is a best reply after message ``m``:
    None when there are none, else per type of ``among`` its least and greatest probability
    there (exact linear programs)."""
    k = len(among)
    U = game.receiver_payoffs[:, m, :]
    support = [a] if isinstance(a, (int, np.integer)) else list(a)
    # mu >= 0, sum mu = 1, sum_t mu_t (U[t, b] - U[t, a]) <= 0 for every action b and a in support
    A_ub = np.array([[U[t, b] - U[t, c] for t in among] for c in support
                     for b in range(len(game.actions)) if b != c], dtype=object).reshape(-1, k)
    b_ub = [0] * len(A_ub)
    A_eq = np.array([[1] * k], dtype=object)
    arithmetic = EXACT if game.exact else FLOAT_LP
    bounds = {}
    for j, t in enumerate(among):
        low = high = None
        for sign in (1, -1):
            c = [0] * k
            c[j] = sign
            sol = solve_lp(c, A_ub, b_ub, A_eq, [1], arithmetic, bounds=[(0, None)] * k)
            if sol is None:
                return None
            if sign == 1:
                low = sol.x[j]
            else:
                high = sol.x[j]
        bounds[game.types[t]] = (low, high)
    return bounds


def _replies(game: SignallingGame, m: int, among: Sequence[int]) -> list[int]:
    """The receiver's pure actions that are a best reply after ``m`` to some belief on ``among``."""
    return [a for a in range(len(game.actions)) if _best_reply_beliefs(game, m, a, among) is not None]


def perfect_bayesian_equilibria(game: SignallingGame, mixed: bool = False) -> SignallingResult:
    """Every pure-strategy perfect Bayesian equilibrium, classified and tested by the Intuitive
    Criterion; with ``mixed``, also the extreme Nash equilibria of the game tree (vertex
    enumeration of its reduced normal form) in which someone mixes and whose off-path replies
    are best replies to some belief: hybrid (semi-separating) equilibria and receivers mixing
    at a tie.

    Every pure sender strategy (a message per type) and receiver strategy (an
    action per message) is tried.  A pure-strategy perfect Bayesian
    equilibrium has each type's message a best reply to the receiver's
    strategy; after a message some type sends, beliefs from the prior by
    Bayes' rule and a best reply to them; after a message no type sends (off
    the path), a reply that is a best reply to *some* belief.  Those beliefs
    form a polytope, reported by the least and greatest probability of each
    type (exact linear programs).  Each equilibrium is classified as pooling
    (one message), separating (a different message per type), partially
    pooling, or (with ``mixed``, when some type mixes) hybrid.

    The Intuitive Criterion: for an off-path message ``m``, let ``D`` be the
    types for whom ``m`` cannot pay more than their equilibrium payoff
    whatever best reply (to any belief) the receiver makes; the equilibrium
    fails if some type outside ``D`` would gain from ``m`` against every best
    reply to beliefs concentrated outside ``D``.

    Parameters
    ----------
    game : SignallingGame
        The game.
    mixed : bool
        Also list the equilibria with mixing described above; without it
        equilibria in which someone mixes are not listed.  The result's
        ``note`` says which.

    Returns
    -------
    SignallingResult
        The equilibria, each a ``SignallingEquilibrium``.

    References
    ----------
    Fudenberg and Tirole (1991), *Game Theory*, section 8.2; Cho and Kreps
    (1987), "Signaling games and stable equilibria", Quarterly Journal of
    Economics 102.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = perfect_bayesian_equilibria(gt.textbook_game("beer-quiche"))
    >>> [(e.kind, e.messages["strong"], e.intuitive) for e in res.equilibria]
    [('pooling', 'beer', True), ('pooling', 'quiche', False)]

    With ``mixed``, the receiver may also mix off the path:

    >>> res = perfect_bayesian_equilibria(gt.textbook_game("beer-quiche"), mixed=True)
    >>> [e.receiver["quiche"] for e in res.equilibria]
    [{'duel': Fraction(1, 1)}, {'not': Fraction(1, 1)},
     {'duel': Fraction(1, 2), 'not': Fraction(1, 2)}, {'not': Fraction(1, 1)}]
    """
    T, M, A = len(game.types), len(game.messages), len(game.actions)
    ex = game.exact
    S, R, prior = game.sender_payoffs, game.receiver_payoffs, game.prior
    out: list[SignallingEquilibrium] = []
    replies_all = {m: _replies(game, m, range(T)) for m in range(M)}
    for plan in itertools.product(range(M), repeat=T):
        used = sorted(set(plan))
        best: dict[int, list[int]] = {}
        for m in used:
            senders = [t for t in range(T) if plan[t] == m]
            total = sum((prior[t] for t in senders), _zero(ex))
            mu = [prior[t] / total if plan[t] == m else _zero(ex) for t in range(T)]
            values = [sum((mu[t] * R[t, m, a] for t in range(T)), _zero(ex)) for a in range(A)]
            top = max(values)
            best[m] = [a for a in range(A) if values[a] == top]
        choices = [best[m] if m in used else replies_all[m] for m in range(M)]
        for response in itertools.product(*choices):
            if any(S[t, plan[t], response[plan[t]]] < S[t, m, response[m]]
                   for t in range(T) for m in range(M)):
                continue                     # some type gains by sending another message
            sigma = [[_one(m == plan[t], ex) for m in range(M)] for t in range(T)]
            rho = [[_one(a == response[m], ex) for a in range(A)] for m in range(M)]
            # every reply off the path is a best reply to some belief (_replies): never None
            out.append(cast(SignallingEquilibrium, _equilibrium(game, sigma, rho)))
    if not mixed:
        return SignallingResult(game=game, equilibria=tuple(out), exact=ex,
                                note="pure strategies only: equilibria in which the sender or "
                                     "the receiver mixes are not listed")
    seen = {_key(e) for e in out}
    for sigma, rho in _tree_equilibria(game):
        e = _equilibrium(game, sigma, rho)
        if e is not None and _key(e) not in seen:
            seen.add(_key(e))
            out.append(e)
    return SignallingResult(game=game, equilibria=tuple(out), exact=ex,
                            note="the pure equilibria, then the extreme Nash equilibria of the "
                                 "game tree that are perfect Bayesian; mixtures of them along a "
                                 "continuum are not listed")


def _one(flag: bool, exact: bool) -> Any:
    return (Fraction(1) if flag else Fraction(0)) if exact else float(flag)


def _key(e: SignallingEquilibrium) -> tuple:
    return (tuple(sorted((t, tuple(sorted(d.items()))) for t, d in e.sender.items())),
            tuple(sorted((m, tuple(sorted(d.items()))) for m, d in e.receiver.items())))


def _tree_equilibria(game: SignallingGame):
    """The extreme Nash equilibria of the game tree as (sender per type, receiver per message)
    distributions."""
    tree = game.tree()
    keys = tree.infoset_keys
    for eq in solve(tree, exact=game.exact).equilibria:
        dist = {}
        behavior = cast("Behavior", eq.behavior)   # set on every equilibrium of a tree
        per_player = {p: list(b) for p, b in zip(tree.players, behavior)}
        counters = {p: 0 for p in tree.players}
        for player, name in keys:
            dist[(player, name)] = per_player[player][counters[player]]
            counters[player] += 1
        sigma = [list(dist[(game.sender, f"type {t}")]) for t in game.types]
        rho = [list(dist[(game.receiver, f"heard {m}")]) for m in game.messages]
        yield sigma, rho


def _equilibrium(game: SignallingGame, sigma: Sequence[Sequence[Any]],
                 rho: Sequence[Sequence[Any]]) -> SignallingEquilibrium | None:
    """The record of a profile that is a Nash equilibrium of the tree, or None when some reply
    off the path is a best reply to no belief (not perfect Bayesian)."""
    T, M, A = len(game.types), len(game.messages), len(game.actions)
    ex = game.exact
    S, R, prior = game.sender_payoffs, game.receiver_payoffs, game.prior
    zero = _zero(ex)
    reach = [sum((prior[t] * sigma[t][m] for t in range(T)), zero) for m in range(M)]
    used = [m for m in range(M) if reach[m] != 0]
    off = [m for m in range(M) if reach[m] == 0]
    beliefs = {m: [prior[t] * sigma[t][m] / reach[m] for t in range(T)] for m in used}
    regions = {}
    for m in off:
        region = _best_reply_beliefs(game, m, [a for a in range(A) if rho[m][a] != 0], range(T))
        if region is None:
            return None
        regions[game.messages[m]] = region
    star = [sum((sigma[t][m] * rho[m][a] * S[t, m, a] for m in range(M) for a in range(A)), zero)
            for t in range(T)]
    payoff = {game.types[t]: star[t] for t in range(T)}
    payoff["receiver"] = sum((prior[t] * sigma[t][m] * rho[m][a] * R[t, m, a]
                              for t in range(T) for m in range(M) for a in range(A)), zero)
    intuitive, reason = _intuitive(game, star, off)
    mixes = any(sum(1 for v in sigma[t] if v != 0) > 1 for t in range(T))
    kind = "hybrid" if mixes else "pooling" if len(used) == 1 else \
        "separating" if len(used) == T else "partially pooling"

    def pure(dist: Sequence[Any], names: Sequence[str]) -> str | None:
        hits = [k for k, v in enumerate(dist) if v != 0]
        return names[hits[0]] if len(hits) == 1 else None

    return SignallingEquilibrium(
        kind=kind, messages={game.types[t]: pure(sigma[t], game.messages) for t in range(T)},
        responses={game.messages[m]: pure(rho[m], game.actions) for m in range(M)},
        beliefs={game.messages[m]: {game.types[t]: beliefs[m][t] for t in range(T)} for m in used},
        off_path=regions, payoffs=payoff, intuitive=intuitive, reason=reason,
        sender={game.types[t]: {game.messages[m]: sigma[t][m] for m in range(M) if sigma[t][m] != 0}
                for t in range(T)},
        receiver={game.messages[m]: {game.actions[a]: rho[m][a] for a in range(A) if rho[m][a] != 0}
                  for m in range(M)})


def _intuitive(game: SignallingGame, star: Sequence[Any], off: Sequence[int]) -> tuple[bool, str]:
    S = game.sender_payoffs
    T = len(game.types)
    for m in off:
        any_reply = _replies(game, m, range(T))
        never = [t for t in range(T) if star[t] > max(S[t, m, a] for a in any_reply)]
        rest = [t for t in range(T) if t not in never]
        if not never or not rest:
            continue
        replies = _replies(game, m, rest)
        for t in rest:
            if min(S[t, m, a] for a in replies) > star[t]:
                return False, (f"{game.messages[m]!r} could pay only for "
                               f"{', '.join(repr(game.types[u]) for u in rest)}, and type "
                               f"{game.types[t]!r} gains by it whatever the receiver's best "
                               "reply to beliefs on those types")
    return True, ""
