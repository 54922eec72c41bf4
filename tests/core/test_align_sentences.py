"""Sentence links: text that is still there is never shown as added or removed (invariant 6)."""

from __future__ import annotations

import dataclasses

import pytest

from newsdiff_gui.core.align import (
    AlignOptions,
    ChangeKind,
    Diff,
    Row,
    Token,
    TokenOp,
    align,
    check_invariants,
)
from newsdiff_gui.core.align import links as links_module
from newsdiff_gui.core.align.invariants import expected_stats
from newsdiff_gui.core.align.links_first import first_links
from newsdiff_gui.core.align.model import PARAGRAPH_JOINER
from newsdiff_gui.core.align.regroup import link_sentences
from newsdiff_gui.core.align.sentences import text_sentences
from newsdiff_gui.core.align.tokens import diff_tokens
from newsdiff_gui.core.document import Document
from tests.core.test_align import STORY, WIRE

# A fictional agency story and another outlet's rewrite of it: the updated toll
# opens a new lede gathered from three old paragraphs, the rest regrouped.
AGENCY = [
    "Officials in the northern province of Cajamarca said a bus carrying 40 passengers left "
    "the road before dawn on Sunday. The driver had reported brake trouble at a checkpoint an "
    "hour earlier.",
    "Rescue teams recovered the bodies from a ravine about 200 metres below the road. A police "
    "spokesman said the search continued into the night.",
    "Seven people were killed when the bus plunged off a mountain road near the town of "
    "Celendin, police said. Eleven others were taken to hospital in Cajamarca city.",
    "Regional governor Ana Torres declared three days of mourning and promised an "
    "investigation into the crash.",
]
REWRITE = [
    "At least eight people were killed when the bus plunged off a mountain road near the town "
    "of Celendin, police said. Officials in the northern province of Cajamarca said a bus "
    "carrying 40 passengers left the road before dawn on Sunday.",
    "The driver had reported brake trouble at a checkpoint an hour earlier. Rescue teams "
    "recovered the bodies from a ravine about 200 metres below the road.",
    "A police spokesman said the search continued into the night. Eleven others were taken to "
    "hospital in Cajamarca city.",
    AGENCY[3],
]
# Distinct sentences for building paragraphs.
S = [
    "The mayor said on Monday that the inquiry would report before the end of the month.",
    "Police said on Tuesday that the bridge would close before the summer holidays began.",
    "A council spokesman said the market would be rebuilt before the next election.",
    "The fire chief said on Thursday that the school would reopen before the winter term.",
    "Residents said on Friday that the harbour works would resume after the storm season.",
    "The minister said the budget would be delayed until the next meeting of the cabinet.",
    "Union leaders said on Sunday that the strike would end before the deadline next week.",
    "Two witnesses said the trial would begin in the autumn at the county court in town.",
    "The coroner said the hospital would expand its mortuary before the new year started.",
    "Engineers said the tram line would be inspected every spring from now on, they said.",
    "Volunteers handed out blankets and hot drinks to families waiting outside the hall.",
    "The regional railway company said services on the coastal line would resume on Friday.",
]


def diff_of(old: list[str], new: list[str]) -> Diff:
    diff = align(Document("t", tuple(old)), Document("t", tuple(new)))
    assert check_invariants(diff) == []
    return diff


def changed_words(diff: Diff) -> list[str]:
    """Texts shown as deleted or inserted that hold a word (not a paragraph break)."""
    return [
        t.text
        for row in diff.rows
        for t in row.tokens
        if t.op in (TokenOp.DELETE, TokenOp.INSERT) and t.text.strip()
    ]


def moves(diff: Diff) -> list[tuple[int, TokenOp, str, int | None]]:
    return [
        (position, t.op, t.text.strip(), t.row)
        for position, row in enumerate(diff.rows)
        for t in row.tokens
        if t.op.moved
    ]


def test_an_agency_rewrite_shows_the_toll_change_inside_the_moved_sentence() -> None:
    diff = diff_of(AGENCY, REWRITE)
    lede = diff.rows[0]
    assert lede.kind is ChangeKind.REGROUPED
    assert lede.old == (0, 1, 2) and lede.new == (0, 1, 2)
    (toll,) = [t for t in lede.tokens if t.op is TokenOp.MOVED_IN]
    assert toll.text.startswith("At least eight people were killed")
    assert [(t.op, t.text) for t in toll.tokens[:2]] == [
        (TokenOp.DELETE, "Seven"),
        (TokenOp.INSERT, "At least eight"),
    ]
    assert toll.numbers_changed and lede.numbers_changed
    # The rest was only regrouped: no sentence is shown as deleted or inserted.
    assert changed_words(diff) == []
    assert diff.stats.sentences_moved == 1 and diff.stats.regrouped == 1
    assert (diff.stats.words_added, diff.stats.words_removed) == (3, 1)


def test_a_sentence_that_joins_the_next_paragraph_is_regrouped_not_deleted() -> None:
    old = [S[0] + " " + S[1], S[2] + " " + S[3], S[4]]
    new = [S[0], S[1] + " " + S[2] + " " + S[3], S[4]]
    diff = diff_of(old, new)
    assert [(row.kind, row.old, row.new) for row in diff.rows] == [
        (ChangeKind.REGROUPED, (0, 1), (0, 1)),
        (ChangeKind.UNCHANGED, (2,), (2,)),
    ]
    assert changed_words(diff) == [] and moves(diff) == []
    assert diff.stats.words_added == diff.stats.words_removed == 0


def test_a_removed_paragraph_names_where_its_surviving_sentence_stands() -> None:
    old = [S[0], S[1], S[2] + " " + S[3], S[4], S[5] + " " + S[6]]
    new = [S[0], S[1], S[4], S[5] + " " + S[6] + " " + S[2]]
    diff = diff_of(old, new)
    removed = diff.row_of_old(2)
    target = diff.row_of_new(3)
    assert diff.rows[removed].kind is ChangeKind.REMOVED
    assert [(t.op, t.text.strip(), t.row) for t in diff.rows[removed].tokens] == [
        (TokenOp.MOVED_OUT, S[2], target),
        (TokenOp.DELETE, S[3], None),
    ]
    assert (target, TokenOp.MOVED_IN, S[2], removed) in moves(diff)
    assert diff.stats.sentences_moved == 1
    assert diff.stats.words_removed == len(S[3].split())


def test_a_sentence_moved_across_distant_paragraphs_is_named_in_both_places() -> None:
    old = [S[0] + " " + S[1], S[2], S[3], S[4], S[5], S[6] + " " + S[7]]
    new = [S[0], S[2], S[3], S[4], S[5], S[6] + " " + S[7] + " " + S[1]]
    diff = diff_of(old, new)
    last = len(diff.rows) - 1
    assert moves(diff) == [(0, TokenOp.MOVED_OUT, S[1], last), (last, TokenOp.MOVED_IN, S[1], 0)]
    assert changed_words(diff) == []
    assert diff.rows[0].kind is ChangeKind.EDITED and diff.rows[last].kind is ChangeKind.EDITED


def test_an_edited_sentence_moved_far_away_carries_its_word_changes() -> None:
    edited = S[1].replace("Tuesday", "Wednesday")
    old = [S[0] + " " + S[1], S[2], S[3], S[4], S[5] + " " + S[6]]
    new = [S[0], S[2], S[3], S[4], S[5] + " " + S[6] + " " + edited]
    diff = diff_of(old, new)
    (arrived,) = [t for row in diff.rows for t in row.tokens if t.op is TokenOp.MOVED_IN]
    assert [(t.op, t.text) for t in arrived.tokens if t.op is not TokenOp.EQUAL] == [
        (TokenOp.DELETE, "Tuesday"),
        (TokenOp.INSERT, "Wednesday"),
    ]
    assert not arrived.numbers_changed
    assert (diff.stats.words_added, diff.stats.words_removed) == (1, 1)


def test_a_wire_swap_yields_no_moves_and_no_pairs() -> None:
    diff = diff_of(STORY, WIRE)
    assert {row.kind for row in diff.rows} == {ChangeKind.ADDED, ChangeKind.REMOVED}
    assert all(not row.tokens for row in diff.rows)


def test_the_sentence_pass_reads_no_sentence_of_an_unchanged_live_blog(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Row] = []
    original = links_module.shown_sentences

    def counting(row: Row, text: str, old_side: bool) -> object:
        calls.append(row)
        return original(row, text, old_side)

    monkeypatch.setattr(links_module, "shown_sentences", counting)
    blog = [f"Update {n}: " + S[n % len(S)] for n in range(3000)]
    diff = diff_of(blog, [*blog[:1500], "A new update about the storm.", *blog[1500:]])
    assert diff.stats.added == 1 and diff.stats.unchanged == 3000
    assert calls == []  # nothing is shown as gone, so no sentence is read
    edited = list(blog)
    edited[12] = edited[12].replace("Monday", "Sunday")
    diff_of(blog, edited)
    assert calls == []  # a changed word makes no sentence shown as gone
    edited[12] = "Update 12: " + S[5]
    diff = diff_of(blog, edited)
    # Only the replaced paragraph is read: its old side, then its new side.
    assert calls == [diff.rows[diff.row_of_old(12)], diff.rows[diff.row_of_new(12)]]


def test_sentences_and_list_clauses_keep_exact_offsets() -> None:
    text = (
        "Schools: More than 40 schools reopened; 9 clinics open; 3 (+1) shelters open. "
        "The Red Cross said more help was coming.\n\nA second paragraph."
    )
    sentences = text_sentences(text)
    assert [s.text for s in sentences] == [
        "Schools: More than 40 schools reopened;",
        "9 clinics open;",
        "3 (+1) shelters open.",
        "The Red Cross said more help was coming.",
        "A second paragraph.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_list_cut_to_one_clause_shows_only_the_cut_clauses() -> None:
    old = ["More than 40 schools reopened on Monday in the district; 9 clinics open; 3 shelters."]
    new = ["More than 55 schools reopened on Monday in the district."]
    diff = diff_of(old, new)
    (row,) = diff.rows
    assert row.kind is ChangeKind.EDITED and row.numbers_changed


def hand_made(old: list[str], new: list[str], rows: list[Row]) -> Diff:
    """A diff with the given rows (and stats that match them), as a buggy engine might make."""
    empty = align(Document("t", ()), Document("t", ()))
    draft = dataclasses.replace(
        empty, old=Document("t", tuple(old)), new=Document("t", tuple(new)), rows=tuple(rows)
    )
    return dataclasses.replace(draft, stats=expected_stats(draft))


def test_the_truth_check_catches_a_sentence_shown_as_removed_and_added() -> None:
    diff = hand_made(
        [S[0]],
        [S[0].replace("Monday", "Sunday")],  # 0.94 similar: the same sentence
        [Row(ChangeKind.REMOVED, (0,), (), None), Row(ChangeKind.ADDED, (), (0,), None)],
    )
    assert any(p.startswith("invariant 6:") for p in check_invariants(diff))
    unrelated = hand_made(
        [S[0]],
        [S[1]],
        [Row(ChangeKind.REMOVED, (0,), (), None), Row(ChangeKind.ADDED, (), (0,), None)],
    )
    assert check_invariants(unrelated) == []


def test_the_truth_check_catches_a_move_named_in_one_place_only() -> None:
    moved_out = Token(TokenOp.MOVED_OUT, S[0], row=1)
    lonely = hand_made(
        [S[0]],
        [S[1]],
        [
            Row(ChangeKind.REMOVED, (0,), (), None, tokens=(moved_out,)),
            Row(ChangeKind.ADDED, (), (0,), None),
        ],
    )
    assert any("arrive there" in p for p in check_invariants(lonely))
    no_move = hand_made(
        [S[0]],
        [S[1]],
        [
            Row(ChangeKind.REMOVED, (0,), (), None, tokens=(Token(TokenOp.DELETE, S[0]),)),
            Row(ChangeKind.ADDED, (), (0,), None),
        ],
    )
    assert any("no moved text" in p for p in check_invariants(no_move))


def test_a_sentence_appended_after_text_without_a_full_stop_still_moves() -> None:
    # The splitter cannot cut "…/tickets Police …" (no full stop): the inserted
    # text is a unit of its own.
    tickets = S[5] + " Ticket details are on the website: http://example.org/tickets"
    old = [S[0] + " " + S[1], S[2], S[3], tickets, S[4]]
    new = [S[0], S[2], S[3], tickets + " " + S[1], S[4]]
    diff = diff_of(old, new)
    assert changed_words(diff) == []
    assert moves(diff) == [
        (0, TokenOp.MOVED_OUT, S[1], 3),
        (3, TokenOp.MOVED_IN, S[1], 0),
    ]


def test_a_colon_before_a_capital_ends_a_sentence() -> None:
    heading = "Enter budget-friendly cardio options that pulsate with effectiveness:"
    text = heading + " " + S[4] + " Details: http://example.org/a"
    assert [s.text for s in text_sentences(text)] == [
        heading,
        S[4],
        "Details: http://example.org/a",
    ]


def test_a_paragraph_called_moved_only_because_its_sentences_were_regrouped_is_regrouped() -> None:
    # What the pairing made of a lede rewrite (old ¶0's first sentence joined
    # old ¶1 and ¶2's in new ¶0): a merge, a "moved" rest and two added tails.
    old = [S[0] + " " + S[1], S[2] + " " + S[3], S[4] + " " + S[5]]
    new = [S[0] + " " + S[2] + " " + S[4], S[1], S[3], S[5]]
    options = AlignOptions()
    merged_old = old[1] + PARAGRAPH_JOINER + old[2]
    rows = [
        Row(ChangeKind.MERGED, (1, 2), (0,), 0.6, tokens=diff_tokens(merged_old, new[0], options)),
        Row(ChangeKind.MOVED_EDITED, (0,), (1,), 0.5, tokens=diff_tokens(old[0], new[1], options)),
        Row(ChangeKind.ADDED, (), (2,), None),
        Row(ChangeKind.ADDED, (), (3,), None),
    ]
    (row,) = link_sentences(rows, old, new, options)
    assert (row.kind, row.old, row.new) == (ChangeKind.REGROUPED, (0, 1, 2), (0, 1, 2, 3))
    assert not any(t.op in (TokenOp.DELETE, TokenOp.INSERT) and t.text.strip() for t in row.tokens)


def test_a_list_mark_after_a_full_stop_starts_a_sentence() -> None:
    text = (
        "Yoga combines posture and breathing. \u2022 Tai chi involves slow movements. "
        "- About 72% agree."
    )
    assert [s.text for s in text_sentences(text)] == [
        "Yoga combines posture and breathing.",
        "\u2022 Tai chi involves slow movements.",
        "- About 72% agree.",
    ]


def test_the_truth_check_catches_the_same_sentence_deleted_and_inserted_in_one_change() -> None:
    edited = S[0] + " " + S[1]
    tokens = (
        Token(TokenOp.DELETE, S[0] + " "),
        Token(TokenOp.INSERT, S[2] + " "),
        Token(TokenOp.DELETE, S[1]),
        Token(TokenOp.INSERT, S[0]),
    )
    diff = hand_made(
        [edited], [S[2] + " " + S[0]], [Row(ChangeKind.EDITED, (0,), (0,), 0.5, tokens=tokens)]
    )
    assert any(p.startswith("invariant 6:") for p in check_invariants(diff))


@pytest.mark.parametrize(
    ("old", "new", "wrong"),
    [
        ((1, 0, 2), (0, 1, 2), "old [1, 0, 2] is not a run of consecutive"),
        ((0, 1, 2), (0, 2, 1), "new [0, 2, 1] is not ascending"),
    ],
)
def test_the_checker_catches_a_regrouped_row_listed_out_of_reading_order(
    old: tuple[int, ...], new: tuple[int, ...], wrong: str
) -> None:
    diff = diff_of(AGENCY, REWRITE)
    lede = diff.rows[0]
    assert (lede.kind, lede.old, lede.new) == (ChangeKind.REGROUPED, (0, 1, 2), (0, 1, 2))
    # Tokens rebuilt for the listed order, so only the listing itself is wrong.
    old_text = PARAGRAPH_JOINER.join(AGENCY[i] for i in old)
    new_text = PARAGRAPH_JOINER.join(REWRITE[j] for j in new)
    tokens = diff_tokens(old_text, new_text, AlignOptions())
    reordered = dataclasses.replace(lede, old=old, new=new, tokens=tokens)
    problems = check_invariants(dataclasses.replace(diff, rows=(reordered, *diff.rows[1:])))
    assert [p for p in problems if p.startswith("invariant 5:")] == [
        f"invariant 5: regrouped row 0 {wrong}"
        + (" paragraphs in ascending order" if "run" in wrong else "")
    ]
    assert not any(p.startswith("invariant 3:") for p in problems)


def test_a_regrouped_row_with_a_paragraph_of_its_run_elsewhere_breaks_invariant_5() -> None:
    diff = diff_of(AGENCY, REWRITE)
    lede = diff.rows[0]
    # Old ¶1 listed in another row: the run 0, 2 has a gap the reader would not see.
    gapped = dataclasses.replace(lede, old=(0, 2))
    problems = check_invariants(dataclasses.replace(diff, rows=(gapped, *diff.rows[1:])))
    assert "invariant 5: regrouped row 0 old [0, 2] is not a run of consecutive paragraphs" in (
        " ".join(problems)
    )


def test_first_links_cut_a_sentence_the_splitter_left_joined_to_a_quote() -> None:
    # Old ¶1's quote joined old ¶0 after its first sentence; the splitter cuts
    # only before a capital, so new ¶0 is one unit on that side.
    quote = "\u201cthe council will decide on the plan next week,\u201d she said."
    old = [S[0] + " " + S[1], quote + " " + S[2]]
    new = [S[0] + " " + quote, S[1] + " " + S[2]]
    rows = [
        Row(ChangeKind.EDITED, (0,), (0,), 0.5),
        Row(ChangeKind.EDITED, (1,), (1,), 0.5),
    ]
    links = first_links(rows, old, new, AlignOptions().max_inline_chars)
    moved = {(link.old.row, link.new.row, link.new.sentence.text) for link in links}
    assert (1, 0, quote) in moved
    assert (0, 1, S[1]) in moved


def test_first_links_see_no_move_in_paragraphs_edited_in_place() -> None:
    # ¶0's second sentence edited in place; ¶1 gained a near copy of its old text.
    old = [S[0] + " " + S[1], S[2] + " " + S[3]]
    new = [
        S[0] + " " + S[1].replace("Tuesday", "Wednesday"),
        S[2] + " " + S[1].replace("Tuesday", "Thursday"),
    ]
    rows = [
        Row(ChangeKind.EDITED, (0,), (0,), 0.9),
        Row(ChangeKind.EDITED, (1,), (1,), 0.5),
    ]
    assert first_links(rows, old, new, AlignOptions().max_inline_chars) == []


def test_a_row_no_sentence_left_or_joined_is_diffed_once_as_it_is() -> None:
    old, new = [S[0] + " " + S[1]], [S[0] + " " + S[1].replace("Tuesday", "Wednesday")]
    (row,) = link_sentences([Row(ChangeKind.EDITED, (0,), (0,), 0.9)], old, new, AlignOptions())
    assert row.tokens == diff_tokens(old[0], new[0], AlignOptions())
    assert not row.numbers_changed
