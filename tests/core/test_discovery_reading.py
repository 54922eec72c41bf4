"""Reading sources without the network: canonical addresses, filters, feeds, section pages."""

from __future__ import annotations

import pytest

from newsdiff_gui.core.discovery.canonical import canonical_article_url, registrable_host
from newsdiff_gui.core.discovery.feeds import parse_feed
from newsdiff_gui.core.discovery.found import DiscoveryError
from newsdiff_gui.core.discovery.section_page import find_article_links, path_shape
from newsdiff_gui.core.discovery.url_filter import FilterKind, UrlFilter
from tests.support.news_site import atom, json_feed, rss, section_page, stories

BASE = "https://www.courier.example"
STORY = f"{BASE}/politics/2026/03/01/council-votes"


@pytest.mark.parametrize(
    "variant",
    [
        f"{STORY}?utm_source=twitter&utm_medium=social",
        f"{STORY}?fbclid=IwAR0abc",
        f"{STORY}?gclid=1&mc_cid=2&mc_eid=3",
        f"{STORY}#comments",
        f"{STORY}/amp",
        f"{STORY}?amp=1",
        f"{STORY}?outputType=amp",
        "https://amp.www.courier.example/politics/2026/03/01/council-votes",
        f"{STORY}.amp",
        "HTTPS://WWW.Courier.Example/politics/2026/03/01/council-votes",
    ],
)
def test_tracking_and_amp_variants_share_one_address(variant: str) -> None:
    assert canonical_article_url(variant) == STORY


def test_an_amp_subdomain_is_the_outlets_own_host() -> None:
    assert canonical_article_url("https://amp.courier.example/world/story-of-the-day") == (
        "https://courier.example/world/story-of-the-day"
    )
    assert canonical_article_url("https://amp.example/story") == "https://amp.example/story"


def test_parameters_that_name_the_page_are_kept() -> None:
    assert canonical_article_url(f"{BASE}/story.php?id=123&utm_source=x&ref=home") == (
        f"{BASE}/story.php?id=123&ref=home"
    )
    assert canonical_article_url(f"{BASE}/2026/03/slug/amp/") == f"{BASE}/2026/03/slug/"


def test_registrable_host_groups_an_outlets_subdomains() -> None:
    assert registrable_host("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registrable_host("https://www.bbc.co.uk/y") == "bbc.co.uk"
    assert registrable_host("http://127.0.0.1:8080/z") == "127.0.0.1"


def test_filter_is_a_regex_or_else_a_substring() -> None:
    regex = UrlFilter.parse(r"/(politics|world)/20\d\d/")
    assert regex.kind is FilterKind.REGEX
    assert regex.matches(f"{BASE}/world/2026/03/01/x") and not regex.matches(f"{BASE}/sport/x")
    plain = UrlFilter.parse("/politics/")
    assert plain.kind is FilterKind.SUBSTRING and plain.matches(STORY)
    broken = UrlFilter.parse("c++(")  # not a valid expression: taken literally
    assert broken.kind is FilterKind.SUBSTRING
    assert broken.matches(f"{BASE}/c++(/x") and not broken.matches(f"{BASE}/c/x")


@pytest.mark.parametrize("make", [rss, atom, json_feed])
def test_every_feed_kind_lists_every_item_in_order(make: object) -> None:
    items = stories(12)
    feed = parse_feed(make(BASE, items).encode(), f"{BASE}/feed")  # type: ignore[operator]
    assert [link.url for link in feed.links] == [BASE + s.path for s in items]
    assert feed.title.startswith("Harbour Courier")
    assert feed.links[0].title == items[0].title


def test_feed_items_with_tracking_parameters_are_listed_clean() -> None:
    feed = parse_feed(rss(BASE, stories(2), suffix="?utm_source=rss").encode(), f"{BASE}/f")
    assert [link.url for link in feed.links] == [BASE + s.path for s in stories(2)]
    assert feed.links[0].found_url.endswith("?utm_source=rss")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"<html><body>Not a feed</body></html>", "not an RSS, Atom or JSON feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "no list of items"),
        (b'{"items": []}', "no jsonfeed.org version"),
        (b"{not json", "malformed"),
    ],
)
def test_a_body_that_is_no_feed_is_told_in_words(body: bytes, words: str) -> None:
    with pytest.raises(DiscoveryError, match=words):
        parse_feed(body, f"{BASE}/feed")


def test_section_page_finds_its_teasers_and_learns_their_shape() -> None:
    items = stories(7)
    page = find_article_links(section_page(BASE, items), f"{BASE}/politics")
    # Teasers only: no menu, tag, author, "most read" box (other section), footer or
    # other outlet's links, and each story once although the page links it twice.
    assert [link.url for link in page.links] == [BASE + s.path for s in items]
    assert page.pattern == "/{word}/{yyyy}/{mm}/{dd}/{slug}"
    assert page.feeds == (f"{BASE}/politics/rss.xml",)
    assert page.title == "Politics | Harbour Courier"


def test_a_learned_pattern_keeps_finding_a_lone_teaser_of_its_shape() -> None:
    html = section_page(BASE, stories(1)).replace(
        "<ul class=", "<p><a href='/x/1234'>s</a><ul class="
    )
    page = find_article_links(html, f"{BASE}/politics", "/{word}/{yyyy}/{mm}/{dd}/{slug}")
    assert BASE + stories(1)[0].path in [link.url for link in page.links]


def test_numeric_ids_and_dates_are_article_shapes() -> None:
    assert path_shape("/news/world-europe-68712345") == ("word", "slug-id")
    assert path_shape("/2026/03/04/story-of-the-day.html") == ("yyyy", "mm", "dd", "slug")
    assert path_shape("/article/123456") == ("word", "id")
    assert path_shape("/page/2") == ("word", "n")


def test_a_page_without_article_links_says_so() -> None:
    html = (
        "<html><head><link rel='alternate' type='application/rss+xml' href='/all.rss'></head>"
        "<body><a href='/'>Home</a><a href='/about'>About</a><a href='/contact'>Contact</a>"
        "</body></html>"
    )
    with pytest.raises(DiscoveryError) as caught:
        find_article_links(html, f"{BASE}/")
    message = str(caught.value)
    assert "no article-like links" in message and f"follow {BASE}/all.rss instead" in message
    assert "\n" not in message
