"""A continuum of equilibria of an n-player game, described where it is a polytope.

When the indifference equations on a support profile have infinitely many
solutions, ``polynomial`` used to give one representative.  When every player
but one plays a single action on the support profile, the set is a polytope
and is described here exactly:

1. Let player ``k`` mix over ``S_k`` while every other player ``j`` plays its
   action ``a_j``.  Player ``k``'s own indifference is a condition on payoffs
   alone (every action of ``S_k`` earns the same against ``a_{-k}``, and no
   action outside ``S_k`` earns more), true for the whole support profile.
2. Every other player's best-response condition, ``u_j(a_j, s, a_{-jk}) >=
   u_j(b, s, a_{-jk})`` averaged over ``s ~ sigma_k``, is linear in
   ``sigma_k``.  With ``sigma_k >= 0`` and ``sum sigma_k = 1`` these
   inequalities define the closure of the continuum: a polytope ``P`` in
   player ``k``'s simplex (its boundary points are equilibria with smaller
   supports, often the isolated equilibria listed beside it).
3. The vertices of ``P`` are found exactly (every choice of ``dim`` tight
   inequalities, solved in rational arithmetic, kept when feasible); each is
   certified as an equilibrium.  Every player's payoff, and every other
   expectation over the outcome, is linear in ``sigma_k`` on ``P``, so its
   least and greatest values over the continuum are attained at vertices:
   the payoff bounds are exact.

When two or more players mix, the set is semi-algebraic; it is reported as
such, with rigorous *outer* payoff bounds instead of exact ones.  A polytope
with too many inequalities to enumerate its vertices (``MAX_VERTEX_BASES``) is
reported as ``"not enumerated"``, also with outer bounds.

The outer bounds: at every point of the continuum player ``i`` earns
``U_i(a, sigma_-i)`` for *each* action ``a`` of its support, an average of
``u_i(a, s)`` over the others' support profiles ``s``; so its payoff lies in
``[min_s u_i(a, s), max_s u_i(a, s)]`` for every such ``a``, and in the
intersection of these intervals.  They are exact numbers and hold for every
point; they need not be attained.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Any

import numpy as np

from ..arithmetic import Arithmetic, as_exact
from ..linalg.exact import rank, solve_fractions
from .result import Continuum, make_equilibrium

__all__ = ["describe_continuum", "outer_bounds", "MAX_VERTEX_BASES"]

#: Most choices of tight inequalities tried when enumerating a continuum's vertices.
MAX_VERTEX_BASES = 200_000


def describe_continuum(game: Any, U: Sequence[np.ndarray], supports: Sequence[Sequence[int]],
                       representative: Any, arithmetic: Arithmetic) -> Continuum:
    """The continuum of equilibria on ``supports`` (see the module notes).

    ``U`` are the payoff arrays as exact numbers (ints or Fractions);
    ``arithmetic`` certifies the vertices found.
    """
    mixers = [i for i, s in enumerate(supports) if len(s) > 1]
    supports_t = tuple(tuple(int(a) for a in s) for s in supports)
    if len(mixers) != 1:
        return Continuum(supports=supports_t, kind="semi-algebraic", mixer=None, dimension=None,
                         inequalities=(), vertices=(), payoffs=None, representative=representative,
                         outer=outer_bounds(U, supports_t))
    k = mixers[0]
    S = [int(a) for a in supports[k]]
    pure = {j: int(supports[j][0]) for j in range(len(supports)) if j != k}

    def payoff(player: int, profile: dict[int, int]) -> Fraction:
        # through as_exact: Fraction(numpy.int64) would keep a C integer that overflows later
        return Fraction(as_exact(U[player][tuple(profile[i] for i in range(len(supports)))]))

    # rows r with r . sigma_k >= 0: nonnegativity, then every other player's best responses
    rows: list[tuple[Fraction, ...]] = [tuple(Fraction(int(a == b)) for b in S) for a in S]
    for j, a_j in pure.items():
        for b in range(game.shape[j]):
            if b == a_j:
                continue
            row = tuple(payoff(j, {**pure, k: s}) - payoff(j, {**pure, k: s, j: b}) for s in S)
            if any(row) and row not in rows:
                rows.append(row)
    # player k: every action of S_k earns the same against a_{-k} (the system's premise); an
    # action outside S_k that earns more leaves no equilibrium on this support profile
    value = payoff(k, {**pure, k: S[0]})
    if any(payoff(k, {**pure, k: b}) > value for b in range(game.shape[k]) if b not in S):
        points: list[tuple[Fraction, ...]] | None = []
    else:
        points = _vertices(rows, len(S))
    if points is None:                # too many inequalities to enumerate: say so, no bounds
        return Continuum(supports=supports_t, kind="not enumerated", mixer=k, dimension=None,
                         inequalities=tuple(rows[len(S):]), vertices=(), payoffs=None,
                         representative=representative, outer=outer_bounds(U, supports_t))
    vertices = []
    for point in points:
        mixed: list[int | Fraction] = [0] * game.shape[k]
        for s, p in zip(S, point):
            mixed[s] = p
        strategies = [mixed if i == k else [int(a == pure[i]) for a in range(game.shape[i])]
                      for i in range(len(supports))]
        vertices.append(make_equilibrium(game, strategies, arithmetic))
    dimension = rank([tuple(p - q for p, q in zip(v, points[0])) for v in points[1:]]) if points else None
    bounds = None
    if vertices:
        bounds = tuple((min(v.payoffs[i] for v in vertices), max(v.payoffs[i] for v in vertices))
                       for i in range(len(supports)))
    return Continuum(supports=supports_t, kind="polytope", mixer=k, dimension=dimension,
                     inequalities=tuple(rows[len(S):]), vertices=tuple(vertices), payoffs=bounds,
                     representative=representative)


def outer_bounds(U: Sequence[np.ndarray],
                 supports: Sequence[Sequence[int]]) -> tuple[tuple[Fraction, Fraction], ...]:
    """Rigorous bounds on each player's payoff at every equilibrium with these supports (see the
    module notes): the intersection over its support actions of the payoff ranges against the
    others' support profiles."""
    out = []
    for i, u in enumerate(U):
        block = np.moveaxis(np.asarray(u, dtype=object)[np.ix_(*supports)], i, 0)
        block = block.reshape(block.shape[0], -1)
        lows = [min(Fraction(x) for x in row) for row in block]
        highs = [max(Fraction(x) for x in row) for row in block]
        out.append((max(lows), min(highs)))
    return tuple(out)


def _vertices(rows: list[tuple[Fraction, ...]], n: int) -> list[tuple[Fraction, ...]] | None:
    """Vertices of ``{x : sum x = 1, r . x >= 0 for r in rows}`` (``n`` coordinates), exactly;
    None when there are more than ``MAX_VERTEX_BASES`` choices of tight rows to try."""
    d = n - 1
    if comb(len(rows), d) > MAX_VERTEX_BASES:
        return None
    found: list[tuple[Fraction, ...]] = []
    for tight in combinations(rows, d):
        x = solve_fractions([*tight, (Fraction(1),) * n], [Fraction(0)] * d + [Fraction(1)])
        if x is None or any(sum(r_i * x_i for r_i, x_i in zip(r, x)) < 0 for r in rows):
            continue
        point = tuple(x)
        if point not in found:
            found.append(point)
    return sorted(found, reverse=True)
