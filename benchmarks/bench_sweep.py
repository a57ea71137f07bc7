"""Draws per second of the Monte Carlo sweep on the frozen `coordinated` model.

The target (issue 16): 10,000 draws in under a minute on 2 cores, i.e. about 170 draws per
second. Runs the same sweep serially, on a process pool of 1 and 2 workers, and on a Dask
LocalCluster of 2 worker processes (when dask.distributed is installed), checks that every run
gives the same result, and prints draws per second and the scaling.

    .venv/bin/python benchmarks/bench_sweep.py                 # 2,000 draws per run
    .venv/bin/python benchmarks/bench_sweep.py --samples 10000 # the target
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import gametheory as gt
from gametheory.crisis.executor import DaskExecutor, ProcessExecutor, SerialExecutor

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    model = gt.load_model(HERE / "models" / "coordinated.toml")
    runs = [("serial", SerialExecutor(), None), ("pool, 1 worker", ProcessExecutor(1), None),
            ("pool, 2 workers", ProcessExecutor(2), None)]
    cluster = client = None
    try:
        import distributed
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
        runs.append(("Dask LocalCluster, 2 workers", DaskExecutor(client), None))
    except ImportError:
        print("dask.distributed not installed: no LocalCluster run", file=sys.stderr)
    reference = None
    rows = []
    try:
        for name, executor, _ in runs:
            start = time.perf_counter()
            res = gt.sweep(model, samples=args.samples, seed=args.seed, executor=executor)
            elapsed = time.perf_counter() - start
            data = gt.to_dict(res)
            reference = reference or data
            same = data == reference
            rows.append((name, elapsed, args.samples / elapsed, same))
            print(f"{name:<32} {elapsed:8.1f} s  {args.samples / elapsed:8.1f} draws/s"
                  f"  same result: {'yes' if same else 'NO'}", file=sys.stderr)
    finally:
        if client is not None:
            client.close()
            cluster.close()
    base = rows[1][2]
    print(f"# sweep of the frozen coordinated model: {args.samples} draws, seed {args.seed}, "
          f"{os.cpu_count()} cores")
    print("| executor | seconds | draws/s | vs 1 worker | same result |")
    print("|---|---|---|---|---|")
    for name, elapsed, rate, same in rows:
        print(f"| {name} | {elapsed:.1f} | {rate:.1f} | {rate / base:.2f}x | {'yes' if same else 'no'} |")
    print(f"10,000 draws at the best rate: {10000 / max(r[2] for r in rows):.0f} s "
          "(target: under 60 s)")


if __name__ == "__main__":
    main()
