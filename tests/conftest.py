"""Shared test set-up: every test runs offscreen, never on a real display, and no Qt
warning or Python exception inside Qt goes unnoticed.

pytest-qt already fails a test on:
- an exception raised inside Qt (paintEvent, eventFilter, a slot…): PySide reports
  those through `sys.excepthook` and carries on, and pytest-qt installs a hook for
  every test's setup, call and teardown (on unless `qt_no_exception_capture`, which
  this project never sets; `tests/test_exception_guard.py` proves it);
- a Qt message at `qt_log_level_fail` (WARNING, pyproject.toml) during setup and call.

It does not look at Qt messages during teardown, where windows close and fixtures
quit threads: `pytest_runtest_teardown` below does.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Generator

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The store fixtures for both engines (store_address, postgres_server).
pytest_plugins = ("tests.support.stores",)

# CI replays the same examples on every run, so a red CI names a change, not a
# lucky draw; property tests run locally still search fresh examples (and keep
# what they find in .hypothesis/ for the next run).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")

# pytest-qt's level names, most severe first; a level fails itself and all above it.
_LEVELS = ("CRITICAL", "WARNING", "DEBUG", "INFO")


def _failing_types(level: str) -> set[object]:
    from PySide6.QtCore import QtMsgType

    by_name = {
        "CRITICAL": {QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg},
        "WARNING": {QtMsgType.QtWarningMsg},
        "DEBUG": {QtMsgType.QtDebugMsg},
        "INFO": {QtMsgType.QtInfoMsg},
    }
    if level not in _LEVELS:
        return set()  # "NO": Qt messages never fail
    failing: set[object] = set()
    for name in _LEVELS[: _LEVELS.index(level) + 1]:
        failing |= by_name[name]
    return failing


def _ignored_patterns(item: pytest.Item) -> list[str]:
    """The same patterns pytest-qt ignores for this test (ini plus markers)."""
    patterns = list(item.config.getini("qt_log_ignore"))
    for marker in item.iter_markers("qt_log_ignore"):
        if marker.kwargs.get("extend", True):
            patterns += list(marker.args)
        else:
            patterns = list(marker.args)
    return patterns


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    """Fail the test on a Qt warning while it tears down (pytest-qt closing its widgets,
    fixtures closing windows and stopping threads)."""
    level_marker = item.get_closest_marker("qt_log_level_fail")
    level = level_marker.args[0] if level_marker else item.config.getini("qt_log_level_fail")
    # A test that never imported Qt cannot get a Qt message: leave Qt unimported.
    if item.get_closest_marker("no_qt_log") or "PySide6.QtCore" not in sys.modules:
        return (yield)
    from PySide6.QtCore import qInstallMessageHandler

    failing = _failing_types(level)
    patterns = _ignored_patterns(item)
    caught: list[str] = []

    def handler(kind: object, context: object, message: str) -> None:
        if kind in failing and not any(re.search(pattern, message) for pattern in patterns):
            caught.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        result = yield
    finally:
        qInstallMessageHandler(previous)
    if caught:
        lines = "\n".join(f"    {message}" for message in caught)
        pytest.fail(f"Qt messages at {level} or above during teardown:\n{lines}", pytrace=False)
    return result


@pytest.fixture(autouse=True)
def _private_config_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exports create the installation's signing key in the config directory: tests use
    one of their own, never the real user's."""
    monkeypatch.setenv("NEWSDIFF_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
