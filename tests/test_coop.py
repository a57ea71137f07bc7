"""Cooperative games: textbook values, the axioms on random games, and independent checks."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from math import factorial

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory as gt
from gametheory.cli import main
from gametheory.coop import (TUGame, banzhaf_value, characteristic_function, core_is_empty, core_point,
                             core_vertices, in_core, is_convex, is_essential, is_superadditive,
                             least_core, nucleolus, shapley_value)
from gametheory.coop.tu import popcount
from gametheory.io import parse_tu

F = Fraction


def glove():
    return TUGame(["L", "R1", "R2"], {"L,R1": 1, "L,R2": 1, "L,R1,R2": 1}, title="glove")


def airport(costs):
    names = [f"p{i}" for i in range(len(costs))]
    return TUGame.from_function(names, lambda S: -max(costs[names.index(p)] for p in S))


def majority():
    return TUGame(["A", "B", "C"], {"A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1})


def test_glove_game():
    g = glove()
    assert shapley_value(g).values == (F(2, 3), F(1, 6), F(1, 6))
    assert nucleolus(g).values == (1, 0, 0)
    assert core_vertices(g).vertices == ((1, 0, 0),)          # the core is one point
    assert least_core(g).epsilon == 0 and not core_is_empty(g)
    assert not in_core(g, shapley_value(g).values)            # Shapley is not in the core here


def test_airport_game_shapley_is_the_sequential_split():
    """Littlechild and Owen (1973): each segment's cost is shared equally by those who use it."""
    costs = [1, 3, 6]
    g = airport(costs)
    assert shapley_value(g).values == (F(-1, 3), F(-1, 3) - 1, F(-1, 3) - 1 - 3)
    # the cost game is concave, so the core is not empty and holds the nucleolus
    assert not core_is_empty(g) and in_core(g, nucleolus(g).values)
    assert in_core(g, shapley_value(g).values)
    # Littlechild (1974): the nucleolus equalises the gains of the smallest players in turn
    assert nucleolus(g).values == (F(-1, 2), F(-5, 4), F(-17, 4))


def test_majority_game_has_an_empty_core():
    g = majority()
    lc = least_core(g)
    eps, x = lc.epsilon, lc.point.values
    assert eps == F(1, 3) and x == (F(1, 3),) * 3
    assert core_is_empty(g) and core_point(g) is None and core_vertices(g).vertices == ()
    assert nucleolus(g).values == (F(1, 3),) * 3 and shapley_value(g).values == (F(1, 3),) * 3
    assert is_superadditive(g) and is_essential(g) and not is_convex(g)


def test_convex_game_shapley_in_core():
    n = 4
    g = TUGame.from_function([f"p{i}" for i in range(n)], lambda S: len(S) ** 2)
    assert is_convex(g) and in_core(g, shapley_value(g).values)
    # convex: the core's vertices are the marginal vectors (Shapley 1971)
    marginals = set()
    for order in itertools.permutations(range(n)):
        x, have = [0] * n, 0
        for i in order:
            x[i] = g.v[have | 1 << i] - g.v[have]
            have |= 1 << i
        marginals.add(tuple(x))
    assert set(core_vertices(g).vertices) == marginals


# -- random games: the axioms and independent checks --------------------------------------------

@st.composite
def tu_games(draw, max_players=5, low=-5, high=20):
    n = draw(st.integers(2, max_players))
    worths = draw(st.lists(st.integers(low, high), min_size=2 ** n - 1, max_size=2 ** n - 1))
    return TUGame([f"p{i}" for i in range(n)], [0] + worths)


@given(tu_games())
@settings(max_examples=60, deadline=None)
def test_shapley_axioms(g):
    phi = shapley_value(g).values
    assert sum(phi) == g.v[g.grand]                               # efficiency
    # against the definition: average marginal contribution over all orders
    n = g.n
    if n <= 4:
        total = [F(0)] * n
        for order in itertools.permutations(range(n)):
            have = 0
            for i in order:
                total[i] += g.v[have | 1 << i] - g.v[have]
                have |= 1 << i
        assert tuple(t / factorial(n) for t in total) == phi


@st.composite
def tu_game_pairs(draw, max_players=4, low=-5, high=20):
    """Two TU games on the same players."""
    n = draw(st.integers(2, max_players))
    worths = st.lists(st.integers(low, high), min_size=2 ** n - 1, max_size=2 ** n - 1)
    players = [f"p{i}" for i in range(n)]
    return TUGame(players, [0] + draw(worths)), TUGame(players, [0] + draw(worths))


@given(tu_game_pairs())
@settings(max_examples=40, deadline=None)
def test_shapley_additive_and_dummy(pair):
    g, h = pair
    both = TUGame(g.players, g.v + h.v)
    assert shapley_value(both).values == tuple(a + b for a, b in zip(shapley_value(g).values,
                                                                      shapley_value(h).values))
    # a dummy player (adds exactly its own worth everywhere) gets its worth
    n = g.n
    dummy = TUGame(list(g.players) + ["d"], [g.v[m & ~(1 << n)] + (7 if m >> n & 1 else 0)
                                             for m in range(1 << (n + 1))])
    assert shapley_value(dummy).values[-1] == 7 and banzhaf_value(dummy).values[-1] == 7


@given(tu_games(max_players=4))
@settings(max_examples=40, deadline=None)
def test_symmetric_players_get_the_same(g):
    # make players 0 and 1 symmetric: v(S + 0) = v(S + 1) for S without both
    v = g.v.copy()
    for m in range(1 << g.n):
        if m & 2 and not m & 1:
            v[m] = v[(m & ~2) | 1]
    s = TUGame(g.players, v)
    phi, beta = shapley_value(s).values, banzhaf_value(s).values
    assert phi[0] == phi[1] and beta[0] == beta[1]
    try:
        nu = nucleolus(s).values
    except gt.InvalidGameError:
        # refused only without imputations: the players alone are worth more than all together
        assert sum(s.v[1 << i] for i in range(s.n)) > s.v[s.grand]
        return
    assert nu[0] == nu[1]


@given(tu_games())
@settings(max_examples=60, deadline=None)
def test_core_least_core_and_nucleolus(g):
    lc = least_core(g)
    eps, x = lc.epsilon, lc.point.values
    vertices = core_vertices(g).vertices
    # the least-core value is <= 0 exactly when the core has a vertex (independent enumeration)
    assert (eps <= 0) == bool(vertices)
    if eps <= 0:
        assert in_core(g, x) and all(in_core(g, v) for v in vertices)
    # the least-core allocation leaves no coalition worse than eps, exactly
    assert max(g.excess(x)[1:g.grand]) <= eps
    try:
        nu = nucleolus(g).values
    except gt.InvalidGameError:
        assert sum(g.v[1 << i] for i in range(g.n)) > g.v[g.grand]
        return
    assert sum(nu) == g.v[g.grand] and all(nu[i] >= g.v[1 << i] for i in range(g.n))
    if eps <= 0:
        assert in_core(g, nu)                                      # nucleolus in a non-empty core
        _kohlberg(g, nu)


def _balanced(g: TUGame, masks) -> bool:
    """Kohlberg's balancedness: positive weights on the coalitions summing to 1 on every player."""
    if not masks:
        return True
    inc = g.incidence(masks).T.astype(float)                       # players x coalitions
    k = len(masks)
    # find delta >= 1 and lam with inc @ delta = lam * 1
    A_eq = np.hstack([inc, -np.ones((g.n, 1))])
    res = linprog(np.zeros(k + 1), A_eq=A_eq, b_eq=np.zeros(g.n),
                  bounds=[(1, None)] * k + [(0, None)], method="highs")
    return res.status == 0


def _kohlberg(g: TUGame, x):
    """Kohlberg (1971): x is the prenucleolus iff every set {S : e(S, x) >= t}, joined by the
    grand coalition, is balanced.  In a non-empty core the nucleolus is the prenucleolus."""
    excess = g.excess(x)
    proper = list(range(1, g.grand))
    for t in sorted(set(excess[proper].tolist()), reverse=True):
        top = [m for m in proper if excess[m] >= t] + [g.grand]
        assert _balanced(g, top), (t, x)


def test_float_games():
    g = TUGame(["a", "b", "c"], [0, 0.0, 0, 0.5, 0, 0.5, 0.5, 1.0])
    assert not g.exact
    assert shapley_value(g).values == pytest.approx((1 / 3,) * 3)
    assert nucleolus(g).values == pytest.approx((1 / 3,) * 3)
    eps = least_core(g).epsilon
    assert eps == pytest.approx(-1 / 6)


def test_shapley_for_20_players_is_vectorised():
    n = 20
    g = TUGame([f"p{i}" for i in range(n)], popcount(np.arange(1 << n)) ** 2)
    phi = shapley_value(g).values
    assert phi == (n,) * n                                        # symmetric: v(N) / n = 400 / 20


# -- derived games, files, command line -------------------------------------------------------------

def test_characteristic_functions_of_the_prisoners_dilemma():
    pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["A", "B"])
    for kind in ("alpha", "beta"):
        v = characteristic_function(pd, kind)
        assert (v.value("A"), v.value("B"), v.value("A,B")) == (1, 1, 6)
    eq = characteristic_function(pd, "equilibrium")
    assert eq.value("A") == 1                                      # mutual defection
    # pure alpha <= mixed value <= pure beta, on a game without a pure saddle point
    mp = gt.read_game("matching-pennies")
    lo = characteristic_function(mp, "alpha", mixed=False).value("Matcher")
    mid = characteristic_function(mp, "alpha").value("Matcher")
    hi = characteristic_function(mp, "beta", mixed=False).value("Matcher")
    assert (lo, mid, hi) == (-1, 0, 1)


def test_the_article_models_coalitions():
    v = characteristic_function(gt.load_model("unilateral").game())
    assert v.players == ("US", "ROK", "PRC")
    assert is_superadditive(v) and not core_is_empty(v)
    assert in_core(v, nucleolus(v).values)


@pytest.mark.parametrize("text, message", [
    ('players = ["A", "A"]\n[values]\n"A" = 1\n', "duplicate player 'A'"),
    ('players = ["A", "B"]\n[values]\n"A,C" = 1\n', "unknown player 'C'"),
    ('players = ["A", "B"]\n[values]\n"A,B" = 1\n"B,A" = 2\n', "given twice"),
    ('players = ["A", "B"]\n[values]\n"A,B" = "x"\n', "not a number"),
    ('players = ["A", "B"]\n[values]\n"A,B" = nan\n', "finite"),
    ('players = []\n', "non-empty list"),
    ('players = ["A"]\ncolour = 1\n', "unknown key 'colour'"),
    ('players = ["A"\n', "TOML syntax error"),
])
def test_bad_tu_files_name_the_problem(text, message):
    with pytest.raises(gt.GameFileError, match=message):
        parse_tu(text, source="t.toml")


CONTRACT = '''title = "Three parties"
players = ["US", "ROK", "PRC"]
[values]            # worth of each coalition; players joined by commas; unlisted coalitions are 0
"US" = 10
"US,ROK" = 60
"US,ROK,PRC" = 120
'''


def test_coop_json_follows_the_contract(tmp_path, capsys):
    path = tmp_path / "three.toml"
    path.write_text(CONTRACT)
    assert main(["coop", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "gametheory.coop/1" and data["exact"] is True
    assert data["players"] == ["US", "ROK", "PRC"]
    assert data["shapley"] == ["160/3", "145/3", "55/3"]
    assert data["nucleolus"] == ["50", "40", "30"]
    assert data["core_empty"] is False and data["least_core_epsilon"] == "-30"
    assert sum(F(v) for v in data["core_point"]) == 120
    assert all(isinstance(v, str) for v in data["banzhaf"])


def test_coop_command_on_models_and_games(capsys):
    assert main(["coop", "unilateral"]) == 0
    out = capsys.readouterr().out
    assert "Shapley value" in out and "core: not empty" in out
    assert main(["coop", "chicken", "--characteristic", "equilibrium", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["shapley"] == ["3", "3"]
    assert main(["coop", "no-such-game"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error: ") and err.count("\n") == 1


# -- bargaining ---------------------------------------------------------------------------------------

def _feasible(game, weights):
    pts = np.array([[float(a[idx]) for a in game.payoffs]
                    for idx in itertools.product(*(range(m) for m in game.shape))])
    return pts.T @ weights


def test_two_player_nash_bargaining_is_exact_and_maximal():
    g = gt.read_game("battle-of-the-sexes")
    nbs = gt.nash_bargaining(g)
    assert nbs.exact and nbs.payoffs == (F(5, 2), F(5, 2))
    assert sum(nbs.distribution.values()) == 1
    # no point of the frontier gives a larger Nash product
    d = [float(x) for x in nbs.disagreement]
    front = [tuple(map(float, p)) for p in gt.pareto_frontier(g).points]
    best = (2.5 - d[0]) * (2.5 - d[1])
    for a, b in zip(front, front[1:]):
        for t in np.linspace(0, 1, 201):
            u = [a[k] + t * (b[k] - a[k]) for k in range(2)]
            assert (u[0] - d[0]) * (u[1] - d[1]) <= best + 1e-12


@given(st.lists(st.integers(-5, 9), min_size=8, max_size=8))
@settings(max_examples=40, deadline=None)
def test_bargaining_points_are_feasible_efficient_and_rational(values):
    A = np.array(values[:4]).reshape(2, 2)
    B = np.array(values[4:]).reshape(2, 2)
    g = gt.NormalFormGame.from_bimatrix(A, B)
    for solve in (gt.nash_bargaining, gt.kalai_smorodinsky):
        sol = solve(g)
        u = sol.payoffs
        assert all(x >= y for x, y in zip(u, sol.disagreement))          # individually rational
        # the distribution gives the point exactly
        total = [F(0), F(0)]
        for prof, w in sol.distribution.items():
            idx = tuple(g.actions[i].index(a) for i, a in enumerate(prof))
            total = [t + w * g.payoffs[i][idx] for i, t in enumerate(total)]
        assert tuple(total) == tuple(u)
        # Pareto efficient: no feasible point is better for both (LP over the profiles)
        pts = np.array([[float(g.payoffs[0][i, j]), float(g.payoffs[1][i, j])]
                        for i in range(2) for j in range(2)])
        res = linprog(-pts.sum(axis=1), A_ub=-pts.T, b_ub=-np.array([float(x) for x in u]),
                      A_eq=np.ones((1, 4)), b_eq=[1], bounds=[(0, None)] * 4, method="highs")
        assert -res.fun <= float(sum(u)) + 1e-9


def test_n_player_nash_bargaining_beats_other_feasible_points():
    g = gt.read_game("coordinated")
    nbs = gt.nash_bargaining(g)
    ks = gt.kalai_smorodinsky(g)
    d = np.array([float(x) for x in nbs.disagreement])

    def product(u):
        return float(np.prod(np.array(u, dtype=float) - d))

    assert product(nbs.payoffs) >= product(ks.payoffs) - 1e-9
    rng = np.random.default_rng(3)
    n_profiles = int(np.prod(g.shape))
    for _ in range(200):
        u = _feasible(g, rng.dirichlet(np.ones(n_profiles) * 0.3))
        if np.all(u >= d):
            assert product(u) <= product(nbs.payoffs) + 1e-7
    # the KS point is on the segment from d to the ideal point, exactly
    assert ks.exact


def test_disagreement_points():
    g = gt.read_game("chicken")
    assert gt.disagreement_point(g).payoffs == (1, 1)               # security levels
    assert gt.disagreement_point(g, "nash").payoffs in {(1, 4), (4, 1), (2, 2)}
    assert gt.disagreement_point(g, [0, 0]).payoffs == (0, 0)
    with pytest.raises(gt.InvalidGameError, match="unknown disagreement"):
        gt.disagreement_point(g, "threat")


@given(tu_games(max_players=6, low=0, high=30))
@settings(max_examples=25, deadline=None)
def test_constraint_generation_gives_the_same_nucleolus(g):
    from gametheory.coop import core
    try:
        full = nucleolus(g).values
    except gt.InvalidGameError:
        assert sum(g.v[1 << i] for i in range(g.n)) > g.v[g.grand]     # no imputation
        return
    old = core.GENERATION_FROM
    core.GENERATION_FROM = 4                     # every game: constraint generation
    try:
        assert nucleolus(g).values == full
    finally:
        core.GENERATION_FROM = old


def test_nucleolus_of_a_16_player_game_by_constraint_generation():
    n = 16
    rng = np.random.default_rng(16)
    sizes = popcount(np.arange(1 << n))
    values = sizes ** 2 * 5 + rng.integers(0, 20, size=1 << n)
    values[0] = 0
    g = TUGame([f"p{i}" for i in range(n)], values)
    nu = nucleolus(g).values
    assert sum(nu) == g.v[g.grand] and in_core(g, nu)


def test_epsilon_core_membership():
    g = majority()
    third = (F(1, 3),) * 3
    assert not in_core(g, third)
    assert in_core(g, third, epsilon=F(1, 3)) and not in_core(g, third, epsilon=F(1, 4))


# -- the records, and the deprecated names of the analysis' writers ----------------------------------

def test_coop_results_are_frozen_records_with_named_fields():
    import dataclasses
    g = glove()
    phi = shapley_value(g)
    assert (phi.concept, phi.players, phi.exact) == ("Shapley value", ("L", "R1", "R2"), True)
    assert phi.as_dict() == {"L": F(2, 3), "R1": F(1, 6), "R2": F(1, 6)} and phi.value_of("R1") == F(1, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        phi.values = (1, 0, 0)
    # an allocation record is accepted where an allocation is asked for, for its own players only
    assert in_core(g, nucleolus(g)) and not in_core(g, phi)
    with pytest.raises(gt.InvalidGameError, match="players"):
        in_core(majority(), phi)
    lc = least_core(majority())
    assert lc.core_empty and lc.point.concept == "least core" and lc.players == ("A", "B", "C")
    assert core_point(g).concept == "core point" and core_point(g).values == (1, 0, 0)
    a = gt.analyse_tu(g)
    assert a.shapley == phi and a.nucleolus == nucleolus(g) and a.core_vertices == core_vertices(g)
    assert not a.core_empty and a.exact and a.players == g.players and a.superadditive
    chicken = gt.read_game("chicken")
    d = gt.disagreement_point(chicken)
    assert (d.kind, d.players, d.exact) == ("maxmin", ("US", "PRC"), True)
    assert gt.kalai_smorodinsky(chicken, d) == gt.kalai_smorodinsky(chicken)
    front = gt.pareto_frontier(chicken)
    assert front.players == ("US", "PRC") and front.exact and (3, 3) in front.points


@pytest.mark.parametrize("game", [glove(), majority(), TUGame(["a", "b"], {"a": 3, "b": 3, "a,b": 1}),
                                  TUGame(["a", "b", "c"], [0, 0.0, 0, 0.5, 0, 0.5, 0.5, 1.0])])
def test_deprecated_coop_writers_warn_and_match_render(game):
    from gametheory.coop import coop_analysis
    from gametheory.report import render, to_dict
    analysis = gt.analyse_tu(game)
    for fmt in ("table", "json"):
        with pytest.warns(DeprecationWarning, match=r"render\(gt\.analyse_tu\(game\), fmt\)"):
            assert gt.format_coop(game, fmt) == render(analysis, fmt)
    with pytest.warns(DeprecationWarning, match=r"gt\.analyse_tu\(game\)"):
        text = json.loads(render(analysis, "json"))
        assert text.pop("version") == gt.__version__        # the JSON text adds the writer
        assert gt.coop_to_dict(game) == to_dict(analysis) == text
    with pytest.warns(DeprecationWarning, match=r"gt\.analyse_tu\(game\)"):
        legacy = coop_analysis(game)
    assert legacy["shapley"] == analysis.shapley.values and legacy["core_empty"] == analysis.core_empty
    with pytest.warns(DeprecationWarning):
        assert gt.coop_to_dict(game, legacy) == to_dict(analysis)
    with pytest.warns(DeprecationWarning), pytest.raises(ValueError, match="table or json"):
        gt.format_coop(game, "csv")


def test_least_core_by_constraint_generation_is_the_full_lp():
    # above GENERATION_FROM coalitions the least core adds violated coalitions to a small LP;
    # its epsilon must equal the LP over every coalition, exactly
    from gametheory.coop.core import GENERATION_FROM, _least_core_lp, _proper, least_core
    rng = np.random.default_rng(12)
    for n in (10, 11):
        assert 2 ** n > GENERATION_FROM
        worth = rng.integers(0, 40, size=2 ** n)
        worth[-1] = 400
        game = TUGame.from_function([f"P{i}" for i in range(n)],
                                    lambda S, w=worth, n=n: int(w[sum(1 << int(p[1:]) for p in S)]))
        full = _least_core_lp(game, _proper(game).tolist())
        lc = least_core(game)
        assert lc.epsilon == full.x[n]
        assert all(game.excess(lc.point.values, _proper(game)) <= lc.epsilon)


def test_coalition_sums_by_doubling():
    game = TUGame(["A", "B", "C"], {"A,B,C": 1})
    x = [Fraction(1, 2), 2, -1]
    sums = game.coalition_sums(x, object)
    assert sums.tolist() == (game.incidence() @ np.array(x, dtype=object)).tolist()


@pytest.mark.parametrize("name", ["battle-of-the-sexes", "prisoners-dilemma", "chicken"])
def test_exact_bargaining_numbers_are_python_ints_and_fractions(name):
    """Exact results hold ``int`` and ``Fraction`` values, never numpy integers (an int64 payoff
    array's entries used to come through as ``np.int64``)."""
    g = gt.read_game(name)
    values = [x for p in gt.pareto_frontier(g).points for x in p]
    for solution in (gt.nash_bargaining(g), gt.kalai_smorodinsky(g)):
        values += list(solution.payoffs) + list(solution.disagreement)
    assert values and all(type(x) in (int, Fraction) for x in values), \
        sorted({type(x).__name__ for x in values})
