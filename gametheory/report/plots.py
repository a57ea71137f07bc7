"""Figures of the robustness analyses (matplotlib, the ``plot`` extra).

- ``plot_values``: each party's value of coordination over a sweep's draws;
- ``plot_threshold``: a conclusion's truth along a scanned parameter, flips marked;
- ``plot_region``: a conclusion over a grid of two parameters;
- ``plot_sobol``: first-order and total Sobol indices as bars;
- ``plot_payoff_set``: a two-player stage game's feasible payoffs, the minmax point and the
  folk theorem's set (feasible and individually rational).

Each returns the ``matplotlib.axes.Axes`` it drew on (pass ``ax`` to draw on
your own); ``ax.figure.savefig("file.png")`` writes PNG, SVG or PDF by the
file's suffix, and ``gametheory plot`` does it from the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np

from ..analysis.repeated import PayoffSet
from ..crisis.sensitivity import Sensitivity
from ..crisis.sweep import SweepResult
from ..crisis.thresholds import RegionMap, ThresholdResult
from ..errors import InvalidGameError

__all__ = ["plot_values", "plot_threshold", "plot_region", "plot_sobol", "plot_payoff_set"]


def _axes(ax: Any, size: tuple[float, float]):
    import matplotlib.pyplot as plt  # lazy: matplotlib is an optional dependency
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def plot_values(res: SweepResult, measure: str = "selected", ax: Any = None):
    """Box plots of each party's value of coordination over the draws, the point value marked.

    Matplotlib (the ``plot`` extra) draws the values of a sweep's draws, one box per party,
    with the value at the model's point values marked.  ``ax.figure.savefig(path)`` writes PNG, SVG or PDF (by the file's suffix).

    Parameters
    ----------
    res : SweepResult
        A sweep (``sweep``).
    measure : str
        Which value of coordination: at the ``"selected"`` equilibrium (the default), or
        the ``"worst"`` or ``"best"`` one, where the sweep recorded it.
    ax : matplotlib.axes.Axes, optional
        Draw on these axes; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        When the sweep has no value of coordination for ``measure``.

    Examples
    --------
    >>> import gametheory as gt
    >>> res = gt.sweep(gt.load_model("coordinated"), samples=8, seed=1, workers=1)
    >>> ax = plot_values(res)
    >>> ax.get_ylabel()
    'value of coordination (selected equilibrium)'
    """
    parties = [p.name for p in res.model.parties if (p.name, measure) in res.draws[0].coordination] \
        if res.draws else []
    if not parties:
        raise InvalidGameError(f"plot_values: no value of coordination for {measure!r} in this sweep")
    data = [[float(d.coordination[(p, measure)]) for d in res.draws] for p in parties]
    points = {v.party: v.at_point for v in res.values if v.measure == measure}
    ax = _axes(ax, (1.6 * len(parties) + 2, 4))
    ax.boxplot(data, showfliers=True)
    ax.set_xticks(range(1, len(parties) + 1))
    ax.set_xticklabels(parties)
    ax.scatter(range(1, len(parties) + 1), [points[p] for p in parties], marker="D", color="C3",
               zorder=3, label="at the point values")
    ax.axhline(0, color="grey", lw=0.8, ls="--")
    ax.set_ylabel(f"value of coordination ({measure} equilibrium)")
    ax.set_title(f"{res.model.title}: {res.samples} draws (seed {res.seed})", fontsize=9)
    ax.legend(fontsize=8)
    return ax


def plot_threshold(res: ThresholdResult, names: Sequence[str] | None = None, ax: Any = None):
    """Each conclusion's truth along the parameter (a step line per conclusion), flips marked.

    Matplotlib (the ``plot`` extra); each flip is marked with its exact value where it is
    known.  ``ax.figure.savefig(path)`` writes PNG, SVG or PDF (by the file's suffix).

    Parameters
    ----------
    res : ThresholdResult
        A scan of one parameter (``thresholds``).
    names : sequence of str, optional
        The conclusions to draw; by default those that flip (all of them when none does).
    ax : matplotlib.axes.Axes, optional
        Draw on these axes; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        When ``names`` holds an unknown conclusion.

    Examples
    --------
    >>> import gametheory as gt
    >>> th = gt.thresholds(gt.load_model("succession"), "probability.succession", points=4,
    ...                    only=["worst_payoff.ROK"])
    >>> plot_threshold(th).get_xlabel()
    'probability.succession'
    """
    chosen = [n for n in res.names if names is None or n in names]
    if names is not None and len(chosen) != len(set(names)):
        raise InvalidGameError(f"plot_threshold: unknown conclusion among {list(names)}")
    if names is None:              # only the conclusions that flip, when some do
        flipping = {f.conclusion for f in res.flips}
        chosen = [n for n in chosen if n in flipping] or chosen
    ax = _axes(ax, (7, 0.5 * len(chosen) + 2))
    lo, hi = float(res.low), float(res.high)
    for row, name in enumerate(chosen):
        k = res.names.index(name)
        flips = sorted((f for f in res.flips if f.conclusion == name), key=lambda f: f.low)
        # the truth is constant between flips: draw it from flip to flip
        xs, ys, truth = [lo], [], bool(res.holds[k][0])
        for f in flips:
            x = float(f.exact if f.exact is not None else (f.low + f.high) / 2)
            xs.append(x)
            ys.append(truth)
            truth = not truth
            ax.axvline(x, color="C3", lw=0.6, ls=":")
            ax.annotate(str(f.exact) if f.exact is not None else f"~{x:.3g}", (x, row + 0.85),
                        fontsize=7, color="C3")
        xs.append(hi)
        ys.append(truth)
        ax.stairs([row + 0.8 * float(t) for t in ys], xs, baseline=None, color="C0")
    ax.set_yticks([r + 0.4 for r in range(len(chosen))])
    ax.set_yticklabels([res.texts[res.names.index(n)] for n in chosen], fontsize=7)
    ax.set_xlim(lo, hi)
    ax.set_xlabel(res.parameter)
    ax.set_title("high: holds, low: fails; exact flips marked", fontsize=9)
    return ax


def plot_region(res: RegionMap, name: str | None = None, ax: Any = None):
    """Where one conclusion holds over the grid of two parameters (dark: holds).

    Matplotlib (the ``plot`` extra).  ``ax.figure.savefig(path)`` writes PNG, SVG or PDF (by the file's suffix).

    Parameters
    ----------
    res : RegionMap
        A grid over two parameters (``region_map``).
    name : str, optional
        The conclusion; by default the first that varies over the grid (else the first).
    ax : matplotlib.axes.Axes, optional
        Draw on these axes; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        When there is no conclusion ``name``.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.region_map(gt.load_model("loose-nukes"), ["weight.US.loose_nukes", "weight.US.clash"],
    ...                   points=3, only=["correlation_gain"])
    >>> plot_region(m).get_xlabel()
    'weight.US.loose_nukes'
    """
    if name is None:
        varying = [n for n, h in zip(res.names, res.holds) if len({v for row in h for v in row}) > 1]
        name = varying[0] if varying else res.names[0]
    if name not in res.names:
        raise InvalidGameError(f"plot_region: no conclusion {name!r}")
    k = res.names.index(name)
    grid = np.array(res.holds[k], dtype=float).T          # rows: the second parameter
    ax = _axes(ax, (5, 4))
    xs, ys = [float(v) for v in res.xs], [float(v) for v in res.ys]
    ax.pcolormesh(xs, ys, grid, shading="nearest", cmap="Blues", vmin=0, vmax=1)
    ax.set_xlabel(res.parameters[0])
    ax.set_ylabel(res.parameters[1])
    ax.set_title(res.texts[k], fontsize=8)
    return ax


def plot_sobol(s: Sensitivity, output: tuple[str, str] | None = None, ax: Any = None):
    """First-order and total Sobol indices of one output (default: the first), with intervals.

    Matplotlib (the ``plot`` extra): one pair of bars per varied number, with their
    bootstrap confidence intervals.  ``ax.figure.savefig(path)`` writes PNG, SVG or PDF (by the file's suffix).

    Parameters
    ----------
    s : Sensitivity
        A Sobol analysis (``sensitivity``).
    output : tuple of (str, str), optional
        The output ``(party, measure)``; by default the first of ``s.outputs``.
    ax : matplotlib.axes.Axes, optional
        Draw on these axes; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        When ``output`` is not one of ``s.outputs``.

    Examples
    --------
    >>> import gametheory as gt
    >>> s = gt.sensitivity(gt.load_model("coordinated"), n=8, workers=1, bootstrap=10,
    ...                    vary=["weight.US.clash", "weight.US.us_role"])
    >>> plot_sobol(s, ("US", "selected")).get_xlabel()
    'Sobol index'
    """
    chosen: tuple[str, ...] = s.outputs[0] if output is None else tuple(output)
    if chosen not in s.outputs:
        raise InvalidGameError(f"plot_sobol: no output {chosen!r}; outputs: {list(s.outputs)}")
    k = s.outputs.index(chosen)
    idx = s.indices
    d = len(idx.names)

    def col(a: Any) -> np.ndarray:
        return np.asarray(a, dtype=float).reshape(d, -1)[:, k]

    first, total = col(idx.first), col(idx.total)
    ax = _axes(ax, (7, 0.35 * d + 1.5))
    y = np.arange(d)
    for values, low, high, off, label in ((first, col(idx.first_low), col(idx.first_high), -0.2,
                                           "first order"),
                                          (total, col(idx.total_low), col(idx.total_high), 0.2,
                                           "total")):
        v = np.nan_to_num(values)
        err = np.abs(np.vstack([v - np.nan_to_num(low), np.nan_to_num(high) - v]))
        ax.barh(y + off, v, height=0.4, xerr=err, label=label, capsize=2)
    ax.set_yticks(y)
    ax.set_yticklabels(idx.names, fontsize=7)
    ax.set_xlabel("Sobol index")
    ax.set_title(f"{chosen[0]}'s value of coordination ({chosen[1]} equilibrium)", fontsize=9)
    ax.legend(fontsize=8)
    return ax


def plot_payoff_set(ps: PayoffSet, ax: Any = None):
    """The pure payoff vectors, their convex hull (feasible payoffs), the minmax point and the
    feasible individually rational set shaded (two-player stage games).

    Matplotlib (the ``plot`` extra): the payoffs the folk theorem can sustain.  ``ax.figure.savefig(path)`` writes PNG, SVG or PDF (by the file's suffix).

    Parameters
    ----------
    ps : PayoffSet
        The payoff set of a two-player stage game (``feasible_payoff_set``).
    ax : matplotlib.axes.Axes, optional
        Draw on these axes; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InvalidGameError
        When the stage game does not have two players.

    Examples
    --------
    >>> import gametheory as gt
    >>> ax = plot_payoff_set(gt.feasible_payoff_set(gt.read_game("prisoners-dilemma")))
    >>> ax.get_xlabel()
    'Row'
    """
    if ps.vertices is None:
        raise InvalidGameError(f"plot_payoff_set: the set is drawn for two players; this game "
                               f"has {ps.game.num_players}")
    ax = _axes(ax, (5, 4.5))
    pts = np.array([[float(x) for x in p] for p in ps.points])
    ax.scatter(pts[:, 0], pts[:, 1], color="C0", zorder=3, label="pure profiles")
    named: dict[tuple, list[str]] = {}
    for (x, y), ix in zip(pts.tolist(), np.ndindex(*ps.game.shape)):
        named.setdefault((x, y), []).append("/".join(ps.game.actions[i][a] for i, a in enumerate(ix)))
    for (x, y), names in named.items():
        text = names[0] if len(names) == 1 else f"{names[0]} (+{len(names) - 1})"
        ax.annotate(text, (x, y), fontsize=7, xytext=(3, 3), textcoords="offset points")
    corners = cast("tuple[tuple[Any, ...], ...]", ps.hull)      # two players: set as well
    hull = np.array([[float(x) for x in v] for v in corners])
    ax.fill(hull[:, 0], hull[:, 1], facecolor="none", edgecolor="C0", lw=1, label="feasible payoffs")
    ring = np.array([[float(x) for x in v] for v in ps.vertices])
    if len(ring) >= 3:
        ax.fill(ring[:, 0], ring[:, 1], color="C2", alpha=0.35,
                label="feasible and individually rational")
    else:
        ax.plot(ring[:, 0], ring[:, 1], color="C2", lw=3, label="feasible and individually rational")
    ax.scatter([float(ps.minmax[0])], [float(ps.minmax[1])], marker="x", color="C3", zorder=4,
               label="minmax values")
    ax.set_xlabel(ps.game.players[0])
    ax.set_ylabel(ps.game.players[1])
    ax.set_title(f"{ps.game.title or 'stage game'}: the folk theorem's payoffs", fontsize=9)
    ax.legend(fontsize=7)
    return ax
