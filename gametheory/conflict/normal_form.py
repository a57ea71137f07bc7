"""A conflict as a game in strategic form (payoff = rank), for the solvers of strategic games."""

from __future__ import annotations

import itertools

import numpy as np

from ..games.normal import NormalFormGame
from .model import ConflictModel

__all__ = ["to_normal_form"]


def to_normal_form(model: ConflictModel) -> NormalFormGame:
    """The conflict as a game in strategic form: each decision maker chooses which of its
    options to take (Y/N letters for its options), and its payoff is one more than the rank of
    the resulting state (higher is better).  An infeasible combination gives every player 0,
    strictly below every feasible state.

    Without irreversible options, the pure Nash equilibria of this game at feasible states
    are the conflict's Nash (R) equilibria, so both lenses can be applied to one case.  GMR,
    SMR and SEQ have no counterpart in the strategic form, and since the ranks are only an
    order, its mixed equilibria mean nothing for the conflict: solve it with
    ``method="pure"``.

    Parameters
    ----------
    model : ConflictModel

    Returns
    -------
    NormalFormGame
        One player per decision maker; actions named by their Y/N letters, ``"NN..."``
        first; titled as the model (``"conflict"`` without a title).

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                       ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                                "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> g = gt.conflict_to_normal_form(pd)
    >>> g.actions, g.payoffs[0].tolist()
    ((('N', 'Y'), ('N', 'Y')), [[4, 2], [5, 3]])
    >>> res = gt.solve(g, method="pure")
    >>> [[g.actions[i][s[0]] for i, s in enumerate(eq.supports)] for eq in res.equilibria]
    [['Y', 'Y']]
    """
    dms = model.decision_makers
    actions = [["".join(c) for c in itertools.product("NY", repeat=len(d.options))] for d in dms]
    arrays = [np.zeros([len(a) for a in actions], dtype=np.int64) for _ in dms]
    for idx in itertools.product(*(range(len(a)) for a in actions)):
        text = "".join(actions[p][i] for p, i in enumerate(idx))
        s = sum(1 << k for k, ch in enumerate(text) if ch == "Y")
        if s in model.index:
            for p, d in enumerate(dms):
                arrays[p][idx] = 1 + int(model.rank[d.name][model.index[s]])
    return NormalFormGame(arrays, players=list(model.names), actions=actions,
                          title=model.title or "conflict")
