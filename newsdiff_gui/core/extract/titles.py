"""The article's headline, without the site's name glued to it.

Pages state their title several times: JSON-LD `headline`, `og:title`,
`twitter:title`, `<title>` and the visible `<h1>`. The structured ones are
written for sharing and rarely carry the site's name; `<title>` almost always
does ("Headline - The Daily Record", "Outlet | Headline", "Outlet: Headline").
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.structured import PageMetadata
from newsdiff_gui.core.normalize import clean_text

# Separators sites put between headline and site name; they need spaces around
# them, so hyphenated words and "9/11" are never split.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|•|»|::|/|~|\\)\s+|\s*\|\s*")
_NON_ALNUM = re.compile(r"[\W_]+")
_MAX_SITE_WORDS = 6
_DOMAIN_NOISE = frozenset({"www", "m", "amp", "com", "org", "net", "co", "uk", "news", "edu"})


def _key(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())


def _site_keys(site_name: str | None, url: str | None) -> set[str]:
    keys: set[str] = set()
    if site_name:
        key = _key(site_name)
        if key:
            keys.add(key)
            keys.add(key.removeprefix("the"))
    if url:
        host = (urlsplit(url).hostname or "").casefold()
        labels = [label for label in host.split(".") if label and label not in _DOMAIN_NOISE]
        keys.update(_key(label) for label in labels if len(label) > 2)
        if host:
            keys.add(_key(host.removeprefix("www.")))
    keys.discard("")
    return keys


def _is_site_segment(segment: str, keys: set[str]) -> bool:
    key = _key(segment)
    if not key:
        return True  # a separator left over from "Headline | | Site"
    if len(segment.split()) > _MAX_SITE_WORDS:
        return False
    stripped = key.removeprefix("the")
    return any(stripped == k or (len(k) >= 4 and k in key) for k in keys)


def strip_site_name(title: str, site_name: str | None, url: str | None) -> str:
    """The title without site-name affixes the page's own metadata identifies."""
    title = clean_text(title)
    keys = _site_keys(site_name, url)
    if not keys or not title:
        return title
    parts = _SEPARATOR.split(title)
    while len(parts) > 1 and _is_site_segment(parts[-1], keys):
        parts.pop()
    while len(parts) > 1 and _is_site_segment(parts[0], keys):
        parts.pop(0)
    if len(parts) == 1:
        head, colon, rest = parts[0].partition(": ")
        if colon and rest and _is_site_segment(head, keys):
            parts = [rest]
    # Keep the page's own separators in what remains ("A | B" stays "A | B").
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    kept = title[start:end] if 0 <= start < end else " ".join(parts)
    return clean_text(kept) or title


def _headings(tree: HtmlElement) -> list[str]:
    texts = []
    for element in tree.iter("h1"):
        text = clean_text(element.text_content())
        if text:
            texts.append(text)
        if len(texts) >= 5:
            break
    return texts


def _by_separators(title: str, headings: list[str]) -> str:
    """Readability's rule for a bare <title>: drop the shorter side of a separator."""
    for heading in headings:
        # The visible headline inside the <title> is the strongest evidence.
        if len(heading.split()) >= 2 and _key(heading) and _key(title).startswith(_key(heading)):
            return heading
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title
    head = title[: separators[-1].start()].strip()
    if len(head.split()) >= 3:
        return head
    tail = title[separators[0].end() :].strip()
    if len(tail.split()) >= 3:
        return tail
    return title


def choose_title(tree: HtmlElement, meta: PageMetadata, url: str | None) -> str:
    """The best-evidenced headline; "" when the page states none."""
    for candidate in (meta.headline, meta.og_title, meta.twitter_title):
        if candidate:
            stripped = strip_site_name(candidate, meta.site_name, url)
            if stripped:
                return stripped
    headings = _headings(tree)
    if meta.html_title:
        stripped = strip_site_name(meta.html_title, meta.site_name, url)
        if stripped != clean_text(meta.html_title):
            return stripped
        return _by_separators(stripped, headings)
    return headings[0] if headings else ""
