"""One article's unexpected failure is recorded on it; the batch goes on (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService, CheckOutcome
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.schedule import ScheduleState
from newsdiff_gui.core.store import StoreError, VersionStore
from tests.support.pages import STORM, article_page
from tests.support.timing import PATIENT

T0 = datetime(2026, 3, 3, 11, 0, tzinfo=UTC)


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    with VersionStore.open(store_address) as opened:
        yield opened


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(PATIENT) as opened:
        yield opened


def serve_three(httpserver: HTTPServer, service: CaptureService) -> list[int]:
    ids = []
    for name in ("before", "odd", "after"):
        paragraphs = (f"{STORM[0]} ({name})", *STORM[1:])
        httpserver.expect_request(f"/{name}").respond_with_data(
            article_page(paragraphs=paragraphs), content_type="text/html; charset=utf-8"
        )
        ids.append(service.track(httpserver.url_for(f"/{name}")).id)
    return ids


def test_a_bug_while_storing_one_article_is_recorded_on_it(
    httpserver: HTTPServer, store: VersionStore, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = CaptureService(store, fetcher, clock=lambda: T0)
    before, odd, after = serve_three(httpserver, service)
    real_add_capture = store.add_capture

    def add_capture(article_id: int, capture: Any) -> Any:
        if article_id == odd:
            raise ValueError("a value the store could not take")
        return real_add_capture(article_id, capture)

    monkeypatch.setattr(store, "add_capture", add_capture)
    reports = {r.article_id: r for r in service.check([before, odd, after])}

    assert reports[before].outcome == reports[after].outcome == CheckOutcome.NEW_VERSION
    failed = reports[odd]
    assert failed.outcome == CheckOutcome.INTERNAL_ERROR
    assert failed.message == (
        "Internal error while recording the check: ValueError: a value the store could not take"
    )
    (check,) = store.checks.of_article(odd)
    assert check.outcome == "internal_error" and check.error == failed.message
    assert store.list_versions(odd) == []
    article = store.get_article(odd)
    assert article.failure_count == 1 and article.last_error == failed.message


def test_a_broken_schedule_still_leaves_a_recorded_check(
    httpserver: HTTPServer, store: VersionStore, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdiff_gui.core.capture as capture

    service = CaptureService(store, fetcher, clock=lambda: T0)
    before, odd, after = serve_three(httpserver, service)
    marked = timedelta(minutes=31)  # the odd article's schedule, recognisable below
    store.update_schedule(odd, ScheduleState(marked, T0))
    real_after_check = capture.after_check

    def after_check(policy: Any, state: ScheduleState, *args: Any) -> ScheduleState:
        if state.check_interval == marked:
            raise OverflowError("date value out of range")
        return real_after_check(policy, state, *args)

    monkeypatch.setattr(capture, "after_check", after_check)
    reports = {r.article_id: r for r in service.check([before, odd, after])}

    assert reports[before].version is not None and reports[after].version is not None
    assert reports[odd].outcome == CheckOutcome.INTERNAL_ERROR
    (check,) = store.checks.of_article(odd)
    assert check.error == (
        "Internal error while recording the check: OverflowError: date value out of range"
    )


def test_an_unusable_store_ends_the_batch_with_its_error(
    httpserver: HTTPServer, store: VersionStore, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = CaptureService(store, fetcher, clock=lambda: T0)
    ids = serve_three(httpserver, service)

    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("database error: database or disk is full")

    monkeypatch.setattr(store, "add_capture", full)
    with pytest.raises(StoreError, match="disk is full"):
        list(service.check(ids))
    monkeypatch.undo()
    assert all(store.list_versions(i) == [] for i in ids)  # nothing half-written
