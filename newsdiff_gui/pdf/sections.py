"""The PDF report's text around the diff: title, provenance, summary, legend, notes.

Each function returns layout blocks (`Columns`) for `report_pdf` to paginate.
Labels sit in a narrow left column and values wrap beside them; hashes print
in a monospace font and, like every value, wrap anywhere rather than clip.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QTextCharFormat

from newsdiff_gui.core.align.model import ChangeKind, TokenOp
from newsdiff_gui.core.annotations import ReviewState, quoted
from newsdiff_gui.core.report.legend import KIND_LABELS, LEGEND_NOTES, LegendEntry
from newsdiff_gui.core.report.model import Endnote, Piece, Report
from newsdiff_gui.core.view import MoveRef, RowKey
from newsdiff_gui.core.view.phrases import MOVED_TEXT_NOTE
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.core.words import plural
from newsdiff_gui.pdf.layout import Columns, Padding
from newsdiff_gui.pdf.text import (
    MUTED,
    RULE,
    TEXT,
    WHITE,
    Flow,
    Run,
    Typesetter,
    ink,
)
from newsdiff_gui.pdf.words import kind_ink, moved_runs, row_tint, token_runs

VALUE_SIZE = 8.5
# The legend's sample of moved text, drawn exactly as a row draws it.
MOVED_SAMPLE = Piece(
    TokenOp.MOVED_OUT,
    "moved text",
    MoveRef(TokenOp.MOVED_OUT, token=0, here=RowKey(1), there=RowKey(9), paragraph=8),
)
LABEL_SIZE = 8.0


@dataclass(frozen=True, slots=True)
class RuleChrome:
    """Space above a heading and a rule under it."""

    above: float
    below: float
    pt: float

    def top(self, first: bool) -> float:
        return self.above

    def bottom(self) -> float:
        return self.below

    def min_height(self, first: bool) -> float:
        return 0.0

    def paint(self, painter: QPainter, rect: QRectF, first: bool) -> None:
        painter.setPen(QPen(MUTED, 0.7 * self.pt))
        y = rect.bottom() - self.below / 2
        painter.drawLine(QLineF(rect.left(), y, rect.right(), y))


@dataclass(frozen=True, slots=True)
class SwatchChrome:
    """A legend entry's sample: the kind's row tint with its stripe and marker."""

    entry: LegendEntry
    marker: Flow
    rect: QRectF
    pt: float

    def top(self, first: bool) -> float:
        return 1.5 * self.pt

    def bottom(self) -> float:
        return 1.5 * self.pt

    def min_height(self, first: bool) -> float:
        return self.rect.bottom() + self.bottom()

    def paint(self, painter: QPainter, rect: QRectF, first: bool) -> None:
        box = self.rect.translated(rect.left(), rect.top())
        painter.fillRect(box, row_tint(self.entry.kind) or WHITE)
        stripe = QRectF(box.left(), box.top(), 2.5 * self.pt, box.height())
        painter.fillRect(stripe, kind_ink(self.entry.kind))  # as on the rows
        painter.setPen(TEXT)
        self.marker.paint(painter, box.left(), box.top() + 0.5 * self.pt)


@dataclass(frozen=True, slots=True)
class NoteChrome:
    """A note's number, boxed as beside its row, left of the note."""

    number: Flow
    rect: QRectF
    pt: float

    def top(self, first: bool) -> float:
        return 3 * self.pt

    def bottom(self) -> float:
        return 4 * self.pt

    def min_height(self, first: bool) -> float:
        return self.rect.bottom() + self.bottom() if first else 0.0

    def paint(self, painter: QPainter, rect: QRectF, first: bool) -> None:
        painter.setPen(QPen(RULE, 0.5 * self.pt))
        painter.drawLine(QLineF(rect.left(), rect.bottom(), rect.right(), rect.bottom()))
        if first:
            box = self.rect.translated(rect.left(), rect.top())
            painter.setPen(QPen(TEXT, 0.6 * self.pt))
            painter.drawRect(box)
            self.number.paint(painter, box.left(), box.top() + 0.5 * self.pt)


class Sections:
    """Builds the blocks for one report at one content width."""

    def __init__(self, report: Report, typesetter: Typesetter, width: float) -> None:
        self.report = report
        self.typesetter = typesetter
        self.width = width
        self.pt = typesetter.pt
        self.label_width = 90 * self.pt

    def heading(self, text: str) -> Columns:
        flow = self.typesetter.paragraph(text, self.typesetter.font(11.5, bold=True), self.width)
        chrome = RuleChrome(above=12 * self.pt, below=6 * self.pt, pt=self.pt)
        # A heading never ends a page: it needs a few lines of what follows below it.
        return Columns((flow,), chrome, self.width, keep_with_next=48 * self.pt)

    def title(self) -> list[Columns]:
        kicker = self.typesetter.paragraph(
            [Run("NEWSDIFF EVIDENCE REPORT", ink(MUTED))],
            self.typesetter.font(LABEL_SIZE, bold=True),
            self.width,
        )
        title = self.typesetter.paragraph(
            self.report.title, self.typesetter.font(16, bold=True), self.width
        )
        return [
            Columns((kicker,), Padding(below=2 * self.pt), self.width),
            Columns((title,), Padding(below=6 * self.pt), self.width),
        ]

    def field(self, label: str, value: str, *, mono: bool = False) -> Columns:
        label_flow = self.typesetter.paragraph(
            label, self.typesetter.font(LABEL_SIZE, bold=True), self.label_width - 6 * self.pt
        )
        font = self.typesetter.font(VALUE_SIZE - 0.5 if mono else VALUE_SIZE, mono=mono)
        value_flow = self.typesetter.paragraph(
            value, font, self.width - self.label_width, x=self.label_width
        )
        return Columns((label_flow, value_flow), Padding(1 * self.pt, 1.5 * self.pt), self.width)

    def provenance(self) -> list[Columns]:
        fields = self.report.provenance.header_fields()
        blocks = [self.heading("Provenance")]
        blocks += [self.field(label, value, mono="SHA-256" in label) for label, value in fields]
        blocks.append(self.field("Report", self.report.options.describe()))
        return blocks

    def summary(self) -> list[Columns]:
        summary, options = self.report.summary, self.report.options
        counts = [f"{count} {KIND_LABELS[kind]}" for kind, count in summary.kind_counts()]
        unchanged = summary.stats.unchanged
        changed = " · ".join(counts) or "none"
        stats = summary.stats
        fields = [
            ("Changed rows", f"{changed} ({unchanged} unchanged)"),
            ("Headline", "changed" if summary.title_changed else "unchanged"),
            ("Words", f"{stats.words_added} added · {stats.words_removed} removed"),
            (
                "Numbers, quotes",
                f"{plural(summary.numbers_changed_rows, 'row')} with changed numbers (#) · "
                f"{plural(summary.quote_changed_rows, 'row')} with changed quotes (“)",
            ),
        ]
        if stats.sentences_moved:  # neither added nor removed: counted on its own
            moved = plural(stats.sentences_moved, "sentence") + " moved between paragraphs"
            fields.insert(3, ("Moved", moved))
        if summary.review_states:
            fields.append(("Review", _review_line(summary.review_states)))
        if options.include_notes:
            fields.append(("Notes", f"{summary.notes} ({summary.detached_notes} detached)"))
        else:
            fields.append(("Notes", "left out of this report"))
        return [self.heading("Summary")] + [self.field(label, value) for label, value in fields]

    def legend(self) -> list[Columns]:
        blocks = [self.heading("Legend")]
        swatch = QRectF(0, 1.5 * self.pt, 26 * self.pt, 12 * self.pt)
        for entry in self.report.legend:
            marker = self.typesetter.paragraph(
                [Run(entry.marker, ink(kind_ink(entry.kind)))],
                self.typesetter.font(9, bold=True),
                swatch.width(),
                align=Qt.AlignmentFlag.AlignHCenter,
            )
            text = self.typesetter.paragraph(
                [Run(entry.label, _bold()), Run(" — " + entry.description)],
                self.typesetter.font(VALUE_SIZE),
                self.width - swatch.width() - 8 * self.pt,
                x=swatch.width() + 8 * self.pt,
            )
            chrome = SwatchChrome(entry, marker, swatch, self.pt)
            blocks.append(Columns((text,), chrome, self.width))
        # The sample is drawn exactly as an edited row draws its words.
        words = (
            Piece(TokenOp.DELETE, "deleted"),
            Piece(TokenOp.EQUAL, " "),
            Piece(TokenOp.INSERT, "inserted"),
        )
        sample = [Run("Example: "), *token_runs(words, ChangeKind.EDITED), Run(". ")]
        moved = [Run("Example: "), *moved_runs(MOVED_SAMPLE, ChangeKind.EDITED), Run(". ")]
        notes = [[*sample, Run(LEGEND_NOTES[0])]]
        notes += [[*(moved if n == MOVED_TEXT_NOTE else []), Run(n)] for n in LEGEND_NOTES[1:]]
        if self.report.notes:
            notes.append([Run("Boxed numbers beside a row refer to the notes after the diff.")])
        flow = self.typesetter.flow(
            notes, self.typesetter.font(VALUE_SIZE), self.width, spacing=self.pt
        )
        blocks.append(Columns((flow,), Padding(4 * self.pt, 2 * self.pt), self.width))
        return blocks

    def note(self, note: Endnote, *, detached: bool = False) -> Columns:
        font = self.typesetter.font(LABEL_SIZE, bold=True)
        number = str(note.number)
        box_width = max(self.typesetter.text_width(number, font) + 4 * self.pt, 14 * self.pt)
        number_flow = self.typesetter.paragraph(
            number, font, box_width, align=Qt.AlignmentFlag.AlignHCenter
        )
        box = QRectF(0, 3 * self.pt, box_width, self.typesetter.metrics(font).height() + self.pt)
        x = 24 * self.pt
        muted = ink(MUTED)
        # The model keeps notes as written (the JSON needs them so); a pasted bidi
        # control must not reorder what the PDF's reader sees, so it prints as a marker.
        byline = visible_text(note.byline)
        paragraphs: list[list[Run]] = [[Run(note.where, _bold()), Run("   " + byline, muted)]]
        if detached:
            italic = ink(MUTED)
            italic.setFontItalic(True)
            excerpt = visible_text(quoted(note.excerpt))
            paragraphs.append([Run(f"Written on: {excerpt}", italic)])
        lines = (note.note or "(no text)").splitlines()
        paragraphs += [[Run(visible_text(line))] for line in lines]
        flow = self.typesetter.flow(
            paragraphs,
            self.typesetter.font(VALUE_SIZE + 0.5),
            self.width - x,
            x=x,
            spacing=1.5 * self.pt,
        )
        return Columns((flow,), NoteChrome(number_flow, box, self.pt), self.width)

    def notes(self) -> list[Columns]:
        blocks: list[Columns] = []
        if self.report.notes:
            blocks.append(self.heading("Notes"))
            blocks += [self.note(note) for note in self.report.notes]
        if self.report.detached:
            blocks.append(self.heading("Detached notes"))
            intro = self.typesetter.paragraph(
                [
                    Run(
                        "These notes no longer match a row of this comparison: the text they "
                        "were written on changed or is gone. Each is shown with that text.",
                        ink(MUTED),
                    )
                ],
                self.typesetter.font(VALUE_SIZE),
                self.width,
            )
            blocks.append(Columns((intro,), Padding(below=2 * self.pt), self.width))
            blocks += [self.note(note, detached=True) for note in self.report.detached]
        return blocks


def _bold() -> QTextCharFormat:
    style = QTextCharFormat()
    style.setFontWeight(700)
    return style


def _review_line(states: tuple[tuple[ReviewState, int], ...]) -> str:
    """Every state with changes in it; unreviewed always, since zero is news too."""
    shown = [
        f"{count} {state.label}"
        for state, count in states
        if count or state is ReviewState.UNREVIEWED
    ]
    return " · ".join(shown)
