"""Issue 23: a letter lists every finding marked 已确认 or 需整改, and a body that gets no
letter is named with the true reason.

Seed 002 is Dongsheng 2024: APP-CARRY (正文 8 件 received; 表三 7 handled + 1 carried) and
TPL-LABEL, neither a single cell correction. A copy with one more line is a second version."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from gik_desk.jobs import run_to_end
from gik_desk.model.review import ReviewStatus
from gik_desk.services import CancelToken, audit_paths, extend_batch, write_letters
from gik_desk.workspace import Workspace

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"
DONGSHENG = SAMPLES / "002_fe52555f254f9b80.txt"
BODY = "东胜区行政审批政务服务与数据管理局"
# keyed from the published text: 正文 "受理政府信息公开申请8件"; 表三 总计 7, 结转下年度 1
CARRY_WORDS = ("8 件", "7 件", "结转下年度 1 件")


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_samples_then_seeds_dongsheng_confirmed_app_carry_is_in_its_letter(
    tmp_path: Path,
) -> None:
    """The reviewer's day: the bundled samples, then the seeds folder (the same bytes) added;
    Dongsheng's APP-CARRY and TPL-LABEL confirmed where the reviewer saw them last."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SAMPLES, seeds)
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        batch = audit_paths([SAMPLES], workers=1)
        ws.sync_batch(batch)
        batch = run_to_end(extend_batch([seeds], batch, CancelToken(), workers=1))
        ws.sync_batch(batch)
        dongsheng = [r for r in batch.reports if r.agency == BODY]
        chosen = dongsheng[-1]  # the file the reviewer opened last
        keys = [
            f.key
            for f in batch.findings
            if f.report_id == chosen.id and f.rule in ("APP-CARRY", "TPL-LABEL")
        ]
        assert len(keys) == 2
        ws.apply(ws.status_action(keys, ReviewStatus.CONFIRMED))
        snap = ws.snapshot()
    result = run_to_end(write_letters(batch, snap, tmp_path / "out", bodies=[BODY]))
    assert [(body, n) for body, _p, n in result.written] == [(BODY, 2)]
    text = "\n".join(_paragraphs(result.written[0][1]))
    for words in CARRY_WORDS:
        assert words in text


def test_a_body_whose_decisions_sit_on_another_version_is_named_with_that_reason(
    tmp_path: Path,
) -> None:
    original = Path(shutil.copy(DONGSHENG, tmp_path / "东胜2024.txt"))
    copy = tmp_path / "东胜2024更正.txt"
    copy.write_text(DONGSHENG.read_text(encoding="utf-8") + "\n(更正稿)\n", encoding="utf-8")
    batch = audit_paths([original, copy], workers=1)
    (copied,) = [r for r in batch.reports if Path(r.source) == copy]
    assert not copied.current  # the first file given stays current
    on_copy = [f.key for f in batch.findings if f.report_id == copied.id and f.rule == "APP-CARRY"]
    assert len(on_copy) == 1
    with Workspace.open(tmp_path / "w.gikdb") as ws:
        ws.sync_batch(batch)
        ws.apply(ws.status_action(on_copy, ReviewStatus.CONFIRMED))
        snap = ws.snapshot()
    result = run_to_end(write_letters(batch, snap, tmp_path / "out"))
    assert result.written == ()
    ((body, why),) = result.skipped
    assert body == BODY
    assert "1 个已确认或需整改的问题在非现行版本上" in why
    assert "东胜2024更正.txt" in why
    assert "没有已确认或需整改的问题" not in why
