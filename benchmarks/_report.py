"""What the benchmark scripts share: call timeouts, number and table formatting, and the
description of the machine and the versions a run used.

Imported by the scripts in this folder (run as ``python benchmarks/bench_*.py``, so this
folder is on ``sys.path``).
"""

from __future__ import annotations

import math
import os
import platform
import signal
import statistics
import subprocess
import time
from typing import Any

import numpy as np

import gametheory as gt

__all__ = ["CallTimeout", "on_alarm", "HAVE_ALARM", "median_time", "fmt_time", "fmt_ratio", "render_table",
           "heading", "environment_lines"]


class CallTimeout(BaseException):
    """Raised by SIGALRM when one call exceeds its budget (BaseException: not swallowed by the
    solver under test)."""


def on_alarm(signum, frame):
    raise CallTimeout()


HAVE_ALARM = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


def median_time(func, repeat: int = 3) -> float:
    """The median wall time of ``repeat`` calls of ``func()``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fmt_time(t: float | None) -> str:
    if t is None:
        return "—"
    if t < 1e-3:
        return f"{t * 1e6:.0f} µs"
    if t < 1:
        return f"{t * 1e3:.3g} ms"
    return f"{t:.3g} s"


def fmt_ratio(r: float | None, bound: str = "") -> str:
    """A ratio as ``1.23×``; ``bound`` (``"≥"`` or ``"≤"``) marks a bound from a timeout."""
    if r is None or not math.isfinite(r) or r <= 0:
        return "—"
    s = f"{r:.3g}×" if r < 100 else f"{r:.0f}×"
    return bound + s


def render_table(header: list[str], rows: list[list[str]], markdown: bool, left: int = 1) -> str:
    """A table as Markdown or as aligned text (the first ``left`` columns left-aligned)."""
    if markdown:
        esc = [[c.replace("|", "\\|") for c in r] for r in [header] + rows]
        lines = ["| " + " | ".join(esc[0]) + " |",
                 "|" + "|".join("-" * (len(h) + 2) for h in esc[0]) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in esc[1:]]
        return "\n".join(lines)
    widths = [max(len(r[j]) for r in [header] + rows) for j in range(len(header))]

    def line(r):
        return "  ".join(c.ljust(widths[j]) if j < left else c.rjust(widths[j]) for j, c in enumerate(r))
    return "\n".join([line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in rows])


def heading(text: str, markdown: bool, level: int = 2) -> str:
    return ("#" * level + " " + text) if markdown else f"\n{text}\n{'=' * len(text)}"


def _git_state(path: str) -> str:
    try:
        sha = subprocess.run(["git", "-C", path, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", path, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return f"{sha}{' + uncommitted changes' if dirty else ''}" if sha else "not a git checkout"
    except Exception:  # noqa: BLE001
        return "unknown"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment_lines(peers: dict[str, Any | None]) -> list[str]:
    """The machine, its load, and the versions of numpy, scipy, sympy, this package and each
    peer (``None``: not installed)."""
    import scipy
    import sympy
    src = os.path.dirname(os.path.dirname(os.path.abspath(gt.__file__)))
    lines = [
        f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}",
        f"CPU: {_cpu_model()}; os.cpu_count() = {os.cpu_count()}"
        + (f", usable = {len(os.sched_getaffinity(0))}" if hasattr(os, "sched_getaffinity") else ""),
    ]
    if hasattr(os, "getloadavg"):
        lines.append("load average at start: " + ", ".join(f"{v:.2f}" for v in os.getloadavg()))
    lines.append(f"numpy {np.__version__}, scipy {scipy.__version__}, sympy {sympy.__version__}")
    lines.append(f"gametheory {gt.__version__} from {src} (git {_git_state(src)})")
    for name, module in peers.items():
        lines.append(f"{name} {getattr(module, '__version__', '?')}" if module is not None
                     else f"{name}: not installed")
    if os.environ.get("OPENBLAS_CORETYPE"):
        lines.append(f"OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']}")
    return lines
