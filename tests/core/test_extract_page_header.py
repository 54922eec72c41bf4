"""What the engine read from the page's own header (a mega-menu's blurbs, an address)
is set aside when the page marks its story; the story's own header stays.

The engine is stood in for, so the case is exact (it reads such a menu on some
templates, seen on a software vendor's blog); the pages are written here.
"""

from __future__ import annotations

import pytest

from newsdiff_gui.core.extract import api, extract_document
from newsdiff_gui.core.extract.engine import EngineResult
from newsdiff_gui.core.extract.page_header import drop_page_header_blocks
from newsdiff_gui.core.extract.parsing import parse_html

_MENU = (
    "Booking Solutions",
    "Book rooms, desks and parking from one calendar, and see who is in the office.",
    "Plan conferences and training days without double-booked halls or lost forms.",
)
_STANDFIRST = "How a harbour office moved its whole booking system in one weekend."
_STORY = (
    "The harbour office booked its meeting rooms on paper until last spring, when a "
    "double-booked hall left forty visitors waiting in the rain for an hour.",
    "Its staff moved every booking to one shared calendar over a single weekend, and "
    "the office says no room has been booked twice since then.",
)


def _page(*, story_tag: str = "article", header_story: bool = False) -> str:
    menu = "".join(f"<p>{text}</p>" for text in _MENU)
    story = "".join(f"<p>{text}</p>" for text in _STORY)
    inside = f"<div class='lede'>{story}</div>" if header_story else ""
    return (
        "<html><head><title>Moving a booking system in a weekend</title></head><body>"
        f"<header class='site'><nav><a href='/'>Home</a></nav><div class='mega'>{menu}</div>"
        f"{inside}</header>"
        f"<{story_tag}><header><h1>Moving a booking system in a weekend</h1>"
        f"<p class='dek'>{_STANDFIRST}</p></header>"
        f"{'' if header_story else story}</{story_tag}>"
        "</body></html>"
    )


@pytest.mark.parametrize("story_tag", ["article", "main"])
def test_the_sites_menu_is_not_the_story(monkeypatch: pytest.MonkeyPatch, story_tag: str) -> None:
    read = EngineResult([*_MENU, _STANDFIRST, *_STORY], thin=False)
    monkeypatch.setattr(api, "engine_blocks", lambda tree, url: read)
    document = extract_document(_page(story_tag=story_tag))
    assert document.paragraphs == (_STANDFIRST, *_STORY)


def test_a_block_the_story_prints_too_stays() -> None:
    # The menu's first blurb quoted in the story: the page prints it there too.
    story = (*_STORY, _MENU[1])
    page = _page().replace("</article>", f"<p>{_MENU[1]}</p></article>")
    kept = drop_page_header_blocks([*_MENU, *story], parse_html(page))
    assert kept == [_MENU[1], *story]


def test_a_header_holding_most_of_what_was_kept_stays() -> None:
    # Unmarked markup: the story itself printed in the site's header, an empty
    # <article> below. Most of the kept text would go; the rule stands back.
    blocks = [*_MENU, *_STORY]
    assert drop_page_header_blocks(blocks, parse_html(_page(header_story=True))) == blocks


def test_a_page_that_marks_no_story_is_left_alone() -> None:
    page = _page().replace("<article>", "<div>").replace("</article>", "</div>")
    blocks = [*_MENU, _STANDFIRST, *_STORY]
    assert drop_page_header_blocks(blocks, parse_html(page)) == blocks
