"""Markup nested deeper than the HTML parser allows, made shallow without losing text.

libxml2 stops parsing at 256 levels of nesting (2,048 with its "huge" option):
everything after the first too-deep element is silently gone, usually the rest
of the article. Raising the cap only moves the cliff, and a deep tree costs
every later tree walk its recursion. So a page that hit the cap is parsed
again after `flatten_deep_markup`: past a depth limit, start and end tags are
dropped and only their text is kept; block elements there become a flat run of
sibling paragraphs, so paragraph boundaries survive too.

The depth is tracked on the markup with a small model of HTML's implied end
tags (an open <p> ends at the next block, <li> at the next <li>, ...). It errs
towards counting too deep, which only flattens a little more than needed.
`text_characters` lets the caller check that no text was lost after all.
"""

from __future__ import annotations

import html
import re

# A tag, comment, doctype or processing instruction. Quoted attribute values
# may hold '>'; their length is bounded so a stray quote cannot make the scan
# quadratic (the tag is then kept as text, which loses nothing).
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<[!?][^>]*>?"
    r"|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]{0,65536}\"|'[^']{0,65536}')*)>",
    re.DOTALL,
)
_VOID = frozenset(
    [
        "area",
        "base",
        "basefont",
        "bgsound",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose content is text, not markup: kept whole, never counted as nesting.
_RAW_TEXT = frozenset(
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]
)
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
    ]
)
# Start tags that end an open <p> (HTML's "close a p element").
_CLOSES_P = _BLOCKS - {"li", "dd", "dt", "tr", "td", "th", "caption", "tbody", "thead", "tfoot"}
_P = frozenset({"p"})
_SECTIONS = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"})
# Other implied end tags: start tag -> the elements it ends.
_IMPLIED: dict[str, frozenset[str]] = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "option": frozenset({"option"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "tbody": _SECTIONS,
    "thead": _SECTIONS,
    "tfoot": _SECTIONS,
}
_RAW_TEXT_END = {name: re.compile(rf"</{name}\b[^>]*>?", re.IGNORECASE) for name in _RAW_TEXT}
_COMMENTS_AND_RAW = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_ANY_TAG = re.compile(r"<[!?/]?[A-Za-z][^>]*>?|<![^>]*>")
_SPACE = re.compile(r"\s+")


class _Flattener:
    """The open-element stack and the output; every step is O(1) amortised in the depth."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (name, kept); dropped ones sit on top
        # Where each element name stands in the stack, innermost last: implied
        # ends and end tags find their element without walking a deep stack.
        self.positions: dict[str, list[int]] = {}
        self.kept = 0
        self.flat_open = False  # a <p> we opened for a dropped block
        # A dropped block began: its <p> is opened when text comes, so that a
        # hundred thousand empty wrappers do not become as many empty paragraphs.
        self.flat_pending = False

    def text(self, segment: str) -> None:
        if self.flat_pending and not segment.isspace():
            self.out.append("<p>")
            self.flat_open, self.flat_pending = True, False
        self.out.append(segment)

    def _close_flat(self) -> None:
        self.flat_pending = False
        if self.flat_open:
            self.out.append("</p>")
            self.flat_open = False

    def close(self) -> None:
        self._close_flat()

    def _push(self, name: str, kept: bool) -> None:
        self.positions.setdefault(name, []).append(len(self.stack))
        self.stack.append((name, kept))
        self.kept += kept

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            name, kept = self.stack.pop()
            self.positions[name].pop()
            self.kept -= kept
        if not self.stack or self.stack[-1][1]:
            self._close_flat()  # back out of the flattened region

    def _close_implied(self, ends: frozenset[str]) -> None:
        # Only the current element, as libxml2 does (it nests a <p> in a <span>
        # in a <p>, where a browser would close the first): closing less than
        # the parser only ever overestimates the depth.
        while self.stack and self.stack[-1][0] in ends:
            self._pop_to(len(self.stack) - 1)

    def end_tag(self, name: str, token: str) -> None:
        open_at = self.positions.get(name)
        if open_at:
            index = open_at[-1]
            kept = self.stack[index][1]
            self._pop_to(index)
            if kept:
                self.out.append(token)
            elif name in _BLOCKS:
                # Text after a dropped block, still inside a dropped one, is a
                # paragraph of its own, as it would have been.
                self._close_flat()
                self.flat_pending = bool(self.stack) and not self.stack[-1][1]
        elif not self.stack or self.stack[-1][1]:
            self.out.append(token)  # a stray end tag outside the flattened region

    def start_tag(self, name: str, token: str) -> None:
        if name in _CLOSES_P:
            self._close_implied(_P)
        if name in _IMPLIED:
            self._close_implied(_IMPLIED[name])
        if self.kept < self.limit:
            self._push(name, True)
            self.out.append(token)
            return
        self._push(name, False)
        if name in _BLOCKS:
            self._close_flat()
            self.flat_pending = True


def flatten_deep_markup(markup: str, limit: int) -> str:
    """The markup with no element nested deeper than about `limit`; all text kept."""
    flattener = _Flattener(limit)
    out = flattener.out
    position = 0
    while (match := _TOKEN.search(markup, position)) is not None:
        if match.start() > position:
            flattener.text(markup[position : match.start()])
        position = match.end()
        token = match.group(0)
        if match.group(2) is None:  # comment, doctype, processing instruction
            out.append(token)
            continue
        name = match.group(2).lower()
        if match.group(1):
            flattener.end_tag(name, token)
        elif name in _VOID:
            out.append(token)
        elif name in _RAW_TEXT:
            # Kept whole (one level, no children): a script dropped as a tag
            # would otherwise spill its code into the article's text.
            end = _RAW_TEXT_END[name].search(markup, position)
            stop = end.end() if end else len(markup)
            flattener.text(token + markup[position:stop])
            position = stop
        else:
            flattener.start_tag(name, token)
    flattener.text(markup[position:])
    flattener.close()
    return "".join(out)


def text_characters(markup: str) -> int:
    """Visible text characters in markup (no spaces, scripts, styles or comments)."""
    text = _ANY_TAG.sub(" ", _COMMENTS_AND_RAW.sub(" ", markup))
    return len(_SPACE.sub("", html.unescape(text)))
