"""Our own content scorer, for pages where the engine finds nothing usable.

A small readability-style scorer: paragraphs vote for their parent (and half a
vote for the grandparent) by length and commas; link-heavy containers lose; the
best container's blocks, and those of its siblings that read as the story's, are
the article. It is consulted when the engine finds little or no text, only navigation or
one glued block, so it favours finding *something* right over polish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import is_hidden_box
from newsdiff_gui.core.extract.text_key import printed_lines, printed_text
from newsdiff_gui.core.normalize import clean_text

_REMOVED_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "template",
    "figure",
)
_UNLIKELY = re.compile(
    r"comment|footer|footnote|\bnav|menu|sidebar|share|social|related|promo|advert|"
    r"\bads?\b|banner|newsletter|subscribe|cookie|popup|modal|breadcrumb|widget|"
    r"masthead|outbrain|taboola|recommend|most-?read|trending",
    re.IGNORECASE,
)
_LIKELY = re.compile(r"article|body|content|entry|main|post|story|text", re.IGNORECASE)
_SCORED_TAGS = ("p", "pre", "td", "blockquote")
# Words inside running text (a link, emphasis) and the blocks that hold it.
_WORDS_TAGS = frozenset({"a", "span", "em", "strong", "b", "i", "u", "small", "cite", "abbr"})
_RUNNING_TEXT_TAGS = frozenset({"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd"})
_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"}
)
_CONTAINER_TAGS = frozenset(
    {"div", "section", "article", "main", "ul", "ol", "dl", "table", "tbody", "tr", "td"}
)
_MIN_SCORED_CHARS = 25
_MAX_LINK_DENSITY = 0.5
_MAX_DEPTH = 200
# A sibling of the best container joins it (readability's rule): a box scoring a
# fifth of the best (and at least this), or prose above it (a paragraph, or a box
# of paragraphs) with few links.
_SIBLING_SHARE = 0.2
_MIN_SIBLING_SCORE = 10.0
_MIN_SIBLING_PARAGRAPH = 80
_MAX_SIBLING_LINK_DENSITY = 0.25
# The page's own frame, kept by the pruning only when it wraps the story (a comments
# <footer> holding each comment's <article>): never a box of the story beside it.
_PAGE_FRAME_TAGS = frozenset({"header", "footer", "aside", "nav"})


def _text(element: HtmlElement) -> str:
    return clean_text(element.text_content())


def _link_density(element: HtmlElement, text_length: int) -> float:
    if not text_length:
        return 1.0
    linked = sum(len(clean_text(anchor.text_content())) for anchor in element.iter("a"))
    return min(1.0, linked / text_length)


def _in_running_text(element: HtmlElement) -> bool:
    """Whether the element sits inside a paragraph of text (a sentence's
    "<a class='recommendation-inline-link'>vegetable garden</a>": a class name
    that reads as a widget's does not make its words furniture; pruned, the
    sentence read "set aside as a . It wasn't")."""
    return any(ancestor.tag in _RUNNING_TEXT_TAGS for ancestor in element.iterancestors())


def _prune(body: HtmlElement) -> None:
    doomed = [element for element in body.iter(*_REMOVED_TAGS) if element is not body]
    for element in body.iter():
        if element is body or not isinstance(element.tag, str):
            continue
        if element.tag in ("article", "main"):
            continue
        if is_hidden_box(element):
            doomed.append(element)  # a sign-up pop-up, a menu drawer
            continue
        marker = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not marker.strip() or not _UNLIKELY.search(marker) or _LIKELY.search(marker):
            continue
        if element.tag in _WORDS_TAGS and _in_running_text(element):
            continue  # a sentence's link or emphasis, whatever its class says
        doomed.append(element)
    for element in doomed:
        # Broken markup can leave the story inside an unclosed <aside> or popup;
        # a container that holds the page's <article> or <main> stays.
        if element.find(".//article") is not None or element.find(".//main") is not None:
            continue
        if element.getparent() is not None:
            element.drop_tree()


def _scores(body: HtmlElement) -> dict[HtmlElement, float]:
    scores: dict[HtmlElement, float] = {}
    for paragraph in body.iter(*_SCORED_TAGS):
        text = _text(paragraph)
        if len(text) < _MIN_SCORED_CHARS:
            continue
        score = 1.0 + text.count(",") + min(len(text) // 100, 3)
        parent = paragraph.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    # Divs carrying their text directly (with <br>s, no <p>) vote for themselves.
    for element, score in list(scores.items()):
        text_length = len(_text(element))
        scores[element] = score * (1 - _link_density(element, text_length))
    return scores


def _joins(
    sibling: HtmlElement, scores: dict[HtmlElement, float], best_score: float, *, before: bool
) -> bool:
    """Whether a sibling of the best container is the story's too: a list article's
    introduction or a definition in a box of its own above the box of its items.

    Prose counts only above the story: below it, prose with few links is as often
    the readers' comments, the writer's bio or the sources' note as the story."""
    if sibling.tag in _PAGE_FRAME_TAGS:
        return False
    if scores.get(sibling, 0.0) >= max(_MIN_SIBLING_SCORE, _SIBLING_SHARE * best_score):
        return True
    if not before or (sibling.tag != "p" and sibling.find(".//p") is None):
        return False
    text = _text(sibling)
    return (
        len(text) >= _MIN_SIBLING_PARAGRAPH
        and _link_density(sibling, len(text)) < _MAX_SIBLING_LINK_DENSITY
    )


def _story_containers(body: HtmlElement) -> list[HtmlElement]:
    """The best-scoring container and the siblings that join it, in page order."""
    scores = _scores(body)
    if not scores:
        return []
    best = max(scores, key=lambda element: scores[element])
    parent = best.getparent()
    if parent is None or best is body:
        return [best]
    siblings = [child for child in parent if isinstance(child.tag, str)]
    place = siblings.index(best)
    return [
        sibling
        for index, sibling in enumerate(siblings)
        if sibling is best or _joins(sibling, scores, scores[best], before=index < place)
    ]


def _blocks(element: HtmlElement, depth: int) -> Iterator[str]:
    run: list[str] = [element.text or ""]

    def flush() -> Iterator[str]:
        text = clean_text(" ".join(run))
        run.clear()
        if text:
            yield text

    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            yield from flush()
        elif tag in _BLOCK_TAGS or (tag in _CONTAINER_TAGS and depth >= _MAX_DEPTH):
            yield from flush()
            text = _text(child)
            if text and _link_density(child, len(text)) <= _MAX_LINK_DENSITY:
                yield from printed_lines(child)
        elif tag in _CONTAINER_TAGS:
            yield from flush()
            yield from _blocks(child, depth + 1)
        elif tag:
            run.append(printed_text(child))
        run.append(child.tail or "")
    yield from flush()


def fallback_blocks(tree: HtmlElement) -> list[str]:
    """The blocks of the page's best-scoring container; [] when nothing scores."""
    body = tree.find("body")
    if body is None:
        return []
    body = deepcopy(body)
    _prune(body)
    return [text for box in _story_containers(body) for text in _blocks(box, 0) if text]
