"""A version only when the article changed: furniture changes make none, edits do.

Pages are written here (fictional outlet, fictional people), shaped like real
news templates: the comparison is the store's own `content_hash`.
"""

from __future__ import annotations

import json

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.pages import HARBOUR

_STORY = list(HARBOUR)


def _page(
    *,
    head: str = "",
    header: str = "<h1>Harbour dredging plan approved after two-year dispute</h1>",
    paragraphs: list[str] | None = None,
    inserted: str = "",
    aside: str = "",
) -> str:
    body = [f"<p>{text}</p>" for text in (paragraphs or _STORY)]
    body.insert(2, inserted)
    return (
        "<!DOCTYPE html><html><head><title>Harbour dredging plan approved after two-year "
        f"dispute | The Coastal Ledger</title>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>'
        f"<main><article><header>{header}</header>{''.join(body)}</article>{aside}</main>"
        "<footer><p>© 2025 The Coastal Ledger</p></footer></body></html>"
    )


def _card(headline: str) -> str:
    return (
        '<span class="pcard" role="tooltip"><span>Ines Varga</span>'
        f'<span>Chair, Fishing Cooperative</span><a href="/news/1">{headline}</a>'
        '<a href="/people/ines-varga">MORE</a></span>'
    )


def _with_card(headline: str) -> list[str]:
    story = list(_STORY)
    story[3] = (
        f'The cooperative\'s chair, <a href="/people/ines-varga">Ines Varga</a>{_card(headline)}, '
        "said members would watch the work closely and would ask for independent "
        "measurements of the water quality every month until the work is done."
    )
    return story


def test_a_related_link_in_an_inline_people_card_makes_no_new_version() -> None:
    before = extract_document(_page(paragraphs=_with_card("Ferry fares to rise in spring")))
    after = extract_document(_page(paragraphs=_with_card("New lighthouse keeper appointed")))
    assert content_hash(before) == content_hash(after)
    assert (
        "The cooperative's chair, Ines Varga, said members would watch the work closely"
        in before.paragraphs[-1]
    )


def test_a_card_held_by_a_link_inside_a_paragraph_is_not_text() -> None:
    def page(headline: str) -> str:
        story = list(_STORY)
        story[1] = (
            'Work is due to start in March, <a href="/people/tom-reyes">Tom Reyes'
            "<div><b>Tom Reyes</b></div><div>Harbour master</div>"
            f"<p>{headline}</p><div>MORE</div></a> said, and to take eleven months."
        )
        return _page(paragraphs=story)

    before = extract_document(page("Ferry fares to rise in spring"))
    after = extract_document(page("New lighthouse keeper appointed"))
    assert content_hash(before) == content_hash(after)
    assert "Work is due to start in March, Tom Reyes said, and to take eleven months." in (
        before.paragraphs
    )


def test_a_rewritten_headline_with_stale_structured_data_is_the_title() -> None:
    stale = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Harbour dredging plan approved after two-year dispute",
        }
    )
    head = f'<script type="application/ld+json">{stale}</script>'
    first = extract_document(_page(head=head))
    rewritten = extract_document(
        _page(head=head, header="<h1>Harbour dredging plan approved; fishing crews to appeal</h1>")
    )
    assert rewritten.title == "Harbour dredging plan approved; fishing crews to appeal"
    assert rewritten.paragraphs == first.paragraphs
    assert content_hash(first) != content_hash(rewritten)
    # The stale statement is kept as metadata, not compared.
    assert "Harbour dredging plan approved after two-year dispute" in rewritten.other_titles
    assert first.other_titles == ()


def test_a_headline_set_on_lines_is_read_with_its_line_breaks() -> None:
    # A designed headline breaks its words with <br>; read as printed, it is the
    # stated headline, and a rewrite of it shows as a title change.
    stale = json.dumps({"@type": "NewsArticle", "headline": "Harbour dredging plan approved"})
    head = f'<script type="application/ld+json">{stale}</script>'
    first = extract_document(
        _page(head=head, header="<h1> HARBOUR<br>DREDGING<br> <span>PLAN APPROVED</span></h1>")
    )
    rewritten = extract_document(
        _page(head=head, header="<h1> HARBOUR<br>DREDGING<br> <span>PLAN ON HOLD</span></h1>")
    )
    assert first.title == "HARBOUR DREDGING PLAN APPROVED"
    assert rewritten.title == "HARBOUR DREDGING PLAN ON HOLD"
    assert content_hash(first) != content_hash(rewritten)


def test_other_titles_round_trip_through_json_and_are_absent_when_empty() -> None:
    document = Document(title="A", paragraphs=("x",), other_titles=("B",))
    assert Document.from_json_dict(document.to_json_dict()) == document
    assert "other_titles" not in Document(title="A", paragraphs=("x",)).to_json_dict()


def test_a_meta_description_that_is_not_printed_is_never_paragraph_one() -> None:
    description = (
        "The port and the fishing cooperative end a two-year dispute over the northern "
        "channel as the harbour authority approves dredging."
    )
    body = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Harbour dredging plan approved after two-year dispute",
            "description": description,
            "articleBody": "\n".join([description, *_STORY]),
        }
    )
    head = (
        f'<meta name="description" content="{description}">'
        f'<script type="application/ld+json">{body}</script>'
    )
    # A hidden copy in the header, and a page printing only the first paragraph
    # (the rest in its stated articleBody, which starts with the description).
    hidden = "<h1>Harbour dredging plan approved after two-year dispute</h1>"
    hidden += f"<p hidden>{description}</p>"
    for document in (
        extract_document(_page(head=head, header=hidden)),
        extract_document(_page(head=head, paragraphs=_STORY[:1])),
    ):
        assert document.paragraphs[0] == _STORY[0]
        assert description not in document.paragraphs
        assert document.dek == description
    printed = f"<h1>Harbour dredging plan approved</h1><p>{description}</p>"
    assert extract_document(_page(head=head, header=printed)).paragraphs[0] == description


def _byline_page(stamp: str, minutes: int) -> str:
    header = (
        "<h1>Harbour dredging plan approved after two-year dispute</h1>"
        f'<div class="byline">By Ana Morel | {stamp}</div>'
        f"<p><span>Ana Morel</span> · <span>{minutes} min read</span></p>"
        '<p>Created on Jul 11, 2025</p><a href="#comments">941 comments</a>'
    )
    return _page(header=header)


def test_updated_stamps_and_reading_times_make_no_new_version() -> None:
    before = extract_document(_byline_page("Updated November 17, 2025, 9:02 a.m.", 4))
    after = extract_document(_byline_page("Updated November 18, 2025, 10:47 a.m.", 5))
    assert content_hash(before) == content_hash(after)
    assert before.byline == "Ana Morel"
    assert list(before.paragraphs) == _STORY


def test_live_audience_counts_make_no_new_version() -> None:
    def page(readers: str, likes: str) -> str:
        header = (
            "<h1>Harbour dredging plan approved after two-year dispute</h1>"
            f"<p class='live'>{readers} people are reading this now</p>"
            f"<div class='bar'><span>Ana Morel</span> · <span>{likes} likes</span></div>"
        )
        return _page(header=header)

    before = extract_document(page("1,204", "2.1K"))
    after = extract_document(page("1,377", "2.4K"))
    assert content_hash(before) == content_hash(after)
    assert list(before.paragraphs) == _STORY
    # The story's own count of people stays the story's.
    counted = _page(inserted="<p>Some 2,000 people are watching the river rise.</p>")
    assert "Some 2,000 people are watching the river rise." in extract_document(counted).paragraphs


def _list_page(price: int) -> str:
    # The stated articleBody leaves the list out, as many CMSes do.
    stated = json.dumps({"@type": "NewsArticle", "articleBody": "\n".join(_STORY)})
    prices = (
        "<ul><li>Berths for boats under ten metres will cost 8 euros a night.</li>"
        f"<li>Berths for larger boats will cost {price} euros a night.</li>"
        "<li>Residents of the harbour district keep their half-price permits.</li></ul>"
    )
    return _page(
        head=f'<script type="application/ld+json">{stated}</script>',
        inserted="<p>The authority also set new mooring charges:</p>" + prices,
    )


def test_a_figure_changed_in_a_bulleted_list_is_a_new_version() -> None:
    before = extract_document(_list_page(11))
    after = extract_document(_list_page(12))
    assert content_hash(before) != content_hash(after)
    assert "Berths for larger boats will cost 12 euros a night." in after.paragraphs


def _opinion_box(headlines: list[str]) -> str:
    items = "".join(
        f'<div class="op"><span>{kicker}</span> <a href="/opinion/{n}">{headline}</a></div>'
        for n, (kicker, headline) in enumerate(zip(("Editorial", "Column"), headlines, strict=True))
    )
    return f"<div>{items}</div>"


def test_kicker_and_linked_headline_lines_beside_the_story_make_no_new_version() -> None:
    before = _page(inserted=_opinion_box(["Why the ferry must stay", "A harbour for everyone"]))
    after = _page(inserted=_opinion_box(["Fix the coast road first", "The lighthouse can wait"]))
    assert content_hash(extract_document(before)) == content_hash(extract_document(after))
    assert list(extract_document(before).paragraphs) == _STORY


def _rollover(headlines: list[str]) -> list[str]:
    links = "".join(f'<a href="/news/{n}">{text}</a> ' for n, text in enumerate(headlines))
    story = list(_STORY)
    story[0] = (
        'The <span class="who"><a href="/people/lea-brandt">harbour master, Lea Brandt</a>'
        '<span class="who-box"><span><img src="/img/brandt.jpg" alt="">'
        f'<a href="/people/lea-brandt">Lea M. Brandt</a>{links}<a href="/people/lea-brandt">'
        "MORE</a></span></span></span>, approved a plan on Tuesday to dredge the northern "
        "channel, ending two years of dispute between the port and the fishing cooperative."
    )
    return story


def test_a_pop_up_box_of_links_inside_a_sentence_is_not_text() -> None:
    # No hidden marker at all (the stylesheet hides it): only its shape tells.
    before = extract_document(
        _page(paragraphs=_rollover(["Ferry fares to rise", "Coast road to close for repairs"]))
    )
    after = extract_document(
        _page(paragraphs=_rollover(["New lighthouse keeper appointed", "Coast road to close"]))
    )
    assert content_hash(before) == content_hash(after)
    assert before.paragraphs[0].startswith(
        "The harbour master, Lea Brandt, approved a plan on Tuesday"
    )


def test_skip_links_newsletter_prompts_and_related_lists_are_never_paragraphs() -> None:
    header = (
        '<p><a href="#story">Skip to main content</a></p>'
        "<h1>Harbour dredging plan approved after two-year dispute</h1>"
    )
    inserted = (
        "<div><p>Get the Coastal Ledger morning newsletter in your inbox.</p>"
        '<form><input type="email"><button>Sign up</button></form></div>'
        '<div><h3>Related</h3><ul><li><a href="/n/1">Ferry fares to rise in spring</a></li>'
        '<li><a href="/n/2">Coast road to close for repairs</a></li></ul></div>'
    )
    document = extract_document(_page(header=header, inserted=inserted))
    assert list(document.paragraphs) == _STORY
