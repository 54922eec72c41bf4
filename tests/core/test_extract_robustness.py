"""Whatever string it is given, extract_document returns a Document or raises ExtractionError."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import ExtractionError, extract_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"
_PARAGRAPH = (
    "<p>"
    + "A fictional report about the harbour, the ferry and the council's plans for spring. " * 4
    + "</p>\n"
)


def _extract_or_refuse(html: str) -> Document | None:
    try:
        document = extract_document(html)
    except ExtractionError as exc:
        assert str(exc)  # always a message a user can read
        return None
    assert isinstance(document, Document)
    assert all(isinstance(p, str) and p and p == p.strip() for p in document.paragraphs)
    assert isinstance(document.title, str)
    return document


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.binary(min_size=0, max_size=4000), st.sampled_from(["utf-8", "cp1252", "latin-1"]))
def test_random_bytes_decoded_as_text(data: bytes, encoding: str) -> None:
    _extract_or_refuse(data.decode(encoding, errors="replace"))


_TAGS = ["<p>", "</p>", "<div>", "</div>", "<article>", "<br>", "<h1>", "<a href='/x'>", "</a>"]
_TAGS += ["<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "<html>", "<body>", "&amp;"]
_TAGS += ["<table><tr><td>", "<li>", "<meta property='og:title' content='x'>", "<title>", "\x00"]


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.one_of(st.sampled_from(_TAGS), st.text(max_size=60)), max_size=60))
def test_random_tag_soup(pieces: list[str]) -> None:
    _extract_or_refuse("".join(pieces))


def test_truncated_pages() -> None:
    page = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    rng = random.Random(7)
    for cut in sorted(rng.sample(range(1, len(page)), 40)):
        _extract_or_refuse(page[:cut])
    # Cut after the body text: the story is still all there.
    document = _extract_or_refuse(page[: page.index('<aside class="related">')])
    assert document is not None and len(document.paragraphs) == 7


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 100_000 + _PARAGRAPH * 5 + "</div>" * 100_000,
        "<html><body>" + "<b>" * 50_000 + _PARAGRAPH * 5,
        "<html><body>" + "<table><tr><td>" * 3_000 + _PARAGRAPH * 5,
        "<html><body><article>" + "<span>" * 10_000 + "x" + "</span>" * 10_000 + _PARAGRAPH * 5,
        "<html><head><script type='application/ld+json'>"
        + '{"@graph":' * 20_000
        + "1"
        + "}" * 20_000
        + "</script></head><body>"
        + _PARAGRAPH * 5,
        "<html><head><script type='application/ld+json'>" + "[" * 100_000 + "</script></head>",
    ],
    ids=["div-100k", "unclosed-b-50k", "table-3k", "span-10k", "json-ld-deep", "json-ld-broken"],
)
def test_deeply_nested_documents(html: str) -> None:
    _extract_or_refuse(html)


def test_five_megabyte_document() -> None:
    paragraphs = [
        f"<p>Paragraph {n}: a fictional council meeting discussed item {n} of the agenda "
        "at considerable length before moving on to the next one.</p>"
        for n in range(40_000)
    ]
    html = "<html><body><article>" + "\n".join(paragraphs) + "</article></body></html>"
    assert len(html) > 5_000_000
    document = _extract_or_refuse(html)
    assert document is not None and len(document.paragraphs) > 1000


def test_oversized_input_is_refused_quickly() -> None:
    with pytest.raises(ExtractionError, match="too large"):
        extract_document("<html><body><p>" + "x" * 25_000_000 + "</p></body></html>")


@pytest.mark.parametrize(
    "html",
    [
        "<!DOCTYPE html>",
        "<!-- only a comment -->",
        "<?xml version='1.0' encoding='latin-1'?><html><body>" + _PARAGRAPH * 3,
        "<html><body>" + _PARAGRAPH + "\ud800\udfff\x00\x1b" + _PARAGRAPH * 3,
        "<svg xmlns='http://www.w3.org/2000/svg'><text>hello</text></svg>",
        "<html><frameset><frame src='a.html'></frameset></html>",
        "<html><head><meta property='article:published_time' content='0000-00-00'>"
        "<time datetime='2024-02-30T99:99'>x</time></head><body>" + _PARAGRAPH * 3,
    ],
)
def test_odd_but_possible_pages(html: str) -> None:
    _extract_or_refuse(html)
