"""The robustness figures: drawn from the records, written whole or not at all."""

from __future__ import annotations

import pytest

import gametheory as gt
from gametheory.cli import main
from test_thresholds import ONE_MOVER

pytest.importorskip("matplotlib")


@pytest.fixture()
def one_mover(tmp_path):
    path = tmp_path / "one.toml"
    path.write_text(ONE_MOVER)
    return path


def test_plot_threshold_marks_the_exact_flips(one_mover):
    th = gt.thresholds(gt.load_model(one_mover), "effect.act.risk", points=11,
                       only=["action_changes.A"])
    ax = gt.plot_threshold(th)
    marked = {t.get_text() for t in ax.texts}
    assert marked == {"-1/5", "-1/10"}
    assert ax.get_xlim() == (-0.5, 0.0)


@pytest.mark.parametrize("kind, extra", [
    ("values", ["--samples", "6"]),
    ("threshold", ["--vary", "effect.act.risk", "--points", "5"]),
    ("region", ["--vary", "effect.act.risk", "--vary", "weight.A.cost=-2:0", "--points", "3"]),
    ("sobol", ["--n", "4"]),
])
def test_cli_plot_writes_each_figure(kind, extra, one_mover, tmp_path):
    out = tmp_path / f"{kind}.png"
    assert main(["plot", kind, str(one_mover), "--workers", "1", "--output", str(out), *extra]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("argv, message", [
    (["plot", "values", "--output", "fig.gif"], "must end in .png, .svg or .pdf"),
    (["plot", "threshold", "--output", "fig.png"], "give one --vary"),
    (["plot", "region", "--vary", "weight.ROK.meltdown", "--output", "fig.png"], "give two --vary"),
    (["plot", "threshold", "--vary", "weight.ROK.colour", "--output", "fig.png"], "no parameter"),
])
def test_cli_plot_bad_input_leaves_no_file(argv, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix, needle", [(".png", b"gametheory "), (".svg", b"gametheory "),
                                            (".pdf", b"gametheory ")])
def test_a_saved_figure_records_the_version_and_the_model(suffix, needle, one_mover, tmp_path):
    out = tmp_path / f"values{suffix}"
    assert main(["plot", "values", str(one_mover), "--workers", "1", "--samples", "4",
                 "--output", str(out)]) == 0
    data = out.read_bytes()
    model = gt.load_model(str(one_mover))
    assert needle + gt.__version__.encode() in data
    if suffix != ".pdf":                  # (PDF may compress its information dictionary)
        assert model.sha256.encode() in data
