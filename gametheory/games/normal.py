"""The normal-form (strategic-form) game.

A game with players ``0..n-1``, each with a finite list of named actions, and
one payoff array per player indexed by action profiles: ``payoffs[i][a_0, ...,
a_{n-1}]`` is player ``i``'s payoff when player ``k`` plays action ``a_k``.
Integer, ``Fraction`` and ``Decimal`` payoffs are
kept exact; floating-point payoffs stay floating point.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from ..arithmetic import Number, as_exact, integer_scale, is_exact_number
from ..errors import InvalidGameError

__all__ = ["NormalFormGame"]


def float_array(values: Any, where: str = "a number") -> np.ndarray:
    """``values`` as a float64 array, checked: a number beyond floating point's range (about
    1.8e308) raises a one-line ``InvalidGameError`` naming ``where``
    instead of an OverflowError or a silent infinity.

    Examples
    --------
    >>> from fractions import Fraction
    >>> float_array([Fraction(1, 3), 2]).tolist()
    [0.3333333333333333, 2.0]
    >>> float_array([10 ** 400], "the payoffs")
    Traceback (most recent call last):
    ...
    gametheory.errors.InvalidGameError: the payoffs: a number beyond floating point's range (1e+400 or so); use exact arithmetic
    """
    arr = np.asarray(values)
    try:
        out = arr.astype(float)
    except OverflowError:
        big = max((abs(v) for v in arr.flat), default=0)
        size = f"1e+{len(str(int(big))) - 1}" if big >= 1 else "huge"
        raise InvalidGameError(f"{where}: a number beyond floating point's range ({size} or so); "
                               "use exact arithmetic") from None
    if not np.all(np.isfinite(out)) and arr.dtype == object:
        raise InvalidGameError(f"{where}: a number beyond floating point's range; use exact "
                               "arithmetic")
    return out


class NormalFormGame:
    """A finite game in strategic form with named players and actions.

    ``payoffs[i][a0, a1, ...]`` is player ``i``'s payoff when each player
    ``k`` plays action ``ak``.  Integer, ``Fraction`` and ``Decimal`` payoffs
    are kept exact (``is_exact`` is True); any ``float`` makes a float game.
    The payoff arrays are read-only.  Two games are equal when their players,
    actions, title, description, exactness and payoffs are equal (games are
    not hashable).

    Parameters
    ----------
    payoffs : sequence of array_like
        One array per player, each of shape ``(len(actions[0]), ...,
        len(actions[n-1]))``.
    players : sequence of str, optional
        Player names; default ``"Player 1"``, ``"Player 2"``, ...
    actions : sequence of sequence of str, optional
        Action names per player; default ``"1"``, ``"2"``, ... for each.  Two
        actions of one player may share a name (as in Gambit files); such a
        name is then ambiguous and the action must be given by its index.
    title : str, optional
        A title, carried into files and printed results.
    description : str, optional
        Free text about the game (Gambit's comment field), kept in ``.nfg``
        files.

    Attributes
    ----------
    players : tuple of str
        The player names.
    actions : tuple of tuple of str
        ``actions[i]``: player ``i``'s action names.
    title : str
        The title.
    description : str
        Free text about the game.
    payoffs : tuple of ndarray
        One read-only array per player.  Exact games hold ``int64`` arrays, or
        object arrays of ``int`` and ``Fraction`` where the numbers need them;
        float games hold ``float64`` arrays.
    is_exact : bool
        Whether the payoffs are exact (rational).
    num_players : int
        The number of players.
    shape : tuple of int
        Each player's number of actions.
    num_profiles : int
        The number of pure-strategy profiles.
    float_payoffs : tuple of ndarray
        The payoffs as read-only float arrays.
    integer_payoffs : tuple of (ndarray, int)
        Exact games only: per player ``(integer array, scale)``, with
        ``array = scale * payoffs``.

    Raises
    ------
    InvalidGameError
        For non-finite or non-numeric payoffs, ragged or mismatched shapes, no
        payoff array, a player without actions, duplicate player names, or an
        empty player or action name.  The message names the player, action or
        profile at fault.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 1], [4, 0]], [[3, 4], [1, 0]],
    ...                                     players=["US", "PRC"],
    ...                                     actions=[["Hold", "Intervene"]] * 2)
    >>> g
    NormalFormGame('', players=['US', 'PRC'], shape=(2, 2), exact=True)
    >>> g.payoff_of(("Intervene", "Hold"))
    (4, 1)
    >>> game = gt.read_game("chicken")
    >>> game.shape, game.num_profiles, game.is_exact
    ((2, 2), 4, True)
    >>> game.expected_payoffs([[1, 0], [0, 1]])
    (Fraction(1, 1), Fraction(4, 1))
    >>> game.is_equilibrium([[1, 0], [0, 1]])
    True
    >>> game == gt.read_game("chicken")
    True
    """

    def __init__(self, payoffs: Sequence[Any], players: Sequence[str] | None = None,
                 actions: Sequence[Sequence[str]] | None = None, title: str = "",
                 description: str = "") -> None:
        if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
            payoffs = list(payoffs)
        if not isinstance(payoffs, (list, tuple)) or len(payoffs) == 0:
            raise InvalidGameError("a game needs at least one player: pass one payoff array per player")
        n = len(payoffs)
        self.title = str(title)
        self.description = str(description)
        self.players: tuple[str, ...] = _check_players(players, n)
        arrays = [_as_payoff_array(p, self.players[i]) for i, p in enumerate(payoffs)]
        shape = arrays[0].shape
        for i, arr in enumerate(arrays):
            if arr.ndim != n:
                raise InvalidGameError(
                    f"payoffs of player {self.players[i]!r} have {arr.ndim} dimension(s); "
                    f"a {n}-player game needs {n} (one per player)")
            if arr.shape != shape:
                raise InvalidGameError(
                    f"payoffs of player {self.players[i]!r} have shape {arr.shape}, "
                    f"but player {self.players[0]!r}'s have shape {shape}")
        for i, k in enumerate(shape):
            if k == 0:
                raise InvalidGameError(f"player {self.players[i]!r} has no action")
        self.actions: tuple[tuple[str, ...], ...] = _check_actions(actions, shape, self.players)
        exact = all(arr.dtype != float for arr in arrays)
        if not exact:
            arrays = [a.astype(float) for a in arrays]
            for i, arr in enumerate(arrays):
                _check_finite(arr, self.players[i], self.actions)
        for arr in arrays:
            arr.flags.writeable = False
        self.payoffs: tuple[np.ndarray, ...] = tuple(arrays)
        self.is_exact: bool = exact

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_arrays(cls, arrays: Sequence[Any], players: Sequence[str] | None = None,
                    actions: Sequence[Sequence[str]] | None = None,
                    title: str = "", description: str = "") -> NormalFormGame:
        """Build a game from one payoff array per player (same as the constructor).

        Parameters
        ----------
        arrays : sequence of array_like
            One payoff array per player (``payoffs`` of the constructor).
        players, actions, title, description
            As for the constructor.

        Returns
        -------
        NormalFormGame

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.NormalFormGame.from_arrays([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]).shape
        (2, 2)
        """
        return cls(arrays, players=players, actions=actions, title=title,
                   description=description)

    @classmethod
    def from_bimatrix(cls, A: Any, B: Any, players: Sequence[str] | None = None,
                      actions: Sequence[Sequence[str]] | None = None,
                      title: str = "", description: str = "") -> NormalFormGame:
        """Two-player game: ``A[i][j]`` to the row player, ``B[i][j]`` to the column player.

        Parameters
        ----------
        A, B : array_like
            The row and the column player's payoff matrices, of equal shape.
        players, actions, title, description
            As for the constructor.

        Returns
        -------
        NormalFormGame

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]).num_players
        2
        """
        return cls([A, B], players=players, actions=actions, title=title,
                   description=description)

    @classmethod
    def zero_sum(cls, A: Any, players: Sequence[str] | None = None,
                 actions: Sequence[Sequence[str]] | None = None,
                 title: str = "", description: str = "") -> NormalFormGame:
        """Two-player zero-sum game: the column player receives ``-A``.

        Parameters
        ----------
        A : array_like
            The row player's payoff matrix.
        players, actions, title, description
            As for the constructor.

        Returns
        -------
        NormalFormGame

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> g.payoffs[1].tolist()
        [[-1, 1], [1, -1]]
        """
        arr = _as_payoff_array(A, "Player 1" if players is None else str(list(players)[0]))
        return cls([arr, -arr], players=players, actions=actions, title=title,
                   description=description)

    @classmethod
    def from_function(cls, payoff: Callable[[tuple], Sequence[Any]],
                      actions: Sequence[Sequence[str]] | Sequence[int],
                      players: Sequence[str] | None = None, title: str = "",
                      by_index: bool = False, description: str = "") -> NormalFormGame:
        """Build a game from a function of the action profile.

        Parameters
        ----------
        payoff : callable
            ``payoff(profile)`` returns one payoff per player.  ``profile`` is a
            tuple of action names, or of action indices when ``by_index``.
        actions : sequence
            For each player, its action names, or a number of actions (named
            ``"1"``, ``"2"``, ...).
        players, title, description
            As for the constructor.
        by_index : bool
            Pass ``payoff`` action indices instead of names.

        Returns
        -------
        NormalFormGame

        Raises
        ------
        InvalidGameError
            When ``payoff`` returns the wrong number of values, or the
            payoffs are invalid (as for the constructor).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_function(
        ...     lambda p: (1, 1) if p[0] == p[1] else (0, 0), [["L", "R"], ["L", "R"]])
        >>> g.payoffs[0].tolist()
        [[1, 0], [0, 1]]
        """
        names = [[str(k + 1) for k in range(a)] if isinstance(a, (int, np.integer)) else list(a)
                 for a in actions]
        shape = tuple(len(a) for a in names)
        n = len(shape)
        values = [np.empty(shape, dtype=object) for _ in range(n)]
        for idx in itertools.product(*(range(k) for k in shape)):
            key = idx if by_index else tuple(names[i][a] for i, a in enumerate(idx))
            out = list(payoff(key))
            if len(out) != n:
                raise InvalidGameError(
                    f"payoff function returned {len(out)} value(s) at profile {key}, expected {n}")
            for i in range(n):
                values[i][idx] = out[i]
        return cls(values, players=players, actions=names, title=title, description=description)

    # ----------------------------------------------------------------- properties
    @property
    def num_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return self.payoffs[0].shape

    @property
    def num_profiles(self) -> int:
        """Number of pure-strategy profiles."""
        return int(np.prod(self.shape))

    def __repr__(self) -> str:
        return (f"NormalFormGame({self.title!r}, players={list(self.players)}, "
                f"shape={self.shape}, exact={self.is_exact})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (self.players == other.players and self.actions == other.actions
                and self.title == other.title and self.description == other.description
                and self.is_exact == other.is_exact
                and all(np.array_equal(a, b) for a, b in zip(self.payoffs, other.payoffs)))

    __hash__ = None  # type: ignore[assignment]

    def payoff_of(self, profile: Sequence[str | int]) -> tuple[Number, ...]:
        """Payoffs at a pure profile given by action names or indices.

        Parameters
        ----------
        profile : sequence of str or int
            One action per player, by name or index.

        Returns
        -------
        tuple
            Each player's payoff (``int``/``Fraction`` if exact, else ``float``).

        Raises
        ------
        InvalidGameError
            For an unknown action, or a name two of the player's actions share.

        Examples
        --------
        >>> import gametheory as gt
        >>> game = gt.read_game("chicken")
        >>> game.payoff_of(("Hold", "Intervene")), game.payoff_of((1, 1))
        ((1, 4), (0, 0))
        """
        idx = tuple(self.action_index(i, a) for i, a in enumerate(profile))
        return tuple(_py(arr[idx]) for arr in self.payoffs)

    def action_index(self, player: int, action: str | int) -> int:
        """Index of an action of ``player``, given by name or index (a name two actions share
        is ambiguous: give the index).

        Parameters
        ----------
        player : int
            The player's index.
        action : str or int
            The action's name or index.

        Returns
        -------
        int

        Raises
        ------
        InvalidGameError
            For an unknown name, an index out of range or an ambiguous name.

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("chicken").action_index(0, "Intervene")
        1
        """
        if isinstance(action, (int, np.integer)):
            if not 0 <= action < self.shape[player]:
                raise InvalidGameError(
                    f"player {self.players[player]!r} has no action number {action}")
            return int(action)
        names = self.actions[player]
        if names.count(action) > 1:
            where = ", ".join(str(k) for k, a in enumerate(names) if a == action)
            raise InvalidGameError(f"player {self.players[player]!r} has several actions named "
                                   f"{action!r} (numbers {where}): give the number")
        try:
            return names.index(action)
        except ValueError:
            raise InvalidGameError(
                f"player {self.players[player]!r} has no action {action!r}") from None

    @cached_property
    def float_payoffs(self) -> tuple[np.ndarray, ...]:
        """The payoff arrays as float64 (read-only)."""
        out = []
        for arr in self.payoffs:
            f = float_array(arr, f"{self.title or 'the game'}: the payoffs")
            f.flags.writeable = False
            out.append(f)
        return tuple(out)

    @cached_property
    def integer_payoffs(self) -> tuple[tuple[np.ndarray, int], ...]:
        """For an exact game: per player, ``(integer array, scale)`` with ``array = scale * payoffs``.

        The arrays hold Python integers (object dtype), safe from overflow in
        exact algorithms.  Multiplying a player's payoffs by a positive constant
        changes no equilibrium, so exact solvers work on these integer arrays.
        """
        if not self.is_exact:
            raise InvalidGameError("integer payoffs exist only for exact games")
        out = []
        for arr in self.payoffs:
            if arr.dtype == np.int64:
                ints, scale = arr.astype(object), 1
            else:
                scale = integer_scale(arr.flat)
                ints = np.empty(arr.shape, dtype=object)
                ints.flat[:] = [int(v * scale) for v in arr.flat]
            ints.flags.writeable = False
            out.append((ints, scale))
        return tuple(out)

    # ----------------------------------------------------------------- mixed strategies
    def as_profile(self, profile: Sequence[Any], exact: bool | None = None) -> tuple[np.ndarray, ...]:
        """Check a mixed-strategy profile and return it as one vector per player.

        Exact profiles (ints and Fractions) become object arrays of Fractions,
        others float arrays.  Probabilities must be nonnegative and sum to 1
        (exactly, or within 1e-9 for floats).

        Parameters
        ----------
        profile : sequence of sequence of number
            One probability vector per player, in action order.
        exact : bool or None
            Force exact (True) or float (False) vectors; default (None): each
            player's vector is exact when all its entries are.

        Returns
        -------
        tuple of ndarray

        Raises
        ------
        InvalidGameError
            For a wrong number of strategies or entries, a negative or
            non-finite probability, probabilities that do not sum to 1, or a
            non-exact vector where ``exact`` is True.

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("chicken").as_profile([[1, 0], [0.5, 0.5]])
        (array([Fraction(1, 1), Fraction(0, 1)], dtype=object), array([0.5, 0.5]))
        """
        if len(profile) != self.num_players:
            raise InvalidGameError(
                f"a profile needs one strategy per player ({self.num_players}), got {len(profile)}")
        out = []
        for i, s in enumerate(profile):
            v = np.asarray(s, dtype=object).ravel()
            if v.shape != (self.shape[i],):
                raise InvalidGameError(
                    f"strategy of player {self.players[i]!r} has {v.size} entries, "
                    f"expected {self.shape[i]}")
            plain = all(type(p) is Fraction or type(p) is int for p in v)   # the common case
            is_ex = plain or all(is_exact_number(p) for p in v) if exact is None else exact
            if is_ex:
                if not plain and not all(is_exact_number(p) for p in v):
                    raise InvalidGameError(
                        f"strategy of player {self.players[i]!r} is not exact (use Fractions)")
                v = np.array([p if type(p) is Fraction else Fraction(as_exact(p)) for p in v],
                             dtype=object)
                ok_sum = sum(v) == 1
            else:
                v = v.astype(float)
                if not np.all(np.isfinite(v)):
                    raise InvalidGameError(
                        f"strategy of player {self.players[i]!r} has a non-finite probability")
                ok_sum = abs(v.sum() - 1.0) <= 1e-9
            if any(p < 0 for p in v):
                raise InvalidGameError(
                    f"strategy of player {self.players[i]!r} has a negative probability")
            if not ok_sum:
                raise InvalidGameError(
                    f"probabilities of player {self.players[i]!r} do not sum to 1")
            out.append(v)
        return tuple(out)

    def deviation_payoffs(self, profile: Sequence[Any], player: int) -> np.ndarray:
        """Expected payoff of each pure action of ``player`` against the others' strategies.

        Parameters
        ----------
        profile : sequence of sequence of number
            A mixed-strategy profile (checked as by ``as_profile``);
            ``player``'s own strategy is ignored.
        player : int
            The player's index.

        Returns
        -------
        ndarray
            One expected payoff per action of ``player``.

        Examples
        --------
        >>> import gametheory as gt
        >>> from fractions import Fraction as F
        >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.deviation_payoffs([[F(1, 2), F(1, 2)], [F(1, 4), F(3, 4)]], 0).tolist()
        [Fraction(-1, 2), Fraction(1, 2)]
        """
        prof = self.as_profile(profile)
        return self._deviation(prof, player)

    def _deviation(self, prof: Sequence[np.ndarray], player: int) -> np.ndarray:
        """Payoff of each of ``player``'s actions against the others' strategies.

        Only the others' supports are contracted, so pure and small-support
        profiles cost little even in large games.
        """
        values, den = self._deviation_parts(prof, player)
        if den is None:
            return values
        out = np.empty(values.shape, dtype=object)
        out.flat[:] = [Fraction(int(v), den) for v in values.flat]
        return out

    def _deviation_parts(self, prof: Sequence[np.ndarray], player: int) -> tuple[np.ndarray, int | None]:
        """Deviation payoffs as (integer numerators, common denominator), or (floats, None)."""
        exact = self.is_exact and all(v.dtype == object for v in prof)
        if exact:
            # integer arithmetic: payoffs scaled to integers, each strategy as numerators over
            # a common denominator; one division per entry at the end
            arr = self.payoffs[player]
            den = 1
            if arr.dtype != np.int64:
                arr, den = self.integer_payoffs[player]
        else:
            arr, den = self.float_payoffs[player], 1
        supports = [np.arange(len(v)) if k == player else np.flatnonzero(v != 0)
                    for k, v in enumerate(prof)]
        if all(len(s) == 1 and prof[k][s[0]] == 1 for k, s in enumerate(supports) if k != player):
            # the others play pure strategies: the payoffs are read, not summed
            at = tuple(slice(None) if k == player else int(s[0]) for k, s in enumerate(supports))
            if not exact:
                return np.array(arr[at], dtype=float), None
            return np.asarray(arr[at]), den
        arr = arr[np.ix_(*supports)]                      # one gather of the relevant block
        for k in range(self.num_players - 1, -1, -1):   # last axis first: indices stay valid
            if k == player:
                continue
            if exact:
                nums, d = _numerators(prof[k][supports[k]])
                den *= d
            else:
                nums = np.asarray(prof[k], dtype=float)[supports[k]]
            arr = np.tensordot(arr, nums, axes=([k], [0]))
        return (arr, den) if exact else (arr, None)

    def expected_payoffs(self, profile: Sequence[Any]) -> tuple[Number, ...]:
        """Each player's expected payoff under a mixed-strategy profile.

        Parameters
        ----------
        profile : sequence of sequence of number
            One probability vector per player (see ``as_profile``).

        Returns
        -------
        tuple
            One expected payoff per player (``Fraction`` if exact).

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.expected_payoffs([[1, 0], [0, 1]])
        (Fraction(-1, 1), Fraction(1, 1))
        """
        return self.payoffs_and_regrets(profile)[0]

    def payoffs_and_regrets(self, profile: Sequence[Any]) -> tuple[tuple[Number, ...], tuple[Number, ...]]:
        """Expected payoffs and regrets of every player, from one contraction per player.

        Parameters
        ----------
        profile : sequence of sequence of number
            One probability vector per player (see ``as_profile``).

        Returns
        -------
        tuple of (tuple, tuple)
            ``(payoffs, regrets)``, as ``expected_payoffs`` and ``regrets``.

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("chicken").payoffs_and_regrets([[1, 0], [1, 0]])
        ((Fraction(3, 1), Fraction(3, 1)), (Fraction(1, 1), Fraction(1, 1)))
        """
        prof = self.as_profile(profile)
        payoffs, regrets = [], []
        for i in range(self.num_players):
            values, den = self._deviation_parts(prof, i)
            if den is None:
                u = _dot(values, prof[i])
                payoffs.append(u)
                regrets.append(_py(max(values)) - u)
                continue
            # exact: numerators over den, the strategy over its own common denominator
            nums, d = _numerators(prof[i])
            total = int(np.dot(np.asarray(values, dtype=object), nums))
            best = int(max(values.flat))
            payoffs.append(Fraction(total, den * d))
            regrets.append(Fraction(best * d - total, den * d))
        return tuple(payoffs), tuple(regrets)

    def best_responses(self, profile: Sequence[Any], player: int, tol: float = 0.0) -> tuple[int, ...]:
        """Indices of ``player``'s pure best responses (within ``tol`` for floats).

        Parameters
        ----------
        profile : sequence of sequence of number
            A mixed-strategy profile; ``player``'s own strategy is ignored.
        player : int
            The player's index.
        tol : float
            Actions whose payoff is within ``tol`` of the best count as best.

        Returns
        -------
        tuple of int

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("chicken").best_responses([[1, 0], [1, 0]], 1)
        (1,)
        """
        dev = self.deviation_payoffs(profile, player)
        best = max(dev)
        return tuple(int(a) for a in range(len(dev)) if dev[a] >= best - tol)

    def regrets(self, profile: Sequence[Any]) -> tuple[Number, ...]:
        """Per player: best deviation payoff minus expected payoff (0 means no gain).

        Parameters
        ----------
        profile : sequence of sequence of number
            One probability vector per player (see ``as_profile``).

        Returns
        -------
        tuple
            One regret per player, nonnegative (``Fraction`` if exact).

        Examples
        --------
        >>> import gametheory as gt
        >>> gt.read_game("chicken").regrets([[1, 0], [1, 0]])
        (Fraction(1, 1), Fraction(1, 1))
        """
        return self.payoffs_and_regrets(profile)[1]

    def max_regret(self, profile: Sequence[Any]) -> Number:
        """Largest gain any player can make by a unilateral deviation.

        It is 0 exactly at an equilibrium (in exact arithmetic).

        Parameters
        ----------
        profile : sequence of sequence of number
            One probability vector per player (see ``as_profile``).

        Returns
        -------
        number
            The largest of ``regrets``.

        Examples
        --------
        >>> import gametheory as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.max_regret([[1, 0], [1, 0]])
        Fraction(2, 1)
        """
        return max(self.regrets(profile))

    def is_equilibrium(self, profile: Sequence[Any], tol: float = 0.0) -> bool:
        """True when no player can gain more than ``tol`` by deviating.

        Parameters
        ----------
        profile : sequence of sequence of number
            One probability vector per player (see ``as_profile``).
        tol : float
            The largest regret accepted: ``max_regret(profile) <= tol``.

        Returns
        -------
        bool

        Examples
        --------
        >>> import gametheory as gt
        >>> game = gt.read_game("chicken")
        >>> game.is_equilibrium([[1, 0], [0, 1]]), game.is_equilibrium([[1, 0], [1, 0]])
        (True, False)
        """
        return self.max_regret(profile) <= tol


def supports(profile: Sequence[Sequence[Any]]) -> tuple[tuple[int, ...], ...]:
    """Indices of the actions with positive probability, per player.

    Parameters
    ----------
    profile : sequence of sequence of number
        One probability vector per player.

    Returns
    -------
    tuple of tuple of int

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.supports([[0.5, 0, 0.5], [1, 0]])
    ((0, 2), (0,))
    """
    return tuple(tuple(int(a) for a, p in enumerate(s) if p > 0) for s in profile)


def _numerators(strategy: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer numerators over the least common denominator of a vector of Fractions."""
    den = integer_scale(strategy)
    nums = np.empty(len(strategy), dtype=object)
    nums[:] = [int(p * den) for p in strategy]
    return nums, den


def _dot(u: np.ndarray, v: np.ndarray) -> Number:
    return _py(u.dot(v))


def _py(x: Any) -> Number:
    """A numpy scalar as the Python number it holds."""
    return x.item() if isinstance(x, np.generic) else x


# ----------------------------------------------------------------- validation helpers
def _check_players(players: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if players is None:
        return tuple(f"Player {i + 1}" for i in range(n))
    names = list(players)
    if len(names) != n:
        raise InvalidGameError(f"{len(names)} player name(s) given for {n} payoff array(s)")
    for i, p in enumerate(names):
        if not isinstance(p, str) or not p.strip():
            raise InvalidGameError(f"player {i + 1} has no name (got {p!r})")
    seen: set[str] = set()
    for p in names:
        if p in seen:
            raise InvalidGameError(f"duplicate player name {p!r}")
        seen.add(p)
    return tuple(names)


def _check_actions(actions: Sequence[Sequence[str]] | None, shape: tuple[int, ...],
                   players: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    if actions is None:
        return tuple(tuple(str(a + 1) for a in range(k)) for k in shape)
    acts = [list(a) for a in actions]
    if len(acts) != len(shape):
        raise InvalidGameError(f"action names given for {len(acts)} player(s), the game has {len(shape)}")
    for i, (names, k) in enumerate(zip(acts, shape)):
        who = players[i]
        if len(names) == 0:
            raise InvalidGameError(f"player {who!r} has no action")
        if len(names) != k:
            raise InvalidGameError(
                f"player {who!r} has {len(names)} action name(s) but {k} row(s) of payoffs")
        for a in names:                     # two actions may share a name (as in Gambit files)
            if not isinstance(a, str) or not a.strip():
                raise InvalidGameError(f"player {who!r} has an action without a name (got {a!r})")
    return tuple(tuple(a) for a in acts)


#: Exact integer payoffs are stored as int64 while they stay below this in magnitude.
_INT64_SAFE = 2**62


def _as_payoff_array(p: Any, who: str) -> np.ndarray:
    """One player's payoffs as int64 (exact integers), object (exact, with Fractions or huge
    integers) or float64."""
    if isinstance(p, np.ndarray):
        arr = p
    else:
        try:
            arr = np.array(p, dtype=object)
        except ValueError as exc:
            raise InvalidGameError(f"payoffs of player {who!r} are ragged: {exc}") from None
        if arr.dtype == object and arr.ndim and any(isinstance(x, (list, tuple, np.ndarray))
                                                     for x in arr.flat):
            raise InvalidGameError(f"payoffs of player {who!r} are ragged (rows of different lengths)")
    if arr.size == 0:
        raise InvalidGameError(f"payoffs of player {who!r} are empty (a player has no action)")
    kind = arr.dtype.kind
    if kind in "iu":
        if arr.dtype.itemsize < 8 or (int(arr.max()) < _INT64_SAFE and int(arr.min()) > -_INT64_SAFE):
            return arr.astype(np.int64)
        return arr.astype(object)
    if kind == "f":
        return np.array(arr, dtype=float)
    if kind != "O":
        raise InvalidGameError(f"payoffs of player {who!r} are not numbers (dtype {arr.dtype})")
    exact = True
    for idx, v in np.ndenumerate(arr):
        if is_exact_number(v):
            continue
        if isinstance(v, (float, np.floating)) and not isinstance(v, bool):
            exact = False  # finiteness is checked once the action names are known
            continue
        raise InvalidGameError(f"payoff of player {who!r} at profile {idx} is not a number ({v!r})")
    if not exact:
        return arr.astype(float)
    out = np.empty(arr.shape, dtype=object)
    out.flat[:] = [as_exact(v) for v in arr.flat]
    if all(type(v) is int and -_INT64_SAFE < v < _INT64_SAFE for v in out.flat):
        return out.astype(np.int64)
    return out


def _check_finite(arr: np.ndarray, who: str, actions: tuple[tuple[str, ...], ...]) -> None:
    bad = np.argwhere(~np.isfinite(arr))
    if bad.size:
        idx = tuple(int(k) for k in bad[0])
        names = tuple(actions[i][a] for i, a in enumerate(idx))
        raise InvalidGameError(
            f"payoff of player {who!r} at profile {names} is not finite ({arr[idx]})")
