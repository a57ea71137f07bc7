"""Any game by path or bundled name: Gambit ``.nfg`` and ``.efg`` files and crisis models."""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidGameError
from ..games.catalogue import TEXTBOOK, textbook_game
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ..games.tree import ExtensiveFormGame
from .efg import parse_efg
from .model_toml import bundled_models, load_model
from .nfg import parse_nfg, read_nfg, write_nfg
from .sources import Source, bundled, resolve

__all__ = ["read_game", "load_tree", "write_game", "bundled_games", "bundled_catalogue", "model_of"]


def bundled_games() -> dict[str, str]:
    """Names of the bundled games, the textbook catalogue's and the models, with their titles
    (files first, then the catalogue, models last).

    Each name can be given to ``read_game``.

    Returns
    -------
    dict of str to str
        Name to title.

    Examples
    --------
    >>> import gametheory as gt
    >>> games = gt.bundled_games()
    >>> games["chicken"], games["selten-horse"], games["unilateral"]
    ('Chicken', "Selten's horse", 'Unilateral responses to a North Korean collapse')
    >>> list(games)[:4]
    ['battle-of-the-sexes', 'chicken', 'gibbons-two-stage', 'matching-pennies']
    """
    out = {}
    for name, src in bundled("game").items():
        if src.format == "nfg":
            out[name] = parse_nfg(src.text(), source=src.name).title
        elif src.format == "efg":
            out[name] = parse_efg(src.text(), source=src.name).title
    out.update({name: entry.title for name, entry in TEXTBOOK.items()})
    out.update(bundled_models())
    return out


def bundled_catalogue() -> dict[str, tuple[str, str]]:
    """Every bundled name with its kind and title: ``game`` (strategic form), ``tree`` (a game
    tree, a file or the textbook catalogue), ``model`` (a crisis model), ``conflict`` (a graph
    model), in that order.

    Examples
    --------
    >>> catalogue = bundled_catalogue()
    >>> catalogue["chicken"], catalogue["unilateral"][0], catalogue["crisis"][0]
    (('game', 'Chicken'), 'model', 'conflict')
    """
    from .conflict_toml import bundled_conflicts, load_conflict
    out: dict[str, tuple[str, str]] = {}
    for name, src in bundled("game").items():
        if src.format == "nfg":
            out[name] = ("game", parse_nfg(src.text(), source=src.name).title)
        elif src.format == "efg":
            out[name] = ("tree", parse_efg(src.text(), source=src.name).title)
    out.update({name: ("tree", entry.title) for name, entry in TEXTBOOK.items()})
    out.update({name: ("model", title) for name, title in bundled_models().items()})
    out.update({name: ("conflict", load_conflict(name).title) for name in bundled_conflicts()})
    return out


def read_game(source: str | Path | Source) -> NormalFormGame | ExtensiveFormGame:
    """Read a game from a ``.nfg`` or ``.efg`` file or a model file (``.toml``), or load a
    bundled one by name.

    A ``.efg`` file gives an ``ExtensiveFormGame``
    (a tree), and so does a signalling or Bayesian game of the textbook
    catalogue (``textbook_game`` gives the game
    itself); the others a ``NormalFormGame``.  A model
    file gives the game among its moving parties, with the model's default
    weights.

    Parameters
    ----------
    source : str, path-like or Source
        A path (``.nfg``, ``.efg`` or ``.toml``), or a name of
        ``bundled_games``.

    Returns
    -------
    NormalFormGame or ExtensiveFormGame

    Raises
    ------
    GameFileError
        For a source that is none of these, or a file that is unreadable or
        malformed (the message names the file and the line or key).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.read_game("chicken").players
    ('US', 'PRC')
    >>> gt.read_game("unilateral").players
    ('US', 'ROK', 'PRC')
    """
    if isinstance(source, str) and source in TEXTBOOK and not Path(source).exists():
        return textbook_game(source).tree()
    src = resolve(source, "game")
    if src.format == "toml":
        return load_model(src).game()
    if src.format == "efg":
        return parse_efg(src.text(), source=src.name)
    if src.path is not None:
        return read_nfg(src.path)
    return parse_nfg(src.text(), source=src.name)


def model_of(source: str | Path | Source):
    """The crisis model a game source names (a model file or a bundled model's name), or None
    for any other game (a Gambit file, a bundled game, the textbook catalogue)."""
    if isinstance(source, str) and source in TEXTBOOK and not Path(source).exists():
        return None
    src = resolve(source, "game")
    return load_model(src) if src.format == "toml" else None


def load_tree(source: str | Path | Source) -> ExtensiveFormGame:
    """A game tree: a ``.efg`` file, or a crisis model (file or bundled name) as a tree
    (``tree``)."""
    src = resolve(source, "game")
    if src.format == "toml":
        return load_model(src).tree()
    game = read_game(src)
    if not isinstance(game, ExtensiveFormGame):
        raise InvalidGameError(f"{source}: a game in strategic form has no tree; give a .efg file "
                               "or a model")
    return game


@accepts_peer_games
def write_game(game: NormalFormGame, path: str | Path) -> None:
    """Write a game as a Gambit ``.nfg`` file.

    The same as ``write_nfg`` (payoff version, UTF-8;
    the file is written in place, not atomically); a tree is written with
    ``write_efg``.

    Parameters
    ----------
    game : NormalFormGame
        The game (a nashpy or pygambit strategic game is converted first).
    path : str or path-like
        The file to create or overwrite.

    Raises
    ------
    InvalidGameError
        For a game that is not in strategic form.
    GameFileError
        If the file cannot be written.

    Examples
    --------
    >>> import gametheory as gt, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "chicken.nfg"
    ...     gt.write_game(gt.read_game("chicken"), path)
    ...     gt.read_game(path) == gt.read_game("chicken")
    True
    """
    write_nfg(game, path)
