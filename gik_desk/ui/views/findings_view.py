"""The findings list with its filters: severity, rule, status, scope, free text."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gik_desk import services
from gik_desk.model import Finding, Severity
from gik_desk.model.review import ReviewStatus
from gik_desk.ui.models.findings_model import (
    COL_MESSAGE,
    COL_REPORT,
    COL_RULE,
    REVIEW_ALL,
    REVIEW_ASSIGNED,
    REVIEW_MINE,
    REVIEW_NOTED,
    REVIEW_UNSEEN,
    FindingRole,
    FindingsModel,
    FindingsProxy,
)
from gik_desk.ui.words import severity_word, status_word

SCOPE_REPORT, SCOPE_BATCH = 0, 1


class FindingsView(QWidget):
    """Signals:
    finding_requested(object): the reviewer moved to a Finding (or None).
    scope_changed(int): 0 = the current report only, 1 = the whole batch.
    """

    finding_requested = Signal(object)
    scope_changed = Signal(int)

    def __init__(self, model: FindingsModel, proxy: FindingsProxy, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.proxy = proxy
        self.count = QLabel()
        self.severity = QComboBox()
        self.severity.setObjectName("filter_severity")
        self.severity.addItem(self.tr("全部严重程度"), None)
        for sev in Severity:
            self.severity.addItem(severity_word(sev), sev)
        self.rule = QComboBox()
        self.rule.setObjectName("filter_rule")
        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("全部状态"), None)
        for st in ReviewStatus.ordered():
            self.status.addItem(status_word(st), st)
        self.review = QComboBox()  # 有备注 / 我改过的 / 未查看 / 分配给我 (the window applies it)
        self.review.setObjectName("filter_review")
        for text, kind in (
            (self.tr("全部问题"), REVIEW_ALL),
            (self.tr("有备注"), REVIEW_NOTED),
            (self.tr("我改过的"), REVIEW_MINE),
            (self.tr("未查看"), REVIEW_UNSEEN),
            (self.tr("分配给我"), REVIEW_ASSIGNED),
        ):
            self.review.addItem(text, kind)
        self.scope = QComboBox()
        self.scope.setObjectName("filter_scope")
        self.scope.addItems([self.tr("当前报告"), self.tr("全部报告")])
        self.search = QLineEdit()
        self.search.setObjectName("filter_text")
        self.search.setPlaceholderText(self.tr("搜索说明、规则、位置…"))
        self.search.setClearButtonEnabled(True)
        bar = QHBoxLayout()
        bar.addWidget(self.count)
        for w in (self.scope, self.severity, self.rule, self.status, self.review):
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        self.table = QTableView()
        self.table.setObjectName("findings_table")
        self.table.setModel(proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the next pane
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # body … year
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_MESSAGE, QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        width = self.table.fontMetrics().horizontalAdvance("济南市天桥区 2021年") + 16
        self.table.horizontalHeader().resizeSection(COL_REPORT, width)
        width = self.table.fontMetrics().horizontalAdvance("表三办理结果合计不符") + 16
        self.table.horizontalHeader().resizeSection(COL_RULE, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.table)
        self.severity.currentIndexChanged.connect(self._apply_filters)
        self.rule.currentIndexChanged.connect(self._apply_filters)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self.scope.currentIndexChanged.connect(self.scope_changed)
        proxy.modelReset.connect(self.update_count)
        proxy.rowsInserted.connect(self.update_count)
        proxy.rowsRemoved.connect(self.update_count)
        proxy.layoutChanged.connect(self.update_count)
        model.modelReset.connect(self._refill_rules)
        self._quiet = False
        self._refill_rules()

    # ---- filters ---------------------------------------------------------------------------
    def _refill_rules(self) -> None:
        current = self.rule.currentData()
        self.rule.blockSignals(True)
        self.rule.clear()
        self.rule.addItem(self.tr("全部规则"), "")
        for rule in self.model.rules():
            self.rule.addItem(services.rule_title(rule), rule)
            self.rule.setItemData(
                self.rule.count() - 1, self.tr("规则编号：") + rule, Qt.ItemDataRole.ToolTipRole
            )
        i = self.rule.findData(current) if current else 0
        self.rule.setCurrentIndex(max(i, 0))
        self.rule.blockSignals(False)
        self.update_count()

    def _apply_filters(self) -> None:
        # Qt hands a StrEnum item back as a plain str: turn it back into the enum
        sev = self.severity.currentData()
        status = self.status.currentData()
        self.proxy.set_filter(
            severities=None if sev is None else (Severity(sev),),
            rule=self.rule.currentData() or "",
            status=None if status is None else ReviewStatus(status),
            text=self.search.text(),
        )
        self.update_count()

    def set_rule(self, rule: str) -> None:
        i = self.rule.findData(rule)
        if i >= 0:
            self.rule.setCurrentIndex(i)

    def set_filters(
        self,
        rule: str | None = None,
        severity: Severity | None = None,
        status: ReviewStatus | None = None,
        text: str = "",
    ) -> None:
        """Show exactly these filters (None = all), applied once, the combo boxes saying so."""
        combos = (self.rule, self.severity, self.status, self.search)
        for w in combos:
            w.blockSignals(True)
        try:
            chosen: tuple[tuple[QComboBox, object], ...] = (
                (self.rule, rule or ""),
                (self.severity, severity),
                (self.status, status),
            )
            for combo, value in chosen:
                found = [i for i in range(combo.count()) if combo.itemData(i) == value]
                combo.setCurrentIndex(found[0] if found else 0)
            self.search.setText(text)
        finally:
            for w in combos:
                w.blockSignals(False)
        self._apply_filters()

    def set_scope(self, scope: int) -> None:
        self.scope.setCurrentIndex(scope)

    def update_count(self) -> None:
        self.count.setText(
            self.tr("问题清单（{0}/{1}）").format(self.proxy.rowCount(), self.model.rowCount())
        )

    # ---- current finding -------------------------------------------------------------------
    def show_finding(self, finding: Finding | None) -> None:
        self._quiet = True
        try:
            row = self.proxy.row_of(finding) if finding is not None else -1
            sm = self.table.selectionModel()
            if row < 0:
                sm.clearCurrentIndex()
                return
            index = self.proxy.index(row, 0)
            sm.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._quiet = False

    def selected_findings(self) -> list[Finding]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        out = [self.proxy.finding(r) for r in rows]
        return [f for f in out if f is not None]

    def step(self, delta: int) -> bool:
        """Ask for the next (``delta`` = 1) or previous (-1) finding; False at either end."""
        n = self.proxy.rowCount()
        if n == 0:
            return False
        row = self.table.currentIndex().row()
        target = (0 if delta > 0 else n - 1) if row < 0 else row + delta
        if not 0 <= target < n:
            return False
        self.finding_requested.emit(self.proxy.finding(target))
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        finding = current.data(FindingRole)
        if isinstance(finding, Finding):
            self.finding_requested.emit(finding)
