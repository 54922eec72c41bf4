"""A paragraph of the story the engine dropped from among the kept ones is put back.

The page is written here (a fictional nursery's care guide): a video box whose title
is kept, then the guide's introduction in a section the template calls a "process
slider" (the engine discards boxes so named), then the plants, each a heading and a
paragraph. Without the rule the introduction is lost and an edit to it makes no
version.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.gaps import restore_dropped_paragraphs
from tests.support.checks import stores_a_version

_INTRO = (
    "If you are unsure how much light a corner of your home receives, try the paper test. "
    "Hold your hand about 12 inches above a sheet of white paper at noon and look at the shadow."
)
_PLANTS = (
    (
        "Pothos",
        "One of the easiest houseplants to grow, this trailing vine forgives a missed watering "
        "and grows in almost any window of the house.",
    ),
    (
        "Snake plant",
        "Stiff, upright leaves and a slow pace make this plant a good choice for the darker "
        "corners of a flat, where little else will grow.",
    ),
    (
        "Peace lily",
        "White flowers bloom through the year above dark, glossy foliage; keep the soil moist "
        "and the plant out of direct afternoon sun.",
    ),
)


def _page(intro: str = f"<p class='text-area'>{_INTRO}</p>", between: str = "") -> str:
    columns = "".join(
        f'<div class="col"><h3>{name}</h3><p>{text}</p></div>' for name, text in _PLANTS
    )
    return (
        "<html><head><title>Houseplants for low light | Green Yard Nursery</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/guides'>Guides</a></nav></header><main>"
        "<section class='hero'><h1>Houseplants for low light</h1></section>"
        "<section class='full-width-video'><div class='media'><button aria-label='Play video'>"
        "</button><h2>Video: Houseplants for low light</h2></div></section>"
        f"<section class='layout-process-slider'><div class='width-container'>{intro}"
        "<div class='tablist' role='tablist'></div></div></section>"
        f"{between}<section class='three-col'><div class='columns'>{columns}</div></section>"
        "</main><footer><p>© 2025 Green Yard Nursery</p></footer></body></html>"
    )


def test_an_introduction_in_a_box_the_engine_discards_is_the_storys() -> None:
    paragraphs = extract_document(_page()).paragraphs
    assert paragraphs[:3] == ("Video: Houseplants for low light", _INTRO, "Pothos")
    assert len(paragraphs) == 8


def test_an_edit_to_the_put_back_paragraph_is_a_new_version() -> None:
    edited = f"<p>{_INTRO.replace('12 inches', '10 inches')}</p>"
    assert stores_a_version(_page(), _page(edited))


def test_what_the_page_sets_apart_stays_out() -> None:
    # Each is dropped by the engine where the introduction was, and stays out.
    for box in (
        f"<aside><p>{_INTRO}</p></aside>",
        f"<figure><img src='/shadow.jpg' alt=''><p>{_INTRO}</p></figure>",
        f"<p hidden>{_INTRO}</p>",
        f"<form><p>{_INTRO}</p><input name='email'></form>",
        "<p>Sign up for our newsletter to get a care guide in your inbox every month, with "
        "tips from our growers and offers from the nursery.</p>",
    ):
        paragraphs = extract_document(_page(box)).paragraphs
        assert not any("paper test" in p or "newsletter" in p for p in paragraphs), box


def test_short_lines_and_lines_of_links_stay_out() -> None:
    for line in (
        "<p>Updated for spring.</p>",
        "<p>More guides: <a href='/g/ferns'>Ferns that thrive in bathrooms and kitchens</a> and "
        "<a href='/g/cacti'>Cacti for the sunniest sills in the house</a>.</p>",
    ):
        paragraphs = extract_document(_page(line)).paragraphs
        assert len(paragraphs) == 7, line


def test_a_paragraph_far_from_the_kept_ones_stays_out() -> None:
    # A long box of links between it and the next kept block: another part of the page.
    links = "".join(f"<li><a href='/shop/{n}'>Pot size {n}</a></li>" for n in range(40))
    between = f"<div class='shop-menu'><ul>{links}</ul></div>"
    paragraphs = extract_document(_page(between=between)).paragraphs
    assert _INTRO not in paragraphs


def test_the_blurb_of_a_teaser_card_stays_out() -> None:
    # A card promoting another guide: its headline is a link, its blurb a paragraph.
    card = (
        "<div class='card'><a href='/guides/ferns'><h4>Ferns that thrive in dark bathrooms"
        "</h4></a><p>Steam and shade suit these plants better than any sunny sill, and most "
        "of them forgive a week without water when you travel.</p></div>"
    )
    paragraphs = extract_document(_page(card)).paragraphs
    assert not any("Steam and shade" in p for p in paragraphs)
    assert len(paragraphs) == 7


def test_empty_boxes_are_no_kept_blocks_even_when_a_kept_block_has_no_words() -> None:
    # A kept "* * *" separator keys to nothing, like the empty boxes of a comment thread:
    # the boxes around a reader's comment below the story are not the story's blocks.
    story = [text for _, text in _PLANTS]
    empty = "<div class='spacer'> </div>" * 30
    comment = (
        "<div class='comment'><p>Lovely guide, thank you! My pothos has grown right across "
        "the bookshelf since I moved it away from the window last spring.</p></div>"
    )
    page = (
        "<html><body><article>"
        + "".join(f"<p>{text}</p>" for text in story)
        + f"<p>* * *</p></article><section>{empty}{comment}{empty}</section></body></html>"
    )
    blocks = [*story, "* * *"]
    assert restore_dropped_paragraphs(blocks, lxml.html.fromstring(page)) == blocks


_REVIEW = (
    "We tested thirteen kettles side by side for a month, boiling each one hundred times "
    "and timing every boil with the same litre of water.",
    "The Brightwell 4100 was our favourite overall: quick, quiet and easy to pour, though "
    "its lid is stiff when it is new.",
    "If you are choosing between an electric kettle and a stovetop one, our buying advice "
    "explains what each is good at and what it costs to run.",
)
_VERDICT = (
    "After a month of boiling, the differences came down to noise and the lid, not speed.",
    "Every kettle we tested boiled a litre in under four minutes on a standard socket.",
)


def _review_page(tail: str = "") -> str:
    """An introduction in one box, a table of forty products, then the verdicts."""
    intro = "".join(f"<p>{text}</p>" for text in _REVIEW)
    table = "".join(
        f"<div class='pick'><div>Pick {n}</div><div>Kettle {n}</div></div>" for n in range(20)
    )
    verdict = "".join(f"<p>{text}</p>" for text in _VERDICT)
    return (
        f"<html><body><div class='articletext'>{intro}</div>{tail}"
        f"<div class='quick-look'>{table}</div><div class='verdicts'>{verdict}</div>"
        "</body></html>"
    )


def test_the_next_paragraphs_of_a_kept_one_in_its_box_are_the_storys() -> None:
    # The engine kept the introduction's first paragraph and the verdicts; the next
    # kept block after the introduction's last paragraphs is forty blocks away.
    blocks = [_REVIEW[0], *_VERDICT]
    restored = restore_dropped_paragraphs(blocks, lxml.html.fromstring(_review_page()))
    assert restored == [*_REVIEW, *_VERDICT]


def test_a_paragraph_in_a_box_of_its_own_after_the_kept_ones_stays_out() -> None:
    # An author's note in its own box after the introduction is not the introduction's
    # next paragraph, and no kept block stands near after it.
    bio = (
        "<div class='author-box'><p>Sam Doe has written about kitchen appliances for ten "
        "years and has boiled more water than anyone should.</p></div>"
    )
    blocks = [*_REVIEW, *_VERDICT]
    page = lxml.html.fromstring(_review_page(tail=bio))
    assert restore_dropped_paragraphs(blocks, page) == blocks


_CALLOUT = (
    "A full hybrid can drive a short distance on electric power alone, but it is still a "
    "petrol car at heart: it never needs a plug and cannot run far without its engine."
)


def _guide_page(between: str) -> str:
    return (
        "<html><body><article><h2>Electric or hybrid?</h2>"
        f"<p>{_REVIEW[0]}</p><h3>Do not confuse the two</h3>{between}"
        f"<h2>Running costs</h2><p>{_VERDICT[0]}</p></article></body></html>"
    )


def test_a_box_of_prose_right_under_a_kept_heading_is_the_storys() -> None:
    blocks = ["Electric or hybrid?", _REVIEW[0], "Do not confuse the two", "Running costs"]
    blocks.append(_VERDICT[0])
    page = lxml.html.fromstring(_guide_page(f"<div class='callout'>{_CALLOUT}</div>"))
    restored = restore_dropped_paragraphs(blocks, page)
    assert restored == [*blocks[:3], _CALLOUT, *blocks[3:]]


def test_a_box_of_prose_among_other_boxes_stays_out() -> None:
    # A promotion set among the page's other boxes, not right beside the kept blocks:
    # boxes of prose are often promotions or bios, unlike paragraphs.
    def among_cells(tag: str) -> str:
        cells = "".join(f"<div class='cell'>Offer {n}</div>" for n in range(2))
        return f"{cells}<{tag} class='callout'>{_CALLOUT}</{tag}>{cells}"

    blocks = ["Electric or hybrid?", _REVIEW[0], "Do not confuse the two", "Running costs"]
    blocks.append(_VERDICT[0])
    in_a_box = lxml.html.fromstring(_guide_page(among_cells("div")))
    assert restore_dropped_paragraphs(blocks, in_a_box) == blocks
    # The same text as a paragraph there is the story's.
    as_a_paragraph = lxml.html.fromstring(_guide_page(among_cells("p")))
    assert _CALLOUT in restore_dropped_paragraphs(blocks, as_a_paragraph)


_PRICES = (
    "The basic kettle costs $28.",
    "The family kettle costs $41.",
    "Spare filters cost $6 a pair.",
)


def test_a_list_between_a_kept_paragraph_and_its_next_ones_comes_back_with_them() -> None:
    listing = "<ul>" + "".join(f"<li>{price}</li>" for price in _PRICES) + "</ul>"
    page = _review_page().replace(f"<p>{_REVIEW[1]}", f"{listing}<p>{_REVIEW[1]}")
    blocks = [_REVIEW[0], *_VERDICT]
    # Once the paragraphs are back, the list between them is the story's too.
    expected = [_REVIEW[0], *_PRICES, *_REVIEW[1:], *_VERDICT]
    assert restore_dropped_paragraphs(blocks, lxml.html.fromstring(page)) == expected
