"""A crisis model's payoffs laid out: every party's payoff at every profile of the movers, and how
each payoff at one profile is derived (what ``gametheory show`` prints)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..display import Displayable
from .model import Derivation, Model

__all__ = ["PayoffTable", "payoff_table"]


@dataclass(frozen=True)
class PayoffTable(Displayable):
    """Every party's payoff (default weights) at every profile of the moving parties.

    Made by ``payoff_table``; ``gt.render(table)`` writes it as the text
    ``gametheory show`` prints.

    Attributes
    ----------
    model : Model
        The model tabulated.
    profiles : tuple of tuple of str
        Every profile of the movers (one action each), in the order of ``itertools.product``.
    payoffs : tuple of tuple of Fraction
        Per profile, the payoff of each party of ``model.parties`` (movers or not).
    cell : tuple of str or None
        A profile whose payoffs are explained, as given.
    derivations : tuple of Derivation
        For ``cell``: how each party's payoff there follows from the model
        (``explain``); empty without ``cell``.

    Examples
    --------
    >>> import gametheory as gt
    >>> table = gt.payoff_table(gt.load_model("coordinated"))
    >>> len(table.profiles) == len(table.payoffs), len(table.payoffs[0]) == len(table.model.parties)
    (True, True)
    >>> table.profiles[0], table.cell, table.derivations
    (('Stay out', 'Stay out', 'Stay out'), None, ())
    """

    model: Model
    profiles: tuple[tuple[str, ...], ...]
    payoffs: tuple[tuple[Fraction, ...], ...]
    cell: tuple[str, ...] | None = None
    derivations: tuple[Derivation, ...] = ()


def payoff_table(model: Model, cell: Sequence[str] | None = None) -> PayoffTable:
    """Every party's payoff at every profile and, for one ``cell`` (an action per moving party),
    how each payoff there is derived.

    Parameters
    ----------
    model : Model
    cell : sequence of str, optional
        A profile of the movers (one action each) whose payoffs are explained.

    Returns
    -------
    PayoffTable
        Payoffs with the model's default weights, for every party (movers or not);
        ``gt.render`` writes it as the text ``gametheory show`` prints.

    Raises
    ------
    InvalidGameError
        When ``cell`` does not name one valid action per mover (checked before any work).

    Examples
    --------
    >>> import gametheory as gt
    >>> t = payoff_table(gt.load_model("unilateral"), cell=["Intervene", "Intervene", "Limited"])
    >>> len(t.profiles), [str(x) for x in t.payoffs[0]], str(t.derivations[3].payoff)
    (27, ['-53/5', '-87/10', '-41/5', '-24/5'], '-7/10')
    """
    derivations: tuple[Derivation, ...] = ()
    if cell is not None:      # the cell first: a bad one is reported before any work
        derivations = tuple(model.explain(p.name, list(cell)) for p in model.parties)
    names = [p.name for p in model.parties]
    profiles = tuple(itertools.product(*(p.actions for p in model.players)))
    payoffs = tuple(tuple(model.payoff(name, profile) for name in names) for profile in profiles)
    return PayoffTable(model=model, profiles=profiles, payoffs=payoffs,
                       cell=None if cell is None else tuple(cell), derivations=derivations)
