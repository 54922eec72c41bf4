"""Numbered schema migrations, applied in order at open (version in PRAGMA user_version).

Never edit a migration that has shipped: add a new one. Each runs in the same
transaction as the `user_version` bump, so a crash leaves the old or the new schema.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from functools import cache

# PRAGMA application_id of every newsdiff store: the ASCII bytes "nDif" (0x6E446966), in
# the SQLite header at offset 68. It tells our files from other programs' SQLite files
# (`file` names it too); stores made before it was set are recognised by their tables.
APPLICATION_ID = 0x6E446966

MIGRATIONS: tuple[str, ...] = (
    # 1: the capture engine's tables and the annotations used by the review workflow.
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        stopped_reason TEXT,
        etag TEXT,
        last_modified TEXT,
        check_interval REAL NOT NULL,
        next_check_at TEXT,
        failure_count INTEGER NOT NULL DEFAULT 0,
        last_checked_at TEXT,
        last_error TEXT,
        last_changed_at TEXT,
        unread_changes INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        captured_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('fetch', 'import')),
        final_url TEXT,
        http_status INTEGER,
        etag TEXT,
        last_modified TEXT,
        raw_sha256 TEXT NOT NULL,
        raw_size INTEGER NOT NULL,
        raw_compressed BLOB NOT NULL,
        raw_encoding TEXT,
        document_json TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        extractor TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        returns_to INTEGER,
        suspect_extraction INTEGER NOT NULL DEFAULT 0,
        suspect_reason TEXT,
        UNIQUE (article_id, number)
    );
    CREATE INDEX versions_by_content ON versions (article_id, content_hash);
    CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        duration REAL NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        error TEXT,
        version_id INTEGER REFERENCES versions(id) ON DELETE SET NULL
    );
    CREATE INDEX checks_by_article ON checks (article_id, started_at);
    CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        from_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        to_version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        anchor_kind TEXT NOT NULL,
        old_hashes TEXT NOT NULL DEFAULT '[]',
        new_hashes TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'unreviewed',
        tags TEXT NOT NULL DEFAULT '[]',
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX annotations_by_pair ON annotations (from_version_id, to_version_id);
    """,
    # 2: paragraph numbers and the text an annotation was written on, so a note whose
    # paragraphs are gone can still say what it was about (and equal paragraphs tie-break).
    """
    ALTER TABLE annotations ADD COLUMN old_paragraphs TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE annotations ADD COLUMN new_paragraphs TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE annotations ADD COLUMN excerpt TEXT NOT NULL DEFAULT ''
    """,
    # 3: what a reviewer must be told about how a version was read (VersionNotice values).
    """
    ALTER TABLE versions ADD COLUMN notices TEXT NOT NULL DEFAULT '[]'
    """,
    # 4: raw pages content-addressed: one compressed copy per SHA-256, however many
    # versions (of however many articles) captured those bytes. Existing pages move in
    # place; the WHERE clause lets SQLite parse ON CONFLICT after a SELECT.
    """
    CREATE TABLE pages (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        compressed BLOB NOT NULL
    );
    INSERT INTO pages (sha256, size, compressed)
        SELECT raw_sha256, raw_size, raw_compressed FROM versions
        WHERE raw_sha256 IS NOT NULL ORDER BY id
        ON CONFLICT (sha256) DO NOTHING;
    ALTER TABLE versions DROP COLUMN raw_compressed;
    CREATE INDEX versions_by_page ON versions (raw_sha256)
    """,
    # 5: the WARC records of a version, each record gzipped, as one WARC file: 'exchange' (the
    # request and response of a fetch) or 'resource' (an imported file); none for versions
    # stored before.
    """
    CREATE TABLE version_warc (
        version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('exchange', 'resource')),
        records BLOB NOT NULL,
        sha256 TEXT NOT NULL
    )
    """,
    # 6: the tamper-evident audit log (core/audit/chain.py): append-only, and kept when its
    # article is purged, so no foreign key that would cascade.
    """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        object TEXT NOT NULL,
        article_id INTEGER NOT NULL,
        detail TEXT NOT NULL,
        prev TEXT NOT NULL,
        sha256 TEXT NOT NULL
    );
    CREATE INDEX audit_log_by_article ON audit_log (article_id, seq)
    """,
    # 7: followed sources (feeds, section pages), their own schedule and every poll, and
    # which source found which article (an article may be found by several).
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
        title TEXT NOT NULL DEFAULT '',
        url_filter TEXT,
        added_at TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        etag TEXT,
        last_modified TEXT,
        check_interval REAL NOT NULL,
        next_check_at TEXT,
        failure_count INTEGER NOT NULL DEFAULT 0,
        last_checked_at TEXT,
        last_error TEXT,
        learned_pattern TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sources_by_due ON sources (active, next_check_at);
    CREATE TABLE source_polls (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        duration REAL NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        error TEXT,
        found INTEGER NOT NULL DEFAULT 0,
        added INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX source_polls_by_source ON source_polls (source_id, started_at);
    CREATE TABLE source_articles (
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        found_at TEXT NOT NULL,
        found_url TEXT NOT NULL,
        UNIQUE (source_id, article_id)
    );
    CREATE INDEX source_articles_by_article ON source_articles (article_id);
    ALTER TABLE articles ADD COLUMN first_source_id INTEGER
        REFERENCES sources(id) ON DELETE SET NULL;
    CREATE INDEX versions_by_final_url ON versions (final_url)
    """,
    # 8: watchers' leases (core/store/claim_store.py): which watcher is checking an article and
    # until when its claim holds; a claim past its time is free to take again.
    """
    ALTER TABLE articles ADD COLUMN claimed_by TEXT;
    ALTER TABLE articles ADD COLUMN claim_until TEXT;
    CREATE INDEX articles_by_next_check ON articles (active, next_check_at)
    """,
    # 9: each note row's revision, for optimistic concurrency between reviewers: an edit
    # names the revision it was made on and fails if a colleague saved since.
    """
    ALTER TABLE annotations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1
    """,
    # 10: life events of an article (core/lifecycle.py): one row per transition, its
    # reachability (active, gone, redirected), the addresses it answered at before a
    # redirect, each reviewer's last look, and store-wide settings (the Atom feed's path).
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        version INTEGER,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX events_by_article ON events (article_id, id);
    CREATE INDEX events_by_time ON events (at);
    ALTER TABLE articles ADD COLUMN life_state TEXT NOT NULL DEFAULT 'active';
    CREATE TABLE article_addresses (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        left_at TEXT NOT NULL
    );
    CREATE INDEX article_addresses_by_url ON article_addresses (url);
    CREATE TABLE last_looks (
        id INTEGER PRIMARY KEY,
        author TEXT NOT NULL UNIQUE,
        looked_at TEXT NOT NULL
    );
    CREATE TABLE settings (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        value TEXT NOT NULL
    )
    """,
    # 11: audit-log entries another store kept, copied by `migrate-store`
    # (core/store/audit_imported.py): verbatim, so they verify as the chain they were in;
    # `chain` is the hash of that chain's first entry, `article_id` and `seq` the numbers
    # they were sealed with, `local_article_id` the article here (NULL: it was purged there).
    """
    CREATE TABLE audit_log_imported (
        id INTEGER PRIMARY KEY,
        chain TEXT NOT NULL,
        origin TEXT NOT NULL,
        local_article_id INTEGER,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL,
        object TEXT NOT NULL,
        article_id INTEGER NOT NULL,
        detail TEXT NOT NULL,
        prev TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_imported_by_article ON audit_log_imported (local_article_id, chain, seq)
    """,
    # 12: why a check that read a changed page stored no new version (core/unchanged.py);
    # NULL when there was nothing to explain (a new version, an identical page, a failure).
    """
    ALTER TABLE checks ADD COLUMN detail TEXT
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The file was written by a newer release; opening it could damage it."""


def check_not_too_new(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the database uses schema {version}, this release knows up to {SCHEMA_VERSION}; "
            "upgrade newsdiff_gui"
        )


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema up to date; each step commits together with its version bump.

    The store is marked with APPLICATION_ID in the same transaction as the first
    step (or on its own, for a store made before the mark existed).
    """
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    check_not_too_new(current)
    marked = connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    for number in range(current + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[number - 1]
        # executescript() would commit on its own; run statements inside our transaction.
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")
            if not marked:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                marked = True
            connection.execute("COMMIT")
        except BaseException:
            rollback(connection)
            raise
    if not marked:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def rollback(connection: sqlite3.Connection) -> None:
    """Roll back the open transaction, if SQLite has not already done so.

    After SQLITE_FULL (and IOERR, BUSY, NOMEM) SQLite may have rolled back on its own;
    a second ROLLBACK then fails with "cannot rollback - no transaction is active",
    which used to replace the real error (a full disk) in what the user was told.
    """
    if not connection.in_transaction:
        return
    # The error being handled is the one to report; SQLite rolls back a failed
    # transaction when the connection closes anyway.
    with suppress(sqlite3.Error):
        connection.execute("ROLLBACK")


@cache
def schema_at(version: int) -> dict[str, frozenset[str]]:
    """Table → column names that migrations 1..version create (built once, in memory)."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for script in MIGRATIONS[:version]:
            for statement in _statements(script):
                connection.execute(statement)
        return table_columns(connection)
    finally:
        connection.close()


def table_columns(connection: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """The tables of the main database (SQLite's own excepted) and their columns."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%'"
            " ESCAPE '\\' ORDER BY name"
        )
    ]
    return {name: _columns(connection, name) for name in names}


def _columns(connection: sqlite3.Connection, table: str) -> frozenset[str]:
    try:
        rows = connection.execute("SELECT name FROM pragma_table_info(?)", (table,)).fetchall()
    except sqlite3.OperationalError:
        # Another program's virtual table whose module this SQLite lacks ("no such
        # module"): it still counts as one of that file's tables.
        return frozenset()
    return frozenset(row[0] for row in rows)


def migration_statements(script: str) -> list[str]:
    """The statements of one migration script, in order (each engine runs them)."""
    return _statements(script)


def _statements(script: str) -> list[str]:
    # Our migrations contain no triggers or string literals with ';', so a split is exact.
    return [part.strip() for part in script.split(";") if part.strip()]
