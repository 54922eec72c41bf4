"""A writer's own box of prose inside the story is article text; sign-up and teaser
boxes are not.

Pages are written here (a fictional science magazine's year in review), shaped like
a magazine template that sets an `<aside>` of recommendations between the last
paragraphs of a story: the engine drops every aside.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.asides import restore_article_asides
from newsdiff_gui.core.store.version_store import content_hash

_PARAGRAPHS = [
    "Mathematics had a remarkable year. A teenager settled a question about curved "
    "surfaces that had stood for four decades, and a team of three proved that a shape "
    "long thought impossible can be built from paper and glue.",
    "The proofs were checked by referees on three continents over the summer, and two "
    "of them have since been confirmed by a computer verification that took the better "
    "part of a month to run on a university cluster.",
    "And in other news about simple shapes, a group of engineers built a tetrahedron "
    "that can only rest on one of its four sides. Place it on any other side and it "
    "flips back, which surprised even the people who designed it.",
]


def _recommendations(pieces: int) -> str:
    return (
        '<aside class="box"><h2>Beyond our pages</h2>'
        "<h3><a href='https://video.example/cubes'>Exploring the cubes</a><br>"
        "<em>A video channel</em></h3>"
        "<p>This video shows the direct relationship between art and mathematics. It "
        f"explains the group theory behind a series of {pieces} wire-frame cubes with one "
        "or more edges removed, and what it takes to turn an intuition into a proof.</p>"
        "<h3><a href='https://paper.example/tiger'>How the tiger got its stripes</a><br>"
        "<em>A weekly paper</em></h3>"
        "<p>A model proposed seventy years ago to explain the stripes of a zebra has been "
        "extended by biologists, who now use it to describe the patterns that appear on "
        "the skins of fish, lizards and big cats throughout the natural world.</p>"
        "</aside>"
    )


_SIGN_UP = (
    "<aside><p>Get the best of our stories in your inbox every Friday morning, with a "
    "short note from the editors about what they found most surprising this week.</p>"
    "<p>We will never share your address with anyone else, and every newsletter has a "
    "link at the bottom that takes you off the list with a single click, at any time.</p>"
    "<form><input type='email' name='email'><button>Sign up</button></form></aside>"
)
_TEASERS = (
    "<aside><h2>More from the magazine</h2>"
    "<p><a href='/a'>A new kind of infinity that does not behave the way mathematicians "
    "expected it to, and what the discovery means for the foundations of the field</a></p>"
    "<p><a href='/b'>The long search for a shape that tiles the plane without ever "
    "repeating itself ends with a single tile that a retired printer found by hand</a></p>"
    "</aside>"
)


def _page(box: str) -> str:
    first, second, last = (f"<p>{p}</p>" for p in _PARAGRAPHS)
    return (
        "<!DOCTYPE html><html><head><title>The year in mathematics | Sample Magazine"
        "</title></head><body><nav><a href='/'>Home</a> <a href='/math'>Mathematics</a>"
        "</nav><article><h1>The year in mathematics</h1>"
        f"<div class='body'>{first}{second}{last}<p><span><img src='x.webp' alt=''>"
        f"</span></p>{box}</div></article>"
        "<footer><a href='/about'>About us</a> <a href='/contact'>Contact</a></footer>"
        "</body></html>"
    )


def test_a_box_of_prose_in_the_story_is_kept_where_the_page_prints_it() -> None:
    paragraphs = list(extract_document(_page(_recommendations(122))).paragraphs)
    assert paragraphs[: len(_PARAGRAPHS)] == _PARAGRAPHS
    assert paragraphs[len(_PARAGRAPHS) :] == [
        "Beyond our pages",
        "Exploring the cubes",
        "A video channel",
        paragraphs[6],
        "How the tiger got its stripes",
        "A weekly paper",
        paragraphs[9],
    ]
    assert "series of 122 wire-frame cubes" in paragraphs[6]
    assert paragraphs[9].startswith("A model proposed seventy years ago")


def test_a_figure_changed_inside_the_box_is_a_new_version() -> None:
    before = extract_document(_page(_recommendations(122)))
    after = extract_document(_page(_recommendations(123)))
    assert content_hash(before) != content_hash(after)


def test_sign_up_and_teaser_boxes_stay_out() -> None:
    for box in (_SIGN_UP, _TEASERS):
        assert list(extract_document(_page(box)).paragraphs) == _PARAGRAPHS


def test_a_box_after_text_the_engine_did_not_keep_stays_out() -> None:
    tree = lxml.html.fromstring(_page(_recommendations(122)))
    unrelated = ["A paragraph the page does not print next to the box."]
    assert restore_article_asides(unrelated, tree) == unrelated


def test_a_box_already_kept_is_not_doubled() -> None:
    tree = lxml.html.fromstring(_page(_recommendations(122)))
    once = restore_article_asides(list(_PARAGRAPHS), tree)
    assert len(once) > len(_PARAGRAPHS)
    assert restore_article_asides(once, tree) == once


_TIP = (
    "Spend less time sitting: get up and walk around for ten minutes every hour, "
    "and those minutes add up to {minutes} over a working week."
)


def _between(box: str) -> str:
    # The box is set between two of the story's paragraphs.
    first, second, last = (f"<p>{p}</p>" for p in _PARAGRAPHS)
    return (
        "<html><head><title>The year in mathematics</title></head><body><article>"
        f"<h1>The year in mathematics</h1><div class='body'>{first}{second}{box}{last}</div>"
        "</article></body></html>"
    )


def test_a_callout_of_one_paragraph_between_the_storys_paragraphs_is_kept() -> None:
    box = "<aside class='tip'><p><b>Move more!</b><br>" + _TIP + "</p></aside>"
    before = extract_document(_between(box.format(minutes="fifty minutes")))
    after = extract_document(_between(box.format(minutes="an hour")))
    assert list(before.paragraphs) == [
        *_PARAGRAPHS[:2],
        "Move more!",
        _TIP.format(minutes="fifty minutes"),
        _PARAGRAPHS[2],
    ]
    assert content_hash(before) != content_hash(after)


def test_one_paragraph_after_the_story_or_a_pull_quote_stays_out() -> None:
    tip = "<aside class='tip'><p>" + _TIP.format(minutes="an hour") + "</p></aside>"
    # At the end of the story, one paragraph is not enough to tell it from a promo.
    assert list(extract_document(_page(tip)).paragraphs) == _PARAGRAPHS
    # A pull quote repeats the story's words.
    pulled = _PARAGRAPHS[1][_PARAGRAPHS[1].index("two of them") :]
    quote = f"<aside class='pull'><p>“{pulled}”</p></aside>"
    assert list(extract_document(_between(quote)).paragraphs) == _PARAGRAPHS
