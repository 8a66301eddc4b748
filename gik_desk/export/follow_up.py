"""复核意见 (issue 30): the follow-up letter to a body that republished its report after an
审核意见. It lists only what is still open — items 未整改 or 改错 (and those whose report has not
been republished) — each with what the first letter asked and what the new version shows.
Same page, fonts and letterhead as the first letter (``export/letters.py``)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from gik_desk.atomic import atomic_open
from gik_desk.export.letters import (
    BODY_FONT,
    HEAD_FONT,
    HEADING_FONT,
    LATIN_FONT,
    chinese_date,
    clean,
    letter_filename,
    looks_like_docx,
)
from gik_desk.export.letters import _fonts as fonts
from gik_desk.export.letters import _para as para
from gik_desk.export.letters import _red_rule as red_rule
from gik_desk.model.letter import LetterHead
from gik_desk.model.rectification import BodyRectification


def follow_up_filename(body: str, taken: set[str]) -> str:
    """``复核意见_<机关>.docx``, unique among ``taken``."""
    name = letter_filename(body, taken)
    taken.discard(name.lower())
    renamed = "复核意见_" + name.removeprefix("审核意见_")
    taken.add(renamed.lower())
    return renamed


def build_follow_up(body: BodyRectification, head: LetterHead) -> Any:
    """The follow-up letter as a python-docx ``Document``."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    letter = body.letter
    title = f"关于{letter.body}政府信息公开工作年度报告整改情况的复核意见"
    doc.core_properties.title = clean(title)
    doc.core_properties.author = clean(head.office)

    top = para(doc, align="center", indent=False)
    run = top.add_run(clean(head.letterhead))
    fonts(run, HEAD_FONT, 26, bold=True)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    red_rule(top)
    para(doc, indent=False)
    para(doc, title, font=HEADING_FONT, size=22, align="center", indent=False)
    para(doc, indent=False)
    para(doc, f"{letter.body}：", indent=False)
    try:
        sent_on = chinese_date(date.fromisoformat(letter.written[:10]))
    except ValueError:
        sent_on = letter.written[:10]
    open_items = body.open_items
    para(
        doc,
        f"{head.office}于{sent_on}就你单位政府信息公开工作年度报告提出审核意见"
        f"（共{len(letter.items)}项）。经对你单位重新发布的报告逐项复核，"
        f"已整改{len(letter.items) - len(open_items)}项，尚有以下{len(open_items)}项未整改到位：",
    )
    for k, j in enumerate(open_items, 1):
        para(doc, f"{k}. {j.item.text}")
        para(doc, f"复核情况：{j.outcome.label}。{j.how}。")
        if j.item.outward:
            para(doc, f"审核意见：{j.item.outward}")
    para(
        doc,
        "请你单位对照上述问题抓紧整改，修改完善后重新发布年度报告，"
        f"并将整改情况及时反馈{head.office}。",
    )
    para(doc, indent=False)
    para(doc, head.office, align="right", indent=False)
    para(doc, chinese_date(head.day or date.today()), align="right", indent=False)
    return doc


def write_follow_up_letter(
    body: BodyRectification, head: LetterHead, path: str | os.PathLike[str]
) -> Path:
    """Write one follow-up letter atomically; an existing file is replaced only when a .docx."""
    doc = build_follow_up(body, head)
    with atomic_open(path, sniff=looks_like_docx) as fh:
        doc.save(fh)
    return Path(path)
