"""Matching printed labels to template keys by meaning, and naming how they deviate.

Real reports misspell (预期/逾期), truncate, reflow and re-punctuate labels; matching is on
a normalised form with key words, and the printed text is kept so TPL-LABEL can show both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from gik_desk.template.tables import APP_ROWS, active_rows

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "‘": "'", "’": "'", "〝": '"'})
_WS = re.compile(r"[\s\u3000\u00a0|]+")
_ORDINAL = re.compile(r"(\d)[、.．]")


@lru_cache(maxsize=16384)
def normalise_label(text: str) -> str:
    """NFKC (full-width → ASCII, Kangxi radicals → ideographs), no whitespace, one quote style."""
    # NFKC also maps the Kangxi radicals PDF text layers emit (ECOSYSTEM.md #6); the
    # supplement radicals it leaves alone are folded by ingest/cjk.py for extracted text.
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    s = _WS.sub("", s)
    s = _ORDINAL.sub(r"\1.", s)
    return s.replace("(", "(").replace(")", ")")


# Ordered: specific meaning first. Each pattern is searched in the normalised label.
_APP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (k, re.compile(p))
    for k, p in (
        ("new", r"本年(度)?新收|新收.*申请"),
        ("carried_in", r"上年(度)?结转"),
        ("carried_out", r"结转下年|下年度继续"),
        ("withheld.secret", r"国家秘密"),
        ("withheld.law", r"法律行政法规|其他法律|禁止公开"),
        ("withheld.safety", r"三安全|一稳定"),
        ("withheld.third_party", r"第三方"),
        ("withheld.internal", r"内部事务"),
        ("withheld.process", r"过程性"),
        ("withheld.enforcement", r"执法案卷"),
        ("withheld.query", r"查询事项"),
        ("unable.not_held", r"不掌握"),
        ("unable.needs_making", r"另行制作|没有现成"),
        ("unable.unclear", r"仍不明确|补正后"),
        ("rejected.petition", r"信访|举报投诉"),
        ("rejected.repeat", r"重复申请"),
        ("rejected.publication", r"出版物"),
        ("rejected.mass", r"大量反复"),
        ("rejected.confirm", r"重新出具|确认或"),
        ("other.no_supplement", r"不补正"),
        ("other.no_fee", r"缴纳费用|收费通知|未按收费"),
        ("granted", r"予以公开"),
        ("partial", r"部分公开"),
        ("total", r"总计"),
    )
)
_GROUP_PREFIX = re.compile(
    r"^(三\.?、?本年度?办?理结果)?"
    r"(\((三|四|五|六)\)(不予公开|无法提供|不予处理|其他处理)?)?"
)
_OTHER_ONLY = re.compile(r"^(\(六\))?其他处理$")
_OTHER_OTHER = re.compile(r"^(3\.)?其他$")


@lru_cache(maxsize=16384)
def match_app_row(label: str, previous: str | None = None) -> str | None:
    """The 表三 row key a printed label means, or None.

    ``previous`` is the row matched just before; it decides the bare ``3.其他`` (t2021) and
    tells the one-row (六)其他处理 of the 2019 template from the 2021 group label. Cached:
    every report prints the same few dozen labels, and each costs up to 24 pattern searches.
    """
    s = normalise_label(label)
    if not s:
        return None
    for key, pat in _APP_PATTERNS:
        if pat.search(s):
            if key == "granted" and "不予公开" in s:
                continue
            return key
    rest = _GROUP_PREFIX.sub("", s)
    if _OTHER_ONLY.match(s) or (rest == "" and "其他处理" in s):
        return "other"
    if _OTHER_OTHER.match(rest) or _OTHER_OTHER.match(s):
        return "other.other" if previous in ("other.no_fee", "other.no_supplement") else None
    return None


_ACTIVE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (k, re.compile(p))
    for k, p in (
        ("other_services", r"其他对外管理服务|对外管理服务"),
        ("normative", r"规范性文件"),
        ("rules", r"^规章$|规章"),
        ("licensing", r"行政许可"),
        ("penalty", r"行政处罚"),
        ("coercion", r"行政强制"),
        ("fees", r"事业性收费|行政收费"),
        ("procurement", r"集中采购|政府采购"),
    )
)


@lru_cache(maxsize=4096)
def match_active_row(label: str) -> str | None:
    """The 表二 row key a printed label means, or None (cached like ``match_app_row``)."""
    s = normalise_label(label)
    for key, pat in _ACTIVE_PATTERNS:
        if pat.search(s):
            return key
    return None


_OUTDATED = {("active", "normative", "t2021"): "规范性文件"}


def official_label(table: str, row: str, template: str) -> str:
    if table == "applications":
        for r in APP_ROWS:
            if r.key == row:
                return r.label
    if table == "active":
        for r, _ in active_rows(template):
            if r.key == row:
                return r.label
    return ""


def label_deviation(table: str, row: str, template: str, printed: str) -> str | None:
    """How a printed row label deviates from the official one: None, or
    ``truncated`` / ``outdated`` / ``variant`` (typos and stray characters)."""
    official = official_label(table, row, template)
    if not official:
        return None
    p = _GROUP_PREFIX.sub("", normalise_label(printed)) or normalise_label(printed)
    o = normalise_label(official)
    if p == o:
        return None
    if (table, row, template) in _OUTDATED and p == normalise_label(
        _OUTDATED[table, row, template]
    ):
        return "outdated"
    if len(p) < len(o) and o.startswith(p):
        return "truncated"
    if _strip_number(p) == _strip_number(o):
        return None  # only the ordinal's punctuation differs
    return "variant"


def _strip_number(s: str) -> str:
    return re.sub(r"^(\(\w\)|\d+\.|[一二三四五六七八九十]+、)", "", s)
