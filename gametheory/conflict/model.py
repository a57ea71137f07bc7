"""Conflict models in option form (the Graph Model for Conflict Resolution).

Decision makers (DMs) control options; a *state* says which options are
taken (``Y``) and which are not (``N``), one letter per option in model order
(Fang, Hipel and Kilgour 1993, "Interactive Decision Making: The Graph Model
for Conflict Resolution").  Some states are infeasible (patterns with ``-``
for "either"); some options are irreversible (``forward``: can be taken,
never undone; ``backward``: can be undone, never taken).  Each DM ranks the
feasible states in tiers, most preferred first; a state falls in the first
tier with a pattern that matches it.

Internally a state is an integer bitmask (bit ``k`` for option ``k``).  A model is built
from Python here, or read from TOML by ``gametheory.io.conflict_toml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError
from .statements import rank_by_statements

__all__ = ["ConflictModel", "DecisionMaker", "MAX_OPTIONS"]

#: Most options of a conflict model (2^options states are enumerated).
MAX_OPTIONS = 20


@dataclass(frozen=True)
class DecisionMaker:
    name: str
    options: tuple[str, ...]


def _pattern_bits(pattern: str) -> tuple[int, int]:
    """A pattern as (bits it fixes, their values): a state matches when
    ``state & fixed == value``."""
    fixed = sum(1 << k for k, c in enumerate(pattern) if c != "-")
    value = sum(1 << k for k, c in enumerate(pattern) if c == "Y")
    return fixed, value


class ConflictModel:
    """A conflict: decision makers, their options, feasibility, irreversibility and rankings.

    A conflict in option form for the Graph Model for Conflict Resolution: ordinal
    preferences only.  A *state* is one ``Y`` (taken) or ``N`` (not taken) letter per option,
    in the order of the options (decision maker by decision maker); internally it is a
    bitmask, bit ``k`` for option ``k``.  ``state_name`` and ``state_of`` convert
    between the two.  At most ``MAX_OPTIONS`` (20) options.

    Parameters
    ----------
    decision_makers : sequence of (name, options)
        Each decision maker's name and the options it controls.
    ranking : mapping, optional
        Decision maker name -> its tiers of patterns, most preferred first: a state falls in
        the first tier with a pattern that matches it, and every feasible state must match
        one (end with a catch-all tier such as ``"----"``).
    infeasible : sequence of str
        Patterns of infeasible states: one letter ``Y``, ``N`` or ``-`` (either) per option.
    irreversible : mapping, optional
        Option name -> ``"forward"`` (can be taken, never undone) or ``"backward"`` (can be
        undone, never taken).
    title : str
        A title for reports.
    statements : mapping, optional
        Decision maker name -> its prioritised option statements, most important first,
        instead of a ranking (see ``gametheory.conflict.statements`` and the file
        formats); each decision maker has a ranking or statements, not both.

    Attributes
    ----------
    title : str
        The title.
    decision_makers : tuple of DecisionMaker
        Each with ``name`` and ``options``.
    names : tuple of str
        Property: the decision makers' names, in order.
    options : tuple of str
        Every option, in DM order.
    infeasible : tuple of str
        The infeasible patterns, as given.
    irreversible : dict
        Option index -> ``"forward"`` or ``"backward"``.
    states : list of int
        The feasible states (bitmasks), ascending.
    index : dict
        State bitmask -> its position in ``states``.
    rank : dict
        DM name -> integer array over ``states``: higher is more preferred
        (with a ranking of ``T`` tiers, a state in tier ``t``, counted from 0, has rank
        ``T - t``).

    Raises
    ------
    InvalidGameError
        No decision maker, a duplicate decision maker or option, a decision maker without
        options, a malformed pattern, an unknown option or direction in ``irreversible``,
        every state infeasible, a decision maker without a ranking (or with both a ranking
        and statements), an unknown decision maker in ``ranking``, or a feasible state that
        matches no tier.
    GameTooLargeError
        More than 20 options.

    References
    ----------
    Fang, L., Hipel, K. W. and Kilgour, D. M. (1993). Interactive Decision Making: The Graph
    Model for Conflict Resolution. Wiley.

    Examples
    --------
    >>> pd = ConflictModel([("A", ["defect A"]), ("B", ["defect B"])],
    ...                    ranking={"A": [["YN"], ["NN"], ["YY"], ["NY"]],
    ...                             "B": [["NY"], ["NN"], ["YY"], ["YN"]]})
    >>> [pd.state_name(s) for s in pd.states]
    ['NN', 'YN', 'NY', 'YY']
    >>> pd.state_of("YN"), pd.rank["A"].tolist()
    (1, [3, 4, 1, 2])
    """

    # set by the TOML reader (gametheory.io.conflict_toml) only: DM -> statements, DM -> the
    # quote behind each statement ("" for none), the file's description
    statements: dict[str, list[str]]
    quotes: dict[str, list[str]]
    description: str

    def __init__(self, decision_makers: Sequence[tuple[str, Sequence[str]]],
                 ranking: Mapping[str, Sequence[Sequence[str]]] | None = None,
                 infeasible: Sequence[str] = (), irreversible: Mapping[str, str] | None = None,
                 title: str = "", statements: Mapping[str, Sequence[str]] | None = None) -> None:
        self.title = title
        dms = [DecisionMaker(str(n), tuple(str(o) for o in opts)) for n, opts in decision_makers]
        if not dms:
            raise InvalidGameError("a conflict needs at least one decision maker")
        names = [d.name for d in dms]
        for d in dms:
            if names.count(d.name) > 1:
                raise InvalidGameError(f"duplicate decision maker {d.name!r}")
            if not d.options:
                raise InvalidGameError(f"decision maker {d.name!r} controls no option")
        self.decision_makers = tuple(dms)
        self.options = tuple(o for d in dms for o in d.options)
        for o in self.options:
            if self.options.count(o) > 1:
                raise InvalidGameError(f"duplicate option {o!r}")
        m = len(self.options)
        if m > MAX_OPTIONS:
            raise GameTooLargeError(f"{m} options: at most {MAX_OPTIONS} (2^{m} states)")
        self.owner_mask = {}
        k = 0
        for d in dms:
            mask = 0
            for _ in d.options:
                mask |= 1 << k
                k += 1
            self.owner_mask[d.name] = mask
        for p in infeasible:
            self._check_pattern(p, "infeasible")
        self.infeasible = tuple(infeasible)
        self.irreversible: dict[int, str] = {}
        for option, way in (irreversible or {}).items():
            if option not in self.options:
                raise InvalidGameError(f"irreversible: unknown option {option!r}")
            if way not in ("forward", "backward"):
                raise InvalidGameError(f"irreversible: {option!r} must be 'forward' or 'backward', "
                                       f"got {way!r}")
            self.irreversible[self.options.index(option)] = way
        every = np.arange(1 << m, dtype=np.int64)
        feasible = np.ones(1 << m, dtype=bool)
        for p in self.infeasible:
            fixed, value = _pattern_bits(p)
            feasible &= (every & fixed) != value
        self.states = every[feasible].tolist()
        if not self.states:
            raise InvalidGameError("every state is infeasible")
        self.index = {s: k for k, s in enumerate(self.states)}
        self.rank: dict[str, np.ndarray] = {}
        ranking = dict(ranking or {})
        statements = dict(statements or {})
        for d in dms:
            if d.name in statements:
                if d.name in ranking:
                    raise InvalidGameError(f"{d.name!r} has both a ranking and statements; give one")
                try:
                    self.rank[d.name] = rank_by_statements(statements[d.name], self.options,
                                                           np.array(self.states, dtype=np.int64))
                except InvalidGameError as exc:
                    raise InvalidGameError(f"statements.{d.name}: {exc}") from None
                continue
            tiers = ranking.get(d.name)
            if tiers is None:
                raise InvalidGameError(f"ranking: no ranking (or statements) for {d.name!r}")
            ranks = np.full(len(self.states), -1, dtype=np.int64)
            feasible_states = np.array(self.states, dtype=np.int64)
            for t, tier in enumerate(tiers):
                if isinstance(tier, str):
                    raise InvalidGameError(f"ranking.{d.name}: each tier is a list of patterns")
                for p in tier:
                    self._check_pattern(p, f"ranking.{d.name}")
                    fixed, value = _pattern_bits(p)
                    hit = ((feasible_states & fixed) == value) & (ranks < 0)
                    ranks[hit] = len(tiers) - t
            missing = np.flatnonzero(ranks < 0)
            if len(missing):
                raise InvalidGameError(f"ranking.{d.name}: state {self.state_name(self.states[missing[0]])} "
                                       "matches no tier (end with a catch-all tier such as \"" +
                                       "-" * m + "\")")
            self.rank[d.name] = ranks
        unknown = (set(ranking) | set(statements)) - set(names)
        if unknown:
            raise InvalidGameError(f"ranking: unknown decision maker {sorted(unknown)[0]!r}")

    def _check_pattern(self, p: Any, where: str) -> None:
        if not isinstance(p, str) or len(p) != len(self.options) or set(p) - set("YN-"):
            raise InvalidGameError(f"{where}: pattern {p!r} must have one letter Y, N or - per option "
                                   f"({len(self.options)} options)")

    def state_name(self, state: int) -> str:
        """The state as Y/N letters, one per option in model order."""
        return "".join("Y" if state >> k & 1 else "N" for k in range(len(self.options)))

    def state_of(self, name: str) -> int:
        """The bitmask of a state written as Y/N letters (it must be feasible).

        Raises
        ------
        InvalidGameError
            When ``name`` is not one ``Y`` or ``N`` per option, or the state is infeasible.
        """
        if not isinstance(name, str) or len(name) != len(self.options) or set(name) - set("YN"):
            raise InvalidGameError(f"state {name!r} must have one letter Y or N per option "
                                   f"({len(self.options)} options)")
        s = sum(1 << k for k, c in enumerate(name) if c == "Y")
        if s not in self.index:
            raise InvalidGameError(f"state {name} is infeasible")
        return s

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.decision_makers)

    def __repr__(self) -> str:
        return (f"ConflictModel({self.title!r}, decision makers={list(self.names)}, "
                f"options={len(self.options)}, feasible states={len(self.states)})")
