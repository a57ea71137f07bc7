"""Reading and writing games: Gambit files and the bundled example games."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import GameFileError
from ..game import NormalFormGame
from .nfg import format_nfg, parse_nfg, read_nfg, write_nfg

__all__ = ["read_game", "write_game", "bundled_games", "read_nfg", "write_nfg", "parse_nfg",
           "format_nfg"]


def bundled_games() -> dict[str, str]:
    """Names of the bundled games with their one-line descriptions."""
    out = {}
    folder = resources.files("gametheory") / "data" / "games"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".nfg"):
            game = parse_nfg(entry.read_text(encoding="utf-8"), source=entry.name)
            out[entry.name[:-4]] = game.title
    return out


def read_game(source: str | Path) -> NormalFormGame:
    """Read a game from a ``.nfg`` file, or load a bundled game by name.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.read_game("chicken").players
    ('US', 'PRC')
    """
    path = Path(source)
    if path.suffix.lower() == ".nfg" or path.exists():
        if path.suffix.lower() == ".efg":
            raise GameFileError(path, "extensive-form (.efg) games are not supported yet")
        return read_nfg(path)
    name = str(source)
    bundled = resources.files("gametheory") / "data" / "games" / f"{name}.nfg"
    if "/" not in name and bundled.is_file():
        return parse_nfg(bundled.read_text(encoding="utf-8"), source=f"{name}.nfg")
    raise GameFileError(source, "no such file, and not the name of a bundled game "
                        f"(bundled: {', '.join(bundled_games())})")


def write_game(game: NormalFormGame, path: str | Path) -> None:
    """Write a game as a Gambit ``.nfg`` file (whole or not at all)."""
    write_nfg(game, path)
