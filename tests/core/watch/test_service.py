"""The watcher service in threads: a check slower than the lease keeps its claim (the
heartbeat renews it), so a second watcher never checks the same article meanwhile."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import VersionStore, database
from newsdiff_gui.core.watch.service import Extractor, WatchedCheck, WatchService, WatchSettings
from tests.support.watch_site import article_site


@contextmanager
def in_process(_cancel: threading.Event) -> Iterator[Extractor]:
    yield extract_document


def test_a_check_slower_than_the_lease_is_not_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    settings = WatchSettings(workers=1, lease=timedelta(seconds=2), poll_seconds=0.1)
    logged: list[WatchedCheck] = []
    with article_site(delay=5.0) as site, Fetcher() as fetcher:
        with VersionStore.open(db) as store:
            article_id = CaptureService(store).track(site.url(1)).id
        watchers = [
            WatchService(
                lambda: VersionStore.open(db), fetcher, in_process, settings, logged.append
            )
            for _ in range(2)
        ]
        threads = [threading.Thread(target=watcher.run) for watcher in watchers]
        for thread in threads:
            thread.start()
        try:
            site.started.wait(10)
            while not logged:  # the one check, 5 s long: two and a half leases
                threading.Event().wait(0.05)
        finally:
            for watcher in watchers:
                watcher.stop()
            for thread in threads:
                thread.join()
    assert [check.article_id for check in logged] == [article_id]
    assert site.requests == {"/a/1": 1}
    with VersionStore.open(db) as store:
        assert len(store.checks.of_article(article_id)) == 1
        assert store.claims.held() == []


def test_a_store_busy_past_its_timeout_is_waited_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many writers on one SQLite file can keep one waiting past the busy timeout: the
    watcher pauses and goes on, it does not exit."""
    monkeypatch.setattr(database, "_BUSY_TIMEOUT", 0.2)
    db = tmp_path / "store.sqlite3"
    settings = WatchSettings(workers=1, poll_seconds=0.1)
    logged: list[WatchedCheck] = []
    failures: list[BaseException] = []
    with article_site() as site, Fetcher() as fetcher:
        with VersionStore.open(db) as store:
            article_id = CaptureService(store).track(site.url(1)).id
        watcher = WatchService(
            lambda: VersionStore.open(db), fetcher, in_process, settings, logged.append
        )

        def run() -> None:
            try:
                watcher.run()
            except BaseException as exc:
                failures.append(exc)

        blocker = sqlite3.connect(db, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock for a while
        thread = threading.Thread(target=run)
        thread.start()
        try:
            threading.Event().wait(1.5)
            assert thread.is_alive() and not failures and not logged
        finally:
            blocker.execute("COMMIT")
            blocker.close()
        try:
            while not logged and thread.is_alive():
                threading.Event().wait(0.05)
        finally:
            watcher.stop()
            thread.join()
    assert failures == []
    assert [check.article_id for check in logged] == [article_id]
