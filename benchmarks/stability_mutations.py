"""Mutations of a real page for the stability benchmark (see benchmarks/stability.py).

Every mutation is derived from the page's own structure, never from its site:
the article's text blocks are the elements whose text is part of the page's
gold text; everything else is furniture. Furniture mutations change only what
lies outside those blocks (or add furniture around them); article mutations
change one thing inside them. A mutation returns a pair of pages (before,
after), both serialised the same way, or None when the page offers nothing to
mutate of that kind.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

_NON_ALNUM = re.compile(r"[\W_]+")
_BLOCK_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "td", "div")
_BLOCK_CHILDREN = frozenset({"p", "div", "ul", "ol", "li", "table", "h2", "h3", "h4", "section"})
_MIN_GOLD_KEY = 20
_ROOT_SHARE = 0.7
# A block is article text when this share of its 24-character pieces is in the gold.
_TEXT_BLOCK_TAGS = ("p", "li", "blockquote", "dd", "figcaption")
_CHUNK = 24
_GOLD_CHUNK_SHARE = 0.5
_MAX_TEXT_BLOCK = 2000
_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_DAY = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTHS})\b")
_ISO_DATE = re.compile(r"\b(20\d{2})-(\d{2})-(\d{2})")
_AGO = re.compile(r"\b(\d+)(\s*(?:hours?|hrs?|minutes?|mins?|days?|h|m)\s+ago)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_AUTHOR = re.compile(r"author|byline|contributor", re.IGNORECASE)
# A printed byline without such marks: a short line whose own text starts "By".
_BY_LEAD = re.compile(r"^\s*(?:written\s+)?by\b", re.IGNORECASE)
_MAX_BYLINE_WORDS = 20
# ... or a "by" printed as a piece of its own right before the name.
_LONE_BY = re.compile(r"\s*(?:written\s+)?by\s*", re.IGNORECASE)
_BYLINE_LEVELS = 3
_CHURNING = re.compile(r"\b(?:updated|published|posted|ago|modified)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)”\"'][.!?])\s+(?=[A-Z“\"])")
# Gold text a reader does not read as the story (the AEB/WCXB/Readability golds
# keep some of it): picture captions and credits (also a "Photos by …" line
# outside a <figure>), breadcrumbs and other navigation, copyright notices,
# "Last updated …" stamps, and captions of a media box not marked as a <figure>
# (a linked video's title and blurb). An edit there is not an article edit, so
# edit mutations leave these blocks alone (furniture mutations still treat them
# as gold: they change nothing inside them).
_NOT_STORY_ANCESTORS = frozenset({"figure", "figcaption", "nav"})
# Readers' comments: some golds keep them (Readability's keeps a blog's comment
# thread), but a tracker follows the newsroom's text, and the extractor leaves
# comments out by design. An edit by a reader is no edit of the story.
_COMMENT_CLASSES = frozenset(
    {"comment", "comment-content", "comment-body", "commentlist", "comment-list"}
)
_COMMENT_ID = re.compile(r"^comments?(?:[-_]\w+)?$", re.IGNORECASE)
# A form this near a block (its parent or grandparent holds it) makes the block
# the form's prompt.
_FORM_BOX_LEVELS = 2
_MEDIA = ("img", "video", "iframe", "picture", "object")
# A caption is short, and its media box holds little text besides it.
_MAX_CAPTION_CHARS = 300
_CAPTION_SHARE = 0.5
_MEDIA_BOX_LEVELS = 4
_LEADING_NUMBER = re.compile(r"^\d+")
_COPYRIGHT = re.compile(r"^\W*(?:©|copyright\b|\(c\))|\ball rights reserved\b", re.IGNORECASE)
# A picture credit printed as a line of its own, outside any <figure>.
_CREDIT = re.compile(
    r"^\W*(?:photos?|images?|pictures?|illustrations?)\s*(?:by\b|credits?\b|:)", re.IGNORECASE
)
_MAX_STAMP_CHARS = 100
_HEADLINE_SHARE = 0.5


def key(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str | None
    html: str
    truth: str


class Anatomy:
    """A parsed page with its article's text blocks located by the gold text."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: HtmlElement = lxml.html.document_fromstring(page.html)
        self.gold_key = key(page.truth)
        self.gold_blocks = self._gold_blocks()
        # A block printed twice (a desktop and a mobile copy of a list) is edited
        # in both by its writer: editing one copy is not an edit a page sees.
        # Copies are compared without a leading number: one copy of a list may
        # print its items' numbers inside them, the other beside them.
        copies: dict[str, int] = {}
        for block in self.gold_blocks:
            copies[_copy_key(block)] = copies.get(_copy_key(block), 0) + 1
        self.story_blocks = [
            b for b in self.gold_blocks if _is_story(b) and copies[_copy_key(b)] == 1
        ]
        self.article = self._article_root()
        title = self.root.find(".//title")
        self.page_title_key = key(title.text_content()) if title is not None else ""
        self.title_keys = {self.page_title_key}
        stated: set[str] = set()
        for meta in self.root.iter("meta"):
            name = meta.get("property") or meta.get("name") or ""
            # (apple-mobile-web-app-title names the site's home-screen app, not the
            # page: "Slate" made a "More on Slate Book Review" box a headline copy.)
            if "title" in name and "app-title" not in name:
                stated.add(key(meta.get("content") or ""))
        stated.discard("")
        self.stated_title_keys = frozenset(stated)
        self.title_keys |= stated
        self.title_keys.discard("")

    def _gold_blocks(self) -> list[HtmlElement]:
        blocks = []
        for element in self.root.iter(*_BLOCK_TAGS):
            if element.tag == "div" and any(child.tag in _BLOCK_CHILDREN for child in element):
                continue
            text_key = key(element.text_content())
            if len(text_key) >= _MIN_GOLD_KEY and text_key in self.gold_key:
                blocks.append(element)
        inner = set(blocks)
        # Innermost only: a <li> holding a gold <p> leaves the <p> to be edited.
        return [b for b in blocks if not any(d in inner for d in b.iterdescendants())]

    def _article_root(self) -> HtmlElement | None:
        weights: dict[HtmlElement, int] = {}
        total = 0
        for block in self.gold_blocks:
            size = len(key(block.text_content()))
            total += size
            for ancestor in block.iterancestors():
                weights[ancestor] = weights.get(ancestor, 0) + size
        if not total:
            return None
        best = None
        depth = -1
        for element, weight in weights.items():
            if weight >= _ROOT_SHARE * total:
                level = sum(1 for _ in element.iterancestors())
                if level > depth:
                    best, depth = element, level
        return best

    def in_gold(self, element: HtmlElement) -> bool:
        gold = set(self.gold_blocks)
        return element in gold or any(a in gold for a in element.iterancestors())

    def in_article_text(self, element: HtmlElement) -> bool:
        """Whether `element` sits in a block whose own words are mostly the gold text's.

        A gold paragraph whose text differs slightly from the gold (a link's text
        written differently, a footnote mark) is not among `gold_blocks`; a link in
        it is still the article's, and changing its text is an edit, not furniture.
        """
        for ancestor in element.iterancestors(*_TEXT_BLOCK_TAGS):
            text_key = key(ancestor.text_content())
            if not 2 * _CHUNK <= len(text_key) <= _MAX_TEXT_BLOCK:
                return False  # a phrase, or a layout cell holding the whole page
            starts = range(0, len(text_key) - _CHUNK + 1, _CHUNK)
            found = sum(text_key[i : i + _CHUNK] in self.gold_key for i in starts)
            return found >= _GOLD_CHUNK_SHARE * len(starts)
        return False

    def is_title(self, text: str) -> bool:
        text_key = key(text)
        return bool(text_key) and any(text_key in t or t in text_key for t in self.title_keys)

    def is_headline(self, text: str) -> bool:
        """A copy of the title, not a shorter name inside it (a logo's "Mozilla")."""
        text_key = key(text)
        return (
            bool(text_key)
            and not self._is_site_name(text_key)
            and any(
                t in text_key or (text_key in t and len(text_key) >= _HEADLINE_SHARE * len(t))
                for t in self.title_keys
            )
        )

    def _is_site_name(self, text_key: str) -> bool:
        """The part of "<title>" that the stated headline leaves out: in "Lessons
        Learned: The lean startup" with og:title "The lean startup", a blog's <h1>
        "Lessons Learned" is its name, not the article's headline."""
        return any(
            stated in self.page_title_key
            and text_key in self.page_title_key
            and stated not in text_key
            and text_key not in stated
            for stated in self.stated_title_keys
        )

    def serialize(self, root: HtmlElement | None = None) -> str:
        return str(lxml.html.tostring(root if root is not None else self.root, encoding="unicode"))


def _copy_key(block: HtmlElement) -> str:
    return _LEADING_NUMBER.sub("", key(block.text_content()))


def _is_caption(block: HtmlElement) -> bool:
    """A short block in a small teaser box: a linked picture or player whose title
    links to the same page (a video's title and blurb)."""
    size = len(key(block.text_content()))
    if len(block.text_content().strip()) > _MAX_CAPTION_CHARS:
        return False
    for level, box in enumerate(block.iterancestors()):
        if level >= _MEDIA_BOX_LEVELS:
            return False
        media = next(box.iter(*_MEDIA), None)
        if media is None:
            continue
        targets = {a.get("href") for a in media.iterancestors("a")}
        titled = any(
            a.get("href") in targets and key(a.text_content())
            for a in box.iter("a")
            if not any(m is media for m in a.iter(*_MEDIA))
        )
        return titled and size >= _CAPTION_SHARE * len(key(box.text_content()))
    return False


def is_link_line(block: HtmlElement) -> bool:
    """A block whose whole printed text is the text of links (a "related" list item,
    a linked product name, a bare URL): the title of another page, not a sentence
    of the story. The extractor sets such lines aside (boilerplate.drop_link_lines,
    and core/extract/link_lines.py between captures) as link_text rotates them."""
    text = key(block.text_content())
    linked = sum(len(key(a.text_content())) for a in block.iter("a") if a.get("href"))
    return bool(text) and linked >= len(text)


def is_form_prompt(block: HtmlElement) -> bool:
    """A block set in a small box with a form of its own (a sign-up or contact box:
    "Keep up with our daily newsletter", "In a hurry? Give us a call"); a form
    that wraps the whole page is an ancestor of the block, not in its box."""
    for level, box in enumerate(block.iterancestors()):
        if level >= _FORM_BOX_LEVELS:
            return False
        if any(form is not box for form in box.iter("form")):
            return True
    return False


def _is_comment(element: HtmlElement) -> bool:
    """A reader's comment, as comment systems mark it (WordPress, Disqus-like lists,
    schema.org): its words are the reader's, not the newsroom's."""
    tokens = {token.lower() for token in (element.get("class") or "").split()}
    return (
        bool(tokens & _COMMENT_CLASSES)
        or _COMMENT_ID.match(element.get("id") or "") is not None
        or "schema.org/Comment" in (element.get("itemtype") or "")
    )


def _is_story(block: HtmlElement) -> bool:
    """Whether a reader reads this gold block as the story's text (see _NOT_STORY_ANCESTORS)."""
    if any(a.tag in _NOT_STORY_ANCESTORS for a in (block, *block.iterancestors())):
        return False
    if any(_is_comment(a) for a in (block, *block.iterancestors())):
        return False
    if _is_caption(block):
        return False
    text = block.text_content().strip()
    if _COPYRIGHT.search(text) or _CREDIT.search(text):
        return False
    stamp = block.tag == "time" or next(block.iter("time"), None) is not None
    dated = stamp or (_CHURNING.search(text) is not None and _DIGITS.search(text) is not None)
    return not (len(text) <= _MAX_STAMP_CHARS and dated)


# ----------------------------------------------------------------- helpers


def _paths(anatomy: Anatomy, elements: list[HtmlElement]) -> list[int]:
    """Where the elements stand in the page (their place in document order), to find
    them again in a copy. (An XPath from getpath() fails on a page whose tag names
    hold quotes.)"""
    order = {element: index for index, element in enumerate(anatomy.root.iter())}
    return [order[element] for element in elements]


def _copy(anatomy: Anatomy) -> HtmlElement:
    return deepcopy(anatomy.root)


def _at(root: HtmlElement, path: int) -> HtmlElement:
    for index, element in enumerate(root.iter()):
        if index == path:
            return element
    raise IndexError(path)


def _shift_dates(text: str, step: int) -> str:
    text = _TIME.sub(lambda m: f"{(int(m[1]) + step) % 12 or 12}:{m[2]}", text)
    text = _MONTH_DAY.sub(lambda m: f"{m[1]} {(int(m[2]) + step - 1) % 28 + 1}", text)
    text = _DAY_MONTH.sub(lambda m: f"{(int(m[1]) + step - 1) % 28 + 1} {m[2]}", text)
    text = _ISO_DATE.sub(lambda m: f"{m[1]}-{m[2]}-{(int(m[3]) + step - 1) % 28 + 1:02d}", text)
    return _AGO.sub(lambda m: f"{int(m[1]) + step}{m[2]}", text)


def _text_slots(element: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """(element, "text"|"tail") for every text node under element, scripts excluded."""
    for node in element.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "title"):
            continue
        if node.text:
            yield node, "text"
        if node.tail and node is not element:
            yield node, "tail"


def _text_siblings(element: HtmlElement) -> Iterator[HtmlElement]:
    """Following element siblings that print text."""
    for sibling in element.itersiblings():
        if isinstance(sibling.tag, str) and key(sibling.text_content()):
            yield sibling


def _insert_before_first_block(anatomy: Anatomy, root: HtmlElement, new: HtmlElement) -> bool:
    if not anatomy.gold_blocks:
        return False
    first = _at(root, _paths(anatomy, anatomy.gold_blocks[:1])[0])
    first.addprevious(new)
    return True


def _insert_between_blocks(anatomy: Anatomy, root: HtmlElement, new: HtmlElement) -> bool:
    """After the second gold block that is a <p> (inside the article's flow)."""
    paragraphs = [b for b in anatomy.gold_blocks if b.tag == "p"]
    if len(paragraphs) < 3:
        return False
    target = _at(root, _paths(anatomy, [paragraphs[1]])[0])
    new.tail = target.tail
    target.tail = None
    target.addnext(new)
    return True


def _fragment(markup: str) -> HtmlElement:
    return lxml.html.fragment_fromstring(markup)


Pair = tuple[str, str]
Mutation = Callable[[Anatomy, random.Random], Pair | None]

_HEADLINES = (
    "City council approves a new budget for the harbour district",
    "Storm warning issued for the northern coast this weekend",
    "Local bakery wins national award for its rye bread",
    "University opens a research centre for battery recycling",
    "Train operator announces timetable changes from Monday",
    "Museum returns artefacts to their country of origin",
    "Regional airport expects record passenger numbers",
    "Football club appoints a new head coach after long search",
)


def _headlines(rng: random.Random, count: int) -> list[str]:
    return rng.sample(_HEADLINES, count)


def _injected(
    anatomy: Anatomy,
    rng: random.Random,
    build: Callable[[random.Random], str],
    place: Callable[[Anatomy, HtmlElement, HtmlElement], bool],
) -> Pair | None:
    seed = rng.random()
    pages = []
    for variant in (0, 1):
        root = _copy(anatomy)
        if not place(anatomy, root, _fragment(build(random.Random(seed + variant)))):
            return None
        pages.append(anatomy.serialize(root))
    return pages[0], pages[1]


# ----------------------------------------------------------------- furniture


def _is_byline(element: HtmlElement) -> bool:
    """Author links: the byline is compared text (a changed author is a change).

    Marked by the template (an author/byline class, rel=author), or printed as a
    short "By <a>Name</a>, <a>Name</a> on Monday …" line with no marks at all: the
    names are the byline either way, and a tracker reads both as one.
    """
    for node in (element, *element.iterancestors()):
        marks = " ".join(node.get(name) or "" for name in ("class", "id", "rel", "itemprop"))
        if _AUTHOR.search(marks):
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


def rotate_link_texts(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """Every link outside the article's text (and byline, and quotations) shows the
    text of the next one."""
    links = [
        a
        for a in anatomy.root.iter("a")
        if a.text_content().strip()
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
    texts = [a.text_content().strip() for a in links]
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
