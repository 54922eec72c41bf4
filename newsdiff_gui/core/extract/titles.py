"""The article's headline, without the site's name glued to it.

Pages state their title several times: JSON-LD `headline`, `og:title`,
`twitter:title`, `<title>` and the visible `<h1>`. The structured ones are
written for sharing and rarely carry the site's name; `<title>` almost always
does ("Headline - The Daily Record", "Outlet | Headline", "Outlet: Headline").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.structured import PageMetadata
from newsdiff_gui.core.extract.text_key import printed_text, text_key
from newsdiff_gui.core.normalize import clean_text

# Separators sites put between headline and site name; they need spaces around
# them, so hyphenated words and "9/11" are never split.
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|•|»|::|/|~|\\)\s+|\s*\|\s*")
_MAX_SITE_WORDS = 6
_MIN_CUT_WORDS = 4
_TOKEN = re.compile(r"\w+")
# Share of words a <h1> and a stated title must have in common (both ways) for
# the <h1> to be the article's headline; tuned on the readability test pages.
_MIN_HEADLINE_MATCH = 0.5
# The first <h1> elements of a page are read; a page of headings is not searched.
_MAX_HEADINGS = 5
_DOMAIN_NOISE = frozenset({"www", "m", "amp", "com", "org", "net", "co", "uk", "news", "edu"})


def _site_keys(site_name: str | None, url: str | None) -> set[str]:
    keys: set[str] = set()
    if site_name:
        key = text_key(site_name)
        if key:
            keys.add(key)
            keys.add(key.removeprefix("the"))
    if url:
        host = (urlsplit(url).hostname or "").casefold()
        labels = [label for label in host.split(".") if label and label not in _DOMAIN_NOISE]
        keys.update(text_key(label) for label in labels if len(label) > 2)
        if host:
            keys.add(text_key(host.removeprefix("www.")))
    keys.discard("")
    return keys


def _is_site_segment(segment: str, keys: set[str]) -> bool:
    """Whether a title segment is (nearly only) the site's name or domain."""
    key = text_key(segment)
    if not key:
        return True  # a separator left over from "Headline | | Site"
    if len(segment.split()) > _MAX_SITE_WORDS:
        return False
    stripped = key.removeprefix("the")
    for site in keys:
        if stripped == site:
            return True
        # "Spiceworks" for "Spiceworks Inc", "BBC News - Home" for "BBC News": the
        # segment and the name mostly overlap; a headline merely mentioning the
        # site is far longer than the name.
        if len(site) >= 4 and site in key and len(key) <= 2 * len(site):
            return True
        if len(stripped) >= 4 and stripped in site and len(site) <= 2 * len(stripped):
            return True
    return False


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


def _heading_elements(tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
    found = []
    for element in tree.iter("h1"):
        # Line by line: "WEEKEND<br>CODING AGENT" reads "WEEKEND CODING AGENT", not
        # "WEEKENDCODING AGENT", which resembles no stated title.
        text = printed_text(element)
        if text:
            found.append((element, text))
        if len(found) >= _MAX_HEADINGS:
            break
    return found


def _headings(tree: HtmlElement) -> list[str]:
    return [text for _, text in _heading_elements(tree)]


def _linked_endings(heading: HtmlElement, text: str) -> list[str]:
    """The heading's text without what links add at its end: the opening elements'
    texts after which the heading prints only links. A news aggregator's <h1> holds
    the story's linked headline, then its source "(latimes.com)" and a comment
    count "87" that changes whenever a reader comments; a subtitle or a kicker
    ("Live: …") is no link and stays part of the headline."""
    parts = []
    for element in heading.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        part = printed_text(element)
        if not part or len(part) >= len(text) or not text.startswith(part):
            continue
        after = "".join(
            text_key(printed_text(link))
            for link in heading.iter("a")
            if link is not element
            and element not in link.iterancestors()
            and link not in element.iterancestors()
        )
        if text_key(text[len(part) :]) == after:
            parts.append(part)
    return parts


def _by_separators(title: str) -> str:
    """Readability's rule for a bare <title> naming no known site: cut at a separator.

    Keep the part before the last separator, or after the first one if that
    is too short to be a headline; a result of four words or fewer is more
    likely a section name than the headline, so the whole title stays.
    """
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title
    result = title[: separators[-1].start()].strip()
    if len(result.split()) < 3:
        result = title[separators[0].end() :].strip()
    if len(result.split()) <= _MIN_CUT_WORDS:
        return title
    return result


def _stated_title(tree: HtmlElement, meta: PageMetadata, url: str | None) -> str:
    """The headline the page's metadata states (structured data, then <title>)."""
    for candidate in meta.titles:
        if candidate:
            stripped = strip_site_name(candidate, meta.site_name, url)
            if stripped:
                return stripped
    headings = _headings(tree)
    if meta.html_title:
        stripped = strip_site_name(meta.html_title, meta.site_name, url)
        if stripped != clean_text(meta.html_title):
            return stripped
        return _by_separators(stripped)
    return headings[0] if headings else ""


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _covered(text: str, reference: str) -> float:
    """Share of the reference's characters (by token) that also occur in the text."""
    own = set(_tokens(text))
    tokens = _tokens(reference)
    total = sum(len(token) for token in tokens)
    return sum(len(token) for token in tokens if token in own) / total if total else 0.0


def _visible_headline(tree: HtmlElement, references: list[str]) -> tuple[str, str] | None:
    """The <h1> that is this article's headline: the one resembling what the page states.

    Resemblance both ways keeps out a logo <h1> ("The Daily Record", all of whose
    words are in "Headline - The Daily Record") and a section <h1>; a reworded
    headline still shares most of its words with the stale structured one.
    """
    best: tuple[str, str] | None = None
    best_score = _MIN_HEADLINE_MATCH
    for element, text in _heading_elements(tree):
        # An ending of links is left out only where the heading without it is more
        # like the stated headline.
        heading, score = max(
            (
                (part, _resemblance(part, references))
                for part in (text, *_linked_endings(element, text))
            ),
            key=lambda scored: scored[1],
        )
        if score >= best_score:
            best, best_score = (heading, text), score
    return best


def _resemblance(heading: str, references: list[str]) -> float:
    return max(
        (min(_covered(heading, ref), _covered(ref, heading)) for ref in references if ref),
        default=0.0,
    )


@dataclass(frozen=True, slots=True)
class Headline:
    title: str
    # The other headlines the page states (structured data, <title>) where they
    # differ from `title`: kept so a reader can see the disagreement.
    alternatives: tuple[str, ...]
    # The heading as the page prints it, a linked ending included ("… (latimes.com)
    # 87"): where the engine keeps it as a block, it is the headline's echo.
    printed: str


def choose_headline(tree: HtmlElement, meta: PageMetadata, url: str | None) -> Headline:
    """The headline the reader sees: the article's <h1>, else the best-stated title.

    Newsrooms rewrite the visible headline and often leave the structured data
    stale; the reader sees the <h1>, so a rewrite must show as a title change.
    """
    stated = _stated_title(tree, meta, url)
    html_title = strip_site_name(meta.html_title or "", meta.site_name, url)
    references = [stated, html_title, *meta.titles]
    title, printed = _visible_headline(tree, references) or (stated, stated)
    # Only disagreements are kept: the same headline with the site's name around
    # it ("Headline | Outlet" where no site name was stated) is no other title.
    own = text_key(title)
    others = {text_key(t): t for t in (stated, html_title) if t and own not in text_key(t)}
    return Headline(title, tuple(others.values()), printed)


def choose_title(tree: HtmlElement, meta: PageMetadata, url: str | None) -> str:
    """The headline the reader sees ("" when the page states none)."""
    return choose_headline(tree, meta, url).title
