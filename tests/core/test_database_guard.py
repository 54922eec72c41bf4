"""The store only ever writes to an empty file or one of ours, and says why it refuses."""

from __future__ import annotations

import errno
import hashlib
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, StoreError, VersionSource, VersionStore
from newsdiff_gui.core.store.guard import DiskFull, store_error
from newsdiff_gui.core.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

T0 = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def companions(path: Path) -> list[str]:
    """The -wal, -shm and -journal files SQLite would leave beside a database it wrote."""
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def foreign_database(path: Path, *, wal: bool = False, application_id: int = 0) -> Path:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode = WAL")
    if application_id:
        connection.execute(f"PRAGMA application_id = {application_id}")
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.execute("CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, place INTEGER)")
    connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org/')")
    connection.commit()
    connection.close()
    return path


def legacy_store(path: Path, version: int) -> Path:
    """A store as an earlier release left it: schema `version`, no application id."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    for script in MIGRATIONS[:version]:
        for statement in (part.strip() for part in script.split(";")):
            if statement:
                connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute(
        "INSERT INTO articles (url, added_at, check_interval) VALUES ('https://a.example/', ?, 60)",
        (T0.isoformat(),),
    )
    connection.close()
    return path


def capture(paragraphs: tuple[str, ...]) -> Capture:
    return Capture(
        raw=("<p>" + "</p><p>".join(paragraphs) + "</p>").encode(),
        document=Document("Storm", paragraphs),
        extractor="test",
        extractor_version="1",
        captured_at=T0,
        source=VersionSource.IMPORT,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "stores"
    made.mkdir()
    return made


@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("wal", [False, True])
def test_another_programs_database_is_refused_and_left_untouched(
    folder: Path, read_only: bool, wal: bool
) -> None:
    path = foreign_database(folder / "places.sqlite", wal=wal)
    before, files = digest(path), companions(path)
    with pytest.raises(StoreError) as refused:
        VersionStore.open(path, read_only=read_only)
    assert str(refused.value) == (
        f"not a newsdiff database: {path} (it holds tables moz_bookmarks, moz_places)"
    )
    assert digest(path) == before
    if not wal:  # a WAL database gets its -shm index from any reader; a plain one nothing
        assert companions(path) == files == []
    connection = sqlite3.connect(path)
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    assert mode == ("wal" if wal else "delete")


def test_another_programs_application_id_is_refused_even_without_tables(folder: Path) -> None:
    path = folder / "other.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {0x5F4D534E}")  # another program's mark
    connection.close()
    before = digest(path)
    with pytest.raises(StoreError, match=r"another program: application id 0x5f4d534e"):
        VersionStore.open(path)
    assert digest(path) == before and companions(path) == []


def test_new_and_empty_files_become_stores_marked_as_ours(folder: Path) -> None:
    empty = folder / "empty.sqlite3"
    empty.touch()
    for path in (folder / "new.sqlite3", empty):
        with VersionStore.open(path) as store:
            assert store._query("PRAGMA application_id")[0][0] == APPLICATION_ID
            assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_stores_of_earlier_releases_are_recognised_and_upgraded(folder: Path, version: int) -> None:
    path = legacy_store(folder / "old.sqlite3", version)
    with VersionStore.open(path, read_only=True) as store:  # a read brings the schema up
        assert [a.url for a in store.list_articles()] == ["https://a.example/"]
    with VersionStore.open(path) as store:
        assert store._query("PRAGMA application_id")[0][0] == APPLICATION_ID
        assert store._query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
        assert store.integrity_check() == "ok"


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ("DROP TABLE checks", "table checks is missing"),
        ("ALTER TABLE versions DROP COLUMN notices", "table versions has no column notices"),
    ],
)
@pytest.mark.parametrize("read_only", [False, True])
def test_a_damaged_schema_is_named_before_anything_is_written(
    folder: Path, damage: str, problem: str, read_only: bool
) -> None:
    path = folder / "damaged.sqlite3"
    VersionStore.open(path).close()
    connection = sqlite3.connect(path)
    connection.execute(damage)
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(StoreError) as refused:
        VersionStore.open(path, read_only=read_only)
    assert str(refused.value) == f"damaged newsdiff database: {path} ({problem})"
    assert digest(path) == before


def test_read_only_open_never_creates_a_file(folder: Path) -> None:
    missing = folder / "sub" / "none.sqlite3"
    with pytest.raises(StoreError, match=r"^no newsdiff database at .*none\.sqlite3$"):
        VersionStore.open(missing, read_only=True)
    assert not missing.parent.exists()
    empty = folder / "empty.sqlite3"
    empty.touch()
    with pytest.raises(StoreError, match=r"the file is empty"):
        VersionStore.open(empty, read_only=True)
    assert empty.read_bytes() == b""


def test_a_read_only_store_refuses_writes_and_leaves_the_file_alone(folder: Path) -> None:
    path = folder / "s.sqlite3"
    with VersionStore.open(path) as store:
        store.add_article("https://a.example/", initial_state(SchedulePolicy(), T0), T0)
    before = digest(path)
    with VersionStore.open(path, read_only=True) as store:
        assert len(store.list_articles()) == 1
        with pytest.raises(StoreError, match="read-only"):
            store.add_article("https://b.example/", initial_state(SchedulePolicy(), T0), T0)
    assert digest(path) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"garbage" * 1000, "is not a usable newsdiff database (file is not a database)"),
        (b"SQLite format 3\x00" + b"\xff" * 84, "is not a usable newsdiff database"),
    ],
)
def test_files_that_are_not_databases_are_named(folder: Path, content: bytes, message: str) -> None:
    path = folder / "bad.sqlite3"
    path.write_bytes(content)
    for read_only in (False, True):
        with pytest.raises(StoreError, match=re.escape(message)):
            VersionStore.open(path, read_only=read_only)
    assert path.read_bytes() == content


def test_a_directory_is_not_a_store(folder: Path) -> None:
    for read_only in (False, True):
        with pytest.raises(StoreError, match="is a directory, not a database file"):
            VersionStore.open(folder, read_only=read_only)


@pytest.fixture
def full_store(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[VersionStore]:
    """A store whose every connection may not grow the file: SQLite answers SQLITE_FULL."""
    path = folder / "full.sqlite3"
    with VersionStore.open(path) as store:
        article = store.add_article("https://a.example/", initial_state(SchedulePolicy(), T0), T0)
        store.add_capture(article.id, capture(("First version.",)))
    real_connect = sqlite3.connect

    def capped(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(sqlite3, "connect", capped)
    with VersionStore.open(path) as store:
        yield store


def test_a_full_disk_is_reported_as_such_and_nothing_is_half_stored(
    full_store: VersionStore,
) -> None:
    big = tuple(f"Paragraph {i} " + "x" * 400 for i in range(40))
    with pytest.raises(DiskFull) as full:
        full_store.add_capture(1, capture(big))
    assert str(full.value) == f"disk full: {full_store.path}"
    assert [v.number for v in full_store.list_versions(1)] == [1]
    assert full_store.integrity_check() == "ok"
    # The connection is usable afterwards: no transaction was left open.
    assert not full_store._connection.in_transaction
    full_store.mark_read(1)


def test_os_errors_are_worded() -> None:
    path = Path("/data/newsdiff.sqlite3")
    full = store_error(OSError(errno.ENOSPC, "No space left on device"), path)
    assert isinstance(full, DiskFull) and str(full) == "disk full: /data/newsdiff.sqlite3"
    denied = store_error(PermissionError(errno.EACCES, "Permission denied"), path)
    assert str(denied) == "cannot open the database /data/newsdiff.sqlite3 (Permission denied)"


def test_sqlite_errors_are_worded() -> None:
    path = Path("/data/newsdiff.sqlite3")
    cases = {
        13: "disk full: /data/newsdiff.sqlite3",
        8: "the database is read-only: /data/newsdiff.sqlite3 (boom)",
        5: "the database is busy (another program is writing to it): /data/newsdiff.sqlite3",
        11: "damaged newsdiff database: /data/newsdiff.sqlite3 (boom)",
        8 | (6 << 8): "its folder is read-only, and SQLite must create newsdiff.sqlite3-shm",
    }
    for code, message in cases.items():
        error = sqlite3.OperationalError("boom")
        error.sqlite_errorcode = code
        assert message in str(store_error(error, path))
    assert isinstance(store_error(_coded(13), path), DiskFull)


def _coded(code: int) -> sqlite3.Error:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = code
    return error


# -- a bug in a query is a bug, not "a database error" ---------------------------------


def _query_error(message: str, code: int = 1) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    "bug",
    [
        sqlite3.ProgrammingError("Incorrect number of bindings supplied"),
        sqlite3.InterfaceError("Error binding parameter 1: type 'list' is not supported"),
        _query_error("no such column: nope"),
        _query_error('near "SELEC": syntax error'),
        _query_error("no such column: nope", code=0),  # raised without SQLite's code
        _query_error("column index out of range", code=25),
    ],
    ids=repr,
)
def test_a_bug_in_a_query_is_raised_as_it_is(bug: sqlite3.Error) -> None:
    with pytest.raises(type(bug)) as raised:
        store_error(bug, Path("/data/newsdiff.sqlite3"))
    assert raised.value is bug


def test_known_conditions_of_the_file_stay_worded() -> None:
    path = Path("/data/newsdiff.sqlite3")
    for code in (5, 8, 10, 11, 13, 14, 26):
        assert isinstance(store_error(_query_error("boom", code), path), StoreError)
    # A message that merely resembles a bug's is worded when SQLite's code says otherwise.
    damaged = store_error(_query_error("no such column in page 7", code=11), path)
    assert str(damaged).startswith("damaged newsdiff database")


def test_a_wrong_query_on_a_real_store_raises_instead_of_blaming_the_file(
    folder: Path,
) -> None:
    store = VersionStore.open(folder / "s.sqlite3")
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such column"):
            store._query("SELECT no_such_column FROM articles")
        with pytest.raises(sqlite3.ProgrammingError):
            store._query("SELECT ?, ?", (1,))
        with (
            pytest.raises(sqlite3.OperationalError, match="syntax error"),
            store.transaction(),
        ):
            store._connection.execute("UPDATE articles SET WHERE")
        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            store.annotations._query("SELECT * FROM no_such_table")
        assert not store._connection.in_transaction  # rolled back: the store goes on
        store.add_article("https://news.example/a", initial_state(SchedulePolicy(), T0), T0)
    finally:
        store.close()


def test_a_damaged_file_is_still_named_as_damaged(folder: Path) -> None:
    path = folder / "s.sqlite3"
    store = VersionStore.open(path)
    store.add_article("https://news.example/a", initial_state(SchedulePolicy(), T0), T0)
    store.close()
    data = bytearray(path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)  # the schema page stays; every table page is gone
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged newsdiff database"):
        VersionStore.open(path).list_articles()
