#!/usr/bin/env python3
"""Graph-model stability analysis at scale: 9, 12 and 15 options (up to 32,768 states).

The target (issue: conflict analysis) is a conflict with 15 options analysed in seconds.
Three decision makers with equal shares of the options; each ranks states by six random
prioritised statements.  Nothing is asserted; a Markdown table is printed.

Usage::

    python benchmarks/bench_conflict.py
"""

from __future__ import annotations

import time

import numpy as np

from gametheory.conflict import ConflictModel, analyse


def main() -> None:
    rng = np.random.default_rng(0)
    print("| options | states | build | analyse (Nash, GMR, SMR, SEQ) | coalition of two |")
    print("|---|---|---|---|---|")
    for per in (3, 4, 5):
        m = 3 * per
        dms = [(f"D{i}", [f"o{per * i + j}" for j in range(per)]) for i in range(3)]
        statements = {name: [" & ".join(rng.choice([f"o{j}", f"-o{j}"])
                                        for j in rng.choice(m, 2, replace=False)) for _ in range(6)]
                      for name, _ in dms}
        start = time.perf_counter()
        model = ConflictModel(dms, statements=statements)
        build = time.perf_counter() - start
        start = time.perf_counter()
        analyse(model)
        single = time.perf_counter() - start
        start = time.perf_counter()
        analyse(model, "D0+D1")
        joint = time.perf_counter() - start
        print(f"| {m} | {len(model.states):,} | {build:.2f} s | {single:.2f} s | {joint:.2f} s |")


if __name__ == "__main__":
    main()
