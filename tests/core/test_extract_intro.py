"""The story's opening printed in its own box under the headline is article text.

Pages are written here on the fictional harbour story, shaped like a template
that prints the headline, a byline and date, and the opening paragraph in a
header box, and the rest of the story in a body container.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.intro import restore_opening
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.pages import HARBOUR

_TITLE = "Harbour authority approves dredging plan"
_OPENING = (
    "After two years of dispute with the fishing cooperative, the port will dredge the "
    "northern channel from March, at a cost of about 14 million euros."
)
_DESCRIPTION = "The port will dredge the northern channel from March."


def _page(opening: str, between: str = "") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in HARBOUR)
    return (
        f"<!DOCTYPE html><html><head><title>{_TITLE} | Coast Post</title>"
        f'<meta name="description" content="{_DESCRIPTION}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/port'>Port</a></nav><main><article>"
        f"<div class='top'><h1>{_TITLE}</h1><div class='meta'><span>Jane Okafor</span>"
        "<span>4 March 2025, 09:12</span></div>"
        f"{between}<div class='lead'>{opening}</div></div>"
        f"<div class='article-body'>{body}</div></article></main>"
        "<footer><p>Coast Post, all rights reserved.</p></footer></body></html>"
    )


def test_an_edit_in_the_opening_under_the_headline_is_a_new_version() -> None:
    before = extract_document(_page(_OPENING))
    after = extract_document(_page(_OPENING.replace("14 million", "15 million")))
    assert content_hash(before) != content_hash(after)
    assert before.paragraphs[:2] == (_OPENING, HARBOUR[0])


def _restored(markup: str, kept: list[str]) -> list[str]:
    return restore_opening(kept, lxml.html.document_fromstring(markup), _TITLE, _DESCRIPTION)


def test_a_titled_box_or_a_long_unkept_block_in_between_is_not_the_opening() -> None:
    kept = list(HARBOUR)
    assert _restored(_page(_OPENING), kept) == [_OPENING, *kept]
    video = "<div class='video'><h4><a href='/v/1'>Watch: the channel</a></h4></div>"
    assert _restored(_page(_OPENING, between=video), kept) == kept
    box = (
        "<div class='promo'>The fishing fleet's own history of the northern channel, from the "
        "first dredging in 1911 to the present dispute</div>"
    )
    assert _restored(_page(_OPENING, between=box), kept) == kept


def test_a_notice_above_the_opening_is_passed_over() -> None:
    # Furniture is known for what it is: a sign-up prompt or a site's affiliate
    # disclosure between the headline and the opening does not hide the opening.
    kept = list(HARBOUR)
    for notice in (
        "Subscribe to the Coast Post for the latest port news, with weekly updates from the "
        "harbour and the fishing fleet",
        "We may earn a commission from links on this page, but we only recommend products we back.",
    ):
        between = f"<div class='notice'>{notice}</div>"
        assert _restored(_page(_OPENING, between=between), kept) == [_OPENING, *kept]


def test_a_teaser_the_meta_description_or_a_line_of_links_is_not_the_opening() -> None:
    kept = list(HARBOUR)
    assert _restored(_page(_DESCRIPTION), kept) == kept
    links = " ".join(f"<a href='/port/{n}'>{text}</a>" for n, text in enumerate(HARBOUR[:1]))
    assert _restored(_page(links), kept) == kept
    unfinished = _OPENING.rstrip(".") + " and more"
    assert _restored(_page(unfinished), kept) == kept


def test_a_list_between_two_opening_paragraphs_is_part_of_the_opening() -> None:
    second = (
        "The cooperative will be paid for the weeks its boats cannot leave the harbour, "
        "under an agreement signed on Monday evening."
    )

    def opening(price: int) -> str:
        return (
            f"<p>{_OPENING}</p><ul><li>The first phase costs {price} million euros.</li>"
            "<li>The second phase starts in the autumn.</li></ul><p>" + second + "</p>"
        )

    before = extract_document(_page(opening(9)))
    after = extract_document(_page(opening(10)))
    assert content_hash(before) != content_hash(after)
    assert before.paragraphs[:4] == (
        _OPENING,
        "The first phase costs 9 million euros.",
        "The second phase starts in the autumn.",
        second,
    )


_LEAD_IN = "The plan covers three stages:"
_STAGES = [
    "Dredging the northern channel to eleven metres from March",
    "Moving the spoil to the reclaimed land south of the ferry pier",
    "Rebuilding the fishing quay once the channel has settled",
]


def _list_opening(stages: list[str]) -> str:
    items = "".join(f"<li>{stage}</li>" for stage in stages)
    return f"<p>{_LEAD_IN}</p><ul>{items}</ul>"


def test_a_line_introducing_a_list_under_the_headline_opens_the_story() -> None:
    # "This plan is for you if:" and its items, set in the headline's box: the list
    # is the story's opening, and an edit to an item is a new version.
    before = extract_document(_page(_list_opening(_STAGES)))
    edited = [_STAGES[0].replace("eleven", "twelve"), *_STAGES[1:]]
    after = extract_document(_page(_list_opening(edited)))
    assert before.paragraphs[:5] == (_LEAD_IN, *_STAGES, HARBOUR[0])
    assert content_hash(before) != content_hash(after)


def test_a_line_introducing_links_or_one_item_is_no_opening() -> None:
    kept = list(HARBOUR)
    links = (
        f"<p>Share this story:</p><ul><li><a href='/s/1'>{_STAGES[0]}</a></li>"
        f"<li><a href='/s/2'>{_STAGES[1]}</a></li><li><a href='/s/3'>{_STAGES[2]}</a></li></ul>"
    )
    assert _restored(_page(links), kept) == kept
    assert _restored(_page(_list_opening(_STAGES[:1])), kept) == kept
