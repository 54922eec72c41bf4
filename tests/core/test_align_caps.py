"""Work caps: inputs built to blow an aligner up stay bounded and lossless."""

from __future__ import annotations

import time

from newsdiff_gui.core.align import AlignOptions, ChangeKind, TokenOp, align, check_invariants
from newsdiff_gui.core.document import Document

SENTENCES = [
    f"Reporter {k} wrote that the {w} council met {k % 7} times about the {w} budget."
    for k, w in enumerate(["river", "harbour", "school", "market", "bridge", "tram"] * 40)
]


def timed(old: list[str], new: list[str], options: AlignOptions | None = None) -> float:
    start = time.perf_counter()
    diff = align(Document("t", tuple(old)), Document("t", tuple(new)), options or AlignOptions())
    elapsed = time.perf_counter() - start
    assert check_invariants(diff) == []
    return elapsed


def test_a_page_collapsed_into_one_block_is_a_merge() -> None:
    paragraphs = [" ".join(SENTENCES[k : k + 3]) for k in range(0, 240, 3)]
    diff = align(Document("t", tuple(paragraphs)), Document("t", (" ".join(paragraphs),)))
    assert check_invariants(diff) == []
    (row,) = diff.rows
    assert row.kind is ChangeKind.MERGED and row.old == tuple(range(len(paragraphs)))
    assert not [t for t in row.tokens if t.op is not TokenOp.EQUAL and t.text.strip()]


def test_tiny_caps_still_pair_what_they_can() -> None:
    old = SENTENCES[:60]
    new = [s.replace("council", "city council") for s in SENTENCES[:60]]
    options = AlignOptions(max_matrix_cells=100)  # 60×60 leftovers → diagonal blocks
    diff = align(Document("t", tuple(old)), Document("t", tuple(new)), options)
    assert check_invariants(diff) == []
    assert diff.stats.edited == 60


def test_huge_inputs_stay_bounded() -> None:
    many = [f"{s} Item {k}." for k, s in enumerate(SENTENCES * 10)]  # 2,400 paragraphs
    swapped = [
        f"Another text {k} about nothing in particular, number {k * 3}." for k in range(2400)
    ]
    assert timed(many, swapped) < 20
    block = " ".join(SENTENCES * 20)  # one paragraph of ~60,000 words
    edited = block.replace("harbour", "port")
    assert timed([block], [edited]) < 20
    no_breaks = block.replace(".", "")  # and no sentence breaks at all
    assert timed([no_breaks], [no_breaks.replace("tram", "bus")]) < 20
