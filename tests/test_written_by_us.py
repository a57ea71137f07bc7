"""pygambit reads what this project writes, with the same payoffs (CONTRACTS.md, file formats).

Every file of Gambit's collection is read here and written again; pygambit read both the original
and the written file (``tests/fixtures/make_written_by_us_fixtures.py``, run with pygambit, an
optional extra) and compared players, information sets, strategy counts, the payoff of every pure
profile and the payoff range.  These tests check, without pygambit, that the writer still writes
exactly the text that was compared (a changed writer must regenerate the fixture) and that every
comparison agreed; with pygambit installed, a sample is compared again, live.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import gametheory as gt

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FOLDER = FIXTURES / "gambit_collection"
DATA = json.loads((FIXTURES / "written_by_us.json").read_text(encoding="utf-8"))
ENTRIES = {e["file"]: e for e in DATA["games"]}

#: Written files pygambit reads differently from the original, and why: the original names its
#: players "" (pygambit calls them "_1", "_2"), this project "Player 1", "Player 2".
KNOWN = {"contrib/games/sww1.nfg": ["players"]}


def _written(path: Path) -> str:
    game = gt.read_game(path)
    return gt.format_efg(game) if path.suffix == ".efg" else gt.format_nfg(game)


def test_every_collection_file_was_compared():
    files = sorted(str(p.relative_to(FOLDER)) for p in FOLDER.rglob("*")
                   if p.suffix in (".nfg", ".efg"))
    assert sorted(ENTRIES) == files
    assert not [e for e in ENTRIES.values() if "error" in e or "timeout" in e]
    compared = [e for e in ENTRIES.values() if "same" in e]
    assert len(compared) >= 220
    assert sum("payoffs" in e["compared"] for e in compared) >= 215


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_the_writer_writes_what_pygambit_read(name):
    entry = ENTRIES[name]
    text = _written(FOLDER / name)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == entry["written_sha256"], (
        "the writer's output changed: rerun tests/fixtures/make_written_by_us_fixtures.py "
        "(with pygambit) and commit tests/fixtures/written_by_us.json")
    if "original_unread" in entry:           # pygambit cannot read Gambit's own file either
        assert "Parse error" in entry["original_unread"]
        return
    if name in KNOWN:
        assert entry["same"] is False and entry["differences"] == KNOWN[name]
        return
    assert entry["same"] is True, entry.get("differences") or entry.get("written_unread")


def test_a_sample_again_with_pygambit():
    pytest.importorskip("pygambit")
    import importlib.util
    spec = importlib.util.spec_from_file_location("maker", FIXTURES / "make_written_by_us_fixtures.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    names = sorted(n for n, e in ENTRIES.items() if e.get("same"))[::12]
    for name in names:
        assert maker.describe(FOLDER / name) == ENTRIES[name], name
