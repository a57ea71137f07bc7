"""The house stays a house: layers, no circles, and each job in its room.

The layers are those of ``docs/explanation/architecture.md`` (and of the
import-linter contracts in ``pyproject.toml``, which ``.ci/run`` checks as
well).  These tests read every import statement of the package with
:mod:`ast` -- inside functions and ``TYPE_CHECKING`` blocks too -- so they
need nothing installed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gametheory"

#: Lowest first; modules of one layer may import each other (without circles) and any layer below.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "arithmetic", "version", "display", "hooks"),
    ("context",),
    ("games",),
    ("linalg",),
    ("solvers",),
    ("analysis",),
    ("coop", "conflict"),
    ("crisis",),
    ("io",),
    ("report",),
    ("cli",),
]
#: Rooms of one layer that must not import each other.
INDEPENDENT = [("coop", "conflict"), ("errors", "arithmetic")]
#: Modules outside the layers: the public face and ``python -m gametheory``.
OUTSIDE = {"gametheory", "gametheory.__main__"}


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        out[".".join(parts)] = (path, is_package)
    return out


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """The package's modules that ``name`` imports (every statement, at any depth)."""
    path, is_package = MODULES[name]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in MODULES:
                    found.add(sub)
                elif target in MODULES:
                    found.add(target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES)
    found.discard(name)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _layer(module: str) -> int | None:
    room = _room(module)
    for k, rooms in enumerate(LAYERS):
        if room in rooms:
            return k
    return None


def test_every_module_is_in_a_layer():
    homeless = [m for m in MODULES if m not in OUTSIDE and _layer(m) is None]
    assert not homeless, f"modules in no layer: {homeless}"


def test_imports_run_only_down():
    upward = [f"{m} -> {t}" for m in MODULES if m not in OUTSIDE for t in GRAPH[m]
              if t not in OUTSIDE and _layer(t) > _layer(m)]
    assert not upward, "imports that run up a layer:\n" + "\n".join(upward)
    assert not [m for m in MODULES if m not in OUTSIDE and "gametheory" in GRAPH[m]], \
        "a layer imports the package's public face"


def test_independent_rooms_do_not_import_each_other():
    crossing = [f"{m} -> {t}" for m in MODULES for t in GRAPH[m] for pair in INDEPENDENT
                if {_room(m), _room(t)} == set(pair)]
    assert not crossing, "\n".join(crossing)


def test_no_circles():
    # Tarjan's strongly connected components over the module graph
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in MODULES:
        if v not in index:
            visit(v)
    assert not circles, f"modules importing each other in a circle: {circles}"


def _code_lines(path: Path):
    """(line number, line) of the code, without comments and docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            skip.update(range(node.lineno, node.end_lineno + 1))
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if k not in skip:
            yield k, line.split("#", 1)[0]


def _offenders(pattern: str, allowed: set[str]) -> list[str]:
    rx = re.compile(pattern)
    return [f"{path.relative_to(PACKAGE.parent)}:{k}: {line.strip()}"
            for name, (path, _) in MODULES.items() if _room(name) not in allowed
            for k, line in _code_lines(path) if rx.search(line)]


@pytest.mark.parametrize("pattern, allowed, job", [
    (r"\bdef (format_\w+|to_latex)\b", {"report", "cli", "io"}, "formatters"),
    (r"(?<![\w.])open\(|\.read_text\(|\.write_text\(|\.read_bytes\(|\.open\(",
     {"io", "cli"}, "opening files"),
    (r"(?<![\w.])print\(|sys\.std(out|err)\.write", {"report", "cli"}, "printing"),
])
def test_each_job_in_its_room(pattern, allowed, job):
    found = _offenders(pattern, allowed)
    assert not found, f"{job} outside {sorted(allowed)}:\n" + "\n".join(found)
