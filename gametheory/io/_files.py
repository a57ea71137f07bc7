"""Reading the project's text files (models, conflicts, TU games, ``.efg``) the same way."""

from __future__ import annotations

from pathlib import Path

from ..errors import GameFileError

__all__ = ["read_text"]


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file; a :class:`~gametheory.errors.GameFileError` naming the file
    when it is not UTF-8."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GameFileError(str(path), f"not UTF-8 text ({exc.reason})") from None
