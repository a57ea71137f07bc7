"""Shared test helpers: an independent equilibrium check and Hypothesis game strategies."""

from __future__ import annotations

import os
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# scripts that need optional peers (pygambit): run by hand, not collected
collect_ignore_glob = ["fixtures/make_*.py"]


# Property tests draw the same examples on every run (a fresh clone in CI included), so a
# result does not depend on luck; HYPOTHESIS_PROFILE=random explores new examples instead.
settings.register_profile("fixed", derandomize=True)
settings.register_profile("random", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

#: Hypothesis settings shared by the property tests.
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def bimatrix_regret(A, B, x, y) -> Fraction:
    """Largest gain from a pure deviation in the bimatrix game (A, B), in plain Fractions.

    Written independently of the package so tests do not check the code with itself.
    """
    m, n = len(A), len(A[0])
    x = [Fraction(v) for v in x]
    y = [Fraction(v) for v in y]
    assert all(v >= 0 for v in x) and sum(x) == 1
    assert all(v >= 0 for v in y) and sum(y) == 1
    rows = [sum(Fraction(A[i][j]) * y[j] for j in range(n)) for i in range(m)]
    cols = [sum(x[i] * Fraction(B[i][j]) for i in range(m)) for j in range(n)]
    u = sum(x[i] * rows[i] for i in range(m))
    v = sum(cols[j] * y[j] for j in range(n))
    return max(max(rows) - u, max(cols) - v)


def strategy_key(eq) -> tuple:
    return tuple(tuple(Fraction(p) for p in s) for s in eq.strategies)


@st.composite
def bimatrices(draw, max_actions: int = 4, low: int = -3, high: int = 3):
    """Random bimatrix games; small payoff ranges make many of them degenerate."""
    m = draw(st.integers(1, max_actions))
    n = draw(st.integers(1, max_actions))
    cells = st.integers(low, high)
    A = np.array(draw(st.lists(cells, min_size=m * n, max_size=m * n)), dtype=np.int64).reshape(m, n)
    B = np.array(draw(st.lists(cells, min_size=m * n, max_size=m * n)), dtype=np.int64).reshape(m, n)
    return A, B


@pytest.fixture
def extending_unilateral(tmp_path):
    """Write a model that extends the bundled ``unilateral`` model with extra TOML (the bundled
    models copied beside it); returns its path."""
    import shutil
    from gametheory.io.sources import bundled

    shutil.copytree(str(bundled("model")["unilateral"].entry.parent), tmp_path, dirs_exist_ok=True)

    def write(extra: str):
        path = tmp_path / "t.toml"
        path.write_text('[model]\nextends = "unilateral.toml"\ntitle = "t"\n\n' + extra,
                        encoding="utf-8")
        return path
    return write


#: The coordinated crisis as first modelled, with the ROK giving instability and loose nukes
#: weight 0: the zero weights create best-response ties and a continuum of equilibria (the
#: finding that made `gametheory lint` name such ties).  The bundled models no longer have it.
ZERO_WEIGHTS = {"weight.ROK.instability": 0, "weight.ROK.loose_nukes": 0}


@pytest.fixture
def tied_crisis():
    """The coordinated crisis with the zero weights of :data:`ZERO_WEIGHTS` (a continuum), and
    the ROK's lead fixed (no lead-role stage: only deconfliction and the ROK's lead declared)."""
    from dataclasses import replace

    import gametheory as gt
    model = gt.load_model("coordinated").with_values(ZERO_WEIGHTS)
    keep = ("deconfliction", "rok_leads_aid")
    return replace(model, leads=(), understandings=tuple(u for u in model.understandings
                                                         if u.name in keep))
