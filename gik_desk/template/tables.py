"""The template's tables as data (TEMPLATES.md): keys, official labels, order, generations."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

GENERATIONS = ("t2021", "t2019", "pre2019", "unknown")


def generation_for_year(year: int | None) -> str:
    """The generation a report's year calls for (OUTPUT.md ``template``)."""
    if year is None:
        return "unknown"
    if year >= 2021:
        return "t2021"
    if year >= 2019:
        return "t2019"
    return "pre2019"


@dataclass(frozen=True, slots=True)
class ColSpec:
    key: str
    label: str  # official label
    short: str = ""  # for narrow headers and messages

    @property
    def display(self) -> str:
        return self.short or self.label


@dataclass(frozen=True, slots=True)
class RowSpec:
    key: str
    label: str  # official label of the row itself
    group: str = ""  # the row-group label it sits under, e.g. (三)不予公开
    short: str = ""  # how a reviewer names it in a letter: "(六)其他处理 1."
    generations: tuple[str, ...] = ("t2021", "t2019")

    @property
    def display(self) -> str:
        return self.short or self.label


TABLE_NAMES: dict[str, str] = {
    "active": "表二 主动公开政府信息情况",
    "applications": "表三 收到和处理政府信息公开申请情况",
    "appeals": "表四 政府信息公开行政复议、行政诉讼情况",
    "legacy": "统计表(2019年前)",
}
TABLE_SHORT: dict[str, str] = {
    "active": "表二",
    "applications": "表三",
    "appeals": "表四",
    "legacy": "统计表",
}

TABLE_TABS: dict[str, str] = {  # the desk's table tabs: short, but saying what each holds
    "active": "表二 主动公开",
    "applications": "表三 申请",
    "appeals": "表四 复议诉讼",
    "legacy": "统计表",
}

SECTION_KEYS: dict[str, str] = {
    "overview": "总体情况",
    "active": "主动公开政府信息情况",
    "applications": "收到和处理政府信息公开申请情况",
    "appeals": "政府信息公开行政复议、行政诉讼情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
}

# ---- 表三 applications -------------------------------------------------------------------

APP_COLS: tuple[ColSpec, ...] = (
    ColSpec("natural", "自然人"),
    ColSpec("business", "商业企业"),
    ColSpec("research", "科研机构"),
    ColSpec("ngo", "社会公益组织"),
    ColSpec("legal", "法律服务机构"),
    ColSpec("other", "其他"),
    ColSpec("total", "总计"),
)
APP_COL_GROUP = "法人或其他组织"  # business … other sit under it

_G3 = "三、本年度办理结果"
APP_ROWS: tuple[RowSpec, ...] = (
    RowSpec("new", "一、本年新收政府信息公开申请数量", short="一、本年新收"),
    RowSpec("carried_in", "二、上年结转政府信息公开申请数量", short="二、上年结转"),
    RowSpec("granted", "(一)予以公开", _G3, "(一)予以公开"),
    RowSpec(
        "partial",
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        _G3,
        "(二)部分公开",
    ),
    RowSpec("withheld.secret", "1.属于国家秘密", "(三)不予公开", "(三)不予公开 1."),
    RowSpec("withheld.law", "2.其他法律行政法规禁止公开", "(三)不予公开", "(三)不予公开 2."),
    RowSpec("withheld.safety", "3.危及“三安全一稳定”", "(三)不予公开", "(三)不予公开 3."),
    RowSpec("withheld.third_party", "4.保护第三方合法权益", "(三)不予公开", "(三)不予公开 4."),
    RowSpec("withheld.internal", "5.属于三类内部事务信息", "(三)不予公开", "(三)不予公开 5."),
    RowSpec("withheld.process", "6.属于四类过程性信息", "(三)不予公开", "(三)不予公开 6."),
    RowSpec("withheld.enforcement", "7.属于行政执法案卷", "(三)不予公开", "(三)不予公开 7."),
    RowSpec("withheld.query", "8.属于行政查询事项", "(三)不予公开", "(三)不予公开 8."),
    RowSpec("unable.not_held", "1.本机关不掌握相关政府信息", "(四)无法提供", "(四)无法提供 1."),
    RowSpec("unable.needs_making", "2.没有现成信息需要另行制作", "(四)无法提供", "(四)无法提供 2."),
    RowSpec("unable.unclear", "3.补正后申请内容仍不明确", "(四)无法提供", "(四)无法提供 3."),
    RowSpec("rejected.petition", "1.信访举报投诉类申请", "(五)不予处理", "(五)不予处理 1."),
    RowSpec("rejected.repeat", "2.重复申请", "(五)不予处理", "(五)不予处理 2."),
    RowSpec("rejected.publication", "3.要求提供公开出版物", "(五)不予处理", "(五)不予处理 3."),
    RowSpec("rejected.mass", "4.无正当理由大量反复申请", "(五)不予处理", "(五)不予处理 4."),
    RowSpec(
        "rejected.confirm",
        "5.要求行政机关确认或重新出具已获取信息",
        "(五)不予处理",
        "(五)不予处理 5.",
    ),
    RowSpec(
        "other.no_supplement",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "(六)其他处理",
        "(六)其他处理 1.",
        ("t2021",),
    ),
    RowSpec(
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "(六)其他处理",
        "(六)其他处理 2.",
        ("t2021",),
    ),
    RowSpec("other.other", "3.其他", "(六)其他处理", "(六)其他处理 3.", ("t2021",)),
    RowSpec("other", "(六)其他处理", _G3, "(六)其他处理", ("t2019",)),
    RowSpec("total", "(七)总计", _G3, "(七)总计"),
    RowSpec("carried_out", "四、结转下年度继续办理", short="四、结转下年度"),
)
_APP_BY_KEY = {r.key: r for r in APP_ROWS}


def app_rows(template: str) -> tuple[RowSpec, ...]:
    """The 表三 rows of a generation, in printed order (t2021 has three (六) rows, t2019 one)."""
    gen = "t2019" if template == "t2019" else "t2021"
    return tuple(r for r in APP_ROWS if gen in r.generations)


def app_result_rows(template: str) -> tuple[str, ...]:
    """The rows whose sum is (七)总计 (APP-RESULTS)."""
    keys = [r.key for r in app_rows(template)]
    return tuple(keys[keys.index("granted") : keys.index("total")])


APP_RESULT_ROWS: dict[str, tuple[str, ...]] = {
    "t2021": app_result_rows("t2021"),
    "t2019": app_result_rows("t2019"),
}

# ---- 表四 appeals --------------------------------------------------------------------------

APPEAL_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("suit_direct", "行政诉讼 · 未经复议直接起诉"),
    ("suit_after_review", "行政诉讼 · 复议后起诉"),
)
# the words 表四 prints over its column groups, as a message names a group
APPEAL_GROUP_SHORT: dict[str, str] = {
    "review": "行政复议",
    "suit_direct": "未经复议直接起诉",
    "suit_after_review": "复议后起诉",
}
# every group word a printed 表四 header may carry (行政诉讼 spans the two suit groups)
APPEAL_GROUP_WORDS: tuple[str, ...] = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉")
_APPEAL_PARTS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
APPEAL_COLS: tuple[ColSpec, ...] = tuple(
    ColSpec(f"{g}.{p}", f"{glabel} {plabel}", plabel)
    for g, glabel in APPEAL_GROUPS
    for p, plabel in _APPEAL_PARTS
)
APPEAL_ROWS: tuple[RowSpec, ...] = (RowSpec("count", "件数", short="件数"),)

# ---- 表二 active ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActiveBlock:
    """A 第二十条 block of 表二: its rows and columns for one generation."""

    article: str  # 第二十条第(一)项
    rows: tuple[RowSpec, ...]
    cols: tuple[ColSpec, ...]


_T21 = ("t2021",)
_T19 = ("t2019",)
_STOCK21 = (
    ColSpec("issued", "本年制发件数"),
    ColSpec("repealed", "本年废止件数"),
    ColSpec("in_force", "现行有效件数"),
)
_STOCK19 = (
    ColSpec("made", "本年新制作数量"),
    ColSpec("published", "本年新公开数量"),
    ColSpec("public_total", "对外公开总数量"),
)
_ITEMS19 = (
    ColSpec("prev_items", "上一年项目数量"),
    ColSpec("change", "本年增/减"),
    ColSpec("decisions", "处理决定数量"),
)
ACTIVE_BLOCKS: dict[str, tuple[ActiveBlock, ...]] = {
    "t2021": (
        ActiveBlock(
            "第二十条第(一)项",
            (
                RowSpec("rules", "规章", generations=_T21),
                RowSpec("normative", "行政规范性文件", generations=_T21),
            ),
            _STOCK21,
        ),
        ActiveBlock(
            "第二十条第(五)项",
            (RowSpec("licensing", "行政许可", generations=_T21),),
            (ColSpec("decisions", "本年处理决定数量"),),
        ),
        ActiveBlock(
            "第二十条第(六)项",
            (
                RowSpec("penalty", "行政处罚", generations=_T21),
                RowSpec("coercion", "行政强制", generations=_T21),
            ),
            (ColSpec("decisions", "本年处理决定数量"),),
        ),
        ActiveBlock(
            "第二十条第(八)项",
            (RowSpec("fees", "行政事业性收费", generations=_T21),),
            (ColSpec("amount", "本年收费金额(单位:万元)"),),
        ),
    ),
    "t2019": (
        ActiveBlock(
            "第二十条第(一)项",
            (
                RowSpec("rules", "规章", generations=_T19),
                RowSpec("normative", "规范性文件", generations=_T19),
            ),
            _STOCK19,
        ),
        ActiveBlock(
            "第二十条第(五)项",
            (
                RowSpec("licensing", "行政许可", generations=_T19),
                RowSpec("other_services", "其他对外管理服务事项", generations=_T19),
            ),
            _ITEMS19,
        ),
        ActiveBlock(
            "第二十条第(六)项",
            (
                RowSpec("penalty", "行政处罚", generations=_T19),
                RowSpec("coercion", "行政强制", generations=_T19),
            ),
            _ITEMS19,
        ),
        ActiveBlock(
            "第二十条第(八)项",
            (RowSpec("fees", "行政事业性收费", generations=_T19),),
            _ITEMS19[:2],
        ),
        ActiveBlock(
            "第二十条第(九)项",
            (RowSpec("procurement", "政府集中采购", generations=_T19),),
            (ColSpec("projects", "采购项目数量"), ColSpec("amount", "采购总金额")),
        ),
    ),
}
SIGNED_COLS = frozenset({"change"})  # may be negative
DECIMAL_COLS = frozenset({"amount"})  # may be fractional


def active_rows(template: str) -> tuple[tuple[RowSpec, tuple[ColSpec, ...]], ...]:
    """Each 表二 row of a generation with its columns, in printed order."""
    gen = "t2019" if template == "t2019" else "t2021"
    return tuple((r, b.cols) for b in ACTIVE_BLOCKS[gen] for r in b.rows)


# ---- lookups every layer uses -------------------------------------------------------------


def table_rows(table: str, template: str) -> tuple[RowSpec, ...]:
    if table == "applications":
        return app_rows(template)
    if table == "appeals":
        return APPEAL_ROWS
    if table == "active":
        return tuple(r for r, _ in active_rows(template))
    return ()


# The old-style 统计表 of pre-2019 reports: its rows are its own printed labels (no national
# list); its columns are the year's figure and, where printed, the running total.
LEGACY_COLS: tuple[ColSpec, ...] = (ColSpec("year", "本年度"), ColSpec("cumulative", "历年累计"))

# What an old 统计表 row means, by its label: the narrative figure it holds for the year
LEGACY_MEANINGS: tuple[tuple[str, str], ...] = (
    ("applications.received", r"(受理|收到).*申请.*(总数|数)$|^申请总数$"),
    ("applications.answered", r"答复总数$"),
    ("applications.granted", r"^(同意公开|公开同意)答复数$"),
    ("applications.partial", r"部分公开答复数$"),
    ("appeals.review.total", r"^行政复议(数|数量|案件数)$"),
    ("appeals.suit.total", r"^行政诉讼(数|数量|案件数)$"),
)


def legacy_row(key: str, rows: Iterable[str]) -> str | None:
    """The old 统计表 row holding narrative figure ``key`` for the year, by its label."""
    pattern = next((p for k, p in LEGACY_MEANINGS if k == key), None)
    if pattern is None:
        return None
    return next((r for r in rows if re.search(pattern, r)), None)


def table_cols(table: str, template: str, row: str | None = None) -> tuple[ColSpec, ...]:
    """Columns of a table; for 表二 the union in order, or one row's own columns."""
    if table == "applications":
        return APP_COLS
    if table == "appeals":
        return APPEAL_COLS
    if table == "legacy":
        return LEGACY_COLS
    if table == "active":
        out: dict[str, ColSpec] = {}
        for r, cols in active_rows(template):
            if row is None or r.key == row:
                for c in cols:
                    out.setdefault(c.key, c)
        return tuple(out.values())
    return ()


@functools.lru_cache(maxsize=64)
def expected_cells(table: str, template: str) -> tuple[tuple[str, str], ...]:
    """Every (row, col) the template requires for a table of that generation (cached: the
    parser asks for every table it builds)."""
    if table == "active":
        return tuple((r.key, c.key) for r, cols in active_rows(template) for c in cols)
    return tuple(
        (r.key, c.key) for r in table_rows(table, template) for c in table_cols(table, template)
    )


def _find_row(table: str, row: str) -> RowSpec | None:
    if table == "applications":
        return _APP_BY_KEY.get(row)
    if table == "appeals":
        return APPEAL_ROWS[0] if row == "count" else None
    if table == "active":
        for gen in ("t2021", "t2019"):
            for r, _ in active_rows(gen):
                if r.key == row:
                    return r
    return None


def row_label(table: str, row: str, *, short: bool = True) -> str:
    spec = _find_row(table, row)
    if spec is None:
        return row
    return spec.display if short else (f"{spec.group} {spec.label}".strip())


def col_label(table: str, col: str, *, short: bool = False) -> str:
    cols: tuple[ColSpec, ...]
    if table == "applications":
        cols = APP_COLS
    elif table == "appeals":
        cols = APPEAL_COLS
    elif table == "legacy":
        cols = LEGACY_COLS
    else:
        cols = tuple(c for g in ("t2021", "t2019") for c in table_cols("active", g))
    for c in cols:
        if c.key == col:
            return c.display if short else c.label
    return col


def cell_label(table: str, row: str, col: str) -> str:
    """How a reviewer's letter names a cell: ``表三 → (六)其他处理 1. → 总计``."""
    if table == "appeals":
        return f"{TABLE_SHORT[table]} → {col_label(table, col)}"
    return f"{TABLE_SHORT.get(table, table)} → {row_label(table, row)} → {col_label(table, col)}"


def cell_name(table: str, row: str, col: str) -> str:
    """How a letter names a cell in a sentence: 表三“(六)其他处理 1.”行“总计”栏, 表四“行政复议
    结果纠正”栏, 统计表“行政复议数”行“本年度”栏. ``cell_label`` is the short on-screen form."""
    if table == "appeals":
        return f"表四“{col_label(table, col)}”栏"
    if table == "legacy":
        return f"统计表“{row}”行“{col_label(table, col)}”栏"
    short = "表三" if table == "applications" else "表二"
    return f"{short}“{row_label(table, row)}”行“{col_label(table, col)}”栏"


def table_short(table: str) -> str:
    return TABLE_SHORT.get(table, table)
