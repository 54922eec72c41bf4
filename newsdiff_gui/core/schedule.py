"""When is each article due again.

News stories change most while young, then settle. We follow the News Sniffer
policy: check every 30 minutes at first, stretch the interval by 1.2 after each
unchanged check, go back to 30 minutes whenever the text changes, and stop once
the interval would pass 40 days (the story is settled). Failures back off on a
separate clock so an outage neither speeds up nor ends tracking; a server's
Retry-After is honoured. A manual "check now" is always allowed and feeds the
same rules.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

STOPPED_BY_USER = "untracked"
STOPPED_STABLE = "stable"


class CheckEvent(enum.Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SchedulePolicy:
    initial_interval: timedelta = timedelta(minutes=30)
    growth: float = 1.2
    cutoff_interval: timedelta = timedelta(days=40)
    # Failures: 10 min, 20 min, 40 min ... capped at 6 h, so a site that is down
    # for a day is retried a handful of times, not hammered.
    failure_initial: timedelta = timedelta(minutes=10)
    failure_growth: float = 2.0
    failure_max: timedelta = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class ScheduleState:
    check_interval: timedelta
    next_check_at: datetime | None
    failure_count: int = 0
    active: bool = True
    stopped_reason: str | None = None


def initial_state(policy: SchedulePolicy, now: datetime) -> ScheduleState:
    """A newly tracked article is due at once."""
    return ScheduleState(check_interval=policy.initial_interval, next_check_at=now)


def after_check(
    policy: SchedulePolicy,
    state: ScheduleState,
    event: CheckEvent,
    now: datetime,
    retry_after: float | None = None,
) -> ScheduleState:
    """The schedule after one check attempt (automatic or manual)."""
    if event is CheckEvent.FAILED:
        delay = policy.failure_initial * (policy.failure_growth**state.failure_count)
        delay = min(delay, policy.failure_max)
        if retry_after is not None and retry_after > 0:
            delay = max(delay, timedelta(seconds=retry_after))
        return _scheduled(state, failure_count=state.failure_count + 1, next_at=now + delay)
    if event is CheckEvent.CHANGED:
        interval = policy.initial_interval
        state = replace(state, check_interval=interval, failure_count=0)
        if state.stopped_reason == STOPPED_STABLE:
            # A settled story changed after all: watch it closely again.
            state = replace(state, active=True, stopped_reason=None)
        return _scheduled(state, failure_count=0, next_at=now + interval)
    interval = state.check_interval * policy.growth
    if interval > policy.cutoff_interval:
        return replace(
            state,
            check_interval=interval,
            failure_count=0,
            next_check_at=None,
            active=False,
            stopped_reason=state.stopped_reason or STOPPED_STABLE,
        )
    return _scheduled(
        replace(state, check_interval=interval), failure_count=0, next_at=now + interval
    )


def _scheduled(state: ScheduleState, failure_count: int, next_at: datetime) -> ScheduleState:
    # An article the user stopped keeps no automatic slot; manual checks still work.
    next_check_at = next_at if state.active else None
    return replace(state, failure_count=failure_count, next_check_at=next_check_at)


def is_due(state: ScheduleState, now: datetime) -> bool:
    return state.active and state.next_check_at is not None and state.next_check_at <= now
