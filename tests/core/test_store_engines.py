"""The engine layer: pages stored once per SHA-256, stores of the previous release migrated
without losing a byte, writers that never interleave and migrations that are safe when
two processes start at once, on PostgreSQL as on SQLite."""

import hashlib
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, StoreError, VersionSource, VersionStore
from newsdiff_gui.core.store.schema import MIGRATIONS, SCHEMA_VERSION, migration_statements
from newsdiff_gui.core.store.sql_dialect import postgres_ddl, postgres_placeholders
from tests.support.stores import PostgresServer

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def capture(text: str, raw: bytes, minute: int = 0) -> Capture:
    return Capture(
        raw=raw,
        document=Document(title="Storm", paragraphs=(text,)),
        extractor="test",
        extractor_version="1",
        captured_at=T0 + timedelta(minutes=minute),
        source=VersionSource.FETCH,
    )


def add(store: VersionStore, url: str) -> int:
    return store.add_article(url, initial_state(SchedulePolicy(), T0), T0).id


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    with VersionStore.open(store_address) as opened:
        yield opened


def page_count(store: VersionStore) -> int:
    return int(store._query("SELECT COUNT(*) FROM pages")[0][0])


def test_a_page_seen_twice_is_stored_once(store: VersionStore) -> None:
    shared = b"<html><p>The same wire story on two sites.</p></html>" * 50
    first, second = add(store, "https://a.example/x"), add(store, "https://b.example/y")
    store.add_capture(first, capture("Wire story.", shared))
    store.add_capture(second, capture("Wire story.", shared))
    store.add_capture(first, capture("Wire story, updated.", b"<p>other</p>", minute=5))
    assert page_count(store) == 2
    assert store.raw_html(second, 1) == shared and store.raw_html(first, 2) == b"<p>other</p>"
    stored = store._query("SELECT size, compressed FROM pages WHERE size = ?", (len(shared),))
    assert len(bytes(stored[0]["compressed"])) < len(shared)  # compressed
    store.purge_article(first)  # its own page goes, the shared one stays for the other
    assert page_count(store) == 1 and store.raw_html(second, 1) == shared


def _previous_release_store(path: Path, pages: list[bytes]) -> None:
    """A store as the release before content-addressed pages wrote it (schema 3)."""
    connection = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:3]:
        for statement in migration_statements(script):
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 3")
    connection.execute(
        "INSERT INTO articles (id, url, added_at, check_interval)"
        " VALUES (1, 'https://a.example/', ?, 1800)",
        (T0.isoformat(),),
    )
    for number, raw in enumerate(pages, start=1):
        connection.execute(
            "INSERT INTO versions (article_id, number, captured_at, source, raw_sha256, raw_size,"
            " raw_compressed, document_json, content_hash, extractor, extractor_version)"
            " VALUES (1, ?, ?, 'fetch', ?, ?, ?, ?, ?, 'test', '1')",
            (
                number,
                (T0 + timedelta(minutes=number)).isoformat(),
                hashlib.sha256(raw).hexdigest(),
                len(raw),
                zlib.compress(raw),
                json.dumps({"title": "Storm", "paragraphs": [f"v{number}"]}),
                f"hash{number}",
            ),
        )
    connection.close()


def test_a_store_of_the_previous_release_keeps_every_raw_byte(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    pages = [
        b"\x00\xff binary \xe9 page one",
        b"<p>page two</p>" * 100,
        b"\x00\xff binary \xe9 page one",
    ]
    _previous_release_store(path, pages)
    with VersionStore.open(path) as store:
        assert [store.raw_html(1, number) for number in (1, 2, 3)] == pages
        assert page_count(store) == 2  # the repeated page is now kept once
        columns = {row[1] for row in store._query("PRAGMA table_info(versions)")}
        assert "raw_compressed" not in columns
        assert store.integrity_check() == "ok"


def test_two_writers_never_interleave_a_capture(store_address: str) -> None:
    with VersionStore.open(store_address) as setup:
        article = add(setup, "https://a.example/live")
    failures: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            with VersionStore.open(store_address) as mine:
                for n in range(15):
                    mine.add_capture(article, capture(f"writer {writer} text {n}", b"x%d" % n))
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with VersionStore.open(store_address) as store:
        assert [v.number for v in store.list_versions(article)] == list(range(1, 46))


def test_migrations_are_safe_when_processes_start_at_once(empty_postgres_database: str) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        try:
            VersionStore.open(empty_postgres_database).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with VersionStore.open(empty_postgres_database) as store:
        assert store._query("SELECT version FROM newsdiff_schema")[0][0] == SCHEMA_VERSION


def test_a_foreign_or_empty_or_newer_database_is_refused_in_words(
    postgres_server: PostgresServer, empty_postgres_database: str
) -> None:
    with pytest.raises(StoreError, match=r"no newsdiff store in the database .* \(it is empty\)"):
        VersionStore.open(empty_postgres_database, read_only=True)
    import psycopg

    with psycopg.connect(empty_postgres_database, autocommit=True) as other:
        other.execute("CREATE TABLE invoices (id BIGINT)")
    with pytest.raises(StoreError, match=r"not a newsdiff database: .*it holds tables invoices"):
        VersionStore.open(empty_postgres_database)
    with psycopg.connect(empty_postgres_database, autocommit=True) as other:
        other.execute("DROP TABLE invoices")
    VersionStore.open(empty_postgres_database).close()
    with psycopg.connect(empty_postgres_database, autocommit=True) as other:
        other.execute("UPDATE newsdiff_schema SET version = 999")
    with pytest.raises(StoreError, match="upgrade newsdiff_gui"):
        VersionStore.open(empty_postgres_database)


def test_a_read_only_open_never_writes(store_address: str) -> None:
    VersionStore.open(store_address).close()
    with (
        VersionStore.open(store_address, read_only=True) as store,
        pytest.raises(StoreError, match="read-only"),
    ):
        add(store, "https://a.example/")


def test_sqlite_types_and_placeholders_are_translated_outside_literals() -> None:
    assert postgres_ddl(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0, x REAL,"
        " b BLOB, s TEXT DEFAULT 'INTEGER REAL BLOB')"
    ) == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        " n BIGINT NOT NULL DEFAULT 0, x DOUBLE PRECISION, b BYTEA,"
        " s TEXT DEFAULT 'INTEGER REAL BLOB')"
    )
    assert postgres_placeholders("SELECT '?', a FROM t WHERE b LIKE '%x' AND c = ?") == (
        "SELECT '?', a FROM t WHERE b LIKE '%%x' AND c = %s"
    )


def test_a_cursor_reads_alike_on_both_engines(store: VersionStore) -> None:
    connection = store._connection
    with store.transaction():
        inserted = connection.execute(
            "INSERT INTO settings (name, value) VALUES (?, ?)", ("probe", "1")
        )
        assert inserted.fetchall() == [] and inserted.fetchone() is None  # no rows, no error
    rows = [tuple(row) for row in connection.execute("SELECT name, value FROM settings")]
    assert ("probe", "1") in rows  # a cursor can be iterated, as sqlite3's can


def test_articles_are_read_by_ids_alike_on_both_engines(store: VersionStore) -> None:
    now = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
    ids = [
        store.add_article(f"https://news.example/{n}", initial_state(SchedulePolicy(), now), now).id
        for n in range(1203)  # more than one query's worth of ids
    ]
    store.purge_article(ids[5])
    assert store.article_ids() == [i for i in ids if i != ids[5]]
    wanted = [ids[1202], ids[5], ids[0], ids[700]]  # the order asked for; the purged one left out
    assert [a.id for a in store.get_articles(wanted)] == [ids[1202], ids[0], ids[700]]
    assert store.get_articles(wanted)[1].url == "https://news.example/0"
    assert store.get_articles([]) == []
