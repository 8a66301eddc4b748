"""Each crawled-page layout of docs/LAYOUTS.md, on its minimal excerpt (issue 9).

The excerpts are cut from the real Putian reports in tests/data/real; where a layout was met
elsewhere (``1`` / ``62``, a residue line inside a row), the excerpt is built the same way.
Values asserted here are read off the excerpt by hand.
"""

from __future__ import annotations

from gik_desk.model import Document, Fill, Report
from gik_desk.parse import parse_document
from gik_desk.rules import audit

_HEAD = (
    "标题: 莆田市某某局2021年度政府信息公开工作年度报告\n发布时间: 2022-01-15 17:43\n正文:\n"
    "一、总体情况\n2021\n年，我局坚持公开。\n二、主动公开政府信息情况\n"
    "第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n"
)
_APP_HEAD = (
    "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
    "申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n"
)
_APPEALS = (
    "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n"
    "总计\n未经复议直接起诉\n复议后起诉\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n"
    "结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n0\n五、存在的主要问题及改进情况\n无。\n"
    "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
)
# 表三 in the 2021 template, every row but the ones a test gives: a lone 0 (all-zero row)
_ROWS = (
    ("一、本年新收政府信息公开申请数量", "new"),
    ("二、上年结转政府信息公开申请数量", "carried_in"),
    ("三、本年度办理结果\n（一）予以公开", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
    ("（三）不予公开\n1.属于国家秘密", "withheld.secret"),
    ("2.其他法律行政法规禁止公开", "withheld.law"),
    ("3.危及“三安全一稳定”", "withheld.safety"),
    ("4.保护第三方合法权益", "withheld.third_party"),
    ("5.属于三类内部事务信息", "withheld.internal"),
    ("6.属于四类过程性信息", "withheld.process"),
    ("7.属于行政执法案卷", "withheld.enforcement"),
    ("8.属于行政查询事项", "withheld.query"),
    ("（四）无法提供\n1.本机关不掌握相关政府信息", "unable.not_held"),
    ("2.没有现成信息需要另行制作", "unable.needs_making"),
    ("3.补正后申请内容仍不明确", "unable.unclear"),
    ("（五）不予处理\n1.信访举报投诉类申请", "rejected.petition"),
    ("2.重复申请", "rejected.repeat"),
    ("3.要求提供公开出版物", "rejected.publication"),
    ("4.无正当理由大量反复申请", "rejected.mass"),
    ("5.要求行政机关确认或重新出具已获取信息", "rejected.confirm"),
    (
        "（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other.no_supplement",
    ),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.no_fee"),
    ("3.其他", "other.other"),
    ("（七）总计", "total"),
    ("四、结转下年度继续办理", "carried_out"),
)
_COLS = ("natural", "business", "research", "ngo", "legal", "other", "total")


def _report(active: str, rows: dict[str, str]) -> Report:
    body = "".join(f"{label}\n{rows.get(key, '0')}\n" for label, key in _ROWS)
    text = _HEAD + active + _APP_HEAD + body + _APPEALS
    (r,) = parse_document(Document("t.txt", "txt", text, "x"))
    return r


def _row(r: Report, row: str) -> list[object]:
    t = r.tables["applications"]
    return [t.cells[row, c].value for c in _COLS]


def test_collapsed_run_expands_by_the_row_and_column_identities() -> None:
    # 莆田市水利局 2021 (005 lines 191-193): 3 / 0 / 3 is 3,0,0,0,0,0,3
    r = _report(
        "规章\n0\n行政规范性文件\n0\n", {"new": "3\n0\n3", "granted": "3\n0\n3", "total": "3\n0\n3"}
    )
    assert _row(r, "new") == [3, 0, 0, 0, 0, 0, 3]
    cells = r.tables["applications"].cells
    assert cells["new", "business"].derived
    assert cells["new", "business"].span == cells["new", "ngo"].span  # both from the one "0"
    assert r.text[cells["new", "business"].span.start] == "0"
    assert r.tables["applications"].complete
    assert not [f for f in audit([r]) if f.severity == "error"]


def test_lone_zero_is_an_all_zero_row_and_table_four() -> None:
    r = _report("规章\n0\n行政规范性文件\n0\n", {})
    assert _row(r, "withheld.law") == [0] * 7
    appeals = r.tables["appeals"]
    assert appeals.complete
    assert {c.value for c in appeals.cells.values()} == {0}


def test_a_middle_value_is_placed_by_the_column_identities() -> None:
    # 2 / 1 / 0 / 3 = 2,1,0,0,0,0,3 only: the 1 is in 商业企业 because the columns balance
    rows = {"new": "2\n1\n0\n3", "granted": "2\n1\n0\n3", "total": "2\n1\n0\n3"}
    r = _report("规章\n0\n行政规范性文件\n0\n", rows)
    assert _row(r, "new") == [2, 1, 0, 0, 0, 0, 3]
    assert _row(r, "total") == [2, 1, 0, 0, 0, 0, 3]


def test_a_placement_the_identities_leave_open_is_named_unread() -> None:
    # 0 / 5 / 0 / 5 in every row that carries it: the 5 could sit in any of the five
    # middle columns and every identity still holds, so those cells stay unread
    rows = {"new": "0\n5\n0\n5", "granted": "0\n5\n0\n5", "total": "0\n5\n0\n5"}
    r = _report("规章\n0\n行政规范性文件\n0\n", rows)
    t = r.tables["applications"]
    assert t.cells["new", "natural"].value == 0
    assert t.cells["new", "total"].value == 5
    assert t.cells["new", "business"].value is None
    assert set(t.cells["new", "business"].alternatives) == {0, 5}
    assert not t.complete
    parse = [f for f in audit([r]) if f.rule == "PARSE" and "applications" in f.key]
    assert any("无法从原文唯一确定" in f.message for f in parse)


def test_a_number_split_over_two_lines_is_joined() -> None:
    # 1 / 62 = 162, met on crawled pages: the row balances only with both joins, and the
    # columns (予以公开 and 总计 printed whole) agree only with them
    rows = {"new": "1\n62\n0\n1\n62", "granted": "162\n0\n162", "total": "162\n0\n162"}
    r = _report("规章\n0\n行政规范性文件\n0\n", rows)
    assert _row(r, "new") == [162, 0, 0, 0, 0, 0, 162]
    cell = r.tables["applications"].cells["new", "natural"]
    assert cell.derived
    assert r.text[cell.span.start : cell.span.end] == "1\n62"


def test_table_two_ambiguity_is_named_never_guessed() -> None:
    # 莆田市文化和旅游局 2023 (015 lines 106-107): 0 / 2 for three columns
    r = _report("规章\n0\n行政规范性文件\n0\n2\n", {})
    t = r.tables["active"]
    assert t.cells["normative", "issued"].value == 0
    assert t.cells["normative", "in_force"].value == 2
    assert t.cells["normative", "repealed"].value is None
    assert sorted(t.cells["normative", "repealed"].alternatives) == [0, 2]
    assert t.cells["rules", "in_force"].value == 0  # a lone 0: 0,0,0


def test_browser_residue_inside_a_row_is_dropped() -> None:
    r = _report(
        "规章\n0\n行政规范性文件\n0\n",
        {"new": "3\n翻译\n0\n3", "granted": "3\n0\n3", "total": "3\n0\n3"},
    )
    assert _row(r, "new") == [3, 0, 0, 0, 0, 0, 3]


def test_label_split_per_character_and_over_lines() -> None:
    # 莆田市人民政府办公室 2019 (016 lines 385-408): 表四 header one character per line;
    # 社 / 会公益组织 (016 309-310)
    app_head = _APP_HEAD.replace("社会公益组织", "社\n会公益组织")
    appeals = _APPEALS.replace("结果维持\n结果纠正", "结\n果\n维\n持\n结果\n纠正")
    rows = "".join(f"{label}\n0\n" for label, _ in _ROWS)
    text = _HEAD + "规章\n0\n行政规范性文件\n0\n" + app_head + rows + appeals
    (r,) = parse_document(Document("t.txt", "txt", text, "x"))
    labels = {(s.key, s.text) for s in r.tables["applications"].labels if s.axis == "col"}
    assert ("ngo", "社会公益组织") in labels
    appeals = {(s.key, s.text) for s in r.tables["appeals"].labels if s.axis == "col"}
    assert ("review.upheld", "结果维持") in appeals
    assert ("review.corrected", "结果纠正") in appeals
    assert not [f for f in audit([r]) if f.rule == "TPL-LABEL"]


def test_ordinal_on_its_own_line_is_a_label() -> None:
    from gik_desk.parse.tokens import tokenize

    text = "其中：\n1\n、政府网站公开数\n条\n58\n2800\n"
    toks = tokenize(Document("t.txt", "txt", text, "x"), 0, len(text))
    assert [t.text for t in toks if not t.is_label] == ["58", "2800"]
    assert "1、政府网站公开数" in [t.text for t in toks]


def test_heading_printed_twice_keeps_the_table_in_its_section() -> None:
    # 016 line 382: 五、存在的主要问题及改进情况 printed before 表四 and again after it
    appeals = _APPEALS.replace(
        "行政复议\n行政诉讼\n", "五、存在的主要问题及改进情况\n行政复议\n行政诉讼\n", 1
    )
    text = (
        _HEAD
        + "规章\n0\n行政规范性文件\n0\n"
        + _APP_HEAD
        + "".join(f"{label}\n0\n" for label, _ in _ROWS)
        + appeals
    )
    (r,) = parse_document(Document("t.txt", "txt", text, "x"))
    assert r.tables["appeals"].complete
    assert [s.key for s in r.sections].count("problems") == 1


def test_numbers_split_in_prose_are_read_whole() -> None:
    # 莆田市审计局 2025 (012 lines 13-14, 50-51): 202 / 5 and 2 / 4份
    from parse_seeds import REAL

    from gik_desk.parse import parse_path

    (r,), _ = parse_path(REAL / "012_putian-audit_2025.txt")
    assert r.year == 2025
    assert r.layout == "lines"
    sums = [f for f in audit([r]) if f.rule in ("TEXT-SUM", "TEXT-PART")]
    assert not sums  # "24份, 其中 8 + 5 + 1 + 10" read as 24, not 2


def test_units_and_signs_inside_cells_in_line_layout() -> None:
    from parse_seeds import REAL

    from gik_desk.parse import parse_path

    (r,), _ = parse_path(REAL / "016_putian-city-govoffice_2019.txt")
    c = r.tables["active"].cells["other_services", "change"]
    assert (c.value, c.fill, c.derived) == (1, Fill.NUMBER, False)
    assert r.text[c.span.start : c.span.end] == "+1"
    (r,), _ = parse_path(REAL / "010_putian-statistics_2019.txt")
    amount = r.tables["active"].cells["procurement", "amount"]
    assert (amount.value, amount.unit) == (1.1499, "万元")


def test_place_only_title_names_the_organ_the_text_names() -> None:
    from gik_desk.parse.header import place_body

    # 莆田市 2015 (023): the text names 莆田市人民政府; a zone named by its 管委会 stays so
    assert place_body("莆田市人民政府信息公开办公室汇总…", "莆田市") == "莆田市人民政府"
    zone = "平潭综合实验区管委会办公室…平潭综合实验区管委会"
    assert place_body(zone, "平潭综合实验区") == "平潭综合实验区管委会"
    assert place_body("（正文未提及机关）", "某某县") == "某某县人民政府"


def test_a_figure_merged_with_the_next_rows_ordinal_is_read_where_only_it_balances() -> None:
    # 2 / 0 / 2 then 2 / 、其他法律… collapses to 2 / 0 / 2 / 、其他…: the last 2 is both
    # the row's 总计 and the next row's ordinal (013-style ordinals on crawled pages)
    body = "".join(f"{label}\n{'0'}\n" for label, _ in _ROWS)
    body = body.replace(
        "（三）不予公开\n1.属于国家秘密\n0\n2.其他法律行政法规禁止公开\n0\n",
        "（三）不予公开\n1\n、属于国家秘密\n2\n0\n2\n、其他法律行政法规禁止公开\n0\n",
    )
    body = body.replace("（七）总计\n0\n", "（七）总计\n2\n0\n2\n")
    body = body.replace(
        "一、本年新收政府信息公开申请数量\n0\n", "一、本年新收政府信息公开申请数量\n2\n0\n2\n"
    )
    text = _HEAD + "规章\n0\n行政规范性文件\n0\n" + _APP_HEAD + body + _APPEALS
    (r,) = parse_document(Document("t.txt", "txt", text, "x"))
    assert _row(r, "withheld.secret") == [2, 0, 0, 0, 0, 0, 2]
    assert _row(r, "withheld.law") == [0] * 7
    assert r.tables["applications"].complete
