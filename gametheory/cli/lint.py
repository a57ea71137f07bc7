"""``gametheory lint``: a model's provenance and construction, checked."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..crisis.lint import lint
from ..io import load_model, read_source_text, read_text, sibling_models
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
    text = read_text(Path(args.source)) if args.source else read_source_text(args.model)
    model = load_model(args.model)
    report = lint(model, text, sibling_models(args.model))
    emit(render(report, args.format), args.output, args.format, model.sha256)
    return 0 if report.clean else 1
