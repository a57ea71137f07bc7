"""Read and write Gambit strategic-form (``.nfg``) game files.

The format is the one documented by the Gambit project, "Game representation
formats", sections "The strategic game (.nfg) file format, payoff version" and
"... outcome version" (https://gambitproject.readthedocs.io/en/latest/formats.html).
A file is a sequence of tokens separated by any whitespace:

* a prologue ``NFG 1 R "title" { "Player 1" "Player 2" }`` (``D`` instead of
  ``R`` is accepted too: it is an obsolete marker for decimal data), followed
  by either the number of strategies of each player, ``{ 3 2 }``, or their
  names, ``{ { "T" "M" "B" } { "L" "R" } }``, and an optional quoted comment;
* then, in the *payoff version*, a flat list of numbers: the strategy profiles
  in order with the **first** player's strategy varying fastest, and for each
  profile the payoffs of all players in player order;
* or, in the *outcome version*, a list of outcomes ``{ { "name" 1, 2 } ... }``
  (numbered from 1; commas between payoffs are optional) followed by one
  outcome number per profile, in the same order, ``0`` meaning the null outcome
  in which every player gets 0.

Numbers may be integers, decimals (``1.25``, ``.5``), rationals (``3/4``) or in
scientific notation (``1e-3``, ``2.5E+2``).  As in Gambit they are exact: they
are read as ``int`` or ``Fraction`` (``0.1`` is exactly
``1/10``), so a game read from a file is an exact game.

Quoted strings may span lines.  Inside them ``\\"`` stands for a quote and
``\\\\`` for a backslash (Gambit writes labels this way); any other backslash is
taken literally.  (Gambit's own reader keeps ``\\\\`` as two backslashes and
cannot read a label that ends in a backslash, so names with backslashes do not
survive a trip through Gambit unchanged; quotes do.)

Our games need distinct, nonempty player and strategy names.  On reading, an
empty (or blank) strategy name becomes its 1-based position (``"1"``,
``"2"``, ...) and an empty player name becomes ``"Player i"``; two strategies of
one player (or two players) with the same name are an error.  The comment
field becomes the game's ``description`` (and is written back); outcome names
are dropped.

Every problem with a file raises ``GameFileError``,
whose message names the file and line.  Nothing in a file is ever evaluated.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Union

import numpy as np

from ..arithmetic import exact_str, parse_rational
from ..errors import GameFileError, InvalidGameError
from ..games.normal import NormalFormGame
from ..games.peers import accepts_peer_games
from ._files import write_text_atomic

__all__ = ["read_nfg", "parse_nfg", "write_nfg", "format_nfg"]

PathLike = Union[str, "os.PathLike[str]"]

# Largest exponent accepted in scientific notation: ``1e999999999`` would make an
# exact rational with a billion digits.
_MAX_EXPONENT = 1000

_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\Z")
_RATIONAL_RE = re.compile(r"[+-]?\d+/\d+\Z")
_SYMBOL_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INTEGER_RE = re.compile(r"\+?\d+\Z")

# Token kinds
_LBRACE, _RBRACE, _COMMA, _STRING, _WORD, _EOF = "{", "}", ",", "string", "word", "eof"
_DELIMITERS = frozenset('{},"')


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    line: int

    def describe(self) -> str:
        if self.kind == _EOF:
            return "end of file"
        if self.kind == _STRING:
            return f"string {_short(self.text)}"
        if self.kind == _WORD:
            return _short(self.text)
        return f"'{self.text}'"

    @property
    def is_number(self) -> bool:
        return self.kind == _WORD and (_DECIMAL_RE.match(self.text) is not None
                                       or _RATIONAL_RE.match(self.text) is not None)


# ----------------------------------------------------------------------------- reading
def read_nfg(path: PathLike) -> NormalFormGame:
    """Read a game from a Gambit ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    path : str or path-like
        The file to read, UTF-8 text.

    Returns
    -------
    NormalFormGame
        An exact game (payoffs are ``int`` or ``Fraction``).

    Raises
    ------
    GameFileError
        If the file is missing, unreadable, not UTF-8, or malformed; the
        message names the file, the line and the problem.

    See Also
    --------
    parse_nfg : the same, from a string.
    write_nfg : the inverse.

    Notes
    -----
    The format is documented by the Gambit project, "Game representation
    formats" (https://gambitproject.readthedocs.io/en/latest/formats.html).

    Examples
    --------
    >>> import os, tempfile
    >>> from gametheory.io.nfg import read_nfg
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "mp.nfg")
    ...     with open(path, "w") as f:
    ...         _ = f.write('NFG 1 R "Matching pennies" { "Even" "Odd" } { 2 2 }\\n'
    ...                     '1 -1 -1 1 -1 1 1 -1\\n')
    ...     g = read_nfg(path)
    >>> g.title, g.players, g.shape
    ('Matching pennies', ('Even', 'Odd'), (2, 2))
    >>> g.payoffs[0].tolist()
    [[1, -1], [-1, 1]]
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise GameFileError(name, "file not found") from None
    except IsADirectoryError:
        raise GameFileError(name, "cannot read: it is a directory, not a file") from None
    except OSError as exc:
        raise GameFileError(name, f"cannot read file: {exc.strerror or exc}") from None
    return parse_nfg(_decode(data, name), source=name)


def parse_nfg(text: str, source: str = "<string>") -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Parameters
    ----------
    text : str
        The contents of the file.  ``bytes`` are accepted and decoded as UTF-8.
    source : str, optional
        Name used for the file in error messages.

    Returns
    -------
    NormalFormGame
        An exact game: numbers such as ``1.5`` or ``3/4`` become exact
        fractions.

    Raises
    ------
    GameFileError
        If the text is malformed: a missing or garbled header, an
        unterminated string, an unknown token, a non-numeric payoff, the wrong
        number of payoffs or outcome numbers, an outcome number out of range, a
        player with no strategies, or two players of one name (two strategies
        of a player may share a name).  The message gives the
        line number.

    Notes
    -----
    Profiles are listed with the first player's strategy varying fastest, as
    Gambit's documentation ("Game representation formats",
    https://gambitproject.readthedocs.io/en/latest/formats.html) specifies.

    Examples
    --------
    Payoff version; the first player's strategy changes fastest:

    >>> from gametheory.io.nfg import parse_nfg
    >>> g = parse_nfg('NFG 1 R "" { "Row" "Col" } { { "T" "B" } { "L" "R" } }'
    ...               ' 1 2  3 4  5 6  7 8')
    >>> g.payoff_of(("B", "L")), g.payoff_of(("T", "R"))
    ((3, 4), (5, 6))

    Outcome version of a Prisoner's dilemma, with decimal payoffs kept exact:

    >>> g = parse_nfg('''NFG 1 R "PD" { "1" "2" } { { "C" "D" } { "C" "D" } } ""
    ... { { "reward" 3, 3 } { "sucker" 0, 4.5 } { "temptation" 4.5, 0 } { "" 1 1 } }
    ... 1 3 2 4''')
    >>> g.payoff_of(("C", "D"))
    (0, Fraction(9, 2))
    """
    if isinstance(text, (bytes, bytearray)):
        text = _decode(bytes(text), source)
    if not isinstance(text, str):
        raise GameFileError(source, f"expected the text of a .nfg file, got {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Parser(text, source).parse()


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GameFileError(
            source, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line) from None


def _tokenize(text: str, source: str) -> Iterator[_Token]:
    """Split the text into braces, commas, quoted strings and words."""
    i, n, line = 0, len(text), 1
    while True:
        while i < n and text[i].isspace():
            if text[i] == "\n":
                line += 1
            i += 1
        if i >= n:
            yield _Token(_EOF, "", line)
            return
        c = text[i]
        if c in "{},":
            yield _Token(c, c, line)
            i += 1
        elif c == '"':
            start_line = line
            i += 1
            buf = []
            while True:
                if i >= n:
                    raise GameFileError(source, "unterminated string: no closing '\"' "
                                                "before the end of the file", start_line)
                c = text[i]
                if c == '"':
                    i += 1
                    break
                if c == "\\" and i + 1 < n and text[i + 1] in '"\\':
                    buf.append(text[i + 1])
                    i += 2
                    continue
                if c == "\n":
                    line += 1
                buf.append(c)
                i += 1
            yield _Token(_STRING, "".join(buf), start_line)
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _DELIMITERS:
                j += 1
            yield _Token(_WORD, text[i:j], line)
            i = j


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(text, source)
        self.tok = next(self.tokens)

    # --------------------------------------------------------------- helpers
    def advance(self) -> _Token:
        tok = self.tok
        if tok.kind != _EOF:
            self.tok = next(self.tokens)
        return tok

    def error(self, message: str, tok: _Token | None = None) -> GameFileError:
        return GameFileError(self.source, message, (tok or self.tok).line)

    def unexpected(self, expected: str, tok: _Token | None = None) -> GameFileError:
        tok = tok or self.tok
        if tok.kind == _WORD and not tok.is_number and not _SYMBOL_RE.match(tok.text):
            return self.error(f"unknown token {_short(tok.text)} where {expected} was expected",
                              tok)
        return self.error(f"expected {expected}, found {tok.describe()}", tok)

    def expect(self, kind: str, expected: str) -> _Token:
        if self.tok.kind != kind:
            raise self.unexpected(expected)
        return self.advance()

    def number(self, what: str) -> Fraction:
        tok = self.tok
        if not tok.is_number:
            if tok.kind in (_WORD, _STRING):
                raise self.error(f"non-numeric {what} {tok.describe()}", tok)
            raise self.unexpected(f"a number ({what})", tok)
        m = _DECIMAL_RE.match(tok.text)
        if m and m.group(1) and abs(int(m.group(1))) > _MAX_EXPONENT:
            raise self.error(f"{what} {_short(tok.text)} is out of range "
                             f"(exponent beyond +-{_MAX_EXPONENT})", tok)
        try:
            value = parse_rational(tok.text)
        except ValueError as exc:
            reason = ("zero denominator" if "zero denominator" in str(exc)
                      else "too many digits" if "digits" in str(exc) else "not a valid number")
            raise self.error(f"invalid {what} {_short(tok.text)}: {reason}", tok) from None
        self.advance()
        return value

    # --------------------------------------------------------------- grammar
    def parse(self) -> NormalFormGame:
        title = self.header()
        players = self.players()
        strategies = self.strategies(players)
        comment = ""
        if self.tok.kind == _STRING:  # optional comment: the game's description
            comment = self.tok.text
            self.advance()
        shape = tuple(s if isinstance(s, int) else len(s) for s in strategies)
        n = len(players)
        if self.tok.kind == _LBRACE:
            table = self.outcome_body(n, shape)
        elif self.tok.kind == _WORD:  # a non-number here is reported as a bad payoff
            table = self.payoff_body(n, shape)
        elif self.tok.kind == _EOF:
            raise self.error(f"no payoffs after the header: expected "
                             f"{_count(shape, n)} or an outcome list")
        else:
            raise self.unexpected("the payoffs or an outcome list '{'")
        # Names are made only now: strategy counts that do not match the body have
        # been rejected, so a count like 10**12 cannot exhaust memory.
        actions = [[str(a + 1) for a in range(s)] if isinstance(s, int) else s
                   for s in strategies]
        # column i of the table, reshaped with the first player's index varying fastest
        payoffs = [np.array(table[i::n], dtype=object).reshape(shape, order="F")
                   for i in range(n)]
        try:
            return NormalFormGame(payoffs, players=players, actions=actions, title=title,
                                  description=comment)
        except InvalidGameError as exc:  # not expected: everything is checked above
            raise GameFileError(self.source, str(exc)) from None

    def header(self) -> str:
        tok = self.tok
        if tok.kind == _EOF:
            raise self.error("empty file: a strategic-form game file starts with 'NFG 1 R'")
        if tok.kind != _WORD or tok.text != "NFG":
            if tok.kind == _WORD and tok.text == "EFG":
                raise self.error("this is an extensive-form (EFG) file, not a strategic-form "
                                 "(NFG) file")
            raise self.error(f"missing header: the file should start with 'NFG 1 R', "
                             f"found {tok.describe()}")
        self.advance()
        tok = self.tok
        if tok.kind != _WORD or tok.text != "1":
            raise self.error(f"garbled header: expected version '1' after 'NFG', "
                             f"found {tok.describe()}")
        self.advance()
        tok = self.tok
        if tok.kind != _WORD or tok.text not in ("R", "D"):
            raise self.error(f"garbled header: expected 'R' or 'D' after 'NFG 1', "
                             f"found {tok.describe()}")
        self.advance()
        if self.tok.kind != _STRING:
            raise self.error(f"garbled header: expected the quoted game title after "
                             f"'NFG 1 R', found {self.tok.describe()}")
        return self.advance().text

    def players(self) -> list[str]:
        self.expect(_LBRACE, "'{' starting the list of player names")
        names: list[str] = []
        while self.tok.kind == _STRING:
            tok = self.advance()
            name = tok.text if tok.text.strip() else f"Player {len(names) + 1}"
            if name in names:
                note = "" if name == tok.text else " (an empty player name is read as 'Player i')"
                raise self.error(f"two players are named {name!r}{note}", tok)
            names.append(name)
        if self.tok.kind != _RBRACE:
            raise self.unexpected("a quoted player name or '}' ending the player list")
        self.advance()
        if not names:
            raise self.error("the game has no players (empty player list)")
        return names

    def strategies(self, players: list[str]) -> list[list[str] | int]:
        """Per player, the strategy names, or the number of strategies."""
        self.expect(_LBRACE, "'{' starting the strategy names or numbers")
        n = len(players)
        actions: list[list[str] | int] = []
        if self.tok.kind == _LBRACE:
            for p in players:
                if self.tok.kind == _RBRACE:
                    raise self.error(f"strategy names given for {len(actions)} player(s), "
                                     f"but the game has {n}")
                self.expect(_LBRACE, f"'{{' starting the strategy names of player {p!r}")
                names: list[str] = []
                while self.tok.kind == _STRING:
                    tok = self.advance()
                    # an empty name is read as its position; two strategies may share a name
                    # (Gambit reads them too): address them by number then
                    names.append(tok.text if tok.text.strip() else str(len(names) + 1))
                if self.tok.kind != _RBRACE:
                    raise self.unexpected(f"a quoted strategy name or '}}' ending "
                                          f"the strategies of player {p!r}")
                if not names:
                    raise self.error(f"player {p!r} has zero strategies")
                self.advance()
                actions.append(names)
            if self.tok.kind == _LBRACE:
                raise self.error(f"more strategy lists than players: the game has {n} player(s)")
            self.expect(_RBRACE, "'}' ending the strategy lists")
        else:
            for p in players:
                tok = self.tok
                if tok.kind == _RBRACE:
                    raise self.error(f"numbers of strategies given for {len(actions)} "
                                     f"player(s), but the game has {n}")
                if tok.kind != _WORD or not _INTEGER_RE.match(tok.text):
                    if tok.kind == _WORD and tok.is_number:
                        raise self.error(f"the number of strategies of player {p!r} must be "
                                         f"a positive integer, found {_short(tok.text)}")
                    raise self.unexpected(f"the number of strategies of player {p!r}")
                if len(tok.text) > 15:
                    raise self.error(f"player {p!r} has too many strategies "
                                     f"({_short(tok.text)})")
                k = int(tok.text)
                if k == 0:
                    raise self.error(f"player {p!r} has zero strategies")
                self.advance()
                actions.append(k)
            if self.tok.kind != _RBRACE:
                if self.tok.is_number:
                    raise self.error(f"more numbers of strategies than players: "
                                     f"the game has {n} player(s)")
                raise self.unexpected("'}' ending the numbers of strategies")
            self.advance()
        return actions

    def payoff_body(self, n: int, shape: tuple[int, ...]) -> list[Fraction]:
        expected = math.prod(shape) * n
        values: list[Fraction] = []
        first_extra = last = self.tok
        while self.tok.kind != _EOF:
            if self.tok.kind == _COMMA:
                raise self.error("unexpected ',' among the payoffs (commas are allowed "
                                 "only inside outcomes)")
            if len(values) == expected:
                first_extra = self.tok
            last = self.tok
            values.append(self.number("payoff"))
        if len(values) > expected:
            raise self.error(f"too many payoffs: expected {_count(shape, n)}, "
                             f"found {len(values)}", first_extra)
        if len(values) < expected:
            raise self.error(f"too few payoffs: expected {_count(shape, n)}, "
                             f"found {len(values)}", last)
        return values

    def outcome_body(self, n: int, shape: tuple[int, ...]) -> list[Fraction]:
        self.advance()  # '{' opening the outcome list
        outcomes: list[list[Fraction]] = []
        while self.tok.kind == _LBRACE:
            k = len(outcomes) + 1
            self.advance()
            self.expect(_STRING, f"the quoted name of outcome {k}")
            pays: list[Fraction] = []
            while len(pays) < n:
                if self.tok.kind == _RBRACE:
                    raise self.error(f"outcome {k} has {len(pays)} payoff(s), expected {n} "
                                     f"(one per player)")
                pays.append(self.number(f"payoff in outcome {k}"))
                if self.tok.kind == _COMMA:
                    self.advance()
            if self.tok.kind != _RBRACE:
                if self.tok.is_number:
                    raise self.error(f"outcome {k} has more than {n} payoff(s), expected {n} "
                                     f"(one per player)")
                raise self.unexpected(f"'}}' ending outcome {k}")
            self.advance()
            outcomes.append(pays)
        if self.tok.kind != _RBRACE:
            raise self.unexpected("'{' starting an outcome or '}' ending the outcome list")
        self.advance()

        expected = math.prod(shape)
        m = len(outcomes)
        null = [Fraction(0)] * n
        values: list[Fraction] = []
        count = 0
        first_extra = last = self.tok
        while self.tok.kind != _EOF:
            tok = self.tok
            if tok.kind != _WORD or not _INTEGER_RE.match(tok.text):
                if tok.kind == _WORD and (tok.is_number or tok.text.startswith("-")):
                    raise self.error(f"outcome number must be a nonnegative integer, "
                                     f"found {_short(tok.text)}")
                raise self.unexpected("an outcome number")
            index = int(tok.text) if len(tok.text) <= 15 else m + 1
            if index > m:
                defined = (f"{m} outcome(s), numbered 1 to {m}" if m else "no outcomes")
                raise self.error(f"outcome number {_short(tok.text)} is out of range: "
                                 f"the file defines "
                                 f"{defined} (0 is the null outcome)")
            if count == expected:
                first_extra = tok
            if count < expected:
                values.extend(outcomes[index - 1] if index else null)
            count += 1
            last = self.advance()
        if count > expected:
            raise self.error(f"too many outcome numbers: expected {expected} (one per "
                             f"strategy profile), found {count}", first_extra)
        if count < expected:
            raise self.error(f"too few outcome numbers: expected {expected} (one per "
                             f"strategy profile), found {count}", last)
        return values


def _short(text: str, limit: int = 40) -> str:
    """``repr`` of a token, shortened for an error message."""
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")


def _count(shape: tuple[int, ...], n: int) -> str:
    profiles = math.prod(shape)
    return (f"{profiles * n} payoffs ({profiles} profile{'s' if profiles != 1 else ''} "
            f"x {n} player{'s' if n != 1 else ''})")


# ----------------------------------------------------------------------------- writing
@accepts_peer_games
def format_nfg(game: NormalFormGame) -> str:
    """Write a game as the text of a Gambit ``.nfg`` file (payoff version).

    Strategy names are written explicitly, quotes and backslashes in names
    are escaped with a backslash.  Exact payoffs are written as integers or
    reduced fractions ``p/q``; floating-point payoffs as the shortest decimal
    that reads back as the same float (``repr``), so that reading the file
    gives the exact value of that decimal.

    Parameters
    ----------
    game : NormalFormGame
        The game to write.

    Returns
    -------
    str
        The file contents, ending with a newline.  Profiles are listed one per
        line, the first player's strategy varying fastest.

    Notes
    -----
    Gambit's documentation of the format: "Game representation formats",
    https://gambitproject.readthedocs.io/en/latest/formats.html.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.games.normal import NormalFormGame
    >>> from gametheory.io.nfg import format_nfg, parse_nfg
    >>> g = NormalFormGame.from_bimatrix([[1, Fraction(1, 2)], [0, 2]], [[0, 1], [3, -1]],
    ...                                  players=["Ann", "Bob"],
    ...                                  actions=[["Up", "Down"], ["Left", "Right"]],
    ...                                  title='A "test"')
    >>> print(format_nfg(g), end="")
    NFG 1 R "A \\"test\\"" { "Ann" "Bob" }
    { { "Up" "Down" } { "Left" "Right" } }
    <BLANKLINE>
    1 0
    0 3
    1/2 1
    2 -1
    >>> parse_nfg(format_nfg(g)) == g
    True
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGameError(f"format_nfg needs a NormalFormGame, got {type(game).__name__}")
    players = " ".join(_quote(p) for p in game.players)
    strategies = " ".join("{ " + " ".join(_quote(a) for a in acts) + " }"
                          for acts in game.actions)
    lines = [f"NFG 1 R {_quote(game.title)} {{ {players} }}", f"{{ {strategies} }}"]
    if game.description:
        lines.append(_quote(game.description))
    lines.append("")
    fmt = exact_str if game.is_exact else (lambda x: repr(float(x)))
    columns = [arr.ravel(order="F") for arr in game.payoffs]  # first player fastest
    for k in range(game.num_profiles):
        lines.append(" ".join(fmt(col[k]) for col in columns))
    return "\n".join(lines) + "\n"


@accepts_peer_games
def write_nfg(game: NormalFormGame, path: PathLike) -> None:
    """Write a game to a Gambit ``.nfg`` file (payoff version, UTF-8).

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    path : str or path-like
        The file to create or overwrite.

    Raises
    ------
    GameFileError
        If the file cannot be written.

    See Also
    --------
    format_nfg : the text written.
    read_nfg : the inverse.

    Notes
    -----
    Gambit's documentation of the format: "Game representation formats",
    https://gambitproject.readthedocs.io/en/latest/formats.html.

    Examples
    --------
    >>> import os, tempfile
    >>> from gametheory.games.normal import NormalFormGame
    >>> from gametheory.io.nfg import read_nfg, write_nfg
    >>> g = NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], title="RPS")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "rps.nfg")
    ...     write_nfg(g, path)
    ...     read_nfg(path) == g
    True
    """
    text = format_nfg(game)
    name = os.fspath(path)
    try:
        write_text_atomic(name, text)
    except OSError as exc:
        raise GameFileError(name, f"cannot write file: {exc.strerror or exc}") from None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
