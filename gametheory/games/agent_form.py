"""The agent normal form of a game tree (Selten 1975; Kuhn 1953).

Each information set is an *agent* of its player, with the information set's
actions as its pure strategies and its player's payoff as its payoff.  A
profile of agents' mixed strategies is a behaviour profile of the tree, so the
agent form is where Selten defined perfection for trees: an equilibrium in
behaviour strategies is (agent-form) perfect when it is a perfect equilibrium
of the agent normal form.

Examples
--------
>>> import gametheory as gt
>>> g = agent_form(gt.read_game("entry"))
>>> g.players, g.actions
(('Entrant: e', 'Incumbent: i'), (('Out', 'In'), ('Fight', 'Accommodate')))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError
from .normal import NormalFormGame
from .peers import accepts_peer_games
from .tree import DECISION, MAX_PROFILES, ExtensiveFormGame, top_down_product

__all__ = ["agent_form", "agents", "behavior_to_agents", "agents_to_behavior"]


def agents(game: ExtensiveFormGame) -> list[tuple[int, int]]:
    """The agents in order: ``(player index, position among the player's information sets)``,
    one per information set in order of first appearance in the tree."""
    seen: dict[int, int] = {}
    out = []
    for player, _ in game.infoset_keys:
        p = game.players.index(player)
        out.append((p, seen.get(p, 0)))
        seen[p] = seen.get(p, 0) + 1
    return out


@accepts_peer_games
def agent_form(game: ExtensiveFormGame) -> NormalFormGame:
    """The agent normal form of ``game``: one player per information set (Selten 1975).

    Agent ``"Player: infoset"`` (with ``" (k)"`` appended to every name when
    two information sets would share one) chooses the information set's
    action and gets its player's expected payoff (over chance).  Exact where
    the tree is.  A profile of agents' mixed strategies is a behaviour
    profile, so this is where agent-form perfection, the agent QRE and the
    agent-form tracing procedure live.  Each leaf adds its chance probability
    times its payoffs to the block of agent profiles that choose the actions
    on its path (one numpy slice per leaf).

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree; it may lack perfect recall, but not be absent-minded.

    Returns
    -------
    NormalFormGame
        One player per information set, in the tree's information-set order,
        titled ``"<title> (agent form)"``.

    Raises
    ------
    GameTooLargeError
        When the agent form would have more than ``MAX_PROFILES`` (10^6)
        profiles.
    InvalidGameError
        When the tree is absent-minded (an information set met twice on one path).

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for
    equilibrium points in extensive games. International Journal of Game
    Theory 4, 25-55.

    Examples
    --------
    >>> import gametheory as gt
    >>> horse = gt.read_game("selten-horse")
    >>> g = agent_form(horse)
    >>> g.shape, g.players
    ((2, 2, 2), ('Player 1: 1', 'Player 2: 1', 'Player 3: 1'))
    """
    if game.absent_minded:
        raise InvalidGameError("the agent normal form needs every information set to be met at "
                               "most once on a path, and this tree is absent-minded "
                               f"({game.recall_note}); solve its normal form instead")
    f = game.flat
    keys = game.infoset_keys
    sizes = [len(game.infosets[key]) for key in keys]
    total = int(np.prod(sizes, dtype=object))
    if total > MAX_PROFILES:
        raise GameTooLargeError(f"the agent normal form would have {total:.3g} profiles "
                                f"(limit {MAX_PROFILES:.0e})")
    exact = game.exact
    reach = top_down_product(f, f.probabilities(exact))
    pay = f.payoffs(exact)
    owner = [game.players.index(p) for p, _ in keys]
    by_player = [np.zeros(sizes, dtype=object if exact else float) for _ in game.players]
    if exact:
        for arr in by_player:
            arr.fill(0)
    for leaf in f.leaves.tolist():
        w = reach[leaf]
        if w == 0:
            continue
        block: list[Any] = [slice(None)] * len(keys)
        child, node = leaf, int(f.parent[leaf])
        while node >= 0:
            if f.kind[node] == DECISION:
                block[int(f.infoset[node])] = int(f.action[child])
            child, node = node, int(f.parent[node])
        for p, arr in enumerate(by_player):
            arr[tuple(block)] += w * pay[leaf, p]
    names = [f"{p}: {s}" for p, s in keys]
    if len(set(names)) < len(names):                   # information sets without distinct names
        names = [f"{p}: {s} ({k + 1})" for k, (p, s) in enumerate(keys)]
    return NormalFormGame([by_player[owner[k]] for k in range(len(keys))], players=names,
                          actions=[list(game.infosets[key]) for key in keys],
                          title=(game.title or "tree") + " (agent form)")


def behavior_to_agents(game: ExtensiveFormGame, behavior: Sequence[Sequence[Sequence[Any]]]) -> list[list[Any]]:
    """A behaviour profile ``behavior[player][infoset][action]`` as agents' mixed strategies."""
    return [list(behavior[p][s]) for p, s in agents(game)]


def agents_to_behavior(game: ExtensiveFormGame, strategies: Sequence[Sequence[Any]]) -> tuple:
    """Agents' mixed strategies as a behaviour profile ``[player][infoset][action]``."""
    out: list[list[tuple]] = [[] for _ in game.players]
    for (p, _), s in zip(agents(game), strategies):
        out[p].append(tuple(s))
    return tuple(tuple(x) for x in out)
