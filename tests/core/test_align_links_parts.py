"""A heading without a full stop that a new layout runs into the paragraph after it
stands: it is a part of the new sentence, not a removed paragraph."""

from __future__ import annotations

from newsdiff_gui.core.align import ChangeKind, Row, Token, TokenOp, align, check_invariants
from newsdiff_gui.core.align.links import find_links
from newsdiff_gui.core.align.links_parts import part_sentences
from newsdiff_gui.core.align.sentences import text_sentences
from newsdiff_gui.core.document import Document

OPENING = (
    "A startling share of guests say they remember an event by how smoothly it was run "
    "and by how well its hosts answered their questions on the day."
)
REASON = (
    "That is why careful planning matters so much. Our process has seven steps that "
    "keep everything running smoothly from start to finish."
)
HEADING = "Step 1: Define Your Event Goals and Objectives"
GOALS = "Clear goals are the cornerstone of effective event planning."
MEASURE = (
    "Without defined objectives, measuring success or knowing whether every effort points "
    "the same way will be hard."
)
LIST = (
    "- Identify the purpose of the event: decide the main reason for hosting it, whether "
    "it is to educate, celebrate or promote something new."
)


def struck(diff: object) -> str:
    rows = diff.rows  # type: ignore[attr-defined]
    parts = [t.text for row in rows for t in row.tokens if t.op is TokenOp.DELETE]
    return " ".join(parts)


def test_a_heading_run_into_the_next_paragraph_is_regrouped_not_removed() -> None:
    old = Document("Plan", (f"{OPENING} {REASON}", HEADING, f"{GOALS} {MEASURE}", LIST))
    # A new layout redraws the paragraphs: the heading, which has no full stop, now
    # runs into the goals sentence; the splitter reads the two as one sentence. It
    # paired, as an edited copy, with the goals sentence alone, and the heading's
    # own paragraph was shown removed while every word of it stands.
    new = Document("Plan", (OPENING, f"{REASON} {HEADING} {GOALS}", f"{MEASURE} {LIST}"))
    diff = align(old, new)
    assert not check_invariants(diff)
    removed = [row for row in diff.rows if row.kind is ChangeKind.REMOVED]
    assert not removed, [(r.old, r.tokens) for r in removed]
    assert "Define Your Event Goals" not in struck(diff)
    # Nothing but paragraph breaks changed.
    changed = [t.text for row in diff.rows for t in row.tokens if t.op is TokenOp.DELETE]
    assert all(not text.strip() for text in changed), changed


def test_parts_are_offered_only_for_whole_sentences_of_the_other_side() -> None:
    class Place:
        def __init__(self, sentence: object) -> None:
            self.sentence = sentence

    title = "Define Your Event Goals and Objectives"
    joined = text_sentences(f"{title} Clear goals are the cornerstone of planning.")
    heading = text_sentences(title)
    assert len(joined) == 1  # the splitter cannot cut before "Clear"
    parts = part_sentences([Place(joined[0])], [Place(heading[0])])
    assert [part.text for _, part in parts] == [
        title,
        "Clear goals are the cornerstone of planning.",
    ]
    # Two words of the heading are no sentence of the other side.
    partial = text_sentences("Define Your")
    assert part_sentences([Place(joined[0])], [Place(partial[0])]) == []
    # No space between them: one word to a reader, never cut.
    glued = text_sentences("Brake fluid and coolant—Belts and hoses and lights")
    other = text_sentences("Brake fluid and coolant")
    assert part_sentences([Place(glued[0])], [Place(other[0])]) == []


def test_links_pair_a_sentence_with_the_part_of_a_joined_sentence_it_opens() -> None:
    # What the rows show after diffing: one row struck a sentence, another inserted
    # a sentence that opens with the same words and runs on (joined with ", and").
    # The struck sentence links to that part, the rest stays inserted.
    feeding = "Feeding depends on the quality of your soil."
    joined = "Feeding depends on the quality of your soil, and seedlings like a weekly feed."
    old_texts = [f"Water the roots. {feeding}", "Beans climb any support you give them."]
    new_texts = ["Water the roots.", f"Beans climb any support you give them. {joined}"]
    struck_row = Row(
        ChangeKind.EDITED,
        (0,),
        (0,),
        0.5,
        tokens=(Token(TokenOp.EQUAL, "Water the roots."), Token(TokenOp.DELETE, f" {feeding}")),
    )
    grown_row = Row(
        ChangeKind.EDITED,
        (1,),
        (1,),
        0.5,
        tokens=(
            Token(TokenOp.EQUAL, "Beans climb any support you give them."),
            Token(TokenOp.INSERT, f" {joined}"),
        ),
    )
    links = find_links([struck_row, grown_row], old_texts, new_texts)
    assert [(link.old.sentence.text, link.new.sentence.text) for link in links] == [
        (feeding, "Feeding depends on the quality of your soil,")
    ]
