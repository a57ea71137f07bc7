"""One regime of a crisis model: its game solved, and every outcome described alike.

A *regime* is the model with a given set of understandings in force.  Its game
among the moving parties is solved (every equilibrium for games this size,
``SPARSE_POLYNOMIAL_LIMIT``), the best
correlated equilibria are added, and every outcome is described the same way:
each party's expected payoff (parties that do not move included), the total,
and the expected level of each attribute the source fears.  See
``gametheory.crisis.compare`` for the comparison of regimes, and
``gametheory.crisis.leads`` for the lead-role stage, which solves one regime
per allocation.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import numpy as np

from ..analysis.correlated import correlated_equilibrium
from ..analysis.selection import Selection, select
from ..arithmetic import EXACT, Arithmetic, float_arithmetic, is_exact_number
from ..coop import (
    characteristic_function,
    kalai_smorodinsky,
    least_core,
    nash_bargaining,
    nucleolus,
    shapley_value,
)
from ..games.behavior import Behavior, reach_probabilities
from ..linalg.lp import solve_lp
from ..solvers.registry import SPARSE_POLYNOMIAL_LIMIT, choose_method
from ..solvers.solve import solve
from ..solvers.spe import solve_spe
from .model import Model

__all__ = ["Outcome", "Regime", "solve_regime"]


@dataclass(frozen=True)
class Outcome:
    """One way the crisis may play out: a Nash or correlated equilibrium of one regime."""

    kind: str                                   # "Nash equilibrium 1", "correlated (welfare)", ...
    distribution: np.ndarray                    # probability of each profile of the movers
    payoffs: dict[str, Any]                     # every party, movers and others
    welfare: Any
    risks: dict[str, Any]                       # expected level of each bad attribute
    exact: bool
    pareto_dominated: bool | None = False       # some distribution over profiles is better for
    #                                             all (None: not computed, a lean comparison)


@dataclass(frozen=True)
class Regime:
    name: str
    in_force: tuple[str, ...]
    method: str
    complete: bool
    notes: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    optimum: Any = None                         # largest total payoff of any profile
    optimum_profile: tuple[str, ...] = ()
    pareto_profiles: tuple[tuple[str, ...], ...] = ()   # pure profiles no other pure one dominates
    tree_outcomes: tuple[Outcome, ...] = ()     # subgame-perfect outcomes of the model as a tree
    tree_complete: bool = False
    bargaining: tuple[Outcome, ...] = ()        # Nash and Kalai-Smorodinsky bargaining outcomes
    disagreement: tuple = ()                    # the movers' security levels used for bargaining
    transferable: dict | None = None            # the TU benchmark (models that allow transfers)
    continuum: tuple[Outcome, ...] = ()         # vertices of the described continua of equilibria
    selection: Selection | None = None          # the selection panel over the Nash equilibria
    accounted: bool | None = None               # listed equilibria + continua hold every one

    @property
    def nash_outcomes(self) -> tuple[Outcome, ...]:
        """The Nash equilibria listed, then the vertices of the described continua.

        Every party's payoff and every risk is linear along a described continuum (one party
        mixes, the others play one action), so its least and greatest values over the
        continuum are at these vertices: bounds over these outcomes are bounds over every
        equilibrium when ``accounted`` is True.
        """
        return tuple(o for o in self.outcomes if o.kind.startswith("Nash")) + self.continuum

    def _totals(self, prefix: str) -> list[Any]:
        if prefix == "Nash":                 # the described continua included
            return [o.welfare for o in self.nash_outcomes]
        return [o.welfare for o in self.outcomes if o.kind.startswith(prefix)]

    @property
    def price_of_anarchy(self) -> Any:
        """The utilitarian optimum minus the worst Nash equilibrium's total (a welfare loss)."""
        return self.optimum - min(self._totals("Nash"))

    @property
    def price_of_stability(self) -> Any:
        """The utilitarian optimum minus the best Nash equilibrium's total."""
        return self.optimum - max(self._totals("Nash"))

    @property
    def correlation_gain(self) -> Any:
        """The best correlated equilibrium's total minus the best Nash equilibrium's
        (the price of stability against the best correlated equilibrium)."""
        return max(self._totals("correlated")) - max(self._totals("Nash"))

    @property
    def anarchy_against_correlated(self) -> Any:
        """The best correlated equilibrium's total minus the worst Nash equilibrium's."""
        return max(self._totals("correlated")) - min(self._totals("Nash"))


@dataclass(frozen=True)
class _Tables:
    """Every profile of the movers (``itertools.product`` order, as ``mu.flat``), every party's
    payoff there and the level of every bad attribute, exact; computed once per regime."""

    profiles: list[tuple[str, ...]]
    payoffs: list[list[Fraction]]               # per profile, one per party
    risks: list[list[Fraction]]                 # per profile, one per bad attribute


def _tables(model: Model, weights=None, table=None) -> _Tables:
    profiles, values, payoffs = model.outcome_table(weights) if table is None else table
    bad = [a.name for a in model.attributes if a.bad]
    return _Tables(profiles=profiles, payoffs=payoffs,
                   risks=[[v[a] for a in bad] for v in values])


def _describe(model: Model, kind: str, mu: np.ndarray, exact: bool, tables: _Tables,
              pareto: bool = True) -> Outcome:
    parties = [p.name for p in model.parties]
    bad = [a.name for a in model.attributes if a.bad]
    zero = Fraction(0) if exact else 0.0
    payoffs = {p: zero for p in parties}
    risks = {a: zero for a in bad}
    flat = mu.reshape(-1)
    for k in np.flatnonzero(flat != 0):
        weight = flat[k]
        for p, u in zip(parties, tables.payoffs[k]):
            payoffs[p] += weight * (u if exact else float(u))
        for a, v in zip(bad, tables.risks[k]):
            risks[a] += weight * (v if exact else float(v))
    return Outcome(kind=kind, distribution=mu, payoffs=payoffs, welfare=sum(payoffs.values(), zero),
                   risks=risks, exact=exact,
                   pareto_dominated=_pareto_dominated(model, payoffs, tables) if pareto else None)


def _pareto_dominated(model: Model, payoffs: dict, tables: _Tables) -> bool:
    """Whether some distribution over profiles gives every party at least ``payoffs`` and one
    party more (parties that do not move count too).

    A linear program: maximise the total payoff subject to every party getting at least its
    payoff here; dominated when the optimum exceeds the total here.  With rational payoffs the
    LP is certified and the comparison exact (``solve_lp``); else,
    or when the optimum cannot be certified, floating point with a tolerance of ``1e-9`` times
    the largest payoff per party.
    """
    target = [payoffs[p.name] for p in model.parties]
    if all(is_exact_number(v) for v in target):
        try:
            return _dominated_by_lp(tables.payoffs, target, EXACT)
        except ArithmeticError:
            pass                     # no exact certificate: decide in floating point, as below
    table = np.array(tables.payoffs, dtype=float)
    scale = max(1.0, float(np.abs(table).max()))
    return _dominated_by_lp(table, np.array([float(v) for v in target]),
                            float_arithmetic(1e-9 * scale * len(target)))


def _dominated_by_lp(table, target, arithmetic: Arithmetic) -> bool:
    """Whether a distribution over the rows of ``table`` gives every column at least ``target``
    and a larger total (the total exceeds ``sum(target)`` in ``arithmetic``)."""
    table = np.array(table, dtype=arithmetic.dtype)
    target = np.array(target, dtype=arithmetic.dtype)
    n = len(table)
    # maximise total payoff subject to each party's payoff >= target
    sol = solve_lp(-table.sum(axis=1), -table.T, -target, np.ones((1, n), dtype=int), [1], arithmetic,
                   bounds=[(0, None)] * n)
    return sol is not None and arithmetic.exceeds(-sol.value, target.sum())


def _product(strategies, exact: bool) -> np.ndarray:
    out = np.array(Fraction(1) if exact else 1.0, dtype=object if exact else float)
    for s in strategies:
        out = np.multiply.outer(out, np.array(list(s), dtype=object if exact else float))
    return out


def _tree_outcomes(model: Model, weights=None) -> tuple[tuple[Outcome, ...], bool]:
    """The model as a game tree (chance, then the parties in the model's timing): one outcome
    per distinct subgame-perfect payoff vector, with every party's expected payoff and the
    expected level of each bad attribute over the leaves it reaches."""
    tree = model.tree(weights)
    res = solve_spe(tree, distinct_payoffs=True)
    movers = model.players
    parties = [p.name for p in model.parties]
    bad = [a.name for a in model.attributes if a.bad]
    outcomes = []
    for k, eq in enumerate(res.equilibria, 1):
        # behavior is set on every equilibrium of a tree
        reach = reach_probabilities(tree, cast(Behavior, eq.behavior), exact=True)
        mu = np.zeros(tuple(len(p.actions) for p in movers), dtype=object)
        payoffs = {p: Fraction(0) for p in parties}
        risks = {a: Fraction(0) for a in bad}
        for leaf, (scenario, profile) in tree.leaf_outcomes.items():
            weight = reach[leaf]
            if weight == 0:
                continue
            mu[tuple(p.actions.index(a) for p, a in zip(movers, profile))] += weight
            values = model._values_in(profile, scenario)
            for p in parties:
                payoffs[p] += weight * model.payoff_in(p, profile, scenario, weights)
            for a in bad:
                risks[a] += weight * values[a][0]
        outcomes.append(Outcome(kind=f"subgame-perfect {k}", distribution=mu, payoffs=payoffs,
                                welfare=sum(payoffs.values(), Fraction(0)), risks=risks, exact=True))
    return tuple(outcomes), res.complete


def _bargaining(model: Model, game, tables: _Tables) -> tuple[tuple[Outcome, ...], tuple]:
    """The Nash and Kalai-Smorodinsky bargaining outcomes of the movers' game (no transfers),
    from each mover's security level, described like the equilibria (Japan and risks included)."""
    out = []
    disagreement: tuple = ()
    for solve_it, kind in ((nash_bargaining, "bargaining (Nash)"),
                           (kalai_smorodinsky, "bargaining (Kalai-Smorodinsky)")):
        sol = solve_it(game, "maxmin")
        disagreement = sol.disagreement
        mu = np.zeros(game.shape, dtype=object if sol.exact else float)
        for prof, w in sol.distribution.items():
            mu[tuple(game.actions[i].index(a) for i, a in enumerate(prof))] += w
        out.append(_describe(model, kind, mu, sol.exact, tables))
    return tuple(out), disagreement


def _transferable(game) -> dict:
    """The TU benchmark: what coalitions of movers secure (alpha) and how it may be shared."""
    v = characteristic_function(game, "alpha")
    lc = least_core(v)
    eps, point = lc.epsilon, lc.point.values
    try:
        nuc = nucleolus(v).values
    except Exception:                       # no imputation
        nuc = None
    return {"worth": v.value(v.grand), "shapley": shapley_value(v).values, "nucleolus": nuc,
            "least_core_epsilon": eps, "core_empty": eps > 0, "core_point": None if eps > 0 else point,
            "players": v.players}


def solve_regime(model: Model, name: str, weights=None, extras: bool = True,
                 correlated: bool = True) -> Regime:
    """The model's game with its understandings in force (``model.in_force``), solved and
    described: every Nash equilibrium (and the vertices of any described continuum), the best
    correlated equilibria, efficiency, and with ``extras`` the Pareto-efficient profiles,
    bargaining, the game tree, the selection panel and the transferable-utility benchmark (see
    ``compare``, which calls it once per regime).

    Examples
    --------
    >>> import gametheory as gt
    >>> r = solve_regime(gt.load_model("coordinated"), "coordinated", extras=False)
    >>> r.method, r.complete, len(r.nash_outcomes)
    ('polynomial', True, 1)
    """
    table = model.outcome_table(weights)        # every profile's values and payoffs, once
    game = model.game(weights, table)
    res = solve(game, method=choose_method(game, SPARSE_POLYNOMIAL_LIMIT))
    tables = _tables(model, weights, table)
    outcomes = []
    for k, eq in enumerate(res.equilibria, 1):
        outcomes.append(_describe(model, f"Nash equilibrium {k}", _product(eq.strategies, res.exact),
                                  res.exact, tables, extras))
    continuum: list[Outcome] = []
    for c in res.continua:
        for v in c.vertices:
            if tuple(v.strategies) not in {tuple(e.strategies) for e in res.equilibria}:
                continuum.append(_describe(model, f"continuum vertex {len(continuum) + 1}",
                                           _product(v.strategies, res.exact), res.exact, tables,
                                           extras))
    # a lean comparison (no extras, for sweeps and threshold scans) has the welfare-maximising
    # correlated equilibrium only, and leaves Pareto dominance uncomputed (None)
    for objective in ("welfare", "egalitarian") if extras else ("welfare",) if correlated else ():
        ce = correlated_equilibrium(game, objective)
        outcomes.append(_describe(model, f"correlated ({objective})", ce.distribution, ce.exact,
                                  tables, extras))
    profiles, rows = tables.profiles, tables.payoffs
    totals = [sum(row, Fraction(0)) for row in rows]
    best = max(range(len(profiles)), key=lambda k: (totals[k], -k))
    # the Pareto-efficient pure profiles (a lean comparison leaves them out)
    efficient = tuple(tuple(profiles[i]) for i, row in enumerate(rows)
                      if not any(all(a >= b for a, b in zip(other, row)) and other != row
                                 for other in rows)) if extras else ()
    tree_outcomes: tuple[Outcome, ...] = ()
    tree_complete = False
    bargaining: tuple[Outcome, ...] = ()
    disagreement: tuple = ()
    transferable: dict | None = None
    selection: Selection | None = None
    if extras:
        if model.scenarios or model.timing:
            tree_outcomes, tree_complete = _tree_outcomes(model, weights)
        bargaining, disagreement = _bargaining(model, game, tables)
        selection = select(game, res)
        if model.transfers:
            transferable = _transferable(game)
    return Regime(name=name, in_force=model.in_force, method=res.method, complete=res.complete,
                  notes=res.notes, outcomes=tuple(outcomes), optimum=totals[best],
                  optimum_profile=tuple(profiles[best]), pareto_profiles=efficient,
                  tree_outcomes=tree_outcomes, tree_complete=tree_complete, bargaining=bargaining,
                  disagreement=disagreement, transferable=transferable,
                  continuum=tuple(continuum), accounted=res.accounted, selection=selection)
