"""UI test fixtures: a temporary store and a temporary QSettings file per test."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from newsdiff_gui.core.store import VersionStore
from tests.ui.history import populate


@pytest.fixture(autouse=True)
def collect_garbage_on_the_ui_thread() -> Iterator[None]:
    """No cycle collection while a test runs: it could run on a worker or pool thread
    and destroy Qt objects there (see newsdiff_gui/ui/app/gc_guard.py); collect here."""
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_path: Path) -> QSettings:
    # Never the user's real settings: an INI file inside the test's temporary folder.
    return QSettings(str(settings_path), QSettings.Format.IniFormat)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[VersionStore]:
    with VersionStore.open(tmp_path / "ui.sqlite3") as opened:
        yield opened


@pytest.fixture
def history(store: VersionStore) -> dict[str, int]:
    return populate(store)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform plugin warns on every top-level window with a layout
    # ("does not support propagateSizeHints"); it says nothing about our code, and
    # every other Qt warning still fails the UI tests.
    ui_tests = Path(__file__).parent
    for item in items:
        if ui_tests in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))
