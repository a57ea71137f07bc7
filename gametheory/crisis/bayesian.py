"""What prior coordination changes when some parties' aims are private: Bayes-Nash equilibria
of a model with ``[[type]]`` tables, without and with its understandings.

A party with types knows its own; the others know only the prior
(``bayesian_game``).  For each regime the
Bayes-Nash equilibria (``solve_bayes_nash``)
are listed with each type's action, every party's expected payoff and the
expected level of every bad outcome, averaged over the prior and the mixed
actions: the same measures ``compare`` reports
under complete information.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..display import Displayable
from ..solvers.bayes_nash import BayesNashResult, solve_bayes_nash
from ..solvers.registry import SPARSE_POLYNOMIAL_LIMIT
from .model import Model

__all__ = ["BayesRegime", "BayesComparison", "bayes_compare", "bayes_values"]


@dataclass(frozen=True)
class BayesRegime(Displayable):
    """One regime's Bayes-Nash equilibria with their expected risks (an entry of
    ``BayesComparison.regimes``).

    Attributes
    ----------
    name : str
        ``"unilateral"``, ``"coordinated"`` or ``"as given"``.
    in_force : tuple of str
        The understandings in force.
    result : BayesNashResult
        The Bayes-Nash equilibria of the regime's Bayesian game
        (``result.equilibria``, ``result.complete``, ...).
    risks : tuple of dict
        Per equilibrium: bad attribute -> its expected level, over the prior and the
        mixed actions.

    Examples
    --------
    >>> import gametheory as gt
    >>> r = gt.bayes_compare(gt.load_model("loose-nukes-types")).regimes[0]
    >>> r.name, r.in_force, r.result.complete, {a: str(v) for a, v in r.risks[0].items()}
    ('unilateral', (), True, {'loose_nukes': '1/20', 'clash': '1/5'})
    >>> r.result.equilibria[0].plays(r.result.game)[("PRC", "buffer-seeking")]
    {'Move in': Fraction(1, 1)}
    """

    name: str
    in_force: tuple[str, ...]
    result: BayesNashResult
    risks: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class BayesComparison(Displayable):
    """A model with private types, without and with its understandings (made by
    ``bayes_compare``).

    Attributes
    ----------
    model : Model
        The model compared.
    regimes : tuple of BayesRegime
        ``unilateral`` and ``coordinated``, or one regime ``as given`` for a model
        without understandings.

    Examples
    --------
    >>> import gametheory as gt
    >>> c = gt.bayes_compare(gt.load_model("loose-nukes-types"))
    >>> [(r.name, len(r.result.equilibria)) for r in c.regimes]
    [('unilateral', 1), ('coordinated', 1)]
    """

    model: Model
    regimes: tuple[BayesRegime, ...]


def _risks(model: Model, result: BayesNashResult) -> tuple[dict[str, Any], ...]:
    game = result.game
    bad = [a.name for a in model.attributes if a.bad]
    types_of = {p: [t for t in model.types if t.party == p] for p in game.players}
    tables = {}
    for ix in np.ndindex(*game.type_shape):
        if game.prior[ix] == 0:
            continue
        values: dict[str, Fraction] = {}
        for i, k in enumerate(ix):
            if types_of[game.players[i]]:
                values.update(dict(types_of[game.players[i]][k].values))
        drawn = model.with_values(values) if values else model
        profiles, attrs, _ = drawn.outcome_table()
        tables[ix] = (profiles, attrs)
    out = []
    for eq in result.equilibria:
        zero = Fraction(0) if result.exact else 0.0
        risk = {a: zero for a in bad}
        for ix, (_profiles, attrs) in tables.items():
            p = game.prior[ix]
            for prof_index, prof in enumerate(itertools.product(*(range(m) for m in game.action_shape))):
                weight = p
                for i, act in enumerate(prof):
                    weight = weight * eq.strategies[i][ix[i]][act]
                if weight == 0:
                    continue
                for a in bad:
                    risk[a] += weight * attrs[prof_index][a]
        out.append(risk)
    return tuple(out)


def bayes_compare(model: Model, method: str = "auto", exact: bool | None = None) -> BayesComparison:
    """The Bayes-Nash equilibria of a model with private types, without and with its
    understandings (one regime, ``as given``, for a model without understandings).

    The game is ``bayesian_game`` (a model
    without ``[[type]]`` tables gives one type per party: its Nash equilibria).
    Each equilibrium comes with the expected level of every bad outcome over the
    prior and the mixed actions.  ``Model.with_type_probabilities(party, {...})``
    changes a party's prior.

    Parameters
    ----------
    model : Model
    method : str
        The solver of the agent form, as for
        ``solve_bayes_nash`` (``auto``'s
        support-profile limit for the polynomial solver raised, as in every crisis
        comparison).
    exact : bool, optional
        Exact or floating-point arithmetic (default: exact when the numbers are).

    Returns
    -------
    BayesComparison

    Examples
    --------
    >>> import gametheory as gt
    >>> c = bayes_compare(gt.load_model("loose-nukes"))
    >>> [r.name for r in c.regimes], len(c.regimes[0].result.equilibria)
    (['unilateral', 'coordinated'], 1)
    >>> m = gt.load_model("loose-nukes-types").with_type_probabilities(
    ...     "PRC", {"buffer-seeking": "0.2", "stability-first": "0.8"})
    >>> [str(x) for x in bayes_compare(m).regimes[0].result.equilibria[0].payoffs]   # ex ante
    ['-42/25', '-2']
    """
    regimes = [("as given", model)] if not model.understandings else \
        [("unilateral", model.with_understandings([])), ("coordinated", model.with_understandings(None))]
    out = []
    for name, m in regimes:
        result = solve_bayes_nash(m.bayesian_game(), method=method, exact=exact,
                                  polynomial_limit=SPARSE_POLYNOMIAL_LIMIT)
        out.append(BayesRegime(name=name, in_force=m.in_force, result=result,
                               risks=_risks(m, result)))
    return BayesComparison(model=model, regimes=tuple(out))


def bayes_values(model: Model, comparison: BayesComparison) -> dict[tuple[str, str], Any]:
    """Per moving party and measure (``worst``, ``best``): its ex-ante payoff over the
    Bayes-Nash equilibria with the understandings minus without (empty without understandings).

    Parameters
    ----------
    model : Model
    comparison : BayesComparison
        ``bayes_compare(model)``.

    Returns
    -------
    dict
        ``(party, measure) -> value`` for each moving party, ``measure`` ``"worst"``
        or ``"best"``.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.load_model("loose-nukes-types")
    >>> str(bayes_values(m, bayes_compare(m))[("US", "worst")])
    '7/5'
    """
    if len(comparison.regimes) < 2:
        return {}
    without, with_ = (r.result.equilibria for r in comparison.regimes)
    out = {}
    for k, p in enumerate(q.name for q in model.players):
        lo0, hi0 = min(e.payoffs[k] for e in without), max(e.payoffs[k] for e in without)
        lo1, hi1 = min(e.payoffs[k] for e in with_), max(e.payoffs[k] for e in with_)
        out[(p, "worst")], out[(p, "best")] = lo1 - lo0, hi1 - hi0
    return out
