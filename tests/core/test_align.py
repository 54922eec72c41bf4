"""What `align` says about the newsroom edits fact-checkers meet."""

from __future__ import annotations

from newsdiff_gui.core.align import (
    AlignOptions,
    ChangeKind,
    Diff,
    TokenOp,
    align,
    check_invariants,
)
from newsdiff_gui.core.document import Document

STORY = [
    "Seven people were injured when the roof of the Riverside market collapsed on Monday "
    "morning, fire officials said.",
    "The market, which opened in 1962, was crowded with shoppers when part of the roof gave "
    "way shortly after 9am.",
    "“We heard a crack and then everything came down,” said Maria Lopez, who runs a fruit "
    "stall near the entrance.",
    "Emergency crews worked for three hours to free two people trapped under the debris.",
    "The city council said it would open an independent inquiry into the building's "
    "maintenance record.",
    "Council leader Tom Hart said repairs to the roof had been scheduled for the spring.",
]
# Another agency's copy of the same event: same names and facts, different prose.
WIRE = [
    "A roof collapse at a busy indoor market in Riverside left at least seven shoppers hurt "
    "on Monday.",
    "Witnesses described a loud crack before sections of the ceiling fell onto stalls near "
    "the main entrance.",
    "Rescuers spent about three hours pulling two trapped people from the rubble, the fire "
    "service said.",
    "Local authorities have announced an inquiry into how the 1962 building was maintained.",
    "Repairs had been planned for the spring, according to council leader Tom Hart.",
    "Maria Lopez, a fruit seller, said everything came down within seconds.",
]


def diff_of(old: list[str], new: list[str], **options: int) -> Diff:
    diff = align(
        Document(title="Roof collapses at market", paragraphs=tuple(old)),
        Document(title="Roof collapses at market", paragraphs=tuple(new)),
        AlignOptions(**options),  # type: ignore[arg-type]
    )
    assert check_invariants(diff) == []
    return diff


def kinds(diff: Diff) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(row.kind.value, row.old, row.new) for row in diff.rows]


def test_identical_versions_are_unchanged() -> None:
    diff = diff_of(STORY, STORY)
    assert {row.kind for row in diff.rows} == {ChangeKind.UNCHANGED}
    assert diff.title.kind is ChangeKind.UNCHANGED
    assert not diff.changed


def test_a_wire_swap_is_removals_and_additions_never_edits() -> None:
    diff = diff_of(STORY, WIRE)
    assert {row.kind for row in diff.rows} == {ChangeKind.REMOVED, ChangeKind.ADDED}
    assert diff.stats.removed == len(STORY) and diff.stats.added == len(WIRE)


def test_whitespace_nbsp_zero_width_and_soft_hyphens_make_no_change() -> None:
    noisy = [
        STORY[0].replace(" ", "\u00a0", 3),
        STORY[1].replace("market", "mar\u00adket") + "  ",
        "\u200b" + STORY[2].replace(" ", "\n", 1),
        *STORY[3:],
    ]
    diff = diff_of(STORY, noisy)
    assert {row.kind for row in diff.rows} == {ChangeKind.UNCHANGED}


def test_quote_dash_and_case_changes_are_minor_edits() -> None:
    new = list(STORY)
    new[2] = new[2].replace("“", '"').replace("”", '"')
    new[3] = (
        new[3].replace("three hours", "three hours — until noon —").replace(" — until noon —", "")
    )
    new[3] = new[3].upper()
    new[4] = new[4].replace("building's", "building’s")
    diff = diff_of(STORY, new)
    edited = [row for row in diff.rows if row.kind is ChangeKind.EDITED]
    assert [row.old for row in edited] == [(2,), (3,), (4,)]
    assert all(row.minor for row in edited)
    assert not any(row.numbers_changed or row.quote_changed for row in edited)


def test_a_changed_figure_is_an_edit_with_numbers_flagged_and_phrase_tokens() -> None:
    new = list(STORY)
    new[0] = new[0].replace("Seven people were injured", "At least eight people were injured")
    diff = diff_of(STORY, new)
    row = diff.rows[0]
    assert row.kind is ChangeKind.EDITED and not row.minor
    assert row.numbers_changed and not row.quote_changed
    changes = [(t.op, t.text) for t in row.tokens if t.op is not TokenOp.EQUAL]
    assert changes == [(TokenOp.DELETE, "Seven"), (TokenOp.INSERT, "At least eight")]
    assert diff.stats.words_added == 3 and diff.stats.words_removed == 1


def test_a_changed_quote_is_flagged() -> None:
    new = list(STORY)
    new[2] = new[2].replace("then everything came down", "then the whole roof came down")
    row = diff_of(STORY, new).rows[2]
    assert row.kind is ChangeKind.EDITED and row.quote_changed and not row.numbers_changed


def test_short_equal_runs_between_changes_are_absorbed() -> None:
    old = ["The mayor of the town said on Monday that the budget was final."]
    new = ["A spokesman for the council said on Monday that the budget was final."]
    row = diff_of(old, new).rows[0]
    changed = [t for t in row.tokens if t.op is not TokenOp.EQUAL]
    # One phrase replaced ("The mayor of the town" → "A spokesman for the council"),
    # not five single words around a lonely "of the".
    assert [t.text for t in changed] == ["The mayor of the town", "A spokesman for the council"]


def test_a_moved_paragraph_is_moved_and_points_back_to_its_old_place() -> None:
    new = [STORY[0], STORY[1], STORY[3], STORY[4], STORY[2], STORY[5]]
    diff = diff_of(STORY, new)
    moved = [
        (position, row) for position, row in enumerate(diff.rows) if row.kind is ChangeKind.MOVED
    ]
    assert len(moved) == 1
    position, row = moved[0]
    assert row.old == (2,) and row.new == (4,)
    assert diff.rows[diff.moved_from(position)].old == (1,)  # it used to follow old paragraph 1
    assert diff.stats.moved == 1 and diff.stats.unchanged == 5


def test_a_moved_and_edited_paragraph() -> None:
    new = [STORY[4].replace("independent", "full"), *STORY[:4], STORY[5]]
    diff = diff_of(STORY, new)
    assert kinds(diff)[0] == ("moved_edited", (4,), (0,))
    assert diff.stats.unchanged == 5


def test_two_merged_paragraphs_and_a_split_one_say_so() -> None:
    first_half, second_half = STORY[4].split(" into ")
    new = [
        STORY[0],
        STORY[1] + " " + STORY[2],
        STORY[3],
        first_half + ".",
        "The inquiry will look into " + second_half,
        STORY[5],
    ]
    diff = diff_of(STORY, new)
    assert ("merged", (1, 2), (1,)) in kinds(diff)
    assert ("split", (4,), (3, 4)) in kinds(diff)
    assert diff.stats.added == 0 and diff.stats.removed == 0


def test_a_rewrite_gathering_sentences_from_far_away_is_a_merge() -> None:
    new = [STORY[0] + " " + STORY[3], STORY[1], STORY[2], STORY[4], STORY[5]]
    diff = diff_of(STORY, new)
    merged = [row for row in diff.rows if row.kind is ChangeKind.MERGED]
    assert [(row.old, row.new) for row in merged] == [((0, 3), (0,))]
    assert diff.stats.added == 0 and diff.stats.removed == 0


def test_split_parts_are_listed_in_the_order_their_text_appears() -> None:
    first, second = STORY[1].split(", was crowded ")
    new = [STORY[0], "It was crowded " + second, first + ".", *STORY[2:]]
    diff = diff_of(STORY, new)
    split = next(row for row in diff.rows if row.kind is ChangeKind.SPLIT)
    assert split.new == (2, 1)  # the text of new 2 comes first in the old paragraph


def test_a_paragraph_that_gained_sentences_is_edited_not_replaced() -> None:
    new = list(STORY)
    new[3] = (
        STORY[3]
        + " Both were taken to hospital. One was later released."
        + " A third man was treated at the scene."
    )
    row = diff_of(STORY, new).rows[3]
    assert row.kind is ChangeKind.EDITED and row.old == (3,)


def test_removed_paragraphs_stand_by_their_old_neighbour() -> None:
    new = [STORY[0], STORY[1], STORY[3], STORY[5]]
    diff = diff_of(STORY, new)
    assert kinds(diff) == [
        ("unchanged", (0,), (0,)),
        ("unchanged", (1,), (1,)),
        ("removed", (2,), ()),
        ("unchanged", (3,), (2,)),
        ("removed", (4,), ()),
        ("unchanged", (5,), (3,)),
    ]


def test_a_whole_article_in_one_block_reads_sentence_by_sentence() -> None:
    block = " ".join(STORY[:4]).replace("three hours", "four hours")
    diff = diff_of(STORY[:4], [block])
    (row,) = diff.rows
    assert row.kind is ChangeKind.MERGED and row.old == (0, 1, 2, 3)
    deleted = [t.text for t in row.tokens if t.op is TokenOp.DELETE]
    assert "three" in deleted
    assert sum(len(t.text.split()) for t in row.tokens if t.op is TokenOp.DELETE) <= 2


def test_sentences_inside_a_long_edited_paragraph_are_aligned_first() -> None:
    old = " ".join(STORY)  # six sentences in one paragraph
    rewritten = "An entirely new sentence about the weather replaced this one."
    new = " ".join([STORY[0], STORY[2], rewritten, STORY[4], STORY[1], STORY[5]])
    diff = diff_of([old], [new], sentence_level_min_words=20)
    (row,) = diff.rows
    assert row.kind is ChangeKind.EDITED
    deletes = [t.text.strip() for t in row.tokens if t.op is TokenOp.DELETE]
    inserts = [t.text.strip() for t in row.tokens if t.op is TokenOp.INSERT]
    # The sentence that moved inside the paragraph is said as a move, whole,
    # naming its own row: it is neither deleted nor inserted.
    moved = [(t.op, t.text.strip(), t.row) for t in row.tokens if t.op.moved]
    assert moved == [(TokenOp.MOVED_OUT, STORY[1], 0), (TokenOp.MOVED_IN, STORY[1], 0)]
    assert deletes == [STORY[3]] and inserts == [rewritten]
    assert check_invariants(diff) == []


def test_title_changes_are_tokenised() -> None:
    diff = align(
        Document(title="Seven hurt in market roof collapse", paragraphs=()),
        Document(title="Eight hurt in market roof collapse", paragraphs=()),
    )
    assert check_invariants(diff) == []
    assert diff.title.kind is ChangeKind.EDITED
    assert [t.op for t in diff.title.tokens] == [TokenOp.DELETE, TokenOp.INSERT, TokenOp.EQUAL]


def test_work_caps_stay_lossless() -> None:
    new = [STORY[1] + " " + STORY[0], *STORY[2:]]
    new[2] = new[2].replace("three", "four")
    diff = diff_of(STORY, new, max_matrix_cells=2, max_word_diff_cells=10)
    assert diff.stats.unchanged >= 3


def test_the_json_is_schema_2() -> None:
    new = list(STORY)
    new[0] = new[0].replace("Seven", "Eight")
    data = diff_of(STORY, new).to_json_dict()
    assert set(data) == {"schema", "old", "new", "title", "rows", "stats"}
    assert data["schema"] == 2
    assert {"regrouped", "sentences_moved"} <= set(data["stats"])
    assert set(data["rows"][0]) == {
        "kind", "old", "new", "similarity", "minor", "tokens", "numbers_changed", "quote_changed",
    }  # fmt: skip
    assert data["rows"][0]["kind"] == "edited" and data["rows"][0]["tokens"][0]["op"] == "delete"
    assert data["stats"]["edited"] == 1


def test_the_fewest_paragraphs_move_even_when_the_others_were_edited() -> None:
    # The lede went to the bottom while the other paragraphs were rewritten in
    # part: one move explains it, not two moved-and-edited paragraphs.
    new = [
        STORY[1].replace("shoppers when part of the roof gave way", "people when the roof fell"),
        STORY[2].replace("then everything came down", "then it all fell"),
        STORY[0],
    ]
    diff = diff_of(STORY[:3], new)
    assert kinds(diff) == [
        ("edited", (1,), (0,)),
        ("edited", (2,), (1,)),
        ("moved", (0,), (2,)),
    ]
    assert diff.moved_from(2) == -1  # it used to open the article


def test_tiny_split_parts_still_make_a_split() -> None:
    # Splitters cut at "3." and at abbreviations: the crumbs came from the old
    # paragraph, they are not new text.
    numbered = "3. " + STORY[3]
    quoted = STORY[2].replace("Maria Lopez", "Dr. Maria Lopez")
    old = [STORY[0], numbered, quoted]
    cut = quoted.index("Dr.") + len("Dr.")
    new = [STORY[0], "3.", STORY[3], quoted[:cut], quoted[cut + 1 :]]
    diff = diff_of(old, new)
    assert ("split", (1,), (1, 2)) in kinds(diff)
    assert ("split", (2,), (3, 4)) in kinds(diff)
    assert diff.stats.added == 0


def test_short_headings_pair_on_their_words_not_on_a_shared_number() -> None:
    old = ["3. Sculpt", "Challenges of AI in Healthcare", "Resluts and next steps", *STORY[:2]]
    new = ["3. Blended courses", "Challenges of Personalization at Scale", "Results and next steps"]
    diff = diff_of(old, [*new, *STORY[:2]])
    assert kinds(diff)[:5] == [
        ("removed", (0,), ()),
        ("removed", (1,), ()),
        ("added", (), (0,)),
        ("added", (), (1,)),
        ("edited", (2,), (2,)),  # a typo fixed in a four-word heading
    ]


def test_a_short_paragraph_that_gained_a_sentence_is_edited() -> None:
    old = ["Fresh herbs * Fresh dill * Basil leaves", *STORY[:2]]
    new = [old[0] + " " + STORY[5], *STORY[:2]]
    assert kinds(diff_of(old, new))[0] == ("edited", (0,), (0,))


def test_a_merged_heading_that_was_renumbered_is_part_of_the_merge() -> None:
    old = [STORY[0], STORY[4], "Step 2: Ask the council", STORY[5]]
    new = [STORY[0], STORY[4] + " Step 3: Ask the council", STORY[5]]
    assert ("merged", (1, 2), (1,)) in kinds(diff_of(old, new))


def test_a_new_heading_made_of_words_the_paragraph_holds_is_added() -> None:
    edited = STORY[4].replace("independent", "full")
    new = [STORY[0], "The council inquiry", edited, STORY[5]]
    diff = diff_of([STORY[0], STORY[4], STORY[5]], new)
    assert ("added", (), (1,)) in kinds(diff)
    assert ("edited", (1,), (2,)) in kinds(diff)
