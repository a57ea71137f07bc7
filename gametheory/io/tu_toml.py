"""Transferable-utility games from TOML (the contract's form: ``title``, ``players``,
``[values]``), and ``load_tu``: a TU game from any source the ``coop`` command takes."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from ..coop.derive import characteristic_function
from ..coop.tu import TUGame
from ..errors import GameFileError, GameTooLargeError, InvalidGameError
from ..games.tree import ExtensiveFormGame, reduced_normal_form
from ._files import read_text
from ._toml import parse_toml
from .games import read_game
from .model_toml import load_model
from .sources import Source, resolve

__all__ = ["parse_tu", "read_tu", "load_tu"]


def parse_tu(text: str, source: str = "<string>") -> TUGame:
    """A TU game from TOML text in the contract's form (``title``, ``players``, ``[values]``).

    ``players`` is a non-empty list of distinct names; ``[values]`` has one
    key per coalition, its members' names joined by commas in any order
    (``"ROK,US"`` is ``"US,ROK"``).  Worths are integers, decimals (read
    exactly: ``0.1`` is 1/10) or strings such as ``"1/3"``, and must be
    finite; unlisted coalitions are worth 0.  ``title`` and ``description``
    are optional.

    Parameters
    ----------
    text : str
        The TOML text.
    source : str, optional
        Name used for the file in error messages.

    Returns
    -------
    TUGame

    Raises
    ------
    GameFileError
        Naming ``source`` and the key at fault: malformed TOML, an unknown
        key, a missing ``players`` list or one that does not hold names, an
        unknown or repeated player in a coalition, a coalition listed twice,
        or a worth that is not a finite number.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.parse_tu('players = ["A", "B"]\\n[values]\\n"A" = 0.1\\n"B,A" = "1/3"\\n')
    >>> str(g.value("A")), str(g.value("A,B")), g.value("B"), g.exact
    ('1/10', '1/3', 0, True)
    >>> gt.parse_tu('players = ["A", "B"]\\n[values]\\n"A,C" = 1\\n', source="bad.toml")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFileError: bad.toml: [values]: unknown player 'C' in coalition 'A,C'
    """
    return _tu(parse_toml(text, source), source)


def _tu(data: dict[str, Any], source: str) -> TUGame:
    extra = sorted(set(data) - {"title", "players", "values", "description"})
    if extra:
        raise GameFileError(source, f"unknown key {extra[0]!r} (a TU game has title, description, "
                                    "players, values)")
    players = data.get("players")
    if not isinstance(players, list) or not players or not all(isinstance(p, str) for p in players):
        raise GameFileError(source, "'players' must be a non-empty list of names")
    values = data.get("values", {})
    if not isinstance(values, dict):
        raise GameFileError(source, "[values] must be a table: \"A,B\" = worth")
    converted = {}
    for key, worth in values.items():
        if isinstance(worth, float):
            if worth != worth or worth in (float("inf"), float("-inf")):
                raise GameFileError(source, f"[values] {key!r}: worths must be finite")
            worth = Fraction(repr(worth))
        converted[key] = worth
    title = data.get("title", "")
    if not isinstance(title, str):
        raise GameFileError(source, "'title' must be a string")
    try:
        return TUGame(players, converted, title=title)
    except (InvalidGameError, GameTooLargeError) as exc:
        raise GameFileError(source, f"[values]: {exc}" if "coalition" in str(exc) else str(exc)) from None


def read_tu(path: str | Path) -> TUGame:
    """Read a TU game from a TOML file (see ``parse_tu`` for the form).

    Parameters
    ----------
    path : str or path-like
        The file to read, UTF-8 text.

    Returns
    -------
    TUGame

    Raises
    ------
    GameFileError
        For a file that is missing, unreadable, not UTF-8, a folder, or malformed; the message
        names the file and the key at fault.

    Examples
    --------
    >>> import gametheory as gt, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "majority.toml"
    ...     _ = path.write_text('title = "Majority"\\nplayers = ["A", "B", "C"]\\n[values]\\n'
    ...                         '"A,B" = 1\\n"A,C" = 1\\n"B,C" = 1\\n"A,B,C" = 1\\n')
    ...     majority = gt.read_tu(path)
    >>> majority.title, majority.players, majority.value("A,B"), majority.value("A")
    ('Majority', ('A', 'B', 'C'), 1, 0)
    """
    path = Path(path)
    text = read_text(path)
    return parse_tu(text, source=str(path))


def load_tu(source: str | Path | Source, characteristic: str | None = None,
            pure: bool = False) -> TUGame:
    """A TU game from a TOML file with ``[values]``, or derived from a crisis model (file or
    bundled name) or a strategic-form game (``.nfg``, ``.efg``, bundled name) by
    ``characteristic_function`` (``characteristic``, default
    alpha; ``pure``: no randomising).  ``characteristic`` and ``pure`` do not apply to a TU file.
    """
    src = resolve(source, "game")
    if src.format == "toml" and not src.bundled:        # a TU game, or a model, in a file
        label = src.name if isinstance(source, Source) else str(source)
        text = src.text()
        data = parse_toml(text, label)
        if "values" in data or "model" not in data:
            if characteristic is not None or pure:
                raise InvalidGameError(f"{label} is a TU game: a characteristic function and "
                                       "pure strategies apply only to strategic-form games and models")
            return _tu(data, label)
        game = load_model(src).game()
    else:
        read = read_game(src)
        game = reduced_normal_form(read) if isinstance(read, ExtensiveFormGame) else read
    return characteristic_function(game, characteristic or "alpha", mixed=not pure)
