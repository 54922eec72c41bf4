"""The app's checker over a batch holding every hostile case of issue 9.

The same batch as tests/cli/test_check_batch.py, checked by the background worker
the window starts (its due articles are checked at once, extraction in the child
process): every hostile article ends with a recorded check and a readable error,
both healthy articles get a version, and the checker reports no failed request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import newsdiff_gui.core.extract.isolated as isolated
from benchmarks.robustness_fetch import (
    CRASH_MARKER,
    METADATA_NAME,
    HostileSite,
    assert_batch_recorded,
    content_cases,
    hostile_cases,
    resolving,
    track_batch,
)
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow


class CrashingExtractor(isolated.IsolatedExtractor):
    """The app's extractor, except that the marked page fails as a crash in the child
    is reported (the child cannot be patched from here)."""

    def extract(self, text: str, url: str | None) -> Document:
        if CRASH_MARKER in text:
            raise RuntimeError("RecursionError: maximum recursion depth exceeded")
        return super().extract(text, url)


@pytest.fixture
def site() -> Iterator[HostileSite]:
    with HostileSite() as opened, resolving(METADATA_NAME, "169.254.169.254"):
        yield opened


def test_the_checker_records_every_hostile_article_and_checks_the_healthy_ones(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    site: HostileSite,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(isolated, "IsolatedExtractor", CrashingExtractor)
    batch = track_batch(site, store, hostile_cases(site.port), content_cases())
    every = batch.every

    window = MainWindow(store, settings)  # all are due: the checker starts at once
    qtbot.addWidget(window)
    failed_requests: list[Any] = []
    window.checker.worker.requestFailed.connect(
        lambda what, message: failed_requests.append((what, message))
    )

    def all_checked() -> bool:
        items = window.model.items()
        return all(store.checks.of_article(i) for i in every) and not any(i.checking for i in items)

    qtbot.waitUntil(all_checked, timeout=60_000)
    assert failed_requests == []
    assert_batch_recorded(store, batch)
    for article_id, case in batch.hostile.items():
        item = window.model.item(article_id)  # the sidebar shows the error
        assert item is not None and item.last_error and case.words in item.last_error, case.name
    for article_id in batch.healthy:
        item = window.model.item(article_id)
        assert item is not None and item.version_count == 1 and not item.last_error
