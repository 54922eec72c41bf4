"""Help for the panes' text documents: layout Qt skipped, and copying long paragraphs."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

from newsdiff_gui.ui.diff.document import CONTINUES_PARAGRAPH
from newsdiff_gui.ui.diff.side_script import RowBlocks


def lay_out_skipped(document: QTextDocument, rows: list[RowBlocks]) -> None:
    """Lay out rows the text layout skipped, before they are measured.

    After an edit (a row's padding) while the layout still works through the
    document from the event loop, Qt may leave blocks below the edit unlaid and
    report them 0 pixels tall; a row measured so would be padded wrong and every
    row below it drawn lower than its band. Marking the rows' text dirty, once
    for all of them, makes the layout redo them now.
    """
    if not rows:
        return
    layout = document.documentLayout()
    end_block = document.findBlockByNumber(rows[-1].last)
    layout.blockBoundingRect(end_block)  # lays out everything above it when it can
    for blocks in rows:
        block_layout = document.findBlockByNumber(blocks.last).layout()
        if block_layout is None or block_layout.lineCount() == 0:
            first = document.findBlockByNumber(rows[0].first)
            end = end_block.position() + end_block.length()
            document.markContentsDirty(first.position(), end - first.position())
            return


def joined_selection(selection: QTextCursor) -> str | None:
    """The selected text with a long paragraph's pieces joined back, or None when
    the selection holds no joint (the text edit's own copy is right)."""
    start, end = selection.selectionStart(), selection.selectionEnd()
    if start == end:
        return None
    block = selection.document().findBlock(start)
    parts: list[str] = []
    joined = False
    while block.isValid() and block.position() <= end:
        piece = QTextCursor(block)
        piece.setPosition(max(start, block.position()))
        last = block.position() + block.length() - 1
        piece.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
        if parts and block.blockFormat().property(CONTINUES_PARAGRAPH):
            parts[-1] += piece.selectedText()
            joined = True
        else:
            parts.append(piece.selectedText())
        block = block.next()
    # selectedText gives line separators as U+2028; the clipboard wants "\n".
    return "\n".join(parts).replace("\u2028", "\n") if joined else None
