"""Furniture-only mutations of a real page: what changes around a story that has not.

Each takes a page's anatomy (benchmarks/stability_mutations.py) and a seeded random
source and returns two versions of the page that differ only in furniture, or None
when the page offers none of that furniture to change.
"""

from __future__ import annotations

import random
import re

from lxml.html import HtmlElement
from stability_mutations import (
    _CHURNING,
    _ISO_DATE,
    Anatomy,
    Mutation,
    Pair,
    _at,
    _copy,
    _fragment,
    _headlines,
    _injected,
    _insert_before_first_block,
    _insert_between_blocks,
    _paths,
    _shift_dates,
    _text_slots,
    key,
)

# A page's byline, which the link mutation leaves alone: an element marked as the author's,
_AUTHOR = re.compile(r"author|byline|contributor", re.IGNORECASE)
# A printed byline without such marks: a short line whose own text starts "By".
_BY_LEAD = re.compile(r"^\s*(?:written\s+)?by\b", re.IGNORECASE)
_MAX_BYLINE_WORDS = 20
# ... or a "by" printed as a piece of its own right before the name.
_LONE_BY = re.compile(r"\s*(?:written\s+)?by\s*", re.IGNORECASE)
_BYLINE_LEVELS = 3

# ----------------------------------------------------------------- furniture


def _is_byline(element: HtmlElement) -> bool:
    """Author links: the byline is compared text (a changed author is a change).

    Marked by the template (an author/byline class, rel=author), or printed as a
    short "By <a>Name</a>, <a>Name</a> on Monday …" line with no marks at all, or
    a link that reads "By Name" itself ("<a href=/author/…><span>By</span> Name</a>"):
    the names are the byline either way, and a tracker reads both as one.
    """
    for node in (element, *element.iterancestors()):
        marks = " ".join(node.get(name) or "" for name in ("class", "id", "rel", "itemprop"))
        if _AUTHOR.search(marks):
            return True
    own = element.text_content()
    if _BY_LEAD.match(own) and len(own.split()) <= _MAX_BYLINE_WORDS:
        return True
    for level, node in enumerate(element.iterancestors()):
        if level >= _BYLINE_LEVELS:
            break
        if _BY_LEAD.match(node.text or "") and (
            len(node.text_content().split()) <= _MAX_BYLINE_WORDS
        ):
            return True
    return False


def _after_lone_by(node: HtmlElement) -> bool:
    """Whether the page prints a lone "by" right before `node`, as a piece of text
    of its own ("Super Supportive <span>by</span> <h3><a>Sleyca</a></h3>"): a
    sentence's "a study by <a>NAHB</a>" runs on into its link and is not a byline."""
    previous = node.getprevious()
    # A comment prints nothing (its tail does).
    while previous is not None and not isinstance(previous.tag, str):
        if (previous.tail or "").strip():
            break
        previous = previous.getprevious()
    if previous is None:
        parent = node.getparent()
        before = "" if parent is None else parent.text or ""
    elif (previous.tail or "").strip() or not isinstance(previous.tag, str):
        before = previous.tail or ""
    else:
        before = previous.text_content()
    return _LONE_BY.fullmatch(before) is not None


def _is_headline_byline(anatomy: Anatomy, element: HtmlElement) -> bool:
    """A name printed after a lone "by" in the headline's box: the page's byline with
    no marks, "Super Supportive <span>by</span> <h3><a>Sleyca</a></h3> <h1>…</h1>"
    (a teaser's "by" elsewhere on the page names another story's author)."""
    for node in [element, *element.iterancestors()][:_BYLINE_LEVELS]:
        box = node.getparent()
        if box is not None and _after_lone_by(node):
            return any(anatomy.is_headline(h.text_content()) for h in box.iter("h1", "h2"))
    return False


def _is_quoted(element: HtmlElement) -> bool:
    """Inside a quotation (an embedded post, a pull quote): text quoted from a source,
    fixed once published (a post's words, its date, its picture link), not a
    template's links that point wherever the site promotes today."""
    return next(element.iterancestors("blockquote"), None) is not None


# Links that name a fixed place rather than whatever the site promotes today: a
# place in the page (a table of contents, a heading's permalink), an e-mail address
# or a phone number (a reporter's, a desk's), and a citation mark ("[19]").
_FIXED_TARGET = re.compile(r"\s*(?:#|mailto:|tel:)", re.IGNORECASE)
_CITATION_MARK = re.compile(r"\s*\[?\d{1,3}\]?\s*")


def _names_a_fixed_place(link: HtmlElement) -> bool:
    return bool(_FIXED_TARGET.match(link.get("href") or "")) or bool(
        _CITATION_MARK.fullmatch(link.text_content())
    )


def _printed(link: HtmlElement) -> str:
    """The link's text as a reader sees it: a style or script inside prints nothing."""
    texts = link.xpath(".//text()[not(ancestor::style) and not(ancestor::script)]")
    return "".join(texts).strip()


def rotate_link_texts(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """Every link to another page outside the article's text (and byline, and
    quotations) shows the text of the next one."""
    links = [
        a
        for a in anatomy.root.iter("a")
        if _printed(a)
        and not _names_a_fixed_place(a)
        and not anatomy.in_gold(a)
        and not _is_quoted(a)
        and not anatomy.in_article_text(a)
        and not _is_byline(a)
        and not _is_headline_byline(anatomy, a)
        and not anatomy.is_title(a.text_content())
        and key(a.text_content()) not in anatomy.gold_key
    ]
    if len(links) < 2:
        return None
    root = _copy(anatomy)
    targets = [_at(root, path) for path in _paths(anatomy, links)]
    texts = [_printed(a) for a in links]
    for index, link in enumerate(targets):
        for child in list(link):
            link.remove(child)
        link.text = texts[(index + 1) % len(texts)]
    return anatomy.serialize(), anatomy.serialize(root)


def tracking_parameters(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """Every link gains (different) tracking parameters."""
    root = _copy(anatomy)
    token = rng.randrange(10**8)
    changed = 0
    for link in root.iter("a"):
        href = link.get("href")
        # An address holding a control character (a broken page's) cannot be set again.
        if any(ord(char) < 0x20 for char in href or ""):
            continue
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            glue = "&" if "?" in href else "?"
            link.set("href", f"{href}{glue}utm_source=feed&utm_campaign=c{token}&fbclid=x{token}")
            changed += 1
    return (anatomy.serialize(), anatomy.serialize(root)) if changed else None


def shift_timestamps(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """Dates and times outside the article's text (and in attributes) move on."""
    root = _copy(anatomy)
    gold = set(_paths(anatomy, anatomy.gold_blocks))
    tree = root.getroottree()
    skip = [_at(root, path) for path in gold]
    skipped = set(skip)
    for block in skip:
        skipped.update(block.iterdescendants())
    changed = 0
    for node, slot in list(_text_slots(root)):
        inside = node in skipped if slot == "text" else node.getparent() in skipped
        if inside or node.tag == "h1" or any(a.tag == "h1" for a in node.iterancestors()):
            continue
        before = getattr(node, slot)
        after = _shift_dates(before, 1)
        # Dates that churn: <time> elements, "Updated …"/"… ago" stamps; a date in
        # an embedded post or a caption does not change between fetches.
        churns = node.tag == "time" or _CHURNING.search(before)
        if churns and after != before and not anatomy.is_title(before):
            setattr(node, slot, after)
            changed += 1
    for element in tree.iter("time", "meta"):
        for attribute in ("datetime", "content"):
            value = element.get(attribute)
            if value and _ISO_DATE.search(value):
                element.set(attribute, _shift_dates(value, 1))
                changed += 1
    return (anatomy.serialize(), anatomy.serialize(root)) if changed else None


_STAMPS = (
    ("Updated {month} {day}, 2025", "p"),
    ("Created on {mon} {day}, 2025", "div"),
    ("Published on {month} {day}, 2025 at {hour}:12 a.m. ET", "p"),
    ("By Jane Okafor | Updated {hour}:47 AM EST, {month} {day}, 2025", "div"),
    ("Last updated: {day} {month} 2025, {hour}:05", "span"),
)


def updated_line(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """An "Updated …" line printed above the story changes its stamp."""
    pattern, tag = rng.choice(_STAMPS)

    def build(variant: random.Random) -> str:
        day = variant.randrange(1, 28)
        text = pattern.format(month="November", mon="Nov", day=day, hour=variant.randrange(1, 12))
        return f"<{tag}>{text}</{tag}>"

    return _injected(anatomy, rng, build, _insert_before_first_block)


def reading_time(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    def build(variant: random.Random) -> str:
        return f"<p><span>Jane Okafor</span> · <span>{variant.randrange(2, 20)} min read</span></p>"

    return _injected(anatomy, rng, build, _insert_before_first_block)


def comment_count(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    def build(variant: random.Random) -> str:
        return f'<div><a href="#comments">{variant.randrange(5, 2000)} comments</a></div>'

    return _injected(anatomy, rng, build, _insert_before_first_block)


def _link_list(variant: random.Random, heading: str, tag: str) -> str:
    items = "".join(
        f'<li><a href="/news/{n}">{title}</a></li>'
        for n, title in enumerate(_headlines(variant, 4))
    )
    return f"<{tag}><h3>{heading}</h3><ul>{items}</ul></{tag}>"


def trending_box(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """A "Trending this week" list after the article changes its headlines."""
    if anatomy.article is None or anatomy.article.getparent() is None:
        return None

    def place(anatomy: Anatomy, root: HtmlElement, new: HtmlElement) -> bool:
        assert anatomy.article is not None
        _at(root, _paths(anatomy, [anatomy.article])[0]).addnext(new)
        return True

    return _injected(anatomy, rng, lambda v: _link_list(v, "Trending this week", "div"), place)


def related_inside(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """A related-stories list set between the story's paragraphs changes."""
    heading = rng.choice(("Related", "Most read", "More on this story"))
    return _injected(anatomy, rng, lambda v: _link_list(v, heading, "div"), _insert_between_blocks)


def newsletter_box(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    def build(variant: random.Random) -> str:
        name = variant.choice(("Morning Briefing", "Evening Edition", "The Week Ahead"))
        return (
            f"<div><p>Sign up for the {name} newsletter to get the day's top stories in your"
            f' inbox.</p><form><input type="email"><button>Sign up</button></form></div>'
        )

    return _injected(anatomy, rng, build, _insert_between_blocks)


def ad_slot(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    def build(variant: random.Random) -> str:
        n = variant.randrange(10**6)
        return (
            f'<div id="ad-{n}"><span>Advertisement</span><iframe src="/ads/{n}"></iframe>'
            f"<script>window.slot{n} = {n};</script></div>"
        )

    return _injected(anatomy, rng, build, _insert_between_blocks)


def read_more_teaser(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    def build(variant: random.Random) -> str:
        return f'<p><strong>READ MORE: <a href="/x">{_headlines(variant, 1)[0]}</a></strong></p>'

    return _injected(anatomy, rng, build, _insert_between_blocks)


def script_style_meta(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """Scripts, styles, nonces and non-title meta tags churn."""
    root = _copy(anatomy)
    token = str(rng.randrange(10**9))
    for element in root.iter("script", "style"):
        if "ld+json" in (element.get("type") or ""):
            element.text = _shift_dates(element.text or "", 1)
        elif element.tag == "script":
            element.text = f"var build = '{token}';" + (element.text or "")
        else:
            element.text = f".x{token} {{ color: red }}" + (element.text or "")
    for meta in root.iter("meta"):
        if meta.get("itemprop"):
            continue  # microdata: a statement about the article (its author's name…)
        name = (meta.get("property") or meta.get("name") or "").lower()
        # Titles, descriptions and authors are statements about the article, and the
        # site's name one about the outlet (the title's "| Factorio" is cut by it):
        # not churn.
        stated = ("title", "description", "author", "byl", "creator", "site_name")
        if meta.get("content") and not any(word in name for word in stated):
            meta.set("content", f"{meta.get('content')}-{token}")
    head = root.find("head")
    if head is not None:
        head.append(_fragment(f'<script nonce="{token}">window.t={token}</script>'))
    return anatomy.serialize(), anatomy.serialize(root)


def _first_gold_paragraph(anatomy: Anatomy) -> HtmlElement | None:
    paragraphs = [b for b in anatomy.gold_blocks if b.tag == "p" and len(b.text_content()) > 80]
    return paragraphs[min(1, len(paragraphs) - 1)] if paragraphs else None


_CARD_SHAPES = (
    '<span class="card" aria-hidden="true"><span>{name}</span><span>Senior fellow</span>'
    '<a href="/r">{headline}</a><a href="/p">MORE</a></span>',
    '<span class="tip" role="tooltip"><strong>{name}</strong> <em>Analyst</em>'
    ' <a href="/r">{headline}</a> <a href="/p">MORE</a></span>',
    '<a class="person" href="/p"><div><b>{name}</b></div><div>Chief economist</div>'
    "<p>{headline}</p><div>MORE</div></a>",
    '<span class="popup" hidden><a href="/p">{name}</a> · Director ·'
    ' <a href="/r">{headline}</a> MORE</span>',
)


def _opening_pair(anatomy: Anatomy, markups: list[str], glue: str) -> Pair | None:
    """The page twice, each with one markup set at the start of the story's first
    long paragraph (`glue` between it and the paragraph's text)."""
    paragraph = _first_gold_paragraph(anatomy)
    if paragraph is None:
        return None
    path = _paths(anatomy, [paragraph])[0]
    pages = []
    for markup in markups:
        root = _copy(anatomy)
        target = _at(root, path)
        inserted = _fragment(markup)
        inserted.tail = f"{glue}{target.text or ''}" if glue else target.text
        target.text = None
        target.insert(0, inserted)
        pages.append(anatomy.serialize(root))
    return pages[0], pages[1]


def link_card(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """A pop-up person card inside a paragraph changes its related headline."""
    if _first_gold_paragraph(anatomy) is None:
        return None
    shape = rng.choice(_CARD_SHAPES)
    cards = [shape.format(name="Maria Lindqvist", headline=h) for h in _headlines(rng, 2)]
    return _opening_pair(anatomy, cards, glue="")


# Live quotes in the shapes business pages print them: the ticker (a link) and its
# change or price, which the page's script moves all trading day.
_QUOTE_SHAPES = (
    '(<a href="/quote/{symbol}">{symbol}</a> <span class="chg">{change}</span>)',
    '<a class="quote" href="/markets/stocks/{symbol}">{symbol} <span>{change}</span></a>',
    '<span class="qchip"><a href="/q/{symbol}">{symbol}</a><span><span>{change}</span>'
    "</span></span>",
    '<a href="/stock/{symbol}">{symbol}</a> <market-quote symbol="{symbol}" field="last">'
    "{price}</market-quote>",
    '{symbol} <live-change data-symbol="{symbol}">{change}</live-change>',
)


def quote_chip(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """A live quote beside a name in the story moves between two fetches."""
    if _first_gold_paragraph(anatomy) is None:
        return None
    shape = rng.choice(_QUOTE_SHAPES)
    symbol = rng.choice(("HRBR", "PORT", "NWSX", "TIDE"))
    chips = []
    for _ in range(2):
        change = f"{rng.choice('+-')}{rng.randrange(1, 900) / 100:.2f}%"
        price = f"${rng.randrange(1000, 90000) / 100:.2f}"
        chips.append(f"<span>{shape.format(symbol=symbol, change=change, price=price)}</span>")
    return _opening_pair(anatomy, chips, glue=" ")


FURNITURE: dict[str, Mutation] = {
    "link_text": rotate_link_texts,
    "tracking": tracking_parameters,
    "timestamps": shift_timestamps,
    "updated_line": updated_line,
    "reading_time": reading_time,
    "comment_count": comment_count,
    "trending_box": trending_box,
    "related_inside": related_inside,
    "newsletter": newsletter_box,
    "ad_slot": ad_slot,
    "read_more": read_more_teaser,
    "script_meta": script_style_meta,
    "link_card": link_card,
    "quote_chip": quote_chip,
}
