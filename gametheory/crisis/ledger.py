"""A model's provenance ledger: every number, what it rests on, and how it is classed.

Each number of ``parameters`` gets a class:

- ``stated``, ``inferred`` or ``assumption`` when the model file says so (a
  preference's or a channel's ``basis``, with its ``reason`` for the last two);
- ``assumption`` when its note or source starts with ``assumption`` (effects,
  baselines, ranges);
- ``quoted`` when it has a quote but the file does not class it: the sentence is
  there, whether it *states* the number is not claimed;
- ``unsupported`` when it has neither a quote nor an assumption's reason.

The ledger shows them with their quotes and reasons and counts each class: the
appendix a paper needs (``gametheory show MODEL --ledger``, as a table, Markdown
or LaTeX).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from ..display import Displayable
from .model import Model

__all__ = ["LedgerEntry", "Ledger", "ledger", "CLASSES"]

#: The classes, in the order they are counted.
CLASSES = ("stated", "inferred", "assumption", "quoted", "unsupported")


@dataclass(frozen=True)
class LedgerEntry(Displayable):
    """One number of a model's provenance ledger (see ``ledger``).

    Attributes
    ----------
    name : str
        The parameter's name (as in ``parameters``).
    value : Fraction
        Its point value.
    low, high : Fraction
        Its range (equal for a fixed number).
    basis : str
        Its class, one of ``CLASSES``: ``stated``, ``inferred``, ``assumption``,
        ``quoted`` or ``unsupported``.
    quote : str
        The sentence of the source it rests on (empty: none).
    reason : str
        An assumption's or an inference's reason, the note of an effect, or the
        source of a range.

    Examples
    --------
    >>> import gametheory as gt
    >>> e = gt.ledger(gt.load_model("loose-nukes")).entries[0]
    >>> e.name, e.value, e.low, e.high, e.basis
    ('weight.US.loose_nukes', Fraction(-8, 1), Fraction(-12, 1), Fraction(-4, 1), 'stated')
    """

    name: str
    value: Fraction
    low: Fraction
    high: Fraction
    basis: str
    quote: str
    reason: str


@dataclass(frozen=True)
class Ledger(Displayable):
    """Every number of a model with its provenance, and how many there are of each class
    (made by ``ledger``).

    Attributes
    ----------
    model : Model
    entries : tuple of LedgerEntry
        One per number, in the order of ``parameters``.
    counts : dict of str to int
        (property) Class -> how many entries have it, every class of ``CLASSES``
        in order.

    Examples
    --------
    >>> import gametheory as gt
    >>> book = gt.ledger(gt.load_model("loose-nukes"))
    >>> len(book.entries), book.counts["stated"]
    (15, 2)
    """

    model: Model
    entries: tuple[LedgerEntry, ...]

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(e.basis for e in self.entries)
        return {k: c.get(k, 0) for k in CLASSES}


def _assumed(text: str) -> bool:
    return " ".join(text.split()).lower().startswith("assumption")


def ledger(model: Model) -> Ledger:
    """The provenance ledger of a model: every number, what it rests on, and its class.

    Each number of ``parameters`` is classed
    ``stated``, ``inferred`` or ``assumption`` when the file says so (a
    preference's or a channel's ``basis``, with its ``reason``); ``assumption``
    when its note or source starts with ``assumption`` (effects, baselines,
    ranges); ``quoted`` when it has a quote the file does not class (the sentence
    is there, whether it *states* the number is not claimed); ``unsupported``
    otherwise.  ``gametheory show MODEL --ledger`` prints it (as a table, Markdown,
    LaTeX or JSON, schema ``gametheory.ledger/1``).

    Parameters
    ----------
    model : Model

    Returns
    -------
    Ledger

    Examples
    --------
    >>> import gametheory as gt
    >>> book = ledger(gt.load_model("loose-nukes"))
    >>> book.counts
    {'stated': 2, 'inferred': 1, 'assumption': 12, 'quoted': 0, 'unsupported': 0}
    """
    prefs = {f"weight.{p.party}.{p.attribute}": p for p in model.preferences}
    notes = {f"effect.{e.name}.{attr}": e.note for e in model.effects for attr, _ in e.changes}
    scenarios = {f"probability.{s.name}": s.quote for s in model.scenarios}
    types = {f"type.{t.party}.{t.name}": t for t in model.types}
    channels = {f"channel.{c.party}.{c.carries}": c for c in model.channels}
    # a scenario probability without a range takes the rest: an assumption when the ranged ones are
    ranged = [model.uncertainty[k] for k in scenarios if k in model.uncertainty
              and not model.uncertainty[k].fixed]
    rest_assumed = bool(ranged) and all(_assumed(u.source) for u in ranged)
    out = []
    for param in model.parameters():
        n = param.number
        quote, reason, basis = "", "", "unsupported"
        if param.name in prefs:
            p = prefs[param.name]
            quote, reason = p.quote, p.reason
            basis = p.basis or "quoted"
        elif param.name in channels:
            c = channels[param.name]
            quote, reason = c.quote, c.reason
            basis = c.basis or ("quoted" if c.quote else "unsupported")
        elif param.name in notes:
            reason = notes[param.name]
            basis = "assumption" if _assumed(reason) else "unsupported"
        elif param.name in scenarios:
            # the quote supports the scenario; its probability is classed by its range's source,
            # and one without a range (it takes the rest) by the others'
            quote, reason = scenarios[param.name], n.source
            if n.fixed:
                reason = "the probability the other scenarios leave"
                assumed = rest_assumed
            else:
                assumed = _assumed(reason)
            basis = "assumption" if assumed else "quoted"
        elif param.name in types:
            t = types[param.name]
            quote, reason = t.quote, t.description
            basis = "assumption" if _assumed(reason) else "quoted"
        else:                                    # baselines: the source of their range
            reason = n.source
            basis = "assumption" if _assumed(reason) else "unsupported"
        out.append(LedgerEntry(param.name, n.value, n.low, n.high, basis, quote, reason))
    return Ledger(model=model, entries=tuple(out))
