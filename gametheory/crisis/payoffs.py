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

    Attributes
    ----------
    model : Model
    profiles : tuple of tuple of str
        Every profile of the movers (one action each), in the order of ``itertools.product``.
    payoffs : tuple of tuple of Fraction
        Per profile, the payoff of each party of ``model.parties`` (movers or not).
    cell : tuple of str or None
        A profile whose payoffs are explained, as given.
    derivations : tuple of Derivation
        For ``cell``: how each party's payoff there follows from the model
        (:meth:`~gametheory.crisis.model.Model.explain`).
    """

    model: Model
    profiles: tuple[tuple[str, ...], ...]
    payoffs: tuple[tuple[Fraction, ...], ...]
    cell: tuple[str, ...] | None = None
    derivations: tuple[Derivation, ...] = ()


def payoff_table(model: Model, cell: Sequence[str] | None = None) -> PayoffTable:
    """Every party's payoff at every profile and, for one ``cell`` (an action per moving party),
    how each payoff there is derived.

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
