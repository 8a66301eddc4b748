"""The model's own words (statuses, sign-offs, severities, template names) as the window shows
them: Chinese, or their English under ``--lang en``.

The words live once in ``model`` (``STATUS_LABELS``, ``Severity.zh``…); the window passes them
through Qt's translator in the context ``words`` (``resources/i18n/update_translations.py``
lists them from the model, so none can be missed).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gik_desk.model import Severity
from gik_desk.model.review import ReportState, ReviewStatus

CONTEXT = "words"
TEMPLATE_NAMES = {
    "t2021": "2021版模板",
    "t2019": "2019版模板",
    "pre2019": "2019年前",
    "unknown": "模板未识别",
}


def word(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def status_word(status: ReviewStatus) -> str:
    return word(status.label)


def state_word(state: ReportState) -> str:
    return word(state.label)


def severity_word(severity: Severity) -> str:
    return word(severity.zh)


def template_word(generation: str) -> str:
    return word(TEMPLATE_NAMES.get(generation, generation))


def all_words() -> list[str]:
    """Every word of this module, for the translation file."""
    return [
        *(s.label for s in ReviewStatus),
        *(s.label for s in ReportState),
        *(s.zh for s in Severity),
        *TEMPLATE_NAMES.values(),
    ]
