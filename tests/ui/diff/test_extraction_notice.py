"""The diff area says, above the panes, when a side's extraction may not be the whole article."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import align
from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.detail_area import version_side
from newsdiff_gui.ui.diff.comparison import Side
from newsdiff_gui.ui.diff.extraction_notice import ADVICE
from newsdiff_gui.ui.diff.view import DiffView
from tests.ui.diff.test_view import edited_pair

DOUBT = "the second extractor found 40% more text (a list may be missing)"


def _show(qtbot: QtBot, doubt: str | None) -> DiffView:
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    old, new = edited_pair()
    sides = (Side(old, "Version 1"), Side(new, "Version 2", extraction_doubt=doubt))
    view.show_diff(align(old, new), "Version 1", "Version 2", sides=sides)
    view.finish_alignment()
    return view


def test_an_unsure_side_is_named_with_its_reason_above_the_panes(qtbot: QtBot) -> None:
    view = _show(qtbot, DOUBT)
    assert view.notice.isVisible()
    assert view.notice.text().splitlines() == [
        "⚠ The extraction may be incomplete:",
        f"Version 2: {DOUBT}",
        ADVICE,
    ]
    # Above the panes, where it is read before the diff.
    assert view.notice.geometry().bottom() < view.old_pane.geometry().top()


def test_no_notice_when_both_extractions_are_sure(qtbot: QtBot) -> None:
    view = _show(qtbot, None)
    assert not view.notice.isVisible() and view.notice.text() == ""


def test_a_suspect_stored_version_brings_its_reason(store: VersionStore) -> None:
    article_id = load_demo(store)[0]
    article = store.get_article(article_id)
    version = store.list_versions(article_id)[1]
    assert version_side(article, version).extraction_doubt is None
    suspect = replace(version, suspect_extraction=True, suspect_reason="text shrank by 90%")
    assert version_side(article, suspect).extraction_doubt == "text shrank by 90%"
