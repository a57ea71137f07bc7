"""Sequential equilibria of small game trees: consistent beliefs built, then checked exactly.

An assessment (a behaviour profile and beliefs at every information set) is a
sequential equilibrium (Kreps and Wilson 1982, "Sequential equilibria",
Econometrica 50) when the beliefs are *consistent* (limits of the beliefs
Bayes' rule gives along some sequence of totally mixed profiles tending to the
profile) and every choice is optimal given the beliefs and the continuation
play (the one-shot deviation principle suffices in finite games with perfect
recall).

``sequential_check`` decides it for one profile, in exact arithmetic:

- **certified**: trembles of order ``eps**k`` on every action the profile does
  not play (``k`` in ``{1, 2}`` per action, every assignment tried up to a
  budget) give limit beliefs, consistent by construction: at each information
  set, the nodes reached with the fewest (weighted) trembles, in proportion to
  the probability of the rest of their path.  If the profile is sequentially
  rational against the beliefs of one assignment, it is a sequential
  equilibrium, and those beliefs are returned;
- **refuted**: at some information set no belief at all (a linear program over
  the distributions on its nodes) makes the profile's choice optimal;
- otherwise **undecided** (None): the trembles tried gave no supporting
  beliefs, though some belief supports each choice.  The trembles have unit
  coefficients, so a profile that needs beliefs strictly inside an information
  set other than those ratios (a player mixing at exactly the right belief, as
  in Selten's horse when player 3 mixes) is left undecided.

``sequential_equilibria`` checks every equilibrium a solver lists for a tree
(by default its subgame-perfect equilibria: sequential equilibria are
subgame perfect).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import numpy as np

from ..arithmetic import EXACT
from ..display import Displayable
from ..errors import InvalidGameError
from ..games.behavior import as_vector
from ..games.peers import accepts_peer_games
from ..games.tree import CHANCE, DECISION, ExtensiveFormGame
from ..linalg.lp import solve_lp
from ..solvers.result import SolverResult
from ..solvers.solve import solve
from ..solvers.spe import node_values

__all__ = ["SequentialCheck", "SequentialResult", "sequential_check", "sequential_equilibria",
           "MAX_SCHEMES"]

#: The most tremble assignments tried per profile.
MAX_SCHEMES = 4096


@dataclass(frozen=True)
class SequentialCheck(Displayable):
    """Whether one behaviour profile is (part of) a sequential equilibrium.

    Attributes
    ----------
    behavior : tuple
        The profile, as ``behavior[player][information set][action]``.
    sequential : bool or None
        True (certified), False (refuted) or None (undecided).
    beliefs : dict or None
        When certified: ``(player, information set) -> {node: probability}``,
        each node named by the actions leading to it (``"C, d"``).
    reason : str
        How it was decided.

    Examples
    --------
    >>> import gametheory as gt
    >>> check = gt.sequential_check(gt.read_game("selten-horse"), [[[0, 1]], [[1, 0]], [[1, 0]]])
    >>> check.sequential, check.beliefs
    (False, None)
    >>> check.reason
    "at Player 2's information set '1' no belief makes its choice optimal"
    >>> check.behavior[0]
    ((Fraction(0, 1), Fraction(1, 1)),)
    """

    behavior: tuple
    sequential: bool | None
    beliefs: dict[tuple[str, str], dict[str, Fraction]] | None
    reason: str


def _labels(game: ExtensiveFormGame) -> list[str]:
    """Each node named by the actions on its path from the root."""
    f = game.flat
    out = [""] * f.n
    for i in range(1, f.n):
        parent = int(f.parent[i])
        name = game.node(parent).actions[int(f.action[i])]
        out[i] = f"{out[parent]}, {name}" if out[parent] else name
    return out


@accepts_peer_games
def sequential_check(game: ExtensiveFormGame, behavior: Sequence[Sequence[Sequence[Any]]],
                     max_schemes: int = MAX_SCHEMES) -> SequentialCheck:
    """Decide whether a behaviour profile of a tree is a sequential equilibrium, exactly.

    The tree's numbers must be rational.  The answer is one of:

    - **True** (certified): trembles of order ``eps`` or ``eps**2`` on the
      actions the profile does not play (every assignment, up to
      ``max_schemes``) give limit beliefs, consistent by construction: at each
      information set, the nodes reached with the fewest (weighted) trembles,
      in proportion to the probability of the rest of their path.  When every
      choice is optimal against the beliefs of one assignment, those beliefs
      are returned;
    - **False** (refuted): at some information set no belief at all (a linear
      program over the distributions on its nodes) makes the choice optimal;
    - **None** (undecided) otherwise: some belief supports each choice, but
      the trembles tried give none that does.  The trembles have unit
      coefficients, so a player mixing at exactly one interior belief that
      they do not give (as in Selten's horse when player 3 mixes) is left
      undecided.

    Parameters
    ----------
    game : ExtensiveFormGame
        A small tree with rational payoffs and probabilities.
    behavior : sequence
        The profile, ``behavior[player][information set][action]``.
    max_schemes : int
        The most tremble assignments tried (``2 ** (actions not played)`` in all).

    Returns
    -------
    SequentialCheck
        The verdict, the supporting beliefs when certified (each node named
        by the actions leading to it) and the reason.

    Raises
    ------
    InvalidGameError
        When the tree's numbers are not rational.

    References
    ----------
    Kreps and Wilson (1982), "Sequential equilibria", Econometrica 50.

    Examples
    --------
    >>> import gametheory as gt
    >>> horse = gt.read_game("selten-horse")
    >>> ok = sequential_check(horse, [[[1, 0]], [[1, 0]], [[0, 1]]])          # C, c, R
    >>> ok.sequential, ok.beliefs[("Player 3", "1")]
    (True, {'C, d': Fraction(1, 1), 'D': Fraction(0, 1)})
    >>> sequential_check(horse, [[[0, 1]], [[1, 0]], [[1, 0]]]).sequential      # D, c, L
    False
    """
    if not game.exact:
        raise InvalidGameError("sequential_check needs a tree with rational payoffs and "
                               "probabilities (it decides in exact arithmetic)")
    f = game.flat
    vector = as_vector(game, behavior, True)
    values = node_values(game, vector, True)
    labels = _labels(game)
    sets = list(range(len(game.infoset_keys)))
    members = {s: [int(i) for i in np.flatnonzero(f.infoset == s)] for s in sets}
    slots = {s: (int(f.slot_offset[s]), int(f.slot_offset[s + 1])) for s in sets}
    players = {s: int(f.player[members[s][0]]) for s in sets}

    def children(i: int) -> list[int]:
        return [int(c) for c in f.child_idx[f.child_ptr[i]:f.child_ptr[i + 1]]]

    # each node's continuation value for the mover of each action
    gains: dict[int, list[Fraction]] = {}
    for s in sets:
        p = players[s]
        for i in members[s]:
            gains[i] = [values[c, p] for c in children(i)]
    support = {s: [a for a in range(slots[s][1] - slots[s][0]) if vector[slots[s][0] + a] != 0]
               for s in sets}

    # refutation: at some information set no belief makes the chosen actions optimal
    for s in sets:
        nodes, chosen = members[s], support[s]
        k = len(nodes)
        m = slots[s][1] - slots[s][0]
        rows = [[gains[i][b] - gains[i][a] for i in nodes] for a in chosen for b in range(m) if b != a]
        if not rows:
            continue
        sol = solve_lp([0] * k, np.array(rows, dtype=object), [0] * len(rows),
                       np.array([[1] * k], dtype=object), [1], EXACT, bounds=[(0, None)] * k)
        if sol is None:
            player, name = game.infoset_keys[s]
            return SequentialCheck(_nested(behavior), False, None,
                                   f"at {player}'s information set {name!r} no belief makes its "
                                   "choice optimal")

    # certification: trembles of order eps**k on the actions not played
    off = [(s, a) for s in sets for a in range(slots[s][1] - slots[s][0]) if a not in support[s]]
    schemes = itertools.product((1, 2), repeat=len(off)) if off else iter([()])
    for count, scheme in enumerate(schemes):
        if count >= max_schemes:
            break
        order = dict(zip(off, scheme))
        beliefs = _limit_beliefs(game, vector, members, slots, order)
        if all(_rational(gains, members[s], support[s], slots[s][1] - slots[s][0], beliefs[s])
               for s in sets):
            named = {game.infoset_keys[s]: {labels[i]: beliefs[s][i] for i in members[s]}
                     for s in sets}
            orders = ", ".join(f"{game.infoset_keys[t][0]} {game.node(members[t][0]).actions[a]}: "
                               f"eps^{k}" for (t, a), k in order.items()) or "none needed"
            return SequentialCheck(_nested(behavior), True, named,
                                   "sequentially rational against consistent beliefs, the limits "
                                   f"of trembles {orders}")
    return SequentialCheck(_nested(behavior), None, None,
                           "some belief supports every choice, but no tremble assignment tried "
                           f"({min(max_schemes, 2 ** len(off))} of {2 ** len(off)}) gives "
                           "consistent beliefs that do")


def _nested(behavior: Any) -> tuple:
    return tuple(tuple(tuple(Fraction(p) for p in d) for d in per) for per in behavior)


def _limit_beliefs(game: ExtensiveFormGame, vector: np.ndarray, members: dict, slots: dict,
                   order: dict) -> dict[int, dict[int, Fraction]]:
    """The limit beliefs of trembles ``eps**order[(s, a)]`` on the actions not played: per
    information set, the nodes with the least total order, in proportion to the rest of their
    path's probability."""
    f = game.flat
    prob_exact = cast(np.ndarray, f.prob_exact)   # the game is exact (sequential_check)
    exponent = [0] * f.n
    weight: list[Fraction] = [Fraction(1)] * f.n
    for i in range(1, f.n):                    # depth-first order: parents first
        parent = int(f.parent[i])
        a = int(f.action[i])
        exponent[i], weight[i] = exponent[parent], weight[parent]
        if f.kind[parent] == CHANCE:
            weight[i] = weight[i] * Fraction(prob_exact[i])
        elif f.kind[parent] == DECISION:
            s = int(f.infoset[parent])
            p = vector[slots[s][0] + a]
            if p != 0:
                weight[i] = weight[i] * Fraction(p)
            else:
                exponent[i] += order[(s, a)]
    out = {}
    for s, nodes in members.items():
        low = min(exponent[i] for i in nodes)
        total = sum((weight[i] for i in nodes if exponent[i] == low), Fraction(0))
        out[s] = {i: (weight[i] / total if exponent[i] == low else Fraction(0)) for i in nodes}
    return out


def _rational(gains: dict, nodes: list[int], chosen: list[int], m: int,
              belief: dict[int, Fraction]) -> bool:
    expected = [sum((belief[i] * gains[i][a] for i in nodes), Fraction(0)) for a in range(m)]
    top = max(expected)
    return all(expected[a] == top for a in chosen)


@dataclass(frozen=True)
class SequentialResult(Displayable):
    """The listed equilibria of a tree, each checked for sequentiality.

    Attributes
    ----------
    game : ExtensiveFormGame
        The tree.
    result : SolverResult
        The equilibria checked (by default the subgame-perfect ones).
    checks : tuple of SequentialCheck
        One per equilibrium, in the same order.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.sequential_equilibria(gt.read_game("selten-horse"))
    >>> res.result.method, len(res.result.equilibria), len(res.checks)
    ('spe', 4, 4)
    >>> res.checks[1].sequential, res.checks[1].beliefs[("Player 3", "1")]
    (True, {'C, d': Fraction(1, 1), 'D': Fraction(0, 1)})
    """

    game: ExtensiveFormGame
    result: SolverResult
    checks: tuple[SequentialCheck, ...]


@accepts_peer_games
def sequential_equilibria(game: ExtensiveFormGame, result: SolverResult | None = None,
                          max_schemes: int = MAX_SCHEMES) -> SequentialResult:
    """Check every listed equilibrium of a tree (default: ``gt.solve(game)``, its
    subgame-perfect equilibria) with ``sequential_check``.

    Sequential equilibria are subgame perfect, hence the default list.

    Parameters
    ----------
    game : ExtensiveFormGame
        A small tree with rational numbers.
    result : SolverResult, optional
        The equilibria to check (default ``gt.solve(game, exact=True)``);
        equilibria without behaviour strategies are skipped.
    max_schemes : int
        Passed to ``sequential_check``.

    Returns
    -------
    SequentialResult
        ``game``, ``result`` and one ``SequentialCheck`` per equilibrium.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = sequential_equilibria(gt.read_game("selten-horse"))
    >>> [c.sequential for c in res.checks]
    [None, True, False, False]
    """
    res = solve(game, exact=True) if result is None else result
    checks = tuple(sequential_check(game, eq.behavior, max_schemes) for eq in res.equilibria
                   if eq.behavior is not None)
    return SequentialResult(game=game, result=res, checks=checks)
