"""The benchmark's judges are tested too: the sentence-level false-claim scorer, the
accepted accounts of a regrouping, the flag scores, and the rewrite edits' truth."""

from __future__ import annotations

import dataclasses
import random

from benchmarks.alignment_score import score_rows
from benchmarks.difflib_baseline import baseline_align
from benchmarks.revision_facts import edit_flags, lone_quote
from benchmarks.revision_rewrites import mojibake_text, noise_emphasis
from benchmarks.revision_script import TruthRow
from benchmarks.sentence_truth import count, false_claims
from newsdiff_gui.core.align import ChangeKind, Diff, Row, Token, TokenOp
from newsdiff_gui.core.align.invariants import expected_stats
from newsdiff_gui.core.align.model import DiffStats, TitleChange
from newsdiff_gui.core.document import Document

KEPT = "Crews worked through the night to shore up the old levee near the bridge."
OLD = (
    f"The river rose by two metres overnight in the north of the valley. {KEPT}",
    "Schools will stay closed for the rest of the week, officials said on Tuesday.",
)
NEW = (
    "The river rose by two metres overnight in the north of the valley.",
    f"Schools will stay closed for the rest of the week, officials said on Tuesday. {KEPT}",
)


def _diff(old: tuple[str, ...], new: tuple[str, ...], rows: list[Row]) -> Diff:
    title = TitleChange(ChangeKind.UNCHANGED, (Token(TokenOp.EQUAL, "t"),))
    draft = Diff(Document("t", old), Document("t", new), title, tuple(rows), DiffStats())
    return dataclasses.replace(draft, stats=expected_stats(draft))


def _edited(old: int, new: int, *tokens: tuple[TokenOp, str, int | None]) -> Row:
    return Row(
        ChangeKind.EDITED, (old,), (new,), 0.8, tokens=tuple(Token(o, t, r) for o, t, r in tokens)
    )


def test_a_surviving_sentence_shown_as_removed_is_one_false_claim() -> None:
    old = (*OLD, "A fund for the families of the victims was opened by the town council.")
    new = (NEW[0], OLD[1], f"Volunteers came. {KEPT}")
    rows = [
        _edited(0, 0, (TokenOp.EQUAL, NEW[0], None), (TokenOp.DELETE, " " + KEPT, None)),
        Row(ChangeKind.UNCHANGED, (1,), (1,), 1.0),
        Row(ChangeKind.REMOVED, (2,), (), None),  # truly gone: no claim
        Row(ChangeKind.ADDED, (), (2,), None),  # holds KEPT, which also stands in old ¶0
    ]
    claims = false_claims(_diff(old, new, rows))
    # KEPT moved from old ¶0 to new ¶2 and is shown gone there and new here: two claims.
    assert sorted((c.sentence.side, c.sentence.paragraph) for c in claims) == [
        ("new", 2),
        ("old", 0),
    ]
    assert all(c.sentence.text == KEPT for c in claims) and count(claims) == 2
    # Shown as moved on one side only, the other side's claim is the one false claim.
    rows[0] = _edited(0, 0, (TokenOp.EQUAL, NEW[0], None), (TokenOp.MOVED_OUT, " " + KEPT, 3))
    claims = false_claims(_diff(old, new, rows))
    assert [(c.sentence.side, c.sentence.paragraph) for c in claims] == [("new", 2)]
    assert count(claims) == 1


def test_a_move_as_a_deletion_here_and_an_insertion_there_is_two_claims() -> None:
    first, second = OLD[0].split(". ", 1)
    baseline = baseline_align(Document("t", OLD), Document("t", NEW))
    assert count(false_claims(baseline)) == 2
    moved = [
        _edited(0, 0, (TokenOp.EQUAL, first + ".", None), (TokenOp.MOVED_OUT, " " + second, 1)),
        _edited(1, 1, (TokenOp.EQUAL, OLD[1], None), (TokenOp.MOVED_IN, " " + KEPT, 0)),
    ]
    assert false_claims(_diff(OLD, NEW, moved)) == []
    as_delete = [
        _edited(0, 0, (TokenOp.EQUAL, first + ".", None), (TokenOp.DELETE, " " + second, None)),
        _edited(1, 1, (TokenOp.EQUAL, OLD[1], None), (TokenOp.MOVED_IN, " " + KEPT, 0)),
    ]
    assert [c.sentence.side for c in false_claims(_diff(OLD, NEW, as_delete))] == ["old"]


def test_near_copies_count_short_sentences_do_not_and_a_lost_duplicate_is_honest() -> None:
    near = KEPT.replace("the bridge", "the old bridge")  # ≥ 0.9 similar
    gone = [Row(ChangeKind.REMOVED, (0,), (), None), Row(ChangeKind.ADDED, (), (0,), None)]
    assert count(false_claims(_diff((KEPT,), (near,), gone))) == 2
    short = ("Rain fell all day long.",)  # 5 words: below the judge's sentence length
    assert false_claims(_diff(short, short, gone)) == []
    twice = (KEPT, KEPT + " Again.")
    one_lost = [Row(ChangeKind.UNCHANGED, (0,), (0,), 1.0), Row(ChangeKind.REMOVED, (1,), (), None)]
    assert false_claims(_diff(twice, (KEPT,), one_lost)) == []  # printed twice, kept once


def test_a_regrouped_account_of_an_exchanged_sentence_is_accepted() -> None:
    truth = [
        TruthRow(ChangeKind.EDITED, (0,), (0,), edits=("sentence_moved",), cluster=3),
        TruthRow(ChangeKind.EDITED, (1,), (1,), edits=("sentence_moved",), cluster=3),
    ]
    regrouped = [Row(ChangeKind.REGROUPED, (0, 1), (0, 1), 0.9)]
    score = score_rows(truth, regrouped)
    assert score.right["regrouped"] == score.rows["regrouped"] == 1 and score.f1 == 1.0
    two = [Row(ChangeKind.EDITED, (0,), (0,), 0.9), Row(ChangeKind.EDITED, (1,), (1,), 0.9)]
    assert score_rows(truth, two).right["edited"] == 2
    wrong = [Row(ChangeKind.REGROUPED, (0, 1), (0, 1), 0.9)]
    assert score_rows([dataclasses.replace(t, cluster=-1) for t in truth], wrong).f1 < 1.0


def test_flags_count_a_moved_in_sentence_and_miss_an_unflagged_update() -> None:
    truth = [TruthRow(ChangeKind.EDITED, (0,), (0,), numbers=True, quotes=False)]
    moved_in = Token(TokenOp.MOVED_IN, "x", 1, numbers_changed=True)
    hit = score_rows(truth, [Row(ChangeKind.EDITED, (0,), (0,), 0.9, tokens=(moved_in,))])
    assert hit.flags == {"numbers tp": 1, "quotes tn": 1, "quotes changed tn": 1}
    missed = score_rows(truth, [Row(ChangeKind.EDITED, (0,), (0,), 0.9, quote_changed=True)])
    assert missed.flags == {"numbers fn": 1, "quotes fp": 1}


def test_the_truth_of_flags_follows_what_the_edit_changed() -> None:
    text = "Officials said “the dam will hold” after 12 people left the valley on foot."
    assert edit_flags("number_update", text, text.replace("12", "15")) == (True, False)
    assert edit_flags("noise_emphasis", text, text.replace("12", "just 12")) == (False, False)
    assert edit_flags("typo_fix", text, text.replace("hold", "stand")) == (False, True)
    assert edit_flags("sentence_added", text, text + " Two more came.") == (None, False)
    assert edit_flags("rephrased", 'He said "no', 'He said "yes') == (False, None)
    assert lone_quote(text, ["the dam will hold, they said"]) is None
    assert lone_quote(text, ["nothing of it"]) is True
    assert lone_quote("No quote here.", []) is False


def test_noise_and_mojibake_edits() -> None:
    rng = random.Random(1)
    assert noise_emphasis("Police said 12 people were hurt.", rng) in (
        "Police said just 12 people were hurt.",
        "Police said only 12 people were hurt.",
    )
    assert noise_emphasis("Police said nothing.", rng) is None
    assert mojibake_text("La Señora habló.", rng) == "La SeÃ±ora hablÃ³."
    assert "Â " in (mojibake_text("The fee is high for all.", rng) or "")


def test_emphasis_never_lands_inside_a_decimal_and_ordinals_are_figures() -> None:
    assert noise_emphasis("Rated 4.8 stars by users.", random.Random(1)) is None
    assert edit_flags("rephrased", "Belgium: Sixth appearance", "Belgium: this space") == (
        None,
        False,
    )
    assert noise_emphasis("Prices of 50-80 dollars and some 12 people.", random.Random(1)) is None
