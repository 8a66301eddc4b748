"""pdfium's own character boxes of Hongze 2023's 表四 figures, for the 原件 tests (issue 18).

Keyed by hand from the published file: page 4 prints 表四's figures as one row beginning
``10 1 0 0 0 0 …``: 行政复议 结果维持 10, 结果纠正 1, 其他结果 0, 尚未审结 0, 总计 0,
then 行政诉讼's figures.
Read straight from pypdfium2, never through the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

HONGZE_2023 = Path(__file__).parents[2] / "data" / "pdf" / "hongzequ_2023.pdf"
APPEALS_PAGE = 3  # 0-based: the file's page 4 prints 表四
Rect = tuple[float, float, float, float]


def figures_row(page_index: int) -> list[list[tuple[str, Rect]]]:
    """pdfium's own character boxes (tight, top-left origin) of the printed row that begins
    with "10", grouped into figures left to right."""
    pdf = pdfium.PdfDocument(str(HONGZE_2023))
    try:
        page = pdf[page_index]
        height = page.get_size()[1]
        text = page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            if ch.strip():
                left, bottom, right, top = text.get_charbox(i)
                chars.append((ch, (left, height - top, right, height - bottom)))
        text.close()
        page.close()
    finally:
        pdf.close()
    starts = [
        k
        for k in range(len(chars) - 1)
        if chars[k][0] == "1"
        and chars[k + 1][0] == "0"
        and abs(chars[k][1][1] - chars[k + 1][1][1]) < 2
        and chars[k + 1][1][0] - chars[k][1][2] < 4  # adjacent: one figure "10"
    ]
    assert len(starts) == 1, "page 4 prints exactly one figure 10"
    baseline = chars[starts[0]][1][1]
    row = sorted((c for c in chars if abs(c[1][1] - baseline) < 2), key=lambda c: c[1][0])
    figures: list[list[tuple[str, Rect]]] = []
    for c in row:
        if figures and c[1][0] - figures[-1][-1][1][2] < 4:
            figures[-1].append(c)
        else:
            figures.append([c])
    return figures
