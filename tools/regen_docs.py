#!/usr/bin/env python3
"""Rewrite the expected output of the console blocks of documentation pages, in place.

The docs test (``tests/test_docs.py``) runs every ``$ command`` in a page's
console blocks and compares the output with the lines under it.  After a
deliberate change of the command-line output, this script runs the same
commands, the same way (a fresh directory per page, the page's
``<!-- file: NAME -->`` blocks written first), and writes what they print into
the page.  Commands spanning several lines (here-documents, continuations) run
too, so the files they write exist for the commands after them.  Review the diff before committing: the test can only
check that the docs match the program, not that the program is right.

Usage::

    .venv/bin/python tools/regen_docs.py README.md docs/reference/cli.md
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_docs as td  # noqa: E402


def regenerate(page: Path) -> int:
    text = page.read_text(encoding="utf-8").split("\n")
    blocks = [b for b in td.parse_blocks(page)[0]
              if b.language == "console" or (b.comment is not None and b.comment[0] == "file")]
    workdir = Path(tempfile.mkdtemp())
    edits = []
    for block in blocks:
        if block.comment and block.comment[0] == "file":
            (workdir / block.comment[1]).write_text("\n".join(block.lines) + "\n", encoding="utf-8")
            continue
        new: list[str] = []
        for cmd in td.parse_console(block):
            new.extend(("$ " + cmd.text).split("\n"))
            status, out = td.run_command(cmd.text, workdir)
            new.extend(out)
            if status:
                new.append(f"[exit {status}]")
        edits.append((block.line, block.line + len(block.lines), new))
    for start, end, new in reversed(edits):
        text[start:end] = new
    page.write_text("\n".join(text), encoding="utf-8")
    return len(edits)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[0])
        return 2
    for name in argv:
        page = Path(name).resolve()
        print(f"{name}: {regenerate(page)} console blocks regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
