"""审核意见 letters (issue 17): what the office sends each body, one Word file per body.

A letter lists one numbered item per wrong cell of the body's reports, in plain Chinese: the
cell as a letter names it (``template.cell_name``), the printed value, the suggested value and
the reviewer's outward text (对外意见, never the internal note). Findings that share a correction
on one cell (APP-ROW and APP-RESULTS on one total) become one item. A finding without a single
correction (a narrative figure, a template question, several equally small corrections) is an
item of its own, in the words of its message.

Which findings are sent: only those a reviewer has judged, with status 已确认 or 需整改
(``SENT_STATUSES``). 待核实 is never sent: an unreviewed finding may be a false alarm, and a
letter goes to another body under the office's name. 已排除(误报) and 例外(已说明) never appear.

Which reports: the current version (现行版本) of each body and year only; other versions are
neither listed nor used. A body with nothing to send gets no letter; the plan says so
(``LetterPlan.skipped``), nothing is left out silently.

Fonts: body text 仿宋 (FangSong), headings 黑体 (SimHei), the letterhead 宋体 (SimSun), each
set as the run's East Asian font (``w:eastAsia``) so Word and WPS render CJK with them; Latin
text and digits use Times New Roman. Where a font is missing, Word/WPS and LibreOffice
substitute their own CJK font (fontconfig on Linux), so the text always renders.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath
from typing import IO, Any

from gik_desk.atomic import atomic_open
from gik_desk.export.catalogue import rule_title
from gik_desk.model import KEYED, CellRef, Finding, Number, Report, format_number
from gik_desk.model.batch import Batch
from gik_desk.model.formats import UNNAMED_BODY
from gik_desk.model.letter import LetterHead
from gik_desk.model.review import ReviewSnapshot, ReviewStatus
from gik_desk.template.tables import cell_name

SENT_STATUSES: tuple[ReviewStatus, ...] = (ReviewStatus.CONFIRMED, ReviewStatus.NEEDS_FIX)
BODY_FONT, HEADING_FONT, HEAD_FONT, LATIN_FONT = "仿宋", "黑体", "宋体", "Times New Roman"
SUFFIX = ".docx"
# XML 1.0 forbids most control characters: report text may carry them, Word refuses them
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True, slots=True)
class LetterItem:
    """One numbered item: a wrong cell (``cell`` set) or a finding in its own words."""

    report_id: str
    findings: tuple[Finding, ...]
    cell: CellRef | None = None
    printed: Number | None = None
    suggested: Number | None = None
    alternatives: tuple[str, ...] = ()  # several equally small corrections, in words
    outward: tuple[str, ...] = ()  # the reviewer's outward texts, each once
    keyed: bool = False  # ``printed`` was keyed by a reviewer (issue 29), never printed

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule for f in self.findings))

    def text(self) -> str:
        """The item as the letter prints it (without its number)."""
        titles = "、".join(rule_title(r) for r in self.rules)
        if self.cell is not None:
            where = cell_name(self.cell.table, self.cell.row, self.cell.col)
            printed = format_number(self.printed, "空白")
            if self.keyed:  # a keyed figure is never presented as what the body printed
                return (
                    f"{where}在原件中无法辨认（审核人按原件录入为{printed}），"
                    f"建议核实并更正为{format_number(self.suggested)}（{titles}）。"
                )
            return (
                f"{where}填报为{printed}，建议更正为{format_number(self.suggested)}（{titles}）。"
            )
        f = self.findings[0]
        if self.alternatives:  # the message's first sentence states the broken identity; its
            # rest addresses the reviewer ("请审核人判断"), so the choices are spelled out here
            lead = f.message.split("。", 1)[0]
            choices = "；".join(f"（{i}）{a}" for i, a in enumerate(self.alternatives, 1))
            return f"{lead}。可按以下任一方案更正，请核实后选择：{choices}。"
        return f"{f.message.rstrip('。')}。"


@dataclass(frozen=True, slots=True)
class Letter:
    """Everything one body's letter says."""

    body: str  # the body's printed name
    body_key: str
    reports: tuple[Report, ...]  # current versions, oldest first: the reports reviewed
    items: tuple[tuple[Report, tuple[LetterItem, ...]], ...]  # per report with items

    @property
    def n_items(self) -> int:
        return sum(len(items) for _r, items in self.items)


@dataclass(frozen=True, slots=True)
class LetterPlan:
    letters: tuple[Letter, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()  # (body, why no letter)


def _keyed(report: Report, cell: CellRef) -> bool:
    table = report.tables.get(cell.table)
    found = table.cell(cell.row, cell.col) if table is not None else None
    return found is not None and found.source == KEYED


@dataclass(slots=True)
class _Group:
    report: Report
    findings: list[Finding] = field(default_factory=list)


def _body_key(r: Report) -> str:
    return r.agency_key or r.agency or ""


def sent(finding: Finding, review: ReviewSnapshot) -> bool:
    """A finding the letter carries: judged 已确认 or 需整改, and still occurring."""
    rv = review.reviews.get(finding.key)
    return rv is not None and rv.status in SENT_STATUSES and not rv.resolved


def _outward(findings: Iterable[Finding], review: ReviewSnapshot) -> tuple[str, ...]:
    texts = (review.outward.get(f.key, "").strip() for f in findings)
    return tuple(dict.fromkeys(t for t in texts if t))


def _alternative(alt: Sequence[Any], report: Report) -> str:
    parts = []
    for e in alt:
        was = format_number(report.value(e.table, e.row, e.col), "空白")
        parts.append(f"将{cell_name(e.table, e.row, e.col)}由{was}改为{format_number(e.value)}")
    return "，".join(parts)


def report_items(
    report: Report, findings: Sequence[Finding], review: ReviewSnapshot
) -> tuple[LetterItem, ...]:
    """One report's items: first each wrong cell (findings sharing its correction merged),
    in the template's order of the findings, then every other finding sent."""
    by_cell: dict[tuple[CellRef, Number], list[Finding]] = {}
    by_alts: dict[tuple[Any, ...], list[Finding]] = {}
    others: list[Finding] = []
    for f in findings:
        if not sent(f, review):
            continue
        if len(f.suggestions) == 1 and f.suggestions[0]:
            for e in f.suggestions[0]:
                by_cell.setdefault((CellRef(e.table, e.row, e.col), e.value), []).append(f)
        elif f.suggestions:
            by_alts.setdefault(f.suggestions, []).append(f)
        else:
            others.append(f)
    items = [
        LetterItem(
            report.id,
            tuple(fs),
            cell=cell,
            printed=report.value(cell.table, cell.row, cell.col),
            suggested=value,
            outward=_outward(fs, review),
            keyed=_keyed(report, cell),
        )
        for (cell, value), fs in by_cell.items()
    ]
    for alts, fs in by_alts.items():
        words = tuple(_alternative(alt, report) for alt in alts)
        outward = _outward(fs, review)
        items.append(LetterItem(report.id, tuple(fs), alternatives=words, outward=outward))
    items += [LetterItem(report.id, (f,), outward=_outward([f], review)) for f in others]
    return tuple(items)


def plan_letters(
    batch: Batch, review: ReviewSnapshot, bodies: Iterable[str] | None = None
) -> LetterPlan:
    """Which bodies get a letter and what each says; ``bodies`` (normalised or printed names)
    limits it to a selection. Current versions only (``Batch.current``)."""
    current = batch.current()
    wanted = set(bodies) if bodies is not None else None
    by_report = current.findings_by_report()
    grouped: dict[str, list[Report]] = {}
    for r in current.reports:
        if not r.is_report:
            continue
        key = _body_key(r)
        if wanted is not None and key not in wanted and (r.agency or "") not in wanted:
            continue
        grouped.setdefault(key, []).append(r)
    letters: list[Letter] = []
    skipped: list[tuple[str, str]] = []
    for key, reports in grouped.items():
        reports.sort(key=lambda r: (r.year or 0, r.source, r.index))
        per_report = []
        for r in reports:
            items = report_items(r, by_report.get(r.id, []), review)
            if items:
                per_report.append((r, items))
        name = next((r.agency for r in reports if r.agency), "") or ""
        if not per_report:
            skipped.append((name or UNNAMED_BODY, _why_nothing(batch, review, key)))
        elif not key:
            skipped.append((UNNAMED_BODY, "报告未写明机关名称，无法确定致函对象，请人工处理"))
        else:
            letters.append(Letter(name, key, tuple(reports), tuple(per_report)))
    if wanted is not None:
        found = set(grouped) | {r.agency for rs in grouped.values() for r in rs if r.agency}
        for b in sorted(wanted - found):
            skipped.append((b, "本批中没有该机关的现行版本报告"))
    return LetterPlan(tuple(letters), tuple(skipped))


def _why_nothing(batch: Batch, review: ReviewSnapshot, body_key: str) -> str:
    """The true reason a body gets no letter (issue 23): nothing judged 已确认/需整改 at all,
    or only on versions that are not 现行版本 (which letters never list)."""
    elsewhere = {r.id: r for r in batch.reports if not r.current and _body_key(r) == body_key}
    waiting = [f for f in batch.findings if f.report_id in elsewhere and sent(f, review)]
    if not waiting:
        return "没有已确认或需整改的问题，不生成审核意见"
    files = "、".join(dict.fromkeys(PurePath(elsewhere[f.report_id].source).name for f in waiting))
    return (
        f"{len(waiting)} 个已确认或需整改的问题在非现行版本上(文件：{files})，现行版本没有"
        "可发送的问题，不生成审核意见；如应以该版本为准，请先将其标为现行版本"
    )


# ---- the Word document ---------------------------------------------------------------------


def clean(text: str) -> str:
    return _ILLEGAL.sub("", text)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _fonts(run: Any, east_asian: str, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    if size is not None:
        run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _para(doc: Any, text: str = "", *, font: str = BODY_FONT, size: float = 16,
          bold: bool = False, align: str = "justify", indent: bool = True) -> Any:  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28)  # 公文: 3号字, 每行 28 磅
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        _fonts(p.add_run(clean(text)), font, size, bold)
    return p


def _red_rule(paragraph: Any) -> None:
    """The red line under the letterhead (a bottom border of its paragraph)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "18"), ("space", "6"), ("color", "C00000")):
        bottom.set(qn(f"w:{k}"), v)
    borders.append(bottom)
    ppr.append(borders)


def _span(years: list[int]) -> str:
    """``2008年度至2022年度`` for a run of three or more years, else the years listed."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0]}年度至{run[-1]}年度")
        else:
            parts += [f"{y}年度" for y in run]
    return "、".join(parts)


FORMAT_WORDS = {"txt": "文本", "html": "网页", "pdf": "PDF", "docx": "Word", "doc": "Word"}
FORMAT_WORDS |= {"xlsx": "Excel", "xls": "Excel"}


def format_word(fmt: str) -> str:
    """A report's format as a reader names it: 网页, PDF, Word, Excel, 文本."""
    return FORMAT_WORDS.get(fmt.lower().lstrip("."), fmt.upper())


def reviewed_lines(reports: Sequence[Report]) -> list[str]:
    """The reports reviewed, two lines per file: named as the body knows them (body, years,
    format: issue 24), then how many and the stored file's name, for the office's reference."""
    by_file: dict[str, list[Report]] = {}
    for r in reports:
        by_file.setdefault(r.source, []).append(r)
    out = []
    for source, rs in by_file.items():
        years = [r.year for r in rs if r.year is not None]
        what = _span(years) if years else ""
        if len(rs) > len(years):
            what = "、".join(x for x in (what, "年度未识别") if x)
        name = PurePath(source.replace("\\", "/")).name
        body = next((r.agency for r in rs if r.agency), "")
        out.append(f"{body}{what}政府信息公开工作年度报告（{format_word(rs[0].format)}版）")
        out.append(f"{what}报告（共{len(rs)}份，文件：{name}）")
    return out


def build_letter(letter: Letter, head: LetterHead) -> Any:
    """The letter as a python-docx ``Document`` (A4, 公文 margins, CJK fonts set)."""
    doc = letter_document(f"关于{letter.body}政府信息公开工作年度报告的审核意见", letter.body, head)
    _para(
        doc,
        f"{head.office}对你单位的{len(letter.reports)}份政府信息公开工作年度报告（见下）进行了审核。"
        f"经核对报告统计表的勾稽关系及正文与表格的一致性，发现以下"
        f"{letter.n_items}处问题，请核实更正：",
    )
    _para(doc, "一、审核的报告", font=HEADING_FONT)
    for line in reviewed_lines(letter.reports):
        _para(doc, line, align="left")
    _para(doc, "二、需更正的问题", font=HEADING_FONT)
    n = 0
    last_item = len(doc.paragraphs)
    for r, items in letter.items:  # always under its year: the letter lists every year read
        year = f"{r.year}年度报告" if r.year else "年度未识别的报告"
        _para(doc, f"（{year}）", font=HEADING_FONT)
        for item in items:
            n += 1
            last_item = len(doc.paragraphs)
            _para(doc, f"{n}. {item.text()}")
            for text in item.outward:
                _para(doc, f"审核意见：{text}")
    close_letter(
        doc,
        head,
        "请你单位对照上述问题逐项核实，修改完善后重新发布年度报告，"
        f"并将更正情况及时反馈{head.office}。",
        last_item,
    )
    return doc


def letter_document(title: str, body: str, head: LetterHead) -> Any:
    """A new letter up to its salutation: A4 with 公文 margins and CJK fonts, the red
    letterhead and its rule, the title, ``body：`` (审核意见 and 复核意见 share it)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.title = clean(title)
    doc.core_properties.author = clean(head.office)

    top = _para(doc, align="center", indent=False)
    run = top.add_run(clean(head.letterhead))
    _fonts(run, HEAD_FONT, 26, bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    _red_rule(top)
    _para(doc, indent=False)
    _para(doc, title, font=HEADING_FONT, size=22, align="center", indent=False)
    _para(doc, indent=False)
    _para(doc, f"{body}：", indent=False)
    return doc


def close_letter(doc: Any, head: LetterHead, request: str, last_item: int) -> None:
    """The closing request, the office and the date. The signature never stands alone on a
    page: from paragraph ``last_item`` (the last item) on, all keep together (each kept with
    the next, each kept whole)."""
    _para(doc, request)
    _para(doc, indent=False)
    _para(doc, head.office, align="right", indent=False)
    _para(doc, chinese_date(head.day or date.today()), align="right", indent=False)
    closing = doc.paragraphs[last_item:]
    for p in closing:
        p.paragraph_format.keep_together = True
    for p in closing[:-1]:
        p.paragraph_format.keep_with_next = True


def looks_like_docx(head: bytes) -> bool:
    """A .docx is a zip: its first bytes are a local file header."""
    return head.startswith(b"PK\x03\x04")


def letter_filename(body: str, taken: set[str]) -> str:
    """``审核意见_<机关>.docx``: a name every file system takes, unique among ``taken``."""
    stem = _BAD_NAME.sub("_", clean(body)).strip(" .") or UNNAMED_BODY
    stem = f"审核意见_{stem[:80]}"
    name, n = stem + SUFFIX, 1
    while name.lower() in taken:
        n += 1
        name = f"{stem}_{n}{SUFFIX}"
    taken.add(name.lower())
    return name


def save_letter(doc: Any, out: IO[bytes]) -> None:
    """The letter built in memory (a few dozen kB), then written: a write that fails (a full
    disk) fails here, not later in a half-closed archive's ``__del__`` (issue 27)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    out.write(buffer.getbuffer())


def write_letter(letter: Letter, head: LetterHead, path: str | os.PathLike[str]) -> Path:
    """Write one letter atomically; an existing file is replaced only when it is a .docx."""
    doc = build_letter(letter, head)
    with atomic_open(path, sniff=looks_like_docx) as fh:
        save_letter(doc, fh)
    return Path(path)
