"""Hooks: functions of a higher layer that a lower layer calls at run time.

The layers of the house import only downwards.  Where a lower layer must, at run
time, reach a function that lives higher up (a function of the games layer
given a pygambit game tree needs the ``.efg`` reader of the io layer), it calls a
hook by name; the package's public face (``gametheory/__init__.py``, outside the
layers) registers the hook, which imports the higher module only when it is
first called.  ``gametheory.display`` does the same for the report layer.

Examples
--------
>>> register_hook("double", lambda x: 2 * x)
>>> call_hook("double", 21)
42
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register_hook", "call_hook"]

_HOOKS: dict[str, Callable[..., Any]] = {}


def register_hook(name: str, func: Callable[..., Any]) -> None:
    """Register ``func`` as the hook ``name`` (replacing any earlier one)."""
    _HOOKS[name] = func


def call_hook(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call the hook ``name``; a LookupError if none is registered (``import gametheory`` does)."""
    try:
        func = _HOOKS[name]
    except KeyError:
        raise LookupError(f"no {name!r} hook is registered (import gametheory first)") from None
    return func(*args, **kwargs)
