"""Hostile and broken files, built by hand (no project code), for the batch-loader tests."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

TIANQIAO = Path(__file__).parents[2] / "data" / "seeds" / "001_711b86d480afee15.txt"
SHORT_SEED = Path(__file__).parents[2] / "data" / "seeds" / "003_c95b75059979c460.txt"


def empty_txt(folder: Path) -> Path:
    path = folder / "空文件.txt"
    path.write_bytes(b"")
    return path


def junk_txt(folder: Path) -> Path:
    """Binary noise with NUL bytes under a .txt name (a mis-saved download)."""
    path = folder / "乱码.txt"
    path.write_bytes(bytes(range(256)) * 64)
    return path


def junk_doc(folder: Path) -> Path:
    """An OLE2 header followed by noise: a legacy .doc no converter can read."""
    path = folder / "旧版.doc"
    noise = random.Random(2026).randbytes(4096)  # fixed: the same file every run
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + noise)
    return path


def zip_bomb_docx(folder: Path, megabytes: int = 100) -> Path:
    """A .docx whose document.xml inflates ~1000:1 (100 MB of spaces in ~100 kB)."""
    path = folder / "炸弹.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        body = b"<w:document>" + b" " * (megabytes * 1024 * 1024) + b"</w:document>"
        z.writestr("word/document.xml", body)
    return path


def deep_html(folder: Path, depth: int = 100_000) -> Path:
    path = folder / "深层嵌套.html"
    body = "<div>" * depth + "政府信息公开" + "</div>" * depth
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


def colspan_html(folder: Path, rows: int = 3) -> Path:
    """Cells claiming colspan and rowspan of 1e9 (WHATWG clamps them to 1000 and the group)."""
    path = folder / f"巨型合并{rows}.html"
    row = '<tr><td colspan="1000000000" rowspan="1000000000">1</td><td>2</td></tr>'
    path.write_text(f"<html><body><table>{row * rows}</table></body></html>", encoding="utf-8")
    return path


def image_only_pdf(folder: Path) -> Path:
    """A one-page PDF holding only a picture of ruled lines: a scan without a text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(img)
    for y in range(50, 750, 30):
        draw.line((40, y, 560, y), fill="black", width=3)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    path = folder / "扫描件.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(buf), 0, 0, 595, 842)
    c.showPage()
    c.save()
    return path


def copy_good(folder: Path, source: Path) -> Path:
    path = folder / source.name
    path.write_bytes(source.read_bytes())
    return path


FORMULA_LABELS = ('=HYPERLINK("http://evil.example/x","点我")', "=2+3", "@SUM(1)", "#N/A")


def formula_legacy_report(folder: Path) -> Path:
    """A 2017 report whose old-style 统计表 row labels are formulas and error literals."""
    rows = "".join(
        f"{label} | {n} | {n * 10} |\n" for n, label in enumerate(FORMULA_LABELS, start=3)
    )
    text = (
        "某某区人民政府2017年政府信息公开工作年度报告\n"
        "一、概述\n"
        "2017年,我区认真贯彻《条例》,全区共收到公开政府信息申请12件。\n"
        "二、主动公开政府信息情况\n"
        "附表:政府信息公开情况统计表\n"
        "统计指标 | 本年度 | 历年累计 |\n"
        f"{rows}"
        "\n三、存在的主要问题\n工作仍有不足。\n"
    )
    path = folder / "公式注入2017.txt"
    path.write_text(text, encoding="utf-8")
    return path


def formula_not_report(folder: Path) -> Path:
    """Not a report (a letter), but its text holds 表二/表四-like rows led by formulas."""
    text = (
        "关于报送材料的函\n各单位:\n"
        "表二 | =1+1 | @SUM(1) |\n"
        "表四 | #REF! | -2+3 | +A1 |\n"
        "\t=cmd|' /C calc'!A0\n"
        '＝HYPERLINK("http://evil.example")\n'
    )
    path = folder / "公式函件.txt"
    path.write_text(text, encoding="utf-8")
    return path


def formula_xlsx(folder: Path) -> Path:
    """An .xlsx input whose cells are formulas, error literals and formula-looking text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["某某区人民政府2021年政府信息公开工作年度报告"])
    ws.append(["一、总体情况"])
    ws.append(['=HYPERLINK("http://evil.example","点我")', "=2+3", "@SUM(1)"])
    ws.append(["#N/A", "#REF!", "\t=1+1", "\r=1+1", "-2+3"])
    path = folder / "公式输入.xlsx"
    wb.save(path)
    return path


NUMBER_ROW = "1.本机关不掌握相关政府信息 11 0 0 0 0 0 11"  # seed 003 (建邺区 2023), 表三


def seed_with_first_value(folder: Path, name: str, printed: str) -> Path:
    """Seed 003 with the 自然人 value of its 表三 row 本机关不掌握 (11) printed as ``printed``."""
    text = SHORT_SEED.read_text(encoding="utf-8")
    assert NUMBER_ROW in text
    path = folder / f"{name}.txt"
    path.write_text(text.replace(NUMBER_ROW, NUMBER_ROW.replace(" 11 ", f" {printed} ", 1)),
                    encoding="utf-8")  # fmt: skip
    return path


def huge_number_report(folder: Path, digits: int = 4_301) -> Path:
    """A cell of more digits than Python's ``int`` accepts from text (4,300)."""
    return seed_with_first_value(folder, f"超长数字{digits}", "1" * digits)


def huge_decimal_report(folder: Path) -> Path:
    """A decimal past 308 digits: ``float`` gives inf."""
    return seed_with_first_value(folder, "超长小数", "9" * 400 + ".5")


def digit_run_report(folder: Path, n_digits: int) -> Path:
    """Seed 003 with one run of ``n_digits`` digits in its narrative (after 共收到申请)."""
    text = SHORT_SEED.read_text(encoding="utf-8")
    anchor = "2023年我办共答复办结18件政府信息公开申请"
    assert anchor in text
    run = ("1234567890" * (n_digits // 10 + 1))[:n_digits]
    path = folder / f"数字串{n_digits}.txt"
    path.write_text(text.replace(anchor, f"共收到申请{run}件,{anchor}", 1), encoding="utf-8")
    return path


def no_newline_report(folder: Path, n_bytes: int) -> Path:
    """Tianqiao's reports with every line break turned into a space, repeated to ~n_bytes."""
    one = TIANQIAO.read_text(encoding="utf-8").replace("\r", " ").replace("\n", " ")
    unit = one.encode("utf-8")
    data = (unit * (n_bytes // len(unit) + 1))[:n_bytes]
    path = folder / f"无换行{n_bytes}.txt"
    path.write_bytes(data.decode("utf-8", "ignore").encode("utf-8"))
    return path


def raw_xlsx(folder: Path, name: str, sheet_xml: str, sheet_name: str = "表1") -> Path:
    """A minimal .xlsx written by hand (no library), holding one worksheet part as given."""
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentTy'
            'pe="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="applicati'
            'on/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override Part'
            'Name="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-office'
            'document.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
            'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schem'
            'as.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl'
            '/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlforma'
            'ts.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeD'
            f'ocument/2006/relationships"><sheets><sheet name="{sheet_name}" sheetId="1" r:id="'
            'rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
            'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schem'
            'as.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="workshe'
            'ets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlform'
            f'ats.org/spreadsheetml/2006/main">{sheet_xml}</worksheet>',
        )
    return path


def far_cell_xlsx(folder: Path, ref: str = "XFD1048576") -> Path:
    """1.5 kB: one cell at the last possible position (calamine once asked for 512 GB)."""
    row = "".join(ch for ch in ref if ch.isdigit())
    data = f'<sheetData><row r="{row}"><c r="{ref}" t="inlineStr"><is><t>1</t></is></c></row>'
    return raw_xlsx(folder, f"远端单元格{ref}.xlsx", data + "</sheetData>")


def merged_xlsx(folder: Path, n: int = 1_000) -> Path:
    """~8 kB: ``n`` merged ranges of 1000 x 200 cells each (their expansion took > 10 GB)."""
    cells = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>本年新收</t></is></c></row>'
    merges = "".join(f'<mergeCell ref="{_col(i)}1:{_col(i)}1000"/>' for i in range(n))
    xml = f'{cells}</sheetData><mergeCells count="{n}">{merges}</mergeCells>'
    return raw_xlsx(folder, f"合并{n}.xlsx", xml)


def _col(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(65 + rem) + out
    return out


def near_bomb_docx(folder: Path, megabytes: int = 21) -> Path:
    """A document.xml of small elements just past the XML-part cap, stored (ratio 1): under
    every ratio guard, it once took 58 s and 2.7 GB in lxml."""
    path = folder / "近限炸弹.docx"
    body = b"<w:p/>" * (megabytes * 1024 * 1024 // 6)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + body + b"</w:document>")
    return path


def white_digit_pdf(folder: Path) -> Path:
    """A ruled table whose 340 is followed by a white "9" and whose row holds a "7" printed
    off the page: a reader sees 340 and 12 (a PDF once read as 3409)."""
    from reportlab.pdfgen import canvas

    from tests.cjkfont import cjk_font

    font = cjk_font()
    path = folder / "白色数字.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont(font, 12)
    c.drawString(50, 800, "某某区人民政府2021年政府信息公开工作年度报告")
    xs, ys = [50, 250, 350, 450], [700, 670, 640]
    for x in xs:
        c.line(x, ys[-1], x, ys[0])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    c.drawString(55, 680, "本年新收")
    c.drawString(255, 680, "340")
    c.setFillColorRGB(1, 1, 1)
    c.drawString(255 + c.stringWidth("340", font, 12), 680, "9")
    c.setFillColorRGB(0, 0, 0)
    c.drawString(355, 680, "12")
    c.drawString(700, 680, "7")  # beyond the page's right edge
    c.drawString(55, 650, "予以公开")
    c.drawString(255, 650, "3")
    c.drawString(355, 650, "4")
    c.showPage()
    c.save()
    return path
