"""A line of a paragraph broken by <br> is judged between captures as a paragraph is.

The page is written here (a fictional wire story on a fictional outlet): the story,
then a closing paragraph of lines parted by <br> that the engine keeps line by
line: the wire credit, a "read more" line whose link names what the site
promotes, and the outlet's note on its sources.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.broken_lines import wrap_broken_lines
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.checks import stores_a_version
from tests.support.pages import HARBOUR


def _page(
    *, promoted: str = "CoastalLedger.example", story_line: str = "Tickets cost 12 euros."
) -> str:
    story = "".join(f"<p>{text}</p>" for text in HARBOUR)
    closing = (
        "<p>The exhibition on the harbour's history opens at the port museum on Saturday."
        f"<br>{story_line}<br>(With inputs from the wire)<br>Read more news like this on "
        f'<a href="https://coastalledger.example/">{promoted}</a><br>For more information, '
        'visit our <a href="/sources">sources page</a>.</p>'
    )
    return (
        "<!DOCTYPE html><html><head><title>Harbour dredging plan approved | The Coastal "
        "Ledger</title></head><body><main><article><h1>Harbour dredging plan approved</h1>"
        f"{story}{closing}</article></main><footer><p>© 2025 The Coastal Ledger</p></footer>"
        "</body></html>"
    )


def test_the_engine_keeps_the_closing_lines_as_blocks() -> None:
    # Why the rule is needed: each line is a block, but no element of the page.
    paragraphs = extract_document(_page()).paragraphs
    assert "Read more news like this on CoastalLedger.example" in paragraphs
    assert "Tickets cost 12 euros." in paragraphs


def test_a_promo_line_whose_link_changed_is_no_new_version() -> None:
    before, after = _page(), _page(promoted="Coastal Ledger Sport")
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_an_edit_in_a_story_line_of_the_same_paragraph_is_a_new_version() -> None:
    assert stores_a_version(_page(), _page(story_line="Tickets cost 14 euros."))
    relinked = _page(story_line='Tickets are sold by <a href="/museum">the museum</a>.')
    other_seller = _page(story_line='Tickets are sold by <a href="/port">the port office</a>.')
    assert stores_a_version(relinked, other_seller)


def test_each_line_of_a_paragraph_of_inline_content_becomes_a_span() -> None:
    tree = lxml.html.fromstring(
        "<div><p>One <b>two</b>.<br>Next: <a href='/x'>X</a> then<br>end</p>"
        "<div class='box'>Lines<br><span>in a box</span><p>with a block</p></div></div>"
    )
    before = [p.text_content() for p in tree.iter("p", "div")]
    wrap_broken_lines(tree)
    first = tree.find("p")
    assert [child.tag for child in first] == ["span", "br", "span", "br", "span"]
    assert [span.text_content() for span in first.iter("span")] == [
        "One two.",
        "Next: X then",
        "end",
    ]
    # The words and their order are the page's: only elements were added.
    assert [p.text_content() for p in tree.iter("p", "div")] == before
    # A paragraph holding a block is a box: its lines are its blocks.
    assert "<br><span>in a box</span>" in lxml.html.tostring(tree, encoding="unicode")


_SHOPS = (
    ("Harbour Linen", "Organic linen and cotton", "3X"),
    ("Tide Knits", "Wool jumpers for the boat", "4X"),
    ("Quay Denim", "Jeans cut and sewn in the port", "3X"),
)


def _shops_page(sizes: tuple[str, ...]) -> str:
    cards = "".join(
        f"<h2>{name}</h2><p><strong>Best for</strong> | {best}<br><strong>Size range</strong> "
        f"| Up to {size}<br><strong>Price range</strong> | $$</p><p>{name} makes everything "
        "it sells within ten miles of the harbour, and repairs it for free for five years.</p>"
        for (name, best, _), size in zip(_SHOPS, sizes, strict=True)
    )
    return (
        "<!DOCTYPE html><html><head><title>Three harbour shops for clothes that last</title>"
        "</head><body><main><article><h1>Three harbour shops for clothes that last</h1>"
        f"<p>{HARBOUR[0]}</p>{cards}</article></main></body></html>"
    )


def test_an_edited_line_printed_elsewhere_on_the_page_is_still_a_new_version() -> None:
    # "Up to 3X" -> "Up to 4X" under one shop: both lines are printed under other shops
    # too, but the page now prints the old line once less, and the new one once more.
    sizes = tuple(size for _, _, size in _SHOPS)
    edited = ("4X", *sizes[1:])
    assert stores_a_version(_shops_page(sizes), _shops_page(edited))


def test_a_promo_line_closing_each_story_of_an_endless_page_changed_once_is_no_version() -> None:
    # An endless page prints a story and the next ones below it, each closed by the
    # same lines; the site rotates the link of one of them.
    def stories(last_link: str) -> str:
        links = ["CoastalLedger.example", "CoastalLedger.example", last_link]
        return "".join(
            f"<div class='story'><h2>Story {n}</h2><p>{text}<br>Read more news like this on "
            f"<a href='https://coastalledger.example/'>{link}</a></p></div>"
            for n, (text, link) in enumerate(zip(HARBOUR, links, strict=False))
        )

    def page(last_link: str) -> str:
        return (
            "<!DOCTYPE html><html><head><title>Harbour dredging plan approved</title></head>"
            f"<body><main>{stories(last_link)}</main></body></html>"
        )

    before, after = page("CoastalLedger.example"), page("Coastal Ledger Sport")
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)
