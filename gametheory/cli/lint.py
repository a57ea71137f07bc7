"""``gametheory lint``: a model's provenance and construction, checked."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..crisis.lint import lint
from ..errors import GameError
from ..io import bundled_models, load_model, read_model
from ..io.sources import resolve
from ..io._files import read_text
from ..report import render
from ._common import add_format, add_model, add_output, emit


def add_parser(sub) -> None:
    c = sub.add_parser("lint", help="check a model's quotes and numbers",
                       description="Check a model: quotes not verbatim in the source text, numbers "
                                   "with no quote not marked as assumptions, one sentence quoted for "
                                   "different attributes, weights that differ from the other models "
                                   "of its folder, best-response ties made by construction, stated "
                                   "priorities the numbers break. One line per finding; exit code 1 "
                                   "when there is any.")
    add_model(c, "coordinated")
    c.add_argument("--source", metavar="FILE",
                   help="the source text the quotes come from (default: the model's [model] "
                        "source_text, when that file is there; without one the verbatim check is "
                        "skipped)")
    add_format(c, ["table", "json"])
    add_output(c)


def run(args: argparse.Namespace) -> int:
    src = resolve(args.model, "model")
    model = load_model(src)
    folder = src.folder
    here = (src.entry if src.entry is not None else src.path)
    if folder is not None and folder.is_dir():
        others = []
        for path in sorted(folder.glob("*.toml")):
            if Path(str(path)).resolve() == Path(str(here)).resolve():
                continue
            try:
                others.append(read_model(path))
            except GameError:            # not a model, or a broken one: nothing to compare with
                continue
    else:
        others = [load_model(name) for name in bundled_models()]
    text = None
    if args.source:
        text = read_text(Path(args.source))
    elif model.source_text and folder is not None and (folder / model.source_text).is_file():
        text = read_text(folder / model.source_text)
    report = lint(model, text, others)
    emit(render(report, args.format), args.output)
    return 0 if report.clean else 1
