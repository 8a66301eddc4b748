"""Qt's own words that the shipped ``qtbase_zh_CN`` lacks.

Qt 6's file dialog renamed two of its labels ("&Look in:", "Files of &type:") and the Chinese
catalogue PySide6 ships still has the old ones, so Qt's own dialog mixed English into a Chinese
desk (issue 24). Installed after ``qtbase_zh_CN``, this translator is asked first and answers
only these; every other string falls through to Qt's catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class QtChinese(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return MISSING.get((context, source))  # None: a null string, "not mine" (not "")

    def isEmpty(self) -> bool:
        return False
