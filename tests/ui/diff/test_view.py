"""The diff view on its own: folding, hiding minor edits, find, the overview bar."""

from __future__ import annotations

import random

from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.view import build_view
from newsdiff_gui.ui.diff.rows import display_rows
from newsdiff_gui.ui.diff.view import DiffView

PARAGRAPHS = tuple(f"Paragraph number {n} says something about the harbour." for n in range(12))


def edited_pair() -> tuple[Document, Document]:
    new = list(PARAGRAPHS)
    new[5] = "Paragraph number 5 says nothing at all about the ferry."
    new[9] = new[9].replace("harbour.", "harbour!")  # punctuation only: a minor edit
    return Document("Title", PARAGRAPHS), Document("Title", tuple(new))


def make_view(qtbot: QtBot) -> DiffView:
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_diff(align(*edited_pair()), "v1", "v2")
    view.finish_alignment()
    return view


def test_rows_fold_and_minor_edits_hide() -> None:
    diff = align(*edited_pair())
    kinds = [row.kind for row in diff.rows]
    assert kinds.count(ChangeKind.EDITED) == 2
    assert sum(row.minor for row in diff.rows) == 1
    view = build_view(diff)
    plain = display_rows(view)
    assert len(plain) == 13  # headline + 12 paragraphs
    folded = display_rows(view, hide_unchanged=True)
    assert [r.fold.count for r in folded if r.fold] == [5, 3]  # run of 2 stays
    both = display_rows(view, hide_unchanged=True, hide_minor=True)
    assert [r.fold.count for r in both if r.fold] == [5, 6]
    assert sum(r.is_change for r in both) == 1
    first_run = folded[1].fold
    assert first_run is not None
    unfolded = display_rows(view, hide_unchanged=True, expanded=frozenset({first_run.first.number}))
    assert [r.fold.count for r in unfolded if r.fold] == [3]


def test_clicking_a_folded_run_shows_it(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_hide_unchanged(True)
    assert "… 5 unchanged paragraphs" in view.new_pane.toPlainText()
    assert "Paragraph number 0" not in view.new_pane.toPlainText()
    folded = next(n for n, row in enumerate(view.rows) if row.fold)
    y = view.new_pane.row_top(folded) + 2 - view.new_pane.verticalScrollBar().value()
    qtbot.mouseClick(
        view.new_pane.viewport(), Qt.MouseButton.LeftButton, pos=QPointF(100, y).toPoint()
    )
    assert "Paragraph number 0" in view.new_pane.toPlainText()
    assert "Paragraph number 0" in view.old_pane.toPlainText()
    view.set_hide_unchanged(False)
    assert "unchanged paragraphs" not in view.new_pane.toPlainText()


def test_hide_minor_drops_the_markup_of_minor_edits(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert len(view.change_rows()) == 2
    view.set_hide_minor(True)
    assert len(view.change_rows()) == 1
    # The text stays: each side shows its own version of the paragraph.
    assert "harbour!" in view.new_pane.toPlainText()
    assert "harbour." in view.old_pane.toPlainText()


def test_find_highlights_matches_in_both_panes_in_reading_order(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.open_find()
    view.find_bar.edit.setText("ferry")
    assert len(view.find_bar.matches) == 1
    assert view.find_bar.count.text() == "1 of 1"
    view.find_bar.edit.setText("number 5")
    panes = [pane for pane, _cursor in view.find_bar.matches]
    assert panes == [view.old_pane, view.new_pane]  # same row: old side first
    assert len(view.new_pane.extraSelections()) == 1
    view.find_bar.next_match()
    assert view.new_pane.textCursor().selectedText() == "number 5"
    view.find_bar.edit.setText("no such words")
    assert view.find_bar.count.text() == "no match"
    view.find_bar.close_bar()
    assert not view.find_bar.isVisible()


def test_overview_marks_every_change_and_jumps(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    marks = view.overview.marks()
    assert [row for row, _rect in marks] == view.change_rows()
    tops = [rect.top() for _row, rect in marks]
    assert tops == sorted(tops)
    row, rect = marks[-1]
    qtbot.mouseClick(view.overview, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert view.current == row


def test_deleted_words_struck_through_and_inserted_words_underlined(qtbot: QtBot) -> None:
    from PySide6.QtGui import QTextCursor

    view = make_view(qtbot)

    def formats(pane: object, word: str, after: str = "number 5") -> tuple[bool, bool]:
        document = pane.document()  # type: ignore[attr-defined]
        cursor = document.find(word, document.find(after))
        assert not cursor.isNull(), word
        probe = QTextCursor(cursor)
        probe.setPosition(cursor.selectionEnd())
        char_format = probe.charFormat()
        return char_format.fontStrikeOut(), char_format.fontUnderline()

    assert formats(view.old_pane, "something") == (True, False)
    assert formats(view.new_pane, "nothing") == (False, True)
    assert formats(view.new_pane, "Paragraph number 3", after="Title") == (False, False)
    edited = next(n for n, row in enumerate(view.rows) if row.is_change and not row.minor)
    assert view.rows[edited].kind is ChangeKind.EDITED


def test_rows_stay_aligned_when_the_layout_skips_blocks_below_an_edit(qtbot: QtBot) -> None:
    """Short one-line paragraphs with a few edits, additions and removals: Qt left
    blocks below a padding edit unlaid (0 pixels tall), so the old pane's text ran
    lower than its bands from about row 85 on."""
    rng = random.Random(6)
    words = "council harbour barrier flood storm river budget mayor report week".split()  # noqa: SIM905
    old = [
        f"{n}. " + " ".join(rng.choice(words) for _ in range(rng.randint(6, 14))) + "."
        for n in range(300)
    ]
    new = list(old)
    for index in range(0, 300, 50):
        new[index] = new[index].replace(" ", " the ", 1)
    del new[150]
    new.insert(7, "Added paragraph 7.")
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.show_diff(align(Document("T", tuple(old)), Document("T", tuple(new))), "v1", "v2")
    view.finish_alignment()
    for pane in (view.old_pane, view.new_pane):
        for row in range(len(view.rows)):
            assert pane.measured_row_top(row) == pane.row_top(row), (pane.accessibleName(), row)
