"""The generated API reference (docs/reference/api.md) names every public name exactly once,
each by the path mkdocstrings renders it from; `mkdocs build --strict` (in .ci/run) renders it."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import gametheory as gt

PAGE = Path(__file__).resolve().parents[1] / "docs" / "reference" / "api.md"


def _resolve(path: str):
    module, _, rest = path.rpartition(".")
    while module:
        try:
            obj = importlib.import_module(module)
        except ImportError:
            module, _, head = module.rpartition(".")
            rest = f"{head}.{rest}"
            continue
        for part in rest.split("."):
            obj = getattr(obj, part)
        return obj
    raise LookupError(path)


def test_the_generated_reference_covers_the_public_names():
    paths = re.findall(r"^::: (\S+)$", PAGE.read_text(encoding="utf-8"), flags=re.M)
    shown = [id(_resolve(path)) for path in paths]
    assert len(shown) == len(set(shown)) == len(gt.__all__)     # each once
    assert set(shown) == {id(getattr(gt, name)) for name in gt.__all__}


def test_docstrings_use_markdown_not_sphinx_roles():
    """mkdocstrings shows a Sphinx role (``:func:`name```) as literal text, so docstrings write
    names as code spans (double backticks), which read the same in ``help()``."""
    role = re.compile(r":(?:py:)?(?:func|meth|class|data|attr|mod|exc|obj|const):`")
    package = Path(gt.__file__).resolve().parent
    found = [f"{path.relative_to(package)}:{k}" for path in sorted(package.rglob("*.py"))
             for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if role.search(line)]
    assert found == [], found[:10]
