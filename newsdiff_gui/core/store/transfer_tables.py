"""`migrate-store`'s steps for the tables later features added: WARC records, sources
(with their polls and article links), life events, former addresses, last looks and
settings. Each merges as transfer.py does: what the target already holds is kept and
counted as present, so a second run copies nothing.

How each is matched: a version's WARC file by its version (copied with it), a source by
URL, a poll by its time and outcome, an event by time, kind and detail, a former address
by URL and time, a reviewer's last look by author (the later look wins), a setting by
name (the target's own value wins: it is the team's).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.schema import SCHEMA_VERSION, schema_at

_POLL_KEY = ("started_at", "outcome", "duration")
_EVENT_KEY = ("at", "kind", "detail")


class Report(Protocol):
    @property
    def new(self) -> Counter[str]: ...

    @property
    def present(self) -> Counter[str]: ...


def columns(table: str, *, leave_out: Sequence[str] = ("id",)) -> list[str]:
    return sorted(schema_at(SCHEMA_VERSION)[table] - set(leave_out))


def insert(target: Connection, table: str, values: dict[str, Any]) -> None:
    names = list(values)
    marks = ", ".join("?" for _ in names)
    target.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
        [values[name] for name in names],
    )


def _values(row: Row) -> tuple[Any, ...]:
    return tuple(row[index] for index in range(len(row)))


def _key(row: Row, names: Sequence[str]) -> tuple[Any, ...]:
    return tuple(row[name] for name in names)


def copy_sources(source: Connection, target: Connection, report: Report) -> dict[int, int]:
    """Source id → target id; a source the target follows keeps its own schedule."""
    ids: dict[int, int] = {}
    for row in fetch_rows(source, "SELECT * FROM sources ORDER BY id"):
        found = fetch_rows(target, "SELECT id FROM sources WHERE url = ?", (row["url"],))
        if found:
            ids[row["id"]] = int(found[0]["id"])
            report.present["sources"] += 1
        else:
            values = {name: row[name] for name in columns("sources")}
            names = list(values)
            created = target.execute(
                f"INSERT INTO sources ({', '.join(names)})"
                f" VALUES ({', '.join('?' for _ in names)}) RETURNING id",
                [values[name] for name in names],
            ).fetchone()
            ids[row["id"]] = int(created[0])
            report.new["sources"] += 1
        _copy_polls(source, target, row["id"], ids[row["id"]])
    return ids


def _copy_polls(source: Connection, target: Connection, source_id: int, target_id: int) -> None:
    have = {
        _key(row, _POLL_KEY)
        for row in fetch_rows(
            target, "SELECT * FROM source_polls WHERE source_id = ?", (target_id,)
        )
    }
    for row in fetch_rows(
        source, "SELECT * FROM source_polls WHERE source_id = ? ORDER BY id", (source_id,)
    ):
        if _key(row, _POLL_KEY) not in have:
            values = {name: row[name] for name in columns("source_polls")}
            insert(target, "source_polls", {**values, "source_id": target_id})


def copy_source_links(
    source: Connection, target: Connection, sources: dict[int, int], articles: dict[int, int]
) -> None:
    for row in fetch_rows(source, "SELECT * FROM source_articles ORDER BY source_id, article_id"):
        target.execute(
            "INSERT INTO source_articles (source_id, article_id, found_at, found_url)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (source_id, article_id) DO NOTHING",
            (
                sources[row["source_id"]],
                articles[row["article_id"]],
                row["found_at"],
                row["found_url"],
            ),
        )


def copy_warc(
    source: Connection, target: Connection, versions: dict[int, int], report: Report
) -> None:
    """The WARC files of the article's versions (`versions`: source id → target id)."""
    for source_version, target_version in versions.items():
        rows = fetch_rows(
            source, "SELECT * FROM version_warc WHERE version_id = ?", (source_version,)
        )
        if not rows:
            continue
        if fetch_rows(target, "SELECT 1 FROM version_warc WHERE version_id = ?", (target_version,)):
            report.present["WARC records"] += 1
            continue
        row = rows[0]
        target.execute(
            "INSERT INTO version_warc (version_id, kind, records, sha256) VALUES (?, ?, ?, ?)",
            (target_version, row["kind"], bytes(row["records"]), row["sha256"]),
        )
        report.new["WARC records"] += 1


def copy_events(
    source: Connection,
    target: Connection,
    article: tuple[int, int],
    numbers: dict[int, int],
    report: Report,
) -> None:
    """The article's life events (version numbers renumbered as its versions were) and
    the addresses it answered at before a redirect."""
    source_id, target_id = article
    have = {
        _key(row, _EVENT_KEY)
        for row in fetch_rows(target, "SELECT * FROM events WHERE article_id = ?", (target_id,))
    }
    for row in fetch_rows(
        source, "SELECT * FROM events WHERE article_id = ? ORDER BY id", (source_id,)
    ):
        if _key(row, _EVENT_KEY) in have:
            report.present["events"] += 1
            continue
        values = {name: row[name] for name in columns("events")}
        values.update(article_id=target_id, version=numbers.get(row["version"]))
        insert(target, "events", values)
        report.new["events"] += 1
    left = {
        (row["url"], row["left_at"])
        for row in fetch_rows(
            target, "SELECT url, left_at FROM article_addresses WHERE article_id = ?", (target_id,)
        )
    }
    for row in fetch_rows(
        source,
        "SELECT url, left_at FROM article_addresses WHERE article_id = ? ORDER BY id",
        (source_id,),
    ):
        if (row["url"], row["left_at"]) not in left:
            insert(
                target,
                "article_addresses",
                {"article_id": target_id, "url": row["url"], "left_at": row["left_at"]},
            )


def copy_looks_and_settings(source: Connection, target: Connection) -> None:
    # ISO-8601 UTC text compares as time, so the later look is the greater string.
    for row in fetch_rows(source, "SELECT author, looked_at FROM last_looks ORDER BY author"):
        target.execute(
            "INSERT INTO last_looks (author, looked_at) VALUES (?, ?)"
            " ON CONFLICT (author) DO UPDATE SET looked_at = excluded.looked_at"
            " WHERE last_looks.looked_at < excluded.looked_at",
            (row["author"], row["looked_at"]),
        )
    for row in fetch_rows(source, "SELECT name, value FROM settings ORDER BY name"):
        target.execute(
            "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            (row["name"], row["value"]),
        )


# -- verification -------------------------------------------------------------------


def _missing(source: Connection, target: Connection, sql: str, params: tuple[Any, Any]) -> int:
    theirs = Counter(_values(row) for row in fetch_rows(target, sql, (params[1],)))
    mine = Counter(_values(row) for row in fetch_rows(source, sql, (params[0],)))
    return sum((mine - theirs).values())


def verify_article_tables(
    source: Connection, target: Connection, source_id: int, target_id: int
) -> list[str]:
    """Events, former addresses and WARC files of one article (WARC bytes re-hashed)."""
    problems = []
    queries = (
        ("events", "SELECT at, kind, detail FROM events WHERE article_id = ?"),
        ("former addresses", "SELECT url, left_at FROM article_addresses WHERE article_id = ?"),
        (
            "WARC records",
            "SELECT v.raw_sha256, v.content_hash, w.kind, w.sha256 FROM version_warc w"
            " JOIN versions v ON v.id = w.version_id WHERE v.article_id = ?",
        ),
    )
    for kind, sql in queries:
        count = _missing(source, target, sql, (source_id, target_id))
        if count:
            problems.append(f"{count} {kind} of article {source_id} differ or are missing")
    for row in fetch_rows(
        target,
        "SELECT v.number, w.records, w.sha256 FROM version_warc w"
        " JOIN versions v ON v.id = w.version_id WHERE v.article_id = ?",
        (target_id,),
    ):
        if hashlib.sha256(bytes(row["records"])).hexdigest() != row["sha256"]:
            problems.append(
                f"the WARC records of version {row['number']} of article {source_id}"
                " do not hash to their SHA-256"
            )
    return problems


def verify_store_tables(source: Connection, target: Connection) -> list[str]:
    """Sources (by URL, with their links), last looks and settings."""
    problems = []
    links = (
        "SELECT a.url FROM source_articles l JOIN articles a ON a.id = l.article_id"
        " JOIN sources s ON s.id = l.source_id WHERE s.url = ?"
    )
    for row in fetch_rows(source, "SELECT url FROM sources ORDER BY id"):
        if not fetch_rows(target, "SELECT 1 FROM sources WHERE url = ?", (row["url"],)):
            problems.append(f"source {row['url']} is missing")
        elif _missing(source, target, links, (row["url"], row["url"])):
            problems.append(f"articles found by source {row['url']} are missing")
    for row in fetch_rows(source, "SELECT author, looked_at FROM last_looks"):
        found = fetch_rows(
            target, "SELECT looked_at FROM last_looks WHERE author = ?", (row["author"],)
        )
        if not found or found[0][0] < row["looked_at"]:
            problems.append(f"the last look of {row['author']} is missing or earlier")
    for row in fetch_rows(source, "SELECT name FROM settings"):
        if not fetch_rows(target, "SELECT 1 FROM settings WHERE name = ?", (row["name"],)):
            problems.append(f"setting {row['name']} is missing")
    return problems
