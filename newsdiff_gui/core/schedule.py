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
import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

STOPPED_BY_USER = "untracked"
STOPPED_STABLE = "stable"
# Stored from a saved copy and never given a slot: the user did not ask for the live
# page to be contacted. Only an explicit request (a check of this article, or "start
# checking") contacts the site; see `imported_only_state`.
STOPPED_IMPORTED = "imported"


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
    # A server's Retry-After is honoured up to a week. Longer requests come from a
    # misconfigured server or a far-future (or absurd: 10**30, inf) header; obeying
    # them would silently end tracking, which failures must never do. A week is
    # longer than any real rate limit or maintenance window.
    retry_after_max: timedelta = timedelta(days=7)


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


def imported_only_state(policy: SchedulePolicy) -> ScheduleState:
    """An article created by importing a saved page, without checking the live page.

    Inactive, so no due pass ever picks it. A manual check of it goes through
    `after_check` like any other and leaves it inactive (`_scheduled` gives an
    inactive article no slot, and only a settled story is revived by a change): one
    explicit check is consent to one request, not to weeks of scheduled ones.
    """
    return ScheduleState(
        check_interval=policy.initial_interval,
        next_check_at=None,
        active=False,
        stopped_reason=STOPPED_IMPORTED,
    )


class _Scheduled(Protocol):
    @property
    def active(self) -> bool: ...
    @property
    def stopped_reason(self) -> str | None: ...


def is_imported_only(article: _Scheduled) -> bool:
    """Stored from saved copies only: the live page is not checked on schedule."""
    return not article.active and article.stopped_reason == STOPPED_IMPORTED


def after_check(
    policy: SchedulePolicy,
    state: ScheduleState,
    event: CheckEvent,
    now: datetime,
    retry_after: float | None = None,
) -> ScheduleState:
    """The schedule after one check attempt (automatic or manual)."""
    if event is CheckEvent.FAILED:
        delay = max(failure_delay(policy, state.failure_count), _retry_delay(policy, retry_after))
        return _scheduled(state, failure_count=state.failure_count + 1, next_at=now + delay)
    if event is CheckEvent.CHANGED:
        interval = policy.initial_interval
        state = replace(state, check_interval=interval, failure_count=0)
        if state.stopped_reason == STOPPED_STABLE:
            # A settled story changed after all: watch it closely again.
            state = replace(state, active=True, stopped_reason=None)
        return _scheduled(state, failure_count=0, next_at=now + interval)
    interval = _grown_interval(policy, state.check_interval)
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


def failure_delay(policy: SchedulePolicy, failure_count: int) -> timedelta:
    """The wait after the (failure_count + 1)-th failure in a row, for any count.

    The exponent is capped at the step where the delay reaches `failure_max`:
    `2.0 ** 1024` raises, and a timedelta past 999,999,999 days does too, while a
    story that stays dead answers 404 on every check for as long as it is tracked.
    """
    initial = policy.failure_initial.total_seconds()
    ceiling = policy.failure_max.total_seconds()
    if initial <= 0 or policy.failure_growth <= 1 or initial >= ceiling:
        return min(policy.failure_initial, policy.failure_max)
    steps_to_ceiling = math.ceil(math.log(ceiling / initial, policy.failure_growth))
    exponent = min(max(failure_count, 0), steps_to_ceiling)
    return timedelta(seconds=min(initial * policy.failure_growth**exponent, ceiling))


def _retry_delay(policy: SchedulePolicy, retry_after: float | None) -> timedelta:
    if retry_after is None or not math.isfinite(retry_after) or retry_after <= 0:
        return timedelta(0)
    return timedelta(seconds=min(retry_after, policy.retry_after_max.total_seconds()))


def _grown_interval(policy: SchedulePolicy, interval: timedelta) -> timedelta:
    """The interval after an unchanged check, held just past the cut-off.

    Past the cut-off the article is stopped and the value only says so, but manual
    checks of a stopped article keep growing it: unbounded, the 160th or so would
    overflow timedelta. Growing in float seconds keeps the product itself finite.
    """
    ceiling = policy.cutoff_interval.total_seconds() * max(policy.growth, 1.0)
    grown = interval.total_seconds() * policy.growth
    return timedelta(seconds=min(grown, max(ceiling, interval.total_seconds())))


def _scheduled(state: ScheduleState, failure_count: int, next_at: datetime) -> ScheduleState:
    # An article the user stopped keeps no automatic slot; manual checks still work.
    next_check_at = next_at if state.active else None
    return replace(state, failure_count=failure_count, next_check_at=next_check_at)


def is_due(state: ScheduleState, now: datetime) -> bool:
    return state.active and state.next_check_at is not None and state.next_check_at <= now
