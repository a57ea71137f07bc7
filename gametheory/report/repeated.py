"""Repeated play (``RepeatedPlay``): minmax values, the folk
theorem's payoff set and a target profile's discount thresholds, as a table and as JSON
(schema ``gametheory.repeated/1``)."""

from __future__ import annotations

from typing import Any

from ..analysis.repeated import RepeatedPlay, Sustainability
from ._registry import renders
from ._text import aligned, json_num, text_num
from .solve import game_dict

__all__: list[str] = []


def _num(value: Any, ex: bool) -> Any:
    return None if value is None else json_num(value, ex)


def _target_dict(s: Sustainability, delta: Any) -> dict[str, Any]:
    ex = s.exact
    return {
        "profile": list(s.profile),
        "grim": _num(s.grim, ex),
        "one_period": _num(s.one_period, ex),
        "players": [{
            "player": d.player, "payoff": json_num(d.payoff, ex), "deviation": d.deviation,
            "deviation_payoff": json_num(d.deviation_payoff, ex),
            "punishment": {"strategies": [[json_num(p, ex) for p in st]
                                          for st in d.punishment.strategies],
                           "payoffs": [json_num(p, ex) for p in d.punishment.payoffs]},
            "punishment_payoff": json_num(d.punishment_payoff, ex),
            "grim": _num(d.grim, ex), "one_period": _num(d.one_period, ex)}
            for d in s.players],
        "sustained": None if delta is None else {
            "grim": s.sustained(delta, "grim"), "one_period": s.sustained(delta, "one-period")},
    }


@renders(RepeatedPlay, "dict")
def repeated_dict(r: RepeatedPlay) -> dict[str, Any]:
    """Repeated play as JSON (schema ``gametheory.repeated/1``).

    ``minmax``: per player, ``pure``, ``mixed`` (null for three or more
    players: not a linear program), ``correlated`` and the ``punishment``
    attaining it (each profile of the others with its probability);
    ``payoff_set``: every pure profile's payoff vector (``points``), the
    minmax vector and, for two players, the vertices of the feasible set
    (``hull``) and of the feasible individually rational set (``vertices``;
    both null for more players); ``target`` (null without a
    profile): the profile, its thresholds ``grim`` and ``one_period`` (null:
    no discount factor below 1) and each player's ``payoff``, ``deviation``,
    ``deviation_payoff``, worst stage equilibrium (``punishment``) and its
    ``punishment_payoff``; with a ``discount``, whether each punishment
    sustains the profile there.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.repeated_play(gt.read_game("prisoners-dilemma"), ["Cooperate"] * 2))
    >>> d["schema"], d["target"]["grim"], d["payoff_set"]["vertices"][1]
    ('gametheory.repeated/1', '1/2', ['13/3', '1'])
    """
    ex = r.exact
    ps = r.payoff_set
    return {
        "schema": "gametheory.repeated/1",
        "game": game_dict(r.game),
        "exact": ex,
        "discount": _num(r.discount, ex and not isinstance(r.discount, float)),
        "minmax": [{"player": m.player, "pure": json_num(m.pure, ex),
                    "pure_punishment": list(m.pure_punishment),
                    "mixed": _num(m.mixed, ex), "correlated": json_num(m.correlated, ex),
                    "punishment": [{"profile": list(profile), "probability": json_num(p, ex)}
                                   for profile, p in m.punishment.items()]}
                   for m in r.minmax],
        "payoff_set": {"points": [[json_num(x, ex) for x in p] for p in ps.points],
                       "minmax": [json_num(x, ex) for x in ps.minmax],
                       "hull": None if ps.hull is None else
                       [[json_num(x, ex) for x in v] for v in ps.hull],
                       "vertices": None if ps.vertices is None else
                       [[json_num(x, ex) for x in v] for v in ps.vertices]},
        "target": None if r.target is None else _target_dict(r.target, r.discount),
    }


def _threshold(value: Any, ex: bool) -> str:
    return "none below 1" if value is None else text_num(value, ex)


def _from(value: Any, ex: bool) -> str:
    return "at no discount factor below 1" if value is None else \
        f"from discount factor {text_num(value, ex)}"


@renders(RepeatedPlay, "table")
def repeated_table(r: RepeatedPlay) -> str:
    """Minmax values, the payoff set, then the target profile's thresholds and verdict."""
    g, ex = r.game, r.exact
    lines = [f"{g.title or 'untitled game'}: repeated play ({'exact' if ex else 'floating point'})",
             "", "minmax values (how low the others can hold each player):"]
    rows, punishments = [], ["correlated punishment (the others' play)"]
    for m in r.minmax:
        rows.append((m.player, text_num(m.pure, ex),
                     "not an LP" if m.mixed is None else text_num(m.mixed, ex),
                     text_num(m.correlated, ex)))
        punishments.append(", ".join(f"{'/'.join(profile)} {text_num(p, ex)}"
                                     for profile, p in m.punishment.items()))
    table = aligned(("player", "pure", "mixed", "correlated"), rows, "  ")
    lines += [f"{row}  {punish}" for row, punish in zip(table, punishments)]
    ps = r.payoff_set
    if ps.vertices is not None:
        pts = ", ".join("(" + ", ".join(text_num(x, ex) for x in v) + ")" for v in ps.vertices)
        lines += ["", f"feasible, individually rational payoffs: {len(ps.vertices)} vertices {pts}"]
    else:
        lines += ["", "feasible, individually rational payoffs: the convex hull of the "
                  f"{len(ps.points)} pure payoff vectors above the minmax vector (not drawn for "
                  f"{g.num_players} players)"]
    s = r.target
    if s is None:
        return "\n".join(lines) + "\n"
    lines += ["", f"target profile ({', '.join(s.profile)}), played forever:"]
    target_rows = []
    for d in s.players:
        target_rows.append((d.player, text_num(d.payoff, ex),
                     f"{d.deviation} -> {text_num(d.deviation_payoff, ex)}",
                     text_num(d.punishment_payoff, ex), _threshold(d.grim, ex),
                     _threshold(d.one_period, ex)))
    lines += aligned(("player", "payoff", "best deviation", "worst stage equilibrium", "grim from",
                      "one-period from"), target_rows, "  ", left=3)
    lines.append("sustained by grim trigger " + _from(s.grim, ex) + "; by one-period punishments "
                 + _from(s.one_period, ex))
    if r.discount is not None:
        dx = ex and not isinstance(r.discount, float)
        verdict = [f"{label} {'sustains it' if s.sustained(r.discount, name) else 'does not'}"
                   for name, label in (("grim", "grim trigger"),
                                       ("one-period", "a one-period punishment"))]
        lines.append(f"at discount factor {text_num(r.discount, dx)}: " + "; ".join(verdict))
    return "\n".join(lines) + "\n"
