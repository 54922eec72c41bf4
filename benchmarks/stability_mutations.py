"""A real page's anatomy for the stability benchmark's mutations (see
benchmarks/stability.py): the furniture mutations are in stability_furniture.py,
the article edits in stability_edits.py, both built on what is here.

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
_CHURNING = re.compile(r"\b(?:updated|published|posted|ago|modified)\b", re.IGNORECASE)
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
    of the story. The extractor sets such lines aside (link_entries.drop_link_lines,
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


def _holds_only_a_figure(block: HtmlElement) -> bool:
    """A layout box (a <div> counts as a block) whose whole text is a figure's
    caption: the caption is the picture's, wherever the box around it stands (a
    picture a script loads leaves a figure with no <img>; a figure that sets a
    table is a table, and its text the story's)."""
    text = key(block.text_content())
    return any(
        key(figure.text_content()) == text and next(figure.iter("table"), None) is None
        for figure in block.iterdescendants(*_NOT_STORY_ANCESTORS)
    )


def _is_story(block: HtmlElement) -> bool:
    """Whether a reader reads this gold block as the story's text (see _NOT_STORY_ANCESTORS)."""
    if any(a.tag in _NOT_STORY_ANCESTORS for a in (block, *block.iterancestors())):
        return False
    if any(_is_comment(a) for a in (block, *block.iterancestors())):
        return False
    if _is_caption(block) or _holds_only_a_figure(block):
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
