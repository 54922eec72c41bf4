"""A guide's FAQ printed under an "FAQ" heading, stated nowhere for search engines.

The pages are written here (a fictional ferry operator's guide), shaped like a
site builder's CMS: each question a subheading, each answer a box of bare text.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.printed_faq import printed_faq
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.pages import HARBOUR

_QUESTIONS = (
    ("How early should I arrive for a crossing?", "Foot passengers should arrive {n} minutes"),
    ("Can I take my bike on the night ferry?", "Bikes travel free on every crossing"),
)


def _faq(answer_minutes: int = 30, heading: str = "FAQ") -> str:
    items = "".join(
        f"<div class='w-dyn-item' role='listitem'><h3>{question}</h3><div class='w-richtext'>"
        f"{answer.format(n=answer_minutes)} before departure, and cars an hour before, so that"
        " the crew can load the deck in order.</div></div>"
        for question, answer in _QUESTIONS
    )
    return (
        f"<section class='rich-text-blog'><h2>{heading}</h2><div class='w-dyn-list'>"
        f"<div class='w-dyn-items' role='list'>{items}</div></div></section>"
    )


def _page(faq: str) -> str:
    """The guide, its FAQ after the article's box (where the engine does not look)."""
    story = "".join(f"<p>{text}</p>" for text in HARBOUR)
    return (
        "<!DOCTYPE html><html><head><title>A guide to the harbour ferries</title></head><body>"
        "<main><article><h1>A guide to the harbour ferries</h1>"
        f"<div class='w-richtext'>{story}</div></article>{faq}</main></body></html>"
    )


def test_the_printed_faqs_questions_and_answers_are_read() -> None:
    entries = printed_faq(lxml.html.fromstring(_page(_faq())))
    assert entries[0] == _QUESTIONS[0][0]
    assert entries[1].startswith("Foot passengers should arrive 30 minutes before departure")
    assert entries[2] == _QUESTIONS[1][0]
    assert len(entries) == 4


def test_an_edited_answer_of_the_printed_faq_is_a_new_version() -> None:
    before = extract_document(_page(_faq(30)))
    after = extract_document(_page(_faq(45)))
    assert _QUESTIONS[0][0] in before.paragraphs
    assert content_hash(before) != content_hash(after)


def test_an_faq_heading_over_one_question_is_no_faq() -> None:
    faq = _faq().replace(_QUESTIONS[1][0], "Bikes on the night ferry")
    assert printed_faq(lxml.html.fromstring(_page(faq))) == ()


def test_questions_under_another_heading_are_no_faq() -> None:
    # A forum's thread or a comment box asks questions too; only an FAQ heading counts.
    faq = _faq(heading="Readers' comments")
    assert printed_faq(lxml.html.fromstring(_page(faq))) == ()


def test_an_faq_in_the_sites_footer_is_no_faq_of_the_story() -> None:
    page = _page("").replace("</main>", f"</main><footer>{_faq()}</footer>")
    assert printed_faq(lxml.html.fromstring(page)) == ()


def test_an_answer_made_of_links_is_no_answer() -> None:
    links = " ".join(f"<a href='/guides/{n}'>Ferry guide number {n}</a>" for n in range(12))
    faq = _faq().replace("<div class='w-richtext'>", f"<div class='w-richtext'>{links} ", 1)
    entries = printed_faq(lxml.html.fromstring(_page(faq)))
    assert _QUESTIONS[0][0] not in entries
