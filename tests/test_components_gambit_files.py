"""Connected components of the equilibrium set on Gambit's own two-player ``.nfg`` files.

The files in ``tests/fixtures/gambit_nfg/`` are copied verbatim from the Gambit
repository (see ``SOURCE.md`` there for the commit, the original paths and the
licence).  Several are degenerate on purpose (``csg*``, ``deg*``, ``vd``,
``winkels``, ``zero``, ...) and have continua of equilibria.

For each game the components that ``solve_vertex`` reports (found from the labels
of polytope vertices) are recomputed here from the payoffs alone: two extreme
equilibria ``(x1, y1)`` and ``(x2, y2)`` lie in a common convex set of equilibria
exactly when the crossed profiles ``(x1, y2)`` and ``(x2, y1)`` are equilibria
too, and the components are the classes of the transitive closure of that
relation.  Everything is checked with this module's own arithmetic (exact
``Fraction`` where the game is exact, a tolerance relative to the largest payoff
otherwise), not the package's regret code.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt

FOLDER = Path(__file__).parent / "fixtures" / "gambit_nfg"
FILES = sorted(FOLDER.glob("*.nfg"))


def _matrices(game):
    """The two payoff matrices as lists of lists (Fractions if exact, floats otherwise),
    and the comparison tolerance (0 when exact)."""
    conv = Fraction if game.is_exact else float
    A, B = ([[conv(M[i][j]) for j in range(game.shape[1])] for i in range(game.shape[0])]
            for M in game.payoffs[:2])
    tol = 0 if game.is_exact else 1e-9 * max(1.0, max(abs(v) for M in (A, B) for r in M for v in r))
    return A, B, tol


def _close(a, b, tol) -> bool:
    return a == b if tol == 0 else abs(a - b) <= tol


def _is_equilibrium(A, B, x, y, tol) -> bool:
    """No pure deviation of either player gains more than ``tol``."""
    m, n = len(x), len(y)
    ay = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    xb = [sum(B[i][j] * x[i] for i in range(m)) for j in range(n)]
    return (sum(x[i] * ay[i] for i in range(m)) >= max(ay) - tol
            and sum(y[j] * xb[j] for j in range(n)) >= max(xb) - tol)


def _payoffs(A, B, x, y):
    return tuple(sum(M[i][j] * x[i] * y[j] for i in range(len(x)) for j in range(len(y)))
                 for M in (A, B))


def _classes(A, B, profiles, tol):
    """Transitive closure of the crossed-profile relation, as frozensets of indices."""
    parent = list(range(len(profiles)))

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for i, (x1, y1) in enumerate(profiles):
        for j, (x2, y2) in enumerate(profiles[:i]):
            if _is_equilibrium(A, B, x1, y2, tol) and _is_equilibrium(A, B, x2, y1, tol):
                parent[find(i)] = find(j)
    groups: dict[int, set[int]] = {}
    for k in range(len(profiles)):
        groups.setdefault(find(k), set()).add(k)
    return {frozenset(g) for g in groups.values()}


def _check(game, res):
    A, B, tol = _matrices(game)
    m, n = len(A), len(A[0])
    ours = [tuple(tuple(s) for s in eq.strategies) for eq in res.equilibria]
    assert len(set(ours)) == len(ours), "an extreme equilibrium is listed twice"
    # every listed profile is an equilibrium, and every pure equilibrium is listed
    for x, y in ours:
        assert _is_equilibrium(A, B, x, y, tol)
    one = 1 if game.is_exact else 1.0
    unit = [tuple(one if k == i else 0 * one for k in range(size)) for size in (m, n) for i in range(size)]
    rows, cols = unit[:m], unit[m:]
    for x, y in product(rows, cols):
        if _is_equilibrium(A, B, x, y, tol):
            assert any(all(_close(a, b, tol) for a, b in zip(x + y, p + q)) for p, q in ours), \
                "a pure equilibrium is missing"

    # the components: partition of the listed equilibria, equal to the independent classes
    comps = [frozenset(c.equilibria) for c in res.components]
    assert sorted(k for c in comps for k in c) == list(range(len(ours)))
    assert set(comps) == _classes(A, B, ours, tol)

    where = {p: k for k, p in enumerate(ours)}
    for c in res.components:
        pays = [_payoffs(A, B, *ours[k]) for k in c.equilibria]
        for i in range(2):
            lo, hi = min(p[i] for p in pays), max(p[i] for p in pays)
            assert _close(c.payoffs[i][0], lo, tol) and _close(c.payoffs[i][1], hi, tol)
        assert c.is_continuum == (len(c.equilibria) > 1)
        covered: set[int] = set()
        for subset in c.maximal_subsets:
            assert set(subset) <= set(c.equilibria)
            X = {ours[k][0] for k in subset}
            Y = {ours[k][1] for k in subset}
            # a biclique: every pair of X x Y is a listed extreme equilibrium, and no more
            assert {(x, y) for x in X for y in Y} == {ours[k] for k in subset}
            # maximal: no other listed row (column) strategy pairs with all of Y (all of X)
            other_rows = {p[0] for p in ours} - X
            other_cols = {p[1] for p in ours} - Y
            assert not any(all((x, y) in where for y in Y) for x in other_rows)
            assert not any(all((x, y) in where for x in X) for y in other_cols)
            covered |= set(subset)
        assert covered == set(c.equilibria)


def test_the_files_are_listed_in_source_md():
    source = (FOLDER / "SOURCE.md").read_text(encoding="utf-8")
    assert len(FILES) >= 40
    for path in FILES:
        assert f"`{path.name}` <- `" in source, path.name


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_components_match_an_independent_computation(path):
    game = gt.read_game(path)
    assert game.num_players == 2
    res = gt.solve_vertex(game)
    assert res.components is not None
    _check(game, res)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_components_in_float_mode(path):
    # every file is exact; its float copy exercises the tolerance branch of the checks
    game = gt.read_game(path)
    A, B = (np.array(M, dtype=float) for M in game.payoffs)
    floated = gt.NormalFormGame.from_bimatrix(A, B)
    assert not floated.is_exact
    _check(floated, gt.solve_vertex(floated))


def test_the_corpus_has_continua():
    # the checks above are not vacuous: many of Gambit's files have a continuum of equilibria
    with_continua = [p.name for p in FILES
                     if any(c.is_continuum for c in gt.solve_vertex(gt.read_game(p)).components)]
    assert len(with_continua) >= 15, with_continua
    assert {"csg1.nfg", "deg2.nfg", "vd.nfg", "winkels.nfg", "zero.nfg"} <= set(with_continua)
