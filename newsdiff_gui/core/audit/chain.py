"""An audit-log entry, its hash, and the check of an article's chain of entries.

This module is the contract shared by the store (which appends entries) and the evidence
package (which carries an article's part of the chain and verifies it elsewhere): the hash is
SHA-256 over the canonical JSON of the entry's fields, so anyone with `sha256sum` and a JSON
canonicaliser can recompute it. Chains are per article: `prev` is the hash of the article's
previous entry, 64 zeros for its first, so one article's entries can be exported and checked
without the rest of the log.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from newsdiff_gui.core.words import plural

GENESIS = "0" * 64
_HEX64 = re.compile(r"[0-9a-f]{64}")


class AuditAction(StrEnum):
    CAPTURE = "capture"
    IMPORT = "import"
    NOTE_CREATE = "note_create"
    NOTE_EDIT = "note_edit"
    NOTE_VERDICT = "note_verdict"
    NOTE_DELETE = "note_delete"
    NOTE_UNDO = "note_undo"
    EXPORT = "export"
    # The article and its versions were deleted from the store; its entries stay, and an
    # article stored later under the same number continues after this entry.
    PURGE = "purge"
    # Entries another store kept for the article were copied in by `migrate-store`; the
    # detail names that chain (its first hash, entry count and last hash) and the versions
    # copied with it ("version N": raw SHA-256).
    MIGRATE = "migrate"


class AuditEntryError(ValueError):
    """A JSON object that is not a well-formed audit entry (user-supplied input)."""


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    author: str
    action: AuditAction
    object: str
    article_id: int
    detail: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    prev: str = GENESIS
    sha256: str = ""


def format_at(moment: datetime) -> str:
    """ISO 8601 UTC with a 'Z': to the second, or to the microsecond when it has any."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    timespec = "microseconds" if moment.microsecond else "seconds"
    return moment.isoformat(timespec=timespec).replace("+00:00", "Z")


def parse_at(text: str) -> datetime:
    """The inverse of format_at; raises ValueError on anything that is not such a time."""
    if not text.endswith("Z"):
        raise ValueError(f"not a UTC time ending in Z: {text!r}")
    return datetime.fromisoformat(text[:-1] + "+00:00").astimezone(UTC)


def _hashed_fields(
    seq: int,
    at: datetime,
    author: str,
    action: AuditAction,
    object_: str,
    article_id: int,
    detail: Mapping[str, str],
    prev: str,
) -> dict[str, Any]:
    return {
        "seq": seq,
        "at": format_at(at),
        "author": author,
        "action": str(action),
        "object": object_,
        "article": article_id,
        "detail": dict(detail),
        "prev": prev,
    }


def canonical_json(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def entry_hash(entry: AuditEntry) -> str:
    """The SHA-256 the entry should carry, recomputed from its other fields."""
    fields = _hashed_fields(
        entry.seq,
        entry.at,
        entry.author,
        entry.action,
        entry.object,
        entry.article_id,
        entry.detail,
        entry.prev,
    )
    return hashlib.sha256(canonical_json(fields)).hexdigest()


def seal(
    *,
    seq: int,
    at: datetime,
    author: str,
    action: AuditAction,
    object: str,  # the contract names the field "object"
    article_id: int,
    detail: Mapping[str, str],
    prev: str,
) -> AuditEntry:
    """A new entry with its hash computed; `at` is kept to the microsecond in UTC."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    unsealed = AuditEntry(
        seq=seq,
        at=at.astimezone(UTC),
        author=author,
        action=action,
        object=object,
        article_id=article_id,
        detail=MappingProxyType(dict(detail)),
        prev=prev,
    )
    return replace(unsealed, sha256=entry_hash(unsealed))


def entry_to_json(entry: AuditEntry) -> dict[str, Any]:
    """The hashed object plus "sha256": what `newsdiff log ID --json` prints per entry."""
    obj = _hashed_fields(
        entry.seq,
        entry.at,
        entry.author,
        entry.action,
        entry.object,
        entry.article_id,
        entry.detail,
        entry.prev,
    )
    obj["sha256"] = entry.sha256
    return obj


def entry_from_json(obj: object) -> AuditEntry:
    """Read an entry back from entry_to_json's object; AuditEntryError on bad input.

    The hash is read as written, not recomputed, so a tampered entry survives reading and is
    named by verify_chain.
    """
    if not isinstance(obj, Mapping):
        raise AuditEntryError("an audit entry must be a JSON object")
    try:
        seq, article = obj["seq"], obj["article"]
        texts = [obj[key] for key in ("at", "author", "action", "object", "prev", "sha256")]
        detail = obj["detail"]
    except KeyError as missing:
        raise AuditEntryError(f"audit entry lacks {missing.args[0]!r}") from None
    if not all(type(number) is int for number in (seq, article)):
        raise AuditEntryError("audit entry 'seq' and 'article' must be integers")
    if not all(isinstance(text, str) for text in texts):
        raise AuditEntryError(f"audit entry {seq}: text fields must be strings")
    if not isinstance(detail, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in detail.items()
    ):
        raise AuditEntryError(f"audit entry {seq}: 'detail' must map strings to strings")
    at, author, action, object_, prev, sha256 = texts
    try:
        moment, kind = parse_at(at), AuditAction(action)
    except ValueError as error:
        raise AuditEntryError(f"audit entry {seq}: {error}") from None
    return AuditEntry(
        seq=seq,
        at=moment,
        author=author,
        action=kind,
        object=object_,
        article_id=article,
        detail=MappingProxyType(dict(detail)),
        prev=prev,
        sha256=sha256,
    )


class ChainFault(StrEnum):
    EDITED = "edited"  # the entry's fields no longer hash to its sha256
    BROKEN_LINK = "broken_link"  # prev is not the previous entry's hash: deleted/reordered/inserted
    OUT_OF_ORDER = "out_of_order"  # seq does not increase


@dataclass(frozen=True)
class ChainCheck:
    count: int  # entries checked (all of them when ok)
    failed_seq: int | None = None
    fault: ChainFault | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.fault is None

    def describe(self) -> str:
        if self.ok:
            return f"log intact, {plural(self.count, 'entry', 'entries')}"
        if self.failed_seq is None:  # the failure is an entry that is not there at all
            return f"log: {self.reason}"
        return f"log entry {self.failed_seq}: {self.reason}"


def verify_chain(entries: Sequence[AuditEntry], before: str = GENESIS) -> ChainCheck:
    """Check an article's entries in order; the first must link to `before`.

    Stops at the first failing entry, because every later link depends on it.
    """
    expected_prev = before
    last_seq: int | None = None
    for index, entry in enumerate(entries):
        if last_seq is not None and entry.seq <= last_seq:
            reason = f"sequence {entry.seq} does not follow {last_seq} (entries reordered)"
            return ChainCheck(index, entry.seq, ChainFault.OUT_OF_ORDER, reason)
        if not _HEX64.fullmatch(entry.sha256) or entry_hash(entry) != entry.sha256:
            reason = "its content does not match its hash (entry edited)"
            return ChainCheck(index, entry.seq, ChainFault.EDITED, reason)
        if entry.prev != expected_prev:
            reason = (
                "it does not follow the entry before it "
                "(an entry was deleted, inserted or moved before it)"
            )
            return ChainCheck(index, entry.seq, ChainFault.BROKEN_LINK, reason)
        expected_prev, last_seq = entry.sha256, entry.seq
    return ChainCheck(len(entries))


def build_chain(
    drafts: Sequence[tuple[int, datetime, str, AuditAction, str, Mapping[str, str]]],
    article_id: int,
    before: str = GENESIS,
) -> list[AuditEntry]:
    """Seal drafts (seq, at, author, action, object, detail) into a linked chain, in order."""
    chain: list[AuditEntry] = []
    prev = before
    for seq, at, author, action, object_, detail in drafts:
        entry = seal(
            seq=seq,
            at=at,
            author=author,
            action=action,
            object=object_,
            article_id=article_id,
            detail=detail,
            prev=prev,
        )
        chain.append(entry)
        prev = entry.sha256
    return chain
