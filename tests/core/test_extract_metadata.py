"""Titles, dates, bylines and in-story furniture rules of the extractor."""

from __future__ import annotations

import pytest

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.boilerplate import (
    drop_headline_echo,
    drop_top_byline,
    is_boilerplate,
)
from newsdiff_gui.core.extract.bylines import make_byline
from newsdiff_gui.core.extract.dates import to_iso8601
from newsdiff_gui.core.extract.titles import strip_site_name

_BODY = "".join(
    f"<p>Paragraph {n} of a fictional report about the ferry timetable, long enough to be "
    "read as running text by any extractor that scores content blocks.</p>"
    for n in range(1, 6)
)


def _page(head: str, url_body: str = _BODY) -> str:
    return f"<html><head>{head}</head><body><article>{url_body}</article></body></html>"


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        # Site suffixes and prefixes named by og:site_name.
        (
            "<title>Ferry timetable extended for spring - The Daily Record</title>"
            '<meta property="og:site_name" content="The Daily Record">',
            None,
            "Ferry timetable extended for spring",
        ),
        (
            "<title>Ferry timetable extended for spring | Daily Record</title>"
            '<meta property="og:site_name" content="The Daily Record">',
            None,
            "Ferry timetable extended for spring",
        ),
        (
            "<title>The Daily Record | Ferry timetable extended for spring</title>"
            '<meta property="og:site_name" content="The Daily Record">',
            None,
            "Ferry timetable extended for spring",
        ),
        (
            "<title>The Daily Record: Ferry timetable extended for spring</title>"
            '<meta property="og:site_name" content="The Daily Record">',
            None,
            "Ferry timetable extended for spring",
        ),
        (
            "<title>Ferry timetable extended for spring — News — The Daily Record</title>"
            '<meta property="og:site_name" content="The Daily Record">',
            None,
            "Ferry timetable extended for spring — News",
        ),
        # The domain names the site when no metadata does.
        (
            "<title>Ferry timetable extended | Daily Record</title>",
            "https://www.dailyrecord.example/news/ferry",
            "Ferry timetable extended",
        ),
        # og:title / JSON-LD headline win over <title>, and are stripped too.
        (
            "<title>Ferry timetable - Daily Record</title>"
            '<meta property="og:title" content="Ferry timetable extended for spring | Record">'
            '<meta property="og:site_name" content="Record">',
            None,
            "Ferry timetable extended for spring",
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "headline": "Ferries run later from April"}</script>'
            '<meta property="og:title" content="Ferry timetable extended">',
            None,
            "Ferries run later from April",
        ),
        # No site known: the shorter side of a separator is dropped ...
        (
            "<title>Ferry timetable extended for the spring season | Harbour Times</title>",
            None,
            "Ferry timetable extended for the spring season",
        ),
        # ... unless what would remain is too short to be a headline.
        (
            "<title>Mid-term results - Harbour Times</title>",
            None,
            "Mid-term results - Harbour Times",
        ),
        # A colon inside a headline is not a separator.
        (
            "<title>Ferries: what the new timetable means for commuters</title>",
            None,
            "Ferries: what the new timetable means for commuters",
        ),
        # Hyphenated words are never split.
        (
            "<title>Re-elected mayor backs late-night ferries</title>",
            None,
            "Re-elected mayor backs late-night ferries",
        ),
    ],
)
def test_title_without_site_name(head: str, url: str | None, expected: str) -> None:
    assert extract_document(_page(head), url).title == expected


def test_title_falls_back_to_h1() -> None:
    html = f"<html><body><article><h1>Late ferries return</h1>{_BODY}</article></body></html>"
    assert extract_document(html).title == "Late ferries return"


def test_strip_site_name_keeps_headline_mentioning_the_site() -> None:
    title = "Daily Record editor steps down after twenty years at the paper - Daily Record"
    assert strip_site_name(title, "Daily Record", None) == (
        "Daily Record editor steps down after twenty years at the paper"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-12T08:15:00+00:00", "2024-03-12T08:15:00+00:00"),
        ("2024-03-12T08:15:00Z", "2024-03-12T08:15:00+00:00"),
        ("2024-03-12T08:15:00+0100", "2024-03-12T08:15:00+01:00"),
        ("2024-03-12", "2024-03-12"),
        ("Tue, 12 Mar 2024 08:15:00 GMT", "2024-03-12T08:15:00+00:00"),
        ("March 12, 2024 8:15 AM EST", "2024-03-12T08:15:00-05:00"),
        ("yesterday", None),
        ("", None),
        (None, None),
        ("2024-13-45", None),
        ("99999999999999999999", None),
        # dateutil accepts a 25-hour offset that datetime cannot render (found by fuzzing)
        ("2024-03-12 10:00 +2500", None),
    ],
)
def test_dates_become_iso8601(value: str | None, expected: str | None) -> None:
    assert to_iso8601(value) == expected


def test_byline_joins_distinct_names_without_by() -> None:
    assert make_byline(("By Ana Ruiz", "Kofi Mensah", "ana ruiz")) == "Ana Ruiz, Kofi Mensah"
    assert make_byline(()) is None
    assert make_byline(("   ",)) is None


def test_byline_from_meta_author() -> None:
    html = _page('<title>Ferries</title><meta name="author" content="Jo Park">')
    assert extract_document(html).byline == "Jo Park"


@pytest.mark.parametrize(
    "block",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Share this article",
        "Comments",
        "Read more: Ferry timetable extended for spring",
        "Related: Council budget vote delayed again",
        "Photo: Jane Doe/Harbour Agency",
        "Image credit: Harbour Agency",
        "6 min read",
        "Updated 10:47",
        "Published on May 02, 2024 07:44 PM IST",
        "2024-03-12T08:15:00+01:00",
        "https://example.org/some/link",
        "Sign up for our free newsletter and get the day's top stories delivered to your inbox.",
        "Follow us on Facebook and Instagram for more.",
        "Facebook Twitter Email",
        "You may also like…",
        "© 2024 The Daily Record. All rights reserved.",
        "Copyright Harbour Notes 2019 - ISSN: 1234-5678",
        "Follow the Daily Record on Facebook, Instagram and YouTube.",
        "Continue reading the main story",
    ],
)
def test_furniture_blocks(block: str) -> None:
    assert is_boilerplate(block)


@pytest.mark.parametrize(
    "block",
    [
        "Why now?",
        "The council said it would subscribe to the regional transport plan next year.",
        "Newsletters have become the main way the paper reaches readers under 30, the survey "
        "found, and subscriptions rose by a fifth in the year to March.",
        "Read the full report on the council's website before Friday's meeting, residents "
        "were told.",
        "More than 300 people attended the meeting.",
        "Photography was banned inside the courtroom.",
        "Copyright law was changed in 2019 to give authors more rights over their work.",
        "Following the meeting, the mayor posted on Facebook that she would resign.",
    ],
)
def test_article_text_is_not_furniture(block: str) -> None:
    assert not is_boilerplate(block)


def test_headline_echo_and_kicker_dropped_only_at_the_top() -> None:
    blocks = ["Transport", "Late ferries return", "First paragraph.", "Late ferries return"]
    assert drop_headline_echo(blocks, ["Late ferries return"]) == [
        "First paragraph.",
        "Late ferries return",
    ]
    assert drop_headline_echo(["Intro.", "More."], ["Late ferries return"]) == ["Intro.", "More."]


def test_digit_heavy_lines_are_checked_quickly() -> None:
    # normalize.is_dateline_noise backtracks exponentially on such lines; the
    # extractor must not hand them to it (this took hours before the guard).
    import time

    started = time.perf_counter()
    assert not is_boilerplate("1234 " * 12 + "x1")
    assert not is_boilerplate("9" * 40 + " l&u")
    assert not is_boilerplate("12:30 " * 15 + "x")
    assert time.perf_counter() - started < 1.0


def test_printed_byline_used_when_metadata_names_nobody() -> None:
    body = "".join(
        f"<p>Paragraph {n} of a fictional report on the ferry timetable, long enough to be "
        "read as running text by the extractor.</p>"
        for n in range(1, 5)
    )
    html = (
        "<html><head><title>Late ferries</title></head><body><article><h1>Late ferries</h1>"
        f"<p>By <span>Jo Park</span> and <span>Sam Lee</span></p>{body}</article></body></html>"
    )
    document = extract_document(html)
    assert document.byline == "Jo Park and Sam Lee"
    assert document.paragraphs[0].startswith("Paragraph 1 ")
    assert len(document.paragraphs) == 4


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    blocks = ["By the end of the year, ferry fares had risen by a tenth.", "More text."]
    assert drop_top_byline(blocks) == blocks
    assert drop_top_byline(["By Jo Park", "Text."]) == ["Text."]
