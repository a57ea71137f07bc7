"""The cooperative analysis of a TU game, for people (table) and programs (JSON ``gametheory.coop/1``)."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from ..arithmetic import exact_str
from ..errors import InvalidGameError
from ..coop.core import CORE_VERTICES_MAX_PLAYERS, core_vertices, least_core, nucleolus
from ..coop.tu import TUGame
from ..coop.values import (SUPERADDITIVE_MAX_PLAYERS, banzhaf_value, is_convex, is_essential,
                     is_superadditive, shapley_value)

__all__ = ["coop_analysis", "coop_to_dict", "format_coop"]


def coop_analysis(game: TUGame) -> dict[str, Any]:
    """Every solution concept of the game, computed once (numbers exact for exact games)."""
    eps, x = least_core(game)
    empty = eps > (0 if game.exact else 1e-9 * max(1.0, float(abs(game.v.astype(float)).max())))
    try:
        nuc = nucleolus(game)
    except InvalidGameError:
        nuc = None
    out: dict[str, Any] = {
        "shapley": shapley_value(game), "banzhaf": banzhaf_value(game), "nucleolus": nuc,
        "least_core_epsilon": eps, "core_empty": bool(empty), "core_point": None if empty else x,
        "essential": is_essential(game), "convex": is_convex(game),
        "superadditive": is_superadditive(game) if game.n <= SUPERADDITIVE_MAX_PLAYERS else None,
        "core_vertices": None,
    }
    if game.exact and game.n <= CORE_VERTICES_MAX_PLAYERS and not empty:
        out["core_vertices"] = core_vertices(game)
    return out


def _num(value: Any, exact: bool) -> Any:
    return exact_str(Fraction(value)) if exact else float(value)


def coop_to_dict(game: TUGame, analysis: dict[str, Any] | None = None) -> dict[str, Any]:
    """The analysis as the contract's JSON object (schema ``gametheory.coop/1``)."""
    a = coop_analysis(game) if analysis is None else analysis
    ex = game.exact

    def vec(v):
        return None if v is None else [_num(q, ex) for q in v]

    return {
        "schema": "gametheory.coop/1",
        "title": game.title,
        "players": list(game.players),
        "exact": ex,
        "values": {game.name(m): _num(game.v[m], ex) for m in range(1, game.grand + 1)
                   if game.v[m] != 0} if game.n <= 12 else None,
        "shapley": vec(a["shapley"]),
        "banzhaf": vec(a["banzhaf"]),
        "nucleolus": vec(a["nucleolus"]),
        "core_empty": a["core_empty"],
        "core_point": vec(a["core_point"]),
        "least_core_epsilon": _num(a["least_core_epsilon"], ex),
        "core_vertices": None if a["core_vertices"] is None else [vec(v) for v in a["core_vertices"]],
        "properties": {"essential": a["essential"], "superadditive": a["superadditive"],
                       "convex": a["convex"], "balanced": not a["core_empty"]},
    }


def _text(value: Any, exact: bool) -> str:
    if value is None:
        return "-"
    if exact:
        q = Fraction(value)
        return exact_str(q) if q.denominator <= 1000 else f"{float(q):.4g}"
    return f"{float(value):.4g}"


def format_coop(game: TUGame, fmt: str = "table") -> str:
    """The analysis as a table (default) or JSON."""
    if fmt == "json":
        return json.dumps(coop_to_dict(game), indent=2) + "\n"
    if fmt != "table":
        raise ValueError(f"format {fmt!r} is not available for coop; choose table or json")
    a = coop_analysis(game)
    ex = game.exact
    lines = [f"{game.title or 'TU game'}: {game.n} players, "
             f"{'exact rational' if ex else 'floating-point'} arithmetic"]
    if game.n <= 6:
        lines.append("worths: " + "; ".join(f"{game.name(m)} {_text(game.v[m], ex)}"
                                            for m in range(1, game.grand + 1)))
    rows = [("Shapley value", a["shapley"]), ("Banzhaf value", a["banzhaf"]),
            ("nucleolus", a["nucleolus"]), ("core point", a["core_point"])]
    width = max(len(p) for p in game.players)
    head = "  " + " " * 16 + "  ".join(p.rjust(max(width, 8)) for p in game.players)
    lines += ["", head]
    for label, vec in rows:
        # one row, one format: fractions unless one of them is unwieldy
        plain = ex and vec is not None and all(Fraction(v).denominator <= 1000 for v in vec)
        cells = [(_text(v, plain) if vec is not None else "-").rjust(max(width, 8))
                 for v in (vec if vec is not None else [None] * game.n)]
        lines.append(f"  {label:<16}" + "  ".join(cells))
    lines.append("")
    eps = a["least_core_epsilon"]
    lines.append(f"core: {'empty' if a['core_empty'] else 'not empty'} (least-core epsilon "
                 f"{_text(eps, ex)}: every coalition gets at least its worth "
                 f"{'minus' if eps > 0 else 'plus'} {_text(abs(eps), ex)})")
    if a["core_vertices"] is not None:
        lines.append(f"core vertices ({len(a['core_vertices'])}): " + "; ".join(
            "(" + ", ".join(_text(v, ex) for v in vert) + ")" for vert in a["core_vertices"][:8])
            + (" ..." if len(a["core_vertices"]) > 8 else ""))
    if a["nucleolus"] is None:
        lines.append("nucleolus: none (the players' own worths add up to more than v(N))")
    props = [name for name in ("essential", "superadditive", "convex") if a[name]]
    lines.append("properties: " + (", ".join(props) if props else "none of essential, "
                                   "superadditive, convex"))
    return "\n".join(lines) + "\n"
