"""Connected components of the equilibrium set of two-player games, checked independently.

The package finds components from the labels of polytope vertices (the
extreme-equilibrium graph, ``solvers/vertex.py``).  Here they are recomputed
from the payoffs alone: two extreme equilibria ``(x1, y1)`` and ``(x2, y2)``
lie in a common convex set of equilibria exactly when the crossed profiles
``(x1, y2)`` and ``(x2, y1)`` are equilibria too, and the components are the
classes of that relation.  On the Gambit corpus
(``tests/fixtures/gambit_enummixed.json``, pygambit's ``enummixed`` extreme
equilibria, many of its games degenerate) the extreme equilibria are
Gambit's, not ours.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction
from itertools import product
from pathlib import Path

import pytest

import gametheory as gt

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "gambit_enummixed.json").read_text())["games"]


def _is_equilibrium(A, B, x, y) -> bool:
    """Exact: no pure deviation of either player gains (x, y probability vectors)."""
    ay = [sum(Fraction(a) * q for a, q in zip(row, y)) for row in A]
    xb = [sum(Fraction(B[i][j]) * x[i] for i in range(len(x))) for j in range(len(y))]
    return (sum(p * v for p, v in zip(x, ay)) == max(ay)
            and sum(q * v for q, v in zip(y, xb)) == max(xb))


def _payoffs(A, B, x, y):
    return tuple(sum(Fraction(M[i][j]) * x[i] * y[j] for i in range(len(x)) for j in range(len(y)))
                 for M in (A, B))


def _classes(A, B, profiles):
    """Components by the crossed-profile relation, as frozensets of profile indices."""
    parent = list(range(len(profiles)))

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for i, (x1, y1) in enumerate(profiles):
        for j, (x2, y2) in enumerate(profiles[:i]):
            if _is_equilibrium(A, B, x1, y2) and _is_equilibrium(A, B, x2, y1):
                parent[find(i)] = find(j)
    groups: dict[int, set[int]] = {}
    for k in range(len(profiles)):
        groups.setdefault(find(k), set()).add(k)
    return {frozenset(g) for g in groups.values()}


def _check(A, B, res, profiles):
    """The result's components against the independent ones over ``profiles`` (the extreme
    equilibria, in any order)."""
    ours = [tuple(eq.strategies) for eq in res.equilibria]
    assert sorted(ours) == sorted(profiles), "extreme equilibria differ"
    where = {p: k for k, p in enumerate(ours)}
    expected = {frozenset(where[profiles[k]] for k in g) for g in _classes(A, B, profiles)}
    assert {frozenset(c.equilibria) for c in res.components} == expected
    for c in res.components:
        pays = [_payoffs(A, B, *ours[k]) for k in c.equilibria]
        for i in range(2):
            assert c.payoffs[i] == (min(p[i] for p in pays), max(p[i] for p in pays))
        covered = set()
        for subset in c.maximal_subsets:
            X = {ours[k][0] for k in subset}
            Y = {ours[k][1] for k in subset}
            # a biclique: every pair is a listed extreme equilibrium
            assert {(x, y) for x in X for y in Y} == {ours[k] for k in subset}
            # maximal: no listed row (column) strategy pairs with all of Y (all of X)
            rows = {p[0] for p in ours} - X
            cols = {p[1] for p in ours} - Y
            assert not any(all((x, y) in where for y in Y) for x in rows)
            assert not any(all((x, y) in where for x in X) for y in cols)
            covered |= set(subset)
        assert covered == set(c.equilibria)


@pytest.mark.parametrize("case", CORPUS, ids=[c["id"] for c in CORPUS])
def test_components_match_an_independent_computation_on_gambit_equilibria(case):
    A, B = case["A"], case["B"]
    res = gt.solve_vertex(gt.NormalFormGame.from_bimatrix(A, B))
    profiles = [(tuple(Fraction(v) for v in eq["x"]), tuple(Fraction(v) for v in eq["y"]))
                for eq in case["enummixed"]]
    _check(A, B, res, profiles)


def test_the_corpus_has_continua():
    # the check above is not vacuous: several corpus games have a continuum of equilibria
    continua = sum(any(c.is_continuum for c in gt.solve_vertex(
        gt.NormalFormGame.from_bimatrix(case["A"], case["B"])).components) for case in CORPUS)
    assert continua >= 5


@pytest.mark.parametrize("seed", range(40))
def test_random_games_with_ties(seed):
    rng = random.Random(seed)
    m, n = rng.choice([(2, 2), (2, 3), (3, 3), (3, 4), (4, 4)])
    A = [[rng.randint(0, 2) for _ in range(n)] for _ in range(m)]
    B = [[rng.randint(0, 2) for _ in range(n)] for _ in range(m)]
    res = gt.solve_vertex(gt.NormalFormGame.from_bimatrix(A, B))
    ours = [tuple(eq.strategies) for eq in res.equilibria]
    _check(A, B, res, ours)
    # a random point of each maximal Nash subset is an equilibrium within the component's bounds
    for c in res.components:
        for subset in c.maximal_subsets:
            X = sorted({ours[k][0] for k in subset})
            Y = sorted({ours[k][1] for k in subset})
            wx = [Fraction(rng.randint(1, 9)) for _ in X]
            wy = [Fraction(rng.randint(1, 9)) for _ in Y]
            x = tuple(sum(w * v[i] for w, v in zip(wx, X)) / sum(wx) for i in range(m))
            y = tuple(sum(w * v[j] for w, v in zip(wy, Y)) / sum(wy) for j in range(n))
            assert _is_equilibrium(A, B, x, y)
            for i, u in enumerate(_payoffs(A, B, x, y)):
                assert c.payoffs[i][0] <= u <= c.payoffs[i][1]


def test_textbook_degenerate_game():
    # von Stengel (2007), figure 3.8's degenerate variant: a continuum and an isolated point
    g = gt.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    res = gt.solve(g)
    assert [c.equilibria for c in res.components] == [(0, 1), (2,)]
    first, second = res.components
    assert first.is_continuum and first.maximal_subsets == ((0, 1),)
    assert first.payoffs == ((3, 3), (3, 3)) and not second.is_continuum
    data = gt.to_dict(res)["components"]
    assert data[0] == {"equilibria": [0, 1], "payoffs": [["3", "3"], ["3", "3"]],
                       "maximal_subsets": [[0, 1]]}
    assert "payoffs over the whole continuum" in gt.render(res)


def test_components_only_where_every_extreme_equilibrium_is_listed():
    g = gt.read_game("chicken")
    assert gt.solve(g, method="lemke-howson").components is None
    assert gt.solve(g, method="support").components is None
    assert len(gt.solve(g).components) == 3                      # auto: vertex
    assert "components" not in gt.to_dict(gt.solve(g, method="lemke-howson"))
    # a generic game: every component is one isolated equilibrium, and the table says nothing
    assert "components:" not in gt.render(gt.solve(g))
    # elimination and trees keep the components of the game they solve
    assert gt.solve(g, eliminate=True).components == gt.solve(g).components


def test_float_mode_components():
    g = gt.NormalFormGame.from_bimatrix([[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]],
                                        [[3.0, 3.0], [2.0, 6.0], [3.0, 1.0]])
    res = gt.solve(g)
    assert not res.exact and [c.equilibria for c in res.components] == [(0, 1), (2,)]
    assert gt.to_dict(res)["components"][0]["payoffs"] == [[3.0, 3.0], [3.0, 3.0]]


def test_product_of_extreme_points_spans_each_subset():
    # the all-zero game: every profile is an equilibrium, one component, one maximal subset
    res = gt.solve(gt.NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    [c] = res.components
    assert len(c.maximal_subsets) == 1 and len(c.equilibria) == 4
    assert {tuple(res.equilibria[k].strategies) for k in c.equilibria} == set(
        product(*[[(Fraction(1), Fraction(0)), (Fraction(0), Fraction(1))]] * 2))
