"""The logit quantal response equilibrium (QRE) correspondence: its principal branch, traced.

A *logit QRE* at precision ``lambda >= 0`` is a profile ``p`` with

    p_i(a) = exp(lambda u_i(a, p_-i)) / sum_b exp(lambda u_i(b, p_-i))

for every player ``i`` and action ``a`` (McKelvey and Palfrey 1995, "Quantal
response equilibria for normal form games", Games and Economic Behavior 10,
6-38).  At ``lambda = 0`` the only QRE is uniform play; for generic games the
set of QRE contains a unique smooth branch that starts there (the *principal
branch*), and its limit as ``lambda`` grows is a Nash equilibrium (their
Theorem 3): the *limiting logit equilibrium*, a selection among the game's
equilibria.  Following it is a globally convergent way to find one equilibrium
of any game, with any number of players.

Algorithm (predictor-corrector continuation on arc length, after Turocy 2005,
"A dynamic homotopy interpretation of the logistic quantal response
equilibrium correspondence", Games and Economic Behavior 51, 243-263; step
control and orientation after Allgower and Georg 1990, "Numerical
continuation methods", chapters 2 and 6):

1. Payoffs are rescaled: each player's minimum is subtracted and all are
   divided by ``R``, the largest payoff range of any player.  Adding constants
   changes no QRE, and dividing by ``R`` multiplies ``lambda`` by ``R``;
   lambdas are reported in the game's own payoff units.
2. The unknowns are the log-probabilities ``x_ia = log p_i(a)`` and
   ``lambda``; the equations are, for each player ``i``, ``sum_a exp(x_ia) = 1``
   and, for each action ``a != 0``, ``x_ia - x_i0 = lambda (u_i(a, p_-i) -
   u_i(0, p_-i))``: ``M`` equations in ``M + 1`` unknowns (``M`` the number of
   actions of all players together), whose solutions form curves.  In these
   coordinates the branch becomes a straight line as ``lambda`` grows (the
   log-probabilities of inferior actions fall linearly in ``lambda``, those of
   the equilibrium's support settle), so steps can grow geometrically.  The
   indifference rows are divided by ``1 + lambda``, which turns them into the
   homotopy ``(1 - t)(x_ia - x_i0) = t (u_i(a) - u_i(0))`` in ``t = lambda /
   (1 + lambda)``, from the centroid at ``t = 0`` to Nash equilibrium at ``t =
   1`` (Turocy's reading of the branch): the Jacobian stays bounded however
   large ``lambda`` grows.
3. Predictor: a step of length ``h`` along the unit tangent of the curve (the
   kernel of the Jacobian), oriented to continue the previous tangent, so that
   turning points, where ``lambda`` decreases along the branch, are passed.
4. Corrector: Newton's method on the equations together with the hyperplane
   through the predicted point orthogonal to the tangent.
5. Step control: a step is accepted when Newton's method contracts fast, its
   first correction is small, the tangent turned by less than about 30 degrees
   and the orientation ``sign det [J; tangent]`` is unchanged (a change means
   the step jumped a hairpin turn and came back along the branch, or jumped to
   a nearby branch); ``h`` then grows (by up to ``max_accel``) in proportion to
   how far the correction and the turn are from their targets; otherwise ``h``
   is halved and the step retried.  An orientation change that persists down
   to steps of ``1e-4`` is a bifurcation point, which the tracer crosses.
   Next to the bifurcation of a symmetric game no short step may converge
   (the Jacobian is nearly singular there); then the shortest longer step
   that converges is taken (a jump over the singular point).
6. Tracing stops at the first point whose regret (largest gain from a
   unilateral deviation) is at most ``stop_regret`` (default ``1e-8 R``, as
   Gambit's ``logit``), or once ``lambda`` exceeds ``max_lambda``.
7. The end is certified by
   ``refine_equilibrium`` (support
   read off the point, Newton's method on the indifference equations, exact
   rationals recovered where the payoffs allow, verification), and accepted
   only within ``1e-4`` of the traced point.  Candidates: the limit
   extrapolated from the last three points when they approach it like ``1 /
   lambda`` (as on a continuum of equilibria), then the last points.  On a
   continuum, where no exact root is recovered, the simplest rational point
   near the end that verifies exactly is taken.  If none is certified, tracing
   goes on with a 100 times smaller stopping regret.

Every evaluation of the equations and their Jacobian is one chain of batched
matrix-vector products over the stacked payoff tensor of all players (no loop
over profiles; see ``_LogitSystem.contract``).  Cost: a few dozen steps of
two or three evaluations each; tracing a random 4-player 4-action game takes
about 10 ms, a 5-player 3-action game about 9 ms, comparable to Gambit's C++
``logit`` (pygambit 17: 11 and 13 ms on the same machine).

The principal branch is unique for generic games.  In degenerate games (ties,
symmetries) the branch may meet a bifurcation; the tracer goes straight
through it, and the end point, although certified as an equilibrium, need not
be the one a perturbation of the game would select (``QRECurve.bifurcations``
and a note say so).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from numbers import Integral, Real
from typing import Any, Protocol, cast

import numpy as np

from ..arithmetic import EXACT, Arithmetic
from ..context import Context
from ..display import Displayable
from ..errors import GameTooLargeError, InvalidGameError, SolverError, VerificationError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ._common import fallback_arithmetic, resolve_context
from ._support_system import SupportSystem, refine_equilibrium
from .result import Equilibrium, SolverResult, make_equilibrium

__all__ = ["QRECurve", "logit_qre", "solve_qre"]

#: Most memory the logit QRE's padded payoff array may take (bytes).
MAX_QRE_BYTES = 2 * 2 ** 30

#: Tracing stops by default at a regret of this fraction of the payoff range (as Gambit's logit).
STOP_REGRET = 1e-8
#: Default largest lambda, in payoffs rescaled to [0, 1].
MAX_LAMBDA = 1e9
#: A certified end point must lie this close (largest probability difference) to the traced one.
END_DISTANCE = 1e-4
_NEWTON_TOL = 1e-10      # accuracy of every stored point, in log-probabilities
_MAX_NEWTON = 8
_MAX_FIRST_CORRECTION = 0.5   # largest first Newton correction accepted (log-probability units)
_TARGET_FIRST_CORRECTION = 0.1
_MAX_ANGLE = 0.5              # radians the tangent may turn in one step
_TARGET_ANGLE = 0.3
_MIN_STEP = 1e-12
_SLOW_REGRET = 1e-6           # a slowly converging end must be at least this good (rescaled) ...
_SLOW_DISTANCE = 1e-2         # ... and its equilibrium at most this far
_RETRIES = 4                  # times the stopping regret is divided by 100 when certification fails
_OPTIONS = frozenset({"max_lambda", "step", "stop_regret", "max_accel", "max_steps"})
_FLIP_STEP = 1e-4             # an orientation change that persists below this step is a bifurcation


@dataclass(frozen=True)
class QRECurve(Displayable):
    """Points of the principal branch of a game's logit QRE correspondence.

    Attributes
    ----------
    game : NormalFormGame
        The game traced.
    lambdas : ndarray, shape (K,)
        The precision ``lambda`` of each point, in the game's payoff units
        (it decreases along the branch after a turning point).
    profiles : ndarray, shape (K, sum of the numbers of actions)
        Row ``k`` is the QRE at ``lambdas[k]``: the mixed strategies of all
        players, concatenated in player order.
    equilibrium : Equilibrium or None
        The Nash equilibrium certified at the end of the branch, or None when
        no point near the end could be certified.
    reason : str
        Why tracing stopped: ``"regret"`` (the regret fell below the stopping
        regret), ``"max_lambda"``, ``"max_steps"`` or ``"stalled"`` (the step
        size fell below ``1e-12``: the branch could not be continued).
    bifurcations : int
        Bifurcation points the branch passed (only in degenerate games): the
        tracer goes straight through them, along the branch it was on.
    end_distance : float or None
        Largest probability difference between ``equilibrium`` and the point
        it was certified from (the last point, one of the two before it, or
        the limit extrapolated from them): at most ``1e-4``, unless the branch
        approaches its limit so slowly (in a degenerate game) that a farther
        one had to be accepted.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.solvers.qre import logit_qre
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> curve = logit_qre(g)
    >>> float(curve.lambdas[0]), curve.strategies(0)[0].tolist()
    (0.0, [0.5, 0.5])
    >>> curve.equilibrium.supports
    ((1,), (1,))
    """

    game: NormalFormGame
    lambdas: np.ndarray
    profiles: np.ndarray
    equilibrium: Equilibrium | None = None
    reason: str = ""
    bifurcations: int = 0
    end_distance: float | None = None

    def __post_init__(self) -> None:
        for array in (self.lambdas, self.profiles):
            array.flags.writeable = False

    def __len__(self) -> int:
        return len(self.lambdas)

    def strategies(self, k: int) -> list[np.ndarray]:
        """The mixed strategy of each player at point ``k`` (negative ``k`` counts from the end).

        Examples
        --------
        >>> import gametheory as gt
        >>> from gametheory.solvers.qre import logit_qre
        >>> curve = logit_qre(gt.read_game("matching-pennies"))
        >>> [s.tolist() for s in curve.strategies(-1)]
        [[0.5, 0.5], [0.5, 0.5]]
        """
        bounds = np.cumsum(self.game.shape)[:-1]
        return [np.array(s) for s in np.split(self.profiles[k], bounds)]

    def to_rows(self) -> list[dict[str, Any]]:
        """The points as plain records ``{"lambda": float, "strategies": [[...], ...]}`` (for CSV or JSON).

        Examples
        --------
        >>> import gametheory as gt
        >>> from gametheory.solvers.qre import logit_qre
        >>> logit_qre(gt.read_game("matching-pennies")).to_rows()[0]
        {'lambda': 0.0, 'strategies': [[0.5, 0.5], [0.5, 0.5]]}
        """
        return [{"lambda": float(lam), "strategies": [s.tolist() for s in self.strategies(k)]}
                for k, lam in enumerate(self.lambdas)]


# ----------------------------------------------------------------- the equations
class _LogitSystem:
    """The logit QRE equations of a game in log-probability coordinates, with their Jacobian.

    Player ``i``'s payoffs (rescaled to ``[0, 1]``) are stored with ``i``'s own
    actions on the first axis and the other players' after it, all padded to
    ``K`` (the largest number of actions), and stacked into one tensor
    ``Ut[i, a, b_0, ..., b_{n-2}]``.  One evaluation contracts it against
    the others' strategies for every player at once (``contract``), which
    gives every action value and every derivative of one in an opponent's
    probabilities; the residual and the Jacobian are gathered from those by
    precomputed index arrays.
    """

    def __init__(self, game: NormalFormGame) -> None:
        n, shape = game.num_players, tuple(game.shape)
        u = game.float_payoffs
        lows = [float(a.min()) for a in u]
        spread = max(float(a.max()) - lo for a, lo in zip(u, lows))
        if not np.isfinite(spread):
            raise InvalidGameError("logit_qre: the payoff range overflows floating point; "
                                   "rescale the payoffs")
        self.scale = spread if spread > 0 else 1.0
        self.n, self.shape, self.K, self.M = n, shape, max(shape), sum(shape)
        K, M = self.K, self.M
        offsets = np.concatenate([[0], np.cumsum(shape)[:-1]]).astype(int)
        self.offsets = offsets
        self.others = np.array([[r for r in range(n) if r != i] for i in range(n)],
                               dtype=int).reshape(n, n - 1)
        self.others_reversed = self.others[:, ::-1].copy()
        need = 8 * n * float(K) ** n                   # the payoffs padded to K actions each
        if need > MAX_QRE_BYTES:
            raise GameTooLargeError(
                f"logit_qre: {' x '.join(map(str, shape))} padded to {K} actions per player "
                f"needs {need / 2 ** 30:.3g} GiB (limit {MAX_QRE_BYTES / 2 ** 30:.3g} GiB)")
        Ut = np.zeros((n,) + (K,) * n)
        for i in range(n):
            block = np.moveaxis((u[i] - lows[i]) / self.scale, i, 0)
            Ut[(i,) + tuple(slice(0, m) for m in block.shape)] = block
        self.Ut = Ut
        self.valid = np.arange(K)[None, :] < np.array(shape)[:, None]            # (n, K)
        # x (with a trailing -inf) gathered into the padded (n, K) layout
        self.pad_index = np.where(self.valid, offsets[:, None] + np.arange(K)[None, :], M)
        # rows: action 0 of each player normalises its strategy, the others are indifference rows
        self.norm_rows = offsets
        pairs = [(i, a) for i in range(n) for a in range(1, shape[i])]
        self.ind_player = np.array([i for i, _ in pairs], dtype=int)
        self.ind_action = np.array([a for _, a in pairs], dtype=int)
        self.ind_rows = offsets[self.ind_player] + self.ind_action
        self.ind_ref = offsets[self.ind_player]
        self.ind_value = self.ind_player * K + self.ind_action    # in the flattened (n, K) values
        self.ind_base = self.ind_player * K
        width = M + 1
        template = np.zeros((M, width))
        template[self.ind_rows, self.ind_rows] = 1.0
        template[self.ind_rows, self.ind_ref] = -1.0
        self.template = template
        self.lambda_flat = self.ind_rows * width + M
        norm_src, norm_dst = [], []
        for i, m in enumerate(shape):
            for k in range(m):
                norm_src.append(i * K + k)
                norm_dst.append(offsets[i] * width + offsets[i] + k)
        self.norm_src, self.norm_dst = np.array(norm_src), np.array(norm_dst)
        cross_src, cross_dst = [], []
        for i in range(n):
            for pos, q in enumerate(self.others[i]):
                for k in range(shape[q]):
                    for a in range(1, shape[i]):
                        cross_src.append(((i * (n - 1) + n - 2 - pos) * K + k) * K + a)
                        cross_dst.append((offsets[i] + a) * width + offsets[q] + k)
        self.cross_src, self.cross_dst = np.array(cross_src, dtype=int), np.array(cross_dst, dtype=int)
        self._x = np.empty(M + 1)
        self._x[M] = -np.inf

    def start(self) -> np.ndarray:
        """The point ``(log of uniform play, lambda = 0)``."""
        return np.concatenate([np.full(m, -np.log(m)) for m in self.shape] + [[0.0]])

    def probabilities(self, y: np.ndarray) -> np.ndarray:
        """The padded strategies ``(n, K)`` at the point ``y`` (zeros in the padding)."""
        self._x[:self.M] = y[:self.M]
        return np.exp(self._x[self.pad_index])

    def contract(self, P: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Action values ``(n, K)`` and their derivatives ``(n, n-1, K, K)`` against strategies ``P``.

        ``values[i, a]`` is player ``i``'s expected payoff of action ``a``;
        ``derivs[i, j, k, a]`` its derivative in the probability of action
        ``k`` of the player in position ``n - 2 - j`` among ``i``'s opponents.
        The positions are contracted from the last: at each step the running
        tensor (all later positions contracted) is contracted once more, and a
        copy left open at that position joins the stack of derivatives, which
        is contracted along with it.  Each step is one batched matrix-vector
        product per array, every player at once.
        """
        n, K = self.n, self.K
        others = P[self.others]                                       # (n, n-1, K)
        base = self.Ut.reshape(n, -1)
        derivs = None
        for pos in range(n - 2, -1, -1):
            v = others[:, pos, :, None]                               # (n, K, 1)
            block = base.reshape(n, -1, K)
            opened = block.transpose(0, 2, 1)[:, None]                # (n, 1, K, R)
            base = np.matmul(block, v).reshape(n, -1)
            if derivs is None:
                derivs = opened
            else:
                count = derivs.shape[1]
                derivs = np.matmul(derivs.reshape(n, -1, K), v).reshape(n, count, K, -1)
                derivs = np.concatenate([derivs, opened], axis=1)
        return base.reshape(n, K), derivs

    def evaluate(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Residual ``(M,)`` and Jacobian ``(M, M + 1)`` at ``y``.

        Indifference rows are divided by ``1 + lambda`` (a row scaling, which
        changes no Newton step or tangent, only the conditioning).
        """
        lam = y[-1]
        P = self.probabilities(y)
        U, D = self.contract(P)
        flat_u = U.reshape(-1)
        gaps = flat_u[self.ind_value] - flat_u[self.ind_base]
        s = 1.0 / (1.0 + abs(lam))
        F = np.empty(self.M)
        F[self.ind_rows] = (y[self.ind_rows] - y[self.ind_ref] - lam * gaps) * s
        F[self.norm_rows] = P.sum(axis=1) - 1.0
        J = self.template * s
        flat = J.reshape(-1)
        if D is not None:
            E = (D - D[..., :1]) * P[self.others_reversed][..., None]      # (n, n-1, k, a)
            flat[self.cross_dst] = (-lam * s) * E.reshape(-1)[self.cross_src]
        flat[self.lambda_flat] = -gaps * s
        flat[self.norm_dst] = P.reshape(-1)[self.norm_src]
        return F, J

    def values(self, P: np.ndarray) -> np.ndarray:
        """Each player's value of each action against the others' strategies ``P``, ``(n, K)``."""
        n, K = self.n, self.K
        others = P[self.others]
        base = self.Ut.reshape(n, -1)
        for pos in range(n - 2, -1, -1):
            base = np.matmul(base.reshape(n, -1, K), others[:, pos, :, None])
        return base.reshape(n, K)

    def regret(self, y: np.ndarray) -> float:
        """Largest gain of a unilateral deviation at ``y`` (rescaled units), strategies normalised."""
        P = self.probabilities(y)
        P /= P.sum(axis=1, keepdims=True)
        U = self.values(P)
        best = np.where(self.valid, U, -np.inf).max(axis=1)
        return float(np.max(best - (P * U).sum(axis=1)))


# ----------------------------------------------------------------- the tracer
class _System(Protocol):
    """What the tracer needs of a system of QRE equations: ``_LogitSystem``, or the agent
    form's ``gametheory.solvers.agent_qre._AgentLogitSystem`` (one player per information
    set)."""

    @property
    def M(self) -> int: ...

    @property
    def shape(self) -> tuple[int, ...]: ...

    @property
    def scale(self) -> float: ...

    def start(self) -> np.ndarray: ...

    def evaluate(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...

    def regret(self, y: np.ndarray) -> float: ...

def _solve(A: np.ndarray, rhs: np.ndarray) -> tuple[np.ndarray, float] | None:
    """``A^-1 rhs`` and the sign of ``det A`` (from one LU factorisation), or None when singular."""
    from scipy.linalg.lapack import dgesv as _dgesv  # lazy: scipy.linalg takes 0.2 s to import
    lu, piv, sol, info = _dgesv(A, rhs)
    if info != 0:
        return None
    swaps = int(np.count_nonzero(piv != np.arange(len(piv))))
    negative = int(np.count_nonzero(np.diagonal(lu) < 0))
    return sol, (-1.0 if (swaps + negative) % 2 else 1.0)


def _correct(system: _System, y_pred: np.ndarray, tangent: np.ndarray):
    """Newton's method from ``y_pred`` on the curve's equations and the plane ``tangent . dy = 0``.

    Returns ``(y, new tangent, first correction, orientation)`` or None when
    Newton's method does not contract fast enough.  Corrections are measured
    with weights ``1 / (1 + |y|)``: absolutely for coordinates of order one
    (the log-probabilities that matter), relatively for large ones (lambda,
    and the log-probabilities of actions on their way to probability 0).
    The orientation is the sign of ``det [J; tangent]``, which keeps its sign
    along a smooth curve (Allgower and Georg 1990, section 2.1) and so tells a
    step that passed a hairpin turn and came back along the branch.
    """
    M = system.M
    A = np.empty((M + 1, M + 1), order="F")
    A[M] = tangent
    rhs = np.zeros((M + 1, 2), order="F")
    rhs[M, 1] = 1.0
    y = y_pred.copy()
    first = previous = 0.0
    for it in range(_MAX_NEWTON):
        F, J = system.evaluate(y)
        A[:M] = J
        rhs[:M, 0] = -F
        out = _solve(A, rhs)
        if out is None:
            return None
        sol, orientation = out
        step = sol[:, 0]
        y = y + step
        size = float(np.max(np.abs(step) / (1.0 + np.abs(y))))
        if it == 0:
            first = size
            if not size <= _MAX_FIRST_CORRECTION:          # also catches NaN
                return None
            remaining = size * 1e-2 if size <= _NEWTON_TOL else np.inf
        else:
            rate = size / previous if previous > 0 else 0.0
            if not rate <= 0.5:
                return None
            # error left after this correction: quadratic convergence when the rate is small
            remaining = size * (rate * rate if rate <= 0.1 else rate)
        previous = size
        if remaining <= _NEWTON_TOL:
            t = sol[:, 1]
            norm = float(np.sqrt(t @ t))
            if not (np.isfinite(norm) and norm > 0):
                return None
            # det [J; t/|t|] has the sign of det A (matrix determinant lemma, as A t = e_M)
            return y, t / norm, first, orientation
    return None


def _tangent(system: _System, y: np.ndarray, direction: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The unit tangent of the curve at ``y`` with a positive component along ``direction``,
    and its orientation (see ``_correct``); None when the Jacobian is singular there."""
    _, J = system.evaluate(y)
    rhs = np.zeros((system.M + 1, 1))
    rhs[-1] = 1.0
    out = _solve(np.vstack([J, direction]), rhs)
    if out is None:
        return None
    t = out[0][:, 0]
    return t / np.linalg.norm(t), out[1]


class _Tracer:
    """State of one continuation run: the stored points and the current step."""

    def __init__(self, system: _System, step: float, max_accel: float,
                 context: Context | None = None) -> None:
        self.system = system
        self.context = Context() if context is None else context
        self.h = step
        self.max_accel = max_accel
        y = system.start()
        e = np.zeros(system.M + 1)
        e[-1] = 1.0
        start = _tangent(system, y, e)
        if start is None:
            raise SolverError("logit_qre: the QRE equations are singular at lambda = 0")
        self.tangent, self.orientation = start
        self.y = y
        self.regret = system.regret(y)
        self.points = [y]
        self.steps = 0
        self.bifurcations = 0

    def advance(self) -> bool:
        """Take one accepted step along the branch, halving the step until one is accepted;
        False when the step size falls below ``_MIN_STEP`` (the branch cannot be continued).

        A step whose orientation changed is accepted once the change persists
        below ``_FLIP_STEP``: a bifurcation point was crossed.  Next to a
        bifurcation of a symmetric game Newton's method may fail for every
        short step (the Jacobian is nearly singular there, so no point can be
        corrected to the accuracy asked); then the shortest step that did
        converge, with a changed orientation, is taken as the crossing; if
        none converged, longer steps are tried (``_jump``).
        """
        system = self.system
        flipped, start = None, self.h
        while True:
            if self.h < _MIN_STEP:
                flipped = flipped or self._jump(start)
                if flipped is None:
                    return False
                y, t, first, orientation, angle, self.h = flipped
                if orientation != self.orientation:
                    self.orientation = orientation
                    self.bifurcations += 1
                break
            out = _correct(system, self.y + self.h * self.tangent, self.tangent)
            if out is not None:
                y, t, first, orientation = out
                angle = float(np.arccos(np.clip(t @ self.tangent, -1.0, 1.0)))
                if angle <= _MAX_ANGLE and y[-1] >= 0.0:
                    if orientation == self.orientation:
                        break
                    if self.h < _FLIP_STEP:
                        # the sign persists for the shortest steps: a bifurcation point was crossed
                        self.orientation = orientation
                        self.bifurcations += 1
                        break
                    flipped = (y, t, first, orientation, angle, self.h)
            self.h *= 0.5
        grow = min(np.sqrt(_TARGET_FIRST_CORRECTION / max(first, 1e-300)),
                   _TARGET_ANGLE / max(angle, 1e-300))
        self.h *= float(np.clip(grow, 0.5, self.max_accel))
        self.y, self.tangent = y, t
        self.regret = system.regret(y)
        self.points.append(y)
        self.steps += 1
        return True

    def _jump(self, start: float):
        """The shortest step longer than ``start`` (doubling, up to 1) whose correction converges
        with the tangent turning little: a jump over a singular point that no short step passes."""
        h = 2 * start
        while h <= 1.0:
            out = _correct(self.system, self.y + h * self.tangent, self.tangent)
            if out is not None:
                y, t, first, orientation = out
                angle = float(np.arccos(np.clip(t @ self.tangent, -1.0, 1.0)))
                if angle <= _MAX_ANGLE and y[-1] >= 0.0:
                    return y, t, first, orientation, angle, h
            h *= 2
        return None

    def run(self, stop_regret: float, max_lambda: float, max_steps: int) -> str:
        """Trace until the regret or lambda limit (rescaled units) or the step budget is reached,
        or the branch cannot be continued; returns which."""
        while True:
            self.context.check("qre")
            self.context.report("qre", self.steps, None)   # steps to the end: not known
            if stop_regret > 0 and self.regret <= stop_regret:
                return "regret"
            if self.y[-1] >= max_lambda:
                return "max_lambda"
            if self.steps >= max_steps:
                return "max_steps"
            if not self.advance():
                return "stalled"

    def profiles(self) -> tuple[np.ndarray, np.ndarray]:
        """Lambdas (game units) and strategy rows of the stored points."""
        Y = np.array(self.points)
        lambdas = Y[:, -1] / self.system.scale
        profiles = np.exp(Y[:, :-1])
        bounds = np.cumsum(self.system.shape)[:-1]
        parts = np.split(profiles, bounds, axis=1)
        profiles = np.concatenate([p / p.sum(axis=1, keepdims=True) for p in parts], axis=1)
        return lambdas, profiles


def _is_real(value: Any) -> bool:
    """A finite real number (not a bool)."""
    return isinstance(value, Real) and not isinstance(value, bool) \
        and bool(np.isfinite(cast(float, value)))      # numpy's stubs know no numbers.Real


def _check_options(game: NormalFormGame, max_lambda: float | None, step: float, max_accel: float,
                   max_steps: int, stop_regret: float | None) -> None:
    """Raise ``InvalidGameError``, naming the argument, for a bad game or option."""
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"logit_qre: expected a NormalFormGame, got {type(game).__name__}")
    _check_numbers(max_lambda, step, max_accel, max_steps, stop_regret, "logit_qre")


def _check_numbers(max_lambda: float | None, step: float, max_accel: float, max_steps: int,
                   stop_regret: float | None, who: str) -> None:
    """Raise ``InvalidGameError``, naming the argument, for a bad tracing option."""
    real = _is_real
    for name, value in (("max_lambda", 1.0 if max_lambda is None else max_lambda), ("step", step)):
        if not (real(value) and value > 0):
            raise InvalidGameError(f"{who}: {name} must be a positive number, got {value!r}")
    if not (real(max_accel) and max_accel > 1):
        raise InvalidGameError(f"{who}: max_accel must be a number above 1, got {max_accel!r}")
    if not (isinstance(max_steps, Integral) and not isinstance(max_steps, bool) and max_steps >= 0):
        raise InvalidGameError(f"{who}: max_steps must be a nonnegative integer, got {max_steps!r}")
    if stop_regret is not None and not (real(stop_regret) and stop_regret >= 0):
        raise InvalidGameError(f"{who}: stop_regret must be a nonnegative number, got {stop_regret!r}")


def _extrapolate(game: NormalFormGame, lambdas: np.ndarray, profiles: np.ndarray) -> np.ndarray | None:
    """The limit of the branch estimated from its last points (Richardson extrapolation), or None.

    On a continuum of equilibria the branch can approach its limit as slowly
    as ``p* + d / lambda``; then ``(l2 p2 - l1 p1) / (l2 - l1)`` from the last
    two points removes the leading error and lands much closer to the limit
    than the last point.  It is used only when the last three points do
    approach at that rate (successive changes in the ratio that ``1 /
    lambda`` predicts, within a factor 2); faster (exponential) approaches
    need no help, and extrapolating them would overshoot.
    """
    if len(lambdas) < 3 or not lambdas[-1] > lambdas[-2] > lambdas[-3] > 0:
        return None
    l0, l1, l2 = lambdas[-3:]
    near = float(np.max(np.abs(profiles[-1] - profiles[-2])))
    far = float(np.max(np.abs(profiles[-2] - profiles[-3])))
    predicted = (1 / l1 - 1 / l2) / (1 / l0 - 1 / l1)
    if far == 0 or not 0.5 <= (near / far) / predicted <= 2.0:
        return None
    p = np.clip((l2 * profiles[-1] - l1 * profiles[-2]) / (l2 - l1), 0.0, None)
    parts = np.split(p, np.cumsum(game.shape)[:-1])
    return np.concatenate([q / q.sum() for q in parts])


def _support_is_singular(game: NormalFormGame, eq: Equilibrium) -> bool:
    """True when the indifference equations on the equilibrium's support are singular there
    (it lies on a continuum of equilibria, or is a degenerate point of one)."""
    system = SupportSystem(game.float_payoffs, eq.supports)
    if system.dim == 0:
        return False
    probs = [np.array(s, dtype=float) for s in eq.strategies]
    x = np.concatenate([p[list(S[:-1])] for p, S in zip(probs, system.supports)])
    return bool(np.linalg.cond(system.jacobian(x)[0]) > 1e10)


def _round_exactly(game: NormalFormGame, target: list[np.ndarray]) -> Equilibrium | None:
    """The exact equilibrium with the smallest denominators within ``END_DISTANCE`` of ``target``.

    Tried on a continuum of equilibria, where Newton's method stops at an
    arbitrary point of the set and no exact root is recovered: each
    probability of the end point is replaced by the simplest fraction with
    denominator at most ``bound``, for growing bounds, and the first profile
    that is close enough and verifies exactly (regret 0) is kept.
    """
    for bound in (10, 100, 1000, 10_000):
        rows = [[Fraction(float(p)).limit_denominator(bound) for p in s] for s in target]
        if any(sum(r) != 1 or min(r) < 0 for r in rows):
            continue
        if max(abs(float(q) - p) for r, s in zip(rows, target) for q, p in zip(r, s)) > END_DISTANCE:
            continue
        try:
            return make_equilibrium(game, rows, EXACT)
        except VerificationError:
            continue
    return None


def _certify(game: NormalFormGame, profile: np.ndarray, arithmetic: Arithmetic,
             floating: Arithmetic | None = None,
             bound: float = END_DISTANCE) -> tuple[Equilibrium, float] | None:
    """The certified equilibrium near a traced (or extrapolated) point and its distance from it,
    or None (none found, or one farther than ``bound``); an irrational one in ``floating``
    arithmetic (default ``fallback_arithmetic``)."""
    strategies = np.split(profile, np.cumsum(game.shape)[:-1])
    eq = refine_equilibrium(game, strategies, arithmetic, fallback=floating)
    if eq is None or _distance(eq, profile) > bound:
        return None
    if arithmetic.exact and not isinstance(eq.regret, Fraction) and _support_is_singular(game, eq):
        eq = _round_exactly(game, strategies) or eq
    return eq, _distance(eq, profile)


def _distance(eq: Equilibrium, profile: np.ndarray) -> float:
    """Largest probability difference between an equilibrium and a profile row."""
    return float(np.max(np.abs(np.concatenate([np.array(s, dtype=float) for s in eq.strategies])
                               - profile)))


def _trace_and_certify(tracer: _Tracer, game: NormalFormGame, stop: float, lam_max: float,
                       max_steps: int, arithmetic: Arithmetic, floating: Arithmetic
                       ) -> tuple[Equilibrium | None, float | None, str]:
    """Trace to the stopping rule and certify the end.

    Candidates, in order: the limit extrapolated from the last points, the
    last point, and the two before it.  If none can be certified, the branch
    is traced on with a 100 times smaller stopping regret (at most
    ``_RETRIES`` times, and only while the regret is what stopped the
    tracing).  Last, if the end is an approximate equilibrium (regret at most
    ``_SLOW_REGRET``) still moving, as on a continuum approached slowly, an
    equilibrium within ten times the last step's movement (at most
    ``_SLOW_DISTANCE``) is accepted; the curve's ``end_distance`` shows it.
    """
    for _ in range(_RETRIES + 1):
        reason = tracer.run(stop, lam_max, max_steps)
        lambdas, profiles = tracer.profiles()
        candidates = list(profiles[::-1][:3])
        limit = _extrapolate(game, lambdas, profiles)
        if limit is not None:
            candidates.insert(0, limit)
        for candidate in candidates:
            found = _certify(game, candidate, arithmetic, floating)
            if found is not None:
                return found[0], found[1], reason
        if reason != "regret":
            break
        stop /= 100.0
    if len(profiles) > 1 and tracer.regret <= _SLOW_REGRET:
        movement = float(np.max(np.abs(profiles[-1] - profiles[-2])))
        bound = min(_SLOW_DISTANCE, 10 * movement)
        if bound > END_DISTANCE:
            for candidate in candidates:
                found = _certify(game, candidate, arithmetic, floating, bound)
                if found is not None:
                    return found[0], found[1], reason
    return None, None, reason


@accepts_peer_games
def logit_qre(game: NormalFormGame, *, max_lambda: float | None = None, step: float = 0.1,
              tol: float | None = None, exact: bool | None = None, stop_regret: float | None = None,
              max_accel: float = 3.0, max_steps: int = 10_000,
              context: Context | None = None) -> QRECurve:
    """Trace the principal branch of the logit QRE correspondence from uniform play.

    Predictor-corrector continuation on arc length in log-probability
    coordinates (McKelvey and Palfrey 1995; Turocy 2005; the steps are in the
    module docstring), then certification of the end point as a Nash
    equilibrium.  When the end point cannot be certified, the last few points
    are tried, then the branch is traced further with a 100 times smaller
    stopping regret, until ``max_lambda`` or ``max_steps`` stops it.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (one player: the branch goes to the best actions).
    max_lambda : float, optional
        Stop once ``lambda`` (in the game's payoff units) exceeds this
        (default ``1e9 / R``, ``R`` the largest payoff range of a player: far
        beyond where a regular equilibrium's regret falls below the stopping
        regret, whatever the payoffs' units).
    step : float
        First arc-length step, in the rescaled coordinates (payoffs in
        ``[0, 1]``, log-probabilities); later steps adapt.
    tol : float, optional
        Float-mode regret tolerance of the certified equilibrium
        (default: 1e-9 times the largest absolute payoff, at least 1e-9).
    exact : bool or None
        Certify the end point in exact rational arithmetic when it is rational
        (default: when the payoffs are rational).
    stop_regret : float, optional
        Stop at the first point whose regret is at most this, in payoff units
        (default ``1e-8`` times the largest payoff range of a player, as
        Gambit's ``logit``; 0 traces to ``max_lambda``).
    max_accel : float
        Largest factor by which the step grows from one point to the next.
    max_steps : int
        Largest number of accepted steps.
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above (``tol``
        still sets the tolerance of an irrational end point in floating point).

    Returns
    -------
    QRECurve
        Every accepted point, and the equilibrium certified at the end (None
        when no point near the end could be certified; ``solve_qre``
        raises instead).

    Raises
    ------
    InvalidGameError
        For a bad option (named in the message).
    GameTooLargeError
        When the padded payoff array would take more than ``MAX_QRE_BYTES``
        (2 GiB).

    References
    ----------
    McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response equilibria for
    normal form games. Games and Economic Behavior 10, 6-38.
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. Games and Economic Behavior
    51, 243-263.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.solvers.qre import logit_qre
    >>> g = gt.NormalFormGame.from_bimatrix([[4, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> curve = logit_qre(g)                 # coordination: (1, 1) is risk dominant
    >>> curve.reason, [[str(p) for p in s] for s in curve.equilibrium.strategies]
    ('regret', [['1', '0'], ['1', '0']])
    """
    _check_options(game, max_lambda, step, max_accel, max_steps, stop_regret)
    context = resolve_context(game, exact, tol, context)
    floating = fallback_arithmetic(game, context.arithmetic, tol)
    system = _LogitSystem(game)
    stop = STOP_REGRET if stop_regret is None else stop_regret / system.scale
    tracer = _Tracer(system, step, max_accel, context)
    lam_max = MAX_LAMBDA if max_lambda is None else max_lambda * system.scale
    eq, distance, reason = _trace_and_certify(tracer, game, stop, lam_max, max_steps,
                                              context.arithmetic, floating)
    lambdas, profiles = tracer.profiles()
    return QRECurve(game=game, lambdas=lambdas, profiles=profiles, equilibrium=eq, reason=reason,
                    bifurcations=tracer.bifurcations,
                    end_distance=distance)


@accepts_peer_games
def solve_qre(game: NormalFormGame, exact: bool | None = None, tol: float | None = None, *,
              context: Context | None = None, **options: Any) -> SolverResult:
    """The limiting logit QRE: one Nash equilibrium, selected by the principal QRE branch.

    Runs ``logit_qre``, whose end point is certified by
    ``refine_equilibrium`` (support
    read off the end point, Newton's method on the indifference equations,
    exact rational recovery, verification) and must lie within ``1e-4`` of
    the traced point (so that it is the branch's limit, not another
    equilibrium).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    exact : bool or None
        Exact rational output where the equilibrium is rational (default: when
        the payoffs are rational); an irrational equilibrium comes back in
        floating point, with a note.
    tol : float, optional
        Float-mode regret tolerance (default: 1e-9 times the largest absolute
        payoff, at least 1e-9).
    context : Context, optional
        The computation's context (arithmetic, deadline, progress, seed);
        when given, its arithmetic replaces the arguments above (``tol``
        still sets the tolerance of an irrational equilibrium in floating point).
    **options
        Passed to ``logit_qre`` (``max_lambda``, ``step``, ``stop_regret``,
        ``max_accel``, ``max_steps``).

    Returns
    -------
    SolverResult
        One equilibrium; ``complete`` is False (other equilibria are not
        sought), ``degenerate`` is None.  ``parameters`` holds
        ``final_lambda`` (game units), ``points`` (number of points traced),
        ``tolerance`` (None when the equilibrium is exact) and
        ``end_distance`` (as ``QRECurve.end_distance``).

    Raises
    ------
    SolverError
        When no point near the end of the branch can be certified.
    InvalidGameError
        For an unknown or bad option.

    References
    ----------
    McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response equilibria for
    normal form games. Games and Economic Behavior 10, 6-38.
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. Games and Economic Behavior
    51, 243-263.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.solvers.qre import solve_qre
    >>> res = solve_qre(gt.read_game("matching-pennies"))
    >>> [[str(p) for p in s] for s in res.equilibria[0].strategies], res.exact
    ([['1/2', '1/2'], ['1/2', '1/2']], True)
    """
    unknown = sorted(set(options) - _OPTIONS)
    if unknown:
        raise InvalidGameError(f"solve_qre: unknown option(s) {', '.join(unknown)} "
                               f"(options: {', '.join(sorted(_OPTIONS))})")
    context = resolve_context(game, exact, tol, context)
    curve = logit_qre(game, tol=tol, context=context, **options)
    eq = curve.equilibrium
    if eq is None:
        regret = float(game.max_regret(curve.strategies(-1)))
        why = {"stalled": "the branch could not be continued there (step size below 1e-12)",
               "regret": "no equilibrium was found next to it"}.get(curve.reason, f"{curve.reason} reached")
        raise SolverError(
            f"qre: the end of the logit QRE branch (lambda = {curve.lambdas[-1]:.6g}, regret "
            f"{regret:.3g}; {why}) could not be certified as an equilibrium")
    out = context.arithmetic if isinstance(eq.regret, Fraction) else \
        fallback_arithmetic(game, context.arithmetic, tol)
    notes = [("the equilibrium selected by the principal branch of the logit QRE "
              "correspondence (its limit as lambda grows); other equilibria are not sought")]
    if curve.bifurcations:
        notes.append(f"the branch passed {curve.bifurcations} bifurcation point(s) (a degenerate "
                     "game, e.g. with symmetries): it was followed straight through, so the "
                     "equilibrium need not be the one a small perturbation of the game would select")
    if curve.end_distance is None:            # set whenever the equilibrium is
        raise SolverError("qre: internal error: a certified equilibrium without its distance")
    if curve.end_distance > END_DISTANCE:
        notes.append(f"the branch approaches its limit slowly here (a degenerate game, e.g. a "
                     f"continuum of equilibria): the equilibrium given lies {curve.end_distance:.1g} "
                     "from the last point traced and need not be the branch's exact limit")
    if context.arithmetic.exact and not out.exact:
        if _support_is_singular(game, eq):
            notes.append("the equilibrium lies on a continuum of equilibria (the indifference "
                         "equations on its support are singular) and no exact point of it was "
                         "found near the end of the branch: it is given in floating point, "
                         "checked against the tolerance")
        else:
            notes.append("the equilibrium has irrational probabilities (no rational solution of "
                         "its indifference equations was found): it is given in floating point, "
                         "polished by Newton's method on its support and checked against the "
                         "tolerance")
    return SolverResult(game=game, method="qre", exact=out.exact, equilibria=(eq,), complete=False,
                        degenerate=None,
                        parameters={"final_lambda": float(curve.lambdas[-1]), "points": len(curve),
                                    "tolerance": out.tol,
                                    "end_distance": curve.end_distance},
                        notes=tuple(notes))
