"""Crisis models from TOML (``docs/reference/model-format.md``): read, checked, every error
naming the file and the offending key.

A model file may name other files beside it: ``[model] extends = "other.toml"`` (the other
model, changed) and ``[model] conflict = "conflicts/crisis.toml"`` (the same case as a
graph-model conflict).  This reader reads them too, so the ``Model``
it returns holds everything (``model.conflict`` is the loaded
``ConflictModel``) and the crisis code never opens a file.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..arithmetic import exact_str, parse_rational
from ..crisis.choice import TalksLevel
from ..crisis.model import (
    Attribute,
    Channel,
    Effect,
    LeadArea,
    Model,
    Party,
    PartyType,
    Preference,
    Priority,
    Repetition,
    Scenario,
    TalkStage,
    Timing,
    Understanding,
    effect_names,
)
from ..crisis.parameters import DISTRIBUTIONS, Uncertain
from ..errors import GameError, GameFileError
from ._files import read_text
from ._toml import parse_toml
from .conflict_toml import read_conflict
from .sources import Source, bundled, resolve

__all__ = ["read_model", "parse_model", "load_model", "bundled_models", "sibling_models",
           "read_source_text"]

#: Most action profiles a model's game may have (every profile's outcome is computed exactly).
MAX_MODEL_PROFILES = 1_000_000

_TOP = {"model", "party", "attribute", "baseline", "effect", "preference", "priority",
        "understanding", "scenario", "timing", "type", "talks", "talk", "repeated", "channel",
        "lead"}


def read_model(path: str | Path) -> Model:
    """Read and validate a model file; errors name the file and the offending key."""
    path = Path(path)
    text = read_text(path)
    return parse_model(text, source=str(path), folder=path.parent)


#: The model-file format this version writes and reads: ``[model] format = 2``.  Format 1 is
#: every file from before the field existed (no ``format`` key); it is read as it is, since
#: format 2 only added the field.  A later format will say here what changed and how a format-2
#: file is read.
MODEL_FORMAT = 2
READABLE_FORMATS = (1, 2)


def _check_format(value: object, source: str) -> None:
    """Refuse a model file of a format this version cannot read, in one line."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in READABLE_FORMATS:
        raise GameFileError(source, f"[model]: format {value!r} is not one this version of "
                                    f"gametheory reads ({', '.join(map(str, READABLE_FORMATS))}); "
                                    "a newer gametheory may")


def parse_model(text: str, source: str = "<string>", folder: Path | None = None,
                _chain: tuple[str, ...] = ()) -> Model:
    """Parse a model from TOML text (see ``read_model``).

    A model whose ``[model]`` table says ``extends = "other.toml"`` is the
    other model (read from ``folder``) with its own title, description and
    understandings in force; it may add parties with their preferences,
    effects, scenarios, types, levels of talks and channels, and set the
    timing, talk and repeated stages, and change nothing else.
    """
    data = parse_toml(text, source)
    head = data.get("model", {})
    if isinstance(head, dict):
        _check_format(head.get("format", 1), source)
    if isinstance(head, dict) and "extends" in head:
        extra = sorted(set(data) - {"model", "scenario", "effect", "timing", "type", "talks",
                                    "talk", "repeated", "channel", "party", "preference"})
        if extra:
            raise GameFileError(source, f"[{extra[0]}]: a model that extends another may only "
                                        "change [model], [timing], [talk] and [repeated] and add "
                                        "[[party]], [[preference]], [[scenario]], [[effect]], "
                                        "[[type]], [[talks]] and [[channel]] tables")
        base_name = head["extends"]
        if not isinstance(base_name, str) or "/" in base_name or not base_name.endswith(".toml"):
            raise GameFileError(source, "[model]: 'extends' must name a .toml file in the same folder")
        base_path = (folder or Path(".")) / base_name
        if not base_path.is_file():
            raise GameFileError(source, f"[model]: the model it extends, {base_name}, is not there")
        if not _inside(base_path, folder or Path(".")):
            raise GameFileError(source, f"[model]: the model it extends, {base_name}, leads out "
                                        "of the model's folder (a link)")
        if base_name in _chain or len(_chain) > 20:
            raise GameFileError(source, f"[model]: 'extends' goes round in a circle through {base_name}")
        base = parse_model(read_text(base_path), str(base_path), folder,
                           _chain + (base_name, Path(source).name))
        reader = _Reader(data, source, folder)
        reader.keys(head, {"format", "title", "description", "source", "source_text", "extends",
                           "in_force",
                           "transfers", "conflict"}, "[model]")
        model = replace(base, title=reader.text(head, "title", "[model]"),
                        description=reader.text(head, "description", "[model]", False) or base.description,
                        source=reader.text(head, "source", "[model]", False) or base.source,
                        path=source, source_text=reader.text(head, "source_text", "[model]", False)
                        or base.source_text)
        if "party" in data:                  # new parties (with their preferences below)
            added_parties = reader.parties(added=True)
            known = {p.name for p in base.parties}
            for p in added_parties:
                if p.name in known:
                    raise GameFileError(source, f"[party]: {p.name!r} is a party of the model "
                                                "it extends already")
            if base.timing is not None and any(p.actions for p in added_parties):
                raise GameFileError(source, "[party]: the model it extends has a [timing] table; "
                                            "a new moving party would be missing from its order")
            reader.check_size(base.parties + added_parties)
            model = replace(model, parties=base.parties + added_parties)
        if "preference" in data:
            added_prefs = reader.preferences(model.parties, {a.name for a in base.attributes})
            given = {(p.party, p.attribute) for p in base.preferences}
            for pref in added_prefs:
                if (pref.party, pref.attribute) in given:
                    raise GameFileError(source, f"[preference]: {pref.party} has a weight on "
                                                f"{pref.attribute} in the model it extends already")
            model = replace(model, preferences=base.preferences + added_prefs)
        if "scenario" in data or "effect" in data:
            if "scenario" in data and base.scenarios:
                raise GameFileError(source, "[scenario]: the model it extends has scenarios already")
            scenarios = reader.scenarios() if "scenario" in data else base.scenarios
            added = reader.effects(model.parties, {a.name for a in base.attributes},
                                   {u.name for u in base.understandings},
                                   {sc.name for sc in scenarios})
            effects = reader.named(base.effects + added, len(base.effects))
            model = replace(model, scenarios=scenarios, effects=effects,
                            uncertainty={**base.uncertainty, **reader.ranges})
        if "timing" in data:
            model = replace(model, timing=reader.timing(model.parties))
        if "type" in data:
            if base.types:
                raise GameFileError(source, "[type]: the model it extends has types already")
            types = reader.types(model)
            model = replace(model, types=types, uncertainty={**model.uncertainty, **reader.ranges})
        if "talks" in data:
            if base.talks:
                raise GameFileError(source, "[talks]: the model it extends has levels of talks already")
            model = replace(model, talks=reader.talks(model))
        if "channel" in data:
            model = reader.channels(model, base.channels)
        model = reader.stages(model)
        return replace(reader.in_force(model, head), sha256=_digest(text, base.sha256))
    return replace(_Reader(data, source, folder).model(), sha256=_digest(text))


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links resolved, lies in ``folder`` (links resolved too)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _digest(text: str, base: str = "") -> str:
    """The SHA-256 of a model file's text, chained with the digest of the file it extends."""
    data = text.encode("utf-8") + (b"\0" + base.encode("ascii") if base else b"")
    return hashlib.sha256(data).hexdigest()


class _Reader:
    def __init__(self, data: dict, source: str, folder: Path | None = None):
        self.data = data
        self.source = source
        self.folder = folder
        self.ranges: dict[str, Uncertain] = {}          # parameter name -> its range
        self._effect_ranges: list[tuple[int, str, Uncertain]] = []

    def uncertain(self, raw: Any, where: str) -> tuple[Fraction, Uncertain | None]:
        """A number, or an inline table ``{ value = ..., range = [low, high], distribution = ...,
        beta = [a, b], source = "..." }``: its value and its range (None for a plain number)."""
        if not isinstance(raw, dict):
            return self.number(raw, where), None
        self.keys(raw, {"value", "range", "distribution", "beta", "source"}, where)
        if "value" not in raw:
            raise self.fail(where, "a number written as a table needs 'value'")
        value = self.number(raw["value"], f"{where}: value")
        return value, self.range_of(raw, value, where)

    def range_of(self, table: Mapping, value: Fraction, where: str) -> Uncertain:
        """The range, distribution and source in ``table`` around the point ``value``."""
        rng = table.get("range", [value, value])
        if not isinstance(rng, list) or len(rng) != 2:
            raise self.fail(where, "'range' must be [low, high]")
        low, high = (self.number(v, f"{where}: range") for v in rng)
        if low > high:
            raise self.fail(where, f"the range [{exact_str(low)}, {exact_str(high)}] is empty")
        if not low <= value <= high:
            raise self.fail(where, f"{exact_str(value)} is outside its range "
                                   f"[{exact_str(low)}, {exact_str(high)}]")
        dist = table.get("distribution", "uniform")
        if dist not in DISTRIBUTIONS:
            raise self.fail(where, f"unknown distribution {dist!r} (known: {', '.join(DISTRIBUTIONS)})")
        shape: tuple[Fraction, Fraction] | None = None
        if dist == "beta":
            ab = table.get("beta")
            if not isinstance(ab, list) or len(ab) != 2:
                raise self.fail(where, "a beta distribution needs beta = [a, b]")
            shape = (self.number(ab[0], f"{where}: beta"), self.number(ab[1], f"{where}: beta"))
            if min(shape) <= 0:
                raise self.fail(where, "beta = [a, b] needs a > 0 and b > 0")
        elif "beta" in table:
            raise self.fail(where, "'beta' is only for distribution = \"beta\"")
        return Uncertain(value, low, high, dist, shape, self.text(table, "source", where, False))

    def named(self, effects: tuple[Effect, ...], offset: int = 0) -> tuple[Effect, ...]:
        """The effects named (``effect_names``), and the ranges read with this file's effects
        (from ``offset`` on) filed under their parameter names."""
        try:
            effects = effect_names(effects)
        except Exception as err:         # InvalidGameError: two effects with one name
            raise self.fail("effect", str(err)) from None
        for k, attr, u in self._effect_ranges:
            self.ranges[f"effect.{effects[offset + k].name}.{attr}"] = u
        return effects

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

    def check_size(self, parties: tuple[Party, ...]) -> None:
        """Refuse, before anything is built, a model whose game would be too large to hold."""
        profiles = 1
        for p in parties:
            profiles *= max(1, len(p.actions))
        if profiles > MAX_MODEL_PROFILES:
            raise self.fail("party", f"the game would have {profiles:.3g} action profiles "
                                     f"(limit {MAX_MODEL_PROFILES:.0e}): fewer parties or actions")

    def basis(self, table: Mapping, where: str) -> tuple[str, str]:
        """A number's class for the ledger (``basis``: stated, inferred or assumption, or ""
        when not given) and its ``reason``, required for the last two."""
        basis = table.get("basis", "")
        if basis not in ("", "stated", "inferred", "assumption"):
            raise self.fail(where, "'basis' must be stated, inferred or assumption")
        return basis, self.text(table, "reason", where, basis in ("inferred", "assumption"))

    def number(self, value: Any, where: str) -> Fraction:
        if isinstance(value, bool):
            raise self.fail(where, "expected a number, got a boolean")
        if isinstance(value, (int, Fraction)):
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
        self.keys(head, {"format", "title", "description", "source", "source_text", "in_force",
                         "transfers", "conflict"},
                  "[model]")
        title = self.text(head, "title", "[model]")
        parties = self.parties()
        self.check_size(parties)
        attributes = self.attributes()
        names = {a.name for a in attributes}
        baseline = self.baseline(names)
        understandings = self.understandings()
        scenarios = self.scenarios()
        effects = self.named(self.effects(parties, names, {u.name for u in understandings},
                                          {sc.name for sc in scenarios}))
        preferences = self.preferences(parties, names)
        priorities = self.priorities(parties, names)
        model = Model(title=title, description=self.text(head, "description", "[model]", False),
                      source=self.text(head, "source", "[model]", False), parties=parties,
                      source_text=self.text(head, "source_text", "[model]", False),
                      attributes=attributes, baseline=baseline, effects=effects,
                      preferences=preferences, priorities=priorities, path=self.source,
                      understandings=understandings, scenarios=scenarios,
                      timing=self.timing(parties) if "timing" in self.data else None,
                      uncertainty=dict(self.ranges))
        broken = model.priority_violations()
        if broken:
            raise self.fail("priority", f"the default weights break a stated priority ({broken[0]})")
        if "type" in self.data:
            types = self.types(model)
            model = replace(model, types=types, uncertainty={**model.uncertainty, **self.ranges})
        if "talks" in self.data:
            model = replace(model, talks=self.talks(model))
        if "channel" in self.data:
            model = self.channels(model)
        if "lead" in self.data:
            model = replace(model, leads=self.leads(model))
        return self.in_force(self.stages(model), head)

    def leads(self, model: Model) -> tuple[LeadArea, ...]:
        """``[[lead]]`` tables: an ``area`` and its candidate ``leaders``, a table
        ``party = "understanding"`` (what that party's lead puts in force), ``quote`` and
        ``note``."""
        parties = {p.name for p in model.parties}
        understandings = {u.name for u in model.understandings}
        out, used, areas = [], set(), set()
        for k, t in enumerate(self.tables("lead"), 1):
            where = f"lead {k}"
            self.keys(t, {"area", "leaders", "quote", "note"}, where)
            area = self.text(t, "area", where)
            if area in areas:
                raise self.fail(where, f"a second [[lead]] table for {area!r}")
            areas.add(area)
            leaders = t.get("leaders")
            if not isinstance(leaders, dict) or len(leaders) < 2:
                raise self.fail(where, "'leaders' must be a table party = \"understanding\" "
                                       "naming at least two candidates")
            options = []
            for party, u in leaders.items():
                if party not in parties:
                    raise self.fail(where, f"unknown party {party!r}")
                if not isinstance(u, str) or u not in understandings:
                    raise self.fail(where, f"{party}'s lead must name an understanding declared "
                                           "in an [[understanding]] table")
                if u in used:
                    raise self.fail(where, f"the understanding {u!r} is the lead of two candidates")
                used.add(u)
                options.append((party, u))
            out.append(LeadArea(area, tuple(options), self.text(t, "quote", where),
                                self.text(t, "note", where, False)))
        return tuple(out)

    def channels(self, model: Model, before: tuple[Channel, ...] = ()) -> Model:
        """``[[channel]]`` tables: ``party`` carries ``carries``'s concerns with ``weight``
        (a number in [0, 1], or one with its range), with ``quote``, ``basis`` and ``reason`` as
        for a weight."""
        names = {p.name for p in model.parties}
        out, seen = list(before), {(c.party, c.carries) for c in before}
        for k, t in enumerate(self.tables("channel"), 1):
            where = f"channel {k}"
            self.keys(t, {"party", "carries", "weight", "quote", "basis", "reason"}, where)
            party, carries = self.text(t, "party", where), self.text(t, "carries", where)
            for name in (party, carries):
                if name not in names:
                    raise self.fail(where, f"unknown party {name!r}")
            if party == carries:
                raise self.fail(where, f"{party} cannot carry its own concerns")
            if (party, carries) in seen:
                raise self.fail(where, f"a second channel from {carries} to {party}")
            seen.add((party, carries))
            weight, u = self.uncertain(t.get("weight"), f"{where}: weight")
            if not 0 <= weight <= 1 or (u is not None and (u.low < 0 or u.high > 1)):
                raise self.fail(where, "a channel's weight (and its range) must lie in [0, 1]")
            if u is not None:
                self.ranges[f"channel.{party}.{carries}"] = u
            basis, reason = self.basis(t, where)
            out.append(Channel(party, carries, weight, self.text(t, "quote", where,
                                                                 basis != "assumption"),
                               basis, reason))
        return replace(model, channels=tuple(out), uncertainty={**model.uncertainty, **self.ranges})

    def stages(self, model: Model) -> Model:
        """The optional ``[talk]`` (a round of cheap talk before the crisis) and ``[repeated]``
        (the crisis as a repeated game) tables."""
        movers = {p.name: p for p in model.players}
        if "talk" in self.data:
            t = self.data["talk"]
            if not isinstance(t, dict):
                raise self.fail("talk", "must be a table")
            self.keys(t, {"senders", "messages", "quote", "note"}, "[talk]")
            senders, messages = t.get("senders", list(movers)), t.get("messages")
            if not isinstance(senders, list) or not senders or any(s not in movers for s in senders) \
                    or len(set(senders)) < len(senders):
                raise self.fail("[talk]", "'senders' must list distinct parties with actions")
            if not isinstance(messages, list) or len(messages) < 2 or \
                    not all(isinstance(m, str) and m for m in messages) or len(set(messages)) < len(messages):
                raise self.fail("[talk]", "'messages' must list at least two distinct names")
            model = replace(model, talk=TalkStage(tuple(senders), tuple(messages),
                                                  self.text(t, "quote", "[talk]"),
                                                  self.text(t, "note", "[talk]", False)))
        if "repeated" in self.data:
            t = self.data["repeated"]
            if not isinstance(t, dict):
                raise self.fail("repeated", "must be a table")
            self.keys(t, {"discount", "profile", "quote", "note"}, "[repeated]")
            if "discount" not in t:
                raise self.fail("[repeated]", "missing 'discount'")
            delta = self.number(t["discount"], "[repeated]: discount")
            if not 0 < delta < 1:
                raise self.fail("[repeated]", "'discount' must lie strictly between 0 and 1")
            profile = t.get("profile", [])
            order = list(movers)
            if profile and (not isinstance(profile, list) or len(profile) != len(order)
                            or any(a not in movers[p].actions for p, a in zip(order, profile))):
                raise self.fail("[repeated]", "'profile' must give one action of each party with "
                                              f"actions, in order ({', '.join(order)})")
            model = replace(model, repetition=Repetition(delta, tuple(profile),
                                                         self.text(t, "quote", "[repeated]"),
                                                         self.text(t, "note", "[repeated]", False)))
        return model

    def talks(self, model: Model) -> tuple[TalksLevel, ...]:
        """``[[talks]]`` tables: the levels at which the parties may agree on the understandings,
        lowest first, each with its cost to each party, the probability that it becomes known,
        each party's payoff change then, and its quote."""
        if not model.understandings:
            raise self.fail("talks", "levels of talks need [[understanding]] tables to agree on")
        parties = {p.name for p in model.parties}
        out: list[TalksLevel] = []
        for k, t in enumerate(self.tables("talks"), 1):
            where = f"talks {k}"
            self.keys(t, {"name", "cost", "discovery", "if_discovered", "quote", "note"}, where)
            name = self.text(t, "name", where)
            if name == "none" or any(lv.name == name for lv in out):
                raise self.fail(where, f"the level name {name!r} is taken ('none' means no talks)")
            tables = {}
            for key in ("cost", "if_discovered"):
                table = t.get(key, {})
                if not isinstance(table, dict):
                    raise self.fail(where, f"'{key}' must be a table: party = number")
                for party in table:
                    if party not in parties:
                        raise self.fail(where, f"'{key}' names {party!r}, not a party of the model")
                tables[key] = tuple((party, self.number(v, f"{where}: {key}.{party}"))
                                    for party, v in table.items())
            discovery = self.number(t.get("discovery", 0), f"{where}: discovery")
            if not 0 <= discovery <= 1:
                raise self.fail(where, "'discovery' is a probability: it must lie in [0, 1]")
            out.append(TalksLevel(name, tables["cost"], discovery, tables["if_discovered"],
                                  self.text(t, "quote", where), self.text(t, "note", where, False)))
        return tuple(out)

    def types(self, model: Model) -> tuple[PartyType, ...]:
        """``[[type]]`` tables: a moving party's possible private types, each with its prior
        probability, the model's numbers as that type has them, and its quote."""
        out: list[PartyType] = []
        movers = {p.name for p in model.players}
        known = {p.name for p in model.parameters()}
        for k, t in enumerate(self.tables("type"), 1):
            where = f"type {k}"
            self.keys(t, {"party", "name", "probability", "values", "quote", "description"}, where)
            party, name = self.text(t, "party", where), self.text(t, "name", where)
            if party not in movers:
                raise self.fail(where, f"'party' must name a party with actions, not {party!r}")
            if any(o.party == party and o.name == name for o in out):
                raise self.fail(where, f"duplicate type {name!r} of {party}")
            if "probability" not in t:
                raise self.fail(where, "missing 'probability'")
            p, u = self.uncertain(t["probability"], f"{where}: probability")
            if not 0 < p <= 1 or (u is not None and (u.low < 0 or u.high > 1)):
                raise self.fail(where, "a type's probability must lie in (0, 1], its range in [0, 1]")
            if u is not None:
                self.ranges[f"type.{party}.{name}"] = u
            values = t.get("values", {})
            if not isinstance(values, dict):
                raise self.fail(where, "'values' must be a table: parameter name = value")
            for key in values:
                if key not in known:
                    close = [n for n in known if n.split(".")[:2] == key.split(".")[:2]][:4]
                    raise self.fail(where, f"no parameter {key!r}"
                                    + (f" (e.g. {', '.join(sorted(close))})" if close else ""))
            numbers = tuple((key, self.number(v, f"{where}: {key}")) for key, v in values.items())
            broken = model.with_values(dict(numbers)).priority_violations()
            if broken:
                raise self.fail(where, f"its numbers break a stated priority ({broken[0]})")
            out.append(PartyType(party, name, p, numbers, self.text(t, "quote", where),
                                 self.text(t, "description", where, False)))
        for party in dict.fromkeys(t.party for t in out):
            total = sum(t.probability for t in out if t.party == party)
            if total != 1:
                raise self.fail("type", f"the types of {party} have probabilities summing to "
                                        f"{exact_str(total)}, not 1")
        for a, b in itertools.combinations(out, 2):
            shared = sorted({k for k, _ in a.values} & {k for k, _ in b.values})
            if a.party != b.party and shared:
                raise self.fail("type", f"types of {a.party} and {b.party} both set {shared[0]!r}")
        return tuple(out)

    def conflict(self, model: Model, value: Any) -> Model:
        """``conflict = "conflicts/crisis.toml"``: the same case as a graph-model conflict, a
        file below the model's folder, whose decision makers are parties of the model."""
        if not isinstance(value, str) or not value.endswith(".toml") or value.startswith("/") \
                or ".." in Path(value).parts or "\\" in value:
            raise self.fail("[model]", "'conflict' must name a .toml file below the model's folder, "
                                       "e.g. \"conflicts/crisis.toml\"")
        path = (self.folder or Path(".")) / value
        if not path.is_file():
            raise self.fail("[model]", f"the conflict model {value} is not there")
        if not _inside(path, self.folder or Path(".")):
            raise self.fail("[model]", f"the conflict model {value} leads out of the model's "
                                       "folder (a link)")
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
        for area in model.leads:
            both = [u for u in area.understandings if u in names]
            if len(both) > 1:
                raise self.fail("[model]", f"in_force names {both[0]!r} and {both[1]!r}, "
                                           f"alternative leads for {area.area}")
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
            p, u = self.uncertain(t.get("probability"), f"{where}: probability")
            if p < 0 or (u is not None and (u.low < 0 or u.high > 1)):
                raise self.fail(where, "probabilities must lie in [0, 1]")
            if u is not None:
                self.ranges[f"probability.{name}"] = u
            out.append(Scenario(name, p, self.text(t, "description", where, False),
                                self.text(t, "quote", where)))
        if out and sum(sc.probability for sc in out) != 1:
            raise self.fail("scenario", "the scenario probabilities must sum to 1")
        if out and all(f"probability.{sc.name}" in self.ranges and not self.ranges[f"probability.{sc.name}"].fixed
                       for sc in out):
            raise self.fail("scenario", "at least one scenario probability must have no range: "
                                        "the scenarios without one take the rest")
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

    def parties(self, added: bool = False) -> tuple[Party, ...]:
        """The ``[[party]]`` tables; ``added``: parties a model adds to the one it extends (which
        has its movers already)."""
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
        if not added and not any(p.actions for p in out):
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
        out = {}
        for k, v in table.items():
            out[k], u = self.uncertain(v, f"baseline {k!r}")
            if u is not None:
                self.ranges[f"baseline.{k}"] = u
        return out

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
                understandings: set[str], scenarios: AbstractSet[str] = frozenset()
                ) -> tuple[Effect, ...]:
        out: list[Effect] = []
        for k, t in enumerate(self.tables("effect"), 1):
            where = f"effect {k}"
            self.keys(t, {"when", "note", "requires", "excludes", "scenario", "name"} | names, where)
            in_scenarios = t.get("scenario", [])
            in_scenarios = [in_scenarios] if isinstance(in_scenarios, str) else in_scenarios
            if not isinstance(in_scenarios, list) or any(v not in scenarios for v in in_scenarios):
                raise self.fail(where, "'scenario' must name scenarios declared in [[scenario]] tables")
            when: tuple[tuple[str, str], ...]
            if "when" not in t and in_scenarios:
                when = ()
            else:
                when = self._conditions(t.get("when"), parties, where)
            changes = []
            for a in (a for a in t if a in names):
                delta, u = self.uncertain(t[a], f"{where}: {a}")
                changes.append((a, delta))
                if u is not None:
                    self._effect_ranges.append((len(out), a, u))
            if not changes:
                raise self.fail(where, "changes no attribute")
            name = self.text(t, "name", where, False)
            if name and not all(ch.isalnum() or ch in "_-" for ch in name):
                raise self.fail(where, f"effect name {name!r}: use letters, digits, '_' and '-'")
            gates: list[tuple[str, ...]] = []
            for key in ("requires", "excludes"):
                value = t.get(key, [])
                value = [value] if isinstance(value, str) else value
                if not isinstance(value, list) or any(v not in understandings for v in value):
                    raise self.fail(where, f"'{key}' must name understandings declared in "
                                           "[[understanding]] tables")
                gates.append(tuple(value))
            requires, excludes = gates
            out.append(Effect(when, tuple(changes), self.text(t, "note", where, False), requires,
                              excludes, scenarios=tuple(in_scenarios), name=name))
        return tuple(out)

    def preferences(self, parties: tuple[Party, ...], names: set[str]) -> tuple[Preference, ...]:
        out, seen = [], set()
        party_names = {p.name for p in parties}
        for k, t in enumerate(self.tables("preference"), 1):
            where = f"preference {k}"
            self.keys(t, {"party", "attribute", "weight", "range", "quote", "distribution", "beta",
                          "range_source", "basis", "reason"}, where)
            basis, reason = self.basis(t, where)
            party, attr = self.text(t, "party", where), self.text(t, "attribute", where)
            if party not in party_names:
                raise self.fail(where, f"unknown party {party!r}")
            if attr not in names:
                raise self.fail(where, f"unknown attribute {attr!r}")
            if (party, attr) in seen:
                raise self.fail(where, f"a second weight for {party} on {attr}")
            seen.add((party, attr))
            weight, u = self.uncertain(t.get("weight"), f"{where}: weight")
            if u is not None and ({"range", "distribution", "beta", "range_source"} & set(t)):
                raise self.fail(where, "give the range either in the weight's table or beside it")
            if u is None:
                u = self.range_of({**t, "source": t.get("range_source", "")}, weight,
                                  f"{where}: weight")
            # a weight without a quote must be the modeller's, said so: basis = "assumption"
            quote = self.text(t, "quote", where, basis != "assumption")
            out.append(Preference(party, attr, weight, u.low, u.high, quote,
                                  u.distribution, u.shape, u.source, basis, reason))
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


def load_model(source: str | Path | Source) -> Model:
    """A crisis model from a ``.toml`` file or a bundled model's name (see ``bundled_models``).

    The format is described in ``docs/reference/model-format.md``; files the
    model names (``extends``, ``conflict``) are read too.
    ``read_game`` on the same source gives the game
    among the parties that move.

    Parameters
    ----------
    source : str, path-like or Source
        A model file's path, or a bundled model's name.

    Returns
    -------
    Model

    Raises
    ------
    GameFileError
        For an unknown name, or a file that is unreadable or breaks the
        format; the message names the file and the offending key.

    Examples
    --------
    >>> import gametheory as gt
    >>> model = gt.load_model("unilateral")
    >>> [p.name for p in model.parties], [p.name for p in model.players]
    (['US', 'ROK', 'PRC', 'Japan'], ['US', 'ROK', 'PRC'])
    >>> str(model.payoff("Japan", ["Intervene", "Intervene", "Limited"]))
    '-7/10'
    >>> gt.read_game("unilateral") == model.game()
    True
    """
    src = resolve(source, "model")
    return parse_model(src.text(), source=src.name, folder=src.folder)


def bundled_models() -> dict[str, str]:
    """Names of the bundled crisis models (``models/*.toml``) with their titles.

    Each name can be given to ``load_model`` and to
    ``read_game``.

    Returns
    -------
    dict of str to str
        Name to title, in the order of the bundled files' names.

    Examples
    --------
    >>> import gametheory as gt
    >>> models = gt.bundled_models()
    >>> models["unilateral"]
    'Unilateral responses to a North Korean collapse'
    >>> list(models)[:3]
    ['coordinated', 'loose-nukes-types', 'loose-nukes']
    """
    return {name: load_model(src).title for name, src in bundled("model").items()}


def sibling_models(source: str | Path | Source) -> list[Model]:
    """The other models beside a model file (the other bundled models for a bundled one); files
    of the folder that are not readable models are passed over."""
    src = resolve(source, "model")
    here = Path(str(src.entry if src.entry is not None else src.path)).resolve()
    out = []
    for path in sorted(src.folder.glob("*.toml")) if src.folder.is_dir() else ():
        if path.resolve() == here:
            continue
        try:
            out.append(read_model(path))
        except GameError:                   # not a model, or a broken one: nothing to compare with
            continue
    return out


def read_source_text(source: str | Path | Source) -> str | None:
    """The text a model's ``[model] source_text`` names (relative to the model's folder), or
    None when it names none or the file is not there."""
    src = resolve(source, "model")
    model = load_model(src)
    if not model.source_text:
        return None
    path = src.folder / model.source_text
    return read_text(path) if path.is_file() else None
