"""Severity colours, icons and words in one place: colour is never the only signal.

Each severity has a shape as well as a colour (● error, ▲ warning, ◆ info) and a word, so a
printed page or a colour-blind reviewer still tells them apart.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from gik_desk.model import Severity

COLOURS: dict[Severity, str] = {
    Severity.ERROR: "#c62828",
    Severity.WARNING: "#b26a00",
    Severity.INFO: "#1565c0",
}
TINTS: dict[Severity, str] = {  # backgrounds light enough for black text
    Severity.ERROR: "#ffcdd2",
    Severity.WARNING: "#ffe0a3",
    Severity.INFO: "#cfe3fb",
}
LIGHT_TINTS: dict[Severity, str] = {  # a cell the finding reads but would not change
    Severity.ERROR: "#fdf0f1",
    Severity.WARNING: "#fff7e6",
    Severity.INFO: "#eef5fd",
}
MARKS: dict[Severity, str] = {Severity.ERROR: "●", Severity.WARNING: "▲", Severity.INFO: "◆"}
DERIVED_COLOUR = "#5d4037"
OCR_COLOUR = "#1f5fa8"  # a figure read from a scan (issue 29)
KEYED_COLOUR = "#7b1fa2"  # a figure a reviewer keyed into an unread cell
BLANK_COLOUR = "#8a8a8a"


def colour(sev: Severity) -> QColor:
    return QColor(COLOURS[sev])


def tint(sev: Severity) -> QBrush:
    return QBrush(QColor(TINTS[sev]))


def light_tint(sev: Severity) -> QBrush:
    return QBrush(QColor(LIGHT_TINTS[sev]))


def badge(counts: dict[Severity, int]) -> str:
    """``●2 ▲4`` — counts by severity, worst first, zero counts left out."""
    return " ".join(f"{MARKS[s]}{counts[s]}" for s in Severity if counts.get(s))


@cache
def icon(sev: Severity, size: int = 16) -> QIcon:
    """A shape per severity, drawn (no image files to ship): circle, triangle, diamond."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(colour(sev).darker(130), 1))
    p.setBrush(colour(sev))
    m = size * 0.12
    s = size - 2 * m
    if sev is Severity.ERROR:
        p.drawEllipse(QPointF(size / 2, size / 2), s / 2, s / 2)
    else:
        path = QPainterPath()
        if sev is Severity.WARNING:
            path.moveTo(size / 2, m)
            path.lineTo(size - m, size - m)
            path.lineTo(m, size - m)
        else:
            path.moveTo(size / 2, m)
            path.lineTo(size - m, size / 2)
            path.lineTo(size / 2, size - m)
            path.lineTo(m, size / 2)
        path.closeSubpath()
        p.drawPath(path)
    p.end()
    return QIcon(pix)


def worst(severities: list[Severity]) -> Severity | None:
    return min(severities, key=lambda s: s.rank) if severities else None
