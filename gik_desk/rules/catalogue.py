"""The rule catalogue as data: ID, severity, Chinese title, explanation, group, version.

The workbook's 说明 sheet, the UI and the CLI all read it from here. A finding's ``message`` is
written by its check, with the numbers and the official labels (``gik_desk.template``), never
internal keys; the catalogue holds no message templates (issue 12: unread, they had drifted).

Finding ``cells`` convention (OUTPUT.md "cells", the seed ledger compares it as a list):

- arithmetic (APP-ROW, APP-RESULTS, APP-BALANCE, APPEAL-SUM): every cell the broken identity
  reads. ``cells[0]`` is the cell the first smallest correction changes; without a correction it
  is the identity's sum cell (总计 column, (七)总计 row, or the 总计 of an 表四 group). The other
  cells follow in printed (template) order.
- BLANK: the blank cells of one block in printed order; VALUE: the one cell.
- TPL-LABEL: one finding per table; the cells of every row (or column) whose printed label
  deviates, in printed order.
- YOY-CARRY: this year's ``carried_in`` cell; YOY-STOCK: this year's cells of the identity, the
  stock cell first (``in_force`` / ``prev_items`` / ``public_total``); YOY-COPY: the block's cells.
- Narrative rules: the table cells compared, the cell the narrative claims first.
- Report-level findings (TPL-VERSION, TPL-SECTIONS, NOT-REPORT, META-DATE, TEXT-SUM, TEXT-PCT,
  TEXT-SELF, TEXT-FEE without a row) list no cells; their ``spans`` point at the text.

Narrative figure keys the rules read (``NarrativeFigure.key``): ``applications.received``,
``applications.carried_in``, ``applications.answered``, ``applications.carried_out``,
``applications.granted|partial|withheld|unable|rejected|other``, ``appeals.review.total``,
``appeals.suit.total``, ``appeals.<group>.<part>`` and ``active.<row>.<col>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from gik_desk.model import Severity

CATALOGUE_VERSION = "2025.1"


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    severity: Severity
    title: str  # Chinese, short
    explanation: str  # what it checks and why, for the 说明 sheet
    group: str  # 算术 | 模板 | 跨年度 | 正文 | 版本
    version: str = "1"


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "APP-ROW",
        _E,
        "表三行合计不符",
        "表三每一行:自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 总计。",
        "算术",
    ),
    RuleSpec(
        "APP-RESULTS",
        _E,
        "表三办理结果合计不符",
        "表三每一列:(一)予以公开至(六)其他处理各项之和 = (七)总计。",
        "算术",
    ),
    RuleSpec(
        "APP-BALANCE",
        _E,
        "表三勾稽关系不成立",
        "表三表头所列勾稽关系:第一项加第二项之和,等于第三项加第四项之和,逐列成立。",
        "算术",
    ),
    RuleSpec(
        "APPEAL-SUM",
        _E,
        "表四合计不符",
        "表四三组(行政复议、未经复议直接起诉、复议后起诉)各自:四项结果之和 = 总计。",
        "算术",
    ),
    RuleSpec(
        "VALUE",
        _E,
        "数值不合法",
        "件数须为非负整数;“本年增/减”可带符号,金额可带小数。",
        "算术",
    ),
    RuleSpec(
        "TPL-VERSION",
        _W,
        "表格版本与年度不符",
        "2021年度起应使用国办公开办函〔2021〕30号格式,2019、2020年度使用〔2019〕60号格式。",
        "模板",
    ),
    RuleSpec(
        "TPL-ROWS",
        _W,
        "模板行列缺失或多出",
        "模板规定的行、列缺失,或出现模板中没有的行。",
        "模板",
    ),
    RuleSpec(
        "BLANK",
        _W,
        "应填数字处留空",
        "模板要求填数字的单元格留空、填“/”或“—”。留空不等于 0,涉及留空格的合计不作校验。",
        "模板",
    ),
    RuleSpec(
        "TPL-LABEL",
        _I,
        "栏目名称与规范表述不一致",
        "行、列名称有错别字(如“预期”应为“逾期”)、截断或沿用旧表述,列出原文与规范表述。",
        "模板",
    ),
    RuleSpec(
        "TPL-SECTIONS",
        _W,
        "缺少规定部分",
        "年度报告应包含总体情况、主动公开、依申请公开、复议诉讼、存在问题、其他事项六部分。",
        "模板",
    ),
    RuleSpec(
        "PARSE",
        _W,
        "表格未能完整读取",
        "表格已定位但未能完整读取,或数值由连写数字串推断而来;须人工核对。",
        "模板",
    ),
    RuleSpec(
        "NOT-REPORT",
        _I,
        "非年度报告",
        "文件既无表三也无“年度报告”标题,例如年报栏目中发布的通知或函件。",
        "模板",
    ),
    RuleSpec(
        "META-DATE",
        _I,
        "发布时间晚于期限",
        "部门于每年1月31日前、县级以上人民政府于3月31日前公布本机关上一年度报告;"
        "2019年以前均为3月31日。",
        "模板",
    ),
    RuleSpec(
        "YOY-CARRY",
        _E,
        "上年结转与上年报告不符",
        "本年上年结转数应等于上一年度报告的结转下年度继续办理数(跨2020→2021年格式亦然)。",
        "跨年度",
    ),
    RuleSpec(
        "YOY-STOCK",
        _W,
        "存量与上年不衔接",
        "2021年格式:现行有效件数 = 上年现行有效 + 本年制发 − 本年废止;"
        "2019年格式:上一年项目数量 = 上年项目数量 + 上年增减,"
        "对外公开总数量 = 上年总数量 + 本年新公开。文件也会失效、重计,故为警告。",
        "跨年度",
    ),
    RuleSpec(
        "YOY-COPY",
        _W,
        "数据疑似照搬上年",
        "一组非零数字与上一年度完全相同,可能是沿用上年报告未更新。",
        "跨年度",
    ),
    RuleSpec(
        "YOY-NARRATIVE",
        _W,
        "与上年正文不符",
        "本年表格数字与上一年度报告正文所述不符(2019年以前的报告只有正文数字)。",
        "跨年度",
    ),
    RuleSpec(
        "TEXT-TABLE",
        _W,
        "正文与表格不符",
        "正文所述数字与表格中的同一数字不符;正文数字恰等于表中另一格时一并指出。",
        "正文",
    ),
    RuleSpec(
        "TEXT-FEE",
        _W,
        "信息处理费情况未说明",
        "2021年格式第六部分须说明是否收取信息处理费;逾期未缴费行大于0时应有收费通知情况。",
        "正文",
    ),
    RuleSpec(
        "APP-CARRY",
        _W,
        "受理数与办理数不符且未说明结转",
        "正文所述受理数多于表三本年办理数,且正文未说明其余申请结转下年度办理。",
        "正文",
    ),
    RuleSpec(
        "TEXT-SUM",
        _W,
        "正文分项之和不符",
        "正文“共N…,其中a…、b…”明确列举分项时,分项之和应等于总数。",
        "正文",
    ),
    RuleSpec(
        "TEXT-PART",
        _I,
        "正文分项之和小于总数",
        "正文“共N…,其中a…、b…”列举两个以上分项(不含“其他”)而分项之和少于总数:"
        "可能是分项列举不全,也可能只列了一部分,值得一看,不是错误。约数(余、多、约)不计。",
        "正文",
    ),
    RuleSpec(
        "TEXT-PCT",
        _I,
        "百分比与数字不符",
        "正文所述百分比与按所述数字计算的结果相差超过末位一个单位。",
        "正文",
    ),
    RuleSpec(
        "TEXT-SELF",
        _W,
        "正文前后矛盾",
        "正文对同一数量两次表述,数字不同。",
        "正文",
    ),
)

RULES += (
    RuleSpec(
        "DUP-VERSION",
        _W,
        "同一报告有多个版本",
        "同一机关同一年度的报告在本批中有多个文件(网页与PDF、原件与更正重报):"
        "每个文件单独审核,逐格比较列出所有不同的单元格(本版值、该版值);"
        "审核人应标记其中一份为现行版本,统计只计现行版本。",
        "版本",
    ),
)

RULES_BY_ID: dict[str, RuleSpec] = {r.id: r for r in RULES}


def spec(rule_id: str) -> RuleSpec:
    return RULES_BY_ID[rule_id]


def rule_title(rule_id: str) -> str:
    """The rule's Chinese title, the one home of it (lists, filters, axes, workbook, letters,
    history); the bare ID for a rule the catalogue does not know."""
    found = RULES_BY_ID.get(rule_id)
    return found.title if found is not None else rule_id
