"""A model's lint report (``LintReport``): one line per finding, or
JSON (schema ``gametheory.lint/1``)."""

from __future__ import annotations

from typing import Any

from ..crisis.lint import LintReport
from ._registry import renders

__all__: list[str] = []


@renders(LintReport, "dict")
def lint_dict(r: LintReport) -> dict[str, Any]:
    """The findings as JSON (schema ``gametheory.lint/1``): ``model``, ``model_sha256``,
    ``findings`` (each ``rule``, ``where``, ``message``) and ``skipped`` (rules not checked).

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.lint(gt.load_model("loose-nukes").with_values(
    ...     {"weight.PRC.loose_nukes": 0})))                 # a zero weight: a tie
    >>> d["schema"], d["findings"][0]["rule"], d["skipped"]
    ('gametheory.lint/1', 'tie', ['not-verbatim'])
    """
    return {"schema": "gametheory.lint/1", "model": r.model.title, "model_sha256": r.model.sha256,
            "findings": [{"rule": f.rule, "where": f.where, "message": f.message}
                         for f in r.findings],
            "skipped": list(r.skipped)}


@renders(LintReport, "table")
def lint_table(r: LintReport) -> str:
    """One line per finding, then what was not checked."""
    lines = [f.line() for f in r.findings]
    if r.skipped:
        lines.append(f"not checked: {', '.join(r.skipped)} (give the source text with --source)")
    if not r.findings:
        lines.insert(0, f"{r.model.title}: no finding")
    return "\n".join(lines) + "\n"
