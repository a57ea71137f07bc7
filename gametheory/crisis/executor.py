"""Where independent jobs run: one small interface over this process, a process pool or Dask.

A sweep (and any later campaign of independent computations) hands its jobs
to an ``Executor`` and reads the results back in job order; it never
creates pools or clients itself.  Three executors:

- ``SerialExecutor`` runs the jobs one after another in this process;
- ``ProcessExecutor`` runs them on a pool of worker processes (``fork``
  where the platform has it);
- ``DaskExecutor`` submits them to a ``dask.distributed`` client (the
  optional ``dask`` extra), for runs spread over a cluster.

``executor_for`` turns the ``workers=`` argument of the public functions
into one of the first two.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

__all__ = ["Executor", "SerialExecutor", "ProcessExecutor", "DaskExecutor", "executor_for", "available_cpus"]


class Executor(Protocol):
    """Runs ``fn`` on each job and yields the results in the jobs' order."""

    def map(self, fn: Callable[[Any], Any], jobs: Sequence[Any]) -> Iterator[Any]:
        """``fn(job)`` for each job, in order (lazily, so a caller can report progress)."""
        ...


class SerialExecutor:
    """Every job in this process, one after another.

    Examples
    --------
    >>> list(SerialExecutor().map(abs, [-1, 2, -3]))
    [1, 2, 3]
    """

    def map(self, fn: Callable[[Any], Any], jobs: Sequence[Any]) -> Iterator[Any]:
        return (fn(job) for job in jobs)


class ProcessExecutor:
    """The jobs on a pool of ``workers`` processes (``fn`` and the jobs must pickle).

    Examples
    --------
    >>> list(ProcessExecutor(2).map(abs, [-1, 2, -3]))
    [1, 2, 3]
    """

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers

    def map(self, fn: Callable[[Any], Any], jobs: Sequence[Any]) -> Iterator[Any]:
        if not jobs:
            return
        method = "fork" if sys.platform != "win32" else "spawn"
        context = multiprocessing.get_context(method)
        with context.Pool(min(self.workers, len(jobs))) as pool:
            chunk = max(1, len(jobs) // (8 * self.workers))
            yield from pool.imap(fn, jobs, chunksize=chunk)


class DaskExecutor:
    """The jobs on a ``dask.distributed`` client (install the ``dask`` extra).

    Jobs are sent in chunks (``chunk`` jobs per task; default: about eight
    tasks per worker), so that the scheduler's per-task cost does not swamp
    short jobs; results come back in the jobs' order.

    Parameters
    ----------
    client : dask.distributed.Client
        A client connected to a scheduler (a local cluster or a remote one).
    chunk : int, optional
        Jobs per task.
    """

    def __init__(self, client: Any, chunk: int | None = None) -> None:
        self.client = client
        self.chunk = chunk

    def map(self, fn: Callable[[Any], Any], jobs: Sequence[Any]) -> Iterator[Any]:
        jobs = list(jobs)
        if not jobs:
            return
        chunk = self.chunk
        if chunk is None:
            workers = max(1, len(self.client.scheduler_info().get("workers", {})) or 1)
            chunk = max(1, len(jobs) // (8 * workers))
        batches = [jobs[k:k + chunk] for k in range(0, len(jobs), chunk)]
        futures = self.client.map(_run_batch, [(fn, b) for b in batches], pure=False)
        for future in futures:
            yield from future.result()


def _run_batch(task: tuple[Callable[[Any], Any], list[Any]]) -> list[Any]:
    fn, batch = task
    return [fn(job) for job in batch]


def available_cpus() -> int:
    """The number of CPUs this process may use: its affinity mask where the system has one (a
    container or ``taskset`` may allow fewer than the machine has), else ``os.cpu_count()``.

    Examples
    --------
    >>> available_cpus() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):        # not on Linux
        return os.cpu_count() or 1


def executor_for(workers: int | None, jobs: Iterable[Any] = ()) -> Executor:
    """A serial executor for one worker (or one job), else a process pool.

    ``workers`` None means the cores this process may run on (``available_cpus``).

    Examples
    --------
    >>> type(executor_for(1)).__name__, type(executor_for(4, range(10))).__name__
    ('SerialExecutor', 'ProcessExecutor')
    """
    count = available_cpus() if workers is None else max(1, int(workers))
    if count == 1 or len(list(jobs)) == 1:
        return SerialExecutor()
    return ProcessExecutor(count)
