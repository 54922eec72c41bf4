"""A guide's FAQ, stated in its structured data and printed as an accordion, is read.

The engine drops an accordion's question buttons, and often the whole accordion set
in the article's <footer>: the answer was stored without its question, or nothing
was. Pages are written here (a fictional moving guide).
"""

from __future__ import annotations

import json

import lxml.html
import pytest

from newsdiff_gui.core.extract import faq
from newsdiff_gui.core.extract.api import extract_document
from newsdiff_gui.core.extract.faq import restore_faq
from newsdiff_gui.core.extract.parsing import parse_page
from newsdiff_gui.core.extract.structured import read_metadata

URL = "https://movers.example/guides/moving-across-state-lines"
_STORY = [
    "Moving to another state costs more than most families expect, because long-distance "
    "movers charge by weight and distance rather than by the hour.",
    "We asked twelve licensed interstate movers for quotes on the same two-bedroom move "
    "from Denver to Phoenix and compared what each one included in the price.",
    "The cheapest quote left out packing materials and insurance, and ended up costing "
    "more than the mid-priced offers once both were added back in.",
    "Book at least eight weeks ahead in summer, when demand peaks and the best-rated "
    "crews are taken first, and ask every mover for a binding estimate.",
]


def _faq(
    price: str = "$4,300", question: str = "How much does an interstate move cost?"
) -> list[tuple[str, str]]:
    return [
        (
            question,
            f"Our quotes for a two-bedroom move averaged {price}, including packing "
            "materials, fuel and basic insurance.",
        ),
        (
            "Do movers charge extra for stairs?",
            "Most do: expect a fee for each flight of stairs beyond the first, and a "
            "separate one when the truck cannot park near the door.",
        ),
    ]


def _ld(entries: list[tuple[str, str]], kind: str = "FAQPage") -> str:
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "mainEntity": [
            {
                "@type": "Question",
                "name": q,
                "acceptedAnswer": {"@type": "Answer", "text": f"<p>{a}</p>"},
            }
            for q, a in entries
        ],
    }
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def _page(
    entries: list[tuple[str, str]],
    *,
    stated: list[tuple[str, str]] | None = None,
    printed: bool = True,
    kind: str = "FAQPage",
) -> str:
    story = "".join(f"<p>{text}</p>" for text in _STORY)
    items = "".join(
        f"<div class='faq-item'><button class='faq-toggle' type='button'>{q}</button>"
        f"<div class='faq-answer' style='display:none'><p>{a}</p></div></div>"
        for q, a in entries
    )
    faq = f"<footer class='article-footer'><h2>Questions</h2>{items}</footer>" if printed else ""
    return (
        f"<html><head><title>Moving across state lines</title>{_ld(stated or entries, kind)}"
        "</head><body><main><article><h1>Moving across state lines</h1>"
        f"<div class='entry-content'>{story}</div>{faq}</article></main>"
        "<footer><p>© Movers Example. All rights reserved.</p></footer></body></html>"
    )


def test_the_stated_faq_is_read_after_the_story_in_page_order() -> None:
    document = extract_document(_page(_faq()), URL)
    entries = [text for pair in _faq() for text in pair]
    paragraphs = list(document.paragraphs)
    assert paragraphs[: len(_STORY)] == _STORY
    assert [p for p in paragraphs if p in entries] == entries
    assert paragraphs.index(entries[0]) > paragraphs.index(_STORY[-1])


def test_an_edit_to_an_answer_or_a_question_makes_a_version() -> None:
    before = extract_document(_page(_faq()), URL).paragraphs
    answer = extract_document(_page(_faq(price="$4,600")), URL).paragraphs
    question = extract_document(
        _page(_faq(question="What does an interstate move cost?")), URL
    ).paragraphs
    assert before != answer
    assert before != question


def test_an_faq_stated_but_not_printed_adds_nothing() -> None:
    document = extract_document(_page(_faq(), printed=False), URL)
    assert list(document.paragraphs) == _STORY


def test_a_readers_question_page_is_no_stated_faq() -> None:
    metadata = read_metadata(parse_page(_page(_faq(), kind="QAPage")).root)
    assert metadata.faq == ()


def test_the_faq_entries_are_read_as_plain_text() -> None:
    metadata = read_metadata(parse_page(_page(_faq())).root)
    assert metadata.faq == tuple(text for pair in _faq() for text in pair)


def test_an_faq_printed_twice_is_put_back_once() -> None:
    question, answer = _faq()[0]
    tree = lxml.html.fromstring(
        "<html><body><p>First kept paragraph of the guide, long enough to be prose.</p>"
        f"<div class='mobile'><button>{question}</button><p>{answer}</p></div>"
        f"<div class='desktop'><button>{question}</button><p>{answer}</p></div>"
        "</body></html>"
    )
    blocks = ["First kept paragraph of the guide, long enough to be prose."]
    assert restore_faq(blocks, tree, (question, answer)) == [*blocks, question, answer]


def test_text_the_reading_holds_is_not_put_back() -> None:
    question, answer = _faq()[0]
    tree = lxml.html.fromstring(
        f"<html><body><p>{_STORY[0]}</p><h3>{question}</h3><p>{answer}</p></body></html>"
    )
    blocks = [_STORY[0], question, answer]
    assert restore_faq(blocks, tree, (question, answer)) == blocks


def test_a_page_too_large_to_read_whole_at_every_level_stops_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each level of a nest of boxes is keyed whole; a bound on the characters read
    # keeps a hostile page (deep and large) from multiplying its size by its depth.
    question, answer = _faq()[0]
    nest = "<div>" * 40 + f"<p>{_STORY[0]}</p><h3>{question}</h3><p>{answer}</p>" + "</div>" * 40
    tree = lxml.html.fromstring(f"<html><body>{nest}</body></html>")
    blocks = [_STORY[0]]
    assert restore_faq(blocks, tree, (question, answer)) == [*blocks, question, answer]
    monkeypatch.setattr(faq, "_MAX_CHARS_READ", 2_000)
    assert restore_faq(blocks, tree, (question, answer)) == blocks
