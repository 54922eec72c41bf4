"""One side of a diff as a QTextDocument: a `SideScript` played into it.

What goes in the document is decided in `side_script` (plain data, made off
the UI thread); this module only turns its styles into char formats and its
blocks into document blocks, on the UI thread that owns the document.

Article text is untrusted: it only ever enters a document through
`QTextCursor.insertText`, which treats it as characters (no HTML is parsed, so
nothing in a page can load a resource or change the layout). Each run is
inserted with its own format, so the strike-through and underline land on
exactly that token's characters.
"""

from __future__ import annotations

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

from newsdiff_gui.core.align import TokenOp
from newsdiff_gui.core.view import ReaderView
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.rows import DisplayRow
from newsdiff_gui.ui.diff.side_script import (
    ROW_GAP,
    Base,
    RowBlocks,
    SideScript,
    SideScripter,
    Style,
)

# Left margin of the text: the kind marker is painted there.
GUTTER = 34.0
FRAME_MARGIN = 8.0
# Right margin of the text: numbered note badges are painted there.
NOTE_MARGIN = 24.0
# A block that goes on with the paragraph of the one before carries this property.
CONTINUES_PARAGRAPH = QTextFormat.Property.UserProperty + 1


class SideWriter:
    """Plays one side's `SideScript` into a new document, all at once (`write`) or a
    few blocks at a time (`write_more`) from the event loop."""

    def __init__(self, script: SideScript, palette: QPalette, base_font: QFont) -> None:
        self.script = script
        self.blocks: list[RowBlocks] = list(script.rows)
        self.palette = palette
        self.document = QTextDocument()
        self.document.setDefaultFont(base_font)
        self.document.setUndoRedoEnabled(False)
        self._cursor = QTextCursor(self.document)
        self._played = 0
        self._formats: dict[Style, QTextCharFormat] = {}
        self._block_formats: dict[tuple[float, bool], QTextBlockFormat] = {}
        self._bases = {Base.PLAIN: QTextCharFormat(), Base.TITLE: QTextCharFormat()}
        title_font = QFont(base_font)
        title_font.setPointSizeF(base_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self._bases[Base.TITLE].setFont(title_font)
        note = QTextCharFormat()
        note.setFontItalic(True)
        text = palette.color(QPalette.ColorRole.Text)
        note.setForeground(theme.blend(text, palette.color(QPalette.ColorRole.Base), 0.3))
        self._bases[Base.NOTE] = note
        frame = QTextFrameFormat(self.document.rootFrame().frameFormat())
        frame.setLeftMargin(GUTTER)
        frame.setRightMargin(NOTE_MARGIN)
        frame.setTopMargin(FRAME_MARGIN)
        frame.setBottomMargin(FRAME_MARGIN)
        self.document.rootFrame().setFrameFormat(frame)

    def write(self) -> QTextDocument:
        """Every block at once."""
        self.write_more(len(self.script.blocks))
        return self.document

    @property
    def played(self) -> int:
        """Blocks written so far."""
        return self._played

    @property
    def done(self) -> bool:
        return self._played == len(self.script.blocks)

    def write_more(self, count: int) -> bool:
        """Append the next `count` blocks to the document; return `done`."""
        cursor = self._cursor
        cursor.beginEditBlock()
        end = min(len(self.script.blocks), self._played + count)
        for block in self.script.blocks[self._played : end]:
            block_format = self._block_format(block.gap, block.continues)
            base = self._format(block.base)
            if self._played == 0:
                cursor.setBlockFormat(block_format)
                cursor.setBlockCharFormat(base)
            else:
                cursor.insertBlock(block_format, base)
            self._played += 1
            for text, style in block.runs:
                cursor.insertText(text, self._format(style))
        cursor.endEditBlock()
        return self.done

    def _block_format(self, gap: float, continues: bool) -> QTextBlockFormat:
        block_format = self._block_formats.get((gap, continues))
        if block_format is None:
            block_format = QTextBlockFormat()
            block_format.setBottomMargin(gap)
            if continues:
                block_format.setProperty(CONTINUES_PARAGRAPH, True)
            self._block_formats[gap, continues] = block_format
        return block_format

    def _format(self, style: Style) -> QTextCharFormat:
        char_format = self._formats.get(style)
        if char_format is None:
            char_format = self._formats[style] = self._make_format(style)
        return char_format

    def _make_format(self, style: Style) -> QTextCharFormat:
        char_format = QTextCharFormat(self._bases[style.base])
        palette = self.palette
        if style.moved:
            char_format.setBackground(theme.moved_text_background(palette))
        if style.op is not TokenOp.EQUAL:
            inserted = style.op is TokenOp.INSERT
            if style.tinted:
                char_format.setBackground(theme.token_background(inserted, palette))
            # Redline conventions: the change reads without colour, in greyscale print too.
            if inserted:
                char_format.setFontUnderline(True)
            else:
                char_format.setFontStrikeOut(True)
        if style.arrow is not None:
            char_format.setForeground(theme.moved_arrow_colour(style.arrow.kind, palette))
            char_format.setFontWeight(QFont.Weight.Bold)
            char_format.setAnchor(True)
            char_format.setAnchorHref(style.arrow.href)
            char_format.setToolTip(style.arrow.tooltip)
        if style.marker is not None:
            # A marker keeps its token's redline but reads as a marker, not as article text.
            text = palette.color(QPalette.ColorRole.Text)
            base = palette.color(QPalette.ColorRole.Base)
            char_format.setForeground(theme.blend(text, base, 0.35))
            char_format.setFontWeight(QFont.Weight.DemiBold)
            char_format.setToolTip(f"Hidden character: {style.marker}")
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


def write_side(
    view: ReaderView, rows: list[DisplayRow], new_side: bool, palette: QPalette, font: QFont
) -> SideWriter:
    """One side's document written whole, on the calling (UI) thread."""
    writer = SideWriter(SideScripter(view, rows, new_side).script(), palette, font)
    writer.write()
    return writer
