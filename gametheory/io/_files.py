"""Reading and writing the project's text files (models, conflicts, TU games, ``.efg``, outputs)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import GameFileError

__all__ = ["read_text", "write_atomic", "write_text_atomic"]


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file; a ``GameFileError`` naming the file
    when it is missing, a folder, unreadable or not UTF-8 (as ``read_nfg`` says it)."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GameFileError(str(path), f"not UTF-8 text ({exc.reason})") from None
    except FileNotFoundError:
        raise GameFileError(str(path), "file not found") from None
    except IsADirectoryError:
        raise GameFileError(str(path), "a folder, not a file") from None
    except OSError as exc:
        raise GameFileError(str(path), f"cannot read file: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], write: Callable[[str], None],
                 suffix: str = ".tmp") -> None:
    """Write ``path`` whole or not at all: ``write(tmp)`` fills a temporary file beside it
    (ending in ``suffix``, for writers that choose the format by it), then a rename."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent or ".")
    except OSError as exc:      # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())         # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (``write_atomic``)."""
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    write_atomic(path, write)
