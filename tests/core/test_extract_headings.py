"""A story's subheadings are its text: a rewritten subheading makes a version.

Pages are written here (a fictional county, a fictional flood wall), shaped like
a small site's template: a teaser box of class "post" comes first, so the engine
takes it for the article, finds too little and gathers the page's paragraphs
one by one, which loses every subheading between them.
"""

from __future__ import annotations

import time

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.headings import restore_subheadings
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.timing import PROMPTLY

_P = (
    "The county's flood defences will be rebuilt over the next three years, the regional "
    "authority said on Tuesday, after the winter storms breached the river wall in four places.",
    "Engineers found that the wall, built in 1962, had been weakened by decades of erosion "
    "that routine inspections had not recorded, according to a report presented to councillors.",
    "The first phase will raise the wall by half a metre along the stretch that protects the "
    "town centre, where more than two hundred homes were flooded in January.",
    "Residents will be able to comment on the plans at three public meetings, and the "
    "authority said it would publish the full engineering report on its website next week.",
    "The second phase will add pumping stations at the two points where the river meets the "
    "drainage channels, so that water can be moved out faster during a storm.",
    "Farmers upstream have asked for compensation for fields that will be used to hold flood "
    "water, and the authority said talks with their union would begin in March.",
)
_TEASER = '<div class="post"><p>Town hall opens on Saturday.</p><p>Library hours change.</p></div>'


def _page(middle: str, *, first: str = "Where the work starts") -> str:
    return (
        "<!DOCTYPE html><html><head><title>Flood wall to be rebuilt | Valley Courier</title>"
        '</head><body><div class="top"><a href="/">Home</a> <a href="/news">News</a></div>'
        f"{_TEASER}<div class='layout'><h1>Flood wall to be rebuilt</h1>"
        f"<p>{_P[0]}</p><p>{_P[1]}</p><h2>{first}</h2><p>{_P[2]}</p><p>{_P[3]}</p>"
        f"{middle}<p>{_P[4]}</p><p>{_P[5]}</p></div></body></html>"
    )


_SECTIONS = "<h2>Who pays for it</h2><h3>The pumping stations</h3>"


def test_the_subheadings_between_the_paragraphs_are_kept_in_their_places() -> None:
    paragraphs = extract_document(_page(_SECTIONS)).paragraphs
    story = paragraphs[paragraphs.index(_P[0]) :]
    assert story == (
        _P[0],
        _P[1],
        "Where the work starts",
        _P[2],
        _P[3],
        "Who pays for it",
        "The pumping stations",
        _P[4],
        _P[5],
    )


def test_a_rewritten_subheading_is_a_new_version() -> None:
    before = extract_document(_page(_SECTIONS))
    after = extract_document(_page(_SECTIONS, first="Where the work starts in May"))
    assert content_hash(before) != content_hash(after)


def test_a_heading_broken_across_lines_keeps_its_words_apart() -> None:
    paragraphs = extract_document(_page("<h2>Who pays<br>for it</h2>")).paragraphs
    assert "Who pays for it" in paragraphs


def test_a_heading_over_a_list_of_words_is_kept_with_the_list() -> None:
    listing = (
        "<h3>What the plan costs</h3><ul><li>The wall costs 12 million euros.</li>"
        "<li>The pumping stations cost 4 million euros.</li></ul>"
    )
    paragraphs = extract_document(_page(listing)).paragraphs
    start = paragraphs.index("What the plan costs")
    assert paragraphs[start - 1 : start + 4] == (
        _P[3],
        "What the plan costs",
        "The wall costs 12 million euros.",
        "The pumping stations cost 4 million euros.",
        _P[4],
    )


def test_a_box_of_links_between_the_paragraphs_stays_out_with_its_heading() -> None:
    for heading in ("Read next", "Storm season in pictures"):
        related = (
            f"<h3>{heading}</h3><ul><li><a href='/news/bridge'>Bridge repairs start next week"
            "</a></li><li><a href='/news/market'>Market moves to the square</a></li></ul>"
        )
        assert heading not in extract_document(_page(related)).paragraphs


def test_a_teaser_headline_linking_to_another_story_stays_out() -> None:
    teaser = "<h3><a href='/news/dam'>Dam inspection finds cracks in the spillway</a></h3>"
    paragraphs = extract_document(_page(teaser)).paragraphs
    assert "Dam inspection finds cracks in the spillway" not in paragraphs


def test_a_sign_up_box_heading_stays_out() -> None:
    signup = (
        "<h3>Get the morning briefing</h3><form><input type='email' name='email'>"
        "<button>Sign up</button></form>"
    )
    assert "Get the morning briefing" not in extract_document(_page(signup)).paragraphs


def test_a_heading_the_page_hides_stays_out() -> None:
    hidden = "<h3 style='display:none'>Print edition headline</h3>"
    assert "Print edition headline" not in extract_document(_page(hidden)).paragraphs


def test_a_heading_in_the_article_footer_stays_out() -> None:
    tree = lxml.html.fromstring(
        "<article><p>The story's last paragraph.</p><footer><p>Corrections are listed below."
        "</p><h3>About the author</h3><p>She covers the county.</p></footer></article>"
    )
    blocks = [
        "The story's last paragraph.",
        "Corrections are listed below.",
        "She covers the county.",
    ]
    assert restore_subheadings(blocks, tree) == blocks


def test_a_section_heading_over_a_kept_subheading_is_put_back() -> None:
    tree = lxml.html.fromstring(
        "<div><p>First paragraph of the story.</p><h2>Who pays for it</h2>"
        "<h3>The pumping stations</h3><p>Second paragraph of the story.</p></div>"
    )
    blocks = [
        "First paragraph of the story.",
        "The pumping stations",
        "Second paragraph of the story.",
    ]
    assert restore_subheadings(blocks, tree) == [
        "First paragraph of the story.",
        "Who pays for it",
        "The pumping stations",
        "Second paragraph of the story.",
    ]


def test_only_a_heading_with_the_story_on_both_sides_is_put_back() -> None:
    # (A heading opening the story's own box, right above its first paragraph, is
    # the story's too: tests/core/test_extract_headings_opening.py.)
    tree = lxml.html.fromstring(
        "<div><div class='top'><h2>Before the story</h2><ul><li><a href='/'>Home</a></li>"
        "</ul></div><div class='story'><p>First paragraph of the story.</p>"
        "<h2>Inside the story</h2><p>Second paragraph of the story.</p>"
        "<h2>After the story</h2><div class='footer-links'>About us</div></div></div>"
    )
    blocks = ["First paragraph of the story.", "Second paragraph of the story."]
    assert restore_subheadings(blocks, tree) == [
        "First paragraph of the story.",
        "Inside the story",
        "Second paragraph of the story.",
    ]


def test_a_list_whose_items_the_headings_repeat_is_kept_too() -> None:
    # "The three designs:" then a list of their names, then a section per design.
    designs = ("Raised wall", "Floodplain park", "Tidal barrier")
    listing = "".join(f"<li>{name}</li>" for name in designs)
    sections = "".join(
        f"<h2>{name}</h2><p>{_P[index + 3]}</p>" for index, name in enumerate(designs)
    )
    html = (
        "<!DOCTYPE html><html><head><title>Three designs | Valley Courier</title></head><body>"
        f"{_TEASER}<div class='layout'><h1>Three designs</h1><p>{_P[0]}</p>"
        f"<p>{_P[1]} The authority compared three designs:</p><ul>{listing}</ul>"
        f"<p>{_P[2]}</p>{sections}</div></body></html>"
    )
    paragraphs = extract_document(html).paragraphs
    start = paragraphs.index(f"{_P[1]} The authority compared three designs:")
    assert paragraphs[start + 1 : start + 4] == designs
    assert paragraphs[-6:] == (designs[0], _P[3], designs[1], _P[4], designs[2], _P[5])


def _sections(repeat_kept: bool) -> tuple[lxml.html.HtmlElement, list[str]]:
    # Each phase ends with the same line; the engine may keep both copies or drop
    # the repeat.
    tree = lxml.html.fromstring(
        "<div><p>The plan has three phases.</p><h3>1. Planning</h3><p>Planning text.</p>"
        "<p>Timeline: one week</p><h3>2. Building</h3><p>Building text.</p>"
        "<p>Timeline: one week</p><h3>3. Painting</h3><p>Painting text.</p></div>"
    )
    blocks = ["The plan has three phases.", "Planning text.", "Timeline: one week"]
    blocks += ["Building text.", "Timeline: one week"] if repeat_kept else ["Building text."]
    return tree, [*blocks, "Painting text."]


def test_each_heading_follows_its_own_copy_of_a_repeated_line() -> None:
    tree, blocks = _sections(repeat_kept=True)
    assert restore_subheadings(blocks, tree) == [
        "The plan has three phases.",
        "1. Planning",
        "Planning text.",
        "Timeline: one week",
        "2. Building",
        "Building text.",
        "Timeline: one week",
        "3. Painting",
        "Painting text.",
    ]


def test_a_heading_after_a_repeat_the_engine_dropped_goes_before_its_paragraph() -> None:
    tree, blocks = _sections(repeat_kept=False)
    restored = restore_subheadings(blocks, tree)
    assert restored.index("3. Painting") == restored.index("Painting text.") - 1
    assert restored.index("2. Building") == restored.index("Building text.") - 1


def test_a_stray_glyph_places_no_heading() -> None:
    # An icon read as a letter ("â") before each heading is kept many times over.
    tree = lxml.html.fromstring(
        "<div><p>First paragraph of the story.</p><p>â</p><h2>Our picks</h2>"
        "<p>Second paragraph of the story.</p><p>â</p><h2>How we tested</h2>"
        "<p>Third paragraph of the story.</p></div>"
    )
    blocks = ["First paragraph of the story.", "â", "â", "Second paragraph of the story."]
    blocks.append("Third paragraph of the story.")
    restored = restore_subheadings(blocks, tree)
    assert restored.index("Our picks") == restored.index("Second paragraph of the story.") - 1
    assert restored.index("How we tested") == restored.index("Third paragraph of the story.") - 1


def test_an_item_printed_as_a_paragraph_is_one_copy() -> None:
    tree = lxml.html.fromstring(
        "<div><p>The first paragraph of the story.</p><ul><li><p>The last item of the list.</p>"
        "</li></ul><h2>What happens next</h2><h3>The vote</h3><p>The second paragraph.</p></div>"
    )
    blocks = ["The first paragraph of the story.", "The last item of the list."]
    blocks.append("The second paragraph.")
    assert restore_subheadings(blocks, tree) == [
        "The first paragraph of the story.",
        "The last item of the list.",
        "What happens next",
        "The vote",
        "The second paragraph.",
    ]


def test_a_page_of_hundreds_of_sections_is_read_whole_and_promptly() -> None:
    # A hostile or merely huge page: 300 sections, each a paragraph, a list of 50
    # items the engine dropped, and a heading.
    items = "".join(f"<li>Item {number} of the long list of words</li>" for number in range(50))
    markup = "".join(
        f"<p>Paragraph {index} of the story.</p><ul>{items}</ul><h3>Heading {index}</h3>"
        for index in range(300)
    )
    tree = lxml.html.fromstring(f"<div>{markup}<p>The end of the story.</p></div>")
    blocks = [f"Paragraph {index} of the story." for index in range(300)]
    blocks.append("The end of the story.")
    started = time.process_time()
    restored = restore_subheadings(blocks, tree)
    assert time.process_time() - started < PROMPTLY
    assert restored[-3:] == ["Paragraph 299 of the story.", "Heading 299", "The end of the story."]
    assert len(restored) == len(blocks) + 300


def _item(heading: str, text: str) -> str:
    # A listicle prints each item in a box of its own, opened by its heading.
    return f"<div class='item'><div class='text'><h3>{heading}</h3><p>{text}</p></div></div>"


_ITEMS = (
    "Engineers will add half a metre of concrete to the river wall along the town centre, "
    "where the January storms breached it in four places.",
    "Two pumping stations will move water out of the drainage channels during a storm, "
    "so that the streets behind the wall drain within hours.",
)


def test_the_headings_that_open_a_listicles_item_boxes_are_put_back() -> None:
    items = _item("1. Raise the wall", _ITEMS[0]) + _item("2. Add pumping stations", _ITEMS[1])
    paragraphs = extract_document(_page(items)).paragraphs
    start = paragraphs.index(_P[3])
    assert paragraphs[start:] == (
        _P[3],
        "1. Raise the wall",
        _ITEMS[0],
        "2. Add pumping stations",
        _ITEMS[1],
        _P[4],
        _P[5],
    )
    rewritten = _item("1. Raise the wall by a metre", _ITEMS[0]) + _item(
        "2. Add pumping stations", _ITEMS[1]
    )
    assert content_hash(extract_document(_page(items))) != content_hash(
        extract_document(_page(rewritten))
    )


def test_a_heading_over_a_box_of_paragraphs_is_put_back() -> None:
    # A theme's rich-text field holds the item's paragraphs.
    items = "".join(
        f"<div class='item'><h3>{heading}</h3><div class='rte'><p>{text}</p></div></div>"
        for heading, text in (("1. Raise the wall", _ITEMS[0]), ("2. Add pumps", _ITEMS[1]))
    )
    paragraphs = extract_document(_page(items)).paragraphs
    start = paragraphs.index(_P[3])
    assert paragraphs[start : start + 5] == (
        _P[3],
        "1. Raise the wall",
        _ITEMS[0],
        "2. Add pumps",
        _ITEMS[1],
    )


def test_a_listicles_first_heading_after_an_introduction_ending_in_an_empty_paragraph() -> None:
    # The introduction's box closes with an empty <p>; the first item's heading still
    # follows the story's text, as every other item's does.
    def item(number: int, heading: str, text: str) -> str:
        return (
            f"<div class='item'><div class='img'><img src='/{number}.jpg'></div>"
            f"<div class='text'><h6>{number}. {heading}</h6><div class='rte'><p>{text}</p>"
            "</div></div></div>"
        )

    tree = lxml.html.fromstring(
        f"<div><div class='intro'><p>{_P[0]}</p><p>\n</p></div>"
        f"{item(1, 'Raise the wall', _ITEMS[0])}{item(2, 'Add pumps', _ITEMS[1])}</div>"
    )
    blocks = [_P[0], _ITEMS[0], _ITEMS[1]]
    assert restore_subheadings(blocks, tree) == [
        _P[0],
        "1. Raise the wall",
        _ITEMS[0],
        "2. Add pumps",
        _ITEMS[1],
    ]


def test_a_widget_heading_opening_a_box_after_another_widget_stays_out() -> None:
    tree = lxml.html.fromstring(
        "<div><div class='story'><p>First paragraph of the story.</p></div>"
        "<div class='rail'><div class='w'><p><a href='/a'>Archive</a></p></div>"
        "<div class='w'><h3>Recent posts</h3><p>A kept line of the widget.</p></div></div></div>"
    )
    blocks = ["First paragraph of the story.", "A kept line of the widget."]
    assert restore_subheadings(blocks, tree) == blocks


def test_a_heading_opening_its_box_kept_in_place_is_not_doubled() -> None:
    tree = lxml.html.fromstring(
        "<div><p>First paragraph of the story.</p>"
        "<div class='item'><h3>Laundry room</h3><p>Second paragraph of the story.</p></div>"
        "<h3>Laundry room</h3></div>"
    )
    blocks = ["First paragraph of the story.", "Laundry room", "Second paragraph of the story."]
    assert restore_subheadings(blocks, tree) == blocks


def test_a_heading_over_a_box_that_prints_other_lines_first_stays_out() -> None:
    tree = lxml.html.fromstring(
        "<div><p>First paragraph of the story.</p><h3>Partner content</h3>"
        "<div class='promo'><div>Sponsored by Acme Boats</div>"
        "<p>A paragraph the engine kept.</p></div></div>"
    )
    blocks = ["First paragraph of the story.", "A paragraph the engine kept."]
    assert restore_subheadings(blocks, tree) == blocks


def _wrapped_sections(card: str = "") -> str:
    """Each section a box: its heading wrapped alone in a title box, its paragraphs in
    a text box beside it (a page builder's editorial grid)."""
    sections = "".join(
        f"<div class='text-section'><div class='title-wrapper'><h2>{heading}</h2></div>"
        f"<div class='description'><p>{first}</p><p>{second}</p></div></div>"
        for heading, first, second in (
            ("Where the work starts", _P[0], _P[1]),
            ("Who pays for it", _P[2], _P[3]),
            ("The pumping stations", _P[4], _P[5]),
        )
    )
    return f"<html><body><main>{sections}{card}</main></body></html>"


def test_a_heading_wrapped_alone_beside_its_section_s_text_is_put_back() -> None:
    tree = lxml.html.document_fromstring(_wrapped_sections())

    assert restore_subheadings(list(_P), tree) == [
        _P[0],
        _P[1],
        "Who pays for it",
        _P[2],
        _P[3],
        "The pumping stations",
        _P[4],
        _P[5],
    ]


def test_a_heading_inside_a_teaser_card_s_link_stays_out() -> None:
    card = (
        "<div class='post-card'><a href='/news/library-hours'><div class='title-wrapper'>"
        "<h3>Library changes its opening hours</h3></div></a>"
        f"<div class='description'><p>{_P[5]}</p></div></div>"
    )
    blocks = [*_P, _P[5]]
    tree = lxml.html.document_fromstring(_wrapped_sections(card))

    assert "Library changes its opening hours" not in restore_subheadings(blocks, tree)
