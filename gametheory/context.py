"""The computation context: what every solver and analysis is handed from the top.

One ``Context`` is made per call by the public entry point (``solve``,
``compare``, ...) and passed down unchanged: the arithmetic (exact or float,
with its tolerance), a deadline, a progress callback and a seed.  Code below
reads these fields; it never re-decides the arithmetic, and time limits,
progress bars and reproducible parallel runs plug in here without re-plumbing
every solver.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .arithmetic import EXACT, Arithmetic
from .errors import SolverError

__all__ = ["Context", "Progress", "TimeLimitError"]

#: A progress callback: ``progress(stage, done, total)``; ``total`` None when unknown.
Progress = Callable[[str, int, "int | None"], None]


class TimeLimitError(SolverError):
    """A computation passed its context's deadline (``time_limit=SECONDS``).

    The computation stops at its next check after the deadline.  A subclass of
    ``SolverError`` (so also a ``RuntimeError``); the command
    line exits with code 1.

    Parameters
    ----------
    message : str
        Where the computation stopped (``"<method>: time limit reached"``).
    partial : object, optional
        What had been found by then.

    Attributes
    ----------
    partial : object or None
        What the computation had found by then, marked incomplete; None when it keeps nothing.
        For the enumerating equilibrium methods (``support``, ``vertex``, ``lemke-howson``,
        ``polynomial``) a ``SolverResult`` with ``complete`` False and
        ``parameters["stopped"]`` set to ``"time limit"``, each of its equilibria verified.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.context import TimeLimitError
    >>> try:
    ...     gt.solve(gt.read_game("mckelvey-mclennan"), method="polynomial", time_limit=1e-6)
    ... except TimeLimitError as stopped:
    ...     part = stopped.partial
    >>> part.complete, part.parameters["stopped"], part.method
    (False, 'time limit', 'polynomial')
    >>> issubclass(TimeLimitError, gt.SolverError)
    True
    """

    def __init__(self, message: str, partial: object = None) -> None:
        super().__init__(message)
        self.partial = partial


@dataclass(frozen=True)
class Context:
    """The arithmetic, deadline, progress callback and seed of one computation.

    Made once per call by the public entry point (``solve``, ``compare``, ...; most take it
    as ``context=``) and passed down unchanged.  ``make`` is the usual constructor: it
    turns a time limit in seconds into a deadline.  A frozen dataclass.

    Attributes
    ----------
    arithmetic : Arithmetic
        Exact or float (``exact``, and float mode's tolerance ``tol``), chosen once at the top;
        ``EXACT`` by default.
    deadline : float or None
        A ``time.monotonic`` instant after which ``check`` raises
        ``TimeLimitError``; None for no limit.
    progress : callable or None
        Called as ``progress(stage, done, total)`` by long computations (support sizes,
        support profiles, subgames, QRE steps with ``total`` None), as ``gametheory solve
        --progress`` draws its bar.
    seed : int or None
        Seed for every random choice below (``rng``).

    Examples
    --------
    >>> from gametheory.context import Context
    >>> ctx = Context.make(time_limit=60, seed=3)
    >>> ctx.arithmetic.exact, ctx.seed, ctx.expired()
    (True, 3, False)
    >>> float(ctx.rng().random()) == float(Context.make(seed=3).rng().random())
    True

    A float context with a progress callback, handed to a solver:

    >>> import gametheory as gt
    >>> from gametheory.arithmetic import float_arithmetic
    >>> seen = []
    >>> ctx = gt.Context.make(float_arithmetic(1e-9), time_limit=60,
    ...                       progress=lambda stage, done, total: seen.append(stage))
    >>> res = gt.solve(gt.read_game("mckelvey-mclennan"), method="simpdiv", context=ctx)
    >>> res.exact, res.parameters["tolerance"], "simpdiv" in seen
    (False, 1e-09, True)
    """

    arithmetic: Arithmetic = EXACT
    deadline: float | None = None
    progress: Progress | None = None
    seed: int | None = None

    @classmethod
    def make(cls, arithmetic: Arithmetic = EXACT, time_limit: float | None = None,
             progress: Progress | None = None, seed: int | None = None) -> Context:
        """A context whose deadline is ``time_limit`` seconds from now (None: no limit).

        Parameters
        ----------
        arithmetic : Arithmetic
            Exact (the default) or float with its tolerance.
        time_limit : float, optional
            Seconds from now until the deadline; None for no limit.
        progress : callable, optional
            Called as ``progress(stage, done, total)``.
        seed : int, optional
            Seed for ``rng``.

        Returns
        -------
        Context
        """
        deadline = None if time_limit is None else time.monotonic() + float(time_limit)
        return cls(arithmetic=arithmetic, deadline=deadline, progress=progress, seed=seed)

    def with_arithmetic(self, arithmetic: Arithmetic) -> Context:
        """The same context in another arithmetic (e.g. a float subproblem)."""
        return replace(self, arithmetic=arithmetic)

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return self.deadline is not None and time.monotonic() > self.deadline

    def check(self, where: str) -> None:
        """Raise ``TimeLimitError`` naming ``where`` once the deadline has passed."""
        if self.expired():
            raise TimeLimitError(f"{where}: time limit reached")

    def report(self, stage: str, done: int, total: int | None = None) -> None:
        """Tell the progress callback, if any, how far ``stage`` has got."""
        if self.progress is not None:
            self.progress(stage, done, total)

    def rng(self, *stream: int) -> np.random.Generator:
        """A random generator from the seed (and an optional stream number, for parallel work)."""
        return np.random.default_rng([self.seed, *stream] if self.seed is not None and stream
                                     else self.seed)
