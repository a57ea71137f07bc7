"""Conflict models (the graph model, option form) from TOML: the contract's format.

The statements of a ``[statements]`` table stay text here; the
``ConflictModel`` turns them into rankings
(``gametheory.conflict.statements``), from a file or from Python alike.
"""

from __future__ import annotations

from pathlib import Path

from ..conflict.model import ConflictModel
from ..errors import GameFileError, GameTooLargeError, InvalidGameError
from ._files import read_text
from ._toml import parse_toml
from .sources import Source, bundled_names, resolve

__all__ = ["parse_conflict", "read_conflict", "load_conflict", "bundled_conflicts"]


def parse_conflict(text: str, source: str = "<string>") -> ConflictModel:
    """A conflict model from TOML text in the contract's form (see ``gametheory.conflict.model``).

    The form: ``title`` (and ``description``), ``[[decision_makers]]`` tables
    each with ``name`` and ``options``, ``infeasible`` (patterns such as
    ``"-YN"``), ``irreversible`` (option to ``"forward"`` or ``"backward"``)
    and ``[ranking]`` (per decision maker, tiers of patterns, most preferred
    first), or ``[statements]`` (per decision maker, prioritised option
    statements, each text or ``{statement, quote, note}``).  Keys written
    after the last ``[[decision_makers]]`` table (``infeasible``,
    ``irreversible``) are read from there, as in the contract's example.

    Parameters
    ----------
    text : str
        The TOML text.
    source : str, optional
        Name used for the file in error messages.

    Returns
    -------
    ConflictModel

    Raises
    ------
    GameFileError
        For malformed TOML, an unknown key, or a model the
        ``ConflictModel`` rejects; the
        message names ``source``.

    Examples
    --------
    >>> import gametheory as gt
    >>> pd = gt.parse_conflict('''
    ... title = "Prisoners"
    ... [[decision_makers]]
    ... name = "A"
    ... options = ["A defects"]
    ... [[decision_makers]]
    ... name = "B"
    ... options = ["B defects"]
    ... [ranking]
    ... A = [["YN"], ["NN"], ["YY"], ["NY"]]
    ... B = [["NY"], ["NN"], ["YY"], ["YN"]]
    ... ''')
    >>> pd.title, pd.options
    ('Prisoners', ('A defects', 'B defects'))
    >>> [pd.state_name(s) for s in gt.analyse_conflict(pd).equilibria["nash"]]
    ['YY']
    >>> gt.parse_conflict('title = "x"\\nfoo = 2\\n', source="bad.toml")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFileError: bad.toml: unknown key 'foo'
    """
    data = parse_toml(text, source)
    extra = sorted(set(data) - {"title", "description", "decision_makers", "infeasible",
                                "irreversible", "ranking", "statements"})
    if extra:
        raise GameFileError(source, f"unknown key {extra[0]!r}")
    dms = data.get("decision_makers")
    if not isinstance(dms, list) or not dms or not all(isinstance(d, dict) for d in dms):
        raise GameFileError(source, "write each decision maker as a [[decision_makers]] table")
    pairs = []
    lifted = {}
    for k, d in enumerate(dms, 1):
        # keys written after the last [[decision_makers]] table belong to it in TOML; the
        # contract's form puts 'infeasible' and 'irreversible' there, so they are lifted
        for key in ("infeasible", "irreversible"):
            if key in d:
                if key in data or key in lifted:
                    raise GameFileError(source, f"'{key}' is given twice")
                lifted[key] = d[key]
        extra = sorted(set(d) - {"name", "options", "infeasible", "irreversible"})
        if extra:
            raise GameFileError(source, f"decision_makers {k}: unknown key {extra[0]!r}")
        if not isinstance(d.get("name"), str) or not isinstance(d.get("options"), list):
            raise GameFileError(source, f"decision_makers {k}: give 'name' and a list of 'options'")
        pairs.append((d["name"], d["options"]))
    data = {**data, **lifted}
    if not isinstance(data.get("infeasible", []), list) or \
            not all(isinstance(p, str) for p in data.get("infeasible", [])):
        raise GameFileError(source, "'infeasible' must be a list of patterns such as \"-YN\"")
    if not isinstance(data.get("irreversible", {}), dict):
        raise GameFileError(source, "'irreversible' must be a table option = \"forward\" or \"backward\"")
    ranking = data.get("ranking", {})
    if not isinstance(ranking, dict):
        raise GameFileError(source, "[ranking] must be a table: DM = [[patterns], ...]")
    statements = data.get("statements", {})
    if not isinstance(statements, dict) or not all(isinstance(v, list) for v in statements.values()):
        raise GameFileError(source, "[statements] must be a table: DM = [\"statement\", ...]")
    # each statement is text, or a table {statement = "...", quote = "..."} citing its source
    quotes: dict[str, list[str]] = {}
    plain: dict[str, list[str]] = {}
    for dm, items in statements.items():
        plain[dm], quotes[dm] = [], []
        for k, item in enumerate(items, 1):
            if isinstance(item, dict):
                if set(item) - {"statement", "quote", "note"} or not isinstance(item.get("statement"), str):
                    raise GameFileError(source, f"statements.{dm} {k}: give 'statement' (and "
                                                "optionally 'quote', 'note')")
                plain[dm].append(item["statement"])
                quotes[dm].append(str(item.get("quote", "")))
            else:
                plain[dm].append(item)
                quotes[dm].append("")
    statements = plain
    try:
        model = ConflictModel(pairs, ranking, infeasible=data.get("infeasible", []),
                              irreversible=data.get("irreversible", {}), title=data.get("title", ""),
                              statements=statements)
    except (InvalidGameError, GameTooLargeError) as exc:
        raise GameFileError(source, str(exc)) from None
    model.statements = statements
    model.quotes = quotes
    model.description = str(data.get("description", ""))
    return model


def read_conflict(path: str | Path) -> ConflictModel:
    """Read a conflict model from a TOML file (see ``parse_conflict`` for the form).

    Parameters
    ----------
    path : str or path-like
        The file to read, UTF-8 text.

    Returns
    -------
    ConflictModel

    Raises
    ------
    GameFileError
        For a file that is missing, unreadable, not UTF-8, a folder, or malformed; the message
        names the file.

    Examples
    --------
    >>> import gametheory as gt
    >>> from importlib import resources
    >>> path = resources.files("gametheory") / "data" / "models" / "conflicts" / "crisis.toml"
    >>> crisis = gt.read_conflict(path)
    >>> crisis.options
    ('US forces', 'US secures WMD', 'ROK forces', 'ROK leads aid', 'PRC forces', 'PRC aid')
    >>> crisis.infeasible
    ('NY----',)
    """
    path = Path(path)
    text = read_text(path)
    return parse_conflict(text, source=str(path))


def bundled_conflicts() -> list[str]:
    """Names of the bundled conflict models (``models/conflicts/*.toml``)."""
    return sorted(bundled_names("conflict"))


def load_conflict(source: str | Path | Source) -> ConflictModel:
    """A conflict model from a TOML file, or a bundled one by name (see ``bundled_conflicts``)."""
    src = resolve(source, "conflict")
    return parse_conflict(src.text(), source=src.name)
