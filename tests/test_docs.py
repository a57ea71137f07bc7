"""Every code block in ``docs/`` is executed or checked, so no example can rot.

Conventions for the Markdown pages under ``docs/`` (recursively)
=================================================================

A fenced code block must name one of these languages; any other language, a fence
without a language, or an indented fence fails :func:`test_code_blocks_are_known`.

``pycon``
    A Python session with ``>>>`` prompts and exact expected output.  pytest runs
    these as doctests (``--doctest-glob=*.md`` in ``pyproject.toml``; the flags
    NORMALIZE_WHITESPACE and ELLIPSIS are on).  All the sessions of one page share
    one namespace.  This module checks that doctest will see them as written: a
    block starts with ``>>>``, ends with a blank line before the closing fence
    (else doctest would read the fence as expected output), and no ``>>>`` prompt
    appears outside a ``pycon`` block.  Files are written under a temporary
    directory (``tempfile.mkdtemp()``).

``console``
    Shell commands and their output.  A line starting with ``$ `` is a command,
    run with ``bash -o pipefail -c``; the lines after it, up to the next command,
    are its exact expected output: standard output and standard error together,
    as a terminal shows them (trailing spaces and trailing blank lines are
    ignored).  A command that exits with a non-zero status ends its output with
    the line ``[exit N]``; without that line the status must be 0.  A command may
    continue on the next line after a trailing backslash, and may carry a
    here-document (``cat > game.nfg <<'EOF'`` ... ``EOF``) whose lines belong to
    the command.

``nfg``
    The text of a Gambit strategic-form file; it must parse with
    :func:`gametheory.parse_nfg`.  When the previous non-blank line is the
    comment ``<!-- file: NAME -->``, the text is also saved as ``NAME`` in the
    page's working directory, for the page's later commands.

``efg``
    The text of a Gambit extensive-form file; it must parse with
    :func:`gametheory.parse_efg`.  ``<!-- file: NAME -->`` saves it as for ``nfg``.

``toml``
    A crisis model file (or a fragment of one, when the previous non-blank line
    is ``<!-- fragment -->``); a whole model must parse with
    :func:`gametheory.model.parse_model`.  ``<!-- file: NAME -->`` saves it as
    for ``nfg``.

``json``
    A JSON document shown re-wrapped for reading.  The previous non-blank line
    must be the comment ``<!-- output-of: COMMAND -->``: COMMAND runs like a
    console command, and its output, parsed as JSON, must equal the block.

Console commands, ``output-of`` commands and ``file`` blocks of one page run in
the order of the page, in one fresh temporary directory per page, with the
directory of this Python's executable (the venv's ``bin``, holding
``gametheory``) first on ``PATH`` and ``COLUMNS=80``.

Besides, :func:`test_the_api_tour_links_every_public_name` checks that
``docs/reference/python-api.md`` (the API by topic) links every name in
``gametheory.__all__`` to the generated reference, each link to the object it
names; :func:`test_nav_lists_every_page` and :func:`test_mkdocs_build_strict`
check the site (a link to a name the reference does not render fails the strict
build).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import gametheory as gt

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
#: Pages whose console and json blocks run: the docs, and the README's tour.
RUN_PAGES = PAGES + [ROOT / "README.md"]
LANGUAGES = {"pycon", "console", "nfg", "efg", "json", "toml"}

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_COMMENT = re.compile(r"^<!--\s*(?P<kind>file|output-of|fragment)(?::\s*(?P<value>.+?))?\s*-->\s*$")
_EXIT = re.compile(r"^\[exit (\d+)\]$")
_HEREDOC = re.compile(r"(?<!<)<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
_PROMPT = re.compile(r"^\s*>>>( |$)")


@dataclass
class Block:
    page: Path
    line: int                # 1-based line of the opening fence
    language: str
    lines: list[str]         # the lines between the fences
    comment: tuple[str, str] | None = None   # ("file" | "output-of", value) before the fence
    problems: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def parse_blocks(page: Path) -> tuple[list[Block], list[str]]:
    """The fenced blocks of a page, and problems with lines outside them."""
    text = page.read_text(encoding="utf-8").split("\n")
    blocks: list[Block] = []
    problems: list[str] = []
    i = 0
    last_text = ""          # previous non-blank line outside blocks
    while i < len(text):
        line = text[i]
        m = _FENCE.match(line)
        if not m:
            if _PROMPT.match(line):
                problems.append(f"{page.relative_to(ROOT)}:{i + 1}: '>>>' outside a pycon block "
                                "(doctest would run it)")
            if line.strip():
                last_text = line
            i += 1
            continue
        start = i
        fence, info = m.group("fence"), m.group("info").strip()
        language = info.split()[0] if info else ""
        body: list[str] = []
        i += 1
        closed = False
        while i < len(text):
            close = _FENCE.match(text[i])
            if (close and close.group("fence")[0] == fence[0]
                    and len(close.group("fence")) >= len(fence) and not close.group("info").strip()):
                closed = True
                break
            body.append(text[i])
            i += 1
        cm = _COMMENT.match(last_text.strip())
        block = Block(page, start + 1, language, body,
                      (cm.group("kind"), cm.group("value")) if cm else None)
        if m.group("indent"):
            block.problems.append("indented fence: start fences in column 1")
        if not closed:
            block.problems.append("fence is never closed")
        blocks.append(block)
        last_text = ""
        i += 1
    return blocks, problems


def _page_id(page: Path) -> str:
    return str(page.relative_to(DOCS if page.is_relative_to(DOCS) else ROOT))


def test_docs_exist():
    assert PAGES, "no pages under docs/"


# --------------------------------------------------------------------------- fences
def _block_problems(block: Block) -> list[str]:
    out = list(block.problems)
    if block.language not in LANGUAGES:
        shown = block.language or "(none)"
        out.append(f"fence language {shown!r}; use one of {sorted(LANGUAGES)} "
                   "(each is executed or checked, see tests/test_docs.py)")
        return out
    if block.comment and (block.comment[0], block.language) not in {("file", "nfg"), ("file", "efg"), ("file", "toml"),
                                                                    ("fragment", "toml"),
                                                                    ("output-of", "json")}:
        out.append(f"<!-- {block.comment[0]}: --> cannot precede a {block.language} block")
    if block.language == "pycon":
        body = block.lines
        if not body or not body[0].startswith(">>> "):
            out.append("a pycon block must start with a '>>> ' prompt")
        if not body or body[-1].strip():
            out.append("a pycon block must end with a blank line before the closing fence")
    elif block.language == "console":
        if not block.lines or not block.lines[0].startswith("$ "):
            out.append("a console block must start with a '$ ' command")
    elif block.language == "json" and (not block.comment or block.comment[0] != "output-of"):
        out.append("a json block must follow an '<!-- output-of: COMMAND -->' comment")
    return out


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_code_blocks_are_known(page):
    blocks, problems = parse_blocks(page)
    for block in blocks:
        problems += [f"{block.where}: {p}" for p in _block_problems(block)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_toml_blocks_parse(page):
    from gametheory.io import parse_model
    from gametheory.io._toml import tomllib
    for block in parse_blocks(page)[0]:
        if block.language != "toml":
            continue
        text = "\n".join(block.lines) + "\n"
        try:
            if block.comment and block.comment[0] == "fragment":
                tomllib.loads(text)
            else:
                parse_model(text, source=block.where)
        except (gt.GameFileError, tomllib.TOMLDecodeError) as exc:
            pytest.fail(f"{block.where}: toml block does not parse: {exc}")


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_nfg_blocks_parse(page):
    for block in parse_blocks(page)[0]:
        if block.language == "nfg":
            try:
                gt.parse_nfg("\n".join(block.lines) + "\n", source=block.where)
            except gt.GameFileError as exc:
                pytest.fail(f"{block.where}: nfg block does not parse: {exc}")
        if block.language == "efg":
            try:
                gt.parse_efg("\n".join(block.lines) + "\n", source=block.where)
            except gt.GameFileError as exc:
                pytest.fail(f"{block.where}: efg block does not parse: {exc}")


# --------------------------------------------------------------------------- commands
@dataclass
class Command:
    text: str
    line: int
    expected: list[str]
    status: int


def parse_console(block: Block) -> list[Command]:
    """Split a console block into commands with their expected output and status."""
    commands: list[Command] = []
    lines = block.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            raise AssertionError(f"{block.where}: output line {line!r} before any command")
        first = block.line + 1 + i
        parts = [line[2:]]
        i += 1
        while parts[-1].endswith("\\") and i < len(lines):      # continuation lines
            parts.append(lines[i])
            i += 1
        for m in _HEREDOC.finditer("\n".join(parts)):             # here-documents
            end = m.group(2)
            while i < len(lines) and lines[i] != end:
                parts.append(lines[i])
                i += 1
            if i == len(lines):
                raise AssertionError(f"{block.where}: here-document {end} is never closed")
            parts.append(lines[i])
            i += 1
        output: list[str] = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i].rstrip())
            i += 1
        while output and not output[-1]:
            output.pop()
        status = 0
        if output and _EXIT.match(output[-1]):
            status = int(_EXIT.match(output[-1]).group(1))
            output.pop()
            while output and not output[-1]:
                output.pop()
        commands.append(Command("\n".join(parts), first, output, status))
    return commands


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "80"
    env["PYTHONIOENCODING"] = "utf-8"
    env["NO_COLOR"] = "1"                   # no coloured help (Python 3.14 argparse)
    for name in ("PYTHONWARNINGS", "FORCE_COLOR"):
        env.pop(name, None)
    return env


def run_command(text: str, cwd: Path) -> tuple[int, list[str]]:
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", text], cwd=cwd, env=_environment(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=300)
    out = [line.rstrip() for line in proc.stdout.split("\n")]
    while out and not out[-1]:
        out.pop()
    return proc.returncode, out


def _diff(expected: list[str], actual: list[str]) -> str:
    import difflib
    return "\n".join(difflib.unified_diff(expected, actual, "documented", "actual", lineterm=""))


@pytest.mark.parametrize("page", RUN_PAGES, ids=_page_id)
def test_console_and_json_blocks(page, tmp_path):
    blocks = [b for b in parse_blocks(page)[0]
              if b.language == "console" or (b.comment is not None and b.comment[0] != "fragment")]
    failures: list[str] = []
    for block in blocks:
        if block.comment and block.comment[0] == "file":
            (tmp_path / block.comment[1]).write_text("\n".join(block.lines) + "\n",
                                                    encoding="utf-8")
        elif block.comment and block.comment[0] == "output-of":
            status, out = run_command(block.comment[1], tmp_path)
            if status != 0:
                failures.append(f"{block.where}: `{block.comment[1]}` exited with {status}:\n"
                                + "\n".join(out))
                continue
            try:
                actual = json.loads("\n".join(out))
            except ValueError as exc:
                failures.append(f"{block.where}: `{block.comment[1]}` is not JSON: {exc}")
                continue
            try:
                shown = json.loads("\n".join(block.lines))
            except ValueError as exc:
                failures.append(f"{block.where}: the json block is not valid JSON: {exc}")
                continue
            if shown != actual:
                failures.append(f"{block.where}: json block differs from `{block.comment[1]}`:\n"
                                + _diff(json.dumps(shown, indent=1).split("\n"),
                                        json.dumps(actual, indent=1).split("\n")))
        else:
            for cmd in parse_console(block):
                status, out = run_command(cmd.text, tmp_path)
                where = f"{block.page.relative_to(ROOT)}:{cmd.line}"
                if out != cmd.expected:
                    failures.append(f"{where}: output of `{cmd.text}` differs:\n"
                                    + _diff(cmd.expected, out))
                if status != cmd.status:
                    failures.append(f"{where}: `{cmd.text}` exited with {status}, "
                                    f"documented {cmd.status}")
    assert not failures, "\n\n".join(failures)


# --------------------------------------------------------------------------- the console parser
def test_console_parser_conventions():
    block = Block(Path(DOCS / "x.md"), 1, "console", [
        "$ cat > g.nfg <<'EOF'", "NFG 1 R", "EOF",
        "$ echo a \\", "  b", "a b", "",
        "$ false", "[exit 1]",
    ])
    cmds = parse_console(block)
    assert [c.text for c in cmds] == ["cat > g.nfg <<'EOF'\nNFG 1 R\nEOF", "echo a \\\n  b", "false"]
    assert [c.expected for c in cmds] == [[], ["a b"], []]
    assert [c.status for c in cmds] == [0, 0, 1]


# --------------------------------------------------------------------------- the API by topic
_LINK = re.compile(r"\[`(?P<name>[A-Za-z_][\w.]*)`\]\[(?P<target>gametheory(?:\.\w+)+)\]")


def _resolve(dotted: str):
    """The object a dotted path names (module, then attributes)."""
    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for part in parts[k:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(dotted)


def test_the_api_tour_links_every_public_name():
    page = DOCS / "reference" / "python-api.md"
    links = [(k, m) for k, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1)
             for m in _LINK.finditer(line)]
    problems: list[str] = []
    for k, m in links:
        name, target = m.group("name"), m.group("target")
        try:
            shown, linked = getattr(gt, name.split(".")[0]), _resolve(target)
        except (AttributeError, ImportError):
            problems.append(f"line {k}: {name} -> {target} names nothing")
            continue
        if "." not in name and shown is not linked:
            problems.append(f"line {k}: gt.{name} is not {target}")
    missing = sorted(set(gt.__all__) - {m.group("name") for _, m in links})
    if missing:
        problems.append(f"names in gametheory.__all__ the page does not link: {missing}")
    assert links and not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the site
def _nav_pages(nav) -> list[str]:
    out: list[str] = []
    if isinstance(nav, str):
        out.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            out += _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            out += _nav_pages(value)
    return out


def test_nav_lists_every_page():
    yaml = pytest.importorskip("yaml", reason="PyYAML (installed with mkdocs) is not available")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = _nav_pages(config["nav"])
    on_disk = [str(p.relative_to(DOCS)).replace(os.sep, "/") for p in PAGES]
    assert sorted(listed) == sorted(on_disk)


def test_mkdocs_build_strict(tmp_path):
    if importlib.util.find_spec("mkdocs") is None:
        pytest.skip("mkdocs is not installed (pip install -e '.[test]')")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "--config-file", str(ROOT / "mkdocs.yml"),
                           "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout
    assert (tmp_path / "site" / "index.html").is_file()
