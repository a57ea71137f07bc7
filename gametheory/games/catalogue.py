"""Textbook games that are not in strategic form: signalling games and Bayesian games, built
here with their citations, loadable by name (``textbook_game``; ``gt.read_game(name)``
gives the game tree).  The games in strategic form and the trees are bundled as files
(``prisoners-dilemma.nfg``, ``stag-hunt.nfg``, ``selten-horse.efg``, ...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import InvalidGameError
from .bayesian import BayesianGame
from .signalling import SignallingGame

__all__ = ["textbook_game", "textbook_games", "TEXTBOOK", "Entry"]


@dataclass(frozen=True)
class Entry:
    """A game of the catalogue: its title, citation, kind (``"signalling"`` or ``"bayesian"``)
    and the function that builds it."""

    title: str
    citation: str
    kind: str
    build: Callable[[], Any]


def _beer_quiche() -> SignallingGame:
    # the sender gets 1 for the breakfast its type prefers and 2 for avoiding the duel; the
    # receiver gets 1 for dueling the weak type or leaving the strong one alone
    sender = [[[0, 2], [1, 3]],          # weak: beer (duel, not), quiche (duel, not)
              [[1, 3], [0, 2]]]          # strong: beer, quiche
    receiver = [[[1, 0], [1, 0]],        # weak: dueling pays 1
                [[0, 1], [0, 1]]]        # strong: not dueling pays 1
    return SignallingGame(["weak", "strong"], ["1/10", "9/10"], ["beer", "quiche"],
                          ["duel", "not"], sender, receiver, "Sender", "Receiver",
                          title="Beer-quiche")


def _job_market() -> SignallingGame:
    # Spence: productivity 1 (low) or 2 (high); education 0, 1 or 2 costs 3e/2 (low) or e/3
    # (high); the firm pays a wage of 1 or 2 and loses the squared gap to productivity
    theta = {"low": 1, "high": 2}
    cost = {"low": Fraction(3, 2), "high": Fraction(1, 3)}
    wages = [1, 2]
    sender = [[[w - cost[t] * e for w in wages] for e in range(3)] for t in theta]
    receiver = [[[-(w - theta[t]) ** 2 for w in wages] for e in range(3)] for t in theta]
    return SignallingGame(["low", "high"], ["2/3", "1/3"], ["e=0", "e=1", "e=2"],
                          ["wage 1", "wage 2"], sender, receiver, "Worker", "Firm",
                          title="Job-market signalling")


def _entry_deterrence() -> BayesianGame:
    high = [[[0, 2], [2, 3]], [[-1, 0], [1, 0]]]
    low = [[[Fraction(3, 2), Fraction(7, 2)], [2, 3]], [[-1, 0], [1, 0]]]
    return BayesianGame(["Incumbent", "Entrant"], [["high", "low"], ["-"]],
                        [["Build", "Don't"], ["Enter", "Stay out"]],
                        {("high", "-"): Fraction(1, 3), ("low", "-"): Fraction(2, 3)},
                        {("high", "-"): high, ("low", "-"): low}, title="Entry deterrence")


def _bos_avoid() -> BayesianGame:
    return BayesianGame(["Row", "Column"], [["-"], ["meet", "avoid"]], [["B", "S"], ["B", "S"]],
                        {("-", "meet"): Fraction(1, 2), ("-", "avoid"): Fraction(1, 2)},
                        {("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
                         ("-", "avoid"): [[[2, 0], [0, 1]], [[0, 2], [1, 0]]]},
                        title="BoS with a partner who may wish to avoid")


#: name -> the catalogue's entry
TEXTBOOK: dict[str, Entry] = {
    "beer-quiche": Entry(
        "Beer-quiche", "I.-K. Cho and D. M. Kreps, Signaling games and stable equilibria, "
        "QJE 102 (1987); prior 1/10 weak, as in Fudenberg and Tirole (1991), section 11.2",
        "signalling", _beer_quiche),
    "job-market": Entry(
        "Job-market signalling", "M. Spence, Job market signaling, QJE 87 (1973); a "
        "discretised version: two productivities, three education levels, two wages",
        "signalling", _job_market),
    "entry-deterrence": Entry(
        "Entry deterrence", "D. Fudenberg and J. Tirole, Game Theory (1991), section 6.1: the "
        "incumbent's cost of building is private; high with probability 1/3", "bayesian",
        _entry_deterrence),
    "bos-avoid": Entry(
        "BoS with a partner who may wish to avoid", "M. J. Osborne, An Introduction to Game "
        "Theory (2004), section 9.2", "bayesian", _bos_avoid),
}


def textbook_games() -> dict[str, str]:
    """The catalogue's games by name, with their citations.

    Examples
    --------
    >>> sorted(textbook_games())
    ['beer-quiche', 'bos-avoid', 'entry-deterrence', 'job-market']
    """
    return {name: entry.citation for name, entry in TEXTBOOK.items()}


def textbook_game(name: str) -> Any:
    """A textbook game of the catalogue by name: a ``SignallingGame`` or a ``BayesianGame``.

    Examples
    --------
    >>> textbook_game("beer-quiche").types
    ('weak', 'strong')
    """
    if name not in TEXTBOOK:
        raise InvalidGameError(f"no textbook game {name!r}; the catalogue has: "
                               + ", ".join(TEXTBOOK))
    return TEXTBOOK[name].build()
