"""Child process for the crash-mid-replay test (issue 28): replays a workspace's journal,
printing each action id once its transaction committed and pausing there (before the journal
forgets it: the window a double apply would need), then waits (on stdin) to be killed.

usage: python replay_writer.py WORKSPACE JOURNAL_FOLDER
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from gik_desk.services import ReviewSession
from gik_desk.workspace import Workspace


def main(path: str, folder: str) -> None:
    original = Workspace.apply

    def apply(self: Workspace, action, who=None, action_id=""):  # type: ignore[no-untyped-def]
        event = original(self, action, who, action_id)
        sys.stdout.write(f"{action_id}\n")
        sys.stdout.flush()
        time.sleep(0.05)
        return event

    Workspace.apply = apply  # type: ignore[method-assign]
    session = ReviewSession("王审核", journal_folder=Path(folder))
    session.open(Path(path), network=False)
    session.replay()
    sys.stdout.write("done\n")
    sys.stdout.flush()
    sys.stdin.read()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
