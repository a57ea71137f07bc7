#!/usr/bin/env python3
"""Time gametheory's two-player solvers against nashpy, pygambit and QuantEcon.

Every solver runs in this one process, in one run, on the same seeded random
games (square, integer payoffs 0..99 drawn with ``numpy.random.default_rng``;
game ``i`` of size ``n`` uses seed ``100 * n + i``).  For each solver and size
the script prints the median time per game (each game's time is the median of
up to ``--repeat`` runs), the ratio of each peer's time to ours, and whether the
equilibrium sets agree.  Peers that are not installed are skipped with a note.

Nothing is asserted: the targets at the end are reported as met or missed.

Usage::

    python benchmarks/bench_two_player.py                 # default run (< 10 min on 2 cores)
    python benchmarks/bench_two_player.py --quick         # smoke test, a few seconds
    python benchmarks/bench_two_player.py --markdown      # tables as Markdown
    python benchmarks/bench_two_player.py --sizes 6 8 --games 2 --repeat 3

See ``benchmarks/README.md`` for how to install the peers.
"""

from __future__ import annotations

import argparse
import gc
import signal
import statistics
import sys
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

try:
    import resource
except ImportError:  # pragma: no cover - not on POSIX
    resource = None

import gametheory as gt

from _report import (HAVE_ALARM, CallTimeout, environment_lines, fmt_ratio, fmt_time, heading,
                     on_alarm, render_table)

# --------------------------------------------------------------------------- peers

PEERS: dict[str, Any] = {}
PEER_NOTES: list[str] = []

try:
    import nashpy
    PEERS["nashpy"] = nashpy
except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
    PEER_NOTES.append(f"nashpy not available ({type(exc).__name__}: {exc}); its rows are skipped")

try:
    import pygambit
    PEERS["pygambit"] = pygambit
except Exception as exc:  # noqa: BLE001
    PEER_NOTES.append(f"pygambit not available ({type(exc).__name__}: {exc}); its rows are skipped")

try:
    import quantecon
    import quantecon.game_theory as qe_gt
    PEERS["quantecon"] = quantecon
except Exception as exc:  # noqa: BLE001
    PEER_NOTES.append(f"quantecon not available ({type(exc).__name__}: {exc}); its rows are skipped")

TOL = 1e-6          # agreement tolerance on probabilities
PAYOFF_HIGH = 100   # payoffs are integers in [0, PAYOFF_HIGH)

Profile = tuple[np.ndarray, np.ndarray]


# --------------------------------------------------------------------------- solvers

@dataclass
class Solver:
    key: str                 # short id used on the command line
    label: str               # row label in the tables
    lib: str                 # "gametheory" or a peer's name
    kind: str                # "all" (every (extreme) equilibrium) or "one" (a single path)
    prepare: Callable[[np.ndarray, np.ndarray], Any]   # untimed: build the library's game object
    run: Callable[[Any], Any]                          # timed
    extract: Callable[[Any, Any], list[Profile]]       # untimed: result -> float profiles
    max_size: int | None = None                        # default cap (None: no cap)
    ours: bool = False


def _as_profile(x, y) -> Profile:
    return np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()


def _gt_prepare(A, B):
    return gt.NormalFormGame.from_bimatrix(A, B)   # int64 arrays -> exact Python ints


def _gt_extract(_game, res) -> list[Profile]:
    return [_as_profile([float(v) for v in eq.strategies[0]], [float(v) for v in eq.strategies[1]])
            for eq in res.equilibria]


def _nashpy_extract_many(_game, res) -> list[Profile]:
    return [_as_profile(x, y) for x, y in res]


def _nashpy_extract_one(_game, res) -> list[Profile]:
    return [_as_profile(*res)]


def _gambit_prepare(A, B):
    return pygambit.StrategicGame.from_arrays(A, B)


def _gambit_extract(game, res) -> list[Profile]:
    out = []
    players = list(game.players)
    for prof in res.equilibria:
        # Iterating a MixedStrategy gives (strategy label, probability) in strategy order.
        x = [float(v) for _, v in prof[players[0]]]
        y = [float(v) for _, v in prof[players[1]]]
        out.append(_as_profile(x, y))
    return out


def _qe_prepare(A, B):
    return qe_gt.NormalFormGame((qe_gt.Player(A), qe_gt.Player(B.T)))


def _qe_extract_many(_game, res) -> list[Profile]:
    return [_as_profile(x, y) for x, y in res]


def _qe_extract_one(_game, res) -> list[Profile]:
    return [_as_profile(*res)]


def build_solvers() -> list[Solver]:
    S: list[Solver] = [
        Solver("gt-vertex-exact", "gametheory vertex (exact)", "gametheory", "all", _gt_prepare,
               lambda g: gt.solve_vertex(g, exact=True), _gt_extract, ours=True),
        Solver("gt-vertex-float", "gametheory vertex (float)", "gametheory", "all", _gt_prepare,
               lambda g: gt.solve_vertex(g, exact=False), _gt_extract, ours=True),
        Solver("gt-support-exact", "gametheory support (exact)", "gametheory", "all", _gt_prepare,
               lambda g: gt.solve_support(g, exact=True), _gt_extract, max_size=10, ours=True),
        Solver("gt-support-float", "gametheory support (float)", "gametheory", "all", _gt_prepare,
               lambda g: gt.solve_support(g, exact=False), _gt_extract, max_size=10, ours=True),
        Solver("gt-lh-exact", "gametheory Lemke-Howson label 0 (exact)", "gametheory", "one",
               _gt_prepare, lambda g: gt.solve_lemke_howson(g, labels=[0], exact=True), _gt_extract,
               ours=True),
        Solver("gt-lh-float", "gametheory Lemke-Howson label 0 (float)", "gametheory", "one",
               _gt_prepare, lambda g: gt.solve_lemke_howson(g, labels=[0], exact=False), _gt_extract,
               ours=True),
    ]
    if "nashpy" in PEERS:
        S += [
            Solver("nashpy-support", "nashpy support_enumeration", "nashpy", "all",
                   lambda A, B: nashpy.Game(A, B), lambda g: list(g.support_enumeration()),
                   _nashpy_extract_many, max_size=8),
            Solver("nashpy-vertex", "nashpy vertex_enumeration", "nashpy", "all",
                   lambda A, B: nashpy.Game(A, B), lambda g: list(g.vertex_enumeration()),
                   _nashpy_extract_many, max_size=8),
            Solver("nashpy-lh", "nashpy lemke_howson label 0", "nashpy", "one",
                   lambda A, B: nashpy.Game(A, B), lambda g: g.lemke_howson(initial_dropped_label=0),
                   _nashpy_extract_one),
        ]
    if "pygambit" in PEERS:
        S += [
            Solver("gambit-enummixed-float", "pygambit enummixed (float)", "pygambit", "all",
                   _gambit_prepare, lambda g: pygambit.nash.enummixed_solve(g, rational=False),
                   _gambit_extract, max_size=12),
            Solver("gambit-enummixed-rational", "pygambit enummixed (rational)", "pygambit", "all",
                   _gambit_prepare, lambda g: pygambit.nash.enummixed_solve(g, rational=True),
                   _gambit_extract, max_size=10),
            Solver("gambit-lcp-float", "pygambit lcp stop_after=1 (float)", "pygambit", "one",
                   _gambit_prepare,
                   lambda g: pygambit.nash.lcp_solve(g, rational=False, stop_after=1),
                   _gambit_extract),
            Solver("gambit-lcp-rational", "pygambit lcp stop_after=1 (rational)", "pygambit", "one",
                   _gambit_prepare,
                   lambda g: pygambit.nash.lcp_solve(g, rational=True, stop_after=1),
                   _gambit_extract),
        ]
    if "quantecon" in PEERS:
        S += [
            Solver("qe-vertex", "quantecon vertex_enumeration", "quantecon", "all", _qe_prepare,
                   lambda g: qe_gt.vertex_enumeration(g), _qe_extract_many),
            Solver("qe-lh", "quantecon lemke_howson init_pivot=0", "quantecon", "one", _qe_prepare,
                   lambda g: qe_gt.lemke_howson(g, init_pivot=0), _qe_extract_one),
        ]
    return S


# --------------------------------------------------------------------------- timing

def call_with_timeout(fn: Callable[[], Any], timeout: float) -> tuple[float, Any]:
    """Run ``fn`` once and return (seconds, result).

    The timeout interrupts Python code (nashpy); compiled code (pygambit,
    numba) is interrupted only when it returns to Python, after which the call
    is still reported as timed out.
    """
    if HAVE_ALARM and timeout > 0:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        t0 = time.perf_counter()
        res = fn()
        dt = time.perf_counter() - t0
    finally:
        if HAVE_ALARM and timeout > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
    if timeout > 0 and dt > timeout:
        raise CallTimeout()
    return dt, res


@dataclass
class Record:
    """One solver on one game."""
    seed: int
    status: str = "ok"          # ok | timeout | error | skipped
    times: list[float] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    error: str = ""
    degenerate: bool | None = None   # from gametheory's vertex result, where it ran

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def measure(solver: Solver, obj: Any, seed: int, repeat: int, repeat_budget: float,
            timeout: float) -> Record:
    rec = Record(seed)
    res = None
    gc.collect()
    for _ in range(repeat):
        try:
            dt, res = call_with_timeout(lambda: solver.run(obj), timeout)
        except CallTimeout:
            rec.status, rec.times = "timeout", []
            return rec
        except MemoryError as exc:
            rec.status, rec.error = "error", f"MemoryError: {str(exc)[:160]}"
            return rec
        except Exception as exc:  # noqa: BLE001 - report and carry on
            rec.status, rec.error = "error", f"{type(exc).__name__}: {str(exc)[:160]}"
            return rec
        rec.times.append(dt)
        if sum(rec.times) >= repeat_budget:
            break
    try:
        rec.profiles = solver.extract(obj, res)
    except Exception as exc:  # noqa: BLE001
        rec.status, rec.error = "error", f"reading the result: {type(exc).__name__}: {exc}"
    if solver.key == "gt-vertex-exact" and res is not None:
        rec.degenerate = res.degenerate
    return rec


# --------------------------------------------------------------------------- games and checks

def make_game(n: int, i: int) -> tuple[int, np.ndarray, np.ndarray]:
    seed = 100 * n + i
    rng = np.random.default_rng(seed)
    A = rng.integers(0, PAYOFF_HIGH, size=(n, n))
    B = rng.integers(0, PAYOFF_HIGH, size=(n, n))
    return seed, A, B


def _close(p: Profile, q: Profile, tol: float = TOL) -> bool:
    return (p[0].shape == q[0].shape and p[1].shape == q[1].shape
            and bool(np.all(np.abs(p[0] - q[0]) <= tol)) and bool(np.all(np.abs(p[1] - q[1]) <= tol)))


def dedupe(profiles: list[Profile]) -> list[Profile]:
    out: list[Profile] = []
    for p in profiles:
        if not any(_close(p, q) for q in out):
            out.append(p)
    return out


def compare_sets(ref: list[Profile], other: list[Profile]) -> tuple[list[Profile], list[Profile]]:
    """(in ref but not in other, in other but not in ref), up to TOL per probability."""
    ref, other = dedupe(ref), dedupe(other)
    missing = [p for p in ref if not any(_close(p, q) for q in other)]
    extra = [q for q in other if not any(_close(p, q) for p in ref)]
    return missing, extra


def is_equilibrium(p: Profile, A: np.ndarray, B: np.ndarray, tol: float = TOL) -> bool:
    x, y = p
    if x.shape != (A.shape[0],) or y.shape != (A.shape[1],):
        return False
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return False
    if np.any(x < -tol) or np.any(y < -tol) or abs(x.sum() - 1) > tol or abs(y.sum() - 1) > tol:
        return False
    Af, Bf = A.astype(float), B.astype(float)
    scale = max(1.0, float(np.max(np.abs(Af))), float(np.max(np.abs(Bf))))
    regret_row = float(np.max(Af @ y) - x @ Af @ y)
    regret_col = float(np.max(x @ Bf) - x @ Bf @ y)
    return max(regret_row, regret_col) <= tol * scale


def fmt_profile(p: Profile) -> str:
    def one(v: np.ndarray) -> str:
        if not np.all(np.isfinite(v)):
            return "[" + ", ".join(f"{a:.3g}" for a in v) + "]"
        return "{" + ", ".join(f"{j}:{a:.4f}" for j, a in enumerate(v) if abs(a) > TOL) + "}"
    return f"({one(p[0])}, {one(p[1])})"


# --------------------------------------------------------------------------- main

def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[6, 8, 10, 12, 16],
                   help="square game sizes n (n x n)")
    p.add_argument("--games", type=int, default=3, help="seeded games per size")
    p.add_argument("--repeat", type=int, default=5,
                   help="runs per (solver, game); the game's time is their median")
    p.add_argument("--repeat-budget", type=float, default=1.0,
                   help="stop repeating a (solver, game) once its runs add up to this many seconds")
    p.add_argument("--timeout", type=float, default=30.0,
                   help="seconds one call may take; an enumerator that times out is skipped for the "
                        "rest of its size and for larger sizes (0: no timeout)")
    p.add_argument("--path-timeout", type=float, default=5.0,
                   help="timeout for the single-equilibrium (path-following) methods, which take "
                        "milliseconds unless they cycle (nashpy's lemke_howson can loop forever)")
    p.add_argument("--cap", action="append", default=[], metavar="SOLVER=N",
                   help="run SOLVER only up to size N (N=0: never; 'none': no cap); repeatable. "
                        "Default caps: gt-support-*=10, nashpy-support=8, nashpy-vertex=8, "
                        "gambit-enummixed-float=12, gambit-enummixed-rational=10 (see --list)")
    p.add_argument("--only", nargs="+", metavar="SOLVER", help="run only these solvers (keys)")
    p.add_argument("--memory-limit", type=float, default=16.0,
                   help="address-space limit in GiB for this process, so a runaway allocation "
                        "fails as MemoryError instead of exhausting the machine (0: none)")
    p.add_argument("--quick", action="store_true",
                   help="smoke test: sizes 4 6, 1 game, 1 repeat, caps 6")
    p.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    p.add_argument("--list", action="store_true", help="list the solver keys and default caps, then exit")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    warnings.simplefilter("ignore")   # nashpy warns on even equilibrium counts, numba on first use
    md = args.markdown
    solvers = build_solvers()

    if args.quick:
        args.sizes, args.games, args.repeat = [4, 6], 1, 1
        for s in solvers:
            s.max_size = 6 if s.max_size is None else min(s.max_size, 6)
    for spec in args.cap:
        key, _, val = spec.partition("=")
        matched = [s for s in solvers if s.key == key or (key.endswith("*") and s.key.startswith(key[:-1]))]
        if not matched:
            sys.exit(f"--cap: unknown solver {key!r} (see --list)")
        for s in matched:
            s.max_size = None if val.strip().lower() == "none" else int(val)
    if args.only:
        unknown = set(args.only) - {s.key for s in solvers}
        if unknown:
            sys.exit(f"--only: unknown solver(s) {sorted(unknown)} (see --list)")
        solvers = [s for s in solvers if s.key in args.only]
    if args.list:
        for s in solvers:
            print(f"{s.key:28s} {s.kind:4s} cap={s.max_size}  {s.label}")
        return 0
    if not HAVE_ALARM and args.timeout > 0:
        PEER_NOTES.append("no SIGALRM on this platform: --timeout only flags slow calls afterwards")

    if resource is not None and args.memory_limit > 0:
        limit = int(args.memory_limit * 2 ** 30)
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard == resource.RLIM_INFINITY or hard > limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError) as exc:
            PEER_NOTES.append(f"could not set the memory limit: {exc}")

    if HAVE_ALARM:
        signal.signal(signal.SIGALRM, on_alarm)

    out: list[str] = []
    def emit(s: str = "") -> None:
        out.append(s)
        print(s, flush=True)

    emit(heading("Two-player solver benchmark", md, 1))
    emit()
    peers = {name: PEERS.get(name) for name in ("nashpy", "pygambit", "quantecon")}
    if "quantecon" in PEERS:
        try:
            import numba
            peers["numba"] = numba
        except Exception:  # noqa: BLE001
            pass
    for line in environment_lines(peers):
        emit(("- " if md else "  ") + line)
    for note in PEER_NOTES:
        emit(("- " if md else "  ") + "NOTE: " + note)
    emit()
    caps = ", ".join(f"{s.key}≤{s.max_size}" for s in solvers if s.max_size is not None) or "none"
    emit(f"Games: n×n for n in {args.sizes}, {args.games} per size, payoffs integers 0..{PAYOFF_HIGH - 1} "
         f"(seed = 100·n + i). Each game's time is the median of up to {args.repeat} runs "
         f"(fewer once the runs add up to {args.repeat_budget:g} s); building the library's game "
         f"object is not timed. Timeout per call: {args.timeout:g} s for the enumerators, "
         f"{args.path_timeout:g} s for the single-equilibrium methods. Size caps: {caps}.")
    emit()

    # Warm-up: numba compiles quantecon's routines on first call; others load lazily too.
    _, A0, B0 = make_game(3, 0)
    for s in solvers:
        try:
            obj = s.prepare(A0, B0)
            s.extract(obj, s.run(obj))
        except Exception as exc:  # noqa: BLE001
            emit(f"warm-up of {s.key} failed: {type(exc).__name__}: {exc}")

    # results[key][n] -> list[Record]
    results: dict[str, dict[int, list[Record]]] = {s.key: {} for s in solvers}
    skip_from: dict[str, int] = {}          # enumerator timed out at this size: skip it and larger
    games: dict[int, list[tuple[int, np.ndarray, np.ndarray]]] = {}
    t_start = time.perf_counter()
    for n in args.sizes:
        games[n] = [make_game(n, i) for i in range(args.games)]
        for s in solvers:
            recs: list[Record] = []
            for seed, A, B in games[n]:
                if (s.max_size is not None and n > s.max_size) or (s.key in skip_from and n >= skip_from[s.key]):
                    recs.append(Record(seed, status="skipped"))
                    continue
                obj = s.prepare(A, B)
                timeout = args.timeout if s.kind == "all" else args.path_timeout
                rec = measure(s, obj, seed, args.repeat, args.repeat_budget, timeout)
                recs.append(rec)
                if rec.status == "timeout" and s.kind == "all":
                    skip_from[s.key] = n
            results[s.key][n] = recs
            if True:   # progress on stderr, so that --markdown > file keeps only the report
                ok = [r.median for r in recs if r.status == "ok"]
                state = fmt_time(statistics.median(ok)) if ok else ",".join(sorted({r.status for r in recs}))
                print(f"  [{time.perf_counter() - t_start:7.1f} s] {n:>2}x{n:<2} {s.key:28s} {state}",
                      file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t_start

    by_key = {s.key: s for s in solvers}

    def tmo(key: str) -> float:
        return args.timeout if by_key[key].kind == "all" else args.path_timeout

    def cell_time(key: str, n: int) -> str:
        recs = results[key].get(n, [])
        ok = [r.median for r in recs if r.status == "ok"]
        bad = [r for r in recs if r.status in ("timeout", "error")]
        if not recs or all(r.status == "skipped" for r in recs):
            return "—"
        if not ok:
            kinds = sorted({r.status for r in bad})
            if kinds == ["timeout"]:
                return f">{tmo(key):g} s"
            return "/".join("error" if k == "error" else f">{tmo(key):g} s" for k in kinds)
        s = fmt_time(statistics.median(ok))
        if bad:
            nt = sum(r.status == "timeout" for r in bad)
            ne = sum(r.status == "error" for r in bad)
            extra = ([f"{nt} t/o"] if nt else []) + ([f"{ne} err"] if ne else [])
            s += f" ({', '.join(extra)})"
        return s

    def med(key: str, n: int) -> float | None:
        ok = [r.median for r in results.get(key, {}).get(n, []) if r.status == "ok"]
        return statistics.median(ok) if ok else None

    def all_timed_out(key: str, n: int) -> bool:
        recs = [r for r in results.get(key, {}).get(n, []) if r.status != "skipped"]
        return bool(recs) and all(r.status == "timeout" for r in recs)

    # ---- degeneracy and equilibrium counts, from our exact vertex enumeration
    ref_keys = [k for k in ("gt-vertex-exact", "gt-support-exact", "gambit-enummixed-rational",
                            "gt-vertex-float", "gambit-enummixed-float") if k in results]

    def reference(n: int, i: int) -> tuple[str | None, list[Profile] | None]:
        for k in ref_keys:
            r = results[k][n][i]
            if r.status == "ok":
                return k, r.profiles
        return None, None

    emit(heading("Games", md))
    emit()
    rows = []
    for n in args.sizes:
        descr = []
        for i, (seed, A, B) in enumerate(games[n]):
            rk, ref = reference(n, i)
            deg = results.get("gt-vertex-exact", {}).get(n, [Record(seed)] * args.games)[i].degenerate
            if deg is None:
                try:
                    deg = gt.is_degenerate(gt.NormalFormGame.from_bimatrix(A, B))
                except Exception:  # noqa: BLE001
                    deg = None
            neq = "?" if ref is None else str(len(dedupe(ref)))
            descr.append(f"{seed}: {neq} eq" + (", degenerate" if deg else "" if deg is not None else ", degenerate?"))
        rows.append([f"{n}×{n}", "; ".join(descr)])
    emit(render_table(["size", "seed: equilibria (extreme, from the reference solver)"], rows, md, left=2))
    emit()

    # ---- median times
    emit(heading("Median time per game", md))
    emit()
    header = ["solver"] + [f"{n}×{n}" for n in args.sizes]
    rows = [[s.label] + [cell_time(s.key, n) for n in args.sizes] for s in solvers]
    emit(render_table(header, rows, md))
    emit()
    emit("— = not run (size cap, or skipped after a timeout at a smaller size); "
         "> = timed out (every game run); t/o, err = games that timed out or failed.")
    emit()

    # ---- ratios
    ours_all = [k for k in ("gt-vertex-exact", "gt-vertex-float") if k in by_key]
    ours_one = [k for k in ("gt-lh-exact", "gt-lh-float") if k in by_key]
    peers_all = [s.key for s in solvers if not s.ours and s.kind == "all"]
    peers_one = [s.key for s in solvers if not s.ours and s.kind == "one"]
    pairs = [(o, p) for o in ours_all for p in peers_all] + [(o, p) for o in ours_one for p in peers_one]
    if pairs:
        emit(heading("Ratios: peer time / our time (above 1: gametheory is faster)", md))
        emit()
        rows = []
        for o, p in pairs:
            row = [f"{by_key[p].label} / {by_key[o].label.replace('gametheory ', '')}"]
            for n in args.sizes:
                mo, mp = med(o, n), med(p, n)
                if mo and mp:
                    row.append(fmt_ratio(mp / mo))
                elif mo and all_timed_out(p, n):
                    row.append(fmt_ratio(tmo(p) / mo, "≥"))
                else:
                    row.append("—")
            rows.append(row)
        emit(render_table(["peer / ours"] + [f"{n}×{n}" for n in args.sizes], rows, md))
        emit()

    # ---- agreement
    emit(heading("Agreement of equilibrium sets", md))
    emit()
    fallback = ", ".join(by_key[k].label for k in ref_keys[1:])
    emit(f"All-equilibria methods are compared with the reference ({by_key[ref_keys[0]].label if ref_keys else 'none run'}"
         + (f"; where it failed, the first of: {fallback}" if fallback else "")
         + f") as sets of float profiles, probabilities within "
         f"{TOL:g}. Single-equilibrium methods: is the result an equilibrium (regret ≤ {TOL:g}·max "
         f"payoff), and is it in the reference set? Cells count games.")
    emit()
    details: list[str] = []
    rows = []
    for s in solvers:
        row = [s.label]
        for n in args.sizes:
            agree = total = in_set = is_eq = 0
            for i, rec in enumerate(results[s.key][n]):
                if rec.status != "ok":
                    continue
                seed, A, B = games[n][i]
                rk, ref = reference(n, i)
                deg = results.get("gt-vertex-exact", {}).get(n, [Record(seed)] * args.games)[i].degenerate
                tag = f"{n}×{n} seed {seed}{' (degenerate)' if deg else ''}"
                if s.kind == "all":
                    if ref is None or rk == s.key:
                        continue
                    total += 1
                    missing, extra = compare_sets(ref, rec.profiles)
                    if not missing and not extra:
                        agree += 1
                    else:
                        msg = (f"{tag}: {s.label} vs {by_key[rk].label}: found "
                               f"{len(dedupe(rec.profiles))} of {len(dedupe(ref))}; missing {len(missing)}, "
                               f"extra {len(extra)}")
                        shown = [f"    missing {fmt_profile(p)}"
                                 + ("  [an equilibrium]" if is_equilibrium(p, A, B) else "  [NOT an equilibrium]")
                                 for p in missing[:3]]
                        shown += [f"    extra   {fmt_profile(p)}"
                                  + ("" if is_equilibrium(p, A, B) else "  [not an equilibrium]")
                                  for p in extra[:3]]
                        if len(missing) > 3 or len(extra) > 3:
                            shown.append("    ...")
                        details.append("\n".join([msg] + shown))
                else:
                    total += 1
                    prof = rec.profiles[0] if rec.profiles else None
                    ok_eq = prof is not None and is_equilibrium(prof, A, B)
                    inside = prof is not None and ref is not None and any(_close(prof, q) for q in ref)
                    is_eq += ok_eq
                    in_set += inside
                    if not ok_eq or not inside:
                        what = "not an equilibrium" if not ok_eq else "an equilibrium not in the reference set"
                        details.append(f"{tag}: {s.label} returned {what}: "
                                       f"{fmt_profile(prof) if prof is not None else 'nothing'}")
            bad = [r for r in results[s.key][n] if r.status in ("timeout", "error")]
            for r in bad:
                if r.status == "error":
                    details.append(f"{n}×{n} seed {r.seed}: {s.label} failed: {r.error}")
                else:
                    details.append(f"{n}×{n} seed {r.seed}: {s.label} timed out (>{tmo(s.key):g} s)")
            nt = sum(r.status == "timeout" for r in bad)
            ne = sum(r.status == "error" for r in bad)
            note = ", ".join(([f"{nt} t/o"] if nt else []) + ([f"{ne} err"] if ne else []))
            if total == 0:
                cell = "ref" if s.key in ref_keys[:1] else "—"
            elif s.kind == "all":
                cell = f"{agree}/{total}" + ("" if agree == total else " ✗")
            else:
                cell = f"NE {is_eq}/{total}, in set {in_set}/{total}" + ("" if is_eq == total == in_set else " ✗")
            row.append(cell if not note else (note if cell == "—" else f"{cell} ({note})"))
        rows.append(row)
    emit(render_table(["solver"] + [f"{n}×{n}" for n in args.sizes], rows, md))
    emit()
    if details:
        emit("Disagreements and failures:")
        emit()
        if md:
            emit("```")
        for d in details:
            emit(d if md else "  " + d.replace("\n", "\n  "))
        if md:
            emit("```")
    else:
        emit("All equilibrium sets agree; every single equilibrium is an equilibrium in the reference set.")
    emit()

    # ---- targets
    emit(heading("Targets (reported, not asserted)", md))
    emit()
    lines = []

    def target(text: str, ours: float | None, bound: float | None, bound_text: str) -> None:
        if ours is None or bound is None:
            verdict = "not measured"
        elif ours <= bound:
            verdict = "MET"
        else:
            verdict = "MISSED"
        lines.append(f"{text}: {verdict} — ours {fmt_time(ours)}, {bound_text}")

    if 12 in args.sizes:
        ours12 = med("gt-vertex-exact", 12)
        q12 = med("qe-vertex", 12)
        target("12×12 all equilibria, exact, no slower than quantecon's float vertex enumeration",
               ours12, q12, f"quantecon {fmt_time(q12)}" if "qe-vertex" in by_key else "quantecon not run")
    if 16 in args.sizes:
        q16 = med("qe-vertex", 16)
        target("16×16 all equilibria, exact, under half of quantecon's float vertex enumeration",
               med("gt-vertex-exact", 16), None if q16 is None else q16 / 2,
               f"half of quantecon's {fmt_time(q16)}" if q16 is not None else "quantecon not run")
        for o in ("gt-lh-exact", "gt-lh-float"):
            if o not in by_key:
                continue
            for p in ("gambit-lcp-float", "gambit-lcp-rational"):
                if p in by_key:
                    target(f"16×16 {by_key[o].label.replace('gametheory ', '')} faster than {by_key[p].label}",
                           med(o, 16), med(p, 16), f"pygambit {fmt_time(med(p, 16))}")
    if not lines:
        lines.append("(the target sizes 12 and 16 were not run)")
    for line in lines:
        emit(("- " if md else "  ") + line)
    emit()
    emit(f"Total benchmark time: {elapsed:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
