"""Records in notebooks (HTML) and as pandas data frames.

Registered with ``gametheory.display`` when the report layer is imported:
``Displayable`` records call these through it.  A
``SolverResult`` of a game in strategic form gets its own HTML table and frame
(one row per equilibrium, player and action, like its CSV form; on a tree, one
row per equilibrium with its payoffs); any other record shows its text table
(or, without one, a table of its fields) and becomes one row per item of its
main list, or one row of its fields.
"""

from __future__ import annotations

import dataclasses
import html
from fractions import Fraction
from typing import Any

from ..arithmetic import exact_str
from ..display import register_display
from ..games.normal import NormalFormGame
from ..solvers.result import SolverResult
from ._registry import formats_of, render

__all__ = ["html_of", "dataframe_of"]

_SIMPLE = (int, float, Fraction, str, bool, type(None))


def _simple(value: Any) -> bool:
    if isinstance(value, _SIMPLE):
        return True
    return isinstance(value, tuple) and all(isinstance(v, _SIMPLE) for v in value)


def _fields(record: Any) -> dict[str, Any]:
    """The record's fields that hold plain values (numbers, strings, tuples of them)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)
            if _simple(getattr(record, f.name))}


def _plain(value: Any) -> str:
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return exact_str(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_plain(v) for v in value) + ")"
    return str(value)


def _cell(value: Any) -> str:
    text = _plain(value)
    return html.escape(text if len(text) <= 200 else text[:197] + "...")


def html_of(record: Any) -> str:
    """The record as HTML.

    Examples
    --------
    >>> import gametheory as gt
    >>> page = gt.solve(gt.read_game("chicken"))._repr_html_()
    >>> page.startswith("<div") and "Hold: 1/2" in page
    True
    """
    if isinstance(record, SolverResult) and _strategic(record):
        return _result_html(record)
    if "table" in formats_of(record):
        return f"<pre>{html.escape(render(record, 'table'))}</pre>"
    rows = "".join(f"<tr><th>{html.escape(name)}</th><td>{_cell(value)}</td></tr>"
                   for name, value in _fields(record).items())
    return f"<table><caption>{html.escape(type(record).__name__)}</caption>{rows}</table>"


def _strategic(result: SolverResult) -> bool:
    """Whether every equilibrium has mixed strategies of a game in strategic form (not only
    behaviour strategies on a tree)."""
    return isinstance(result.game, NormalFormGame) and all(eq.strategies for eq in result.equilibria)


def _result_html(result: SolverResult) -> str:
    game = result.game
    head = (f"<p><b>{html.escape(game.title or 'game')}</b>: {result.method}, "
            f"{'exact' if result.exact else 'floating point'}; "
            f"{len(result.equilibria)} equilibri{'um' if len(result.equilibria) == 1 else 'a'}, "
            f"complete: {'yes' if result.complete else 'no'}, degenerate: "
            f"{ {True: 'yes', False: 'no', None: 'not decided'}[result.degenerate] }</p>")
    cells = ["<tr><th>#</th><th>player</th><th>strategy</th><th>payoff</th><th>regret</th></tr>"]
    for k, eq in enumerate(result.equilibria, 1):
        for i, player in enumerate(game.players):
            mix = ", ".join(f"{html.escape(game.actions[i][j])}: {_cell(p)}"
                            for j, p in enumerate(eq.strategies[i]) if p != 0)
            cells.append(f"<tr><td>{k if i == 0 else ''}</td><td>{html.escape(player)}</td>"
                         f"<td>{mix}</td><td>{_cell(eq.payoffs[i])}</td>"
                         f"<td>{_cell(eq.regret) if i == 0 else ''}</td></tr>")
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in result.notes)
    return (f"<div>{head}<table>{''.join(cells)}</table>"
            + (f"<ul>{notes}</ul>" if notes else "") + "</div>")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install 'crisis-gametheory[frames]'") \
            from None
    return pandas


def dataframe_of(record: Any) -> Any:
    """The record as a pandas ``DataFrame``.

    Examples
    --------
    >>> import gametheory as gt
    >>> frame = gt.solve(gt.read_game("chicken")).to_dataframe()   # doctest: +SKIP
    >>> list(frame.columns)                                        # doctest: +SKIP
    ['equilibrium', 'player', 'action', 'probability', 'payoff', 'regret']
    """
    pd = _pandas()
    if isinstance(record, SolverResult) and not _strategic(record):   # a tree: behaviour
        return pd.DataFrame([{"equilibrium": k, "payoffs": tuple(eq.payoffs), "regret": eq.regret}
                             for k, eq in enumerate(record.equilibria, 1)],
                            columns=["equilibrium", "payoffs", "regret"])
    if isinstance(record, SolverResult):
        game = record.game
        rows = [{"equilibrium": k, "player": player, "action": game.actions[i][j],
                 "probability": p, "payoff": eq.payoffs[i], "regret": eq.regret}
                for k, eq in enumerate(record.equilibria, 1)
                for i, player in enumerate(game.players)
                for j, p in enumerate(eq.strategies[i])]
        return pd.DataFrame(rows, columns=["equilibrium", "player", "action", "probability",
                                           "payoff", "regret"])
    for f in dataclasses.fields(record):
        items = getattr(record, f.name)
        if isinstance(items, (tuple, list)) and items and all(
                dataclasses.is_dataclass(item) for item in items):
            return pd.DataFrame([_fields(item) for item in items])
    return pd.DataFrame([_fields(record)])


register_display("html", html_of)
register_display("dataframe", dataframe_of)
