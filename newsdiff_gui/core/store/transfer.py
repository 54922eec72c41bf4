"""Copying one store into another (`newsdiff migrate-store`): a reviewer's SQLite archive
moving into the team's PostgreSQL one, or any store into any other.

Merged, never duplicated, so running it twice changes nothing the second time:
articles by URL (an article already tracked keeps its schedule in the target), versions
by raw SHA-256 and text hash within their article (new ones are numbered after the
target's, in capture order), pages by SHA-256, checks by their time and outcome, notes
by their anchor, author and creation time (authors and deleted-but-undoable notes
kept). The whole copy is one transaction on the target. `verify_copy` then checks,
from the target's side, that everything of the source is there and that every page's
bytes still hash to their SHA-256.

Columns come from the current schema (schema_at), so a column a later migration adds is
copied too; a table a later migration adds needs its own step here (transfer_tables.py,
and transfer_audit.py for the audit log).
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.schema import SCHEMA_VERSION, schema_at
from newsdiff_gui.core.store.transfer_audit import copy_audit, verify_audit
from newsdiff_gui.core.store.transfer_tables import (
    copy_events,
    copy_looks_and_settings,
    copy_source_links,
    copy_sources,
    copy_warc,
    verify_article_tables,
    verify_store_tables,
)

_CHECK_KEY = ("started_at", "outcome", "duration")
_NOTE_KEY = ("anchor_kind", "old_hashes", "new_hashes", "author", "created_at")


@dataclass
class CopyReport:
    """How many of each kind were copied (`new`) or found already there (`present`)."""

    new: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        parts = []
        kinds = ("articles", "versions", "pages", "checks", "notes", "sources", "events")
        for kind in (*kinds, "WARC records", "audit entries"):
            total = self.new[kind] + self.present[kind]
            parts.append(
                f"{total} {kind} ({self.new[kind]} copied, {self.present[kind]} already there)"
            )
        return ", ".join(parts)


def _columns(table: str, *, leave_out: Sequence[str] = ("id",)) -> list[str]:
    return sorted(schema_at(SCHEMA_VERSION)[table] - set(leave_out))


def _insert(target: Connection, table: str, values: dict[str, Any]) -> int:
    names = list(values)
    marks = ", ".join("?" for _ in names)
    row = target.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks}) RETURNING id",
        [values[name] for name in names],
    ).fetchone()
    return int(row[0])


def copy_store(source: Connection, target: Connection) -> CopyReport:
    """Merge everything `source` holds into `target`: articles with their versions, pages,
    checks, notes, WARC records, events and former addresses; sources with their polls
    and article links; reviewers' last looks, settings, and the audit log."""
    report = CopyReport()
    with target.transaction():
        _copy_pages(source, target, report)
        sources = copy_sources(source, target, report)
        articles: dict[int, int] = {}
        copied: dict[int, dict[int, str]] = {}  # target article → versions new to it
        for article in fetch_rows(source, "SELECT * FROM articles ORDER BY id"):
            article_id = _copy_article(target, article, sources, report)
            articles[article["id"]] = article_id
            versions = _copy_versions(source, target, article["id"], article_id, report)
            _copy_checks(source, target, article["id"], article_id, versions.ids, report)
            _copy_notes(source, target, article["id"], article_id, versions.ids, report)
            copy_warc(source, target, versions.ids, report)
            copy_events(source, target, (article["id"], article_id), versions.numbers, report)
            copied.setdefault(article_id, {}).update(versions.new)
        copy_source_links(source, target, sources, articles)
        copy_looks_and_settings(source, target)
        copy_audit(source, target, articles, copied, report)
    return report


def _copy_pages(source: Connection, target: Connection, report: CopyReport) -> None:
    for (digest,) in [(row[0],) for row in fetch_rows(source, "SELECT sha256 FROM pages")]:
        if fetch_rows(target, "SELECT 1 FROM pages WHERE sha256 = ?", (digest,)):
            report.present["pages"] += 1
            continue
        page = fetch_rows(source, "SELECT size, compressed FROM pages WHERE sha256 = ?", (digest,))[
            0
        ]
        target.execute(
            "INSERT INTO pages (sha256, size, compressed) VALUES (?, ?, ?)",
            (digest, page["size"], bytes(page["compressed"])),
        )
        report.new["pages"] += 1


def _copy_article(
    target: Connection, article: Row, sources: dict[int, int], report: CopyReport
) -> int:
    found = fetch_rows(target, "SELECT id FROM articles WHERE url = ?", (article["url"],))
    if found:
        report.present["articles"] += 1
        return int(found[0]["id"])
    report.new["articles"] += 1
    values = {name: article[name] for name in _columns("articles")}
    # Source ids are the target's; a watcher's lease in the source means nothing here.
    values.update(first_source_id=sources.get(article["first_source_id"]))
    values.update(claimed_by=None, claim_until=None)
    return _insert(target, "articles", values)


@dataclass
class _CopiedVersions:
    ids: dict[int, int] = field(default_factory=dict)  # source id → target id
    numbers: dict[int, int] = field(default_factory=dict)  # source number → target number
    new: dict[int, str] = field(default_factory=dict)  # target number → raw SHA-256, copied now


def _copy_versions(
    source: Connection,
    target: Connection,
    source_article: int,
    article_id: int,
    report: CopyReport,
) -> _CopiedVersions:
    """Which target version each source version is, for what names them."""
    existing = {
        (row["raw_sha256"], row["content_hash"]): (row["id"], row["number"])
        for row in fetch_rows(
            target,
            "SELECT id, number, raw_sha256, content_hash FROM versions WHERE article_id = ?",
            (article_id,),
        )
    }
    top = max((number for _, number in existing.values()), default=0)
    copied = _CopiedVersions()
    ids, numbers = copied.ids, copied.numbers
    leave_out = ("id", "article_id", "number", "returns_to")
    rows = fetch_rows(
        source,
        "SELECT * FROM versions WHERE article_id = ? ORDER BY captured_at, number",
        (source_article,),
    )
    for row in rows:
        key = (row["raw_sha256"], row["content_hash"])
        if key in existing:
            ids[row["id"]], numbers[row["number"]] = existing[key]
            report.present["versions"] += 1
            continue
        top += 1
        values = {name: row[name] for name in _columns("versions", leave_out=leave_out)}
        values.update(article_id=article_id, number=top, returns_to=numbers.get(row["returns_to"]))
        ids[row["id"]] = _insert(target, "versions", values)
        numbers[row["number"]] = top
        existing[key] = (ids[row["id"]], top)
        copied.new[top] = row["raw_sha256"]
        report.new["versions"] += 1
    return copied


def _copy_checks(
    source: Connection,
    target: Connection,
    source_article: int,
    article_id: int,
    versions: dict[int, int],
    report: CopyReport,
) -> None:
    have = {
        tuple(row[name] for name in _CHECK_KEY)
        for row in fetch_rows(target, "SELECT * FROM checks WHERE article_id = ?", (article_id,))
    }
    for row in fetch_rows(
        source, "SELECT * FROM checks WHERE article_id = ? ORDER BY id", (source_article,)
    ):
        if tuple(row[name] for name in _CHECK_KEY) in have:
            report.present["checks"] += 1
            continue
        values = {name: row[name] for name in _columns("checks")}
        values.update(article_id=article_id, version_id=versions.get(row["version_id"]))
        _insert(target, "checks", values)
        report.new["checks"] += 1


def _copy_notes(
    source: Connection,
    target: Connection,
    source_article: int,
    article_id: int,
    versions: dict[int, int],
    report: CopyReport,
) -> None:
    have = {
        (row["from_version_id"], row["to_version_id"], *(row[name] for name in _NOTE_KEY))
        for row in fetch_rows(
            target, "SELECT * FROM annotations WHERE article_id = ?", (article_id,)
        )
    }
    for row in fetch_rows(
        source, "SELECT * FROM annotations WHERE article_id = ? ORDER BY id", (source_article,)
    ):
        pair = (versions[row["from_version_id"]], versions[row["to_version_id"]])
        if (*pair, *(row[name] for name in _NOTE_KEY)) in have:
            report.present["notes"] += 1
            continue
        values = {name: row[name] for name in _columns("annotations")}
        values.update(article_id=article_id, from_version_id=pair[0], to_version_id=pair[1])
        _insert(target, "annotations", values)
        report.new["notes"] += 1


def verify_copy(source: Connection, target: Connection) -> list[str]:
    """What of `source` is missing or differs in `target` (empty: the copy holds)."""
    problems: list[str] = []
    articles: dict[int, int] = {}
    for article in fetch_rows(source, "SELECT id, url FROM articles ORDER BY id"):
        found = fetch_rows(target, "SELECT id FROM articles WHERE url = ?", (article["url"],))
        if not found:
            problems.append(f"article {article['url']} is missing")
            continue
        articles[article["id"]] = int(found[0]["id"])
        problems += _verify_article(source, target, article["id"], int(found[0]["id"]))
        problems += verify_article_tables(source, target, article["id"], int(found[0]["id"]))
    for row in fetch_rows(source, "SELECT sha256 FROM pages ORDER BY sha256"):
        problems += _verify_page(target, row["sha256"])
    problems += verify_store_tables(source, target)
    problems += verify_audit(source, target, articles)
    return problems


def _verify_article(
    source: Connection, target: Connection, source_id: int, target_id: int
) -> list[str]:
    problems = []
    queries = (
        ("versions", "SELECT raw_sha256, content_hash FROM versions WHERE article_id = ?"),
        ("checks", f"SELECT {', '.join(_CHECK_KEY)} FROM checks WHERE article_id = ?"),
        (
            "notes",
            f"SELECT {', '.join(_NOTE_KEY)}, note, state, tags, deleted_at"
            " FROM annotations WHERE article_id = ?",
        ),
    )
    for kind, sql in queries:
        theirs = Counter(_values(row) for row in fetch_rows(target, sql, (target_id,)))
        missing = Counter(_values(row) for row in fetch_rows(source, sql, (source_id,))) - theirs
        if missing:
            problems.append(
                f"{sum(missing.values())} {kind} of article {source_id} differ or are missing"
            )
    return problems


def _values(row: Row) -> tuple[Any, ...]:
    return tuple(row[index] for index in range(len(row)))


def _verify_page(target: Connection, digest: str) -> list[str]:
    found = fetch_rows(target, "SELECT compressed FROM pages WHERE sha256 = ?", (digest,))
    if not found:
        return [f"page {digest} is missing"]
    if hashlib.sha256(zlib.decompress(bytes(found[0][0]))).hexdigest() != digest:
        return [f"page {digest} does not hash to its SHA-256"]
    return []
