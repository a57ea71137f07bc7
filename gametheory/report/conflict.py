"""Conflict analyses for people (table) and programs (JSON ``gametheory.conflict/1``), and the
conversion of a conflict to a game in strategic form (payoff = rank)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import numpy as np

from ..games.normal import NormalFormGame
from ..conflict.model import ConflictModel
from ..conflict.coalitions import MAX_DECISION_MAKERS, coalitional_stability
from ..conflict.stability import CONCEPTS, Analysis, analyse

__all__ = ["conflict_to_dict", "format_conflict", "to_normal_form", "conflict_summary",
           "format_conflict_summary", "conflict_to_dot"]


def conflict_to_dict(model: ConflictModel, grouping: str | None = None,
                     start: str | None = None, every_coalition: bool = False,
                     explain: str | None = None) -> dict[str, Any]:
    """The analysis as the contract's JSON object: ``options``, feasible ``states`` (Y/N),
    ``stable`` (per concept, the equilibria for the decision makers as given), and, with a
    grouping, ``coalitions`` and ``stable_coalitions`` for it; with ``start``, the states
    reachable from it by unilateral improvements, each with a path; with ``every_coalition``,
    ``coalitional``: the equilibria no coalition breaks, and which coalitions break the others
    (:func:`~gametheory.conflict.coalitions.coalitional_stability`); with ``explain`` (a
    state), ``explain``: for each decision maker (and each group of the grouping) the concepts
    under which that state is stable and why (its improvements and their sanctions)."""
    base = analyse(model)
    name = model.state_name
    out: dict[str, Any] = {
        "schema": "gametheory.conflict/1",
        "title": model.title,
        "decision_makers": [{"name": d.name, "options": list(d.options)} for d in model.decision_makers],
        "options": list(model.options),
        "states": [name(s) for s in model.states],
        "stable": {c: [name(s) for s in base.equilibria[c]] for c in CONCEPTS},
        "stability": {d: {c: [name(s) for k, s in enumerate(model.states) if base.stable[c][g][k]]
                          for c in CONCEPTS} for g, d in enumerate(model.names)},
    }
    grouped = analyse(model, grouping) if grouping is not None else None
    if grouped is not None:
        out["coalitions"] = [list(g) for g in grouped.groups]
        out["stable_coalitions"] = {c: [name(s) for s in grouped.equilibria[c]] for c in CONCEPTS}
    if start:
        s0 = model.state_of(start)
        out["from"] = _reachable(model, base, start, s0)
        if grouped is not None:
            out["from_coalitions"] = _reachable(model, grouped, start, s0)
    if explain:
        out["explain"] = {"state": explain, "decision_makers": _explain(model, base, explain)}
        if grouped is not None:
            out["explain"]["coalitions"] = _explain(model, grouped, explain)
    if every_coalition:
        cs = coalitional_stability(model)
        out["coalitional"] = {
            "coalitions": ["+".join(h) for h in cs.coalitions],
            "stable": {c: [name(s) for s in cs.equilibria[c]] for c in CONCEPTS},
            "broken_by": {c: {name(s): ["+".join(h) for h in cs.broken_by(c, s)]
                              for s in base.equilibria[c] if s not in cs.equilibria[c]}
                          for c in CONCEPTS},
        }
    return out


def conflict_summary(model: ConflictModel) -> dict[str, Any]:
    """What coordination changes in the graph model, in brief (``gametheory compare`` shows it
    beside the payoff results): the equilibria of the decision makers acting alone and of all of
    them moving as one coalition, per concept; the acting-alone equilibria some coalition breaks
    (:func:`~gametheory.conflict.coalitions.coalitional_stability`, up to 8 decision makers);
    and, from the state where no option is taken (when feasible), the Nash equilibria reached by
    unilateral and by joint improvements, each with a shortest path.

    Examples
    --------
    >>> from gametheory.conflict import ConflictModel, conflict_summary
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> s = conflict_summary(pd)
    >>> s["alone"]["nash"], s["together"]["nash"], s["broken_by"]["nash"]
    (['YY'], ['NN', 'YN', 'NY'], {'YY': ['A+B']})
    >>> s["status_quo"]["alone"]
    {'YY': ['NN', 'YN', 'YY']}
    """
    name = model.state_name
    base = analyse(model)
    together = analyse(model, [tuple(model.names)])
    out: dict[str, Any] = {
        "title": model.title, "options": list(model.options),
        "alone": {c: [name(s) for s in base.equilibria[c]] for c in CONCEPTS},
        "together": {c: [name(s) for s in together.equilibria[c]] for c in CONCEPTS},
        "added": {c: [name(s) for s in together.equilibria[c] if s not in base.equilibria[c]]
                  for c in CONCEPTS},
        "removed": {c: [name(s) for s in base.equilibria[c] if s not in together.equilibria[c]]
                    for c in CONCEPTS},
    }
    if len(model.names) <= MAX_DECISION_MAKERS:
        cs = coalitional_stability(model)
        out["broken_by"] = {c: {name(s): ["+".join(h) for h in cs.broken_by(c, s)]
                                for s in base.equilibria[c] if s not in cs.equilibria[c]}
                            for c in CONCEPTS}
    nothing = 0
    if nothing in model.index:
        def reached(analysis: Analysis) -> dict[str, list[str]]:
            eq = set(analysis.equilibria["nash"])
            return {name(t): [name(u) for u in path]
                    for t, path in analysis.status_quo(nothing).items() if t in eq}
        out["status_quo"] = {"state": name(nothing), "alone": reached(base),
                             "together": reached(together)}
    return out


def format_conflict_summary(summary: dict[str, Any], indent: str = "  ") -> list[str]:
    """The lines of :func:`conflict_summary` for people."""
    def by_concept(lists: dict[str, list[str]]) -> str:
        first = lists["nash"]
        if all(lists[c] == first for c in CONCEPTS):
            return (", ".join(first) or "none") + " (under every concept)"
        return "; ".join(f"{c} {', '.join(lists[c]) or 'none'}" for c in CONCEPTS)

    lines = [f"{indent}options (a state has Y or N for each, in this order): "
             + ", ".join(summary["options"]),
             f"{indent}equilibria acting alone: {by_concept(summary['alone'])}"]
    added, removed = summary["added"], summary["removed"]
    together = summary["together"]["nash"]
    lines.append(f"{indent}all moving as one coalition: {len(together)} Nash-stable states "
                 f"({len(added['nash'])} added, "
                 f"{'none' if not removed['nash'] else ', '.join(removed['nash'])} removed)")
    if "broken_by" in summary:
        broken = summary["broken_by"]["nash"]
        lines.append(f"{indent}coalitions of two or more: " + (
            "none breaks an equilibrium of the parties acting alone" if not broken else
            "; ".join(f"{s} broken by {', '.join(h)}" for s, h in broken.items())))
    if "status_quo" in summary:
        sq = summary["status_quo"]
        alone = ", ".join(sq["alone"]) or "none"
        joint = sq["together"]
        shown = ", ".join(list(joint)[:4]) + (f" and {len(joint) - 4} more" if len(joint) > 4 else "")
        lines.append(f"{indent}from {sq['state']} (no option taken): improvements acting alone "
                     f"lead to {alone}; joint improvements to {shown or 'none'}")
    return lines


def _explain(model: ConflictModel, analysis: Analysis, state: str) -> dict[str, dict[str, Any]]:
    """Per group: the concepts under which ``state`` is stable for it, and why."""
    k = model.index[model.state_of(state)]
    return {"+".join(grp): {"stable": [c for c in CONCEPTS if analysis.stable[c][g][k]],
                            "reason": analysis.reason(g, k)}
            for g, grp in enumerate(analysis.groups)}


def _reachable(model: ConflictModel, analysis: Analysis, start: str, s0: int) -> dict[str, Any]:
    paths = analysis.status_quo(s0)
    return {"state": start, "reachable": {model.state_name(t): [model.state_name(u) for u in path]
                                          for t, path in sorted(paths.items())}}


def format_conflict(model: ConflictModel, grouping: str | None = None, start: str | None = None,
                    fmt: str = "table", every_coalition: bool = False,
                    explain: str | None = None) -> str:
    """The analysis as a table (default) or JSON."""
    if fmt == "json":
        return json.dumps(conflict_to_dict(model, grouping, start, every_coalition, explain),
                          indent=2) + "\n"
    if fmt == "dot":
        return conflict_to_dot(model, grouping)
    if fmt != "table":
        raise ValueError(f"format {fmt!r} is not available for conflict; choose table, json or dot")
    base = analyse(model)
    name = model.state_name
    lines = [f"{model.title or 'conflict'}: {len(model.decision_makers)} decision makers, "
             f"{len(model.options)} options, {len(model.states)} feasible states",
             "options: " + "; ".join(f"{k + 1}. {o} ({d.name})" for k, (o, d) in enumerate(
                 (o, d) for d in model.decision_makers for o in d.options)), ""]
    lines.extend(_table(model, base))
    grouped = analyse(model, grouping) if grouping is not None else None
    if grouped is not None:
        lines.append("")
        lines.append("coalitions: " + ", ".join("+".join(g) for g in grouped.groups))
        lines.extend(_table(model, grouped))
        for c in CONCEPTS:
            before = set(base.equilibria[c])
            after = set(grouped.equilibria[c])
            gone = sorted(name(s) for s in before - after)
            new = sorted(name(s) for s in after - before)
            if gone or new:
                lines.append(f"  {c}: coordination removes {', '.join(gone) or 'none'}; "
                             f"adds {', '.join(new) or 'none'}")
    if every_coalition:
        cs = coalitional_stability(model)
        lines.append("")
        lines.append(f"against every coalition of two or more ({len(cs.coalitions)}):")
        for c in CONCEPTS:
            safe = [name(s) for s in cs.equilibria[c]]
            broken = [f"{name(s)} (by {', '.join('+'.join(h) for h in cs.broken_by(c, s))})"
                      for s in base.equilibria[c] if s not in cs.equilibria[c]]
            lines.append(f"  {c}: stable {', '.join(safe) or 'none'}; "
                         f"broken {', '.join(broken) or 'none'}")
    if explain:
        lines.append("")
        lines.append(f"why {explain} is or is not stable (the concepts under which it is):")
        runs = [("  ", base)]
        if grouped is not None:
            runs.append(("    ", grouped))
        for indent, analysis in runs:
            if analysis is grouped:
                lines.append("  with the coalitions "
                             + ", ".join("+".join(g) for g in grouped.groups) + ":")
            for grp, entry in _explain(model, analysis, explain).items():
                concepts = ", ".join(entry["stable"]) or "unstable"
                lines.append(f"{indent}{grp} ({concepts}): {entry['reason']}")
    if start:
        s0 = model.state_of(start)
        runs = [("unilateral improvements", base)]
        if grouped is not None:
            runs.append(("coalition improvements", grouped))
        for label, analysis in runs:
            paths = analysis.status_quo(s0)
            eq = {c: set(analysis.equilibria[c]) for c in CONCEPTS}
            lines.append("")
            lines.append(f"from {start}, by {label}:")
            for t, path in sorted(paths.items()):
                marks = [c for c in CONCEPTS if t in eq[c]]
                if marks:
                    lines.append(f"  {name(t)} ({', '.join(marks)} equilibrium): "
                                 + " -> ".join(name(u) for u in path))
    return "\n".join(lines) + "\n"


def conflict_to_dot(model: ConflictModel, grouping: str | None = None) -> str:
    """The graph of unilateral improvements in Graphviz's DOT language: a node per feasible
    state (its Y/N letters; equilibria under every concept drawn double, under some concept
    bold), an arc per improvement labelled with the decision maker (or coalition of
    ``grouping``) that makes it.  Render with ``dot -Tsvg``.

    Examples
    --------
    >>> from gametheory.conflict import ConflictModel, conflict_to_dot
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> print(conflict_to_dot(pd), end="")
    digraph conflict {
      label="conflict: improvements (arcs) and equilibria (double: every concept; bold: some)";
      node [shape=ellipse];
      "NN" [style=bold];
      "YN";
      "NY";
      "YY" [peripheries=2];
      "NN" -> "YN" [label="A"];
      "NN" -> "NY" [label="B"];
      "YN" -> "YY" [label="B"];
      "NY" -> "YY" [label="A"];
    }
    """
    a = analyse(model, grouping) if grouping is not None else analyse(model)
    name = model.state_name

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    title = model.title or "conflict"
    lines = ["digraph conflict {",
             f"  label={quoted(title + ': improvements (arcs) and equilibria (double: every concept; bold: some)')};",
             "  node [shape=ellipse];"]
    every = set.intersection(*(set(a.equilibria[c]) for c in CONCEPTS))
    some = set.union(*(set(a.equilibria[c]) for c in CONCEPTS))
    for s in model.states:
        style = " [peripheries=2]" if s in every else " [style=bold]" if s in some else ""
        lines.append(f"  {quoted(name(s))}{style};")
    for k, s in enumerate(model.states):
        for g, grp in enumerate(a.groups):
            for t in a.improvements(g, k):
                lines.append(f"  {quoted(name(s))} -> {quoted(name(model.states[t]))} "
                             f"[label={quoted('+'.join(grp))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _table(model: ConflictModel, a: Analysis) -> list[str]:
    letters = {"nash": "R", "gmr": "G", "smr": "S", "seq": "Q"}
    widths = [max(8, len("+".join(g))) for g in a.groups]
    first = max(5, len(model.options))
    head = "state".ljust(first) + "  " + "  ".join(
        "+".join(g).ljust(w) for g, w in zip(a.groups, widths)) + "  equilibrium"
    lines = [head]
    for k, s in enumerate(model.states):
        cells = []
        for g, w in enumerate(widths):
            text = "".join(letters[c] for c in CONCEPTS if a.stable[c][g][k]) or "-"
            cells.append(text.ljust(w))
        eq = [c for c in CONCEPTS if s in a.equilibria[c]]
        lines.append(model.state_name(s).ljust(first) + "  " + "  ".join(cells) + "  "
                     + (", ".join(eq) or "-"))
    lines.append("(R Nash, G general metarationality, S symmetric metarationality, "
                 "Q sequential stability)")
    return lines


def to_normal_form(model: ConflictModel) -> NormalFormGame:
    """The conflict as a game in strategic form: each decision maker chooses which of its
    options to take (Y/N letters for its options), and its payoff is one more than the rank of
    the resulting state (higher is better).  An infeasible combination gives every player 0,
    strictly below every feasible state."""
    dms = model.decision_makers
    actions = [["".join(c) for c in itertools.product("NY", repeat=len(d.options))] for d in dms]
    arrays = [np.zeros([len(a) for a in actions], dtype=np.int64) for _ in dms]
    for idx in itertools.product(*(range(len(a)) for a in actions)):
        text = "".join(actions[p][i] for p, i in enumerate(idx))
        s = sum(1 << k for k, ch in enumerate(text) if ch == "Y")
        if s in model.index:
            for p, d in enumerate(dms):
                arrays[p][idx] = 1 + int(model.rank[d.name][model.index[s]])
    return NormalFormGame(arrays, players=list(model.names), actions=actions,
                          title=model.title or "conflict")
