"""An outlet's furniture, learned from the other articles a tracker holds of it.

One page cannot tell a subscription promo, an author's bio or a "sign up for
our newsletter" line from the story: they are sentences, often with a link,
printed among the article's paragraphs. A tracker holds more than one page:
the latest versions of the other articles it follows on the same host. A block
that recurs on at least two OTHER articles of the host is the outlet's
furniture, not this story's text, and is set aside with the reason a reader
can check ("appears on 3 other articles of example.com").

Recurring means either the same wording (normalised: case, punctuation and
spacing do not count) or the same shape: the same words before and after one
differing stretch, covering most of the block (a promo whose linked headline
rotates, "Read more: <headline>", a bio whose latest-book title changes).

Never removed: anything when fewer than two other articles of the host are
known, a block that recurs on no other article (this article's own text), a
short label of one or two words, and text shared with an "other" article that
prints most of this story (the same story at another address).
A block set aside in this article's previous version stays set aside while it
keeps its wording or shape, so learning does not flip as the outlet's other
articles come and go.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsdiff_gui.core.document import Document, SetAside
from newsdiff_gui.core.normalize import clean_text

# How many other articles of the host must print a block before it is furniture:
# one other article may simply share a quote or a wire paragraph with this one.
MIN_OTHER_ARTICLES = 2
# The shape rule: the shared words before and after the one differing stretch
# must be at least this many and this share of the longer block. A promo with a
# rotating linked headline shares its fixed words; two story paragraphs that
# open "Police said the" share three words and far less than this share.
_MIN_SHARED_WORDS = 4
_MIN_SHARED_SHARE = 0.6
# An "other" article printing more than this share of the page's blocks is the
# same story at another address, not evidence of the outlet's furniture.
_SAME_STORY_SHARE = 0.5
# ... and at least this many of them: a brief of one paragraph and the outlet's
# promo and bio shares two blocks with every other article, all of them furniture.
_SAME_STORY_BLOCKS = 3
# Shorter blocks are labels ("Cons", "Key points") that structure an article;
# they do not rotate, so setting them aside would only hide them from the reader.
_MIN_WORDS = 3
_WORD = re.compile(r"\w+")
_KEPT = "set aside in the previous version"


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(clean_text(text).casefold()))


def _same_shape(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether a and b differ in at most one stretch and share most of their words."""
    if a == b:
        return True
    longest = max(len(a), len(b))
    limit = min(len(a), len(b))
    if limit < _MIN_SHARED_WORDS:
        return False
    prefix = 0
    while prefix < limit and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    shared = prefix + suffix
    return shared >= _MIN_SHARED_WORDS and shared >= _MIN_SHARED_SHARE * longest


class _Article:
    """One other article's blocks, indexed by their first and last two words.

    Two blocks of the same shape share at least `_MIN_SHARED_WORDS` (four) words
    at their ends, so at least two at one end: only blocks that open or close with
    the same two words are compared, and a 3,000-paragraph live blog stays cheap.
    """

    def __init__(self, blocks: Sequence[str]) -> None:
        self.exact: set[tuple[str, ...]] = set()
        self.by_end: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for block in blocks:
            words = _words(block)
            if len(words) >= _MIN_WORDS:
                self.exact.add(words)
                self.by_end[("<", *words[:2])].append(words)
                self.by_end[(">", *words[-2:])].append(words)

    def prints(self, words: tuple[str, ...]) -> bool:
        if words in self.exact:
            return True
        candidates = (
            *self.by_end.get(("<", *words[:2]), ()),
            *self.by_end.get((">", *words[-2:]), ()),
        )
        return any(_same_shape(words, other) for other in candidates)


def article_blocks(document: Document) -> tuple[str, ...]:
    """Every block an earlier capture printed: its paragraphs and what it set aside."""
    return document.paragraphs + tuple(item.text for item in document.set_aside)


def _other_stories(paragraphs: Sequence[str], learned: list[_Article]) -> list[_Article]:
    """The articles that tell another story: one printing most of this page's blocks
    word for word is this story at another address (a copy, an AMP page), and would
    make the article's own text look like furniture."""
    words = [w for w in (_words(p) for p in paragraphs) if len(w) >= _MIN_WORDS]
    limit = max(_SAME_STORY_SHARE * len(words), _SAME_STORY_BLOCKS - 1)
    return [a for a in learned if sum(w in a.exact for w in words) <= limit]


def recurring_furniture(
    paragraphs: Sequence[str],
    others: Sequence[Sequence[str]],
    host: str,
    previous: Sequence[SetAside] = (),
) -> dict[int, str]:
    """Index → reason for each paragraph that is the outlet's furniture.

    `others` holds the blocks of the latest capture of each OTHER article of
    `host` (see `article_blocks`); `previous` what this article's latest
    version set aside.
    """
    learned = _other_stories(paragraphs, [_Article(blocks) for blocks in others])
    before = [(_words(item.text), item.reason) for item in previous]
    found: dict[int, str] = {}
    for index, paragraph in enumerate(paragraphs):
        words = _words(paragraph)
        if len(words) < _MIN_WORDS:
            continue
        count = sum(1 for article in learned if article.prints(words))
        if len(learned) >= MIN_OTHER_ARTICLES and count >= MIN_OTHER_ARTICLES:
            found[index] = f"appears on {count} other articles of {host}"
            continue
        reason = next((why for old, why in before if old and _same_shape(words, old)), None)
        if reason is not None:
            found[index] = reason if reason.startswith(_KEPT) else f"{_KEPT} ({reason})"
    return found


def set_aside_furniture(
    document: Document,
    others: Sequence[Sequence[str]],
    host: str,
    previous: Sequence[SetAside] = (),
) -> Document:
    """The document without the outlet's furniture, which is recorded in `set_aside`."""
    found = recurring_furniture(document.paragraphs, others, host, previous)
    if not found:
        return document
    kept = tuple(p for i, p in enumerate(document.paragraphs) if i not in found)
    if not kept:  # a page of nothing but the outlet's blocks: keep it as read
        return document
    aside = tuple(SetAside(document.paragraphs[i], reason) for i, reason in found.items())
    return replace(document, paragraphs=kept, set_aside=document.set_aside + aside)
