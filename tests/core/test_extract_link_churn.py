"""Two captures of one page: promo and label lines whose links alone changed are no change.

The pages are written here (fictional outlet and people): a story, then a
subscription promo and a "From the section" label whose links' texts change
from one fetch to the next while the words around them stay.
"""

from __future__ import annotations

from collections.abc import Callable

import lxml.html
from lxml.html import HtmlElement

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.link_churn import churned_twin
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.checks import stores_a_version
from tests.support.pages import HARBOUR

_STORY = list(HARBOUR)
_PROMO = (
    '<p>Get <a href="https://shop.example.org/m1">{magazine}</a> delivered to your door every'
    ' month. 12 issues for £24. <a href="https://shop.example.org/m1">{action}</a> for more'
    " information.</p>"
)
_SECTION = '<ul><li>From the section <a href="/coast">{section}</a></li></ul>'
_INLINE = (
    'The plan follows a <a href="/2025/03/port-report">{link}</a> published last spring, '
    "which found the channel too shallow for the larger container ships now calling at the port."
)


def _page(
    story: list[str],
    magazine: str = "Coastal Life Monthly",
    action: str = "Click here",
    section: str = "Coast & Harbour",
) -> str:
    body = "".join(f"<p>{text}</p>" for text in story)
    return (
        "<!DOCTYPE html><html><head><title>Harbour dredging plan approved | The Coastal Ledger"
        "</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>'
        f"<main><article><h1>Harbour dredging plan approved</h1>{_SECTION.format(section=section)}"
        f"{body}{_PROMO.format(magazine=magazine, action=action)}</article></main>"
        "<footer><p>© 2025 The Coastal Ledger</p></footer></body></html>"
    )


def test_one_page_alone_keeps_the_promo_and_the_section_label() -> None:
    # Why the rule is needed: read one page at a time, both lines are text.
    paragraphs = extract_document(_page(_STORY)).paragraphs
    assert any("delivered to your door" in paragraph for paragraph in paragraphs)
    assert "From the section Coast & Harbour" in paragraphs


def test_a_promo_whose_links_changed_is_no_new_version() -> None:
    before = _page(_STORY)
    after = _page(_STORY, magazine="Sea Kayak Quarterly", action="Subscribe now")
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_a_section_label_whose_link_changed_is_no_new_version() -> None:
    before, after = _page(_STORY), _page(_STORY, section="Business")
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_an_edited_promo_sentence_is_a_new_version() -> None:
    # The words outside the links changed: the rule does not apply.
    before = _page(_STORY)
    after = _page(_STORY).replace("12 issues for £24", "12 issues for £29")
    assert stores_a_version(before, after)


def test_an_edit_inside_a_linked_phrase_of_a_story_sentence_is_a_new_version() -> None:
    link = "report by the national maritime agency"
    before = _page([*_STORY, _INLINE.format(link=link)])
    after = _page([*_STORY, _INLINE.format(link=link.replace("national", "regional"))])
    assert stores_a_version(before, after)


def test_a_changed_figure_inside_a_linked_phrase_is_a_new_version() -> None:
    before = _page([*_STORY, _INLINE.format(link="2024 report on 14 berths")])
    after = _page([*_STORY, _INLINE.format(link="2024 report on 16 berths")])
    assert stores_a_version(before, after)


def test_a_story_link_relinked_to_another_report_is_a_new_version() -> None:
    # Replaced as a whole, but a story sentence's linked phrase names what it points to.
    before = _page([*_STORY, _INLINE.format(link="report by the national maritime agency")])
    after = _page([*_STORY, _INLINE.format(link="review by the regional coast guard")])
    assert stores_a_version(before, after)


def test_a_story_edit_alongside_a_changed_promo_is_a_new_version() -> None:
    edited = [_STORY[0], _STORY[1].replace("14 million", "16 million"), *_STORY[2:]]
    assert stores_a_version(_page(_STORY), _page(edited, magazine="Sea Kayak Quarterly"))


def _page_with_call(link: str) -> str:
    call = (
        f'<p><a href="https://shop.example.org/signup">{link}</a> and make this winter your'
        " warmest yet.</p>"
    )
    return _page(_STORY).replace("</article>", f"{call}</article>")


def test_a_call_to_action_set_aside_before_is_no_change_when_its_link_text_changes() -> None:
    # "Sign up today …" is a call to action one page alone sets aside; with the
    # link showing another promo the line is kept, but the words around it are the same.
    before, after = _page_with_call("Sign up today"), _page_with_call("Winter menu drops")
    assert not any("Sign up today" in p for p in extract_document(before).paragraphs)
    assert any("Winter menu drops" in p for p in extract_document(after).paragraphs)
    assert not stores_a_version(before, after)


def test_a_link_whose_text_asks_the_reader_to_act_is_no_change_when_it_changes() -> None:
    # A vendor's or a newsletter's button, whatever it promoted before.
    calls = (
        "Book a free demo",
        "Get a free and personalized quote",
        "Not sure? Learn more about the pass",
        "Join 300+ skippers",
        "View it in your browser",
        "Get in touch",
        "Check price at Harbour Outfitters",
        "Use code SAIL10 now",
        "Book your crossing today",
        "Read full review",
        "Shop sales",
        "Talk to us",
        "Consider advertising with us",
        "See all",
        "Back to blog",
        "Previous",
        "7-day free trial",
    )
    block = (
        "<p>Our fares team answers questions about season tickets every weekday. "
        '<a href="https://ferries.example.org/{slug}">{link}</a></p>'
    )
    for call in calls:
        assert not stores_a_version(*_relinked(block, "Winter Lights Festival", call)), call


def test_a_story_link_renamed_to_words_that_open_like_a_button_is_a_new_version() -> None:
    # "Next year's budget", "Book review", "Shop owners" open as buttons do; they are not one.
    block = (
        '<p>The harbour board discussed the <a href="/reports/{slug}">{link}</a> at its meeting on'
        " Tuesday, and the chair said the dredging would go ahead.</p>"
    )
    for renamed in ("next year's budget", "book review of the port history", "shop owners' letter"):
        captures = _relinked(block, "survey of the channel", renamed, _among_story)
        assert stores_a_version(*captures), renamed


def test_a_speakers_our_inside_a_quotation_is_the_story_and_its_link_an_edit() -> None:
    # "our <a>… review</a>" in a quotation is the speaker's, not the site pointing to its
    # pages.
    block = (
        '<p>"We have a plan for the channel. We published our <a href="/r/{slug}">{link}</a> in'
        ' March," the harbour master said.</p>'
    )
    captures = _relinked(block, "harbour safety review", "channel depth review", _among_story)
    assert stores_a_version(*captures)


def test_a_view_a_story_describes_whose_linked_place_changed_is_a_new_version() -> None:
    # "You can see the <a>pier</a> from …" describes the view; it sends nobody anywhere.
    block = (
        '<p>From the top of the cliff path you can see the <a href="/places/{slug}">{link}</a>'
        " and the dredgers working beyond it.</p>"
    )
    assert stores_a_version(*_relinked(block, "old pier", "lifeboat station"))


def _winners_page(winner: str) -> str:
    """A short list of the story's own facts between two of its paragraphs."""
    story = [
        *_STORY[:2],
        f'<ul><li>Winner: <a href="/people/{len(winner)}">{winner}</a></li>'
        '<li>Runner-up: <a href="/people/ole-brandt">Ole Brandt</a></li></ul>',
        *_STORY[2:],
    ]
    return _page(story).replace("<p><ul>", "<ul>").replace("</ul></p>", "</ul>")


def test_a_label_line_among_the_story_whose_linked_name_changed_is_a_new_version() -> None:
    # "Winner: <a>Jane Doe</a>" between two of the story's paragraphs is the story's:
    # a new name there is an edit, though it reads like a label and a link.
    before, after = _winners_page("Mara Jensen"), _winners_page("Ilse Varga")
    paragraphs = extract_document(before).paragraphs
    assert any("Winner: Mara Jensen" in paragraph for paragraph in paragraphs)
    assert stores_a_version(before, after)


def test_a_pointer_line_among_the_story_whose_link_changed_is_no_new_version() -> None:
    # Its label points the reader to another page, wherever the line stands.
    for label in ("» Useful resource:", "READ:", "Next article:", "You might also like:"):
        line = f'<p>{label} <a href="/guides/{{}}">{{}}</a></p>'
        headline = "When does the ferry pass cover a car and a caravan on the night crossing?"
        before = _among_story(line.format("a", headline))
        after = _among_story(line.format("b", "Ferry Pass"))
        assert not stores_a_version(before, after), label


def _page_with(block: str) -> str:
    return _page(_STORY).replace("</article>", f"{block}</article>")


def _relinked(
    block: str, old: str, new: str, place: Callable[[str], str] = _page_with
) -> tuple[str, str]:
    """Two captures of a page printing `block` (its "{slug}" and "{link}" filled in), the
    link's text `old` in the first and `new` in the second."""
    return place(block.format(slug="a", link=old)), place(block.format(slug="b", link=new))


_POINTERS = (
    '<p>Read our full <a href="/reviews/ferry-pass">{link}</a> review before you book a crossing'
    " this summer.</p>",
    '<p>For more information on the works and the closures they bring, visit our <a href="/help/'
    'roadworks">{link}</a>.</p>',
    "<p>Planning a trip to the coast this winter? Check out our"
    ' <a href="/guides/harbour">{link}</a> for the best walks and places to eat.</p>',
    "<p>If you need help planning a crossing with a car or a caravan, do not hesitate to reach"
    ' out to our <a href="/help/desk">{link}</a> team.</p>',
    "<p>Want the whole story of the channel? Become a paid subscriber to read our"
    ' <a href="/series/harbour">{link}</a> series.</p>',
    "<p>Dinner on the quay this weekend? Make a reservation at our"
    ' <a href="/dining/quay">{link}</a> restaurant.</p>',
    "<p>Sitting your skipper's exam soon? Take our free sample"
    ' <a href="/quiz/skipper">{link}</a> – no registration required!</p>',
    '<p>Order my <a href="/shop/book">{link}</a> for a practical guide to the harbour\'s'
    " walks.</p>",
    '<p>Here is our full <a href="/about/ratings">{link}</a>.</p>',
    '<p>Use our <a href="/tools/fares">{link}</a> to compare crossings in under a minute.</p>',
    "<p>Now that you know the new timetable, if you still want more ideas, you can check out"
    ' our complete <a href="/guides/coast">{link}</a>.</p>',
    '<p>Try out our new <a href="/apps/tides">{link}</a>!</p>',
    '<p>See fares and timetables for every crossing on our <a href="/fares">{link} page</a>.</p>',
    "<p>Ferries can cut a commute by an hour. Learn how in our latest guide:"
    ' <a href="/guides/commute">{link}</a>.</p>',
)


def test_a_sentence_sending_the_reader_to_a_link_is_no_change_when_its_link_text_changes() -> None:
    # The template points the reader at whatever it promotes today; the words stay.
    for pointer in _POINTERS:
        before = _page_with(pointer.format(link="Coastal Ferry Pass"))
        after = _page_with(pointer.format(link="Winter Lights Festival"))
        assert _churn_only(before, after), pointer


def test_a_how_to_step_taking_the_linked_thing_is_a_new_version() -> None:
    # "Take the <a>pan</a> off the heat" is the recipe; only "our"/"my" products promote.
    step = (
        '<p>Take the <a href="/kit/{slug}">{link}</a> off the heat as soon as the sauce'
        " thickens, and stir in the butter.</p>"
    )
    assert stores_a_version(*_relinked(step, "saucepan", "frying pan"))


def test_a_how_to_instruction_whose_linked_advice_changed_is_a_new_version() -> None:
    # "Start a <a>compost pile</a>" is the advice itself, not a pointer to another page.
    step = (
        '<p>Start a <a href="/garden/compost">{link}</a> in the corner of the plot and add the'
        " kitchen scraps every week through the winter.</p>"
    )
    before = _page_with(step.format(link="compost pile"))
    after = _page_with(step.format(link="wormery"))
    assert stores_a_version(before, after)


def test_a_story_sentence_opening_with_a_verb_of_going_used_as_a_noun_is_a_new_version() -> None:
    # "Reserve Bank …", "Shop owners …", "Follow-up tests …" and "Call centre staff …"
    # name things; they do not ask the reader to reserve, shop, follow or call.
    openings = ("Reserve Bank governor", "Shop owners led by", "Follow-up tests by")
    for opening in (*openings, "Call centre staff backed by"):
        block = (
            f'<p>{opening} <a href="/people/{{slug}}">{{name}}</a> said the harbour loan'
            " would be repaid over twenty years.</p>"
        )
        before = _page_with(block.format(slug="a", name="Mara Linden"))
        after = _page_with(block.format(slug="b", name="Tomas Weir"))
        assert stores_a_version(before, after), opening


def test_a_story_sentence_whose_linked_source_changed_is_a_new_version_though_another_points() -> (
    None
):
    # Only the links of the sentence that sends the reader are set aside.
    block = (
        '<p>The survey by <a href="/2025/port-survey">{source}</a> found the channel silted up.'
        ' Read our full <a href="/reviews/ferry-pass">{promo}</a> review.</p>'
    )
    before = _page_with(block.format(source="the harbour trust", promo="Coastal Ferry Pass"))
    after = _page_with(block.format(source="the county council", promo="Winter Lights"))
    assert stores_a_version(before, after)


def _card(title: str, blurb: str) -> str:
    return (
        "<p>Our dredging tracker follows every vessel working in the harbour this year.</p>"
        f'<a class="card" href="https://events.example.org/{len(title)}"><div><h3>{title}</h3>'
        f"<p>{blurb}</p><p><span>Register now</span></p></div></a>"
    )


def test_a_promo_card_inside_one_link_is_no_change_when_it_promotes_another_event() -> None:
    # A card whose every line sits inside its one <a> (title, blurb, a button): each line
    # is the link's, whatever element holds its words.
    before = _page_with(_card("Harbour Lights Gala", "An evening of music on the quay for all."))
    after = _page_with(_card("Winter Sea Swim", "Join hundreds of swimmers in the cold water."))
    assert any("An evening of music" in p for p in extract_document(before).paragraphs)
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_a_sending_line_after_a_line_break_is_judged_as_its_own_sentence() -> None:
    # The engine kept the paragraph whole: "Source: the wire" and the promo line are
    # one block, but the page breaks the line between them.
    def tree(promoted: str) -> HtmlElement:
        return lxml.html.fromstring(
            f"<html><body><p>{HARBOUR[0]}</p><p>Source: the wire<br>Read more news like this "
            f"on <a href='https://coastalledger.example/'>{promoted}</a></p></body></html>"
        )

    before, after = tree("CoastalLedger.example"), tree("Coastal Ledger Sport")
    block = "Source: the wire Read more news like this on CoastalLedger.example"
    twin = churned_twin(block, before, after, among_story=False)
    assert twin is not None and "Coastal Ledger Sport" in twin

    # A story line after a break whose linked source changed is an edit.
    def story(source: str) -> HtmlElement:
        return lxml.html.fromstring(
            f"<html><body><p>Work starts in March.<br>The figures come from "
            f"<a href='/r'>{source}</a>.</p></body></html>"
        )

    block = "Work starts in March. The figures come from the port authority."
    edited = churned_twin(
        block, story("the port authority"), story("the regional government"), among_story=False
    )
    assert edited is None


def _reviews(names: list[str]) -> str:
    """Three sentences pointing the reader at a review each; the texts of their links
    share most words ("… Ferry Pass Review"), so no one text replaces another as a
    whole."""
    frames = (
        "For a more in-depth look at the crossing, read our full {link} before you book.",
        "Travelling with a bike or a dog this summer? Check out our {link} first.",
        "Still not sure which ticket suits you? See our {link} for every fare.",
    )
    pointers = "".join(
        "<p>" + frame.format(link=f'<a href="/reviews/{n}">{name} Ferry Pass Review</a>') + "</p>"
        for n, (frame, name) in enumerate(zip(frames, names, strict=True))
    )
    return _page_with(pointers)


def test_pointer_links_whose_texts_moved_among_them_are_no_new_version() -> None:
    before = _reviews(["Harbour", "Island", "Night"])
    after = _reviews(["Island", "Night", "Harbour"])
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_a_pointer_link_renamed_to_read_as_another_link_is_a_new_version() -> None:
    # The old text went to no other link: the writer renamed it.
    before = _reviews(["Harbour", "Island", "Night"])
    after = _reviews(["Island", "Island", "Night"])
    assert stores_a_version(before, after)


_CREDITS = (
    # ("Photo: <a>…</a>" alone is a credit the one-page rules already leave out.)
    '<figure><img src="/img/dredger.jpg" alt=""></figure><p>Photo sources: <a href="/photos/'
    '{slug}">{name}</a>, <a href="/photos/pier">Pier at dawn</a></p>',
    '<p>Image from <a href="/gallery/{slug}">{name}</a>.</p>',
    '<p>Source: <a href="https://data.example/{slug}">{name}</a></p>',
    '<p>Courtesy of <a href="/archive/{slug}">{name}</a></p>',
    '<p>Medically reviewed by <a href="/people/{slug}">{name}</a>, MD</p>',
    '<p>Interior design by <a href="/studios/{slug}">{name}</a>, Portsea. Photo: Ana Ruiz</p>',
)


def _among_story(block: str) -> str:
    """The page with `block` set between two of the story's paragraphs."""
    page = _page([*_STORY[:2], block, *_STORY[2:]])
    for tag in ("p", "h2", "figure"):
        page = page.replace(f"<p><{tag}", f"<{tag}").replace(f"</{tag}></p>", f"</{tag}>")
    return page.replace("</p></p>", "</p>")


def _churn_only(before: str, after: str) -> bool:
    """Whether one page read alone changed, and a check holding both stores no version."""
    changed = content_hash(extract_document(before)) != content_hash(extract_document(after))
    return changed and not stores_a_version(before, after)


def test_a_credit_whose_linked_name_changed_is_no_new_version_even_among_the_story() -> None:
    # A picture's or a chart's credit is the page's furniture wherever it stands; its
    # linked name is what the gallery or the database calls it today.
    for credit in _CREDITS:
        before = _among_story(credit.format(slug="a", name="Harbour Trust Archive"))
        after = _among_story(credit.format(slug="b", name="Coastal Survey 2025"))
        assert _churn_only(before, after), credit


def test_a_story_sentence_about_a_design_whose_linked_maker_changed_is_a_new_version() -> None:
    # "The design by <a>…</a> won …" reports who made it; a credit line opens with the work.
    block = (
        '<p>The design by <a href="/studios/{slug}">{name}</a> won the harbour prize for its'
        " low sea wall.</p>"
    )
    before = _among_story(block.format(slug="a", name="Linden Architects"))
    after = _among_story(block.format(slug="b", name="Weir & Partners"))
    assert stores_a_version(before, after)


def test_a_story_sentence_naming_its_source_first_is_a_new_version() -> None:
    # "Sources said …" is the story's sentence, not a credit line.
    block = (
        '<p>Sources close to <a href="/people/{slug}">{name}</a> said the harbour loan would'
        " be repaid over twenty years.</p>"
    )
    before = _page_with(block.format(slug="a", name="the harbour board"))
    after = _page_with(block.format(slug="b", name="the port authority"))
    assert stores_a_version(before, after)


def test_a_call_to_action_set_as_a_heading_is_no_change_when_its_link_text_changes() -> None:
    # A sentence set in a heading that sends the reader is a promo, not a section title.
    cta = (
        '<h2><a href="/demo/{slug}">{link}</a> and see how the harbour booking system keeps'
        " every berth filled through the winter.</h2>"
    )
    before = _among_story(cta.format(slug="a", link="Book a free demo of BerthPlanner"))
    after = _among_story(cta.format(slug="b", link="Try MooringDesk for thirty days"))
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert not stores_a_version(before, after)


def test_a_subheading_whose_linked_name_changed_is_a_new_version() -> None:
    subheading = '<h2>What the <a href="/org/{slug}">{name}</a> found</h2>'
    before = _among_story(subheading.format(slug="a", name="harbour trust"))
    after = _among_story(subheading.format(slug="b", name="port authority"))
    assert content_hash(extract_document(before)) != content_hash(extract_document(after))
    assert stores_a_version(before, after)


def _page_by(author: str, block: str) -> str:
    """The story with its author stated, and `block` after it."""
    return _page_with(block).replace("</title>", f'</title><meta name="author" content="{author}">')


_BIOS = (
    "<p>Mara Linden has covered the coast for The Coastal Ledger since 2015. Read her"
    ' <a href="/people/mara-linden/{slug}">{link}</a>.</p>',
    "<p>About the author: Mara Linden writes about ports and shipping; her latest"
    ' series is <a href="/series/{slug}">{link}</a>.</p>',
    '<p>(Mara Linden, harbour correspondent, also writes <a href="/series/{slug}">{link}</a>.)</p>',
)


def test_the_authors_bio_whose_links_changed_is_no_new_version() -> None:
    # The bio's links (the author's page, their latest work) change with the site.
    for bio in _BIOS:
        before = _page_by("Mara Linden", bio.format(slug="a", link="ferry reports"))
        after = _page_by("Mara Linden", bio.format(slug="b", link="winter storm diary"))
        assert _churn_only(before, after), bio


def test_a_sentence_about_someone_else_whose_link_changed_is_a_new_version() -> None:
    # Only the byline's own name opens a bio: the story's people are its subject.
    block = (
        "<p>Tomas Weir has led the fishing cooperative since 2019 and signed the"
        ' <a href="/docs/{slug}">{link}</a> on Tuesday.</p>'
    )
    before = _page_by("Mara Linden", block.format(slug="a", link="dredging agreement"))
    after = _page_by("Mara Linden", block.format(slug="b", link="harbour lease"))
    assert stores_a_version(before, after)


_NOTICES = (
    '<p>This post first appeared on <a href="/blog/{slug}">{link}</a>; please read the'
    " original there.</p>",
    "<p>This website and all documents on it are licensed under a"
    ' <a href="/l/{slug}">{link}</a>.</p>',
    "<p>The views expressed by the authors of this blog are their own. Please note that a"
    ' <a href="/c/{slug}">{link}</a> applies to comments.</p>',
    '<p>The Coastal Ledger has a <a href="/p/{slug}">{link}</a>.</p>',
    '<p>Harbour Notes is a production of <a href="/n/{slug}">{link}</a>, recorded at the'
    " old pilot station.</p>",
    "<p>The Coastal Ledger is committed to publishing a range of letters. We’d like to hear"
    ' what you think about this story. Here are some <a href="/letters/{slug}">{link}</a>.</p>',
    "<p>There’s plenty more on the coast on our sister site,"
    ' <a href="https://sister.example/{slug}">{link}</a>!</p>',
    '<p>This review is headed up by <a href="/people/{slug}">{link}</a>, our ferry tester.</p>',
)


def test_the_pages_notice_about_itself_whose_link_changed_is_no_new_version() -> None:
    for notice in _NOTICES:
        assert _churn_only(*_relinked(notice, "disclosure policy", "winter storm diary")), notice


def test_an_affiliate_disclosure_whose_link_changed_is_no_new_version() -> None:
    # One page alone sets the disclosure aside while its link says "affiliate links";
    # with another text there the line is kept, its words the same.
    notice = (
        '<p>We also may use <a href="/about/{slug}">{link}</a> in our posts, as well. Thanks!</p>'
    )
    assert _churn_only(*_relinked(notice, "affiliate links", "Harbour walks for winter"))


def test_a_licence_the_story_reports_whose_link_changed_is_a_new_version() -> None:
    # "The code is licensed under the GPL" names no page of its own: a new licence
    # there is the story's news.
    block = (
        "<p>The harbour authority said the berth-booking code is licensed under the"
        ' <a href="/l/{slug}">{link}</a> and can be reused by other ports.</p>'
    )
    captures = _relinked(block, "GNU General Public License", "MIT License", _among_story)
    assert stores_a_version(*captures)
