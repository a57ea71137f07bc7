"""Printing results: a table for people, and JSON, CSV and LaTeX for programs and papers.

The JSON layout is fixed by the project's contract (schema ``gametheory.solve/1``).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ..arithmetic import exact_str
from ..solvers.result import SolverResult

if TYPE_CHECKING:
    from ..solvers.dominance import Elimination
    from ..games.normal import NormalFormGame
    from ..crisis.model import Model
    from ..solvers.qre import QRECurve

__all__ = ["FORMATS", "format_result", "result_to_dict", "format_elimination", "elimination_to_dict",
           "format_qre", "qre_to_dict", "format_model", "write_text_atomic"]

FORMATS = ("table", "json", "csv", "latex")


def _num(value: Any, exact: bool) -> Any:
    """Exact results: reduced-fraction strings; float results: JSON numbers."""
    if exact:
        return exact_str(Fraction(value))
    return float(value)


def _game_dict(g: "NormalFormGame") -> dict[str, Any]:
    return {"title": g.title, "players": list(g.players), "actions": [list(a) for a in g.actions]}


def _is_tree(g: Any) -> bool:
    from ..games.tree import ExtensiveFormGame
    return isinstance(g, ExtensiveFormGame)


def _tree_dict(g: Any, reduced: "NormalFormGame | None") -> dict[str, Any]:
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
        out["strategies"] = [[_num(p, ex) for p in s] for s in eq.strategies]
    if eq.behavior is not None:
        out["behavior"] = [[[_num(p, ex) for p in probs] for probs in sets] for sets in eq.behavior]
    out["payoffs"] = [_num(p, ex) for p in eq.payoffs]
    out["regret"] = _num(eq.regret, ex)
    return out


def result_to_dict(result: SolverResult) -> dict[str, Any]:
    """The result as the contract's JSON object (schema ``gametheory.solve/1``).

    Examples
    --------
    >>> import gametheory as gt
    >>> d = result_to_dict(gt.solve(gt.read_game("chicken")))
    >>> d["schema"], d["method"], d["equilibria"][1]["strategies"]
    ('gametheory.solve/1', 'vertex', [['1/2', '1/2'], ['1/2', '1/2']])
    """
    g, ex = result.game, result.exact
    return {
        "schema": "gametheory.solve/1",
        "game": _tree_dict(g, result.reduced) if _is_tree(g) else _game_dict(g),
        "method": result.method,
        "exact": ex,
        "complete": result.complete,
        "degenerate": result.degenerate,
        "equilibria": [_equilibrium_dict(eq, ex) for eq in result.equilibria],
        "notes": list(result.notes),
        "parameters": {k: _json_value(v, ex) for k, v in result.parameters.items()},
    }


def _json_value(value: Any, exact: bool) -> Any:
    """A parameter as JSON, numbers following the exact/float rule."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (Fraction, float)):
        return _num(value, exact)
    if isinstance(value, (list, tuple)):
        return [_json_value(v, exact) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v, exact) for k, v in value.items()}
    return str(value)


def _text(value: Any, exact: bool) -> str:
    return exact_str(Fraction(value)) if exact else f"{float(value):.6g}"


def format_table(result: SolverResult) -> str:
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
                lines.append(f"  {player}: payoff {_text(eq.payoffs[i], ex)}")
                for a, p in zip(g.actions[i], eq.strategies[i]):
                    if p != 0:
                        lines.append(f"    {a:<{width}}  {_text(p, ex)}")
        lines.append(f"  regret: {_text(eq.regret, ex)}")
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
    for note in result.notes:
        lines.append(f"note: {note}")
    if "value" in result.parameters:
        lines.append(f"value of the game (to {g.players[0]}): {_text(result.parameters['value'], ex)}")
    return "\n".join(lines) + "\n"


def _behavior_lines(g: Any, eq: Any, ex: bool) -> list[str]:
    """Each player's payoff and, per information set, the actions it takes."""
    lines = []
    for i, player in enumerate(g.players):
        lines.append(f"  {player}: payoff {_text(eq.payoffs[i], ex)}")
        for name, probs in zip(g.player_infosets(player), eq.behavior[i]):
            acts = g.infosets[(player, name)]
            chosen = [f"{a} {_text(p, ex)}" for a, p in zip(acts, probs) if p != 0]
            lines.append(f"    at {name}: " + ", ".join(chosen))
    return lines


def format_csv(result: SolverResult) -> str:
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
            for i, player in enumerate(g.players):
                for name, probs in zip(g.player_infosets(player), eq.behavior[i]):
                    for a, p in zip(g.infosets[(player, name)], probs):
                        w.writerow([k, player, name, a, _csv_num(p, ex), _csv_num(eq.payoffs[i], ex),
                                    _csv_num(eq.regret, ex)])
        return buf.getvalue()
    w.writerow(["equilibrium", "player", "action", "probability", "payoff", "regret"])
    for k, eq in enumerate(result.equilibria, 1):
        for i, player in enumerate(g.players):
            for a, p in zip(g.actions[i], eq.strategies[i]):
                w.writerow([k, player, a, _csv_num(p, ex), _csv_num(eq.payoffs[i], ex),
                            _csv_num(eq.regret, ex)])
    return buf.getvalue()


def _csv_num(v: Any, exact: bool) -> str:
    return exact_str(Fraction(v)) if exact else repr(float(v))


def _tex_escape(text: str) -> str:
    repl = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"}
    return "".join(repl.get(c, c) for c in text)


def _tex_num(v: Any, exact: bool) -> str:
    if exact:
        q = Fraction(v)
        if q.denominator == 1:
            return str(q.numerator)
        sign = "-" if q < 0 else ""
        return f"{sign}\\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"
    return f"{float(v):.6g}"


def format_latex(result: SolverResult) -> str:
    """A LaTeX ``tabular``: one row per equilibrium, each player's strategy and payoff."""
    g, ex = result.game, result.exact
    cols = "r" + "l" * len(g.players) + "r" * len(g.players)
    head = ["\\#"] + [_tex_escape(p) for p in g.players] + \
        [f"$u_{{\\text{{{_tex_escape(p)}}}}}$" for p in g.players]
    lines = [f"% {_tex_escape(g.title)}: method {result.method}, "
             f"{'exact' if ex else 'float'}, complete={result.complete}, "
             f"degenerate={result.degenerate}",
             f"\\begin{{tabular}}{{{cols}}}", "\\hline", " & ".join(head) + " \\\\", "\\hline"]
    for k, eq in enumerate(result.equilibria, 1):
        if eq.behavior is not None and not eq.strategies:
            strat = ["; ".join(_tex_escape(name) + ": $(" + ", ".join(_tex_num(p, ex) for p in probs) + ")$"
                               for name, probs in zip(g.player_infosets(player), sets))
                     for player, sets in zip(g.players, eq.behavior)]
        else:
            strat = ["$(" + ", ".join(_tex_num(p, ex) for p in s) + ")$" for s in eq.strategies]
        pays = ["$" + _tex_num(p, ex) + "$" for p in eq.payoffs]
        lines.append(" & ".join([str(k)] + strat + pays) + " \\\\")
    lines += ["\\hline", "\\end{tabular}"]
    return "\n".join(lines) + "\n"


def format_result(result: SolverResult, fmt: str = "table") -> str:
    """The result in one of :data:`FORMATS`."""
    if fmt == "json":
        return json.dumps(result_to_dict(result), indent=2) + "\n"
    if fmt == "csv":
        return format_csv(result)
    if fmt == "latex":
        return format_latex(result)
    if fmt == "table":
        return format_table(result)
    raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def elimination_to_dict(elimination: "Elimination") -> dict[str, Any]:
    """Iterated elimination as JSON (schema ``gametheory.dominance/1``)."""
    g, ex = elimination.game, elimination.exact
    return {
        "schema": "gametheory.dominance/1",
        "game": _game_dict(g),
        "kind": elimination.kind,
        "mixed": elimination.mixed,
        "exact": ex,
        "removed": [{"round": st.round, "player": st.player, "action": st.action,
                     "dominated_by": {a: _num(p, ex) for a, p in st.dominated_by.items()}}
                    for st in elimination.steps],
        "remaining": [list(a) for a in elimination.reduced.actions],
    }


def format_elimination(elimination: "Elimination", fmt: str = "table") -> str:
    """Iterated elimination for people (``table``) or programs (``json``)."""
    if fmt == "json":
        return json.dumps(elimination_to_dict(elimination), indent=2) + "\n"
    if fmt != "table":
        raise ValueError(f"format {fmt!r} is not available for dominance; choose table or json")
    g, ex = elimination.game, elimination.exact
    by = "pure or mixed" if elimination.mixed else "pure"
    lines = [f"{g.title or 'untitled game'}: iterated elimination of {elimination.kind}ly "
             f"dominated actions (by {by} strategies, "
             f"{'exact rational' if ex else 'floating-point'} arithmetic)"]
    if not elimination.steps:
        lines.append("nothing is dominated")
    for st in elimination.steps:
        mix = ", ".join(f"{a} {_text(p, ex)}" for a, p in st.dominated_by.items())
        lines.append(f"round {st.round}: {st.player} drops {st.action!r}, "
                     f"{elimination.kind}ly dominated by [{mix}]")
    lines.append("remaining:")
    for player, acts in zip(g.players, elimination.reduced.actions):
        lines.append(f"  {player}: {', '.join(acts)}")
    return "\n".join(lines) + "\n"


def qre_to_dict(curve: "QRECurve") -> dict[str, Any]:
    """A traced logit QRE branch as JSON (schema ``gametheory.qre/1``).

    ``points`` holds every traced point (``lambda`` and one probability
    vector per player, floats); ``equilibrium`` the Nash equilibrium certified
    at the end (numbers exact or float by the usual rule), or null.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = qre_to_dict(gt.logit_qre(gt.read_game("matching-pennies")))
    >>> d["schema"], d["points"][0], d["equilibrium"]["strategies"]
    ('gametheory.qre/1', {'lambda': 0.0, 'strategies': [[0.5, 0.5], [0.5, 0.5]]}, [['1/2', '1/2'], ['1/2', '1/2']])
    """
    eq = curve.equilibrium
    equilibrium = None
    if eq is not None:
        ex = isinstance(eq.regret, Fraction)
        equilibrium = {"strategies": [[_num(p, ex) for p in s] for s in eq.strategies],
                       "payoffs": [_num(p, ex) for p in eq.payoffs],
                       "regret": _num(eq.regret, ex), "exact": ex}
    return {
        "schema": "gametheory.qre/1",
        "game": _game_dict(curve.game),
        "stopped": curve.reason,
        "bifurcations": curve.bifurcations,
        "points": curve.to_rows(),
        "equilibrium": equilibrium,
    }


def format_qre(curve: "QRECurve", fmt: str = "table", rows: int = 12) -> str:
    """A traced QRE branch: ``csv`` (every point), ``json`` (:func:`qre_to_dict`) or ``table``.

    The table shows ``rows`` points spread along the branch, then the
    certified equilibrium at its end.
    """
    g = curve.game
    if fmt == "json":
        return json.dumps(qre_to_dict(curve), indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["lambda"] + [f"{p}:{a}" for p, acts in zip(g.players, g.actions) for a in acts])
        for lam, row in zip(curve.lambdas, curve.profiles):
            w.writerow([repr(float(lam))] + [repr(float(v)) for v in row])
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"format {fmt!r} is not available for qre; choose table, csv or json")
    lines = [f"{g.title or 'untitled game'}: logit QRE branch, {len(curve)} points, "
             f"stopped: {curve.reason}"]
    picks = sorted(set(np.linspace(0, len(curve) - 1, min(rows, len(curve))).round().astype(int)))
    for k in picks:
        strat = "; ".join(f"{p} (" + ", ".join(f"{v:.4f}" for v in s) + ")"
                          for p, s in zip(g.players, curve.strategies(int(k))))
        lines.append(f"  lambda {float(curve.lambdas[k]):>12.4g}: {strat}")
    eq = curve.equilibrium
    if eq is None:
        lines.append("no equilibrium certified at the end of the branch")
    else:
        ex = isinstance(eq.regret, Fraction)
        lines.append("equilibrium at the end of the branch (certified):")
        for p, acts, s in zip(g.players, g.actions, eq.strategies):
            lines.append(f"  {p}: " + ", ".join(f"{a} {_text(v, ex)}" for a, v in zip(acts, s)))
    return "\n".join(lines) + "\n"


def format_model(model: "Model", cell: "Sequence[str] | None" = None) -> str:
    """A crisis model for people: its parties, every party's payoff at every profile, and,
    for one ``cell`` (an action per moving party), how each payoff was derived.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.io import load_model
    >>> text = format_model(load_model("unilateral"), cell=["Intervene", "Intervene", "Limited"])
    >>> print(text.splitlines()[0])
    Unilateral responses to a North Korean collapse
    """
    movers = model.players
    others = [p for p in model.parties if not p.actions]
    lines = [model.title]
    if model.source:
        lines.append(f"source: {model.source}")
    lines.append("parties: " + "; ".join(
        f"{p.name} ({', '.join(p.actions)})" if p.actions else f"{p.name} (does not move)"
        for p in model.parties))
    lines.append("payoffs with the default weights, one row per profile:")
    widths = [max(len(a) for a in p.actions) for p in movers]
    names = [p.name for p in model.parties]
    head = "  ".join(p.name.ljust(w) for p, w in zip(movers, widths))
    rows = []
    for profile in itertools.product(*(p.actions for p in movers)):
        pays = [model.payoff(name, profile) for name in names]
        rows.append(("  ".join(a.ljust(w) for a, w in zip(profile, widths)),
                     [exact_str(v) for v in pays]))
    colw = [max(len(names[k]), *(len(r[1][k]) for r in rows)) for k in range(len(names))]
    lines.append("  " + head + " | " + "  ".join(n.rjust(w) for n, w in zip(names, colw)))
    for left, pays in rows:
        lines.append("  " + left + " | " + "  ".join(v.rjust(w) for v, w in zip(pays, colw)))
    if others:
        lines.append(", ".join(p.name for p in others) + " does not move; its payoffs are "
                     "derived from the same outcomes")
    if cell is not None:
        lines.append("")
        lines.append("how each payoff at (" + ", ".join(cell) + ") is derived:")
        for name in names:
            lines.append(str(model.explain(name, list(cell))))
    return "\n".join(lines) + "\n"


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (temporary file, then rename)."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:      # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
