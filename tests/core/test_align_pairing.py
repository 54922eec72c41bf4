"""Pairing of heavily edited short paragraphs (issue 11): an edit that kept its place and its
facts is paired; a wire swap and a paragraph that shares no facts are not."""

from __future__ import annotations

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.align.batch_codes import encode_pairs, encode_pairs_and_words, encode_words
from newsdiff_gui.core.align.model import AlignOptions
from newsdiff_gui.core.align.pairing import pair_paragraphs
from newsdiff_gui.core.align.text import casefolded_words
from newsdiff_gui.core.document import Document

OPTIONS = AlignOptions()

STATUS_PAGE = [
    "Flood response: situation at 09:00",
    "Update 3 (14:00)",
    "The river crest passed Ashford overnight and levels are falling along the whole valley.",
    "More than 40 schools reopened; 9 clinics open; 3 (+1) shelters open",
    "Road A338 between Millbrook and Kelso remains closed because of a landslip near the bridge.",
    "Power restored to 80% of homes in the district",
    "Residents should boil tap water until the council says the supply is safe again.",
    "Call the helpline on 0800 123 456 for help with sandbags and temporary housing.",
]


def _links(old: list[str], new: list[str]) -> set[tuple[int, int]]:
    return {(i, j) for m in pair_paragraphs(old, new, OPTIONS) for i in m.old for j in m.new}


def _edit(texts: list[str], index: int, text: str) -> list[str]:
    return [text if k == index else t for k, t in enumerate(texts)]


def test_a_status_item_cut_to_one_clause_with_its_figure_updated_is_an_edit() -> None:
    new = _edit(STATUS_PAGE, 3, "More than 55 schools reopened")
    assert (3, 3) in _links(STATUS_PAGE, new)
    diff = align(Document("", tuple(STATUS_PAGE)), Document("", tuple(new)))
    row = next(r for r in diff.rows if r.old == (3,))
    assert row.kind is ChangeKind.EDITED and row.new == (3,)
    assert row.numbers_changed


def test_a_renumbered_heading_between_paired_neighbours_is_an_edit() -> None:
    new = _edit(STATUS_PAGE, 1, "Update 4 (18:30)")
    assert _links(STATUS_PAGE, new) == {(k, k) for k in range(len(STATUS_PAGE))}


def test_several_heavily_edited_items_in_one_gap_pair_in_order() -> None:
    new = _edit(STATUS_PAGE, 3, "More than 55 schools reopened")
    new = _edit(new, 4, "Road A338 (Millbrook–Kelso) open again")
    new = _edit(new, 5, "Power restored to 92% of homes")
    assert {(3, 3), (4, 4), (5, 5)} <= _links(STATUS_PAGE, new)


def test_a_wire_swap_sharing_topic_words_and_a_subheading_gets_no_pair() -> None:
    old = [
        "Police in Springfield said on Tuesday that a man had been arrested after a shooting "
        "outside a supermarket on Main Street left two people injured.",
        "What we know about the Springfield shooting",
        "Officers were called to the scene shortly after 3pm, a police spokesman told reporters.",
        "The two victims were taken to Springfield General Hospital with wounds that were not "
        "thought to be life-threatening.",
        "Witnesses described hearing four or five shots before shoppers ran for the exits.",
    ]
    new = [
        "A suspect is in custody following Tuesday's gunfire in a Springfield parking lot, "
        "according to the city's police department.",
        "What we know about the shooting in Springfield",
        "Authorities have not released the names of those hurt or of the man detained.",
        "Police Chief Dana Ortiz asked anyone with video of the incident to come forward.",
        "The store will stay closed on Wednesday while detectives examine the area.",
    ]
    assert pair_paragraphs(old, new, OPTIONS) == []
    diff = align(Document("", tuple(old)), Document("", tuple(new)))
    assert {r.kind for r in diff.rows} == {ChangeKind.ADDED, ChangeKind.REMOVED}


def test_a_rewrite_with_no_shared_facts_stays_removed_and_added() -> None:
    # Guard: the lower bar needs both the place and the facts. An item rewritten
    # beyond its facts and standing elsewhere, and an item replaced in place by
    # one on another subject, are a removal and an addition.
    moved = [*STATUS_PAGE[:5], *STATUS_PAGE[6:], "Most homes have electricity again"]
    assert not any(i == 5 for i, _ in _links(STATUS_PAGE, moved))
    replaced = _edit(STATUS_PAGE, 5, "Volunteers are needed at the town hall from 06:00")
    assert _links(STATUS_PAGE, replaced) == {(k, k) for k in range(len(STATUS_PAGE)) if k != 5}


def test_a_short_brief_is_too_short_to_look_like_a_wire_swap() -> None:
    # One to three paragraphs: the one edited paragraph is the whole text, so "few
    # paragraphs paired" says nothing about a swap; the single-word rule still pairs it.
    for brief in (
        ["Fish & chips <script>x</script>"],
        ["Ferry service suspended", "Storm warning for the north coast", "Schools open"],
    ):
        new = [text.replace("<script>x", "<script>y").replace(" ", ", ", 1) for text in brief]
        assert (0, 0) in _links(brief, new)


def test_single_word_codes_coded_with_the_word_pairs_mean_what_encode_words_means() -> None:
    # Pairing codes its leftovers' single words with their word pairs, and the
    # short-text rules compare subsets of them: equal codes ⇔ equal words.
    texts = [p.replace("e", "E") for p in STATUS_PAGE] * 3 + ["", "a b a"]
    pairs, word_codes = encode_pairs_and_words(texts)
    assert pairs == encode_pairs(texts)
    assert word_codes is not None
    meaning: dict[str, str] = {}
    for text, codes in zip(texts, word_codes, strict=True):
        words = casefolded_words(text)
        assert len(codes) == len(words)
        for code, word in zip(codes, words, strict=True):
            assert meaning.setdefault(code, word) == word
    assert len(set(meaning.values())) == len(meaning)
    assert set("".join(encode_words(texts))) == set(meaning)
    # Too few words for one batch: the callers code their own subsets.
    assert encode_pairs_and_words(["a few words"])[1] is None
