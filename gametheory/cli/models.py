"""``gametheory models``: every bundled game, model and conflict, with its kind."""

from __future__ import annotations

import argparse
import sys

from ..io import bundled_catalogue


def add_parser(sub) -> None:
    sub.add_parser("models", help="list the bundled games, models and conflicts",
                   description="List every bundled name a command may take, one per line: name, "
                               "title, kind. Kinds: 'game' (strategic form) and 'tree' (a game "
                               "tree) are read by solve and the other game commands; 'model' (a "
                               "crisis model) by show, compare and sweep too; 'conflict' (a graph "
                               "model) by conflict.")


def run(args: argparse.Namespace) -> int:
    for name, (kind, title) in bundled_catalogue().items():
        sys.stdout.write(f"{name}\t{title}\t{kind}\n")     # (the kind came later: last)
    return 0
