"""What prior coordination changes: a model's game with and without its understandings.

For a crisis model with prior understandings (see :mod:`gametheory.crisis.model`),
the *unilateral* regime has none of them in force and the *coordinated*
regime all of them.  In each regime the game among the moving parties is
solved (``auto``: every equilibrium for games this size), and the best
correlated equilibria are added: the distribution a mediator, or a
pre-agreed plan, could recommend so that every party prefers to follow it
(Aumann 1974).  Every outcome is described the same way: each party's
expected payoff (parties that do not move included), the total, and the
expected level of each attribute the source fears (risks on a 0..1 scale:
probabilities).  Efficiency is measured against the utilitarian optimum (the
profile with the largest total payoff): the price of anarchy and of
stability are the total payoff lost at the worst and at the best equilibrium
(differences, since payoffs here are losses and ratios would mislead; Koutsoupias
and Papadimitriou 1999; Anshelevich et al. 2004), and an outcome is
Pareto-dominated when some distribution over profiles gives every party at
least as much and one party more.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..arithmetic import exact_str
from ..analysis.correlated import correlated_equilibrium
from .model import Model
from ..report.solve import _tex_escape, _tex_num
from ..solvers.solve import solve

__all__ = ["Outcome", "Regime", "Comparison", "compare", "format_comparison", "comparison_to_dict"]


@dataclass(frozen=True)
class Outcome:
    """One way the crisis may play out: a Nash or correlated equilibrium of one regime."""

    kind: str                                   # "Nash equilibrium 1", "correlated (welfare)", ...
    distribution: np.ndarray                    # probability of each profile of the movers
    payoffs: dict[str, Any]                     # every party, movers and others
    welfare: Any
    risks: dict[str, Any]                       # expected level of each bad attribute
    exact: bool
    pareto_dominated: bool = False              # some distribution over profiles is better for all


@dataclass(frozen=True)
class Regime:
    name: str
    in_force: tuple[str, ...]
    method: str
    complete: bool
    notes: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    optimum: Any = None                         # largest total payoff of any profile
    optimum_profile: tuple[str, ...] = ()
    pareto_profiles: tuple[tuple[str, ...], ...] = ()   # pure profiles no other pure one dominates
    tree_outcomes: tuple[Outcome, ...] = ()     # subgame-perfect outcomes of the model as a tree
    tree_complete: bool = False
    bargaining: tuple[Outcome, ...] = ()        # Nash and Kalai-Smorodinsky bargaining outcomes
    disagreement: tuple = ()                    # the movers' security levels used for bargaining
    transferable: dict | None = None            # the TU benchmark (models that allow transfers)

    def _totals(self, prefix: str) -> list[Any]:
        return [o.welfare for o in self.outcomes if o.kind.startswith(prefix)]

    @property
    def price_of_anarchy(self) -> Any:
        """The utilitarian optimum minus the worst Nash equilibrium's total (a welfare loss)."""
        return self.optimum - min(self._totals("Nash"))

    @property
    def price_of_stability(self) -> Any:
        """The utilitarian optimum minus the best Nash equilibrium's total."""
        return self.optimum - max(self._totals("Nash"))

    @property
    def correlation_gain(self) -> Any:
        """The best correlated equilibrium's total minus the best Nash equilibrium's
        (the price of stability against the best correlated equilibrium)."""
        return max(self._totals("correlated")) - max(self._totals("Nash"))

    @property
    def anarchy_against_correlated(self) -> Any:
        """The best correlated equilibrium's total minus the worst Nash equilibrium's."""
        return max(self._totals("correlated")) - min(self._totals("Nash"))


@dataclass(frozen=True)
class Comparison:
    model: Model
    regimes: tuple[Regime, ...]
    conflict: dict | None = None        # the graph-model view (models with a conflict file)

    def nash_range(self, regime: Regime, party: str) -> tuple[Any, Any]:
        """Worst and best payoff of ``party`` over the regime's Nash equilibria."""
        values = [o.payoffs[party] for o in regime.outcomes if o.kind.startswith("Nash")]
        return min(values), max(values)

    def tree_range(self, regime: Regime, party: str) -> tuple[Any, Any]:
        """Worst and best payoff of ``party`` over the subgame-perfect outcomes of the tree."""
        values = [o.payoffs[party] for o in regime.tree_outcomes]
        return min(values), max(values)


def _describe(model: Model, kind: str, mu: np.ndarray, exact: bool, weights=None) -> Outcome:
    movers = model.players
    parties = [p.name for p in model.parties]
    bad = [a.name for a in model.attributes if a.bad]
    zero = Fraction(0) if exact else 0.0
    payoffs = {p: zero for p in parties}
    risks = {a: zero for a in bad}
    for idx in itertools.product(*(range(len(p.actions)) for p in movers)):
        weight = mu[idx]
        if weight == 0:
            continue
        profile = [p.actions[a] for p, a in zip(movers, idx)]
        values = model.attribute_values(profile)
        for p in parties:
            u = model.payoff(p, profile, weights)
            payoffs[p] += weight * (u if exact else float(u))
        for a in bad:
            risks[a] += weight * (values[a][0] if exact else float(values[a][0]))
    return Outcome(kind=kind, distribution=mu, payoffs=payoffs, welfare=sum(payoffs.values(), zero),
                   risks=risks, exact=exact,
                   pareto_dominated=_pareto_dominated(model, payoffs, weights))


def _profile_payoffs(model: Model, weights) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """Every profile of the movers and every party's payoff there (floats), one row per profile."""
    movers = model.players
    profiles = list(itertools.product(*(p.actions for p in movers)))
    table = np.array([[float(model.payoff(p.name, prof, weights)) for p in model.parties]
                      for prof in profiles])
    return profiles, table


def _pareto_dominated(model: Model, payoffs: dict, weights) -> bool:
    """Whether some distribution over profiles gives every party at least ``payoffs`` and one
    party more (a linear program; parties that do not move count too)."""
    from scipy.optimize import linprog
    _, table = _profile_payoffs(model, weights)
    target = np.array([float(payoffs[p.name]) for p in model.parties])
    n = len(table)
    # maximise total payoff subject to each party's payoff >= target
    res = linprog(-table.sum(axis=1), A_ub=-table.T, b_ub=-target, A_eq=np.ones((1, n)), b_eq=[1.0],
                  bounds=[(0, None)] * n, method="highs")
    scale = max(1.0, float(np.abs(table).max()))
    return bool(res.status == 0 and -res.fun > target.sum() + 1e-9 * scale * len(target))


def _product(strategies, exact: bool) -> np.ndarray:
    out = np.array(Fraction(1) if exact else 1.0, dtype=object if exact else float)
    for s in strategies:
        out = np.multiply.outer(out, np.array(list(s), dtype=object if exact else float))
    return out


def _tree_outcomes(model: Model, weights=None) -> tuple[tuple[Outcome, ...], bool]:
    """The model as a game tree (chance, then the parties in the model's timing): one outcome
    per distinct subgame-perfect payoff vector, with every party's expected payoff and the
    expected level of each bad attribute over the leaves it reaches."""
    from ..solvers.spe import subgame_perfect_equilibria
    tree = model.tree(weights)
    res = subgame_perfect_equilibria(tree, distinct_payoffs=True)
    from ..games.behavior import reach_probabilities
    movers = model.players
    parties = [p.name for p in model.parties]
    bad = [a.name for a in model.attributes if a.bad]
    outcomes = []
    for k, eq in enumerate(res.equilibria, 1):
        reach = reach_probabilities(tree, eq.behavior, exact=True)
        mu = np.zeros(tuple(len(p.actions) for p in movers), dtype=object)
        payoffs = {p: Fraction(0) for p in parties}
        risks = {a: Fraction(0) for a in bad}
        for leaf, (scenario, profile) in tree.leaf_outcomes.items():
            weight = reach[leaf]
            if weight == 0:
                continue
            mu[tuple(p.actions.index(a) for p, a in zip(movers, profile))] += weight
            values = model._values_in(profile, scenario)
            for p in parties:
                payoffs[p] += weight * model.payoff_in(p, profile, scenario, weights)
            for a in bad:
                risks[a] += weight * values[a][0]
        outcomes.append(Outcome(kind=f"subgame-perfect {k}", distribution=mu, payoffs=payoffs,
                                welfare=sum(payoffs.values(), Fraction(0)), risks=risks, exact=True))
    return tuple(outcomes), res.complete


def _bargaining(model: Model, game, weights=None) -> tuple[tuple[Outcome, ...], tuple]:
    """The Nash and Kalai-Smorodinsky bargaining outcomes of the movers' game (no transfers),
    from each mover's security level, described like the equilibria (Japan and risks included)."""
    from ..coop import kalai_smorodinsky, nash_bargaining
    out = []
    disagreement: tuple = ()
    for solve_it, kind in ((nash_bargaining, "bargaining (Nash)"),
                           (kalai_smorodinsky, "bargaining (Kalai-Smorodinsky)")):
        sol = solve_it(game, "maxmin")
        disagreement = sol.disagreement
        mu = np.zeros(game.shape, dtype=object if sol.exact else float)
        for prof, w in sol.distribution.items():
            mu[tuple(game.actions[i].index(a) for i, a in enumerate(prof))] += w
        out.append(_describe(model, kind, mu, sol.exact, weights))
    return tuple(out), disagreement


def _transferable(game) -> dict:
    """The TU benchmark: what coalitions of movers secure (alpha) and how it may be shared."""
    from ..coop import characteristic_function, least_core, nucleolus, shapley_value
    v = characteristic_function(game, "alpha")
    eps, point = least_core(v)
    try:
        nuc = nucleolus(v)
    except Exception:                       # no imputation
        nuc = None
    return {"worth": v.value(v.grand), "shapley": shapley_value(v), "nucleolus": nuc,
            "least_core_epsilon": eps, "core_empty": eps > 0, "core_point": None if eps > 0 else point,
            "players": v.players}


def _regime(model: Model, name: str, weights=None, extras: bool = True) -> Regime:
    game = model.game(weights)
    res = solve(game)
    outcomes = []
    for k, eq in enumerate(res.equilibria, 1):
        outcomes.append(_describe(model, f"Nash equilibrium {k}", _product(eq.strategies, res.exact),
                                  res.exact, weights))
    for objective in ("welfare", "egalitarian"):
        ce = correlated_equilibrium(game, objective)
        outcomes.append(_describe(model, f"correlated ({objective})", ce.distribution, ce.exact,
                                  weights))
    movers = model.players
    profiles = list(itertools.product(*(p.actions for p in movers)))
    table = [[model.payoff(p.name, prof, weights) for p in model.parties] for prof in profiles]
    totals = [sum(row, Fraction(0)) for row in table]
    best = max(range(len(profiles)), key=lambda k: (totals[k], -k))
    efficient = tuple(tuple(profiles[i]) for i, row in enumerate(table)
                      if not any(all(a >= b for a, b in zip(other, row)) and other != row
                                 for other in table))
    tree_outcomes, tree_complete = ((), False)
    bargaining, disagreement, transferable = (), (), None
    if extras:
        if model.scenarios or model.timing:
            tree_outcomes, tree_complete = _tree_outcomes(model, weights)
        bargaining, disagreement = _bargaining(model, game, weights)
        if model.transfers:
            transferable = _transferable(game)
    return Regime(name=name, in_force=model.in_force, method=res.method, complete=res.complete,
                  notes=res.notes, outcomes=tuple(outcomes), optimum=totals[best],
                  optimum_profile=tuple(profiles[best]), pareto_profiles=efficient,
                  tree_outcomes=tree_outcomes, tree_complete=tree_complete, bargaining=bargaining,
                  disagreement=disagreement, transferable=transferable)


def compare(model: Model, weights=None, extras: bool = True) -> Comparison:
    """The model's game without and with its prior understandings, side by side.

    ``weights`` (``(party, attribute) -> weight``) replaces the model's
    default weights where given.  With ``extras`` (the default), each regime
    also has the bargaining outcomes without transfers (Nash and
    Kalai-Smorodinsky, from each mover's security level), the subgame-perfect
    outcomes of the model as a game tree (models with scenarios or a
    ``[timing]`` table), and, for models that allow transfers
    (``transfers = true``), the cooperative benchmark: the worth of the grand
    coalition, the Shapley value, the nucleolus and the core; and, for models that name a
    graph-model version of the case (``[model] conflict``), its stability analysis alone and
    in coalition (:func:`~gametheory.report.conflict.conflict_summary`).

    Examples
    --------
    >>> import gametheory as gt
    >>> c = compare(gt.load_model("coordinated"))
    >>> [r.name for r in c.regimes]
    ['unilateral', 'coordinated']
    >>> [str(x) for x in c.nash_range(c.regimes[0], "US")]
    ['-7/5', '-7/5']
    """
    if weights is not None:
        weights = {**model.default_weights(), **weights}
    conflict = None
    if extras and model.conflict is not None:
        from ..conflict import conflict_summary
        conflict = conflict_summary(model.conflict)
    if not model.understandings:
        return Comparison(model, (_regime(model, "as given", weights, extras),), conflict)
    return Comparison(model, (_regime(model.with_understandings([]), "unilateral", weights, extras),
                              _regime(model.with_understandings(None), "coordinated", weights, extras)),
                      conflict)


def _num(x: Any, exact: bool) -> Any:
    return exact_str(Fraction(x)) if exact else float(x)


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON (schema ``gametheory.compare/1``)."""
    out = {"schema": "gametheory.compare/1", "model": c.model.title,
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
            "price_of_anarchy": _num(r.price_of_anarchy, isinstance(r.price_of_anarchy, Fraction)),
            "price_of_stability": _num(r.price_of_stability, isinstance(r.price_of_stability, Fraction)),
            "against_best_correlated": {
                "price_of_anarchy": _num(r.anarchy_against_correlated,
                                         isinstance(r.anarchy_against_correlated, Fraction)),
                "price_of_stability": _num(r.correlation_gain, isinstance(r.correlation_gain, Fraction))},
            "outcomes": [{"kind": o.kind, "exact": o.exact, "pareto_dominated": o.pareto_dominated,
                          "payoffs": {p: _num(v, o.exact) for p, v in o.payoffs.items()},
                          "welfare": _num(o.welfare, o.exact),
                          "risks": {a: _num(v, o.exact) for a, v in o.risks.items()},
                          "support": [[a for a in prof] for prof in _support(c.model, o)]}
                         for o in r.outcomes]})
        if r.bargaining:
            out["regimes"][-1]["bargaining"] = {
                "disagreement": {p.name: _num(v, isinstance(v, (int, Fraction)))
                                 for p, v in zip(c.model.players, r.disagreement)},
                "outcomes": [{"kind": o.kind, "exact": o.exact,
                              "payoffs": {p: _num(v, o.exact) for p, v in o.payoffs.items()},
                              "welfare": _num(o.welfare, o.exact),
                              "risks": {a: _num(v, o.exact) for a, v in o.risks.items()},
                              "support": [list(prof) for prof in _support(c.model, o)]}
                             for o in r.bargaining]}
        if r.transferable is not None:
            t = r.transferable
            ex = all(isinstance(x, (int, Fraction)) for x in t["shapley"])

            def vec(values, ex=ex):
                return None if values is None else [_num(x, ex) for x in values]

            out["regimes"][-1]["transferable"] = {
                "players": list(t["players"]), "worth": _num(t["worth"], ex),
                "shapley": vec(t["shapley"]), "nucleolus": vec(t["nucleolus"]),
                "core_empty": bool(t["core_empty"]), "core_point": vec(t["core_point"]),
                "least_core_epsilon": _num(t["least_core_epsilon"], ex)}
        if r.tree_outcomes:
            out["regimes"][-1]["subgame_perfect"] = {
                "complete": r.tree_complete, "timing": _timing_text(c.model),
                "outcomes": [{"kind": o.kind, "payoffs": {p: _num(v, o.exact) for p, v in o.payoffs.items()},
                              "welfare": _num(o.welfare, o.exact),
                              "risks": {a: _num(v, o.exact) for a, v in o.risks.items()}}
                             for o in r.tree_outcomes]}
    if c.conflict is not None:
        out["conflict"] = c.conflict
    return out


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


def _support(model: Model, o: Outcome) -> list[tuple[str, ...]]:
    movers = model.players
    return [tuple(p.actions[a] for p, a in zip(movers, idx))
            for idx in itertools.product(*(range(len(p.actions)) for p in movers))
            if o.distribution[idx] != 0]


def _csv(c: Comparison) -> str:
    import csv
    import io
    parties = [p.name for p in c.model.parties]
    bad = [a.name for a in c.model.attributes if a.bad]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["regime", "outcome", "pareto_dominated"] + parties + ["total"] + bad)
    for r in c.regimes:
        for o in r.outcomes:
            w.writerow([r.name, o.kind, o.pareto_dominated]
                       + [_num(o.payoffs[p], o.exact) for p in parties] + [_num(o.welfare, o.exact)]
                       + [_num(o.risks[a], o.exact) for a in bad])
    return buf.getvalue()


def _latex(c: Comparison) -> str:
    parties = [p.name for p in c.model.parties]
    bad = [a.name for a in c.model.attributes if a.bad]

    def num(x: Any) -> str:
        text = _tex_num(x, not isinstance(x, float))
        return f"${text}$" if "\\" in text else text

    cols = "l" + "r" * (len(parties) + 1 + len(bad))
    lines = [f"% {_tex_escape(c.model.title)}", f"\\begin{{tabular}}{{{cols}}}", "\\hline",
             " & ".join(["outcome"] + [_tex_escape(p) for p in parties] + ["total"]
                        + [_tex_escape(a) for a in bad])
             + " \\\\", "\\hline"]
    for r in c.regimes:
        span = 1 + len(parties) + 1 + len(bad)
        lines.append(f"\\multicolumn{{{span}}}{{l}}{{\\emph{{{_tex_escape(r.name)}}}}} \\\\")
        for o in r.outcomes:
            lines.append(" & ".join([_tex_escape(o.kind)] + [num(o.payoffs[p]) for p in parties]
                                    + [num(o.welfare)] + [num(o.risks[a]) for a in bad]) + " \\\\")
    lines += ["\\hline", "\\end{tabular}"]
    return "\n".join(lines) + "\n"


def format_comparison(c: Comparison, fmt: str = "table") -> str:
    """The comparison for people (``table``, ``latex``) or programs (``json``, ``csv``)."""
    if fmt == "json":
        return json.dumps(comparison_to_dict(c), indent=2) + "\n"
    if fmt == "csv":
        return _csv(c)
    if fmt == "latex":
        return _latex(c)
    if fmt != "table":
        raise ValueError(f"format {fmt!r} is not available for compare; choose table, json, csv "
                         "or latex")
    parties = [p.name for p in c.model.parties]
    bad = [a.name for a in c.model.attributes if a.bad]
    lines = [c.model.title, ""]
    for r in c.regimes:
        forced = ", ".join(r.in_force) or "none"
        lines.append(f"{r.name} (understandings in force: {forced}; method {r.method}, "
                     f"{'complete' if r.complete else 'not complete'})")
        lines.extend(_outcome_table([o.kind for o in r.outcomes], r.outcomes, parties, bad, "  "))
        for o in r.outcomes:
            lines.append(f"  {o.kind}: " + "; ".join(
                f"{'/'.join(prof)}" + ("" if len(_support(c.model, o)) == 1 else
                                       f" {_short(o.distribution[_index(c.model, prof)])}")
                for prof in _support(c.model, o)[:6])
                + (" ..." if len(_support(c.model, o)) > 6 else ""))
        lines.append(f"  utilitarian optimum: {_short(r.optimum)} at {'/'.join(r.optimum_profile)}; "
                     f"price of anarchy {_short(r.price_of_anarchy)}, of stability "
                     f"{_short(r.price_of_stability)} (welfare lost to the worst and the best "
                     f"equilibrium); against the best correlated equilibrium "
                     f"{_short(r.anarchy_against_correlated)} and {_short(r.correlation_gain)}")
        shown = "; ".join("/".join(p) for p in r.pareto_profiles[:4])
        more = f" and {len(r.pareto_profiles) - 4} more" if len(r.pareto_profiles) > 4 else ""
        lines.append(f"  Pareto-efficient profiles ({len(r.pareto_profiles)}): {shown}{more}")
        dominated = [o.kind for o in r.outcomes if o.pareto_dominated]
        lines.append("  Pareto-dominated (some agreed plan is better for every party): "
                     + (", ".join(dominated) if dominated else "none"))
        if not r.complete:
            lines.append("  note: some equilibria form a continuum and are not all listed")
        if r.bargaining:
            lines.extend(_bargaining_lines(c, r, parties, bad))
        if r.transferable is not None:
            t = r.transferable
            lines.append(f"  with transfers (the movers' alpha characteristic function): the grand "
                         f"coalition secures {_short(t['worth'])}; core "
                         f"{'empty' if t['core_empty'] else 'not empty'}")
            for label, values in (("Shapley value", t["shapley"]), ("nucleolus", t["nucleolus"]),
                                  ("core point", t["core_point"])):
                if values is not None:
                    lines.append(f"    {label}: " + ", ".join(f"{p} {_short(x)}"
                                                          for p, x in zip(t["players"], values)))
        if r.tree_outcomes:
            lines.extend(_tree_lines(c, r, parties, bad))
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
        from ..conflict import format_conflict_summary
        lines.append("")
        lines.append("the same case in the graph model (ordinal preferences only):")
        lines.extend(format_conflict_summary(c.conflict))
    return "\n".join(lines) + "\n"


def _bargaining_lines(c: Comparison, r: Regime, parties: list[str], bad: list[str]) -> list[str]:
    """The bargaining outcomes without transfers, as a small table."""
    d = ", ".join(f"{p.name} {_short(v)}" for p, v in zip(c.model.players, r.disagreement))
    lines = [f"  bargaining over joint plans, without transfers (disagreement: each mover's "
             f"security level, {d}):"]
    lines.extend(_outcome_table([o.kind.replace("bargaining ", "") for o in r.bargaining],
                                r.bargaining, parties, bad, "    "))
    return lines


def _outcome_table(labels: list[str], outcomes, parties: list[str], bad: list[str],
                   indent: str) -> list[str]:
    """Outcomes as aligned rows: label, each party's payoff, the total, each risk."""
    head = ["outcome"] + parties + ["total"] + bad
    rows = [[label] + [_short(o.payoffs[p]) for p in parties] + [_short(o.welfare)]
            + [_short(o.risks[a]) for a in bad] for label, o in zip(labels, outcomes)]
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    return [indent + "  ".join(x.ljust(w) if k == 0 else x.rjust(w)
                               for k, (x, w) in enumerate(zip(row, widths))) for row in [head] + rows]


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


def _index(model: Model, profile) -> tuple[int, ...]:
    return tuple(p.actions.index(a) for p, a in zip(model.players, profile))


def _span(pair) -> str:
    lo, hi = pair
    return _short(lo) if lo == hi else f"{_short(lo)} .. {_short(hi)}"


def _short(x: Any) -> str:
    if isinstance(x, Fraction):
        return f"{float(x):.3g}" if x.denominator > 100 else exact_str(x)
    return f"{float(x):.3g}"
