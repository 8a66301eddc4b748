"""统计看板: the batch at a glance, drawn from the export frames, each mark a way into the list.

Three plots share one ``GraphicsLayoutWidget`` so one PNG holds them all: findings by rule,
stacked by severity; one body's key counts across years; findings by review status. The numbers
come from ``gik_desk.export.frames.dashboard_figures`` — the same computation the workbook's 统计
sheet writes — so chart and sheet never disagree. The view asks for filters through a signal;
the main window decides what a filter does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gik_desk.model import Severity
from gik_desk.model.review import ReviewStatus
from gik_desk.services import key_series, rule_title
from gik_desk.ui.fonts import cjk_family
from gik_desk.ui.words import severity_word, status_word

if TYPE_CHECKING:  # pandas costs ~0.3 s to import: the window pays it when a batch arrives
    import pandas as pd

    from gik_desk.services import DashboardFigures

KEY_SERIES = key_series()  # the lines of the trend plot (export/series.py says what each sums)
SEVERITY_COLOURS = {"error": "#d62728", "warning": "#ff7f0e", "info": "#1f77b4"}
STATUS_COLOUR = "#2ca02c"
BAR_WIDTH = 0.6


# One colour per ``KEY_SERIES`` line; what each line sums lives in export/series.py only.
SERIES_COLOURS: dict[str, str] = {
    "new": "#1f77b4",
    "handled": "#2ca02c",
    "carried_out": "#9467bd",
    "review": "#ff7f0e",
    "suit": "#d62728",
}


class ClickableBars(pg.BarGraphItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A ``BarGraphItem`` that says which bar was clicked (pyqtgraph's own has no per-bar click).

    Signals:
        bar_clicked(int): the index of the bar under a left click.
    """

    bar_clicked = Signal(int)

    def rects(self) -> list[tuple[float, float, float, float]]:
        """Each bar as (left, bottom, width, height) in data coordinates, as pyqtgraph draws it.

        Vertical bars are given by ``x``, ``width``, ``y0``, ``height``; horizontal ones by
        ``y``, ``height``, ``x0``, ``width``. A scalar size applies to every bar.
        """
        o = self.opts
        n = max((len(o[k]) for k in ("x", "y", "x0", "y0") if _is_seq(o.get(k))), default=0)

        def at(key: str, i: int) -> float | None:
            v = o.get(key)
            if v is None:
                return None
            return float(v[i]) if _is_seq(v) else float(v)

        out = []
        for i in range(n):
            w, h = at("width", i) or 0.0, at("height", i) or 0.0
            x0, y0 = at("x0", i), at("y0", i)
            left = x0 if x0 is not None else (at("x", i) or 0.0) - w / 2
            bottom = y0 if y0 is not None else (at("y", i) or 0.0) - h / 2
            out.append((left, bottom, w, h))
        return out

    def bar_at(self, x: float, y: float) -> int | None:
        """The bar covering the point (x, y) in data coordinates, or None (empty bars never)."""
        for i, (left, bottom, w, h) in enumerate(self.rects()):
            if w == 0 or h == 0:
                continue
            x_lo, x_hi = sorted((left, left + w))
            y_lo, y_hi = sorted((bottom, bottom + h))
            if x_lo <= x <= x_hi and y_lo <= y <= y_hi:
                return i
        return None

    def bar_centre(self, index: int) -> QPointF:
        """The middle of a bar in data coordinates (tests click there)."""
        left, bottom, w, h = self.rects()[index]
        return QPointF(left + w / 2, bottom + h / 2)

    def mouseClickEvent(self, ev: Any) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        pos = ev.pos()
        index = self.bar_at(pos.x(), pos.y())
        if index is None:
            ev.ignore()
            return
        ev.accept()
        self.bar_clicked.emit(index)


def _is_seq(value: object) -> bool:
    return value is not None and not isinstance(value, int | float | str)


class DashboardView(QWidget):
    """统计看板.

    Signals:
        filter_requested(dict): the reviewer clicked a mark; keys among ``rule``, ``severity``,
            ``status``, ``agency_key`` and ``year`` name the findings to show.
    """

    filter_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reports: pd.DataFrame | None = None
        self._findings: pd.DataFrame | None = None
        self._cells: pd.DataFrame | None = None
        self._figures: DashboardFigures | None = None
        self.rules: list[str] = []
        self.statuses: list[str] = [status_word(s) for s in ReviewStatus.ordered()]
        self.trend_years: list[int] = []

        self.body = QComboBox()
        self.body.setObjectName("dashboard_body")
        self.body.setMinimumContentsLength(16)
        self.body.currentIndexChanged.connect(self._on_body_changed)
        self.export_button = QPushButton(self.tr("导出图表 PNG…"))
        self.export_button.setObjectName("dashboard_export")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.summary = QLabel()
        self.summary.setObjectName("dashboard_summary")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("机关：")))
        top.addWidget(self.body, 1)
        top.addWidget(self.summary, 2)
        top.addWidget(self.export_button)

        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setObjectName("dashboard_canvas")
        self.canvas.setBackground("w")
        self._font = QFont(self.font())
        family = cjk_family()
        if family:
            self._font.setFamilies([family, *self._font.families()])

        self.rule_plot = self._new_plot(0, 0, "问题按规则与严重程度", "问题数", "规则")
        self.rule_plot.addLegend(offset=(-10, -10))
        self.status_plot = self._new_plot(0, 1, "复核进度", "状态", "问题数")
        self.trend_plot = self._new_plot(1, 0, "年度关键数据", "年份", "件数", colspan=2)
        self.trend_plot.addLegend(offset=(10, 5), colCount=len(KEY_SERIES))
        self.trend_plot.showGrid(x=False, y=True, alpha=0.3)

        self.rule_bars: dict[str, ClickableBars] = {}
        for sev in Severity:
            bars = ClickableBars(
                y=[], x0=[], width=[], height=BAR_WIDTH, brush=SEVERITY_COLOURS[sev.value],
                name=severity_word(sev),
            )  # fmt: skip
            bars.bar_clicked.connect(lambda i, s=sev.value: self._on_rule_bar_clicked(i, s))
            self.rule_plot.addItem(bars)
            self.rule_bars[sev.value] = bars
        self.status_bars = ClickableBars(x=[], height=[], width=BAR_WIDTH, brush=STATUS_COLOUR)
        self.status_bars.bar_clicked.connect(self._on_status_bar_clicked)
        self.status_plot.addItem(self.status_bars)
        self.trend_lines: dict[str, pg.PlotDataItem] = {}
        for s in KEY_SERIES:
            colour = SERIES_COLOURS[s.key]
            line = pg.PlotDataItem(
                x=[], y=[], name=s.name, pen=pg.mkPen(colour, width=2), symbol="o",
                symbolBrush=colour, symbolSize=8,
            )  # fmt: skip
            line.sigPointsClicked.connect(self._on_trend_points_clicked)
            self.trend_plot.addItem(line)
            self.trend_lines[s.key] = line

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)

    # -- data ---------------------------------------------------------------------------------

    def set_frames(
        self, reports_df: pd.DataFrame, findings_df: pd.DataFrame, cells_df: pd.DataFrame
    ) -> None:
        """Redraw everything from the batch frames (``reports_frame`` and friends)."""
        from gik_desk.services import dashboard_figures

        self._reports = reports_df
        self._findings = findings_df
        self._cells = cells_df
        self.set_figures(dashboard_figures(reports_df, findings_df, cells_df))
        self.summary.setText(
            self.tr("报告 {0} 份 · 问题 {1} 条").format(len(reports_df), len(findings_df))
        )

    def set_figures(self, figures: DashboardFigures) -> None:
        """Draw figures computed elsewhere (``dashboard_figures``): the 统计 sheet's numbers."""
        self._figures = figures
        self._draw_rules()
        self._draw_statuses()
        self._fill_bodies()

    def current_agency_key(self) -> str | None:
        data = self.body.currentData()
        return str(data) if data is not None else None

    def select_body(self, agency_key: str) -> bool:
        """Show one body's trend; False when the batch has no such body."""
        index = self.body.findData(agency_key)
        if index < 0:
            return False
        self.body.setCurrentIndex(index)
        return True

    def trend_series(self, agency_key: str) -> dict[str, tuple[list[int], list[float]]]:
        """Year → value per series for one body: table cells, else the narrative figure."""
        if self._figures is None:
            return {s.key: ([], []) for s in KEY_SERIES}
        found = self._figures.series_for(agency_key)
        return {s.key: found.get(s.key, ([], [])) for s in KEY_SERIES}

    # -- export -------------------------------------------------------------------------------

    def export_png(self, path: str | Path) -> Path:
        """Save the three charts as one PNG (what the reviewer sees, at screen resolution)."""
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(".png")
        pixmap = self.canvas.grab()
        if pixmap.isNull() or not pixmap.save(str(target), "PNG"):
            raise OSError(f"无法保存图表图片：{target}")
        return target

    # -- drawing ------------------------------------------------------------------------------

    def _new_plot(
        self, row: int, col: int, title: str, bottom: str, left: str, colspan: int = 1
    ) -> pg.PlotItem:
        plot = self.canvas.addPlot(row=row, col=col, colspan=colspan)
        plot.setTitle(self.tr(title))
        plot.titleLabel.item.setFont(self._font)
        for name, text in (("bottom", bottom), ("left", left)):
            axis = plot.getAxis(name)
            axis.setTickFont(self._font)
            axis.setLabel(self.tr(text))
            axis.label.setFont(self._font)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        return plot

    def _draw_rules(self) -> None:
        by_rule = self._figures.by_rule if self._figures is not None else None
        self.rules = [str(r) for r in by_rule.index] if by_rule is not None else []
        counts: dict[tuple[str, str], int] = {}
        if by_rule is not None:
            for sev in Severity:
                if sev.value in by_rule.columns:
                    for rule, n in zip(self.rules, by_rule[sev.value], strict=True):
                        counts[(rule, sev.value)] = int(n)
        # Horizontal bars, the rule with most findings on top: rule ids stay readable.
        n = len(self.rules)
        ys = [float(n - 1 - i) for i in range(n)]
        base = [0.0] * n
        for sev in Severity:
            lengths = [float(counts.get((rule, sev.value), 0)) for rule in self.rules]
            self.rule_bars[sev.value].setOpts(y=ys, x0=list(base), width=lengths)
            base = [b + v for b, v in zip(base, lengths, strict=True)]
        titles = [rule_title(rule) for rule in self.rules]  # Chinese on the axis, not codes
        self.rule_plot.getAxis("left").setTicks([list(zip(ys, titles, strict=True))])
        self.rule_plot.getAxis("bottom").setTicks(None)
        self.rule_plot.setYRange(-0.6, max(n, 1) - 0.4, padding=0)
        self.rule_plot.setXRange(0, max(max(base, default=0.0), 1.0) * 1.25, padding=0)

    def _draw_statuses(self) -> None:
        counts: Any = self._figures.status if self._figures is not None else {}
        heights = [float(counts.get(s, 0)) for s in self.statuses]
        xs = list(range(len(self.statuses)))
        self.status_bars.setOpts(x=xs, height=heights)
        labels = list(self.statuses)  # the words frames count by (ReviewStatus.label)
        self.status_plot.getAxis("bottom").setTicks([list(enumerate(labels))])
        self._fit(self.status_plot, len(self.statuses), max(heights, default=0.0))

    def _fill_bodies(self) -> None:
        previous = self.current_agency_key()
        self.body.blockSignals(True)
        self.body.clear()
        for key, name in self._figures.bodies if self._figures is not None else ():
            self.body.addItem(name, key)
        self.body.blockSignals(False)
        if previous is None or not self.select_body(previous):
            self.body.setCurrentIndex(0 if self.body.count() else -1)
        self._draw_trend()

    def _draw_trend(self) -> None:
        key = self.current_agency_key()
        data = self.trend_series(key) if key is not None else {s.key: ([], []) for s in KEY_SERIES}
        years: set[int] = set()
        top = 0.0
        for s in KEY_SERIES:
            xs, ys = data[s.key]
            self.trend_lines[s.key].setData(x=xs, y=ys)
            years.update(xs)
            top = max([top, *ys])
        self.trend_years = sorted(years)
        self.trend_plot.getAxis("bottom").setTicks([[(y, str(y)) for y in self.trend_years]])
        if self.trend_years:
            lo, hi = self.trend_years[0], self.trend_years[-1]
            self.trend_plot.setXRange(lo - 0.5, hi + 0.5, padding=0)
            self.trend_plot.setYRange(0, max(top, 1.0) * 1.25, padding=0)  # room for the legend

    @staticmethod
    def _fit(plot: pg.PlotItem, n: int, top: float) -> None:
        plot.setXRange(-0.6, max(n, 1) - 0.4, padding=0)
        plot.setYRange(0, max(top, 1.0) * 1.1, padding=0)

    # -- clicks -------------------------------------------------------------------------------

    def _on_rule_bar_clicked(self, index: int, severity: str) -> None:
        if 0 <= index < len(self.rules):
            self.filter_requested.emit({"rule": self.rules[index], "severity": severity})

    def _on_status_bar_clicked(self, index: int) -> None:
        if 0 <= index < len(self.statuses):
            self.filter_requested.emit({"status": self.statuses[index]})

    def _on_trend_points_clicked(self, _item: Any, points: Sequence[Any], *_rest: Any) -> None:
        key = self.current_agency_key()
        if key is None or len(points) == 0:
            return
        year = round(points[0].pos().x())
        self.filter_requested.emit({"agency_key": key, "year": year})

    def _on_body_changed(self, _index: int) -> None:
        self._draw_trend()

    def _on_export_clicked(self) -> None:
        path = ask_png_path(self)
        if path:
            self.export_png(path)


def ask_png_path(parent: QWidget) -> str | None:
    """Where to save the charts; None when the reviewer cancels (tests patch this one function)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("导出图表"), "统计看板.png", parent.tr("PNG 图片 (*.png)")
    )
    return path or None
