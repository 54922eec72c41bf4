"""Is the story still at its address? One check's `Sighting`, from what it fetched.

Gone is said on evidence only, because a false "gone" on a live story costs the
reader's trust and a version of the story:
* HTTP 404 or 410 (also at the end of a redirect);
* a redirect to the site's home page or to a section above the article
  (`/politics/2024/story` → `/politics/`), or a page naming such an address as
  its canonical one: a list of stories (not stored as a version);
* a page whose headline AND text are unrelated to every compared version: the
  aligner (which never pairs unrelated paragraphs, DESIGN.md invariant 6) pairs
  under `RELATED_SHARE` of each version's words, and no headline is
  `RELATED_TITLE` similar. A rewrite keeps its headline or some of its text; a
  wire swap keeps the headline's subject; a "this article was removed" notice or
  another story keeps neither. That page IS stored as a version (it is the
  evidence of what the address served, and a wrong "gone" loses nothing);
  benchmarks/life_events.py measures the rule on 174 real articles: no other
  story taken for a rewrite keeping 30 % of its paragraphs under a new headline,
  4 of 174 at 20 %. Anything less certain (a timeout, a 500, a page with no
  article at the story's own address) is "nothing learned".
A story that answers at another article address (the end of an HTTP redirect,
or a `<link rel="canonical">` that changed since the last version) is
redirected and followed (core/store/event_store.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import pairwise
from urllib.parse import urljoin, urlsplit

from lxml import etree
from rapidfuzz.distance import Indel

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.fetch import FetchOutcome, FetchResult
from newsdiff_gui.core.lifecycle import NOTHING_LEARNED, REACHED, Seen, Sighting
from newsdiff_gui.core.store import Article, StoredVersion, VersionStore
from newsdiff_gui.core.urls import InvalidURL, displayed_url, validate_article_url

GONE_STATUSES = frozenset({404, 410})
# Share of an earlier version's words the aligner must pair with the page for the
# two to be one story. Low on purpose (a false "gone" is the error to avoid): at
# 0.2, 9 of 174 rewrites keeping 30 % of their paragraphs were called another
# story; at 0.05 none, and still 1 of 174 other stories only is taken for the story
# (benchmarks/life_events.py).
RELATED_SHARE = 0.05
# Headline similarity (Indel, casefolded) above which the page is the same story
# whatever its text: "Seven killed" → "At least eight killed in …" stays above it.
RELATED_TITLE = 0.6
_WORD = re.compile(r"\w+")
_UNPAIRED = frozenset({ChangeKind.ADDED, ChangeKind.REMOVED})
# The canonical link is in the page's head: only that much is parsed for it.
HEAD_CHARS = 200_000
# Shares of an earlier version's word pairs found in the page (`pair_share`) that
# decide without the aligner: at or above, the same story; below, another story.
RELATED_PAIRS = 0.5
UNRELATED_PAIRS = 0.02
# Versions a page is compared with before it is called another story: the latest
# distinct texts and the first one (a story's recent history and its origin).
EARLIER_COMPARED = 3


def failure_sighting(result: FetchResult) -> Sighting:
    """A fetch that gave no page: gone on 404/410, reached on 304, else nothing."""
    if result.outcome is FetchOutcome.NOT_MODIFIED:
        return REACHED
    if result.outcome is FetchOutcome.HTTP_ERROR and result.status in GONE_STATUSES:
        return Sighting(Seen.GONE, f"HTTP {result.status}")
    return NOTHING_LEARNED


def listing_page(article_url: str, final_url: str | None) -> bool:
    """Whether `final_url` is the home page or a section above the article on its site."""
    if not final_url or final_url == article_url:
        return False
    old, new = urlsplit(article_url), urlsplit(final_url)
    if _site(old.hostname) != _site(new.hostname) or new.query:
        return False
    old_parts = [part for part in old.path.split("/") if part]
    new_parts = [part for part in new.path.split("/") if part]
    return len(new_parts) < len(old_parts) and old_parts[: len(new_parts)] == new_parts


def fetched_page_sighting(
    store: VersionStore,
    article: Article,
    result: FetchResult,
    document: Document | None,
    latest: StoredVersion | None,
    same: bool,
) -> Sighting:
    """What a check's page says of the story.

    `document`: the page's article, None when none was found; `same`: its text
    equals the latest version's. While the article is gone, the page is compared
    with the versions stored before it went (the other story it served since is
    not the story), so it stays gone until the story itself is back.
    """
    if latest is None or result.text is None:
        return NOTHING_LEARNED
    listing = listing_sighting(article.url, result.final_url, result.text)
    if listing is not None or document is None:
        return listing or NOTHING_LEARNED
    last_seen = store.events.last_seen_version(article.id)
    previous_url = latest.final_url or article.url

    def earlier() -> list[Document]:
        if same and last_seen is None:
            return [latest.document]
        return earlier_documents(store, article.id, last_seen)

    def previous_html() -> str:
        return decode_html(store.raw_html(article.id, latest.number)).text

    moved_to = moved_address(article.url, result.final_url, result.text, previous_html)
    return page_sighting(article.url, previous_url, moved_to, document, earlier)


def listing_sighting(article_url: str, final_url: str | None, html: str) -> Sighting | None:
    """Gone when the page is a list of stories: the check was redirected to the home
    page or a section above the article, or the page names one as its canonical
    address (a soft 404 that serves the home page where the story was)."""
    if listing_page(article_url, final_url):
        where = displayed_url(final_url or "")
        return Sighting(Seen.GONE, f"redirected to a list of stories: {where}", listing=True)
    canonical = canonical_link(html, final_url or article_url)
    if canonical is not None and listing_page(article_url, canonical):
        where = displayed_url(canonical)
        return Sighting(Seen.GONE, f"the page is a list of stories: {where}", listing=True)
    return None


def page_sighting(
    article_url: str,
    previous_url: str,
    final_url: str | None,
    document: Document,
    earlier: Callable[[], Iterable[Document]],
) -> Sighting:
    """What a fetched article page says about the story.

    `previous_url`: where the story last answered (its latest version's final
    address); `earlier`: the stored versions' documents, read only when needed.
    """
    if not any(related(old, document) for old in earlier()):
        return Sighting(Seen.GONE, f"the address now serves another story: “{document.title}”")
    moved = final_url is not None and final_url not in (article_url, previous_url)
    if moved and final_url is not None:
        detail = f"{displayed_url(previous_url)} → {displayed_url(final_url)}"
        return Sighting(Seen.REDIRECTED, detail, final_url)
    return REACHED


def related(old: Document, new: Document) -> bool:
    """Whether two documents tell one story (headline or paired text, see above).

    The aligner is the judge, but it is only asked about the uncertain middle: the
    share of the old text's word pairs (the aligner's own unit, see
    core/align/thresholds.py) that stand anywhere in the new text settles most
    pages at once. A text keeping half its word pairs is the story; one keeping
    under `UNRELATED_PAIRS` is another (the aligner would pair almost none of it:
    lowering that floor to 0.005 changed 1 judgement of 348 in the benchmark, at
    twice the cost).
    """
    if Indel.normalized_similarity(old.title.casefold(), new.title.casefold()) >= RELATED_TITLE:
        return True
    old_words = sum(len(paragraph.split()) for paragraph in old.paragraphs)
    if not old_words:
        return False
    kept = pair_share(old, new)
    if kept >= RELATED_PAIRS or kept < UNRELATED_PAIRS:
        return kept >= RELATED_PAIRS
    diff = align(old, new)
    paired = sum(
        len(old.paragraphs[index].split())
        for row in diff.rows
        if row.kind not in _UNPAIRED
        for index in row.old
    )
    return paired / old_words >= RELATED_SHARE


def pair_share(old: Document, new: Document) -> float:
    """The share of `old`'s distinct word pairs (casefolded) found anywhere in `new`."""
    old_pairs = _word_pairs(old)
    if not old_pairs:
        return 0.0
    return len(old_pairs & _word_pairs(new)) / len(old_pairs)


def _word_pairs(document: Document) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for paragraph in document.paragraphs:
        words = _WORD.findall(paragraph.casefold())
        pairs.update(pairwise(words))
    return pairs


def _site(host: str | None) -> str:
    host = (host or "").casefold()
    return host.removeprefix("www.")


def earlier_documents(
    store: VersionStore, article_id: int, up_to: int | None = None
) -> list[Document]:
    """The article's latest distinct texts and its first one, newest first (only
    versions up to number `up_to`, when given)."""
    versions = [
        version
        for version in store.list_versions(article_id)
        if up_to is None or version.number <= up_to
    ]
    seen: set[str] = set()
    kept = []
    for version in [*reversed(versions[1:]), *versions[:1]]:
        if version.content_hash not in seen:
            seen.add(version.content_hash)
            kept.append(version)
    return [version.document for version in [*kept[: EARLIER_COMPARED - 1], *kept[-1:]]]


def canonical_link(html: str, base: str) -> str | None:
    """The page's `<link rel="canonical">` address, absolute and valid, else None."""
    end = html.lower().find("</head", 0, HEAD_CHARS)
    head = html[: end if end >= 0 else HEAD_CHARS]
    if "canonical" not in head.lower():
        return None
    try:
        root = etree.fromstring(head, etree.HTMLParser(recover=True, no_network=True))
    except (etree.LxmlError, ValueError):
        return None
    if root is None:
        return None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").casefold().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            try:
                return validate_article_url(urljoin(base, href).split("#", 1)[0])
            except InvalidURL:
                return None
    return None


def moved_address(
    article_url: str, final_url: str | None, html: str, previous_html: Callable[[], str]
) -> str | None:
    """Where the story now stands: its canonical address when that changed since the
    previous version (a site that moves a story without an HTTP redirect), else the
    fetch's final address. A canonical pointing at a list of stories says nothing."""
    here = final_url or article_url
    canonical = canonical_link(html, here)
    if canonical is None or canonical == here or listing_page(article_url, canonical):
        return final_url
    if canonical_link(previous_html(), here) == canonical:
        return final_url  # the page always named that address: nothing moved
    return canonical
