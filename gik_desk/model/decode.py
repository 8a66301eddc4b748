"""Every value read back from a workspace is decoded here, one function per kind of value.

A ``.gikdb`` is a file on a shared drive: another program, a bad sector or a colleague's
experiment can leave a status this program does not know, an action it never wrote or an event
payload nested a million levels deep (issue 27). A value that does not decode never raises: the
caller gets a usable stand-in plus the reason, so that one row is shown as 已损坏 (damaged), the
rest of the workspace works, and nothing is rewritten unless the reviewer changes that row.

It lives in ``model`` (plain functions over model values, no SQLite) because the store, the
export's log sheet and the services all read it, and export may not import ``workspace``
(issue 22's import contract).
"""

from __future__ import annotations

import json
from typing import Any

from gik_desk.model.review import EVENT_WORDS, ReportState, ReviewStatus

MAX_PAYLOAD_CHARS = 4_000_000  # an event's target/before/after: a bulk change of 20,000 keys fits
MAX_PAYLOAD_DEPTH = 16  # the deepest payload the program writes is 3 levels (an import's dict)
DAMAGED_WORD = "已损坏"

# every action the event log may hold: those ``EVENT_WORDS`` names (each action class takes its
# code from there) and the audit record of ``sync_batch`` — one list, so a new action is never
# read back as damaged
KNOWN_ACTIONS = frozenset({*EVENT_WORDS, "sync"})
# actions whose target/before/after the program writes as JSON (read back by history and export)
_JSON_FIELDS: dict[str, tuple[str, ...]] = {
    "set_status": ("target", "before", "after"),
    "import_review": ("before", "after"),
    "revert_import_review": ("before", "after"),
    "assign": ("target", "before", "after"),
}


class DamagedValueError(ValueError):
    """A stored value that does not decode; ``reason`` says why in the reviewer's words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def shown(value: object, limit: int = 200) -> str:
    """A stored or user value as it may be echoed in a message: at most ``limit`` characters,
    control characters escaped (an ESC from a file must not drive the terminal)."""
    if isinstance(value, bytes | bytearray | memoryview):
        text = f"<{len(bytes(value))} 字节的二进制数据>"
    else:
        text = str(value)
    cut = len(text) > limit
    text = text[:limit]
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out) + (f"…(共 {len(str(value))} 字)" if cut else "")


def text(value: object) -> str:
    """A TEXT column: a blob or number someone wrote there is read as text, never raised on."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def status(value: object) -> ReviewStatus:
    """A stored review status (a code, or the words of a workspace before issue 12); empty is
    待核实. Raises ``DamagedValueError`` for anything else."""
    if value is None or value == "":
        return ReviewStatus.PENDING
    if not isinstance(value, str):
        raise DamagedValueError(f"审核状态不是文字({shown(value, 40)})")
    try:
        return ReviewStatus.parse(value)
    except ValueError:
        raise DamagedValueError(f"未知的审核状态「{shown(value, 40)}」") from None


def report_state(value: object) -> ReportState:
    """A stored report sign-off; raises ``DamagedValueError`` for a code it does not know."""
    try:
        return ReportState(str(value) if isinstance(value, str) else "")
    except ValueError:
        raise DamagedValueError(f"未知的报告审核进度「{shown(value, 40)}」") from None


def payload(value: object) -> Any:
    """A logged JSON value, bounded in size and nesting before ``json.loads`` sees it (a deeply
    nested array makes the decoder recurse until Python's stack gives out). Raises
    ``DamagedValueError`` for text that is too large, too deep or not JSON."""
    if not isinstance(value, str):
        raise DamagedValueError(f"记录内容不是文字({shown(value, 40)})")
    if len(value) > MAX_PAYLOAD_CHARS:
        raise DamagedValueError(f"记录内容过大({len(value):,} 字)")
    opened = value.count("[") + value.count("{")  # C speed; the scan only when it could matter
    if opened > MAX_PAYLOAD_DEPTH and _depth(value) > MAX_PAYLOAD_DEPTH:
        raise DamagedValueError(f"记录内容嵌套超过 {MAX_PAYLOAD_DEPTH} 层")
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        raise DamagedValueError(f"记录内容不是有效的 JSON(「{shown(value, 40)}」)") from None


def payload_or_text(value: str) -> Any:
    """A logged value that is JSON for lists and objects and plain text otherwise (notes);
    a damaged JSON-looking value is returned as the text it is."""
    if not value or value[0] not in "[{":
        return value
    try:
        return payload(value)
    except DamagedValueError:
        return value


def _depth(text: str) -> int:
    """The deepest bracket nesting of a JSON text, outside strings: one linear pass, stopping
    as soon as the bound is passed."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_PAYLOAD_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def event_damage(action: object, target: object, before: object, after: object) -> str:
    """Why a logged event is damaged: an action this program never writes, or a payload it
    writes as JSON that does not decode (bounded). "" for a sound row."""
    if not isinstance(action, str) or action not in KNOWN_ACTIONS:
        return f"未知的操作「{shown(action, 40)}」"
    values = {"target": target, "before": before, "after": after}
    for name in _JSON_FIELDS.get(action, ()):
        try:
            payload(values[name])
        except DamagedValueError as exc:
            return exc.reason
    for name, value in values.items():
        if not isinstance(value, str):
            return f"{name} 不是文字({shown(value, 40)})"
    return ""
