"""``gametheory repeated``: what repetition can sustain in a stage game."""

from __future__ import annotations

import argparse

from ..analysis.repeated import repeated_play
from ..report import render
from ._common import UsageError, add_arithmetic, add_format, add_output, emit, game_and_model


def add_parser(sub) -> None:
    r = sub.add_parser("repeated", help="minmax values, the folk theorem's set, discount thresholds",
                       description="The stage game played forever: each player's minmax values "
                                   "(pure, mixed, correlated), the feasible individually rational "
                                   "payoffs and, for a pure target profile, the least discount "
                                   "factor at which grim trigger (and a one-period punishment) "
                                   "sustains it.")
    r.add_argument("game", metavar="GAME",
                   help="the stage game: a Gambit .nfg file, a model or a bundled game's name")
    r.add_argument("--profile", metavar="A,B,...",
                   help="the target profile: one action name per player, comma-separated "
                        "(default: the model's [repeated] table, if any)")
    r.add_argument("--discount", metavar="DELTA",
                   help="also say whether the profile is sustained at this discount factor, "
                        "in (0, 1) (e.g. 0.9 or 9/10; default: the model's [repeated] table)")
    add_arithmetic(r, "rational arithmetic (default for rational payoffs)")
    add_format(r, ["table", "json"])
    add_output(r)


def run(args: argparse.Namespace) -> int:
    game, model = game_and_model(args.game)
    stage = model.repetition if model is not None else None
    profile = None
    if args.profile is not None:
        profile = [a.strip() for a in args.profile.split(",")]
    elif stage is not None and stage.profile:
        profile = list(stage.profile)
    elif args.discount is not None:
        raise UsageError("argument --discount needs --profile (the profile to sustain)")
    if args.discount is None and stage is not None and profile is not None:
        args.discount = stage.discount
    emit(render(repeated_play(game, profile, args.discount, exact=args.exact), args.format),
         args.output, args.format, model.sha256 if model is not None else None)
    return 0
