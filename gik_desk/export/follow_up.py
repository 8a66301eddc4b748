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
from gik_desk.export.letters import _para as para
from gik_desk.export.letters import (
    chinese_date,
    close_letter,
    letter_document,
    letter_filename,
    looks_like_docx,
    save_letter,
)
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
    letter = body.letter
    title = f"关于{letter.body}政府信息公开工作年度报告整改情况的复核意见"
    doc = letter_document(title, letter.body, head)
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
    last_item = len(doc.paragraphs)
    for k, j in enumerate(open_items, 1):
        last_item = len(doc.paragraphs)
        para(doc, f"{k}. {j.item.text}")
        para(doc, f"复核情况：{j.outcome.label}。{j.how}。")
        if j.item.outward:
            para(doc, f"审核意见：{j.item.outward}")
    close_letter(
        doc,
        head,
        "请你单位对照上述问题抓紧整改，修改完善后重新发布年度报告，"
        f"并将整改情况及时反馈{head.office}。",
        last_item,
    )
    return doc


def write_follow_up_letter(
    body: BodyRectification, head: LetterHead, path: str | os.PathLike[str]
) -> Path:
    """Write one follow-up letter atomically; an existing file is replaced only when a .docx."""
    doc = build_follow_up(body, head)
    with atomic_open(path, sniff=looks_like_docx) as fh:
        save_letter(doc, fh)  # built in memory first: a full disk fails whole (issue 27)
    return Path(path)
