"""Printed labels map to template keys by meaning (TEMPLATES.md "Label variants")."""

from __future__ import annotations

import pytest

from gik_desk.template import (
    APP_RESULT_ROWS,
    cell_label,
    generation_for_year,
    match_active_row,
    match_app_row,
    normalise_label,
)
from gik_desk.template.labels import label_deviation


@pytest.mark.parametrize(
    ("printed", "previous", "key"),
    [
        ("一、本年新收政府信\n息公开申请数量", None, "new"),
        ("三、本年度办 理结果 | (一)予以公开", None, "granted"),
        ("(三)不予公开 | 1、属于国家秘密", None, "withheld.secret"),
        ("2.其他法律行政止公开", None, "withheld.law"),
        ("3.危及「三安全一稳定」", None, "withheld.safety"),
        # Dongsheng 2024 misprints 逾期 as 预期
        (
            "(六)其他处理 1.申请人无正当理由预期不补正、行政机关不再处理",
            None,
            "other.no_supplement",
        ),
        ("3.其他", "other.no_fee", "other.other"),
        ("3.其他", "granted", None),
        ("(六)其他处理", "rejected.confirm", "other"),  # the 2019 table's single row
        ("（七）总计", None, "total"),
        ("四、结转下年度继续办理", None, "carried_out"),
    ],
)
def test_match_app_row_by_meaning(printed: str, previous: str | None, key: str | None) -> None:
    assert match_app_row(printed, previous) == key


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("行政规范性文件", "normative"),
        ("规范性文件", "normative"),
        ("规章", "rules"),
        ("其他对外管理服务事项", "other_services"),
        ("政府集中采购", "procurement"),
    ],
)
def test_match_active_row(printed: str, key: str) -> None:
    assert match_active_row(printed) == key


def test_normalise_full_width_and_kangxi() -> None:
    assert normalise_label("（七）总计") == "(七)总计"
    assert normalise_label("⼯作 １２") == "工作12"  # U+2F2F KANGXI RADICAL WORK


def test_label_deviation_kinds() -> None:
    assert label_deviation("active", "normative", "t2021", "规范性文件") == "outdated"
    assert (
        label_deviation(
            "applications",
            "other.no_supplement",
            "t2021",
            "1.申请人无正当理由预期不补正、行政机关不再处理其政府信息公开申请",
        )
        == "variant"
    )
    assert label_deviation("applications", "withheld.secret", "t2021", "1、属于国家秘密") is None


def test_generation_by_year() -> None:
    assert [generation_for_year(y) for y in (2008, 2018, 2019, 2020, 2021, 2024, None)] == [
        "pre2019",
        "pre2019",
        "t2019",
        "t2019",
        "t2021",
        "t2021",
        "unknown",
    ]


def test_result_rows_and_cell_label() -> None:
    assert APP_RESULT_ROWS["t2021"][0] == "granted"
    assert APP_RESULT_ROWS["t2021"][-1] == "other.other"
    assert APP_RESULT_ROWS["t2019"][-1] == "other"
    assert len(APP_RESULT_ROWS["t2021"]) == 21
    assert (
        cell_label("applications", "other.no_supplement", "total")
        == "表三 → (六)其他处理 1. → 总计"
    )
