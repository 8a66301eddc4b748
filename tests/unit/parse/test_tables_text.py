"""Tables from the text layouts: glued digit runs, signed and unit cells, missing rows."""

from __future__ import annotations

from parse_seeds import report_at, seed

from gik_desk.model import Document, Fill, GridCell, NativeTable, Span
from gik_desk.parse import parse_document

_HEAD = "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,某某区坚持公开。\n"
_APP_HEAD = "三、收到和处理政府信息公开申请情况\n"
_APP_ROWS_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果(一)予以公开",
    "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "(三)不予公开1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "(四)无法提供1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "(五)不予处理1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "(六)其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "(七)总计",
    "四、结转下年度继续办理",
]
_TAIL = "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n"


def _doc(text: str, tables: tuple[NativeTable, ...] = ()) -> Document:
    return Document(source="t.txt", kind="txt", text=text, sha256="x", tables=tables)


def _glued_table(rows: dict[int, str]) -> str:
    """表三 copied from a web page: each row's cells run together after its label."""
    body = "".join(label + rows.get(i, "0000000") for i, label in enumerate(_APP_ROWS_2021))
    return _HEAD + _APP_HEAD + body + "\n" + _TAIL


def test_glued_runs_split_uniquely_are_derived() -> None:
    text = _glued_table({0: "412000043", 2: "412000043", 23: "412000043"})
    (r,) = parse_document(_doc(text))
    t = r.tables["applications"]
    assert t.template == "t2021"
    assert [t.value("new", c) for c in ("natural", "business", "other", "total")] == [41, 2, 0, 43]
    cell = t.cell("new", "total")
    assert cell is not None
    assert cell.derived
    assert text[cell.span.start : cell.span.end] == "43"
    natural = t.cell("new", "natural")
    assert natural is not None
    assert text[natural.span.start : natural.span.end] == "41"
    assert any(d.row == "new" and d.options == ((41, 2, 0, 0, 0, 0, 43),) for d in t.derivations)
    assert t.complete


def test_next_ordinal_glued_onto_last_number_is_peeled_off() -> None:
    # "…属于国家秘密00000012.其他法律…": the "2." belongs to the next row's label
    text = _glued_table({4: "1000001"})
    (r,) = parse_document(_doc(text))
    t = r.tables["applications"]
    assert t.value("withheld.secret", "natural") == 1
    assert t.value("withheld.secret", "total") == 1
    assert t.value("withheld.law", "total") == 0
    assert not t.missing


def test_ambiguous_split_decides_nothing() -> None:
    # 110000011 = 1·10·…·11 or 11·0·…·11; nothing else in the table tells them apart
    text = _glued_table({2: "110000011", 0: "0000000", 23: "0000000"})
    (r,) = parse_document(_doc(text))
    t = r.tables["applications"]
    d = next(d for d in t.derivations if d.row == "granted")
    assert set(d.options) == {(1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)}
    natural = t.cell("granted", "natural")
    assert natural is not None
    assert natural.value is None
    assert set(natural.alternatives) == {1, 11}
    total = t.cell("granted", "total")
    assert total is not None
    assert total.value == 11
    assert not t.complete


def test_ambiguous_split_settled_by_column_identities() -> None:
    # new: 1 natural + 10 business = 11; granted "110000011" must then be 1·10·…·11
    rows = {0: "1 10 0 0 0 0 11", 2: "110000011", 23: "1 10 0 0 0 0 11"}
    body = []
    for i, label in enumerate(_APP_ROWS_2021):
        cells = rows.get(i, "0 0 0 0 0 0 0")
        body.append(f"{label} | {cells.replace(' ', ' | ')} |\n")
    text = _HEAD + _APP_HEAD + "".join(body) + _TAIL
    (r,) = parse_document(_doc(text))
    t = r.tables["applications"]
    assert t.value("granted", "natural") == 1
    assert t.value("granted", "business") == 10
    assert t.cell("granted", "natural").derived  # type: ignore[union-attr]
    assert t.complete


def test_missing_row_is_listed_and_table_incomplete() -> None:
    lines = [f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" for label in _APP_ROWS_2021]
    del lines[16]  # 2.重复申请
    (r,) = parse_document(_doc(_HEAD + _APP_HEAD + "".join(lines) + _TAIL))
    t = r.tables["applications"]
    assert ("rejected.repeat", "natural") in t.missing
    assert t.cell("rejected.repeat", "total").fill is Fill.MISSING  # type: ignore[union-attr]
    assert not t.complete


def test_unplaced_values_are_unread_not_dropped() -> None:
    lines = [f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" for label in _APP_ROWS_2021]
    lines.insert(3, "(八)某种新的处理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n")
    (r,) = parse_document(_doc(_HEAD + _APP_HEAD + "".join(lines) + _TAIL))
    t = r.tables["applications"]
    assert [u.text for u in t.unread] == ["5", "0", "0", "0", "0", "0", "5"]


def test_procurement_units_and_signed_changes_tianqiao_2020() -> None:
    r = report_at(seed("001"), 2)
    t = r.tables["active"]
    assert t.template == "t2019"
    proj = t.cell("procurement", "projects")
    amount = t.cell("procurement", "amount")
    change = t.cell("licensing", "change")
    plus = t.cell("other_services", "change")
    assert proj is not None
    assert amount is not None
    assert change is not None
    assert plus is not None
    assert (proj.value, proj.raw, proj.unit) == (7710, "7710(次)", "次")
    assert r.text[proj.span.start : proj.span.end] == "7710"
    assert (amount.value, amount.unit) == (104367.118823, "万元")
    assert r.text[amount.span.start : amount.span.end] == "104367.118823"
    assert r.text[change.span.start : change.span.end] == "-32"
    assert change.value == -32
    assert r.text[plus.span.start : plus.span.end] == "+163"
    assert plus.value == 163


def test_truncated_and_variant_labels_are_kept_as_printed() -> None:
    t4 = report_at(seed("000"), 0).tables["appeals"]
    cols = {lab.key: lab.text for lab in t4.labels if lab.axis == "col"}
    assert cols["review.corrected"] == "结果"
    assert cols["review.pending"] == "尚未"
    t3 = report_at(seed("002"), 0).tables["applications"]
    rows = {lab.key: lab.text for lab in t3.labels if lab.axis == "row"}
    assert "预期不补正" in rows["other.no_supplement"]
    t2 = report_at(seed("003"), 0).tables["active"]
    assert {lab.key: lab.text for lab in t2.labels}["normative"] == "规范性文件"
    assert t2.template == "t2021"


def _grid_row(text: str, row: str, cells: list[str]) -> NativeTable:
    """A one-row grid over ``row`` (written ``a | b | c |``) in ``text``."""
    start = text.index(row)
    out = []
    pos = start
    for i, c in enumerate(cells):
        at = text.index(c, pos) if c else pos
        out.append(GridCell(0, i, c, Span(at, at + len(c))))
        pos = at + len(c) + (3 if c else 2)
    return NativeTable(tuple(out), 1, len(cells), Span(start, start + len(row)))


def test_grid_blank_is_blank_not_debris() -> None:
    row = "行政许可 |  |\n"
    text = _HEAD + "二、主动公开政府信息情况\n" + row + _APP_HEAD + _TAIL
    (r,) = parse_document(_doc(text, (_grid_row(text, row, ["行政许可", ""]),)))
    c = r.tables["active"].cell("licensing", "decisions")
    assert c is not None
    assert c.fill is Fill.BLANK
    assert c.value is None


def test_empty_sub_label_cell_before_values_is_layout_hongze_2024() -> None:
    # "（六）其他处理 |  | 0 | … |": the empty cell is the sub-label column, not 自然人
    lines = [f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" for label in _APP_ROWS_2021]
    lines[23] = "(七)总计 |  | 9 | 0 | 0 | 0 | 0 | 0 | 9 |\n"
    text = _HEAD + _APP_HEAD + "".join(lines) + _TAIL
    grid = _grid_row(text, lines[23], ["(七)总计", "", "9", "0", "0", "0", "0", "0", "9"])
    (r,) = parse_document(_doc(text, (grid,)))
    t = r.tables["applications"]
    assert t.value("total", "natural") == 9
    assert t.value("total", "total") == 9
    assert not t.unread


def test_numbers_printed_before_their_label_hongze_2023() -> None:
    # PDF page break: "3 0 0 0 0 0 3" then "2.没有现成信息需要另行制作" then "- 3 -"
    lines = [f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" for label in _APP_ROWS_2021]
    lines[13] = "3 0 0 0 0 0 3\n2.没有现成信息需要另行制作\n- 3 -\n"
    (r,) = parse_document(_doc(_HEAD + _APP_HEAD + "".join(lines) + _TAIL))
    t = r.tables["applications"]
    assert t.value("unable.needs_making", "natural") == 3
    assert t.value("unable.needs_making", "total") == 3
    assert t.value("unable.not_held", "total") == 0
    assert not t.unread
    assert t.complete


def test_table_found_without_its_section_heading() -> None:
    lines = [f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" for label in _APP_ROWS_2021]
    lines[0] = "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
    text = (
        _HEAD
        + "表三\n申请人情况 | 自然人 |\n"
        + "".join(lines)
        + "五、存在的主要问题及改进情况\n无。\n"
    )
    (r,) = parse_document(_doc(text))
    t = r.tables["applications"]
    assert t.value("new", "total") == 5
    assert t.complete


def test_grid_text_where_a_number_belongs_is_a_text_fill() -> None:
    row = "规章 | 0 | 不适用 | 3 |\n"
    text = _HEAD + "二、主动公开政府信息情况\n" + row + _APP_HEAD + _TAIL
    grid = _grid_row(text, row, ["规章", "0", "不适用", "3"])
    (r,) = parse_document(_doc(text, (grid,)))
    t = r.tables["active"]
    c = t.cell("rules", "repealed")
    assert c is not None
    assert c.fill is Fill.TEXT
    assert c.value is None
    assert c.raw == "不适用"
    assert t.value("rules", "in_force") == 3


def test_nothing_between_two_bars_in_a_row_line_is_a_blank_cell() -> None:
    # ingest writes a blank HTML/DOCX cell as nothing between two bars: "0 | 0 |  | 0"
    lines = [f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" for label in _APP_ROWS_2021]
    lines[11] = "8.属于行政查询事项 | 2 | 0 | 0 |  | 0 | 0 | 2 |\n"
    lines[22] = "3.其他 |  | 1 | 0 | 0 | 0 | 0 | 1 | |||\n"
    text = _HEAD + _APP_HEAD + "".join(lines) + _TAIL
    (r,) = parse_document(_doc(text))
    t = r.tables["applications"]
    ngo = t.cell("withheld.query", "ngo")
    assert ngo is not None
    assert ngo.fill is Fill.BLANK
    assert ngo.value is None
    assert t.value("withheld.query", "total") == 2
    natural = t.cell("other.other", "natural")
    assert natural is not None
    assert natural.fill is Fill.BLANK
    assert t.value("other.other", "total") == 1
    assert not t.unread
