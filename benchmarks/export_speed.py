"""Speed of the PDF evidence report against a plain QTextDocument print, in the same run.

    .venv/bin/python benchmarks/export_speed.py [--paragraphs N] [--repeat N]

The article pair is synthetic (seeded): N paragraphs of 30–90 words, then
newsroom-like edits — words changed, figures updated, paragraphs added,
removed, moved, split and merged — aligned with `core.align.align`, with ~30
notes (a few on the headline, two detached) and full provenance. It prints
the median time of

* `render_pdf(report, A4)` (this project: layout, pagination, painting), and
* a baseline: `QTextDocument.print_()` via a `QPdfWriter` of the same old and
  new paragraphs as plain HTML-escaped paragraphs (no diff, no layout of our own),

their ratio and the page counts. Target (issue: PDF export): ≤ 3 s for 300
paragraphs on a 2-core machine; exit status 1 if it is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader
from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument

from newsdiff_gui.core.align import Diff, align
from newsdiff_gui.core.align.model import ChangeKind
from newsdiff_gui.core.annotations import (
    Anchor,
    AnchorKind,
    Annotation,
    ReviewState,
    row_anchor,
    title_anchor,
)
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import (
    Report,
    ReportOptions,
    SourceInfo,
    build_report,
    provenance,
)
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.pdf.report import PageSize, render_pdf

TARGET_SECONDS = 3.0
NOTES = 30
_VOCABULARY = (
    "council harbour barrier flood storm river budget million euros divers steel "
    "residents mayor minister report officials said would could after before during "
    "week month year people families homes roads bridge water level warning police "
    "coast guard rescue teams evacuated schools closed power lines damage insurance "
    "contract engineers delay timetable meeting public statement spokesperson"
)
_WORDS = _VOCABULARY.split()
_FIGURES = ["two", "three", "12", "40", "1,200", "31 million", "44 million", "dozens of"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(_FIGURES))
    if rng.random() < 0.15:
        words.append(f"“{' '.join(rng.choice(_WORDS) for _ in range(4))}”")
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    text = ""
    target = rng.randint(20, 70)
    while len(text.split()) < target:
        text = f"{text} {_sentence(rng)}".strip()
    return text


def _edited(rng: random.Random, paragraph: str) -> str:
    words = paragraph.split()
    for _ in range(rng.randint(1, 4)):
        position = rng.randrange(len(words))
        choice = rng.randrange(3)
        if choice == 0:
            words[position] = rng.choice(_WORDS)
        elif choice == 1:
            words.insert(position, rng.choice(_FIGURES))
        elif len(words) > 10:
            del words[position]
    return " ".join(words)


def article_pair(paragraphs: int, seed: int = 7) -> tuple[Document, Document]:
    """An old version and a new one with varied edits (about a third of rows change)."""
    rng = random.Random(seed)
    old = [_paragraph(rng) for _ in range(paragraphs)]
    new = list(old)
    for index in rng.sample(range(len(new)), len(new) // 6):
        new[index] = _edited(rng, new[index])
    for _ in range(max(1, paragraphs // 30)):  # removed
        del new[rng.randrange(len(new))]
    for _ in range(max(1, paragraphs // 30)):  # added
        new.insert(rng.randrange(len(new)), _paragraph(rng))
    for _ in range(max(1, paragraphs // 60)):  # moved (and sometimes edited)
        paragraph = new.pop(rng.randrange(len(new)))
        moved = _edited(rng, paragraph) if rng.random() < 0.5 else paragraph
        new.insert(rng.randrange(len(new)), moved)
    for _ in range(max(1, paragraphs // 100)):  # split
        index = rng.randrange(len(new))
        sentences = new[index].split(". ")
        if len(sentences) > 2:
            half = len(sentences) // 2
            new[index : index + 1] = [
                ". ".join(sentences[:half]) + ".",
                ". ".join(sentences[half:]),
            ]
    for _ in range(max(1, paragraphs // 100)):  # merged
        index = rng.randrange(len(new) - 1)
        new[index : index + 2] = [new[index] + " " + new[index + 1]]
    title = "Harbour flood barrier delayed by two years as costs rise"
    return (
        Document(title, tuple(old)),
        Document(title.replace("two years", "three years"), tuple(new)),
    )


def annotations(diff: Diff, count: int = NOTES, seed: int = 11) -> list[Annotation]:
    """Notes on changed rows, one on the headline, two whose text is gone (detached)."""
    rng = random.Random(seed)
    changed = [i for i, row in enumerate(diff.rows) if row.kind is not ChangeKind.UNCHANGED]
    rows = rng.sample(changed, min(len(changed), count - 3))
    start = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    anchors = [title_anchor(diff)] + [row_anchor(diff, RowKey.body(i)) for i in sorted(rows)]
    gone = Anchor(AnchorKind.ROW, ("0" * 64,), ("1" * 64,), (0,), (0,), "A paragraph since deleted")
    anchors += [gone, gone]
    states = list(ReviewState)
    notes = []
    for number, anchor in enumerate(anchors, 1):
        moment = start + timedelta(minutes=number)
        notes.append(
            Annotation(
                id=number,
                article_id=1,
                from_version_id=1,
                to_version_id=2,
                anchor=anchor,
                note=f"Note {number}: checked against the council papers.\n"
                + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 40))),
                state=states[number % len(states)],
                tags=("numbers",) if number % 3 == 0 else (),
                author="Ana",
                created_at=moment,
                updated_at=moment,
            )
        )
    return notes


def synthetic_report(paragraphs: int, options: ReportOptions | None = None) -> tuple[Report, Diff]:
    old, new = article_pair(paragraphs)
    diff = align(old, new)
    captured = datetime(2026, 3, 5, 18, 5, tzinfo=UTC)
    prov = provenance(
        article_url="https://www.coastline-post.example/local/flood-barrier-delayed",
        old=SourceInfo("Version 3", 3, captured, "ab" * 32, 61_234, 200, source="fetch"),
        new=SourceInfo("Version 4", 4, captured + timedelta(hours=14), "cd" * 32, 63_101, 200),
        options=diff.options,
        exported_at=datetime(2026, 3, 11, 9, 30, tzinfo=UTC),
    )
    return build_report(diff, prov, annotations(diff), options), diff


def baseline_pdf(diff: Diff, out: Path) -> int:
    """The same text, printed as plain escaped paragraphs by QTextDocument."""
    paragraphs = [*diff.old.paragraphs, *diff.new.paragraphs]
    html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setHtml(html)  # our own escaped text: nothing from outside is markup
    document.print_(writer)
    del writer  # closes the file
    return len(PdfReader(out).pages)


def median_seconds(action: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    report, diff = synthetic_report(args.paragraphs)
    changes = synthetic_report(args.paragraphs, ReportOptions(changes_only=True))[0]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        ours, pages = median_seconds(lambda: render_pdf(report, out / "r.pdf"), args.repeat)
        letter, letter_pages = median_seconds(
            lambda: render_pdf(report, out / "l.pdf", PageSize.LETTER), 1
        )
        only, only_pages = median_seconds(lambda: render_pdf(changes, out / "c.pdf"), 1)
        base, base_pages = median_seconds(lambda: baseline_pdf(diff, out / "b.pdf"), args.repeat)
    stats = diff.stats
    print(
        f"{args.paragraphs} paragraphs: {len(diff.rows)} rows, {stats.changed_rows} changed, "
        f"{len(report.notes)} notes + {len(report.detached)} detached"
    )
    print(f"render_pdf A4            {ours:6.3f} s  {pages} pages")
    print(f"render_pdf Letter        {letter:6.3f} s  {letter_pages} pages")
    print(f"render_pdf changes only  {only:6.3f} s  {only_pages} pages")
    print(f"QTextDocument.print_()   {base:6.3f} s  {base_pages} pages (baseline)")
    print(f"ratio render_pdf / baseline: {ours / base:.2f}")
    missed = args.paragraphs <= 300 and ours > TARGET_SECONDS
    print(f"target ≤ {TARGET_SECONDS:.0f} s: {'MISSED' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
