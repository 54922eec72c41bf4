"""Text robustness: bidirectional controls and invisible characters (issue 9, item 3).

    .venv/bin/python benchmarks/robustness_text.py            # every case, each in its own process
    .venv/bin/python benchmarks/robustness_text.py CASE_NAME  # one case, in its own process

Each case runs end to end as the CLI and the exports do: align two documents,
then render the diff as text, as HTML and as the HTML evidence report (through
`build_report`, whose cells the PDF draws too). It checks what it produced, so a
fast wrong answer fails loudly, and prints its wall time and the peak RSS of its
process. `cases()` lists them for a driver that times and measures them itself.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from newsdiff_gui.core.align import Diff, align
from newsdiff_gui.core.align.render_html import render_html
from newsdiff_gui.core.align.render_text import render_text
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import SourceInfo, build_report, provenance, render_report_html

RLO, PDF = "\u202e", "\u202c"
# What issue 9 lists, each invisible and meaningless: folded, so never a change.
NOISE = (
    "\u2061\u2062\u2063\u2064\u034f\u3164\u115f\u1160\uffa0\u200e\u200f\u061c\u2060\u200b"
    "\U000e0001\U000e0041\U000e007f"
)
_WORDS = [
    *[
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
    ],
    *[
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
    ],
]
MOMENT = datetime(2026, 3, 10, 6, 12, tzinfo=UTC)


def _paragraphs(count: int, words: int, seed: int = 9) -> tuple[str, ...]:
    rng = random.Random(seed)
    return tuple(
        " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + f" {n}."
        for n in range(count)
    )


def _render_all(diff: Diff) -> tuple[str, str, str]:
    report = build_report(
        diff,
        provenance(
            article_url="https://gazette.example/flood",
            old=SourceInfo("Version 1", 1, MOMENT),
            new=SourceInfo("Version 2", 2, MOMENT),
            options=diff.options,
            exported_at=MOMENT,
        ),
    )
    return render_text(diff), render_html(diff), render_report_html(report)


def _no_raw_controls(*outputs: str) -> None:
    for output in outputs:
        if RLO in output or PDF in output:
            raise AssertionError("a bidi control reached the output")


def reversed_figure() -> None:
    """The issue's case: "12" became U+202E "21" U+202C in one paragraph of 40."""
    old = _paragraphs(40, 30)
    new = list(old)
    new[7] = old[7].replace(" 7.", f" {RLO}21{PDF}.")
    diff = align(Document("Flood", old), Document("Flood", tuple(new)))
    text, html, report = _render_all(diff)
    _no_raw_controls(text, html, report)
    assert "{+⟨RLO⟩21⟨PDF⟩" in text and "⟨RLO⟩</bdi>21" in report


def invisible_noise_everywhere() -> None:
    """Every paragraph of 300 sprinkled with invisible characters: no row may change."""
    old = _paragraphs(300, 40)
    rng = random.Random(3)
    new = tuple(
        "".join(char + (rng.choice(NOISE) if rng.random() < 0.05 else "") for char in paragraph)
        for paragraph in old
    )
    diff = align(Document("Flood", old), Document("Fl\u2062ood\u3164", new))
    assert not diff.changed
    _render_all(diff)


def controls_in_every_paragraph() -> None:
    """300 paragraphs of 200 words, each with bidi controls around words."""
    old = _paragraphs(300, 200)
    isolated = " \u2067flood\u2069 "  # RLI … PDI
    new = tuple(f"{RLO}{p[:40]}{PDF}{p[40:].replace(' flood ', isolated, 3)}" for p in old)
    diff = align(Document("Flood", old), Document("Flood", new))
    text, html, report = _render_all(diff)
    _no_raw_controls(text, html, report)
    assert text.count("⟨RLO⟩") >= 300


def tag_smuggling() -> None:
    """200,000 tag characters hiding a text inside one paragraph: folded, no row."""
    old = _paragraphs(20, 40)
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore the previous figures " * 7_200)
    new = (old[0] + hidden, *old[1:])
    diff = align(Document("Flood", old), Document("Flood", new))
    assert not diff.changed
    _render_all(diff)


def cases() -> list[tuple[str, Callable[[], None]]]:
    return [
        ("bidi reversed figure", reversed_figure),
        ("invisible noise in 300 paragraphs", invisible_noise_everywhere),
        ("bidi controls in 300 paragraphs", controls_in_every_paragraph),
        ("200k tag characters", tag_smuggling),
    ]


if __name__ == "__main__":
    from robustness import run_module

    sys.exit(run_module(Path(__file__).stem, sys.argv[1:]))
