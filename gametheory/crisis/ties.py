"""Where a payoff tie of a crisis model comes from: the model features behind it.

A party tied between two actions (``payoff_ties``)
earns the same at two profiles.  Its payoff is a weighted sum of attribute
values, so the tie is explained attribute by attribute, comparing the two
profiles:

- ``"equal"``: the attribute has the same value at both, before clipping too;
- ``"clipped"``: the values differ before clipping to the attribute's range
  and are equal after (e.g. a risk floored at 0): the model's clipping, not
  the article, removes the difference;
- ``"zero weight"``: the values differ, but the party gives the attribute
  weight 0 (no stated preference);
- ``"cancels"``: the values differ and the party cares, and these terms sum
  to zero across attributes (an exact trade-off).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..analysis.genericity import PayoffTie
from ..display import Displayable
from ..errors import InvalidGameError
from .model import Model

__all__ = ["AttributeDifference", "TieExplanation", "explain_tie"]


@dataclass(frozen=True)
class AttributeDifference:
    """One attribute at the two tied profiles."""

    attribute: str
    weight: Fraction
    values: tuple[Fraction, Fraction]          # clipped, as payoffs use them
    raw: tuple[Fraction, Fraction]             # before clipping
    cause: str                                 # "equal", "clipped", "zero weight" or "cancels"


@dataclass(frozen=True)
class TieExplanation(Displayable):
    """Why ``party`` earns ``payoff`` at both ``profiles``, attribute by attribute
    (made by ``explain_tie``).

    Attributes
    ----------
    party : str
        The tied party.
    profiles : tuple of two tuples of str
        The two tied profiles, as action names (one per mover).
    payoff : Fraction
        The party's payoff at both.
    attributes : tuple of AttributeDifference
        One per attribute of the model: ``attribute``, the party's ``weight`` (channels
        included), ``values`` at the two profiles (clipped, as payoffs use them),
        ``raw`` (before clipping) and ``cause`` (``"equal"``, ``"clipped"``,
        ``"zero weight"`` or ``"cancels"``: see ``explain_tie``).

    Examples
    --------
    >>> import gametheory as gt
    >>> model = gt.load_model("coordinated").with_values(
    ...     {"weight.ROK.instability": 0, "weight.ROK.loose_nukes": 0})
    >>> why = gt.explain_tie(model, gt.payoff_ties(model.game()).ties[0])
    >>> row = next(a for a in why.attributes if a.cause == "clipped")
    >>> row.attribute, [str(x) for x in row.values], [str(x) for x in row.raw]
    ('meltdown', ['0', '0'], ['0', '-1/10'])
    """

    party: str
    profiles: tuple[tuple[str, ...], tuple[str, ...]]
    payoff: Fraction
    attributes: tuple[AttributeDifference, ...]

    def causes(self) -> dict[str, tuple[str, ...]]:
        """The attributes by cause: cause -> attribute names (only causes that occur)."""
        out: dict[str, list[str]] = {}
        for a in self.attributes:
            out.setdefault(a.cause, []).append(a.attribute)
        return {k: tuple(v) for k, v in out.items()}


def explain_tie(model: Model, tie: PayoffTie,
                weights: Mapping[tuple[str, str], Any] | None = None) -> TieExplanation:
    """The model features behind a tie of ``model.game(weights)`` (first two tied actions).

    A party tied between two actions earns the same at two profiles; its payoff is a
    weighted sum of attribute values, so the tie is explained attribute by attribute:

    - ``"equal"``: the attribute has the same value at both profiles, before clipping too;
    - ``"clipped"``: the values differ before clipping to the attribute's range and are
      equal after (the model's clipping, not the source, removes the difference);
    - ``"zero weight"``: the values differ, but the party gives the attribute weight 0;
    - ``"cancels"``: the values differ and the party cares, and these terms sum to
      zero across attributes (an exact trade-off).

    The bundled models have no ties (``gametheory lint`` checks).

    Parameters
    ----------
    model : Model
    tie : PayoffTie
        A tie of the model's game, from
        ``gt.payoff_ties(model.game(weights)).ties``.
    weights : mapping, optional
        The weights the game was made with (as for
        ``game``; default: the model's).

    Returns
    -------
    TieExplanation

    Raises
    ------
    InvalidGameError
        When the tie is not of this model's game (a different number of players).

    Examples
    --------
    >>> import gametheory as gt
    >>> model = gt.load_model("coordinated").with_values(     # the ROK blind to two risks
    ...     {"weight.ROK.instability": 0, "weight.ROK.loose_nukes": 0})
    >>> tie = gt.payoff_ties(model.game()).ties[0]
    >>> why = explain_tie(model, tie)
    >>> why.party, why.profiles, str(why.payoff)
    ('ROK', (('Intervene', 'Limited', 'Limited'), ('Intervene', 'Intervene', 'Limited')), '-27/10')
    >>> why.causes()["zero weight"], why.causes()["clipped"]
    (('loose_nukes',), ('meltdown',))
    """
    movers = model.players
    if len(tie.against) != len(movers):
        raise InvalidGameError("explain_tie: the tie is not of this model's game")
    w = model.payoff_weights(weights)
    party = movers[tie.player].name
    first, second = (tuple(movers[i].actions[a] for i, a in enumerate(p))
                     for p in tie.profiles()[:2])      # a tie has two profiles or more
    profiles = (first, second)
    values = [model.attribute_values(p) for p in profiles]
    raw = [model.attribute_values(p, clip=False) for p in profiles]
    rows = []
    for a in model.attributes:
        v = (values[0][a.name][0], values[1][a.name][0])
        r = (raw[0][a.name][0], raw[1][a.name][0])
        weight = Fraction(w.get((party, a.name), 0))
        if v[0] == v[1]:
            cause = "equal" if r[0] == r[1] else "clipped"
        else:
            cause = "zero weight" if weight == 0 else "cancels"
        rows.append(AttributeDifference(attribute=a.name, weight=weight, values=v, raw=r, cause=cause))
    return TieExplanation(party=party, profiles=profiles,
                          payoff=model.payoff(party, profiles[0], weights), attributes=tuple(rows))
