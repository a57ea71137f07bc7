"""Sweeps on a real dask.distributed LocalCluster give the same draws as in this process.

A campaign test: bounded by default (a few draws), in full with ``GT_CAMPAIGN=1``::

    GT_CAMPAIGN=1 .venv/bin/python -m pytest -q -m campaign
"""

from __future__ import annotations

import json
import os

import pytest

import gametheory as gt
from gametheory.cli import main
from gametheory.crisis.executor import DaskExecutor

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.campaign

FULL = os.environ.get("GT_CAMPAIGN") == "1"
SAMPLES = 400 if FULL else 6


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_same_seed_same_draws_on_a_local_cluster(cluster):
    model = gt.load_model("coordinated")
    with distributed.Client(cluster) as client:
        on_dask = gt.sweep(model, samples=SAMPLES, seed=3, executor=DaskExecutor(client))
    here = gt.sweep(model, samples=SAMPLES, seed=3, workers=1)
    assert [d.values for d in on_dask.draws] == [d.values for d in here.draws]
    assert on_dask.holds == here.holds and gt.to_dict(on_dask) == gt.to_dict(here)


def test_cli_scheduler(cluster, capsys):
    argv = ["sweep", "--samples", "4", "--seed", "2", "--format", "json"]
    assert main(argv + ["--scheduler", cluster.scheduler_address]) == 0
    on_dask = json.loads(capsys.readouterr().out)
    assert main(argv + ["--workers", "1"]) == 0
    assert json.loads(capsys.readouterr().out) == on_dask
