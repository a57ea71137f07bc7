"""The render registry: which function writes which record in which format.

Each module of ``gametheory.report`` registers its writers with
``renders``; ``render`` looks the record's type up (through its
method resolution order, so subclasses inherit) and calls the writer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import InvalidGameError
from ..version import __version__
from ._text import json_text

__all__ = ["renders", "render", "to_dict", "formats_of"]

Writer = Callable[..., Any]

_WRITERS: dict[tuple[type, str], Writer] = {}


def renders(record_type: type, *formats: str) -> Callable[[Writer], Writer]:
    """Register the decorated function as the writer of ``record_type`` in ``formats``.

    The format ``"dict"`` is the JSON-ready dictionary (``to_dict``) of a
    record with a JSON schema; ``render(record, "json")`` writes it (indented
    by two, one trailing newline), so no ``"json"`` writer is registered.
    """
    def register(writer: Writer) -> Writer:
        for fmt in formats:
            _WRITERS[(record_type, fmt)] = writer
        return writer
    return register


def _lookup(record: Any, fmt: str) -> Writer | None:
    for klass in type(record).__mro__:
        writer = _WRITERS.get((klass, fmt))
        if writer is not None:
            return writer
    return None


def formats_of(record: Any) -> tuple[str, ...]:
    """The text formats ``record`` can be rendered in (``"json"`` wherever it has a dictionary)."""
    found = {fmt for klass in type(record).__mro__ for (k, fmt) in _WRITERS if k is klass}
    if "dict" in found:
        found.add("json")
    found.discard("dict")
    return tuple(sorted(found))


def to_dict(record: Any, **options: Any) -> dict[str, Any]:
    """The record as the JSON-ready dictionary of its schema, before serialisation.

    The object ``render(record, "json")`` writes (which adds ``"version"``, the package's
    version, right after ``"schema"``).  Schemas include ``gametheory.solve/1``,
    ``dominance/1``, ``qre/1``, ``compare/1``, ``sweep/2``, ``coop/1`` and ``conflict/1``
    (the project's ``CONTRACTS.md`` defines them).  Exact numbers are written as strings
    (``"1/2"``).

    Parameters
    ----------
    record
        A result record with a JSON form (see ``render``).
    **options
        Passed to the writer.

    Returns
    -------
    dict

    Raises
    ------
    InvalidGameError
        When the record has no JSON form.

    Examples
    --------
    >>> import gametheory as gt
    >>> d = gt.to_dict(gt.solve(gt.read_game("chicken")))
    >>> d["schema"], d["method"], d["equilibria"][1]["strategies"]
    ('gametheory.solve/1', 'vertex', [['1/2', '1/2'], ['1/2', '1/2']])
    """
    writer = _lookup(record, "dict")
    if writer is None:
        raise InvalidGameError(f"render: no JSON form for a {type(record).__name__}")
    return writer(record, **options)


def with_version(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON object with the version of the package that wrote it, ``"version"``, right after
    ``"schema"`` (kept where the record sets its own)."""
    if "version" in data:
        return data
    out = {k: v for k, v in data.items() if k == "schema"}
    out["version"] = __version__
    out.update((k, v) for k, v in data.items() if k != "schema")
    return out


#: How a comment line starts in each text format that has comments (JSON records the version and
#: the model's SHA-256 as fields instead: ``with_version``, ``with_model_sha256``).
COMMENT_LEADS = {"table": "# ", "csv": "# ", "latex": "% ", "dot": "// "}


def provenance(fmt: str, model_sha256: str | None = None) -> str:
    """The comment line that starts a saved file in a text format: the version of the package
    that wrote it and, for a model, the model's SHA-256 (empty for JSON and unknown formats).

    >>> provenance("csv", "ab12")[:13], provenance("latex")[:2], provenance("json")
    ('# gametheory ', '% ', '')
    """
    lead = COMMENT_LEADS.get(fmt)
    if lead is None:
        return ""
    words = f"gametheory {__version__}"
    if model_sha256:
        words += f"; model sha256 {model_sha256}"
    return f"{lead}{words}\n"


def with_model_sha256(text: str, sha256: str) -> str:
    """A JSON object's text with ``"model_sha256"`` after its version (unchanged if present)."""
    import json
    data = json.loads(text)
    if not isinstance(data, dict) or "model_sha256" in data:
        return text
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[key] = value
        if key == "version":
            out["model_sha256"] = sha256
    out.setdefault("model_sha256", sha256)
    return json_text(out)


def render(record: Any, fmt: str = "table", **options: Any) -> str:
    """Write a result record as text for people or programs.

    Exactly as the command line prints it: one function for every record and format.
    Formatters only write: every number they show is in the record.  ``"json"`` is the
    object of ``to_dict`` with ``"version"`` added after ``"schema"``, indented by two,
    with one trailing newline.

    Parameters
    ----------
    record
        Any result record of the package: a ``SolverResult``, an
        ``Elimination``, a ``QRECurve``, a crisis model's ``PayoffTable`` or ``Derivation``,
        a game tree, a ``Comparison``, a ``SweepResult``, a cooperative or conflict
        analysis, ... (see the table below).
    fmt : str
        ``"table"`` (for people, the default), ``"json"``, ``"csv"``, ``"latex"``,
        ``"dot"``, ``"markdown"`` or ``"plot"``, where the record has that form
        (``formats_of``).
    **options
        Passed to the writer (e.g. ``max_depth`` for a tree).

    Returns
    -------
    str
        The text; for ``"plot"``, a matplotlib ``Axes`` instead.

    Raises
    ------
    InvalidGameError
        When the record does not have the format ``fmt``.

    Notes
    -----
    The records, their formats and the writers' options:

    | record | formats | options |
    |---|---|---|
    | ``SolverResult`` | table, json, csv, latex | |
    | ``Elimination`` | table, json | |
    | ``QRECurve`` | table, csv (every point), json | ``rows=12``: points shown in the table |
    | ``ExtensiveFormGame`` | table (the tree for the terminal), plot (matplotlib ``Axes``, ``plot_tree``) | table: ``behavior``, ``max_depth``, ``max_lines=500``; plot: ``behavior``, ``ax`` |
    | ``PayoffTable``, ``Derivation`` (crisis models) | table | |
    | ``Comparison`` | table, json, csv, latex | |
    | ``SweepResult`` | table, json | |
    | ``ThresholdResult``, ``RegionMap``, ``Sensitivity``, ``Discovery`` | table, json | |
    | ``CoopAnalysis`` | table, json | |
    | ``ConflictReport`` | table, json, dot | |
    | ``ImprovementGraph`` | dot | |
    | ``ConflictSummary``, ``Selection`` | table, json | |
    | ``RepeatedPlay``, ``BayesNashResult``, ``BayesComparison``, ``TalkAnalysis``, ``CoordinationChoice``, ``LeadChoice``, ``SignallingResult``, ``LintReport`` | table, json | |
    | ``Ledger`` | table, markdown, latex, json | |

    Examples
    --------
    >>> import gametheory as gt
    >>> result = gt.solve(gt.read_game("matching-pennies"))
    >>> print(gt.render(result, "csv").splitlines()[1])
    1,Matcher,Heads,1/2,0,0
    """
    if fmt == "json" and _lookup(record, "dict") is not None:
        return json_text(with_version(to_dict(record, **options)))
    writer = _lookup(record, fmt) if fmt not in ("dict", "json") else None
    if writer is None:
        known = ", ".join(formats_of(record)) or "none"
        raise InvalidGameError(f"render: a {type(record).__name__} has no {fmt!r} format "
                               f"(formats: {known})")
    return writer(record, **options)
