#!/usr/bin/env python3
"""Game trees: backward induction on 10^6 nodes, and the sequence form against the reduced form.

Two measurements (issue: extensive-form games), printed as Markdown tables; nothing is asserted.

1. **Perfect information, 10^6 nodes.**  A random binary tree (depth 19, 2^20 - 1 nodes) and a
   centipede of 500,000 stages (10^6 + 1 nodes), distinct integer payoffs.  Timed: checking the
   tree (``ExtensiveFormGame``), ``backward_induction`` and ``solve(tree)`` (method ``spe``, which
   also verifies subgame perfection).  Target: seconds, not minutes.  pygambit has no backward
   induction; its sequence-form solver ``lcp_solve`` (one Nash equilibrium) is timed beside ours
   on smaller trees of the same kind, read from the same ``.efg`` text.
2. **Sequence form vs reduced normal form.**  Two-player trees where one player moves at many
   information sets, so that the reduced normal form is large: ``sequence-form`` (Lemke on the
   sequence form) against ``lemke-howson`` on ``reduced_normal_form``, in rational arithmetic,
   and pygambit's ``lcp_solve`` on the tree and on the strategic form.

Peers run in forked processes with a time limit.  Usage::

    python benchmarks/bench_trees.py                 # everything (a few minutes)
    python benchmarks/bench_trees.py --quick         # smaller sizes
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import tempfile
import time
from fractions import Fraction

import numpy as np

import gametheory as gt
from gametheory.games.tree import chance, decision, outcome
from gametheory.solvers.spe import backward_induction


def binary_tree(depth: int, seed: int):
    """Players alternate by depth; every leaf has its own pair of payoffs (no ties)."""
    rng = np.random.default_rng(seed)
    n = 2 ** depth
    pays = rng.permutation(n * 4)[:2 * n].reshape(n, 2)
    level = [outcome(int(a), int(b)) for a, b in pays]
    d = depth
    while len(level) > 1:
        d -= 1
        who = ("A", "B")[d % 2]
        level = [decision(who, f"n{d}.{i}", {"L": level[2 * i], "R": level[2 * i + 1]})
                 for i in range(len(level) // 2)]
    return gt.ExtensiveFormGame(level[0], ["A", "B"], title=f"binary tree, depth {depth}")


def centipede(stages: int):
    node = outcome(stages + 2, stages)
    for t in range(stages - 1, -1, -1):
        mover = ("A", "B")[t % 2]
        take = (t + 2, t) if mover == "A" else (t, t + 2)
        node = decision(mover, f"s{t}", {"Take": outcome(*take), "Pass": node})
    return gt.ExtensiveFormGame(node, ["A", "B"], title=f"centipede, {stages} stages")


def signalling(types: int, messages: int, seed: int):
    """Chance picks one of ``types``; the sender (who knows it) sends a message; the receiver sees
    only the message and picks a response.  Reduced form: messages^types x 3^messages."""
    rng = np.random.default_rng(seed)
    moves = {}
    for t in range(types):
        sends = {}
        for m in range(messages):
            sends[f"m{m}"] = decision("Receiver", f"saw m{m}", {
                r: outcome(int(rng.integers(0, 10)), int(rng.integers(0, 10))) for r in ("a", "b", "c")})
        moves[f"t{t}"] = (Fraction(1, types), decision("Sender", f"type t{t}", sends))
    return gt.ExtensiveFormGame(chance(moves), ["Sender", "Receiver"],
                                title=f"signalling, {types} types x {messages} messages")


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return time.perf_counter() - start, out


def _peer(queue, kind: str, text: str, strategic: bool) -> None:
    try:
        import pygambit as gbt
        with tempfile.NamedTemporaryFile("w", suffix=".efg", delete=False) as fh:
            fh.write(text)
            path = fh.name
        start = time.perf_counter()
        game = gbt.read_efg(path)
        read = time.perf_counter() - start
        start = time.perf_counter()
        if kind == "lcp":
            if strategic:
                gbt.nash.lcp_solve(game, rational=True, use_strategic=True, stop_after=1)
            else:
                gbt.nash.lcp_solve(game, rational=True)      # one equilibrium on the tree
        queue.put((read, time.perf_counter() - start))
        os.unlink(path)
    except Exception as exc:  # pragma: no cover - peer failures are reported, not fatal
        queue.put(("error", f"{type(exc).__name__}: {exc}"))


def peer(kind: str, text: str, strategic: bool = False, timeout: float = 120.0):
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return "not installed"
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_peer, args=(queue, kind, text, strategic))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return f"> {timeout:.0f} s"
    result = queue.get() if not queue.empty() else ("error", "no result")
    if result[0] == "error":
        return result[1][:60]
    return result


def show(result) -> str:
    return result if isinstance(result, str) else f"{result[1]:.3g} s (+ read {result[0]:.2g} s)"


def ratio(ours: float, result) -> str:
    """pygambit's time (read + solve) over ours (parse + solve)."""
    if isinstance(result, str) or not ours:
        return ""
    return f"{(result[0] + result[1]) / ours:.2g}"


def perfect_information(quick: bool) -> None:
    print("### Backward induction on perfect-information trees\n")
    print("| tree | nodes | build (Python objects) | check | backward_induction | solve (spe, verified) "
          "| parse its .efg text |")
    print("|---|---|---|---|---|---|---|")
    sizes = [(binary_tree, 15), (centipede, 20_000)] if quick else \
        [(binary_tree, 19), (centipede, 500_000)]
    for make, size in sizes:
        t_build, game = timed(make, size) if make is centipede else timed(make, size, 0)
        # the build includes the check; time the check alone on the same root
        t_check, game = timed(gt.ExtensiveFormGame, game.root, game.players, game.title)
        t_bi, spe = timed(backward_induction, game)
        t_solve, res = timed(gt.solve, game)
        assert len(spe) == 1 and len(res.equilibria) == 1
        text = gt.format_efg(game)
        t_parse, _ = timed(gt.parse_efg, text)
        print(f"| {game.title} | {game.num_nodes:,} | {t_build - t_check:.2f} s | {t_check:.2f} s | "
              f"{t_bi:.2f} s | {t_solve:.2f} s | {t_parse:.1f} s |")
    print()
    print("Beside pygambit's `lcp_solve` on the tree (one Nash equilibrium; pygambit has no backward "
          "induction), the same `.efg` text:\n")
    print("| tree | nodes | ours: parse_efg + solve (spe) | ours: sequence-form | "
          "pygambit: read_efg + lcp_solve | pygambit / ours (spe) |")
    print("|---|---|---|---|---|---|")
    for depth in ([5, 6] if quick else [5, 6, 7, 8, 10, 14]):
        game = binary_tree(depth, 1)
        text = gt.format_efg(game)
        t_ours, res = timed(lambda t: gt.solve(gt.parse_efg(t)), text)
        seq = f"{timed(gt.solve, game, method='sequence-form')[0]:.3g} s" if depth <= 8 else "-"
        theirs = peer("lcp", text, timeout=60)
        print(f"| {game.title} | {game.num_nodes:,} | {t_ours:.3g} s | {seq} | {show(theirs)} | "
              f"{ratio(t_ours, theirs)} |")
    print()


def sequence_vs_reduced(quick: bool) -> None:
    print("### Sequence form against the reduced normal form (exact)\n")
    print("| tree | nodes | reduced form | ours: sequence-form | ours: reduced + lemke-howson | "
          "pygambit lcp (tree) | pygambit lcp (strategic) |")
    print("|---|---|---|---|---|---|---|")
    cases = [(2, 3), (3, 3)] if quick else [(2, 3), (3, 3), (4, 3), (5, 3), (6, 4), (8, 4)]
    for types, messages in cases:
        game = signalling(types, messages, seed=types)
        shape = (messages ** types, 3 ** messages)
        t_seq, res = timed(gt.solve, game, method="sequence-form")
        assert res.equilibria[0].regret == 0
        if shape[0] * shape[1] <= 20_000:
            t_red, _ = timed(gt.solve, game, method="lemke-howson")
            red = f"{t_red:.3g} s"
        else:
            red = "not built (too large)"
        text = gt.format_efg(game)
        print(f"| {game.title} | {game.num_nodes} | {shape[0]} x {shape[1]} | {t_seq:.3g} s | {red} | "
              f"{show(peer('lcp', text))} | {show(peer('lcp', text, strategic=True, timeout=60))} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--only", choices=["backward-induction", "sequence-form"],
                        help="run one of the two measurements")
    args = parser.parse_args()
    if args.only != "sequence-form":
        perfect_information(args.quick)
    if args.only != "backward-induction":
        sequence_vs_reduced(args.quick)


if __name__ == "__main__":
    main()
