"""The headline the reader sees, read from the <h1> without what the page adds to it.

The pages are written here: a fictional news aggregator whose <h1> holds the
story's linked headline, its source and a comment count, and a fictional
outlet's live page whose <h1> opens with a kicker.
"""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document
from tests.support.checks import stores_a_version
from tests.support.pages import HARBOUR

_HEADLINE = "Harbour dredging plan approved after two-year review"


def _aggregator(comments: int = 87, *, kicker: str = "") -> str:
    story = "".join(f"<p>{text}</p>" for text in HARBOUR)
    return (
        f'<html><head><title>{_HEADLINE} - Wirefeed</title><meta property="og:title" '
        f'content="{_HEADLINE}"></head><body><main><article><h1 class="story">{kicker}'
        f'<span class="story-title"><a href="/story/25/12/19/dredging">{_HEADLINE}</a> '
        '<span class="source"><a href="https://coastalledger.example/dredging">'
        "(coastalledger.example)</a></span></span> "
        f'<span class="bubble"><a href="#comments">{comments}</a></span></h1>'
        f"{story}</article></main></body></html>"
    )


def test_the_source_and_comment_count_after_the_headline_are_not_the_headline() -> None:
    assert extract_document(_aggregator()).title == _HEADLINE


def test_a_new_comment_count_is_no_new_version() -> None:
    assert not stores_a_version(_aggregator(87), _aggregator(88))


def test_a_kicker_before_the_headline_stays_part_of_it() -> None:
    page = _aggregator(kicker='<span class="kicker">Live:</span> ')
    assert extract_document(page).title.startswith("Live: Harbour dredging plan")


def test_a_rewritten_headline_is_read_whole() -> None:
    # The <h1> no longer prints the stated headline at its start: it is all headline.
    page = _aggregator().replace(
        f'<a href="/story/25/12/19/dredging">{_HEADLINE}</a>',
        '<a href="/story/25/12/19/dredging">Harbour dredging plan approved, work starts in May</a>',
    )
    assert extract_document(page).title.startswith(
        "Harbour dredging plan approved, work starts in May"
    )
