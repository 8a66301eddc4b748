"""The Qt binding must not corrupt the interpreter (why pyproject pins PySide6 < 6.12 on 3.11).

PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void call (setText,
update…): a few thousand calls and the interpreter aborted at exit with "none_dealloc", after
every test had passed.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_references_to_none(qtbot: object) -> None:
    label = QLabel()
    qtbot.addWidget(label)  # type: ignore[attr-defined]
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText(str(i))
        label.update()
    gc.collect()
    assert sys.getrefcount(None) - before > -50  # a leaking binding loses ~4,000 here
    assert label.text() == "1999"
