"""RSS, Atom and JSON Feed documents → the article addresses they list.

RSS and Atom (every version, RDF included) are read by feedparser, which copes with
the malformed feeds real outlets publish; JSON Feed (jsonfeed.org 1.0/1.1) is plain
JSON, read with the standard library. Items keep the feed's order (newest first, as
feeds list them), so the newest stories are captured first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from newsdiff_gui.core.discovery.found import DiscoveryError, FoundLink, found_link

_JSON_FEED_VERSION = "https://jsonfeed.org/version/"


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    links: tuple[FoundLink, ...]


def parse_feed(body: bytes, base_url: str) -> ParsedFeed:
    """The feed's title and item addresses; DiscoveryError when it is no feed at all."""
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return _json_feed(stripped, base_url)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise DiscoveryError(f"not an RSS, Atom or JSON feed{detail}")
    title = str(parsed.feed.get("title") or "")
    links = []
    for entry in parsed.entries:
        href = _entry_address(entry)
        link = found_link(urljoin(base_url, href), str(entry.get("title") or "")) if href else None
        if link is not None:
            links.append(link)
    if parsed.get("bozo") and not links:
        # A broken feed read as empty must not pass for a quiet one.
        reason = parsed.get("bozo_exception") or "malformed XML"
        raise DiscoveryError(f"the feed is malformed ({reason}) and lists no article")
    return ParsedFeed(title, tuple(links))


def _entry_address(entry: Any) -> str | None:
    # FeedBurner rewrites item links through its own redirector and keeps the
    # outlet's address as origLink: track the story, not the redirector.
    for key in ("feedburner_origlink", "link"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    for link in entry.get("links") or ():
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"]).strip()
    guid = entry.get("id")
    if isinstance(guid, str) and guid.startswith(("http://", "https://")):
        return guid.strip()
    return None


def _json_feed(body: bytes, base_url: str) -> ParsedFeed:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise DiscoveryError(f"not a JSON feed: the JSON is malformed ({exc})") from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        _JSON_FEED_VERSION
    ):
        raise DiscoveryError("not a JSON feed: no jsonfeed.org version in the document")
    items = data.get("items")
    if not isinstance(items, list):
        raise DiscoveryError("not a JSON feed: it has no list of items")
    feed_base = data.get("home_page_url") if isinstance(data.get("home_page_url"), str) else None
    links = []
    for item in items:
        if not isinstance(item, dict):
            continue
        # `url` is the item's own page; `external_url` is what it links to, elsewhere.
        href = item.get("url")
        if not isinstance(href, str):
            href = item.get("id") if str(item.get("id", "")).startswith("http") else None
        if not isinstance(href, str) or not href.strip():
            continue
        title = item.get("title") if isinstance(item.get("title"), str) else ""
        link = found_link(urljoin(feed_base or base_url, href.strip()), str(title))
        if link is not None:
            links.append(link)
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    return ParsedFeed(str(title), tuple(links))
