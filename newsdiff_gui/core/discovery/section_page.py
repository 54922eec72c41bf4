"""A section or front page → the article addresses its teasers link to.

No site is hard-coded: the outlet's article-address pattern is learned from the
page's own links. Every link to the page's registrable domain is described by the
shape of its path, segment by segment (`/{word}/{yyyy}/{mm}/{dd}/{slug}`: a year, a
month, a day, a numeric id, a hyphenated slug of three or more words, or a plain
word). Shapes holding a slug, an id or a date are article-like; the shapes the page
uses most for them (its teaser list: at least a quarter as often as the most used
one) are the outlet's pattern, and every link of those shapes outside the page's
navigation, header, footer and side boxes is an article. A section page's "most
read" box and its menus are furniture, not the section.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from newsdiff_gui.core.discovery.canonical import canonical_article_url, registrable_host
from newsdiff_gui.core.discovery.found import DiscoveryError, FoundLink, found_link, unique_links
from newsdiff_gui.core.urls import InvalidURL

Shape = tuple[str, ...]

_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside"})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "menu"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_INSIDE = re.compile(r"(?:19|20)\d\d-?[01]\d-?[0-3]\d")
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$")
_WORD_SPLIT = re.compile(r"[-_+]+")
# A shape is part of the pattern when the page uses it at least this share as often
# as its most used article-like shape: a teaser list repeats its shape, a stray
# link to a tag or an author page does not.
_SUPPORT_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class ParsedPage:
    title: str
    links: tuple[FoundLink, ...]
    pattern: str  # the learned shapes, "/{word}/{yyyy}/{slug} | /{id}"
    feeds: tuple[str, ...] = ()  # feeds the page advertises (<link rel="alternate">)


@dataclass(frozen=True, slots=True)
class _Candidate:
    link: FoundLink
    shape: Shape
    furniture: bool


def find_article_links(html: str, page_url: str, known_pattern: str = "") -> ParsedPage:
    """The page's article links in page order; DiscoveryError when it has none.

    `known_pattern` (what an earlier poll learned) is kept: a page that shows a
    single teaser today still yields the stories of the shapes it used before.
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DiscoveryError(f"the page could not be read as HTML ({exc})") from exc
    base = _base_url(root, page_url)
    candidates = _candidates(root, base, page_url)
    learned = _learn_pattern([c for c in candidates if not c.furniture])
    shapes = learned | _parse_pattern(known_pattern)
    feeds = _advertised_feeds(root, base)
    links = unique_links([c.link for c in candidates if not c.furniture and c.shape in shapes])
    title = " ".join((root.findtext(".//title") or "").split())
    if not links:
        raise DiscoveryError(_nothing_found(candidates, page_url, feeds))
    return ParsedPage(title, links, format_pattern(shapes), feeds)


def _candidates(root: lxml.html.HtmlElement, base: str, page_url: str) -> list[_Candidate]:
    domain = registrable_host(page_url)
    try:
        page = canonical_article_url(page_url)
    except InvalidURL:
        page = page_url
    candidates = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        try:
            absolute = urljoin(base, href)
        except ValueError:  # an invalid IPv6 literal or port in the href
            continue
        link = found_link(absolute, anchor.text_content() or anchor.get("title") or "")
        if link is None or link.url == page or registrable_host(link.url) != domain:
            continue
        shape = path_shape(urlsplit(link.url).path)
        if shape:
            candidates.append(_Candidate(link, shape, _in_furniture(anchor)))
    return candidates


def path_shape(path: str) -> Shape:
    """The path's segments as classes: yyyy, mm, dd, date, id, n, slug, slug-id, word."""
    classes: list[str] = []
    for segment in (s for s in path.split("/") if s):
        stem = _PAGE_SUFFIX.sub("", segment.lower())
        classes.append(_segment_class(stem, classes[-1] if classes else ""))
    return tuple(classes)


def _segment_class(stem: str, previous: str) -> str:
    if _YEAR.fullmatch(stem):
        return "yyyy"
    if stem.isdigit() and len(stem) <= 2 and previous in ("yyyy", "mm"):
        return "mm" if previous == "yyyy" else "dd"
    if stem.isdigit():
        return "id" if len(stem) >= 4 else "n"
    words = [word for word in _WORD_SPLIT.split(stem) if word]
    has_id = any(word.isdigit() and len(word) >= 5 for word in words)
    if len(words) >= 3:
        return "slug-id" if has_id else "slug"
    if has_id:
        return "id"
    if _DATE_INSIDE.search(stem):
        return "date"
    return "word"


def is_article_shape(shape: Shape) -> bool:
    """A slug, an id or a date, followed by something: a story, not a section."""
    if any(c in ("slug", "slug-id", "id", "date") for c in shape):
        return True
    return "yyyy" in shape and shape[-1] not in ("yyyy", "mm", "dd")


def _learn_pattern(candidates: list[_Candidate]) -> set[Shape]:
    counts = Counter(c.shape for c in candidates if is_article_shape(c.shape))
    if not counts:
        return set()
    most = counts.most_common(1)[0][1]
    # One teaser on a page is a pattern of one; among many, a lone shape is a stray.
    needed = max(1 if len(counts) == 1 else 2, math.ceil(most * _SUPPORT_SHARE))
    return {shape for shape, count in counts.items() if count >= needed}


def format_pattern(shapes: set[Shape]) -> str:
    return " | ".join(sorted("/" + "/".join(f"{{{c}}}" for c in shape) for shape in shapes))


def _parse_pattern(text: str) -> set[Shape]:
    shapes = set()
    for part in text.split("|"):
        classes = tuple(c.strip("{}") for c in part.strip().split("/") if c)
        if classes:
            shapes.add(classes)
    return shapes


def _in_furniture(element: lxml.html.HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag.lower() in _FURNITURE_TAGS:
            return True
        if (ancestor.get("role") or "").strip().lower() in _FURNITURE_ROLES:
            return True
    return False


def _base_url(root: lxml.html.HtmlElement, page_url: str) -> str:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            try:
                return str(urljoin(page_url, href))
            except ValueError:
                break
    return page_url


def _advertised_feeds(root: lxml.html.HtmlElement, base: str) -> tuple[str, ...]:
    feeds = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in _FEED_TYPES and href:
            try:
                feeds.append(urljoin(base, href))
            except ValueError:
                continue
    return tuple(dict.fromkeys(feeds))


def _nothing_found(candidates: list[_Candidate], page_url: str, feeds: tuple[str, ...]) -> str:
    domain = registrable_host(page_url) or page_url
    message = (
        f"no article-like links on this page ({len(candidates)} links to {domain} looked at, "
        "none with a slug, an id or a date in its address)"
    )
    if feeds:
        message += f"; it advertises a feed: follow {feeds[0]} instead"
    return message
