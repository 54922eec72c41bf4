"""Two captures of one page: rotating lines of links are no change, story edits are.

The pages are written here (fictional outlet and people), shaped like a news
template that prints teaser and promo lines among the story's paragraphs.
"""

from __future__ import annotations

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.between_captures import same_story_text
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.checks import stores_a_version
from tests.support.pages import HARBOUR

_STORY = list(HARBOUR)
_INLINE = (
    'The plan follows a <a href="/2025/03/port-report">{link}</a> published last spring, '
    "which found the channel too shallow for the larger container ships now calling at the port."
)


def _teasers(first: str, second: str) -> str:
    """A promo line between paragraphs: a label and two linked headlines of other stories
    (no single link is most of the line, so one page alone reads it as text)."""
    return (
        f'<p>More from the coast: <a href="/2025/11/{len(first)}">{first}</a> | '
        f'<a href="/2025/11/{len(second)}">{second}</a></p>'
    )


def _page(teaser: tuple[str, str], story: list[str] | None = None) -> str:
    paragraphs = [f"<p>{text}</p>" for text in (story or _STORY)]
    paragraphs.insert(2, _teasers(*teaser))
    return (
        "<!DOCTYPE html><html><head><title>Harbour dredging plan approved | The Coastal Ledger"
        "</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>'
        "<main><article><h1>Harbour dredging plan approved</h1>"
        f"{''.join(paragraphs)}</article></main>"
        "<footer><p>© 2025 The Coastal Ledger</p></footer></body></html>"
    )


_TEASER_A = ("Ferry operator doubles winter sailings", "Storm damages the old pier")
_TEASER_B = ("New lighthouse keeper appointed", "Ferry operator doubles winter sailings")


def test_the_one_page_extraction_keeps_the_teaser_line() -> None:
    # Why the rule is needed: read one page at a time, the teaser is text.
    before, after = extract_document(_page(_TEASER_A)), extract_document(_page(_TEASER_B))
    assert any(_TEASER_A[1] in paragraph for paragraph in before.paragraphs)
    assert content_hash(before) != content_hash(after)


def test_a_rotated_teaser_line_between_captures_is_no_new_version() -> None:
    assert not stores_a_version(_page(_TEASER_A), _page(_TEASER_B))


def test_an_edit_in_a_story_paragraph_with_an_inline_link_is_a_new_version() -> None:
    link = "report by the national maritime agency"
    before = [*_STORY[:3], _INLINE.format(link=link)]
    after = [*_STORY[:3], _INLINE.format(link=link).replace("last spring", "last winter")]
    assert stores_a_version(_page(_TEASER_A, before), _page(_TEASER_A, after))


def test_a_changed_inline_link_text_in_a_story_paragraph_is_a_new_version() -> None:
    before = [*_STORY[:3], _INLINE.format(link="report by the national maritime agency")]
    after = [*_STORY[:3], _INLINE.format(link="review by the regional coast guard")]
    assert stores_a_version(_page(_TEASER_B, before), _page(_TEASER_B, after))


def test_a_story_edit_alongside_a_rotated_teaser_is_a_new_version() -> None:
    edited = [*_STORY[:1], _STORY[1].replace("14 million", "16 million"), *_STORY[2:]]
    assert stores_a_version(_page(_TEASER_A), _page(_TEASER_B, edited))


def test_a_changed_title_is_never_set_aside() -> None:
    before = Document(title="Harbour plan approved", paragraphs=("Text.",))
    after = Document(title="Harbour plan rejected", paragraphs=("Text.",))
    assert not same_story_text(before, "<p>Text.</p>", after, "<p>Text.</p>")


def test_a_line_linking_inside_the_page_is_not_a_teaser() -> None:
    # A table of contents repeats the story's own subheadings: its links stay on the page.
    def page(labels: tuple[str, str]) -> str:
        return _page(labels).replace('<a href="/2025/11/', '<a href="#section-')

    before_html = page(("Costs and timetable", "What the crews fear"))
    after_html = page(("What the crews fear", "Water quality checks"))
    before, after = extract_document(before_html), extract_document(after_html)
    assert content_hash(before) != content_hash(after)
    assert not same_story_text(before, before_html, after, after_html)


# The content scorer's reading can move when link texts change: a footer heading
# the page prints both times enters or leaves the extraction. Documents are
# written out here as the two readings, with the pages they were read from.
_FOOTER = (
    '<footer><div><p>Support</p><ul><li><a href="/help">Help centre</a></li></ul></div>'
    '<div><p>Shop with us</p><ul><li><a href="/shop">{link}</a></li></ul></div></footer>'
)


def _footer_page(story: list[str], link: str) -> str:
    body = "".join(f"<p>{text}</p>" for text in story)
    return (
        "<html><head><title>Harbour dredging plan approved</title></head><body>"
        f"<article><h1>Harbour dredging plan approved</h1>{body}</article>"
        f"{_FOOTER.format(link=link)}</body></html>"
    )


def _reading(*extra: str, story: list[str] | None = None) -> Document:
    return Document(title="Harbour dredging plan approved", paragraphs=(*(story or _STORY), *extra))


def test_a_block_both_captures_print_unchanged_is_no_change() -> None:
    before_html = _footer_page(_STORY, "Gift cards")
    after_html = _footer_page(_STORY, "Winter sale")
    # First reading kept the "Support" heading, the second "Shop with us".
    before, after = _reading("Support"), _reading("Shop with us")
    assert content_hash(before) != content_hash(after)
    assert same_story_text(before, before_html, after, after_html)


def test_a_deleted_paragraph_is_a_change_even_if_the_reading_moved() -> None:
    shorter = _STORY[:3]
    before_html = _footer_page(_STORY, "Gift cards")
    after_html = _footer_page(shorter, "Winter sale")
    before, after = _reading("Support"), _reading("Shop with us", story=shorter)
    assert not same_story_text(before, before_html, after, after_html)


def test_an_edited_paragraph_is_a_change_even_if_the_old_text_is_printed_elsewhere() -> None:
    # The standfirst repeats the first paragraph; the newsroom edits only the paragraph.
    edited = [_STORY[0].replace("Tuesday", "Wednesday"), *_STORY[1:]]
    standfirst = f'<p class="standfirst">{_STORY[0]}</p>'
    before_html = _footer_page(_STORY, "Gift cards").replace("<article>", standfirst + "<article>")
    after_html = _footer_page(edited, "Gift cards").replace("<article>", standfirst + "<article>")
    before, after = _reading(), _reading(story=edited)
    assert not same_story_text(before, before_html, after, after_html)


def test_an_edited_reference_title_in_the_notes_is_a_change() -> None:
    # Numbered notes: a back-link to the citing sentence, then the source's linked title.
    def page(title: str) -> str:
        sources = (title, "Channel dredging and the spring shoals", "Water quality in the port")
        items = "".join(
            f'<li id="note-{n}"><a href="#cite-{n}">^</a> '
            f'<a href="https://example.org/reports/{n}">"{source}"</a>.</li>'
            for n, source in enumerate(sources, 1)
        )
        book = (
            '<li id="note-4"><a href="#cite-4">^</a> Marsh, Ada (2019). '
            '<a href="https://example.org/books/tides">Tides and Trade</a>. Harbour Press. '
            "pp. 112-118. A history of the port's dredging disputes since 1950.</li>"
        )
        notes = f"<h2>Notes</h2><ol>{items}{book}</ol>"
        return _page(_TEASER_A).replace("</article>", f"{notes}</article>")

    before_html = page("Survey of the northern channel depth, 2024 edition")
    after_html = page("Survey of the northern channel depth, 2025 edition")
    before, after = extract_document(before_html), extract_document(after_html)
    assert content_hash(before) != content_hash(after)
    assert not same_story_text(before, before_html, after, after_html)


def test_an_edited_heading_that_links_to_another_page_is_a_change() -> None:
    # A listicle: each numbered heading links to the place it describes.
    def page(first: str) -> str:
        return _page(_TEASER_A).replace(
            "<h1>Harbour dredging plan approved</h1>",
            "<h1>Harbour dredging plan approved</h1>"
            f'<h2><a href="/places/north-quay">{first}</a></h2>',
        )

    before_html, after_html = page("1. The North Quay"), page("2. The North Quay")
    before, after = extract_document(before_html), extract_document(after_html)
    assert content_hash(before) != content_hash(after)
    assert not same_story_text(before, before_html, after, after_html)


def _briefing(items: list[tuple[str, str]]) -> str:
    """A morning briefing: a numbered list whose items each open with a linked sentence
    (the full story) and go on with a sentence of the newsroom's own."""
    listed = "".join(
        f'<li><strong><a href="/2025/11/item-{n}">{lead}</a>.</strong> {rest}</li>'
        for n, (lead, rest) in enumerate(items)
    )
    return (
        "<!DOCTYPE html><html><head><title>Five things on the coast today | The Coastal Ledger"
        "</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/local">Local</a></nav>'
        "<main><article><h1>Five things on the coast today</h1>"
        "<p>Good morning! Here is what you need to know on the coast this Tuesday.</p>"
        f"<ol>{listed}</ol>"
        "<p>That is all for today. The briefing is back tomorrow at seven.</p>"
        "</article></main></body></html>"
    )


_ITEMS = [
    (
        "The harbour board approved the dredging plan after 12 years of delays",
        "Work starts in March.",
    ),
    ("Ferry operator doubles winter sailings to the islands", "Tickets go on sale today."),
    ("Storm damages the old pier at Westhaven overnight", "The pier is closed."),
]


def test_an_edit_inside_the_linked_sentence_of_a_briefing_item_is_a_new_version() -> None:
    """Nearly all of such an item is its link, as in a teaser; but a figure edited in
    the sentence (most of its words kept) is the newsroom's edit, not a rotated link."""
    edited = [(_ITEMS[0][0].replace("12 years", "13 years"), _ITEMS[0][1]), *_ITEMS[1:]]
    assert stores_a_version(_briefing(_ITEMS), _briefing(edited))


def test_a_briefing_item_whose_link_was_replaced_by_another_headline_is_no_new_version() -> None:
    rotated = [*_ITEMS[:2], ("Lifeboat crew rescues two kayakers off the point", _ITEMS[2][1])]
    before, after = extract_document(_briefing(_ITEMS)), extract_document(_briefing(rotated))
    assert content_hash(before) != content_hash(after)  # one page alone sees a change
    assert not stores_a_version(_briefing(_ITEMS), _briefing(rotated))


def _gear_list(stove_price: str, stamp: str = "") -> str:
    """A packing list: each item's product names are links, its own words are a label
    and a price; a line of links by its share of linked words."""
    items = (
        '<li><em><a href="https://shop.example/p/1">Pocket camp stove</a></em>. '
        f'<strong>Splurge: </strong><em><a href="https://shop.example/p/2">Windburner'
        f" stove system</a></em> [{stove_price}]</li>"
        '<li><em><a href="https://shop.example/p/3">Collapsible dish and mug set</a></em></li>'
        f'<li><a href="https://shop.example/p/4">Titanium long-handled spork</a>{stamp}</li>'
    )
    return (
        "<!DOCTYPE html><html><head><title>What to pack for three days on the coast path"
        "</title></head><body><main><article><h1>What to pack for three days on the coast"
        f" path</h1><p>{_STORY[0]}</p><p>Kitchen:</p><ul>{items}</ul><p>{_STORY[1]}</p>"
        f"<p>{_STORY[2]}</p></article></main></body></html>"
    )


def test_a_changed_price_outside_the_links_of_a_list_item_is_a_new_version() -> None:
    assert stores_a_version(_gear_list("$189.95"), _gear_list("$199.95"))


def test_a_stamp_outside_the_links_of_a_line_of_links_is_no_new_version() -> None:
    before = _gear_list("$189.95", stamp=" 2 hours ago")
    after = _gear_list("$189.95", stamp=" 3 hours ago")
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def _events(dates: str) -> str:
    """A list of events, each named by a link and followed by its dates and place."""
    items = (
        '<li><a href="https://events.example/sail">Practice and Experience in Harbour Sailing'
        f" (PEHS)</a>: {dates} | Portsea</li>"
        '<li><a href="https://events.example/swim">Winter Sea Swim</a>: December 4-6, 2026 |'
        " North Beach</li>"
    )
    return _gear_list("$189.95").replace("<p>Kitchen:</p>", f"<p>Coming up:</p><ul>{items}</ul>")


def test_an_events_changed_dates_outside_its_link_are_a_new_version() -> None:
    # "July 26-30, 2026" is when the event runs, not a stamp of the page.
    assert stores_a_version(_events("July 26-30, 2026"), _events("July 26-30, 2027"))


_SHOES = ["Ridge Runner 4", "Scree Racer 2", "Fellwalker Pro", "Tor Glide 7"]


def _shop_lines(texts: list[str]) -> str:
    """A review's shopping lines: each shoe's two links glued in one paragraph; the
    texts may be moved among the links (hrefs stay) as a site's script rotates them."""
    lines = "".join(
        f'<p><a href="https://shop.example/m/{n}">{texts[2 * n]}</a>'
        f'<a href="https://shop.example/w/{n}">{texts[2 * n + 1]}</a></p>'
        for n in range(len(_SHOES))
    )
    story = "".join(f"<p>{text}</p>" for text in HARBOUR)
    return (
        "<!DOCTYPE html><html><head><title>Best trail shoes | The Coastal Ledger</title>"
        "</head><body><main><article><h1>Best trail shoes</h1>"
        f"{story}{lines}</article></main></body></html>"
    )


_SHOP_TEXTS = [f"Shop the {who} {shoe}" for shoe in _SHOES for who in ("men's", "women's")]


def test_linked_sentences_moved_among_the_links_are_no_new_version() -> None:
    shifted = [*_SHOP_TEXTS[1:], _SHOP_TEXTS[0]]
    assert not stores_a_version(_shop_lines(_SHOP_TEXTS), _shop_lines(shifted))


def test_a_linked_sentence_edited_to_read_as_another_link_is_a_new_version() -> None:
    # The old text went to no other link: a writer's edit, not a rotation.
    edited = list(_SHOP_TEXTS)
    edited[0] = _SHOP_TEXTS[2]
    assert stores_a_version(_shop_lines(_SHOP_TEXTS), _shop_lines(edited))
    edited[0] = "Shop the men's Ridge Runner 5"
    assert stores_a_version(_shop_lines(_SHOP_TEXTS), _shop_lines(edited))


def _page_with_panel(link: str, words: str = "before you buy") -> str:
    """A collapsible section, closed until its button opens it, among the story."""
    panel = (
        "<h3><button aria-expanded='false'>How to check the fit</button></h3>"
        "<div style='display:none'><p>Stand with the boots on and ask a friend to measure "
        f"the room at the toe {words}. For more on fitting walking boots, check out our "
        f"<a href='/gear/{len(link)}'>{link}</a>.</p></div>"
    )
    paragraphs = [f"<p>{text}</p>" for text in _STORY]
    paragraphs.insert(2, panel)
    return (
        "<!DOCTYPE html><html><head><title>Harbour dredging plan approved | The Coastal Ledger"
        "</title></head><body><main><article><h1>Harbour dredging plan approved</h1>"
        f"{''.join(paragraphs)}</article></main></body></html>"
    )


def test_a_pointer_inside_an_opened_panel_whose_link_changed_is_no_new_version() -> None:
    # The extraction reads the panel open; the comparison must find it on the page too.
    before, after = _page_with_panel("fitting guide"), _page_with_panel("winter gear list")
    document = extract_document(before)
    assert any("check out our fitting guide" in text for text in document.paragraphs)
    assert content_hash(document) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_an_edit_inside_an_opened_panel_is_a_new_version() -> None:
    before = _page_with_panel("fitting guide")
    after = _page_with_panel("fitting guide", words="in the afternoon")
    assert stores_a_version(before, after)


def _page_with_line(line: str) -> str:
    """The story with one more line among its paragraphs, as the page prints it."""
    paragraphs = [f"<p>{text}</p>" for text in _STORY]
    paragraphs.insert(2, f"<p>{line}</p>")
    return (
        "<!DOCTYPE html><html><head><title>Harbour dredging plan approved | The Coastal Ledger"
        "</title></head><body><main><article><h1>Harbour dredging plan approved</h1>"
        f"{''.join(paragraphs)}</article></main></body></html>"
    )


def test_a_related_line_whose_headline_gave_way_to_a_short_name_is_no_new_version() -> None:
    # The one-page rule weighs the link's share of the line: a long headline makes it
    # a line of links (set aside), a short section name leaves it text.
    related = '[Related: <a href="/2025/11/ferries">{}</a>]'
    before = _page_with_line(related.format("Ferry operator doubles winter sailings to the isles"))
    after = _page_with_line(related.format("Ferries"))
    assert not any("Related" in text for text in extract_document(before).paragraphs)
    assert "[Related: Ferries]" in extract_document(after).paragraphs
    assert not stores_a_version(before, after)


def test_a_story_sentence_whose_attribution_link_grew_is_a_new_version() -> None:
    # The new link holds most of the sentence, yet both captures read it as the
    # story's sentence: the new attribution is an edit.
    said = 'Costs rose to 14 million pounds, <a href="/people/{}">{}</a>.'
    before = _page_with_line(said.format(1, "the council said"))
    long_source = "the chair of the harbour committee told reporters on Tuesday"
    after = _page_with_line(said.format(2, long_source))
    assert any(long_source in text for text in extract_document(after).paragraphs)
    assert stores_a_version(before, after)


def _page_with_lines(lines: list[str], story: list[str] | None = None) -> str:
    """The story, then one-link lines the page prints after it, broken by <br>."""
    body = "".join(f"<p>{text}</p>" for text in (story or _STORY))
    links = "<br>".join(f'<a href="/study/{len(text)}">{text}</a>' for text in lines)
    return (
        "<!DOCTYPE html><html><head><title>Harbour dredging plan approved</title></head><body>"
        f"<main><article><h1>Harbour dredging plan approved</h1>{body}"
        f"<p>{links}</p></article></main></body></html>"
    )


def test_lines_of_links_that_only_changed_places_are_no_new_version() -> None:
    lines = ["Text of the harbour plan", "Harbour plan web links", "Notes on the channel"]
    before = _page_with_lines(lines)
    after = _page_with_lines([lines[1], lines[0], lines[2]])
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_the_storys_paragraphs_in_another_order_are_a_new_version() -> None:
    lines = ["Text of the harbour plan", "Harbour plan web links"]
    swapped = [_STORY[1], _STORY[0], *_STORY[2:]]
    assert stores_a_version(_page_with_lines(lines), _page_with_lines(lines, swapped))
