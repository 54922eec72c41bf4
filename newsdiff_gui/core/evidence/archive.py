"""The package's WARC (archive/data.warc.gz) and its CDXJ index (indexes/index.cdxj).

Versions captured with their HTTP exchange bring their own request and response records
(`store.warc.records`); older and imported versions become a `resource` record of the stored
page: its final address, capture time and SHA-256 are what we know, so that is all the record
claims (the HTTP status goes in a `Newsdiff-HTTP-Status` field, not in invented headers).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import surt
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.timeutils import datetime_to_iso_date, iso_date_to_timestamp
from warcio.warcwriter import WARCWriter

from newsdiff_gui import __version__
from newsdiff_gui.core.store.models import StoredVersion

WARC_NAME = "data.warc.gz"
CAPTURE_TYPES = ("response", "resource")


@dataclass(frozen=True)
class ArchivedVersion:
    version: StoredVersion
    url: str
    raw: bytes
    records: bytes | None  # the check's own gzipped WARC records, when it kept them


@dataclass(frozen=True)
class ArchivedCapture:
    """One `response`/`resource` record as read back from a WARC."""

    url: str
    timestamp: str  # 14 digits, as CDXJ and pages.jsonl match them
    date: str
    sha256: str  # of the payload as the page was received (content-decoded)
    status: str
    mime: str
    offset: int
    length: int


def version_url(version: StoredVersion, article_url: str) -> str:
    return version.final_url or article_url


def warc_date(moment: datetime) -> str:
    return str(datetime_to_iso_date(moment, use_micros=bool(moment.microsecond)))


def build_warc(versions: Sequence[ArchivedVersion], title: str) -> bytes:
    """A gzipped WARC 1.1: a warcinfo record, then each version's capture records."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
    info = writer.create_warcinfo_record(
        WARC_NAME,
        {
            "software": f"newsdiff_gui {__version__}",
            "format": "WARC File Format 1.1",
            "description": title,
        },
    )
    writer.write_record(info)
    for item in versions:
        if item.records and _holds_page(item.records, item.version.sha256):
            out.write(item.records)
        else:
            writer.write_record(_resource_record(writer, item))
    return out.getvalue()


def _holds_page(records: bytes, sha256: str) -> bool:
    """Whether the check's own records read whole and hold the stored page: records that
    do not (damaged, or a body warcio cannot decode as it was stored) are left out and the
    version is archived as a resource record, so the package never claims what it lacks."""
    try:
        return any(capture.sha256 == sha256 for capture in read_captures(records))
    except (ArchiveLoadFailed, ValueError, OSError, EOFError):
        return False


def _resource_record(writer: WARCWriter, item: ArchivedVersion) -> object:
    version = item.version
    mime = "text/html" + (f"; charset={version.encoding}" if version.encoding else "")
    headers = {
        "WARC-Date": warc_date(version.captured_at),
        "WARC-Payload-Digest": _sha256_label(item.raw),
        "Newsdiff-Version": str(version.number),
        "Newsdiff-Source": version.source.value,
    }
    if version.http_status is not None:
        headers["Newsdiff-HTTP-Status"] = str(version.http_status)
    return writer.create_warc_record(
        item.url,
        "resource",
        payload=io.BytesIO(item.raw),
        length=len(item.raw),
        warc_content_type=mime,
        warc_headers_dict=headers,
    )


def _sha256_label(data: bytes) -> str:
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


def read_captures(warc: bytes) -> list[ArchivedCapture]:
    """Every response/resource record with where it sits.

    ArchiveLoadFailed (or ValueError) on a damaged WARC: a digest that does not match, and
    also a record whose length does not end at its record separator, which warcio only
    writes to stderr and reads past."""
    captures = []
    with contextlib.redirect_stderr(io.StringIO()):
        iterator = ArchiveIterator(io.BytesIO(warc), check_digests="raise")
        for record in iterator:
            payload = record.content_stream().read()
            if record.rec_type in CAPTURE_TYPES:
                captures.append(_capture(record, payload, iterator))
    if iterator.err_count:
        raise ValueError("a record does not end where its length says")
    return captures


def _capture(record: ArcWarcRecord, payload: bytes, iterator: ArchiveIterator) -> ArchivedCapture:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    date = record.rec_headers.get_header("WARC-Date") or ""
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or "-"
        mime = record.http_headers.get_header("Content-Type") or ""
    else:
        status = record.rec_headers.get_header("Newsdiff-HTTP-Status") or "200"
        mime = record.rec_headers.get_header("Content-Type") or ""
    try:
        timestamp = iso_date_to_timestamp(date)
    except (TypeError, ValueError) as exc:  # warcio's parser fails with either
        raise ValueError(f"a record's WARC-Date does not read: {date!r}") from exc
    return ArchivedCapture(
        url=url,
        timestamp=timestamp,
        date=date,
        sha256=hashlib.sha256(payload).hexdigest(),
        status=status,
        mime=mime.split(";")[0].strip(),
        offset=iterator.get_record_offset(),
        length=iterator.get_record_length(),
    )


def cdxj_index(captures: Sequence[ArchivedCapture]) -> bytes:
    """One sorted CDXJ line per capture, pointing into archive/data.warc.gz."""
    lines = []
    for capture in captures:
        fields = {
            "url": capture.url,
            "mime": capture.mime,
            "status": capture.status,
            "digest": "sha256:" + capture.sha256,
            "length": str(capture.length),
            "offset": str(capture.offset),
            "filename": WARC_NAME,
        }
        key = surt.surt(capture.url)
        lines.append(f"{key} {capture.timestamp} {json.dumps(fields, sort_keys=True)}\n")
    return "".join(sorted(lines)).encode("utf-8")
