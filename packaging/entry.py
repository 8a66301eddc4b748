"""PyInstaller's entry script: the frozen app runs exactly what ``python -m gik_desk`` runs."""

from __future__ import annotations

import sys

from gik_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
