"""What cheap talk can coordinate (``TalkAnalysis``), as a
table and as JSON (schema ``gametheory.talk/1``)."""

from __future__ import annotations

from typing import Any

from ..analysis.cheap_talk import TalkAnalysis
from ._registry import renders
from ._text import json_num, text_num
from .solve import game_dict

__all__: list[str] = []


@renders(TalkAnalysis, "dict")
def talk_dict(t: TalkAnalysis) -> dict[str, Any]:
    """Cheap talk as JSON (schema ``gametheory.talk/1``).

    ``game``, ``senders``, ``exact``, ``complete`` (whether every
    subgame-perfect equilibrium with talk is listed), ``equilibria_with_talk``
    (how many are), ``outcomes`` (each distinct outcome: ``distribution``, a
    list of ``{"profile": [...], "probability": ...}``, ``payoffs`` and
    ``count``, the number of listed equilibria giving it) and
    ``without_talk`` (the game's own equilibria: ``strategies`` and
    ``payoffs``, with its ``complete`` flag).

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.talk_outcomes(gt.read_game("stag-hunt"), ["stag", "hare"], ["Row"]))
    >>> d["schema"], d["outcomes"][0]["distribution"], d["outcomes"][0]["payoffs"]
    ('gametheory.talk/1', [{'profile': ['Stag', 'Stag'], 'probability': '1'}], ['4', '4'])
    """
    ex = t.exact
    return {
        "schema": "gametheory.talk/1",
        "game": game_dict(t.game),
        "senders": list(t.senders),
        "exact": ex,
        "complete": t.with_talk.complete,
        "equilibria_with_talk": len(t.with_talk.equilibria),
        "outcomes": [{"distribution": [{"profile": list(p), "probability": json_num(q, ex)}
                                       for p, q in o.distribution.items()],
                      "payoffs": [json_num(v, ex) for v in o.payoffs], "count": o.count}
                     for o in t.outcomes],
        "without_talk": {"complete": t.without_talk.complete,
                         "equilibria": [{"strategies": [[json_num(p, t.without_talk.exact) for p in s]
                                                        for s in eq.strategies],
                                         "payoffs": [json_num(v, t.without_talk.exact)
                                                     for v in eq.payoffs]}
                                        for eq in t.without_talk.equilibria]},
    }


@renders(TalkAnalysis, "table")
def talk_table(t: TalkAnalysis) -> str:
    """The outcomes with talk, best total first, then the payoffs without talk."""
    ex, g = t.exact, t.game
    n = len(t.with_talk.equilibria)
    lines = [f"{g.title or 'game'}: cheap talk by {', '.join(t.senders)}",
             f"{n} subgame-perfect equilibri{'um' if n == 1 else 'a'} with talk"
             + ("" if t.with_talk.complete else " (extreme ones; a tie in the talk stage leaves "
                "mixtures of them unlisted)") + f", {len(t.outcomes)} distinct outcome(s):"]
    for o in t.outcomes:
        dist = ", ".join(f"{'/'.join(p)} {text_num(q, ex)}" for p, q in o.distribution.items())
        pay = ", ".join(f"{p} {text_num(v, ex)}" for p, v in zip(g.players, o.payoffs))
        lines.append(f"  {dist}: payoffs {pay} (in {o.count} equilibri{'um' if o.count == 1 else 'a'})")
    w = t.without_talk
    lines.append("without talk, the equilibrium payoffs: " + "; ".join(
        "(" + ", ".join(text_num(v, w.exact) for v in eq.payoffs) + ")" for eq in w.equilibria)
        + ("" if w.complete else " (and continua: see gametheory solve)"))
    return "\n".join(lines) + "\n"
