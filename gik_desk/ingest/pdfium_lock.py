"""One lock for every pdfium call in this process: pdfium is not thread-safe (pypdfium2 says so),
and the desk reads a PDF inline on a job thread while the 原件 view renders pages on another —
two threads in pdfium at once crash the process. Worker processes have a pdfium of their own."""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
