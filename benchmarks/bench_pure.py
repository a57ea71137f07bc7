#!/usr/bin/env python3
"""Time ``pure`` on a large n-player game against one numpy pass over its payoff arrays.

The target (issue: n-player equilibria) is ``pure`` on 10^6 profiles within 3x of one pass of
``max`` over every player's payoff array.  Nothing is asserted; the ratio is printed.

Usage::

    python benchmarks/bench_pure.py                    # 6 players x 10 actions, exact and float
    python benchmarks/bench_pure.py --players 5 --actions 12 --repeat 9
"""

from __future__ import annotations

import argparse

import numpy as np

import gametheory as gt

from _report import median_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--players", type=int, default=6)
    parser.add_argument("--actions", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    shape = (args.actions,) * args.players
    arrays = [rng.integers(0, 100, shape) for _ in range(args.players)]
    print(f"{args.players} players x {args.actions} actions = {int(np.prod(shape)):,} profiles, "
          f"payoffs 0..99, seed {args.seed}; median of {args.repeat} runs")
    for label, game in (("exact", gt.NormalFormGame(arrays)),
                        ("float", gt.NormalFormGame([a.astype(float) for a in arrays]))):
        base = median_time(lambda: [u.max(axis=i) for i, u in enumerate(game.payoffs)], args.repeat)
        gt.solve_pure(game)                     # warm the cached arrays
        ours = median_time(lambda: gt.solve_pure(game), args.repeat)
        found = len(gt.solve_pure(game).equilibria)
        print(f"  {label}: pure {ours * 1e3:.1f} ms ({found} equilibria), one numpy max pass "
              f"{base * 1e3:.1f} ms, ratio {ours / base:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
