"""Markup nested deeper than the HTML parser allows loses no text, or the version says so."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml.html import document_fromstring
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService, CheckOutcome
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import extract_document, parsing
from newsdiff_gui.core.extract.depth import flatten_deep_markup, text_characters
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import VersionStore, content_hash
from tests.support.timing import PATIENT

BEFORE = tuple(
    f"Paragraph {n} before: the council met on Tuesday to discuss the harbour, the ferry "
    f"timetable and item {n} of its spring plans."
    for n in range(1, 5)
)
AFTER = tuple(
    f"Paragraph {n} after: residents asked why the ferry to the island would stop running "
    f"in March, and the mayor answered question {n} at length."
    for n in range(1, 7)
)
DEEP = "A sentence standing deep inside a widget's nesting is text of the page too."


def deep_page(depth: int, tag: str = "div") -> str:
    before = "".join(f"<p>{p}</p>" for p in BEFORE)
    after = "".join(f"<p>{p}</p>" for p in AFTER)
    return (
        "<html><head><title>Ferry to stop in March</title></head><body><article>"
        f"<h1>Ferry to stop in March</h1>{before}"
        f"{f'<{tag}>' * depth}<p>{DEEP}</p>{f'</{tag}>' * depth}"
        f"{after}</article></body></html>"
    )


@pytest.mark.parametrize("depth", [300, 3_000, 100_000])
def test_paragraphs_after_deep_nesting_are_kept(depth: int) -> None:
    document = extract_document(deep_page(depth))
    assert document.paragraphs == (*BEFORE, DEEP, *AFTER)
    assert document.extraction_warning is None


@pytest.mark.parametrize("tag", ["span", "b", "font", "section"])
def test_deep_nesting_of_any_element(tag: str) -> None:
    document = extract_document(deep_page(3_000, tag))
    assert document.paragraphs[-len(AFTER) :] == AFTER
    assert DEEP in "\n".join(document.paragraphs)


def test_unclosed_inline_elements_keep_the_rest_of_the_article() -> None:
    # A template that never closes its <b>: everything after it is nested ever deeper.
    html = deep_page(0).replace(f"<p>{AFTER[0]}</p>", "<b>" * 5_000 + f"<p>{AFTER[0]}</p>")
    assert extract_document(html).paragraphs[-len(AFTER) :] == AFTER


def _depth(root: object) -> int:
    from lxml import etree

    assert isinstance(root, etree._Element)
    return max(sum(1 for _ in element.iterancestors()) for element in root.iter())


def test_flattening_keeps_every_character_and_bounds_the_depth() -> None:
    html = deep_page(100_000)
    flat = flatten_deep_markup(html, 100)
    assert text_characters(flat) == text_characters(html)
    assert _depth(document_fromstring(flat)) <= 105
    # Blocks beyond the limit stay separate paragraphs, inline wrappers vanish.
    nested = "<div>" * 200 + "<p>one</p><div>two</div><span><span>three</span></span>"
    assert flatten_deep_markup(nested, 10).endswith("<p>one</p><p>two</p><p>three</p>")


def test_flattening_leaves_scripts_whole() -> None:
    html = "<div>" * 50 + "<script>if (a < b) { x = '<div><p>'; }</script><p>text</p>"
    flat = flatten_deep_markup(html, 10)
    assert "<script>if (a < b) { x = '<div><p>'; }</script>" in flat
    assert extract_document(f"<html><body>{flat}</body></html>").paragraphs == ("text",)


def test_a_text_node_over_ten_megabytes_is_read_whole() -> None:
    # libxml2's other cap: without its "huge" option it stops at a 10 MB text node.
    html = (
        "<html><body><article><p>"
        + "word " * 2_200_000
        + "</p>"
        + "".join(f"<p>{p}</p>" for p in AFTER)
        + "</article></body></html>"
    )
    page = parsing.parse_page(html)
    assert page.warning is None and AFTER[-1] in page.root.text_content()


def test_text_still_lost_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    # Flattening leaves nothing to lose in every case we know; with it disabled
    # (limit above libxml2's cap) the detector must notice the loss.
    monkeypatch.setattr(parsing, "FLATTEN_DEPTH", 1_000_000)
    page = parsing.parse_page(deep_page(3_000))
    assert page.warning is not None
    assert "Excessive depth" in page.warning and "characters" in page.warning
    assert extract_document(deep_page(3_000)).extraction_warning == page.warning


def test_the_warning_travels_in_json_and_leaves_the_hash_alone() -> None:
    plain = Document(title="t", paragraphs=("a", "b"))
    warned = Document(title="t", paragraphs=("a", "b"), extraction_warning="lost 10 characters")
    assert "extraction_warning" not in plain.to_json_dict()  # stored JSON unchanged
    # The isolated extractor's child sends the document as this JSON.
    assert Document.from_json_dict(warned.to_json_dict()) == warned
    assert content_hash(warned) == content_hash(plain)


# -- end to end: a capture from a local server -------------------------------------


@pytest.fixture
def service(tmp_path: Path) -> Iterator[CaptureService]:
    with VersionStore.open(tmp_path / "deep.sqlite3") as store, Fetcher(PATIENT) as fetcher:
        yield CaptureService(store, fetcher, clock=lambda: datetime(2026, 3, 3, 11, tzinfo=UTC))


def _capture(service: CaptureService, httpserver: HTTPServer, html: str):  # type: ignore[no-untyped-def]
    httpserver.expect_request("/ferry").respond_with_data(
        html.encode("utf-8"), content_type="text/html; charset=utf-8"
    )
    article = service.track(httpserver.url_for("/ferry"))
    (report,) = service.check([article.id])
    assert report.outcome == CheckOutcome.NEW_VERSION and report.version is not None, report
    return service.store.list_versions(article.id)[0]


def test_capture_of_a_300_deep_page_keeps_every_paragraph(
    service: CaptureService, httpserver: HTTPServer
) -> None:
    version = _capture(service, httpserver, deep_page(300))
    assert version.document.paragraphs == (*BEFORE, DEEP, *AFTER)
    assert not version.suspect_extraction and version.flags == []


def test_capture_that_still_loses_text_is_flagged_suspect(
    service: CaptureService, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsing, "FLATTEN_DEPTH", 1_000_000)
    version = _capture(service, httpserver, deep_page(3_000))
    assert version.suspect_extraction and "suspect_extraction" in version.flags
    assert version.suspect_reason is not None
    assert "could not be read" in version.suspect_reason
    assert version.document.extraction_warning == version.suspect_reason
