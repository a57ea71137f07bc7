"""Gambit extensive-form files (``.efg``, format version 2): reading and writing.

The file lists the tree's nodes in prefix order, one per line (Gambit's
documentation, "The extensive game (.efg) file format")::

    EFG 2 R "title" { "Player 1" "Player 2" }
    "comment"

    p "node" 1 1 "infoset" { "A" "B" } 0
    c "node" 1 "chance" { "H" 1/2 "T" 1/2 } 0
    t "node" 1 "outcome" { 3, -3 }

``p`` is a player's node (player number, information set number, its name and
actions), ``c`` a chance node (information set, actions with probabilities),
``t`` a leaf; each ends with an outcome number (0: none), whose name and
payoffs follow the first time it appears.  Outcomes may sit on any node; a
leaf's payoffs here are the sum of the outcomes on its path (a leaf without
any outcome on its path pays 0 to everyone, as in Gambit).  Information sets
are numbered per player; the name, actions and probabilities may be omitted
where a set appears again.  Text is tokenised and parsed; nothing is evaluated.
"""

from __future__ import annotations

import functools
import os
import re
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

from ..arithmetic import exact_str, parse_rational
from ..errors import GameFileError, InvalidGameError
from ..games.tree import ExtensiveFormGame, Node, TreeWalk
from ._files import read_text, write_text_atomic

__all__ = ["parse_efg", "read_efg", "format_efg", "write_efg"]


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{},])|([^\s{},"]+)|(")', re.S)
_ESCAPE = re.compile(r"\\(.)", re.S)
_INTEGER = re.compile(r"-?[0-9]+")


class _Tokens:
    """Strings, braces, commas and bare words of a .efg text, with line numbers.

    One regular expression splits the text (a string is ``"..."`` with ``\\``
    escapes); the line of a token is counted only when an error needs it.
    """

    def __init__(self, text: str, source: str):
        self.source = source
        self.text = text
        self.items: list[tuple[str, str, int]] = []     # (kind, value, offset)
        append = self.items.append
        for m in _TOKEN.finditer(text):
            string, brace, word, stray = m.groups()
            if word is not None:
                append(("word", word, m.start()))
            elif brace is not None:
                append((brace, brace, m.start()))
            elif string is not None:
                append(("str", _ESCAPE.sub(r"\1", string) if "\\" in string else string, m.start()))
            else:
                raise GameFileError(source, "a string is never closed", text.count("\n", 0, m.start()) + 1)
        self.pos = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def kind(self) -> str | None:
        """The kind of the next token, None at the end."""
        tok = self.peek()
        return tok[0] if tok else None

    def line(self) -> int:
        tok = self.peek()
        offset = tok[2] if tok else (self.items[-1][2] if self.items else 0)
        return self.text.count("\n", 0, offset) + 1

    def fail(self, message: str) -> GameFileError:
        return GameFileError(self.source, message, self.line())

    def next(self, kind: str | None = None, what: str = "") -> str:
        tok = self.peek()
        if tok is None:
            raise self.fail(f"the file ends where {what or 'more'} was expected")
        if kind is not None and tok[0] != kind:
            raise self.fail(f"expected {what or kind}, found {tok[1]!r}")
        self.pos += 1
        return tok[1]

    def number(self, what: str) -> int | Fraction | float:
        text = self.next("word", what)
        if _INTEGER.fullmatch(text) and len(text) <= 4000:
            return int(text)
        try:
            value = parse_rational(text)
        except (ValueError, ZeroDivisionError) as exc:
            why = "out of range" if "out of range" in str(exc) else "not a number"
            raise self.fail(f"{what}: {text[:40]!r} is {why}") from None
        return value.numerator if isinstance(value, Fraction) and value.denominator == 1 else value

    def integer(self, what: str) -> int:
        text = self.next("word", what)
        if not _INTEGER.fullmatch(text) or text.startswith("-") or len(text) > 18:
            raise self.fail(f"{what}: {text[:40]!r} is not a whole number")
        return int(text)


def parse_efg(text: str, source: str = "<string>") -> ExtensiveFormGame:
    """Parse the text of a ``.efg`` file into an ``ExtensiveFormGame``.

    Gambit's extensive-form format, version 2 (see the module docstring).
    Outcomes on inner nodes are added to the payoffs of the leaves below
    them; an information set that appears again may omit its name and
    actions.  Numbers are read exactly (integers, fractions, decimals).

    Parameters
    ----------
    text : str
        The contents of the file.
    source : str, optional
        Name used for the file in error messages.

    Returns
    -------
    ExtensiveFormGame

    Raises
    ------
    GameFileError
        A syntax error names ``source`` and the line; a tree that breaks a
        rule of ``ExtensiveFormGame`` names
        ``source`` and the node by its path of actions.

    Examples
    --------
    >>> text = '''EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ... p "" 1 1 "e" { "Out" "In" } 0
    ... t "" 1 "" { 0, 2 }
    ... p "" 2 1 "i" { "Fight" "Accommodate" } 0
    ... t "" 2 "" { -1, -1 }
    ... t "" 3 "" { 1, 1 }
    ... '''
    >>> game = parse_efg(text)
    >>> game.players, game.infosets
    (('Entrant', 'Incumbent'), {('Entrant', 'e'): ('Out', 'In'), ('Incumbent', 'i'): ('Fight', 'Accommodate')})

    An outcome on an inner node adds to the leaves below it:

    >>> game = parse_efg('''EFG 2 R "Inner" { "A" "B" }
    ... p "" 1 1 "a" { "L" "R" } 1 "bonus" { 1, 0 }
    ... t "" 2 "" { 0, 1 }
    ... t "" 0
    ... ''')
    >>> game.node(1).payoffs, game.node(2).payoffs
    ((1, 1), (1, 0))
    >>> parse_efg('''EFG 2 R "Coin" { "A" }
    ... c "" 1 "" { "H" 1/2 "T" 1/3 } 0
    ... t "" 1 "" { 1 }
    ... t "" 2 "" { 0 }
    ... ''', source="coin.efg")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFileError: coin.efg: root: chance probabilities sum to 5/6, not 1
    """
    try:
        return _parse_lines(text, source)
    except _Unusual:
        pass                  # anything unusual, a bad file included: the general parser below
    tok = _Tokens(text, source)
    if tok.next("word", "EFG") != "EFG":
        raise GameFileError(source, "not a Gambit extensive-form file (it must start with EFG)", 1)
    if tok.next("word", "the version") != "2":
        raise tok.fail("only version 2 of the .efg format is supported")
    if tok.next("word", "R or D") not in ("R", "D"):
        raise tok.fail("expected R or D after the version")
    title = tok.next("str", "the title")
    tok.next("{", "'{' before the players")
    players = []
    while tok.kind() == "str":
        players.append(tok.next("str"))
    tok.next("}", "'}' after the players")
    if not players:
        raise tok.fail("the game has no players")
    if tok.kind() == "str":
        tok.next("str")                                   # the comment
    outcomes: dict[int, tuple] = {}
    infosets: dict[tuple[int, int], tuple[str, tuple[str, ...], tuple]] = {}
    labels: dict[tuple[int, int], str] = {}

    items = tok.items

    def outcome_payoffs() -> tuple | None:
        number = tok.integer("an outcome number")
        if tok.pos < len(items) and items[tok.pos][0] == "str":
            tok.pos += 1                                  # outcome name
            tok.next("{", "'{' before the outcome's payoffs")
            pays = []
            while tok.pos < len(items) and items[tok.pos][0] in ("word", ","):
                if items[tok.pos][0] == ",":
                    tok.pos += 1
                    continue
                pays.append(tok.number("a payoff"))
            tok.next("}", "'}' after the payoffs")
            if len(pays) != len(players):
                raise tok.fail(f"outcome {number} has {len(pays)} payoffs for {len(players)} players")
            if number == 0:
                raise tok.fail("outcome 0 means 'no outcome' and cannot carry payoffs")
            if number in outcomes and outcomes[number] != tuple(pays):
                raise tok.fail(f"outcome {number} is given two different sets of payoffs")
            outcomes[number] = tuple(pays)
        if number == 0:
            return None
        if number not in outcomes:
            raise tok.fail(f"outcome {number} is used before its payoffs are given")
        return outcomes[number]

    taken: dict[int, set[str]] = {}

    def label(player: int, number: int, name: str) -> str:
        key = (player, number)
        if key not in labels:
            base = name or str(number)
            names = taken.setdefault(player, set())
            labels[key] = base if base not in names else f"{base}#{number}"
            names.add(labels[key])
        return labels[key]

    def header(carried: tuple | None):
        """Read one node line: a finished leaf, or an inner node still waiting for its children."""
        kind = tok.next("word", "a node (p, c or t)")
        tok.next("str", "the node's name")
        if kind == "t":
            pays = outcome_payoffs()
            if pays is None:                  # no outcome: payoff 0 to everyone (as in Gambit)
                pays = (0,) * len(players)
            return Node("outcome", payoffs=pays if carried is None else
                        tuple(c + p for c, p in zip(carried, pays))), None
        if kind not in ("p", "c"):
            raise tok.fail(f"unknown node type {kind!r} (expected p, c or t)")
        player = tok.integer("a player number") if kind == "p" else 0
        if kind == "p" and not 1 <= player <= len(players):
            raise tok.fail(f"player {player} does not exist")
        number = tok.integer("an information set number")
        name = ""
        actions: tuple[str, ...] = ()
        probs: tuple[int | Fraction | float, ...] = ()
        if tok.kind() == "str":
            name = tok.next("str")
        if tok.kind() == "{":
            tok.next("{")
            acts, ps = [], []
            while tok.kind() == "str":
                acts.append(tok.next("str"))
                if kind == "c":
                    ps.append(tok.number("a chance probability"))
            tok.next("}", "'}' after the actions")
            actions, probs = tuple(acts), tuple(ps)
            known = infosets.get((player, number))
            if known is not None and (known[1], known[2]) != (actions, probs):
                raise tok.fail(f"information set {number} is given different actions")
            infosets[(player, number)] = (name, actions, probs)
        elif (player, number) in infosets:
            name, actions, probs = infosets[(player, number)]
        else:
            raise tok.fail(f"information set {number} appears for the first time without actions")
        if not actions:
            raise tok.fail("a node without actions")
        pays = outcome_payoffs()
        if pays is not None:
            carried = pays if carried is None else tuple(c + p for c, p in zip(carried, pays))
        frame: dict[str, Any] = {
            "kind": kind, "actions": actions, "probs": probs, "carried": carried,
            "player": players[player - 1] if kind == "p" else None,
            "infoset": label(player, number, name) if kind == "p" else None, "children": []}
        return None, frame

    # the nodes come in depth-first order: an explicit stack of inner nodes awaiting children
    leaf, frame = header(None)                 # None: no outcome on the path so far
    stack = [] if frame is None else [frame]
    root = leaf
    while stack:
        top = stack[-1]
        if len(top["children"]) == len(top["actions"]):
            stack.pop()
            children = tuple(top["children"])
            if top["kind"] == "c":
                done = Node("chance", actions=top["actions"], children=children,
                            probabilities=top["probs"])
            else:
                done = Node("decision", player=top["player"], infoset=top["infoset"],
                            actions=top["actions"], children=children)
            if stack:
                stack[-1]["children"].append(done)
            else:
                root = done
            continue
        leaf, frame = header(top["carried"])
        if frame is None:
            top["children"].append(leaf)
        else:
            stack.append(frame)
    extra = tok.peek()
    if extra is not None:
        raise tok.fail(f"unexpected {extra[1]!r} after the last node of the tree")
    try:
        return ExtensiveFormGame(root, players, title=title)
    except InvalidGameError as exc:
        raise GameFileError(source, str(exc)) from None


# -- the fast path: one node per line, as Gambit and this package write them ------------------

class _Unusual(Exception):
    """The text is not in the plain one-node-per-line layout (or has an error): parse it with the
    general, token-based parser, which also words every error."""


_STR = r'"((?:[^"\\]|\\.)*)"'
_STR_ANY = r'"(?:[^"\\]|\\.)*"'
_OUTCOME = r'\s+(\d+)(?:\s+' + _STR + r'\s*\{([^{}"]*)\})?\s*'
# ASCII: a number is [0-9] only, as for the general parser (\d would take other scripts' digits)
_HEADER = re.compile(r'\s*EFG\s+2\s+[RD]\s+' + _STR + r'\s*\{((?:\s*' + _STR_ANY
                     + r')*)\s*\}(?:\s*' + _STR_ANY + r')?[ \t\r]*\n', re.ASCII)
_LEAF = re.compile(r'\s*t\s+' + _STR_ANY + _OUTCOME, re.ASCII)
_MOVE = re.compile(r'\s*p\s+' + _STR_ANY + r'\s+(\d+)\s+(\d+)(?:\s+' + _STR + r')?'
                   r'(?:\s*\{((?:\s*' + _STR_ANY + r')*)\s*\})?' + _OUTCOME, re.ASCII)
_CHANCE = re.compile(r'\s*c\s+' + _STR_ANY + r'\s+(\d+)(?:\s+' + _STR + r')?'
                     r'(?:\s*\{((?:\s*' + _STR_ANY + r'\s+[^\s{}",]+)*)\s*\})?' + _OUTCOME,
                     re.ASCII)
_ACTION = re.compile(_STR)
_CHANCE_ACTION = re.compile(_STR + r'\s+([^\s{}",]+)')
_PAYOFF_SPLIT = re.compile(r"[\s,]+")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def _fast_number(text: str) -> Any:
    """A number as ``_Tokens.number`` reads it; ``_Unusual`` where that would fail."""
    if _INTEGER.fullmatch(text) and len(text) <= 4000:
        return int(text)
    try:
        value = parse_rational(text)
    except (ValueError, ZeroDivisionError):
        raise _Unusual from None
    return value.numerator if isinstance(value, Fraction) and value.denominator == 1 else value


def _parse_lines(text: str, source: str) -> ExtensiveFormGame:
    """``parse_efg`` for the usual layout, line by line with one regular expression per kind
    of node, straight into the tree's lists (a ``TreeWalk``: no ``Node`` objects), the leaves'
    payoffs read in one pass at the end; about five times faster than the general parser on
    large trees.  ``_Unusual`` for anything else, errors included, which the general parser
    then reads or words.  The checks ``ExtensiveFormGame`` makes on a tree of nodes are made
    here (see ``ExtensiveFormGame._from_walk``), or the text goes to the general parser."""
    head = _HEADER.match(text)
    if head is None:
        raise _Unusual
    title = _unescape(head.group(1))
    players = [_unescape(p) for p in _ACTION.findall(head.group(2))]
    if not players:
        raise _Unusual
    k = len(players)
    infosets: dict[tuple[int, int], tuple[tuple[str, ...], tuple]] = {}
    labels: dict[tuple[int, int], str] = {}
    taken: dict[int, set[str]] = {}

    texts: dict[int, str] = {}            # outcome number -> its payoff text, as first given
    parsed: dict[str, tuple] = {}         # payoff text -> numbers (most leaves repeat a few)

    def values(pay_text: str) -> tuple:
        found = parsed.get(pay_text)
        if found is None:
            found = parsed[pay_text] = tuple(_fast_number(v) for v in
                                             _PAYOFF_SPLIT.split(pay_text.strip()) if v)
            if len(found) != k:
                raise _Unusual
        return found

    def outcome_text(number: str, name: str | None, pays: str | None) -> str | None:
        """The payoff text of the outcome a node names (None for outcome 0)."""
        if len(number) > 18:
            raise _Unusual
        n = int(number)
        if name is not None:
            pay_text = cast(str, pays)      # one optional group of _OUTCOME: name and payoffs
            # compared as text: the general parser compares the numbers, and words any error
            if n == 0 or texts.setdefault(n, pay_text) != pay_text:
                raise _Unusual
            return pay_text
        if n == 0:
            return None
        found = texts.get(n)
        if found is None:
            raise _Unusual
        return found

    def outcome(number: str, name: str | None, pays: str | None) -> tuple | None:
        pay_text = outcome_text(number, name, pays)
        return None if pay_text is None else values(pay_text)

    lines = text[head.end():].split("\n")
    nodes = iter(line for line in lines if line.strip())
    # the walk, straight from the text: node i is the i-th node line (the file is in
    # depth-first order, as the tree's arrays are)
    parents: list[int] = []
    acts: list[int] = []
    depths: list[int] = []
    movers: list[int] = []
    sets: list[int] = []
    probs_of: dict[int, list[Any]] = {}
    chance_actions: dict[int, tuple[str, ...]] = {}
    leaves: list[int] = []
    leaf_texts: list[str | None] = []       # per leaf, its outcome's payoff text
    leaf_carried: dict[int, tuple] = {}     # leaf -> payoffs of the outcomes above it
    sets_by_name: dict[tuple[str, str], tuple[str, ...]] = {}
    set_index: dict[tuple[str, str], int] = {}
    set_player: list[int] = []
    seq_offset: list[int] = []
    next_seq = [0] * k
    stack: list[list] = []            # open nodes: [index, number of actions, children so far, carried]
    action_names: dict[str, tuple[str, ...]] = {}       # text of an action list -> its names
    # (methods bound once: the loop runs once per node)
    add_parent, add_act, add_depth = parents.append, acts.append, depths.append
    add_mover, add_set, add_leaf, add_text = movers.append, sets.append, leaves.append, \
        leaf_texts.append
    leaf_match = _LEAF.fullmatch
    i = -1
    for line in nodes:
        i += 1
        if stack:
            top = stack[-1]
            add_parent(top[0])
            add_act(top[2])
            top[2] += 1
            carried = top[3]
        else:
            if i:
                raise _Unusual        # more after the tree's last node
            add_parent(-1)
            add_act(-1)
            carried = None
        add_depth(len(stack))
        kind = line.lstrip()[:1]
        if kind == "t":
            m = leaf_match(line)
            if m is None:
                raise _Unusual
            if carried is not None:
                leaf_carried[len(leaves)] = carried
            number, name, pay_text = m.groups()
            if name is not None and len(number) <= 18 and number != "0" and \
                    texts.setdefault(int(number), pay_text) == pay_text:
                add_text(pay_text)        # an outcome given here (the usual case)
            else:
                add_text(outcome_text(number, name, pay_text))
            add_mover(-1)
            add_set(-1)
            add_leaf(i)
            # close every node whose children are all there
            while stack and stack[-1][2] == stack[-1][1]:
                stack.pop()
            continue
        if kind == "p":
            m = _MOVE.fullmatch(line)
            if m is None:
                raise _Unusual
            player_text, number_text, name, acts_text, *rest = m.groups()
            if len(player_text) > 18:
                raise _Unusual
            player = int(player_text)
            if not 1 <= player <= k:
                raise _Unusual
            probs: tuple = ()
            if acts_text is None:
                actions = None
            else:
                actions = action_names.get(acts_text)
                if actions is None:
                    actions = action_names[acts_text] = tuple(
                        _unescape(a) for a in _ACTION.findall(acts_text))
        elif kind == "c":
            m = _CHANCE.fullmatch(line)
            if m is None:
                raise _Unusual
            number_text, name, acts_text, *rest = m.groups()
            player = 0
            if acts_text is None:
                actions = None
            else:
                pairs = _CHANCE_ACTION.findall(acts_text)
                actions = tuple(_unescape(a) for a, _ in pairs)
                probs = tuple(_fast_number(q) for _, q in pairs)
        else:
            raise _Unusual
        if len(number_text) > 18:
            raise _Unusual
        key = (player, int(number_text))
        name = "" if name is None else _unescape(name)
        if actions is not None:
            known = infosets.get(key)
            if known is not None and known != (actions, probs):
                raise _Unusual
            infosets[key] = (actions, probs)
        elif key in infosets:
            actions, probs = infosets[key]
        else:
            raise _Unusual
        if not actions:
            raise _Unusual
        pays = outcome(*rest)
        if pays is not None:
            carried = pays if carried is None else tuple(c + q for c, q in zip(carried, pays))
        n_act = len(actions)
        if kind == "p":
            label = labels.get(key)
            if label is None:
                base = name or str(key[1])
                names = taken.setdefault(player, set())
                label = labels[key] = base if base not in names else f"{base}#{key[1]}"
                names.add(label)
            p = player - 1
            set_key = (players[p], label)
            s = set_index.get(set_key)
            if s is None:
                s = set_index[set_key] = len(set_player)
                sets_by_name[set_key] = actions
                set_player.append(p)
                seq_offset.append(next_seq[p])
                next_seq[p] += n_act
            movers.append(p)
            sets.append(s)
        else:
            if any(q < 0 for q in probs) or sum(probs) != 1:
                raise _Unusual        # the general parser words the error
            movers.append(-1)
            sets.append(-1)
            probs_of[i] = list(probs)
            chance_actions[i] = actions
        stack.append([i, n_act, 0, carried])
    if i < 0 or stack:
        raise _Unusual                # no tree, or an unfinished one
    rows = _leaf_payoffs(leaf_texts, leaf_carried, k, parsed, values)
    walk = TreeWalk(parents, acts, depths, movers, sets, probs_of, chance_actions, leaves, rows,
                    sets_by_name, set_player, seq_offset, next_seq)
    try:
        return ExtensiveFormGame._from_walk(walk, players, title=title)
    except InvalidGameError as exc:
        raise GameFileError(source, str(exc)) from None


@functools.lru_cache(maxsize=16)
def _payoff_lists(k: int) -> re.Pattern[str]:
    """Payoff texts joined by ``;``, each exactly ``k`` integers of at most 18 digits, separated
    by spaces or commas (so that no run of digits can be read as two numbers)."""
    number = r"-?[0-9]{1,18}"
    one = rf"[\s,]*{number}(?:[\s,]+{number}){{{k - 1}}}[\s,]*"
    return re.compile(f"{one}(?:;{one})*")


def _leaf_payoffs(leaf_texts: list[str | None], carried: dict[int, tuple], k: int,
                  parsed: dict[str, tuple], values: Any) -> list[tuple]:
    """Each leaf's payoffs from its outcome's text, the texts read in bulk: one regular
    expression checks that each holds ``k`` integers of at most 18 digits, then one pass converts
    them all (``values`` reads any other text, number by number); plus what inner outcomes
    carry."""
    todo = [t for t in dict.fromkeys(leaf_texts) if t is not None and t not in parsed]
    joined = ";".join(todo)
    numbers = None
    if todo and _payoff_lists(k).fullmatch(joined):
        try:
            numbers = list(map(int, joined.replace(",", " ").replace(";", " ").split()))
        except ValueError:          # (a space the pattern and str.split see differently)
            numbers = None
    if numbers is not None and len(numbers) == k * len(todo):
        parsed.update(zip(todo, zip(*[iter(numbers)] * k)))   # k numbers at a time, in order
    else:
        for t in todo:
            values(t)
    zeros = (0,) * k
    rows = [zeros if t is None else parsed[t] for t in leaf_texts]
    for j, c in carried.items():
        rows[j] = tuple(a + b for a, b in zip(c, rows[j]))
    return rows


def read_efg(path: str | Path) -> ExtensiveFormGame:
    """Read a Gambit extensive-form file (``.efg``, version 2) into a game tree.

    The file is parsed by ``parse_efg``: outcomes on inner nodes are
    added to the payoffs of the leaves below them, and information sets may
    repeat without their actions.

    Parameters
    ----------
    path : str or path-like
        The file to read, UTF-8 text.

    Returns
    -------
    ExtensiveFormGame

    Raises
    ------
    GameFileError
        If the file is missing, unreadable, not UTF-8 text, a folder, or is malformed: syntax
        errors name the file and the line, a tree that breaks a rule names
        the file and the node by its path of actions.

    Examples
    --------
    >>> import gametheory as gt, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "horse.efg"
    ...     gt.write_efg(gt.read_game("selten-horse"), path)
    ...     horse = gt.read_efg(path)
    >>> horse.players, horse.num_nodes
    (('Player 1', 'Player 2', 'Player 3'), 9)
    """
    path = Path(path)
    text = read_text(path)
    return parse_efg(text, source=str(path))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_efg(game: ExtensiveFormGame) -> str:
    """The game as ``.efg`` text: each leaf its own outcome, information sets numbered per
    player in order of appearance, chance nodes each their own set.

    This is the text ``write_efg`` writes; pygambit reads it, and
    ``parse_efg`` reads it back as the same tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree.

    Returns
    -------
    str
        The file contents (version 2, exact numbers as integers or
        fractions), ending with a newline.

    Examples
    --------
    >>> import gametheory as gt
    >>> tree = gt.decision("Entrant", "e", {
    ...     "Out": gt.outcome(0, 2),
    ...     "In": gt.decision("Incumbent", "i", {"Fight": gt.outcome(-1, -1),
    ...                                          "Accommodate": gt.outcome(1, 1)})})
    >>> entry = gt.ExtensiveFormGame(tree, ["Entrant", "Incumbent"], title="Entry")
    >>> print(gt.format_efg(entry), end="")
    EFG 2 R "Entry" { "Entrant" "Incumbent" }
    ""
    <BLANKLINE>
    p "" 1 1 "e" { "Out" "In" } 0
    t "" 1 "" { 0, 2 }
    p "" 2 1 "i" { "Fight" "Accommodate" } 0
    t "" 2 "" { -1, -1 }
    t "" 3 "" { 1, 1 }
    >>> gt.parse_efg(gt.format_efg(entry)).infosets == entry.infosets
    True
    """
    players = list(game.players)
    lines = [f"EFG 2 R {_quote(game.title)} {{ " + " ".join(_quote(p) for p in players) + " }", '""', ""]
    numbers: dict[tuple[str, str], int] = {}
    counter = {"chance": 0, "outcome": 0}

    per_player = {p: 0 for p in players}
    number_of = {p: k + 1 for k, p in enumerate(players)}

    def num(x: Any) -> str:
        if type(x) is int:
            return str(x)
        return exact_str(Fraction(x)) if not isinstance(x, float) else repr(x)

    for i in range(game.num_nodes):                 # the nodes in depth-first order
        node = game.node(i)
        if node.kind == "outcome":
            counter["outcome"] += 1
            pays = ", ".join(num(p) for p in node.payoffs)
            lines.append(f't "" {counter["outcome"]} "" {{ {pays} }}')
        elif node.kind == "chance":
            counter["chance"] += 1
            acts = " ".join(f"{_quote(a)} {num(p)}" for a, p in zip(node.actions, node.probabilities))
            lines.append(f'c "" {counter["chance"]} "" {{ {acts} }} 0')
        else:
            player, infoset = cast(str, node.player), cast(str, node.infoset)   # a decision node
            key = (player, infoset)
            if key not in numbers:
                per_player[player] += 1
                numbers[key] = per_player[player]
            acts = " ".join(_quote(a) for a in node.actions)
            lines.append(f'p "" {number_of[player]} {numbers[key]} '
                         f'{_quote(infoset)} {{ {acts} }} 0')
    return "\n".join(lines) + "\n"


def write_efg(game: ExtensiveFormGame, path: str | Path) -> None:
    """Write the game as a ``.efg`` file, whole or not at all.

    The text of ``format_efg`` (each leaf its own outcome); pygambit
    reads it, and reading it back gives the same tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree.
    path : str or path-like
        The file to create or overwrite.

    Raises
    ------
    GameFileError
        If the file cannot be written (the target is then left unchanged).

    Examples
    --------
    >>> import gametheory as gt, pathlib, tempfile
    >>> horse = gt.read_game("selten-horse")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "horse.efg"
    ...     gt.write_efg(horse, path)
    ...     again = gt.read_efg(path)
    >>> again.infosets == horse.infosets, again.title
    (True, "Selten's horse")
    """
    text = format_efg(game)
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise GameFileError(os.fspath(path), f"cannot write file: {exc.strerror or exc}") from None
