"""One side of a `Diff` as a QTextDocument, one or more blocks per display row.

Article text is untrusted: it only ever enters a document through
`QTextCursor.insertText`, which treats it as characters (no HTML is parsed, so
nothing in a page can load a resource or change the layout). It is inserted in
displayed form (`core/visible.py`): a bidirectional control or invisible
character becomes a marker such as ⟨RLO⟩, drawn in a quieter ink with the
character's name as tooltip, so the panes never show reversed or hidden text.
Each token is made visible on its own and inserted with its own format, so the
strike-through and underline still land on exactly that token's characters.

Display row 0 of every side is the headline; the rest are `diff_rows.display_rows`
(the reader's view, unchanged runs folded on request).
A side with nothing in a row (the old side of an added paragraph) gets one
empty block so both sides have a block to pad to the same height.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
)

from newsdiff_gui.core.align import ChangeKind, Row, Token, TokenOp
from newsdiff_gui.core.align.model import (
    MOVABLE_TEXT_KINDS,
    PARAGRAPH_JOINER,
    paragraph_text,
    too_long_for_words,
    too_long_note,
)
from newsdiff_gui.core.view import MoveRef, ReaderView, ViewRow
from newsdiff_gui.core.visible import Segment, visible_segments
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.rows import DisplayRow, moved_link, moved_tooltip

# Space between rows; the shorter side of a row gets more, to line up with the other.
ROW_GAP = 10.0
# Left margin of the text: the kind marker is painted there.
GUTTER = 34.0
FRAME_MARGIN = 8.0
# Right margin of the text: numbered note badges are painted there.
NOTE_MARGIN = 24.0
# Between the paragraphs of one split/merged row.
PART_GAP = 4.0
# A paragraph over the inline limit is written in blocks of this many characters;
# a block that goes on with the paragraph of the one before carries this property.
LONG_TEXT_PIECE = 2_000
CONTINUES_PARAGRAPH = QTextFormat.Property.UserProperty + 1


@dataclass(frozen=True, slots=True)
class RowBlocks:
    """Block numbers of one display row on one side (inclusive)."""

    first: int
    last: int


class SideWriter:
    """Writes the old (`inserted=False`) or new side of a diff into a document."""

    def __init__(
        self,
        view: ReaderView,
        rows: list[DisplayRow],
        new_side: bool,
        palette: QPalette,
        base_font: QFont,
    ) -> None:
        self.view = view
        self.diff = view.diff
        self.rows = rows
        self.new_side = new_side
        self.palette = palette
        self.document = QTextDocument()
        self.document.setDefaultFont(base_font)
        self.document.setUndoRedoEnabled(False)
        self.blocks: list[RowBlocks] = []
        self._cursor = QTextCursor(self.document)
        self._first_block = True
        self._plain = QTextCharFormat()
        self._title = QTextCharFormat()
        title_font = QFont(base_font)
        title_font.setPointSizeF(base_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._folded = QTextCharFormat()
        self._folded.setFontItalic(True)
        text = palette.color(QPalette.ColorRole.Text)
        self._folded.setForeground(theme.blend(text, palette.color(QPalette.ColorRole.Base), 0.3))
        frame = QTextFrameFormat(self.document.rootFrame().frameFormat())
        frame.setLeftMargin(GUTTER)
        frame.setRightMargin(NOTE_MARGIN)
        frame.setTopMargin(FRAME_MARGIN)
        frame.setBottomMargin(FRAME_MARGIN)
        self.document.rootFrame().setFrameFormat(frame)

    def write(self) -> QTextDocument:
        """Every row at once (`write_more` writes them a few at a time)."""
        self.write_more(len(self.rows))
        return self.document

    @property
    def written(self) -> int:
        """Display rows written so far (their blocks are in `blocks`)."""
        return len(self.blocks)

    def write_more(self, count: int) -> int:
        """Append the next `count` display rows to the document; return `written`.

        A 100,000-paragraph comparison is written a screenful first and the rest
        from the event loop, in steps, so showing it never waits for all of it.
        """
        cursor = self._cursor
        cursor.beginEditBlock()
        end = min(len(self.rows), self.written + count)
        if self.written == 0 and end > 0:
            title = self.diff.new.title if self.new_side else self.diff.old.title
            if self.diff.title.kind is ChangeKind.UNCHANGED:
                self._write_row([(Token(TokenOp.EQUAL, paragraph_text(title)), None)], self._title)
            else:
                self._write_row(self._side_tokens(self.diff.title.tokens), self._title)
        for shown in self.rows[self.written : end]:
            if shown.fold is not None:
                label = f"… {shown.fold.count} unchanged paragraphs (click to show)"
                self._write_row([(Token(TokenOp.EQUAL, label), None)], self._folded)
                continue
            assert shown.row is not None and shown.row.source is not None
            row = shown.row.source
            if shown.plain:  # a hidden minor edit reads as the side's own text
                text = self.diff.new_text(row) if self.new_side else self.diff.old_text(row)
                self._write_row([(Token(TokenOp.EQUAL, text), None)], self._plain)
            else:
                self._write_row(self._row_tokens(shown.row, row), self._plain, row.kind)
        cursor.endEditBlock()
        return self.written

    def _row_tokens(self, shown: ViewRow, row: Row) -> list[tuple[Token, MoveRef | None]]:
        """This side's tokens, each moved one with its reference to the other place."""
        if row.tokens:
            return [
                (token, shown.reference(number))
                for number, token in enumerate(row.tokens)
                if (token.op.on_new_side if self.new_side else token.op.on_old_side)
            ]
        text = self.diff.new_text(row) if self.new_side else self.diff.old_text(row)
        return [(Token(TokenOp.EQUAL, text), None)] if text else []

    def _side_tokens(self, tokens: tuple[Token, ...]) -> list[tuple[Token, MoveRef | None]]:
        """The headline's tokens whose text stands on this side (it has no moved text)."""
        if self.new_side:
            return [(t, None) for t in tokens if t.op.on_new_side]
        return [(t, None) for t in tokens if t.op.on_old_side]

    def _new_block(self, base: QTextCharFormat) -> None:
        block_format = QTextBlockFormat()
        block_format.setBottomMargin(PART_GAP)
        if self._first_block:
            self._cursor.setBlockFormat(block_format)
            self._cursor.setBlockCharFormat(base)
            self._first_block = False
        else:
            self._cursor.insertBlock(block_format, base)

    def _write_row(
        self,
        tokens: list[tuple[Token, MoveRef | None]],
        base: QTextCharFormat,
        kind: ChangeKind = ChangeKind.UNCHANGED,
    ) -> None:
        whole = kind in MOVABLE_TEXT_KINDS  # added or removed: its band says so already
        if sum(len(token.text) for token, _ in tokens) > self.diff.options.max_inline_chars:
            text = "".join(token.text for token, _ in tokens)
            longest = max(len(part) for part in text.split(PARAGRAPH_JOINER))
            if too_long_for_words(longest, self.diff.options):
                self._write_long_row(text, longest, base)
                return
        self._new_block(base)
        first = self._cursor.block().blockNumber()
        for token, reference in tokens:
            if reference is not None:
                self._write_moved(token, reference, base, kind)
            elif whole and token.op is not TokenOp.EQUAL:
                # The row's band says "added"/"removed" already: the words keep their
                # underline or strike, and the moved text's shade stands out.
                self._write_text(token.text, self._format(token.op, base, tinted=False), base)
            else:
                self._write_text(token.text, self._format(token.op, base), base)
        self._end_row(first)

    def _write_text(self, text: str, char_format: QTextCharFormat, base: QTextCharFormat) -> None:
        # Paragraphs of a split/merged/regrouped row are joined with a blank line
        # in the token texts; each becomes its own block here.
        for part_number, part in enumerate(text.split(PARAGRAPH_JOINER)):
            if part_number:
                self._new_block(base)
            self._insert(part, char_format)

    def _write_moved(
        self, token: Token, reference: MoveRef, base: QTextCharFormat, kind: ChangeKind
    ) -> None:
        """Text that moved to (came from) another row: led by the view's reference to
        its other place ("→ ¶9"), which jumps there when clicked, then shaded in the
        moved colour. A sentence edited on its way keeps its word changes, struck and
        underlined within the shade. Leading space of unedited text stays outside."""
        lead = "" if token.tokens else token.text[: len(token.text) - len(token.text.lstrip())]
        self._write_text(lead, base, base)
        link = QTextCharFormat(base)
        link.setForeground(theme.moved_arrow_colour(kind, self.palette))
        link.setFontWeight(QFont.Weight.Bold)
        link.setAnchor(True)
        link.setAnchorHref(moved_link(reference))
        link.setToolTip(moved_tooltip(reference))
        # No-break spaces keep the reference whole and with the text it leads.
        self._cursor.insertText(reference.label.replace(" ", "\u00a0") + "\u00a0", link)
        moved = QTextCharFormat(base)
        moved.setBackground(theme.moved_text_background(self.palette))
        if not token.tokens:
            self._write_text(token.text[len(lead) :], moved, base)
        for word in token.tokens:
            word_format = moved if word.op is TokenOp.EQUAL else self._format(word.op, moved)
            self._write_text(word.text, word_format, base)

    def _insert(self, text: str, char_format: QTextCharFormat) -> None:
        for segment in visible_segments(text):
            if segment.hidden is None:
                self._cursor.insertText(segment.text, char_format)
            else:
                self._cursor.insertText(segment.text, self._marker(char_format, segment))

    def _write_long_row(self, text: str, longest: int, base: QTextCharFormat) -> None:
        """A row with a paragraph over the inline limit: a plain note, then the text
        without word highlights, in blocks of LONG_TEXT_PIECE characters.

        Word-boundary wrapping of one unbroken run costs time that grows with the
        square of its length (a 5 MB run never finished); pieces keep each block
        cheap, and the panes lay out only the pieces they show.
        """
        self._new_block(base)
        first = self._cursor.block().blockNumber()
        self._cursor.insertText(too_long_note(longest), self._folded)
        for part in text.split(PARAGRAPH_JOINER):
            for start in range(0, max(1, len(part)), LONG_TEXT_PIECE):
                if start:  # the same paragraph goes on: no gap, and copying joins it back
                    block_format = self._cursor.blockFormat()
                    block_format.setBottomMargin(0.0)
                    self._cursor.setBlockFormat(block_format)
                self._new_block(base)
                if start:
                    block_format = self._cursor.blockFormat()
                    block_format.setProperty(CONTINUES_PARAGRAPH, True)
                    self._cursor.setBlockFormat(block_format)
                self._insert(part[start : start + LONG_TEXT_PIECE], base)
        self._end_row(first)

    def _end_row(self, first: int) -> None:
        last = self._cursor.block().blockNumber()
        self.blocks.append(RowBlocks(first, last))
        # The row gap is there from the start, so aligning the panes later only
        # touches rows whose two sides differ in height (cheaper relayout).
        block_format = self._cursor.blockFormat()
        block_format.setBottomMargin(ROW_GAP)
        self._cursor.setBlockFormat(block_format)

    def _marker(self, char_format: QTextCharFormat, segment: Segment) -> QTextCharFormat:
        """A marker keeps its token's redline but reads as a marker, not as article text."""
        marker = QTextCharFormat(char_format)
        text = self.palette.color(QPalette.ColorRole.Text)
        marker.setForeground(theme.blend(text, self.palette.color(QPalette.ColorRole.Base), 0.35))
        marker.setFontWeight(QFont.Weight.DemiBold)
        marker.setToolTip(f"Hidden character: {segment.description}")
        return marker

    def _format(self, op: TokenOp, base: QTextCharFormat, tinted: bool = True) -> QTextCharFormat:
        if op is TokenOp.EQUAL:
            return base
        char_format = QTextCharFormat(base)
        inserted = op is TokenOp.INSERT
        if tinted:
            char_format.setBackground(theme.token_background(inserted, self.palette))
        # Redline conventions: the change reads without colour, in greyscale print too.
        if inserted:
            char_format.setFontUnderline(True)
        else:
            char_format.setFontStrikeOut(True)
        return char_format


def set_row_padding(cursor: QTextCursor, blocks: RowBlocks, extra: float) -> None:
    """Give the row's last block the gap plus `extra` pixels below it."""
    block = cursor.document().findBlockByNumber(blocks.last)
    block_format = block.blockFormat()
    wanted = ROW_GAP + max(0.0, extra)
    if block_format.bottomMargin() != wanted:
        cursor.setPosition(block.position())
        block_format.setBottomMargin(wanted)
        cursor.setBlockFormat(block_format)
