"""Iterated elimination of dominated actions (``Elimination``):
a table for people, JSON (schema ``gametheory.dominance/1``) for programs."""

from __future__ import annotations

from typing import Any

from ..solvers.dominance import Elimination
from ._registry import renders
from ._text import json_num, text_num
from .solve import game_dict

__all__: list[str] = []


@renders(Elimination, "dict")
def elimination_dict(elimination: Elimination) -> dict[str, Any]:
    """Iterated elimination as JSON (schema ``gametheory.dominance/1``)."""
    g, ex = elimination.game, elimination.exact
    return {
        "schema": "gametheory.dominance/1",
        "game": game_dict(g),
        "kind": elimination.kind,
        "mixed": elimination.mixed,
        "exact": ex,
        "removed": [{"round": st.round, "player": st.player, "action": st.action,
                     "dominated_by": {a: json_num(p, ex) for a, p in st.dominated_by.items()}}
                    for st in elimination.steps],
        "remaining": [list(a) for a in elimination.reduced.actions],
    }


@renders(Elimination, "table")
def elimination_table(elimination: Elimination) -> str:
    """What was removed in each round, dominated by which strategy, and what remains."""
    g, ex = elimination.game, elimination.exact
    by = "pure or mixed" if elimination.mixed else "pure"
    lines = [f"{g.title or 'untitled game'}: iterated elimination of {elimination.kind}ly "
             f"dominated actions (by {by} strategies, "
             f"{'exact rational' if ex else 'floating-point'} arithmetic)"]
    if not elimination.steps:
        lines.append("nothing is dominated")
    for st in elimination.steps:
        mix = ", ".join(f"{a} {text_num(p, ex)}" for a, p in st.dominated_by.items())
        lines.append(f"round {st.round}: {st.player} drops {st.action!r}, "
                     f"{elimination.kind}ly dominated by [{mix}]")
    lines.append("remaining:")
    for player, acts in zip(g.players, elimination.reduced.actions):
        lines.append(f"  {player}: {', '.join(acts)}")
    return "\n".join(lines) + "\n"
