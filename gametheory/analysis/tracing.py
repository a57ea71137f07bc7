"""Harsanyi and Selten's tracing procedure and risk dominance between two equilibria.

Risk dominance in Harsanyi and Selten's theory (1988, chapters 4 and 5) is
decided by the *tracing procedure* started from the *bicentric prior* of the
two equilibria ``e`` and ``f``:

- **bicentric prior.**  Player ``i`` is unsure whether the others play ``e``
  or ``f``: each other player ``j`` plays ``z e_j + (1 - z) f_j`` with ``z``
  uniform on ``[0, 1]``; ``i``'s prior strategy ``p_i`` plays each action with
  the probability (the length of the set of ``z``) that it is ``i``'s best
  reply (``bicentric_prior``; exact for two players, where the payoffs are
  linear in ``z``);
- **tracing.**  In the game ``G(t)`` player ``i`` gets
  ``t u_i(s_i, s_-i) + (1 - t) u_i(s_i, p_-i)``: at ``t = 0`` everyone
  best-responds to the prior, at ``t = 1`` it is the game itself.  The path
  of equilibria of ``G(t)`` from ``t = 0`` to ``t = 1`` ends at an
  equilibrium; ``e`` risk-dominates ``f`` when it ends at ``e``.

The linear path can branch; Harsanyi and Selten then use the *logarithmic*
tracing procedure, which adds ``(1 - t) alpha sum_a log s_i(a)`` to each
player's payoff and has a unique smooth path for almost every game, and take
``alpha -> 0``.  ``tracing_procedure`` follows the logarithmic path (payoffs rescaled
to ``[0, 1]``, a small ``alpha``) by predictor-corrector continuation
(Allgower and Georg 1990) in the coordinates ``log s_i(a)`` and
``-log(1 - t)``, so that the end ``t -> 1`` lies at infinity and the
probabilities of actions on their way out stay well resolved.  It is the
procedure of Schanuel, Simon and Zame's and Herings and van den Elzen's
computations (Herings and van den Elzen 2002, "Computation of the Nash
equilibrium selected by the tracing procedure in N-person games").

In a 2x2 game with two strict equilibria the result agrees with the Nash
product criterion (Harsanyi and Selten 1988, section 3.9); the tests check it
on random games.  Harsanyi and Selten apply the procedure in the smallest
*formation* spanned by the two equilibria; here it runs in the whole game,
which is the same whenever that formation is the whole game (as in every
game where each action is a best reply somewhere between ``e`` and ``f``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..context import Context
from ..display import Displayable
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games

__all__ = ["Trace", "bicentric_prior", "tracing_procedure"]

_ALPHA = 1e-3            # weight of the logarithmic term (payoffs in [0, 1])
_S_MAX = 40.0            # -log(1 - t) at which the path is taken to have arrived
_STOP_REGRET = 1e-10     # ... or the profile's regret in the game (rescaled) is this small
_MAX_STEPS = 20000
_MIN_STEP = 1e-9
_NEWTON_TOL = 1e-11
_NOISE = 1e-8           # a Newton correction this small that stops shrinking is rounding noise
_MAX_NEWTON = 8
_MAX_FIRST = 0.05        # a larger first Newton correction: the step was too long
_TARGET_FIRST = 1e-3
_TARGET_ANGLE = 0.1
_MAX_STEP = 16.0


@dataclass(frozen=True)
class Trace(Displayable):
    """Where the tracing procedure from ``prior`` went: returned by ``tracing_procedure``.

    Attributes
    ----------
    prior : tuple of tuple of float
        The prior the path started from, one mixed strategy per player.
    end : tuple of tuple of float
        The profile the path reached.
    regret : float
        Its largest deviation gain in the game (game units).
    steps : int
        The continuation steps taken (about 20 to 60 for small games).
    status : str
        ``"arrived"`` (``t`` reached 1 or the regret vanished) or
        ``"stalled"`` (the path could not be continued: it is not smooth there).

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> trace = gt.tracing_procedure(stag, [[0.25, 0.75], [0.25, 0.75]])
    >>> trace.status, trace.prior, trace.regret < 1e-9, 0 < trace.steps < 100
    ('arrived', ((0.25, 0.75), (0.25, 0.75)), True, True)
    """

    prior: tuple[tuple[float, ...], ...]
    end: tuple[tuple[float, ...], ...]
    regret: float
    steps: int
    status: str


@accepts_peer_games
def bicentric_prior(game: NormalFormGame, e: Sequence[Sequence[Any]],
                    f: Sequence[Sequence[Any]]) -> tuple[tuple[Any, ...], ...]:
    """Each player's prior strategy for the pair of profiles ``e`` and ``f``.

    ``p_i(a)`` is the measure of the ``z`` in ``[0, 1]`` for which ``a`` is a
    best reply of player ``i`` when every other player ``j`` plays
    ``z e_j + (1 - z) f_j`` (ties shared equally).  Exact
    (``Fraction``) for two players and exact payoffs: the
    payoffs are linear in ``z`` and the break points rational; floats
    otherwise (roots of polynomials of degree ``n - 1``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    e, f : sequence of sequence of number
        One of the two profiles (typically equilibria), each one mixed
        strategy per player.

    Returns
    -------
    tuple of tuple
        Each player's prior strategy, a probability per action.

    References
    ----------
    Harsanyi and Selten (1988), *A General Theory of Equilibrium Selection in
    Games*, section 5.3.

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> [[str(q) for q in p] for p in bicentric_prior(stag, [[1, 0], [1, 0]], [[0, 1], [0, 1]])]
    [['1/4', '3/4'], ['1/4', '3/4']]
    """
    n = game.num_players
    exact = game.is_exact and n == 2
    pays = game.payoffs if exact else game.float_payoffs
    conv = Fraction if exact else float
    prior = []
    for i in range(n):
        # coefficients c[d, a] of z^d in the payoff of action a against z e + (1 - z) f
        coeffs = np.moveaxis(np.asarray(pays[i], dtype=object if exact else float), i, 0)[None]
        for j in (j for j in range(n) if j != i):
            ej = np.array([conv(x) for x in e[j]], dtype=object if exact else float)
            fj = np.array([conv(x) for x in f[j]], dtype=object if exact else float)
            # contract the next other player's axis (2, after degree and own action):
            # z e_j + (1 - z) f_j = f_j + z (e_j - f_j) raises the degree by one
            low = np.tensordot(coeffs, fj, axes=([2], [0]))
            high = np.tensordot(coeffs, ej - fj, axes=([2], [0]))
            zero = np.zeros((1,) + low.shape[1:], dtype=low.dtype)
            coeffs = np.concatenate([low, zero]) + np.concatenate([zero, high])
        prior.append(_best_reply_measure(coeffs, exact))
    return tuple(prior)


def _best_reply_measure(coeffs: np.ndarray, exact: bool) -> tuple[Any, ...]:
    """The measure of ``z`` in [0, 1] on which each action (column of ``coeffs``, rows the powers
    of ``z``) has the highest polynomial value, ties split equally."""
    m = coeffs.shape[1]
    cuts: set[Any] = set()
    for a in range(m):
        for b in range(a + 1, m):
            diff = [coeffs[d, a] - coeffs[d, b] for d in range(coeffs.shape[0])]
            cuts |= _roots_in_unit_interval(diff, exact)
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    points = sorted(cuts | {zero, one})
    share = [zero] * m
    for lo, hi in zip(points, points[1:]):
        if hi <= lo:
            continue
        mid = (lo + hi) / 2
        values = [sum(coeffs[d, a] * mid ** d for d in range(coeffs.shape[0])) for a in range(m)]
        top = max(values)
        best = [a for a in range(m) if values[a] == top] if exact else \
            [a for a in range(m) if values[a] >= top - 1e-12 * max(1.0, abs(top))]
        for a in best:
            share[a] += (hi - lo) / len(best)
    return tuple(share)


def _roots_in_unit_interval(poly: list[Any], exact: bool) -> set[Any]:
    """Real roots in (0, 1) of ``sum_d poly[d] z^d`` (none when it vanishes identically)."""
    while poly and poly[-1] == 0:
        poly = poly[:-1]
    if len(poly) <= 1:
        return set()
    if len(poly) == 2:
        root = -poly[0] / poly[1]
        return {root} if 0 < root < 1 else set()
    roots = np.roots([float(c) for c in reversed(poly)])
    return {float(r.real) for r in roots if abs(r.imag) <= 1e-12 and 0 < r.real < 1}


# ----------------------------------------------------------------- the logarithmic path
class _TracingSystem:
    """The equations of the logarithmic tracing path and their Jacobian.

    Unknowns ``x = (y, s)``: ``y[i, a] = log s_i(a)`` (flattened) and
    ``s = -log(1 - t)``.  With ``V_ia = t U_ia(s) + (1 - t) U_ia(p)``
    (``U_ia`` the payoff of action ``a`` against the others), player ``i``'s
    strictly concave problem in ``G(t)`` has the first-order conditions
    ``s_i(a) g_ia = (1 - t) alpha`` with the gap ``g_ia = lam_i - V_ia`` and
    the multiplier ``lam_i = sum_b s_i(b) V_ib + (1 - t) alpha m_i`` (``m_i``
    actions).  The gap is computed as ``sum_b s_i(b) (V_ib - V_ia) + (1 - t)
    alpha m_i``, a sum of terms of the size ``(1 - t) alpha`` of the gap
    itself, not as a difference of two numbers of order one; the conditions
    are written ``log g_ia + y_ia + s - log(alpha) = 0`` for every action but
    the last, plus ``sum_a s_i(a) = 1``.
    """

    def __init__(self, game: NormalFormGame, prior: Sequence[Sequence[float]], alpha: float) -> None:
        self.n, self.shape = game.num_players, tuple(game.shape)
        pays = game.float_payoffs
        lows = [float(u.min()) for u in pays]
        spans = [float(u.max()) - lo for u, lo in zip(pays, lows)]
        self.spans = [sp if sp > 0 else 1.0 for sp in spans]
        # player i's payoffs, own actions on axis 0 and the others after in their order
        self.u = [np.moveaxis((pays[i] - lows[i]) / self.spans[i], i, 0) for i in range(self.n)]
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)]).astype(int)
        self.M = int(self.offsets[-1])
        self.log_alpha = math.log(alpha)
        self.alpha = alpha
        self.prior = [np.asarray(p, dtype=float) for p in prior]
        self.prior_values = self._values(self.prior)

    def split(self, y: np.ndarray) -> list[np.ndarray]:
        return [y[self.offsets[i]:self.offsets[i + 1]] for i in range(self.n)]

    def _others(self, i: int) -> list[int]:
        return [j for j in range(self.n) if j != i]

    def _values(self, sigma: Sequence[np.ndarray]) -> list[np.ndarray]:
        """``U_ia`` against ``sigma`` for every player and action."""
        out = []
        for i in range(self.n):
            t = self.u[i]
            for j in reversed(self._others(i)):
                t = t @ sigma[j]
            out.append(t)
        return out

    def _cross(self, sigma: Sequence[np.ndarray], i: int, k: int) -> np.ndarray:
        """``dU_ia / ds_k(b)``: ``u_i`` contracted with every strategy but ``i``'s and ``k``'s."""
        t = self.u[i]
        others = self._others(i)
        for j in reversed(others):          # from the last axis, so earlier axes keep their place
            if j != k:
                t = np.tensordot(t, sigma[j], axes=([others.index(j) + 1], [0]))
        return t

    def start(self) -> np.ndarray:
        """The point at ``t = 0``: each player's unique best reply to the prior in ``G(0)``."""
        y = []
        for c in self.prior_values:
            # sum_a alpha / (lam - c_a) = 1 has one root above max(c): bracket and bisect
            lo, hi = float(c.max()), float(c.max()) + self.alpha * len(c)
            for _ in range(200):
                mid = 0.5 * (lo + hi)
                if mid <= lo or mid >= hi:
                    break
                if np.sum(self.alpha / (mid - c)) > 1.0:
                    lo = mid
                else:
                    hi = mid
            p = self.alpha / (hi - c)
            y.append(np.log(p / p.sum()))
        return np.concatenate(y + [[0.0]])

    def evaluate(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """Residual ``(M,)`` and Jacobian ``(M, M + 1)``; None outside the domain (a gap
        ``<= 0``)."""
        M, s = self.M, x[-1]
        sigma = [np.exp(part) for part in self.split(x[:M])]
        t, decay = -math.expm1(-s), math.exp(-s)          # t and 1 - t
        U = self._values(sigma)
        F = np.empty(M)
        J = np.zeros((M, M + 1))
        for i in range(self.n):
            lo, m = int(self.offsets[i]), self.shape[i]
            sig = sigma[i]
            V = t * U[i] + decay * self.prior_values[i]
            D = V[:, None] - V[None, :]                       # D[b, a] = V_ib - V_ia
            gap = sig @ D + decay * self.alpha * m
            if not np.all(gap > 0):
                return None
            inv = 1.0 / gap[:m - 1]
            rows = slice(lo, lo + m - 1)
            F[rows] = np.log(gap[:m - 1]) + x[lo:lo + m - 1] + s - self.log_alpha
            # own probabilities: d gap_a / d y_b = s_b (V_b - V_a)
            J[rows, lo:lo + m] = (inv[:, None] * (sig[:, None] * D[:, :m - 1]).T)
            J[rows, lo:lo + m - 1] += np.eye(m - 1)
            for k in self._others(i):
                C = self._cross(sigma, i, k)                  # dU_ia / ds_k(c)
                # d gap_a / d y_kc = t s_kc ((s_i C)_c - C_ac)
                dg = t * ((sig @ C)[None, :] - C[:m - 1]) * sigma[k][None, :]
                J[rows, self.offsets[k]:self.offsets[k + 1]] = inv[:, None] * dg
            dV = decay * (U[i] - self.prior_values[i])        # d V / d s
            dgap = sig @ (dV[:, None] - dV[None, :]) - decay * self.alpha * m
            J[rows, -1] = 1.0 + inv * dgap[:m - 1]
            F[lo + m - 1] = sig.sum() - 1.0
            J[lo + m - 1, lo:lo + m] = sig
        return F, J

    def profile(self, x: np.ndarray) -> list[np.ndarray]:
        sigma = [np.exp(part) for part in self.split(x[:self.M])]
        return [p / p.sum() for p in sigma]

    def regret(self, sigma: Sequence[np.ndarray]) -> float:
        """Largest deviation gain in the (rescaled) game."""
        U = self._values(sigma)
        return max(float(u.max() - u @ p) for u, p in zip(U, sigma))


def _tangent(J: np.ndarray, previous: np.ndarray) -> np.ndarray | None:
    """Unit kernel vector of ``J`` pointing along ``previous``."""
    A = np.vstack([J, previous])
    rhs = np.zeros(A.shape[0])
    rhs[-1] = 1.0
    try:
        t = np.linalg.solve(A, rhs)
    except np.linalg.LinAlgError:
        return None
    norm = float(np.linalg.norm(t))
    return t / norm if np.isfinite(norm) and norm > 0 else None


def _correct(system: _TracingSystem, x: np.ndarray,
             tangent: np.ndarray) -> tuple[np.ndarray, np.ndarray, float] | None:
    """Newton's method on the path's equations and the plane through ``x`` orthogonal to
    ``tangent``: the corrected point, its Jacobian and the size of the first correction, or
    None when the iteration does not contract."""
    previous = first = math.inf
    for it in range(1, _MAX_NEWTON + 1):
        out = system.evaluate(x)
        if out is None:
            return None
        F, J = out
        try:
            step = np.linalg.solve(np.vstack([J, tangent]), np.concatenate([-F, [0.0]]))
        except np.linalg.LinAlgError:
            return None
        size = float(np.max(np.abs(step) / (1.0 + np.abs(x))))
        if not np.isfinite(size):
            return None
        if it == 1:
            first = size
            if size > _MAX_FIRST:
                return None
        elif size > 0.5 * previous:
            # no longer contracting: converged if only rounding noise is left, else failed
            return (x, J, first) if previous <= _NOISE else None
        x = x + step
        previous = size
        if size <= _NEWTON_TOL:
            out = system.evaluate(x)
            return None if out is None else (x, out[1], first)
    return None


@accepts_peer_games
def tracing_procedure(game: NormalFormGame, prior: Sequence[Sequence[Any]], *, alpha: float = _ALPHA,
          context: Context | None = None) -> Trace:
    """Follow the logarithmic tracing path of ``game`` from ``prior`` to its end.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    prior : sequence of sequence of number
        One mixed strategy per player: what the others believe about them
        at ``t = 0`` (e.g. ``bicentric_prior``).
    alpha : float
        Weight of the logarithmic term, payoffs rescaled to ``[0, 1]``; the
        tracing procedure is its limit ``alpha -> 0``.
    context : Context, optional
        Deadline and progress.

    Returns
    -------
    Trace
        The path's end: an equilibrium of ``game`` when ``status`` is
        ``"arrived"`` (check ``regret``).

    Notes
    -----
    In the game ``G(t)`` player ``i`` gets ``t u_i(s) + (1 - t) u_i(s_i,
    p_-i)`` plus the logarithmic term ``(1 - t) alpha sum_a log s_i(a)``:
    at ``t = 0`` everyone best-responds to the prior, at ``t = 1`` it is the
    game itself.  The path is followed by predictor-corrector continuation in
    the coordinates ``log s_i(a)`` and ``-log(1 - t)``, so that ``t -> 1``
    lies at infinity; about 20 to 60 steps for small games.

    Examples
    --------
    >>> import gametheory as gt
    >>> stag = gt.NormalFormGame.from_bimatrix([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> end = tracing_procedure(stag, [[0.25, 0.75], [0.25, 0.75]])
    >>> end.status, [[round(q, 6) for q in s] for s in end.end]
    ('arrived', [[0.0, 1.0], [0.0, 1.0]])

    References
    ----------
    Harsanyi and Selten (1988), *A General Theory of Equilibrium Selection in
    Games*, chapter 4; Allgower and Georg (1990), *Numerical Continuation
    Methods*, chapter 2.
    """
    context = Context() if context is None else context
    system = _TracingSystem(game, [[float(q) for q in p] for p in prior], alpha)
    x = system.start()
    out = system.evaluate(x)
    direction = np.zeros(len(x))
    direction[-1] = 1.0
    tangent = None if out is None else _tangent(out[1], direction)
    steps, h, status = 0, 0.1, "stalled"
    while tangent is not None and steps < _MAX_STEPS:
        context.check("tracing")
        sigma = system.profile(x)
        if x[-1] >= _S_MAX or (x[-1] > 1.0 and system.regret(sigma) <= _STOP_REGRET):
            status = "arrived"
            break
        corrected = _correct(system, x + h * tangent, tangent)
        if corrected is None:
            h *= 0.5
            if h < _MIN_STEP:
                break
            continue
        x_new, J, first = corrected
        t_new = _tangent(J, tangent)
        cos = -1.0 if t_new is None else float(t_new @ tangent)
        if cos < 0.9:
            h *= 0.5
            if h < _MIN_STEP:
                break
            continue
        x, tangent = x_new, t_new
        steps += 1
        # the next step from how far this one was from the path and how much the path turned
        angle = math.acos(min(1.0, cos))
        grow = min(math.sqrt(_TARGET_FIRST / max(first, 1e-300)), _TARGET_ANGLE / max(angle, 1e-300))
        h = min(h * min(max(grow, 0.5), 2.0), _MAX_STEP)
    sigma = system.profile(x)
    regret = system.regret(sigma) * max(system.spans)
    return Trace(prior=tuple(tuple(float(q) for q in p) for p in prior),
                 end=tuple(tuple(float(q) for q in s) for s in sigma),
                 regret=regret, steps=steps, status=status)
