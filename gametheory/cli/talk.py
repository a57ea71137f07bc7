"""``gametheory talk``: what a round of cheap talk before a game can coordinate."""

from __future__ import annotations

import argparse

from ..analysis.cheap_talk import talk_outcomes
from ..report import render
from ._common import add_arithmetic, add_format, add_output, emit, game_and_model


def add_parser(sub) -> None:
    t = sub.add_parser("talk", help="what cheap talk before a game can coordinate",
                       description="Put one round of simultaneous, costless messages in front of "
                                   "a game and list the outcomes of the subgame-perfect "
                                   "equilibria of the game with talk, beside the game's own "
                                   "equilibria.")
    t.add_argument("game", metavar="GAME", help="a Gambit .nfg file, a model or a bundled game's name")
    t.add_argument("--messages", metavar="M1,M2,...",
                   help="the messages each sender may send, comma-separated (default: the "
                        "model's [talk] table, else yes,no)")
    t.add_argument("--senders", metavar="P1,P2,...",
                   help="the players who talk, comma-separated (default: the model's [talk] "
                        "table, else every player)")
    add_arithmetic(t, "rational arithmetic (default for rational payoffs)")
    add_format(t, ["table", "json"])
    add_output(t)


def run(args: argparse.Namespace) -> int:
    game, model = game_and_model(args.game)
    stage = model.talk if model is not None else None
    messages = [m.strip() for m in args.messages.split(",")] if args.messages else \
        list(stage.messages) if stage else ["yes", "no"]
    senders = [s.strip() for s in args.senders.split(",")] if args.senders else \
        list(stage.senders) if stage else None
    analysis = talk_outcomes(game, messages, senders, exact=args.exact)
    emit(render(analysis, args.format), args.output, args.format,
         model.sha256 if model is not None else None)
    return 0
