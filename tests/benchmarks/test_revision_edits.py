"""The alignment benchmark's own machinery: generator ground truth, scorer, difflib baseline.

Offline and fast: synthetic articles written for these tests (fictional), never
the shared evaluation data.
"""

from __future__ import annotations

import difflib
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import alignment, revision_edits
from benchmarks.alignment import Score, score_rows
from benchmarks.difflib_baseline import baseline_align, baseline_rows
from benchmarks.revision_edits import generate, make_revision
from benchmarks.revision_rewrites import sentence_split, sentences_joined
from benchmarks.revision_script import (
    MINOR_EDITS,
    Article,
    Revision,
    TruthRow,
    apply_script,
    unique_longest_chain,
)
from benchmarks.revision_text import Unrelated, clean_article, sentences
from newsdiff_gui.core.align import ChangeKind, Diff, Row, check_invariants
from newsdiff_gui.core.document import Document

_FLOOD = [
    "Flood waters rose across the river valley on Tuesday, forcing seven families from their "
    "homes. Emergency crews worked through the night to reinforce the levee near Millbrook.",
    "Mayor Ana Ruiz said the town had “never seen water this high in living memory.” She asked "
    "residents to stay away from the bridges until engineers had inspected them.",
    "The county opened two shelters at the high school and the community centre. Volunteers "
    "brought blankets, hot meals and dry clothes for 40 people by midnight.",
    "Advertisement",
    "Forecasters expect another 12 millimetres of rain before Friday. The river is predicted to "
    "crest on Thursday afternoon, slightly below the record set in 1998.",
    "Farmers in the lower valley moved their cattle to higher pastures. Several said they had "
    "lost most of the autumn harvest to standing water in the fields.",
    "The regional rail operator suspended services between Millbrook and Eastfield. Buses will "
    "replace trains on the line until further notice, a spokesman said. Tickets stay valid.",
    "Insurance adjusters are expected to arrive at the weekend. Officials urged homeowners to "
    "photograph damage before starting any repairs to their property. Claims can be filed "
    "online or by phone, and the deadline has been extended to the end of next month.",
    "Schools in the district will remain closed for the rest of the week. Parents were told to "
    "check the district website each morning for updates on reopening.",
    "The state governor is due to visit the area on Saturday — her second trip this year. Her "
    "office said she would meet emergency crews and affected families.",
]
_MARKET = [
    "Shares in the harbour ferry company fell sharply after it announced the sale of its oldest "
    "vessel to a salvage firm. Analysts had expected the ship to stay in service until 2030.",
    "The chief executive told investors the decision was driven by rising maintenance costs. "
    "He said the money would fund two new hybrid ferries ordered last spring. The first of "
    "them is due to enter service on the northern route in the autumn.",
    "Passenger numbers on the island routes grew by a fifth over the summer season. Freight "
    "volumes, however, were flat compared with the same period a year earlier.",
    "Union representatives said they had not been consulted about the sale. They plan to meet "
    "management next month to discuss what happens to the crew.",
    "The company's next quarterly results are due in January. Its share price has dropped by "
    "almost a third since the start of the year.",
]
_GARDEN = [
    "The botanical garden unveiled a glasshouse restored after a decade of fundraising. Visitors "
    "queued from dawn to see the tropical collection returned to its original home.",
    "Curators spent months moving palms and ferns from temporary greenhouses on the edge of the "
    "city. The tallest palm needed a crane and a team of eleven gardeners.",
    "Entry will be free for local residents until the end of the month. After that, tickets will "
    "cost the same as before the restoration, the director promised.",
    "A new education centre beside the glasshouse will host school groups from next spring. It "
    "includes a laboratory where pupils can study seeds under microscopes.",
]


def _articles() -> list[Article]:
    return [
        Article("test:flood", "River floods valley", clean_article(_FLOOD)),
        Article("test:market", "Ferry shares fall", clean_article(_MARKET)),
        Article("test:garden", "Glasshouse reopens", clean_article(_GARDEN)),
    ]


# Enough revisions for the rarest edit of the mix (a sentence moved across a
# paragraph break needs a short closing sentence) to occur on these articles.
_COUNT = 250


@pytest.fixture(scope="module")
def revisions() -> list[Revision]:
    return generate(_articles(), _COUNT, seed=5)


def test_generator_is_deterministic_for_a_seed(revisions: list[Revision]) -> None:
    assert generate(_articles(), _COUNT, seed=5) == revisions
    assert generate(_articles(), _COUNT, seed=6) != revisions


def test_every_index_is_covered_once_and_the_script_gives_the_new_version(
    revisions: list[Revision],
) -> None:
    for revision in revisions:
        olds = sorted(i for row in revision.truth for i in row.old)
        news = sorted(j for row in revision.truth for j in row.new)
        assert olds == list(range(len(revision.old.paragraphs))), revision
        assert news == list(range(len(revision.new.paragraphs))), revision
        assert apply_script(revision.old.paragraphs, revision.script) == list(
            revision.new.paragraphs
        )


def test_truth_rows_have_the_arity_and_text_of_their_kind(revisions: list[Revision]) -> None:
    one_to_one = {ChangeKind.UNCHANGED, ChangeKind.EDITED, ChangeKind.MOVED}
    for revision in revisions:
        old, new = revision.old.paragraphs, revision.new.paragraphs
        for row in revision.truth:
            if row.kind in one_to_one | {ChangeKind.MOVED_EDITED}:
                assert len(row.old) == len(row.new) == 1
                same = old[row.old[0]] == new[row.new[0]]
                assert same == (row.kind in {ChangeKind.UNCHANGED, ChangeKind.MOVED})
            elif row.kind in (ChangeKind.SPLIT, ChangeKind.MERGED):
                # Regrouped text in order, give or take an updated figure.
                joined_old = " ".join(old[i] for i in row.old).split()
                joined_new = " ".join(new[j] for j in row.new).split()
                matcher = difflib.SequenceMatcher(None, joined_old, joined_new, autojunk=False)
                assert matcher.ratio() > 0.9, row
            if row.minor:
                assert row.kind is ChangeKind.EDITED
                assert set(row.edits) <= MINOR_EDITS


def test_edits_cover_the_newsroom_repertoire(revisions: list[Revision]) -> None:
    seen = Counter(edit for revision in revisions for edit in revision.edits)
    assert set(seen) >= set(revision_edits.EDIT_WEIGHTS) | {"wire_swap"}, seen
    kinds = Counter(row.kind for revision in revisions for row in revision.truth)
    assert set(kinds) == set(ChangeKind)
    assert all(1 <= len(r.edits) <= 5 for r in revisions)


def test_moves_are_the_fewest_that_explain_the_new_order() -> None:
    chain = unique_longest_chain
    assert chain([1, 2, 3, 0]) == [True, True, True, False]  # old 0 moved to the end
    assert chain([0, 2, 1, 3]) is None  # a neighbour swap: either one moved
    assert chain([0, 1, 2]) == [True, True, True]


def test_a_wire_swap_has_no_links(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    monkeypatch.setattr(revision_edits, "WIRE_SWAP_SHARE", 1.0)
    articles = _articles()
    revision = make_revision(0, articles[0], articles, random.Random(1))
    assert revision is not None and revision.edits == ("wire_swap",)
    assert revision.links == frozenset()
    assert Counter(row.kind for row in revision.truth) == {
        ChangeKind.REMOVED: len(revision.old.paragraphs),
        ChangeKind.ADDED: len(revision.new.paragraphs),
    }


def test_sentences_are_not_cut_after_titles_or_initials() -> None:
    text = "Mr. Smith met J. Doe on Monday. “It went well,” he said. Talks resume in May."
    assert sentences(text) == [
        "Mr. Smith met J. Doe on Monday.",
        "“It went well,” he said.",
        "Talks resume in May.",
    ]


def _rows(truth: tuple[TruthRow, ...]) -> list[Row]:
    return [
        Row(t.kind, t.old, t.new, None if not (t.old and t.new) else 1.0, t.minor) for t in truth
    ]


def test_the_truth_scores_perfectly(revisions: list[Revision]) -> None:
    total = Score()
    for revision in revisions:
        total.add(score_rows(revision.truth, _rows(revision.truth)))
    assert total.f1 == total.macro_kind_accuracy == total.all_row_accuracy == 1.0
    assert total.false_claims == total.invented_pairs == 0
    assert total.minor_agree == total.minor_checked > 0


def test_position_pairing_is_scored_down() -> None:
    # Old A B C D; new B C D A: A moved. The difflib baseline shows A removed and added.
    old, new = ["a x", "b x", "c x", "d x"], ["b x", "c x", "d x", "a x"]
    truth = (
        TruthRow(ChangeKind.MOVED, (0,), (3,)),
        *(TruthRow(ChangeKind.UNCHANGED, (i,), (i - 1,)) for i in (1, 2, 3)),
    )
    score = score_rows(truth, baseline_rows(old, new))
    assert (score.precision, score.recall) == (1.0, 0.75)
    assert score.kind_accuracy("moved") == 0.0 and score.kind_accuracy("unchanged") == 1.0
    assert score.false_claims == 2  # A "removed" and A "added" though it survives

    # A wire swap paired by position: every link invented, every added/removed row missed.
    swap = (
        *(TruthRow(ChangeKind.REMOVED, (i,), ()) for i in range(3)),
        *(TruthRow(ChangeKind.ADDED, (), (j,)) for j in range(2)),
    )
    bogus = [Row(ChangeKind.EDITED, (k,), (k,), 0.1) for k in range(2)]
    bogus.append(Row(ChangeKind.REMOVED, (2,), (), None))
    score = score_rows(swap, bogus)
    assert score.precision == 0.0 and score.recall == 1.0  # no truth links to find
    assert score.invented_pairs == 2 and score.false_claims == 0
    assert score.kind_accuracy("removed") == pytest.approx(1 / 3)
    assert score.kind_accuracy("added") == 0.0


def _shape_problems(diff: Diff) -> list[str]:
    # The baseline keeps the contract's shape (invariants 1-5); invariant 6, the truth,
    # is what it breaks by design: a moved sentence is deleted here and inserted there.
    return [p for p in check_invariants(diff) if not p.startswith("invariant 6")]


def test_difflib_baseline_satisfies_the_invariants(revisions: list[Revision]) -> None:
    for revision in revisions[:60]:
        diff = baseline_align(revision.old, revision.new)
        assert _shape_problems(diff) == [], revision.number
    odd = Document("t", ("same", "  gone\u00a0 ", "x y"))
    assert _shape_problems(baseline_align(odd, Document("", ("same", "new", "x  y")))) == []


def test_new_text_must_share_nothing_arguable_with_the_old() -> None:
    unrelated = Unrelated(["Battery life", "Who is it for?", _FLOOD[0]])
    assert unrelated(_MARKET[0])
    assert not unrelated("Battery life lags behind Sony")  # a whole short paragraph inside
    assert not unrelated("Who’s it’s for")  # most of a short one's words, both short
    assert not unrelated("Crews worked through the night to reinforce the levee, he said.")
    assert not unrelated(_FLOOD[0].upper())  # the same paragraph up to case


def test_the_runner_skips_without_data_and_prints_the_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(alignment, "load_articles", list)
    assert alignment.main([]) == 0
    assert capsys.readouterr().out.startswith("skipped:")

    monkeypatch.setattr(alignment, "load_articles", _articles)
    dump = tmp_path / "failures.json"
    status = alignment.main(["--revisions", "20", "--dump-failures", str(dump)])
    out = capsys.readouterr().out
    assert status in (0, 1)
    for line in ("pair F1", "kind accuracy (macro", "false added/removed", "wire_swap", "split"):
        assert line in out
    assert isinstance(json.loads(dump.read_text(encoding="utf-8")), list)


def test_moved_rows_are_exactly_those_off_the_unique_longest_chain(
    revisions: list[Revision],
) -> None:
    moved_kinds = {ChangeKind.MOVED, ChangeKind.MOVED_EDITED}
    checked = 0
    for revision in revisions:
        paired = sorted((min(r.new), min(r.old), r) for r in revision.truth if r.old and r.new)
        on_chain = unique_longest_chain([old for _, old, _ in paired])
        assert on_chain is not None
        for (_, _, row), chained in zip(paired, on_chain, strict=True):
            assert (row.kind in moved_kinds) != chained, (revision.number, row)
            checked += row.kind in moved_kinds
    assert checked > 0


def test_difflib_baseline_pairs_replace_blocks_by_position() -> None:
    def shape(old: list[str], new: list[str]) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
        return [(r.kind.value, r.old, r.new) for r in baseline_rows(old, new)]

    assert shape(["a", "b", "c"], ["a", "x", "c"]) == [
        ("unchanged", (0,), (0,)),
        ("edited", (1,), (1,)),
        ("unchanged", (2,), (2,)),
    ]
    # Unrelated text paired anyway (what HtmlDiff shows side by side), leftovers added.
    assert shape(["p", "q"], ["x", "y", "z"]) == [
        ("edited", (0,), (0,)),
        ("edited", (1,), (1,)),
        ("added", (), (2,)),
    ]
    assert shape(["p", "q", "r"], ["x"]) == [
        ("edited", (0,), (0,)),
        ("removed", (1,), ()),
        ("removed", (2,), ()),
    ]


def test_a_split_cuts_at_a_comma_and_a_join_lowers_only_a_common_opener() -> None:
    rng = random.Random(0)
    text = "Crews worked through the night, reinforcing the levee near the old mill. Rain fell."
    assert sentence_split(text, rng) == (
        "Crews worked through the night. Reinforcing the levee near the old mill. Rain fell."
    )
    assert sentence_split("Short, very. Also short.", rng) is None  # too few words a side
    assert sentence_split("He said, “we will rebuild the bridge soon.”", rng) is None
    joined = "The county opened two shelters on Monday. They hold forty people tonight."
    assert sentences_joined(joined, rng) == (
        "The county opened two shelters on Monday, and they hold forty people tonight."
    )
    but = "The county opened two shelters on Monday. But both were full by night."
    assert sentences_joined(but, rng) == (
        "The county opened two shelters on Monday, but both were full by night."
    )
    # A name keeps its capital: never joined.
    assert (
        sentences_joined("The county opened two shelters. Ana Ruiz thanked the crews.", rng) is None
    )
