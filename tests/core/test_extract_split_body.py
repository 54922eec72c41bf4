"""A story cut into two containers of one kind by a box set between them is read whole.

Pages are written here on the fictional harbour story: the template puts the
story in two `<div class="story-part">` with a sign-up box between them.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.split_body import restore_split_parts
from tests.support.pages import HARBOUR

_SECTION = "Why the channel matters"
_PROMO = (
    "<div class='promo'><h2>Get the Coast Post morning briefing</h2>"
    "<p>Every weekday at seven, the stories that matter on the coast.</p></div>"
)


def _part(paragraphs: tuple[str, ...], heading: str = "", cls: str = "story-part") -> str:
    title = f"<h2>{heading}</h2>" if heading else ""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"<div class='{cls}'><div class='text'>{title}{body}</div></div>"


def _page(first: str, between: str = _PROMO) -> str:
    return (
        "<html><body><main><h1>Harbour authority approves dredging plan</h1>"
        f"<div class='grid'>{first}{between}{_part(HARBOUR[2:], _SECTION)}</div>"
        "</main></body></html>"
    )


def _restored(markup: str) -> list[str]:
    kept = [_SECTION, *HARBOUR[2:]]
    return restore_split_parts(kept, lxml.html.document_fromstring(markup))


def test_the_part_before_a_box_inside_the_story_is_put_back_in_page_order() -> None:
    restored = _restored(_page(_part(HARBOUR[:2])))
    assert restored == [*HARBOUR[:2], _SECTION, *HARBOUR[2:]]


def test_a_box_of_another_kind_or_a_list_of_links_before_the_story_stays_out() -> None:
    kept = [_SECTION, *HARBOUR[2:]]
    other_kind = _page(_part(HARBOUR[:2], cls="teaser"))
    assert _restored(other_kind) == kept
    links = "".join(
        f"<p><a href='/port/{n}'>{paragraph}</a></p>" for n, paragraph in enumerate(HARBOUR[:2])
    )
    assert (
        _restored(_page(f"<div class='story-part'><div class='text'>{links}</div></div>")) == kept
    )
    headline = _part(HARBOUR[:2]).replace("<div class='text'>", "<div class='text'><h1>Ferry</h1>")
    assert _restored(_page(headline)) == kept


# The story's second part: longer than a teaser card (a title and an excerpt).
_LATER = (
    *HARBOUR[2:],
    "The authority will publish the contractor's schedule in February, with a map of the "
    "areas closed to boats during each phase of the work and the hours of the closures.",
)


def _page_after(second: str) -> str:
    """The kept part first, a box, then the story's second part (and what follows)."""
    return (
        "<html><body><main><h1>Harbour authority approves dredging plan</h1>"
        f"<div class='grid'>{_part(HARBOUR[:2])}{_PROMO}{second}</div>"
        "</main></body></html>"
    )


def _restored_after(markup: str) -> list[str]:
    return restore_split_parts(list(HARBOUR[:2]), lxml.html.document_fromstring(markup))


def test_the_part_after_a_box_inside_the_story_is_put_back_without_its_teasers() -> None:
    teasers = (
        "<ul><li>Ferry fares rise <a href='/ferry'>for the summer</a></li>"
        "<li>The lighthouse reopens <a href='/light'>after repairs</a></li></ul>"
    )
    inset = "<aside><p>Sign up for the Coast Post briefing, every weekday at seven.</p></aside>"
    second = _part(_LATER, _SECTION).replace("</div></div>", f"{inset}{teasers}</div></div>")
    assert _restored_after(_page_after(second)) == [*HARBOUR[:2], _SECTION, *_LATER]


def test_a_teaser_card_of_the_same_kind_after_the_story_stays_out() -> None:
    excerpt = (
        "Boats from six harbours along the coast gathered for the annual regatta on Sunday, "
        "and the winners were the youngest crew in the history of the race, from the sailing "
        "school that reopened last spring."
    )
    card = _part((excerpt,), "Young crew wins the regatta")
    assert _restored_after(_page_after(card)) == list(HARBOUR[:2])


def test_a_part_after_a_next_headline_or_holding_one_stays_out() -> None:
    kept = list(HARBOUR[:2])
    next_story = "<div class='next'><h1>Ferry fares rise for the summer</h1></div>"
    assert _restored_after(_page_after(next_story + _part(_LATER, _SECTION))) == kept
    own_headline = _part(_LATER, _SECTION).replace("<h2>", "<h1>").replace("</h2>", "</h1>")
    assert _restored_after(_page_after(own_headline)) == kept


_SECTIONS = ("What the plan costs", "What the fishermen say", "When work starts")


def _sectioned(middle: str, *, first_label: str = "") -> str:
    """The story in three sections of one kind; the engine keeps the first and last."""
    label = f"<div class='toc'><p>{first_label}</p></div>" if first_label else ""
    return (
        "<html><body><main><h1>Harbour authority approves dredging plan</h1>"
        f"<article>{label}{_part(HARBOUR[:1], _SECTIONS[0], 'section')}{middle}"
        f"{_part(HARBOUR[3:], _SECTIONS[2], 'section')}</article></main></body></html>"
    )


_KEPT = [_SECTIONS[0], HARBOUR[0], _SECTIONS[2], HARBOUR[3]]


def test_a_section_dropped_between_two_kept_ones_is_put_back_in_page_order() -> None:
    middle = _part(HARBOUR[1:3], _SECTIONS[1], "section")
    restored = restore_split_parts(list(_KEPT), lxml.html.document_fromstring(_sectioned(middle)))
    assert restored == [_SECTIONS[0], HARBOUR[0], _SECTIONS[1], *HARBOUR[1:3], *_KEPT[2:]]


def test_a_short_section_between_two_kept_ones_is_the_story_s_too() -> None:
    # A section holding only its heading ("10 trends defining the industry") is no teaser
    # card when the story goes on after it.
    middle = _part((), "Ten changes the plan brings to the harbour", "section")
    restored = restore_split_parts(list(_KEPT), lxml.html.document_fromstring(_sectioned(middle)))
    assert restored == [*_KEPT[:2], "Ten changes the plan brings to the harbour", *_KEPT[2:]]


def test_the_gap_is_found_past_a_first_block_that_is_a_label() -> None:
    middle = _part(HARBOUR[1:3], _SECTIONS[1], "section")
    page = _sectioned(middle, first_label="Table of contents")
    restored = restore_split_parts(
        ["Table of contents", *_KEPT], lxml.html.document_fromstring(page)
    )
    assert restored == ["Table of contents", *_KEPT[:2], _SECTIONS[1], *HARBOUR[1:3], *_KEPT[2:]]


def test_a_reply_form_of_the_same_kind_between_two_kept_parts_stays_out() -> None:
    form = (
        "<div class='section'><div class='text'><h2>Leave a reply to the harbour story</h2>"
        "<form><textarea name='comment'></textarea><button>Post</button></form></div></div>"
    )
    page = _sectioned(form)
    assert restore_split_parts(list(_KEPT), lxml.html.document_fromstring(page)) == _KEPT
