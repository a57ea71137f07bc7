"""What every solver of game trees shares: the arithmetic of a tree and the check of a profile.

``tree_context`` decides a tree computation's arithmetic once (float
mode's tolerance scaled to the payoffs, ``default_tree_tolerance``);
``verified_behaviour`` checks a behaviour profile's regret in the tree
and wraps it as an ``Equilibrium``.  The
tree solvers (subgame perfection, the sequence form, the agent QRE) build on
this module, so that each can call the others without a cycle.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..context import Context
from ..errors import VerificationError
from ..games.behavior import as_behavior, evaluate
from ..games.tree import ExtensiveFormGame
from ._common import resolve_context
from .result import Equilibrium

__all__ = ["NOT_RATIONAL_TREE", "tree_context", "default_tree_tolerance", "verified_behaviour"]

#: The refusal of exact arithmetic for a tree with floating-point numbers.
NOT_RATIONAL_TREE = ("exact arithmetic needs integer or rational payoffs and probabilities; this "
                     "tree has floating-point numbers")


def tree_context(game: ExtensiveFormGame, exact: bool | None = None, tol: float | None = None,
                 context: Context | None = None) -> Context:
    """The context of a computation on a tree: its arithmetic decided once (float mode's default
    tolerance is ``default_tree_tolerance``)."""
    return resolve_context(game, exact, tol, context, default_tol=default_tree_tolerance(game),
                           message=NOT_RATIONAL_TREE)


def verified_behaviour(game: ExtensiveFormGame, vector: np.ndarray, exact: bool, tol: float,
                       strategies: tuple = (), extra_regret: Any = 0) -> Equilibrium:
    """Verify a behaviour profile as a Nash equilibrium of the tree and wrap it as an Equilibrium.

    ``extra_regret`` is a further regret to hold to the same bound (the
    subgame-perfect solver passes the largest regret in a proper subgame).
    Raises ``VerificationError`` when the regret exceeds ``tol`` (0 in
    exact mode): a returned profile that is not an equilibrium is a bug.
    """
    payoffs, regrets, _ = evaluate(game, vector, exact)
    regret = max([*regrets, extra_regret])
    if (regret != 0) if exact else regret > tol:
        raise VerificationError(f"internal error: a profile with regret {regret} in the tree is "
                                "not an equilibrium")
    number = Fraction if exact else float
    known = {0: number(0), 1: number(1)}            # most entries of pure profiles
    behavior = tuple(tuple(tuple(known[q] if q in known and type(q) is int else number(q)
                                 for q in probs) for probs in sets)
                     for sets in as_behavior(game, vector))
    payoffs = tuple(number(v) for v in payoffs)
    regret = Fraction(0) if exact else float(regret)
    return Equilibrium(strategies=strategies, payoffs=payoffs, regret=regret, behavior=behavior)


def default_tree_tolerance(game: ExtensiveFormGame) -> float:
    """Float-mode regret tolerance: 1e-9 times the largest absolute payoff (at least 1e-9)."""
    leaves = game.flat.payoff[game.flat.leaves]
    return 1e-9 * max(1.0, float(np.max(np.abs(leaves))) if leaves.size else 1.0)
