from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.schedule import (
    STOPPED_BY_USER,
    STOPPED_STABLE,
    CheckEvent,
    SchedulePolicy,
    ScheduleState,
    after_check,
    failure_delay,
    initial_state,
    is_due,
)
from newsdiff_gui.core.store import VersionStore
from tests.support.timing import PATIENT

POLICY = SchedulePolicy()
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def test_new_article_is_due_at_once() -> None:
    state = initial_state(POLICY, T0)
    assert is_due(state, T0)
    assert state.check_interval == timedelta(minutes=30)


def test_unchanged_checks_back_off_by_1_2() -> None:
    state = initial_state(POLICY, T0)
    state = after_check(POLICY, state, CheckEvent.UNCHANGED, T0)
    assert state.check_interval == timedelta(minutes=36)
    assert state.next_check_at == T0 + timedelta(minutes=36)
    state = after_check(POLICY, state, CheckEvent.UNCHANGED, T0)
    assert state.check_interval == timedelta(minutes=43.2)


def test_change_resets_interval() -> None:
    state = ScheduleState(check_interval=timedelta(days=3), next_check_at=T0)
    state = after_check(POLICY, state, CheckEvent.CHANGED, T0)
    assert state.check_interval == timedelta(minutes=30)
    assert state.next_check_at == T0 + timedelta(minutes=30)


def test_stops_when_interval_passes_40_days() -> None:
    state = initial_state(POLICY, T0)
    now = T0
    checks = 0
    while state.active:
        now = state.next_check_at or now
        state = after_check(POLICY, state, CheckEvent.UNCHANGED, now)
        checks += 1
    # 30 min × 1.2^k passes 40 days after 42 unchanged checks.
    assert checks == 42
    assert state.stopped_reason == STOPPED_STABLE and state.next_check_at is None
    assert not is_due(state, now + timedelta(days=400))
    # A manual check that finds a change wakes it up again.
    woken = after_check(POLICY, state, CheckEvent.CHANGED, now)
    assert woken.active and woken.next_check_at == now + timedelta(minutes=30)


def test_failures_back_off_separately_and_never_stop() -> None:
    state = after_check(POLICY, initial_state(POLICY, T0), CheckEvent.UNCHANGED, T0)
    interval = state.check_interval
    delays = []
    for _ in range(12):
        state = after_check(POLICY, state, CheckEvent.FAILED, T0)
        assert state.active
        assert state.next_check_at is not None
        delays.append(state.next_check_at - T0)
    assert delays[:4] == [timedelta(minutes=m) for m in (10, 20, 40, 80)]
    assert max(delays) == timedelta(hours=6)
    assert state.check_interval == interval  # the change-interval is untouched
    assert state.failure_count == 12
    recovered = after_check(POLICY, state, CheckEvent.UNCHANGED, T0)
    assert recovered.failure_count == 0


def test_retry_after_is_honoured() -> None:
    state = after_check(POLICY, initial_state(POLICY, T0), CheckEvent.FAILED, T0, retry_after=7200)
    assert state.next_check_at == T0 + timedelta(hours=2)


def test_user_stopped_article_gets_no_automatic_slot() -> None:
    state = ScheduleState(
        check_interval=timedelta(minutes=30),
        next_check_at=None,
        active=False,
        stopped_reason=STOPPED_BY_USER,
    )
    after = after_check(POLICY, state, CheckEvent.CHANGED, T0)
    assert not after.active and after.next_check_at is None


# -- no failure count, Retry-After or interval can overflow the arithmetic ---------------


@settings(max_examples=300, deadline=None)
@given(
    failure_count=st.integers(min_value=0, max_value=10**6),
    retry_after=st.none()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([10.0**30, float("inf"), float("nan"), -1.0, 0.0]),
)
def test_failure_backoff_never_overflows(failure_count: int, retry_after: float | None) -> None:
    state = ScheduleState(timedelta(minutes=30), T0, failure_count=failure_count)
    after = after_check(POLICY, state, CheckEvent.FAILED, T0, retry_after)
    assert after.failure_count == failure_count + 1 and after.active
    assert after.next_check_at is not None
    delay = after.next_check_at - T0
    assert timedelta(minutes=10) <= delay <= POLICY.retry_after_max
    if retry_after is None or not retry_after > POLICY.failure_max.total_seconds():
        assert delay <= POLICY.failure_max


@pytest.mark.parametrize("count", [38, 39, 40, 1023, 1024, 1025, 10**6, 10**30])
def test_a_story_dead_for_any_number_of_checks_is_retried_every_six_hours(count: int) -> None:
    # 10 min × 2**39 passes timedelta's limit; 2.0**1024 is past float's.
    state = ScheduleState(timedelta(minutes=30), T0, failure_count=count)
    after = after_check(POLICY, state, CheckEvent.FAILED, T0)
    assert after.next_check_at == T0 + timedelta(hours=6)
    assert failure_delay(POLICY, count) == timedelta(hours=6)


@pytest.mark.parametrize(
    ("retry_after", "delay"),
    [
        (10.0**30, timedelta(days=7)),
        (float("inf"), timedelta(minutes=10)),  # not a number of seconds: ignored
        (float("nan"), timedelta(minutes=10)),
        (-5.0, timedelta(minutes=10)),
        (3 * 86400.0, timedelta(days=3)),
    ],
)
def test_retry_after_is_capped_at_a_week_and_nonsense_ignored(
    retry_after: float, delay: timedelta
) -> None:
    after = after_check(POLICY, initial_state(POLICY, T0), CheckEvent.FAILED, T0, retry_after)
    assert after.next_check_at == T0 + delay


@settings(max_examples=200, deadline=None)
@given(
    seconds=st.floats(min_value=1.0, max_value=timedelta(days=999_999_000).total_seconds()),
    active=st.booleans(),
    checks=st.integers(min_value=1, max_value=400),
)
def test_unchanged_checks_never_overflow_the_interval(
    seconds: float, active: bool, checks: int
) -> None:
    # A stopped article checked by hand keeps meeting UNCHANGED: its interval must
    # not grow past what a timedelta holds however often that happens.
    state = ScheduleState(
        timedelta(seconds=seconds),
        T0 if active else None,
        active=active,
        stopped_reason=None if active else STOPPED_BY_USER,
    )
    for _ in range(checks):
        state = after_check(POLICY, state, CheckEvent.UNCHANGED, T0)
    assert state.check_interval <= max(timedelta(seconds=seconds), POLICY.cutoff_interval * 1.2)


def test_stopped_article_checked_by_hand_500_times_keeps_a_bounded_interval() -> None:
    state = ScheduleState(timedelta(days=41), None, active=False, stopped_reason=STOPPED_BY_USER)
    for _ in range(500):  # 41 days × 1.2**160 overflowed timedelta before
        state = after_check(POLICY, state, CheckEvent.UNCHANGED, T0)
    assert state.check_interval == POLICY.cutoff_interval * 1.2
    assert not state.active and state.stopped_reason == STOPPED_BY_USER


def test_check_of_a_story_dead_for_fifty_checks_is_recorded_normally(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    with (
        VersionStore.open(tmp_path / "dead.sqlite3") as store,
        Fetcher(PATIENT) as fetcher,
    ):
        service = CaptureService(store, fetcher, clock=lambda: T0)
        article = service.track(httpserver.url_for("/gone"))
        dead = ScheduleState(timedelta(minutes=30), T0, failure_count=50)
        store.update_schedule(article.id, dead)

        (report,) = service.check([article.id])

        assert report.outcome == "http_error" and report.message == "HTTP 404 Not Found"
        (check,) = store.checks.of_article(article.id)
        assert check.error == "HTTP 404 Not Found"
        after = store.get_article(article.id)
        assert after.failure_count == 51 and after.active
        assert after.next_check_at == T0 + timedelta(hours=6)
