"""A stored article for evidence tests: versions, a note, WARC records for one version (as the
capture at check time keeps them) and the article's audit-log chain."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdiff_gui.core.align import align
from newsdiff_gui.core.annotations import title_anchor
from newsdiff_gui.core.audit.chain import AuditAction, AuditEntry, build_chain
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.evidence.keys import SigningKey, installation_key
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
URL = "https://news.example/storm"


def paragraphs(number: int) -> tuple[str, ...]:
    return (
        f"At least {number + 6} people were killed when a storm hit the coast, officials said.",
        "The mayor said the town would rebuild.",
        f"Update {number}: crews worked through the night to clear {number} roads.",
    )


def raw_page(number: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs(number))
    return f"<html><title>Storm {number}</title><body>{body}</body></html>".encode()


class RecordsByVersion:
    """Stands in for `store.warc`: the check's own WARC records for some versions."""

    def __init__(self, records: Mapping[int, bytes]) -> None:
        self._records = dict(records)

    def records(self, version_id: int) -> bytes | None:
        return self._records.get(version_id)


class ArticleLog:
    """Stands in for `store.audit`."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        self._entries = entries

    def entries(self, article_id: int) -> list[AuditEntry]:
        return [entry for entry in self._entries if entry.article_id == article_id]


def exchange_records(url: str, raw: bytes, when: datetime) -> bytes:
    """A request and a response record as a check would keep them."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
    date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    request = writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(
            "GET /storm HTTP/1.1", [("Host", "news.example")], is_http_request=True
        ),
        warc_headers_dict={"WARC-Date": date},
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(raw),
        length=len(raw),
        http_headers=StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(raw)))],
            protocol="HTTP/1.1",
        ),
        warc_headers_dict={"WARC-Date": date, "WARC-IP-Address": "127.0.0.1"},
    )
    writer.write_record(request)
    writer.write_record(response)
    return out.getvalue()


@dataclass(frozen=True)
class History:
    store: VersionStore
    article_id: int
    key: SigningKey
    log: list[AuditEntry]


def make_history(folder: Path, versions: int = 4, *, exchange_for_last: bool = True) -> History:
    store = VersionStore.open(folder / "store.sqlite3")
    article = store.add_article(URL, initial_state(SchedulePolicy(), T0), T0).id
    stored = []
    for number in range(1, versions + 1):
        when = T0 + timedelta(hours=number)
        capture = Capture(
            raw=raw_page(number),
            document=Document(title=f"Storm {number}", paragraphs=paragraphs(number)),
            extractor="test",
            extractor_version="1",
            captured_at=when,
            source=VersionSource.FETCH,
            http_status=200,
            final_url=URL,
            encoding="utf-8",
        )
        stored.append(store.add_capture(article, capture).version)
    first, second = stored[0], stored[1]
    diff = align(first.document, second.document)
    store.annotations.add(
        article_id=article,
        from_version_id=first.id,
        to_version_id=second.id,
        anchor=title_anchor(diff),
        now=T0 + timedelta(days=1),
        note="Toll raised",
        author="Ana",
    )
    records = {}
    if exchange_for_last:
        last = stored[-1]
        records[last.id] = exchange_records(URL, raw_page(last.number), last.captured_at)
    store.warc = RecordsByVersion(records)  # type: ignore[attr-defined]
    drafts = [
        (
            index + 1,
            version.captured_at,
            "checker",
            AuditAction.CAPTURE,
            f"version:{article}/{version.number}",
            {"sha256": version.sha256},
        )
        for index, version in enumerate(stored)
    ]
    drafts.append(
        (
            len(drafts) + 1,
            T0 + timedelta(days=1),
            "Ana",
            AuditAction.NOTE_CREATE,
            "note:1",
            {"text_sha256": "0" * 64},
        )
    )
    log = build_chain(drafts, article)
    store.audit = ArticleLog(log)  # type: ignore[attr-defined]
    return History(store, article, installation_key(folder / "config"), log)
