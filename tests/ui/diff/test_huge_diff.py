"""Size caps in the panes: a paragraph over the inline limit, and 100,000 paragraphs.

Structural checks only (how much was laid out, what was written); the times are
in benchmarks/robustness_size.py.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.document import Document
from newsdiff_gui.ui.diff.side_script import LONG_TEXT_PIECE
from newsdiff_gui.ui.diff.view import DiffView, Side


def blob(size: int) -> str:
    """Letters without a space: one unbroken run."""
    return "".join(random.Random(8).choices("abcdefghijklmnopqrstuvwxyz", k=size))


def laid_out(document: QTextDocument) -> int:
    """How many blocks of the document have been laid out so far."""
    count, block = 0, document.begin()
    while block.isValid():
        layout = block.layout()
        if layout is not None and layout.lineCount() > 0:
            count += 1
        block = block.next()
    return count


def make_view(qtbot: QtBot) -> DiffView:
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def paint(view: DiffView) -> None:
    for widget in (view.old_pane.viewport(), view.new_pane.viewport(), view.overview):
        widget.repaint()


def test_a_paragraph_over_the_limit_is_written_plain_in_pieces_under_a_note(
    qtbot: QtBot,
) -> None:
    words = [f"word{n}" for n in range(4_000)]  # ~35,000 characters of prose
    edited = [*words[:2_000], "seven", *words[2_001:]]
    old = Document("T", ("Opening paragraph.", " ".join(words)))
    new = Document("T", ("Opening paragraph.", " ".join(edited)))
    diff = align(old, new)
    assert diff.rows[1].kind is ChangeKind.EDITED
    view = make_view(qtbot)
    view.show_diff(diff, "v1", "v2")
    document = view.new_pane.document()
    blocks = view.new_pane.blocks[2]  # display row 2: diff row 1
    texts = [document.findBlockByNumber(n).text() for n in range(blocks.first, blocks.last + 1)]
    assert texts[0] == f"too long for word-level highlighting: {len(' '.join(edited)):,} characters"
    assert "".join(texts[1:]) == " ".join(edited)  # in full, in pieces
    assert len(texts) > 10 and max(len(text) for text in texts) <= LONG_TEXT_PIECE
    # Plain: no word is underlined, struck through or tinted (the row still says
    # it changed, with its marker and the note).
    for number in range(blocks.first + 1, blocks.last + 1):
        fragments = document.findBlockByNumber(number).begin()
        while not fragments.atEnd():
            char_format = fragments.fragment().charFormat()
            assert not char_format.fontUnderline() and not char_format.fontStrikeOut()
            assert not char_format.hasProperty(char_format.Property.BackgroundBrush)
            fragments += 1
    assert view.rows[2].is_change
    # Copying gives the paragraph back whole, not cut where its pieces meet.
    view.new_pane.selectAll()
    copied = view.new_pane.createMimeDataFromSelection().text()
    assert " ".join(edited) in copied.split("\n")


def test_a_megabyte_paragraph_paints_without_laying_all_of_it_out(
    qtbot: QtBot,
) -> None:
    text = blob(1_000_000)
    body = tuple(f"Paragraph {n} about the harbour and the storm." for n in range(8))
    old = Document("T", body)
    new = Document("T", (*body[:3], text, *body[3:]))
    view = make_view(qtbot)
    view.show_diff(align(old, new), "v1", "v2")
    paint(view)
    document = view.new_pane.document()
    assert document.blockCount() > 500  # the paragraph is written in pieces
    # Only what the panes show (and the rows above) is laid out: not the whole
    # paragraph, which took minutes as one unbroken block.
    assert laid_out(document) < 60
    assert view.old_pane.aligned_rows < len(view.rows)
    # The rest of it is laid out step by step from the event loop; then every row
    # lines up across the panes, the huge one included.
    view.finish_alignment()
    last = len(view.rows) - 1
    for row in range(len(view.rows)):
        assert view.old_pane.row_top(row) == view.new_pane.row_top(row)
    assert view.new_pane.measured_row_top(last) == pytest.approx(view.new_pane.row_top(last))
    assert view.old_pane.measured_row_top(last) == pytest.approx(view.old_pane.row_top(last))


def test_a_hundred_thousand_paragraphs_lay_out_only_the_rows_on_show(qtbot: QtBot) -> None:
    count = 100_000
    old_paragraphs = [f"Update {n}: the ferry timetable changed again." for n in range(count)]
    new_paragraphs = list(old_paragraphs)
    for n in range(0, count, 1_000):
        new_paragraphs[n] = new_paragraphs[n].replace("again", "once more")
    old = Document("Live blog", tuple(old_paragraphs))
    new = Document("Live blog", tuple(new_paragraphs))
    view = make_view(qtbot)
    with qtbot.waitSignal(view.diffShown, timeout=300_000):
        view.compare(Side(old, "v1"), Side(new, "v2"))  # aligned and written in the pool
    paint(view)
    assert len(view.rows) == count + 1
    assert view.new_pane.document().blockCount() == count + 1
    for pane in (view.old_pane, view.new_pane):
        assert laid_out(pane.document()) < 500
        assert pane.aligned_rows < 500
    # The overview shows the changes aligned so far, read without a full layout.
    assert view.overview.marks()
    # A few steps from the event loop later, more rows are aligned, a step at a time.
    aligned = view.new_pane.aligned_rows
    for _ in range(3):
        view._next_chunk()
    assert aligned < view.new_pane.aligned_rows < aligned + 500
    QApplication.processEvents()
