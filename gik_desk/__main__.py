"""``python -m gik_desk`` / ``gik-desk``: a subcommand goes to the CLI, anything else to the GUI.

The subcommands are the CLI parser's own (``gik_desk.cli.main.build_parser``): one list, so a
command the parser knows can never fall through to the window as a file name.
"""

from __future__ import annotations

import multiprocessing
import sys

from gik_desk.cli.main import build_parser, help_epilog, subcommands

SUBCOMMANDS = frozenset({*subcommands(build_parser()), "--version", "-V"})


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in SUBCOMMANDS:
        from gik_desk.cli.main import main as cli_main

        return cli_main(args)
    from gik_desk.ui.app import main as ui_main

    return ui_main(args, epilog=help_epilog())


if __name__ == "__main__":
    sys.exit(main())
