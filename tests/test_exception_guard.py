"""The suite's guard is on: an exception inside Qt or a Qt warning fails the test.

Each case in tests/support/guard_cases/cases_qt_guard.py does one wrong thing
(raises in paintEvent, in an event filter, in a slot; warns in the body, in a
fixture's teardown, while pytest-qt closes its window). A child pytest runs them
with this project's own configuration and conftest files; every case must fail,
for its own reason, and the one clean case must pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = "tests/support/guard_cases/cases_qt_guard.py"

# Each case and a piece of the report that shows it failed for its own reason.
MUST_FAIL = {
    "test_paint_raises": "raised in paintEvent",
    "test_paint_raises_in_event_loop": "raised in paintEvent",
    "test_paint_raises_after_the_body": "raised in paintEvent",
    "test_event_filter_raises": "raised in eventFilter",
    "test_slot_raises": "raised in a slot",
    "test_warning_in_body": "warned in the test body",
    "test_warning_in_fixture_teardown": "warned in a fixture's teardown",
    "test_warning_when_qtbot_closes_the_window": "warned while closing",
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Per case: its worst outcome ("passed", "failure" or "error") and its report."""
    report = tmp_path_factory.mktemp("guard") / "report.xml"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    subprocess.run(
        [*command, f"--junitxml={report}", CASES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    found: dict[str, tuple[str, str]] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        name = case.attrib["name"]
        outcome, text = found.get(name, ("passed", ""))
        for child in case:
            if child.tag in ("failure", "error"):
                outcome = "error" if outcome == "error" else child.tag
                text += (child.attrib.get("message") or "") + (child.text or "")
        found[name] = (outcome, text)
    return found


@pytest.mark.parametrize("case", sorted(MUST_FAIL))
def test_the_guard_fails_the_case(outcomes: dict[str, tuple[str, str]], case: str) -> None:
    outcome, report = outcomes[case]
    assert outcome in ("failure", "error"), f"{case} passed: the guard missed it"
    assert MUST_FAIL[case] in report


def test_a_clean_qt_test_passes(outcomes: dict[str, tuple[str, str]]) -> None:
    assert outcomes["test_clean"] == ("passed", "")
    assert set(outcomes) == set(MUST_FAIL) | {"test_clean"}
