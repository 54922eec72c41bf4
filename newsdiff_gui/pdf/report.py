"""The evidence report as a PDF: provenance, summary, legend, the aligned diff, notes.

    ensure_gui_application()             # headless CLI only: fonts need a QGuiApplication
    pages = render_pdf(report, Path("storm.pdf"), PageSize.LETTER)

`render_pdf` may run on a worker thread (a `QThreadPool` job) while the window
stays responsive: it creates its own `QPdfWriter`, `QPainter` and text layouts
and touches no widget or pixmap. The page count must be known for every
footer: a report of ordinary length is laid out whole first, then painted; a
very long one is laid out twice, a page at a time (counting, then painting),
so its memory stays bounded. The PDF is
written beside `out` and renamed over it at the end, so a failed or cancelled
export never leaves a half-written file where the user asked for one.

All article text is plain text (see `report_pdf_text`): it is never parsed as
HTML. Qt embeds the fonts it used, so the PDF prints and extracts anywhere.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLineF, QMarginsF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from newsdiff_gui import __version__
from newsdiff_gui.core.report.export import write_atomically
from newsdiff_gui.core.report.model import Omitted, Report
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.pdf.layout import Columns, Entry, Page, Spacer, paginate_lazily
from newsdiff_gui.pdf.rows import (
    DiffGeometry,
    column_head,
    omitted_block,
    origin_block,
    row_block,
)
from newsdiff_gui.pdf.sections import Sections
from newsdiff_gui.pdf.text import MUTED, RULE, Flow, Run, Typesetter

MARGIN_MM = 15.0
# Device units per inch: 10 per point, so layout rounding stays far below a glyph.
RESOLUTION = 720
# Rows between two progress reports and cancellation checks.
PROGRESS_EVERY = 8
# Up to this many rows the pages are laid out once and kept until painted (a
# 300-paragraph report holds ~20 MB of layouts); longer reports are laid out
# twice, a page at a time, since 100,000 paragraphs kept whole took 2.2 GB.
KEEP_PAGES_UP_TO_ROWS = 2_000


class PageSize(StrEnum):
    A4 = "a4"
    LETTER = "letter"


_PAGE_SIZES = {PageSize.A4: QPageSize.PageSizeId.A4, PageSize.LETTER: QPageSize.PageSizeId.Letter}


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written at the destination."""


_application: list[QGuiApplication] = []  # kept alive for the life of the process


def ensure_gui_application() -> None:
    """Make sure a QGuiApplication exists (fonts and text layout need one).

    For the headless CLI: without an application, one is created on the
    offscreen platform unless the user chose another with QT_QPA_PLATFORM.
    """
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("the PDF export needs a QGuiApplication, not a QCoreApplication")
        return
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _application.append(QGuiApplication(sys.argv[:1] or ["newsdiff"]))


def render_pdf(
    report: Report,
    out: Path,
    page_size: PageSize = PageSize.A4,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write `report` as a PDF at `out`; return its page count.

    `progress(done_rows, total_rows)` is called every few rows, with
    `total_rows == len(report.body)`, and last with `done_rows == total_rows`
    (a row counts half when laid out and half when painted). `cancelled()` is
    polled as often; when it turns true the export stops with ExportCancelled
    and `out` is as it was (absent, or the earlier file). An OSError (no such
    folder, no permission, disk full) propagates, naming `out`.
    """
    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        raise RuntimeError("render_pdf needs a QGuiApplication: call ensure_gui_application()")
    pages = 0

    def write(temporary: Path) -> None:
        nonlocal pages
        pages = _write(report, temporary, PageSize(page_size), progress, cancelled)

    try:
        write_atomically(Path(out), write)
    except OSError as exc:
        raise _write_error(exc, Path(out)) from exc
    return pages


def _write_error(exc: OSError, out: Path) -> OSError:
    """The same kind of error (PermissionError, FileNotFoundError, …) and errno,
    naming the file the user asked for rather than our temporary one."""
    error = type(exc)(f"{out}: {exc.strerror or exc}")
    error.errno = exc.errno
    return error


class _Progress:
    """Work done, counted in rows, reported every few rows; cancellation checked as often.

    Laying a row out and painting it take about as long, so each counts half a
    row: a progress bar moves evenly through both passes and ends at the total.
    """

    def __init__(
        self,
        total: int,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.total = total
        self.halves = 0
        self.reported = 0
        self.progress = progress
        self.cancelled = cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("the PDF export was cancelled")

    def advance(self, halves: int = 1) -> None:
        self.halves += halves
        done = min(self.halves // 2, self.total)
        if done - self.reported >= PROGRESS_EVERY:
            self.reported = done
            self.check()
            if self.progress is not None:
                self.progress(done, self.total)

    def finish(self) -> None:
        if self.progress is not None and (self.reported != self.total or not self.total):
            self.progress(self.total, self.total)


def _entries(
    report: Report, typesetter: Typesetter, width: float, steps: _Progress | None
) -> Iterator[Entry]:
    """Every block in reading order: front matter, the diff, the notes.

    A generator: each row is laid out when pagination reaches it, so only the
    page being filled is held. `steps` (None: this pass reports nothing) counts
    each row laid out.
    """
    sections = Sections(report, typesetter, width)
    blocks: list[Columns] = [*sections.title(), *sections.provenance(), *sections.summary()]
    blocks += sections.legend()
    yield from (Entry(block) for block in blocks)
    geometry = DiffGeometry(width, typesetter.pt)
    head = column_head(report.provenance.old, report.provenance.new, typesetter, geometry)
    rows = _row_entries(report, typesetter, geometry, head, steps)
    first = next(rows, None)
    # The column headings stay with the first row (the headline) below them, or
    # with a good part of it when it is long.
    height = first.block.height if first is not None else 0.0
    yield Entry(sections.heading("Aligned text"))
    yield Entry(replace(head, keep_with_next=min(height, 150 * typesetter.pt)))
    if first is not None:
        yield first
    yield from rows
    yield Entry(Spacer(8 * typesetter.pt))
    yield from (Entry(block) for block in sections.notes())


def _row_entries(
    report: Report,
    typesetter: Typesetter,
    geometry: DiffGeometry,
    head: Columns,
    steps: _Progress | None,
) -> Iterator[Entry]:
    for item in report.body:
        if steps is not None:
            steps.advance()
        if isinstance(item, Omitted):
            yield Entry(omitted_block(item, typesetter, geometry), head)
            continue
        yield Entry(row_block(item, typesetter, geometry), head)
        if item.origin_of:
            yield Entry(origin_block(item, typesetter, geometry), head)


def _write(
    report: Report,
    path: Path,
    page_size: PageSize,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> int:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    layout = QPageLayout(
        QPageSize(_PAGE_SIZES[page_size]),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    writer.setTitle(report.title)
    writer.setCreator(f"newsdiff {__version__}")
    typesetter = Typesetter(writer)
    # The painter's origin is the top left of the area inside the margins.
    width, height = float(writer.width()), float(writer.height())
    steps = _Progress(len(report.body), progress, cancelled)
    frame = _Frame(report, typesetter, width, height)

    def pages(counting: _Progress | None) -> Iterator[Page]:
        entries = _entries(report, typesetter, width, counting)
        return paginate_lazily(entries, frame.content_height, cancelled)

    if len(report.body) <= KEEP_PAGES_UP_TO_ROWS:
        kept = list(pages(steps))
        total, to_paint = len(kept), iter(kept)
    else:
        # Too long to hold every page: count them (layout only), then lay out
        # again and paint each page as it fills, so memory stays bounded.
        total = sum(1 for _ in pages(steps))
        to_paint = pages(None)
    steps.check()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(errno.EIO, "Qt could not open the file for writing")
    try:
        for number, page in enumerate(to_paint, 1):
            if number > 1 and not writer.newPage():
                raise OSError(errno.EIO, "Qt could not start a new PDF page")
            frame.paint(painter, number, total)
            _paint_page(painter, page, frame.content_top, steps)
    finally:
        painter.end()
    steps.check()  # a cancel during the painting pass ends its pages early
    _check_complete(path)
    steps.finish()
    return total


def _check_complete(path: Path) -> None:
    """QPdfWriter reports no write errors; a PDF without its end marker was cut short."""
    size = path.stat().st_size
    with path.open("rb") as written:
        written.seek(max(0, size - 1024))
        tail = written.read()
    if b"%%EOF" not in tail:
        raise OSError(errno.EIO, "the PDF was not written completely (is the disk full?)")


def _paint_page(painter: QPainter, page: Page, top: float, steps: _Progress) -> None:
    for placed in page.blocks:
        placed.block.paint(painter, 0.0, top + placed.y)
        if placed.block.rows:
            steps.advance(placed.block.rows)


class _Frame:
    """The running head (article title, the versions compared) and the footer."""

    def __init__(self, report: Report, typesetter: Typesetter, width: float, height: float) -> None:
        self.typesetter = typesetter
        self.width, self.height = width, height
        self.pt = typesetter.pt
        self.font = typesetter.font(7.5)
        self.exported = to_iso(report.provenance.exported_at)
        line = typesetter.metrics(self.font).height()
        self.head_height = line + 10 * self.pt
        self.foot_height = line + 14 * self.pt  # the last row stands clear of the rule
        versions = f"{report.provenance.old.label} → {report.provenance.new.label}"
        # Labels may be file names: the versions take at most half the line.
        versions = typesetter.elided(versions, self.font, width / 2)
        versions_width = typesetter.text_width(versions, self.font)
        title = typesetter.elided(report.title, self.font, width - versions_width - 20 * self.pt)
        self.title = self._line(title, Qt.AlignmentFlag.AlignLeft)
        self.versions = self._line(versions, Qt.AlignmentFlag.AlignRight)

    def _line(self, text: str, align: Qt.AlignmentFlag) -> Flow:
        return self.typesetter.paragraph([Run(text)], self.font, self.width, align=align)

    @property
    def content_top(self) -> float:
        return self.head_height

    @property
    def content_height(self) -> float:
        return self.height - self.head_height - self.foot_height

    def paint(self, painter: QPainter, number: int, total: int) -> None:
        painter.setPen(MUTED)
        self.title.paint(painter, 0.0, 0.0)
        self.versions.paint(painter, 0.0, 0.0)
        painter.setPen(QPen(RULE, 0.5 * self.pt))
        rule = self.head_height - 5 * self.pt
        painter.drawLine(QLineF(0, rule, self.width, rule))
        foot_top = self.height - self.foot_height + 9 * self.pt
        painter.drawLine(QLineF(0, foot_top, self.width, foot_top))
        footer = self._line(
            f"Page {number} of {total} · exported {self.exported}", Qt.AlignmentFlag.AlignRight
        )
        painter.setPen(MUTED)
        footer.paint(painter, 0.0, foot_top + 3 * self.pt)
