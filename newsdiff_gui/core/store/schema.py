"""Numbered schema migrations, applied in order at open (version in PRAGMA user_version).

Never edit a migration that has shipped: add a new one. Each runs in the same
transaction as the `user_version` bump, so a crash leaves the old or the new schema.
"""

from __future__ import annotations

import sqlite3

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
)

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The file was written by a newer release; opening it could damage it."""


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema up to date; each step commits together with its version bump."""
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the database uses schema {current}, this release knows up to {SCHEMA_VERSION}; "
            "upgrade newsdiff_gui"
        )
    for number in range(current + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[number - 1]
        # executescript() would commit on its own; run statements inside our transaction.
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    # Our migrations contain no triggers or string literals with ';', so a split is exact.
    return [part.strip() for part in script.split(";") if part.strip()]
