"""Bayesian games: players of several types, a common prior, type-dependent payoffs.

A Bayesian game (Harsanyi 1967-68) has players ``i``, each with a finite set of
types ``T_i`` and of actions ``A_i``; nature draws a type profile ``t`` from a
common prior ``p``, each player learns its own type and chooses an action, and
player ``i`` gets ``u_i(t, a)``.  A strategy assigns a (mixed) action to each
type.  A Bayes-Nash equilibrium is a strategy profile in which every type of
every player best-responds to the others' strategies given its *interim*
beliefs ``p(t_-i | t_i)``.

Three equivalent views, each a game the existing solvers take:

- ``BayesianGame.agent_form``: the *type-agent* normal form (Harsanyi;
  Myerson 1991, "Game Theory: Analysis of Conflict", section 2.8): one player
  per (player, type), each paid its interim expected payoff.  Its Nash
  equilibria are exactly the Bayes-Nash equilibria, with no duplicates.
- ``BayesianGame.ex_ante_form``: the strategic form whose strategies map
  types to actions, paid the ex-ante expected payoff (Gibbons 1992, "Game
  Theory for Applied Economists", section 3.1); many mixed strategies there
  give the same behaviour.
- ``BayesianGame.tree``: nature picks the type profile, then the players
  move, each seeing its own type only (an information set per player and type).

Every type must have positive prior probability (its interim beliefs are then
defined); type profiles of probability 0 need no payoffs.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError
from ._input import names, number
from .normal import NormalFormGame
from .tree import ExtensiveFormGame, chance, decision, outcome

__all__ = ["BayesianGame", "MAX_AGENT_PROFILES"]

#: The most action profiles the agent form or the ex-ante form may have.
MAX_AGENT_PROFILES = 2_000_000


class BayesianGame:
    """A finite Bayesian game.

    Parameters
    ----------
    players : sequence of str
    types : sequence of sequences of str
        Each player's type names (one type: the player's payoffs are known).
    actions : sequence of sequences of str
        Each player's action names (the same for all its types).
    prior : mapping or array
        The common prior over type profiles: a mapping from type profiles
        (tuples of type names in player order) to probabilities (profiles left
        out have probability 0), or an array shaped like the type profiles.
        Exact numbers (ints, Fractions, strings such as ``"3/10"``) keep the
        game exact; they must sum to 1.
    payoffs : mapping
        For each type profile of positive probability, the players' payoffs
        there: a sequence of one array per player, each shaped like the action
        profiles, or a ``NormalFormGame`` with
        the same players and actions.
    title : str

    Raises
    ------
    InvalidGameError
        A one-line message: empty or repeated names, a prior that is negative
        or does not sum to 1, a type of probability 0, a type profile of
        positive probability without payoffs, payoffs of the wrong shape, a
        non-finite payoff.

    Examples
    --------
    >>> g = BayesianGame(["Row", "Column"], [["-"], ["meet", "avoid"]],
    ...                  [["B", "S"], ["B", "S"]], {("-", "meet"): "1/2", ("-", "avoid"): "1/2"},
    ...                  {("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
    ...                   ("-", "avoid"): [[[2, 0], [0, 1]], [[0, 2], [1, 0]]]})
    >>> g.agent_form().players
    ('Row', 'Column (meet)', 'Column (avoid)')
    """

    def __init__(self, players: Sequence[str], types: Sequence[Sequence[str]],
                 actions: Sequence[Sequence[str]], prior: Any, payoffs: Mapping[Any, Any],
                 title: str = "") -> None:
        self.players = names(players, "players")
        n = len(self.players)
        if len(types) != n or len(actions) != n:
            raise InvalidGameError(f"give the types and the actions of each of the {n} players")
        self.types = tuple(names(t, f"types of {p!r}") for p, t in zip(self.players, types))
        self.actions = tuple(names(a, f"actions of {p!r}") for p, a in zip(self.players, actions))
        self.title = str(title)
        self.type_shape = tuple(len(t) for t in self.types)
        self.action_shape = tuple(len(a) for a in self.actions)
        self.prior = self._read_prior(prior)
        self.exact = all(isinstance(v, Fraction) for v in self.prior.flat)
        self.payoffs = self._read_payoffs(payoffs)     # [player] -> array (types..., actions...)
        if not self.exact:
            self.prior = self.prior.astype(float)
        self.marginals = tuple(self._marginal(i) for i in range(n))
        for i, m in enumerate(self.marginals):
            for k, v in enumerate(m):
                if v == 0:
                    raise InvalidGameError(f"type {self.types[i][k]!r} of {self.players[i]!r} has "
                                           "prior probability 0 (its beliefs are undefined); "
                                           "leave it out")

    # ----------------------------------------------------------------- reading
    def _profile_key(self, key: Any) -> tuple[int, ...]:
        key = (key,) if isinstance(key, str) else tuple(key)
        if len(key) != len(self.players):
            raise InvalidGameError(f"type profile {key!r} needs one type per player "
                                   f"({len(self.players)})")
        out = []
        for i, t in enumerate(key):
            if str(t) not in self.types[i]:
                raise InvalidGameError(f"{self.players[i]!r} has no type {t!r}; its types: "
                                       f"{', '.join(self.types[i])}")
            out.append(self.types[i].index(str(t)))
        return tuple(out)

    def _read_prior(self, prior: Any) -> np.ndarray:
        p = np.empty(self.type_shape, dtype=object)
        p[...] = Fraction(0)
        if isinstance(prior, Mapping):
            for key, v in prior.items():
                p[self._profile_key(key)] = number(v, f"prior of {key!r}")
        else:
            arr = np.asarray(prior, dtype=object)
            if arr.shape != self.type_shape:
                raise InvalidGameError(f"the prior must have shape {self.type_shape} (one entry "
                                       f"per type profile), got {arr.shape}")
            for ix in np.ndindex(*self.type_shape):
                p[ix] = number(arr[ix], f"prior of {self.type_names(ix)!r}")
        if any(v < 0 for v in p.flat):
            raise InvalidGameError("the prior has a negative probability")
        total = sum(p.flat)
        exact = all(isinstance(v, Fraction) for v in p.flat)
        if (total != 1) if exact else abs(float(total) - 1) > 1e-9:
            raise InvalidGameError(f"the prior's probabilities sum to {total}, not 1")
        return p

    def _read_payoffs(self, payoffs: Mapping[Any, Any]) -> list[np.ndarray]:
        if not isinstance(payoffs, Mapping):
            raise InvalidGameError("payoffs must map each type profile to the players' payoffs")
        n = len(self.players)
        given = {}
        for key, value in payoffs.items():
            ix = self._profile_key(key)
            arrays: list[np.ndarray] | None
            if isinstance(value, NormalFormGame):
                if value.shape != self.action_shape:
                    raise InvalidGameError(f"the game for types {key!r} has shape {value.shape}, "
                                           f"not {self.action_shape}")
                arrays = list(value.payoffs)
            else:
                arrays = [np.asarray(a, dtype=object) for a in value] \
                    if isinstance(value, Sequence) else None
                if arrays is None or len(arrays) != n:
                    raise InvalidGameError(f"payoffs for types {key!r}: give one array per player")
            for i, a in enumerate(arrays):
                if np.shape(a) != self.action_shape:
                    raise InvalidGameError(f"payoffs of {self.players[i]!r} for types {key!r} have "
                                           f"shape {np.shape(a)}, not {self.action_shape}")
            given[ix] = [[number(v, f"payoff of {self.players[i]!r} for types {key!r}")
                          for v in np.asarray(a, dtype=object).flat] for i, a in enumerate(arrays)]
        out = [np.empty(self.type_shape + self.action_shape, dtype=object) for _ in range(n)]
        for arr in out:
            arr[...] = Fraction(0)
        floats = not self.exact
        for ix in np.ndindex(*self.type_shape):
            if ix not in given:
                if self.prior[ix] != 0:
                    raise InvalidGameError(f"type profile {self.type_names(ix)!r} has positive "
                                           "prior probability but no payoffs")
                continue
            for i in range(n):
                values = given[ix][i]
                floats = floats or not all(isinstance(v, Fraction) for v in values)
                out[i][ix] = np.array(values, dtype=object).reshape(self.action_shape)
        if floats:
            self.exact = False
            out = [a.astype(float) for a in out]
        return out

    def type_names(self, ix: Sequence[int]) -> tuple[str, ...]:
        """The names of a type profile given by indices."""
        return tuple(self.types[i][k] for i, k in enumerate(ix))

    def _marginal(self, i: int) -> np.ndarray:
        axes = tuple(k for k in range(len(self.players)) if k != i)
        return self.prior.sum(axis=axes) if axes else self.prior.copy()

    # ----------------------------------------------------------------- views
    @property
    def agents(self) -> list[tuple[int, int]]:
        """The (player, type) pairs, player by player: the players of the agent form."""
        return [(i, k) for i in range(len(self.players)) for k in range(self.type_shape[i])]

    def agent_name(self, i: int, k: int) -> str:
        """``"PRC (buffer)"``; a player of one type keeps its own name."""
        return self.players[i] if self.type_shape[i] == 1 else f"{self.players[i]} ({self.types[i][k]})"

    def agent_form(self) -> NormalFormGame:
        """The type-agent normal form: one player per (player, type), each paid its interim
        expected payoff ``sum_{t_-i} p(t_-i | t_i) u_i(t, a)``; its Nash equilibria are the
        Bayes-Nash equilibria.

        Raises GameTooLargeError beyond ``MAX_AGENT_PROFILES`` profiles.
        """
        agents = self.agents
        shape = tuple(self.action_shape[i] for i, _ in agents)
        size = int(np.prod([float(m) for m in shape]))
        if size > MAX_AGENT_PROFILES:
            raise GameTooLargeError(f"the agent form of this Bayesian game has {size:.3g} action "
                                    f"profiles (limit {MAX_AGENT_PROFILES})")
        position = {agent: k for k, agent in enumerate(agents)}
        n = len(self.players)
        arrays = []
        for i, k in agents:
            total = np.zeros(shape, dtype=object if self.exact else float)
            if self.exact:
                total[...] = Fraction(0)
            weight = self.marginals[i][k]
            for ix in np.ndindex(*self.type_shape):
                p = self.prior[ix]
                if ix[i] != k or p == 0:
                    continue
                # player j's action is agent (j, t_j)'s: place axis j of u_i(t) there
                axes = [position[(j, ix[j])] for j in range(n)]
                u = self.payoffs[i][ix]
                order = np.argsort(axes)
                view = np.transpose(u, order).reshape(
                    [shape[a] if a in axes else 1 for a in range(len(agents))])
                total = total + (p / weight) * view
            arrays.append(np.broadcast_to(total, shape).copy())
        return NormalFormGame(arrays, players=[self.agent_name(i, k) for i, k in agents],
                              actions=[list(self.actions[i]) for i, _ in agents],
                              title=f"{self.title or 'Bayesian game'} (agent form)")

    def ex_ante_form(self) -> NormalFormGame:
        """The strategic form over type-to-action maps, paid the ex-ante expected payoff.

        A strategy is named by its action for each type, e.g. ``"B/S"`` (type
        order); Raises GameTooLargeError beyond ``MAX_AGENT_PROFILES`` profiles.
        """
        plans = [list(itertools.product(range(self.action_shape[i]), repeat=self.type_shape[i]))
                 for i in range(len(self.players))]
        size = int(np.prod([float(len(p)) for p in plans]))
        if size > MAX_AGENT_PROFILES:
            raise GameTooLargeError(f"the ex-ante form of this Bayesian game has {size:.3g} "
                                    f"strategy profiles (limit {MAX_AGENT_PROFILES})")
        agent = self.agent_form()
        starts = np.cumsum([0] + [self.type_shape[i] for i in range(len(self.players))])
        arrays = []
        for i in range(len(self.players)):
            arr = np.empty([len(p) for p in plans], dtype=object if self.exact else float)
            for ix in itertools.product(*(range(len(p)) for p in plans)):
                actions = tuple(a for j, s in enumerate(ix) for a in plans[j][s])
                arr[ix] = sum((self.marginals[i][k] * agent.payoffs[starts[i] + k][actions]
                               for k in range(self.type_shape[i])),
                              Fraction(0) if self.exact else 0.0)
            arrays.append(arr)
        names = [["/".join(self.actions[i][a] for a in plan) for plan in plans[i]]
                 for i in range(len(self.players))]
        return NormalFormGame(arrays, players=list(self.players), actions=names,
                              title=f"{self.title or 'Bayesian game'} (ex-ante form)")

    def tree(self) -> ExtensiveFormGame:
        """Nature draws the type profile, then the players move in order, each seeing its own
        type only (information set ``"type T"``); leaves pay ``u(t, a)``."""
        n = len(self.players)

        def move(ix: tuple, j: int, chosen: tuple):
            if j == n:
                return outcome(*(self.payoffs[i][ix + chosen] for i in range(n)))
            return decision(self.players[j], f"type {self.types[j][ix[j]]}",
                            {self.actions[j][a]: move(ix, j + 1, chosen + (a,))
                             for a in range(self.action_shape[j])})

        branches = {", ".join(self.type_names(ix)): (self.prior[ix], move(ix, 0, ()))
                    for ix in np.ndindex(*self.type_shape) if self.prior[ix] != 0}
        return ExtensiveFormGame(chance(branches), players=list(self.players),
                                 title=f"{self.title or 'Bayesian game'} (game tree)")

    # ----------------------------------------------------------------- strategies
    def interim_payoffs(self, strategy: Sequence[Sequence[Sequence[Any]]]) -> list[list[list[Any]]]:
        """For each player and type, the interim expected payoff of each of its actions
        against the others' strategies (``strategy[i][k]``: type ``k`` of player ``i``'s
        distribution over actions), computed from the prior and the payoffs directly."""
        n = len(self.players)
        zero = Fraction(0) if self.exact else 0.0
        out = []
        for i in range(n):
            rows = []
            for k in range(self.type_shape[i]):
                values = [zero] * self.action_shape[i]
                for ix in np.ndindex(*self.type_shape):
                    p = self.prior[ix]
                    if ix[i] != k or p == 0:
                        continue
                    u = self.payoffs[i][ix]
                    for j in range(n - 1, -1, -1):      # contract the others' strategies
                        if j != i:
                            u = np.tensordot(u, np.asarray(strategy[j][ix[j]], dtype=u.dtype),
                                             axes=([j], [0]))
                    for a in range(self.action_shape[i]):
                        values[a] += p * u[a]
                rows.append([v / self.marginals[i][k] for v in values])
            out.append(rows)
        return out

    def __repr__(self) -> str:
        types = ", ".join(f"{p}: {len(t)}" for p, t in zip(self.players, self.types))
        return f"BayesianGame({self.title!r}, players={list(self.players)}, types {{{types}}})"
