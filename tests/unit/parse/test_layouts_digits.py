"""The layout classes of issue 25 (docs/LAYOUTS.md "Digit runs, converters' tables, number
forms"), each with a minimal invented excerpt: separators as hints, runs the identities
determine, converters' markdown, odd number forms. Expected values keyed by hand."""

from __future__ import annotations

from table_render import APP_LABELS

from gik_desk.model import Document, Fill, GridCell, NativeTable, Report, Span, Table
from gik_desk.parse import parse_document
from gik_desk.parse.numbers import read_cell
from gik_desk.parse.tokens import tokenize

_HEAD = "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,某某区坚持公开。\n"
_APP_HEAD = "三、收到和处理政府信息公开申请情况\n"
_TAIL = "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n"
_COLS = ("natural", "business", "research", "ngo", "legal", "other", "total")


def _report(text: str) -> Report:
    (r,) = parse_document(Document(source="t.txt", kind="txt", text=text, sha256="x"))
    return r


def _row(t: Table, row: str) -> list[float | None]:
    return [t.value(row, c) for c in _COLS]


def _runs(rows: dict[str, str], glue: str = "") -> Table:
    """表三 one row per line, each row's figures after its label (``glue`` between them);
    rows not given print as the glued all-zero run ``0000000``."""
    body = "".join(f"{label}{glue}{rows.get(key, '0000000')}\n" for key, label in APP_LABELS)
    return _report(_HEAD + _APP_HEAD + body + _TAIL).tables["applications"]


def test_a_space_in_a_run_is_one_boundary_not_all() -> None:
    # 45|0|0|0|0|0|45 printed as 450 000045: reading 450 as 自然人 would be a wrong figure
    run = "450 000045"
    t = _runs({"new": run, "granted": run, "total": run})
    for row in ("new", "granted", "total"):
        assert _row(t, row) == [45, 0, 0, 0, 0, 0, 45]
    cell = t.cell("new", "natural")
    assert cell is not None
    assert cell.derived
    assert cell.raw == "450 000045"


def test_a_run_its_own_row_sum_determines_is_read() -> None:
    # 583000061: only 58|3|0|0|0|0|61 adds up
    t = _runs({"new": "583000061", "granted": "583000061", "total": "583000061"}, glue=" ")
    assert _row(t, "new") == [58, 3, 0, 0, 0, 0, 61]
    assert t.complete


def test_a_run_glued_to_its_label_is_placed_by_the_columns() -> None:
    # granted 110000011 is 1|10|… or 11|0|…; the printed 新收 and 总计 rows say 1 and 10
    rows = {"new": "1 10 0 0 0 0 11", "granted": "110000011", "total": "1 10 0 0 0 0 11"}
    t = _runs(rows)
    assert _row(t, "granted") == [1, 10, 0, 0, 0, 0, 11]


def test_a_run_the_identities_leave_open_is_unread_with_alternatives() -> None:
    t = _runs({"new": "110000011", "granted": "110000011", "total": "110000011"})
    cell = t.cell("granted", "natural")
    assert cell is not None
    assert cell.value is None
    assert set(cell.alternatives) == {1, 11}
    assert t.value("granted", "total") == 11  # every reading agrees on it
    assert not t.complete


def test_all_zero_rows_glued_to_their_labels() -> None:
    t = _runs({})
    assert all(v == 0 for row, _ in APP_LABELS for v in _row(t, row))


def test_thousands_separated_by_a_no_break_or_thin_space_stay_one_number() -> None:
    row = "1\u00a0234 0 0 0 0 0 1\u2009234"
    t = _runs({"new": row, "granted": row, "total": row}, glue=" ")
    assert _row(t, "new") == [1234, 0, 0, 0, 0, 0, 1234]
    cell = t.cell("new", "natural")
    assert cell is not None
    assert cell.raw == "1 234"


def test_parentheses_and_percent_in_a_count_cell_are_unread_with_their_text() -> None:
    lines = []
    for key, label in APP_LABELS:
        cells = {"new": "(8) | 0 | 0 | 0 | 0 | 0 | 8%"}.get(key, "0 | 0 | 0 | 0 | 0 | 0 | 0")
        lines.append(f"{label} | {cells} |\n")
    t = _report(_HEAD + _APP_HEAD + "".join(lines) + _TAIL).tables["applications"]
    for col, printed in (("natural", "(8)"), ("total", "8%")):
        cell = t.cell("new", col)
        assert cell is not None
        assert (cell.value, cell.fill, cell.raw) == (None, Fill.TEXT, printed)


def test_invented_header_words_are_never_figures() -> None:
    text = "| 申请人情况 | 数据1 | 列1 | 第1列 | Column1 |\n"
    doc = Document(source="t.md", kind="txt", text=text, sha256="x")
    assert [t.text for t in tokenize(doc, 0, len(text)) if not t.is_label] == []


_MD_RULE = "|---|---|---|---|---|---|---|---|\n"
_MD_DATA = "| 申请人情况 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |\n" + _MD_RULE
_MD_OTHER = (
    "| 项目 | 自然人 | 总计 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
    + _MD_RULE
)
_MD_BLANK = (
    "| 申请人情况 | 自然人 | 法人或其他组织 | - | - | - | - | 总计 |\n"
    "| - | - | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | - |\n\n"
)


def _markdown(values: dict[str, list[int]], appeals: list[list[int]]) -> Report:
    """A converter's markdown: 表三 one small table per row group under invented headers
    (the last one naming other columns than it holds), 表四 one table per group."""
    cut = (0, 2, 4, 12, 15, 20, 23, len(APP_LABELS))
    body = _MD_BLANK
    for k in range(len(cut) - 1):
        body += _MD_OTHER if k == len(cut) - 2 else _MD_DATA
        for key, label in APP_LABELS[cut[k] : cut[k + 1]]:
            body += f"| {label} | " + " | ".join(map(str, values.get(key, [0] * 7))) + " |\n"
        body += "\n"
    body += "## 四、政府信息公开行政复议、行政诉讼情况\n\n"
    groups = ("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")
    for name, v in zip(groups, appeals, strict=True):
        body += f"| {name} | | | | |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
        body += "|---|---|---|---|---|\n| " + " | ".join(map(str, v)) + " |\n\n"
    head = "某某区人民政府2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n某某区坚持公开。\n\n"
    text = (
        head
        + "## 三、收到和处理政府信息公开申请情况\n\n"
        + body
        + "## 五、存在的主要问题\n\n无。\n"
    )
    return _report(text)


def test_converters_markdown_per_group_tables_and_table_four_in_three_pieces() -> None:
    row = [1, 2, 0, 0, 0, 0, 3]
    r = _markdown(
        {"new": row, "granted": row, "total": row},
        [[1, 0, 0, 0, 1], [0, 1, 0, 0, 1], [0, 0, 0, 2, 2]],
    )
    t = r.tables["applications"]
    assert _row(t, "new") == [1, 2, 0, 0, 0, 0, 3]  # never the 1 of 数据1
    assert _row(t, "total") == [1, 2, 0, 0, 0, 0, 3]  # template order under 自然人 | 总计 | …
    assert _row(t, "carried_out") == [0] * 7
    a = r.tables["appeals"]
    assert [a.value("count", f"review.{p}") for p in ("upheld", "total")] == [1, 1]
    assert [a.value("count", f"suit_direct.{p}") for p in ("corrected", "total")] == [1, 1]
    assert [a.value("count", f"suit_after_review.{p}") for p in ("pending", "total")] == [2, 2]
    assert not a.unread


def test_digits_of_one_other_script_are_read_of_two_scripts_unread() -> None:
    assert read_cell("٣٤٠") is not None
    assert read_cell("٣٤٠").value == 340  # type: ignore[union-attr]
    mixed = read_cell("3٤0")
    assert mixed is not None
    assert (mixed.fill, mixed.value) == (Fill.TEXT, None)


def test_a_row_with_fewer_figures_than_cells_is_never_placed_from_the_left() -> None:
    # 45 0 0 0 45: two cells were not printed; 45 in 社会公益组织 would be a wrong figure
    lines = []
    for key, label in APP_LABELS:
        cells = {"new": "45 | 0 | 0 | 0 | 45"}.get(key, "0 | 0 | 0 | 0 | 0 | 0 | 0")
        lines.append(f"{label} | {cells} |\n")
    t = _report(_HEAD + _APP_HEAD + "".join(lines) + _TAIL).tables["applications"]
    assert _row(t, "new") == [None] * 7
    assert [u.text for u in t.unread] == ["45", "0", "0", "0", "45"]
    assert not t.complete


def test_thousands_inside_one_grid_cell_are_one_number_where_the_row_adds_up() -> None:
    # an HTML/DOCX/PDF grid cell printing 1 234 (a no-break space): 1234, as the row sum says
    lines = {key: f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n" for key, label in APP_LABELS}
    cells = ["1\u00a0234", "0", "0", "0", "0", "0", "1\u00a0234"]
    for key in ("new", "granted", "total"):
        lines[key] = f"{dict(APP_LABELS)[key]} | " + " | ".join(cells) + " |\n"
    text = _HEAD + _APP_HEAD + "".join(lines.values()) + _TAIL
    grids = []
    for key in ("new", "granted", "total"):
        row = lines[key]
        start = text.index(row)
        grid, pos = [], start
        for i, c in enumerate([dict(APP_LABELS)[key], *cells]):
            at = text.index(c, pos)
            grid.append(GridCell(0, i, c, Span(at, at + len(c))))
            pos = at + len(c)
        grids.append(NativeTable(tuple(grid), 1, len(grid), Span(start, start + len(row))))
    doc = Document(source="t.html", kind="html", text=text, sha256="x", tables=tuple(grids))
    (r,) = parse_document(doc)
    t = r.tables["applications"]
    assert _row(t, "new") == [1234, 0, 0, 0, 0, 0, 1234]
    assert _row(t, "total") == [1234, 0, 0, 0, 0, 0, 1234]
