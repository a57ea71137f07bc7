"""The former public names still work for one release, and say what replaced them."""

from __future__ import annotations

import importlib
import warnings

import pytest

import gametheory as gt

LOOKED_UP = [name for name, (module, _, _) in gt.DEPRECATED.items()
             if not module.startswith("report.")]


@pytest.mark.parametrize("name", LOOKED_UP)
def test_a_former_name_warns_and_is_the_new_object(name):
    module, attribute, instead = gt.DEPRECATED[name]
    with pytest.warns(DeprecationWarning, match=f"gametheory.{name} is deprecated.*{instead}"):
        old = getattr(gt, name)
    assert old is getattr(importlib.import_module(f"gametheory.{module}"), attribute)


def test_former_solver_names_give_the_same_results():
    game = gt.read_game("battle-of-the-sexes")
    pairs = [("vertex_enumeration", gt.solve_vertex), ("support_enumeration", gt.solve_support),
             ("lemke_howson", gt.solve_lemke_howson), ("pure_equilibria", gt.solve_pure)]
    for old, new in pairs:
        with pytest.warns(DeprecationWarning):
            before = getattr(gt, old)(game)
        assert before == new(game)
    with pytest.warns(DeprecationWarning):
        listed = list(gt.vertex_enumeration_gen(game))
    assert listed == list(gt.iter_vertex(game))


@pytest.mark.parametrize("name", [n for n, (m, _, _) in gt.DEPRECATED.items() if m.startswith("report.")])
def test_former_formatters_are_looked_up_without_warning(name):
    # (calling each one warns: tests/test_deprecated_report.py)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        function = getattr(gt, name)           # looking one up is silent; calling it warns
    assert callable(function)


def test_deprecated_names_are_not_public_and_unknown_names_fail():
    assert not set(gt.DEPRECATED) & set(gt.__all__)
    assert set(gt.__all__) <= set(dir(gt))
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        gt.no_such_name  # noqa: B018


def test_every_public_name_resolves_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in gt.__all__:
            getattr(gt, name)
