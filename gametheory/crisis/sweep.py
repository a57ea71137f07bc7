"""How robust the comparison is: every conclusion recomputed over draws of the uncertain numbers.

The article states priorities, not numbers, so a model's point values are one
choice among many.  ``sweep`` draws every number that has a range (weights,
effects, baselines, scenario probabilities; see
``gametheory.crisis.parameters``), keeping the stated priorities in every
draw, recomputes ``compare`` for each draw and
reports, for **every** conclusion (the built-in ones of
``builtin_conclusions`` and the caller's),
the share of draws where it holds with its Monte Carlo standard error and
Wilson score interval (Wilson 1927), and whether it holds at the point values;
and per party the distribution of the *value of coordination* (its equilibrium
payoff with the understandings minus without) for the worst, best and
selected equilibrium.

Draw ``k`` uses its own random generator, seeded by ``(seed, k)``: the
result is the same whatever the number of workers or the executor (a process
pool, or a Dask cluster through ``DaskExecutor``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from ..context import Progress
from ..display import Displayable
from ..errors import InvalidGameError, SolverError
from .bayesian import bayes_compare, bayes_values
from .compare import compare
from .conclusions import (
    MEASURES,
    Conclusion,
    bayes_conclusions,
    builtin_conclusions,
    coordination_values,
)
from .executor import Executor, executor_for
from .model import Model
from .parameters import Parameter, values_from_uniforms

__all__ = ["SweepResult", "ConclusionShare", "CoordinationValue", "sweep", "conclusions",
           "wilson_interval", "uncertain_parameters", "Draw"]

#: Draws tried per sample before giving up on the constraints.
MAX_REJECTIONS = 1000
#: The quantiles reported for each value of coordination.
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


def conclusions(model: Model) -> list[Conclusion]:
    """The built-in conclusions checked for a model (the earlier name of
    ``builtin_conclusions``)."""
    return builtin_conclusions(model)


def wilson_interval(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson score interval for ``k`` successes in ``n`` trials (95% by default).

    Parameters
    ----------
    k, n : int
        Successes and trials.
    z : float
        The standard normal quantile of the confidence level (default: 95%).

    Returns
    -------
    (float, float)
        The interval's ends, exactly 0 when ``k == 0`` and exactly 1 when ``k == n``;
        ``(0.0, 1.0)`` when ``n <= 0``.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. Journal of the American Statistical Association 22.

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(15, 30)]
    [0.3315, 0.6685]
    >>> [round(x, 4) for x in wilson_interval(0, 30)]
    [0.0, 0.1135]
    """
    if n <= 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # exactly 0 and 1 at the ends (the formula gives them up to rounding)
    return (0.0 if k == 0 else max(0.0, centre - half), 1.0 if k == n else min(1.0, centre + half))


@dataclass(frozen=True)
class ConclusionShare(Displayable):
    """How often one conclusion holds over a sweep's draws.

    Attributes
    ----------
    name, text : str
        The conclusion's name and statement.
    holds : int
        In how many draws it holds.
    samples : int
        The number of draws.
    at_point : bool
        Whether it holds at the point values.
    share : float
        (property) ``holds / samples``.
    stderr : float
        (property) The Monte Carlo standard error ``sqrt(share (1 - share) / samples)``.
    interval : (float, float)
        (property) The 95% Wilson interval (``wilson_interval``).

    Examples
    --------
    >>> import gametheory as gt
    >>> c = gt.sweep(gt.load_model("loose-nukes"), samples=8, seed=1, workers=1).conclusions[0]
    >>> c.name, c.holds, c.samples, c.share, c.at_point
    ('worst_payoff.all', 6, 8, 0.75, True)
    >>> round(c.stderr, 4), [round(x, 4) for x in c.interval]
    (0.1531, [0.4093, 0.9285])
    """

    name: str
    text: str
    holds: int
    samples: int
    at_point: bool

    @property
    def share(self) -> float:
        return self.holds / self.samples

    @property
    def stderr(self) -> float:
        p = self.share
        return math.sqrt(p * (1 - p) / self.samples)

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.holds, self.samples)


@dataclass(frozen=True)
class CoordinationValue(Displayable):
    """The distribution of one party's value of coordination for one measure over a sweep.

    The value of coordination is the party's worst, best or selected equilibrium
    payoff with the understandings minus without
    (``coordination_values``; in the bayes view
    its worst or best ex-ante payoff, ``bayes_values``).

    Attributes
    ----------
    party : str
    measure : str
        ``"worst"``, ``"best"`` or ``"selected"``.
    at_point : float
        The value at the point values.
    mean, stderr : float
        Its mean over the draws and the Monte Carlo standard error of the mean (NaN
        for one draw).
    quantiles : tuple of float
        At 5, 25, 50, 75 and 95%.
    positive : float
        The share of draws where it is positive.
    positive_stderr : float
        The standard error of that share.

    Examples
    --------
    >>> import gametheory as gt
    >>> v = gt.sweep(gt.load_model("loose-nukes"), samples=8, seed=1, workers=1).values[0]
    >>> v.party, v.measure, v.at_point, len(v.quantiles), 0 <= v.positive <= 1
    ('US', 'worst', 0.7, 5, True)
    """

    party: str
    measure: str
    at_point: float
    mean: float
    stderr: float
    quantiles: tuple[float, ...]          # at QUANTILES
    positive: float                       # share of draws where it is > 0
    positive_stderr: float


@dataclass(frozen=True)
class Draw:
    """One draw: its index, the drawn values, each conclusion's truth, each value of
    coordination (``(party, measure) -> value``) and the infeasible draws skipped before it."""

    index: int
    values: dict[str, Fraction]
    holds: tuple[bool, ...]
    coordination: dict[tuple[str, str], Fraction]
    rejected: int


@dataclass(frozen=True)
class SweepResult(Displayable):
    """A sweep: the draws' summary, and the draws themselves (made by ``sweep``).

    ``gt.render(res, fmt)`` writes it as ``gametheory sweep`` prints it, ``gt.to_dict(res)``
    as JSON (schema ``gametheory.sweep/2``).

    Attributes
    ----------
    model : Model
    samples, seed : int
        The number of draws and the seed.
    parameters : tuple of Parameter
        The numbers drawn.
    conclusions : tuple of ConclusionShare
        One per conclusion, the built-in ones first, then the caller's.
    values : tuple of CoordinationValue
        One per party and measure.
    rejected : int
        Infeasible draws skipped (drawn again): a priority could not be kept once
        rounded, or the scenario probabilities drawn left the others less than nothing.
    draws : tuple of Draw
        Every draw: its ``index``, the drawn ``values`` (parameter name -> Fraction),
        each conclusion's truth ``holds`` (in the order of ``conclusions``), each value
        of coordination ``coordination`` (``(party, measure) -> value``) and the
        infeasible draws ``rejected`` before it.
    view : str
        ``"complete"`` or ``"bayes"``.
    texts, holds, at_default : tuple
        (properties) The conclusions' texts, counts of draws where they hold, and
        truth at the point values.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.sweep(gt.load_model("loose-nukes"), samples=8, seed=1, workers=1)
    >>> len(res.parameters), len(res.draws), res.rejected, res.view
    (13, 8, 0, 'complete')
    >>> res.holds[:3], res.at_default[:3]
    ((6, 5, 6), (True, True, True))
    """

    model: Model
    samples: int
    seed: int
    parameters: tuple[Parameter, ...]            # the numbers drawn
    conclusions: tuple[ConclusionShare, ...]
    values: tuple[CoordinationValue, ...]
    rejected: int                                # infeasible draws skipped
    draws: tuple[Draw, ...] = field(default=(), repr=False)
    view: str = "complete"                       # or "bayes": the Bayes-Nash comparison

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.conclusions)

    @property
    def holds(self) -> tuple[int, ...]:
        return tuple(c.holds for c in self.conclusions)

    @property
    def at_default(self) -> tuple[bool, ...]:
        return tuple(c.at_point for c in self.conclusions)


def uncertain_parameters(model: Model, vary: Sequence[str] | None = None,
                         view: str = "complete") -> tuple[Parameter, ...]:
    """The parameters a sweep draws: every one with a range, or those named in ``vary``
    (parameter names, or kinds: ``weight``, ``effect``, ``baseline``, ``probability``, ``type``).
    In the complete-information view type probabilities are drawn only when named: the
    comparison its conclusions read does not depend on them."""
    params = [p for p in model.parameters() if not p.number.fixed]
    if vary is None:
        return tuple(p for p in params if p.kind != "type" or view == "bayes")
    known = {p.name for p in model.parameters()}
    out = []
    for v in vary:
        chosen = [p for p in params if p.name == v or p.kind == v]
        if not chosen:
            raise InvalidGameError(f"{model.path}: {v!r} is " + (
                "a parameter without a range" if v in known else
                "neither a parameter nor a kind (weight, effect, baseline, probability)"))
        out += [p for p in chosen if p not in out]
    return tuple(out)


def _draw(model: Model, params: Sequence[Parameter], seed: int, k: int) -> tuple[dict, int]:
    rng = np.random.default_rng([seed, k])
    for tries in range(MAX_REJECTIONS):
        values = values_from_uniforms(model, params, rng.random(len(params)))
        if values is not None:
            return values, tries
    raise InvalidGameError(f"{model.path}: no draw within the ranges meets the stated priorities "
                           f"and scenario probabilities after {MAX_REJECTIONS} tries")


def _view_of(model: Model, view: str):
    """The comparison, the built-in conclusions and the values of coordination of a view."""
    if view == "bayes":
        return bayes_compare, bayes_conclusions(model), bayes_values
    return (lambda m: compare(m, extras=False)), builtin_conclusions(model), coordination_values


def _sample(job: tuple) -> Draw:
    model, params, extra, seed, k, view = job
    # the built-in conclusions are closures: made again here rather than sent to a worker
    comparing, builtin, valuing = _view_of(model, view)
    checks = tuple(builtin) + tuple(extra)
    values, rejected = _draw(model, params, seed, k)
    drawn = model.with_values(values)
    comparison = comparing(drawn)
    return Draw(index=k, values=values, holds=tuple(c.holds(comparison) for c in checks),
                coordination=valuing(drawn, comparison), rejected=rejected)


def _summary(model: Model, draws: Sequence[Draw], at_point: dict) -> tuple[CoordinationValue, ...]:
    out = []
    n = len(draws)
    for p in (q.name for q in model.parties):
        for m in MEASURES:
            if (p, m) not in at_point:
                continue
            x = np.array([float(d.coordination[(p, m)]) for d in draws])
            pos = float(np.mean(x > 0))
            out.append(CoordinationValue(
                party=p, measure=m, at_point=float(at_point[(p, m)]), mean=float(x.mean()),
                stderr=float(x.std(ddof=1) / math.sqrt(n)) if n > 1 else float("nan"),
                quantiles=tuple(float(q) for q in np.quantile(x, QUANTILES)),
                positive=pos, positive_stderr=math.sqrt(pos * (1 - pos) / n)))
    return tuple(out)


def sweep(model: Model, samples: int = 100, seed: int = 0, workers: int | None = None,
          progress: Progress | None = None, executor: Executor | None = None, *,
          vary: Sequence[str] | None = None,
          extra: Sequence[Conclusion] = (), view: str = "complete") -> SweepResult:
    """Every conclusion's share of ``samples`` draws of the model's uncertain numbers.

    Every number with a range (or only those named in ``vary``) is drawn from its
    distribution.  A party's priorities hold in every draw: a lower weight is drawn
    within its range truncated to what its higher weights allow, so a draw's
    inputs are independent uniforms.  Scenario probabilities with a range are drawn
    and the scenarios without one share the rest.  Values are rounded to fractions
    with denominator 1000, exact.  ``compare`` is recomputed for each draw (a lean
    comparison: Nash equilibria, continua and the welfare-maximising correlated
    equilibrium).  Reported for **every** conclusion, favourable or not: the share
    of draws where it holds, its Monte Carlo standard error, its 95% Wilson
    interval and whether it holds at the point values; and each party's value of
    coordination.  Draw ``k`` is seeded by ``(seed, k)``, so the result does not
    depend on ``workers`` or ``executor``.

    Parameters
    ----------
    model : Model
    samples : int
        Number of draws.
    seed : int
        Seed; draw ``k`` uses ``numpy.random.default_rng([seed, k])``.
    workers : int or None
        Worker processes (default: the cores this process may use); 1 runs in this
        process.
    progress : callable, optional
        Called as ``progress("sweep", done, samples)`` after each draw.
    executor : Executor, optional
        Where the draws run (``gametheory.crisis.executor``, e.g. a
        ``SerialExecutor``, ``ProcessExecutor(workers)``, or ``DaskExecutor(client)``
        for a ``dask.distributed`` cluster, with the ``dask`` extra); overrides
        ``workers``.
    vary : sequence of str, optional
        Draw only these parameters (names, or kinds such as ``"weight"``); the
        others keep their point values.  Default: every number with a range.
    extra : sequence of Conclusion
        The caller's conclusions, checked beside the built-in ones (with worker
        processes their functions must pickle: module-level functions, or
        conclusions parsed by ``parse_conclusion``).
    view : {"complete", "bayes"}
        The complete-information comparison (``compare``)
        or, for a model with private types, the Bayes-Nash one
        (``bayes_compare``, its conclusions
        ``bayes_conclusions`` and values of
        coordination ``bayes_values``); the
        bayes view also draws the type probabilities that have ranges.

    Returns
    -------
    SweepResult

    Raises
    ------
    InvalidGameError
        For ``samples`` not a positive integer, a ``progress`` that is not callable,
        an unknown ``view`` (or ``"bayes"`` without ``[[type]]`` tables), two
        conclusions with one name, a ``vary`` entry that is neither a parameter with
        a range nor a kind, or when no draw within the ranges meets the priorities
        after 1000 tries.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. Journal of the American Statistical Association 22.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = sweep(gt.load_model("coordinated"), samples=4, seed=1, workers=1)
    >>> res.samples, all(0 <= c.holds <= 4 for c in res.conclusions)
    (4, True)
    >>> res.conclusions[-1].text
    "the best correlated equilibrium beats every Nash equilibrium in the movers' total (first regime)"
    >>> c = res.conclusions[0]
    >>> c.name, c.at_point, 0 <= c.interval[0] <= c.share <= c.interval[1] <= 1
    ('worst_payoff.all', True, True)
    >>> [round(x, 3) for x in res.conclusions[0].interval] == [
    ...     round(x, 3) for x in gt.wilson_interval(res.conclusions[0].holds, 4)]
    True
    """
    if not isinstance(samples, int) or isinstance(samples, bool) or samples < 1:
        raise InvalidGameError(f"sweep: samples must be a positive integer, got {samples!r}")
    if progress is False:           # the former ``progress=False``: no progress reports
        progress = None
    if progress is not None and not callable(progress):
        raise InvalidGameError(f"sweep: progress must be a callback progress(stage, done, total), "
                               f"got {progress!r}")
    if view not in ("complete", "bayes"):
        raise InvalidGameError(f"sweep: unknown view {view!r}; choose 'complete' or 'bayes'")
    if view == "bayes" and not model.types:
        raise InvalidGameError(f"{model.path}: the bayes view needs [[type]] tables")
    comparing, builtin, valuing = _view_of(model, view)
    checks = tuple(builtin) + tuple(extra)
    names = [c.name for c in checks]
    if len(set(names)) < len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise InvalidGameError(f"sweep: two conclusions are named {dup!r}")
    params = uncertain_parameters(model, vary, view)
    point = comparing(model)
    jobs = [(model, params, tuple(extra), seed, k, view) for k in range(samples)]
    if executor is None:
        executor = executor_for(workers, jobs)
    draws = []
    for k, draw in enumerate(executor.map(_sample, jobs), 1):
        draws.append(draw)
        if progress is not None:
            progress("sweep", k, samples)
    if len(draws) != samples:
        raise SolverError("sweep: some draws were lost")
    shares = tuple(ConclusionShare(name=c.name, text=c.text,
                                   holds=sum(d.holds[i] for d in draws), samples=samples,
                                   at_point=c.holds(point))
                   for i, c in enumerate(checks))
    return SweepResult(model=model, samples=samples, seed=seed, parameters=params,
                       conclusions=shares,
                       values=_summary(model, draws, valuing(model, point)),
                       rejected=sum(d.rejected for d in draws), draws=tuple(draws), view=view)
