#!/usr/bin/env python3
"""Time the command line's start-up against importing numpy, in fresh processes.

The target (issue: speed) is ``gametheory --help`` within 2x of ``python -c "import numpy"``.
Each command runs ``--repeat`` times in a new interpreter; the median wall time of each is
printed with its ratio to ``import numpy``.  Nothing is asserted.

Usage::

    python benchmarks/bench_startup.py               # 9 runs each
    python benchmarks/bench_startup.py --repeat 21
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

CLI = [sys.executable, "-m", "gametheory"]
COMMANDS = {
    'python -c "import numpy"': [sys.executable, "-c", "import numpy"],
    "python -c \"import gametheory\"": [sys.executable, "-c", "import gametheory"],
    "gametheory --help": CLI + ["--help"],
    "gametheory solve --help": CLI + ["solve", "--help"],
    "gametheory solve chicken": CLI + ["solve", "chicken"],
}


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   cwd=Path(__file__).resolve().parent.parent)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    times = {name: [] for name in COMMANDS}
    for _ in range(args.repeat):                  # interleaved, so that load affects all alike
        for name, command in COMMANDS.items():
            times[name].append(wall(command))
    base = statistics.median(times['python -c "import numpy"'])
    print(f"median of {args.repeat} runs each, Python {sys.version.split()[0]}")
    print("| command | time | ratio to `import numpy` |")
    print("|---|---|---|")
    for name, values in times.items():
        t = statistics.median(values)
        print(f"| `{name}` | {t * 1000:.0f} ms | {t / base:.2f} |")


if __name__ == "__main__":
    main()
