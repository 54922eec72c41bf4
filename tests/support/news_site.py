"""A fictional outlet's feeds and section pages, for discovery tests and the benchmark.

Addresses follow the shape outlets use: `/politics/2026/03/04/council-votes-on-harbour-plan`.
The section page carries what real ones do around its teaser list: a navigation menu,
a "most read" box of other sections' stories, a footer, tag and author links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

_WORDS = (
    "council votes on harbour plan after long night",
    "ferry strike ends with new pay deal",
    "schools reopen as storm damage is cleared",
    "court hears appeal in fishing quota case",
    "mayor promises flood defences before winter",
    "hospital waiting lists fall for third month",
    "rail line to reopen after landslip repairs",
    "budget row threatens coalition talks",
)


@dataclass(frozen=True, slots=True)
class Story:
    path: str
    title: str


def stories(count: int, section: str = "politics", start: int = 0) -> list[Story]:
    """`count` distinct stories, newest first."""
    found = []
    for index in range(start, start + count):
        words = _WORDS[index % len(_WORDS)]
        day = 1 + index % 28
        slug = f"{words.replace(' ', '-')}-{index}"
        found.append(Story(f"/{section}/2026/03/{day:02d}/{slug}", f"{words.capitalize()} {index}"))
    return found


def rss(base: str, items: list[Story], *, suffix: str = "") -> str:
    entries = "\n".join(
        f"<item><title>{escape(s.title)}</title><link>{escape(base + s.path + suffix)}</link>"
        f"<guid>{escape(base + s.path)}</guid></item>"
        for s in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Harbour Courier: Politics</title><link>{base}/politics</link>"
        f"<description>Politics</description>{entries}</channel></rss>"
    )


def atom(base: str, items: list[Story]) -> str:
    entries = "\n".join(
        f'<entry><title>{escape(s.title)}</title><link rel="alternate" href="{escape(s.path)}"/>'
        f"<id>tag:courier,2026:{escape(s.path)}</id><updated>2026-03-04T10:00:00Z</updated>"
        "</entry>"
        for s in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"'
        f' xml:base="{base}/"><title>Harbour Courier: Atom</title><id>tag:courier,2026:atom</id>'
        f"<updated>2026-03-04T10:00:00Z</updated>{entries}</feed>"
    )


def json_feed(base: str, items: list[Story]) -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Harbour Courier: JSON",
            "home_page_url": base,
            "items": [
                {"id": s.path, "url": base + s.path, "title": s.title, "content_text": "…"}
                for s in items
            ],
        }
    )


def section_page(base: str, items: list[Story], *, link_suffix: str = "") -> str:
    """A section front: menu, teaser list, most-read box of other sections, footer."""
    teasers = "\n".join(
        f'<li class="teaser"><a href="{escape(s.path + link_suffix)}"><h3>{escape(s.title)}</h3>'
        f'</a><a class="tag" href="/topics/harbour">Harbour</a>'
        f'<a class="author" href="/authors/jonas-eberly">Jonas Eberly</a></li>'
        for s in items
    )
    most_read = "\n".join(
        f'<li><a href="{escape(s.path)}">{escape(s.title)}</a></li>'
        for s in stories(3, section="sport", start=90)
    )
    return f"""<!DOCTYPE html><html><head><title>Politics | Harbour Courier</title>
<link rel="alternate" type="application/rss+xml" href="/politics/rss.xml"></head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a>
<a href="/about-the-harbour-courier-and-its-team">About us</a></nav></header>
<main><h1>Politics</h1><ul class="teasers">{teasers}</ul>
<a href="/politics?page=2">More stories</a></main>
<aside><h2>Most read</h2><ol>{most_read}</ol></aside>
<footer><a href="/privacy-policy-and-cookie-settings">Privacy</a>
<a href="https://elsewhere.example/some-long-story-slug-here">Partner</a></footer>
</body></html>"""
