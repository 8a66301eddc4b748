<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>BatchModel</name>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="60" />
        <source>无扩展名</source>
        <translation>no extension</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="62" />
        <source>现行版本（计入统计和审核意见）</source>
        <translation>current version (counted in statistics and letters)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="64" />
        <source>其他版本（不计入统计和审核意见）</source>
        <translation>other version (not counted in statistics or letters)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="108" />
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="108" />
        <source>问题</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="108" />
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="108" />
        <source>审核人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="225" />
        <source>审核状态：{0}；已审 {1}/{2} 个问题</source>
        <translation>Review state: {0}; reviewed {1}/{2} findings</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="228" />
        <source>已完成 {0}/{1} 份报告；已审 {2}/{3} 个问题</source>
        <translation>{0}/{1} reports done; reviewed {2}/{3} findings</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="245" />
        <location filename="../../gik_desk/ui/models/batch_model.py" line="248" />
        <source>分配给：{0}</source>
        <translation>Assigned to: {0}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="245" />
        <location filename="../../gik_desk/ui/models/batch_model.py" line="248" />
        <source>未分配</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="247" />
        <source>{0} 人</source>
        <translation>{0} people</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="282" />
        <source>{0} {1} 个</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/batch_model.py" line="293" />
        <source>未发现问题</source>
        <translation>No findings</translation>
    </message>
</context>
<context>
    <name>BatchView</name>
    <message>
        <location filename="../../gik_desk/ui/views/batch_view.py" line="40" />
        <source>筛选机关、年份…</source>
        <translation>Filter bodies, years…</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../gik_desk/ui/views/dashboard.py" line="146" />
        <source>导出图表 PNG…</source>
        <translation>Export Chart as PNG…</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/dashboard.py" line="153" />
        <source>机关：</source>
        <translation>Body: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/dashboard.py" line="213" />
        <location filename="../../gik_desk/ui/views/dashboard.py" line="219" />
        <source>报告 {0} 份 · 问题 {1} 条</source>
        <translation>{0} reports · {1} findings</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/dashboard.py" line="221" />
        <source>（图表只计现行版本：报告 {0} 份 · 问题 {1} 条）</source>
        <translation> (charts count current versions only: {0} reports · {1} findings)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/dashboard.py" line="377" />
        <source>导出图表</source>
        <translation>Export Chart</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/dashboard.py" line="378" />
        <source>统计看板</source>
        <translation>dashboard</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/dashboard.py" line="379" />
        <source>PNG 图片</source>
        <translation>PNG image</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="186" />
        <location filename="../../gik_desk/ui/views/detail_view.py" line="286" />
        <source>跳转到对比年份的报告</source>
        <translation>Go to the compared year's report</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="193" />
        <source>删除批注</source>
        <translation>Delete Annotation</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="164" />
        <source>备注(离开即保存;Esc 或 Ctrl+回车 返回问题清单)</source>
        <translation>Note (saved when you leave it; Esc or Ctrl+Enter returns to the findings)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="176" />
        <source>写给报送机关的意见,将写入审核意见函(与内部备注分开)</source>
        <translation>The comment for the reporting body; it goes into the review letter (separate from the internal note)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="181" />
        <source>保存对外意见</source>
        <translation>Save Outward Comment</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="198" />
        <source>选中一条批注后在此修改内容（回车保存）</source>
        <translation>Select an annotation to edit it here (Enter saves)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="250" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="202" />
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="206" />
        <source>对外意见</source>
        <translation>Outward comment</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="223" />
        <source>批注</source>
        <translation>Annotations</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="224" />
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="284" />
        <source>并排比较各版本</source>
        <translation>Compare Versions Side by Side</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="289" />
        <source>未选择问题</source>
        <translation>No finding chosen</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="290" />
        <source>在问题清单中选择一个问题，或按 F8 / N 跳到下一个问题。</source>
        <translation>Choose a finding in the list, or press F8 / N for the next one.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="303" />
        <source>规则编号：</source>
        <translation>Rule code: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="307" />
        <source>依据：</source>
        <translation>Basis: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="309" />
        <source>公式：</source>
        <translation>Formula: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="312" />
        <source>填报 {0}，应为 {1}</source>
        <translation>Reported {0}, expected {1}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="319" />
        <source>涉及单元格：</source>
        <translation>Cells: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="322" />
        <source>与「{0}」逐格比较（本版 | 该版）：</source>
        <translation>Cell by cell against “{0}” (this version | that version):</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="324" />
        <source>    无不同单元格</source>
        <translation>    No cell differs</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="331" />
        <source>几种更正同样最小，由审核人选择。</source>
        <translation>Several corrections are equally small; the reviewer chooses.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="332" />
        <source>建议更正：</source>
        <translation>Suggested correction: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/detail_view.py" line="383" />
        <source>⚠ 无法定位：</source>
        <translation>⚠ Cannot locate: </translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="24" />
        <source>年度报告</source>
        <translation>Annual reports</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="29" />
        <source>GIK Desk 工作区</source>
        <translation>GIK Desk workspace</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="34" />
        <source>所有文件</source>
        <translation>All files</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="53" />
        <source>打开文件夹</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="58" />
        <source>打开年度报告</source>
        <translation>Open Annual Reports</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="73" />
        <source>工作区另存为</source>
        <translation>Save Workspace As</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="80" />
        <source>打开工作区</source>
        <translation>Open Workspace</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="92" />
        <source>工作区文件名</source>
        <translation>Workspace File Name</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="93" />
        <source>工作区文件名须以 {0} 结尾（或不写扩展名），不能用“{1}”。</source>
        <translation>A workspace file name must end in {0} (or have no extension), not “{1}”.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="107" />
        <source>导出审核表</source>
        <translation>Export Audit Workbook</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/dialogs/open_dialog.py" line="109" />
        <source>Excel 工作簿</source>
        <translation>Excel workbook</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="145" />
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="146" />
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="147" />
        <source>报告</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="148" />
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="149" />
        <source>说明</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="150" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="174" />
        <source>规则编号：</source>
        <translation>Rule code: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="184" />
        <source>备注：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="186" />
        <source>审核记录已损坏：</source>
        <translation>Review record damaged: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="205" />
        <source>已变化</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/findings_model.py" line="207" />
        <source>已损坏</source>
        <translation>Damaged</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="55" />
        <source>全部严重程度</source>
        <translation>All severities</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="62" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="68" />
        <source>全部问题</source>
        <translation>All Findings</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="69" />
        <source>有备注</source>
        <translation>With a Note</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="70" />
        <source>我改过的</source>
        <translation>Changed by Me</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="71" />
        <source>未查看</source>
        <translation>Not Yet Seen</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="72" />
        <source>分配给我</source>
        <translation>Assigned to Me</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="77" />
        <source>当前报告</source>
        <translation>Current report</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="77" />
        <source>全部报告</source>
        <translation>All reports</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="80" />
        <source>搜索说明、规则、位置…</source>
        <translation>Search…</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="128" />
        <source>全部规则</source>
        <translation>All rules</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="132" />
        <source>规则编号：</source>
        <translation>Rule code: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/findings_view.py" line="187" />
        <source>问题清单（{0}/{1}）</source>
        <translation>Findings ({0}/{1})</translation>
    </message>
</context>
<context>
    <name>LettersDialog</name>
    <message>
        <location filename="../../gik_desk/ui/letters.py" line="91" />
        <source>选择文件夹</source>
        <translation>Choose Folder</translation>
    </message>
<message><source>生成审核意见</source><translation>Write Review Letters</translation></message><message><source>浏览…</source><translation>Browse…</translation></message><message><source>本批全部机关</source><translation>Every body in this batch</translation></message><message><source>保存到文件夹</source><translation>Save to folder</translation></message><message><source>版头</source><translation>Letterhead</translation></message><message><source>发文机关</source><translation>Issuing office</translation></message><message><source>正在生成审核意见</source><translation>Writing review letters</translation></message><message><source>已取消生成审核意见;已写出的文件保留。</source><translation>Letters cancelled; the files already written are kept.</translation></message><message><source>没有可生成审核意见的报告。</source><translation>No report to write a letter for.</translation></message><message><source>请先打开审核工作区:审核意见只包含已确认或需整改的问题。</source><translation>Open a review workspace first: letters hold only confirmed findings and findings that need a fix.</translation></message><message><source>正在生成审核意见,请稍候或先取消。</source><translation>Letters are being written; please wait or cancel first.</translation></message><message><source>已生成 {0} 份审核意见{1}</source><translation>{0} review letters written{1}</translation></message><message><source>等</source><translation> and more</translation></message><message><source>生成审核意见出错:</source><translation>Writing the letters failed: </translation></message><message><source>所选机关({0}个:{1})</source><translation>Chosen bodies ({0}: {1})</translation></message><message><source>生成审核意见 {0}/{1}:{2}</source><translation>Letter {0}/{1}: {2}</translation></message><message><source>;{0} 个机关未生成:{1}{2}(原因见提示)</source><translation>; {0} bodies got none: {1}{2} (see the tooltip for why)</translation></message><message><source>,保存在 {0}</source><translation>, saved in {0}</translation></message></context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="79" />
        <location filename="../../gik_desk/ui/main_window.py" line="642" />
        <location filename="../../gik_desk/ui/main_window_files.py" line="241" />
        <source>GIK Desk 政府信息公开年报审核台</source>
        <translation>GIK Desk — Information Disclosure Report Auditor</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="145" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="153" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="155" />
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="215" />
        <source>打开年度报告文件或文件夹开始审核（也可把文件拖进窗口）。</source>
        <translation>Open report files or a folder to start (or drop files on the window).</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="221" />
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="222" />
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="223" />
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="224" />
        <source>审核(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="225" />
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="226" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="372" />
        <source>{0} 个录入的数值所在文件已变化（{1}），未应用，请对照新文件重新录入</source>
        <translation>{0} keyed value(s) belong to a file that has changed ({1}) and were not applied; key them again from the new file</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="493" />
        <source>请先打开审核工作区，再标记现行版本。</source>
        <translation>Open a review workspace first, then mark the current version.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="530" />
        <source>另一版本已不在本批中，无法并排比较。</source>
        <translation>The other version is no longer in this batch; it cannot be compared side by side.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="563" />
        <source>未打开工作区，审核状态无法保存。</source>
        <translation>No workspace is open; statuses cannot be saved.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="572" />
        <source>未打开工作区，备注无法保存。</source>
        <translation>No workspace is open: the note cannot be saved.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="578" />
        <source>未打开工作区，对外意见无法保存。</source>
        <translation>No workspace is open: the outward comment cannot be saved.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="617" />
        <source>请先在原文中选中文字，或在表格中选择一格。</source>
        <translation>Select text in the source or a table cell first.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="622" />
        <source>批注内容：</source>
        <translation>Annotation:</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="255" />
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="229" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="240" />
        <source>最近的工作区</source>
        <translation>Recent Workspaces</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="241" />
        <source>最近打开的文件</source>
        <translation>Recent Files</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="256" />
        <location filename="../../gik_desk/ui/main_window.py" line="297" />
        <source>批次概览</source>
        <translation>Batch Overview</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="102" />
        <source>正在读取文件</source>
        <translation>Reading files</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="194" />
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="606" />
        <source>请先打开报告和工作区。</source>
        <translation>Open a report and a workspace first.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="622" />
        <source>添加批注</source>
        <translation>Add Annotation</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="93" />
        <source>正在读取其他文件，请稍候或先取消。</source>
        <translation>Other files are loading; wait or cancel first.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="119" />
        <source>读取 {0}/{1}：{2}</source>
        <translation>Reading {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="167" />
        <source>{0} 个已审核问题的数字有变化，已保留审核状态与备注并标为“已变化”</source>
        <translation>{0} reviewed findings changed their figures; their statuses and notes are kept and marked “Changed”</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="172" />
        <source>{0} 份已完成的报告因此改回“审核中”</source>
        <translation>{0} signed-off reports went back to “In Review”</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="178" />
        <source>已读取 {0} 份报告，发现 {1} 个问题（错误 {2} 个），{3} 个文件无法读取。</source>
        <translation>Read {0} reports, {1} findings ({2} errors); {3} files could not be read.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="188" />
        <source>出错：</source>
        <translation>Error: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="255" />
        <source>工作区中有 {0} 条审核记录已损坏：已标为“已损坏”，未改动。</source>
        <translation>{0} review records in the workspace are damaged: marked “Damaged” and left unchanged.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="300" />
        <source>没有可导出的报告。</source>
        <translation>No reports to export.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="319" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="324" />
        <source>正在导出 {0}/{1}:{2}</source>
        <translation>Exporting {0}/{1}: {2}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="329" />
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window_files.py" line="333" />
        <source>已取消导出，未写入任何文件。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/main_window.py" line="642" />
        <source>关于</source>
        <translation>About</translation>
    </message>
<message><source>没有打开的文件。</source><translation>No files are open.</translation></message><message><source>请先选择要重新载入的报告。</source><translation>Choose a report to reload first.</translation></message><message><source>请先在批次中选择要移除的报告或文件。</source><translation>Choose a report or file in the batch to remove first.</translation></message><message><source>移除文件</source><translation>Remove File</translation></message><message><source>已关闭批次。审核记录仍保存在工作区中。</source><translation>Batch closed. The review stays in the workspace.</translation></message><message><source>正在读取其他文件,请稍候或先取消。</source><translation>Other files are being read; please wait or cancel first.</translation></message><message><source>等 {0} 个</source><translation> and more ({0} in all)</translation></message><message><source>正在恢复上次的批次({0} 个文件)</source><translation>Restoring the last batch ({0} files)</translation></message><message><source>正在重新载入 {0} 个文件</source><translation>Reloading {0} file(s)</translation></message><message><source>正在移除 {0} 个文件</source><translation>Removing {0} file(s)</translation></message><message><source>{0} 个文件找不到:{1}</source><translation>{0} file(s) not found: {1}</translation></message><message><source>{0} 个文件自上次审核后已改动,已重新审核:{1}</source><translation>{0} file(s) changed since the last audit, audited again: {1}</translation></message><message><source>从批次中移除 {0}(其中 {1} 份报告)?审核状态、备注和批注仍保留在工作区中。</source><translation>Remove {0} ({1} reports) from the batch? Statuses, notes and annotations stay in the workspace.</translation></message></context>
<context>
    <name>OriginalView</name>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="328" />
        <source>缩小(Ctrl+滚轮)</source>
        <translation>Zoom Out (Ctrl+Wheel)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="329" />
        <source>放大(Ctrl+滚轮)</source>
        <translation>Zoom In (Ctrl+Wheel)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="330" />
        <source>适合宽度</source>
        <translation>Fit Width</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="330" />
        <source>页面宽度适合窗格</source>
        <translation>Fit the page width to the pane</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="399" />
        <source>无法打开原件（文件可能已移动、删除或损坏）：</source>
        <translation>Cannot open the original (the file may have been moved, deleted or damaged): </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="409" />
        <source>正在读取原件…</source>
        <translation>Reading the original…</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="411" />
        <source>读取原件</source>
        <translation>Reading the original</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="414" />
        <source>纯文本文件没有版面，原件即文本。</source>
        <translation>A plain-text file has no layout: the original is the text.</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="436" />
        <source>无法读取原件：</source>
        <translation>Cannot read the original: </translation>
    </message>
</context>
<context>
    <name>PdfPagesView</name>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="261" />
        <source>渲染原件</source>
        <translation>Rendering the original</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="286" />
        <source>原文中没有这一格</source>
        <translation>This cell is not in the source</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="291" />
        <source>OCR 识别自扫描件，置信度 {0}</source>
        <translation>Read by OCR from a scan, confidence {0}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="295" />
        <source>扫描件中这一格识别不够确定（置信度 {0}），未读取；可双击录入</source>
        <translation>OCR was not sure enough of this scanned figure (confidence {0}), so it was not read; double-click to key it</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="300" />
        <source>人工录入：原件无法识别，数值由审核人填入，不是原文印出的数字</source>
        <translation>Keyed: the original could not be read; the value was typed by a reviewer, not printed in the source</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="303" />
        <source>原文：</source>
        <translation>Source: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="305" />
        <source>未填数字（空白不按 0 计）</source>
        <translation>No number filled (blank is not 0)</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="307" />
        <source>推算值：由连在一起的数字串按表内关系拆分得出，非直接读取</source>
        <translation>Derived: split from a run of digits by the table's identities, not read directly</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="310" />
        <source>其他可能的拆分：</source>
        <translation>Other possible splits: </translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="313" />
        <source>更正目标：最小更正首先改动这一格</source>
        <translation>Correction target: the smallest correction changes this cell first</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="318" />
        <source>参与核对：以下问题读取了这一格</source>
        <translation>Checked: these findings read this cell</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="315" />
        <source>建议更正为 {0}</source>
        <translation>Suggested: {0}</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="280" />
        <source>未识别</source>
        <translation>Unread</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/models/table_model.py" line="322" />
        <source>另一种更正可改为 {0}</source>
        <translation>An alternative correction: {0}</translation>
    </message>
</context>
<context>
    <name>SourcePane</name>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="561" />
        <source>文本</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="564" />
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="572" />
        <source>显示从文件中提取的文字</source>
        <translation>Show the text extracted from the file</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="598" />
        <source>未选择报告</source>
        <translation>No report chosen</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="600" />
        <source>显示发布的原件：页面或表格，所选单元格标在上面</source>
        <translation>Show the published original: its pages or tables, with the chosen cell marked</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/original_view.py" line="602" />
        <source>纯文本文件没有版面可显示，原件即上面的文本。</source>
        <translation>A plain-text file has no layout to show: the original is the text above.</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <location filename="../../gik_desk/ui/views/source_view.py" line="43" />
        <location filename="../../gik_desk/ui/views/source_view.py" line="93" />
        <source>原文</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../gik_desk/ui/views/source_view.py" line="101" />
        <source>年份未识别</source>
        <translation>year unknown</translation>
    </message>
</context>
<context><name>actions</name><message><source>打开文件…</source><translation>Open Files…</translation></message><message><source>打开文件夹…</source><translation>Open Folder…</translation></message><message><source>重新载入</source><translation>Reload</translation></message><message><source>移除文件…</source><translation>Remove File…</translation></message><message><source>关闭批次</source><translation>Close Batch</translation></message><message><source>导出审核表…</source><translation>Export Audit Workbook…</translation></message><message><source>导出当前报告…</source><translation>Export Current Report…</translation></message><message><source>导入审核表…</source><translation>Import Review Workbook…</translation></message><message><source>新建工作区…</source><translation>New Workspace…</translation></message><message><source>打开工作区…</source><translation>Open Workspace…</translation></message><message><source>连接团队工作区…</source><translation>Connect to Team Workspace…</translation></message><message><source>工作区另存为…</source><translation>Save Workspace As…</translation></message><message><source>重新连接</source><translation>Reconnect</translation></message><message><source>取消</source><translation>Cancel</translation></message><message><source>退出</source><translation>Quit</translation></message><message><source>查找问题</source><translation>Find Findings</translation></message><message><source>添加批注…</source><translation>Add Annotation…</translation></message><message><source>对单元格加批注…</source><translation>Annotate Cell…</translation></message><message><source>删除所选批注</source><translation>Delete Selected Annotation</translation></message><message><source>上一问题</source><translation>Previous Finding</translation></message><message><source>下一问题</source><translation>Next Finding</translation></message><message><source>上一份报告</source><translation>Previous Report</translation></message><message><source>下一份报告</source><translation>Next Report</translation></message><message><source>跳转到对比年份</source><translation>Go to Compared Year</translation></message><message><source>标为 待核实</source><translation>Mark To Verify</translation></message><message><source>标为 已确认</source><translation>Mark Confirmed</translation></message><message><source>标为 已排除(误报)</source><translation>Mark Dismissed (False Alarm)</translation></message><message><source>标为 需整改</source><translation>Mark Needs Fix</translation></message><message><source>标为 例外(已说明)</source><translation>Mark Exception (Explained)</translation></message><message><source>编辑备注</source><translation>Edit Note</translation></message><message><source>显示全部报告的问题</source><translation>Show Findings of All Reports</translation></message><message><source>标为现行版本</source><translation>Mark as Current Version</translation></message><message><source>生成审核意见…</source><translation>Write Review Letters…</translation></message><message><source>整改复核…</source><translation>Follow-up Check…</translation></message><message><source>报告标为 未开始</source><translation>Mark Report Not Started</translation></message><message><source>报告标为 审核中</source><translation>Mark Report In Review</translation></message><message><source>报告标为 已完成</source><translation>Mark Report Done</translation></message><message><source>分配给…</source><translation>Assign To…</translation></message><message><source>审核人…</source><translation>Reviewer…</translation></message><message><source>关于</source><translation>About</translation></message></context><context><name>ConnectionBanner</name><message><source>{0}　{1} 项修改暂存在本机（待写入），恢复连接后自动写入。</source><translation>{0}  {1} changes kept on this computer (pending); they are written when the workspace is back.</translation></message><message><source>已重新连接工作区，暂存的修改已写入。</source><translation>Reconnected to the workspace; the kept changes were written.</translation></message><message><source>{0} 项修改仍暂存在本机；可用“文件 ▸ 重新连接”写入。</source><translation>{0} changes are still kept on this computer; use File ▸ Reconnect to write them.</translation></message></context><context><name>ConflictDialog</name><message><source>（空）</source><translation>(empty)</translation></message><message><source>暂存的修改</source><translation>Kept Changes</translation></message><message><source>写入时若有他人改过同一内容，会逐项请你选择；选“稍后”则继续暂存。</source><translation>Where someone else changed the same item, you will be asked for each; “Later” keeps them on this computer.</translation></message><message><source>现在写入</source><translation>Write Now</translation></message><message><source>稍后</source><translation>Later</translation></message><message><source>{0}，{1}</source><translation>{0}, {1}</translation></message><message><source>修改冲突</source><translation>Conflicting Change</translation></message><message><source>保留对方的</source><translation>Keep Theirs</translation></message><message><source>放弃我的这次修改，工作区保持对方的内容。</source><translation>Drop my change; the workspace keeps theirs.</translation></message><message><source>保留我的</source><translation>Keep Mine</translation></message><message><source>在对方的修改之上重新写入我的修改（记入操作记录）。</source><translation>Write my change again on top of theirs (logged in the history).</translation></message><message><source>其余没有冲突的内容已经写入。</source><translation>The rest, which had no conflict, was saved.</translation></message><message><source>对象</source><translation>Item</translation></message><message><source>对方的（现在保存的）</source><translation>Theirs (saved now)</translation></message><message><source>修改人</source><translation>Changed by</translation></message><message><source>我的</source><translation>Mine</translation></message><message><source>上次断开工作区「{0}」时，有 {1} 项修改暂存在本机，尚未写入工作区。现在写入吗？</source><translation>When workspace “{0}” was last out of reach, {1} changes were kept on this computer and not yet written to it. Write them now?</translation></message><message><source>备注：{0}</source><translation>Note: {0}</translation></message><message><source>「{0}」未执行：下列内容在你修改之后已被他人改动。请选择保留哪一方的修改。</source><translation>“{0}” was not applied: someone else changed the following after you made your change. Choose whose change to keep.</translation></message></context><context><name>ReviewDialogs</name><message><source>审核人</source><translation>Reviewer</translation></message><message><source>审核人姓名（记入每一次状态更改和备注；可在“设置 ▸ 审核人…”中修改）：</source><translation>Reviewer's name (recorded with every status change and note; change it under Settings ▸ Reviewer…):</translation></message><message><source>说明理由</source><translation>Give a Reason</translation></message><message><source>这个问题</source><translation>this finding</translation></message><message><source>这 {0} 个问题</source><translation>these {0} findings</translation></message><message><source>将{0}标为「{1}」须说明理由。理由记入备注：</source><translation>Marking {0} as “{1}” needs a reason. It is kept as the note:</translation></message></context><context><name>SignOff</name><message><source>标为已完成</source><translation>Mark Done</translation></message><message><source>仍标为已完成</source><translation>Mark Done Anyway</translation></message><message><source>取消</source><translation>Cancel</translation></message><message><source>「{0}」还有 {1} 个问题为“待核实”。仍然标为“已完成”吗？</source><translation>“{0}” still has {1} findings “To Verify”. Mark it “Done” anyway?</translation></message></context><context><name>TeamDialogs</name><message><source>(不分配)</source><translation>(nobody)</translation></message><message><source>分配给…</source><translation>Assign To…</translation></message><message><source>连接团队工作区</source><translation>Connect to Team Workspace</translation></message><message><source>(新的连接)</source><translation>(new connection)</translation></message><message><source>例如 db.office.lan</source><translation>e.g. db.office.lan</translation></message><message><source>密码不在这里填写，也不会被保存：请把它写入 PostgreSQL 的密码文件(pgpass，Windows 上为 %APPDATA%\postgresql\pgpass.conf)，由 libpq 读取。</source><translation>The password is not typed here and never saved: put it in PostgreSQL's password file (pgpass; on Windows %APPDATA%\postgresql\pgpass.conf), where libpq reads it.</translation></message><message><source>服务器：</source><translation>Server:</translation></message><message><source>端口：</source><translation>Port:</translation></message><message><source>数据库：</source><translation>Database:</translation></message><message><source>用户名(数据库角色)：</source><translation>User name (database role):</translation></message><message><source>连接</source><translation>Connect</translation></message><message><source>取消</source><translation>Cancel</translation></message><message><source>最近的连接：</source><translation>Recent connections:</translation></message><message><source>把{0}分配给：</source><translation>Assign {0} to:</translation></message></context><context><name>VersionsDialog</name><message><source>两个版本的统计表逐格相同。</source><translation>The two versions' tables agree cell by cell.</translation></message><message><source>并排比较：「{0}」与「{1}」</source><translation>Side by side: “{0}” and “{1}”</translation></message><message><source>共 {0} 处不同，以加粗和底色标出；左：「{1}」，右：「{2}」。</source><translation>{0} differing cells, in bold on a tint; left: “{1}”, right: “{2}”.</translation></message></context><context><name>RectificationDialog</name><message><source>已整改 {0}，未整改 {1}，待复核 {2}</source><translation>{0} fixed, {1} not fixed, {2} to confirm</translation></message><message><source>整改复核</source><translation>Follow-up Check</translation></message><message><source>复核意见保存到</source><translation>Save follow-up letters in</translation></message><message><source>正在生成复核意见</source><translation>Writing follow-up letters</translation></message><message><source>已取消生成复核意见；已写出的文件保留并已记录。</source><translation>Follow-up letters cancelled; those already written are kept and recorded.</translation></message><message><source>确认结论</source><translation>Confirm Outcome</translation></message><message><source>改判为已整改…</source><translation>Rule Fixed…</translation></message><message><source>改判为未整改…</source><translation>Rule Not Fixed…</translation></message><message><source>改判为改错…</source><translation>Rule Still Wrong…</translation></message><message><source>撤回确认</source><translation>Withdraw Confirmation</translation></message><message><source>跳转到原版本</source><translation>Go to Old Version</translation></message><message><source>跳转到新版本</source><translation>Go to New Version</translation></message><message><source>生成复核意见…</source><translation>Write Follow-up Letters…</translation></message><message><source>关闭</source><translation>Close</translation></message><message><source>工作区中还没有已发出的审核意见：生成审核意见后，对方重新发布的报告在此逐项复核。</source><translation>No letter has been sent from this workspace yet: once letters are written, republished reports are checked here item by item.</translation></message><message><source>请先打开审核工作区：整改复核依据工作区中记录的已发审核意见。</source><translation>Open a review workspace first: the follow-up check works from the letters it recorded as sent.</translation></message><message><source>改判须写明理由，未改动。</source><translation>A ruling needs a reason; nothing was changed.</translation></message><message><source>生成复核意见出错：</source><translation>Writing follow-up letters failed: </translation></message><message><source>改判为「{0}」</source><translation>Rule “{0}”</translation></message><message><source>依据显示为「{0}」。请写明改判的理由（记入操作记录）：</source><translation>The figures say “{0}”. Give the reason for your ruling (it goes into the history):</translation></message><message><source>本批次：{0}</source><translation>This batch: {0}</translation></message><message><source>已生成 {0} 份复核意见。</source><translation>{0} follow-up letter(s) written.</translation></message><message><source>已确认</source><translation>Confirmed</translation></message><message><source>新问题</source><translation>New issue</translation></message><message><source>其他改动</source><translation>Other change</translation></message><message><source>空白</source><translation>blank</translation></message><message><source>项目</source><translation>Item</translation></message><message><source>问题</source><translation>Issue</translation></message><message><source>原数值</source><translation>Printed</translation></message><message><source>建议值</source><translation>Asked For</translation></message><message><source>新版本数值</source><translation>In New Version</translation></message><message><source>复核结论</source><translation>Outcome</translation></message><message><source>依据</source><translation>Grounds</translation></message><message><source>审核人确认</source><translation>Reviewer Confirmed</translation></message><message><source>已整改</source><translation>Fixed</translation></message><message><source>未整改</source><translation>Not Fixed</translation></message><message><source>改错</source><translation>Changed, Still Wrong</translation></message><message><source>未重新发布</source><translation>Not Republished</translation></message></context><context><name>ReviewController</name><message><source>未打开工作区，审核状态无法保存。</source><translation>No workspace is open; statuses cannot be saved.</translation></message><message><source>未打开工作区，报告审核状态无法保存。</source><translation>No workspace is open: the report's review state cannot be saved.</translation></message><message><source>已保留对方的修改，我的这次修改未写入。</source><translation>Kept their change; mine was not written.</translation></message><message><source>未打开工作区。</source><translation>No workspace is open.</translation></message><message><source>已是最后一个问题。</source><translation>This is the last finding.</translation></message><message><source>已是第一个问题。</source><translation>This is the first finding.</translation></message><message><source>请先打开报告和工作区。</source><translation>Open a report and a workspace first.</translation></message><message><source>请先在表格中选择一格。</source><translation>Choose a cell in a table first.</translation></message><message><source>这一格没有在原文中读到数字，无法加批注。</source><translation>This cell was not read from the text: it cannot be annotated.</translation></message><message><source>对单元格加批注</source><translation>Annotate Cell</translation></message><message><source>批注内容：</source><translation>Annotation:</translation></message><message><source>审核人：{0}。此后的更改都记在此名下。</source><translation>Reviewer: {0}. Changes from now on are recorded under this name.</translation></message><message><source>已审 {0} 个问题，共 {1} 个；已完成 {2}/{3} 份报告</source><translation>Reviewed {0} of {1} findings; {2}/{3} reports done</translation></message><message><source>已在对方的修改之上写入我的修改。</source><translation>My change was written on top of theirs.</translation></message><message><source>未标为已完成：还有 {0} 个问题待核实。</source><translation>Not marked Done: {0} findings are still to verify.</translation></message><message><source>未说明理由，未标为「{0}」。</source><translation>No reason given: not marked “{0}”.</translation></message></context><context><name>ReviewImport</name><message><source>导入审核表</source><translation>Import Review Workbook</translation></message><message><source>Excel 工作簿 (*.xlsx)</source><translation>Excel workbook (*.xlsx)</translation></message><message><source>已导入（可用“撤销”一步撤回）</source><translation>Imported (one Undo takes it back)</translation></message><message><source>冲突：导出后工作区已改动，未覆盖，请逐条决定（双击打开该问题）</source><translation>Conflicts: changed in the workspace since the export, not overwritten; decide each (double-click opens the finding)</translation></message><message><source>未导入的行</source><translation>Rows not imported</translation></message><message><source>正在读取审核表…</source><translation>Reading the workbook…</translation></message><message><source>读取审核表</source><translation>Reading the workbook</translation></message><message><source>请先打开审核工作区，再导入审核表。</source><translation>Open a review workspace before importing a workbook.</translation></message><message><source>已取消导入审核表。</source><translation>Review workbook import cancelled.</translation></message><message><source>{0}（{1}）</source><translation>{0} ({1})</translation></message><message><source>导入失败：</source><translation>Import failed: </translation></message></context><context><name>TeamController</name><message><source>未打开工作区，无法分配。</source><translation>No workspace is open: nothing can be assigned.</translation></message><message><source>只有组长可以分配报告。</source><translation>Only the lead can assign reports.</translation></message><message><source>请先在报告列表中选择报告或机关。</source><translation>Select reports or bodies in the report list first.</translation></message><message><source>{0} 个机关和 {1} 份报告</source><translation>{0} bodies and {1} reports</translation></message><message><source>无法读取同事的更改：{0}</source><translation>Cannot read colleagues' changes: {0}</translation></message><message><source>{0} 个机关</source><translation>{0} bodies</translation></message><message><source>{0} 份报告</source><translation>{0} reports</translation></message></context><context><name>words</name><message><source>待核实</source><translation>To verify</translation></message><message><source>已确认</source><translation>Confirmed</translation></message><message><source>已排除(误报)</source><translation>Dismissed (false alarm)</translation></message><message><source>需整改</source><translation>Needs fix</translation></message><message><source>例外(已说明)</source><translation>Exception (explained)</translation></message><message><source>未开始</source><translation>Not started</translation></message><message><source>审核中</source><translation>In review</translation></message><message><source>已完成</source><translation>Done</translation></message><message><source>错误</source><translation>Error</translation></message><message><source>警告</source><translation>Warning</translation></message><message><source>提示</source><translation>Info</translation></message><message><source>2021版模板</source><translation>2021 template</translation></message><message><source>2019版模板</source><translation>2019 template</translation></message><message><source>2019年前</source><translation>Before 2019</translation></message><message><source>模板未识别</source><translation>Template not recognised</translation></message></context><context><name>TablesView</name><message><source>表二 主动公开</source><translation>Table 2 Proactive</translation></message><message><source>表三 申请</source><translation>Table 3 Requests</translation></message><message><source>表四 复议诉讼</source><translation>Table 4 Appeals</translation></message><message><source>统计表</source><translation>Statistics (pre-2019)</translation></message></context></TS>