"""Perfect Bayesian equilibria of signalling games, and Cho and Kreps's Intuitive Criterion.

A pure-strategy perfect Bayesian equilibrium (Fudenberg and Tirole 1991,
"Game Theory", section 8.2) of a :class:`~gametheory.games.signalling.SignallingGame`
is a sender strategy ``s`` (a message per type), a receiver strategy ``r`` (an
action per message) and beliefs ``mu(. | m)`` over types such that

- each type's message is a best reply to ``r``;
- after a message some type sends, the beliefs follow from the prior by
  Bayes' rule, and ``r(m)`` is a best reply to them;
- after a message no type sends (off the path), ``r(m)`` is a best reply to
  *some* belief: the set of such beliefs is a polytope, reported by the least
  and greatest probability it gives each type (exact linear programs).

:func:`perfect_bayesian_equilibria` enumerates every pure sender and receiver
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
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..arithmetic import EXACT
from ..games.signalling import SignallingGame
from ..linalg.lp import FLOAT_LP, solve_lp

__all__ = ["SignallingEquilibrium", "SignallingResult", "perfect_bayesian_equilibria"]


@dataclass(frozen=True)
class SignallingEquilibrium:
    """A pure-strategy perfect Bayesian equilibrium of a signalling game.

    Attributes
    ----------
    kind : str
        ``"pooling"``, ``"separating"`` or ``"partially pooling"``.
    messages : dict
        Type -> the message it sends.
    responses : dict
        Message -> the receiver's action.
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
    """

    kind: str
    messages: dict[str, str]
    responses: dict[str, str]
    beliefs: dict[str, dict[str, Any]]
    off_path: dict[str, dict[str, tuple[Any, Any]]]
    payoffs: dict[str, Any]
    intuitive: bool
    reason: str


@dataclass(frozen=True)
class SignallingResult:
    """Every pure-strategy perfect Bayesian equilibrium of a signalling game.

    Attributes
    ----------
    game : SignallingGame
    equilibria : tuple of SignallingEquilibrium
    exact : bool
    note : str
        What the list leaves out (equilibria with mixing).
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


def _best_reply_beliefs(game: SignallingGame, m: int, a: int, among: Sequence[int]):
    """The beliefs over ``among`` (the other types get 0) to which action ``a`` is a best reply
    after message ``m``: None when there are none, else per type of ``among`` its least and
    greatest probability there (exact linear programs)."""
    k = len(among)
    U = game.receiver_payoffs[:, m, :]
    # mu >= 0, sum mu = 1, sum_t mu_t (U[t, b] - U[t, a]) <= 0 for every action b
    A_ub = np.array([[U[t, b] - U[t, a] for t in among] for b in range(len(game.actions)) if b != a],
                    dtype=object).reshape(-1, k)
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


def perfect_bayesian_equilibria(game: SignallingGame) -> SignallingResult:
    """Every pure-strategy perfect Bayesian equilibrium, classified and tested by the Intuitive
    Criterion (see the module notes).

    Examples
    --------
    >>> import gametheory as gt
    >>> res = perfect_bayesian_equilibria(gt.textbook_game("beer-quiche"))
    >>> [(e.kind, e.messages["strong"], e.intuitive) for e in res.equilibria]
    [('pooling', 'beer', True), ('pooling', 'quiche', False)]
    """
    T, M, A = len(game.types), len(game.messages), len(game.actions)
    ex = game.exact
    S, R, prior = game.sender_payoffs, game.receiver_payoffs, game.prior
    out = []
    replies_all = {m: _replies(game, m, range(T)) for m in range(M)}
    for plan in itertools.product(range(M), repeat=T):
        used = sorted(set(plan))
        beliefs: dict[int, list] = {}
        best: dict[int, list[int]] = {}
        for m in used:
            senders = [t for t in range(T) if plan[t] == m]
            total = sum((prior[t] for t in senders), _zero(ex))
            mu = [prior[t] / total if plan[t] == m else _zero(ex) for t in range(T)]
            beliefs[m] = mu
            values = [sum((mu[t] * R[t, m, a] for t in range(T)), _zero(ex)) for a in range(A)]
            top = max(values)
            best[m] = [a for a in range(A) if values[a] == top]
        off = [m for m in range(M) if m not in used]
        choices = [best[m] if m in used else replies_all[m] for m in range(M)]
        for response in itertools.product(*choices):
            if any(S[t, plan[t], response[plan[t]]] < S[t, m, response[m]]
                   for t in range(T) for m in range(M)):
                continue                     # some type gains by sending another message
            payoff = {game.types[t]: S[t, plan[t], response[plan[t]]] for t in range(T)}
            payoff["receiver"] = sum((prior[t] * R[t, plan[t], response[plan[t]]] for t in range(T)),
                                     _zero(ex))
            regions = {game.messages[m]: _best_reply_beliefs(game, m, response[m], range(T))
                       for m in off}
            intuitive, reason = _intuitive(game, plan, response, off)
            kind = "pooling" if len(used) == 1 else "separating" if len(used) == T \
                else "partially pooling"
            out.append(SignallingEquilibrium(
                kind=kind, messages={game.types[t]: game.messages[plan[t]] for t in range(T)},
                responses={game.messages[m]: game.actions[response[m]] for m in range(M)},
                beliefs={game.messages[m]: {game.types[t]: beliefs[m][t] for t in range(T)}
                         for m in used},
                off_path=regions, payoffs=payoff, intuitive=intuitive, reason=reason))
    return SignallingResult(game=game, equilibria=tuple(out), exact=ex,
                            note="pure strategies only: equilibria in which the sender or the "
                                 "receiver mixes are not listed")


def _intuitive(game: SignallingGame, plan: Sequence[int], response: Sequence[int],
               off: Sequence[int]) -> tuple[bool, str]:
    S = game.sender_payoffs
    T = len(game.types)
    star = [S[t, plan[t], response[plan[t]]] for t in range(T)]
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
