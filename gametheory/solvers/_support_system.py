"""The indifference equations of an n-player game on a fixed support profile.

For supports ``S_1, ..., S_n`` (``k_i = |S_i|``), player ``i``'s strategy is
written with ``k_i - 1`` *free coordinates*: the probabilities of
``S_i[0], ..., S_i[-2]``, the last support action taking the rest.  The
unknowns ``x`` are all free coordinates, player by player (``N = sum k_i - 1``
of them), and the equations are player ``i``'s indifference conditions

    u_i(a, sigma_-i) - u_i(S_i[-1], sigma_-i) = 0    for a in S_i[:-1],

``N`` equations in ``N`` unknowns, affine in each other player's block of
unknowns (multi-affine).  This module evaluates them, their Jacobian and the
other actions' payoff gaps for a whole batch of points at once, and refines an
approximate equilibrium by Newton's method on its support (used by the
``qre`` and ``simpdiv`` solvers and by the numerical back end of
``polynomial``).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from fractions import Fraction

import mpmath
import numpy as np

from ..arithmetic import EXACT, Arithmetic, Number
from ..errors import VerificationError
from ..games.normal import NormalFormGame
from ._common import fallback_arithmetic
from .result import Equilibrium, make_equilibrium

__all__ = ["SupportSystem", "refine_equilibrium", "recover_rational"]

_LETTERS = string.ascii_letters


class SupportSystem:
    """Indifference equations of ``payoffs`` restricted to the support profile ``supports``.

    Parameters
    ----------
    payoffs : sequence of ndarray
        One payoff array per player (float, or exact integers as objects/ints).
    supports : sequence of sequence of int
        The support of each player, in increasing action order.
    """

    def __init__(self, payoffs: Sequence[np.ndarray], supports: Sequence[Sequence[int]]):
        self.supports = tuple(tuple(int(a) for a in s) for s in supports)
        self.n = len(self.supports)
        self.sizes = tuple(len(s) for s in self.supports)
        self.shape = tuple(np.shape(payoffs[0]))
        self.offsets = [0]
        for k in self.sizes:
            self.offsets.append(self.offsets[-1] + k - 1)
        self.dim = self.offsets[-1]
        # player i's payoffs: all of i's actions, the others restricted to their supports
        self.blocks = []
        for i, u in enumerate(payoffs):
            idx = [np.arange(self.shape[k]) if k == i else np.array(self.supports[k])
                   for k in range(self.n)]
            block = np.asarray(u)[np.ix_(*idx)]
            self.blocks.append(np.moveaxis(block, i, 0))
        self._float_blocks = [np.asarray(b, dtype=float) for b in self.blocks]

    # -- coordinates ---------------------------------------------------------------------------
    def strategies(self, x: np.ndarray) -> list[np.ndarray]:
        """Support probabilities of each player, shape ``(B, k_i)``, for points ``x`` (``(B, N)``)."""
        x = np.atleast_2d(x)
        out = []
        for i in range(self.n):
            free = x[:, self.offsets[i]:self.offsets[i + 1]]
            out.append(np.concatenate([free, 1.0 - free.sum(axis=1, keepdims=True)], axis=1))
        return out

    def full_profile(self, x: np.ndarray) -> list[np.ndarray]:
        """The mixed-strategy profile (all actions) at a single point ``x``."""
        probs = self.strategies(np.asarray(x, dtype=float))
        out = []
        for i, m in enumerate(self.shape):
            s = np.zeros(m)
            s[list(self.supports[i])] = probs[i][0]
            out.append(s)
        return out

    def start_point(self) -> np.ndarray:
        """The centre of the support simplices (uniform play on each support)."""
        return np.concatenate([np.full(k - 1, 1.0 / k) for k in self.sizes])

    # -- evaluation ----------------------------------------------------------------------------
    def action_values(self, x: np.ndarray) -> list[np.ndarray]:
        """Payoff of each action of each player against the others' strategies at ``x``.

        Returns one array per player of shape ``(B, m_i)``.
        """
        strat = self.strategies(x)
        out = []
        for i in range(self.n):
            out.append(self._contract(i, strat, None))
        return out

    def _contract(self, i: int, strat: list[np.ndarray], free_player: int | None) -> np.ndarray:
        """Contract player ``i``'s block with every other player's strategy except ``free_player``."""
        others = [k for k in range(self.n) if k != i]
        sub = _LETTERS[:self.n]   # axis letters: 'a' for i's own actions, then the others
        batch = "Z"
        operands = [self._float_blocks[i]]
        spec_in = [sub]
        out = batch + sub[0]
        for pos, k in enumerate(others, start=1):
            if k == free_player:
                out += sub[pos]
                continue
            operands.append(strat[k])
            spec_in.append(batch + sub[pos])
        if len(operands) == 1:    # nobody left to contract with: the same block at every point
            B = len(strat[0])
            return np.broadcast_to(self._float_blocks[i], (B,) + self._float_blocks[i].shape)
        return np.einsum(",".join(spec_in) + "->" + out, *operands)

    def residual(self, x: np.ndarray) -> np.ndarray:
        """The ``N`` indifference equations at each point, shape ``(B, N)``."""
        values = self.action_values(x)
        parts = []
        for i, s in enumerate(self.supports):
            v = values[i]
            parts.append(v[:, list(s[:-1])] - v[:, [s[-1]]])
        return np.concatenate(parts, axis=1) if parts else np.zeros((len(np.atleast_2d(x)), 0))

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        """Derivatives of the equations in the free coordinates, shape ``(B, N, N)``."""
        x = np.atleast_2d(x)
        strat = self.strategies(x)
        B = x.shape[0]
        J = np.zeros((B, self.dim, self.dim))
        for i, s in enumerate(self.supports):
            rows = slice(self.offsets[i], self.offsets[i + 1])
            others = [k for k in range(self.n) if k != i]
            for j in others:
                if self.sizes[j] == 1:
                    continue
                # values of i's actions with j's strategy left open: (B, m_i, k_j)
                partial = self._contract(i, strat, j)
                diff = partial[:, list(s[:-1]), :] - partial[:, [s[-1]], :]
                # d/d x_{j,c} of sigma_j = e_c - e_last
                J[:, rows, self.offsets[j]:self.offsets[j + 1]] = diff[:, :, :-1] - diff[:, :, [-1]]
        return J

    def outside_gaps(self, x: np.ndarray) -> np.ndarray:
        """Payoff of each action outside the supports minus the support's payoff, ``(B, M)``."""
        values = self.action_values(x)
        parts = []
        for i, s in enumerate(self.supports):
            outside = [a for a in range(self.shape[i]) if a not in s]
            if outside:
                parts.append(values[i][:, outside] - values[i][:, [s[-1]]])
        if not parts:
            return np.zeros((len(np.atleast_2d(x)), 0))
        return np.concatenate(parts, axis=1)

    # -- Newton's method -----------------------------------------------------------------------
    def newton(self, x0: np.ndarray, iterations: int = 50, atol: float = 1e-13) -> np.ndarray | None:
        """A root near ``x0`` by Newton's method (least squares when singular), or None."""
        x = np.array(x0, dtype=float)
        if self.dim == 0:
            return x
        scale = max(1.0, max(float(np.max(np.abs(b))) for b in self._float_blocks))
        for _ in range(iterations):
            f = self.residual(x)[0]
            if not np.all(np.isfinite(f)):
                return None
            J = self.jacobian(x)[0]
            step, *_ = np.linalg.lstsq(J, f, rcond=None)
            x = x - step
            if np.max(np.abs(step)) <= 1e-15 and np.max(np.abs(f)) <= atol * scale:
                break
        f = self.residual(x)[0]
        if np.max(np.abs(f)) > 1e-9 * scale:
            return None
        return x

    def newton_exact(self, x0: np.ndarray, exact_payoffs: Sequence[np.ndarray],
                     digits: int = 60) -> list[list[Fraction]] | None:
        """Rational support probabilities near ``x0`` that solve the equations exactly, or None.

        Newton's method in ``digits``-digit arithmetic (mpmath) from the float
        root, then each coordinate is recovered as the simplest fraction within
        the achieved accuracy (continued fractions); the caller certifies the
        result exactly.
        """
        if self.dim == 0:
            return [[Fraction(1)] for _ in self.sizes]
        if np.linalg.cond(self.jacobian(np.asarray(x0, dtype=float))[0]) > 1e12:
            return None       # a singular root: Newton's quadratic convergence is lost
        ctx = mpmath.mp.clone()
        ctx.dps = digits
        blocks = [np.moveaxis(np.asarray(u, dtype=object)[np.ix_(*[
            np.arange(self.shape[k]) if k == i else np.array(self.supports[k]) for k in range(self.n)])], i, 0)
            for i, u in enumerate(exact_payoffs)]
        x = [ctx.mpf(float(v)) for v in x0]
        for _ in range(8):
            f, J = _mp_residual_jacobian(self, blocks, x, ctx)
            try:
                step = ctx.lu_solve(J, f)
            except (ZeroDivisionError, ValueError, TypeError):   # singular in mpmath's LU
                return None
            x = [xi - step[k] for k, xi in enumerate(x)]
            if max((abs(s) for s in step), default=0) < ctx.mpf(10) ** (-(digits - 10)):
                break
        bound = 10 ** ((digits - 10) // 2)
        recovered = [recover_rational(v, bound) for v in x]
        free = [q for q in recovered if q is not None]
        if len(free) < len(recovered):
            return None
        out: list[list[Fraction]] = []
        for i in range(self.n):
            part = free[self.offsets[i]:self.offsets[i + 1]]
            out.append(part + [1 - sum(part, Fraction(0))])
        return out


def _mp_residual_jacobian(system: SupportSystem, blocks, x, ctx):
    """Residual and Jacobian of the indifference equations in mpmath arithmetic (small systems)."""
    n = system.n
    strat = []
    for i in range(n):
        free = x[system.offsets[i]:system.offsets[i + 1]]
        strat.append(list(free) + [1 - ctx.fsum(free)])
    N = system.dim
    f = ctx.matrix(N, 1)
    J = ctx.matrix(N, N)

    def contract(i: int, skip: int | None) -> dict:
        """Values of i's actions as a dict keyed by (a, c), c the open index of player ``skip``."""
        block = blocks[i]
        others = [k for k in range(n) if k != i]
        result: dict = {}
        for idx in np.ndindex(*block.shape):
            weight = ctx.mpf(int(block[idx]))
            c = None
            for k, b in zip(others, idx[1:]):
                if k == skip:
                    c = b
                else:
                    weight *= strat[k][b]
            key = (idx[0], c)
            result[key] = result.get(key, 0) + weight
        return result

    for i, s in enumerate(system.supports):
        base = contract(i, None)
        for r, a in enumerate(s[:-1]):
            f[system.offsets[i] + r] = base[(a, None)] - base[(s[-1], None)]
        for j in range(n):
            if j == i or system.sizes[j] == 1:
                continue
            part = contract(i, j)
            kj = system.sizes[j]
            for r, a in enumerate(s[:-1]):
                last = part[(a, kj - 1)] - part[(s[-1], kj - 1)]
                for c in range(kj - 1):
                    J[system.offsets[i] + r, system.offsets[j] + c] = \
                        part[(a, c)] - part[(s[-1], c)] - last
    return f, J


def recover_rational(value, bound: int) -> Fraction | None:
    """The simplest fraction with denominator at most ``bound`` matching ``value`` closely, or None.

    ``value`` is an mpmath number carrying far more digits than ``bound**2``
    needs; the candidate is accepted only when it agrees with ``value`` to
    within ``1 / bound**2`` (a genuine rational is recovered exactly; an
    irrational number almost never passes).
    """
    sign, man, exp, _ = value._mpf_
    approx = Fraction(int(man) * 2 ** int(exp)) if exp >= 0 else Fraction(int(man), 2 ** -int(exp))
    if sign:
        approx = -approx
    q = approx.limit_denominator(bound)
    if abs(approx - q) * bound * bound > 1:
        return None
    return q


def _small_fractions(system: SupportSystem, root: np.ndarray, bound: int = 1000):
    """The root's support probabilities as fractions with denominators up to ``bound``, or None."""
    out = []
    for probs in system.strategies(root):
        free = [Fraction(float(p)).limit_denominator(bound) for p in probs[0][:-1]]
        last = 1 - sum(free, Fraction(0))
        if any(abs(float(q) - float(p)) > 1e-9 for q, p in zip(free + [last], probs[0])):
            return None
        out.append(free + [last])
    return out


def _embed(game: NormalFormGame, supports, probs) -> list[list[Fraction]]:
    """Full strategies from support probabilities."""
    strategies = []
    for i, m in enumerate(game.shape):
        row = [Fraction(0)] * m
        for a, p in zip(supports[i], probs[i]):
            row[a] = p
        strategies.append(row)
    return strategies


def refine_equilibrium(game: NormalFormGame, profile: Sequence[Sequence[Number] | np.ndarray],
                       arithmetic: Arithmetic, *, fallback: Arithmetic | None = None,
                       threshold: float = 1e-6) -> Equilibrium | None:
    """Turn an approximate equilibrium into a certified one, or None.

    The support of each player is read off ``profile`` (probabilities above
    ``threshold``, plus that player's best responses), Newton's method solves
    the indifference equations on that support, and the result is certified:
    exactly (regret 0) when ``arithmetic`` is exact and the root is rational,
    else in floating point within the ``fallback`` tolerance.  In float
    arithmetic, a profile whose supports cannot be solved is still accepted
    when its own regret is within the tolerance.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence of sequence of float
        One probability vector per player.
    arithmetic : Arithmetic
        Exact: try for an exact rational equilibrium first.
    fallback : Arithmetic, optional
        The float arithmetic of a root that is not rational (default
        ``fallback_arithmetic``: ``arithmetic``
        itself when float, else ``default_tolerance``).
    threshold : float
        Probabilities at or below this are read as outside the support.

    Returns
    -------
    Equilibrium or None

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.read_game("matching-pennies")
    >>> from gametheory.arithmetic import EXACT
    >>> eq = refine_equilibrium(g, [[0.49, 0.51], [0.5001, 0.4999]], EXACT)
    >>> [[str(p) for p in s] for s in eq.strategies]
    [['1/2', '1/2'], ['1/2', '1/2']]
    """
    floating = fallback_arithmetic(game, arithmetic) if fallback is None else fallback
    prof = [np.clip(np.asarray(p, dtype=float), 0.0, None) for p in profile]
    prof = [p / p.sum() for p in prof]
    supports = [tuple(int(a) for a in np.flatnonzero(p > threshold)) for p in prof]
    candidates = [supports]
    br = [tuple(sorted(set(s) | set(game.best_responses(prof, i, tol=1e-9)))) for i, s in enumerate(supports)]
    if br != supports:
        candidates.append(br)
    for S in candidates:
        if any(len(s) == 0 for s in S):
            continue
        system = SupportSystem(game.float_payoffs, S)
        x0 = np.concatenate([p[list(s[:-1])] / max(p[list(s)].sum(), 1e-300) for p, s in zip(prof, S)])
        root = system.newton(x0)
        if root is None:
            continue
        probs = system.strategies(root)
        if min((float(p.min()) for p in probs), default=0.0) < -1e-12:
            continue
        if arithmetic.exact:
            quick = _small_fractions(system, root)       # cheap first: pure or simple equilibria
            if quick is not None:
                try:
                    return make_equilibrium(game, _embed(game, S, quick), EXACT)
                except VerificationError:
                    pass
            exact_u = [ints for ints, _ in game.integer_payoffs]
            rational = system.newton_exact(root, exact_u)
            if rational is not None and all(p >= 0 for s in rational for p in s):
                strategies = []
                for i, m in enumerate(game.shape):
                    row = [Fraction(0)] * m
                    for a, p in zip(S[i], rational[i]):
                        row[a] = p
                    strategies.append(row)
                try:
                    return make_equilibrium(game, strategies, EXACT)
                except VerificationError:
                    pass
        full = [np.clip(p, 0.0, None) for p in system.full_profile(root)]
        full = [p / p.sum() for p in full]
        try:
            return make_equilibrium(game, full, floating)
        except VerificationError:
            continue
    if not arithmetic.exact:
        # no support solved, but the point itself may already be within the float tolerance
        # (payoff differences as small as the tolerance make Newton's method unreliable)
        try:
            return make_equilibrium(game, prof, floating)
        except VerificationError:
            pass
    return None
