"""Coalitional stability: is an equilibrium safe from every coalition, not one grouping?

``analyse`` with a grouping answers "what if *these*
decision makers move together".  Coalition analysis in the graph model (Kilgour, Hipel, Fang
and Peng 2001; Inohara and Hipel 2008) asks the question for every coalition at once: a state
is *coalitionally stable* under a concept when it is stable for every decision maker and, for
every coalition ``H`` of two or more, stable for ``H`` moving jointly while the others move
alone.  An equilibrium that some coalition ``H`` can leave (by a joint move that makes every
member better off, not deterred under the concept) is *broken by* ``H``.

With ``n`` decision makers there are ``2**n - n - 1`` coalitions, one analysis each, so the
number of decision makers is limited to ``MAX_DECISION_MAKERS``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from ..display import Displayable
from ..errors import InvalidGameError
from .model import ConflictModel
from .stability import CONCEPTS, Analysis, analyse

__all__ = ["CoalitionalStability", "coalitional_stability", "MAX_DECISION_MAKERS"]

#: Most decision makers for which every coalition is analysed (247 coalitions at 8).
MAX_DECISION_MAKERS = 8


@dataclass(frozen=True)
class CoalitionalStability(Displayable):
    """Stability of every state against every coalition (``coalitional_stability``).

    A frozen record; the method ``broken_by`` lists the coalitions that break a state.

    Attributes
    ----------
    model : ConflictModel
        The conflict analysed.
    base : Analysis
        The analysis for the decision makers alone.
    coalitions : tuple of tuple of str
        Every coalition of two or more decision makers, smallest first.
    stable : dict
        ``stable[concept][coalition]``: boolean array over ``model.states``, the states stable
        for the coalition moving jointly (the others alone).
    equilibria : dict
        ``equilibria[concept]``: the equilibria of the decision makers alone that no coalition
        breaks (the coalitionally stable equilibria).

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                       ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                                "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> cs = gt.coalitional_stability(pd)
    >>> cs.coalitions, [pd.state_name(s) for s in cs.base.equilibria["gmr"]]
    ((('A', 'B'),), ['NN', 'YY'])
    >>> [pd.state_name(s) for s in cs.equilibria["gmr"]], cs.broken_by("gmr", pd.state_of("YY"))
    (['NN'], [('A', 'B')])
    """

    model: ConflictModel
    base: Analysis
    coalitions: tuple[tuple[str, ...], ...]
    stable: dict[str, dict[tuple[str, ...], np.ndarray]]
    equilibria: dict[str, list[int]]

    def broken_by(self, concept: str, state: int) -> list[tuple[str, ...]]:
        """The coalitions for which state bitmask ``state`` is not stable under ``concept``."""
        k = self.model.index[state]
        return [h for h in self.coalitions if not self.stable[concept][h][k]]


def coalitional_stability(model: ConflictModel, method: str = "auto", *,
                          base: Analysis | None = None) -> CoalitionalStability:
    """Stability of every state for the decision makers and for every coalition of two or more.

    For each coalition of two or more, the stability of every state when it moves jointly
    and the others alone; an equilibrium of the decision makers alone is coalitionally
    stable when no coalition breaks it.  One analysis per coalition (``2**n - n - 1`` of
    them), so at most ``MAX_DECISION_MAKERS`` (8) decision makers (247 coalitions).

    Parameters
    ----------
    model : ConflictModel
    method : {"auto", "search"}
        As in ``analyse``.
    base : Analysis, optional
        The decision makers' own analysis (``analyse(model)``), when the caller has it, so
        that it is not computed again.

    Returns
    -------
    CoalitionalStability
        ``coalitions``, ``stable[concept][coalition]`` (a boolean per state),
        ``equilibria[concept]`` (the equilibria of the decision makers alone that no
        coalition breaks) and ``broken_by(concept, state)``.

    Raises
    ------
    InvalidGameError
        With more than ``MAX_DECISION_MAKERS`` decision makers.

    References
    ----------
    Kilgour, D. M., Hipel, K. W., Fang, L. and Peng, X. (2001). Coalition analysis in group
    decision support. *Group Decision and Negotiation* 10(2).  Inohara, T. and Hipel, K. W.
    (2008). Coalition analysis in the graph model for conflict resolution. *Systems
    Engineering* 11(4).

    Examples
    --------
    In the Prisoner's Dilemma mutual defection is the Nash equilibrium, and the two prisoners
    together break it:

    >>> from gametheory.conflict import ConflictModel, coalitional_stability
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> cs = coalitional_stability(pd)
    >>> cs.broken_by("nash", pd.state_of("YY")), cs.equilibria["nash"]
    ([('A', 'B')], [])
    """
    names = model.names
    if len(names) > MAX_DECISION_MAKERS:
        raise InvalidGameError(
            f"coalition analysis of every coalition: {len(names)} decision makers give "
            f"{2 ** len(names) - len(names) - 1} coalitions; at most {MAX_DECISION_MAKERS} "
            "decision makers are supported (name a grouping instead)")
    base = analyse(model, method=method) if base is None else base
    coalitions = tuple(h for size in range(2, len(names) + 1)
                       for h in itertools.combinations(names, size))
    stable: dict[str, dict[tuple[str, ...], np.ndarray]] = {c: {} for c in CONCEPTS}
    for h in coalitions:
        grouped = analyse(model, [h] + [(d,) for d in names if d not in h], method=method)
        for c in CONCEPTS:
            stable[c][h] = grouped.stable[c][0].copy()
    equilibria = {}
    for c in CONCEPTS:
        ok = np.ones(len(model.states), dtype=bool)
        for h in coalitions:
            ok &= stable[c][h]
        equilibria[c] = [s for s in base.equilibria[c] if ok[model.index[s]]]
    return CoalitionalStability(model, base, coalitions, stable, equilibria)
