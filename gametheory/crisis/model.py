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
- **priorities**: ordinal statements ("for ROK, meltdown outranks foreign
  forces"), each with its ``quote``, which constrain the weights: the higher
  attribute's full swing must be worth more than the lower one's.

A party's payoff at an action profile is ``sum_a weight[a] * value[a]``:
a linear multi-attribute utility (Keeney and Raiffa 1976, "Decisions with
Multiple Objectives", chapter 3).  Numbers are exact rationals: integers,
decimals or strings such as ``"3/5"``, parsed without evaluating anything.
The format is documented in ``docs/reference/model-format.md``.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from ..arithmetic import parse_rational
from ..io._files import read_text
from ..errors import GameFileError, InvalidGameError
from ..games.normal import NormalFormGame

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["Model", "Party", "Attribute", "Effect", "Understanding", "Scenario", "Timing", "Preference",
           "Priority", "read_model", "parse_model", "Derivation"]


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


@dataclass(frozen=True)
class Scenario:
    """An outcome of a chance move that precedes the parties' responses (e.g. Kim's health)."""

    name: str
    probability: Fraction
    description: str
    quote: str


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


@dataclass(frozen=True)
class Priority:
    party: str
    higher: str
    lower: tuple[str, ...]
    quote: str


@dataclass(frozen=True)
class Derivation:
    """How one party's payoff at one profile was derived (see :meth:`Model.explain`)."""

    party: str
    profile: tuple[str, ...]
    values: tuple[tuple[str, Fraction, tuple[str, ...]], ...]   # attribute, value, effect notes
    terms: tuple[tuple[str, Fraction, Fraction, str], ...]       # attribute, weight, term, quote
    payoff: Fraction

    def __str__(self) -> str:
        lines = [f"{self.party} at ({', '.join(self.profile)}): payoff {_fmt(self.payoff)}"]
        for (name, value, notes), (_, weight, term, quote) in zip(self.values, self.terms):
            lines.append(f"  {name} = {_fmt(value)}" + (f"  [{'; '.join(notes)}]" if notes else ""))
            lines.append(f"    x weight {_fmt(weight)} = {_fmt(term)}"
                         + (f'  ("{quote}")' if quote else "  (no stated preference: weight 0)"))
        return "\n".join(lines)


def _fmt(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


@dataclass(frozen=True)
class Model:
    """A crisis model read from a TOML file: parties, attributes, effects, preferences."""

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
    conflict: Any = None                    # the same case as a graph-model ConflictModel

    def with_probabilities(self, probabilities: Mapping[str, Any]) -> "Model":
        """The same model with other scenario probabilities (they must sum to 1)."""
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

    def with_understandings(self, names: Sequence[str] | None) -> "Model":
        """The same model with exactly these understandings in force (all of them when None)."""
        known = [u.name for u in self.understandings]
        names = known if names is None else list(names)
        for name in names:
            if name not in known:
                raise InvalidGameError(f"{self.path}: no understanding {name!r}; known: "
                                       + (", ".join(known) or "none"))
        return replace(self, in_force=tuple(names))

    @property
    def players(self) -> tuple[Party, ...]:
        """The parties that move (have actions)."""
        return tuple(p for p in self.parties if p.actions)

    def default_weights(self) -> dict[tuple[str, str], Fraction]:
        """The default cardinalisation: ``(party, attribute) -> weight``."""
        return {(p.party, p.attribute): p.weight for p in self.preferences}

    def attribute_values(self, profile: Sequence[str]) -> dict[str, tuple[Fraction, tuple[str, ...]]]:
        """Each attribute's value at a profile of the moving parties' actions, and the effects applied.

        With chance scenarios, the value is the expectation over them (each
        scenario's value clipped to the attribute's range first); payoffs are
        linear in the values, so they are expected payoffs.
        """
        if not self.scenarios:
            return self._values_in(profile, None)
        total = {a.name: (Fraction(0), []) for a in self.attributes}
        for sc in self.scenarios:
            for name, (value, notes) in self._values_in(profile, sc.name).items():
                acc, acc_notes = total[name]
                total[name] = (acc + sc.probability * value,
                               acc_notes + [f"{sc.name}: {n}" for n in notes])
        return {name: (value, tuple(notes)) for name, (value, notes) in total.items()}

    def _values_in(self, profile: Sequence[str], scenario: str | None):
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
            result[a.name] = (min(max(value, a.low), a.high), tuple(notes))
        return result

    def payoff(self, party: str, profile: Sequence[str],
               weights: Mapping[tuple[str, str], Any] | None = None) -> Fraction:
        """A party's payoff at a profile (default weights unless ``weights`` is given)."""
        w = self.default_weights() if weights is None else weights
        values = self.attribute_values(profile)
        return sum((Fraction(w.get((party, a), 0)) * v for a, (v, _) in values.items()), Fraction(0))

    def explain(self, party: str, profile: Sequence[str]) -> Derivation:
        """How ``party``'s payoff at ``profile`` follows from the model, sentence by sentence."""
        self._check_party(party)
        profile = self._check_profile(profile)
        values = self.attribute_values(profile)
        prefs = {(p.party, p.attribute): p for p in self.preferences}
        terms = []
        for a in self.attributes:
            pref = prefs.get((party, a.name))
            weight = pref.weight if pref else Fraction(0)
            terms.append((a.name, weight, weight * values[a.name][0], pref.quote if pref else ""))
        return Derivation(party=party, profile=tuple(profile),
                          values=tuple((a, v, n) for a, (v, n) in values.items()),
                          terms=tuple(terms), payoff=sum((t[2] for t in terms), Fraction(0)))

    def payoff_in(self, party: str, profile: Sequence[str], scenario: str | None,
                  weights: Mapping[tuple[str, str], Any] | None = None) -> Fraction:
        """A party's payoff at a profile once chance has picked ``scenario`` (None: no scenarios)."""
        w = self.default_weights() if weights is None else weights
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
        payoff in that scenario (the same derivation as :meth:`game`, without
        the expectation), so the tree's subgame-perfect equilibria let each
        party respond to what has happened.

        Returns
        -------
        ExtensiveFormGame
            Players: the moving parties.  Its ``leaf_outcomes`` maps each leaf
            (depth-first number) to ``(scenario, profile)``.
        """
        from ..games.tree import ExtensiveFormGame, chance, decision, outcome
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

    def game(self, weights: Mapping[tuple[str, str], Any] | None = None) -> NormalFormGame:
        """The normal-form game among the moving parties (exact payoffs)."""
        movers = self.players
        if not movers:
            raise InvalidGameError(f"{self.path}: no party has actions, so there is no game")
        shape = tuple(len(p.actions) for p in movers)
        arrays = [np.empty(shape, dtype=object) for _ in movers]
        for idx in itertools.product(*(range(m) for m in shape)):
            profile = [p.actions[a] for p, a in zip(movers, idx)]
            for k, p in enumerate(movers):
                arrays[k][idx] = self.payoff(p.name, profile, weights)
        return NormalFormGame(arrays, players=[p.name for p in movers],
                              actions=[list(p.actions) for p in movers], title=self.title,
                              description=self.description)

    def outside_payoffs(self, weights: Mapping[tuple[str, str], Any] | None = None
                        ) -> dict[str, np.ndarray]:
        """Payoff arrays (over the movers' profiles) of the parties that do not move."""
        movers = self.players
        shape = tuple(len(p.actions) for p in movers)
        out = {}
        for party in self.parties:
            if party.actions:
                continue
            arr = np.empty(shape, dtype=object)
            for idx in itertools.product(*(range(m) for m in shape)):
                arr[idx] = self.payoff(party.name, [p.actions[a] for p, a in zip(movers, idx)], weights)
            out[party.name] = arr
        return out

    def priority_violations(self, weights: Mapping[tuple[str, str], Any] | None = None) -> list[str]:
        """The priorities a set of weights breaks (empty when all hold)."""
        w = self.default_weights() if weights is None else weights
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


# ----------------------------------------------------------------------------- reading
_TOP = {"model", "party", "attribute", "baseline", "effect", "preference", "priority",
        "understanding", "scenario", "timing"}


def read_model(path: str | Path) -> Model:
    """Read and validate a model file; errors name the file and the offending key."""
    path = Path(path)
    text = read_text(path)
    return parse_model(text, source=str(path), folder=path.parent)


def parse_model(text: str, source: str = "<string>", folder: Path | None = None,
                _chain: tuple[str, ...] = ()) -> Model:
    """Parse a model from TOML text (see :func:`read_model`).

    A model whose ``[model]`` table says ``extends = "other.toml"`` is the
    other model (read from ``folder``) with its own title, description and
    understandings in force; it may change nothing else.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GameFileError(source, f"TOML syntax error: {exc}") from None
    head = data.get("model", {})
    if isinstance(head, dict) and "extends" in head:
        extra = sorted(set(data) - {"model", "scenario", "effect", "timing"})
        if extra:
            raise GameFileError(source, f"[{extra[0]}]: a model that extends another may only "
                                        "change [model] and [timing] and add [[scenario]] and "
                                        "[[effect]] tables")
        base_name = head["extends"]
        if not isinstance(base_name, str) or "/" in base_name or not base_name.endswith(".toml"):
            raise GameFileError(source, "[model]: 'extends' must name a .toml file in the same folder")
        base_path = (folder or Path(".")) / base_name
        if not base_path.is_file():
            raise GameFileError(source, f"[model]: the model it extends, {base_name}, is not there")
        if base_name in _chain or len(_chain) > 20:
            raise GameFileError(source, f"[model]: 'extends' goes round in a circle through {base_name}")
        base = parse_model(base_path.read_text(encoding="utf-8"), str(base_path), folder,
                           _chain + (base_name, Path(source).name))
        reader = _Reader(data, source, folder)
        reader.keys(head, {"title", "description", "source", "extends", "in_force", "transfers",
                           "conflict"}, "[model]")
        model = replace(base, title=reader.text(head, "title", "[model]"),
                        description=reader.text(head, "description", "[model]", False) or base.description,
                        source=reader.text(head, "source", "[model]", False) or base.source, path=source)
        if "scenario" in data or "effect" in data:
            if "scenario" in data and base.scenarios:
                raise GameFileError(source, "[scenario]: the model it extends has scenarios already")
            scenarios = reader.scenarios() if "scenario" in data else base.scenarios
            added = reader.effects(base.parties, {a.name for a in base.attributes},
                                   {u.name for u in base.understandings},
                                   {sc.name for sc in scenarios})
            model = replace(model, scenarios=scenarios, effects=base.effects + added)
        if "timing" in data:
            model = replace(model, timing=reader.timing(model.parties))
        return reader.in_force(model, head)
    return _Reader(data, source, folder).model()


class _Reader:
    def __init__(self, data: dict, source: str, folder: Path | None = None):
        self.data = data
        self.source = source
        self.folder = folder

    def fail(self, where: str, message: str) -> GameFileError:
        return GameFileError(self.source, f"{where}: {message}")

    def keys(self, table: Mapping, allowed: set[str], where: str) -> None:
        extra = sorted(set(table) - allowed)
        if extra:
            raise self.fail(where, f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(allowed))})")

    def text(self, table: Mapping, key: str, where: str, required: bool = True) -> str:
        if key not in table:
            if required:
                raise self.fail(where, f"missing {key!r}")
            return ""
        value = table[key]
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(where, f"{key!r} must be a non-empty string")
        return value

    def number(self, value: Any, where: str) -> Fraction:
        if isinstance(value, bool):
            raise self.fail(where, "expected a number, got a boolean")
        if isinstance(value, int):
            return Fraction(value)
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise self.fail(where, "numbers must be finite")
            return Fraction(repr(value))
        if isinstance(value, str):
            try:
                return parse_rational(value)
            except (ValueError, ZeroDivisionError):
                raise self.fail(where, f"{value!r} is not a number (write 3, 0.25 or \"1/3\")") from None
        raise self.fail(where, f"expected a number, got {type(value).__name__}")

    def tables(self, key: str) -> list[dict]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
            raise self.fail(key, f"write each {key} as a [[{key}]] table")
        return value

    def model(self) -> Model:
        self.keys(self.data, _TOP, "top level")
        head = self.data.get("model", {})
        if not isinstance(head, dict):
            raise self.fail("model", "must be a table")
        self.keys(head, {"title", "description", "source", "in_force", "transfers", "conflict"},
                  "[model]")
        title = self.text(head, "title", "[model]")
        parties = self.parties()
        attributes = self.attributes()
        names = {a.name for a in attributes}
        baseline = self.baseline(names)
        understandings = self.understandings()
        scenarios = self.scenarios()
        effects = self.effects(parties, names, {u.name for u in understandings},
                               {sc.name for sc in scenarios})
        preferences = self.preferences(parties, names)
        priorities = self.priorities(parties, names)
        model = Model(title=title, description=self.text(head, "description", "[model]", False),
                      source=self.text(head, "source", "[model]", False), parties=parties,
                      attributes=attributes, baseline=baseline, effects=effects,
                      preferences=preferences, priorities=priorities, path=self.source,
                      understandings=understandings, scenarios=scenarios,
                      timing=self.timing(parties) if "timing" in self.data else None)
        broken = model.priority_violations()
        if broken:
            raise self.fail("priority", f"the default weights break a stated priority ({broken[0]})")
        return self.in_force(model, head)

    def conflict(self, model: Model, value: Any) -> Model:
        """``conflict = "conflicts/crisis.toml"``: the same case as a graph-model conflict, a
        file below the model's folder, whose decision makers are parties of the model."""
        from ..conflict import read_conflict
        if not isinstance(value, str) or not value.endswith(".toml") or value.startswith("/") \
                or ".." in Path(value).parts or "\\" in value:
            raise self.fail("[model]", "'conflict' must name a .toml file below the model's folder, "
                                       "e.g. \"conflicts/crisis.toml\"")
        path = (self.folder or Path(".")) / value
        if not path.is_file():
            raise self.fail("[model]", f"the conflict model {value} is not there")
        conflict = read_conflict(path)
        parties = {p.name for p in model.parties}
        strangers = [d for d in conflict.names if d not in parties]
        if strangers:
            raise self.fail("[model]", f"the conflict model {value} has decision maker "
                                       f"{strangers[0]!r}, not a party of this model")
        return replace(model, conflict=conflict)

    def in_force(self, model: Model, head: Mapping) -> Model:
        if "conflict" in head:
            model = self.conflict(model, head["conflict"])
        if "transfers" in head:
            if not isinstance(head["transfers"], bool):
                raise self.fail("[model]", "'transfers' must be true or false")
            model = replace(model, transfers=head["transfers"])
        names = head.get("in_force", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise self.fail("[model]", "'in_force' must be a list of understanding names")
        known = {u.name for u in model.understandings}
        for n in names:
            if n not in known:
                raise self.fail("[model]", f"in_force names an unknown understanding {n!r}")
        return replace(model, in_force=tuple(names))

    def scenarios(self) -> tuple[Scenario, ...]:
        out, seen = [], set()
        for k, t in enumerate(self.tables("scenario"), 1):
            where = f"scenario {k}"
            self.keys(t, {"name", "probability", "description", "quote"}, where)
            name = self.text(t, "name", where)
            if name in seen:
                raise self.fail(where, f"duplicate scenario {name!r}")
            seen.add(name)
            p = self.number(t.get("probability"), f"{where}: probability")
            if p < 0:
                raise self.fail(where, "probability must be nonnegative")
            out.append(Scenario(name, p, self.text(t, "description", where, False),
                                self.text(t, "quote", where)))
        if out and sum(sc.probability for sc in out) != 1:
            raise self.fail("scenario", "the scenario probabilities must sum to 1")
        return tuple(out)

    def timing(self, parties: tuple[Party, ...]) -> Timing:
        t = self.data["timing"]
        where = "[timing]"
        if not isinstance(t, dict):
            raise self.fail(where, "must be a table")
        self.keys(t, {"order", "observes", "quote", "note"}, where)
        movers = [p.name for p in parties if p.actions]
        order = t.get("order", movers)
        if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
            raise self.fail(where, "'order' must be a list of party names")
        if sorted(order) != sorted(movers):
            raise self.fail(where, f"'order' must list every moving party once ({', '.join(movers)}), "
                                   f"got {', '.join(order) or 'none'}")
        observes = t.get("observes", {})
        if not isinstance(observes, dict):
            raise self.fail(where, "'observes' must be a table party = [earlier movers]")
        out = {}
        for party, seen in observes.items():
            if party not in movers:
                raise self.fail(where, f"observes: {party!r} is not a moving party")
            if not isinstance(seen, list) or not all(isinstance(n, str) for n in seen):
                raise self.fail(where, f"observes.{party} must be a list of party names")
            earlier = order[:order.index(party)]
            for q in seen:
                if q not in earlier:
                    raise self.fail(where, f"observes.{party}: {q!r} does not move before {party}")
            out[party] = tuple(seen)
        return Timing(order=tuple(order), observes=out, quote=self.text(t, "quote", where, False),
                      note=self.text(t, "note", where, False))

    def understandings(self) -> tuple[Understanding, ...]:
        out, seen = [], set()
        for k, t in enumerate(self.tables("understanding"), 1):
            where = f"understanding {k}"
            self.keys(t, {"name", "description", "quote"}, where)
            name = self.text(t, "name", where)
            if name in seen:
                raise self.fail(where, f"duplicate understanding {name!r}")
            seen.add(name)
            out.append(Understanding(name, self.text(t, "description", where, False),
                                     self.text(t, "quote", where)))
        return tuple(out)

    def parties(self) -> tuple[Party, ...]:
        out, seen = [], set()
        for k, t in enumerate(self.tables("party"), 1):
            where = f"party {k}"
            self.keys(t, {"name", "actions"}, where)
            name = self.text(t, "name", where)
            if name in seen:
                raise self.fail(where, f"duplicate party {name!r}")
            seen.add(name)
            actions = t.get("actions", [])
            if not isinstance(actions, list) or not all(isinstance(a, str) and a for a in actions):
                raise self.fail(f"party {name!r}", "'actions' must be a list of names")
            if len(set(actions)) != len(actions):
                raise self.fail(f"party {name!r}", "duplicate action names")
            out.append(Party(name, tuple(actions)))
        if not out:
            raise self.fail("party", "a model needs at least one [[party]]")
        if not any(p.actions for p in out):
            raise self.fail("party", "no party has actions")
        return tuple(out)

    def attributes(self) -> tuple[Attribute, ...]:
        out, seen = [], set()
        for k, t in enumerate(self.tables("attribute"), 1):
            where = f"attribute {k}"
            self.keys(t, {"name", "description", "min", "max", "bad"}, where)
            name = self.text(t, "name", where)
            if name in seen:
                raise self.fail(where, f"duplicate attribute {name!r}")
            seen.add(name)
            low = self.number(t.get("min", 0), f"attribute {name!r}: min")
            high = self.number(t.get("max", 1), f"attribute {name!r}: max")
            if not low < high:
                raise self.fail(f"attribute {name!r}", "min must be below max")
            bad = t.get("bad", False)
            if not isinstance(bad, bool):
                raise self.fail(f"attribute {name!r}", "'bad' must be true or false")
            out.append(Attribute(name, self.text(t, "description", where, False), low, high, bad))
        if not out:
            raise self.fail("attribute", "a model needs at least one [[attribute]]")
        return tuple(out)

    def baseline(self, names: set[str]) -> dict[str, Fraction]:
        table = self.data.get("baseline", {})
        if not isinstance(table, dict):
            raise self.fail("baseline", "must be a table")
        self.keys(table, names, "[baseline]")
        return {k: self.number(v, f"baseline {k!r}") for k, v in table.items()}

    def _conditions(self, when: Any, parties: tuple[Party, ...], where: str) -> tuple[tuple[str, str], ...]:
        if not isinstance(when, dict) or not when:
            raise self.fail(where, "'when' must be a table of party = action")
        byname = {p.name: p for p in parties}
        out = []
        for party, action in when.items():
            if party not in byname:
                raise self.fail(where, f"unknown party {party!r}")
            if action not in byname[party].actions:
                raise self.fail(where, f"{party} has no action {action!r}")
            out.append((party, action))
        return tuple(out)

    def effects(self, parties: tuple[Party, ...], names: set[str],
                understandings: set[str], scenarios: set[str] = frozenset()) -> tuple[Effect, ...]:
        out = []
        for k, t in enumerate(self.tables("effect"), 1):
            where = f"effect {k}"
            self.keys(t, {"when", "note", "requires", "excludes", "scenario"} | names, where)
            in_scenarios = t.get("scenario", [])
            in_scenarios = [in_scenarios] if isinstance(in_scenarios, str) else in_scenarios
            if not isinstance(in_scenarios, list) or any(v not in scenarios for v in in_scenarios):
                raise self.fail(where, "'scenario' must name scenarios declared in [[scenario]] tables")
            if "when" not in t and in_scenarios:
                when = ()
            else:
                when = self._conditions(t.get("when"), parties, where)
            changes = tuple((a, self.number(t[a], f"{where}: {a}")) for a in t if a in names)
            if not changes:
                raise self.fail(where, "changes no attribute")
            gates = []
            for key in ("requires", "excludes"):
                value = t.get(key, [])
                value = [value] if isinstance(value, str) else value
                if not isinstance(value, list) or any(v not in understandings for v in value):
                    raise self.fail(where, f"'{key}' must name understandings declared in "
                                           "[[understanding]] tables")
                gates.append(tuple(value))
            out.append(Effect(when, changes, self.text(t, "note", where, False), *gates,
                              scenarios=tuple(in_scenarios)))
        return tuple(out)

    def preferences(self, parties: tuple[Party, ...], names: set[str]) -> tuple[Preference, ...]:
        out, seen = [], set()
        party_names = {p.name for p in parties}
        for k, t in enumerate(self.tables("preference"), 1):
            where = f"preference {k}"
            self.keys(t, {"party", "attribute", "weight", "range", "quote"}, where)
            party, attr = self.text(t, "party", where), self.text(t, "attribute", where)
            if party not in party_names:
                raise self.fail(where, f"unknown party {party!r}")
            if attr not in names:
                raise self.fail(where, f"unknown attribute {attr!r}")
            if (party, attr) in seen:
                raise self.fail(where, f"a second weight for {party} on {attr}")
            seen.add((party, attr))
            weight = self.number(t.get("weight"), f"{where}: weight")
            rng = t.get("range", [t.get("weight"), t.get("weight")])
            if not isinstance(rng, list) or len(rng) != 2:
                raise self.fail(where, "'range' must be [low, high]")
            low, high = (self.number(v, f"{where}: range") for v in rng)
            if not low <= weight <= high:
                raise self.fail(where, f"weight {_fmt(weight)} is outside its range "
                                       f"[{_fmt(low)}, {_fmt(high)}]")
            out.append(Preference(party, attr, weight, low, high, self.text(t, "quote", where)))
        return tuple(out)

    def priorities(self, parties: tuple[Party, ...], names: set[str]) -> tuple[Priority, ...]:
        out = []
        party_names = {p.name for p in parties}
        for k, t in enumerate(self.tables("priority"), 1):
            where = f"priority {k}"
            self.keys(t, {"party", "higher", "lower", "quote"}, where)
            party = self.text(t, "party", where)
            if party not in party_names:
                raise self.fail(where, f"unknown party {party!r}")
            higher = self.text(t, "higher", where)
            lower = t.get("lower", [])
            lower = [lower] if isinstance(lower, str) else lower
            for a in [higher, *lower]:
                if a not in names:
                    raise self.fail(where, f"unknown attribute {a!r}")
            if not lower:
                raise self.fail(where, "'lower' names no attribute")
            out.append(Priority(party, higher, tuple(lower), self.text(t, "quote", where)))
        return tuple(out)
