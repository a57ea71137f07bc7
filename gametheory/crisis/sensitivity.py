"""Which numbers matter, and where conclusions fail: Sobol indices and scenario discovery.

``sensitivity`` estimates the Sobol indices (first order and total,
``gametheory.crisis.sobol``) of each party's value of coordination with
respect to the model's uncertain numbers.  Sobol indices assume independent
inputs, and a party's priorities make its weights dependent (a lower weight
must stay below its higher ones).  The inputs here are therefore the
independent uniforms a draw is made from (``values_from_uniforms``):
each number's quantile within its range, where the range of a weight bounded
by a priority is truncated to what its higher weights allow (``B = F^-1(u)``
on the part of ``B``'s range that ``A`` allows: the reparametrisation ``B = u
A`` in general form).  The index of a lower weight thus measures the effect of
where it sits *within what its priorities allow*; the index of a higher
weight includes its effect through the bound it sets.

``discover`` finds, among the draws of a sweep, the few simple boxes of
parameter space where a conclusion fails (PRIM, ``gametheory.crisis.prim``),
reported as readable rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..display import Displayable
from ..errors import InvalidGameError
from .bayesian import bayes_compare, bayes_values
from .compare import compare
from .conclusions import MEASURES, coordination_values
from .executor import Executor, executor_for
from .model import Model
from .parameters import Parameter, values_from_uniforms
from .prim import PrimBox, prim
from .sobol import SobolIndices, sobol_design, sobol_indices
from .sweep import SweepResult, uncertain_parameters

__all__ = ["Sensitivity", "sensitivity", "Discovery", "discover"]


@dataclass(frozen=True)
class Sensitivity(Displayable):
    """Sobol indices of each party's value of coordination (made by ``sensitivity``).

    ``outputs`` names the columns of the indices: ``(party, measure)``;
    ``indices.first[i, k]`` is the first-order index of ``parameters[i]`` for
    output ``k`` (likewise ``total`` and the bootstrap bounds).

    Attributes
    ----------
    model : Model
    parameters : tuple of Parameter
        The numbers varied (the rows).
    outputs : tuple of (str, str)
        The ``(party, measure)`` pairs (the columns).
    indices : SobolIndices
        ``names``, ``first``, ``total``, ``first_low``, ``first_high``,
        ``total_low``, ``total_high`` (arrays of shape ``(d, len(outputs))``; the
        bounds are bootstrap percentile intervals), ``variance`` (per output),
        ``note`` (which outputs are constant, their indices NaN), ``confidence``,
        ``bootstrap``, ``n``, ``d``.
    n : int
        The base sample size.
    seed : int
        The design's seed.
    evaluations : int
        How many times the model was evaluated: ``n * (d + 2)``.
    view : str
        ``"complete"`` or ``"bayes"``.

    Examples
    --------
    >>> import gametheory as gt
    >>> s = gt.sensitivity(gt.load_model("loose-nukes"), n=8, workers=1, bootstrap=10,
    ...                    vary=["weight.US.clash", "weight.US.us_role"])
    >>> s.outputs, s.indices.names, s.indices.first.shape, s.evaluations
    ((('US', 'selected'), ('PRC', 'selected')), ('weight.US.clash', 'weight.US.us_role'), (2, 2), 32)
    """

    model: Model
    parameters: tuple[Parameter, ...]
    outputs: tuple[tuple[str, str], ...]
    indices: SobolIndices
    n: int
    seed: int
    evaluations: int
    view: str = "complete"


def _evaluate(job: tuple) -> list[float] | None:
    model, params, outputs, u, view = job
    values = values_from_uniforms(model, params, u)
    if values is None:
        return None
    drawn = model.with_values(values)
    if view == "bayes":
        v = bayes_values(drawn, bayes_compare(drawn))
    else:
        v = coordination_values(drawn, compare(drawn, extras=False))
    return [float(v[k]) for k in outputs]


def sensitivity(model: Model, n: int = 64, seed: int = 0, workers: int | None = None, *,
                vary: Sequence[str] | None = None, measures: Sequence[str] | None = None,
                executor: Executor | None = None, progress=None, bootstrap: int = 200,
                view: str = "complete") -> Sensitivity:
    """First-order and total Sobol indices of each party's value of coordination.

    The design is that of Saltelli et al. (2010): a scrambled Sobol sequence of
    ``n`` rows, ``n (d + 2)`` evaluations for ``d`` uncertain numbers (or those in
    ``vary``); first-order indices by Saltelli et al. (2010), total ones by Jansen
    (1999), with bootstrap percentile intervals.  Sobol indices need independent
    inputs and a party's priorities make its weights dependent, so the inputs are
    the independent uniforms a draw is made from: each number's quantile within its
    range, and for a weight bounded by a priority, within the part of its range its
    higher weights allow (the reparametrisation ``B = u A``, in general form).  The
    index of a lower weight thus measures where it sits within what its priorities
    allow; that of a higher weight includes its effect through the bound it sets.

    Parameters
    ----------
    model : Model
        A model with understandings (two regimes).
    n : int
        Base sample size (a power of 2 is best); the model is evaluated
        ``n * (d + 2)`` times for ``d`` uncertain numbers.
    seed : int
        Seed of the scrambled Sobol design: the same seed, the same indices,
        whatever the workers or executor.
    workers, executor, progress
        As for ``sweep``.
    vary : sequence of str, optional
        The numbers to vary (names or kinds); the others stay at their point values.
    measures : sequence of str, optional
        Which values of coordination: ``"worst"``, ``"best"``, ``"selected"``
        (default: ``"selected"``; ``"worst"`` in the bayes view).
    bootstrap : int
        Bootstrap replicates for the confidence intervals.
    view : {"complete", "bayes"}
        The complete-information values of coordination, or (a model with
        ``[[type]]`` tables) the moving parties' worst and best ex-ante values
        over the Bayes-Nash equilibria (``bayes_values``),
        type probabilities with ranges varied too.

    Returns
    -------
    Sensitivity

    Raises
    ------
    InvalidGameError
        For a model without understandings, an unknown view (or ``"bayes"`` without
        ``[[type]]`` tables), an unknown measure, nothing uncertain to vary, or
        design points whose rounded values break a priority (Sobol indices need
        every point: vary fewer numbers or widen the ranges).

    References
    ----------
    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. and Tarantola, S.
    (2010). Variance based sensitivity analysis of model output. Design and estimator
    for the total sensitivity index. Computer Physics Communications 181.
    Jansen, M. J. W. (1999). Analysis of variance designs for model output. Computer
    Physics Communications 117.

    Examples
    --------
    >>> import gametheory as gt
    >>> s = sensitivity(gt.load_model("coordinated"), n=8, workers=1, bootstrap=20,
    ...                 vary=["weight.ROK.meltdown", "effect.rok_aid.meltdown"])
    >>> s.indices.first.shape, s.evaluations
    ((2, 4), 32)
    """
    if not model.understandings:
        raise InvalidGameError(f"{model.path}: no understandings, so no value of coordination")
    if view not in ("complete", "bayes"):
        raise InvalidGameError(f"sensitivity: unknown view {view!r}; choose 'complete' or 'bayes'")
    if view == "bayes" and not model.types:
        raise InvalidGameError(f"{model.path}: the bayes view needs [[type]] tables")
    allowed = ("worst", "best") if view == "bayes" else MEASURES
    if measures is None:
        measures = ("worst",) if view == "bayes" else ("selected",)
    bad = [m for m in measures if m not in allowed]
    if bad or not measures:
        raise InvalidGameError(f"sensitivity: measures are {', '.join(allowed)} in the {view} "
                               f"view, got {bad or 'none'}")
    params = uncertain_parameters(model, vary, view)
    if not params:
        raise InvalidGameError(f"{model.path}: no uncertain number to vary")
    d = len(params)
    design = sobol_design(d, n, seed)
    parties = model.players if view == "bayes" else model.parties
    outputs = tuple((p.name, m) for p in parties for m in measures)
    jobs = [(model, params, outputs, row, view) for row in design]
    if executor is None:
        executor = executor_for(workers, jobs)
    rows = []
    for k, row in enumerate(executor.map(_evaluate, jobs), 1):
        rows.append(row)
        if progress is not None:
            progress("sensitivity", k, len(jobs))
    missing = sum(r is None for r in rows)
    if missing:
        raise InvalidGameError(f"{model.path}: {missing} of {len(rows)} design points break a "
                               "priority once rounded; Sobol indices need every point (vary "
                               "fewer numbers or widen the ranges)")
    y = np.array(rows, dtype=float)
    indices = sobol_indices(y, d, n, names=[p.name for p in params], bootstrap=bootstrap, seed=seed)
    return Sensitivity(model=model, parameters=params, outputs=outputs, indices=indices, n=n,
                       seed=seed, evaluations=len(rows), view=view)


@dataclass(frozen=True)
class Discovery(Displayable):
    """Where conclusions fail among a sweep's draws (made by ``discover``).

    Attributes
    ----------
    sweep : SweepResult
        The sweep examined.
    boxes : dict of str to tuple of PrimBox
        Per conclusion name, the boxes where it fails (empty when it fails in no draw
        or in every draw).  A box's ``limits`` are ``(name, low, high)`` bounds
        (``low <= x < high``, None for an open side), ``rule()`` writes them as
        text; ``density`` is the share of the box's draws where the conclusion
        fails, ``coverage`` the share of its failures inside the box, ``mass`` the
        share of all draws inside.
    failures : dict of str to int
        Per conclusion name, how many draws fail it.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.sweep(gt.load_model("loose-nukes"), samples=16, seed=1, workers=1)
    >>> found = gt.discover(res, ["worst_payoff.US"])
    >>> found.failures, [b.rule() for b in found.boxes["worst_payoff.US"]]
    ({'worst_payoff.US': 2}, ['weight.US.clash >= -5.52'])
    """

    sweep: SweepResult
    boxes: dict[str, tuple[PrimBox, ...]]
    failures: dict[str, int]


def discover(res: SweepResult, names: Sequence[str] | None = None, *, threshold: float = 0.8,
             min_mass: float = 0.05, max_boxes: int = 3) -> Discovery:
    """PRIM boxes of the drawn numbers where each conclusion fails (Friedman and Fisher 1999;
    Bryant and Lempert 2010).

    Every conclusion that fails in some draws and holds in others is examined
    (or those in ``names``); a box is a conjunction of bounds on a few drawn
    numbers, e.g. ``"probability.succession < 0.3 and weight.PRC.clash >= -4"``.

    Parameters
    ----------
    res : SweepResult
        A sweep with its draws.
    names : sequence of str, optional
        The conclusions to examine (default: all).
    threshold : float
        The density a box should reach to be chosen, in ``(0, 1]``.
    min_mass : float
        The smallest share of the draws a box may keep, in ``(0, 1]``.
    max_boxes : int
        The most boxes per conclusion.

    Returns
    -------
    Discovery

    Raises
    ------
    InvalidGameError
        When the sweep has no draws or ``names`` holds an unknown conclusion.

    References
    ----------
    Friedman, J. H. and Fisher, N. I. (1999). Bump hunting in high-dimensional data.
    Statistics and Computing 9.
    Bryant, B. P. and Lempert, R. J. (2010). Thinking inside the box: a participatory,
    computer-assisted approach to scenario discovery. Technological Forecasting and
    Social Change 77.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.sweep(gt.load_model("loose-nukes"), samples=16, seed=1, workers=1)
    >>> found = discover(res, ["worst_payoff.all"])
    >>> found.failures["worst_payoff.all"] == 16 - res.conclusions[0].holds
    True
    """
    if not res.draws:
        raise InvalidGameError("discover: the sweep has no draws")
    params = [p.name for p in res.parameters]
    X = np.array([[float(d.values[p]) for p in params] for d in res.draws])
    all_names = [c.name for c in res.conclusions]
    chosen = list(all_names) if names is None else list(names)
    unknown = [n for n in chosen if n not in all_names]
    if unknown:
        raise InvalidGameError(f"discover: no conclusion {unknown[0]!r}")
    boxes, failures = {}, {}
    for name in chosen:
        k = all_names.index(name)
        fails = np.array([not d.holds[k] for d in res.draws])
        failures[name] = int(fails.sum())
        if 0 < fails.sum() < len(fails):
            boxes[name] = prim(X, fails, params, threshold=threshold, min_mass=min_mass,
                               max_boxes=max_boxes)
        else:
            boxes[name] = ()
    return Discovery(sweep=res, boxes=boxes, failures=failures)
