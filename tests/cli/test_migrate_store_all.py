"""`newsdiff migrate-store` carries everything an archive holds, not only articles and notes:
WARC records, followed sources with their links, life events and former addresses, each
reviewer's last look, settings, and the audit log, which still verifies in the target (on
both engines) with the source's entries kept exactly as they were sealed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from newsdiff_gui.core.annotations import Anchor, AnchorKind
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.lifecycle import EventKind, NewEvent
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from newsdiff_gui.core.store.engine import open_engine
from newsdiff_gui.core.store.source_store import SourceKind, SourceSchedule

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
STORM = "https://news.example/storm"
FEED = "https://news.example/feed.xml"


def capture(text: str, minute: int) -> Capture:
    raw = f"<html><p>{text}</p></html>".encode()
    return Capture(
        raw=raw,
        document=Document(title="Storm", paragraphs=(text,)),
        extractor="test",
        extractor_version="1",
        captured_at=T0 + timedelta(minutes=minute),
        source=VersionSource.FETCH,
        http_status=200,
        warc_records=lambda: b"WARC/1.1 " + raw,
    )


def personal_archive(path: Path) -> None:
    schedule = initial_state(SchedulePolicy(), T0)
    with VersionStore.open(path) as store:
        feed = store.sources.add(
            FEED, SourceKind.FEED, schedule=SourceSchedule(timedelta(minutes=15), T0), now=T0
        )
        storm = store.add_article(STORM, schedule, T0).id
        store.sources.link(feed.id, storm, STORM + "?utm_source=rss", T0, first=True)
        first = store.add_capture(storm, capture("Seven people died.", 0)).version
        second = store.add_capture(storm, capture("At least eight people died.", 30)).version
        store.events.record(storm, T0 + timedelta(hours=2), NewEvent(EventKind.GONE, "404"))
        store.annotations.add(
            article_id=storm,
            from_version_id=first.id,
            to_version_id=second.id,
            anchor=Anchor(kind=AnchorKind.TITLE, excerpt="Storm"),
            now=T0,
            note="Toll raised silently.",
            author="Ana",
        )
        gone = store.add_article("https://news.example/gone", schedule, T0).id
        store.add_capture(gone, capture("A story later removed.", 5))
        store.purge_article(gone)  # its log entries stay, and must travel too
        store.events.set_last_look("Ana", T0 + timedelta(hours=5))
        store.events.set_last_look("Ben", T0 + timedelta(hours=1))
        store.events.set_setting("feed_path", "/mine.atom")
        store.events.set_setting("mine_only", "yes")
    with sqlite3.connect(path) as raw:  # recorded by a redirect in real use
        raw.execute(
            "INSERT INTO article_addresses (article_id, url, left_at) VALUES (?, ?, ?)",
            (storm, "https://news.example/old-storm", "2026-03-01T09:00:00Z"),
        )


def team_store(address: str) -> int:
    """A colleague already tracks the storm story, with version 1 and their own log."""
    with VersionStore.open(address) as team:
        storm = team.add_article(STORM, initial_state(SchedulePolicy(), T0), T0).id
        team.add_capture(storm, capture("Seven people died.", 0))
        team.events.set_last_look("Ana", T0 + timedelta(hours=1))
        team.events.set_last_look("Ben", T0 + timedelta(hours=9))
        team.events.set_setting("feed_path", "/team.atom")
        return storm


def test_everything_is_copied_and_the_log_verifies_in_the_target(
    tmp_path: Path, store_address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "mine.sqlite3"
    personal_archive(archive)
    storm = team_store(store_address)

    assert main(["migrate-store", "--from", str(archive), "--to", store_address]) == 0
    out = capsys.readouterr().out
    assert "1 sources (1 copied" in out and "2 WARC records (1 copied, 1 already there)" in out
    assert "verified:" in out

    with VersionStore.open(store_address) as team, VersionStore.open(archive) as mine:
        assert team.warc.records(team.get_version(storm, 2).id) == mine.warc.records(
            mine.get_version(1, 2).id
        )
        feed = team.sources.find(FEED)
        assert feed is not None and team.sources.article_ids(feed.id) == [storm]
        assert team.sources.first_sources() == {}  # the colleague tracked it by hand
        assert [(e.kind, e.detail) for e in team.events.for_article(storm)][-1] == (
            EventKind.GONE,
            "404",
        )
        assert team.events.former_addresses(storm) == ["https://news.example/old-storm"]
        assert team.events.last_look("Ana") == T0 + timedelta(hours=5)  # the later look
        assert team.events.last_look("Ben") == T0 + timedelta(hours=9)
        assert team.events.setting("feed_path") == "/team.atom"  # the team's own wins
        assert team.events.setting("mine_only") == "yes"
        own = team.audit.entries(storm)
        imported = team.audit.imported(storm)
        assert [e.action.value for e in own] == ["capture", "migrate"]
        assert own[-1].detail["version 2"] == team.get_version(storm, 2).sha256
        assert [e.action.value for e in imported[0].entries] == [
            "capture",
            "capture",
            "note_create",
        ]
        assert imported[0].entries == tuple(mine.audit.entries(1))  # exactly as sealed there
        logged = len(own) + 3

    assert main(["--db", store_address, "log", str(storm), "--verify"]) == 0
    assert f"log intact, {logged} entries" in capsys.readouterr().out
    assert main(["--db", store_address, "log", str(storm)]) == 0
    assert f"imported from {archive}:" in capsys.readouterr().out

    assert main(["migrate-store", "--from", str(archive), "--to", store_address]) == 0
    again = capsys.readouterr().out
    assert "5 audit entries (0 copied, 5 already there)" in again  # the purged one's too
    with VersionStore.open(store_address) as team:
        assert len(team.audit.entries(storm)) == 2  # nothing new, no second migrate entry


def test_an_imported_entry_deleted_in_the_target_fails_verification(
    tmp_path: Path, store_address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "mine.sqlite3"
    personal_archive(archive)
    assert main(["migrate-store", "--from", str(archive), "--to", store_address]) == 0
    target = open_engine(store_address)
    try:
        with target.transaction():
            target.execute(
                "DELETE FROM audit_log_imported WHERE action = ? AND local_article_id = ?",
                ("note_create", 1),
            )
    finally:
        target.close()
    capsys.readouterr()
    assert main(["--db", store_address, "log", "1", "--verify"]) == 1
    assert "not the ones the migrate entry names" in capsys.readouterr().err
    assert main(["migrate-store", "--from", str(archive), "--to", store_address]) == 0
    # Copied again (matched by hash), the chain is whole; a new migrate entry vouches for it.
    assert main(["--db", store_address, "log", "1", "--verify"]) == 0


def test_a_migrated_articles_evidence_package_verifies(
    tmp_path: Path, store_address: str, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    # `qapp`: the package's PDF report is drawn in this process; pytest-qt's application
    # must exist first, or the drawing makes a QGuiApplication that later widgets cannot use.
    archive = tmp_path / "mine.sqlite3"
    personal_archive(archive)
    storm = team_store(store_address)
    assert main(["migrate-store", "--from", str(archive), "--to", store_address]) == 0
    package = tmp_path / "storm.wacz"
    assert main(["--db", store_address, "export", str(storm), "--wacz", str(package)]) == 0
    capsys.readouterr()
    # Version 2 came with the migration: its `migrate` entry vouches for its page.
    assert main(["verify", str(package)]) == 0, capsys.readouterr().err
    assert "log intact" in capsys.readouterr().out
