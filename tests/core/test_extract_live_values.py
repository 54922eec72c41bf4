"""A live market figure inside a sentence makes no version; a writer's figure does.

The pages are written here (a fictional outlet) in the shapes business pages print
quotes in: a chip wrapping the ticker and its change, a change after the company's
linked name, nested wrappers, a custom element a script keeps current.
"""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.live_values import live_values
from newsdiff_gui.core.store.version_store import content_hash

_URL = "https://harbourtimes.example/business/insurer-shares"
_STORY = (
    "The regional insurer said on Tuesday that claims from last week's storm would "
    "reach at least 40 million, twice its own estimate of a month ago.",
    "Analysts at two banks cut their forecasts for the year, and the company said it "
    "would review its reinsurance cover before the winter.",
    "The chief executive told shareholders the balance sheet remained strong.",
)


def _page(sentence: str) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in (_STORY[0], sentence, *_STORY[1:]))
    return (
        "<html><head><title>Insurer's shares fall after storm claims</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/business'>Business</a></nav>"
        "<main><article><h1>Insurer's shares fall after storm claims</h1>"
        f"<div class='body'>{paragraphs}</div></article></main></body></html>"
    )


_CHIPS = {
    "change inside the quote's link": (
        "Shares in <a href='/quote/HRBR'>HRBR <span>{change}</span></a> fell in early trading.",
        "Shares in HRBR fell in early trading.",
    ),
    "change after the linked name": (
        "Shares in <a href='/company/harbour'>Harbour Insurance</a> <span>{change}</span> "
        "fell in early trading.",
        "Shares in Harbour Insurance fell in early trading.",
    ),
    "wrappers around the change": (
        "Shares in <a href='/quote/HRBR'>Harbour Insurance</a><span class='chip'>"
        "<span><span>{change}</span></span></span> fell in early trading.",
        "Shares in Harbour Insurance fell in early trading.",
    ),
    "brackets around the change": (
        "Shares in <a href='/quote/HRBR'>Harbour Insurance</a> (<b>{change}</b>) fell "
        "in early trading.",
        "Shares in Harbour Insurance fell in early trading.",
    ),
    "an element the page's script keeps current": (
        "Shares in Harbour Insurance <live-quote symbol='HRBR' field='change'>{change}"
        "</live-quote> fell in early trading.",
        "Shares in Harbour Insurance fell in early trading.",
    ),
    "a price after the quote's name": (
        "Shares in <a href='/quote/HRBR'>HRBR</a> <live-quote field='price'>{price}"
        "</live-quote> fell in early trading.",
        "Shares in HRBR fell in early trading.",
    ),
}


@pytest.mark.parametrize("shape", sorted(_CHIPS))
def test_a_moving_quote_makes_no_version(shape: str) -> None:
    markup, reads = _CHIPS[shape]
    morning = extract_document(_page(markup.format(change="-2.14%", price="$18.62")), _URL)
    noon = extract_document(_page(markup.format(change="▼ 2.71%", price="$18.49")), _URL)
    assert morning.paragraphs[1] == reads
    assert content_hash(morning) == content_hash(noon)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A writer's signed figure, no quote link beside it.
        ("The index closed <b>-0.4%</b> lower.", "The index closed <b>-0.6%</b> lower."),
        # A writer's number after a link: not signed, not the page's own element.
        (
            "The <a href='/report'>council's report</a> <b>2,000</b> homes were flooded.",
            "The <a href='/report'>council's report</a> <b>2,400</b> homes were flooded.",
        ),
        # A page's own element printing a count inside a sentence, no quote beside it.
        (
            "More than <x-count>2,000</x-count> homes lost power.",
            "More than <x-count>2,400</x-count> homes lost power.",
        ),
    ],
)
def test_a_writers_figure_is_the_story(before: str, after: str) -> None:
    first, second = extract_document(_page(before), _URL), extract_document(_page(after), _URL)
    assert content_hash(first) != content_hash(second)


def test_each_figure_is_found_once_in_nested_blocks() -> None:
    tree = fromstring(
        "<div><blockquote><p>Shares in <a href='/q/HRBR'>HRBR</a> <span>+1.2%</span> rose."
        "</p></blockquote><ul><li><a href='/q/PORT'>PORT</a> <x-q>-0.5%</x-q></li></ul></div>"
    )
    assert [element.text for element in live_values(tree)] == ["+1.2%", "-0.5%"]


def test_a_page_of_chips_in_nested_quotes_is_read_once() -> None:
    # Each element is judged once, however deep the blocks holding it nest (a
    # hostile page: quotes in quotes, each with its own chips).
    chip = "<p>Shares in <a href='/q/HRBR'>HRBR</a> <span>+1.2%</span> rose.</p>"
    markup = "<blockquote>" * 150 + chip * 2000 + "</blockquote>" * 150
    tree = fromstring(f"<div>{markup}</div>")
    assert len(live_values(tree)) == 2000
