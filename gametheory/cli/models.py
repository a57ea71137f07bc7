"""``gametheory models``: the bundled games and models."""

from __future__ import annotations

import argparse
import sys

from ..io import bundled_games


def add_parser(sub) -> None:
    sub.add_parser("models", help="list the bundled games",
                   description="List the bundled games that GAME may name.")


def run(args: argparse.Namespace) -> int:
    for name, title in bundled_games().items():
        sys.stdout.write(f"{name}\t{title}\n")
    return 0
