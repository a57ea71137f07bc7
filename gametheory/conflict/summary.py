"""What a conflict analysis tells, as records: everything a report shows, computed here.

- ``conflict_report``: the stability of every state for the decision makers (and the
  coalitions of a grouping), with, on request, the states reachable from a status quo, why
  one state is or is not stable, and which equilibria every coalition leaves stable; and the
  graph of improvements (``ImprovementGraph``).
- ``conflict_summary``: what coordination changes, in brief (``gametheory compare``
  shows it beside the payoff results).

The records are written by ``gametheory.report.render`` (``table``, ``json``, ``dot``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..display import Displayable
from .coalitions import MAX_DECISION_MAKERS, CoalitionalStability, coalitional_stability
from .model import ConflictModel
from .stability import CONCEPTS, Analysis, analyse

__all__ = ["ConflictReport", "ImprovementGraph", "Explanation", "Reachable", "Change",
           "ConflictSummary", "StatusQuo", "conflict_report", "improvement_graph",
           "conflict_summary"]


@dataclass(frozen=True)
class Explanation:
    """Why one state is or is not stable for one group (a decision maker or a coalition)."""

    group: tuple[str, ...]
    stable: tuple[str, ...]          # the concepts under which the state is stable for it
    reason: str                      # its improvements and how each is sanctioned, or not


@dataclass(frozen=True)
class Reachable:
    """The states reached from a status quo by a sequence of improvements."""

    start: str                                   # the status quo, as given (Y/N letters)
    paths: dict[int, tuple[int, ...]]            # reached state -> one shortest path (bitmasks),
                                                 # in ascending order of the reached state


@dataclass(frozen=True)
class Change:
    """What moving in coalitions changes under one concept: the equilibria it removes and adds
    (state names, sorted)."""

    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True)
class ImprovementGraph:
    """Every improvement of every group: an arc ``(origin, destination, group)`` per
    improvement (indices into ``model.states`` and ``groups``), by origin, then group, then
    destination; and the equilibria under every concept and under some concept."""

    model: ConflictModel
    groups: tuple[tuple[str, ...], ...]
    origin: np.ndarray
    destination: np.ndarray
    group: np.ndarray
    every: frozenset[int]                        # states (bitmasks) stable under every concept
    some: frozenset[int]                         # ... under at least one


@dataclass(frozen=True)
class ConflictReport(Displayable):
    """A conflict analysed, ready to render: see ``conflict_report``.

    A frozen record.  ``gametheory.render(report, fmt)`` writes it as ``"table"`` (what
    ``gametheory conflict`` prints), ``"json"`` (schema ``gametheory.conflict/1``) or
    ``"dot"`` (the graph of improvements, for Graphviz); ``gametheory.to_dict(report)``
    gives the JSON object.

    Attributes
    ----------
    model : ConflictModel
        The conflict analysed.
    analysis : Analysis
        Stability of every state for the decision makers acting alone.
    grouped : Analysis or None
        The same for the coalitions of the grouping, when one was given.
    changes : dict or None
        With a grouping: per concept, the ``Change`` the coalitions make.
    reachable, reachable_grouped : Reachable or None
        From the status quo ``start``: the states unilateral (and coalition) improvements reach.
    explain : str or None
        The state explained (Y/N letters).
    explanations, explanations_grouped : tuple of Explanation
        Per decision maker (and per coalition of the grouping), why the state ``explain``
        is or is not stable: the concepts under which it is, and the reason.
    coalitional : CoalitionalStability or None
        With ``every_coalition``: stability against every coalition.
    broken_by : dict or None
        With ``every_coalition``: per concept, each equilibrium (bitmask) of the decision
        makers alone that some coalition breaks, with the coalitions that break it.
    graph : ImprovementGraph
        The improvements of the groups of the grouping (the decision makers without one).

    Notes
    -----
    The JSON object (schema ``gametheory.conflict/1``) has ``title``, ``decision_makers``,
    ``options``, ``states`` (the feasible states as Y/N letters), ``stable`` (per concept,
    the equilibria for the decision makers as given) and ``stability`` (per decision maker
    and concept, the states stable for it); with a grouping, ``coalitions`` and
    ``stable_coalitions``; with ``start``, ``from`` (and ``from_coalitions``): the state and
    the reachable states, each with a path; with ``every_coalition``, ``coalitional``
    (``coalitions``, ``stable``: the equilibria no coalition breaks, ``broken_by``: for the
    others, the coalitions that break them); with ``explain``, ``explain``: per decision
    maker (and per coalition of the grouping) the concepts under which that state is stable
    and the reason.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                       ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                                "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> report = gt.conflict_report(pd, "A+B", every_coalition=True)
    >>> report.grouped.groups, report.changes["gmr"]
    ([('A', 'B')], Change(removed=('YY',), added=('NY', 'YN')))
    >>> report.broken_by["nash"]
    {3: (('A', 'B'),)}
    >>> d = gt.to_dict(report)
    >>> d["schema"], d["stable"]["nash"], d["coalitional"]["broken_by"]["nash"]
    ('gametheory.conflict/1', ['YY'], {'YY': ['A+B']})
    >>> print(gt.render(report).splitlines()[0])
    conflict: 2 decision makers, 2 options, 4 feasible states
    """

    model: ConflictModel
    analysis: Analysis
    graph: ImprovementGraph
    grouped: Analysis | None = None
    changes: dict[str, Change] | None = None
    reachable: Reachable | None = None
    reachable_grouped: Reachable | None = None
    explain: str | None = None
    explanations: tuple[Explanation, ...] = ()
    explanations_grouped: tuple[Explanation, ...] = ()
    coalitional: CoalitionalStability | None = None
    broken_by: dict[str, dict[int, tuple[tuple[str, ...], ...]]] | None = None


def _explanations(model: ConflictModel, analysis: Analysis, state: str) -> tuple[Explanation, ...]:
    k = model.index[model.state_of(state)]
    return tuple(Explanation(group=tuple(grp),
                             stable=tuple(c for c in CONCEPTS if analysis.stable[c][g][k]),
                             reason=analysis.reason(g, k))
                 for g, grp in enumerate(analysis.groups))


def _reachable(analysis: Analysis, start: str, s0: int) -> Reachable:
    paths = analysis.status_quo(s0)
    return Reachable(start=start, paths={t: tuple(path) for t, path in sorted(paths.items())})


def _broken_by(cs: CoalitionalStability,
               base: Analysis) -> dict[str, dict[int, tuple[tuple[str, ...], ...]]]:
    kept = {c: set(cs.equilibria[c]) for c in CONCEPTS}         # one lookup per state
    return {c: {s: tuple(cs.broken_by(c, s)) for s in base.equilibria[c]
                if s not in kept[c]} for c in CONCEPTS}


def _graph(model: ConflictModel, a: Analysis) -> ImprovementGraph:
    arcs = [a.improvement_arcs(g) for g in range(len(a.groups))]
    origin = np.concatenate([src for src, _ in arcs]) if arcs else np.zeros(0, np.int32)
    destination = np.concatenate([dst for _, dst in arcs]) if arcs else np.zeros(0, np.int32)
    group = np.concatenate([np.full(len(src), g, dtype=np.int32) for g, (src, _) in
                            enumerate(arcs)]) if arcs else np.zeros(0, np.int32)
    order = np.argsort(origin, kind="stable")          # by origin; groups in order within one
    every = set.intersection(*(set(a.equilibria[c]) for c in CONCEPTS))
    some = set.union(*(set(a.equilibria[c]) for c in CONCEPTS))
    return ImprovementGraph(model=model, groups=tuple(tuple(g) for g in a.groups),
                            origin=origin[order], destination=destination[order],
                            group=group[order], every=frozenset(every), some=frozenset(some))


def improvement_graph(model: ConflictModel,
                      grouping: str | Sequence[Sequence[str]] | None = None) -> ImprovementGraph:
    """The graph of improvements of the decision makers (or of the coalitions of ``grouping``):
    ``render(graph, "dot")`` draws it with Graphviz.

    Examples
    --------
    >>> from gametheory.conflict import ConflictModel, improvement_graph
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> g = improvement_graph(pd)
    >>> [(pd.state_name(pd.states[s]), pd.state_name(pd.states[t]), g.groups[h][0])
    ...  for s, t, h in zip(g.origin, g.destination, g.group)]
    [('NN', 'YN', 'A'), ('NN', 'NY', 'B'), ('YN', 'YY', 'B'), ('NY', 'YY', 'A')]
    """
    return _graph(model, analyse(model, grouping) if grouping is not None else analyse(model))


def conflict_report(model: ConflictModel, grouping: str | Sequence[Sequence[str]] | None = None,
                    start: str | None = None, every_coalition: bool = False,
                    explain: str | None = None) -> ConflictReport:
    """The analysis of a conflict, ready to render (``table``, ``json``, ``dot``).

    The stability of every state for the decision makers (``analysis``) and for the
    coalitions of ``grouping`` (``grouped``, with the equilibria they remove and add,
    ``changes``), with what was asked besides, and the graph of improvements (``graph``).
    ``gametheory.render(report)`` is the table ``gametheory conflict`` prints (a letter per
    concept and decision maker, the equilibria, what a grouping removes and adds, the
    equilibria every coalition leaves stable, the paths from ``start``);
    ``render(report, "json")`` the JSON object of schema ``gametheory.conflict/1`` (see
    ``ConflictReport``), and ``render(report, "dot")`` the graph of improvements for
    Graphviz.

    Parameters
    ----------
    model : ConflictModel
    grouping : str or sequence of sequences of str, optional
        Coalitions (``"US+PRC,ROK"``): the stability of every state when they move jointly,
        and what that changes.
    start : str, optional
        A status quo (Y/N letters): the states reachable from it by unilateral (and, with a
        grouping, coalition) improvements, each with a shortest path.
    every_coalition : bool
        Also test the equilibria against every coalition of two or more
        (``coalitional_stability``).
    explain : str, optional
        A state (Y/N letters): for each decision maker (and each coalition of the grouping),
        the concepts under which it is stable and why.

    Returns
    -------
    ConflictReport
        ``reachable`` and ``reachable_grouped`` with ``start``; ``explanations`` and
        ``explanations_grouped`` with ``explain``; ``coalitional`` and ``broken_by`` with
        ``every_coalition``.

    Raises
    ------
    InvalidGameError
        A malformed grouping, or a ``start`` or ``explain`` state that is not one Y/N letter
        per option or is infeasible.

    Examples
    --------
    >>> from gametheory.conflict import ConflictModel, conflict_report
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> r = conflict_report(pd, "A+B", start="NN", explain="YY")
    >>> r.changes["nash"]
    Change(removed=('YY',), added=('NN', 'NY', 'YN'))
    >>> [pd.state_name(s) for s in r.reachable.paths]
    ['NN', 'YN', 'NY', 'YY']
    >>> r.explanations[0]
    Explanation(group=('A',), stable=('nash', 'gmr', 'smr', 'seq'), reason='no unilateral improvement')
    """
    base = analyse(model)
    grouped = analyse(model, grouping) if grouping is not None else None
    changes = None
    if grouped is not None:
        name = model.state_name
        changes = {}
        for c in CONCEPTS:
            before, after = set(base.equilibria[c]), set(grouped.equilibria[c])
            changes[c] = Change(removed=tuple(sorted(name(s) for s in before - after)),
                                added=tuple(sorted(name(s) for s in after - before)))
    reachable = reachable_grouped = None
    if start:
        s0 = model.state_of(start)
        reachable = _reachable(base, start, s0)
        if grouped is not None:
            reachable_grouped = _reachable(grouped, start, s0)
    explanations: tuple[Explanation, ...] = ()
    explanations_grouped: tuple[Explanation, ...] = ()
    if explain:
        explanations = _explanations(model, base, explain)
        if grouped is not None:
            explanations_grouped = _explanations(model, grouped, explain)
    cs = broken_by = None
    if every_coalition:
        cs = coalitional_stability(model, base=base)
        broken_by = _broken_by(cs, base)
    return ConflictReport(model=model, analysis=base,
                          graph=_graph(model, grouped if grouped is not None else base),
                          grouped=grouped, changes=changes, reachable=reachable,
                          reachable_grouped=reachable_grouped, explain=explain or None,
                          explanations=explanations, explanations_grouped=explanations_grouped,
                          coalitional=cs, broken_by=broken_by)


@dataclass(frozen=True)
class StatusQuo:
    """From the state where no option is taken: the Nash equilibria improvements reach, each
    with a shortest path (state names), acting alone and all together."""

    state: str
    alone: dict[str, list[str]]
    together: dict[str, list[str]]


@dataclass(frozen=True)
class ConflictSummary:
    """What coordination changes in the graph model, in brief (``conflict_summary``).

    The states are named by their Y/N letters; ``alone``, ``together``, ``added`` and
    ``removed`` map each concept to a list of states; ``broken_by`` (None beyond
    ``MAX_DECISION_MAKERS`` decision makers) maps each
    concept to the equilibria of the decision makers alone that some coalition breaks, with
    those coalitions (members joined by ``+``); ``status_quo`` is None when the state with no
    option taken is infeasible.
    """

    title: str
    options: list[str]
    alone: dict[str, list[str]]
    together: dict[str, list[str]]
    added: dict[str, list[str]]
    removed: dict[str, list[str]]
    broken_by: dict[str, dict[str, list[str]]] | None = None
    status_quo: StatusQuo | None = None


def conflict_summary(model: ConflictModel) -> ConflictSummary:
    """What coordination changes in the graph model, in brief (``gametheory compare`` shows it
    beside the payoff results): the equilibria of the decision makers acting alone and of all of
    them moving as one coalition, per concept; the acting-alone equilibria some coalition breaks
    (``coalitional_stability``, up to 8 decision makers);
    and, from the state where no option is taken (when feasible), the Nash equilibria reached by
    unilateral and by joint improvements, each with a shortest path.

    Examples
    --------
    >>> from gametheory.conflict import ConflictModel, conflict_summary
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> s = conflict_summary(pd)
    >>> s.alone["nash"], s.together["nash"], s.broken_by["nash"]
    (['YY'], ['NN', 'YN', 'NY'], {'YY': ['A+B']})
    >>> s.status_quo.alone
    {'YY': ['NN', 'YN', 'YY']}
    """
    name = model.state_name
    base = analyse(model)
    together = analyse(model, [tuple(model.names)])
    broken_by = None
    if len(model.names) <= MAX_DECISION_MAKERS:
        cs = coalitional_stability(model, base=base)
        broken_by = {c: {name(s): ["+".join(h) for h in cs.broken_by(c, s)]
                         for s in base.equilibria[c] if s not in cs.equilibria[c]}
                     for c in CONCEPTS}
    status_quo = None
    nothing = 0
    if nothing in model.index:
        def reached(analysis: Analysis) -> dict[str, list[str]]:
            eq = set(analysis.equilibria["nash"])
            return {name(t): [name(u) for u in path]
                    for t, path in analysis.status_quo(nothing).items() if t in eq}
        status_quo = StatusQuo(state=name(nothing), alone=reached(base), together=reached(together))
    return ConflictSummary(
        title=model.title, options=list(model.options),
        alone={c: [name(s) for s in base.equilibria[c]] for c in CONCEPTS},
        together={c: [name(s) for s in together.equilibria[c]] for c in CONCEPTS},
        added={c: [name(s) for s in together.equilibria[c] if s not in base.equilibria[c]]
               for c in CONCEPTS},
        removed={c: [name(s) for s in base.equilibria[c] if s not in together.equilibria[c]]
                 for c in CONCEPTS},
        broken_by=broken_by, status_quo=status_quo)
