"""Which links point to the page's own outlet, and which to other sites."""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsdiff_gui.core.discovery.canonical import registrable_host


def own_outlets(tree: HtmlElement, url: str | None = None) -> frozenset[str]:
    """The outlets the page names as its own address (canonical link, og:url), and
    the one it was fetched from."""
    addresses = tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")
    outlets = {registrable_host(str(address).strip()) for address in [*addresses, url or ""]}
    outlets.discard("")
    return frozenset(outlets)


def on_this_site(href: str, outlets: frozenset[str]) -> bool:
    """Whether a link points to another page of this outlet: a path, or an address
    of the outlet the page names as its own."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False  # a malformed address ("http://[…") points nowhere
    if not parts.scheme and not parts.netloc:
        return True
    return registrable_host(href.strip()) in outlets
