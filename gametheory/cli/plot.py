"""``gametheory plot``: the robustness figures (values, threshold, region, sobol) to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..crisis.sensitivity import sensitivity
from ..crisis.sweep import sweep
from ..crisis.thresholds import region_map, thresholds
from ..io import load_model, write_atomic
from ..report.plots import plot_region, plot_sobol, plot_threshold, plot_values
from ._common import UsageError, add_model, parse_vary

KINDS = ("values", "threshold", "region", "sobol")


def add_parser(sub) -> None:
    p = sub.add_parser("plot", help="draw a robustness figure to a PNG, SVG or PDF file",
                       description="values: each party's value of coordination over a sweep's "
                                   "draws; threshold: conclusions along one parameter, flips "
                                   "marked; region: one conclusion over two parameters; sobol: "
                                   "Sobol indices of a party's value of coordination.")
    p.add_argument("kind", choices=KINDS, help="which figure")
    add_model(p, "coordinated")
    p.add_argument("--output", required=True, metavar="FILE",
                   help="the figure file: .png, .svg or .pdf (required)")
    p.add_argument("--samples", type=int, default=200, metavar="N", help="values: draws (default 200)")
    p.add_argument("--n", type=int, default=64, metavar="N", help="sobol: base sample size (default 64)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default: 0)")
    p.add_argument("--vary", action="append", metavar="NAME[=LOW:HIGH]",
                   help="threshold: one parameter; region: two; values and sobol: the numbers to "
                        "draw (default: all with a range)")
    p.add_argument("--points", type=int, default=None, metavar="N",
                   help="threshold and region: scan points per parameter")
    p.add_argument("--conclusion", action="append", metavar="NAME",
                   help="threshold and region: the conclusion(s) to draw")
    p.add_argument("--party", default=None, help="sobol: whose value of coordination (default: the first)")
    p.add_argument("--workers", type=int, default=None, metavar="W",
                   help="worker processes (default: the cores this process may use)")


def run(args: argparse.Namespace) -> int:
    target = Path(args.output)
    if target.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError("argument --output: the figure file must end in .png, .svg or .pdf")
    model = load_model(args.model)
    if args.kind == "values":
        ax = plot_values(sweep(model, samples=args.samples, seed=args.seed, workers=args.workers,
                               vary=args.vary))
    elif args.kind == "threshold":
        if not args.vary or len(args.vary) != 1:
            raise UsageError("plot threshold: give one --vary NAME[=LOW:HIGH]")
        name, within = parse_vary(args.vary[0])
        ax = plot_threshold(thresholds(model, name, within=within, points=args.points or 21,
                                       only=args.conclusion))
    elif args.kind == "region":
        if not args.vary or len(args.vary) != 2:
            raise UsageError("plot region: give two --vary NAME[=LOW:HIGH]")
        parsed = [parse_vary(v) for v in args.vary]
        m = region_map(model, [p[0] for p in parsed], within=[p[1] for p in parsed],
                       points=args.points or 11, only=args.conclusion)
        ax = plot_region(m, args.conclusion[0] if args.conclusion else None)
    else:
        s = sensitivity(model, n=args.n, seed=args.seed, workers=args.workers, vary=args.vary)
        party = args.party or s.outputs[0][0]
        ax = plot_sobol(s, (party, "selected"))
    ax.figure.tight_layout()
    meta = _metadata(target.suffix.lower(), model)
    write_atomic(target, lambda tmp: ax.figure.savefig(tmp, metadata=meta), suffix=target.suffix)
    import matplotlib.pyplot as plt  # (imported already by the plot: its figure is done)
    plt.close(ax.figure)
    return 0


def _metadata(suffix: str, model) -> dict[str, str]:
    """What the figure file records of where it came from: the package's version, and the model
    with the SHA-256 of its file (in the keys each format has: PNG and SVG, PDF)."""
    from ..version import __version__
    made_by = f"gametheory {__version__}"
    about = f"model {model.title!r}, file sha256 {model.sha256}"
    if suffix == ".pdf":
        return {"Creator": made_by, "Subject": about}
    if suffix == ".svg":
        return {"Creator": made_by, "Description": about}
    return {"Software": made_by, "Description": about}
