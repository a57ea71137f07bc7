"""Bayesian games and their Bayes-Nash equilibria, against textbook answers and other routes.

Known answers: Osborne (2004, section 9.2) BoS where player 2 may wish to avoid player 1
(the unique pure equilibrium (B, (B, S))); Fudenberg and Tirole (1991, section 6.1) entry
deterrence with a privately known cost of building (three equilibria when the high-cost
type is less likely than 1/2, one otherwise); Gibbons (1992, section 3.1.A) Cournot
duopoly with an unknown cost, discretised around its closed-form equilibrium.  Other
routes: the game tree (nature draws the types) and the ex-ante strategic form, each solved
by the existing solvers, and a brute-force search over pure strategies by the definition.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory as gt
from gametheory.errors import InvalidGameError


def _osborne():
    return gt.BayesianGame(["Row", "Column"], [["-"], ["meet", "avoid"]],
                           [["B", "S"], ["B", "S"]], {("-", "meet"): "1/2", ("-", "avoid"): "1/2"},
                           {("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
                            ("-", "avoid"): [[[2, 0], [0, 1]], [[0, 2], [1, 0]]]})


def _entry(p_high):
    """Fudenberg and Tirole's entry deterrence: the incumbent (row) knows its cost of building."""
    high = [[[0, 2], [2, 3]], [[-1, 0], [1, 0]]]
    low = [[[F(3, 2), F(7, 2)], [2, 3]], [[-1, 0], [1, 0]]]
    return gt.BayesianGame(["Incumbent", "Entrant"], [["high", "low"], ["-"]],
                           [["Build", "Don't"], ["Enter", "Stay out"]],
                           {("high", "-"): p_high, ("low", "-"): 1 - p_high},
                           {("high", "-"): high, ("low", "-"): low})


def _pure_bne(game):
    """Every pure Bayes-Nash equilibrium, by the definition: each type's action is an interim
    best response (computed here from the prior and payoffs, not by the package)."""
    n = len(game.players)
    plans = [list(itertools.product(range(game.action_shape[i]), repeat=game.type_shape[i]))
             for i in range(n)]
    found = []
    for combo in itertools.product(*plans):
        ok = True
        for i in range(n):
            for k in range(game.type_shape[i]):
                values = []
                for a in range(game.action_shape[i]):
                    total = 0
                    for ix in itertools.product(*(range(m) for m in game.type_shape)):
                        if ix[i] != k:
                            continue
                        acts = tuple(a if j == i else combo[j][ix[j]] for j in range(n))
                        total += game.prior[ix] * game.payoffs[i][ix + acts]
                    values.append(total)
                if values[combo[i][k]] != max(values):
                    ok = False
        if ok:
            found.append(combo)
    return found


def _as_plans(res):
    """The pure equilibria of a result as type-to-action index tuples."""
    out = []
    for eq in res.equilibria:
        if all(max(d) == 1 for per in eq.strategies for d in per):
            out.append(tuple(tuple(list(d).index(1) for d in per) for per in eq.strategies))
    return out


def test_osborne_bos_with_a_player_who_may_avoid():
    g = _osborne()
    res = gt.solve_bayes_nash(g)
    assert res.exact and res.complete
    assert _as_plans(res) == _pure_bne(g) == [((0,), (0, 1))]     # (B, (B, S))
    pure = next(e for e in res.equilibria if e.regret == 0 and max(e.strategies[0][0]) == 1)
    assert pure.payoffs == (1, F(3, 2)) and pure.interim[1] == (1, 2)
    assert len(res.equilibria) == 3                                  # and two mixed ones


@pytest.mark.parametrize("p_high, expected", [
    (F(1, 3), 3),          # (Don't, Enter); (low builds, Stay out); and a mixed one
    (F(2, 3), 1),          # only (Don't, Enter)
])
def test_entry_deterrence_with_a_private_cost(p_high, expected):
    g = _entry(p_high)
    res = gt.solve_bayes_nash(g)
    assert len(res.equilibria) == expected
    plays = [e.plays(g) for e in res.equilibria]
    # the high-cost incumbent never builds
    assert all(p[("Incumbent", "high")] == {"Don't": 1} for p in plays)
    assert {("Incumbent", "low"): {"Don't": 1}, ("Incumbent", "high"): {"Don't": 1},
            ("Entrant", "-"): {"Enter": 1}} in plays
    if expected == 3:
        assert {("Incumbent", "low"): {"Build": 1}, ("Incumbent", "high"): {"Don't": 1},
                ("Entrant", "-"): {"Stay out": 1}} in plays
        mixed = next(p for p in plays if len(p[("Entrant", "-")]) == 2)
        # the entrant mixes 1/2; the low type builds with probability 1 / (2 (1 - p_high))
        assert mixed[("Entrant", "-")] == {"Enter": F(1, 2), "Stay out": F(1, 2)}
        assert mixed[("Incumbent", "low")]["Build"] == 1 / (2 * (1 - p_high))
    assert sorted(_as_plans(res)) == sorted(_pure_bne(g))


def test_discretised_cournot_with_an_unknown_cost():
    # Gibbons 3.1.A: demand P = a - Q; firm 1's cost c, firm 2's cost cH (prob theta) or cL.
    a, c, cH, cL, theta = 24, 6, 8, 4, F(1, 2)
    q2H = F(a - 2 * cH + c, 3) + (1 - theta) * (cH - cL) / 6
    q2L = F(a - 2 * cL + c, 3) - theta * (cH - cL) / 6
    q1 = F(a - 2 * c + theta * cH + (1 - theta) * cL, 3)
    assert (q1, q2H, q2L) == (6, 5, 7)
    grid = [4, 5, 6, 7, 8]

    def profits(cost2):
        return [[[q * (a - q - r - c) for r in grid] for q in grid],
                [[r * (a - q - r - cost2) for r in grid] for q in grid]]

    g = gt.BayesianGame(["Firm 1", "Firm 2"], [["-"], ["high", "low"]],
                        [[str(q) for q in grid], [str(q) for q in grid]],
                        {("-", "high"): theta, ("-", "low"): 1 - theta},
                        {("-", "high"): profits(cH), ("-", "low"): profits(cL)})
    # all equilibria: the polynomial solver after removing strictly dominated quantities
    res = gt.solve_bayes_nash(g, method="polynomial", eliminate=True)
    # the closed form is one of them; the integer grid makes some best replies tie (firm 2's
    # high type is indifferent between 5 and 6 against 5), so there are others, a continuum
    # among them (reported, not hidden), and exactly the pure profiles the definition accepts
    assert not res.complete and res.continua and any("continuum" in n for n in res.notes)
    assert {("Firm 1", "-"): {"6": 1}, ("Firm 2", "high"): {"5": 1},
            ("Firm 2", "low"): {"7": 1}} in [e.plays(g) for e in res.equilibria]
    assert sorted(_as_plans(res)) == sorted(_pure_bne(g))


def test_three_routes_agree_on_random_games():
    rng = np.random.default_rng(12)
    for trial in range(12):
        types = [["a", "b"][: int(rng.integers(1, 3))] for _ in range(2)]
        if len(types[0]) * len(types[1]) == 1:
            types[1] = ["a", "b"]
        actions = [["x", "y"], ["x", "y", "z"][: int(rng.integers(2, 4))]]
        profiles = list(itertools.product(*types))
        weights = rng.integers(1, 5, size=len(profiles))
        prior = {t: F(int(w), int(weights.sum())) for t, w in zip(profiles, weights)}
        shape = (len(actions[0]), len(actions[1]))
        payoffs = {t: [rng.integers(-4, 5, size=shape) for _ in range(2)] for t in profiles}
        g = gt.BayesianGame(["P1", "P2"], types, actions, prior, payoffs)
        res = gt.solve_bayes_nash(g)
        # pure equilibria: exactly those of the definition
        assert sorted(_as_plans(res)) == sorted(_pure_bne(g))
        # every equilibrium of the tree (nature draws the types) is among the agent form's,
        # as behaviour; the agent form lists no duplicates
        agent = {tuple(tuple(d) for per in e.strategies for d in per) for e in res.equilibria}
        assert len(agent) == len(res.equilibria)
        tree = gt.solve(g.tree())
        for eq in tree.equilibria:
            behaviour = tuple(tuple(d) for per in eq.behavior for d in per)
            if res.complete and tree.complete:
                assert behaviour in agent or _is_bne(g, eq.behavior)
            assert _is_bne(g, eq.behavior)


def _is_bne(game, behaviour) -> bool:
    values = game.interim_payoffs(behaviour)
    return all(sum(p * v for p, v in zip(dist, values[i][k])) == max(values[i][k])
               for i, per in enumerate(behaviour) for k, dist in enumerate(per))


def test_one_type_each_is_the_normal_form():
    chicken = gt.read_game("chicken")
    g = gt.BayesianGame(chicken.players, [["-"], ["-"]], chicken.actions, {("-", "-"): 1},
                        {("-", "-"): chicken})
    res = gt.solve_bayes_nash(g)
    assert [tuple(d for per in e.strategies for d in per) for e in res.equilibria] == \
        [e.strategies for e in gt.solve(chicken).equilibria]


def test_float_payoffs_give_float_results():
    g = gt.BayesianGame(["A", "B"], [["s", "t"], ["-"]], [["x", "y"], ["x", "y"]],
                        {("s", "-"): 0.25, ("t", "-"): 0.75},
                        {("s", "-"): [[[1.5, 0], [0, 1]], [[1, 0], [0, 1]]],
                         ("t", "-"): [[[0, 1], [1, 0.5]], [[1, 0], [0, 1]]]})
    res = gt.solve_bayes_nash(g)
    assert not res.exact and res.equilibria
    for eq in res.equilibria:
        assert _is_bne_float(g, eq.strategies)


def _is_bne_float(game, behaviour) -> bool:
    values = game.interim_payoffs(behaviour)
    return all(sum(p * v for p, v in zip(dist, values[i][k])) >= max(values[i][k]) - 1e-9
               for i, per in enumerate(behaviour) for k, dist in enumerate(per))


@pytest.mark.parametrize("kwargs, message", [
    ({"prior": {("-", "meet"): "1/2", ("-", "avoid"): "1/3"}}, "sum to 5/6, not 1"),
    ({"prior": {("-", "meet"): "3/2", ("-", "avoid"): "-1/2"}}, "negative probability"),
    ({"prior": {("-", "meet"): 1}}, "type 'avoid' of 'Column' has prior probability 0"),
    ({"prior": {("-", "meet"): "1/2", ("-", "calm"): "1/2"}}, "'Column' has no type 'calm'"),
    ({"payoffs": {("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]]}},
     "('-', 'avoid') has positive prior probability but no payoffs"),
    ({"payoffs": {("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
                  ("-", "avoid"): [[[2, 0, 1], [0, 1, 1]], [[0, 2], [1, 0]]]}}, "shape (2, 3)"),
    ({"payoffs": {("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
                  ("-", "avoid"): [[[float("nan"), 0], [0, 1]], [[0, 2], [1, 0]]]}}, "not finite"),
    ({"types": [["-"], ["meet", "meet"]]}, "appears twice"),
    ({"types": [["-"], []]}, "types of 'Column' is empty"),
    ({"prior": {("-", "meet"): "half", ("-", "avoid"): "1/2"}}, "not a number"),
])
def test_bad_input_is_one_line(kwargs, message):
    args = dict(players=["Row", "Column"], types=[["-"], ["meet", "avoid"]],
                actions=[["B", "S"], ["B", "S"]], prior={("-", "meet"): "1/2", ("-", "avoid"): "1/2"},
                payoffs={("-", "meet"): [[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
                         ("-", "avoid"): [[[2, 0], [0, 1]], [[0, 2], [1, 0]]]})
    args.update(kwargs)
    with pytest.raises(InvalidGameError) as err:
        gt.BayesianGame(**args)
    assert message in str(err.value) and "\n" not in str(err.value)


# -- crisis models with private types -----------------------------------------------------------

TYPED = '''
[model]
extends = "loose-nukes.toml"
title = "Loose nukes, the PRC's aims unknown to the US"

[[type]]
party = "PRC"
name = "buffer-seeking"
probability = "{p}"
values = {{ "weight.PRC.us_role" = -8, "weight.PRC.clash" = -3 }}
quote = "it too has an interest in limiting the role of the U.S. in an instability scenario"

[[type]]
party = "PRC"
name = "stability-first"
probability = "{q}"
values = {{ "weight.PRC.us_role" = -2, "weight.PRC.clash" = -10 }}
quote = "For Beijing, any instability in the region is to be avoided, if only for economic reasons"
'''


def _typed(tmp_path, p="2/5", q="3/5", text=None):
    import shutil
    from gametheory.io.sources import bundled
    folder = tmp_path / "m"
    folder.mkdir(exist_ok=True)
    shutil.copy(str(bundled("model")["loose-nukes"].entry), folder / "loose-nukes.toml")
    path = folder / "typed.toml"
    path.write_text(text if text is not None else TYPED.format(p=p, q=q), encoding="utf-8")
    return path


def test_model_types_make_the_bayesian_game(tmp_path):
    m = gt.load_model(_typed(tmp_path))
    g = m.bayesian_game()
    assert g.types == (("-",), ("buffer-seeking", "stability-first"))
    assert [str(v) for v in g.prior.flat] == ["2/5", "3/5"]
    for k, t in enumerate(m.types):
        game = m.with_values(dict(t.values)).game()
        for i in range(2):
            assert g.payoffs[i][(0, k)].tolist() == game.payoffs[i].tolist()


def test_bayes_compare_types_act_apart_and_risks_are_expectations(tmp_path):
    c = gt.bayes_compare(gt.load_model(_typed(tmp_path)))
    assert [r.name for r in c.regimes] == ["unilateral", "coordinated"]
    uni = c.regimes[0]
    (eq,) = uni.result.equilibria
    plays = eq.plays(uni.result.game)
    assert plays[("US", "-")] == {"Secure WMD": 1}
    assert plays[("PRC", "buffer-seeking")] == {"Move in": 1}
    assert plays[("PRC", "stability-first")] == {"Wait": 1}
    # the expected clash level: the buffer-seeking type's share of (Secure WMD, Move in)
    m = gt.load_model(_typed(tmp_path)).with_understandings([])
    clash = m.attribute_values(("Secure WMD", "Move in"))["clash"][0]
    assert uni.risks[0]["clash"] == F(2, 5) * clash


def test_one_type_each_gives_the_complete_information_answer():
    model = gt.load_model("loose-nukes")
    c = gt.bayes_compare(model)
    full = gt.compare(model)
    for regime, ref in zip(c.regimes, full.regimes):
        nash = regime.result.equilibria
        assert [eq.payoffs for eq in nash] == [tuple(o.payoffs[p.name] for p in model.players)
                                               for o in ref.nash_outcomes]
        assert [r for r in regime.risks] == [{a: o.risks[a] for a in r} for r, o
                                             in zip(regime.risks, ref.nash_outcomes)]


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.format(p="1/2", q="1/3"), "probabilities summing to 5/6, not 1"),
    (lambda t: t.format(p="2/5", q="3/5").replace('"weight.PRC.clash" = -3', '"weight.PRC.colour" = -3'),
     "no parameter 'weight.PRC.colour'"),
    (lambda t: t.format(p="2/5", q="3/5").replace('party = "PRC"\nname = "buffer', 'party = "Japan"\nname = "buffer'),
     "'party' must name a party with actions"),
    (lambda t: t.format(p="2/5", q="3/5").replace("stability-first", "buffer-seeking"),
     "duplicate type 'buffer-seeking' of PRC"),
    (lambda t: t.format(p="2/5", q="3/5").replace('"weight.PRC.clash" = -10', '"weight.US.us_role" = -12'),
     "break a stated priority"),
    (lambda t: t.format(p="0", q="1"), "must lie in (0, 1]"),
])
def test_bad_types_are_one_line_exit_2(tmp_path, capsys, edit, message):
    from gametheory.cli import main
    path = _typed(tmp_path, text=edit(TYPED))
    assert main(["bayes", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_bayes_json(tmp_path, capsys):
    import json
    from gametheory.cli import main
    assert main(["bayes", str(_typed(tmp_path)), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.bayes/1"
    assert [t["name"] for t in d["party_types"]] == ["buffer-seeking", "stability-first"]
    uni = d["regimes"][0]
    assert uni["types"] == [["-"], ["buffer-seeking", "stability-first"]]
    assert uni["equilibria"][0]["strategies"] == [[["0", "1"]], [["0", "1"], ["1", "0"]]]
    assert set(uni["equilibria"][0]["risks"]) == {"loose_nukes", "clash"}


def test_type_probabilities_are_parameters_and_thresholds_find_the_flip():
    model = gt.load_model("loose-nukes-types")
    kinds = {p.name: p.kind for p in model.parameters()}
    assert kinds["type.PRC.buffer-seeking"] == "type"
    # the rest is shared: one type set, the other takes what is left
    assert [t.probability for t in model.with_values({"type.PRC.buffer-seeking": "1/8"}).types] \
        == [F(1, 8), F(7, 8)]
    # a sweep does not draw them unless asked (its conclusions do not read them)
    from gametheory.crisis.sweep import uncertain_parameters
    assert all(p.kind != "type" for p in uncertain_parameters(model))
    res = gt.thresholds(model, "type.PRC.buffer-seeking", within=(0, 1), points=11)
    (flip,) = res.flips
    assert (flip.conclusion, flip.exact, flip.basis, flip.before) == \
        ("bayes_worst_risk.clash", F(1, 8), "margin", False)
    # the flip is real: just below it coordination raises the clash risk, just above it lowers it
    for p, holds in ((F(1, 8) - F(1, 1000), False), (F(1, 8) + F(1, 1000), True)):
        c = gt.bayes_compare(model.with_values({"type.PRC.buffer-seeking": p}))
        uni, coord = (max(r["clash"] for r in reg.risks) for reg in c.regimes)
        assert (coord <= uni) == holds


def test_threshold_view_errors(capsys):
    from gametheory.cli import main
    assert main(["threshold", "loose-nukes", "--vary", "weight.US.clash", "--view", "bayes"]) == 2
    assert "needs [[type]] tables" in capsys.readouterr().err
    assert main(["threshold", "loose-nukes-types", "--vary", "type.PRC.buffer-seeking=0:1",
                 "--conclude", "worst(with, US) >= worst(without, US)"]) == 2
    assert "complete-information comparison" in capsys.readouterr().err


def test_a_type_probability_may_carry_a_range(tmp_path):
    text = TYPED.format(p="2/5", q="3/5").replace(
        'probability = "2/5"', 'probability = { value = "2/5", range = ["1/10", "9/10"] }')
    model = gt.load_model(_typed(tmp_path, text=text))
    number = {p.name: p.number for p in model.parameters()}["type.PRC.buffer-seeking"]
    assert (number.value, number.low, number.high) == (F(2, 5), F(1, 10), F(9, 10))


def test_sweep_in_the_bayes_view(capsys):
    import json
    from gametheory.cli import main
    model = gt.load_model("loose-nukes-types")
    one = gt.sweep(model, samples=6, seed=3, workers=1, view="bayes")
    two = gt.sweep(model, samples=6, seed=3, workers=2, view="bayes")
    assert gt.to_dict(one) == gt.to_dict(two)
    assert one.view == "bayes" and [c.name for c in one.conclusions][0] == "bayes_worst_risk.loose_nukes"
    assert {(v.party, v.measure) for v in one.values} == {("US", "worst"), ("US", "best"),
                                                          ("PRC", "worst"), ("PRC", "best")}
    # each draw's truth is the conclusion on that draw's Bayes-Nash comparison
    draw = one.draws[0]
    c = gt.bayes_compare(model.with_values(draw.values))
    assert draw.holds == tuple(ch.holds(c) for ch in gt.bayes_conclusions(model))
    assert main(["sweep", "loose-nukes-types", "--view", "bayes", "--samples", "3", "--workers",
                 "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["view"] == "bayes"
    assert main(["sweep", "loose-nukes", "--view", "bayes", "--samples", "2"]) == 2
    assert "needs [[type]] tables" in capsys.readouterr().err
    assert main(["sweep", "loose-nukes-types", "--view", "bayes", "--samples", "2",
                 "--conclude", "worst(with, US) >= worst(without, US)"]) == 2
    assert "complete-information" in capsys.readouterr().err


def test_sensitivity_in_the_bayes_view():
    model = gt.load_model("loose-nukes-types")
    s = gt.sensitivity(model, n=4, workers=1, bootstrap=10, view="bayes",
                       vary=["weight.US.clash", "weight.US.loose_nukes"])
    assert s.view == "bayes" and s.outputs == (("US", "worst"), ("PRC", "worst"))
    assert s.indices.first.shape == (2, 2) and s.evaluations == 16
    with pytest.raises(InvalidGameError, match="worst, best in the bayes view"):
        gt.sensitivity(model, n=4, workers=1, view="bayes", measures=["selected"])


def test_compare_adds_the_bayes_view_for_models_with_types(capsys):
    import json
    from gametheory.cli import main
    c = gt.compare(gt.load_model("loose-nukes-types"))
    assert c.bayes is not None and [r.name for r in c.bayes.regimes] == ["unilateral", "coordinated"]
    assert gt.compare(gt.load_model("loose-nukes")).bayes is None
    assert gt.compare(gt.load_model("loose-nukes-types"), extras=False).bayes is None
    assert main(["compare", "loose-nukes-types", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["bayes"]["schema"] == "gametheory.bayes/1"
    assert main(["compare", "loose-nukes-types"]) == 0
    assert "with the parties' private types" in capsys.readouterr().out
