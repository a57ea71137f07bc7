"""Equilibrium solvers: one module per algorithm, each a plain function of the game."""

from .lemke_howson import iter_lemke_howson, solve_lemke_howson
from .polynomial import solve_polynomial
from .pure import iter_pure, solve_pure
from .qre import QRECurve, logit_qre, solve_qre
from .simpdiv import solve_simpdiv
from .support import iter_support, solve_support
from .vertex import is_degenerate, iter_vertex, solve_vertex
from .zero_sum import is_constant_sum, solve_zero_sum

__all__ = ["solve_lemke_howson", "iter_lemke_howson", "solve_polynomial", "solve_pure", "iter_pure",
           "solve_support", "iter_support", "solve_vertex",
           "iter_vertex", "is_degenerate", "solve_zero_sum", "is_constant_sum",
           "QRECurve", "logit_qre", "solve_qre", "solve_simpdiv"]
