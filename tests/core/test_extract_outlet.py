"""An outlet's furniture, learned from the other articles of its host."""

from __future__ import annotations

from newsdiff_gui.core.document import Document, SetAside
from newsdiff_gui.core.extract.outlet import (
    article_blocks,
    recurring_furniture,
    set_aside_furniture,
)

HOST = "harbourcourier.example"
PROMO = "Get the Courier's morning briefing: sign up for our free newsletter here."
BIO = "Mara Voss covers the port and the council for the Courier. Reach her on Signal."

STORY = (
    "The harbour authority voted on Tuesday to dredge the eastern channel.",
    PROMO,
    "The work will cost 4.2 million euros and start in May, officials said.",
    BIO,
)
FERRY = (
    "The ferry to the islands will run hourly from June, the operator said.",
    PROMO,
    BIO,
)
BAKERY = (
    "A bakery on Quay Street has won a national award for its rye bread.",
    PROMO,
    "Its owners said they would not raise prices.",
    BIO,
)


def test_a_promo_and_a_bio_on_two_other_articles_are_set_aside_with_the_reason() -> None:
    document = Document(title="Dredging approved", paragraphs=STORY)
    result = set_aside_furniture(document, [FERRY, BAKERY], HOST)
    assert result.paragraphs == (STORY[0], STORY[2])
    assert result.set_aside == (
        SetAside(PROMO, f"appears on 2 other articles of {HOST}"),
        SetAside(BIO, f"appears on 2 other articles of {HOST}"),
    )
    # Recorded in the stored JSON and read back as it was.
    assert Document.from_json_dict(result.to_json_dict()) == result


def test_a_paragraph_unique_to_the_article_is_kept() -> None:
    found = recurring_furniture(STORY, [FERRY, BAKERY, FERRY], HOST)
    assert 0 not in found and 2 not in found
    assert found[1] == f"appears on 3 other articles of {HOST}"


def test_one_other_article_is_not_enough() -> None:
    assert recurring_furniture(STORY, [FERRY], HOST) == {}
    # Two other articles, only one of which prints the bio: the bio stays.
    found = recurring_furniture(STORY, [FERRY, BAKERY[:3]], HOST)
    assert set(found) == {1}


def test_a_promo_whose_linked_headline_rotates_has_the_outlets_shape() -> None:
    def promo(headline: str) -> str:
        return f"Read more from the Courier: {headline} - and get every story first in our app."

    story = ("The council approved the budget.", promo("Ferry fares to rise in June"))
    others = [
        ("Ferry news.", promo("Bakery wins award for rye bread")),
        ("Bakery news.", promo("Storm batters coastal towns overnight")),
    ]
    assert recurring_furniture(story, others, HOST) == {1: f"appears on 2 other articles of {HOST}"}


def test_story_paragraphs_that_open_alike_are_not_one_shape() -> None:
    story = ("Police said the man, 34, was arrested on Tuesday near the harbour.",)
    others = [
        ("Police said the woman was released without charge after questioning.",),
        ("Police said the driver had not been drinking, according to the report.",),
    ]
    assert recurring_furniture(story, others, HOST) == {}


def test_what_the_previous_version_set_aside_stays_set_aside() -> None:
    previous = (SetAside(PROMO, f"appears on 2 other articles of {HOST}"),)
    found = recurring_furniture(STORY, [], HOST, previous)
    assert found == {
        1: f"set aside in the previous version (appears on 2 other articles of {HOST})"
    }


def test_the_blocks_of_another_article_include_what_it_set_aside() -> None:
    other = Document(title="Ferry", paragraphs=(FERRY[0],), set_aside=(SetAside(PROMO, "x"),))
    assert article_blocks(other) == (FERRY[0], PROMO)


def test_a_page_of_nothing_but_outlet_blocks_is_kept_as_read() -> None:
    document = Document(title="Promo page", paragraphs=(PROMO,))
    assert set_aside_furniture(document, [FERRY, BAKERY], HOST) == document


def test_set_aside_is_absent_from_the_json_when_empty() -> None:
    assert "set_aside" not in Document(title="A", paragraphs=("x",)).to_json_dict()
