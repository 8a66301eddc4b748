"""Figures read from the prose, with the span of their digits (narrative.py)."""

from __future__ import annotations

from parse_seeds import report_at, seed

from gik_desk.model import Report


def _figs(r: Report) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for f in r.narrative:
        out.setdefault(f.key, []).append(f.value)
        assert r.text[f.span.start : f.span.end] == str(f.value)
        assert f.clause is not None
        assert f.clause.contains(f.span)
    return out


def test_tianqiao_2018_pre2019_figures() -> None:
    r = report_at(seed("001"), 4)
    assert r.year == 2018
    assert r.template == "pre2019"
    assert r.tables == {}
    figs = _figs(r)
    # "共收到公开政府信息申请283件" and, in its own clause, "共办结政府信息公开申请283件"
    assert figs["applications.received"] == [283]
    assert figs["applications.answered"] == [283]
    assert figs["appeals.review.total"] == [52]
    assert figs["appeals.suit.total"] == [38]


def test_dongsheng_2024_received_eight() -> None:
    r = report_at(seed("002"), 0)
    (fig,) = [f for f in r.narrative if f.key == "applications.received"]
    assert fig.value == 8
    assert r.text[fig.span.start : fig.span.end] == "8"
    assert "全年共受理政府信息公开申请8件" in r.text[fig.clause.start : fig.clause.end]


def test_jianye_2023_answered_and_review() -> None:
    figs = _figs(report_at(seed("003"), 0))
    assert figs["applications.answered"] == [18]  # "共答复办结18件政府信息公开申请"
    assert figs["appeals.review.total"] == [1]  # "其中被提起行政复议1件"


def test_tianqiao_2022_handled_clause_is_left_alone() -> None:
    # "办理政府信息公开申请333件" does not say received or answered: not read
    figs = _figs(report_at(seed("001"), 0))
    assert "applications.received" not in figs
    assert "applications.answered" not in figs


def test_table_cells_are_not_narrative() -> None:
    r = report_at(seed("000"), 0)
    tables = [t.span for t in r.tables.values() if t.span]
    for f in r.narrative:
        assert not any(s.contains(f.span) for s in tables)
    assert _figs(r)["applications.received"] == [32]  # "受理依申请公开申请32件"


def test_numbers_in_words_are_not_read_nankai_2024() -> None:
    # "本年度我办收到行政复议两件" has no digits; the digit clause earlier says 2
    assert _figs(report_at(seed("000"), 0))["appeals.review.total"] == [2]
