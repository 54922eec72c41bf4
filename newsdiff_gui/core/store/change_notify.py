"""Waking at once when a PostgreSQL store changes: LISTEN for the engine's NOTIFY.

An open window asks the change feed (change_feed.py) what changed every few seconds;
`ChangeListener` is how it sleeps in between on a PostgreSQL store: on its own
connection it LISTENs on the channel every committed write transaction announces
itself on (engine_postgres.CHANGES_CHANNEL) and returns at the first notification, so a
colleague's note shows up as soon as it is saved. It is only a wake-up: when the server
cannot be reached it sleeps the whole interval, and the feed's answer is the same, so a
lost notification costs one interval, never a change.
"""

from __future__ import annotations

import enum
import logging
import threading
from contextlib import suppress
from typing import Any

import psycopg

from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.store.engine_postgres import CHANGES_CHANNEL

log = logging.getLogger(__name__)

# How often a listener blocked on the server looks whether it was asked to stop.
_STOP_CHECK_SECONDS = 0.2
_CONNECT_TIMEOUT_SECONDS = 5


class Wake(enum.StrEnum):
    NOTIFIED = "notified"  # a write committed in the store
    INTERVAL = "interval"  # the interval passed (nothing announced, or not listening)
    STOPPED = "stopped"


class ChangeListener:
    """A poller's `wait(stop, seconds)` for a PostgreSQL store; one thread only."""

    def __init__(self, address: StoreAddress) -> None:
        if address.url is None:
            raise ValueError(f"{address.shown} is not a PostgreSQL store")
        self._url = address.url
        self._connection: psycopg.Connection[Any] | None = None

    @property
    def listening(self) -> bool:
        """LISTEN has been sent: every commit from now on wakes the next wait."""
        return self._connection is not None

    def __call__(self, stop: threading.Event, seconds: float) -> Wake:
        connection = self._listening()
        if connection is None:
            return Wake.STOPPED if stop.wait(seconds) else Wake.INTERVAL
        remaining = seconds
        while remaining > 0 and not stop.is_set():
            step = min(_STOP_CHECK_SECONDS, remaining)
            try:
                if any(True for _ in connection.notifies(timeout=step, stop_after=1)):
                    self._drain(connection)
                    return Wake.NOTIFIED
            except psycopg.Error as exc:  # the server went away: poll until it is back
                log.warning("not listening for the store's changes: %s", exc)
                self.close()
                return Wake.STOPPED if stop.wait(remaining) else Wake.INTERVAL
            remaining -= step
        return Wake.STOPPED if stop.is_set() else Wake.INTERVAL

    def _listening(self) -> psycopg.Connection[Any] | None:
        if self._connection is None:
            try:
                connection: psycopg.Connection[Any] = psycopg.connect(
                    self._url, autocommit=True, connect_timeout=_CONNECT_TIMEOUT_SECONDS
                )
                connection.execute(f"LISTEN {CHANGES_CHANNEL}")
            except psycopg.Error as exc:
                log.warning("not listening for the store's changes: %s", exc)
                return None
            self._connection = connection
        return self._connection

    @staticmethod
    def _drain(connection: psycopg.Connection[Any]) -> None:
        # A burst of commits (a watcher's batch) is one question to the feed, not many.
        for _ in connection.notifies(timeout=0):
            pass

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            with suppress(psycopg.Error):  # already gone with the server
                connection.close()
