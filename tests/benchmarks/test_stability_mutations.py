"""The stability benchmark's link mutation leaves the page's own byline alone.

A byline is compared text: a new author is a change of the article, so a
mutation that rewrites it is an edit, not furniture. Pages written here
(a fictional serial and its site).
"""

from __future__ import annotations

import random

import lxml.html
from stability_edits import list_figure_added
from stability_furniture import rotate_link_texts, script_style_meta
from stability_mutations import Anatomy, Page

_STORY = (
    "The lighthouse keeper counted the ships twice that night, once by lamp and once by "
    "memory, and both counts came out wrong in the same way. "
)


def _page(byline_box: str) -> Page:
    html = (
        "<html><head><title>Chapter Nine: The Count - Harbour Lights</title></head><body>"
        f"<div class='head'>{byline_box}<h1>Chapter Nine: The Count</h1></div>"
        f"<div class='story'><p>{_STORY * 3}</p><p>{_STORY * 2}</p></div>"
        "<div class='side'><p><a href='/f/1'>Tide Tables</a> <span>by</span> "
        "<a href='/u/7'>Ola Berg</a></p><p><a href='/f/2'>Salt Roads</a></p></div>"
        "</body></html>"
    )
    return Page("test/serial", None, html, truth=(_STORY * 5).strip())


def _rotated(page: Page) -> set[str]:
    """The texts of the links the mutation changed."""
    pair = rotate_link_texts(Anatomy(page), random.Random(1))
    assert pair is not None
    before, after = (lxml.html.fromstring(html) for html in pair)
    return {
        a.text_content()
        for a, b in zip(before.iter("a"), after.iter("a"), strict=True)
        if a.text_content() != b.text_content()
    }


def test_a_name_after_a_lone_by_beside_the_headline_is_the_byline() -> None:
    head = (
        "<a href='/f/9'><h2>Harbour Lights</h2></a> <span>by</span> "
        "<h3><a href='/u/3'>Tove Lind</a></h3>"
    )
    rotated = _rotated(_page(head))
    assert "Tove Lind" not in rotated
    # A teaser's author elsewhere on the page changes with the teaser.
    assert {"Ola Berg", "Tide Tables", "Salt Roads"} <= rotated


def test_a_by_that_runs_on_into_its_link_is_not_a_byline() -> None:
    # Beside the headline, but a sentence's "by".
    head = "A serial set in motion by <a href='/u/3'>Tove Lind</a> in 2019."
    assert "Tove Lind" in _rotated(_page(head))


def test_links_that_name_a_fixed_place_do_not_rotate() -> None:
    fixed = (
        "<p>Write to <a href='mailto:desk@harbour.example'>desk@harbour.example</a> or call "
        "<a href='tel:+15550100'>555 0100</a>.</p><p><a href='#chapter-ten'>Chapter Ten</a>"
        " and a note<a href='/notes#n4'>[4]</a></p>"
    )
    assert _rotated(_page(fixed)) == {"Tide Tables", "Ola Berg", "Salt Roads"}


def _gold_and_story(body: str, truth: str) -> tuple[set[str], list[str]]:
    """The gold blocks' texts and the story blocks' texts of a page about The Count."""
    html = (
        f"<html><head><title>The Count</title></head><body><h1>The Count</h1>{body}</body></html>"
    )
    anatomy = Anatomy(Page("test/count", None, html, truth=truth))
    gold = {block.text_content() for block in anatomy.gold_blocks}
    return gold, [block.text_content() for block in anatomy.story_blocks]


def test_a_readers_comment_in_the_gold_is_not_the_story() -> None:
    comment = "I walked past the lighthouse last week and the lamp was still dark at ten."
    gold, story = _gold_and_story(
        f"<div class='story'><p>{_STORY * 3}</p><p>{_STORY * 2}</p></div>"
        "<section id='comments'><ol class='comment-list'><li class='comment' id='comment-12'>"
        f"<p>{comment}</p></li></ol></section>",
        truth=f"{_STORY * 5} {comment}",
    )
    assert comment in gold
    assert story == [_STORY * 3, _STORY * 2]


def test_a_box_holding_only_a_figure_is_its_caption_not_the_story() -> None:
    caption = "The new lamp being lifted into the lighthouse tower by a crane on Monday."
    gold, story = _gold_and_story(
        f"<div class='story'><p>{_STORY * 3}</p><div class='media'><figure>"
        f"<img src='lamp.jpg'><figcaption>{caption}</figcaption></figure></div>"
        f"<p>{_STORY * 2}</p></div>",
        truth=f"{_STORY * 3} {caption} {_STORY * 2}",
    )
    assert caption in gold
    assert story == [_STORY * 3, _STORY * 2]


def test_meta_churn_leaves_the_site_name_and_changes_a_build_tag() -> None:
    page = _page("")
    html = page.html.replace(
        "<head>",
        "<head><meta property='og:site_name' content='Harbour Lights'>"
        "<meta name='build-id' content='a81f'>",
    )
    before, after = script_style_meta(
        Anatomy(Page(page.id, None, html, page.truth)), random.Random(3)
    )

    def meta(page_html: str, name: str) -> str | None:
        tree = lxml.html.fromstring(page_html)
        found = tree.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
        return str(found[0]) if found else None

    assert meta(before, "og:site_name") == meta(after, "og:site_name") == "Harbour Lights"
    assert meta(before, "build-id") != meta(after, "build-id")


def test_a_quote_chip_moves_only_its_figure_inside_the_story() -> None:
    import re

    from stability_furniture import quote_chip

    page = _page("<span>by</span> <a href='/u/3'>Tove Lind</a>")
    for seed in range(12):  # every shape, each with figures of its own
        pair = quote_chip(Anatomy(page), random.Random(seed))
        assert pair is not None
        before, after = (lxml.html.fromstring(html) for html in pair)
        changed = [
            (a.text_content(), b.text_content())
            for a, b in zip(before.iter("p"), after.iter("p"), strict=True)
            if a.text_content() != b.text_content()
        ]
        assert len(changed) == 1  # one paragraph of the story
        first, second = changed[0]
        figure = re.compile(r"[+-]\d+\.\d\d%|\$\d+\.\d\d")
        # Only the figure moved, and the story's sentence follows it untouched.
        assert figure.sub("#", first) == figure.sub("#", second)
        assert first.endswith(_STORY * 2)


def test_an_added_list_is_set_between_two_sentences_not_under_a_breadcrumb() -> None:
    # A story's list is set in its running text: not after a breadcrumb trail or among
    # a paper's affiliation lines, which some golds keep.
    crumb = "Harbour Lights > Stories > The Count"
    affiliation = "Harbour Institute of Navigation, Northport, United Kingdom"
    body = (
        f"<p>{crumb}</p><p>{affiliation}</p><div class='story'><p>{_STORY * 3}</p>"
        f"<p>{_STORY * 2}</p><p>{_STORY}</p></div>"
    )
    html = (
        f"<html><head><title>The Count</title></head><body><h1>The Count</h1>{body}</body></html>"
    )
    truth = f"{crumb} {affiliation} {_STORY * 6}"
    pair = list_figure_added(Anatomy(Page("test/count", None, html, truth)), random.Random(1))
    assert pair is not None
    root = lxml.html.fromstring(pair[0])
    listing = root.find(".//ul")
    assert listing is not None
    before = listing.getprevious()
    assert before is not None and before.text_content() == _STORY * 3
