"""Output paths checked before a batch runs: an export never lands on an input or a workspace.

Issue 10: ``audit in.txt --workspace W.gikdb --xlsx W.gikdb`` once replaced the workspace with a
workbook (every status, note and annotation gone) and said "已写出 Excel". Each output must
carry its own kind's suffix, must not be an input file, the workspace (or its -wal/-shm/-journal
side files) or the other output; what ``atomic.check_target`` refuses (read-only, a folder, a file
of another kind) is refused here too, before minutes of parsing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gik_desk.services import TargetRefusedError, check_target, same_file

SUFFIX = {"json": ".json", "xlsx": ".xlsx"}
_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def check_outputs(
    outputs: dict[str, str | None], workspace: str | None, inputs: Iterable[Path]
) -> str | None:
    """A Chinese message saying why these outputs cannot be written, or None when they can.

    ``outputs`` maps a kind (``json``/``xlsx``) to its path (``-`` = stdout, never checked).
    """
    from gik_desk.services import looks_like_json, looks_like_xlsx

    sniffs = {"json": looks_like_json, "xlsx": looks_like_xlsx}
    chosen = {k: Path(v) for k, v in outputs.items() if v and v != "-"}
    input_list = list(inputs)
    for kind, path in chosen.items():
        option = f"--{kind}"
        if path.suffix.lower() != SUFFIX[kind]:
            return f"{option} 的输出文件须以 {SUFFIX[kind]} 结尾，以免覆盖其他文件：{path}"
        if workspace:
            ws = Path(workspace)
            for side in _SIDE_FILES:
                if same_file(path, ws.with_name(ws.name + side)):
                    return f"{option} 的输出文件就是审核工作区，写出会毁掉审核记录：{path}"
        for src in input_list:
            if same_file(path, src):
                return f"{option} 的输出文件是本批的输入文件，不能覆盖：{path}"
        try:
            check_target(path, sniffs[kind])
        except TargetRefusedError as exc:
            return f"{option} 无法写出：{exc}"
    if len(chosen) == 2 and same_file(chosen["json"], chosen["xlsx"]):
        return "--json 与 --xlsx 不能写到同一个文件"
    return None
