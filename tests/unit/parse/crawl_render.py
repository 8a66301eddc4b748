"""Render a keyed table set as the crawler prints a government web page (corpus-real/005).

One table cell per line, page metadata first, then the report. The crawler's quirks are
options of ``Crawl``, each independently switchable:

- ``collapse``: runs of identical consecutive lines become one line (``3,0,0,0,0,0,3`` is
  printed ``3`` / ``0`` / ``3``; a lone ``0`` is an all-zero row);
- ``splits``: a label printed over several lines, cut at given positions (``per_char``);
- ``number_split``: one cell's figure printed over two lines (``1`` / ``62`` = 162);
- ``ordinal_lines``: a numbered 表三 label prints its ordinal alone (``2`` / ``、重复申请``);
- ``residue``: browser residue and site navigation around the report and between sections;
- ``twice``: a section heading printed twice, the extra copy early, right after the previous
  section's heading (corpus 016 prints 五、… before its 表四).

Every line keeps the cells it stands for (``Line.cells``), so tests know which printed line
carries which cell, also after collapsing.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from gik_desk.template import ACTIVE_BLOCKS, APP_COLS, APPEAL_COLS, app_rows

Number = int | float
Tables = Mapping[str, Mapping[str, Mapping[str, Number]]]  # table -> row -> col -> value
CellKey = tuple[str, str, str]  # table, row, col

SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("active", "二、主动公开政府信息情况"),
    ("applications", "三、收到和处理政府信息公开申请情况"),
    ("appeals", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)
APP_HEADER = (
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
)
_PARTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
APPEAL_HEADER = (
    "行政复议",
    "行政诉讼",
    *_PARTS,
    "未经复议直接起诉",
    "复议后起诉",
    *_PARTS,
    *_PARTS,
)
NAVIGATION = (
    "首页",
    ">",
    "政府信息公开",
    ">",
    "政府信息公开年报",
    "【字体：大 中 小】",
    "打印本页",
)
RESIDUE = ("翻译", "搜索", "复制")
PAGE_END = ("上一篇：", "下一篇：", "浏览次数：", "1024", "关闭窗口", *RESIDUE)
_FULLWIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line; ``cells`` are the table cells a value line stands for."""

    text: str
    kind: str = "label"  # meta | prose | heading | label | ordinal | value | residue
    cells: tuple[CellKey, ...] = ()


@dataclass(frozen=True)
class Crawl:
    """How the crawler printed the page (see the module docstring)."""

    collapse: bool = False
    splits: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # printed label -> cuts
    number_split: tuple[CellKey, int] | None = None  # cell, cut position in its printed figure
    ordinal_lines: bool = False
    residue: bool = False
    twice: tuple[str, ...] = ()  # section keys (SECTIONS) whose heading is printed twice


def printed(label: str) -> str:
    """A template label as the page prints it: full-width brackets and punctuation."""
    return label.translate(_FULLWIDTH)


def per_char(label: str) -> tuple[int, ...]:
    """Cut positions that print ``label`` one character per line."""
    return tuple(range(1, len(label)))


def template_of(tables: Tables, table: str = "applications") -> str:
    """A table's generation from its keys: ``t2019`` when 表三 has the single (六)其他处理 row
    or 表二 the 本年新制作数量 column, else ``t2021`` (a report may mix them)."""
    if table == "active":
        return "t2019" if "made" in tables["active"].get("rules", {}) else "t2021"
    return "t2019" if "other" in tables["applications"] else "t2021"


def figure(value: Number, col: str = "", unit: str = "") -> str:
    """A cell's figure as printed: ``本年增/减`` signed (``+163``), units kept (``7710次``)."""
    text = str(value)
    if col == "change" and value > 0:
        text = f"+{text}"
    return text + unit


def table_lines(tables: Tables, units: Mapping[str, str] | None = None) -> dict[str, list[Line]]:
    """表二, 表三 and 表四 as unsplit, uncollapsed lines, keyed by section."""
    units = units or {}

    def value(table: str, row: str, col: str) -> Line:
        unit = units.get(f"{table}/{row}/{col}", "")
        return Line(figure(tables[table][row][col], col, unit), "value", ((table, row, col),))

    active: list[Line] = []
    for block in ACTIVE_BLOCKS[template_of(tables, "active")]:
        active += [Line(printed(block.article)), Line("信息内容")]
        active += [Line(printed(c.label)) for c in block.cols]
        for r in block.rows:
            active.append(Line(printed(r.label)))
            active += [value("active", r.key, c.key) for c in block.cols]

    apps = [Line(text) for text in APP_HEADER]
    for r in app_rows(template_of(tables)):
        if r.group and (r.key == "granted" or r.label.startswith("1.")):
            apps.append(Line(printed(r.group)))
        if r.key == "partial":  # 005 prints the bracketed note on a line of its own
            head, note = printed(r.label).split("（区分")
            apps += [Line(head), Line(f"（区分{note}")]
        else:
            apps.append(Line(printed(r.label)))
        apps += [value("applications", r.key, c.key) for c in APP_COLS]

    appeals = [Line(text) for text in APPEAL_HEADER]
    appeals += [value("appeals", "count", c.key) for c in APPEAL_COLS]
    return {"active": active, "applications": apps, "appeals": appeals}


def report_lines(
    tables: Tables,
    *,
    body: str,
    year: int,
    crawl: Crawl | None = None,
    units: Mapping[str, str] | None = None,
) -> list[Line]:
    """The whole crawled page, line by line, with every option of ``crawl`` applied."""
    crawl = crawl or Crawl()
    out = [
        Line(f"标题: {body}{year}年度政府信息公开工作年度报告", "meta"),
        Line(f"发布时间: {year + 1}-01-15 17:43", "meta"),
        Line("文号: ", "meta"),
        Line(f"发布机构: {body}", "meta"),
        Line("栏目: 政府信息公开年报", "meta"),
        Line(
            f"原始链接: https://www.putian.gov.cn/zfxxgk/zfxxgknb/{year + 1}01/t{year + 1}0115.htm"
        ),
        Line("正文:", "meta"),
    ]
    if crawl.residue:
        out += [Line(t, "residue") for t in NAVIGATION]
    out += [
        Line(
            f"根据《中华人民共和国政府信息公开条例》要求，{body}编制本报告。数据统计时间为", "prose"
        ),
        Line(str(year), "prose"),
        Line("年1月1日至12月31日。", "prose"),
    ]
    prose = {
        "overview": [str(year), f"年，{body}认真贯彻落实《中华人民共和国政府信息公开条例》。"],
        "problems": ["政府信息公开工作仍有不足，下一步将加强培训。"],
        "other": ["本年度未收取信息处理费。", body, str(year + 1), "年", "1", "月", "15", "日"],
    }
    tabled = table_lines(tables, units)
    for i, (key, heading) in enumerate(SECTIONS):
        if crawl.residue and i:
            out += [Line(t, "residue") for t in RESIDUE]
        out.append(Line(heading, "heading"))
        if i + 1 < len(SECTIONS) and SECTIONS[i + 1][0] in crawl.twice:
            out.append(Line(SECTIONS[i + 1][1], "heading"))
        out += [Line(t, "prose") for t in prose.get(key, ())]
        out += tabled.get(key, [])
    if crawl.residue:
        out += [Line(t, "residue") for t in PAGE_END]
    if "overview" in crawl.twice:  # no previous heading: its echo follows 正文:
        at = next(i for i, line in enumerate(out) if line.text == "正文:")
        out.insert(at + 1, Line(SECTIONS[0][1], "heading"))
    if crawl.ordinal_lines:
        out = _ordinals(out)
    out = _split_labels(out, crawl.splits)
    if crawl.number_split:
        out = _split_number(out, *crawl.number_split)
    return collapse(out) if crawl.collapse else out


def render(
    tables: Tables,
    *,
    body: str,
    year: int,
    crawl: Crawl | None = None,
    units: Mapping[str, str] | None = None,
) -> str:
    """The crawled page as text, one line per printed line."""
    lines = report_lines(tables, body=body, year=year, crawl=crawl, units=units)
    return "".join(f"{line.text}\n" for line in lines)


def collapse(lines: Sequence[Line]) -> list[Line]:
    """The crawler's de-duplication: identical consecutive lines print once (cells merge)."""
    out: list[Line] = []
    for line in lines:
        if out and out[-1].text == line.text:
            prev = out[-1]
            kind = "value" if "value" in (prev.kind, line.kind) else prev.kind
            out[-1] = replace(prev, kind=kind, cells=prev.cells + line.cells)
        else:
            out.append(line)
    return out


def _ordinals(lines: list[Line]) -> list[Line]:
    """``2.重复申请`` -> ``2`` / ``、重复申请`` for every numbered 表三 label."""
    out: list[Line] = []
    for line in lines:
        head, dot, rest = line.text.partition(".")
        if line.kind == "label" and dot and head.isdigit() and rest:
            out += [Line(head, "ordinal"), Line(f"、{rest}")]
        else:
            out.append(line)
    return out


def _split_labels(lines: list[Line], splits: Mapping[str, tuple[int, ...]]) -> list[Line]:
    """Every label line whose text is a key of ``splits`` is cut at its positions."""
    out: list[Line] = []
    for line in lines:
        cuts = splits.get(line.text, ()) if line.kind == "label" else ()
        if not cuts:
            out.append(line)
            continue
        bounds = [0, *sorted(cuts), len(line.text)]
        out += [replace(line, text=line.text[a:b]) for a, b in itertools.pairwise(bounds)]
    return out


def _split_number(lines: list[Line], cell: CellKey, at: int) -> list[Line]:
    """The value line of ``cell`` printed as two lines, cut ``at`` characters in."""
    out: list[Line] = []
    for line in lines:
        if line.cells == (cell,) and 0 < at < len(line.text):
            out += [replace(line, text=line.text[:at]), replace(line, text=line.text[at:])]
        else:
            out.append(line)
    return out
