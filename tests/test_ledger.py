"""The provenance ledger: every number classed, counted and exported."""

from __future__ import annotations

import json

import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.io import parse_model
from test_lint import BASE


def test_classes_from_the_file():
    plain = BASE.replace('basis = "stated"\n', '').replace(
        '{ value = 0.5, source = "assumption: an even risk before anyone moves" }', '0.5')
    text = plain.replace('quote = "A fears the risk."\n[[preference]]',
                        'quote = "A fears the risk."\nbasis = "inferred"\n'
                        'reason = "A fears it, so its weight is negative"\n[[preference]]', 1)
    text = text.replace('quote = "B fears the risk most."',
                        'quote = "B fears the risk most."\nbasis = "stated"')
    book = gt.ledger(parse_model(text))
    basis = {e.name: e.basis for e in book.entries}
    assert basis["weight.A.risk"] == "inferred" and basis["weight.B.risk"] == "stated"
    assert basis["weight.A.cost"] == "quoted"                  # a quote, not classed
    assert basis["effect.a_y.risk"] == "assumption"            # its note says so
    assert basis["baseline.risk"] == "unsupported"             # no quote, no reason
    assert basis["baseline.cost"] == "assumption"              # its source says so
    assert book.counts == {"stated": 1, "inferred": 1, "assumption": 5, "quoted": 2,
                           "unsupported": 1}
    reason = next(e.reason for e in book.entries if e.name == "weight.A.risk")
    assert reason.startswith("A fears it")


@pytest.mark.parametrize("extra, message", [
    ('basis = "guessed"\n', "'basis' must be stated, inferred or assumption"),
    ('basis = "assumption"\n', "missing 'reason'"),
])
def test_bad_basis_is_refused(extra, message):
    from gametheory.errors import GameFileError
    text = BASE.replace('basis = "stated"\nquote = "A minds the cost."', 'quote = "A minds the cost."\n' + extra)
    with pytest.raises(GameFileError, match=message):
        parse_model(text)


def test_every_bundled_model_has_a_ledger_that_counts_every_number():
    for name in gt.bundled_models():
        model = gt.load_model(name)
        book = gt.ledger(model)
        assert len(book.entries) == len(model.parameters())
        assert sum(book.counts.values()) == len(book.entries)
        # every number of a bundled model is classed: none merely quoted, none unsupported
        assert book.counts["quoted"] == book.counts["unsupported"] == 0, name
        assert book.counts["stated"] + book.counts["inferred"] > 0, name


def test_cli_formats(capsys):
    assert main(["show", "loose-nukes", "--ledger", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "gametheory.ledger/1" and len(d["entries"]) == sum(d["counts"].values())
    assert main(["show", "loose-nukes", "--ledger", "--format", "latex"]) == 0
    out = capsys.readouterr().out
    assert out.count(r"\\") >= len(d["entries"]) and r"\begin{longtable}" in out
    assert main(["show", "loose-nukes", "--ledger", "--format", "markdown"]) == 0
    assert "| number | value | range | class |" in capsys.readouterr().out
    assert main(["show", "loose-nukes", "--format", "json"]) == 2


def test_an_assumed_weight_needs_no_quote_but_a_reason():
    from gametheory.errors import GameFileError
    unquoted = BASE.replace('basis = "stated"\nquote = "A minds the cost."',
                            'basis = "assumption"\nreason = "costs hurt"')
    book = gt.ledger(parse_model(unquoted))
    entry = next(e for e in book.entries if e.name == "weight.A.cost")
    assert (entry.basis, entry.quote, entry.reason) == ("assumption", "", "costs hurt")
    assert gt.lint(parse_model(unquoted)).clean
    with pytest.raises(GameFileError, match="missing 'quote'"):
        parse_model(BASE.replace('basis = "stated"\nquote = "A minds the cost."', 'basis = "stated"'))
