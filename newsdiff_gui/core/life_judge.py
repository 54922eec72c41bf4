"""Is the story still at its address? One check's `Sighting`, from what it fetched.

Gone is said on evidence only, because a false "gone" on a live story costs the
reader's trust and a version of the story:
* HTTP 404 or 410 (also at the end of a redirect);
* a redirect to the site's home page or to a section above the article
  (`/politics/2024/story` → `/politics/`): the address of a list of stories;
* a page whose headline AND text are unrelated to every stored version: no
  paragraph of any version is paired by the aligner (which never pairs unrelated
  paragraphs, DESIGN.md invariant 6) beyond `RELATED_SHARE` of its words, and no
  headline is `RELATED_TITLE` similar. A rewrite keeps its headline or some of
  its text; a wire swap keeps the headline's subject; a "page not found" or
  another story keeps neither. Anything less certain (a timeout, a 500, a page
  with no article at the story's own address) is "nothing learned".
A story that answers at another article address (the end of an HTTP redirect,
or a `<link rel="canonical">` that changed since the last version) is
redirected and followed (core/store/event_store.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
# two to be one story: a story keeping a fifth of its text is still that story.
RELATED_SHARE = 0.2
# Headline similarity (Indel, casefolded) above which the page is the same story
# whatever its text: "Seven killed" → "At least eight killed in …" stays above it.
RELATED_TITLE = 0.6
_UNPAIRED = frozenset({ChangeKind.ADDED, ChangeKind.REMOVED})
# The canonical link is in the page's head: only that much is parsed for it.
HEAD_CHARS = 200_000
# Versions a page is compared with before it is called another story: the latest
# distinct texts (a story's recent history; its first text is always among them).
EARLIER_COMPARED = 8


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
    document: Document,
    latest: StoredVersion | None,
    same: bool,
) -> Sighting:
    """What a check's page says of the story (`same`: its text equals the latest
    version's, so it is the story wherever it now stands)."""
    if latest is None or result.text is None:
        return NOTHING_LEARNED
    previous_url = latest.final_url or article.url

    def earlier() -> list[Document]:
        return [latest.document] if same else earlier_documents(store, article.id)

    def previous_html() -> str:
        return decode_html(store.raw_html(article.id, latest.number)).text

    moved_to = moved_address(article.url, result.final_url, result.text, previous_html)
    return page_sighting(article.url, previous_url, moved_to, document, earlier)


def page_sighting(
    article_url: str,
    previous_url: str,
    final_url: str | None,
    document: Document | None,
    earlier: Callable[[], Iterable[Document]],
) -> Sighting:
    """What a fetched page says about the story.

    `previous_url`: where the story last answered (its latest version's final
    address); `document`: the page's article (None when none was found);
    `earlier`: the stored versions' documents, read only when needed.
    """
    if listing_page(article_url, final_url):
        return Sighting(
            Seen.GONE, f"redirected to a list of stories: {displayed_url(final_url or '')}"
        )
    if document is None:
        return NOTHING_LEARNED
    if not any(related(old, document) for old in earlier()):
        return Sighting(Seen.GONE, f"the address now serves another story: “{document.title}”")
    moved = final_url is not None and final_url not in (article_url, previous_url)
    if moved and final_url is not None:
        detail = f"{displayed_url(previous_url)} → {displayed_url(final_url)}"
        return Sighting(Seen.REDIRECTED, detail, final_url)
    return REACHED


def related(old: Document, new: Document) -> bool:
    """Whether two documents tell one story (headline or paired text, see above)."""
    if Indel.normalized_similarity(old.title.casefold(), new.title.casefold()) >= RELATED_TITLE:
        return True
    old_words = sum(len(paragraph.split()) for paragraph in old.paragraphs)
    if not old_words:
        return False
    diff = align(old, new)
    paired = sum(
        len(old.paragraphs[index].split())
        for row in diff.rows
        if row.kind not in _UNPAIRED
        for index in row.old
    )
    return paired / old_words >= RELATED_SHARE


def _site(host: str | None) -> str:
    host = (host or "").casefold()
    return host.removeprefix("www.")


def earlier_documents(store: VersionStore, article_id: int) -> list[Document]:
    """The article's latest distinct texts and its first one, newest first."""
    versions = store.list_versions(article_id)
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
