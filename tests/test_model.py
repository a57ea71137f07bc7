"""Crisis models: the bundled article models, derivations recomputed independently, bad files."""

from __future__ import annotations

import itertools
import os
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.io import bundled_models, load_model, read_source_text
from gametheory.io import parse_model
from gametheory.io._toml import tomllib

ROOT = Path(__file__).resolve().parents[1]
MODELS = sorted((ROOT / "models").glob("*.toml"))


def _article() -> str | None:
    """The source essay, read from the shared folder (it is not copied into the project)."""
    for candidate in (os.environ.get("GAMETHEORY_ARTICLE"), ROOT.parent / "shared" / "seed" / "article.txt",
                      Path("/work/shared/seed/article.txt")):
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    return None


def _number(v) -> Fraction:
    if isinstance(v, dict):              # a number with its range: { value = ..., range = ... }
        v = v["value"]
    if isinstance(v, str):
        num, _, den = v.partition("/")
        return Fraction(int(num), int(den or 1))
    return Fraction(repr(v)) if isinstance(v, float) else Fraction(v)


def _raw(path: Path) -> dict:
    """A model file's tables, with the files it extends merged in (parties, preferences, effects
    and channels added up; the extending file's own [model] table and scenarios win)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if "extends" not in data["model"]:
        return data
    base = _raw(path.parent / data["model"]["extends"])
    merged = dict(base)
    merged["model"] = data["model"]
    for key in ("party", "preference", "effect", "channel"):
        merged[key] = base.get(key, []) + data.get(key, [])
    if "scenario" in data:
        merged["scenario"] = data["scenario"]
    return merged


def _independent_payoffs(path: Path) -> dict[str, dict[tuple[str, ...], Fraction]]:
    """Every party's payoff at every profile, computed here from the raw TOML (not by the package)."""
    data = _raw(path)
    in_force = set(data.get("model", {}).get("in_force", []))
    effects = data.get("effect", [])
    scenarios = [(sc["name"], _number(sc["probability"])) for sc in data.get("scenario", [])] \
        or [(None, Fraction(1))]
    movers = [p for p in data["party"] if p.get("actions")]
    attrs = {a["name"]: (_number(a.get("min", 0)), _number(a.get("max", 1))) for a in data["attribute"]}
    weights = {(p["party"], p["attribute"]): _number(p["weight"]) for p in data.get("preference", [])}
    for c in data.get("channel", []):          # the carrier adds a share of the other's own weights
        for a in attrs:
            extra = _number(c["weight"]) * weights.get((c["carries"], a), 0)
            if extra:
                weights[(c["party"], a)] = weights.get((c["party"], a), 0) + extra

    def names(effect, key):
        v = effect.get(key, [])
        return {v} if isinstance(v, str) else set(v)

    out: dict[str, dict] = {p["name"]: {} for p in data["party"]}
    for profile in itertools.product(*(p["actions"] for p in movers)):
        chosen = {p["name"]: a for p, a in zip(movers, profile)}
        expected = {a: Fraction(0) for a in attrs}
        for scenario, prob in scenarios:
            value = {a: _number(data.get("baseline", {}).get(a, 0)) for a in attrs}
            for effect in effects:
                if not names(effect, "requires") <= in_force or names(effect, "excludes") & in_force:
                    continue
                if names(effect, "scenario") and scenario not in names(effect, "scenario"):
                    continue
                if all(chosen[k] == v for k, v in effect.get("when", {}).items()):
                    for a in attrs:
                        if a in effect:
                            value[a] += _number(effect[a])
            for a, v in value.items():
                expected[a] += prob * min(max(v, attrs[a][0]), attrs[a][1])
        for party in out:
            out[party][profile] = sum((weights.get((party, a), 0) * v for a, v in expected.items()),
                                      Fraction(0))
    return out


def test_the_article_models_are_bundled():
    assert MODELS and {p.stem for p in MODELS} <= set(bundled_models())
    assert "unilateral" in gt.bundled_games()


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_quote_is_verbatim_in_its_source(path):
    # the article's models quote the essay (not shipped: read beside the repository where it is
    # there); other models name their own source text, shipped beside them
    model = load_model(path)
    source = read_source_text(path)
    if source is None and model.source_text.endswith("article.txt"):
        source = _article()
        if source is None:
            pytest.skip("the source essay (../shared/seed/article.txt) is not available here")
    assert source is not None, f"{path.name} names no source text that is there"
    text = " ".join(source.split())
    quotes = [p.quote for p in model.preferences if p.quote] + \
        [p.quote for p in model.priorities] + \
        [u.quote for u in model.understandings] + [sc.quote for sc in model.scenarios] + \
        ([model.timing.quote] if model.timing and model.timing.quote else []) + \
        [t.quote for t in model.types] + [lv.quote for lv in model.talks] + \
        [stage.quote for stage in (model.talk, model.repetition) if stage is not None] + \
        [c.quote for c in model.channels if c.quote] + [area.quote for area in model.leads]
    assert quotes
    for quote in quotes:
        assert " ".join(quote.split()) in text, quote


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_payoffs_recomputed_independently(path):
    model = load_model(path)
    expected = _independent_payoffs(path)
    game = model.game()
    outside = model.outside_payoffs()
    movers = [p.name for p in model.players]
    for idx in itertools.product(*(range(m) for m in game.shape)):
        profile = tuple(game.actions[i][a] for i, a in enumerate(idx))
        for k, name in enumerate(movers):
            assert game.payoffs[k][idx] == expected[name][profile], (name, profile)
        for name, arr in outside.items():
            assert arr[idx] == expected[name][profile], (name, profile)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_default_weights_respect_the_stated_priorities_and_ranges(path):
    model = load_model(path)
    assert model.priority_violations() == []
    for p in model.preferences:
        assert p.low <= p.weight <= p.high


def test_changing_a_weight_changes_the_payoffs_by_weight_times_value():
    model = load_model("unilateral")
    weights = model.default_weights()
    profile = ["Intervene", "Intervene", "Limited"]
    before = model.payoff("ROK", profile)
    weights[("ROK", "us_role")] = Fraction(-5)                 # from -3
    us_role = model.attribute_values(profile)["us_role"][0]
    assert us_role == Fraction(4, 5)
    assert model.payoff("ROK", profile, weights) == before - 2 * us_role
    game = model.game(weights)
    idx = (2, 2, 1)
    assert game.payoffs[1][idx] == before - 2 * us_role
    assert game.payoffs[0][idx] == model.payoff("US", profile)   # other parties unchanged
    assert model.priority_violations({**weights, ("ROK", "meltdown"): Fraction(-4)})


def test_coordination_changes_effects_not_preferences():
    uni, coord = load_model("unilateral"), load_model("coordinated")
    assert uni.in_force == () and set(coord.in_force) == {"deconfliction", "rok_leads_aid"}
    assert uni.preferences == coord.preferences and uni.parties == coord.parties
    both_in = ["Intervene", "Stay out", "Intervene"]
    assert uni.attribute_values(both_in)["clash"][0] == Fraction(1, 2)
    assert coord.attribute_values(both_in)["clash"][0] == Fraction(1, 10)
    assert uni.with_understandings(["deconfliction"]).attribute_values(both_in)["clash"][0] == Fraction(1, 10)
    with pytest.raises(gt.InvalidGameError, match="no understanding"):
        uni.with_understandings(["treaty"])


def test_succession_scenarios_are_a_chance_move():
    model = gt.load_model("succession")
    assert [(sc.name, sc.probability) for sc in model.scenarios] == [
        ("well", Fraction(11, 20)), ("ill_recovers", Fraction(1, 4)), ("succession", Fraction(1, 5))]
    # all the weight on the real succession gives back the unilateral game
    only = model.with_probabilities({"well": 0, "ill_recovers": 0, "succession": 1})
    for a, b in zip(only.game().payoffs, gt.load_model("unilateral").game().payoffs):
        assert np.array_equal(a, b)
    # an expected payoff is the probability-weighted payoff of the scenarios
    profile = ["Intervene", "Limited", "Stay out"]
    parts = [model.with_probabilities({s: int(s == t) for s in ("well", "ill_recovers", "succession")})
             .payoff("PRC", profile) for t in ("well", "ill_recovers", "succession")]
    assert model.payoff("PRC", profile) == sum(p * sc.probability for p, sc in zip(parts, model.scenarios))
    with pytest.raises(gt.InvalidGameError, match="sum to 1"):
        model.with_probabilities({"well": Fraction(1, 3)})


def test_loose_nukes_game():
    c = gt.compare(gt.load_model("loose-nukes"))
    uni, coo = c.regimes
    [u] = [o for o in uni.outcomes if o.kind.startswith("Nash")]
    [k] = [o for o in coo.outcomes if o.kind.startswith("Nash")]
    assert u.distribution[1, 0] == 1 and k.distribution[1, 1] == 1   # the PRC moves in only with deconfliction
    assert k.risks["loose_nukes"] == 0 < u.risks["loose_nukes"]
    assert coo.price_of_anarchy == 0


def test_unilateral_game_is_solved():
    game = gt.read_game("unilateral")
    assert game.players == ("US", "ROK", "PRC") and game.shape == (3, 3, 3)
    res = gt.solve(game)
    assert res.method == "polynomial" and res.complete and res.exact
    for eq in res.equilibria:
        assert game.max_regret(eq.strategies) == 0


def test_explain_names_the_sentences():
    model = load_model("unilateral")
    d = model.explain("ROK", ["Intervene", "Limited", "Intervene"])
    assert d.payoff == model.payoff("ROK", ["Intervene", "Limited", "Intervene"])
    assert d.payoff == sum(t[2] for t in d.terms)
    assert any("primary goal" in t[3] for t in d.terms)
    assert "US and PRC forces in the North at once, without prior understandings" in gt.render(d)


def test_show_command(capsys):
    assert main(["show", "unilateral", "--cell", "Intervene,Intervene,Limited"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Unilateral responses to a North Korean collapse\n")
    assert "Japan at (Intervene, Intervene, Limited): payoff -7/10" in out
    assert len([line for line in out.splitlines() if " | " in line]) == 1 + 27


SMALL = """
[model]
title = "Two parties"
[[party]]
name = "A"
actions = ["x", "y"]
[[party]]
name = "B"
actions = ["x", "y"]
[[attribute]]
name = "risk"
bad = true
[baseline]
risk = 0.5
[[effect]]
when = { A = "y" }
risk = "-1/4"
[[preference]]
party = "A"
attribute = "risk"
weight = -2
range = [-3, -1]
quote = "A sentence."
"""


#: SMALL plus a second attribute for A and the priority "risk outranks cost".
WITH_COST = """
[[attribute]]
name = "cost"
[[preference]]
party = "A"
attribute = "cost"
weight = -1
range = [-9, -1]
quote = "Another."
[[priority]]
party = "A"
higher = "risk"
lower = "cost"
quote = "A sentence."
"""


def test_a_small_model():
    model = parse_model(SMALL)
    game = model.game()
    assert game.payoffs[0].tolist() == [[-1, -1], [Fraction(-1, 2), Fraction(-1, 2)]]
    assert game.payoffs[1].tolist() == [[0, 0], [0, 0]]


@pytest.mark.parametrize("change, message", [
    (("[[party]]\nname = \"A\"\nactions = [\"x\", \"y\"]\n[[party]]\nname = \"B\"",
      "[[party]]\nname = \"A\"\nactions = [\"x\", \"y\"]\n[[party]]\nname = \"A\""), "duplicate party 'A'"),
    (("party = \"A\"\nattribute", "party = \"C\"\nattribute"), "unknown party 'C'"),
    (("attribute = \"risk\"", "attribute = \"cost\""), "unknown attribute 'cost'"),
    (("weight = -2", "weight = -5"), "outside its range"),
    (("risk = \"-1/4\"", "risk = \"-1/0\""), "not a number"),
    (("when = { A = \"y\" }", "when = { A = \"z\" }"), "A has no action 'z'"),
    (("quote = \"A sentence.\"", "quote = \"\""), "'quote' must be a non-empty string"),
    (("bad = true", "bad = true\ncolour = 1"), "unknown key 'colour'"),
    (("title = \"Two parties\"", "title = \"Two parties"), "TOML syntax error"),
])
def test_bad_model_files_name_the_problem(change, message, tmp_path):
    old, new = change
    assert old in SMALL
    path = tmp_path / "bad.toml"
    path.write_text(SMALL.replace(old, new, 1))
    with pytest.raises(gt.GameFileError, match=message) as info:
        load_model(path)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_bad_model_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(SMALL.replace("weight = -2", "weight = -5"))
    assert main(["show", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error: ") and "outside its range" in err
    assert main(["solve", str(path)]) == 2
    assert main(["show", "no-such-model"]) == 2


def test_a_priority_broken_by_the_default_weights_is_an_error():
    text = SMALL + WITH_COST.replace("weight = -1", "weight = -9")
    with pytest.raises(gt.GameFileError, match="break a stated priority"):
        parse_model(text)
    assert np.all(parse_model(text.replace("weight = -9", "weight = -1")).game().payoffs[0] <= 0)


def test_extending_models(tmp_path):
    (tmp_path / "base.toml").write_text(SMALL + """
[[understanding]]
name = "hotline"
quote = "A sentence."
[[effect]]
when = { A = "y" }
requires = "hotline"
risk = -0.25
""")
    (tmp_path / "child.toml").write_text('[model]\nextends = "base.toml"\ntitle = "With hotline"\n'
                                         'in_force = ["hotline"]\n')
    child = load_model(tmp_path / "child.toml")
    assert child.title == "With hotline" and child.in_force == ("hotline",)
    assert child.game().payoffs[0][1, 0] == 0 and load_model(tmp_path / "base.toml").game().payoffs[0][1, 0] == Fraction(-1, 2)
    (tmp_path / "bad1.toml").write_text('[model]\nextends = "base.toml"\ntitle = "x"\nin_force = ["treaty"]\n')
    with pytest.raises(gt.GameFileError, match="unknown understanding 'treaty'"):
        load_model(tmp_path / "bad1.toml")
    (tmp_path / "bad2.toml").write_text('[model]\nextends = "base.toml"\ntitle = "x"\n'
                                        '[[attribute]]\nname = "d"\n')
    with pytest.raises(gt.GameFileError, match="may only change"):
        load_model(tmp_path / "bad2.toml")
    # a new party, moving, with its preferences and an effect of its action
    (tmp_path / "more.toml").write_text(
        '[model]\nextends = "base.toml"\ntitle = "x"\n[[party]]\nname = "D"\nactions = ["p", "q"]\n'
        '[[preference]]\nparty = "D"\nattribute = "risk"\nweight = -1\nbasis = "assumption"\n'
        'reason = "D fears it too"\n[[effect]]\nwhen = { D = "q" }\nrisk = -0.25\n'
        'note = "assumption: D helps"\n')
    more = load_model(tmp_path / "more.toml")
    assert [p.name for p in more.players][-1] == "D" and more.game().shape[-1] == 2
    assert more.payoff("D", ["x", "x", "q"]) == -more.attribute_values(["x", "x", "q"])["risk"][0]
    for extra, message in [('[[party]]\nname = "A"\nactions = ["z"]\n', "a party of the model"),
                           ('[[preference]]\nparty = "A"\nattribute = "risk"\nweight = -3\n'
                            'quote = "q"\n', "in the model it extends already")]:
        (tmp_path / "bad4.toml").write_text('[model]\nextends = "base.toml"\ntitle = "x"\n' + extra)
        with pytest.raises(gt.GameFileError, match=message):
            load_model(tmp_path / "bad4.toml")
    (tmp_path / "bad3.toml").write_text('[model]\nextends = "gone.toml"\ntitle = "x"\n')
    with pytest.raises(gt.GameFileError, match="is not there"):
        load_model(tmp_path / "bad3.toml")
    (tmp_path / "loop1.toml").write_text('[model]\nextends = "loop2.toml"\ntitle = "x"\n')
    (tmp_path / "loop2.toml").write_text('[model]\nextends = "loop1.toml"\ntitle = "y"\n')
    with pytest.raises(gt.GameFileError, match="round in a circle"):
        load_model(tmp_path / "loop1.toml")


def test_every_bundled_model_file_is_package_data():
    """A wheel carries what pyproject's package-data lists: every model file must match it
    (an installed, non-editable package would otherwise miss it)."""
    from fnmatch import fnmatch
    from pathlib import Path

    from gametheory.io._toml import tomllib
    root = Path(__file__).parents[1]
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["gametheory"]
    files = [p.relative_to(root / "models") for p in (root / "models").rglob("*.toml")]
    assert files
    for f in files:
        # fnmatch's '*' crosses '/', so match folder by folder
        assert any(fnmatch(f"data/models/{f.as_posix()}", pat) and
                   pat.count("/") == f"data/models/{f.as_posix()}".count("/") for pat in patterns), f


AB_CONFLICT = """title = "A and B"
[[decision_makers]]
name = "A"
options = ["A acts"]
[[decision_makers]]
name = "B"
options = ["B acts"]
[ranking]
A = [["YN"], ["NN"], ["YY"], ["NY"]]
B = [["NY"], ["NN"], ["YY"], ["YN"]]
"""


@pytest.mark.parametrize("value, message", [
    ('"/etc/x.toml"', "below the model's folder"),
    ('"../x.toml"', "below the model's folder"),
    ('"conflicts/x.txt"', "below the model's folder"),
    ("3", "below the model's folder"),
    ('"conflicts/none.toml"', "conflicts/none.toml is not there"),
    ('"conflicts/stranger.toml"', "decision maker 'C', not a party"),
    ('"conflicts/broken.toml"', "broken.toml"),
])
def test_a_models_conflict_file(value, message, tmp_path):
    (tmp_path / "conflicts").mkdir()
    (tmp_path / "conflicts" / "ab.toml").write_text(AB_CONFLICT)
    (tmp_path / "conflicts" / "stranger.toml").write_text(AB_CONFLICT.replace('"B"', '"C"')
                                                           .replace("\nB = ", "\nC = "))
    (tmp_path / "conflicts" / "broken.toml").write_text(AB_CONFLICT.replace("[ranking]", "[ranking"))
    good = tmp_path / "good.toml"
    good.write_text(SMALL.replace('title = "Two parties"', 'title = "Two parties"\nconflict = "conflicts/ab.toml"'))
    model = load_model(good)
    assert model.conflict.names == ("A", "B")
    # a model that extends it keeps the conflict
    (tmp_path / "ext.toml").write_text('[model]\nextends = "good.toml"\ntitle = "Extended"\n')
    assert load_model(tmp_path / "ext.toml").conflict.names == ("A", "B")
    bad = tmp_path / "bad.toml"
    bad.write_text(SMALL.replace('title = "Two parties"', f'title = "Two parties"\nconflict = {value}'))
    with pytest.raises(gt.GameFileError, match=message):
        load_model(bad)


def test_model_format_versions():
    from gametheory.io.model_toml import MODEL_FORMAT
    text = gt.io.resolve("loose-nukes", "model").text()
    assert f"\nformat = {MODEL_FORMAT}\n" in text
    current = parse_model(text, source="now.toml")
    # format 1: the same file from before the field existed
    old = parse_model(text.replace(f"format = {MODEL_FORMAT}\n", ""), source="old.toml")
    assert gt.to_dict(gt.compare(old))["regimes"] == gt.to_dict(gt.compare(current))["regimes"]
    for bad in ("3", '"2"', "true"):
        with pytest.raises(gt.GameFileError, match=r"new.toml: \[model\]: format .* is not one "
                                                   r"this version of gametheory reads \(1, 2\)"):
            parse_model(text.replace(f"format = {MODEL_FORMAT}", f"format = {bad}"),
                           source="new.toml")


def test_partial_weights_replace_only_the_pairs_they_name():
    """``weights`` replaces the default weights it names and keeps the others, in every method
    that takes it, as ``compare`` does."""
    m = gt.load_model("unilateral")
    defaults = m.default_weights()
    pair = ("US", "clash")
    changed = {pair: defaults[pair] * 2}
    profile = [p.actions[0] for p in m.players]
    assert m.payoff_weights(changed) == m.payoff_weights({**defaults, **changed})
    assert m.payoff("US", profile, changed) == m.payoff("US", profile, {**defaults, **changed})
    assert m.game(changed) == m.game({**defaults, **changed})
    assert m.game(changed) != m.game()
    assert m.game({pair: defaults[pair]}) == m.game()
    assert m.priority_violations({pair: defaults[pair]}) == m.priority_violations()
