from datetime import UTC, datetime, timedelta

from newsdiff_gui.core.schedule import (
    STOPPED_BY_USER,
    STOPPED_STABLE,
    CheckEvent,
    SchedulePolicy,
    ScheduleState,
    after_check,
    initial_state,
    is_due,
)

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
