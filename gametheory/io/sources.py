"""A bundled name or a path → the file to read: the one resolver of every reader.

The package bundles games (``data/games/*.nfg``), crisis models (``data/models/*.toml``, the
project's ``models/`` folder) and conflict models (``data/models/conflicts/*.toml``).  A
reader asks ``resolve`` for a ``Source`` of one *kind* (``"game"``, ``"model"`` or
``"conflict"``): a path the caller gave, or the bundled file of that name.  Every look at the
bundled data (``importlib.resources``) is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast

from ..errors import GameFileError
from ._files import read_text

__all__ = ["Source", "resolve", "bundled", "bundled_names", "KINDS", "STDIN", "forget_stdin"]


@dataclass(frozen=True)
class Source:
    """A file to read: a path the caller gave, or a bundled file found by its name.

    ``name`` is how messages name it: the path (``str(Path(...))``), or for a bundled file
    ``"chicken.nfg"``, ``"models/unilateral.toml"``, ``"models/conflicts/crisis.toml"``.
    ``format`` is what it holds: ``"nfg"``, ``"efg"`` or ``"toml"`` (a model, a conflict or a
    TU game).  A ``.nfg`` path may be missing: ``read_nfg`` says what
    is wrong with it.
    """

    name: str
    format: str
    path: Path | None = None        # a file the caller named
    entry: Any = None               # a bundled file (an importlib.resources Traversable)
    content: str | None = None      # text read from standard input ("-")

    @property
    def bundled(self) -> bool:
        return self.entry is not None

    @property
    def folder(self) -> Path:
        """The file's folder, where the files it names (``extends``, ``conflict``) are (standard
        input: the working folder)."""
        if self.entry is not None:
            return Path(str(self.entry)).parent
        return self.path.parent if self.path is not None else Path(".")

    def text(self) -> str:
        """The file's UTF-8 text (a ``GameFileError`` when not UTF-8)."""
        if self.content is not None:
            return self.content
        if self.entry is not None:
            return self.entry.read_text(encoding="utf-8")
        return read_text(cast(Path, self.path))       # neither read nor bundled: a file


@dataclass(frozen=True)
class _Kind:
    noun: str                                    # "... not the name of a bundled NOUN"
    folders: tuple[tuple[str, str, str], ...]    # (folder below data/, file suffix, label prefix)
    suffixes: tuple[str, ...]                    # a source ending so is a path, even if missing
    exists: bool                                 # is a source that exists (a folder too) a path?


#: What a name may stand for, by the kind of file a reader wants (searched in this order).
KINDS = {
    "game": _Kind("game", (("games", ".nfg", ""), ("games", ".efg", ""), ("models", ".toml", "models/")),
                  (".nfg", ".efg", ".toml"), True),
    "model": _Kind("model", (("models", ".toml", "models/"),), (".toml",), True),
    "conflict": _Kind("conflict", (("models/conflicts", ".toml", "models/conflicts/"),), (), False),
}


def resolve(source: str | Path | Source, kind: str) -> Source:
    """The file ``source`` stands for, as a reader of ``kind`` (``"game"``, ``"model"``,
    ``"conflict"``) understands it.

    ``"-"`` is standard input (read once; a game's format is sniffed from its first word,
    ``NFG`` or ``EFG``, anything else is taken as a model file).  A path is taken as a path
    when it is a file, ends in a suffix of the kind, or (games and
    models) exists; a path that is not a file raises ``no such file`` (a ``.nfg`` path is
    left to ``read_nfg``).  Anything else without a ``/`` is the name
    of a bundled file of the kind; else the error lists the bundled names.  A
    ``Source`` is returned as it is.
    """
    if isinstance(source, Source):
        return source
    if str(source) == STDIN:
        return _stdin(kind)
    k = KINDS[kind]
    path = Path(source)
    if path.is_file() or path.suffix.lower() in k.suffixes or (k.exists and path.exists()):
        fmt = _format(path) if kind == "game" else "toml"
        if fmt != "nfg" and not path.is_file():
            raise GameFileError(source, "no such file")
        return Source(str(path), fmt, path=path)
    name = str(source)
    if "/" not in name:
        for folder, suffix, label in k.folders:
            entry = _data(folder) / f"{name}{suffix}"
            if entry.is_file():
                return Source(f"{label}{name}{suffix}", suffix[1:], entry=entry)
    for other, readers in READERS.items():
        if other != kind and "/" not in name and name in bundled(other):
            raise GameFileError(source, f"a bundled {KINDS[other].noun}, not a {k.noun}: "
                                        f"{readers} it")
    from ..games.catalogue import TEXTBOOK
    if kind != "game" and name in TEXTBOOK:
        raise GameFileError(source, f"a game tree of the textbook catalogue, not a {k.noun}: "
                                    f"{READERS['game']} it")
    raise GameFileError(source, f"no such file, and not the name of a bundled {k.noun} "
                                f"(bundled: {', '.join(bundled_names(kind))})")


#: Which commands read a bundled file of each kind (for the message when a name of one kind
#: is given where another is wanted).
READERS = {
    "model": "'gametheory show', 'compare' and 'sweep' read",
    "game": "'gametheory solve' and the other game commands read",
    "conflict": "'gametheory conflict' reads",
}

#: The source name that stands for standard input.
STDIN = "-"
_stdin_text: list[str] = []          # standard input, once read (a command may resolve twice)


def forget_stdin() -> None:
    """Forget standard input as read so far (the command line calls this before each command,
    so that a process running several commands reads each one's input afresh)."""
    _stdin_text.clear()


def _stdin(kind: str) -> Source:
    """Standard input as a source of ``kind``, its format sniffed from the header."""
    import sys
    if not _stdin_text:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise GameFileError("<stdin>", f"not UTF-8 text ({exc.reason})") from None
        _stdin_text.append(data.removeprefix("\ufeff"))
    text = _stdin_text[0]
    if not text.strip():
        raise GameFileError("<stdin>", "standard input is empty: give a game (.nfg or .efg text) "
                                       "or a model file")
    head = text.lstrip()[:3]
    fmt = head.lower() if kind == "game" and head in ("NFG", "EFG") else "toml"
    return Source("<stdin>", fmt, content=text)


def bundled(kind: str) -> dict[str, Source]:
    """The bundled files of a kind by name, in the order of ``KINDS`` and then by name."""
    out = {}
    for folder, suffix, label in KINDS[kind].folders:
        where = _data(folder)
        if not where.is_dir():
            continue
        for entry in sorted(where.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(suffix):
                name = entry.name[:-len(suffix)]
                out[name] = Source(f"{label}{entry.name}", suffix[1:], entry=entry)
    return out


def bundled_names(kind: str) -> list[str]:
    """The names of the bundled files of a kind (see ``bundled``)."""
    return list(bundled(kind))


def _data(folder: str) -> Any:
    where = resources.files("gametheory") / "data"
    for part in folder.split("/"):
        where = where / part
    return where


def _format(path: Path) -> str:
    """What a game file holds: by its suffix, else ``.efg`` text starts with ``EFG``."""
    suffix = path.suffix.lower()
    if suffix in (".toml", ".efg"):
        return suffix[1:]
    if path.is_file():
        with path.open("rb") as fh:
            if fh.read(3) == b"EFG":
                return "efg"
    return "nfg"
