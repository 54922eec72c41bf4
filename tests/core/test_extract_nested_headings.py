"""A heading opened inside a heading ends it, as in a browser.

The page is written here (a fictional outlet's blog theme): the headline's <h1>
holds a divider and then, invalidly, the post's date line as an <h3>. A
browser shows the headline alone and the date line under it.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.nested_headings import close_nested_headings
from tests.support.checks import stores_a_version
from tests.support.pages import HARBOUR

_HEADLINE = "Harbour dredging plan approved"


def _page(date: str = "July 1, 2025") -> str:
    story = "".join(f"<p>{text}</p>" for text in HARBOUR)
    return (
        f"<!DOCTYPE html><html><head><title>{_HEADLINE} - Coastal Ledger</title></head>"
        f'<body><section class="hero"><h1 class="hero-title">{_HEADLINE}'
        '<div class="divider"></div><h3 class="date-info">'
        f'<span class="posted-on">Posted on <a href="/2025/07/dredging"><time>{date}</time>'
        '</a></span> by <a href="/author/staff">Ledger Staff</a></h3></h1></section>'
        f"<main><article>{story}</article></main></body></html>"
    )


def test_the_headline_is_the_outer_heading_alone() -> None:
    assert extract_document(_page()).title == _HEADLINE


def test_a_new_date_under_the_headline_is_no_new_headline() -> None:
    before, after = extract_document(_page()), extract_document(_page("July 2, 2025"))
    assert before.title == after.title == _HEADLINE
    assert not stores_a_version(_page(), _page("July 2, 2025"))


def _mended(markup: str) -> str:
    root = lxml.html.fromstring(f"<div>{markup}</div>")
    close_nested_headings(root)
    return lxml.html.tostring(root, encoding="unicode")


def test_the_inner_heading_and_what_follows_it_move_out_in_order() -> None:
    assert _mended("<h1>Title<br><h3>Date</h3> by Staff</h1> after") == (
        "<div><h1>Title<br></h1><h3>Date</h3> by Staff after</div>"
    )


def test_a_heading_inside_another_element_of_a_heading_stays() -> None:
    # The browser's current node is then the <span>, not a heading.
    markup = "<h2><span><h3>Kicker</h3></span>Title</h2>"
    assert _mended(markup) == f"<div>{markup}</div>"
