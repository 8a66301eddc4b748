"""Issue 17: 审核意见 letters read back with python-docx.

Seed 001 (Tianqiao): 2021's APP-ROW and APP-RESULTS break on one cell ((六)其他处理 1. 总计,
printed 1, the row sums to 3) and become one item; 2021's TPL-LABEL is excluded and never sent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from gik_desk.export.letters import letter_filename, plan_letters, write_letter
from gik_desk.jobs import run_to_end
from gik_desk.model.batch import Batch
from gik_desk.model.letter import LetterHead
from gik_desk.model.review import ReviewStatus
from gik_desk.services import audit_paths, write_letters
from gik_desk.workspace import Workspace
from tests.unit.export import letter_batches as lb


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _items(paragraphs: list[str]) -> list[str]:
    """The numbered items: paragraphs starting "1. ", "2. " …"""
    return [p for p in paragraphs if p.split(". ", 1)[0].isdigit()]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Batch]:
    return lb.reviewed_tianqiao(tmp_path_factory.mktemp("letters"))


def _snapshot(path: Path):  # type: ignore[no-untyped-def]
    with Workspace.open(path) as ws:
        return ws.snapshot()


def test_tianqiao_2021_one_item_for_the_shared_cell_with_outward_text(
    reviewed: tuple[Path, Batch], tmp_path: Path
) -> None:
    ws_path, batch = reviewed
    head = LetterHead("某市人民政府办公室", "某市政务公开办公室", date(2026, 12, 1))
    result = run_to_end(write_letters(batch, _snapshot(ws_path), tmp_path / "out", head))
    assert [(body, n) for body, _p, n in result.written] == [(lb.BODY, 1)]
    assert result.skipped == ()
    text = _paragraphs(result.written[0][1])
    (item,) = _items(text)
    assert item.startswith("1. " + lb.ITEM_2021)
    assert text[text.index(item) + 1] == "审核意见：" + lb.OUTWARD
    assert "（2021年度报告）" in text
    whole = "\n".join(text)
    assert "栏目名称" not in whole  # the excluded TPL-LABEL
    assert lb.NOTE_EXCLUDED not in whole  # internal notes never travel
    assert text[0] == "某市人民政府办公室"
    assert f"{lb.BODY}：" in text
    assert text[-2:] == ["某市政务公开办公室", "2026年12月1日"]
    # the reports reviewed: the seed's fifteen years in one file
    assert "2008年度至2022年度报告（共15份，文件：001_711b86d480afee15.txt）" in text


def test_pending_findings_are_never_sent_and_the_body_is_named(tmp_path: Path) -> None:
    """待核实 is unreviewed: nothing to send, no letter, and the result says so."""
    src = lb.copy_seed(tmp_path / "reports")
    batch = audit_paths([str(src)], workers=1)
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        ws.sync_batch(batch)
        snap = ws.snapshot()
    result = run_to_end(write_letters(batch, snap, tmp_path / "out"))
    assert result.written == ()
    assert result.skipped == ((lb.BODY, "没有已确认或需整改的问题，不生成审核意见"),)
    assert list((tmp_path / "out").iterdir()) == []
    assert "没有生成任何审核意见。" in result.lines()


@pytest.mark.parametrize(
    ("status", "sent"),
    [
        (ReviewStatus.PENDING, False),
        (ReviewStatus.CONFIRMED, True),
        (ReviewStatus.NEEDS_FIX, True),
        (ReviewStatus.DISMISSED, False),
        (ReviewStatus.EXCEPTION, False),
    ],
)
def test_which_statuses_a_letter_carries(tmp_path: Path, status: ReviewStatus, sent: bool) -> None:
    src = lb.copy_seed(tmp_path / "reports")
    batch = audit_paths([str(src)], workers=1)
    app_row = next(f for f in lb.findings_of(batch, 2021) if f.rule == "APP-ROW")
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        ws.sync_batch(batch)
        ws.apply(ws.note_action(app_row.key, "理由"))
        if status is not ReviewStatus.PENDING:
            ws.apply(ws.status_action([app_row.key], status))
        snap = ws.snapshot()
    (letters, skipped) = (lambda p: (p.letters, p.skipped))(plan_letters(batch, snap))
    assert bool(letters) is sent
    if sent:
        (letter,) = letters
        ((report, (item,)),) = letter.items
        assert report.year == 2021
        assert item.text().startswith(lb.ITEM_2021)
        assert item.outward == ()  # a note is not an outward text
    else:
        assert [b for b, _why in skipped] == [lb.BODY]


def test_two_versions_of_one_year_only_the_current_one_is_listed(tmp_path: Path) -> None:
    """Seed 001 and a copy whose 2022 表三 (一)予以公开 自然人 reads 70 (published: 69). Every
    error of both versions is confirmed; the letter lists the current version only."""
    folder = tmp_path / "reports"
    original = lb.copy_seed(folder)
    copy = folder / "001_copy.txt"
    text = original.read_text(encoding="utf-8")
    assert text.count(lb.PUBLISHED_2022) == 1
    copy.write_text(text.replace(lb.PUBLISHED_2022, lb.CHANGED_2022), encoding="utf-8")
    batch = audit_paths([str(original), str(copy)], workers=1)
    copy_2022 = [f for f in lb.findings_of(batch, 2022, copy) if f.rule.startswith("APP-")]
    assert copy_2022  # the misprint breaks its row and its column
    errors = [f for f in batch.findings if f.severity.value == "error"]
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        ws.sync_batch(batch)
        ws.apply(ws.status_action([f.key for f in errors], ReviewStatus.CONFIRMED))
        snap = ws.snapshot()
    out = tmp_path / "out"
    result = run_to_end(write_letters(batch, snap, out))
    (written,) = result.written
    text = _paragraphs(written[1])
    assert "2008年度至2022年度报告（共15份，文件：001_711b86d480afee15.txt）" in text
    assert not any("001_copy.txt" in p for p in text)
    assert not any(lb.ITEM_2022_COPY in p for p in _items(text))
    assert any(lb.ITEM_2021 in p for p in _items(text))

    # the reviewer marks the copy's 2022 the current version: now it is listed, and its error
    report_2022 = next(r for r in batch.reports if r.year == 2022 and Path(r.source) == copy)
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        ws.apply(ws.current_action(report_2022))
        ws.sync_batch(batch)  # the mark re-flags the versions of the stored batch
        snap = ws.snapshot()
    result = run_to_end(write_letters(batch, snap, out))
    text = _paragraphs(result.written[0][1])
    assert "2008年度至2021年度报告（共14份，文件：001_711b86d480afee15.txt）" in text
    assert "2022年度报告（共1份，文件：001_copy.txt）" in text
    assert any(lb.ITEM_2022_COPY in p for p in _items(text))


def test_cjk_runs_carry_an_east_asian_font(reviewed: tuple[Path, Batch], tmp_path: Path) -> None:
    ws_path, batch = reviewed
    (letter,) = plan_letters(batch, _snapshot(ws_path)).letters
    path = write_letter(letter, LetterHead(), tmp_path / "x.docx")
    document = docx.Document(str(path))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = {
        r._element.rPr.rFonts.get(f"{ns}eastAsia") for p in document.paragraphs for r in p.runs
    }
    assert fonts == {"宋体", "黑体", "仿宋"}  # letterhead, headings, body
    normal = document.styles["Normal"].element.rPr.rFonts.get(f"{ns}eastAsia")
    assert normal == "仿宋"


def test_letter_file_names_are_safe_and_unique() -> None:
    taken: set[str] = set()
    assert letter_filename("甲/乙:丙*局", taken) == "审核意见_甲_乙_丙_局.docx"
    assert letter_filename("甲/乙:丙*局", taken) == "审核意见_甲_乙_丙_局_2.docx"
    assert letter_filename("\x00\x01", taken) == "审核意见_未识别机关.docx"


def test_an_existing_file_of_another_kind_is_not_replaced(
    reviewed: tuple[Path, Batch], tmp_path: Path
) -> None:
    ws_path, batch = reviewed
    out = tmp_path / "out"
    out.mkdir()
    victim = out / f"审核意见_{lb.BODY}.docx"
    victim.write_text("not a letter", encoding="utf-8")
    with pytest.raises(PermissionError):
        run_to_end(write_letters(batch, _snapshot(ws_path), out))
    assert victim.read_text(encoding="utf-8") == "not a letter"


def test_two_equally_small_corrections_are_one_item_offering_both(tmp_path: Path) -> None:
    """Tianqiao 2020: 表三's balance fails in 自然人 and 商业企业 alike (two APP-BALANCE
    findings), and two corrections of two cells each repair both: one item, both offered."""
    src = lb.copy_seed(tmp_path / "reports")
    batch = audit_paths([str(src)], workers=1)
    balance = [f for f in lb.findings_of(batch, 2020) if f.rule == "APP-BALANCE"]
    assert len(balance) == 2
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        ws.sync_batch(batch)
        ws.apply(ws.status_action([f.key for f in balance], ReviewStatus.NEEDS_FIX))
        snap = ws.snapshot()
    ((_report, (item,)),) = plan_letters(batch, snap).letters[0].items
    assert item.text().endswith(
        "可按以下任一方案更正，请核实后选择："
        "（1）将表三“一、本年新收”行“自然人”栏由286改为284，"
        "将表三“一、本年新收”行“商业企业”栏由0改为2；"
        "（2）将表三“二、上年结转”行“自然人”栏由10改为8，"
        "将表三“二、上年结转”行“商业企业”栏由0改为2。"
    )
    assert "请审核人" not in item.text()


def test_workbook_lists_the_outward_text_beside_the_note(
    reviewed: tuple[Path, Batch], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from gik_desk.export.xlsx import write_workbook

    ws_path, batch = reviewed
    path = write_workbook(batch, tmp_path / "审核表.xlsx", review=_snapshot(ws_path))
    sheet = load_workbook(path, read_only=True)["问题清单"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header.index("对外意见") == header.index("审核备注") + 1
    by_rule = {r[header.index("规则编号")]: r for r in rows[1:] if "2021" in str(r[0])}
    assert by_rule["APP-ROW"][header.index("对外意见")] == lb.OUTWARD
    assert by_rule["APP-RESULTS"][header.index("对外意见")] is None
    assert by_rule["TPL-LABEL"][header.index("审核备注")] == lb.NOTE_EXCLUDED


def test_the_job_reports_progress_per_letter_and_stops_when_cancelled(
    reviewed: tuple[Path, Batch], tmp_path: Path
) -> None:
    from gik_desk.jobs import Cancelled, CancelToken

    ws_path, batch = reviewed
    snap = _snapshot(ws_path)
    steps = []
    job = write_letters(batch, snap, tmp_path / "a")
    while True:
        try:
            steps.append(next(job))
        except StopIteration:
            break
    assert [(p.done, p.total, p.label) for p in steps] == [(0, 1, "生成审核意见"), (1, 1, lb.BODY)]
    token = CancelToken()
    job = write_letters(batch, snap, tmp_path / "b", cancel=token)
    next(job)
    token.cancel()
    with pytest.raises(Cancelled):
        next(job)
    assert list((tmp_path / "b").iterdir()) == []
