"""What prior coordination changes (``Comparison``): a table
for people, LaTeX for papers, CSV and JSON (schema ``gametheory.compare/1``) for programs."""

from __future__ import annotations

import csv
import io
import itertools
from fractions import Fraction
from typing import Any

from ..arithmetic import exact_str
from ..crisis.compare import Comparison, Outcome, Regime
from ..crisis.model import Model
from ._registry import render, renders, to_dict
from ._text import aligned, json_num, short, tex_escape, tex_num
from .bayes import bayes_comparison_dict, bayes_comparison_table
from .conflict import summary_dict, summary_lines
from .leads import leads_dict, leads_lines

__all__: list[str] = []


def _support(model: Model, o: Outcome) -> list[tuple[str, ...]]:
    """The profiles the outcome plays with positive probability, by action names."""
    movers = model.players
    return [tuple(p.actions[a] for p, a in zip(movers, idx))
            for idx in itertools.product(*(range(len(p.actions)) for p in movers))
            if o.distribution[idx] != 0]


def _index(model: Model, profile) -> tuple[int, ...]:
    return tuple(p.actions.index(a) for p, a in zip(model.players, profile))


def _timing_text(model: Model) -> str:
    """How the tree unfolds, in a line."""
    t = model.timing
    order = list(t.order) if t else [p.name for p in model.players]
    steps = []
    for party in order:
        seen = t.observes.get(party, ()) if t else ()
        steps.append(party + (f" (sees {', '.join(seen)})" if seen else ""))
    head = "chance picks the scenario, known to all; then " if model.scenarios else ""
    return head + ", ".join(steps)


# ------------------------------------------------------------------------------------ JSON
@renders(Comparison, "dict")
def comparison_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON (schema ``gametheory.compare/1``), with the model's title and the
    SHA-256 of its file."""
    out: dict[str, Any] = {"schema": "gametheory.compare/1", "model": c.model.title,
           "model_sha256": c.model.sha256,
           "parties": [p.name for p in c.model.parties],
           "movers": [p.name for p in c.model.players],
           "bad_outcomes": [a.name for a in c.model.attributes if a.bad],
           "regimes": []}
    for r in c.regimes:
        out["regimes"].append({
            "name": r.name, "understandings": list(r.in_force), "method": r.method,
            "complete": r.complete, "notes": list(r.notes),
            "optimum": {"total": exact_str(r.optimum), "profile": list(r.optimum_profile)},
            "pareto_efficient_profiles": [list(p) for p in r.pareto_profiles],
            "price_of_anarchy": json_num(r.price_of_anarchy,
                                         isinstance(r.price_of_anarchy, Fraction)),
            "price_of_stability": json_num(r.price_of_stability,
                                           isinstance(r.price_of_stability, Fraction)),
            "against_best_correlated": {
                "price_of_anarchy": json_num(r.anarchy_against_correlated,
                                             isinstance(r.anarchy_against_correlated, Fraction)),
                "price_of_stability": json_num(r.correlation_gain,
                                               isinstance(r.correlation_gain, Fraction))},
            "outcomes": [{"kind": o.kind, "exact": o.exact, "pareto_dominated": o.pareto_dominated,
                          "payoffs": {p: json_num(v, o.exact) for p, v in o.payoffs.items()},
                          "welfare": json_num(o.welfare, o.exact),
                          "risks": {a: json_num(v, o.exact) for a, v in o.risks.items()},
                          "support": [[a for a in prof] for prof in _support(c.model, o)]}
                         for o in r.outcomes]})
        if r.continuum:
            out["regimes"][-1]["continuum_vertices"] = [
                {"kind": o.kind, "exact": o.exact,
                 "payoffs": {p: json_num(v, o.exact) for p, v in o.payoffs.items()},
                 "welfare": json_num(o.welfare, o.exact),
                 "risks": {a: json_num(v, o.exact) for a, v in o.risks.items()},
                 "support": [list(prof) for prof in _support(c.model, o)]} for o in r.continuum]
        if r.accounted is not None:
            out["regimes"][-1]["accounted"] = r.accounted
        if r.selection is not None:
            out["regimes"][-1]["selection"] = to_dict(r.selection)
        if r.bargaining:
            out["regimes"][-1]["bargaining"] = {
                "disagreement": {p.name: json_num(v, isinstance(v, (int, Fraction)))
                                 for p, v in zip(c.model.players, r.disagreement)},
                "outcomes": [{"kind": o.kind, "exact": o.exact,
                              "payoffs": {p: json_num(v, o.exact) for p, v in o.payoffs.items()},
                              "welfare": json_num(o.welfare, o.exact),
                              "risks": {a: json_num(v, o.exact) for a, v in o.risks.items()},
                              "support": [list(prof) for prof in _support(c.model, o)]}
                             for o in r.bargaining]}
        if r.transferable is not None:
            t = r.transferable
            ex = all(isinstance(x, (int, Fraction)) for x in t["shapley"])

            def vec(values, ex=ex):
                return None if values is None else [json_num(x, ex) for x in values]

            out["regimes"][-1]["transferable"] = {
                "players": list(t["players"]), "worth": json_num(t["worth"], ex),
                "shapley": vec(t["shapley"]), "nucleolus": vec(t["nucleolus"]),
                "core_empty": bool(t["core_empty"]), "core_point": vec(t["core_point"]),
                "least_core_epsilon": json_num(t["least_core_epsilon"], ex)}
        if r.tree_outcomes:
            out["regimes"][-1]["subgame_perfect"] = {
                "complete": r.tree_complete, "timing": _timing_text(c.model),
                "outcomes": [{"kind": o.kind,
                              "payoffs": {p: json_num(v, o.exact) for p, v in o.payoffs.items()},
                              "welfare": json_num(o.welfare, o.exact),
                              "risks": {a: json_num(v, o.exact) for a, v in o.risks.items()}}
                             for o in r.tree_outcomes]}
    if c.conflict is not None:
        out["conflict"] = summary_dict(c.conflict)
    if c.bayes is not None:
        out["bayes"] = bayes_comparison_dict(c.bayes)
    if c.leads is not None:
        out["leads"] = {k: v for k, v in leads_dict(c.leads).items()
                        if k not in ("schema", "title", "model_sha256")}
    return out


# ------------------------------------------------------------------------------ CSV, LaTeX
@renders(Comparison, "csv")
def comparison_csv(c: Comparison) -> str:
    """One row per regime and outcome: each party's payoff, the total, each risk."""
    parties = [p.name for p in c.model.parties]
    bad = [a.name for a in c.model.attributes if a.bad]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["regime", "outcome", "pareto_dominated"] + parties + ["total"] + bad)
    for r in c.regimes:
        for o in r.outcomes:
            w.writerow([r.name, o.kind, o.pareto_dominated]
                       + [json_num(o.payoffs[p], o.exact) for p in parties]
                       + [json_num(o.welfare, o.exact)]
                       + [json_num(o.risks[a], o.exact) for a in bad])
    return buf.getvalue()


@renders(Comparison, "latex")
def comparison_latex(c: Comparison) -> str:
    """A LaTeX ``tabular``: one block of outcomes per regime."""
    parties = [p.name for p in c.model.parties]
    bad = [a.name for a in c.model.attributes if a.bad]

    def num(x: Any) -> str:
        text = tex_num(x, not isinstance(x, float))
        return f"${text}$" if "\\" in text else text

    cols = "l" + "r" * (len(parties) + 1 + len(bad))
    lines = [f"% {tex_escape(c.model.title)}", f"\\begin{{tabular}}{{{cols}}}", "\\hline",
             " & ".join(["outcome"] + [tex_escape(p) for p in parties] + ["total"]
                        + [tex_escape(a) for a in bad])
             + " \\\\", "\\hline"]
    for r in c.regimes:
        span = 1 + len(parties) + 1 + len(bad)
        lines.append(f"\\multicolumn{{{span}}}{{l}}{{\\emph{{{tex_escape(r.name)}}}}} \\\\")
        for o in r.outcomes:
            lines.append(" & ".join([tex_escape(o.kind)] + [num(o.payoffs[p]) for p in parties]
                                    + [num(o.welfare)] + [num(o.risks[a]) for a in bad]) + " \\\\")
    lines += ["\\hline", "\\end{tabular}"]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------- table
def _span(pair) -> str:
    lo, hi = pair
    return short(lo) if lo == hi else f"{short(lo)} .. {short(hi)}"


def _outcome_table(labels: list[str], outcomes, parties: list[str], bad: list[str],
                   indent: str) -> list[str]:
    """Outcomes as aligned rows: label, each party's payoff, the total, each risk."""
    head = ["outcome"] + parties + ["total"] + bad
    rows = [[label] + [short(o.payoffs[p]) for p in parties] + [short(o.welfare)]
            + [short(o.risks[a]) for a in bad] for label, o in zip(labels, outcomes)]
    return aligned(head, rows, indent)


def _bargaining_lines(c: Comparison, r: Regime, parties: list[str], bad: list[str]) -> list[str]:
    """The bargaining outcomes without transfers, as a small table."""
    d = ", ".join(f"{p.name} {short(v)}" for p, v in zip(c.model.players, r.disagreement))
    lines = [f"  bargaining over joint plans, without transfers (disagreement: each mover's "
             f"security level, {d}):"]
    lines.extend(_outcome_table([o.kind.replace("bargaining ", "") for o in r.bargaining],
                                r.bargaining, parties, bad, "    "))
    return lines


def _tree_lines(c: Comparison, r: Regime, parties: list[str], bad: list[str]) -> list[str]:
    """The subgame-perfect outcomes of the tree: all when few, else the best and worst total."""
    outs = sorted(r.tree_outcomes, key=lambda o: -o.welfare)
    lines = [f"  game tree: {_timing_text(c.model)}",
             f"  {len(outs)} subgame-perfect outcome(s) (distinct payoffs"
             f"{'' if r.tree_complete else '; ties or continua: not every SPE is listed'}):"]
    shown = outs if len(outs) <= 6 else [outs[0], outs[-1]]
    labels = [o.kind for o in shown] if len(outs) <= 6 else ["best total SPE", "worst total SPE"]
    lines.extend(_outcome_table(labels, shown, parties, bad, "    "))
    for a in bad:
        lo, hi = min(o.risks[a] for o in outs), max(o.risks[a] for o in outs)
        lines.append(f"    {a} over all SPE outcomes: {_span((lo, hi))}")
    return lines


@renders(Comparison, "table")
def comparison_table(c: Comparison) -> str:
    """Each regime's outcomes, efficiency and extras, then what coordination changes."""
    parties = [p.name for p in c.model.parties]
    bad = [a.name for a in c.model.attributes if a.bad]
    lines = [c.model.title, ""]
    for r in c.regimes:
        forced = ", ".join(r.in_force) or "none"
        lines.append(f"{r.name} (understandings in force: {forced}; method {r.method}, "
                     f"{'complete' if r.complete else 'not complete'})")
        lines.extend(_outcome_table([o.kind for o in r.outcomes], r.outcomes, parties, bad, "  "))
        for o in r.outcomes:
            support = _support(c.model, o)
            lines.append(f"  {o.kind}: " + "; ".join(
                f"{'/'.join(prof)}" + ("" if len(support) == 1 else
                                       f" {short(o.distribution[_index(c.model, prof)])}")
                for prof in support[:6])
                + (" ..." if len(support) > 6 else ""))
        lines.append(f"  utilitarian optimum: {short(r.optimum)} at {'/'.join(r.optimum_profile)}; "
                     f"price of anarchy {short(r.price_of_anarchy)}, of stability "
                     f"{short(r.price_of_stability)} (welfare lost to the worst and the best "
                     f"equilibrium); against the best correlated equilibrium "
                     f"{short(r.anarchy_against_correlated)} and {short(r.correlation_gain)}")
        shown = "; ".join("/".join(p) for p in r.pareto_profiles[:4])
        more = f" and {len(r.pareto_profiles) - 4} more" if len(r.pareto_profiles) > 4 else ""
        lines.append(f"  Pareto-efficient profiles ({len(r.pareto_profiles)}): {shown}{more}")
        dominated = [o.kind for o in r.outcomes if o.pareto_dominated]
        lines.append("  Pareto-dominated (some agreed plan is better for every party): "
                     + (", ".join(dominated) if dominated else "none"))
        if not r.complete and r.accounted:
            lines.append("  note: some equilibria form a continuum and are not all listed; "
                         "the continuum is described exactly (one party mixes, the others play one "
                         "action), so the worst-to-best ranges below cover every equilibrium")
        elif not r.complete:
            lines.append("  note: some equilibria form a continuum and are not all listed; the "
                         "worst-to-best ranges below cover the listed equilibria only")
        if r.selection is not None:
            lines.extend("  " + line for line in render(r.selection).splitlines())
        if r.bargaining:
            lines.extend(_bargaining_lines(c, r, parties, bad))
        if r.transferable is not None:
            t = r.transferable
            lines.append(f"  with transfers (the movers' alpha characteristic function): the grand "
                         f"coalition secures {short(t['worth'])}; core "
                         f"{'empty' if t['core_empty'] else 'not empty'}")
            for label, values in (("Shapley value", t["shapley"]), ("nucleolus", t["nucleolus"]),
                                  ("core point", t["core_point"])):
                if values is not None:
                    lines.append(f"    {label}: " + ", ".join(f"{p} {short(x)}"
                                                          for p, x in zip(t["players"], values)))
        if r.tree_outcomes:
            lines.extend(_tree_lines(c, r, parties, bad))
        lines.append("")
    if c.leads is not None:
        lines.append("who leads (the coordinated regime has the allocation the parties settle on "
                     "by Nash bargaining; gametheory leads):")
        lines.extend("  " + line for line in leads_lines(c.leads))
        lines.append("")
    if len(c.regimes) == 2:
        lines.append("what coordination changes (each party's payoff over the Nash equilibria, "
                     "worst to best):")
        uni, coo = c.regimes
        for p in parties:
            a, b = c.nash_range(uni, p), c.nash_range(coo, p)
            lines.append(f"  {p}: {_span(a)} -> {_span(b)}")
        if uni.tree_outcomes and coo.tree_outcomes:
            lines.append("in the game tree (each party's payoff over the subgame-perfect outcomes):")
            for p in parties:
                a, b = c.tree_range(uni, p), c.tree_range(coo, p)
                lines.append(f"  {p}: {_span(a)} -> {_span(b)}")
    if c.conflict is not None:
        lines.append("")
        lines.append("the same case in the graph model (ordinal preferences only):")
        lines.extend(summary_lines(c.conflict))
    if c.bayes is not None:
        lines.append("")
        lines.append("with the parties' private types (Bayes-Nash equilibria; gametheory bayes):")
        lines.extend(("  " + line) if line else "" for line in
                     bayes_comparison_table(c.bayes).rstrip("\n").split("\n")[1:])
    return "\n".join(lines) + "\n"
