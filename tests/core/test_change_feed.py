"""The store's change feed: whatever another connection writes moves the token, and
`since` names what changed, so an open window can follow colleagues and watchers."""

from __future__ import annotations

from pathlib import Path

from newsdiff_gui.core.align import align
from newsdiff_gui.core.annotations import ReviewState, title_anchor
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore
from tests.core.test_annotations import NEW, OLD, T0, _stored_pair


def test_each_kind_of_write_by_another_connection_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    with VersionStore.open(path) as writer, VersionStore.open(path, read_only=True) as reader:
        start = reader.changes.token()
        assert not reader.changes.since(start).any  # nothing yet, nothing said

        article_id, old, new = _stored_pair(writer)
        seen = reader.changes.since(start)
        assert seen.new_versions == ((article_id, 1), (article_id, 2))
        assert seen.articles_changed and not seen.notes_changed

        writer.checks.record(article_id, started_at=T0, duration=0.1, outcome="unchanged")
        checked = reader.changes.since(seen.token)
        assert checked.checked_articles == (article_id,) and not checked.new_versions

        note = writer.annotations.add(
            article_id=article_id,
            from_version_id=old,
            to_version_id=new,
            anchor=title_anchor(align(OLD, NEW)),
            now=T0,
            author="Ben",
        )
        added = reader.changes.since(checked.token)
        assert added.notes_changed and not added.checked_articles
        writer.annotations.update(note.id, now=T0, state=ReviewState.SIGNIFICANT)
        edited = reader.changes.since(added.token)
        assert edited.notes_changed
        writer.annotations.delete(note.id, T0)
        deleted = reader.changes.since(edited.token)
        assert deleted.notes_changed
        writer.annotations.restore(note.id)
        assert reader.changes.since(deleted.token).notes_changed

        other = writer.add_article(
            "https://news.example/other", initial_state(SchedulePolicy(), T0), T0
        )
        before_purge = reader.changes.token()
        writer.purge_article(other.id)
        assert reader.changes.since(before_purge).articles_changed
        assert not reader.changes.since(reader.changes.token()).any
