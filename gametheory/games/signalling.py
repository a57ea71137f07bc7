"""Signalling games: a sender of private type sends a message, a receiver sees it and acts.

Nature draws the sender's type ``t`` from a prior; the sender, knowing ``t``,
sends a message ``m``; the receiver sees ``m`` (not ``t``) and takes an action
``a``; each gets ``u(t, m, a)``.  The textbook cases: Spence's (1973) job-market
signalling and Cho and Kreps's (1987) beer-quiche game ("Signaling games and
stable equilibria", QJE 102).  ``SignallingGame.tree`` gives the game tree
(nature, then one information set per type for the sender and one per message
for the receiver); ``gametheory.analysis.signalling`` finds its perfect
Bayesian equilibria and applies the Intuitive Criterion.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidGameError
from ._input import names, number
from .tree import ExtensiveFormGame, chance, decision, outcome

__all__ = ["SignallingGame"]


class SignallingGame:
    """A finite signalling game.

    Parameters
    ----------
    types : sequence of str
        The sender's types.
    prior : sequence of numbers
        Their probabilities (each positive, summing to 1; exact numbers keep the game exact).
    messages : sequence of str
    actions : sequence of str
        The receiver's actions.
    sender_payoffs, receiver_payoffs : nested sequences
        ``[type][message][action]`` payoffs.
    sender, receiver : str
        The players' names.
    title : str

    Raises
    ------
    InvalidGameError
        A prior that does not sum to 1 or has a zero or negative entry, payoffs of the wrong
        shape or not finite, empty or repeated names.

    Examples
    --------
    >>> g = SignallingGame(["weak", "strong"], ["1/10", "9/10"], ["beer", "quiche"],
    ...                    ["duel", "not"], [[[1, 3], [0, 2]], [[0, 2], [1, 3]]],
    ...                    [[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    >>> g.tree().players
    ('Sender', 'Receiver')
    """

    def __init__(self, types: Sequence[str], prior: Sequence[Any], messages: Sequence[str],
                 actions: Sequence[str], sender_payoffs: Any, receiver_payoffs: Any,
                 sender: str = "Sender", receiver: str = "Receiver", title: str = "") -> None:
        self.types = names(types, "the sender's types")
        self.messages = names(messages, "the messages")
        self.actions = names(actions, "the receiver's actions")
        self.sender, self.receiver = str(sender), str(receiver)
        if self.sender == self.receiver:
            raise InvalidGameError("the sender and the receiver need different names")
        self.title = str(title)
        if isinstance(prior, str) or len(prior) != len(self.types):
            raise InvalidGameError(f"the prior needs one probability per type ({len(self.types)})")
        p = [number(v, f"prior of type {t!r}") for t, v in zip(self.types, prior)]
        shape = (len(self.types), len(self.messages), len(self.actions))
        tables = []
        for who, table in (("sender", sender_payoffs), ("receiver", receiver_payoffs)):
            arr = np.asarray(table, dtype=object)
            if arr.shape != shape:
                raise InvalidGameError(f"the {who}'s payoffs must have shape {shape} "
                                       f"(type, message, action), got {arr.shape}")
            flat = [number(v, f"{who}'s payoff") for v in arr.flat]
            tables.append(flat)
        self.exact = all(isinstance(v, Fraction) for v in p + tables[0] + tables[1])
        kind = object if self.exact else float
        self.prior = np.array(p if self.exact else [float(v) for v in p], dtype=kind)
        if any(v <= 0 for v in self.prior):
            raise InvalidGameError("every type needs a positive prior probability")
        total = sum(self.prior)
        if (total != 1) if self.exact else abs(float(total) - 1) > 1e-9:
            raise InvalidGameError(f"the prior's probabilities sum to {total}, not 1")
        self.sender_payoffs = np.array(tables[0] if self.exact else [float(v) for v in tables[0]],
                                       dtype=kind).reshape(shape)
        self.receiver_payoffs = np.array(tables[1] if self.exact else [float(v) for v in tables[1]],
                                         dtype=kind).reshape(shape)

    def tree(self) -> ExtensiveFormGame:
        """Nature draws the type; the sender (information set ``"type T"``) sends a message; the
        receiver (information set ``"heard M"``) acts."""
        def respond(t: int, m: int):
            return decision(self.receiver, f"heard {self.messages[m]}",
                            {self.actions[a]: outcome(self.sender_payoffs[t, m, a],
                                                      self.receiver_payoffs[t, m, a])
                             for a in range(len(self.actions))})

        root = chance({self.types[t]: (self.prior[t], decision(
            self.sender, f"type {self.types[t]}",
            {self.messages[m]: respond(t, m) for m in range(len(self.messages))}))
            for t in range(len(self.types))})
        return ExtensiveFormGame(root, players=[self.sender, self.receiver],
                                 title=self.title or "signalling game")

    def __repr__(self) -> str:
        return (f"SignallingGame({self.title!r}, types={list(self.types)}, "
                f"messages={list(self.messages)}, actions={list(self.actions)})")
