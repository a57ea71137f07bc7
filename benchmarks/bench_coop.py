#!/usr/bin/env python3
"""Cooperative games at scale: the Shapley value for 20 players, the nucleolus for 12.

The targets (issue: cooperative games) are the Shapley value of a 20-player game
(2^20 = 1,048,576 coalitions) vectorised, in seconds, and the nucleolus of a 12-player game.
Nothing is asserted; times are printed (median of a few runs) as a Markdown table.

Usage::

    python benchmarks/bench_coop.py
"""

from __future__ import annotations


import numpy as np

import gametheory as gt

from _report import median_time
from gametheory.coop.tu import popcount


def game(n: int, seed: int, exact: bool) -> gt.TUGame:
    """Worth: the square of the coalition's size plus random integer noise 0..19 (essential,
    usually with a non-empty core)."""
    rng = np.random.default_rng(seed)
    sizes = popcount(np.arange(1 << n))
    values = sizes ** 2 * 5 + rng.integers(0, 20, size=1 << n)
    values[0] = 0
    values = values if exact else values.astype(float)
    return gt.TUGame([f"p{i}" for i in range(n)], values)


def main() -> None:
    print("| task | players | coalitions | exact | median time |")
    print("|---|---|---|---|---|")
    for n in (16, 20):
        for exact in (True, False):
            g = game(n, n, exact)
            t = median_time(lambda g=g: gt.shapley_value(g))
            print(f"| Shapley value | {n} | {1 << n:,} | {exact} | {t:.2f} s |")
    for n in (20,):
        g = game(n, n, True)
        t = median_time(lambda g=g: gt.banzhaf_value(g))
        print(f"| Banzhaf value | {n} | {1 << n:,} | True | {t:.2f} s |")
    for n in (8, 10, 12, 16):
        for exact in (True, False):
            g = game(n, n, exact)
            t_lc = median_time(lambda g=g: gt.least_core(g))
            t_nu = median_time(lambda g=g: gt.nucleolus(g))
            print(f"| least core | {n} | {1 << n:,} | {exact} | {t_lc:.2f} s |")
            print(f"| nucleolus | {n} | {1 << n:,} | {exact} | {t_nu:.2f} s |")


if __name__ == "__main__":
    main()
