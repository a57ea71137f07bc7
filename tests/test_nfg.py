"""Tests of reading and writing Gambit strategic-form (.nfg) files."""

from __future__ import annotations

import math
import os
import pathlib
from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt

from gametheory.errors import GameFileError
from gametheory.games.normal import NormalFormGame
from gametheory.io.nfg import format_nfg, parse_nfg, read_nfg, write_nfg

DATA = pathlib.Path(__file__).parent / "data" / "nfg"
F = Fraction


def numbers(text: str) -> list[str]:
    """The body of a payoff-version file: every token after the strategy block."""
    return text.split("}\n", 2)[-1].split()


# --------------------------------------------------------------------------- reading
class TestReadSampleFiles:
    def test_payoff_version(self):
        g = read_nfg(DATA / "game3x2_payoff.nfg")
        assert g.title == "A 3x2 test game"
        assert g.players == ("Row", "Column")
        assert g.actions == (("1", "2", "3"), ("1", "2"))
        assert g.shape == (3, 2)
        assert g.is_exact
        # profiles are listed with the first player's strategy varying fastest
        assert g.payoffs[0].tolist() == [[4, 0], [0, 3], [F(1, 2), 4]]
        assert g.payoffs[1].tolist() == [[-1, 0], [0, 7], [F(5, 2), -1]]
        assert g.payoff_of(("3", "1")) == (F(1, 2), F(5, 2))
        assert g.payoff_of(("2", "2")) == (3, 7)

    def test_outcome_version_equals_payoff_version(self):
        by_payoff = read_nfg(DATA / "game3x2_payoff.nfg")
        by_outcome = read_nfg(DATA / "game3x2_outcome.nfg")
        assert by_payoff.description == ""
        assert by_outcome.description.startswith("The same game as game3x2_payoff.nfg")
        assert (by_outcome.players, by_outcome.actions, by_outcome.title) == \
            (by_payoff.players, by_payoff.actions, by_payoff.title)
        assert all(np.array_equal(a, b) for a, b in zip(by_outcome.payoffs, by_payoff.payoffs))
        assert by_outcome.payoff_of(("1", "1")) == (4, -1)
        assert by_outcome.payoff_of(("2", "1")) == (0, 0)  # null outcome
        assert by_outcome.payoff_of(("3", "2")) == (4, -1)  # outcome 1 reused
        assert by_outcome.payoffs[1][2, 0] == F(5, 2)
        assert isinstance(by_outcome.payoffs[1][2, 0], Fraction)
        assert isinstance(by_outcome.payoffs[0][0, 0], int)

    def test_read_str_path(self):
        assert read_nfg(str(DATA / "game3x2_payoff.nfg")).shape == (3, 2)


class TestOrdering:
    def test_2x3_first_player_fastest(self):
        body = " ".join(str(v) for v in range(1, 13))
        g = parse_nfg('NFG 1 R "" { "A" "B" } { 2 3 } ' + body)
        # profile number k = a0 + 2*a1 lists payoffs 2k+1 (player A), 2k+2 (player B)
        assert g.payoffs[0].tolist() == [[1, 5, 9], [3, 7, 11]]
        assert g.payoffs[1].tolist() == [[2, 6, 10], [4, 8, 12]]
        assert g.payoff_of((1, 0)) == (3, 4)
        assert g.payoff_of((0, 1)) == (5, 6)
        assert g.payoff_of((1, 2)) == (11, 12)

    def test_2x2x2_first_player_fastest(self):
        body = " ".join(str(v) for v in range(1, 25))
        g = parse_nfg('NFG 1 R "" { "A" "B" "C" } { 2 2 2 } ' + body)
        for a0 in range(2):
            for a1 in range(2):
                for a2 in range(2):
                    k = a0 + 2 * a1 + 4 * a2
                    assert g.payoff_of((a0, a1, a2)) == (3 * k + 1, 3 * k + 2, 3 * k + 3)
        assert g.payoffs[0][1, 0, 0] == 4
        assert g.payoffs[1][0, 0, 1] == 14
        assert g.payoffs[2][0, 1, 1] == 21

    def test_2x2x2_outcome_version_ordering(self):
        text = ('NFG 1 R "" { "A" "B" "C" } { { "a" "b" } { "c" "d" } { "e" "f" } }\n'
                '{ ' + " ".join(f'{{ "" {k} {10 * k} {100 * k} }}' for k in range(1, 9))
                + ' }\n' + " ".join(str(k) for k in range(1, 9)))
        g = parse_nfg(text)
        assert g.payoff_of(("b", "c", "e")) == (2, 20, 200)
        assert g.payoff_of(("a", "d", "e")) == (3, 30, 300)
        assert g.payoff_of(("a", "c", "f")) == (5, 50, 500)
        assert g.payoff_of(("b", "d", "f")) == (8, 80, 800)

    def test_writer_uses_the_same_order(self):
        arrays = [np.empty((2, 2, 2), dtype=object) for _ in range(3)]
        for a0 in range(2):
            for a1 in range(2):
                for a2 in range(2):
                    k = a0 + 2 * a1 + 4 * a2
                    for i in range(3):
                        arrays[i][a0, a1, a2] = 3 * k + i + 1
        text = format_nfg(NormalFormGame(arrays))
        assert numbers(text) == [str(v) for v in range(1, 25)]


class TestLexicalDetails:
    def test_numbers_are_exact(self):
        g = parse_nfg('NFG 1 R "" { "A" } { 6 }  3 -2/3 1.25 1e-3 -.5 +2.5E+2')
        assert g.is_exact
        assert g.payoffs[0].tolist() == [3, F(-2, 3), F(5, 4), F(1, 1000), F(-1, 2), 250]

    def test_decimal_is_exact_not_binary(self):
        g = parse_nfg('NFG 1 R "" { "A" } { 1 } 0.1')
        assert g.payoffs[0][0] == F(1, 10)

    def test_data_type_d_accepted(self):
        g = parse_nfg('NFG 1 D "decimal" { "A" "B" } { 1 1 } 1.5 2.5')
        assert g.payoff_of((0, 0)) == (F(3, 2), F(5, 2))

    def test_whitespace_comment_crlf_tabs_no_final_newline(self):
        text = ('NFG\t1  R\r\n"t"\r\n{\t"A"\r\n"B"}{2\n1}\r\n"a comment\r\nover lines"\r\n'
                '1 2\t3\r\n4')
        g = parse_nfg(text)
        assert g.title == "t"
        assert g.payoffs[0].tolist() == [[1], [3]]

    def test_byte_order_mark_is_ignored(self, tmp_path):
        p = tmp_path / "bom.nfg"
        p.write_bytes(b'\xef\xbb\xbfNFG 1 R "" { "A" } { 1 } 5\n')
        assert read_nfg(p).payoffs[0].tolist() == [5]

    def test_escaped_quotes_and_backslashes(self):
        g = parse_nfg(r'NFG 1 R "say \"hi\"" { "P \"1\"" "back\\slash" } '
                      r'{ { "a\b" "c\\" } { "x" } } 1 2 3 4')
        assert g.title == 'say "hi"'
        assert g.players == ('P "1"', "back\\slash")
        # a backslash not before a quote or a backslash is literal, as in Gambit
        assert g.actions == (("a\\b", "c\\"), ("x",))

    def test_multiline_string(self):
        g = parse_nfg('NFG 1 R "two\nlines" { "A" } { 1 } 0')
        assert g.title == "two\nlines"

    def test_empty_names_become_positions(self):
        g = parse_nfg('NFG 1 R "" { "" "B" } { { "" "x" "" } { " " } } 0 0 0 0 0 0')
        assert g.players == ("Player 1", "B")
        assert g.actions == (("1", "x", "3"), ("1",))

    def test_strategy_counts_give_numbered_names(self):
        g = parse_nfg('NFG 1 R "" { "A" "B" } { 3 1 } 1 1 2 2 3 3')
        assert g.actions == (("1", "2", "3"), ("1",))

    def test_outcome_commas_optional_and_trailing(self):
        g = parse_nfg('NFG 1 R "" { "A" "B" } { 1 2 } { { "o" 1, 2, } { "p" 3 4 } } 2 1')
        assert g.payoffs[0].tolist() == [[3, 1]]
        assert g.payoffs[1].tolist() == [[4, 2]]

    def test_outcome_list_may_be_empty(self):
        g = parse_nfg('NFG 1 R "" { "A" "B" } { 1 2 } { } 0 0')
        assert g.payoffs[0].tolist() == [[0, 0]]

    def test_unicode_names(self):
        g = parse_nfg('NFG 1 R "Jeu à deux" { "Élise" "Zoë" } { 1 1 } 1 2')
        assert g.players == ("Élise", "Zoë")


# --------------------------------------------------------------------------- writing
def _round_trip_exact(g: NormalFormGame) -> NormalFormGame:
    back = parse_nfg(format_nfg(g))
    assert back == g
    assert back.is_exact
    return back


def _round_trip_float(g: NormalFormGame) -> NormalFormGame:
    assert not g.is_exact
    back = parse_nfg(format_nfg(g))
    assert back.is_exact  # files hold exact decimals
    assert back.players == g.players and back.actions == g.actions and back.title == g.title
    for got, want in zip(back.float_payoffs, g.payoffs):
        assert got.dtype == np.float64
        assert np.array_equal(got, want)  # exact float equality
    return back


class TestRoundTrip:
    def test_two_player_exact_with_awkward_names(self):
        g = NormalFormGame.from_bimatrix(
            [[1, F(-2, 3)], [F(7, 5), 10**30]], [[0, F(1, 3)], [-4, F(-22, 7)]],
            players=['Player "One"', "Player Two"],
            actions=[["go left", 'say "no"'], ["back\\slash\\", "tab\tand\nnewline"]],
            title='He said "hello" \\ bye\\')
        text = format_nfg(g)
        assert 'say \\"no\\"' in text
        assert "1/3" in text and "-22/7" in text
        back = _round_trip_exact(g)
        assert back.payoffs[0][1, 1] == 10**30

    def test_three_player_exact(self):
        rng = np.random.default_rng(7)
        arrays = []
        for _ in range(3):
            a = np.empty((2, 3, 2), dtype=object)
            for idx in np.ndindex(a.shape):
                a[idx] = F(int(rng.integers(-20, 20)), int(rng.integers(1, 6)))
            arrays.append(a)
        g = NormalFormGame(arrays, players=["A", "B", "C"],
                           actions=[["u", "d"], ["l", "m", "r"], ["e", "w"]], title="three")
        _round_trip_exact(g)

    def test_one_player_exact(self):
        g = NormalFormGame([[3, F(1, 2), -1]], players=["Solo"], actions=[["x", "y", "z"]])
        back = _round_trip_exact(g)
        assert back.payoff_of(("y",)) == (F(1, 2),)

    def test_two_player_float(self):
        A = [[0.1, 1 / 3, -0.0], [1e-5, 1.5e20, 2.0 ** -30]]
        B = [[math.pi, -math.e, 123456789.125], [5e-324, 1.7976931348623157e308, 7.0]]
        g = NormalFormGame.from_bimatrix(np.array(A), np.array(B),
                                         players=["Row player", "Col \"player\""],
                                         actions=[["a b", "c"], ["d", "e", "f"]], title="floats")
        back = _round_trip_float(g)
        assert back.payoffs[0][0, 0] == F(1, 10)  # the decimal written, not the binary float

    def test_three_player_float(self):
        rng = np.random.default_rng(3)
        g = NormalFormGame([rng.normal(size=(2, 2, 3)) for _ in range(3)])
        _round_trip_float(g)

    def test_one_player_float(self):
        g = NormalFormGame([np.array([0.25, -1e-300, 3.0])], players=["Only"])
        _round_trip_float(g)

    def test_format_layout(self):
        g = NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[5, 6], [7, 8]],
                                         players=["P1", "P2"], actions=[["a", "b"], ["c", "d"]],
                                         title="T")
        assert format_nfg(g) == ('NFG 1 R "T" { "P1" "P2" }\n'
                                 '{ { "a" "b" } { "c" "d" } }\n'
                                 '\n'
                                 '1 5\n3 7\n2 6\n4 8\n')

    def test_write_then_read(self, tmp_path):
        g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                         players=["Alice", "Bob"],
                                         actions=[["Cooperate", "Defect"]] * 2,
                                         title="Prisoner's dilemma")
        path = tmp_path / "pd.nfg"
        assert write_nfg(g, path) is None
        assert path.read_text(encoding="utf-8").startswith('NFG 1 R "Prisoner\'s dilemma"')
        assert read_nfg(path) == g
        write_nfg(g, str(path))  # overwrite, str path
        assert read_nfg(str(path)) == g

    def test_write_to_missing_directory(self, tmp_path):
        g = NormalFormGame([[1]])
        target = tmp_path / "no" / "such" / "dir" / "g.nfg"
        with pytest.raises(GameFileError, match="cannot write"):
            write_nfg(g, target)


# --------------------------------------------------------------------------- errors
def _error(text: str) -> GameFileError:
    with pytest.raises(GameFileError) as info:
        parse_nfg(text, source="game.nfg")
    err = info.value
    assert isinstance(err, ValueError)
    assert str(err).startswith("game.nfg, line ")
    assert "\n" not in str(err)
    return err


HEADER = 'NFG 1 R "t" { "A" "B" } { 2 2 }\n'


class TestErrors:
    def test_empty_file(self):
        err = _error("   \n")
        assert err.line is not None and "empty file" in str(err)

    def test_missing_header(self):
        err = _error('\n\nGAME 1 R "t" { "A" } { 1 } 0')
        assert err.line == 3 and "missing header" in str(err) and "'GAME'" in str(err)

    def test_extensive_form_file(self):
        err = _error('EFG 2 R "t" { "A" }')
        assert err.line == 1 and "extensive-form" in str(err)

    def test_wrong_version(self):
        err = _error('NFG 2 R "t" { "A" } { 1 } 0')
        assert err.line == 1 and "version" in str(err) and "'2'" in str(err)

    def test_wrong_data_type(self):
        err = _error('NFG 1\nX "t" { "A" } { 1 } 0')
        assert err.line == 2 and "'R' or 'D'" in str(err)

    def test_missing_title(self):
        err = _error('NFG 1 R { "A" } { 1 } 0')
        assert err.line == 1 and "title" in str(err)

    def test_unterminated_string(self):
        err = _error('NFG 1 R "t" { "A" }\n{ { "x" } }\n"a comment\nthat never\nends 1 2')
        assert err.line == 3 and "unterminated string" in str(err)

    def test_unknown_token(self):
        err = _error('NFG 1 R "t"\n{ "A" @ "B" } { 1 1 } 0 0')
        assert err.line == 2 and "unknown token '@'" in str(err)

    def test_unexpected_token_in_strategy_block(self):
        err = _error('NFG 1 R "t" { "A" } {\n{ "x" abc } } 0')
        assert err.line == 2 and "'abc'" in str(err) and "strateg" in str(err)

    def test_no_players(self):
        err = _error('NFG 1 R "t" { } { } ')
        assert "no players" in str(err)

    def test_player_with_zero_strategies_by_names(self):
        err = _error('NFG 1 R "t" { "A" "B" }\n{ { "x" }\n{ } }\n0 0')
        assert err.line == 3 and "'B' has zero strategies" in str(err)

    def test_player_with_zero_strategies_by_count(self):
        err = _error('NFG 1 R "t" { "A" "B" } { 2\n0 }')
        assert err.line == 2 and "'B' has zero strategies" in str(err)

    def test_non_integer_strategy_count(self):
        err = _error('NFG 1 R "t" { "A" "B" } { 2 1.5 } 1 2 3 4')
        assert "positive integer" in str(err) and "'1.5'" in str(err)

    def test_too_few_strategy_lists(self):
        err = _error('NFG 1 R "t" { "A" "B" "C" } { { "x" } { "y" } } 1 2 3')
        assert "for 2 player(s)" in str(err) and "has 3" in str(err)

    def test_too_many_strategy_counts(self):
        err = _error('NFG 1 R "t" { "A" "B" } { 1 1 1 } 1 2')
        assert "more numbers of strategies than players" in str(err)

    def test_duplicate_strategy_names_are_kept_and_addressed_by_number(self):
        # Gambit reads such files (its own tests have one): so do we, and a shared name is
        # ambiguous only where a name is used to pick a strategy
        game = gt.parse_nfg('NFG 1 R "t" { "A" "B" }\n{ { "x" "y" }\n{ "u" "v" "u" } }\n'
                            + " ".join(["1"] * 12))
        assert game.actions[1] == ("u", "v", "u")
        assert game.action_index(1, 2) == 2 and game.action_index(1, "v") == 1
        with pytest.raises(gt.InvalidGameError, match=r"several actions named 'u' \(numbers 0, 2\)"):
            game.action_index(1, "u")
        assert gt.parse_nfg(gt.format_nfg(game)).actions == game.actions

    def test_empty_name_is_its_position(self):
        game = gt.parse_nfg('NFG 1 R "t" { "A" } { { "2" "" } } 1 2')
        assert game.actions[0] == ("2", "2")

    def test_duplicate_player_names(self):
        err = _error('NFG 1 R "t" { "A"\n"A" } { 1 1 } 1 2')
        assert err.line == 2 and "two players are named 'A'" in str(err)

    def test_too_few_payoffs(self):
        err = _error(HEADER + "1 2 3 4\n5 6 7")
        assert err.line == 3
        assert "too few payoffs" in str(err)
        assert "expected 8 payoffs (4 profiles x 2 players), found 7" in str(err)

    def test_too_many_payoffs(self):
        err = _error(HEADER + "1 2 3 4\n5 6 7 8\n9 10")
        assert err.line == 4
        assert "too many payoffs: expected 8 payoffs (4 profiles x 2 players), found 10" in str(err)

    def test_no_payoffs(self):
        err = _error(HEADER)
        assert "no payoffs" in str(err) and "8 payoffs" in str(err)

    def test_non_numeric_payoff(self):
        err = _error(HEADER + "1 2 3 4\n5 six 7 8")
        assert err.line == 3 and "non-numeric payoff 'six'" in str(err)

    def test_non_numeric_first_payoff(self):
        err = _error(HEADER + "one 2 3 4 5 6 7 8")
        assert err.line == 2 and "non-numeric payoff 'one'" in str(err)

    def test_garbled_number(self):
        err = _error(HEADER + "1 2 3 4 5 6 7\n1.2.3")
        assert err.line == 3 and "'1.2.3'" in str(err) and "non-numeric" in str(err)

    def test_zero_denominator(self):
        err = _error(HEADER + "1 2 3 4 5 6 7\n1/0")
        assert err.line == 3 and "'1/0'" in str(err) and "zero denominator" in str(err)

    def test_huge_exponent(self):
        err = _error('NFG 1 R "t" { "A" } { 1 }\n1e999999999')
        assert err.line == 2 and "out of range" in str(err)

    def test_comma_in_payoff_version(self):
        err = _error(HEADER + "1, 2 3 4 5 6 7 8")
        assert err.line == 2 and "','" in str(err)

    def test_outcome_index_out_of_range(self):
        err = _error(HEADER + '{ { "a" 1 2 } { "b" 3 4 } }\n1 2\n0 3')
        assert err.line == 4
        assert "outcome number '3' is out of range" in str(err) and "2 outcome(s)" in str(err)

    def test_outcome_index_not_an_integer(self):
        err = _error(HEADER + '{ { "a" 1 2 } }\n1 1 -1 0')
        assert err.line == 3 and "nonnegative integer" in str(err) and "'-1'" in str(err)

    def test_outcome_index_non_numeric(self):
        err = _error(HEADER + '{ { "a" 1 2 } }\n1 1 x 0')
        assert err.line == 3 and "outcome number" in str(err) and "'x'" in str(err)

    def test_too_few_outcome_numbers(self):
        err = _error(HEADER + '{ { "a" 1 2 } }\n1 1\n0')
        assert err.line == 4 and "expected 4" in str(err) and "found 3" in str(err)

    def test_too_many_outcome_numbers(self):
        err = _error(HEADER + '{ { "a" 1 2 } }\n1 1 0 0\n1')
        assert err.line == 4 and "too many outcome numbers" in str(err) and "found 5" in str(err)

    def test_outcome_with_too_few_payoffs(self):
        err = _error(HEADER + '{ { "a" 1 2 }\n{ "b" 3 } }\n1 2 1 2')
        assert err.line == 3 and "outcome 2 has 1 payoff(s), expected 2" in str(err)

    def test_outcome_with_too_many_payoffs(self):
        err = _error(HEADER + '{\n{ "a" 1 2 3 } }\n1 1 1 1')
        assert err.line == 3 and "outcome 1 has more than 2 payoff(s)" in str(err)

    def test_outcome_without_name(self):
        err = _error(HEADER + '{ { 1 2 } }\n1 1 1 1')
        assert err.line == 2 and "name of outcome 1" in str(err)

    def test_non_numeric_outcome_payoff(self):
        err = _error(HEADER + '{ { "a" 1 two } }\n1 1 1 1')
        assert err.line == 2 and "non-numeric payoff in outcome 1 'two'" in str(err)

    def test_unclosed_outcome_list(self):
        err = _error(HEADER + '{ { "a" 1 2 }\n')
        assert "'}' ending the outcome list" in str(err) and "end of file" in str(err)


class TestFileErrors:
    def test_file_not_found(self, tmp_path):
        path = tmp_path / "missing.nfg"
        with pytest.raises(GameFileError) as info:
            read_nfg(path)
        assert str(info.value) == f"{path}: file not found"

    def test_directory_is_unreadable(self, tmp_path):
        with pytest.raises(GameFileError) as info:
            read_nfg(tmp_path)
        assert str(info.value).startswith(str(tmp_path)) and "cannot read" in str(info.value)

    @pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                        reason="file permissions are not enforced for root or off POSIX")
    def test_permission_denied(self, tmp_path):
        path = tmp_path / "secret.nfg"
        path.write_text('NFG 1 R "" { "A" } { 1 } 0')
        path.chmod(0)
        try:
            with pytest.raises(GameFileError, match="cannot read"):
                read_nfg(path)
        finally:
            path.chmod(0o600)

    def test_not_utf8(self, tmp_path):
        path = tmp_path / "latin1.nfg"
        path.write_bytes('NFG 1 R "t"\n{ "Jos\u00e9" } { 1 } 0'.encode("latin-1"))
        with pytest.raises(GameFileError) as info:
            read_nfg(path)
        assert info.value.line == 2 and "not UTF-8" in str(info.value)
        assert str(info.value).startswith(f"{path}, line 2: ")

    def test_error_names_the_real_path(self, tmp_path):
        path = tmp_path / "bad.nfg"
        path.write_text('NFG 1 R "t" { "A" } { 1 }\n\nx\n')
        with pytest.raises(GameFileError) as info:
            read_nfg(path)
        assert str(info.value) == f"{path}, line 3: non-numeric payoff 'x'"
        assert info.value.path == str(path) and info.value.line == 3

    def test_default_source_name(self):
        with pytest.raises(GameFileError, match=r"^<string>, line 1: "):
            parse_nfg("nonsense")


class TestRobustness:
    def test_bytes_are_decoded(self):
        g = parse_nfg('NFG 1 R "Zoë" { "A" } { 1 } 2'.encode("utf-8"))
        assert g.title == "Zoë"

    def test_bad_bytes_and_non_text(self):
        with pytest.raises(GameFileError, match="not UTF-8"):
            parse_nfg(b'NFG 1 R "\xff" { "A" } { 1 } 2')
        with pytest.raises(GameFileError, match="expected the text"):
            parse_nfg(12)  # type: ignore[arg-type]

    def test_mutated_files_raise_only_game_file_errors(self):
        """Random edits of valid files either parse or raise GameFileError, never another error."""
        import random

        bases = [(DATA / name).read_text(encoding="utf-8")
                 for name in ("game3x2_payoff.nfg", "game3x2_outcome.nfg")]
        alphabet = list('{}",\\ \n0123456789-+./eE@xRDNFG') + ["1e5000", "\x00", "\u00a0"]
        rng = random.Random(20240611)
        outcomes = {"parsed": 0, "rejected": 0}
        for _ in range(1500):
            chars = list(rng.choice(bases))
            for _ in range(rng.randint(1, 3)):
                pos = rng.randrange(len(chars))
                if rng.random() < 0.5:
                    del chars[pos]
                else:
                    chars.insert(pos, rng.choice(alphabet))
            try:
                parse_nfg("".join(chars))
                outcomes["parsed"] += 1
            except GameFileError as exc:
                assert exc.line is not None and "\n" not in str(exc)
                outcomes["rejected"] += 1
        assert outcomes["parsed"] > 0 and outcomes["rejected"] > 0


# --------------------------------------------------------------------------- pygambit
def test_pygambit_reads_what_we_write(tmp_path):
    """Optional live check against Gambit's own parser (skipped without pygambit)."""
    gbt = pytest.importorskip("pygambit", reason="pygambit is optional; this checks "
                                                 "Gambit reads our files")
    g = NormalFormGame([np.array(a, dtype=object) for a in (
        [[[1, F(1, 2)], [0, 3]], [[-2, 4], [F(7, 3), 0]]],
        [[[0, 1], [2, 3]], [[4, 5], [6, 7]]],
        [[[F(-1, 4), 9], [8, 7]], [[6, 5], [4, 3]]])],
        players=["Alice", "Bob", 'Carol "C"'],
        actions=[["a 1", "a2"], ["b1", "b2"], ["c1", "c2"]], title="check")
    path = tmp_path / "check.nfg"
    write_nfg(g, path)
    theirs = gbt.read_nfg(str(path))
    arrays = theirs.to_arrays()
    for mine, other in zip(g.payoffs, arrays):
        assert [F(str(x)) for x in np.asarray(other).ravel()] == list(mine.ravel())


def test_description_round_trips_as_the_comment():
    g = NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]], title="t",
                                     description='Two lines,\nwith "quotes"')
    text = format_nfg(g)
    assert '"Two lines,\nwith \\"quotes\\""' in text
    back = parse_nfg(text)
    assert back == g and back.description == g.description


@pytest.mark.parametrize("reader", ["read_nfg", "read_efg", "read_tu", "read_conflict", "load_model"])
def test_every_reader_reports_a_missing_file_as_a_game_file_error(reader, tmp_path):
    path = tmp_path / "missing.file"
    with pytest.raises(GameFileError, match="missing.file: (file not found|no such file)"):
        getattr(gt, reader)(path)


@pytest.mark.parametrize("writer, name", [("write_nfg", "chicken"), ("write_efg", "selten-horse")])
def test_writers_report_an_unwritable_path_and_leave_nothing(writer, name, tmp_path):
    target = tmp_path / "no-such-folder" / "out.game"
    with pytest.raises(GameFileError, match="cannot write file"):
        getattr(gt, writer)(gt.read_game(name), target)
    assert not (tmp_path / "no-such-folder").exists()
    existing = tmp_path / "kept.game"
    existing.write_text("old")
    getattr(gt, writer)(gt.read_game(name), existing)
    assert existing.read_text() != "old" and [p.name for p in tmp_path.iterdir()] == ["kept.game"]
