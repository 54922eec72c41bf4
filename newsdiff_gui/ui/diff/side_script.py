"""What one side of a diff looks like in a pane, as plain data: blocks of styled runs.

The panes' `QTextDocument`s are written on the UI thread (`document.SideWriter`),
but deciding what goes in them (which token, which style, where a block ends)
is most of the cost of a 100,000-paragraph comparison, and none of it needs Qt.
So it is done here, in the alignment's pool job, and the UI thread only plays
the blocks into a document. Nothing here touches a Qt object: a pool thread
that moves or deletes a `QObject` while holding the GIL can deadlock with the
UI thread (a `QObject` destructor there holds Qt's signal-slot lock and waits
for the GIL to ask Python about an override).

Article text enters a run as characters in displayed form (`core/visible.py`):
a bidirectional control or invisible character becomes a marker such as ⟨RLO⟩
in its own run, drawn in a quieter ink with the character's name as tooltip.

Display row 0 of every side is the headline; the rest are `rows.display_rows`.
A side with nothing in a row (the old side of an added paragraph) gets one
empty block so both sides have a block to pad to the same height.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from newsdiff_gui.core.align import ChangeKind, Row, Token, TokenOp
from newsdiff_gui.core.align.model import (
    MOVABLE_TEXT_KINDS,
    PARAGRAPH_JOINER,
    paragraph_text,
    too_long_for_words,
    too_long_note,
)
from newsdiff_gui.core.view import MoveRef, ReaderView, ViewRow
from newsdiff_gui.core.visible import visible_segments
from newsdiff_gui.ui.diff.rows import DisplayRow, moved_link, moved_tooltip

# Space between rows; the shorter side of a row gets more, to line up with the other.
ROW_GAP = 10.0
# Between the paragraphs of one split/merged row.
PART_GAP = 4.0
# A paragraph over the inline limit is written in blocks of this many characters.
LONG_TEXT_PIECE = 2_000


class Base(enum.Enum):
    """The look a run starts from."""

    PLAIN = "plain"
    TITLE = "title"  # the headline: larger and bold
    NOTE = "note"  # a fold's label or a too-long note: italic, quieter ink


@dataclass(frozen=True, slots=True)
class MoveArrow:
    """The reference leading moved text ("→ ¶9"): where it jumps, what it says on hover."""

    href: str
    tooltip: str
    kind: ChangeKind  # of the row it stands in: the arrow's ink reads on that band


@dataclass(frozen=True, slots=True)
class Style:
    """How a run is drawn; `SideWriter` turns each distinct one into one char format."""

    base: Base = Base.PLAIN
    op: TokenOp = TokenOp.EQUAL  # DELETE strikes the run through, INSERT underlines it
    tinted: bool = True  # an edited word's tint (an added or removed row's band says it)
    moved: bool = False  # shaded in the moved colour
    arrow: MoveArrow | None = None
    marker: str | None = None  # a hidden character's name: drawn as a marker


@dataclass(frozen=True, slots=True)
class ScriptBlock:
    """One block of the document: its runs, the gap below it, and whether it goes on
    with the paragraph of the block before (a piece of a too-long paragraph)."""

    base: Style
    runs: tuple[tuple[str, Style], ...]
    gap: float
    continues: bool = False


@dataclass(frozen=True, slots=True)
class RowBlocks:
    """Block numbers of one display row on one side (inclusive)."""

    first: int
    last: int


@dataclass(frozen=True, slots=True)
class SideScript:
    """One side of the panes: its blocks, and which blocks each display row holds."""

    blocks: tuple[ScriptBlock, ...]
    rows: tuple[RowBlocks, ...]


PLAIN = Style()
TITLE = Style(Base.TITLE)
NOTE = Style(Base.NOTE)


class SideScripter:
    """Writes the old (`new_side=False`) or new side of a diff as a `SideScript`, a
    few display rows at a time (`more`), so a pool job can stop between steps."""

    def __init__(self, view: ReaderView, rows: list[DisplayRow], new_side: bool) -> None:
        self.view = view
        self.diff = view.diff
        self.display = rows
        self.new_side = new_side
        self.blocks: list[ScriptBlock] = []
        self.rows: list[RowBlocks] = []
        self._base = PLAIN
        self._runs: list[tuple[str, Style]] = []
        self._continues = False
        self._open = False

    @property
    def written(self) -> int:
        """Display rows written so far."""
        return len(self.rows)

    def script(self) -> SideScript:
        """Every remaining row, and the whole side."""
        self.more(len(self.display))
        return SideScript(tuple(self.blocks), tuple(self.rows))

    def more(self, count: int) -> int:
        """Script the next `count` display rows; return `written`."""
        end = min(len(self.display), self.written + count)
        if self.written == 0 and end > 0:
            title = self.diff.new.title if self.new_side else self.diff.old.title
            if self.diff.title.kind is ChangeKind.UNCHANGED:
                self._row([(Token(TokenOp.EQUAL, paragraph_text(title)), None)], TITLE)
            else:
                self._row(self._side_tokens(self.diff.title.tokens), TITLE)
        for shown in self.display[self.written : end]:
            if shown.fold is not None:
                label = f"… {shown.fold.count} unchanged paragraphs (click to show)"
                self._row([(Token(TokenOp.EQUAL, label), None)], NOTE)
                continue
            assert shown.row is not None and shown.row.source is not None
            row = shown.row.source
            if shown.plain:  # a hidden minor edit reads as the side's own text
                text = self.diff.new_text(row) if self.new_side else self.diff.old_text(row)
                self._row([(Token(TokenOp.EQUAL, text), None)], PLAIN)
            else:
                self._row(self._row_tokens(shown.row, row), PLAIN, row.kind)
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

    # -- blocks ----------------------------------------------------------------------

    def _new_block(self, base: Style, continues: bool = False) -> None:
        if self._open:
            self._close(0.0 if continues else PART_GAP)
        self._base, self._runs, self._continues, self._open = base, [], continues, True

    def _close(self, gap: float) -> None:
        self.blocks.append(ScriptBlock(self._base, tuple(self._runs), gap, self._continues))
        self._open = False

    def _run(self, text: str, style: Style) -> None:
        if text:
            self._runs.append((text, style))

    def _end_row(self, first: int) -> None:
        # The row gap is there from the start, so aligning the panes later only
        # touches rows whose two sides differ in height (cheaper relayout).
        self.rows.append(RowBlocks(first, len(self.blocks)))
        self._close(ROW_GAP)

    # -- rows ------------------------------------------------------------------------

    def _row(
        self,
        tokens: list[tuple[Token, MoveRef | None]],
        base: Style,
        kind: ChangeKind = ChangeKind.UNCHANGED,
    ) -> None:
        whole = kind in MOVABLE_TEXT_KINDS  # added or removed: its band says so already
        if sum(len(token.text) for token, _ in tokens) > self.diff.options.max_inline_chars:
            text = "".join(token.text for token, _ in tokens)
            longest = max(len(part) for part in text.split(PARAGRAPH_JOINER))
            if too_long_for_words(longest, self.diff.options):
                self._long_row(text, longest, base)
                return
        self._new_block(base)
        first = len(self.blocks)
        for token, reference in tokens:
            if reference is not None:
                self._moved(token, reference, base, kind)
            elif whole and token.op is not TokenOp.EQUAL:
                # The row's band says "added"/"removed" already: the words keep their
                # underline or strike, and the moved text's shade stands out.
                self._text(token.text, _with_op(base, token.op, tinted=False), base)
            else:
                self._text(token.text, _with_op(base, token.op), base)
        self._end_row(first)

    def _text(self, text: str, style: Style, base: Style) -> None:
        # Paragraphs of a split/merged/regrouped row are joined with a blank line
        # in the token texts; each becomes its own block here.
        for part_number, part in enumerate(text.split(PARAGRAPH_JOINER)):
            if part_number:
                self._new_block(base)
            self._visible(part, style)

    def _visible(self, text: str, style: Style) -> None:
        for segment in visible_segments(text):
            if segment.hidden is None:
                self._run(segment.text, style)
            else:
                self._run(segment.text, _replace(style, marker=segment.description))

    def _moved(self, token: Token, reference: MoveRef, base: Style, kind: ChangeKind) -> None:
        """Text that moved to (came from) another row: led by the view's reference to
        its other place ("→ ¶9"), which jumps there when clicked, then shaded in the
        moved colour. A sentence edited on its way keeps its word changes, struck and
        underlined within the shade. Leading space of unedited text stays outside."""
        lead = "" if token.tokens else token.text[: len(token.text) - len(token.text.lstrip())]
        self._text(lead, base, base)
        arrow = MoveArrow(moved_link(reference), moved_tooltip(reference), kind)
        # No-break spaces keep the reference whole and with the text it leads.
        self._run(reference.label.replace(" ", "\u00a0") + "\u00a0", _replace(base, arrow=arrow))
        moved = _replace(base, moved=True)
        if not token.tokens:
            self._text(token.text[len(lead) :], moved, base)
        for word in token.tokens:
            self._text(word.text, _with_op(moved, word.op), base)

    def _long_row(self, text: str, longest: int, base: Style) -> None:
        """A row with a paragraph over the inline limit: a plain note, then the text
        without word highlights, in blocks of LONG_TEXT_PIECE characters.

        Word-boundary wrapping of one unbroken run costs time that grows with the
        square of its length (a 5 MB run never finished); pieces keep each block
        cheap, and the panes lay out only the pieces they show.
        """
        self._new_block(base)
        first = len(self.blocks)
        self._run(too_long_note(longest), NOTE)
        for part in text.split(PARAGRAPH_JOINER):
            for start in range(0, max(1, len(part)), LONG_TEXT_PIECE):
                # A piece that goes on with the paragraph: no gap, and copying joins it back.
                self._new_block(base, continues=bool(start))
                self._visible(part[start : start + LONG_TEXT_PIECE], base)
        self._end_row(first)


def _with_op(style: Style, op: TokenOp, tinted: bool = True) -> Style:
    return style if op is TokenOp.EQUAL else _replace(style, op=op, tinted=tinted)


def _replace(
    style: Style,
    *,
    op: TokenOp | None = None,
    tinted: bool | None = None,
    moved: bool | None = None,
    arrow: MoveArrow | None = None,
    marker: str | None = None,
) -> Style:
    """`style` with the given fields changed (cheaper than `dataclasses.replace`, which
    a 100,000-paragraph side calls hundreds of thousands of times)."""
    return Style(
        style.base,
        style.op if op is None else op,
        style.tinted if tinted is None else tinted,
        style.moved if moved is None else moved,
        style.arrow if arrow is None else arrow,
        style.marker if marker is None else marker,
    )
