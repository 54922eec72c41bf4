"""Words that send the reader elsewhere: button texts, and sentences pointing on.

The two captures' rules (test_extract_link_churn.py) rest on these; here each is
read alone, with the story's words that look like them.
"""

from __future__ import annotations

import lxml.html
import pytest

from newsdiff_gui.core.extract.reader_calls import asks_reader, links_sending_reader


@pytest.mark.parametrize(
    "text",
    [
        "Click here",
        "Learn more",
        "Not sure? Learn more about the pass",
        "Join 300+ skippers",
        "Book a free demo",
        "Get a free and personalized quote",
        "View it in your browser",
        "Check price at Harbour Outfitters",
        "Use code SAIL10 now",
        "Read full review",
        "See all",
        "Previous",
        "7-day free trial",
    ],
)
def test_a_buttons_text_asks_the_reader_to_act(text: str) -> None:
    assert asks_reader(text)


@pytest.mark.parametrize(
    "text",
    [
        "next year's budget",
        "Previously, the council",
        "book review of the port history",
        "shop owners' letter",
        "the harbour committee",
        "Editorial policy",
    ],
)
def test_a_story_phrase_that_opens_like_a_button_asks_nothing(text: str) -> None:
    assert not asks_reader(text)


def _sending(markup: str) -> list[str]:
    element = lxml.html.fromstring(markup)
    return sorted(link.text_content() for link in links_sending_reader(element))


def test_a_sentence_sending_the_reader_marks_its_links_only() -> None:
    markup = (
        "<p>The survey by <a href='/s'>the harbour trust</a> found the channel silted up."
        " Read our full <a href='/r'>ferry pass</a> review.</p>"
    )
    assert _sending(markup) == ["ferry pass"]


def test_the_sites_own_page_named_before_a_link_sends_the_reader() -> None:
    markup = (
        "<p>See fares for every crossing on our <a href='/f'>fares page</a>. Learn how in"
        " our latest guide: <a href='/g'>Commuting by ferry</a>.</p>"
    )
    assert _sending(markup) == ["Commuting by ferry", "fares page"]


def test_our_naming_no_page_of_the_site_is_the_writers() -> None:
    # An op-ed's "our <a>island communities</a>" names no page the site points to.
    markup = "<p>Cuts to the night ferry threaten our <a href='/c'>island communities</a>.</p>"
    assert _sending(markup) == []


def test_our_inside_a_quotation_is_the_speakers() -> None:
    markup = (
        '<p>"We have a plan. We published our <a href="/h">safety review</a> in March," the'
        " harbour master said.</p>"
    )
    assert _sending(markup) == []


def test_a_line_break_ends_the_sentence_that_sends() -> None:
    markup = (
        "<p>The figures come from <a href='/a'>the port authority</a><br>Read more news like"
        " this on <a href='/c'>Coastal Ledger</a></p>"
    )
    assert _sending(markup) == ["Coastal Ledger"]
