"""The same 表三 printed in each text layout of the seeds parses to the same cells.

Layouts: ``label | v | … |`` rows (seed 001), one cell per line ending in `` |`` with ``|||``
debris (000, 002, 004), and everything flattened with single spaces (003).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_desk.model import Document
from gik_desk.parse import parse_document
from gik_desk.template import APP_COLS, app_rows

_ROWS = app_rows("t2021")
_HEAD = "某某区人民政府2023年政府信息公开工作年度报告\n一、总体情况\n2023年,某某区坚持公开。\n"
_APP = "三、收到和处理政府信息公开申请情况\n"
_HEADER = [
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "总计",
    "商业 企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
]
_TAIL = "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n"


def _labels(r_index: int) -> list[str]:
    r = _ROWS[r_index]
    group = r.group if r.label.startswith(("1.", "(一)")) and r.group else ""
    return [g for g in (group, r.label) if g]


def _render(values: list[list[int]], layout: str) -> str:
    lines: list[str] = []
    if layout == "rows":
        lines.append(" | ".join(_HEADER) + " | ||||")
        for i, row in enumerate(values):
            lines.append(" | ".join([*_labels(i), *map(str, row)]) + " | ||")
        body = "\n".join(lines)
    elif layout == "cells":
        for cell in _HEADER:
            lines.append(f"{cell} |")
        lines.append("||||||||")
        for i, row in enumerate(values):
            lines.extend(f"{x} |" for x in [*_labels(i), *map(str, row)])
            lines.append("||")
        body = "\n".join(lines)
    else:
        words = list(_HEADER)
        for i, row in enumerate(values):
            words.extend([*_labels(i), *map(str, row)])
        body = " ".join(words)
    return _HEAD + _APP + body + "\n" + _TAIL


_VALUES = st.lists(
    st.lists(st.integers(0, 5000), min_size=7, max_size=7), min_size=len(_ROWS), max_size=len(_ROWS)
)


@settings(max_examples=25, deadline=None)
@given(_VALUES, st.sampled_from(["rows", "cells", "flat"]))
def test_every_layout_reads_every_cell(values: list[list[int]], layout: str) -> None:
    text = _render(values, layout)
    (r,) = parse_document(Document("t.txt", "txt", text, "x"))
    t = r.tables["applications"]
    assert t.template == "t2021"
    assert t.complete
    assert not t.unread
    for i, row in enumerate(_ROWS):
        for j, col in enumerate(APP_COLS):
            c = t.cell(row.key, col.key)
            assert c is not None
            assert c.value == values[i][j], (layout, row.key, col.key)
            assert c.span is not None
            assert text[c.span.start : c.span.end] == str(values[i][j])
