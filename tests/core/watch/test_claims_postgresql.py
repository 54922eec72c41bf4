"""The PostgreSQL claim query on a real PostgreSQL (pgserver, started by the test): a
claim in progress locks its rows, and another watcher's claim passes over them at once
(SKIP LOCKED) instead of waiting or taking the same article.

The claims table is made here with only the columns the claim query reads, on a bare
psycopg connection (no engine lock around it), so the rows' own locks are what is tested.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from newsdiff_gui.core.store.claim_store import POSTGRESQL, ClaimStore
from newsdiff_gui.core.timeutil import to_iso
from tests.support.stores import PostgresServer

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


class QmarkConnection:
    """psycopg with the store's `?` placeholders (what the engine layer will do)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.connection = connection

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> psycopg.Cursor[Any]:
        return self.connection.execute(sql.replace("?", "%s"), params)


@pytest.fixture
def server_uri(postgres_server: PostgresServer) -> Iterator[str]:
    # The suite's one server (tests/support/stores.py), an empty database of this test's own.
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture
def uri(server_uri: str) -> str:
    with psycopg.connect(server_uri, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS articles")
        connection.execute(
            "CREATE TABLE articles (id INTEGER PRIMARY KEY, active INTEGER NOT NULL,"
            " next_check_at TEXT, claimed_by TEXT, claim_until TEXT)"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO articles (id, active, next_check_at) VALUES (%s, 1, %s)",
                [(n, to_iso(T0)) for n in range(1, 61)],
            )
    return server_uri


def claims_on(
    connection: psycopg.Connection[Any], before_commit: threading.Event | None = None
) -> ClaimStore:
    @contextmanager
    def transaction() -> Iterator[None]:
        with connection.transaction():
            yield
            if before_commit is not None:  # hold the row locks until told
                assert before_commit.wait(30)

    return ClaimStore(QmarkConnection(connection), transaction, dialect=POSTGRESQL)  # type: ignore[arg-type]


def test_a_claim_in_progress_is_skipped_not_waited_for(uri: str) -> None:
    release = threading.Event()
    with (
        psycopg.connect(uri, autocommit=True) as first,
        psycopg.connect(uri, autocommit=True) as second,
    ):
        slow = claims_on(first, before_commit=release)
        taken: list[int] = []
        holder = threading.Thread(
            target=lambda: taken.extend(c.article_id for c in slow.claim_due("a", T0, LEASE))
        )
        holder.start()
        # Wait until the first claim has locked article 1 (its UPDATE ran, not committed).
        while first.info.transaction_status != psycopg.pq.TransactionStatus.INTRANS:
            threading.Event().wait(0.01)
        threading.Event().wait(0.2)
        [other] = claims_on(second).claim_due("b", T0, LEASE)  # does not block on "a"
        release.set()
        holder.join()
    assert taken == [1] and other.article_id == 2


def test_concurrent_postgresql_claimants_take_each_article_once(uri: str) -> None:
    taken: list[int] = []
    lock = threading.Lock()

    def claimant(name: str) -> None:
        with psycopg.connect(uri, autocommit=True) as connection:
            claims = claims_on(connection)
            while found := claims.claim_due(name, T0, LEASE, limit=2):
                with lock:
                    taken.extend(c.article_id for c in found)

    threads = [threading.Thread(target=claimant, args=(f"w{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == list(range(1, 61))


def test_without_skip_locked_the_second_claim_would_wait(uri: str) -> None:
    """The control: the same race with plain FOR UPDATE blocks the second claimant."""
    with (
        psycopg.connect(uri, autocommit=True) as first,
        psycopg.connect(uri, autocommit=True) as second,
        first.transaction(),
    ):
        first.execute("SELECT id FROM articles WHERE id = 1 FOR UPDATE")
        second.execute("SET lock_timeout = '300ms'")
        with pytest.raises(psycopg.errors.LockNotAvailable):
            second.execute("SELECT id FROM articles ORDER BY id LIMIT 1 FOR UPDATE")
        skipped = second.execute(
            "SELECT id FROM articles ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED"
        ).fetchone()
    assert skipped == (2,)
