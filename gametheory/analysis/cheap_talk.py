"""What pre-play talk can coordinate: the outcomes of a game's subgame-perfect equilibria
after cheap talk (``cheap_talk``), beside its equilibria
without talk.

Each subgame-perfect equilibrium of the game with talk induces a distribution
over the game's action profiles (after the messages, whatever they are); this
module lists the distinct ones, with how many equilibria give each and the
players' payoffs, so that one can read off which outcomes talk makes possible
(an efficient equilibrium reached after a message) and which it cannot rule
out (the babbling equilibria keep every outcome of the game without talk).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from ..display import Displayable
from ..games.behavior import Behavior, reach_probabilities
from ..games.cheap_talk import cheap_talk
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..games.tree import ExtensiveFormGame
from ..solvers.result import SolverResult
from ..solvers.solve import solve

__all__ = ["TalkOutcome", "TalkAnalysis", "talk_outcomes"]


@dataclass(frozen=True)
class TalkOutcome(Displayable):
    """A distribution over the game's action profiles reached in some equilibria with talk.

    Attributes
    ----------
    distribution : dict
        Action profile (names) -> probability, over the profiles reached
        (whatever messages were sent).
    payoffs : tuple
        Each player's expected payoff.
    count : int
        How many of the listed subgame-perfect equilibria give it.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.talk_outcomes(gt.read_game("battle-of-the-sexes"), ["a", "b"], senders=["Row"])
    >>> best = t.outcomes[0]
    >>> best.distribution, [str(v) for v in best.payoffs], best.count
    ({('Opera', 'Opera'): Fraction(1, 1)}, ['3', '2'], 6)
    """

    distribution: dict[tuple[str, ...], Any]
    payoffs: tuple
    count: int


@dataclass(frozen=True)
class TalkAnalysis(Displayable):
    """The game without and with cheap talk.

    Attributes
    ----------
    game : NormalFormGame
        The game played after the talk.
    senders : tuple of str
        The players who send a message.
    tree : ExtensiveFormGame
        The game with talk (``cheap_talk``).
    with_talk : SolverResult
        Its subgame-perfect equilibria; ``complete`` is False when a tie in
        the talk stage leaves mixtures of the listed equilibria unlisted.
    outcomes : tuple of TalkOutcome
        The distinct outcomes of those equilibria, best total payoff first.
    without_talk : SolverResult
        The game's own equilibria.
    exact : bool
        Whether the numbers are exact (Fractions).

    Examples
    --------
    >>> import gametheory as gt
    >>> t = gt.talk_outcomes(gt.read_game("stag-hunt"), ["stag", "hare"], senders=["Row"])
    >>> t.senders, t.exact, len(t.with_talk.equilibria), len(t.without_talk.equilibria)
    (('Row',), True, 14, 3)
    >>> [(o.count, [str(v) for v in o.payoffs]) for o in t.outcomes]
    [(6, ['4', '4']), (4, ['3', '3']), (4, ['3', '3'])]
    """

    game: NormalFormGame
    senders: tuple[str, ...]
    tree: ExtensiveFormGame
    with_talk: SolverResult
    outcomes: tuple[TalkOutcome, ...]
    without_talk: SolverResult
    exact: bool


@accepts_peer_games
def talk_outcomes(game: NormalFormGame, messages: Any, senders: Sequence[str] | None = None,
                  exact: bool | None = None) -> TalkAnalysis:
    """The outcomes that cheap talk before ``game`` can lead to in subgame-perfect equilibrium.

    The game is preceded by one round of simultaneous, costless messages
    that every player sees (``cheap_talk``);
    the tree is solved by ``gt.solve`` (its subgame-perfect equilibria), each
    equilibrium is reduced to the distribution over the game's action
    profiles it induces, and the distinct distributions are listed.  Talk can
    make an efficient outcome reachable after a message; the babbling
    equilibria keep every outcome of the game without talk.

    Parameters
    ----------
    game : NormalFormGame
        The game played after the talk.
    messages : sequence of str, or mapping sender -> sequence of str
        One message list for every sender, or a list per sender.
    senders : sequence of str, optional
        The players who talk; default every player.
    exact : bool or None
        Rational arithmetic (default for rational payoffs).

    Returns
    -------
    TalkAnalysis
        The tree, its equilibria, their distinct outcomes (each a
        ``TalkOutcome``, best total payoff first) and the game's own
        equilibria without talk.

    Raises
    ------
    GameTooLargeError
        From ``cheap_talk``, for a tree of more than
        200,000 leaves.

    Examples
    --------
    >>> import gametheory as gt
    >>> t = talk_outcomes(gt.read_game("stag-hunt"), ["stag", "hare"], senders=["Row"])
    >>> [o.distribution for o in t.outcomes if len(o.distribution) == 1]
    [{('Stag', 'Stag'): Fraction(1, 1)}, {('Hare', 'Hare'): Fraction(1, 1)}]
    >>> t.outcomes[0].distribution, [str(v) for v in t.outcomes[0].payoffs]
    ({('Stag', 'Stag'): Fraction(1, 1)}, ['4', '4'])
    """
    tree = cheap_talk(game, messages, senders)
    res = solve(tree, exact=exact)
    ex = res.exact
    zero = Fraction(0) if ex else 0.0
    found: dict[tuple, list] = {}
    for eq in res.equilibria:
        # behavior is set on every equilibrium of a tree
        reach = reach_probabilities(tree, cast(Behavior, eq.behavior), ex)
        dist: dict[tuple[str, ...], Any] = {}
        for leaf, (_, profile) in tree.leaf_outcomes.items():
            p = reach[leaf]
            if p != 0:
                dist[profile] = dist.get(profile, zero) + p
        key = tuple(sorted(dist.items())) if ex else \
            tuple(sorted((k, round(float(v), 9)) for k, v in dist.items()))
        if key in found:
            found[key][2] += 1
        else:
            found[key] = [dict(sorted(dist.items())), tuple(eq.payoffs), 1]
    outcomes = sorted((TalkOutcome(d, p, n) for d, p, n in found.values()),
                      key=lambda o: -sum(float(v) for v in o.payoffs))
    return TalkAnalysis(game=game, senders=tuple(game.players if senders is None else senders),
                        tree=tree, with_talk=res, outcomes=tuple(outcomes),
                        without_talk=solve(game, exact=exact), exact=ex)
