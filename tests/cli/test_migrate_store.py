"""`newsdiff migrate-store`: a personal SQLite archive moves into the team's PostgreSQL
store, merged with what is there, never duplicated, and verified afterwards."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from newsdiff_gui.cli import main
from newsdiff_gui.core.annotations import Anchor, AnchorKind, ReviewState
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def capture(text: str, minute: int) -> Capture:
    return Capture(
        raw=f"<html><p>{text}</p></html>".encode(),
        document=Document(title="Storm", paragraphs=(text,)),
        extractor="test",
        extractor_version="1",
        captured_at=T0 + timedelta(minutes=minute),
        source=VersionSource.FETCH,
        http_status=200,
    )


def personal_archive(path: Path) -> None:
    """Two articles, three versions, checks and two notes by two reviewers (one deleted)."""
    with VersionStore.open(path) as store:
        schedule = initial_state(SchedulePolicy(), T0)
        storm = store.add_article("https://news.example/storm", schedule, T0).id
        first = store.add_capture(storm, capture("Seven people died.", 0)).version
        second = store.add_capture(storm, capture("At least eight people died.", 30)).version
        store.checks.record(
            storm,
            started_at=T0,
            duration=0.5,
            outcome="new_version",
            http_status=200,
            version_id=second.id,
        )
        other = store.add_article("https://news.example/other", schedule, T0).id
        store.add_capture(other, capture("Another story.", 5))
        anchor = Anchor(kind=AnchorKind.TITLE, excerpt="Storm")
        for author, note in (("Ana", "Toll raised silently."), ("Ben", "Checked with agency.")):
            store.annotations.add(
                article_id=storm,
                from_version_id=first.id,
                to_version_id=second.id,
                anchor=anchor,
                now=T0,
                note=note,
                state=ReviewState.STEALTH_EDIT,
                author=author,
            )
        gone = store.annotations.add(
            article_id=storm,
            from_version_id=first.id,
            to_version_id=second.id,
            anchor=anchor,
            now=T0 + timedelta(minutes=1),
            note="typo",
            author="Ana",
        )
        store.annotations.delete(gone.id, T0 + timedelta(minutes=2))


def test_migrate_store_copies_merges_and_never_duplicates(
    tmp_path: Path, empty_postgres_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "mine.sqlite3"
    personal_archive(archive)
    url = empty_postgres_database
    with VersionStore.open(url) as team:  # a colleague already tracks the storm story
        storm = team.add_article(
            "https://news.example/storm", initial_state(SchedulePolicy(), T0), T0
        )
        team.add_capture(storm.id, capture("Seven people died.", 0))

    assert main(["migrate-store", "--from", str(archive), "--to", url]) == 0
    out = capsys.readouterr().out
    assert "2 articles (1 copied, 1 already there)" in out
    assert "3 versions (2 copied, 1 already there)" in out and "3 notes (3 copied" in out
    assert "verified:" in out

    with VersionStore.open(url) as team:
        articles = {a.url: a for a in team.list_articles()}
        versions = team.list_versions(articles["https://news.example/storm"].id)
        assert [v.document.paragraphs for v in versions] == [
            ("Seven people died.",),
            ("At least eight people died.",),
        ]
        with VersionStore.open(archive, read_only=True) as mine:
            assert team.raw_html(versions[1].article_id, 2) == mine.raw_html(1, 2)
        notes = team.annotations.for_pair(versions[0].id, versions[1].id)
        assert [(n.author, n.note) for n in notes] == [
            ("Ana", "Toll raised silently."),
            ("Ben", "Checked with agency."),
        ]
        assert team.checks.of_article(versions[1].article_id)[0].version_id == versions[1].id

    assert main(["migrate-store", "--from", str(archive), "--to", url]) == 0  # again
    again = capsys.readouterr().out
    assert "2 articles (0 copied, 2 already there)" in again and "0 copied, 3 already" in again


def test_a_copy_that_does_not_verify_says_what_differs(
    tmp_path: Path, empty_postgres_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "mine.sqlite3"
    personal_archive(archive)
    assert main(["migrate-store", "--from", str(archive), "--to", empty_postgres_database]) == 0
    with psycopg.connect(empty_postgres_database, autocommit=True) as team:
        team.execute(
            "UPDATE pages SET compressed = %s WHERE size = (SELECT MIN(size) FROM pages)",
            (b"x\x9c\x03\x00\x00\x00\x00\x01",),
        )  # a valid zlib stream of no bytes
        team.execute("DELETE FROM checks")
    capsys.readouterr()
    assert main(["migrate-store", "--from", str(archive), "--to", empty_postgres_database]) == 1
    error = capsys.readouterr().err
    assert error.startswith("newsdiff: error: verification failed:") and error.count("\n") == 1
    assert "does not hash to its SHA-256" in error


def test_migrate_store_refuses_the_same_store_and_a_missing_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "s.sqlite3")
    assert main(["migrate-store", "--from", path, "--to", path]) == 1
    assert "same store" in capsys.readouterr().err
    assert main(["migrate-store", "--from", path, "--to", str(tmp_path / "t.sqlite3")]) == 1
    assert "no newsdiff database at" in capsys.readouterr().err
