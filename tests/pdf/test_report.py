"""The PDF evidence report, read back with pypdf: what it says, how it pages, how it fails."""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import random
import re
import subprocess
import sys
import threading
import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QPdfWriter

from newsdiff_gui.core.align import ChangeKind, Diff, align
from newsdiff_gui.core.align.model import TokenOp
from newsdiff_gui.core.annotations import (
    Anchor,
    AnchorKind,
    Annotation,
    ReviewState,
    row_anchor,
    title_anchor,
)
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import Report, ReportOptions, SourceInfo, build_report, provenance
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.pdf import report as report_pdf
from newsdiff_gui.pdf import text as report_pdf_text
from newsdiff_gui.pdf.layout import Columns, Entry, Padding, paginate
from newsdiff_gui.pdf.report import (
    RESOLUTION,
    ExportCancelled,
    PageSize,
    _entries,
    _Progress,
    render_pdf,
)
from newsdiff_gui.pdf.text import MUTED, TEXT, WHITE, Typesetter
from newsdiff_gui.pdf.words import kind_ink, row_tint, word_tint
from newsdiff_gui.ui.theme import contrast

pytestmark = pytest.mark.usefixtures("qapp")

OLD_SHA = hashlib.sha256(b"old capture").hexdigest()
NEW_SHA = hashlib.sha256(b"new capture").hexdigest()
CAPTURED = datetime(2026, 3, 5, 18, 5, tzinfo=UTC)
EXPORTED = datetime(2026, 3, 11, 9, 30, tzinfo=UTC)
URL = "https://www.coastline-post.example/local/flood-barrier-delayed"
_WORDS = [
    "council",
    "harbour",
    "barrier",
    "storm",
    "budget",
    "divers",
    "residents",
    "mayor",
    "bridge",
    "water",
]


def paragraphs(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [
        f"Paragraph {n} says " + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(15, 45)))
        for n in range(count)
    ]


def pair(count: int) -> tuple[Document, Document]:
    """Old and new versions: every fifth paragraph edited, one removed, one added."""
    old = paragraphs(count)
    new = [p.replace(" says ", " now says ") if n % 5 == 2 else p for n, p in enumerate(old)]
    del new[len(new) // 2]
    new.insert(1, "A brand new paragraph about the harbour toll that nobody had seen.")
    return Document("Barrier delayed by two years", tuple(old)), Document(
        "Barrier delayed by three years", tuple(new)
    )


@functools.cache
def aligned(old: Document, new: Document) -> Diff:
    return align(old, new)


def note(diff: Diff, number: int, anchor: Anchor, text: str) -> Annotation:
    moment = CAPTURED + timedelta(days=1, minutes=number)
    return Annotation(
        number, 1, 1, 2, anchor, text, ReviewState.SIGNIFICANT, ("toll",), "Ana", moment, moment
    )


def make_report(
    old: Document,
    new: Document,
    options: ReportOptions | None = None,
    notes: bool = True,
    detached: bool = False,
) -> Report:
    diff = aligned(old, new)
    changed = [i for i, row in enumerate(diff.rows) if row.kind is not ChangeKind.UNCHANGED]
    annotations = []
    if notes:
        annotations += [
            note(diff, 1, title_anchor(diff), "The headline now says three years."),
            note(
                diff,
                2,
                row_anchor(diff, RowKey.body(changed[0])),
                "Toll figure checked with the council.",
            ),
        ]
    if detached:
        gone = Anchor(AnchorKind.ROW, ("0" * 64,), (), (0,), (), "Text that was since deleted")
        annotations.append(note(diff, 3, gone, "Written on a paragraph that is gone."))
    prov = provenance(
        article_url=URL,
        old=SourceInfo("Version 3", 3, CAPTURED, OLD_SHA, 755, 200, source="fetch"),
        new=SourceInfo("Version 4", 4, CAPTURED + timedelta(hours=14), NEW_SHA, 889, 200),
        options=diff.options,
        exported_at=EXPORTED,
    )
    return build_report(diff, prov, annotations, options)


def pdf_text(path: Path, pages: int | None = None) -> str:
    """The pages' text with whitespace runs as single spaces (pypdf splits runs oddly).

    pypdf takes about 0.2 s a page here, so tests keep their documents short.
    """
    reader = PdfReader(path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages[:pages])


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


@pytest.fixture(scope="module")
def long_pair() -> tuple[Document, Document]:
    return pair(300)


def test_the_pdf_holds_provenance_summary_legend_diff_and_notes(tmp_path: Path) -> None:
    report = make_report(*pair(8))
    out = tmp_path / "report.pdf"
    pages = render_pdf(report, out)
    text = pdf_text(out)
    assert pages == page_count(out)
    for label, value in report.provenance.header_fields():
        assert label in text
        assert " ".join(value.split()) in text, label
    assert OLD_SHA in text and NEW_SHA in text  # whole, never clipped
    assert report.options.describe() in text
    for entry in report.legend:
        assert f"{entry.label} — {entry.description}" in text
    for row in report.rows:
        if row.is_change:
            assert row.label in text
    assert "Toll figure checked with the council." in text
    assert "The headline now says three years." in text
    assert "significant · by Ana" in text
    assert "Old — Version 3 · 2026-03-05T18:05:00Z" in text
    assert f"Page 1 of {pages} · exported 2026-03-11T09:30:00Z" in text
    assert f"Page {pages} of {pages}" in text
    # The headline row comes first, then the rows in order.
    assert text.index("Barrier delayed by three years", text.index("Aligned text")) < text.index(
        "Paragraph 0 says"
    )


def test_page_count_grows_with_content_and_changes_only_is_shorter(
    tmp_path: Path, long_pair: tuple[Document, Document]
) -> None:
    short = render_pdf(make_report(*pair(8)), tmp_path / "short.pdf")
    full = render_pdf(make_report(*long_pair), tmp_path / "full.pdf")
    changes = make_report(*long_pair, ReportOptions(changes_only=True))
    only = render_pdf(changes, tmp_path / "changes.pdf")
    assert short < only < full
    assert short == page_count(tmp_path / "short.pdf")
    assert "unchanged paragraphs not shown" in pdf_text(tmp_path / "changes.pdf", pages=3)


@pytest.mark.parametrize(
    ("size", "points"), [(PageSize.A4, (595.3, 841.9)), (PageSize.LETTER, (612.0, 792.0))]
)
def test_page_sizes(tmp_path: Path, size: PageSize, points: tuple[float, float]) -> None:
    out = tmp_path / "sized.pdf"
    render_pdf(make_report(*pair(8)), out, size)
    for page in PdfReader(out).pages:
        assert float(page.mediabox.width) == pytest.approx(points[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(points[1], abs=0.5)


def test_without_notes_there_is_no_note_text(tmp_path: Path) -> None:
    report = make_report(*pair(8), ReportOptions(include_notes=False), detached=True)
    out = tmp_path / "no-notes.pdf"
    render_pdf(report, out)
    text = pdf_text(out)
    assert "Toll figure checked" not in text
    assert "Written on a paragraph" not in text
    assert "Detached notes" not in text
    assert "Notes left out of this report" in text


def test_detached_notes_have_their_own_section_with_the_text_they_were_on(
    tmp_path: Path,
) -> None:
    out = tmp_path / "detached.pdf"
    render_pdf(make_report(*pair(8), detached=True), out)
    text = pdf_text(out)
    section = text.index("Detached notes")
    assert text.index("Written on a paragraph that is gone.") > section
    assert text.index("Written on: “Text that was since deleted”") > section
    assert text.index("Toll figure checked") < section


def test_article_text_is_never_markup_and_long_strings_wrap_whole(tmp_path: Path) -> None:
    url = "https://example.org/" + "a1b2c3d4e5" * 28  # 300 characters, no break
    old, new = pair(6)
    odd = f"Officials said <b>bold</b> and <img src=x.png> then {url} ok"
    new = replace(new, paragraphs=(*new.paragraphs, odd))
    out = tmp_path / "odd.pdf"
    render_pdf(make_report(old, new), out)
    text = pdf_text(out)
    assert "Officials said <b>bold</b> and <img src=x.png> then" in text
    assert url in text.replace(" ", "")  # wrapped across lines, every character kept


def test_a_row_taller_than_a_page_continues_with_every_line(tmp_path: Path) -> None:
    words = [f"w{n:04d}" for n in range(1000)]
    old = Document("Long", ("Short opening paragraph.", " ".join(words)))
    new = Document("Long", ("Short opening paragraph, edited.", " ".join([*words[:-1], "end"])))
    out = tmp_path / "tall.pdf"
    pages = render_pdf(make_report(old, new, notes=False), out)
    assert pages >= 3
    text = pdf_text(out)
    assert "cont." in text
    # pypdf sometimes splits a word where Qt split a glyph run; the words are
    # fixed-width, so they are found again with the whitespace taken out.
    found = re.findall(r"w\d{4}", "".join(text.split()))
    # Both columns carry the row on: every word twice (old side, new side), none
    # lost or cut at a page break, in order within each side.
    assert Counter(found) == Counter(words[:-1] * 2 + words[-1:])
    assert list(dict.fromkeys(found)) == words


def test_no_block_runs_past_the_bottom_of_its_page(tmp_path: Path) -> None:
    report = make_report(*pair(120))
    writer = QPdfWriter(str(tmp_path / "unused.pdf"))
    writer.setResolution(RESOLUTION)
    width, height = 5100.0, 7000.0  # device units: 510 × 700 pt
    steps = _Progress(len(report.body), None, None)
    pages = paginate(_entries(report, Typesetter(writer), width, steps), height)
    assert len(pages) > 3
    for page in pages:
        for placed in page.blocks:
            assert placed.y + placed.block.height <= height + 1e-6


def _box(height: float, keep: float = 0.0) -> Columns:
    """A block with no text, only height (Padding chrome)."""
    return Columns((), Padding(above=height), 500.0, keep_with_next=keep)


def test_a_heading_keeps_with_the_column_headings_and_the_first_row() -> None:
    filler, heading, head, row = _box(60), _box(10, keep=5), _box(10, keep=30), _box(30)
    pages = paginate([Entry(filler), Entry(heading), Entry(head), Entry(row)], 100.0)
    # 40 is left below the filler: enough for the heading and its own keep (15),
    # not for the chain heading + column headings + first row (50).
    assert [[p.block for p in page.blocks] for page in pages] == [[filler], [heading, head, row]]


def test_a_block_that_fits_a_page_moves_whole_to_the_next() -> None:
    running = _box(5)
    first, second = _box(70), _box(50)
    pages = paginate([Entry(first, running), Entry(second, running)], 100.0)
    assert [[p.block for p in page.blocks] for page in pages] == [[first], [running, second]]
    assert [p.y for p in pages[1].blocks] == [0.0, 5.0]


def test_cancelling_raises_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    out.write_bytes(b"the user's earlier export")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        render_pdf(make_report(*pair(100)), out, cancelled=cancelled)
    assert out.read_bytes() == b"the user's earlier export"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cancelled.pdf"]  # no temp file left
    fresh = tmp_path / "never.pdf"
    with pytest.raises(ExportCancelled):
        render_pdf(make_report(*pair(8)), fresh, cancelled=lambda: True)
    assert not fresh.exists()


def test_progress_is_reported_every_few_rows_and_ends_at_the_total(tmp_path: Path) -> None:
    report = make_report(*pair(100))
    calls: list[tuple[int, int]] = []
    render_pdf(report, tmp_path / "p.pdf", progress=lambda done, total: calls.append((done, total)))
    total = len(report.body)
    assert len(calls) > 5
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done)


def test_an_unwritable_destination_raises_an_os_error_naming_it(tmp_path: Path) -> None:
    out = tmp_path / "missing folder" / "report.pdf"
    with pytest.raises(FileNotFoundError) as raised:
        render_pdf(make_report(*pair(5)), out)
    assert str(raised.value) == f"{out}: No such file or directory"
    assert raised.value.errno == errno.ENOENT


def test_the_file_gets_the_users_umask_like_any_saved_file(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    out = tmp_path / "mode.pdf"
    render_pdf(make_report(*pair(5)), out)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_it_renders_in_a_thread_pool_job(tmp_path: Path) -> None:
    """As the window runs it: a QThreadPool job, never the GUI thread."""
    report = make_report(*pair(8))
    results: list[object] = []

    def job() -> None:
        try:
            results.append((render_pdf(report, tmp_path / "worker.pdf"), threading.get_ident()))
        except BaseException as exc:  # reported by the assertion below
            results.append(exc)

    pool = QThreadPool()
    pool.start(job)
    assert pool.waitForDone(60_000)
    assert len(results) == 1 and isinstance(results[0], tuple), results
    pages, thread = results[0]
    assert thread != threading.get_ident()
    assert pages == page_count(tmp_path / "worker.pdf")
    assert "Toll figure checked" in pdf_text(tmp_path / "worker.pdf")


def test_colours_keep_text_readable() -> None:
    for kind in ChangeKind:
        tint = row_tint(kind) or WHITE
        assert contrast(TEXT, tint) >= 4.5, kind
        assert contrast(MUTED, tint) >= 4.5, kind
        assert contrast(kind_ink(kind), tint) >= 4.5, kind
    for op in (TokenOp.DELETE, TokenOp.INSERT):
        assert contrast(TEXT, word_tint(op)) >= 4.5


def test_the_headless_cli_path_creates_its_own_application(tmp_path: Path) -> None:
    out = tmp_path / "cli.pdf"
    script = (
        "import sys; from pathlib import Path\n"
        "from tests.pdf.test_report import make_report, pair\n"
        "from newsdiff_gui.pdf.report import ensure_gui_application, render_pdf\n"
        "ensure_gui_application(); ensure_gui_application()\n"
        "print(render_pdf(make_report(*pair(5)), Path(sys.argv[1])))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == page_count(out)


_BLOB_LETTERS = "bcdfghjklmnpqrstvwxz"  # no vowels: no word of the page furniture matches


def _blob(size: int, seed: int = 9) -> str:
    """Letters without a space or any other break opportunity."""
    return "".join(random.Random(seed).choices(_BLOB_LETTERS, k=size))


def _blob_runs(text: str) -> str:
    """The long runs of blob letters in `text`, joined: the blob as printed across
    lines and pages, without the page headings and footers between its parts."""
    return "".join(re.findall(f"[{_BLOB_LETTERS}]{{40,}}", "".join(text.split())))


def test_a_paragraph_over_the_inline_limit_prints_whole_plain_and_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blob = _blob(30_000)  # over the 20,000-character limit, ~10 pages
    old, new = pair(4)
    new = replace(new, paragraphs=(*new.paragraphs[:2], blob, *new.paragraphs[2:]))
    report = make_report(old, new, notes=False)
    layouts: list[int] = []

    class Counting(report_pdf_text.QTextLayout):
        def __init__(self, text: str, *args: Any) -> None:
            layouts.append(len(text))
            super().__init__(text, *args)

    monkeypatch.setattr(report_pdf_text, "QTextLayout", Counting)
    out = tmp_path / "blob.pdf"
    render_pdf(report, out)
    text = pdf_text(out)
    printed = _blob_runs(text)  # may start with the "n" of "… old version" beside it
    assert blob in printed and len(printed) - len(blob) < 3  # every character, in order
    assert "too long for word-level highlighting: 30,000 characters" in text
    # Cut into lines by counting (linear): no text layout ever holds the blob.
    assert max(layouts) < 2_000


@pytest.mark.parametrize(
    "text",
    [
        "漢字かな交じり文" * 3_000,  # wider than the monospaced font's cell
        ("e\u0301" + "a\u0308x") * 8_000,  # combining marks stay with their letter
        "Ünïcödé wörds ąčęėįšųūž " * 1_500,
        "x" * 25_000,
    ],
)
def test_long_paragraph_lines_hold_every_character_and_fit_the_column(
    text: str, tmp_path: Path
) -> None:
    writer = QPdfWriter(str(tmp_path / "measure.pdf"))
    writer.setResolution(RESOLUTION)
    typesetter = report_pdf_text.Typesetter(writer)
    width = 220 * typesetter.pt
    flow = typesetter.paragraph(text, typesetter.font(9), width)
    lines = [line for line in flow.lines if isinstance(line, report_pdf_text.PlainLine)]
    assert len(lines) == len(flow.lines) > 10
    assert "".join(line.text for line in lines) == text
    metrics = typesetter.metrics(lines[0].font)
    assert all(metrics.horizontalAdvance(line.text) <= width for line in lines)
    assert not any(unicodedata.combining(line.text[0]) for line in lines)


def test_a_long_report_is_laid_out_and_painted_a_page_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_report(*pair(60), notes=False)
    whole = tmp_path / "whole.pdf"
    whole_pages = render_pdf(report, whole)
    # Over the threshold, rows are laid out twice (counting, then painting) and a
    # page is painted as soon as it is full: when page 1 is painted, the painting
    # pass has laid out only the rows of the first pages.
    monkeypatch.setattr(report_pdf, "KEEP_PAGES_UP_TO_ROWS", 10)
    laid_out: list[int] = []
    original_row_block = report_pdf.row_block
    painted_after: list[int] = []
    original_paint_page = report_pdf._paint_page

    def row_block(*args: Any) -> Any:
        laid_out.append(1)
        return original_row_block(*args)

    def paint_page(*args: Any) -> None:
        painted_after.append(len(laid_out))
        original_paint_page(*args)

    monkeypatch.setattr(report_pdf, "row_block", row_block)
    monkeypatch.setattr(report_pdf, "_paint_page", paint_page)
    streamed = tmp_path / "streamed.pdf"
    assert render_pdf(report, streamed) == whole_pages
    rows = len(report.rows)
    assert len(laid_out) == 2 * rows
    assert painted_after[0] < rows + rows // 2  # the counting pass, then a first page's rows
    assert painted_after == sorted(painted_after)
    assert pdf_text(streamed) == pdf_text(whole)
