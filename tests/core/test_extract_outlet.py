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


def test_copies_of_the_story_at_other_addresses_do_not_empty_it() -> None:
    copy = (STORY[0], STORY[2], PROMO)  # the same story tracked at its AMP address
    found = recurring_furniture(STORY, [copy, copy, FERRY, BAKERY], HOST)
    assert found == {
        1: f"appears on 2 other articles of {HOST}",
        3: f"appears on 2 other articles of {HOST}",
    }


def test_a_brief_sets_aside_the_promo_and_bio_it_shares_with_every_article() -> None:
    brief = ("The quay will close for an hour on Sunday for a fire drill.", PROMO, BIO)
    assert set(recurring_furniture(brief, [FERRY, BAKERY], HOST)) == {1, 2}


def test_a_short_label_the_outlet_prints_everywhere_stays_in_the_text() -> None:
    story = ("Cons", "The battery lasts four hours.")
    assert recurring_furniture(story, [("Pros", "Cons"), ("Cons", "Verdict")], HOST) == {}


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


def _courier_page(title: str, story: tuple[str, ...], issue: str, author: str) -> str:
    """One article of a made-up outlet, written for this test: the story, then the
    outlet's author bio and a briefing promo printed inside the article's body (worded so
    the one-page extractor's newsletter rules do not catch it, as real promos often are)."""
    body = "\n".join(f"<p>{p}</p>" for p in story)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbour Courier</title></head><body>
<header><nav><a href="/">Home</a> <a href="/port">Port</a> <a href="/council">Council</a>
</nav></header><main><article><h1>{title}</h1>
<p class="byline">By {author}</p><div class="body">{body}
<p><em>{author} reports on the port, the ferries and the harbour council for the Courier.
Tips: <a href="/tips">send her a message</a>.</em></p>
<p>The Tide is the Courier's weekday briefing from the quay. Today's edition leads with
<a href="/tide/latest">{issue}</a> and the week's tide tables.</p>
</div></article></main><footer>&copy; The Harbour Courier</footer></body></html>"""


COURIER = {
    "dredging": (
        "Dredging of the eastern channel approved",
        (
            "The harbour council voted seven to two on Tuesday to dredge the eastern channel, "
            "ending a dispute that has run since the spring of 2024.",
            "The work will cost 4.2 million euros and is due to start in May, the harbour "
            "master told councillors, with the channel closed to yachts for six weeks.",
        ),
    ),
    "ferry": (
        "Island ferry to run every hour from June",
        (
            "The ferry to the outer islands will run every hour from the first of June, "
            "the operator said, after two summers of queues at the quay.",
            "Adult fares stay at 4.50 euros; a second boat is being leased from Norway.",
        ),
    ),
    "bakery": (
        "Quay Street bakery wins national award",
        (
            "A bakery on Quay Street has won the national award for rye bread, the first "
            "prize for the town since the competition began in 1987.",
            "Its owners said they would not raise their prices and would hire two apprentices.",
        ),
    ),
}


def test_an_outlets_bio_and_newsletter_prompt_are_set_aside_on_real_extraction() -> None:
    from newsdiff_gui.core.extract import extract_document
    from newsdiff_gui.core.store import content_hash

    def read(name: str, issue: str) -> Document:
        title, story = COURIER[name]
        return extract_document(_courier_page(title, story, issue, "Mara Voss"), None)

    others = [article_blocks(read("ferry", "Ferry queues")), article_blocks(read("bakery", "Rye"))]
    before = read("dredging", "Council backs dredging")
    # One page cannot tell: the bio and the prompt are read as the article's paragraphs.
    assert len(before.paragraphs) == 4
    after = read("dredging", "Storm: the clean-up begins")
    assert content_hash(before) != content_hash(after)

    kept_before = set_aside_furniture(before, others, HOST)
    kept_after = set_aside_furniture(after, others, HOST, kept_before.set_aside)
    assert kept_before.paragraphs == COURIER["dredging"][1]
    assert [item.reason for item in kept_before.set_aside] == [
        f"appears on 2 other articles of {HOST}"
    ] * 2
    assert content_hash(kept_before) == content_hash(kept_after)
