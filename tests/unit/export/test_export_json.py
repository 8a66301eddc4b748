"""The JSON audit: OUTPUT.md's shape, plain numbers, null for blank and missing cells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_factory import make_report

from gik_desk.export.json import json_doc, write_json
from gik_desk.model.batch import Batch


def test_top_level_shape(batch: Batch) -> None:
    doc = json_doc(batch)
    assert doc["tool"] == "gik-desk"
    assert isinstance(doc["version"], str)
    assert [r["id"] for r in doc["reports"]] == ["r1", "r2"]
    assert doc["problems"] == [
        {
            "source": "batch/broken.doc",
            "code": "unsupported-doc",
            "message": "旧版 Word(.doc)无法直接读取表格",
        }
    ]


def test_report_fields_and_tables(batch: Batch) -> None:
    r = json_doc(batch)["reports"][0]
    assert (r["source"], r["index"], r["agency"], r["year"]) == (
        "batch/001.txt",
        0,
        "济南市天桥区人民政府",
        2021,
    )
    assert r["template"] == "t2021"
    assert r["table_templates"] == {"applications": "t2021", "active": "t2019"}
    assert r["span"] == [0, len(batch.reports[0].text)]
    app = r["tables"]["applications"]
    assert app["other.no_supplement"] == {"natural": 3, "total": 1}
    assert app["new"] == {"natural": 340, "total": None}  # "—" is blank, never 0
    assert app["granted"] == {"natural": None}  # missing from the source
    assert r["tables"]["active"]["licensing"]["change"] == -32


def test_tables_follow_template_order(batch: Batch) -> None:
    app = json_doc(batch)["reports"][0]["tables"]["applications"]
    assert list(app) == ["new", "granted", "other.no_supplement"]
    assert list(app["new"]) == ["natural", "total"]


def test_cell_info_carries_span_raw_derived_unit(batch: Batch) -> None:
    info = json_doc(batch)["reports"][0]["cell_info"]
    assert info["applications/other.no_supplement/total"] == {
        "span": [35, 36],
        "raw": "1",
        "derived": False,
        "fill": "number",
    }
    assert info["active/procurement/amount"]["unit"] == "万元"
    assert info["active/procurement/amount"]["raw"] == "104367.118823万元"
    assert info["applications/new/total"]["fill"] == "dash"
    assert "applications/granted/natural" not in info


def test_narrative_and_findings(batch: Batch) -> None:
    r1, r2 = json_doc(batch)["reports"]
    assert r1["narrative"] == [{"key": "applications.received", "value": 358, "span": [47, 50]}]
    (f,) = r1["findings"]
    assert f["rule"] == "APP-ROW"
    assert f["severity"] == "error"
    assert f["cells"][0] == {"table": "applications", "row": "other.no_supplement", "col": "total"}
    assert (f["actual"], f["expected"]) == (1, 3)
    assert f["spans"] == [[35, 36]]
    assert f["suggestions"] == [
        [{"table": "applications", "row": "other.no_supplement", "col": "total", "value": 3}]
    ]
    assert [g["rule"] for g in r2["findings"]] == ["TEXT-TABLE"]


def test_write_json_is_utf8_and_round_trips(tmp_path: Path, batch: Batch) -> None:
    out = tmp_path / "sub" / "audit.json"
    write_json(batch, out)
    raw = out.read_bytes()
    assert "济南市天桥区人民政府".encode() in raw  # not \\u-escaped
    assert json.loads(raw) == json_doc(batch)
    assert sorted(p.name for p in out.parent.iterdir()) == ["audit.json"]


@pytest.mark.parametrize("extra", [None, {"rectification": [{"body": "天桥区", "n": 1.5}]}])
@pytest.mark.parametrize("which", ["batch", "hostile_batch", "empty"])
def test_the_json_written_report_by_report_is_byte_identical_to_dumps(
    tmp_path: Path, request: pytest.FixtureRequest, which: str, extra: dict[str, object] | None
) -> None:
    """Issue 27: ``write_json`` streams the document a report at a time; not one byte changes."""
    from gik_desk.export.json import dumps, iter_dumps

    b = Batch() if which == "empty" else request.getfixturevalue(which)
    whole = dumps(b, extra)
    assert "".join(iter_dumps(b, extra)) == whole
    out = tmp_path / "audit.json"
    write_json(b, out, extra)
    assert out.read_bytes() == (whole + "\n").encode("utf-8")


def test_a_report_the_fast_writer_cannot_take_streams_as_the_stdlib_writes_it() -> None:
    """A value outside the plain types (a str subclass) sends that one report to ``json.dumps``,
    re-indented in place: still byte-identical to the whole document's text."""
    import dataclasses

    from gik_desk.export.json import dumps, iter_dumps

    class S(str):
        __slots__ = ()

    r = make_report()
    odd = dataclasses.replace(make_report("odd", "天桥区", 2020, index=1), title=S("标题\n第二行"))
    b = Batch(reports=[r, odd, r], sources=["a.txt"])
    for extra in (None, {"rectification": [S("x")]}):
        assert "".join(iter_dumps(b, extra)) == dumps(b, extra)
