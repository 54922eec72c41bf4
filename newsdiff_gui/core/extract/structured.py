"""Metadata a page states about itself: JSON-LD, OpenGraph/meta tags, microdata.

Publishers fill these for search engines and social cards, so they are usually
more exact than anything guessed from the layout: the headline without the
site's name, the authors, the dates, and often the whole article text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.bylines import belongs_elsewhere, in_teaser_card, visible_byline
from newsdiff_gui.core.normalize import clean_text

# schema.org types whose objects describe the article itself (not the site,
# the breadcrumb trail or the organisation).
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "scholarlyarticle",
        "techarticle",
        "medicalscholarlyarticle",
        "advertisercontentarticle",
        "howto",
        "recipe",
        "review",
    }
)
_MAX_JSON_CHARS = 2_000_000
_MAX_DEPTH = 12
_MAX_FAQ = 200
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_WRAPPER_START = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)\s*")
_WRAPPER_END = re.compile(r"\s*(?://\s*)?(?:\]\]>|-->)\s*$")
_TOKEN = re.compile(r"\w+")
# Title-bearing meta tags in the order Readability trusts them: Dublin Core is
# set deliberately by few sites, OpenGraph by most, the rest as fallbacks.
_TITLE_KEYS = (
    "dc:title",
    "dcterm:title",
    "dc.title",
    "dcterms.title",
    "og:title",
    "title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Raw, uncleaned statements a page makes about its article."""

    titles: tuple[str, ...]  # stated headlines, most trusted first (not <title>)
    html_title: str | None
    site_name: str | None
    authors: tuple[str, ...]
    published: str | None
    modified: str | None
    article_body: str | None
    description: str | None
    # The questions and answers a guide states as its FAQ (schema.org FAQPage).
    faq: tuple[str, ...] = ()


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return {value.rsplit("/", 1)[-1].lower()}
    if isinstance(value, list):
        return {v.rsplit("/", 1)[-1].lower() for v in value if isinstance(v, str)}
    return set()


def _walk(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD value, outer ones first (bounded depth)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            if key in value:
                yield from _walk(value[key], depth + 1)
    elif isinstance(value, list):
        for item in value[:200]:
            yield from _walk(item, depth + 1)


def _load_json(text: str) -> Any:
    text = text.strip()
    if not text or len(text) > _MAX_JSON_CHARS:
        return None
    # Some CMSes wrap the JSON in CDATA or comment markers (sometimes after "//").
    text = _WRAPPER_START.sub("", text)
    text = _WRAPPER_END.sub("", text)
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _string(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = clean_text(str(value))
        return text or None
    return None


def _names(value: Any) -> list[str]:
    """Person names from a schema.org author/creator value (str, object, list)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:20]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            names.extend(_names(name))
        elif isinstance(name, str):
            text = clean_text(name)
            if text and not text.startswith(("http://", "https://", "/")):
                names.append(text)
    return names


def json_ld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        objects.extend(_walk(_load_json(script.text or "")))
    return objects


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    articles = [obj for obj in objects if _types(obj) & _ARTICLE_TYPES]
    if not articles:
        # A WebPage object still names the page's headline and dates.
        articles = [obj for obj in objects if "webpage" in _types(obj) and obj.get("headline")]
    if not articles:
        return None

    def weight(obj: dict[str, Any]) -> int:
        body = obj.get("articleBody")
        return len(body) if isinstance(body, str) else (1 if obj.get("headline") else 0)

    return max(articles, key=weight)


def _plain(value: Any) -> str:
    """A stated text as plain words (an answer may be written in HTML)."""
    text = _string(value) or ""
    if "<" in text:
        try:
            text = lxml.html.fragment_fromstring(text, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            return ""
    return clean_text(text)


def _faq(objects: list[dict[str, Any]]) -> tuple[str, ...]:
    """The questions and their answers of the page's FAQPage objects, in order."""
    entries: list[str] = []
    for page in (obj for obj in objects if "faqpage" in _types(obj)):
        questions = page.get("mainEntity")
        for question in questions[:_MAX_FAQ] if isinstance(questions, list) else [questions]:
            if not isinstance(question, dict):
                continue
            answer = question.get("acceptedAnswer")
            if isinstance(answer, list):
                answer = answer[0] if answer else None
            answer_text = answer.get("text") if isinstance(answer, dict) else None
            entries.extend(
                text for text in (_plain(question.get("name")), _plain(answer_text)) if text
            )
    return tuple(dict.fromkeys(entries))


def _meta_index(tree: HtmlElement) -> dict[str, str]:
    """First non-empty content of each <meta> by property/name/itemprop (lowercased)."""
    index: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop"):
            # One tag may declare several properties: property="og:title twitter:title".
            for key in (meta.get(attribute) or "").lower().split():
                if key not in index:
                    index[key] = content
    return index


def _first(index: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        value = index.get(key)
        if value and clean_text(value):
            return clean_text(value)
    return None


def _itemprop_text(tree: HtmlElement, prop: str) -> str | None:
    for element in tree.xpath(f'//*[@itemprop="{prop}"]')[:5]:
        if belongs_elsewhere(element):
            continue
        value = element.get("content") or element.get("datetime") or element.text_content()
        text = clean_text(value or "")
        if text:
            return text
    return None


def _time_element(tree: HtmlElement) -> str | None:
    for element in tree.xpath("//time[@datetime]")[:10]:
        if in_teaser_card(element):
            continue  # another story's date, rotated with its card
        value = clean_text(element.get("datetime") or "")
        if len(value) >= 10:
            return value
    return None


def _similarity(text: str, reference: str) -> float:
    """Share of the reference's characters (by token) that the text also has."""
    own = set(_TOKEN.findall(text.casefold()))
    tokens = _TOKEN.findall(reference.casefold())
    if not tokens:
        return 0.0
    foreign = [token for token in tokens if token not in own]
    return 1 - len(" ".join(foreign)) / len(" ".join(tokens))


def _json_ld_title(article: dict[str, Any], reference: str) -> str | None:
    """JSON-LD `headline`, or `name` where that is the one echoing the page's title.

    Some CMSes put a template label ("Wikimedia list article") in `headline`, others
    the site's name in `name`; the one resembling the page's own title is the headline.
    """
    headline = _string(article.get("headline"))
    name = _string(article.get("name"))
    if not headline or not name or headline == name:
        return headline or name
    if _similarity(headline, reference) >= _similarity(name, reference):
        return headline
    return name


def read_metadata(tree: HtmlElement) -> PageMetadata:
    objects = json_ld_objects(tree)
    article = _article_object(objects) or {}
    meta = _meta_index(tree)
    site_name = _first(meta, "og:site_name", "application-name", "twitter:site")
    if site_name is None:
        for obj in objects:
            if _types(obj) & {"website", "organization", "newsmediaorganization"}:
                site_name = _string(obj.get("name"))
                if site_name:
                    break
    if site_name is None:
        site_name = _string((article.get("publisher") or {}) if article else None)

    authors = _names(article.get("author")) or _names(article.get("creator"))
    if not authors:
        author = _first(meta, "author", "article:author", "dc.creator", "parsely-author", "byl")
        if author and not author.startswith(("http://", "https://")):
            authors = [author]
    if not authors:
        itemprop_author = _itemprop_text(tree, "author")
        if itemprop_author and len(itemprop_author) < 100:
            authors = [itemprop_author]
    if not authors:
        visible = visible_byline(tree)
        if visible:
            authors = [visible]

    title_element = tree.find(".//title")
    html_title = clean_text(title_element.text_content()) if title_element is not None else ""
    meta_titles = [clean_text(meta[key]) for key in _TITLE_KEYS if key in meta]
    reference = html_title or next(iter(meta_titles), "")
    json_ld_title = _json_ld_title(article, reference) if article else None
    titles = [json_ld_title] if json_ld_title else []
    titles.extend(title for title in meta_titles if title)
    body = article.get("articleBody")
    return PageMetadata(
        titles=tuple(dict.fromkeys(titles)),
        html_title=html_title or None,
        site_name=site_name,
        authors=tuple(dict.fromkeys(authors)),
        published=_string(article.get("datePublished"))
        or _first(
            meta,
            "article:published_time",
            "og:published_time",
            "published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "dc.date.issued",
            "dcterms.created",
            "dc.date",
            "date",
            "sailthru.date",
            "parsely-pub-date",
        )
        or _itemprop_text(tree, "datePublished")
        or _time_element(tree),
        modified=_string(article.get("dateModified"))
        or _first(
            meta,
            "article:modified_time",
            "og:updated_time",
            "modified_time",
            "datemodified",
            "lastmod",
            "last-modified",
            "dcterms.modified",
        )
        or _itemprop_text(tree, "dateModified"),
        article_body=body if isinstance(body, str) and body.strip() else None,
        description=_first(meta, "og:description", "description", "twitter:description"),
        faq=_faq(objects),
    )
