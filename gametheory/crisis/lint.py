"""A model's provenance, checked: one finding per number or quote that does not hold up.

The rules (each finding names its rule, the place and what is wrong):

- ``not-verbatim``: a quote that is not, word for word, in the source text (when
  the text is given: the article is not shipped with the package);
- ``unquoted``: a number with no quote that is not marked as the modeller's
  assumption.  An effect, a baseline or a range is marked by a ``note`` /
  ``source`` that starts with ``assumption`` and says why; a weight by
  ``basis = "assumption"`` and its ``reason``;
- ``unclassed``: a weight whose ``basis`` is not given: ``stated`` (the quote
  says it), ``inferred`` (it follows from the quote, with the reasoning) or
  ``assumption``.  The ledger needs each number's class;
- ``reused-quote``: one sentence quoted for the weights of different attributes
  (of one party or several): it cannot state them all;
- ``inconsistent``: the same party's weight on the same attribute given different
  values in another model of the same folder;
- ``tie``: a best-response tie in the model's game, without or with the
  understandings (a zero weight or a clipped effect can create one: the
  continua of equilibria then come from the modelling, not from the source);
- ``priority``: a stated priority that the numbers break (a type's numbers included).

``lint`` returns a ``LintReport``; ``gametheory lint`` prints one line per
finding and exits with code 1 when there is any.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..analysis.genericity import payoff_ties
from ..display import Displayable
from .model import Model

__all__ = ["Finding", "LintReport", "lint", "RULES"]

#: The lint rules, in the order they are checked.
RULES = ("not-verbatim", "unquoted", "unclassed", "reused-quote", "inconsistent", "tie", "priority")


@dataclass(frozen=True)
class Finding(Displayable):
    """One problem found by ``lint``.

    Attributes
    ----------
    rule : str
        The rule it breaks (one of ``RULES``: ``not-verbatim``, ``unquoted``,
        ``unclassed``, ``reused-quote``, ``inconsistent``, ``tie``, ``priority``).
    where : str
        Where in the model it is (a table of the model file, or the game).
    message : str
        What is wrong.

    Examples
    --------
    >>> import gametheory as gt
    >>> zero = gt.lint(gt.load_model("loose-nukes").with_values({"weight.PRC.loose_nukes": 0}))
    >>> f = zero.findings[0]
    >>> f.rule, f.where
    ('tie', 'the game without the understandings')
    >>> f.line()
    'tie: the game without the understandings: 1 best-response tie(s), e.g. PRC between Wait and Move in against US Wait (payoff 0): zero weights or clipped effects make payoffs equal by construction'
    """

    rule: str
    where: str
    message: str

    def line(self) -> str:
        """The finding as one line: ``rule: where: message``."""
        return f"{self.rule}: {self.where}: {self.message}"


@dataclass(frozen=True)
class LintReport(Displayable):
    """Every finding of ``lint`` on one model, and the rules that could not be checked.

    Attributes
    ----------
    model : Model
        The model checked.
    findings : tuple of Finding
        In the order the rules are checked.
    skipped : tuple of str
        The rules that could not be checked (``not-verbatim`` without the source text).
    clean : bool
        (property) True when there is no finding.

    Examples
    --------
    >>> import gametheory as gt
    >>> report = gt.lint(gt.load_model("loose-nukes"))
    >>> report.clean, report.skipped, report.findings
    (True, ('not-verbatim',), ())
    """

    model: Model
    findings: tuple[Finding, ...]
    skipped: tuple[str, ...]

    @property
    def clean(self) -> bool:
        return not self.findings


def _normal(text: str) -> str:
    return " ".join(text.split())


def _assumption(text: str) -> bool:
    return _normal(text).lower().startswith("assumption")


def _quotes(model: Model) -> list[tuple[str, str]]:
    """Every quote of the model with where it is."""
    out = [(f"preference {p.party}.{p.attribute}", p.quote) for p in model.preferences]
    out += [(f"priority {p.party}: {p.higher}", p.quote) for p in model.priorities]
    out += [(f"understanding {u.name}", u.quote) for u in model.understandings]
    out += [(f"scenario {s.name}", s.quote) for s in model.scenarios]
    out += [(f"type {t.party}.{t.name}", t.quote) for t in model.types]
    out += [(f"talks {lv.name}", lv.quote) for lv in model.talks]
    out += [(f"channel {c.party}.{c.carries}", c.quote) for c in model.channels]
    if model.timing is not None and model.timing.quote:
        out.append(("timing", model.timing.quote))
    for name, stage in (("talk", model.talk), ("repeated", model.repetition)):
        if stage is not None:
            out.append((name, stage.quote))
    return [(where, q) for where, q in out if q]


def lint(model: Model, source_text: str | None = None,
         others: Sequence[Model] = ()) -> LintReport:
    """Check a model's provenance and construction.

    The rules, each finding naming its rule, the place and what is wrong:

    - ``not-verbatim``: a quote not in ``source_text``, word for word (whitespace
      normalised); skipped without it;
    - ``unquoted``: an effect or baseline whose note or source does not start with
      ``assumption``, or a preference or channel range without a source saying why;
    - ``unclassed``: a weight or channel without ``basis`` (``stated``,
      ``inferred`` or ``assumption``);
    - ``reused-quote``: one sentence quoted for the weights of different attributes;
    - ``inconsistent``: a weight that differs in one of ``others`` (or is given there
      and absent here);
    - ``tie``: a best-response tie in the game without or with the understandings,
      under every allocation of the lead roles (zero weights or clipped effects
      make payoffs equal by construction);
    - ``priority``: a stated priority the numbers, a type's included, break.

    ``gametheory lint`` prints one line per finding and exits with code 1 when
    there is any.

    Parameters
    ----------
    model : Model
    source_text : str, optional
        The text the quotes come from; without it ``not-verbatim`` is skipped.
    others : sequence of Model
        Models to compare weights with (``inconsistent``); ``gametheory lint`` passes
        the other models of the same folder.

    Returns
    -------
    LintReport

    Examples
    --------
    >>> import gametheory as gt
    >>> report = lint(gt.load_model("loose-nukes"))
    >>> report.clean, report.skipped
    (True, ('not-verbatim',))
    >>> from dataclasses import replace                  # a weight left unclassed
    >>> careless = replace(report.model, preferences=tuple(
    ...     replace(p, basis="") for p in report.model.preferences))
    >>> sorted({f.rule for f in lint(careless).findings})
    ['unclassed']
    >>> zero = lint(gt.load_model("loose-nukes").with_values({"weight.PRC.loose_nukes": 0}))
    >>> [f.rule for f in zero.findings]
    ['tie', 'tie']
    """
    findings: list[Finding] = []
    skipped: list[str] = []
    if source_text is None:
        skipped.append("not-verbatim")
    else:
        text = _normal(source_text)
        for where, quote in _quotes(model):
            if _normal(quote) not in text:
                findings.append(Finding("not-verbatim", where,
                                        f"the quote {_normal(quote)[:60]!r}... is not in the source"))
    findings += _unquoted(model)
    findings += _reused(model)
    findings += _inconsistent(model, others)
    findings += _ties(model)
    for broken in model.priority_violations():
        findings.append(Finding("priority", "priority", f"the default weights break it: {broken}"))
    for t in model.types:
        for broken in model.with_values(dict(t.values)).priority_violations():
            findings.append(Finding("priority", f"type {t.party}.{t.name}",
                                    f"its numbers break it: {broken}"))
    return LintReport(model=model, findings=tuple(findings), skipped=tuple(skipped))


def _unquoted(model: Model) -> list[Finding]:
    out = []
    for e in model.effects:
        if not _assumption(e.note):
            out.append(Finding("unquoted", f"effect {e.name}",
                               "no quote, and its note does not mark it an assumption "
                               "(write note = \"assumption: why\")"))
    for attribute in model.baseline:
        u = model.uncertainty.get(f"baseline.{attribute}")
        if u is None or not _assumption(u.source):
            out.append(Finding("unquoted", f"baseline.{attribute}",
                               "a baseline with no quote, and no source that marks it an "
                               "assumption (write { value = ..., source = \"assumption: why\" })"))
    for p in model.preferences:
        if not p.basis:
            out.append(Finding("unclassed", f"preference {p.party}.{p.attribute}",
                               "no basis: say whether the quote states the weight (stated), "
                               "implies it (inferred, with the reason) or not (assumption)"))
        if p.low != p.high and not p.range_source:
            out.append(Finding("unquoted", f"preference {p.party}.{p.attribute}",
                               "its range has no range_source saying why"))
    for c in model.channels:
        if not c.basis:
            out.append(Finding("unclassed", f"channel {c.party}.{c.carries}",
                               "no basis: stated, inferred (with the reason) or assumption"))
        u = model.uncertainty.get(f"channel.{c.party}.{c.carries}")
        if u is not None and not u.fixed and not u.source:
            out.append(Finding("unquoted", f"channel {c.party}.{c.carries}",
                               "its range has no source saying why"))
    return out


def _reused(model: Model) -> list[Finding]:
    by_quote: dict[str, list[tuple[str, str]]] = {}
    for p in model.preferences:
        if p.quote:
            by_quote.setdefault(_normal(p.quote), []).append((p.party, p.attribute))
    out = []
    for quote, uses in by_quote.items():
        attributes = {a for _, a in uses}
        if len(attributes) > 1:
            listed = ", ".join(f"{p}.{a}" for p, a in uses)
            out.append(Finding("reused-quote", f"preferences {listed}",
                               f"one sentence ({quote[:50]!r}...) quoted for "
                               f"{len(attributes)} different attributes"))
    return out


def _inconsistent(model: Model, others: Sequence[Model]) -> list[Finding]:
    mine = {(p.party, p.attribute): p.weight for p in model.preferences}
    out = []
    for other in others:
        if other.path == model.path:
            continue
        theirs = {(p.party, p.attribute): p.weight for p in other.preferences}
        for key, w in mine.items():
            if key in theirs and theirs[key] != w:
                out.append(Finding("inconsistent", f"preference {key[0]}.{key[1]}",
                                   f"weight {w} here, {theirs[key]} in {Path(other.path).name}"))
        # a weight stated in the other model and absent (0) here
        for key, w in theirs.items():
            if key not in mine and w != 0 and key[1] in {a.name for a in model.attributes} \
                    and key[0] in {p.name for p in model.parties}:
                out.append(Finding("inconsistent", f"preference {key[0]}.{key[1]}",
                                   f"weight 0 here (none given), {w} in {Path(other.path).name}"))
    return out


def _ties(model: Model) -> list[Finding]:
    regimes = [("", model)] if not model.understandings else \
        [("without the understandings", model.with_understandings([])),
         ("with the understandings", model.with_understandings(None))]
    if model.leads:                     # every allocation of the lead roles is a game of its own
        leads = {u for area in model.leads for u in area.understandings}
        others = [u for u in model.with_understandings(None).in_force if u not in leads]
        regimes = regimes[:1]
        for combo in itertools.product(*(area.options for area in model.leads)):
            who = " and ".join(f"{party} leading {area.area}"
                               for area, (party, _) in zip(model.leads, combo))
            regimes.append((f"with the understandings, {who}",
                            model.with_understandings(others + [u for _, u in combo])))
    out = []
    for label, m in regimes:
        game = m.game()
        ties = payoff_ties(game).ties
        if ties:
            t = ties[0]
            against = ", ".join(f"{game.players[j]} {game.actions[j][a]}"
                                for j, a in enumerate(t.against) if a >= 0)
            tied = " and ".join(game.actions[t.player][a] for a in t.actions)
            out.append(Finding("tie", f"the game {label}".rstrip(),
                               f"{len(ties)} best-response tie(s), e.g. {game.players[t.player]} "
                               f"between {tied} against {against} (payoff {t.payoff}): zero "
                               "weights or clipped effects make payoffs equal by construction"))
    return out

