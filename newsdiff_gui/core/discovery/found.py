"""What discovery hands on: an article address found on a source, and its errors."""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff_gui.core.discovery.canonical import canonical_article_url
from newsdiff_gui.core.urls import InvalidURL


class DiscoveryError(Exception):
    """A source that gave no addresses: not a feed, no article-like links (in words)."""


@dataclass(frozen=True, slots=True)
class FoundLink:
    url: str  # the canonical address the story is tracked under
    found_url: str  # as the source wrote it (resolved against the source's address)
    title: str = ""


def found_link(address: str, title: str = "") -> FoundLink | None:
    """The link for an absolute address; None when it is nothing we could fetch
    (mailto:, javascript:, a link-local host)."""
    try:
        url = canonical_article_url(address)
    except InvalidURL:
        return None
    return FoundLink(url, address, " ".join(title.split()))


def unique_links(links: list[FoundLink]) -> tuple[FoundLink, ...]:
    """The links in order, each canonical address once (the first title kept)."""
    seen: dict[str, FoundLink] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return tuple(seen.values())
