"""The store's audit log: one entry per capture and note change, chained, append-only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsdiff_gui.core.annotations import Anchor, AnchorKind, ReviewState
from newsdiff_gui.core.audit.author import AUTHOR_ENV
from newsdiff_gui.core.audit.chain import GENESIS, AuditAction, ChainFault, verify_chain
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, StoreError, VersionSource, VersionStore

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
BODY = ("Seven people were killed when a storm hit the coast.", "The mayor spoke.")


def capture(paragraphs: tuple[str, ...], minute: int = 0, **extra: object) -> Capture:
    raw = ("<html>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</html>").encode()
    fields: dict[str, object] = {
        "raw": raw,
        "document": Document(title="Storm", paragraphs=paragraphs),
        "extractor": "test",
        "extractor_version": "1",
        "captured_at": T0 + timedelta(minutes=minute),
        "source": VersionSource.FETCH,
        **extra,
    }
    return Capture(**fields)  # type: ignore[arg-type]


@pytest.fixture
def store(store_address: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[VersionStore]:
    # On both engines (tests/support/stores.py): the log is the same on each.
    monkeypatch.setenv(AUTHOR_ENV, "Ana Ruiz")
    with VersionStore.open(store_address) as opened:
        yield opened


def add_article(store: VersionStore, url: str = "https://news.example/a") -> int:
    return store.add_article(url, initial_state(SchedulePolicy(), T0), T0).id


def two_versions(store: VersionStore) -> tuple[int, int, int]:
    article = add_article(store)
    first = store.add_capture(article, capture(BODY)).version
    second = store.add_capture(article, capture((BODY[0], "The mayor wept."), 30)).version
    return article, first.id, second.id


def actions(store: VersionStore, article: int) -> list[str]:
    return [entry.action.value for entry in store.audit.entries(article)]


def test_each_new_version_appends_one_capture_entry_and_unchanged_ones_none(
    store: VersionStore,
) -> None:
    article = add_article(store)
    stored = store.add_capture(article, capture(BODY)).version
    store.add_capture(article, capture(BODY, 10))  # same text: no version, no entry
    imported = store.add_capture(
        article, capture(("Other text.",), 20, source=VersionSource.IMPORT)
    ).version
    entries = store.audit.entries(article)
    assert [e.action for e in entries] == [AuditAction.CAPTURE, AuditAction.IMPORT]
    first, second = entries
    assert first.object == f"version:{article}/1" and second.object == f"version:{article}/2"
    assert first.detail["raw_sha256"] == stored.sha256 and first.author == "Ana Ruiz"
    assert second.detail["raw_sha256"] == imported.sha256
    assert first.prev == GENESIS and second.prev == first.sha256
    assert store.audit.verify(article).ok


def test_a_capture_whose_log_entry_fails_is_not_stored(
    store: VersionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = add_article(store)

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("disk full: audit")

    monkeypatch.setattr(store.audit, "append", broken)
    with pytest.raises(StoreError):
        store.add_capture(article, capture(BODY))
    assert store.list_versions(article) == []


def test_every_note_change_appends_exactly_one_entry_with_its_author(
    store: VersionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, old, new = two_versions(store)
    notes = store.annotations
    before = len(store.audit.entries(article))
    note = notes.add(
        article_id=article,
        from_version_id=old,
        to_version_id=new,
        anchor=Anchor(AnchorKind.TITLE),
        now=T0,
        note="Checked with the mayor's office.",
        author="Ana Ruiz",
    )
    notes.update(note.id, now=T0, note="Checked with the mayor's office twice.")
    notes.update(note.id, now=T0, note="Checked with the mayor's office twice.")  # no change
    monkeypatch.setenv(AUTHOR_ENV, "Ben Okafor")
    notes.update(note.id, now=T0, state=ReviewState.SIGNIFICANT)
    notes.delete(note.id, T0)
    notes.restore(note.id)
    notes.restore(note.id)  # not deleted: nothing restored, nothing logged
    entries = store.audit.entries(article)[before:]
    assert [e.action for e in entries] == [
        AuditAction.NOTE_CREATE,
        AuditAction.NOTE_EDIT,
        AuditAction.NOTE_VERDICT,
        AuditAction.NOTE_DELETE,
        AuditAction.NOTE_UNDO,
    ]
    assert {e.object for e in entries} == {f"note:{note.id}"}
    assert [e.author for e in entries] == ["Ana Ruiz"] * 2 + ["Ben Okafor"] * 3
    assert entries[0].detail["note_sha256"] != entries[1].detail["note_sha256"]
    assert entries[2].detail["state"] == "significant"
    assert store.audit.verify(article).ok


def test_the_app_can_name_the_author_through_the_store(store: VersionStore) -> None:
    article = add_article(store)
    store.audit.author_source = lambda: "Reviewer From Settings"
    store.add_capture(article, capture(BODY))
    assert store.audit.entries(article)[0].author == "Reviewer From Settings"


def test_chains_are_per_article_and_purging_keeps_the_entries(store: VersionStore) -> None:
    first = add_article(store, "https://news.example/a")
    second = add_article(store, "https://news.example/b")
    for minute, article in enumerate((first, second, first, second)):
        store.add_capture(article, capture((f"Text {minute}.",), minute))
    entries = store.audit.entries(first)
    assert [e.seq for e in entries] == [1, 3] and entries[1].prev == entries[0].sha256
    store.purge_article(first)
    *kept, purge = store.audit.entries(first)
    assert kept == entries and purge.action is AuditAction.PURGE and purge.prev == kept[-1].sha256
    assert store.audit.verify(first).ok and store.audit.verify(second).ok


def raw_sql(store: VersionStore, sql: str, *params: object) -> None:
    with store.transaction():
        store._connection.execute(sql, params)


def test_a_raw_update_of_an_entry_fails_verification_naming_it(store: VersionStore) -> None:
    article, _, _ = two_versions(store)
    raw_sql(store, "UPDATE audit_log SET author = 'Mallory' WHERE seq = 2")
    check = store.audit.verify(article)
    assert not check.ok and check.failed_seq == 2 and check.fault is ChainFault.EDITED


def test_an_unreadable_entry_is_named_not_a_crash(store: VersionStore) -> None:
    article, _, _ = two_versions(store)
    raw_sql(store, "UPDATE audit_log SET detail = 'not json', action = 'x' WHERE seq = 1")
    check = store.audit.verify(article)
    assert check.failed_seq == 1 and check.fault is ChainFault.EDITED


def test_deleting_an_entry_is_found_even_of_another_article(store: VersionStore) -> None:
    first = add_article(store, "https://news.example/a")
    second = add_article(store, "https://news.example/b")
    for minute, article in enumerate((first, second, first, first)):
        store.add_capture(article, capture((f"Text {minute}.",), minute))
    raw_sql(store, "DELETE FROM audit_log WHERE seq = 3")
    check = store.audit.verify(first)
    assert check.failed_seq == 4 and check.fault is ChainFault.BROKEN_LINK  # link from 1
    raw_sql(store, "DELETE FROM audit_log WHERE seq = 2")  # second's only entry
    # Its chain is now empty, so no link can break; the log's numbering shows the gap.
    assert store.audit.entries(second) == []
    check = store.audit.verify(second)
    assert check.failed_seq == 2 and "deleted" in check.describe()


def test_stored_entries_rehash_exactly(store: VersionStore) -> None:
    article, _, _ = two_versions(store)
    entries = store.audit.entries(article)
    assert verify_chain(entries).ok
    row = store._query("SELECT detail FROM audit_log WHERE seq = 1")[0][0]
    assert json.loads(row) == dict(entries[0].detail)
    assert not verify_chain([replace(entries[0], article_id=article + 1)]).ok


def test_deleting_the_newest_entry_of_the_log_is_found_by_the_versions_records(
    store: VersionStore,
) -> None:
    article = add_article(store)
    records = b"warc records"
    for minute in range(2):
        store.add_capture(
            article, capture((f"Text {minute}.",), minute, warc_records=lambda: records)
        )
    assert store.audit.verify(article).ok
    raw_sql(store, "DELETE FROM audit_log WHERE seq = 2")  # the newest: no link, no gap
    check = store.audit.verify(article)
    assert not check.ok and check.failed_seq is None
    assert check.describe().startswith("log: the entry of version 2 is missing")


def test_a_purge_is_logged_and_a_new_article_under_the_same_id_follows_it(
    store: VersionStore,
) -> None:
    article = add_article(store, "https://news.example/gone")
    store.add_capture(article, capture(BODY, warc_records=lambda: b"records"))
    store.purge_article(article)
    again = add_article(store, "https://news.example/new")
    store.add_capture(again, capture(BODY, warc_records=lambda: b"records"))
    if again != article:  # PostgreSQL never reuses a number; SQLite gives the freed one
        assert [e.action for e in store.audit.entries(article)][-1] is AuditAction.PURGE
        return
    entries = store.audit.entries(article)
    assert [e.action for e in entries] == [
        AuditAction.CAPTURE,
        AuditAction.PURGE,
        AuditAction.CAPTURE,
    ]
    assert entries[1].detail == {"url": "https://news.example/gone", "versions": "1"}
    assert store.audit.verify(article).ok
    raw_sql(store, f"DELETE FROM audit_log WHERE seq = {entries[2].seq}")
    assert store.audit.verify(article).describe().startswith("log: the entry of version 1")


def test_a_note_whose_log_entry_fails_is_not_saved(
    store: VersionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, old, new = two_versions(store)

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("disk full: audit")

    monkeypatch.setattr(store.audit, "append", broken)
    with pytest.raises(StoreError):
        store.annotations.add(
            article_id=article,
            from_version_id=old,
            to_version_id=new,
            anchor=Anchor(AnchorKind.TITLE),
            now=T0,
            note="Never saved without its entry.",
        )
    assert store.annotations.for_pair(old, new) == []
