"""Reading and writing games: Gambit files and the bundled example games."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..errors import GameFileError
from ..games.tree import ExtensiveFormGame
from ..games.normal import NormalFormGame
from .efg import format_efg, parse_efg, read_efg, write_efg
from .nfg import format_nfg, parse_nfg, read_nfg, write_nfg

__all__ = ["read_game", "write_game", "bundled_games", "bundled_models", "load_model", "read_nfg",
           "write_nfg", "parse_nfg", "format_nfg", "read_efg", "write_efg", "parse_efg", "format_efg"]


def bundled_games() -> dict[str, str]:
    """Names of the bundled games and models with their titles (models last)."""
    out = {}
    folder = resources.files("gametheory") / "data" / "games"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".nfg"):
            game = parse_nfg(entry.read_text(encoding="utf-8"), source=entry.name)
            out[entry.name[:-4]] = game.title
    out.update(bundled_models())
    return out


def bundled_models() -> dict[str, str]:
    """Names of the bundled crisis models (``models/*.toml``) with their titles."""
    from ..crisis.model import parse_model
    out = {}
    folder = resources.files("gametheory") / "data" / "models"
    if not folder.is_dir():
        return out
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml"):
            out[entry.name[:-5]] = parse_model(entry.read_text(encoding="utf-8"), entry.name,
                                               folder=Path(str(entry)).parent).title
    return out


def load_model(source: str | Path):
    """A crisis model from a ``.toml`` file or a bundled model's name (see :func:`bundled_models`)."""
    from ..crisis.model import parse_model, read_model
    path = Path(source)
    if path.suffix.lower() == ".toml" or path.exists():
        if not path.is_file():
            raise GameFileError(source, "no such file")
        return read_model(path)
    name = str(source)
    bundled = resources.files("gametheory") / "data" / "models" / f"{name}.toml"
    if "/" not in name and bundled.is_file():
        return parse_model(bundled.read_text(encoding="utf-8"), source=f"models/{name}.toml",
                           folder=Path(str(bundled)).parent)
    raise GameFileError(source, "no such file, and not the name of a bundled model "
                        f"(bundled: {', '.join(bundled_models())})")


def read_game(source: str | Path) -> "NormalFormGame | ExtensiveFormGame":
    """Read a game from a ``.nfg`` or ``.efg`` file or a model file (``.toml``), or load a
    bundled one by name.

    A ``.efg`` file gives an :class:`~gametheory.games.tree.ExtensiveFormGame`
    (a tree); the others a :class:`~gametheory.games.normal.NormalFormGame`.  A model
    file gives the game among its moving parties, with the model's default
    weights.

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.read_game("chicken").players
    ('US', 'PRC')
    >>> gt.read_game("unilateral").players
    ('US', 'ROK', 'PRC')
    """
    path = Path(source)
    if path.suffix.lower() == ".toml":
        return load_model(path).game()
    if path.suffix.lower() == ".efg":
        if not path.is_file():
            raise GameFileError(source, "no such file")
        return read_efg(path)
    if path.suffix.lower() == ".nfg" or path.exists():
        if path.is_file() and path.read_bytes()[:3] == b"EFG":
            return read_efg(path)
        return read_nfg(path)
    name = str(source)
    bundled = resources.files("gametheory") / "data" / "games" / f"{name}.nfg"
    if "/" not in name and bundled.is_file():
        return parse_nfg(bundled.read_text(encoding="utf-8"), source=f"{name}.nfg")
    if "/" not in name and name in bundled_models():
        return load_model(name).game()
    raise GameFileError(source, "no such file, and not the name of a bundled game "
                        f"(bundled: {', '.join(bundled_games())})")


def write_game(game: NormalFormGame, path: str | Path) -> None:
    """Write a game as a Gambit ``.nfg`` file (whole or not at all)."""
    write_nfg(game, path)
