"""The byline names people, and nothing that changes on its own.

Pages are written here (a fictional paper, fictional writers).
"""

from __future__ import annotations

import pytest

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.bylines import make_byline
from newsdiff_gui.core.store.version_store import content_hash

_BODY = "".join(
    f"<p>Paragraph {n} of a fictional report about the ferry timetable, long enough to be "
    "read as running text by any extractor that scores content blocks.</p>"
    for n in range(1, 6)
)


def _page(header: str, *, before: str = "", after: str = "") -> str:
    return (
        "<html><head><title>Ferry timetable extended</title></head><body>"
        f"{before}<article><h1>Ferry timetable extended</h1><div class='meta'>{header}</div>"
        f"{_BODY}</article>{after}</body></html>"
    )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (("By",), None),
        (("Written by:",), None),
        (("Maria &amp; Katerina",), "Maria & Katerina"),  # escaped twice by the CMS
        (("page.head.extra.author",), None),  # a template's unfilled field
        (("262588213843476",), None),  # a profile's number
        (("sara.r.peter",), "sara.r.peter"),  # a user name is a name
        (("Sat, 20 Dec, 2025 - 06:36",), None),
        (("Sunita 12 March",), "Sunita"),
        (("Rachael Link, MS, RD on November 14, 2019",), "Rachael Link, MS, RD"),
        (("Audiophile On",), "Audiophile On"),  # "On" cut only with a date after it
    ],
)
def test_make_byline_keeps_names_only(names: tuple[str, ...], expected: str | None) -> None:
    assert make_byline(names) == expected


def test_a_by_printed_apart_from_the_name_reads_the_name_after_it() -> None:
    inline = "<span>By</span> <a href='/staff/ana-ruiz'>Ana Ruiz</a>"
    # The name's link, then a pop-up profile card: the name is the first line.
    card = (
        "<div><span>By</span><div><a href='/staff/ana-ruiz'>Ana Ruiz</a>"
        "<div class='tooltip'><div>Ana Ruiz</div><span>Writer</span>"
        "<div>Ana Ruiz covers transport and the islands for the paper.</div></div></div></div>"
    )
    nested = "<span class='by'><span>By:</span></span><span>Ana Ruiz</span>"
    for header in (inline, card, nested):
        assert extract_document(_page(header)).byline == "Ana Ruiz", header


def test_a_menus_filter_and_a_footers_terms_are_no_byline() -> None:
    menu = (
        "<nav><ul><li><span>By industry</span></li><li><span>By role</span></li>"
        "<li><a href='/n/1'>Ferry strike called off</a> <span class='byline'>Jo Park</span>"
        "</li></ul></nav>"
    )
    terms = "<footer><p>By using this site, you agree to our Terms of Use.</p></footer>"
    assert extract_document(_page("", before=menu, after=terms)).byline is None
    page = _page("<p>By Kofi Mensah</p>", before=menu, after=terms)
    assert extract_document(page).byline == "Kofi Mensah"


def test_a_byline_box_holding_only_the_date_makes_no_new_version() -> None:
    saturday = _page("<div class='byline'>Sat, 20 Dec, 2025 - 06:36</div>")
    sunday = _page("<div class='byline'>Sun, 21 Dec, 2025 - 08:10</div>")
    first, second = extract_document(saturday), extract_document(sunday)
    assert first.byline is None
    assert content_hash(first) == content_hash(second)


def test_a_widgets_credit_line_is_no_byline_and_a_guest_authors_link_is() -> None:
    credit = (
        "<small><a href='https://widgets.example' target='_blank'>Contents Widget</a> "
        "<span>by</span> <a href='https://maker.example' target='_blank'>Tsun Labs</a></small>"
    )
    assert extract_document(_page("", after=f"<div>{credit}</div>")).byline is None
    guest = (
        "<p><span>By </span><a href='https://profiles.example/ana-ruiz' target='_blank'>"
        "<strong>Ana Ruiz, harbour pilot</strong></a></p>"
    )
    assert extract_document(_page(guest)).byline == "Ana Ruiz, harbour pilot"
    # A book's credit line on the site's own pages names its author.
    own = (
        "<div><a href='/fiction/1'><h2>Tides</h2></a> <span>by</span> "
        "<a href='/u/7'>Sleyca</a></div>"
    )
    assert extract_document(_page(own)).byline == "Sleyca"


def _card(headline: str, writer: str) -> str:
    return (
        "<aside><h2>Related</h2><article itemscope itemtype='https://schema.org/Article'>"
        f"<a class='card' href='/n/{len(headline)}'><h3 class='card__title'>{headline}</h3>"
        "<div class='card__info' itemprop='author' itemscope "
        f"itemtype='https://schema.org/Person'><span itemprop='name'>By {writer}</span></div>"
        "</a></article></aside>"
    )


def test_a_teaser_cards_author_is_not_the_storys() -> None:
    # The card links to another story and holds its headline: its author is that story's.
    first = _page("", after=_card("Bridge tolls to rise in spring", "Jo Park"))
    second = _page("", after=_card("Port opens new cruise terminal", "Kofi Mensah"))
    assert extract_document(first).byline is None
    assert content_hash(extract_document(first)) == content_hash(extract_document(second))
    # The story's own author, marked the same way outside any card, is its byline.
    own = "<div itemprop='author'><span itemprop='name'>Ana Ruiz</span></div>"
    assert extract_document(_page(own, after=_card("Bridge tolls", "Jo Park"))).byline == "Ana Ruiz"


def test_a_readers_comment_names_no_byline() -> None:
    thread = (
        "<section id='comments'><ul class='commentlist'><li class='comment' id='comment-41'>"
        "<div class='details'><span class='by'><span class='byby'>by </span>"
        "<a href='/~harbourfan'>harbourfan</a></span></div>"
        "<p>Good news for the island run at last, if the winter timetable holds.</p></li></ul>"
        "</section>"
    )
    assert extract_document(_page("", after=thread)).byline is None
    replied = thread.replace("harbourfan", "tidewatcher")
    first, second = (
        extract_document(_page("", after=thread)),
        extract_document(_page("", after=replied)),
    )
    assert content_hash(first) == content_hash(second)
    # The story's own "By" line is still read beside a thread.
    assert extract_document(_page("<p>By Kofi Mensah</p>", after=thread)).byline == "Kofi Mensah"


def test_a_teaser_cards_date_is_not_the_storys() -> None:
    card = _card("Bridge tolls to rise in spring", "Jo Park").replace(
        "</h3>", "</h3><time datetime='2025-03-02T08:00:00Z'>2 March</time>"
    )
    assert extract_document(_page("", after=card)).published is None
    dated = "<time datetime='2025-11-18T09:30:00Z'>18 November</time>"
    assert extract_document(_page(dated, after=card)).published == "2025-11-18T09:30:00+00:00"


def test_a_readers_comment_marked_as_microdata_names_no_byline() -> None:
    thread = (
        "<ol class='commentlist'><li class='comment' itemscope "
        "itemtype='https://schema.org/Comment'><div class='comment-author' itemprop='author'>"
        "Guest</div><p>Will the early sailing still run on Sundays?</p></li></ol>"
    )
    assert extract_document(_page("", after=thread)).byline is None


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    cart = (
        "<div class='cart'><p>By checking out, you agree to our Terms of Use and Privacy "
        "Policy.</p></div>"
    )
    assert extract_document(_page("", after=cart)).byline is None
    dated = "<p>By Kofi Mensah on Monday, December 2nd, 2025.</p>"
    byline = extract_document(_page(dated, after=cart)).byline
    assert byline is not None and byline.startswith("Kofi Mensah")
