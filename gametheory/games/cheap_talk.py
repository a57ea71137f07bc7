"""Pre-play communication: a cheap-talk stage in front of a game in strategic form.

The senders each send a message from their set at the same time (none sees
another's message before sending); every player then sees every message and
the players play the game, again at the same time.  Talk is *cheap*: messages
cost nothing and change no payoff, so whatever they do, they do through the
players' expectations (Farrell 1987, "Cheap talk, coordination, and entry",
RAND J. Econ. 18; Farrell and Rabin 1996, "Cheap talk", J. Econ. Persp. 10).
Every subgame-perfect equilibrium of the tree is an equilibrium of the game
with talk; among them are always *babbling* ones, where messages are ignored
and any equilibrium of the game is played.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from math import prod
from typing import Any

from ..errors import GameTooLargeError, InvalidGameError
from .normal import NormalFormGame
from .peers import accepts_peer_games
from .tree import ExtensiveFormGame, Node, decision, outcome

__all__ = ["cheap_talk", "MAX_TALK_LEAVES"]

#: The most leaves a game with talk may have.
MAX_TALK_LEAVES = 200_000


def _messages(game: NormalFormGame, messages: Any, senders: Sequence[str]) -> dict[str, tuple[str, ...]]:
    per = messages if isinstance(messages, Mapping) else {s: messages for s in senders}
    out = {}
    for s in senders:
        if s not in per:
            raise InvalidGameError(f"cheap talk: no messages given for sender {s!r}")
        names = per[s]
        if isinstance(names, str) or not isinstance(names, Sequence) or len(names) < 2:
            raise InvalidGameError(f"cheap talk: sender {s!r} needs a list of at least two messages")
        names = tuple(str(m) for m in names)
        if len(set(names)) < len(names):
            raise InvalidGameError(f"cheap talk: sender {s!r} has a repeated message")
        out[s] = names
    extra = [s for s in per if s not in senders] if isinstance(messages, Mapping) else []
    if extra:
        raise InvalidGameError(f"cheap talk: {extra[0]!r} is given messages but is not a sender")
    return out


@accepts_peer_games
def cheap_talk(game: NormalFormGame, messages: Any, senders: Sequence[str] | None = None
               ) -> ExtensiveFormGame:
    """The game preceded by one round of simultaneous, costless messages, as a tree.

    Parameters
    ----------
    game : NormalFormGame
        The game played after the talk.
    messages : sequence of str, or mapping
        The messages each sender may send: one list for every sender, or a
        mapping sender -> list.
    senders : sequence of str, optional
        The players who talk (default: every player).

    Returns
    -------
    ExtensiveFormGame
        Its ``leaf_outcomes`` maps each leaf (depth-first number) to
        ``(messages sent, action profile of the game)`` (names).

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = cheap_talk(gt.read_game("stag-hunt"), ["stag", "hare"], senders=["Row"])
    >>> len(tree.infoset_keys)
    5
    """
    senders = list(game.players if senders is None else senders)
    if not senders:
        raise InvalidGameError("cheap talk: name at least one sender")
    unknown = [s for s in senders if s not in game.players]
    if unknown:
        raise InvalidGameError(f"cheap talk: {unknown[0]!r} is not a player of the game "
                               f"({', '.join(game.players)})")
    if len(set(senders)) < len(senders):
        raise InvalidGameError("cheap talk: a sender is named twice")
    said = _messages(game, messages, senders)
    talks = list(itertools.product(*(said[s] for s in senders)))
    leaves = len(talks) * prod(game.shape)
    if leaves > MAX_TALK_LEAVES:
        raise GameTooLargeError(f"cheap talk: the tree would have {leaves} leaves "
                                f"(limit {MAX_TALK_LEAVES})")
    reached: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    payoff = [game.payoffs[i] if game.is_exact else game.float_payoffs[i]
              for i in range(game.num_players)]

    def play(talk: tuple[str, ...], i: int, chosen: tuple[int, ...]) -> Node:
        if i == game.num_players:
            leaf = outcome(*(payoff[k][chosen] for k in range(game.num_players)))
            reached[id(leaf)] = (talk, tuple(game.actions[k][a] for k, a in enumerate(chosen)))
            return leaf
        heard = ", ".join(f"{s}: {m}" for s, m in zip(senders, talk))
        return decision(game.players[i], f"heard {heard}",
                        {game.actions[i][a]: play(talk, i + 1, chosen + (a,))
                         for a in range(game.shape[i])})

    def send(k: int, talk: tuple[str, ...]) -> Node:
        if k == len(senders):
            return play(talk, 0, ())
        return decision(senders[k], "talk", {m: send(k + 1, talk + (m,)) for m in said[senders[k]]})

    tree = ExtensiveFormGame(send(0, ()), players=list(game.players),
                             title=f"{game.title or 'game'}, after cheap talk by {', '.join(senders)}")
    tree.leaf_outcomes = {int(i): reached[id(tree.node(int(i)))] for i in tree.flat.leaves}
    return tree
