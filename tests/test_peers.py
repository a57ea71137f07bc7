"""Games of nashpy and pygambit at the boundary: converted exactly, accepted by every function
that takes a game in strategic form, and checked against the libraries themselves."""

from __future__ import annotations

import inspect
from fractions import Fraction

import nashpy
import numpy as np
import pytest

import gametheory as gt
from gametheory.games.peers import as_game


def _key(equilibria):
    return sorted(tuple(tuple(round(float(p), 9) for p in s) for s in eq.strategies)
                  for eq in equilibria)


def _random_bimatrix(seed, high=100):
    rng = np.random.default_rng(seed)
    m, n = (int(v) for v in rng.integers(2, 6, 2))
    return rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n))


@pytest.mark.parametrize("seed", range(20))
def test_a_nashpy_game_solves_as_the_same_game_of_ours(seed):
    A, B = _random_bimatrix(seed)
    ours = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    peer = nashpy.Game(A, B)
    got = gt.solve_vertex(peer)
    assert got.exact and got.game.is_exact               # integer arrays stay exact
    assert _key(got.equilibria) == _key(gt.solve_vertex(ours).equilibria)
    back = gt.to_nashpy(ours)
    assert all(np.array_equal(x, y) for x, y in zip(back.payoff_matrices, peer.payoff_matrices))


@pytest.mark.parametrize("seed", range(20))
def test_nashpy_finds_our_equilibria_on_nondegenerate_games(seed):
    A, B = _random_bimatrix(100 + seed, high=10 ** 6)
    game = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    if gt.is_degenerate(game):
        pytest.skip("degenerate: nashpy's vertex enumeration assumes nondegeneracy")
    theirs = sorted(tuple(tuple(round(float(p), 9) for p in s) for s in eq)
                    for eq in gt.to_nashpy(game).vertex_enumeration())
    assert theirs == _key(gt.solve_vertex(game).equilibria)


def test_a_zero_sum_nashpy_game_and_float_payoffs():
    zero_sum = gt.from_nashpy(nashpy.Game(np.array([[1, -1], [-1, 1]])))
    assert zero_sum.payoffs[1].tolist() == [[-1, 1], [1, -1]] and zero_sum.is_exact
    floats = gt.from_nashpy(nashpy.Game(np.array([[0.5, 1.0]]), np.array([[1.5, 2.0]])))
    assert not floats.is_exact and gt.solve(floats).equilibria[0].strategies[1] == (0.0, 1.0)


def test_to_nashpy_refuses_what_nashpy_cannot_hold():
    with pytest.raises(gt.InvalidGameError, match="two players"):
        gt.to_nashpy(gt.read_game("mckelvey-mclennan"))


def _takes_a_strategic_game(obj) -> bool:
    params = list(inspect.signature(obj).parameters.values())
    return bool(params) and params[0].name == "game" and "NormalFormGame" in str(params[0].annotation)


def test_every_public_function_taking_a_strategic_game_accepts_peer_games():
    functions = [getattr(gt, name) for name in gt.__all__ if inspect.isfunction(getattr(gt, name))]
    takers = [f for f in functions if _takes_a_strategic_game(f) and not f.__name__.startswith("to_")]
    assert len(takers) >= 40
    unwrapped = [f.__name__ for f in takers if not hasattr(f, "__wrapped__")]
    assert unwrapped == []


def test_analyses_accept_a_nashpy_game():
    peer = nashpy.Game(np.array([[3, 1], [4, 0]]), np.array([[3, 4], [1, 0]]))
    ours = gt.from_nashpy(peer)
    assert gt.is_degenerate(peer) is False and not gt.is_constant_sum(peer)
    assert gt.correlated_equilibrium(peer).welfare == gt.correlated_equilibrium(ours).welfare \
        == Fraction(16, 3)
    assert gt.iterated_elimination(peer).kept == ((0, 1), (0, 1))
    assert len(gt.format_nfg(peer).splitlines()) > 1


def test_other_objects_pass_through_unchanged():
    assert as_game("chicken") == "chicken"
    game = gt.read_game("chicken")
    assert as_game(game) is game


def test_pygambit_games_both_ways():
    pygambit = pytest.importorskip("pygambit", reason="pygambit is an optional extra "
                                   "(pip install -e '.[gambit]')")
    game = gt.read_game("chicken")
    peer = gt.to_pygambit(game)
    assert isinstance(peer, pygambit.Game) and list(peer.players) == ["US", "PRC"]
    assert _key(gt.solve_vertex(peer).equilibria) == _key(gt.solve_vertex(game).equilibria)
    back = gt.from_pygambit(peer)
    assert [a.tolist() for a in back.payoffs] == [a.tolist() for a in game.payoffs]
    tree = gt.read_game("selten-horse")
    peer_tree = gt.to_pygambit(tree)
    assert gt.from_pygambit(peer_tree).title == tree.title
    assert _key(gt.solve(peer_tree).equilibria) == _key(gt.solve(tree).equilibria)
    assert gt.reduced_normal_form(peer_tree) == gt.reduced_normal_form(tree)
    # against pygambit's own solver on the converted game
    theirs = pygambit.nash.enummixed_solve(peer, rational=True).equilibria
    assert len(theirs) == len(gt.solve_vertex(game).equilibria)


class ExtensiveGame:
    """Stands in for a pygambit tree (recognised by its module and class name): it gives its
    Gambit file text, as pygambit's ``to_efg`` does."""

    __module__ = "pygambit.gambit"

    def __init__(self, text: str):
        self.text = text

    def to_arrays(self):
        raise AssertionError("a tree is converted through its .efg text")

    def to_efg(self) -> str:
        return self.text


def _tree_takers():
    functions = [getattr(gt, name) for name in gt.__all__ if inspect.isfunction(getattr(gt, name))]
    return [f for f in functions
            if (params := list(inspect.signature(f).parameters.values()))
            and params[0].name == "game" and "ExtensiveFormGame" in str(params[0].annotation)
            and not f.__name__.startswith(("to_", "write_", "format_"))]


def test_every_public_function_taking_a_tree_accepts_pygambit_trees():
    takers = _tree_takers()
    assert len(takers) >= 14
    assert [f.__name__ for f in takers if not hasattr(f, "__wrapped__")] == []


def test_a_pygambit_tree_reaches_the_tree_functions_through_the_hook():
    """Without pygambit: a stand-in tree goes through the public face's "from_pygambit" hook
    (the .efg reader of the io layer) to the functions of the lower layers."""
    tree = gt.read_game("entry-deterrence")
    peer = ExtensiveGame(gt.format_efg(tree))
    assert gt.format_efg(as_game(peer)) == gt.format_efg(tree)
    assert _key(gt.solve_spe(peer).equilibria) == _key(gt.solve_spe(tree).equilibria)
    assert gt.agent_form(peer) == gt.agent_form(tree)
    behavior = gt.solve_spe(tree).equilibria[0].behavior
    assert gt.behavior_payoffs(peer, behavior) == gt.behavior_payoffs(tree, behavior)


def test_to_nashpy_with_integers_beyond_64_bits():
    game = gt.NormalFormGame.from_bimatrix([[10 ** 30, 1], [2, 3]], [[1, 2], [3, 4]])
    A, B = gt.to_nashpy(game).payoff_matrices
    assert A.dtype == float and A[0, 0] == 1e30 and B.dtype == np.int64
