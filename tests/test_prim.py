"""`prim`: scenario discovery on synthetic data whose cases lie in known boxes."""

from __future__ import annotations

import numpy as np
import pytest

from gametheory.crisis.prim import PrimBox, prim
from gametheory.errors import InvalidGameError

NAMES = ["x1", "x2", "x3", "x4", "x5"]


def uniform(n: int = 3000, d: int = 5, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((n, d))


def inside(box: PrimBox, X: np.ndarray, names=NAMES) -> np.ndarray:
    keep = np.ones(len(X), dtype=bool)
    for name, low, high in box.limits:
        x = X[:, names.index(name)]
        if low is not None:
            keep &= x >= low
        if high is not None:
            keep &= x < high
    return keep


@pytest.fixture(scope="module")
def one_region():
    X = uniform(seed=1)
    y = (X[:, 0] < 0.3) & (X[:, 1] > 0.6)
    return X, y, prim(X, y, NAMES)


def test_one_region_first_box(one_region):
    X, y, boxes = one_region
    box = boxes[0]
    limits = {name: (low, high) for name, low, high in box.limits}
    assert set(limits) == {"x1", "x2"}
    assert limits["x1"][0] is None and abs(limits["x1"][1] - 0.3) < 0.05
    assert limits["x2"][1] is None and abs(limits["x2"][0] - 0.6) < 0.05
    assert box.density > 0.9 and box.coverage > 0.8
    rule = box.rule()
    assert "x1 <" in rule and "x2 >=" in rule and " and " in rule
    assert len(boxes) == 1                          # nothing left worth a second box


def test_box_statistics_agree_with_the_data(one_region):
    X, y, boxes = one_region
    box = boxes[0]
    keep = inside(box, X)
    assert box.count == keep.sum() and box.cases == y[keep].sum()
    assert box.mass == pytest.approx(keep.mean())
    assert box.density == pytest.approx(y[keep].mean())
    assert box.coverage == pytest.approx(y[keep].sum() / y.sum())


def test_trajectory(one_region):
    X, y, boxes = one_region
    trajectory = boxes[0].trajectory
    assert trajectory[0] == pytest.approx((1.0, y.mean(), 1.0))  # starts from everything
    masses = [m for _, _, m in trajectory]
    coverages = [c for c, _, _ in trajectory]
    assert all(a > b for a, b in zip(masses, masses[1:]))         # each peel removes points
    assert all(a >= b for a, b in zip(coverages, coverages[1:]))
    assert masses[-1] >= 0.05 and masses[-1] < 0.05 / 0.95 + 0.01  # stops at min_mass
    assert 0 < boxes[0].chosen < len(trajectory)
    assert trajectory[boxes[0].chosen][1] >= 0.8


def test_without_pasting_and_pruning():
    X = uniform(seed=1)
    y = (X[:, 0] < 0.3) & (X[:, 1] > 0.6)
    box = prim(X, y, NAMES, paste=False, prune=False)[0]
    assert {"x1", "x2"} <= {name for name, _, _ in box.limits}
    assert box.density > 0.9


def test_two_disjoint_regions_found_by_covering():
    X = uniform(seed=0)
    y = ((X[:, 0] < 0.3) & (X[:, 1] > 0.6)) | ((X[:, 0] >= 0.75) & (X[:, 2] < 0.25))
    boxes = prim(X, y, NAMES)
    assert len(boxes) >= 2
    first, second = ({name: (lo, hi) for name, lo, hi in b.limits} for b in boxes[:2])
    found = sorted([sorted(first), sorted(second)])
    assert found == [["x1", "x2"], ["x1", "x3"]]
    a, b = (first, second) if "x2" in first else (second, first)
    assert abs(a["x1"][1] - 0.3) < 0.05 and abs(a["x2"][0] - 0.6) < 0.05
    assert abs(b["x1"][0] - 0.75) < 0.05 and abs(b["x3"][1] - 0.25) < 0.05
    assert all(box.density > 0.9 for box in boxes[:2])
    assert boxes[0].coverage + boxes[1].coverage > 0.8
    assert not np.any(inside(boxes[0], X) & inside(boxes[1], X))   # disjoint
    assert len(prim(X, y, NAMES, max_boxes=1)) == 1


def test_no_cases():
    X = uniform(n=500, seed=2)
    assert prim(X, np.zeros(500, dtype=bool), NAMES) == ()
    assert prim(X, np.arange(500) == 7, NAMES) == ()               # a single case: no box


def test_all_cases_give_no_box():
    # every point is a case: no box beats the base rate, the outcome ignores the inputs
    X = uniform(n=500, seed=3)
    assert prim(X, np.ones(500, dtype=bool), NAMES) == ()


def test_cases_unrelated_to_the_inputs_give_no_box():
    X = uniform(n=2000, seed=4)
    y = np.random.default_rng(5).random(2000) < 0.3
    assert prim(X, y, NAMES) == ()


def test_zero_one_outcomes_and_discrete_inputs():
    rng = np.random.default_rng(6)
    X = np.column_stack([rng.integers(0, 5, 2000), rng.random(2000)]).astype(float)
    y = ((X[:, 0] >= 3) & (X[:, 1] < 0.5)).astype(int)
    box = prim(X, y, ["level", "p"])[0]
    assert box.density > 0.9 and box.coverage > 0.8
    assert box.rule().startswith("level >= 3 and p < 0.")


def test_rule_text():
    box = PrimBox(limits=(("p_succession", 0.2, 0.4), ("weight.PRC.clash", 2.0, None),
                          ("cost", None, 1234.5), ("tiny", 0.00012345, None)),
                  coverage=1.0, density=1.0, mass=0.1, count=10, cases=10, trajectory=(),
                  chosen=0)
    assert box.rule() == ("0.2 <= p_succession < 0.4 and weight.PRC.clash >= 2 and cost < 1230"
                          " and tiny >= 0.000123")
    assert PrimBox((), 1.0, 0.5, 1.0, 4, 2, (), 0).rule() == "everything"


@pytest.mark.parametrize("X, y, names, kwargs, message", [
    (np.zeros(10), np.zeros(10, bool), ["a"], {}, "X must have shape (n, d)"),
    (np.zeros((10, 0)), np.zeros(10, bool), [], {}, "X must have shape (n, d)"),
    (np.zeros((10, 2)), np.zeros(9, bool), ["a", "b"], {}, "y must have shape (10,)"),
    (np.zeros((10, 2)), np.full(10, 0.5), ["a", "b"], {}, "y must be boolean"),
    (np.zeros((10, 2)), np.zeros(10, bool), ["a"], {}, "expected 2 names"),
    (np.zeros((10, 2)), np.zeros(10, bool), ["a", "a"], {}, "names must be distinct"),
    (np.zeros((10, 2)), np.zeros(10, bool), ["a", 3], {}, "names must be non-empty strings"),
    (np.zeros((10, 2)), np.zeros(10, bool), "ab", {}, "names must be a sequence"),
    (np.full((10, 2), np.nan), np.zeros(10, bool), ["a", "b"], {}, "20 non-finite"),
    ([["a", "b"]], [True], ["a", "b"], {}, "X must be an array of numbers"),
    (np.zeros((10, 2)), np.zeros(10, bool), ["a", "b"], {"alpha": 0.5}, "alpha"),
    (np.zeros((10, 2)), np.zeros(10, bool), ["a", "b"], {"min_mass": 0}, "min_mass"),
    (np.zeros((10, 2)), np.zeros(10, bool), ["a", "b"], {"threshold": 1.5}, "threshold"),
    (np.zeros((10, 2)), np.zeros(10, bool), ["a", "b"], {"max_boxes": 0}, "max_boxes"),
])
def test_bad_input(X, y, names, kwargs, message):
    with pytest.raises(InvalidGameError) as err:
        prim(X, y, names, **kwargs)
    assert message in str(err.value) and str(err.value).startswith("prim: ")
