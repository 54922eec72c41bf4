"""A window on a PostgreSQL store hears a colleague's write at once (LISTEN/NOTIFY), not
at the next poll: the poller here polls only every ten minutes."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.store.address import parse_store_address
from newsdiff_gui.core.store.change_notify import ChangeListener, Wake
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.ui.checking.store_poller import StorePoller
from tests.support.stores import PostgresServer


class RecordingListener(ChangeListener):
    def __init__(self, url: str) -> None:
        super().__init__(parse_store_address(url))
        self.woke: list[Wake] = []

    def __call__(self, stop: threading.Event, seconds: float) -> Wake:
        reason = super().__call__(stop, seconds)
        self.woke.append(reason)
        return reason


def test_a_colleagues_write_wakes_the_poller_before_its_interval(
    qtbot: QtBot, postgres_server: PostgresServer
) -> None:
    url = postgres_server.create_database("newsdiff_template")
    listener = RecordingListener(url)
    poller = StorePoller(parse_store_address(url), interval=600.0, wait=listener)
    try:
        poller.start()
        qtbot.waitUntil(lambda: listener.listening, timeout=10000)
        with (
            qtbot.waitSignal(poller.changed, timeout=20000) as changed,
            VersionStore.open(url) as colleague,
        ):
            now = utc_now()
            colleague.add_article(
                "https://news.example/a", initial_state(SchedulePolicy(), now), now
            )
        assert changed.args is not None and changed.args[0].articles_changed
        assert listener.woke[0] is Wake.NOTIFIED
    finally:
        poller.stop()
        postgres_server.drop_database(url)
    assert not listener.listening  # the poller closed the listener's connection
