"""`newsdiff watch` as it runs in production: separate watcher processes on one store
against a local site. Each due article is checked exactly once per slot, a watcher
killed mid-check leaves its article to another after the lease, and SIGTERM lets the
checks in flight finish before exiting 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import from_iso
from tests.support.watch_site import ArticleSite, article_site

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60.0


def watcher(db: Path | str, *options: str, log: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    logging = ["--log", str(log)] if log else []
    return subprocess.Popen(
        [sys.executable, "-m", "newsdiff_gui.cli", "--db", str(db), "watch", *logging, *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def track_all(db: Path | str, site: ArticleSite, count: int) -> list[int]:
    with VersionStore.open(db) as store:
        service = CaptureService(store)
        with store.transaction():
            return [service.track(site.url(n)).id for n in range(count)]


def checks_per_article(db: Path | str) -> dict[int, list[tuple[str, str]]]:
    with VersionStore.open(db, read_only=True) as store:
        return {
            a.id: [(c.outcome, c.started_at.isoformat()) for c in store.checks.of_article(a.id)]
            for a in store.list_articles()
        }


def wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def site() -> Iterator[ArticleSite]:
    with article_site() as served:
        yield served


@pytest.mark.parametrize("watchers", [2, 3])
def test_watchers_check_each_due_article_exactly_once(
    tmp_path: Path, site: ArticleSite, watchers: int, store_address: str
) -> None:
    db = store_address  # a SQLite file, then a PostgreSQL database
    ids = track_all(db, site, 24)
    logs = [tmp_path / f"watch{n}.log" for n in range(watchers)]
    processes = [watcher(db, "--once", "--workers", "2", log=log) for log in logs]
    for process in processes:
        assert process.wait(timeout=WAIT) == 0, process.stderr.read() if process.stderr else ""
    checks = checks_per_article(db)
    assert {article: len(made) for article, made in checks.items()} == dict.fromkeys(ids, 1)
    assert all(made[0][0] == "new_version" for made in checks.values())
    assert sorted(site.requests.values()) == [1] * len(ids)  # nothing fetched twice
    with VersionStore.open(db, read_only=True) as store:
        assert [a.version_count for a in store.list_articles()] == [1] * len(ids)
        assert store.claims.held() == []
    lines = [line for log in logs for line in log.read_text().splitlines()]
    assert sorted(int(line.split()[2]) for line in lines) == ids  # one line per check
    assert all(" new_version " in line and line.split()[4].endswith("s") for line in lines)


def test_a_killed_watchers_article_is_checked_by_another_after_the_lease(
    store_address: str,
) -> None:
    db = store_address  # a SQLite file, then a PostgreSQL database
    with article_site(delay=30.0) as site:
        [article_id] = track_all(db, site, 1)
        doomed = watcher(db, "--workers", "1", "--lease", "3", "--poll", "0.2")
        wait_for(site.started.is_set, "the first watcher's fetch")
        doomed.send_signal(signal.SIGKILL)  # mid-check: the page is still being served
        doomed.wait(timeout=WAIT)
        with VersionStore.open(db, read_only=True) as store:
            [claim] = store.claims.held()
        assert claim.article_id == article_id
        assert checks_per_article(db)[article_id] == []  # nothing recorded by the dead one
        site.delay = 0.0
        heir = watcher(db, "--workers", "2", "--poll", "0.2")
        try:
            wait_for(lambda: checks_per_article(db)[article_id], "the takeover")
        finally:
            heir.send_signal(signal.SIGTERM)
            assert heir.wait(timeout=WAIT) == 0
    [(outcome, started_at)] = checks_per_article(db)[article_id]
    assert outcome == "new_version"
    assert from_iso(started_at) >= claim.claim_until  # not before the dead one's lease ended
    with VersionStore.open(db, read_only=True) as store:
        assert store.claims.held() == []


def test_sigterm_finishes_the_checks_in_flight_and_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    log = tmp_path / "watch.log"
    with article_site(delay=2.0) as site:
        ids = track_all(db, site, 3)
        process = watcher(db, "--workers", "3", log=log)
        wait_for(lambda: len(site.requests) == 3, "three checks in flight")
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
            logged = log.read_text() if log.exists() else ""
            raise AssertionError(f"no exit after SIGTERM; log:\n{logged}\nstderr:\n{err}") from None
        assert code == 0
    checks = checks_per_article(db)
    assert [[outcome for outcome, _ in checks[i]] for i in ids] == [["new_version"]] * 3
    assert len(log.read_text().splitlines()) == 3
    with VersionStore.open(db, read_only=True) as store:
        assert store.claims.held() == []


def test_bad_options_are_usage_errors_and_an_unwritable_log_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "store.sqlite3")
    for bad in (["--workers", "0"], ["--lease", "-1"], ["--poll", "nan"]):
        with pytest.raises(SystemExit) as exited:
            main(["--db", db, "watch", *bad])
        assert exited.value.code == 2
    capsys.readouterr()
    assert main(["--db", db, "watch", "--once", "--log", str(tmp_path / "no" / "x.log")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("newsdiff: error: cannot write the log") and error.count("\n") == 1


def test_watchers_poll_a_due_source_once_and_check_the_articles_it_adds(
    tmp_path: Path, site: ArticleSite
) -> None:
    from werkzeug import Request, Response

    from newsdiff_gui.core.discovery.poll import SourcePoller
    from newsdiff_gui.core.fetch import Fetcher
    from newsdiff_gui.core.timeutil import utc_now
    from tests.support.news_site import Story, rss

    listed = [2]  # the feed lists /a/0 … /a/(n-1)
    feed_requests: list[str] = []

    def feed(request: Request) -> Response:
        feed_requests.append(request.path)
        items = [Story(f"/a/{n}", f"Storm report {n}") for n in range(listed[0])]
        return Response(rss(site.server.url_for("").rstrip("/"), items), content_type="text/xml")

    site.server.expect_request("/feed.xml").respond_with_handler(feed)
    db = tmp_path / "store.sqlite3"
    with VersionStore.open(db) as store, Fetcher() as fetcher:
        source, report = SourcePoller(store, fetcher).follow(site.server.url_for("/feed.xml"))
        assert len(report.added) == 2
        store.sources.set_active(source.id, True, utc_now())  # due again now
    listed[0] = 5  # three new stories since
    processes = [watcher(db, "--once", "--workers", "2") for _ in range(2)]
    for process in processes:
        assert process.wait(timeout=WAIT) == 0, process.stderr.read() if process.stderr else ""
    assert len(feed_requests) == 2  # the follow, then one poll by one of the two watchers
    checks = checks_per_article(db)
    assert len(checks) == 5
    assert all(len(made) == 1 and made[0][0] == "new_version" for made in checks.values())
