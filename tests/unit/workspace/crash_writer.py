"""Child process for the SIGKILL test: records reviewer actions, printing each event id after
its COMMIT returned, then waits (on stdin) to be killed.

usage: python crash_writer.py WORKSPACE N_ACTIONS RUN
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from wsbatch import standard_batch

from gik_desk.model.review import Annotation, ReviewStatus
from gik_desk.workspace import (
    AddAnnotation,
    DeleteAnnotation,
    EditAnnotationNote,
    SetNote,
    SetStatus,
    Workspace,
)


def main(path: str, n_actions: int, run: int) -> None:
    rng = random.Random(run)
    batch = standard_batch()
    keys = [f.key for f in batch.findings]
    report = batch.reports[0]
    statuses = [s for s in ReviewStatus if not s.needs_reason]  # those need a note (issue 14)
    live: list[Annotation] = []
    with Workspace.open(path, create=False, network=False) as ws:
        ws.reviewer = f"run{run}"
        for i in range(n_actions):
            kind = rng.randrange(5)
            if kind == 0 or (kind >= 3 and not live):
                chosen = tuple(rng.sample(keys, rng.randint(1, len(keys))))
                before = tuple(ws.review(k).status for k in chosen)
                action: object = SetStatus(chosen, before, rng.choice(statuses))
            elif kind == 1:
                key = rng.choice(keys)
                action = SetNote(key, ws.review(key).note, f"run{run} note {i}")
            elif kind == 2:
                start = rng.randrange(report.span.start, report.span.end - 4)
                ann = Annotation(
                    id=f"r{run}-{i}",
                    report_key="甲区|2021",
                    source=report.source,
                    exact=report.text[start : start + 4],
                    prefix="",
                    suffix="",
                    start=start,
                    end=start + 4,
                    note=f"标注 {i}",
                )
                live.append(ann)
                action = AddAnnotation(ann)
            elif kind == 3:
                ann = live[rng.randrange(len(live))]
                notes = {a.id: a.note for a in ws.annotations()}
                action = EditAnnotationNote(ann.id, notes[ann.id], f"改 {i}")
            else:
                ann = live.pop(rng.randrange(len(live)))
                action = DeleteAnnotation(ann)
            event = ws.apply(action)  # type: ignore[arg-type]
            sys.stdout.write(f"{event.id}\n")
            sys.stdout.flush()
        sys.stdout.write("done\n")
        sys.stdout.flush()
        sys.stdin.read()  # stay alive until killed


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
