"""The background checker end to end: live sidebar updates, and quitting mid-check."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.sources import MAX_PAGE_BYTES
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from tests.support.pages import STORM, article_page
from tests.support.static_site import serve_folder
from tests.support.timing import PROMPTLY, Stall

# The worker drives the capture engine, which needs the HTTP layer.
pytest.importorskip("newsdiff_gui.core.fetch")


class BlockingFetcher:
    """A fetcher whose requests hang until the check is cancelled (a dead server)."""

    def __init__(self) -> None:
        self.started = threading.Event()

    def fetch_many(
        self, requests: Iterable[Any], cancel: threading.Event | None = None
    ) -> Iterator[Any]:
        list(requests)
        self.started.set()
        assert cancel is not None
        cancel.wait(30)
        return iter(())

    def close(self) -> None:
        pass

    def __enter__(self) -> BlockingFetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def test_quitting_while_a_check_runs_returns_within_two_seconds(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
    from newsdiff_gui.core.timeutil import utc_now

    store.add_article(
        "https://slow.example/story", initial_state(SchedulePolicy(), utc_now()), utc_now()
    )
    fetcher = BlockingFetcher()
    window = MainWindow(store, settings, fetcher_factory=lambda: fetcher)
    qtbot.addWidget(window)
    # The article is due: the worker starts checking it at once. (Worker signals are
    # observed through the window's state: qtbot.waitSignal's callback would run on the
    # worker thread.)
    assert fetcher.started.wait(5)
    qtbot.waitUntil(lambda: window.model.items()[0].checking, timeout=int(PROMPTLY * 1000))
    started = time.monotonic()
    window.close()
    # The promise is 2 s (shutdown waits 1.8 s at most); what proves it is that the worker
    # has ended, not waited out. The bound only catches a close that waited for the fetch.
    assert time.monotonic() - started < PROMPTLY
    assert not window.checker.worker_thread.isRunning()
    # Nothing half-written: no version, and the article is still due for a real check.
    assert store.list_versions(1) == []


@pytest.mark.slow
def test_add_capture_change_check_shows_two_versions_and_unread_badge(
    qtbot: QtBot, store: VersionStore, settings: QSettings, httpserver: Any
) -> None:
    page = {"html": article_page()}
    httpserver.expect_request("/storm").respond_with_handler(
        lambda _request: __import__("werkzeug").Response(
            page["html"], content_type="text/html; charset=utf-8"
        )
    )
    url = httpserver.url_for("/storm")
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.checker.track(url)

    def captured() -> bool:
        items = window.model.items()
        return len(items) == 1 and items[0].version_count == 1 and not items[0].checking

    qtbot.waitUntil(captured, timeout=15000)
    article_id = window.model.items()[0].id
    assert window.sidebar.current_article_id() == article_id  # a new article is selected

    # The reader looks elsewhere; the page changes; a check finds the new version.
    window.sidebar.view.setCurrentIndex(QModelIndex())
    window.sidebar.view.clearSelection()
    changed = (STORM[0].replace("Seven", "Nine"), *STORM[1:])
    page["html"] = article_page(paragraphs=changed)
    window.checker.check([article_id])

    def rechecked() -> bool:
        item = window.model.item(article_id)
        return item is not None and item.version_count == 2 and not item.checking

    qtbot.waitUntil(rechecked, timeout=15000)
    item = window.model.item(article_id)
    assert item is not None
    assert item.version_count == 2
    assert item.unread_changes == 1
    assert not item.checking

    # Selecting it shows the change: one edited row with a changed number, read at once.
    window.sidebar.select_article(article_id)
    view = window.detail.diff
    qtbot.waitUntil(lambda: view.diff is not None and not view.is_busy(), timeout=5000)
    assert view.summary.text().startswith("1 paragraph edited")
    assert "1 row with changed numbers" in view.summary.text()
    (row,) = view.change_rows()
    assert view.rows[row].numbers_changed
    assert "Nine people" in view.new_pane.toPlainText()
    assert window.model.item(article_id).unread_changes == 0  # type: ignore[union-attr]
    window.close()


@pytest.fixture
def page_server(tmp_path: Any) -> Iterator[tuple[str, Any]]:
    """A static site in its own process (see tests/support/static_site.py)."""
    root = tmp_path / "site"
    root.mkdir()
    with serve_folder(root) as base:
        yield base, root


@pytest.mark.slow
def test_ui_event_loop_never_stalls_while_checking_200_articles(
    qtbot: QtBot, store: VersionStore, settings: QSettings, page_server: tuple[str, Any]
) -> None:
    """Checking never blocks the window (the 50 ms target: benchmarks/checking_stall.py)."""
    from PySide6.QtCore import QTimer

    from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
    from newsdiff_gui.core.timeutil import utc_now

    base, root = page_server
    count = 200
    for number in range(count):
        paragraphs = (f"Article {number} opens with its own sentence.", *STORM[1:])
        page = article_page(title=f"Story number {number}", paragraphs=paragraphs)
        (root / f"a{number}.html").write_text(page, encoding="utf-8")
        now = utc_now()
        store.add_article(f"{base}/a{number}.html", initial_state(SchedulePolicy(), now), now)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # Let the window finish its first paint (all panes at once, some 30 ms) before
    # measuring: the target is about the stalls the checking causes.
    qtbot.wait(300)
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    last[0] = time.perf_counter()
    ticker.start()
    window.checker.start()  # all 200 are due: the worker starts checking at once

    def all_captured() -> bool:
        items = window.model.items()
        return len(items) == count and all(i.version_count == 1 and not i.checking for i in items)

    qtbot.waitUntil(all_captured, timeout=180_000)
    ticker.stop()
    window.close()
    worst = max(gaps)
    typical = sorted(gaps)[int(len(gaps) * 0.99)]
    print(
        f"UI event loop while checking {count} articles: longest stall {worst * 1000:.1f} ms, "
        f"99th percentile {typical * 1000:.1f} ms over {len(gaps)} ticks"
    )
    # The target (longest stall under 50 ms) is measured by benchmarks/checking_stall.py
    # on an idle machine. Here only a generous bound, which a shared, loaded CI machine
    # still meets, but which fails when checking work lands on the UI thread again
    # (a fetch or an extraction there stalls it for seconds, not milliseconds).
    assert typical < 0.25
    assert worst < 1.0


def test_quitting_during_a_real_fetch_of_a_slow_page_returns_within_two_seconds(
    qtbot: QtBot, store: VersionStore, settings: QSettings, httpserver: Any
) -> None:
    from werkzeug import Response

    from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
    from newsdiff_gui.core.timeutil import utc_now

    with Stall(lambda: Response(article_page(), content_type="text/html; charset=utf-8")) as slow:
        # The server answers only after the test: long after the user quit.
        httpserver.expect_request("/slow").respond_with_handler(slow)
        now = utc_now()
        store.add_article(httpserver.url_for("/slow"), initial_state(SchedulePolicy(), now), now)
        window = MainWindow(store, settings)
        qtbot.addWidget(window)
        assert slow.arrived.wait(PROMPTLY)
        started = time.monotonic()
        window.close()
        assert time.monotonic() - started < PROMPTLY
        assert not window.checker.worker_thread.isRunning()
    assert store.list_versions(1) == []


def test_importing_a_saved_page_adds_the_article_with_that_capture_time(
    qtbot: QtBot, store: VersionStore, settings: QSettings, tmp_path: Any
) -> None:
    page = tmp_path / "saved.html"
    page.write_text(article_page(), encoding="utf-8")
    window = MainWindow(store, settings, due_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.checker.import_page(str(page), "https://news.example/storm", "2026-03-01T08:30:00Z")

    def imported() -> bool:
        items = window.model.items()
        return len(items) == 1 and items[0].version_count == 1

    qtbot.waitUntil(imported, timeout=15_000)
    (version,) = store.list_versions(window.model.items()[0].id)
    assert version.captured_at.isoformat().startswith("2026-03-01T08:30:00")
    assert version.document.paragraphs == STORM
    window.close()


def test_an_import_reads_the_file_by_the_rules_of_every_other_input(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "open", lambda _box: None)  # the refusal's box
    zipped = tmp_path / "saved.html.gz"  # as curl saves it without --compressed
    zipped.write_bytes(gzip.compress(article_page().encode("utf-8")))
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b" " * (MAX_PAGE_BYTES + 1)))
    window = MainWindow(store, settings, due_interval_ms=3_600_000)
    qtbot.addWidget(window)
    failed: list[tuple[str, str]] = []
    # Not qtbot.waitSignal: its slot would run on the worker thread and stop its timer there.
    window.checker.worker.requestFailed.connect(lambda *args: failed.append(args))
    window.checker.import_page(str(bomb), "https://news.example/bomb", "2026-03-01T08:30:00Z")
    qtbot.waitUntil(lambda: bool(failed), timeout=15_000)
    assert failed == [("import", "bomb.html.gz: file too large (over 15 MB; refusing)")]
    window.checker.import_page(str(zipped), "https://news.example/storm", "2026-03-01T08:30:00Z")
    qtbot.waitUntil(lambda: len(window.model.items()) == 1, timeout=15_000)
    (version,) = store.list_versions(window.model.items()[0].id)
    assert version.document.paragraphs == STORM
    window.close()
