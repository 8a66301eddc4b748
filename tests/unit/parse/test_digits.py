"""Splitting glued digit runs by the table's identities (RULES.md PARSE)."""

from __future__ import annotations

from gik_desk.parse.digits import split_run, split_tokens


def test_total_row_run_has_one_split() -> None:
    # TEMPLATES.md: （七）总计350010036 = 35·0·0·1·0·0·36
    assert split_run("350010036", (7,)) == [(35, 0, 0, 1, 0, 0, 36)]


def test_new_row_run_has_one_split() -> None:
    # 41·2·0·0·0·0·43 printed together
    assert split_run("412000043", (7,)) == [(41, 2, 0, 0, 0, 0, 43)]


def test_all_zero_row() -> None:
    assert split_run("0000000", (7,)) == [(0,) * 7]


def test_ambiguous_run_keeps_every_split() -> None:
    # 11 applications from natural persons, or 1 natural + 10 business: the run cannot say
    assert split_run("110000011", (7,)) == [(1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)]
    assert len(split_run("111000012", (7,))) == 3


def test_run_that_fits_no_split_gives_nothing() -> None:
    assert split_run("9999999", (7,)) == []


def test_no_leading_zeros_in_parts() -> None:
    for option in split_run("3010000040", (7,)):
        assert option == (30, 10, 0, 0, 0, 0, 40)


def test_appeals_row_three_groups_of_five() -> None:
    assert split_run("100011000100000", (5, 5, 5)) == [
        (1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0)
    ]


def test_split_respects_printed_boundaries() -> None:
    assert split_tokens(["41", "2000043"], (7,)) == [[(41,), (2, 0, 0, 0, 0, 43)]]
    assert split_tokens(["4", "12000043"], (7,)) == []


def test_overlong_run_is_not_searched() -> None:
    assert split_run("1" * 80, (7,)) == []
