"""Size robustness: a 5 MB paragraph without spaces, and 100,000 short paragraphs.

    .venv/bin/python benchmarks/robustness_size.py            # every case
    .venv/bin/python benchmarks/robustness_size.py CASE_NAME  # one case

Each case runs in its own process (through `benchmarks/robustness.py`, which also
runs every other hardening case) and prints its wall time and that process's
peak RSS. Targets (issue 9): the 5 MB paragraph exports as a PDF in ≤ 10 s and the
window paints it within 1 s of the comparison being selected; 100,000
paragraphs export as a PDF within 600 MB peak RSS, and the window paints only
the rows on show.

The window cases count from "the comparison is selected" (`DiffView.compare`,
which aligns in a pool job as the app does) to the first painted screen of
both panes; the PDF cases from the aligned diff to the written file
(`build_report` and `render_pdf`, as File → Export does after aligning).
"""

from __future__ import annotations

import os
import random
import string
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from newsdiff_gui.core.align import Diff, align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import ReportOptions, SourceInfo, build_report, provenance

HUGE_PARAGRAPH = 5_000_000
MANY_PARAGRAPHS = 100_000
_WORDS = [
    "council",
    "harbour",
    "barrier",
    "flood",
    "storm",
    "river",
    "budget",
    "residents",
    "mayor",
    "minister",
    "report",
    "officials",
    "said",
    "after",
    "before",
    "week",
    "people",
    "homes",
    "roads",
    "bridge",
    "water",
]


def huge_paragraph_pair(size: int = HUGE_PARAGRAPH) -> tuple[Document, Document]:
    """A short article, then the same with one unbroken paragraph of `size` letters."""
    rng = random.Random(5)
    paragraphs = tuple(
        " ".join(rng.choice(_WORDS) for _ in range(40)).capitalize() + "." for _ in range(12)
    )
    letters = string.ascii_letters + string.digits
    chunk = "".join(rng.choices(letters, k=65_536))
    blob = (chunk * (size // len(chunk) + 1))[:size]
    title = "Harbour flood barrier delayed"
    old = Document(title, paragraphs)
    new = Document(title, (*paragraphs[:4], blob, *paragraphs[4:]))
    return old, new


def many_paragraphs_pair(count: int = MANY_PARAGRAPHS) -> tuple[Document, Document]:
    """`count` short paragraphs; every 50th edited, a few added and removed."""
    rng = random.Random(6)
    old = [
        f"{n}. " + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 14))) + "."
        for n in range(count)
    ]
    new = list(old)
    for index in range(0, count, 50):
        new[index] = new[index].replace(" ", " the ", 1)
    for index in range(count - 1, 0, -997):
        del new[index]
    for index in range(7, count, 1009):
        new.insert(index, f"Added paragraph {index}.")
    title = "A live blog that never ends"
    return Document(title, tuple(old)), Document(title + " (updated)", tuple(new))


def _export_pdf(old: Document, new: Document) -> None:
    from newsdiff_gui.pdf.report import ensure_gui_application, render_pdf

    ensure_gui_application()
    diff = align(old, new)
    captured = datetime(2026, 3, 5, 18, 5, tzinfo=UTC)
    prov = provenance(
        article_url="https://news.example/huge",
        old=SourceInfo("Version 1", 1, captured, "ab" * 32, 1_000, 200),
        new=SourceInfo("Version 2", 2, captured + timedelta(hours=1), "cd" * 32, 9_000, 200),
        options=diff.options,
        exported_at=datetime(2026, 3, 11, 9, 30, tzinfo=UTC),
    )
    started = time.perf_counter()
    report = build_report(diff, prov, [], ReportOptions())
    with tempfile.TemporaryDirectory() as folder:
        pages = render_pdf(report, Path(folder) / "out.pdf")
        size = (Path(folder) / "out.pdf").stat().st_size
    seconds = time.perf_counter() - started
    print(
        f"  {len(diff.rows)} rows: {pages} pages, {size / 1e6:.1f} MB, exported in {seconds:.2f} s"
    )


def _paint_window(old: Document, new: Document) -> None:
    from newsdiff_gui.ui.diff.view import DiffView, Side

    app = QApplication.instance() or QApplication(sys.argv[:1])
    view = DiffView()
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    shown: list[int] = []
    view.diffShown.connect(shown.append)
    started = time.perf_counter()
    view.compare(Side(old, "old"), Side(new, "new"))
    stall = 0.0  # the longest the event loop was kept busy: how frozen the window felt
    while not shown:
        before = time.perf_counter()
        app.processEvents()
        stall = max(stall, time.perf_counter() - before)
        time.sleep(0.001)
    aligned = time.perf_counter() - started
    before = time.perf_counter()
    view.old_pane.viewport().repaint()
    view.new_pane.viewport().repaint()
    view.overview.repaint()
    painted = time.perf_counter() - started
    stall = max(stall, time.perf_counter() - before)
    diff = view.diff
    assert isinstance(diff, Diff)
    print(
        f"  {len(diff.rows)} rows: aligned and shown after {aligned:.2f} s, "
        f"first screen painted after {painted:.2f} s; longest UI stall {stall:.2f} s"
    )
    view.shutdown()


def cases() -> list[tuple[str, Callable[[], None]]]:
    """(name, action) for each measurement; each action builds its own input."""
    return [
        ("huge_paragraph_pdf", lambda: _export_pdf(*huge_paragraph_pair())),
        ("huge_paragraph_window", lambda: _paint_window(*huge_paragraph_pair())),
        ("many_paragraphs_pdf", lambda: _export_pdf(*many_paragraphs_pair())),
        ("many_paragraphs_window", lambda: _paint_window(*many_paragraphs_pair())),
    ]


if __name__ == "__main__":
    from robustness import run_module

    sys.exit(run_module(Path(__file__).stem, sys.argv[1:]))
