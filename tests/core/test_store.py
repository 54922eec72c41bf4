from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import (
    Capture,
    CaptureOutcome,
    DuplicateArticle,
    NotFound,
    StoreError,
    VersionNotice,
    VersionSource,
    VersionStore,
)

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
BODY = (
    "Seven people were killed when a storm hit the coast on Monday, officials said.",
    "The mayor said the town would rebuild.",
    "Emergency crews worked through the night to clear the roads.",
    "Schools will stay closed until Thursday.",
)


def capture(
    paragraphs: tuple[str, ...], title: str = "Storm hits coast", minute: int = 0
) -> Capture:
    raw = ("<html>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</html>").encode()
    return Capture(
        raw=raw,
        document=Document(title=title, paragraphs=paragraphs),
        extractor="test",
        extractor_version="1",
        captured_at=T0 + timedelta(minutes=minute),
        source=VersionSource.FETCH,
        http_status=200,
    )


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    with VersionStore.open(store_address) as opened:
        yield opened


def add(store: VersionStore, url: str = "https://news.example/a") -> int:
    return store.add_article(url, initial_state(SchedulePolicy(), T0), T0).id


def test_new_text_makes_versions_and_noise_does_not(store: VersionStore) -> None:
    article = add(store)
    first = store.add_capture(article, capture(BODY))
    assert first.outcome is CaptureOutcome.NEW_VERSION and first.version.number == 1
    noisy = (*BODY[:1], "Updated 10:47 GMT", *(p.replace(" ", "\u00a0 ") for p in BODY[1:]))
    again = store.add_capture(article, capture(noisy, minute=30))
    assert again.outcome is CaptureOutcome.UNCHANGED and again.version.number == 1
    edited = (BODY[0].replace("Seven", "At least eight"), *BODY[1:])
    second = store.add_capture(article, capture(edited, minute=60))
    assert second.outcome is CaptureOutcome.NEW_VERSION and second.version.number == 2
    versions = store.list_versions(article)
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].document.paragraphs[0].startswith("At least eight")
    assert store.get_article(article).unread_changes == 1
    assert store.get_article(article).version_count == 2


def test_raw_bytes_round_trip_with_sha256(store: VersionStore) -> None:
    import hashlib

    article = add(store)
    cap = capture(BODY)
    version = store.add_capture(article, cap).version
    assert store.raw_html(article, 1) == cap.raw
    assert version.sha256 == hashlib.sha256(cap.raw).hexdigest()
    assert version.raw_size == len(cap.raw)


def test_flip_flop_is_flagged_as_return(store: VersionStore) -> None:
    article = add(store)
    store.add_capture(article, capture(BODY))
    store.add_capture(article, capture((*BODY, "A new paragraph."), minute=10))
    back = store.add_capture(article, capture(BODY, minute=20)).version
    assert back.number == 3 and back.returns_to == 1
    assert "returns_to_version_1" in back.flags


def test_collapse_is_stored_but_flagged(store: VersionStore) -> None:
    article = add(store)
    store.add_capture(article, capture(BODY))
    assert store.get_article(article).latest_suspect is None
    teaser = store.add_capture(article, capture(("Subscribe to read.",), minute=10)).version
    assert teaser.number == 2 and teaser.suspect_extraction
    assert teaser.suspect_reason and "words" in teaser.suspect_reason
    # The article row says so without loading the version (the sidebar's warning icon).
    assert store.get_article(article).latest_suspect == teaser.suspect_reason
    assert store.list_articles()[0].latest_suspect == teaser.suspect_reason
    # Still behind the paywall: compared with the last trusted version, so flagged again.
    teaser2 = store.add_capture(article, capture(("Subscribe now to read.",), minute=15)).version
    assert teaser2.suspect_extraction
    merged = store.add_capture(article, capture((" ".join(BODY),), minute=20)).version
    assert merged.suspect_extraction and "paragraphs" in (merged.suspect_reason or "")
    normal = store.add_capture(article, capture(BODY[:3], minute=30)).version
    assert not normal.suspect_extraction
    assert store.get_article(article).latest_suspect is None


def test_duplicates_untrack_and_retrack(store: VersionStore) -> None:
    article = add(store)
    with pytest.raises(DuplicateArticle) as raised:
        add(store)
    assert raised.value.article_id == article
    store.add_capture(article, capture(BODY))
    store.untrack(article)
    assert not store.get_article(article).active
    assert store.due_articles(T0 + timedelta(days=1)) == []
    assert len(store.list_versions(article)) == 1  # versions kept
    assert add(store) == article  # tracking again reuses the article
    assert store.get_article(article).active


def test_purge_removes_everything(store: VersionStore) -> None:
    article = add(store)
    store.add_capture(article, capture(BODY))
    store.checks.record(article, started_at=T0, duration=0.1, outcome="new_version")
    store.purge_article(article)
    with pytest.raises(NotFound):
        store.get_article(article)
    assert store.list_articles() == []


def test_missing_things_raise_not_found(store: VersionStore) -> None:
    with pytest.raises(NotFound, match="no article with id 9"):
        store.get_version(9, 1)
    article = add(store)
    with pytest.raises(NotFound, match="has no version 3"):
        store.get_version(article, 3)


def test_checks_are_recorded_and_failures_keep_validators(store: VersionStore) -> None:
    article = add(store)
    store.checks.record(
        article, started_at=T0, duration=0.2, outcome="new_version", http_status=200, etag='"a"'
    )
    store.checks.record(
        article,
        started_at=T0 + timedelta(minutes=5),
        duration=20.0,
        outcome="timeout",
        error="Timed out after 20 s",
    )
    checks = store.checks.of_article(article)
    assert [c.outcome for c in checks] == ["new_version", "timeout"]
    state = store.get_article(article)
    assert state.etag == '"a"' and state.last_error == "Timed out after 20 s"


def test_due_articles_respect_schedule(store: VersionStore) -> None:
    article = add(store)
    assert [a.id for a in store.due_articles(T0)] == [article]
    state = store.schedule_of(store.get_article(article))
    from dataclasses import replace

    store.update_schedule(article, replace(state, next_check_at=T0 + timedelta(hours=1)))
    assert store.due_articles(T0) == []
    assert [a.id for a in store.due_articles(T0 + timedelta(hours=1))] == [article]


def test_failed_transaction_leaves_nothing(store: VersionStore) -> None:
    article = add(store)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_capture(article, capture(BODY))
        raise RuntimeError("crash between two writes")
    assert store.list_versions(article) == []


def test_reopen_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with VersionStore.open(path) as first:
        article = first.add_article("https://x.example/", initial_state(SchedulePolicy(), T0), T0)
        first.add_capture(article.id, capture(BODY))
    with VersionStore.open(path) as second:
        assert second.integrity_check() == "ok"
        assert second.get_version(article.id, 1).document.paragraphs == BODY
        journal = second._query("PRAGMA journal_mode")[0][0]
        assert journal == "wal"
        assert second._query("PRAGMA foreign_keys")[0][0] == 1


def test_corrupt_and_newer_files_give_clear_errors(tmp_path: Path) -> None:
    import sqlite3

    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a usable newsdiff database"):
        VersionStore.open(corrupt)
    newer = tmp_path / "newer.sqlite3"
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    with pytest.raises(StoreError, match="upgrade newsdiff_gui"):
        VersionStore.open(newer)


def test_notices_are_stored_and_listed_as_flags(store_address: str) -> None:
    path = store_address
    with VersionStore.open(path) as store:
        article = add(store)
        noticed = replace(capture(BODY), notices=frozenset({VersionNotice.CHARSET_MISMATCH}))
        stored = store.add_capture(article, noticed).version
        assert stored.flags == ["charset_mismatch"]
    with VersionStore.open(path) as reopened:
        assert reopened.get_version(article, 1).notices == (VersionNotice.CHARSET_MISMATCH,)


def test_documents_on_host_are_the_latest_of_other_articles_of_that_host(
    store: VersionStore,
) -> None:
    this = add(store, "https://news.example/this")
    store.add_capture(this, capture(("mine",)))
    for minute, url in enumerate(
        (
            "https://news.example/a",
            "http://NEWS.example/b?x=1",
            "https://news.example.evil.test/c",  # a longer name that starts alike
            "https://other.test/?from=https://news.example/d",  # the host in the query
        )
    ):
        article = add(store, url)
        store.add_capture(article, capture((f"old {url}",), minute=minute))
        store.add_capture(article, capture((f"new {url}",), minute=minute + 10))
    add(store, "https://news.example/never-captured")

    found = store.outlets.latest_documents("news.example", this, limit=5)
    assert [d.paragraphs for d in found] == [
        ("new http://NEWS.example/b?x=1",),  # the most recently changed first
        ("new https://news.example/a",),
    ]
    assert len(store.outlets.latest_documents("news.example", this, limit=1)) == 1
    assert store.outlets.latest_documents("nowhere.test", this, limit=5) == []
