"""Solver results (``SolverResult``): a table for people, and
JSON, CSV and LaTeX for programs and papers.

The JSON layout is fixed by the project's contract (schema ``gametheory.solve/1``).
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from typing import Any, cast

from ..arithmetic import Number
from ..games.behavior import Behavior
from ..games.normal import NormalFormGame
from ..games.tree import ExtensiveFormGame
from ..solvers.result import Component, Continuum, SolverResult
from ._registry import renders
from ._text import csv_num, json_num, tex_escape, tex_num, text_num

__all__ = ["FORMATS", "game_dict"]

#: The formats of a solver result.
FORMATS = ("table", "json", "csv", "latex")


def game_dict(g: NormalFormGame) -> dict[str, Any]:
    """A game in strategic form in the JSON of the contract: title, players, actions."""
    return {"title": g.title, "players": list(g.players), "actions": [list(a) for a in g.actions]}


def _is_tree(g: Any) -> bool:
    return isinstance(g, ExtensiveFormGame)


def _tree_dict(g: ExtensiveFormGame, reduced: NormalFormGame | None) -> dict[str, Any]:
    """A tree: its players and each player's information sets (name, actions) in file order;
    ``actions``: the reduced normal form's strategies, when the equilibria refer to them."""
    out: dict[str, Any] = {"title": g.title, "players": list(g.players)}
    if reduced is not None:
        out["actions"] = [list(a) for a in reduced.actions]
    out["infosets"] = [[{"name": name, "actions": list(g.infosets[(p, name)])}
                        for name in g.player_infosets(p)] for p in g.players]
    return out


def _equilibrium_dict(eq: Any, ex: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if eq.strategies:
        out["strategies"] = [[json_num(p, ex) for p in s] for s in eq.strategies]
    if eq.behavior is not None:
        out["behavior"] = [[[json_num(p, ex) for p in probs] for probs in sets]
                           for sets in eq.behavior]
    out["payoffs"] = [json_num(p, ex) for p in eq.payoffs]
    out["regret"] = json_num(eq.regret, ex)
    return out


def _json_value(value: Any, exact: bool) -> Any:
    """A parameter as JSON, numbers following the exact/float rule."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (Fraction, float)):
        return json_num(value, exact)
    if isinstance(value, (list, tuple)):
        return [_json_value(v, exact) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v, exact) for k, v in value.items()}
    return str(value)


@renders(SolverResult, "dict")
def result_dict(result: SolverResult) -> dict[str, Any]:
    """The result as the contract's JSON object (schema ``gametheory.solve/1``).

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.solve(gt.read_game("chicken")))
    >>> d["schema"], d["method"], d["equilibria"][1]["strategies"]
    ('gametheory.solve/1', 'vertex', [['1/2', '1/2'], ['1/2', '1/2']])
    """
    g, ex = result.game, result.exact
    return {
        "schema": "gametheory.solve/1",
        "game": _tree_dict(g, result.reduced) if _is_tree(g) else game_dict(g),
        "method": result.method,
        "exact": ex,
        "complete": result.complete,
        "degenerate": result.degenerate,
        "equilibria": [_equilibrium_dict(eq, ex) for eq in result.equilibria],
        **({} if result.components is None else
           {"components": [_component_dict(c, ex) for c in result.components]}),
        **({} if not result.continua else
           {"continua": [_continuum_dict(c, result.game, ex) for c in result.continua],
            "accounted": result.accounted}),
        "notes": list(result.notes),
        "parameters": {k: _json_value(v, ex) for k, v in result.parameters.items()},
    }


def _continuum_dict(c: Continuum, g: NormalFormGame, ex: bool) -> dict[str, Any]:
    """An n-player continuum: support profile, kind, the mixing player, dimension, vertices and
    payoff bounds (null where not described)."""
    return {"supports": [list(s) for s in c.supports], "kind": c.kind,
            "mixer": None if c.mixer is None else g.players[c.mixer], "dimension": c.dimension,
            "vertices": [[[json_num(p, ex) for p in s] for s in v.strategies] for v in c.vertices],
            "payoffs": None if c.payoffs is None else
            [[json_num(lo, ex), json_num(hi, ex)] for lo, hi in c.payoffs],
            "outer_payoffs": None if c.outer is None else
            [[json_num(lo, ex), json_num(hi, ex)] for lo, hi in c.outer]}


def _component_dict(c: Component, ex: bool) -> dict[str, Any]:
    """A connected component: its extreme equilibria (0-based), payoff bounds, maximal subsets."""
    return {"equilibria": list(c.equilibria),
            "payoffs": [[json_num(lo, ex), json_num(hi, ex)] for lo, hi in c.payoffs],
            "maximal_subsets": [list(s) for s in c.maximal_subsets]}


@renders(SolverResult, "table")
def result_table(result: SolverResult) -> str:
    """A plain-text report: each equilibrium's strategies, payoffs and regret, then guarantees."""
    g, ex = result.game, result.exact
    title = g.title or "untitled game"
    tree = _is_tree(g)
    if tree:
        lines = [f"{title}: game tree, {len(g.players)} player(s), {g.num_nodes} nodes, "
                 f"{len(g.infosets)} information set(s)"]
    else:
        lines = [f"{title}: {g.num_players} player(s), actions {' x '.join(map(str, g.shape))}"]
    lines.append(f"method: {result.method} ({'exact rational' if ex else 'floating point'} arithmetic)"
                 + (", on the reduced normal form" if tree and result.reduced is not None else ""))
    count = len(result.equilibria)
    lines.append(f"{count} equilibri{'um' if count == 1 else 'a'} found")
    for k, eq in enumerate(result.equilibria, 1):
        lines.append("")
        lines.append(f"Equilibrium {k}" + ("  (pure)" if eq.is_pure else ""))
        if tree:
            lines.extend(_behavior_lines(g, eq, ex))
        else:
            width = max(len(a) for acts in g.actions for a in acts)
            for i, player in enumerate(g.players):
                lines.append(f"  {player}: payoff {text_num(eq.payoffs[i], ex)}")
                for a, p in zip(g.actions[i], eq.strategies[i]):
                    if p != 0:
                        lines.append(f"    {a:<{width}}  {text_num(p, ex)}")
        lines.append(f"  regret: {text_num(eq.regret, ex)}")
    lines.append("")
    if result.complete:
        what = ("every extreme equilibrium" if result.method == "vertex" else
                "every subgame-perfect equilibrium" if result.method == "spe" else "every equilibrium")
        lines.append(f"complete: yes, the list holds {what}")
    else:
        lines.append("complete: no, the method does not guarantee that every equilibrium is listed")
    if result.degenerate:
        lines.append("DEGENERATE GAME: some strategy has more best responses than its support size;"
                     " equilibria may form continua")
    elif result.degenerate is False:
        lines.append("degenerate: no")
    lines.extend(_component_lines(result))
    lines.extend(_continuum_lines(result))
    for note in result.notes:
        lines.append(f"note: {note}")
    if "value" in result.parameters:
        lines.append(f"value of the game (to {g.players[0]}): "
                     f"{text_num(result.parameters['value'], ex)}")
    return "\n".join(lines) + "\n"


def _component_lines(result: SolverResult) -> list[str]:
    """The continua of equilibria, each with its maximal Nash subsets and payoff bounds (nothing
    when every equilibrium is isolated)."""
    if not result.components or not any(c.is_continuum for c in result.components):
        return []
    players = result.reduced.players if result.reduced is not None else result.game.players
    ex = result.exact
    lines = [f"components: {len(result.components)} connected component(s) of the equilibrium "
             "set; continua:"]
    for c in result.components:
        if not c.is_continuum:
            continue
        members = ", ".join(str(k + 1) for k in c.equilibria)
        subsets = "; ".join("{" + ", ".join(str(k + 1) for k in s) + "}" for s in c.maximal_subsets)
        bounds = ", ".join(f"{p} {_span(lo, hi, ex)}" for p, (lo, hi) in zip(players, c.payoffs))
        lines.append(f"  equilibria {members}: maximal Nash subsets {subsets}; payoffs over the "
                     f"whole continuum: {bounds}")
    return lines


def _continuum_lines(result: SolverResult) -> list[str]:
    """Each n-player continuum: where it lies, its vertices and payoff bounds, or that it is not
    described."""
    g, ex = result.game, result.exact
    lines = []
    for c in result.continua:
        where = " x ".join("{" + ", ".join(g.actions[i][a] for a in s) + "}"
                           for i, s in enumerate(c.supports))
        if not c.described:
            why = ("several players mix" if c.kind == "semi-algebraic" else
                   "too many inequalities to enumerate its vertices")
            if c.outer is None:
                lines.append(f"continuum on {where}: {why}; not described, no bounds")
                continue
            bounds = ", ".join(f"{p} {_span(lo, hi, ex)}" for p, (lo, hi) in zip(g.players, c.outer))
            lines.append(f"continuum on {where}: {why}; not described; payoffs within (outer "
                         f"bounds, rigorous, not necessarily attained): {bounds}")
            continue
        if not c.vertices:
            lines.append(f"continuum on {where}: no equilibrium there")
            continue
        # a polytope described: its one mixer and its payoff ranges are set
        mixer = cast(int, c.mixer)
        ranges = cast("tuple[tuple[Number, Number], ...]", c.payoffs)
        bounds = ", ".join(f"{p} {_span(lo, hi, ex)}" for p, (lo, hi) in zip(g.players, ranges))
        lines.append(f"continuum on {where}: {g.players[mixer]} mixes; a polytope of dimension "
                     f"{c.dimension} with {len(c.vertices)} vertices; payoffs over it: {bounds}")
        for v in c.vertices:
            mix = ", ".join(f"{a} {text_num(p, ex)}"
                            for a, p in zip(g.actions[mixer], v.strategies[mixer]) if p != 0)
            lines.append(f"  vertex: {g.players[mixer]} plays {mix}")
    if result.accounted is not None and result.continua:
        lines.append("accounted: " + ("yes, the isolated equilibria and the described continua "
                                      "hold every equilibrium" if result.accounted else
                                      "no, some equilibria are not described"))
    return lines


def _span(lo: Any, hi: Any, ex: bool) -> str:
    return text_num(lo, ex) if lo == hi else f"{text_num(lo, ex)} to {text_num(hi, ex)}"


def _behavior_lines(g: ExtensiveFormGame, eq: Any, ex: bool) -> list[str]:
    """Each player's payoff and, per information set, the actions it takes."""
    lines = []
    for i, player in enumerate(g.players):
        lines.append(f"  {player}: payoff {text_num(eq.payoffs[i], ex)}")
        for name, probs in zip(g.player_infosets(player), eq.behavior[i]):
            acts = g.infosets[(player, name)]
            chosen = [f"{a} {text_num(p, ex)}" for a, p in zip(acts, probs) if p != 0]
            lines.append(f"    at {name}: " + ", ".join(chosen))
    return lines


@renders(SolverResult, "csv")
def result_csv(result: SolverResult) -> str:
    """One row per equilibrium, player and action: probability, the player's payoff, regret.

    For a game tree: one row per equilibrium, player, information set and
    action (behaviour probabilities).
    """
    g, ex = result.game, result.exact
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if _is_tree(g):
        w.writerow(["equilibrium", "player", "infoset", "action", "probability", "payoff", "regret"])
        for k, eq in enumerate(result.equilibria, 1):
            behavior = cast(Behavior, eq.behavior)      # set on every equilibrium of a tree
            for i, player in enumerate(g.players):
                for name, probs in zip(g.player_infosets(player), behavior[i]):
                    for a, p in zip(g.infosets[(player, name)], probs):
                        w.writerow([k, player, name, a, csv_num(p, ex), csv_num(eq.payoffs[i], ex),
                                    csv_num(eq.regret, ex)])
        return buf.getvalue()
    w.writerow(["equilibrium", "player", "action", "probability", "payoff", "regret"])
    for k, eq in enumerate(result.equilibria, 1):
        for i, player in enumerate(g.players):
            for a, p in zip(g.actions[i], eq.strategies[i]):
                w.writerow([k, player, a, csv_num(p, ex), csv_num(eq.payoffs[i], ex),
                            csv_num(eq.regret, ex)])
    return buf.getvalue()


@renders(SolverResult, "latex")
def result_latex(result: SolverResult) -> str:
    """A LaTeX ``tabular``: one row per equilibrium, each player's strategy and payoff."""
    g, ex = result.game, result.exact
    cols = "r" + "l" * len(g.players) + "r" * len(g.players)
    head = ["\\#"] + [tex_escape(p) for p in g.players] + \
        [f"$u_{{\\text{{{tex_escape(p)}}}}}$" for p in g.players]
    lines = [f"% {tex_escape(g.title)}: method {result.method}, "
             f"{'exact' if ex else 'float'}, complete={result.complete}, "
             f"degenerate={result.degenerate}",
             f"\\begin{{tabular}}{{{cols}}}", "\\hline", " & ".join(head) + " \\\\", "\\hline"]
    for k, eq in enumerate(result.equilibria, 1):
        if eq.behavior is not None and not eq.strategies:
            strat = ["; ".join(tex_escape(name) + ": $(" + ", ".join(tex_num(p, ex) for p in probs)
                               + ")$"
                               for name, probs in zip(g.player_infosets(player), sets))
                     for player, sets in zip(g.players, eq.behavior)]
        else:
            strat = ["$(" + ", ".join(tex_num(p, ex) for p in s) + ")$" for s in eq.strategies]
        pays = ["$" + tex_num(p, ex) + "$" for p in eq.payoffs]
        lines.append(" & ".join([str(k)] + strat + pays) + " \\\\")
    lines += ["\\hline", "\\end{tabular}"]
    return "\n".join(lines) + "\n"
