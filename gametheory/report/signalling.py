"""Perfect Bayesian equilibria of a signalling game
(``SignallingResult``) as a table and as JSON (schema
``gametheory.signalling/1``)."""

from __future__ import annotations

from typing import Any

from ..analysis.signalling import SignallingResult
from ._registry import renders
from ._text import json_num, text_num

__all__: list[str] = []


@renders(SignallingResult, "dict")
def signalling_dict(res: SignallingResult) -> dict[str, Any]:
    """Signalling equilibria as JSON (schema ``gametheory.signalling/1``).

    ``title``, ``types``, ``prior``, ``messages``, ``actions``, ``exact``,
    ``note`` and ``equilibria``: each with ``kind`` (pooling, separating,
    partially pooling, hybrid), ``messages`` (type -> message, null for a
    type that mixes), ``responses`` (message -> action, null where the
    receiver mixes), ``sender`` (type -> message -> probability),
    ``receiver`` (message -> action -> probability), ``beliefs`` (message on the
    path -> type -> probability), ``off_path`` (message -> type ->
    ``[least, greatest]`` probability among the beliefs supporting the
    response), ``payoffs`` (type -> sender's payoff, and ``"receiver"``),
    ``intuitive`` and ``reason``.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.perfect_bayesian_equilibria(gt.textbook_game("beer-quiche")))
    >>> d["schema"], d["equilibria"][0]["off_path"]
    ('gametheory.signalling/1', {'quiche': {'weak': ['1/2', '1'], 'strong': ['0', '1/2']}})
    """
    g, ex = res.game, res.exact
    return {
        "schema": "gametheory.signalling/1",
        "title": g.title, "types": list(g.types),
        "prior": [json_num(p, ex) for p in g.prior],
        "messages": list(g.messages), "actions": list(g.actions), "exact": ex, "note": res.note,
        "equilibria": [{
            "kind": e.kind, "messages": e.messages, "responses": e.responses,
            "sender": {t: {m: json_num(q, ex) for m, q in d.items()} for t, d in e.sender.items()},
            "receiver": {m: {a: json_num(q, ex) for a, q in d.items()}
                         for m, d in e.receiver.items()},
            "beliefs": {m: {t: json_num(p, ex) for t, p in b.items()} for m, b in e.beliefs.items()},
            "off_path": {m: {t: [json_num(lo, ex), json_num(hi, ex)] for t, (lo, hi) in r.items()}
                         for m, r in e.off_path.items()},
            "payoffs": {k: json_num(v, ex) for k, v in e.payoffs.items()},
            "intuitive": e.intuitive, "reason": e.reason} for e in res.equilibria],
    }


@renders(SignallingResult, "table")
def signalling_table(res: SignallingResult) -> str:
    """Each equilibrium: who sends what, how the receiver answers, the beliefs that support it,
    and the Intuitive Criterion's verdict."""
    g, ex = res.game, res.exact
    prior = ", ".join(f"{t} {text_num(p, ex)}" for t, p in zip(g.types, g.prior))
    lines = [f"{g.title or 'signalling game'}: {g.sender} ({prior}) signals to {g.receiver}",
             f"{len(res.equilibria)} perfect Bayesian equilibri"
             f"{'um' if len(res.equilibria) == 1 else 'a'} ({res.note}):"]
    for k, e in enumerate(res.equilibria, 1):
        sends = ", ".join(f"{t} sends " + " or ".join(
            m if len(d) == 1 else f"{m} {text_num(q, ex)}" for m, q in d.items())
            for t, d in e.sender.items())
        answers = ", ".join(f"{m} -> " + " or ".join(
            a if len(d) == 1 else f"{a} {text_num(q, ex)}" for a, q in d.items())
            for m, d in e.receiver.items())
        lines.append(f"  {k}. {e.kind}: {sends}; {g.receiver} answers {answers}")
        for m, r in e.off_path.items():
            bounds = ", ".join(f"P({t}) in [{text_num(lo, ex)}, {text_num(hi, ex)}]"
                               for t, (lo, hi) in r.items())
            lines.append(f"     off the path, after {m}: beliefs with {bounds}")
        pay = ", ".join(f"{k2} {text_num(v, ex)}" for k2, v in e.payoffs.items())
        lines.append(f"     payoffs: {pay}")
        lines.append("     Intuitive Criterion: " + ("passes" if e.intuitive else f"fails: {e.reason}"))
    return "\n".join(lines) + "\n"
