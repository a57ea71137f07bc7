"""Crisis models: parties' stated preferences turned into payoff matrices, with provenance.

A model file (TOML) says, in the analyst's words:

- the **parties**, each with its actions (a party without actions does not
  move, but its payoffs are still derived and reported: Japan in the
  article's crisis);
- the **attributes** of an outcome that matter (risk of a meltdown of the
  North, foreign forces on the peninsula, ...), each with a range;
- the **baseline** value of each attribute when every party takes its first
  action, and **effects**: rules that add to attributes when parties take
  given actions (the effects of every matching rule add up; values are then
  clipped to the attribute's range);
- each party's **preferences**: a weight per attribute (the default
  cardinalisation), the admissible range of that weight, and the sentence of
  the source it comes from, verbatim, in ``quote``;
- **channels**: one party's payoff carrying another's concerns (Japan's
  through the US-Japan alliance): the carrier counts ``weight`` times the
  other party's own payoff on top of its own;
- **priorities**: ordinal statements ("for ROK, meltdown outranks foreign
  forces"), each with its ``quote``, which constrain the weights: the higher
  attribute's full swing must be worth more than the lower one's.

A party's payoff at an action profile is ``sum_a weight[a] * value[a]``:
a linear multi-attribute utility (Keeney and Raiffa 1976, "Decisions with
Multiple Objectives", chapter 3).  Numbers are exact rationals: integers,
decimals or strings such as ``"3/5"``, parsed without evaluating anything.
The format is documented in ``docs/reference/model-format.md``; files are read by
``gametheory.io.model_toml`` (this module holds the model as data and its computations).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import exact_str, integer_scale
from ..display import Displayable
from ..errors import InvalidGameError
from ..games.bayesian import BayesianGame
from ..games.normal import NormalFormGame
from ..games.tree import ExtensiveFormGame, chance, decision, outcome
from .parameters import Parameter, Uncertain, as_fraction, share_rest

__all__ = ["Model", "Party", "Attribute", "Effect", "Understanding", "Scenario", "Timing", "Preference",
           "Priority", "Derivation", "PartyType", "TalkStage", "Repetition", "Channel", "LeadArea",
           "effect_names"]


@dataclass(frozen=True)
class Party:
    name: str
    actions: tuple[str, ...]          # empty: the party does not move


@dataclass(frozen=True)
class Attribute:
    name: str
    description: str
    low: Fraction
    high: Fraction
    bad: bool                          # an outcome the source fears (reported as a risk)


@dataclass(frozen=True)
class Effect:
    when: tuple[tuple[str, str], ...]  # (party, action) conditions, all must hold
    changes: tuple[tuple[str, Fraction], ...]
    note: str
    requires: tuple[str, ...] = ()     # understandings that must be in force
    excludes: tuple[str, ...] = ()     # understandings that must not be in force
    scenarios: tuple[str, ...] = ()    # the chance scenarios it occurs in (empty: all)
    name: str = ""                     # its parameters are effect.NAME.ATTRIBUTE


def _exact_product(na: list[list[int]], da: int, B: list[list[Fraction]]) -> list[list[Fraction]]:
    """The matrix product ``(na / da) B`` of an integer matrix over a denominator and a rational
    matrix, exactly: on int64 when nothing can overflow, else in Python integers."""
    db = integer_scale(x for row in B for x in row)
    nb = [[x.numerator * (db // x.denominator) for x in row] for row in B]
    big = max((abs(x) for row in na for x in row), default=0) * \
        max((abs(x) for row in nb for x in row), default=0) * max(len(B), 1)
    if big < 2 ** 62:
        prod = (np.array(na, dtype=np.int64).reshape(len(na), len(B))
                @ np.array(nb, dtype=np.int64).reshape(len(B), -1)).tolist()
    else:
        prod = [[sum(a * b for a, b in zip(row, col)) for col in zip(*nb)] for row in na]
    scale = da * db
    return [[Fraction(x, scale) for x in row] for row in prod]


def effect_names(effects: Sequence[Effect]) -> tuple[Effect, ...]:
    """The effects with a name each: their own, else one made from their conditions
    (``US=Intervene+PRC=Intervene``, ``well``), with ``#2``, ``#3`` ... on repeats.

    Raises InvalidGameError when two effects are given the same name.
    """
    out, used = [], set()
    given = [e.name for e in effects if e.name]
    if len(set(given)) < len(given):
        dup = next(n for n in given if given.count(n) > 1)
        raise InvalidGameError(f"two effects are named {dup!r}")
    used |= set(given)
    for e in effects:
        if not e.name:
            base = "+".join([f"{p}={a}" for p, a in e.when] + list(e.scenarios)) or "effect"
            name, k = base, 1
            while name in used:
                k += 1
                name = f"{base}#{k}"
            used.add(name)
            e = replace(e, name=name)
        out.append(e)
    return tuple(out)


@dataclass(frozen=True)
class Scenario:
    """An outcome of a chance move that precedes the parties' responses (e.g. Kim's health)."""

    name: str
    probability: Fraction
    description: str
    quote: str


@dataclass(frozen=True)
class PartyType:
    """One possible type of a party, privately known to it: the model's numbers as that type
    would have them (``values``: parameter name -> value, names as in ``Model.parameters``),
    with its prior probability and the sentence of the source it comes from."""

    party: str
    name: str
    probability: Fraction
    values: tuple[tuple[str, Fraction], ...]
    quote: str
    description: str = ""


@dataclass(frozen=True)
class TalkStage:
    """A round of cheap talk before the crisis: who may speak and what they may say."""

    senders: tuple[str, ...]
    messages: tuple[str, ...]
    quote: str
    note: str = ""


@dataclass(frozen=True)
class Repetition:
    """The crisis as the stage of an infinitely repeated game: the discount factor, and the
    profile whose sustainability is asked about (one action per mover; empty: none)."""

    discount: Fraction
    profile: tuple[str, ...]
    quote: str
    note: str = ""


@dataclass(frozen=True)
class Timing:
    """When the moving parties respond, once the scenario is known, and what each sees.

    ``order`` lists every moving party once; ``observes[party]`` names the
    earlier movers whose actions that party sees before it moves (the others
    it does not: it moves as if simultaneously with them).
    """

    order: tuple[str, ...]
    observes: Mapping[str, tuple[str, ...]]
    quote: str = ""
    note: str = ""


@dataclass(frozen=True)
class Understanding:
    """A prior understanding among the parties: it switches effects on or off when in force."""

    name: str
    description: str
    quote: str


@dataclass(frozen=True)
class Preference:
    party: str
    attribute: str
    weight: Fraction
    low: Fraction
    high: Fraction
    quote: str
    distribution: str = "uniform"      # over [low, high]: uniform, triangular (mode: weight), beta
    shape: tuple[Fraction, Fraction] | None = None     # beta's (a, b)
    range_source: str = ""             # why the range is what it is
    basis: str = ""                    # stated, inferred or assumption (empty: not classed)
    reason: str = ""                   # why, for an inferred number or an assumption


@dataclass(frozen=True)
class LeadArea:
    """An area in which one party takes the lead (the article's example: delivery of
    humanitarian assistance): each candidate ``(leader, understanding)``, the understanding
    being what that party's lead changes.  The understandings of one area are alternatives:
    at most one is in force.  ``lead_choice`` lets the parties
    bargain over them."""

    area: str
    options: tuple[tuple[str, str], ...]
    quote: str
    note: str = ""

    @property
    def understandings(self) -> tuple[str, ...]:
        return tuple(u for _, u in self.options)


@dataclass(frozen=True)
class Channel:
    """``party``'s payoff carries ``carries``'s concerns: it adds ``weight`` times what
    ``carries`` gets from its own preferences (one level: a carried party's own channels are
    not passed on).  Its number is the parameter ``channel.PARTY.CARRIES``."""

    party: str
    carries: str
    weight: Fraction
    quote: str
    basis: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Priority:
    party: str
    higher: str
    lower: tuple[str, ...]
    quote: str


@dataclass(frozen=True)
class Derivation:
    """How one party's payoff at one profile was derived (see ``Model.explain``);
    ``render(derivation)`` writes it for people."""

    party: str
    profile: tuple[str, ...]
    values: tuple[tuple[str, Fraction, tuple[str, ...]], ...]   # attribute, value, effect notes
    terms: tuple[tuple[str, Fraction, Fraction, str], ...]       # attribute, weight, term, quote
    payoff: Fraction


@dataclass(frozen=True)
class Model(Displayable):
    """A crisis model read from a TOML file: parties, attributes, effects, preferences.

    Read one with ``load_model`` (a ``.toml`` file or a
    bundled model's name); the file format is ``docs/reference/model-format.md``.
    A model is frozen: the ``with_*`` methods return changed copies.

    Attributes
    ----------
    title, description : str
        The ``[model]`` table's title and description.
    source : str
        The source the quotes come from (the article), as cited.
    parties : tuple of Party
        Every party (``name``, ``actions``); a party without actions does not move, but
        its payoffs are still derived and reported.
    attributes : tuple of Attribute
        The attributes of an outcome (``name``, ``description``, range ``low`` to
        ``high``, ``bad``: an outcome the source fears, reported as a risk).
    baseline : mapping of str to Fraction
        Each attribute's value before any effect applies.
    effects : tuple of Effect
        The rules that add to attributes when parties take given actions (``when``,
        ``changes``, the ``requires``/``excludes`` understandings, ``scenarios``, ``name``).
    preferences : tuple of Preference
        Each party's weight on an attribute with its range, distribution, quote and
        ``basis`` (``stated``, ``inferred`` or ``assumption``) and ``reason``.
    priorities : tuple of Priority
        Ordinal statements (``higher`` outranks each of ``lower`` for ``party``): the
        higher attribute's full swing must be worth more than the lower one's.
    path : str
        The file read (``"<string>"`` when none).
    understandings : tuple of Understanding
        The prior understandings (``name``, ``description``, ``quote``).
    in_force : tuple of str
        The understandings in force (see ``with_understandings``).
    scenarios : tuple of Scenario
        The chance scenarios (``name``, ``probability``, ...) that precede the
        parties' responses; empty: none.
    timing : Timing or None
        The ``[timing]`` table: the order the movers respond in and what each sees.
    transfers : bool
        Whether the movers may pass payoff between them (``transfers = true``).
    conflict : ConflictModel or None
        The graph-model version of the case (``[model] conflict``), loaded.
    uncertainty : mapping of str to Uncertain
        The ranges of the effects', baselines', probabilities' and channels' numbers, by
        parameter name.
    sha256 : str
        SHA-256 of the model file, chained with the files it extends.
    types : tuple of PartyType
        The parties' privately known types (``[[type]]`` tables; empty: every
        number is common knowledge).
    talks : tuple of TalksLevel
        The levels of talks at which the understandings can be agreed (``[[talks]]``).
    source_text : str
        The file holding the source's text, relative to the model's folder.
    talk : TalkStage or None
        A round of cheap talk before the crisis (``[talk]``).
    repetition : Repetition or None
        The crisis as the stage of a repeated game (``[repeated]``).
    channels : tuple of Channel
        The ``[[channel]]`` tables: a party whose payoff carries another's concerns.
    leads : tuple of LeadArea
        The ``[[lead]]`` tables: areas whose lead the parties settle among alternative
        understandings (``lead_choice``).
    players : tuple of Party
        (property) The parties that move.

    Notes
    -----
    A party's payoff at a profile is ``sum_a weight[a] * value[a]`` over the
    attributes, each value the baseline plus the effects that apply, clipped to the
    attribute's range (the expectation over the scenarios, if any), with the
    channels' carried weights added (``payoff_weights``).

    ``weights``, where a method takes it (``game``, ``outside_payoffs``,
    ``payoff``, ``payoff_in``, ``tree``, ``priority_violations``),
    is a mapping ``(party, attribute) -> weight`` that replaces the default
    weights (``default_weights``) of the pairs it names; the others keep
    theirs (set a weight to 0 to drop a concern).  None (the default) means the
    model's own weights.  ``compare`` and
    ``lead_choice`` take ``weights`` the same way.

    References
    ----------
    Keeney, R. L. and Raiffa, H. (1976). Decisions with Multiple Objectives:
    Preferences and Value Tradeoffs, chapter 3 (linear multi-attribute utility).

    Examples
    --------
    >>> import gametheory as gt
    >>> model = gt.load_model("unilateral")
    >>> [p.name for p in model.parties], [p.name for p in model.players]
    (['US', 'ROK', 'PRC', 'Japan'], ['US', 'ROK', 'PRC'])
    >>> str(model.payoff("Japan", ["Intervene", "Intervene", "Limited"]))
    '-7/10'
    >>> model.game().players
    ('US', 'ROK', 'PRC')
    """

    title: str
    description: str
    source: str
    parties: tuple[Party, ...]
    attributes: tuple[Attribute, ...]
    baseline: Mapping[str, Fraction]
    effects: tuple[Effect, ...]
    preferences: tuple[Preference, ...]
    priorities: tuple[Priority, ...]
    path: str = "<string>"
    understandings: tuple[Understanding, ...] = ()
    in_force: tuple[str, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    timing: Timing | None = None
    transfers: bool = False                 # may the movers pass payoff between them?
    conflict: Any = None                    # the same case as a graph-model ConflictModel (loaded)
    #: ranges of the effects', baselines' and probabilities' numbers, by parameter name
    uncertainty: Mapping[str, Uncertain] = field(default_factory=dict)
    #: SHA-256 of the model file, chained with the files it extends (set by the reader)
    sha256: str = ""
    #: the parties' privately known types (none: every party's numbers are common knowledge)
    types: tuple[PartyType, ...] = ()
    #: the levels of talks at which the understandings can be agreed (crisis.choice.TalksLevel)
    talks: tuple[Any, ...] = ()
    #: the file holding the source's text, relative to the model's folder ([model] source_text)
    source_text: str = ""
    #: a round of cheap talk before the crisis ([talk] table), if declared
    talk: TalkStage | None = None
    #: the crisis as a repeated game ([repeated] table), if declared
    repetition: Repetition | None = None
    #: parties whose payoffs carry another party's concerns ([[channel]] tables)
    channels: tuple[Channel, ...] = ()
    #: areas whose lead the parties settle among alternative understandings ([[lead]] tables)
    leads: tuple[LeadArea, ...] = ()

    def parameters(self) -> tuple[Parameter, ...]:
        """Every number of the model as a ``Parameter``.

        Each has a stable name: ``weight.PARTY.ATTRIBUTE``, ``baseline.ATTRIBUTE``,
        ``effect.EFFECT.ATTRIBUTE``, ``probability.SCENARIO``, ``type.PARTY.TYPE`` (a
        type's prior probability) and ``channel.PARTY.CARRIES``, in that order.  Its
        ``Uncertain`` number has the point value the
        model computes with and the range the file gives (the model format,
        ``docs/reference/model-format.md``, says how a number gets its range; a number
        without one is fixed).

        Returns
        -------
        tuple of Parameter

        Examples
        --------
        >>> import gametheory as gt
        >>> params = {p.name: p for p in gt.load_model("unilateral").parameters()}
        >>> n = params["weight.ROK.meltdown"].number
        >>> n.value, n.low, n.high
        (Fraction(-10, 1), Fraction(-15, 1), Fraction(-6, 1))
        >>> p = {q.name: q for q in gt.load_model("succession").parameters()}["probability.succession"]
        >>> p.kind, str(p.number.value), [str(x) for x in (p.number.low, p.number.high)]
        ('probability', '1/5', ['1/20', '2/5'])
        """
        out = [Parameter(f"weight.{p.party}.{p.attribute}", "weight",
                         Uncertain(p.weight, p.low, p.high, p.distribution, p.shape,
                                   p.range_source or p.quote))
               for p in self.preferences]

        def number(name: str, kind: str, value: Fraction) -> Parameter:
            u = self.uncertainty.get(name)
            u = Uncertain(value, value, value) if u is None else replace(u, value=value)
            return Parameter(name, kind, u)

        out += [number(f"baseline.{a.name}", "baseline", self.baseline.get(a.name, Fraction(0)))
                for a in self.attributes]
        out += [number(f"effect.{e.name}.{attr}", "effect", delta)
                for e in self.effects for attr, delta in e.changes]
        out += [number(f"probability.{s.name}", "probability", s.probability)
                for s in self.scenarios]
        out += [number(f"type.{t.party}.{t.name}", "type", t.probability) for t in self.types]
        out += [number(f"channel.{c.party}.{c.carries}", "channel", c.weight) for c in self.channels]
        return tuple(out)

    def with_values(self, values: Mapping[str, Any]) -> Model:
        """The same model with some parameters set (names as in ``parameters``).

        When some scenario probabilities (or some of a party's type
        probabilities, ``type.PARTY.NAME``) are set and others not, the others
        share the rest in proportion to their current values.

        Parameters
        ----------
        values : mapping of str to number
            Parameter name -> value: an int, a Fraction, a finite float or a decimal or
            fraction string such as ``"3/10"`` (parsed, never evaluated).

        Returns
        -------
        Model

        Raises
        ------
        InvalidGameError
            For a name that is no parameter of the model (the message suggests some), a
            value that is not a number, or scenario or type probabilities that cannot be
            made to sum to 1 (those set leave the others less than nothing).

        Examples
        --------
        >>> import gametheory as gt
        >>> m = gt.load_model("succession").with_values({"probability.succession": "1/2"})
        >>> [str(s.probability) for s in m.scenarios]
        ['11/32', '5/32', '1/2']
        """
        known = {p.name: p for p in self.parameters()}
        vals = {}
        for name, v in values.items():
            if name not in known:
                close = [k for k in known if k.split(".")[0] == name.split(".")[0]][:6]
                raise InvalidGameError(f"{self.path}: no parameter {name!r}"
                                       + (f"; e.g. {', '.join(close)}" if close else ""))
            vals[name] = as_fraction(v, f"{self.path}: {name}")
        prefs = tuple(replace(p, weight=vals.get(f"weight.{p.party}.{p.attribute}", p.weight))
                      for p in self.preferences)
        baseline = {a.name: vals.get(f"baseline.{a.name}", self.baseline.get(a.name, Fraction(0)))
                    for a in self.attributes}
        effects = tuple(replace(e, changes=tuple((attr, vals.get(f"effect.{e.name}.{attr}", d))
                                                 for attr, d in e.changes))
                        for e in self.effects)
        channels = tuple(replace(c, weight=vals.get(f"channel.{c.party}.{c.carries}", c.weight))
                         for c in self.channels)
        model = replace(self, preferences=prefs, baseline=baseline, effects=effects,
                        channels=channels)
        for party in dict.fromkeys(t.party for t in self.types):
            mine = [t for t in self.types if t.party == party]
            chosen = {t.name: vals[f"type.{party}.{t.name}"] for t in mine
                      if f"type.{party}.{t.name}" in vals}
            if chosen:
                shared = share_rest(mine, chosen)
                if shared is None or any(not 0 <= v <= 1 for v in shared.values()):
                    raise InvalidGameError(f"{self.path}: the probabilities of {party}'s types "
                                           "must lie in [0, 1] and sum to 1")
                model = replace(model, types=tuple(replace(t, probability=shared[t.name])
                                                   if t.party == party else t
                                                   for t in model.types))
        given = {s.name: vals[f"probability.{s.name}"] for s in self.scenarios
                 if f"probability.{s.name}" in vals}
        if given:
            new = share_rest(self.scenarios, given)
            if new is None:
                raise InvalidGameError(f"{self.path}: scenario probabilities "
                                       f"{', '.join(exact_str(v) for v in given.values())} "
                                       "leave the others less than nothing"
                                       if sum(given.values()) > 1 else
                                       f"{self.path}: scenario probabilities must sum to 1")
            model = replace(model, scenarios=tuple(replace(s, probability=new[s.name])
                                                   for s in self.scenarios))
        return model

    def with_probabilities(self, probabilities: Mapping[str, Any]) -> Model:
        """The same model with other scenario probabilities (scenario name -> probability;
        those not named keep theirs; nonnegative, summing to 1, else ``InvalidGameError``)."""
        known = {s.name: s for s in self.scenarios}
        unknown = set(probabilities) - set(known)
        if unknown:
            raise InvalidGameError(f"{self.path}: no scenario {sorted(unknown)[0]!r}")
        new = tuple(replace(s, probability=Fraction(probabilities.get(s.name, s.probability)))
                    for s in self.scenarios)
        if any(s.probability < 0 for s in new) or sum(s.probability for s in new) != 1:
            raise InvalidGameError(f"{self.path}: scenario probabilities must be nonnegative "
                                   "and sum to 1")
        return replace(self, scenarios=new)

    def with_understandings(self, names: Sequence[str] | None) -> Model:
        """The same model with exactly these understandings in force.

        None puts all of them in force, except that of the alternatives of a
        lead area (``LeadArea``) only one: the one the model has in force,
        else the first.  Naming two alternatives of one area is an error.
        """
        known = [u.name for u in self.understandings]
        if names is None:
            keep = set(known) - {u for area in self.leads for u in area.understandings}
            for area in self.leads:
                keep.add(next((u for u in area.understandings if u in self.in_force),
                              area.understandings[0]))
            names = [n for n in known if n in keep]
        names = list(names)
        for name in names:
            if name not in known:
                raise InvalidGameError(f"{self.path}: no understanding {name!r}; known: "
                                       + (", ".join(known) or "none"))
        for area in self.leads:
            both = [u for u in area.understandings if u in names]
            if len(both) > 1:
                raise InvalidGameError(f"{self.path}: {both[0]!r} and {both[1]!r} are alternative "
                                       f"leads for {area.area}: at most one can be in force")
        return replace(self, in_force=tuple(names))

    @property
    def players(self) -> tuple[Party, ...]:
        """The parties that move (have actions)."""
        return tuple(p for p in self.parties if p.actions)

    def default_weights(self) -> dict[tuple[str, str], Fraction]:
        """The default cardinalisation: ``(party, attribute) -> weight`` (each party's own
        preferences; ``payoff_weights`` adds the channels)."""
        return {(p.party, p.attribute): p.weight for p in self.preferences}

    def payoff_weights(self, weights: Mapping[tuple[str, str], Any] | None = None
                       ) -> dict[tuple[str, str], Fraction]:
        """The weights payoffs are computed with: each party's own (``default_weights``,
        with the pairs ``weights`` names replaced), plus, for a party that carries another's
        concerns (a ``Channel``), the channel's weight times the other party's own weights.

        Examples
        --------
        >>> import gametheory as gt
        >>> m = gt.load_model("unilateral")
        >>> own, carried = m.default_weights(), m.payoff_weights()
        >>> c = m.channels[0]
        >>> carried[("US", "clash")] == own[("US", "clash")] + c.weight * own[("Japan", "clash")]
        True
        """
        w = self.default_weights()
        if weights is not None:
            w.update((k, Fraction(v)) for k, v in weights.items())
        if not self.channels:
            return w
        out = dict(w)
        for c in self.channels:
            for a in self.attributes:
                extra = c.weight * w.get((c.carries, a.name), Fraction(0))
                if extra:
                    out[(c.party, a.name)] = out.get((c.party, a.name), Fraction(0)) + extra
        return out

    def attribute_values(self, profile: Sequence[str],
                         clip: bool = True) -> dict[str, tuple[Fraction, tuple[str, ...]]]:
        """Each attribute's value at a profile of the moving parties' actions, and the effects applied.

        With chance scenarios, the value is the expectation over them (each
        scenario's value clipped to the attribute's range first); payoffs are
        linear in the values, so they are expected payoffs.  ``clip=False``
        gives the values before clipping (baseline plus effects).
        """
        if not self.scenarios:
            return self._values_in(profile, None, clip)
        total: dict[str, tuple[Fraction, list[str]]] = {
            a.name: (Fraction(0), []) for a in self.attributes}
        for sc in self.scenarios:
            for name, (value, notes) in self._values_in(profile, sc.name, clip).items():
                acc, acc_notes = total[name]
                total[name] = (acc + sc.probability * value,
                               acc_notes + [f"{sc.name}: {n}" for n in notes])
        return {name: (value, tuple(notes)) for name, (value, notes) in total.items()}

    def _values_in(self, profile: Sequence[str], scenario: str | None, clip: bool = True):
        chosen = dict(zip((p.name for p in self.players), profile))
        out: dict[str, tuple[Fraction, list[str]]] = {a.name: (self.baseline.get(a.name, Fraction(0)), [])
                                                      for a in self.attributes}
        active = set(self.in_force)
        for e in self.effects:
            if not set(e.requires) <= active or set(e.excludes) & active:
                continue
            if e.scenarios and scenario not in e.scenarios:
                continue
            if all(chosen.get(party) == action for party, action in e.when):
                for name, delta in e.changes:
                    value, notes = out[name]
                    out[name] = (value + delta, notes + [e.note] if e.note else notes)
        result = {}
        for a in self.attributes:
            value, notes = out[a.name]
            result[a.name] = (min(max(value, a.low), a.high) if clip else value, tuple(notes))
        return result

    def payoff(self, party: str, profile: Sequence[str],
               weights: Mapping[tuple[str, str], Any] | None = None) -> Fraction:
        """A party's payoff at a profile (one action per mover), exact.

        The default weights, with the pairs ``weights`` names replaced (see the class
        notes); the channels are added (``payoff_weights``).
        """
        w = self.payoff_weights(weights)
        values = self.attribute_values(profile)
        return sum((Fraction(w.get((party, a), 0)) * v for a, (v, _) in values.items()), Fraction(0))

    def explain(self, party: str, profile: Sequence[str]) -> Derivation:
        """How ``party``'s payoff at ``profile`` follows from the model, sentence by sentence:
        each attribute's value with the notes of the effects applied, and each term (weight
        times value, carried concerns included) with the quoted sentence behind the weight.
        ``render(derivation)`` writes it for people."""
        self._check_party(party)
        profile = self._check_profile(profile)
        values = self.attribute_values(profile)
        prefs = {(p.party, p.attribute): p for p in self.preferences}
        terms = []
        for a in self.attributes:
            pref = prefs.get((party, a.name))
            weight = pref.weight if pref else Fraction(0)
            terms.append((a.name, weight, weight * values[a.name][0], pref.quote if pref else ""))
        for c in self.channels:                  # the concerns it carries, attribute by attribute
            if c.party != party:
                continue
            for a in self.attributes:
                pref = prefs.get((c.carries, a.name))
                if pref is not None and pref.weight:
                    weight = c.weight * pref.weight
                    terms.append((f"{a.name} (for {c.carries})", weight,
                                  weight * values[a.name][0], c.quote))
        return Derivation(party=party, profile=tuple(profile),
                          values=tuple((a, v, n) for a, (v, n) in values.items()),
                          terms=tuple(terms), payoff=sum((t[2] for t in terms), Fraction(0)))

    def payoff_in(self, party: str, profile: Sequence[str], scenario: str | None,
                  weights: Mapping[tuple[str, str], Any] | None = None) -> Fraction:
        """A party's payoff at a profile once chance has picked ``scenario`` (None: no
        scenarios); the payoffs at the leaves of ``tree``."""
        w = self.payoff_weights(weights)
        values = self._values_in(profile, scenario)
        return sum((Fraction(w.get((party, a), 0)) * v for a, (v, _) in values.items()), Fraction(0))

    def tree(self, weights: Mapping[tuple[str, str], Any] | None = None):
        """The crisis as a game tree: chance picks the scenario, then the parties respond.

        The scenarios (if any) are a chance move with their probabilities;
        the moving parties then move in the order of the model's ``[timing]``
        table (default: the order of the parties, nobody seeing anyone), each
        knowing the scenario and the actions of the earlier movers it
        ``observes``.  A party's information set is named by what it knows,
        e.g. ``"succession; US=Intervene"``.  Leaves carry each mover's
        payoff in that scenario (the same derivation as ``game``, without
        the expectation), so the tree's subgame-perfect equilibria let each
        party respond to what has happened.

        Returns
        -------
        ExtensiveFormGame
            Players: the moving parties.  Its ``leaf_outcomes`` maps each leaf
            (depth-first number) to ``(scenario, profile)``.
        """
        movers = {p.name: p for p in self.players}
        if not movers:
            raise InvalidGameError(f"{self.path}: no party has actions, so there is no game")
        timing = self.timing or Timing(order=tuple(movers), observes={})
        names = [p.name for p in self.players]
        reached: dict[int, tuple[str | None, tuple[str, ...]]] = {}

        def respond(scenario: str | None, k: int, chosen: dict[str, str]):
            if k == len(timing.order):
                profile = [chosen[n] for n in names]
                leaf = outcome(*(self.payoff_in(n, profile, scenario, weights) for n in names))
                reached[id(leaf)] = (scenario, tuple(profile))
                return leaf
            party = timing.order[k]
            seen = [f"{q}={chosen[q]}" for q in timing.observes.get(party, ())]
            label = "; ".join(([scenario] if scenario else []) + seen) or "start"
            return decision(party, label, {a: respond(scenario, k + 1, {**chosen, party: a})
                                           for a in movers[party].actions})

        if self.scenarios:
            root = chance({sc.name: (sc.probability, respond(sc.name, 0, {})) for sc in self.scenarios})
        else:
            root = respond(None, 0, {})
        tree = ExtensiveFormGame(root, players=names, title=f"{self.title} (game tree)")
        # what each leaf stands for, by depth-first number: (scenario, movers' actions)
        tree.leaf_outcomes = {int(i): reached[id(tree.node(int(i)))] for i in tree.flat.leaves}
        return tree

    def with_type_probabilities(self, party: str, probabilities: Mapping[str, Any]) -> Model:
        """The same model with new prior probabilities of ``party``'s types.

        Parameters
        ----------
        party : str
            A party with ``[[type]]`` tables.
        probabilities : mapping of str to number
            Type name -> prior probability, every type of the party named, each in
            ``(0, 1]``, summing to 1 (exact numbers or strings such as ``"3/10"``).

        Returns
        -------
        Model

        Raises
        ------
        InvalidGameError
            When the party has no types, a type is missing or unknown, or the
            probabilities are out of range or do not sum to 1.

        Examples
        --------
        >>> import gametheory as gt
        >>> m = gt.load_model("loose-nukes-types").with_type_probabilities(
        ...     "PRC", {"buffer-seeking": "0.2", "stability-first": "0.8"})
        >>> [str(t.probability) for t in m.types]
        ['1/5', '4/5']
        """
        mine = [t.name for t in self.types if t.party == party]
        if not mine:
            raise InvalidGameError(f"{self.path}: {party!r} has no types")
        if sorted(probabilities) != sorted(mine):
            raise InvalidGameError(f"{self.path}: give a probability for each type of {party}: "
                                   + ", ".join(mine))
        new = {k: as_fraction(v, f"{self.path}: probability of {party}'s type {k!r}")
               for k, v in probabilities.items()}
        if any(not 0 < v <= 1 for v in new.values()) or sum(new.values()) != 1:
            raise InvalidGameError(f"{self.path}: the probabilities of {party}'s types must lie "
                                   "in (0, 1] and sum to 1")
        return replace(self, types=tuple(replace(t, probability=new[t.name]) if t.party == party
                                         else t for t in self.types))

    def bayesian_game(self) -> BayesianGame:
        """The game among the moving parties when some of them have private types.

        Each party with ``[[type]]`` tables draws its type independently with
        the stated probabilities (the prior is their product) and knows it; a
        party without types has one, named ``"-"``.  The payoffs at a type
        profile are those of the model with every drawn type's numbers
        (``with_values``); a type of probability 0 drops out.  Solve it with
        ``solve_bayes_nash``, or compare the
        regimes with ``bayes_compare``.

        Returns
        -------
        BayesianGame
            Players: the moving parties, with the understandings in force of this model.

        Raises
        ------
        InvalidGameError
            When no party has actions.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.load_model("loose-nukes-types").bayesian_game()
        >>> g.players, g.types
        (('US', 'PRC'), (('-',), ('buffer-seeking', 'stability-first')))
        >>> g.prior
        array([[Fraction(1, 2), Fraction(1, 2)]], dtype=object)
        >>> gt.load_model("loose-nukes").bayesian_game().types     # no types: one each
        (('-',), ('-',))
        """
        movers = self.players
        if not movers:
            raise InvalidGameError(f"{self.path}: no party has actions, so there is no game")
        by_party: dict[str, list[PartyType]] = {}
        for pt in self.types:
            if pt.probability > 0:          # a type of probability 0 drops out of the game
                by_party.setdefault(pt.party, []).append(pt)
        kinds = [by_party.get(p.name, []) for p in movers]
        names = [[t.name for t in k] or ["-"] for k in kinds]
        prior, payoffs = {}, {}
        choices: list[Sequence[PartyType | None]] = [k or [None] for k in kinds]
        for combo in itertools.product(*choices):
            key = tuple(t.name if t is not None else "-" for t in combo)
            p = Fraction(1)
            values: dict[str, Fraction] = {}
            for t in combo:
                if t is not None:
                    p *= t.probability
                    values.update(dict(t.values))
            prior[key] = p
            if p != 0:
                payoffs[key] = self.with_values(values).game() if values else self.game()
        return BayesianGame([p.name for p in movers], names, [list(p.actions) for p in movers],
                            prior, payoffs, title=self.title)

    def outcome_table(self, weights: Mapping[tuple[str, str], Any] | None = None
                      ) -> tuple[list[tuple[str, ...]], list[dict[str, Fraction]], list[list[Fraction]]]:
        """Every profile of the movers (``itertools.product`` order), the attribute values there
        and every party's payoff there (in the order of the parties), each computed once."""
        w = self.payoff_weights(weights)
        profiles = list(itertools.product(*(p.actions for p in self.players)))
        names = [a.name for a in self.attributes]
        grids, scale = self._value_grids()
        V = [list(col) for col in zip(*(grids[a].reshape(-1).tolist() for a in names))] \
            if names else [[] for _ in profiles]
        values = [{a: Fraction(v, scale) for a, v in zip(names, row)} for row in V]
        W = [[Fraction(w.get((p.name, a), 0)) for p in self.parties] for a in names]
        return profiles, values, _exact_product(V, scale, W)

    def _value_grids(self) -> tuple[dict[str, np.ndarray], int]:
        """Each attribute's value at every profile of the movers, as an array over the action
        grid: the same numbers as ``attribute_values``, computed effect by effect over all
        profiles at once (a mask of the profiles each effect applies to), in integers over one
        common denominator (returned with the arrays)."""
        movers = self.players
        shape = tuple(len(p.actions) for p in movers)
        where = {p.name: k for k, p in enumerate(movers)}
        grid = np.indices(shape)
        active = set(self.in_force)
        effects = [e for e in self.effects
                   if set(e.requires) <= active and not set(e.excludes) & active]
        zero = Fraction(0)
        scale = integer_scale(itertools.chain(
            (self.baseline.get(a.name, zero) for a in self.attributes),
            (x for a in self.attributes for x in (a.low, a.high)),
            (d for e in effects for _, d in e.changes)))

        def whole(x: Fraction) -> int:
            return x.numerator * (scale // x.denominator)

        masks = []
        for e in effects:
            mask = np.ones(shape, dtype=bool)
            for party, action in e.when:
                k = where[party]
                mask &= grid[k] == movers[k].actions.index(action)
            masks.append(mask.astype(np.int64).astype(object))     # 0/1, any integer times it

        def in_scenario(scenario: str | None) -> dict[str, np.ndarray]:
            out = {a.name: np.full(shape, whole(self.baseline.get(a.name, zero)), dtype=object)
                   for a in self.attributes}
            for e, mask in zip(effects, masks):
                if e.scenarios and scenario not in e.scenarios:
                    continue
                for name, delta in e.changes:
                    out[name] = out[name] + mask * whole(delta)
            for a in self.attributes:
                out[a.name] = np.minimum(np.maximum(out[a.name], whole(a.low)), whole(a.high))
            return out

        if not self.scenarios:
            return in_scenario(None), scale
        weight = integer_scale(sc.probability for sc in self.scenarios)
        total = {a.name: np.full(shape, 0, dtype=object) for a in self.attributes}
        for sc in self.scenarios:
            p = sc.probability.numerator * (weight // sc.probability.denominator)
            for name, arr in in_scenario(sc.name).items():
                total[name] = total[name] + p * arr
        return total, scale * weight

    def game(self, weights: Mapping[tuple[str, str], Any] | None = None,
             table: Any = None) -> NormalFormGame:
        """The normal-form game among the moving parties (exact payoffs, the parties that
        do not move left out: ``outside_payoffs``).

        ``weights`` (``(party, attribute) -> weight``) replaces the model's default
        weights of the pairs it names (see the class notes); ``table`` is this model's
        ``outcome_table`` for the same weights, when the caller has it.  With
        scenarios, the payoffs are expected over them.
        """
        movers = self.players
        if not movers:
            raise InvalidGameError(f"{self.path}: no party has actions, so there is no game")
        shape = tuple(len(p.actions) for p in movers)
        _, _, payoffs = self.outcome_table(weights) if table is None else table
        index = [k for k, p in enumerate(self.parties) if p.actions]
        arrays = []
        for k in index:
            arr = np.empty(len(payoffs), dtype=object)
            arr[:] = [row[k] for row in payoffs]
            arrays.append(arr.reshape(shape))
        return NormalFormGame(arrays, players=[p.name for p in movers],
                              actions=[list(p.actions) for p in movers], title=self.title,
                              description=self.description)

    def outside_payoffs(self, weights: Mapping[tuple[str, str], Any] | None = None
                        ) -> dict[str, np.ndarray]:
        """Payoff arrays (over the movers' profiles) of the parties that do not move, from
        ``outcome_table`` (every profile computed once, as for ``game``)."""
        shape = tuple(len(p.actions) for p in self.players)
        _, _, payoffs = self.outcome_table(weights)
        out = {}
        for k, party in enumerate(self.parties):
            if not party.actions:
                arr = np.empty(len(payoffs), dtype=object)
                arr[:] = [row[k] for row in payoffs]
                out[party.name] = arr.reshape(shape)
        return out

    def priority_violations(self, weights: Mapping[tuple[str, str], Any] | None = None) -> list[str]:
        """The stated priorities a set of weights breaks, one sentence each (empty when all
        hold; default: the model's weights)."""
        w = self.default_weights() if weights is None else {**self.default_weights(), **weights}
        span = {a.name: a.high - a.low for a in self.attributes}
        out = []
        for pr in self.priorities:
            top = abs(Fraction(w.get((pr.party, pr.higher), 0))) * span[pr.higher]
            for low in pr.lower:
                if not top > abs(Fraction(w.get((pr.party, low), 0))) * span[low]:
                    out.append(f"{pr.party}: {pr.higher} must outrank {low}")
        return out

    def _check_party(self, party: str) -> None:
        if party not in {p.name for p in self.parties}:
            raise InvalidGameError(f"{self.path}: no party {party!r}; parties: "
                                   + ", ".join(p.name for p in self.parties))

    def _check_profile(self, profile: Sequence[str]) -> list[str]:
        movers = self.players
        if len(profile) != len(movers):
            raise InvalidGameError(f"{self.path}: a profile names one action for each of "
                                   + ", ".join(p.name for p in movers))
        for p, a in zip(movers, profile):
            if a not in p.actions:
                raise InvalidGameError(f"{self.path}: {p.name} has no action {a!r}; actions: "
                                       + ", ".join(p.actions))
        return list(profile)
