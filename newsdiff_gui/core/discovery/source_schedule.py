"""When is each source polled again, and when are the articles it found first captured.

A source is polled every 15 minutes while it keeps listing new stories, and backs
off by ×1.5 per poll that finds nothing new (a 304 included) up to 6 hours; a new
story brings it back to 15 minutes. Never more often than every 5 minutes, whatever
the settings: feeds are cheap for us but not for every outlet. Unlike an article,
a source never stops on its own (an outlet's feed is never "settled"). Failures back
off on the article checker's clock (10 min doubling to 6 h) and honour Retry-After.

A source found with 500 items must not make 500 articles due at once: the first
few are due now, the rest are spread evenly over at most an hour, newest first.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsdiff_gui.core.schedule import SchedulePolicy, failure_delay
from newsdiff_gui.core.store.source_store import SourceSchedule

MINIMUM_INTERVAL = timedelta(minutes=5)


class PollEvent(enum.Enum):
    NEW_ARTICLES = "new_articles"
    NOTHING_NEW = "nothing_new"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SourcePolicy:
    initial_interval: timedelta = timedelta(minutes=15)
    growth: float = 1.5
    max_interval: timedelta = timedelta(hours=6)
    # First captures of newly found articles: this many due at once, the rest spaced
    # by `spacing`, squeezed so the last is due within `spread_window`.
    burst: int = 10
    spacing: timedelta = timedelta(seconds=10)
    spread_window: timedelta = timedelta(hours=1)
    failures: SchedulePolicy = field(default_factory=SchedulePolicy)


def first_poll_schedule(policy: SourcePolicy, now: datetime) -> SourceSchedule:
    """A source just read by `follow`: next poll after one interval."""
    interval = _floored(policy.initial_interval)
    return SourceSchedule(interval, now + interval)


def after_poll(
    policy: SourcePolicy,
    schedule: SourceSchedule,
    event: PollEvent,
    now: datetime,
    retry_after: float | None = None,
) -> SourceSchedule:
    if event is PollEvent.FAILED:
        delay = failure_delay(policy.failures, schedule.failure_count)
        if retry_after is not None and retry_after > 0:
            cap = policy.failures.retry_after_max.total_seconds()
            delay = max(delay, timedelta(seconds=min(retry_after, cap)))
        delay = _floored(delay)
        return SourceSchedule(schedule.check_interval, now + delay, schedule.failure_count + 1)
    if event is PollEvent.NEW_ARTICLES:
        interval = policy.initial_interval
    else:
        grown = schedule.check_interval.total_seconds() * policy.growth
        interval = timedelta(seconds=min(grown, policy.max_interval.total_seconds()))
    interval = _floored(interval)
    return SourceSchedule(interval, now + interval, 0)


def _floored(interval: timedelta) -> timedelta:
    return max(interval, MINIMUM_INTERVAL)


def first_capture_times(policy: SourcePolicy, count: int, now: datetime) -> list[datetime]:
    """When each of `count` newly found articles (newest first) is first due."""
    spread = max(count - policy.burst, 0)
    if spread == 0:
        return [now] * count
    spacing = min(policy.spacing, policy.spread_window / spread)
    return [now] * policy.burst + [now + spacing * (i + 1) for i in range(spread)]
