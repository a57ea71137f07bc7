"""The model linter: a clean model passes; one flawed model per rule fails with exactly that
rule's finding, one line each; the CLI exits 1 on findings."""

from __future__ import annotations

import json

import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.io import parse_model

BASE = """
[model]
title = "Lint base"
[[party]]
name = "A"
actions = ["x", "y"]
[[party]]
name = "B"
actions = ["x", "y"]
[[attribute]]
name = "risk"
bad = true
[[attribute]]
name = "cost"
[baseline]
risk = { value = 0.5, source = "assumption: an even risk before anyone moves" }
cost = { value = 0, source = "assumption, by definition: no one has moved" }
[[effect]]
name = "a_y"
when = { A = "y" }
risk = "-1/4"
cost = "1/5"
note = "assumption: A's move halves the risk at a cost"
[[effect]]
name = "b_y"
when = { B = "y" }
risk = "-1/8"
cost = "1/4"
note = "assumption: B's move helps less and costs more"
[[preference]]
party = "A"
attribute = "risk"
weight = -2
range = [-3, -1]
range_source = "assumption: half the point value either way"
basis = "stated"
quote = "A fears the risk."
[[preference]]
party = "A"
attribute = "cost"
weight = -1
range = [-1.5, -0.5]
range_source = "assumption: half the point value either way"
basis = "stated"
quote = "A minds the cost."
[[preference]]
party = "B"
attribute = "risk"
weight = -3
range = [-4, -2]
range_source = "assumption: a third either way"
basis = "stated"
quote = "B fears the risk most."
[[preference]]
party = "B"
attribute = "cost"
weight = -1
range = [-1.5, -0.5]
range_source = "assumption: half the point value either way"
basis = "stated"
quote = "B minds the cost too."
[[priority]]
party = "A"
higher = "risk"
lower = ["cost"]
quote = "A fears the risk."
"""

SOURCE = "A fears the risk. A minds the cost. B fears the risk most. B minds the cost too."


def test_a_clean_model_passes():
    report = gt.lint(parse_model(BASE), SOURCE)
    assert report.clean and report.skipped == ()


@pytest.mark.parametrize("rule, old, new", [
    ("not-verbatim", 'quote = "B minds the cost too."', 'quote = "B hates costs."'),
    ("unquoted", 'note = "assumption: B\'s move helps less and costs more"', 'note = "B helps less"'),
    ("unquoted", 'source = "assumption: an even risk before anyone moves"', 'source = "even"'),
    ("unquoted", 'range_source = "assumption: a third either way"\n', ''),
    ("unclassed", 'basis = "stated"\nquote = "B minds the cost too."', 'quote = "B minds the cost too."'),
    ("reused-quote", 'quote = "A minds the cost."', 'quote = "A fears the risk."'),
    ("tie", "cost = \"1/4\"\nnote", "cost = \"3/8\"\nnote"),
])
def test_each_rule_finds_its_flaw(rule, old, new):
    assert old in BASE
    report = gt.lint(parse_model(BASE.replace(old, new)), SOURCE)
    assert [f.rule for f in report.findings] == [rule]
    assert "\n" not in report.findings[0].line()


def test_inconsistent_weights_across_models():
    other = parse_model(BASE.replace("weight = -3", "weight = -2"), source="other.toml")
    report = gt.lint(parse_model(BASE, source="base.toml"), SOURCE, [other])
    assert [(f.rule, f.where) for f in report.findings] == [("inconsistent", "preference B.risk")]


def test_a_type_breaking_a_priority():
    # the reader refuses such a file; a model built in Python is caught by the linter
    from dataclasses import replace
    from fractions import Fraction
    from gametheory.crisis.model import PartyType
    model = parse_model(BASE)
    careless = PartyType("A", "careless", Fraction(1), (("weight.A.risk", Fraction(-1, 2)),),
                         "A fears the risk.")
    report = gt.lint(replace(model, types=(careless,)), SOURCE)
    assert [f.rule for f in report.findings] == ["priority"]
    assert report.findings[0].where == "type A.careless"


def test_cli_lines_and_exit_codes(tmp_path, capsys):
    good = tmp_path / "good" / "base.toml"
    good.parent.mkdir()
    good.write_text(BASE, encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    assert main(["lint", str(good), "--source", str(source)]) == 0
    assert "no finding" in capsys.readouterr().out
    bad = tmp_path / "bad" / "base.toml"
    bad.parent.mkdir()
    bad.write_text(BASE.replace('quote = "B minds the cost too."', 'quote = "B hates costs."'),
                   encoding="utf-8")
    assert main(["lint", str(bad), "--source", str(source), "--format", "json"]) == 1
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.lint/1" and [f["rule"] for f in d["findings"]] == ["not-verbatim"]
    assert main(["lint", str(good)]) == 0
    assert "not checked: not-verbatim" in capsys.readouterr().out


def test_a_model_names_its_source_text(tmp_path, capsys):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    text = BASE.replace('title = "Lint base"', 'title = "Lint base"\nsource_text = "source.txt"')
    (folder / "base.toml").write_text(text, encoding="utf-8")
    assert main(["lint", str(folder / "base.toml")]) == 0          # checked against source.txt
    assert "not checked" not in capsys.readouterr().out
    (folder / "base.toml").write_text(text.replace('"B minds the cost too."', '"B hates costs."'),
                                      encoding="utf-8")
    assert main(["lint", str(folder / "base.toml")]) == 1
    assert "not-verbatim" in capsys.readouterr().out


def test_bundled_article_models_are_checked_against_the_article_where_present(capsys):
    from pathlib import Path
    article = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"
    main(["lint", "unilateral"])
    out = capsys.readouterr().out
    assert not any(line.startswith("not-verbatim:") for line in out.splitlines())  # all verbatim
    if article.is_file():
        assert "not checked" not in out
    else:
        assert "not checked: not-verbatim" in out


@pytest.mark.parametrize("name", sorted(gt.bundled_models()))
def test_every_bundled_model_passes_lint(name):
    # against its source text where that is present (the article is not shipped), and against
    # the other bundled models for consistency
    from gametheory.io import read_source_text, sibling_models
    model = gt.load_model(name)
    report = gt.lint(model, read_source_text(name), sibling_models(name))
    assert [f.line() for f in report.findings] == []
