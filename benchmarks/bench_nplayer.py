#!/usr/bin/env python3
"""Time gametheory's n-player solvers against pygambit's on the same games.

Ours: ``solve_polynomial`` (every equilibrium), ``solve_pure`` and,
where the modules import, ``solve_qre`` (logit QRE path following) and
``solve_simpdiv`` (one equilibrium each).  pygambit 17: ``enumpoly``,
``gnm``, ``logit`` and ``simpdiv``.  ``pure`` is also compared with one numpy
pass over the payoff arrays (``max`` along each player's own axis).

Games: the committed corpus ``tests/fixtures/gambit_nplayer.json`` (81 games
with three or four players; medians per shape), random games with integer
payoffs 0..99 (``numpy.random.default_rng``; game ``i`` of a shape uses seed
``10 * int(digits of the shape) + i``, e.g. 44440 for the first 4x4x4x4 game),
and, for ``pure``, a 6-player 10-action game (10^6 profiles, seed 0, as
``bench_pure.py``).

Every solver call except ``pure`` and the numpy pass runs in a forked child of
this process, so that a call that exceeds its timeout (pygambit's C++ code
cannot be interrupted) is killed and reported as "> T s".  The game objects are
built in this process before the fork and are not timed.

For each game the script checks whether our polynomial set contains every
pygambit equilibrium whose regret is small, whether the end of our QRE path is
one of polynomial's equilibria (and the same as gambit's logit end point), and
counts the equilibria each solver found.  Nothing is asserted: the targets at
the end are reported as met or missed.

Usage::

    python benchmarks/bench_nplayer.py               # default run (about 15 min on 2 cores)
    python benchmarks/bench_nplayer.py --quick       # smoke test, well under a minute
    python benchmarks/bench_nplayer.py --markdown    # tables as Markdown
    python benchmarks/bench_nplayer.py --list        # solver keys and timeouts
    python benchmarks/bench_nplayer.py --only gt-polynomial gambit-enumpoly --random 3x3x3x3:2

See ``benchmarks/README.md`` for how to install pygambit.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import multiprocessing
import signal
import statistics
import sys
import time
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

import numpy as np

try:
    import resource
except ImportError:  # pragma: no cover - not on POSIX
    resource = None

import gametheory as gt

from _report import (HAVE_ALARM, CallTimeout, environment_lines, fmt_ratio, fmt_time, heading,
                     on_alarm, render_table)

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PATH = ROOT / "tests" / "fixtures" / "gambit_nplayer.json"
CORPUS_SHAPES = ["2x2x2", "2x2x3", "3x3x2", "3x3x3", "2x2x2x2"]   # reported shapes; others: "other"
DEFAULT_RANDOM = ["3x3x3x3:3", "3x3x3x3x3:1", "4x4x4x4:1"]
TARGET_SHAPE = "4x4x4x4"        # the "all equilibria of a 4-player 4-action game"
PAYOFF_HIGH = 100               # random payoffs are integers in [0, PAYOFF_HIGH)

MATCH_TOL = 1e-4     # a pygambit profile is "in" our set when every probability is within this
SAME_TOL = 1e-6      # two of our own (certified) profiles are the same within this
REGRET_TOL = 1e-6    # a pygambit profile counts when its regret is <= this times the payoff spread

# --------------------------------------------------------------------------- optional modules

NOTES: list[str] = []

try:
    import pygambit as gbt
except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
    gbt = None
    NOTES.append(f"pygambit not available ({type(exc).__name__}: {exc}); its rows are skipped")

try:
    from gametheory.solvers.qre import solve_qre
except Exception as exc:  # noqa: BLE001 - being written: skip the rows if it does not import
    solve_qre = None
    NOTES.append(f"gametheory.solvers.qre not available ({type(exc).__name__}: {exc}); "
                 "the qre rows are skipped")

try:
    from gametheory.solvers.simpdiv import solve_simpdiv
except Exception as exc:  # noqa: BLE001
    solve_simpdiv = None
    NOTES.append(f"gametheory.solvers.simpdiv not available ({type(exc).__name__}: {exc}); "
                 "the simpdiv rows are skipped")

Profile = list  # list of 1-d float arrays, one per player


# --------------------------------------------------------------------------- games

@dataclass
class Case:
    id: str
    group: str                   # column of the tables: a corpus shape, "other", or "random AxB.."
    shape: tuple[int, ...]
    arrays: list[np.ndarray]     # int64 payoff arrays, arrays[i][a_0, ..., a_{n-1}]
    seed: int | None = None
    kind: str = ""

    @property
    def spread(self) -> float:
        return max(float(np.ptp(a)) for a in self.arrays) or 1.0


def shape_text(shape) -> str:
    return "x".join(map(str, shape))


def pretty(shape: str) -> str:
    return shape.replace("x", "×")


def load_corpus() -> list[Case]:
    data = json.loads(CORPUS_PATH.read_text())
    out = []
    for g in data["games"]:
        shape = tuple(g["shape"])
        tag = shape_text(shape)
        out.append(Case(g["id"], tag if tag in CORPUS_SHAPES else "other", shape,
                        [np.array(p, dtype=np.int64) for p in g["payoffs"]], kind=g["kind"]))
    return out


def random_case(shape: tuple[int, ...], i: int) -> Case:
    tag = shape_text(shape)
    seed = 10 * int("".join(map(str, shape))) + i
    rng = np.random.default_rng(seed)
    arrays = [rng.integers(0, PAYOFF_HIGH, size=shape) for _ in shape]
    return Case(f"random-{tag}-{seed}", "random " + tag, shape, arrays, seed=seed, kind="random")


def parse_random(specs: list[str]) -> list[tuple[tuple[int, ...], int]]:
    out = []
    for spec in specs:
        shape, _, count = spec.partition(":")
        try:
            dims = tuple(int(x) for x in shape.lower().split("x"))
            k = int(count) if count else 1
        except ValueError:
            sys.exit(f"--random: bad spec {spec!r} (expected e.g. 4x4x4x4:1)")
        out.append((dims, k))
    return out


# --------------------------------------------------------------------------- solvers

@dataclass
class Solver:
    key: str
    label: str
    lib: str                                   # "gametheory", "pygambit" or "numpy"
    kind: str                                  # "all", "some" (gnm), "one", "pure" or "pass"
    prepare: Callable[[Case], Any]             # untimed: the library's game object
    run: Callable[[Any], Any]                  # timed
    extract: Callable[[Any, Any], dict]        # untimed: result -> {"profiles": [...], ...}
    fork: bool = True                          # run in a forked child (killable)
    ours: bool = False
    timeout_kind: str = "enum"                 # "enum" (--timeout) or "path" (--path-timeout)


def _floats(profile) -> list[list[float]]:
    return [[float(p) for p in s] for s in profile]


def _gt_prepare(case: Case):
    game = gt.NormalFormGame([a.copy() for a in case.arrays])
    _ = game.float_payoffs        # the cached derived arrays are part of building the game
    _ = game.integer_payoffs
    return game


def _gt_extract(_game, res) -> dict:
    params = dict(res.parameters)
    return {"profiles": [_floats(eq.strategies) for eq in res.equilibria],
            "complete": bool(res.complete), "exact": bool(res.exact),
            "supports_solved": params.get("supports_solved"), "boxes": params.get("boxes"),
            "continua": [c["supports"] for c in params.get("continua", [])],
            "unresolved": list(params.get("unresolved", [])),
            "notes": [str(n) for n in res.notes]}


def _gambit_value(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float(Fraction(str(v)))


def _gambit_from_arrays(arrays):
    objs = [np.vectorize(int, otypes=[object])(a) for a in arrays]   # Python ints: stored exactly
    maker = getattr(gbt.Game, "from_arrays", None) or gbt.StrategicGame.from_arrays
    return maker(*objs)


def _gambit_prepare(case: Case):
    return _gambit_from_arrays(case.arrays)


def _gambit_simpdiv_prepare(case: Case):
    game = _gambit_from_arrays(case.arrays)
    return game, game.mixed_strategy_profile(rational=True)   # uniform start, as gambit's default


def _gambit_extract(obj, res) -> dict:
    game = obj[0] if isinstance(obj, tuple) else obj
    if hasattr(res, "equilibria"):
        profs = list(res.equilibria)
    else:
        profs = [res.equilibrium] if getattr(res, "equilibrium", None) is not None else []
    players = list(game.players)
    out = [[[_gambit_value(v) for _, v in prof[p]] for p in players] for prof in profs]
    return {"profiles": out, "success": bool(getattr(res, "success", True)),
            "reason": str(getattr(res, "reason", "")) or None}


def _pure_prepare(case: Case):
    game = _gt_prepare(case)
    gt.solve_pure(game)      # warm the cached arrays, as bench_pure.py does
    return game


def _numpy_pass(game):
    return [u.max(axis=i) for i, u in enumerate(game.payoffs)]


def build_solvers() -> list[Solver]:
    S = [
        Solver("gt-polynomial", "gametheory polynomial", "gametheory", "all", _gt_prepare,
               lambda g: gt.solve_polynomial(g), _gt_extract, ours=True),
        Solver("gt-pure", "gametheory pure", "gametheory", "pure", _pure_prepare,
               lambda g: gt.solve_pure(g), _gt_extract, fork=False, ours=True),
    ]
    if solve_qre is not None:
        S.append(Solver("gt-qre", "gametheory qre", "gametheory", "one", _gt_prepare,
                        lambda g: solve_qre(g), _gt_extract, ours=True, timeout_kind="path"))
    if solve_simpdiv is not None:
        S.append(Solver("gt-simpdiv", "gametheory simpdiv", "gametheory", "one", _gt_prepare,
                        lambda g: solve_simpdiv(g), _gt_extract, ours=True,
                        timeout_kind="path"))
    S.append(Solver("numpy-pass", "numpy max pass", "numpy", "pass", _pure_prepare, _numpy_pass,
                    lambda g, r: {"profiles": []}, fork=False))
    if gbt is not None:
        S += [
            Solver("gambit-enumpoly", "pygambit enumpoly", "pygambit", "all", _gambit_prepare,
                   lambda g: gbt.nash.enumpoly_solve(g), _gambit_extract),
            Solver("gambit-gnm", "pygambit gnm", "pygambit", "some", _gambit_prepare,
                   lambda g: gbt.nash.gnm_solve(g), _gambit_extract, timeout_kind="path"),
            Solver("gambit-logit", "pygambit logit", "pygambit", "one", _gambit_prepare,
                   lambda g: gbt.nash.logit_solve(g), _gambit_extract, timeout_kind="path"),
            Solver("gambit-simpdiv", "pygambit simpdiv", "pygambit", "one", _gambit_simpdiv_prepare,
                   lambda o: gbt.nash.simpdiv_solve(o[1]), _gambit_extract, timeout_kind="path"),
        ]
    return S


# (ours, peer) pairs for the ratio tables: peer time / our time
PAIRS = [("gt-polynomial", "gambit-enumpoly"), ("gt-polynomial", "gambit-gnm"),
         ("gt-qre", "gambit-logit"), ("gt-simpdiv", "gambit-simpdiv"), ("gt-pure", "numpy-pass")]


# --------------------------------------------------------------------------- timing

HAVE_FORK = "fork" in multiprocessing.get_all_start_methods()


@dataclass
class Record:
    """One solver on one game."""
    status: str = "ok"             # ok | timeout | error | skipped
    times: list[float] = field(default_factory=list)
    info: dict = field(default_factory=dict)
    error: str = ""
    limit: float = 0.0             # the timeout that applied

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def profiles(self) -> list[Profile]:
        return [[np.asarray(s, dtype=float) for s in p] for p in self.info.get("profiles", [])]


def _child(conn, solver: Solver, obj: Any, repeat: int, budget: float) -> None:
    try:
        if HAVE_ALARM:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
        times, res = [], None
        for _ in range(repeat):
            t0 = time.perf_counter()
            res = solver.run(obj)
            dt = time.perf_counter() - t0
            times.append(dt)
            conn.send(("time", dt))
            if sum(times) >= budget:
                break
        conn.send(("done", solver.extract(obj, res)))
    except MemoryError as exc:
        conn.send(("error", f"MemoryError: {str(exc)[:160]}"))
    except BaseException as exc:  # noqa: BLE001 - report everything to the parent
        conn.send(("error", f"{type(exc).__name__}: {str(exc)[:200]}".strip()))
    finally:
        conn.close()


def measure_forked(solver: Solver, obj: Any, repeat: int, budget: float, timeout: float) -> Record:
    """Run up to ``repeat`` calls in one forked child; each call may take ``timeout`` seconds."""
    rec = Record(limit=timeout)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    gc.collect()
    proc = ctx.Process(target=_child, args=(child, solver, obj, repeat, budget), daemon=True)
    proc.start()
    child.close()
    wait = timeout if timeout > 0 else None
    try:
        while True:
            # one call's timeout per message, plus a little for the fork and for reading the result
            if not parent.poll(None if wait is None else wait + 5.0):
                if rec.times:      # a later repeat ran long: keep the runs that finished
                    rec.status, rec.error = "error", "a repeat exceeded the timeout; result not read"
                else:
                    rec.status = "timeout"
                return rec
            try:
                kind, value = parent.recv()
            except EOFError:
                proc.join(5)
                rec.status, rec.error = "error", f"solver process died (exit code {proc.exitcode})"
                return rec
            if kind == "time":
                if timeout > 0 and value > timeout:
                    rec.status, rec.times = "timeout", []
                    return rec
                rec.times.append(value)
            elif kind == "done":
                rec.info = value
                return rec
            else:
                rec.status, rec.error, rec.times = "error", value, []
                return rec
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()


def measure_inprocess(solver: Solver, obj: Any, repeat: int, budget: float, timeout: float) -> Record:
    rec = Record(limit=timeout)
    res = None
    gc.collect()
    for _ in range(repeat):
        if HAVE_ALARM and timeout > 0:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            t0 = time.perf_counter()
            res = solver.run(obj)
            dt = time.perf_counter() - t0
        except CallTimeout:
            rec.status, rec.times = "timeout", []
            return rec
        except Exception as exc:  # noqa: BLE001
            rec.status, rec.error, rec.times = "error", f"{type(exc).__name__}: {str(exc)[:200]}", []
            return rec
        finally:
            if HAVE_ALARM and timeout > 0:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if timeout > 0 and dt > timeout:
            rec.status, rec.times = "timeout", []
            return rec
        rec.times.append(dt)
        if sum(rec.times) >= budget:
            break
    try:
        rec.info = solver.extract(obj, res)
    except Exception as exc:  # noqa: BLE001
        rec.status, rec.error = "error", f"reading the result: {type(exc).__name__}: {exc}"
    return rec


# --------------------------------------------------------------------------- checks

def close(p: Profile, q: Profile, tol: float) -> bool:
    return len(p) == len(q) and all(a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol))
                                   for a, b in zip(p, q))


def distance(p: Profile, q: Profile) -> float:
    """Largest difference of two probabilities (inf for profiles of different shapes)."""
    if len(p) != len(q) or any(a.shape != b.shape for a, b in zip(p, q)):
        return math.inf
    return max(float(np.max(np.abs(a - b))) for a, b in zip(p, q))


def dedupe(profiles: list[Profile], tol: float) -> list[Profile]:
    out: list[Profile] = []
    for p in profiles:
        if not any(close(p, q, tol) for q in out):
            out.append(p)
    return out


def normalised(p: Profile) -> Profile:
    out = []
    for s in p:
        s = np.clip(np.asarray(s, dtype=float), 0.0, None)
        out.append(s / s.sum() if s.sum() > 0 else s)
    return out


def regret(game: gt.NormalFormGame, p: Profile) -> float:
    try:
        return float(game.max_regret([np.asarray(s, dtype=float) for s in normalised(p)]))
    except Exception:  # noqa: BLE001 - a malformed profile (NaN, wrong length)
        return math.inf


def support_of(p: Profile, tol: float = MATCH_TOL) -> list[list[int]]:
    return [[int(a) for a in np.flatnonzero(np.asarray(s) > tol)] for s in p]


def fmt_profile(p: Profile) -> str:
    def one(v) -> str:
        return "{" + ", ".join(f"{j}:{a:.4f}" for j, a in enumerate(v) if abs(a) > MATCH_TOL) + "}"
    return "(" + ", ".join(one(s) for s in p) + ")"


# --------------------------------------------------------------------------- main

def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--corpus", type=int, default=None, metavar="N",
                   help="use only the first N corpus games of each shape (default: all 81 games; 0: none)")
    p.add_argument("--random", nargs="*", default=DEFAULT_RANDOM, metavar="SHAPE:N",
                   help="random games: N games of each SHAPE (e.g. 4x4x4x4:1); none with no argument")
    p.add_argument("--pure-players", type=int, default=6, help="players of the large pure game")
    p.add_argument("--pure-actions", type=int, default=10, help="actions per player of the large pure game")
    p.add_argument("--repeat", type=int, default=5,
                   help="runs per (solver, game); the game's time is their median")
    p.add_argument("--repeat-budget", type=float, default=0.5,
                   help="stop repeating a (solver, game) once its runs add up to this many seconds")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds one call of an all-equilibria method (our polynomial, enumpoly) may "
                        "take; a killed call is reported as '> T s' (0: no timeout)")
    p.add_argument("--target-timeout", type=float, default=300.0,
                   help=f"timeout of our polynomial on the {TARGET_SHAPE} random game")
    p.add_argument("--path-timeout", type=float, default=30.0,
                   help="timeout of the path-following methods (gnm, logit, simpdiv, qre, pure)")
    p.add_argument("--only", nargs="+", metavar="SOLVER", help="run only these solvers (keys)")
    p.add_argument("--memory-limit", type=float, default=16.0,
                   help="address-space limit in GiB for this process and its children (0: none)")
    p.add_argument("--quick", action="store_true",
                   help="smoke test: 2 corpus games per shape, one 3x3x3x3 game, 1 repeat, "
                        "timeouts 20 s")
    p.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    p.add_argument("--list", action="store_true", help="list the solver keys and timeouts, then exit")
    return p.parse_args(argv)


def main(argv=None) -> int:  # noqa: C901 - a report, section by section
    args = parse_args(argv)
    warnings.simplefilter("ignore")
    md = args.markdown
    if args.quick:
        args.corpus = 2 if args.corpus is None else args.corpus
        args.random = ["3x3x3x3:1"]
        args.repeat = 1
        args.timeout = min(args.timeout, 20.0)
        args.target_timeout = min(args.target_timeout, 20.0)
        args.path_timeout = min(args.path_timeout, 20.0)
    solvers = build_solvers()
    if args.only:
        unknown = set(args.only) - {s.key for s in solvers}
        if unknown:
            sys.exit(f"--only: unknown or unavailable solver(s) {sorted(unknown)} (see --list)")
        solvers = [s for s in solvers if s.key in args.only]

    def timeout_of(s: Solver, case: Case | None) -> float:
        if s.key == "gt-polynomial" and case is not None and case.group == "random " + TARGET_SHAPE:
            return args.target_timeout
        return args.timeout if s.timeout_kind == "enum" else args.path_timeout

    if args.list:
        for s in solvers:
            t = (f"timeout {args.timeout:g} s ({args.target_timeout:g} s on {TARGET_SHAPE})"
                 if s.key == "gt-polynomial" else f"timeout {timeout_of(s, None):g} s")
            where = "forked child" if s.fork else "in process"
            print(f"{s.key:18s} {s.kind:5s} {t:36s} {where:13s} {s.label}")
        for note in NOTES:
            print("NOTE: " + note)
        return 0
    if not HAVE_FORK:
        sys.exit("this benchmark needs os.fork (Linux or macOS) to kill calls that time out")

    if resource is not None and args.memory_limit > 0:
        limit = int(args.memory_limit * 2 ** 30)
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard == resource.RLIM_INFINITY or hard > limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError) as exc:
            NOTES.append(f"could not set the memory limit: {exc}")
    if HAVE_ALARM:
        signal.signal(signal.SIGALRM, on_alarm)

    out: list[str] = []

    def emit(s: str = "") -> None:
        out.append(s)
        print(s, flush=True)

    def progress(msg: str) -> None:
        print(f"  [{time.perf_counter() - t_start:7.1f} s] {msg}", file=sys.stderr, flush=True)

    t_start = time.perf_counter()

    # ---- games
    corpus = load_corpus() if args.corpus != 0 else []
    if args.corpus:
        seen: dict[str, int] = {}
        keep = []
        for c in corpus:
            key = shape_text(c.shape)
            if key in CORPUS_SHAPES and seen.get(key, 0) < args.corpus:
                seen[key] = seen.get(key, 0) + 1
                keep.append(c)
        corpus = keep
    randoms = [random_case(shape, i) for shape, k in parse_random(args.random or []) for i in range(k)]
    cases = corpus + randoms
    corpus_groups = [g for g in CORPUS_SHAPES + ["other"] if any(c.group == g for c in corpus)]
    random_groups = list(dict.fromkeys(c.group for c in randoms))

    # ---- warm-up (imports, lazy initialisation) in this process, so the children inherit it
    warm = Case("warm-up", "warm-up", (2, 2, 2), [np.random.default_rng(1).integers(0, 9, (2, 2, 2))
                                                   for _ in range(3)])
    kept = []
    for s in solvers:
        try:
            obj = s.prepare(warm)
            s.extract(obj, s.run(obj))
            kept.append(s)
        except Exception as exc:  # noqa: BLE001
            if s.ours and s.key in ("gt-qre", "gt-simpdiv"):
                NOTES.append(f"{s.key} failed on the warm-up game ({type(exc).__name__}: {exc}); "
                             "its rows are skipped")
            else:
                NOTES.append(f"warm-up of {s.key} failed: {type(exc).__name__}: {exc}")
                kept.append(s)
    solvers = kept
    by_key = {s.key: s for s in solvers}

    emit(heading("n-player solver benchmark", md, 1))
    emit()
    for line in environment_lines({"pygambit": gbt}):
        emit(("- " if md else "  ") + line)
    for note in NOTES:
        emit(("- " if md else "  ") + "NOTE: " + note)
    emit()
    emit(f"Games: {len(corpus)} games of the corpus tests/fixtures/gambit_nplayer.json"
         + (f" (the first {args.corpus} of each shape)" if args.corpus else "")
         + (f"; random games with payoffs 0..{PAYOFF_HIGH - 1}: "
            + ", ".join(f"{pretty(shape_text(sh))} × {k}" for sh, k in parse_random(args.random))
            + " (seed = 10·digits of the shape + i)" if randoms else "; no random games")
         + f"; for pure, {args.pure_players} players × {args.pure_actions} actions "
         f"({args.pure_actions ** args.pure_players:,} profiles, seed 0). "
         f"Each game's time is the median of up to {args.repeat} runs (fewer once they add up to "
         f"{args.repeat_budget:g} s); building the game objects is not timed. Every call except "
         f"pure and the numpy pass runs in a forked child and is killed after its timeout: "
         f"{args.timeout:g} s for polynomial and enumpoly ({args.target_timeout:g} s for our "
         f"polynomial on {pretty(TARGET_SHAPE)}), {args.path_timeout:g} s for gnm, logit, simpdiv "
         f"and qre.")
    emit()

    # ---- run
    results: dict[str, dict[str, Record]] = {s.key: {} for s in solvers}   # key -> case id -> Record
    for case in cases:
        for s in solvers:
            try:
                obj = s.prepare(case)
            except Exception as exc:  # noqa: BLE001
                results[s.key][case.id] = Record(status="error", error=f"building the game: {exc}")
                continue
            t = timeout_of(s, case)
            measure = measure_forked if s.fork else measure_inprocess
            rec = measure(s, obj, args.repeat, args.repeat_budget, t)
            results[s.key][case.id] = rec
            state = fmt_time(rec.median) if rec.status == "ok" else (
                f"> {t:g} s" if rec.status == "timeout" else rec.status)
            progress(f"{case.id:44s} {s.key:16s} {state}")
            del obj

    # ---- large pure game
    pure_rows: list[tuple[str, Record, Record, int]] = []
    if "gt-pure" in by_key or "numpy-pass" in by_key:
        rng = np.random.default_rng(0)
        shape = (args.pure_actions,) * args.pure_players
        big = [rng.integers(0, PAYOFF_HIGH, shape) for _ in range(args.pure_players)]
        for label, arrays in (("exact", big), ("float", [a.astype(float) for a in big])):
            game = gt.NormalFormGame(arrays)
            gt.solve_pure(game)                     # warm the cached arrays
            reps = max(args.repeat, 7)
            recs = []
            for key in ("gt-pure", "numpy-pass"):
                if key not in by_key:
                    recs.append(Record(status="skipped"))
                    continue
                recs.append(measure_inprocess(by_key[key], game, reps, math.inf, args.path_timeout))
            found = len(recs[0].info.get("profiles", [])) if recs[0].status == "ok" else -1
            pure_rows.append((label, recs[0], recs[1], found))
            progress(f"pure {label} {shape_text(shape)}: pure {fmt_time(recs[0].median)}, "
                     f"numpy pass {fmt_time(recs[1].median)}")
            del game
    elapsed = time.perf_counter() - t_start

    # ---- helpers over the results
    def rec_of(key: str, case: Case) -> Record | None:
        return results.get(key, {}).get(case.id)

    def group_cases(group: str) -> list[Case]:
        return [c for c in cases if c.group == group]

    def group_median(key: str, group: str) -> tuple[float | None, str]:
        """(median with timeouts counted as infinite, or None; annotation)."""
        recs = [rec_of(key, c) for c in group_cases(group)]
        recs = [r for r in recs if r is not None and r.status != "skipped"]
        vals = [r.median for r in recs if r.status == "ok"]
        vals += [math.inf for r in recs if r.status == "timeout"]
        nt = sum(r.status == "timeout" for r in recs)
        ne = sum(r.status == "error" for r in recs)
        note = ", ".join(([f"{nt} t/o"] if nt else []) + ([f"{ne} err"] if ne else []))
        return (statistics.median(vals) if vals else None), note

    def group_limit(key: str, group: str) -> float:
        recs = [rec_of(key, c) for c in group_cases(group)]
        return max((r.limit for r in recs if r is not None and r.status == "timeout"), default=0.0)

    def cell_time(key: str, group: str) -> str:
        m, note = group_median(key, group)
        if m is None:
            return "err" if note else "—"
        s = f"> {group_limit(key, group):g} s" if math.isinf(m) else fmt_time(m)
        return s + (f" ({note})" if note and not (math.isinf(m) and "err" not in note
                                                  and len(group_cases(group)) == 1) else "")

    def cell_ratio(ours: str, peer: str, group: str) -> str:
        mo, _ = group_median(ours, group)
        mp, _ = group_median(peer, group)
        if mo is None or mp is None:
            return "—"
        if math.isinf(mo) and math.isinf(mp):
            return "—"
        if math.isinf(mp):
            return fmt_ratio(group_limit(peer, group) / mo, "≥")
        if math.isinf(mo):
            return fmt_ratio(mp / group_limit(ours, group), "≤")
        return fmt_ratio(mp / mo)

    def time_tables(groups: list[str], title: str) -> None:
        if not groups:
            return
        emit(heading(title, md))
        emit()
        header = ["solver"] + [f"{pretty(g.replace('random ', ''))} ({len(group_cases(g))})"
                               for g in groups]
        rows = [[s.label] + [cell_time(s.key, g) for g in groups] for s in solvers]
        emit(render_table(header, rows, md))
        emit()
        pairs = [(o, p) for o, p in PAIRS if o in by_key and p in by_key]
        if pairs:
            rows = [[f"{by_key[p].label} / {by_key[o].label.replace('gametheory ', '')}"]
                    + [cell_ratio(o, p, g) for g in groups] for o, p in pairs]
            emit("Ratios, peer time / our time (above 1: gametheory is faster):")
            emit()
            emit(render_table(["peer / ours"] + header[1:], rows, md))
            emit()

    time_tables(corpus_groups, "Corpus: median time per game, by shape (number of games)")
    if "other" in corpus_groups:
        others = ", ".join(f"{c.id} ({pretty(shape_text(c.shape))})" for c in group_cases("other"))
        emit(f"other: {others}.")
        emit()
    time_tables(random_groups, "Random games: median time per game (number of games)")
    emit("> T s = timed out (the call was killed after T s); t/o, err = games that timed out or "
         "failed (a timed-out game counts as slower than every finished one in the median); "
         "≥ / ≤ = a bound, one side timed out; — = not run.")
    emit()

    if pure_rows:
        emit(heading(f"pure on {args.pure_actions ** args.pure_players:,} profiles "
                     f"({args.pure_players} players × {args.pure_actions} actions)", md))
        emit()
        rows = []
        for label, rp, rn, found in pure_rows:
            ratio = rp.median / rn.median if rp.median and rn.median else None
            rows.append([label, fmt_time(rp.median) if rp.status == "ok" else rp.status,
                         fmt_time(rn.median) if rn.status == "ok" else rn.status,
                         f"{ratio:.2f}" if ratio else "—", str(found) if found >= 0 else "—"])
        emit(render_table(["payoffs", "pure", "one numpy max pass", "pure / numpy (target ≤ 3)",
                           "pure equilibria"], rows, md))
        emit()
        emit(f"Median of {max(args.repeat, 7)} runs each, in this process; the game's cached "
             "arrays are warmed first, as in bench_pure.py.")
        emit()

    # ---- agreement, per game
    details: list[str] = []
    per_game_rows: list[list[str]] = []
    agree_stats: dict[str, dict[str, list[int]]] = {}   # group -> counter name -> [yes, total]

    def count(group: str, name: str, ok: bool | None) -> None:
        if ok is None:
            return
        c = agree_stats.setdefault(group, {}).setdefault(name, [0, 0])
        c[0] += bool(ok)
        c[1] += 1

    peer_keys = [k for k in ("gambit-enumpoly", "gambit-gnm", "gambit-logit", "gambit-simpdiv")
                 if k in by_key]
    short = {"gambit-enumpoly": "enumpoly", "gambit-gnm": "gnm", "gambit-logit": "logit",
             "gambit-simpdiv": "simpdiv", "gt-qre": "qre", "gt-simpdiv": "our simpdiv"}
    per_game_poly_vs_enum: list[tuple[str, float | None, float | None, str, str]] = []
    for case in cases:
        game = gt.NormalFormGame([a.copy() for a in case.arrays])
        tol = REGRET_TOL * case.spread
        poly = rec_of("gt-polynomial", case)
        poly_ok = poly is not None and poly.status == "ok"
        ours = dedupe(poly.profiles, SAME_TOL) if poly_ok else []
        continua = poly.info.get("continua", []) if poly_ok else []
        unresolved = poly.info.get("unresolved", []) if poly_ok else []
        complete = poly.info.get("complete") if poly_ok else None

        def status_text(r: Record | None, key: str) -> str:
            if r is None:
                return "—"
            if r.status == "timeout":
                return f"> {r.limit:g} s"
            return r.status

        def locate(prof: Profile, tol_match: float) -> str:
            """'in' our set, on a support polynomial reported as a 'continuum' or left
            'unresolved', or 'missing'."""
            if any(close(prof, q, tol_match) for q in ours):
                return "in"
            sup = support_of(prof)
            return "continuum" if sup in continua else "unresolved" if sup in unresolved else "missing"

        # every pygambit equilibrium with a small regret: in our set?
        where = {"in": 0, "continuum": 0, "unresolved": 0, "missing": 0}
        for key in peer_keys:
            r = rec_of(key, case)
            if r is None or r.status != "ok":
                continue
            profs = dedupe([normalised(p) for p in r.profiles], MATCH_TOL)
            rough = [p for p in profs if regret(game, p) > tol]
            if rough:
                details.append(f"{case.id}: {short[key]} returned {len(rough)} profile(s) with regret "
                               f"above {tol:.2g} (ignored), e.g. {fmt_profile(rough[0])} "
                               f"regret {regret(game, rough[0]):.2g}")
            if not poly_ok:
                continue
            for p in profs:
                if regret(game, p) > tol:
                    continue
                w = locate(p, MATCH_TOL)
                where[w] += 1
                if w == "in":
                    continue
                why = {"continuum": "its support is one on which polynomial reported a continuum",
                       "unresolved": "its support is one polynomial left unresolved",
                       "missing": ("polynomial reported a complete set" if complete else
                                   "not explained by polynomial's continua or unresolved supports")}[w]
                near = ""
                if w == "missing" and ours:
                    q = min(ours, key=lambda q: distance(p, q))
                    near = (f"; nearest of polynomial's equilibria: {fmt_profile(q)}, "
                            f"{distance(p, q):.2g} away")
                details.append(f"{case.id}: {short[key]} equilibrium {fmt_profile(p)} (regret "
                               f"{regret(game, p):.2g}, support {support_of(p)}) is not in "
                               f"polynomial's set; {why}{near}" + (" ✗" if w == "missing" else ""))
        total = sum(where.values())
        if poly_ok and total:
            count(case.group, "peer eqs in polynomial", where["in"] == total)
            count(case.group, "peer eqs in polynomial or on its continua", where["missing"] == 0)
        peer_cell = "—"
        if poly_ok and total:
            peer_cell = f"{where['in']}/{total}"
            off = where["continuum"] + where["unresolved"]
            if off:
                peer_cell += f" (+{off} cont.)" if not where["unresolved"] else f" (+{off} cont./unres.)"
            if where["missing"]:
                peer_cell += " ✗"

        # the reverse: polynomial's equilibria that enumpoly did not return
        enum_cell = "—"
        pe_rec = rec_of("gambit-enumpoly", case)
        if poly_ok and pe_rec is not None and pe_rec.status == "ok":
            theirs = [normalised(p) for p in pe_rec.profiles]
            missed = [q for q in ours if not any(close(q, p, MATCH_TOL) for p in theirs)]
            enum_cell = f"{len(ours) - len(missed)}/{len(ours)}"
            count(case.group, "polynomial's eqs in enumpoly", not missed)
            if missed:
                details.append(f"{case.id}: enumpoly did not return {len(missed)} of polynomial's "
                               f"{len(ours)} equilibria, e.g. {fmt_profile(missed[0])} (regret "
                               f"{regret(game, missed[0]):.2g})")

        # our single-equilibrium methods: an equilibrium in polynomial's set? qre = gambit's logit?
        in_set: dict[str, str] = {}
        for key in ("gt-qre", "gt-simpdiv"):
            r = rec_of(key, case)
            if key not in by_key:
                continue
            if r is None or r.status != "ok" or not r.profiles:
                in_set[key] = status_text(r, key) if r is not None and r.status != "ok" else "—"
                if r is not None and r.status == "error":
                    details.append(f"{case.id}: {short[key]} failed: {r.error}")
                continue
            p = r.profiles[0]
            if not poly_ok:
                in_set[key] = "?"
                continue
            w = locate(p, SAME_TOL)
            in_set[key] = {"in": "yes", "continuum": "cont.", "unresolved": "unres.", "missing": "NO"}[w]
            count(case.group, f"{short[key]} in polynomial", w == "in")
            count(case.group, f"{short[key]} in polynomial or on its continua", w != "missing")
            if w != "in":
                details.append(f"{case.id}: {short[key]} returned {fmt_profile(p)} (regret "
                               f"{regret(game, p):.2g}, support {support_of(p)}), not in polynomial's "
                               f"set; " + {"continuum": "on a support where polynomial reported a continuum",
                                           "unresolved": "on a support polynomial left unresolved",
                                           "missing": "not explained by continua ✗"}[w])
        same_logit = "—"
        rq, rl = rec_of("gt-qre", case), rec_of("gambit-logit", case)
        if rq is not None and rl is not None and rq.status == rl.status == "ok" and rq.profiles and rl.profiles:
            yes = close(rq.profiles[0], normalised(rl.profiles[0]), MATCH_TOL)
            same_logit = "yes" if yes else "no"
            count(case.group, "qre end = logit end", yes)
            if not yes:
                details.append(f"{case.id}: qre ended at {fmt_profile(rq.profiles[0])}, gambit's logit "
                               f"at {fmt_profile(normalised(rl.profiles[0]))}")

        def n_eq(key: str) -> str:
            r = rec_of(key, case)
            if r is None:
                return "—"
            if r.status != "ok":
                return status_text(r, key)
            profs = dedupe(r.profiles, MATCH_TOL if key.startswith("gambit") else SAME_TOL)
            good = [p for p in profs if regret(game, p) <= tol]
            s = str(len(good))
            if len(good) < len(profs):
                s += f" (+{len(profs) - len(good)} rough)"
            if key == "gt-polynomial" and (r.info.get("continua") or r.info.get("unresolved")):
                nc, nu = len(r.info.get("continua", [])), len(r.info.get("unresolved", []))
                s += "; " + ", ".join(([f"{nc} cont."] if nc else []) + ([f"{nu} unres."] if nu else []))
            return s

        pe = rec_of("gambit-enumpoly", case)
        t_poly = poly.median if poly_ok else (math.inf if poly is not None and poly.status == "timeout" else None)
        t_enum = pe.median if pe is not None and pe.status == "ok" else (
            math.inf if pe is not None and pe.status == "timeout" else None)

        def tcell(r: Record | None, t: float | None) -> str:
            if t is None:
                return status_text(r, "") if r is not None else "—"
            return f"> {r.limit:g} s" if math.isinf(t) else fmt_time(t)

        if t_poly is not None and t_enum is not None and not (math.isinf(t_poly) and math.isinf(t_enum)):
            if math.isinf(t_enum):
                ratio = fmt_ratio(pe.limit / t_poly, "≥")
            elif math.isinf(t_poly):
                ratio = fmt_ratio(t_enum / poly.limit, "≤")
            else:
                ratio = fmt_ratio(t_enum / t_poly)
        else:
            ratio = "—"
        per_game_poly_vs_enum.append((case.id, t_poly, t_enum, ratio, case.group))
        per_game_rows.append(
            [case.id, pretty(shape_text(case.shape)), tcell(poly, t_poly), tcell(pe, t_enum), ratio,
             n_eq("gt-polynomial"), n_eq("gambit-enumpoly"), n_eq("gambit-gnm"), n_eq("gt-pure"),
             peer_cell, enum_cell, in_set.get("gt-qre", "—"), same_logit, in_set.get("gt-simpdiv", "—"),
             (f"{poly.info.get('supports_solved')} / {poly.info.get('boxes')}" if poly_ok else "—")])
        for key in [s.key for s in solvers]:
            r = rec_of(key, case)
            if r is not None and r.status == "error" and key not in ("gt-qre", "gt-simpdiv"):
                details.append(f"{case.id}: {by_key[key].label} failed: {r.error}")
            if r is not None and r.status == "timeout":
                details.append(f"{case.id}: {by_key[key].label} timed out (> {r.limit:g} s)")

    emit(heading("Agreement", md))
    emit()
    emit(f"For each game: is every pygambit equilibrium (enumpoly, gnm, logit, simpdiv; duplicates "
         f"within {MATCH_TOL:g} merged) whose regret, computed by our NormalFormGame.max_regret, is "
         f"at most {REGRET_TOL:g} × the payoff spread in our polynomial set (every probability "
         f"within {MATCH_TOL:g})? If not, is its support one on which polynomial reported a "
         f"continuum of solutions (its list then holds only the isolated equilibria)? The reverse: "
         f"did enumpoly return every equilibrium polynomial found? Is the end of our QRE path (and "
         f"our simpdiv's equilibrium) one of polynomial's equilibria (within {SAME_TOL:g}), and is "
         f"it gambit's logit end point (within {MATCH_TOL:g})? Cells count games; a game on which "
         f"polynomial did not finish is not counted.")
    emit()
    all_groups = corpus_groups + random_groups
    names = ["peer eqs in polynomial", "peer eqs in polynomial or on its continua",
             "polynomial's eqs in enumpoly", "qre in polynomial",
             "qre in polynomial or on its continua", "qre end = logit end",
             "our simpdiv in polynomial", "our simpdiv in polynomial or on its continua"]
    rows = []
    for name in names:
        row = [name]
        for g in all_groups:
            c = agree_stats.get(g, {}).get(name)
            row.append("—" if c is None else f"{c[0]}/{c[1]}" + ("" if c[0] == c[1] else " ✗"))
        rows.append(row)
    emit(render_table(["check"] + [pretty(g) for g in all_groups], rows, md))
    emit()

    emit(heading("Per game", md, 3))
    emit()
    emit("ratio = enumpoly time / polynomial time. eq: distinct profiles with small regret "
         "(rough = larger regret, ignored); cont. / unres. = supports on which polynomial found a "
         "continuum of solutions / left roots unresolved (its list then holds only the isolated "
         "equilibria). peer eqs in poly: pygambit's equilibria (all four solvers, merged) found by "
         "polynomial, + those on a support where it reported a continuum; ✗ = missing otherwise. "
         "poly eqs in enumpoly: polynomial's equilibria that enumpoly returned. qre / simpdiv in "
         "poly: yes, cont. (on a continuum support) or NO. poly supports / boxes: "
         "parameters['supports_solved'] and ['boxes'].")
    emit()
    emit(render_table(["game", "shape", "polynomial", "enumpoly", "ratio", "eq: polynomial",
                       "eq: enumpoly", "eq: gnm", "eq: pure", "peer eqs in poly", "poly eqs in enumpoly",
                       "qre in poly", "qre = logit", "simpdiv in poly", "poly supports / boxes"],
                      per_game_rows, md, left=2))
    emit()
    if details:
        emit("Disagreements, failures and timeouts:")
        emit()
        if md:
            emit("```")
        for d in details:
            emit(d if md else "  " + d)
        if md:
            emit("```")
    else:
        emit("No disagreements, failures or timeouts.")
    emit()

    # ---- targets
    emit(heading("Targets (reported, not asserted)", md))
    emit()
    lines = []
    corpus_ids = {c.id for c in corpus}
    both = [(gid, tp, te) for gid, tp, te, _, _ in per_game_poly_vs_enum
            if gid in corpus_ids and tp is not None and te is not None]
    if both:
        faster = sum(1 for _, tp, te in both if not math.isinf(tp) and tp <= te)
        ratios = [te / tp for _, tp, te in both if not math.isinf(tp) and not math.isinf(te)]
        worst = min(both, key=lambda x: (x[2] / x[1]) if not math.isinf(x[1]) and not math.isinf(x[2])
                    else (0.0 if math.isinf(x[1]) else math.inf))
        lines.append(f"polynomial no slower than enumpoly on every corpus game: "
                     f"{'MET' if faster == len(both) else 'MISSED'} — no slower on {faster} of "
                     f"{len(both)} games; median ratio enumpoly/polynomial "
                     f"{fmt_ratio(statistics.median(ratios)) if ratios else '—'}, worst "
                     f"{worst[0]} (polynomial {fmt_time(worst[1])}, enumpoly {fmt_time(worst[2])})")
    else:
        lines.append("polynomial no slower than enumpoly on every corpus game: not measured")
    tcases = [c for c in randoms if c.group == "random " + TARGET_SHAPE]
    if tcases:
        for c in tcases:
            r = rec_of("gt-polynomial", c)
            if r is None:
                lines.append(f"all equilibria of {pretty(TARGET_SHAPE)} (seed {c.seed}) under 60 s: not measured")
            elif r.status == "timeout":
                lines.append(f"all equilibria of {pretty(TARGET_SHAPE)} (seed {c.seed}) under 60 s: "
                             f"MISSED — polynomial timed out (> {r.limit:g} s)")
            elif r.status != "ok":
                lines.append(f"all equilibria of {pretty(TARGET_SHAPE)} (seed {c.seed}) under 60 s: "
                             f"MISSED — polynomial failed: {r.error}")
            else:
                ok = r.median < 60 and r.info.get("complete", False)
                lines.append(f"all equilibria of {pretty(TARGET_SHAPE)} (seed {c.seed}) under 60 s: "
                             f"{'MET' if ok else 'MISSED'} — polynomial {fmt_time(r.median)}, "
                             f"{len(r.info.get('profiles', []))} equilibria, complete = "
                             f"{r.info.get('complete')}")
    else:
        lines.append(f"all equilibria of {pretty(TARGET_SHAPE)} under 60 s: not measured "
                     f"(no {TARGET_SHAPE} game in this run)")
    if "gt-qre" in by_key and "gambit-logit" in by_key:
        slower, n, per_group = 0, 0, []
        for c in cases:
            rq, rl = rec_of("gt-qre", c), rec_of("gambit-logit", c)
            if rq is None or rl is None or "skipped" in (rq.status, rl.status):
                continue
            tq = rq.median if rq.status == "ok" else (math.inf if rq.status == "timeout" else None)
            tl = rl.median if rl.status == "ok" else (math.inf if rl.status == "timeout" else None)
            if tq is None or tl is None:
                continue
            n += 1
            slower += tq > tl
        for g in all_groups:
            mq, _ = group_median("gt-qre", g)
            ml, _ = group_median("gambit-logit", g)
            if mq is not None and ml is not None:
                per_group.append(mq <= ml)
        verdict = "MET" if per_group and all(per_group) else "MISSED" if per_group else "not measured"
        lines.append(f"qre no slower than gambit's logit (median per shape): {verdict} — no slower "
                     f"in {sum(per_group)} of {len(per_group)} shapes; per game, no slower on "
                     f"{n - slower} of {n}")
    else:
        lines.append("qre no slower than gambit's logit: not measured (qre or pygambit missing)")
    if pure_rows:
        for label, rp, rn, _ in pure_rows:
            if rp.median and rn.median:
                r = rp.median / rn.median
                lines.append(f"pure on {args.pure_actions ** args.pure_players:,} profiles ({label}) "
                             f"within 3× of one numpy pass: {'MET' if r <= 3 else 'MISSED'} — "
                             f"pure {fmt_time(rp.median)}, numpy {fmt_time(rn.median)}, ratio {r:.2f}")
            else:
                lines.append(f"pure on {args.pure_actions ** args.pure_players:,} profiles ({label}): "
                             f"not measured")
    for line in lines:
        emit(("- " if md else "  ") + line)
    emit()
    emit(f"Total benchmark time: {elapsed:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
