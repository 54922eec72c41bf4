"""Number and quote flags a fact-checker can trust, and mis-decoding as a minor edit."""

from __future__ import annotations

import json

import pytest

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.align.facts import (
    _paragraph_passages,
    might_change_figures,
    numbers_changed,
    quote_changed,
    quoted_passages,
)
from newsdiff_gui.core.align.text import (
    MinorReason,
    clean,
    fix_mis_decoding,
    minor_key,
    minor_reason,
)
from newsdiff_gui.core.document import Document

QUANTITY_CHANGES = [
    ("Seven people were killed.", "Eight people were killed."),
    ("Seven people were killed.", "At least eight people were killed."),
    ("One person was hurt in the blast.", "Two people were hurt in the blast."),
    ("At least 40 schools reopened.", "40 schools reopened."),
    ("More than 40 schools reopened.", "Nearly 40 schools reopened."),
    ("It was the first attack this year.", "It was the second attack this year."),
    ("At least one person died.", "One person died."),
    ("The fund holds one million dollars.", "The fund holds dollars."),
    ("A score of villagers fled.", "Two score villagers fled."),
]
NOT_QUANTITY_CHANGES = [
    ("The river rose overnight.", "The river rose overnight. One reason is that the dam failed."),
    ("Officials said the bridge was safe.", "One of the officials said the bridge was safe."),
    ("One person was hurt in the blast.", "Just one person was hurt in the blast."),
    ("12 schools reopened on Monday.", "Only 12 schools reopened on Monday."),
    ("The crowd stayed calm.", "No one in the crowd panicked; someone called the police."),
    ("The storm passed.", "Once the storm passed, crews went out."),
    ("Seven people were killed.", "Seven people were killed, police said."),
    ("Plan meals ahead.", "Plan meals ahead. You might just score a little more time."),
    ("The match ended late.", "The match ended late; the score was never in doubt."),
]


@pytest.mark.parametrize(("old", "new"), QUANTITY_CHANGES)
def test_a_changed_quantity_is_flagged_both_ways(old: str, new: str) -> None:
    assert numbers_changed(old, new)
    assert numbers_changed(new, old)


@pytest.mark.parametrize(("old", "new"), NOT_QUANTITY_CHANGES)
def test_number_words_that_count_nothing_are_not_flagged_either_way(old: str, new: str) -> None:
    assert not numbers_changed(old, new)
    assert not numbers_changed(new, old)


def test_emphasis_is_no_figure_hint_but_bounds_are() -> None:
    assert not might_change_figures(["just ", "only "])
    assert might_change_figures(["nearly "]) and might_change_figures(["more than "])


def test_mis_decoded_figures_and_quotes_are_read_as_meant() -> None:
    assert not numbers_changed("The fine is €500.", "The fine is â‚¬500.")
    assert not quote_changed(
        "He said “we will rebuild” on Monday.", "He said â€œwe will rebuildâ€\x9d on Monday."
    )
    assert quote_changed("He said “we will rebuild”.", "He said â€œwe may rebuildâ€\x9d.")


MOJIBAKE = [
    ("La Señora García habló.", "La SeÃ±ora GarcÃ\xada hablÃ³."),
    ("It’s the mayor’s plan.", "Itâ€™s the mayorâ€™s plan."),
    ("The fee is 5 euros a day.", "The fee is 5 euros Â a day."),
]


@pytest.mark.parametrize(("old", "new"), MOJIBAKE)
def test_text_that_differs_only_by_mis_decoding_is_minor(old: str, new: str) -> None:
    assert minor_key(old) == minor_key(new)
    assert minor_reason(old, new) is MinorReason.MIS_DECODING
    assert minor_reason(new, old) is MinorReason.MIS_DECODING


def test_a_word_change_next_to_mojibake_is_not_minor() -> None:
    assert minor_reason("La Señora García ganó.", "La SeÃ±ora GarcÃ\xada perdió.") is None
    assert minor_key("Itâ€™s the mayorâ€™s plan.") != minor_key("It’s the governor’s plan.")


def test_other_minor_reasons_and_clean_text_skips_ftfy() -> None:
    assert minor_reason("He said “no”.", 'He said "no".') is MinorReason.QUOTES_DASHES
    assert minor_reason("The Mayor spoke.", "The mayor spoke.") is MinorReason.LETTER_CASE
    assert minor_reason("Rain, then sun.", "Rain then sun!") is MinorReason.PUNCTUATION
    assert minor_reason("Rain then sun.", "Snow then sun.") is None
    text = "Plain “curly” text — with an em dash, café and naïve."
    assert fix_mis_decoding(text) is text  # no sign of mojibake: returned untouched


STORY = [
    "La Señora Núñez said the clinic in Málaga would reopen on Monday after repairs.",
    "Seven people were killed when the bridge collapsed, the regional governor said.",
    "Engineers said the river had undermined the pillars over several winters.",
]


def test_an_aligned_mojibake_row_is_minor_with_its_reason_in_the_json() -> None:
    broken = [STORY[0].encode("utf-8").decode("cp1252"), *STORY[1:]]
    diff = align(Document("Bridge", tuple(STORY)), Document("Bridge", tuple(broken)))
    row = diff.rows[0]
    assert (row.kind, row.minor, row.minor_reason) == (
        ChangeKind.EDITED,
        True,
        MinorReason.MIS_DECODING,
    )
    data = json.loads(json.dumps(diff.to_json_dict()))
    assert data["rows"][0]["minor_reason"] == "mis_decoding"
    assert "minor_reason" not in data["rows"][1]  # only minor rows say why


def test_a_mis_decoded_i_keeps_its_second_byte_through_cleaning() -> None:
    """ "í" read as Windows-1252 is "Ã" and a soft hyphen; cleaning drops soft hyphens
    (hyphenation hints), but not this one, or "GarcÃa" could never be read back."""
    story = ["Señora García and Dr Díaz said the clinic would reopen on Monday.", *STORY[1:]]
    broken = [story[0].encode("utf-8").decode("cp1252"), *story[1:]]
    assert "\u00c3\u00ad" in broken[0]
    assert "\u00c3\u00ad" in clean(broken[0])
    assert clean("co\u00adop\u00aderate") == "cooperate"  # a real soft hyphen still goes
    diff = align(Document("Clinic", tuple(story)), Document("Clinic", tuple(broken)))
    row = diff.rows[0]
    assert (row.kind, row.minor, row.minor_reason) == (
        ChangeKind.EDITED,
        True,
        MinorReason.MIS_DECODING,
    )


def test_an_aligned_word_change_beside_mojibake_is_not_minor() -> None:
    broken = STORY[0].encode("utf-8").decode("cp1252").replace("Monday", "Tuesday")
    diff = align(Document("Bridge", tuple(STORY)), Document("Bridge", (broken, *STORY[1:])))
    assert diff.rows[0].kind is ChangeKind.EDITED
    assert not diff.rows[0].minor and diff.rows[0].minor_reason is None


def test_a_paragraphs_quotes_are_parsed_once_per_alignment() -> None:
    old = [f"Witness {k} said “the water came fast” at dawn on day {k}." for k in range(6)]
    new = [p.replace("dawn", "dusk") for p in old[:3]] + [
        "A new paragraph says “nothing was left” of the market."
    ]
    _paragraph_passages.cache_clear()
    diff = align(Document("t", tuple(old)), Document("t", tuple(new)))
    assert diff.stats.edited == 3 and diff.stats.removed == 3 and diff.stats.added == 1
    info = _paragraph_passages.cache_info()
    # 3 edited pairs (6 texts), 3 removed and 1 added paragraph: each read once.
    assert info.misses == 10
    assert info.hits >= 6  # the edited rows' texts, read again for the lone-quote totals
    assert diff.rows[-1].quote_changed


def test_a_quote_split_across_a_paragraph_break_is_the_same_quote() -> None:
    whole = "“The verdict is a big positive for banks. Bidders will be comfortable,” said Oza."
    split = whole.replace("banks. ", "banks.\n\n")
    assert not quote_changed(whole, split)


def test_a_figure_ending_a_sentence_is_not_joined_to_the_next_sentence() -> None:
    old = "Rates will hover around 6.2% in 2026. While this is a slight improvement, it is high."
    new = old.replace("2026. ", "2026. Once again, owners will borrow. ")
    assert not numbers_changed(old, new)
    assert numbers_changed("It cost $5 million.", "It cost $5 billion.")
    assert numbers_changed("Twenty-five died.", "Twenty-six died.")


def test_a_korean_quote_is_read_alike_in_two_paragraphs_and_merged() -> None:
    first = "첫 번째 시선으로서 ‘데이트 폭력’이 어떤 것인가를 말해줄 수 있다."
    second = "만일 류화영이 했던 ‘가택침입’이나 ‘폭력성’ 같은 이야기들이 사실이 아니라면."
    assert not quote_changed(f"{first}\n\n{second}", f"{first} {second}")
    assert quoted_passages(first) == {"데이트 폭력": 1}
    assert quoted_passages("It’s the mayor’s ‘plan’, O’Brien said of the ’90s.") == {"plan": 1}
