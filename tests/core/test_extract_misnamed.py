"""A box of the story's prose named for what it would hold ("embed", "icon") is read.

Engines drop boxes named "embed" or "…-icon…". A site builder wraps a custom HTML
block of the story's paragraphs in `w-embed`; an accordion theme names its arrow's
look on the box of all its panels. An edit inside must make a version; a real
embed (a player, a quoted post) and a row of icon links stay what they are.

Pages are written here (a fictional consumer guide and a fictional paper).
"""

from __future__ import annotations

import lxml.html
import pytest

from newsdiff_gui.core.extract import misnamed
from newsdiff_gui.core.extract.api import extract_document
from newsdiff_gui.core.extract.misnamed import holder_names_set_aside, holds_prose

URL = "https://ledger.example/guides/best-bookkeeping-apps"
_INTRO = [
    "Bookkeeping apps promise to save a freelancer hours every week, but they differ "
    "widely in what they charge and in how much of the tedious work they really do.",
    "We spent three months keeping the books of two small businesses in each of the "
    "apps below, from sending invoices to closing the quarter with an accountant.",
    "The scores below weigh what matters most to someone working alone, and every "
    "app was paid for at its full price rather than given to us for review.",
]
_OUTRO = [
    "Whichever app you choose, export your records every quarter, because moving a "
    "year of transactions between apps is far harder than the sign-up pages suggest.",
    "Prices were checked on the first of the month and can change without notice, so "
    "confirm the current plan before you move your bank feeds across.",
]


def _criteria(invoicing: str) -> list[str]:
    return [
        f"Invoicing ({invoicing}): how quickly an invoice can be created, sent and "
        "followed up, and whether reminders go out without anyone asking.",
        "Banking (18%): whether bank and card feeds connect reliably and whether "
        "transactions are sorted into the right categories without correction.",
        "Support (6%): the range of help on offer, from live chat and phone lines to "
        "a searchable guide that answers the questions freelancers actually ask.",
    ]


def _accordion_page(invoicing: str = "20%") -> str:
    items = "".join(f"<li>{text}</li>" for text in _criteria(invoicing))
    panel = (
        "<div class='acc-wrap acc-has-2-panes acc-icon-style-arrow acc-icon-side-right'>"
        "<div class='acc-pane'><button class='acc-header' type='button'>How we "
        "scored</button><div class='acc-panel'><p>Here are the criteria we used to "
        f"score each app, with the weight each one carried in the total:</p><ul>{items}"
        "</ul></div></div></div>"
    )
    intro = "".join(f"<p>{text}</p>" for text in _INTRO)
    outro = "".join(f"<p>{text}</p>" for text in _OUTRO)
    return (
        "<html><head><title>The best bookkeeping apps</title></head><body><article>"
        f"<h1>The best bookkeeping apps</h1><div class='entry-content'>{intro}"
        f"<h2>How we tested</h2>{panel}{outro}</div></article></body></html>"
    )


def _tips(group_size: str) -> list[str]:
    return [
        "Many restaurants add a service charge automatically for large groups "
        f"(usually {group_size} or more), so read the bill before adding a tip of your own.",
        "At a counter where you order and collect the food yourself, a small tip is "
        "welcome but not expected, and nobody will think less of you for skipping it.",
        "For delivery, tip more in bad weather or for a long climb, since the driver "
        "is paid by the trip and not by the time the trip takes.",
    ]


def _table_page(group_size: str = "six") -> str:
    rows = "".join(f"<tr><td><p>{text}</p></td></tr>" for text in _tips(group_size))
    intro = "".join(f"<p>{text}</p>" for text in _INTRO)
    return (
        "<html><head><title>How much to tip</title></head><body><article>"
        f"<h1>How much to tip</h1><div class='rich-text'>{intro}"
        f"<div class='w-embed'><div class='responsive-table'><table>{rows}</table></div>"
        "<noscript><iframe src='https://tags.example/ns.html?id=T-1' height='0' "
        "width='0' style='display:none'></iframe></noscript></div></div>"
        "</article></body></html>"
    )


def test_an_accordion_named_by_its_icon_is_read() -> None:
    document = extract_document(_accordion_page(), URL)
    for text in _criteria("20%"):
        assert text in document.paragraphs


def test_an_edit_inside_the_accordion_makes_a_version() -> None:
    before = extract_document(_accordion_page("20%"), URL)
    after = extract_document(_accordion_page("25%"), URL)
    assert before.paragraphs != after.paragraphs


def test_a_table_of_the_story_in_an_embed_box_is_read() -> None:
    document = extract_document(_table_page(), URL)
    for text in _tips("six"):
        assert text in document.paragraphs


def test_an_edit_inside_the_embed_box_makes_a_version() -> None:
    before = extract_document(_table_page("six"), URL)
    after = extract_document(_table_page("seven"), URL)
    assert before.paragraphs != after.paragraphs


def test_a_player_or_a_row_of_icon_links_is_no_box_of_prose() -> None:
    caption = (
        "Watch the harbour master explain, in under two minutes, why the channel "
        "has to be dredged before the winter storms arrive."
    )
    player = lxml.html.fromstring(
        "<div class='video-embed'><iframe src='https://player.example/v/1'></iframe>"
        f"<p>{caption}</p></div>"
    )
    icons = lxml.html.fromstring(
        "<ul class='share-icons'>"
        + "".join(
            f"<li><a href='https://social{n}.example/share'>Share this story about the "
            f"harbour dredging plan with your followers on network number {n}</a></li>"
            for n in range(3)
        )
        + "</ul>"
    )
    prose = lxml.html.fromstring(f"<div class='w-embed'><p>{caption}</p></div>")
    assert not holds_prose(player)
    assert not holds_prose(icons)
    assert holds_prose(prose)


def test_a_quoted_post_in_an_embed_box_is_left_to_the_quote_rule() -> None:
    quote = (
        "The dredgers arrive on Monday and the channel will be closed to leisure craft "
        "for the whole of the first week of work."
    )
    box = lxml.html.fromstring(
        f"<div class='post-embed'><blockquote><p>{quote}</p>— Harbour Board "
        "(@harbourboard) <a href='https://social.example/p/1'>May 2, 2026</a>"
        "</blockquote></div>"
    )
    assert not holds_prose(box)


def test_the_names_are_put_back_after_reading() -> None:
    tree = lxml.html.fromstring(_accordion_page())
    wrapper = tree.find(
        ".//div[@class='acc-wrap acc-has-2-panes acc-icon-style-arrow acc-icon-side-right']"
    )
    assert wrapper is not None
    with holder_names_set_aside(tree):
        assert wrapper.get("class") == "acc-wrap acc-has-2-panes"
    assert (
        wrapper.get("class") == "acc-wrap acc-has-2-panes acc-icon-style-arrow acc-icon-side-right"
    )


def test_a_nest_of_named_boxes_too_large_to_read_stops_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each named box is read whole; a bound on the characters read keeps a hostile
    # page (a deep nest of "icon" boxes around a long text) from multiplying its size.
    tips = "".join(f"<p>{text}</p>" for text in _tips("six"))
    nest = "<div class='x-icon'>" * 30 + tips + "</div>" * 30
    tree = lxml.html.fromstring(f"<html><body>{nest}</body></html>")
    boxes = tree.findall(".//div")
    with holder_names_set_aside(tree):
        assert all(box.get("class") == "" for box in boxes)
    monkeypatch.setattr(misnamed, "_MAX_CHARS_READ", 1_000)
    with holder_names_set_aside(tree):
        assert boxes[0].get("class") == ""
        assert boxes[-1].get("class") == "x-icon"
    assert all(box.get("class") == "x-icon" for box in boxes)
