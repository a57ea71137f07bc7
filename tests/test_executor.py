"""The executors a sweep hands its jobs to: same results, in job order, wherever they run."""

from __future__ import annotations

import pytest

from gametheory.crisis.executor import (DaskExecutor, ProcessExecutor, SerialExecutor,
                                        executor_for)


def _square(x: int) -> int:
    return x * x


@pytest.mark.parametrize("executor", [SerialExecutor(), ProcessExecutor(1), ProcessExecutor(2)],
                         ids=["serial", "one-process", "two-processes"])
def test_results_come_back_in_job_order(executor):
    jobs = list(range(-20, 20))
    assert list(executor.map(_square, jobs)) == [x * x for x in jobs]


def test_no_jobs_no_results():
    assert list(ProcessExecutor(2).map(_square, [])) == []


def test_executor_for_workers():
    assert isinstance(executor_for(1, range(5)), SerialExecutor)
    assert isinstance(executor_for(3, [1]), SerialExecutor)          # one job: no pool
    assert isinstance(executor_for(3, range(5)), ProcessExecutor)
    with pytest.raises(ValueError, match="at least 1"):
        ProcessExecutor(0)


def test_dask_executor_in_order():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=None) as client:
        assert list(DaskExecutor(client).map(_square, [3, 1, 2])) == [9, 1, 4]
