# ruff: noqa: E501  (a table of Chinese/English strings)
"""Regenerate gik_desk_en.ts (pyside6-lupdate + the action table's texts) and compile the .qm.

Run from the project root: ``.venv/bin/python resources/i18n/update_translations.py``.
Source strings are Chinese; ENGLISH below holds their translations. A string missing there stays
"unfinished" in the .ts and shows in Chinese.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "gik_desk_en.ts"
BIN = Path(sys.executable).parent

ENGLISH = {
    # file dialogs (issue 24)
    "年度报告": "Annual reports",
    "所有文件": "All files",
    "GIK Desk 工作区": "GIK Desk workspace",
    "打开文件夹": "Open Folder",
    "打开年度报告": "Open Annual Reports",
    "工作区另存为": "Save Workspace As",
    "打开工作区": "Open Workspace",
    "导出审核表": "Export Audit Workbook",
    "Excel 工作簿": "Excel workbook",
    "工作区文件名": "Workspace File Name",
    "工作区文件名须以 {0} 结尾（或不写扩展名），不能用“{1}”。": "A workspace file name must end in {0} (or have no extension), not “{1}”.",
    "统计看板": "dashboard",
    "PNG 图片": "PNG image",
    "（图表只计现行版本：报告 {0} 份 · 问题 {1} 条）": " (charts count current versions only: {0} reports · {1} findings)",
    # issue 28: a colleague changed it first; the workspace out of reach (teamconflict)
    "修改冲突": "Conflicting Change",
    "「{0}」未执行：下列内容在你修改之后已被他人改动。请选择保留哪一方的修改。": "“{0}” was not applied: someone else changed the following after you made your change. Choose whose change to keep.",
    "其余没有冲突的内容已经写入。": "The rest, which had no conflict, was saved.",
    "对象": "Item",
    "对方的（现在保存的）": "Theirs (saved now)",
    "修改人": "Changed by",
    "我的": "Mine",
    "（空）": "(empty)",
    "备注：{0}": "Note: {0}",
    "{0}，{1}": "{0}, {1}",
    "保留对方的": "Keep Theirs",
    "放弃我的这次修改，工作区保持对方的内容。": "Drop my change; the workspace keeps theirs.",
    "保留我的": "Keep Mine",
    "在对方的修改之上重新写入我的修改（记入操作记录）。": "Write my change again on top of theirs (logged in the history).",
    "已在对方的修改之上写入我的修改。": "My change was written on top of theirs.",
    "已保留对方的修改，我的这次修改未写入。": "Kept their change; mine was not written.",
    "暂存的修改": "Kept Changes",
    "上次断开工作区「{0}」时，有 {1} 项修改暂存在本机，尚未写入工作区。现在写入吗？": "When workspace “{0}” was last out of reach, {1} changes were kept on this computer and not yet written to it. Write them now?",
    "写入时若有他人改过同一内容，会逐项请你选择；选“稍后”则继续暂存。": "Where someone else changed the same item, you will be asked for each; “Later” keeps them on this computer.",
    "现在写入": "Write Now",
    "稍后": "Later",
    "{0}　{1} 项修改暂存在本机（待写入），恢复连接后自动写入。": "{0}  {1} changes kept on this computer (pending); they are written when the workspace is back.",
    "已重新连接工作区，暂存的修改已写入。": "Reconnected to the workspace; the kept changes were written.",
    "{0} 项修改仍暂存在本机；可用“文件 ▸ 重新连接”写入。": "{0} changes are still kept on this computer; use File ▸ Reconnect to write them.",
    "未打开工作区。": "No workspace is open.",
    "重新连接": "Reconnect",
    # actions
    "打开文件…": "Open Files…",
    "打开文件夹…": "Open Folder…",
    "导出审核表…": "Export Audit Workbook…",
    "导出当前报告…": "Export Current Report…",
    "导入审核表…": "Import Review Workbook…",
    "新建工作区…": "New Workspace…",
    "打开工作区…": "Open Workspace…",
    "工作区另存为…": "Save Workspace As…",
    "取消": "Cancel",
    "退出": "Quit",
    "查找问题": "Find Findings",
    "添加批注…": "Add Annotation…",
    "删除所选批注": "Delete Selected Annotation",
    "上一问题": "Previous Finding",
    "下一问题": "Next Finding",
    "上一份报告": "Previous Report",
    "下一份报告": "Next Report",
    "跳转到对比年份": "Go to Compared Year",
    "标为 待核实": "Mark To Verify",
    "标为 已确认": "Mark Confirmed",
    "标为 已排除(误报)": "Mark Dismissed (False Alarm)",
    "标为 需整改": "Mark Needs Fix",
    "标为 例外(已说明)": "Mark Exception (Explained)",
    "编辑备注": "Edit Note",
    "显示全部报告的问题": "Show Findings of All Reports",
    "关于": "About",
    "重新载入": "Reload",
    "移除文件…": "Remove File…",
    "关闭批次": "Close Batch",
    # tabs
    "表二 主动公开": "Table 2 Proactive",
    "表三 申请": "Table 3 Requests",
    "表四 复议诉讼": "Table 4 Appeals",
    "统计表": "Statistics (pre-2019)",
    # window
    "GIK Desk 政府信息公开年报审核台": "GIK Desk — Information Disclosure Report Auditor",
    "撤销": "Undo",
    "重做": "Redo",
    "打开年度报告文件或文件夹开始审核（也可把文件拖进窗口）。": "Open report files or a folder to start (or drop files on the window).",
    "文件(&F)": "&File",
    "编辑(&E)": "&Edit",
    "视图(&V)": "&View",
    "审核(&R)": "&Review",
    "审核": "Review",
    "帮助(&H)": "&Help",
    "设置(&S)": "&Settings",
    "工具栏": "Toolbar",
    "最近的工作区": "Recent Workspaces",
    "最近打开的文件": "Recent Files",
    "批次概览": "Batch Overview",
    "这些文件已经打开。": "These files are already open.",
    "正在读取其他文件，请稍候或先取消。": "Other files are loading; wait or cancel first.",
    "正在读取文件": "Reading files",
    "读取 {0}/{1}：{2}": "Reading {0}/{1}: {2}",
    "已读取 {0} 份报告，发现 {1} 个问题（错误 {2} 个），{3} 个文件无法读取。": "Read {0} reports, {1} findings ({2} errors); {3} files could not be read.",
    "出错：": "Error: ",
    "已取消。": "Cancelled.",
    "已是最后一个问题。": "This is the last finding.",
    "已是第一个问题。": "This is the first finding.",
    "未打开工作区，审核状态无法保存。": "No workspace is open; statuses cannot be saved.",
    "请先打开报告和工作区。": "Open a report and a workspace first.",
    "请先在原文中选中文字，或在表格中选择一格。": "Select text in the source or a table cell first.",
    "添加批注": "Add Annotation",
    "批注内容：": "Annotation:",
    "没有可导出的报告。": "No reports to export.",
    "正在导出…": "Exporting…",
    "已导出：{0}": "Exported: {0}",
    # issue 14: the review itself
    "审核人…": "Reviewer…",
    "对单元格加批注…": "Annotate Cell…",
    "报告标为 未开始": "Mark Report Not Started",
    "报告标为 审核中": "Mark Report In Review",
    "报告标为 已完成": "Mark Report Done",
    "审核人": "Reviewer",
    "审核人姓名（记入每一次状态更改和备注；可在“设置 ▸ 审核人…”中修改）：": "Reviewer's name (recorded with every status change and note; change it under Settings ▸ Reviewer…):",
    "说明理由": "Give a Reason",
    "这个问题": "this finding",
    "这 {0} 个问题": "these {0} findings",
    "将{0}标为「{1}」须说明理由。理由记入备注：": "Marking {0} as “{1}” needs a reason. It is kept as the note:",
    "审核人：{0}。此后的更改都记在此名下。": "Reviewer: {0}. Changes from now on are recorded under this name.",
    "未说明理由，未标为「{0}」。": "No reason given: not marked “{0}”.",
    "未打开工作区，报告审核状态无法保存。": "No workspace is open: the report's review state cannot be saved.",
    "已审 {0} 个问题，共 {1} 个；已完成 {2}/{3} 份报告": "Reviewed {0} of {1} findings; {2}/{3} reports done",
    "请先在表格中选择一格。": "Choose a cell in a table first.",
    "这一格没有在原文中读到数字，无法加批注。": "This cell was not read from the text: it cannot be annotated.",
    "对单元格加批注": "Annotate Cell",
    "审核状态：{0}；已审 {1}/{2} 个问题": "Review state: {0}; reviewed {1}/{2} findings",
    "已完成 {0}/{1} 份报告；已审 {2}/{3} 个问题": "{0}/{1} reports done; reviewed {2}/{3} findings",
    "全部问题": "All Findings",
    "有备注": "With a Note",
    "我改过的": "Changed by Me",
    "未查看": "Not Yet Seen",
    "规则编号：": "Rule code: ",
    "历史": "History",
    # models and views
    "批次": "Batch",
    "问题": "Findings",
    "未发现问题": "No findings",
    "筛选机关、年份…": "Filter bodies, years…",
    "备注(回车保存)": "Note (Enter saves)",
    "跳转到对比年份的报告": "Go to the compared year's report",
    "删除批注": "Delete Annotation",
    "状态": "Status",
    "备注": "Note",
    "批注": "Annotations",
    "未选择问题": "No finding chosen",
    "在问题清单中选择一个问题，或按 F8 / N 跳到下一个问题。": "Choose a finding in the list, or press F8 / N for the next one.",
    "依据：": "Basis: ",
    "公式：": "Formula: ",
    "填报 {0}，应为 {1}": "Reported {0}, expected {1}",
    "涉及单元格：": "Cells: ",
    "建议更正：": "Suggested correction: ",
    "几种更正同样最小，由审核人选择。": "Several corrections are equally small; the reviewer chooses.",
    "⚠ 无法定位：": "⚠ Cannot locate: ",
    "严重程度": "Severity",
    "规则": "Rule",
    "报告": "Report",
    "位置": "Where",
    "说明": "Message",
    "备注：": "Note: ",
    "全部严重程度": "All severities",
    "全部状态": "All statuses",
    "当前报告": "Current report",
    "全部报告": "All reports",
    "搜索说明、规则、位置…": "Search…",
    "全部规则": "All rules",
    "问题清单（{0}/{1}）": "Findings ({0}/{1})",
    "原文中没有这一格": "This cell is not in the source",
    # issue 29: scanned figures and keyed cells
    "未识别": "Unread",
    "OCR 识别自扫描件，置信度 {0}": "Read by OCR from a scan, confidence {0}",
    "扫描件中这一格识别不够确定（置信度 {0}），未读取；可双击录入": "OCR was not sure enough of this scanned figure (confidence {0}), so it was not read; double-click to key it",
    "人工录入：原件无法识别，数值由审核人填入，不是原文印出的数字": "Keyed: the original could not be read; the value was typed by a reviewer, not printed in the source",
    "{0} 个录入的数值所在文件已变化（{1}），未应用，请对照新文件重新录入": "{0} keyed value(s) belong to a file that has changed ({1}) and were not applied; key them again from the new file",
    "原文：": "Source: ",
    "未填数字（空白不按 0 计）": "No number filled (blank is not 0)",
    "推算值：由连在一起的数字串按表内关系拆分得出，非直接读取": "Derived: split from a run of digits by the table's identities, not read directly",
    "其他可能的拆分：": "Other possible splits: ",
    "建议更正为 {0}": "Suggested: {0}",
    "原文": "Source",
    "年份未识别": "year unknown",
    "更正目标：最小更正首先改动这一格": "Correction target: the smallest correction changes this cell first",
    "参与核对：以下问题读取了这一格": "Checked: these findings read this cell",
    "另一种更正可改为 {0}": "An alternative correction: {0}",
    "选中一条批注后在此修改内容（回车保存）": "Select an annotation to edit it here (Enter saves)",
    # issue 13: the desk remembers
    "{0} 个文件找不到:{1}": "{0} file(s) not found: {1}",
    "{0} 个文件自上次审核后已改动,已重新审核:{1}": "{0} file(s) changed since the last audit, audited again: {1}",
    "等 {0} 个": " and more ({0} in all)",
    "正在恢复上次的批次({0} 个文件)": "Restoring the last batch ({0} files)",
    "没有打开的文件。": "No files are open.",
    "请先选择要重新载入的报告。": "Choose a report to reload first.",
    "正在重新载入 {0} 个文件": "Reloading {0} file(s)",
    "请先在批次中选择要移除的报告或文件。": "Choose a report or file in the batch to remove first.",
    "移除文件": "Remove File",
    "从批次中移除 {0}(其中 {1} 份报告)?审核状态、备注和批注仍保留在工作区中。": "Remove {0} ({1} reports) from the batch? Statuses, notes and annotations stay in the workspace.",
    "正在移除 {0} 个文件": "Removing {0} file(s)",
    "已关闭批次。审核记录仍保存在工作区中。": "Batch closed. The review stays in the workspace.",
    "未打开工作区，备注无法保存。": "No workspace is open: the note cannot be saved.",
    "正在导出 {0}/{1}:{2}": "Exporting {0}/{1}: {2}",
    "已取消导出，未写入任何文件。": "Export cancelled; no file was written.",
    "备注(离开即保存;Esc 或 Ctrl+回车 返回问题清单)": "Note (saved when you leave it; Esc or Ctrl+Enter returns to the findings)",
    # 导入审核表 (issue 16)
    "导入审核表": "Import Review Workbook",
    "Excel 工作簿 (*.xlsx)": "Excel workbook (*.xlsx)",
    "已导入（可用“撤销”一步撤回）": "Imported (one Undo takes it back)",
    "冲突：导出后工作区已改动，未覆盖，请逐条决定（双击打开该问题）": "Conflicts: changed in the workspace since the export, not overwritten; decide each (double-click opens the finding)",
    "未导入的行": "Rows not imported",
    "请先打开审核工作区，再导入审核表。": "Open a review workspace before importing a workbook.",
    "正在读取审核表…": "Reading the workbook…",
    "读取审核表": "Reading the workbook",
    "导入失败：": "Import failed: ",
    # issue 22: the strings left unfinished by issues 11, 17 and the 原件 view
    "导出图表 PNG…": "Export Chart as PNG…",
    "机关：": "Body: ",
    "报告 {0} 份 · 问题 {1} 条": "{0} reports · {1} findings",
    "写给报送机关的意见,将写入审核意见函(与内部备注分开)": "The comment for the reporting body; it goes into the review letter (separate from the internal note)",
    "保存对外意见": "Save Outward Comment",
    "对外意见": "Outward comment",
    "与「{0}」逐格比较（本版 | 该版）：": "Cell by cell against “{0}” (this version | that version):",
    "    无不同单元格": "    No cell differs",
    "请先打开审核工作区，再标记现行版本。": "Open a review workspace first, then mark the current version.",
    "未打开工作区，对外意见无法保存。": "No workspace is open: the outward comment cannot be saved.",
    "缩小(Ctrl+滚轮)": "Zoom Out (Ctrl+Wheel)",
    "放大(Ctrl+滚轮)": "Zoom In (Ctrl+Wheel)",
    "适合宽度": "Fit Width",
    "页面宽度适合窗格": "Fit the page width to the pane",
    "无法打开原件（文件可能已移动、删除或损坏）：": "Cannot open the original (the file may have been moved, deleted or damaged): ",
    "正在读取原件…": "Reading the original…",
    "读取原件": "Reading the original",
    "纯文本文件没有版面，原件即文本。": "A plain-text file has no layout: the original is the text.",
    "无法读取原件：": "Cannot read the original: ",
    "渲染原件": "Rendering the original",
    "文本": "Text",
    "原件": "Original",
    "显示从文件中提取的文字": "Show the text extracted from the file",
    "未选择报告": "No report chosen",
    "显示发布的原件：页面或表格，所选单元格标在上面": "Show the published original: its pages or tables, with the chosen cell marked",
    "纯文本文件没有版面可显示，原件即上面的文本。": "A plain-text file has no layout to show: the original is the text above.",
    "标为现行版本": "Mark as Current Version",
    "生成审核意见…": "Write Review Letters…",
    "导出图表": "Export Chart",
    "PNG 图片 (*.png)": "PNG images (*.png)",
    "{0} {1} 个": "{0}: {1}",
    # the letters dialog (issue 17), read from its _tr() calls
    "正在读取其他文件,请稍候或先取消。": "Other files are being read; please wait or cancel first.",
    "生成审核意见": "Write Review Letters",
    "浏览…": "Browse…",
    "本批全部机关": "Every body in this batch",
    "保存到文件夹": "Save to folder",
    "版头": "Letterhead",
    "发文机关": "Issuing office",
    "选择文件夹": "Choose Folder",
    "正在生成审核意见": "Writing review letters",
    "已取消生成审核意见;已写出的文件保留。": "Letters cancelled; the files already written are kept.",
    "没有可生成审核意见的报告。": "No report to write a letter for.",
    "请先打开审核工作区:审核意见只包含已确认或需整改的问题。": "Open a review workspace first: letters hold only confirmed findings and findings that need a fix.",
    "正在生成审核意见,请稍候或先取消。": "Letters are being written; please wait or cancel first.",
    "已生成 {0} 份审核意见{1}": "{0} review letters written{1}",
    "等": " and more",
    "生成审核意见出错:": "Writing the letters failed: ",
    "所选机关({0}个:{1})": "Chosen bodies ({0}: {1})",
    "生成审核意见 {0}/{1}:{2}": "Letter {0}/{1}: {2}",
    ";{0} 个机关未生成:{1}{2}(原因见提示)": "; {0} bodies got none: {1}{2} (see the tooltip for why)",
    ",保存在 {0}": ", saved in {0}",
    "{0}（{1}）": "{0} ({1})",
    # the model's words (context "words", gik_desk/ui/words.py)
    "待核实": "To verify",
    "已确认": "Confirmed",
    "已排除(误报)": "Dismissed (false alarm)",
    "需整改": "Needs fix",
    "例外(已说明)": "Exception (explained)",
    "未开始": "Not started",
    "审核中": "In review",
    "已完成": "Done",
    "错误": "Error",
    "警告": "Warning",
    "提示": "Info",
    "2021版模板": "2021 template",
    "2019版模板": "2019 template",
    "2019年前": "Before 2019",
    "模板未识别": "Template not recognised",
    # issue 23: decisions kept through reloads, sign-off, versions side by side
    "{0} 个已审核问题的数字有变化，已保留审核状态与备注并标为“已变化”": "{0} reviewed findings changed their figures; their statuses and notes are kept and marked “Changed”",
    "{0} 份已完成的报告因此改回“审核中”": "{0} signed-off reports went back to “In Review”",
    "已变化": "Changed",
    "标为已完成": "Mark Done",
    "「{0}」还有 {1} 个问题为“待核实”。仍然标为“已完成”吗？": "“{0}” still has {1} findings “To Verify”. Mark it “Done” anyway?",
    "仍标为已完成": "Mark Done Anyway",
    "未标为已完成：还有 {0} 个问题待核实。": "Not marked Done: {0} findings are still to verify.",
    "无扩展名": "no extension",
    "现行版本（计入统计和审核意见）": "current version (counted in statistics and letters)",
    "其他版本（不计入统计和审核意见）": "other version (not counted in statistics or letters)",
    "并排比较各版本": "Compare Versions Side by Side",
    "另一版本已不在本批中，无法并排比较。": "The other version is no longer in this batch; it cannot be compared side by side.",
    "并排比较：「{0}」与「{1}」": "Side by side: “{0}” and “{1}”",
    "共 {0} 处不同，以加粗和底色标出；左：「{1}」，右：「{2}」。": "{0} differing cells, in bold on a tint; left: “{1}”, right: “{2}”.",
    "两个版本的统计表逐格相同。": "The two versions' tables agree cell by cell.",
    # issue 27: damaged workspace rows, a cancelled workbook read
    "已取消导入审核表。": "Review workbook import cancelled.",
    "已损坏": "Damaged",
    "审核记录已损坏：": "Review record damaged: ",
    "工作区中有 {0} 条审核记录已损坏：已标为“已损坏”，未改动。": "{0} review records in the workspace are damaged: marked “Damaged” and left unchanged.",
}

# 整改复核 (issue 30)
ENGLISH.update(
    {
        "整改复核…": "Follow-up Check…",
        "整改复核": "Follow-up Check",
        "项目": "Item",
        "问题": "Issue",
        "原数值": "Printed",
        "建议值": "Asked For",
        "新版本数值": "In New Version",
        "复核结论": "Outcome",
        "依据": "Grounds",
        "审核人确认": "Reviewer Confirmed",
        "已整改": "Fixed",
        "未整改": "Not Fixed",
        "改错": "Changed, Still Wrong",
        "未重新发布": "Not Republished",
        "确认结论": "Confirm Outcome",
        "改判为已整改…": "Rule Fixed…",
        "改判为未整改…": "Rule Not Fixed…",
        "改判为改错…": "Rule Still Wrong…",
        "撤回确认": "Withdraw Confirmation",
        "跳转到原版本": "Go to Old Version",
        "跳转到新版本": "Go to New Version",
        "生成复核意见…": "Write Follow-up Letters…",
        "关闭": "Close",
        "已整改 {0}，未整改 {1}，待复核 {2}": "{0} fixed, {1} not fixed, {2} to confirm",
        "本批次：{0}": "This batch: {0}",
        "工作区中还没有已发出的审核意见：生成审核意见后，对方重新发布的报告在此逐项复核。": "No letter has been sent from this workspace yet: once letters are written, republished reports are checked here item by item.",
        "新问题": "New issue",
        "其他改动": "Other change",
        "空白": "blank",
        "已确认": "Confirmed",
        "改判为「{0}」": "Rule “{0}”",
        "依据显示为「{0}」。请写明改判的理由（记入操作记录）：": "The figures say “{0}”. Give the reason for your ruling (it goes into the history):",
        "改判须写明理由，未改动。": "A ruling needs a reason; nothing was changed.",
        "请先打开审核工作区：整改复核依据工作区中记录的已发审核意见。": "Open a review workspace first: the follow-up check works from the letters it recorded as sent.",
        "复核意见保存到": "Save follow-up letters in",
        "正在生成复核意见": "Writing follow-up letters",
        "已生成 {0} 份复核意见。": "{0} follow-up letter(s) written.",
        "生成复核意见出错：": "Writing follow-up letters failed: ",
        "已取消生成复核意见；已写出的文件保留并已记录。": "Follow-up letters cancelled; those already written are kept and recorded.",
    }
)

# a team's batch (issue 28): assignments, live updates, connecting to a team workspace
ENGLISH.update(
    {
        "连接团队工作区…": "Connect to Team Workspace…",
        "连接团队工作区": "Connect to Team Workspace",
        "分配给…": "Assign To…",
        "分配给我": "Assigned to Me",
        "分配给：{0}": "Assigned to: {0}",
        "未分配": "Not assigned",
        "{0} 人": "{0} people",
        "(新的连接)": "(new connection)",
        "例如 db.office.lan": "e.g. db.office.lan",
        "密码不在这里填写，也不会被保存：请把它写入 PostgreSQL 的密码文件(pgpass，Windows 上为 %APPDATA%\\postgresql\\pgpass.conf)，由 libpq 读取。": "The password is not typed here and never saved: put it in PostgreSQL's password file (pgpass; on Windows %APPDATA%\\postgresql\\pgpass.conf), where libpq reads it.",
        "最近的连接：": "Recent connections:",
        "服务器：": "Server:",
        "端口：": "Port:",
        "数据库：": "Database:",
        "用户名(数据库角色)：": "User name (database role):",
        "连接": "Connect",
        "(不分配)": "(nobody)",
        "把{0}分配给：": "Assign {0} to:",
        "未打开工作区，无法分配。": "No workspace is open: nothing can be assigned.",
        "只有组长可以分配报告。": "Only the lead can assign reports.",
        "请先在报告列表中选择报告或机关。": "Select reports or bodies in the report list first.",
        "{0} 个机关和 {1} 份报告": "{0} bodies and {1} reports",
        "{0} 个机关": "{0} bodies",
        "{0} 份报告": "{0} reports",
        "无法读取同事的更改：{0}": "Cannot read colleagues' changes: {0}",
    }
)


def _action_texts() -> list[str]:
    """Every action's text (context ``actions``), read from the action table itself."""
    sys.path.insert(0, str(ROOT))
    from gik_desk.ui.actions import SPECS

    return [spec.text for spec in SPECS]


def _words() -> list[str]:
    """The model's words the window shows through ``gik_desk/ui/words.py``."""
    sys.path.insert(0, str(ROOT))
    from gik_desk.ui.words import all_words

    return all_words()


_TR_DEF = re.compile(
    r'def _tr\(text: str\) -> str:\n\s+return QCoreApplication\.translate\("([^"]+)", text\)'
)


def helper_texts() -> dict[str, list[str]]:
    """The literal strings passed to a module's ``_tr`` helper, by its context: lupdate sees
    only ``tr()`` and ``translate()`` written out, so these would stay Chinese unseen."""
    out: dict[str, list[str]] = {}
    for path in sorted((ROOT / "gik_desk" / "ui").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        found = _TR_DEF.search(source)
        if found is None:
            continue
        texts = out.setdefault(found.group(1), [])
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                texts.append(node.args[0].value)
    return {ctx: list(dict.fromkeys(texts)) for ctx, texts in out.items()}


def _rectification_texts() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from gik_desk.ui.rectification import TRANSLATED_AT_RUN_TIME

    return list(TRANSLATED_AT_RUN_TIME)


EXTRA = {
    **helper_texts(),
    "actions": _action_texts(),
    "words": _words(),
    "TablesView": ["表二 主动公开", "表三 申请", "表四 复议诉讼", "统计表"],
    "RectificationDialog": [  # its literal _tr() strings and those it translates at run time
        *helper_texts().get("RectificationDialog", []),
        *_rectification_texts(),
    ],
}


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "gik_desk" / "ui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)], check=True
    )
    tree = ET.parse(TS)
    root = tree.getroot()
    names = {c.findtext("name"): c for c in root.iter("context")}
    for ctx, texts in EXTRA.items():
        context = names.get(ctx)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = ctx
        have = {m.findtext("source") for m in context.iter("message")}
        for text in texts:
            if text not in have:
                msg = ET.SubElement(context, "message")
                ET.SubElement(msg, "source").text = text
                ET.SubElement(msg, "translation", {"type": "unfinished"})
    for msg in root.iter("message"):
        tr = msg.find("translation")
        english = ENGLISH.get(msg.findtext("source") or "")
        if tr is not None and english and tr.get("type") != "obsolete":
            tr.text = english
            tr.attrib.pop("type", None)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
