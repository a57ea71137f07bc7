"""Equilibrium solvers: one module per algorithm, each a plain function of the game."""

from .lemke_howson import lemke_howson, lemke_howson_gen
from .polynomial import polynomial_equilibria
from .pure import pure_equilibria, pure_equilibria_gen
from .qre import QRECurve, logit_qre, qre_equilibria
from .simpdiv import simplicial_subdivision
from .support import support_enumeration, support_enumeration_gen
from .vertex import is_degenerate, vertex_enumeration, vertex_enumeration_gen
from .zero_sum import is_constant_sum, zero_sum

__all__ = ["lemke_howson", "lemke_howson_gen", "polynomial_equilibria", "pure_equilibria", "pure_equilibria_gen",
           "support_enumeration", "support_enumeration_gen", "vertex_enumeration",
           "vertex_enumeration_gen", "is_degenerate", "zero_sum", "is_constant_sum",
           "QRECurve", "logit_qre", "qre_equilibria", "simplicial_subdivision"]
