"""On a PostgreSQL store a committed write wakes a waiting listener at once; a rolled-back
one does not, and an unreachable server falls back to sleeping the interval."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.store.address import parse_store_address
from newsdiff_gui.core.store.change_notify import ChangeListener, Wake
from newsdiff_gui.core.timeutil import utc_now
from tests.support.stores import PostgresServer

LONG = 600.0  # far longer than any test waits: only a notification ends the wait early


@pytest.fixture
def team_url(postgres_server: PostgresServer) -> Iterator[str]:
    url = postgres_server.create_database("newsdiff_template")
    yield url
    postgres_server.drop_database(url)


def _waiting(
    listener: ChangeListener, stop: threading.Event
) -> tuple[threading.Thread, list[Wake]]:
    woke: list[Wake] = []
    thread = threading.Thread(target=lambda: woke.append(listener(stop, LONG)))
    thread.start()
    while not listener.listening and thread.is_alive():
        stop.wait(0.01)
    return thread, woke


def test_a_commit_elsewhere_wakes_the_listener(team_url: str) -> None:
    listener, stop = ChangeListener(parse_store_address(team_url)), threading.Event()
    thread, woke = _waiting(listener, stop)
    with VersionStore.open(team_url) as colleague:
        colleague.add_article(
            "https://news.example/a", initial_state(SchedulePolicy(), utc_now()), utc_now()
        )
    thread.join(timeout=30)
    stop.set()
    thread.join()
    listener.close()
    assert woke == [Wake.NOTIFIED]


def test_a_rolled_back_write_wakes_no_one_and_stop_ends_the_wait(team_url: str) -> None:
    listener, stop = ChangeListener(parse_store_address(team_url)), threading.Event()
    assert listener(stop, 0.01) is Wake.INTERVAL  # now listening
    with VersionStore.open(team_url) as colleague, pytest.raises(RuntimeError):  # noqa: SIM117
        with colleague.transaction():
            now = utc_now()
            colleague.add_article(
                "https://news.example/b", initial_state(SchedulePolicy(), now), now
            )
            raise RuntimeError("the user cancelled")
    assert listener(stop, 0.5) is Wake.INTERVAL  # nothing committed
    thread, woke = _waiting(listener, stop)
    stop.set()
    thread.join()
    listener.close()
    assert woke == [Wake.STOPPED]


def test_an_unreachable_server_falls_back_to_the_interval() -> None:
    listener = ChangeListener(parse_store_address("postgresql://nobody@127.0.0.1:1/none"))
    assert listener(threading.Event(), 0.1) is Wake.INTERVAL
    assert not listener.listening
