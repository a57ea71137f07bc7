"""The fast paths of the `polynomial` solver give exactly what the general path gives.

- a support profile on which one player mixes is decided by an exact payoff
  comparison (``polynomial._one_mixer``) instead of box isolation and a
  Groebner basis: compared with ``_ONE_MIXER_SHORTCUT = False`` (the general
  path) on random degenerate n-player games full of payoff ties;
- the conditional-dominance pruning of support profiles works on bitmasks:
  compared with the straightforward check it replaced.
"""

from __future__ import annotations

import collections
import itertools
from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt
from gametheory.arithmetic import EXACT
from gametheory.solvers import polynomial as P
from gametheory.solvers._common import fallback_arithmetic


def _result_key(res):
    """Everything a caller sees, but the work counters (boxes, Groebner bases)."""
    params = {k: v for k, v in res.parameters.items() if k not in ("boxes", "groebner")}
    return (res.equilibria, res.continua, res.notes, res.complete, res.accounted, res.exact,
            repr(params))


def _both_ways(game, monkeypatch):
    fast = P.solve_polynomial(game)
    with monkeypatch.context() as m:
        m.setattr(P, "_ONE_MIXER_SHORTCUT", False)
        general = P.solve_polynomial(game)
    return fast, general


def _random_game(rng, shape, kind):
    if kind == "binary":
        U = [rng.integers(0, 2, size=shape) for _ in shape]
    elif kind == "ternary":
        U = [rng.integers(-1, 2, size=shape) for _ in shape]
    elif kind == "fractions":
        U = [np.vectorize(lambda v: Fraction(int(v), 7), otypes=[object])(rng.integers(0, 3, size=shape))
             for _ in shape]
    elif kind == "floats":
        U = [rng.integers(0, 3, size=shape) * 0.5 for _ in shape]
    else:              # "offset": payoffs far larger than their differences (the rounding guard)
        U = [rng.integers(0, 3, size=shape) + 10 ** int(rng.integers(2, 17)) for _ in shape]
    return gt.NormalFormGame(U)


def test_one_mixer_shortcut_matches_the_general_path_on_degenerate_games(monkeypatch):
    rng = np.random.default_rng(20240611)
    verdicts = collections.Counter()
    decide = P._one_mixer

    def spy(*args):
        out = decide(*args)
        verdicts[out[0]] += 1
        return out

    monkeypatch.setattr(P, "_one_mixer", spy)
    shapes = [(2, 2, 2), (3, 2, 2), (2, 3, 2), (2, 2, 3), (4, 2, 2)]
    kinds = ["binary", "ternary", "fractions", "floats", "offset"]
    checked = 0
    for trial in range(45):
        game = _random_game(rng, shapes[trial % len(shapes)], kinds[(trial // len(shapes)) % len(kinds)])
        fast, general = _both_ways(game, monkeypatch)
        assert _result_key(fast) == _result_key(general), f"trial {trial}"
        if fast.exact:
            assert all(eq.regret == 0 for eq in fast.equilibria)
        checked += 1
    assert checked == 45
    # both branches were taken: decided without isolation, and isolated as before (untied
    # payoffs make an action conditionally dominated, so those supports are pruned earlier)
    assert verdicts["continuum"] > 10 and verdicts["tied"] > 10


def test_one_mixer_without_a_tie_has_no_solution():
    game = gt.NormalFormGame([np.arange(8).reshape(2, 2, 2)] * 3)
    U = [np.asarray(u) for u in game.payoffs]
    S = ((0, 1), (0,), (1,))
    assert P._one_mixer(game, U, S, EXACT, fallback_arithmetic(game, EXACT)) \
        == ("none", None)
    assert P._solve_support(U, S, game.shape) == []          # what the Groebner basis says


def _tied_game(others_prefer):
    """Player 1 (3 actions) is indifferent between its first two against (0, 0); players 2
    and 3 stay at 0 only for some of player 1's mixtures, set by ``others_prefer``."""
    shape = (3, 2, 2)
    u1 = np.zeros(shape, dtype=np.int64)
    u1[2] = -1                                   # the third action is worse everywhere
    u2 = np.zeros(shape, dtype=np.int64)
    u3 = np.zeros(shape, dtype=np.int64)
    a, b = others_prefer
    # player 2 compares action 1 with action 0, against player 1's action 0 / action 1
    u2[0, 1, 0], u2[1, 1, 0] = a, b
    u3[0, 0, 1], u3[1, 0, 1] = b, a
    return gt.NormalFormGame([u1, u2, u3])


@pytest.mark.parametrize("others_prefer", [(-1, -1), (1, -3), (-3, 1), (2, -1), (1, 1), (0, 0)])
def test_one_mixer_continua_and_representatives_are_unchanged(others_prefer, monkeypatch):
    # uniform play may or may not be an equilibrium of the continuum (then the isolation runs);
    # the continuum may hold no equilibrium at all
    fast, general = _both_ways(_tied_game(others_prefer), monkeypatch)
    assert _result_key(fast) == _result_key(general)
    assert fast.parameters["continua"] == general.parameters["continua"]
    for c in fast.continua:
        for v in c.vertices:
            assert v.regret == 0


@pytest.mark.parametrize("gains, continuum", [((3, -1), True), ((3, 1), False)])
def test_one_mixer_falls_back_to_the_isolation_when_uniform_play_fails(gains, continuum, monkeypatch):
    # player 1 is indifferent against (0, 0); player 2 stays at 0 only while player 1 plays
    # its first action with probability <= 1/4 (or never): uniform play is no equilibrium, so the
    # representative comes from the isolation's boxes, exactly as on the general path
    u1 = np.zeros((2, 2, 2), dtype=np.int64)
    u1[:, 1, :] = [[1, 0], [0, 1]]
    u2 = np.zeros((2, 2, 2), dtype=np.int64)
    u2[0, 1, 0], u2[1, 1, 0] = gains
    u3 = np.zeros((2, 2, 2), dtype=np.int64)
    u3[:, :, 0] = 1
    fast, general = _both_ways(gt.NormalFormGame([u1, u2, u3]), monkeypatch)
    assert _result_key(fast) == _result_key(general)
    assert fast.parameters["continua"] == general.parameters["continua"]
    entries = [c for c in fast.parameters["continua"] if c["supports"] == [[0, 1], [0], [0]]]
    assert bool(entries) == continuum
    if continuum:
        p = entries[0]["representative"][0][0]
        assert 0 < p < Fraction(1, 4) and p != Fraction(1, 2)


def test_one_mixer_rounding_guard(monkeypatch):
    # payoffs near 1e17 (float spacing 16): exactly, uniform play by player 1 is an equilibrium
    # (players 2 and 3 are indifferent there); in floats, the gains of players 2 and 3 leave no
    # common point, so the general path's isolation excludes every box and reports no continuum
    # on ({0, 1}, {0}, {0}).  The guard sends this support to the isolation too.
    base = 10 ** 17
    u1 = np.full((2, 2, 2), base, dtype=np.int64)
    u1[:, 1, :] = [[base + 100, base], [base, base + 100]]
    u2 = np.full((2, 2, 2), base, dtype=np.int64)
    u2[0, 1, 0], u2[1, 1, 0], u2[1, 0, 0] = base + 9, base + 9, base + 18
    u3 = np.full((2, 2, 2), base, dtype=np.int64)
    u3[0, 0, 0], u3[1, 0, 1] = base + 9, base + 9
    game = gt.NormalFormGame([u1, u2, u3])
    fast, general = _both_ways(game, monkeypatch)
    assert _result_key(fast) == _result_key(general)
    assert [[0, 1], [0], [0]] not in [c["supports"] for c in fast.parameters["continua"]]
    monkeypatch.setattr(P, "_ROUNDING_ROOM", float("inf"))         # without the guard: differs
    unguarded = P.solve_polynomial(game)
    assert [[0, 1], [0], [0]] in [c["supports"] for c in unguarded.parameters["continua"]]


def test_one_mixer_shortcut_keeps_the_all_zero_game():
    game = gt.NormalFormGame([np.zeros((2, 2, 2), dtype=np.int64)] * 3)
    res = P.solve_polynomial(game)
    assert len(res.equilibria) == 8 and len(res.parameters["continua"]) == 3 ** 3 - 2 ** 3
    for entry in res.parameters["continua"]:
        assert game.max_regret(entry["representative"]) == 0


# -- conditional dominance --------------------------------------------------------------------

def _reference_supports(shape):
    per_player = [[c for k in range(1, m + 1) for c in itertools.combinations(range(m), k)]
                  for m in shape]
    profiles = list(itertools.product(*per_player))
    profiles.sort(key=lambda S: (sum(len(s) for s in S), max(len(s) for s in S) - min(len(s) for s in S)))
    return profiles


def _reference_undominated(U, shape):
    """The check as it was: per profile, numpy comparisons on the others' support block."""
    n = len(shape)
    out = []
    for S in _reference_supports(shape):
        if all(len(s) == 1 for s in S):
            continue
        dominated = False
        for i in range(n):
            block = np.asarray(U[i])[np.ix_(*[range(shape[k]) if k == i else S[k] for k in range(n)])]
            rows = np.moveaxis(block, i, 0).reshape(shape[i], -1)
            beats = (rows[:, None, :] > rows[None, :, :]).all(axis=2)
            if any(beats[:, a].any() for a in S[i]):
                dominated = True
                break
        if not dominated:
            out.append(S)
    return out


def test_supports_are_cached_in_search_order():
    for shape in [(1,), (2, 3), (3, 3, 3), (2, 2, 2, 2)]:
        assert list(P._supports(shape)) == _reference_supports(shape)
        assert P._supports(shape) is P._supports(shape)
        assert isinstance(P._supports(shape), tuple)      # shared: must not be mutable


def test_bitmask_dominance_matches_the_direct_check():
    rng = np.random.default_rng(7)
    for trial in range(150):
        shape = tuple(int(m) for m in rng.integers(1, 5, size=int(rng.integers(1, 5))))
        if np.prod([2 ** m - 1 for m in shape]) > 5000:
            continue
        U = [rng.integers(-2, 3, size=shape).astype(np.int64) for _ in shape]
        if trial % 3 == 1:
            U = [np.vectorize(lambda v: Fraction(int(v), 3), otypes=[object])(u) for u in U]
        elif trial % 3 == 2:
            U = [np.vectorize(lambda v: int(v) * 10 ** 20, otypes=[object])(u) for u in U]  # beyond int64
        assert P._undominated_supports(U, shape) == _reference_undominated(U, shape), shape
