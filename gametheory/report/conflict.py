"""Conflict analyses for people (table), programs (JSON ``gametheory.conflict/1``) and Graphviz
(DOT): the writers of ``ConflictReport``,
``ImprovementGraph`` and
``ConflictSummary``.  Everything they show is computed by
``conflict_report`` and ``conflict_summary``.
"""

from __future__ import annotations

from typing import Any, cast

from ..conflict.model import ConflictModel
from ..conflict.stability import CONCEPTS, Analysis
from ..conflict.summary import (
    Change,
    ConflictReport,
    ConflictSummary,
    Explanation,
    ImprovementGraph,
    Reachable,
)
from ._registry import renders

__all__ = ["summary_lines"]

#: Per concept, each equilibrium some coalition breaks, with the coalitions that break it.
_BrokenBy = dict[str, dict[int, tuple[tuple[str, ...], ...]]]

#: The letter of each concept in the stability table.
LETTERS = {"nash": "R", "gmr": "G", "smr": "S", "seq": "Q"}


# ------------------------------------------------------------------------------------ JSON
def _explanations(explanations: tuple[Explanation, ...]) -> dict[str, dict[str, Any]]:
    return {"+".join(e.group): {"stable": list(e.stable), "reason": e.reason} for e in explanations}


def _reachable(model: ConflictModel, r: Reachable) -> dict[str, Any]:
    name = model.state_name
    return {"state": r.start, "reachable": {name(t): [name(u) for u in path]
                                            for t, path in r.paths.items()}}


@renders(ConflictReport, "dict")
def conflict_dict(report: ConflictReport) -> dict[str, Any]:
    """The analysis as the contract's JSON object: ``options``, feasible ``states`` (Y/N),
    ``stable`` (per concept, the equilibria for the decision makers as given), and, with a
    grouping, ``coalitions`` and ``stable_coalitions`` for it; with a status quo, ``from``:
    the states reachable from it by unilateral improvements, each with a path; with every
    coalition, ``coalitional``: the equilibria no coalition breaks, and which coalitions break
    the others; with a state to explain, ``explain``: for each decision maker (and each group
    of the grouping) the concepts under which that state is stable and why."""
    model, base, grouped = report.model, report.analysis, report.grouped
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
    if grouped is not None:
        out["coalitions"] = [list(g) for g in grouped.groups]
        out["stable_coalitions"] = {c: [name(s) for s in grouped.equilibria[c]] for c in CONCEPTS}
    if report.reachable is not None:
        out["from"] = _reachable(model, report.reachable)
        if report.reachable_grouped is not None:
            out["from_coalitions"] = _reachable(model, report.reachable_grouped)
    if report.explain:
        out["explain"] = {"state": report.explain,
                          "decision_makers": _explanations(report.explanations)}
        if grouped is not None:
            out["explain"]["coalitions"] = _explanations(report.explanations_grouped)
    if report.coalitional is not None:
        cs = report.coalitional
        broken_by = cast(_BrokenBy, report.broken_by)      # set with the coalitional stability
        out["coalitional"] = {
            "coalitions": ["+".join(h) for h in cs.coalitions],
            "stable": {c: [name(s) for s in cs.equilibria[c]] for c in CONCEPTS},
            "broken_by": {c: {name(s): ["+".join(h) for h in hs]
                              for s, hs in broken_by[c].items()} for c in CONCEPTS},
        }
    return out


# ----------------------------------------------------------------------------------- table
def _table(model: ConflictModel, a: Analysis) -> list[str]:
    widths = [max(8, len("+".join(g))) for g in a.groups]
    first = max(5, len(model.options))
    head = "state".ljust(first) + "  " + "  ".join(
        "+".join(g).ljust(w) for g, w in zip(a.groups, widths)) + "  equilibrium"
    lines = [head]
    equilibria = {c: set(a.equilibria[c]) for c in CONCEPTS}       # one lookup per state
    for k, s in enumerate(model.states):
        cells = []
        for g, w in enumerate(widths):
            text = "".join(LETTERS[c] for c in CONCEPTS if a.stable[c][g][k]) or "-"
            cells.append(text.ljust(w))
        eq = [c for c in CONCEPTS if s in equilibria[c]]
        lines.append(model.state_name(s).ljust(first) + "  " + "  ".join(cells) + "  "
                     + (", ".join(eq) or "-"))
    lines.append("(R Nash, G general metarationality, S symmetric metarationality, "
                 "Q sequential stability)")
    return lines


@renders(ConflictReport, "table")
def conflict_table(report: ConflictReport) -> str:
    """The stability of every state for people, then what was asked besides."""
    model, base, grouped = report.model, report.analysis, report.grouped
    name = model.state_name
    lines = [f"{model.title or 'conflict'}: {len(model.decision_makers)} decision makers, "
             f"{len(model.options)} options, {len(model.states)} feasible states",
             "options: " + "; ".join(f"{k + 1}. {o} ({d.name})" for k, (o, d) in enumerate(
                 (o, d) for d in model.decision_makers for o in d.options)), ""]
    lines.extend(_table(model, base))
    if grouped is not None:
        lines.append("")
        lines.append("coalitions: " + ", ".join("+".join(g) for g in grouped.groups))
        lines.extend(_table(model, grouped))
        changes = cast("dict[str, Change]", report.changes)      # set with a grouping
        for c in CONCEPTS:
            change = changes[c]
            if change.removed or change.added:
                lines.append(f"  {c}: coordination removes {', '.join(change.removed) or 'none'}; "
                             f"adds {', '.join(change.added) or 'none'}")
    if report.coalitional is not None:
        cs = report.coalitional
        broken_by = cast(_BrokenBy, report.broken_by)      # set with the coalitional stability
        lines.append("")
        lines.append(f"against every coalition of two or more ({len(cs.coalitions)}):")
        for c in CONCEPTS:
            safe = [name(s) for s in cs.equilibria[c]]
            broken = [f"{name(s)} (by {', '.join('+'.join(h) for h in hs)})"
                      for s, hs in broken_by[c].items()]
            lines.append(f"  {c}: stable {', '.join(safe) or 'none'}; "
                         f"broken {', '.join(broken) or 'none'}")
    if report.explain:
        lines.append("")
        lines.append(f"why {report.explain} is or is not stable (the concepts under which it is):")
        runs: list[tuple[str, tuple[Explanation, ...], str | None]] = [
            ("  ", report.explanations, None)]
        if grouped is not None:
            runs.append(("    ", report.explanations_grouped, "  with the coalitions "
                         + ", ".join("+".join(g) for g in grouped.groups) + ":"))
        for indent, explanations, heading in runs:
            if heading is not None:
                lines.append(heading)
            for e in explanations:
                concepts = ", ".join(e.stable) or "unstable"
                lines.append(f"{indent}{'+'.join(e.group)} ({concepts}): {e.reason}")
    if report.reachable is not None:
        reaches = [("unilateral improvements", base, report.reachable)]
        if grouped is not None:                     # then reachable_grouped is set as well
            reaches.append(("coalition improvements", grouped,
                            cast(Reachable, report.reachable_grouped)))
        for label, analysis, reached in reaches:
            eq = {c: set(analysis.equilibria[c]) for c in CONCEPTS}
            lines.append("")
            lines.append(f"from {reached.start}, by {label}:")
            for t, path in reached.paths.items():
                marks = [c for c in CONCEPTS if t in eq[c]]
                if marks:
                    lines.append(f"  {name(t)} ({', '.join(marks)} equilibrium): "
                                 + " -> ".join(name(u) for u in path))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------- DOT
def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@renders(ImprovementGraph, "dot")
def graph_dot(graph: ImprovementGraph) -> str:
    """The graph of improvements in Graphviz's DOT language: a node per feasible state (its
    Y/N letters; equilibria under every concept drawn double, under some concept bold), an arc
    per improvement labelled with the decision maker (or coalition) that makes it.  Render
    with ``dot -Tsvg``.

    Examples
    --------
    >>> from gametheory import render
    >>> from gametheory.conflict import ConflictModel, improvement_graph
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> print(render(improvement_graph(pd), "dot"), end="")
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
    model = graph.model
    name = model.state_name
    title = model.title or "conflict"
    lines = ["digraph conflict {",
             f"  label={_quoted(title + ': improvements (arcs) and equilibria (double: every concept; bold: some)')};",
             "  node [shape=ellipse];"]
    for s in model.states:
        style = " [peripheries=2]" if s in graph.every else " [style=bold]" if s in graph.some else ""
        lines.append(f"  {_quoted(name(s))}{style};")
    labels = [_quoted("+".join(grp)) for grp in graph.groups]
    states = model.states
    for k, t, g in zip(graph.origin.tolist(), graph.destination.tolist(), graph.group.tolist()):
        lines.append(f"  {_quoted(name(states[k]))} -> {_quoted(name(states[t]))} "
                     f"[label={labels[g]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


@renders(ConflictReport, "dot")
def conflict_dot(report: ConflictReport) -> str:
    """The report's graph of improvements (the grouping's, if it has one) in DOT."""
    return graph_dot(report.graph)


# ------------------------------------------------------------------------------- summary
@renders(ConflictSummary, "dict")
def summary_dict(summary: ConflictSummary) -> dict[str, Any]:
    """The summary as it appears under ``conflict`` in the JSON of ``gametheory compare``."""
    out: dict[str, Any] = {"title": summary.title, "options": list(summary.options),
                           "alone": summary.alone, "together": summary.together,
                           "added": summary.added, "removed": summary.removed}
    if summary.broken_by is not None:
        out["broken_by"] = summary.broken_by
    if summary.status_quo is not None:
        sq = summary.status_quo
        out["status_quo"] = {"state": sq.state, "alone": sq.alone, "together": sq.together}
    return out


def summary_lines(summary: ConflictSummary, indent: str = "  ") -> list[str]:
    """The lines of a ``ConflictSummary`` for people."""
    def by_concept(lists: dict[str, list[str]]) -> str:
        first = lists["nash"]
        if all(lists[c] == first for c in CONCEPTS):
            return (", ".join(first) or "none") + " (under every concept)"
        return "; ".join(f"{c} {', '.join(lists[c]) or 'none'}" for c in CONCEPTS)

    lines = [f"{indent}options (a state has Y or N for each, in this order): "
             + ", ".join(summary.options),
             f"{indent}equilibria acting alone: {by_concept(summary.alone)}"]
    added, removed = summary.added, summary.removed
    together = summary.together["nash"]
    lines.append(f"{indent}all moving as one coalition: {len(together)} Nash-stable states "
                 f"({len(added['nash'])} added, "
                 f"{'none' if not removed['nash'] else ', '.join(removed['nash'])} removed)")
    if summary.broken_by is not None:
        broken = summary.broken_by["nash"]
        lines.append(f"{indent}coalitions of two or more: " + (
            "none breaks an equilibrium of the parties acting alone" if not broken else
            "; ".join(f"{s} broken by {', '.join(h)}" for s, h in broken.items())))
    if summary.status_quo is not None:
        sq = summary.status_quo
        alone = ", ".join(sq.alone) or "none"
        joint = sq.together
        shown = ", ".join(list(joint)[:4]) + (f" and {len(joint) - 4} more" if len(joint) > 4 else "")
        lines.append(f"{indent}from {sq.state} (no option taken): improvements acting alone "
                     f"lead to {alone}; joint improvements to {shown or 'none'}")
    return lines


@renders(ConflictSummary, "table")
def summary_table(summary: ConflictSummary) -> str:
    return "\n".join(summary_lines(summary)) + "\n"
