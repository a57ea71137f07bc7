"""How robust the comparison is: conclusions recomputed over weights drawn within their ranges.

The article states priorities, not numbers, so a model's default weights are
one cardinalisation among many.  :func:`sweep` draws weights uniformly within
each preference's admissible range (exact fractions with denominator 1000),
keeps only draws that respect every stated priority (rejection sampling),
recomputes :func:`~gametheory.crisis.compare.compare` for each draw, and reports
how often each headline conclusion holds.  Draw ``k`` uses its own random
generator, seeded by ``(seed, k)``, so the result is the same whatever the
number of worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

import numpy as np

from ..context import Progress
from .compare import Comparison, compare
from .executor import Executor, executor_for
from ..errors import InvalidGameError, SolverError
from .model import Model

__all__ = ["Conclusion", "SweepResult", "sweep", "conclusions"]

#: Draws tried per sample before giving up on the priorities.
MAX_REJECTIONS = 1000


@dataclass(frozen=True)
class Conclusion:
    """A statement about a comparison, true or false for each draw of the weights."""

    text: str
    test: Callable[[Comparison], bool]


def _nash(regime):
    return regime.nash_outcomes


def conclusions(model: Model) -> list[Conclusion]:
    """The headline conclusions checked for a model (they depend on its regimes and risks)."""
    parties = [p.name for p in model.parties]
    bad = [a.name for a in model.attributes if a.bad]
    out: list[Conclusion] = []
    if model.understandings:
        out.append(Conclusion(
            "coordination weakly improves every party's worst equilibrium payoff",
            lambda c: all(c.nash_range(c.regimes[1], p)[0] >= c.nash_range(c.regimes[0], p)[0]
                          for p in parties)))
        out.append(Conclusion(
            "coordination weakly improves every party's best equilibrium payoff",
            lambda c: all(c.nash_range(c.regimes[1], p)[1] >= c.nash_range(c.regimes[0], p)[1]
                          for p in parties)))
        for a in bad:
            out.append(Conclusion(
                f"the unilateral game has an equilibrium with {a} risk",
                lambda c, a=a: any(o.risks[a] > 0 for o in _nash(c.regimes[0]))))
            out.append(Conclusion(
                f"coordination does not raise the worst equilibrium {a} risk",
                lambda c, a=a: max(o.risks[a] for o in _nash(c.regimes[1]))
                <= max(o.risks[a] for o in _nash(c.regimes[0]))))
    movers = [p.name for p in model.players]
    out.append(Conclusion(
        "the best correlated equilibrium beats every Nash equilibrium in the movers' total "
        "(first regime)",
        lambda c: sum(next(o for o in c.regimes[0].outcomes if o.kind == "correlated (welfare)")
                      .payoffs[p] for p in movers)
        > max(sum(o.payoffs[p] for p in movers) for o in _nash(c.regimes[0]))))
    return out


@dataclass(frozen=True)
class SweepResult:
    model: Model
    samples: int
    seed: int
    texts: tuple[str, ...]
    at_default: tuple[bool, ...]
    holds: tuple[int, ...]             # in how many samples each conclusion holds
    rejected: int                      # draws rejected for breaking a priority


def _draw(model: Model, seed: int, k: int) -> tuple[dict, int]:
    rng = np.random.default_rng([seed, k])
    for tries in range(MAX_REJECTIONS):
        weights = {}
        for p in model.preferences:
            lo, hi = float(p.low), float(p.high)
            x = lo + (hi - lo) * rng.random()
            weights[(p.party, p.attribute)] = min(max(Fraction(round(x * 1000), 1000), p.low), p.high)
        if not model.priority_violations(weights):
            return weights, tries
    raise InvalidGameError(f"{model.path}: no weights within the ranges respect every priority "
                           f"after {MAX_REJECTIONS} draws")


def _sample(args: tuple[Model, int, int]) -> tuple[tuple[bool, ...], int]:
    model, seed, k = args
    weights, rejected = _draw(model, seed, k)
    comparison = compare(model, weights, extras=False)
    return tuple(bool(c.test(comparison)) for c in conclusions(model)), rejected


def sweep(model: Model, samples: int = 100, seed: int = 0, workers: int | None = None,
          progress: Progress | None = None, executor: Executor | None = None) -> SweepResult:
    """How often each conclusion of :func:`conclusions` holds over ``samples`` draws of the weights.

    Parameters
    ----------
    model : Model
    samples : int
        Number of weight draws.
    seed : int
        Seed; draw ``k`` uses ``numpy.random.default_rng([seed, k])``.
    workers : int or None
        Worker processes (default: the machine's cores); 1 runs in this process.
    executor : Executor, optional
        Where the samples run (:mod:`gametheory.crisis.executor`, e.g. a
        ``DaskExecutor`` on a cluster); overrides ``workers``.
    progress : callable, optional
        Called as ``progress("sweep", done, samples)`` after each sample (the command line
        draws a bar on standard error with it).

    Examples
    --------
    >>> import gametheory as gt
    >>> res = sweep(gt.load_model("coordinated"), samples=4, seed=1, workers=1)
    >>> res.samples, len(res.holds) == len(res.texts), all(0 <= h <= 4 for h in res.holds)
    (4, True, True)
    """
    if not isinstance(samples, int) or samples < 1:
        raise InvalidGameError(f"sweep: samples must be a positive integer, got {samples!r}")
    if progress is False:           # the former ``progress=False``: no progress reports
        progress = None
    if progress is not None and not callable(progress):
        raise InvalidGameError(f"sweep: progress must be a callback progress(stage, done, total), "
                               f"got {progress!r}")
    checks = conclusions(model)
    default = compare(model, extras=False)
    at_default = tuple(bool(c.test(default)) for c in checks)
    jobs = [(model, seed, k) for k in range(samples)]
    if executor is None:
        executor = executor_for(workers, jobs)
    results = []
    for k, result in enumerate(executor.map(_sample, jobs), 1):
        results.append(result)
        if progress is not None:
            progress("sweep", k, samples)
    if len(results) != samples:
        raise SolverError("sweep: some samples were lost")
    holds = tuple(int(sum(r[0][i] for r in results)) for i in range(len(checks)))
    return SweepResult(model=model, samples=samples, seed=seed, texts=tuple(c.text for c in checks),
                       at_default=at_default, holds=holds, rejected=sum(r[1] for r in results))

