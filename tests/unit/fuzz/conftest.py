"""Counts every input the fuzz tests feed the parser and prints the tally at the session's end.

``make fuzz`` runs with ``-s`` and GIK_FUZZ_EXAMPLES=20000, so its log ends with two figure lines:
``fuzz_inputs_tried: N`` and ``fuzz_failures: F``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

TALLY = {"tried": 0, "failures": 0}


@pytest.fixture(scope="session", autouse=True)
def fuzz_tally() -> Iterator[dict[str, int]]:
    yield TALLY
    print(f"\nfuzz_inputs_tried: {TALLY['tried']}")
    print(f"fuzz_failures: {TALLY['failures']}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        TALLY["failures"] += 1
