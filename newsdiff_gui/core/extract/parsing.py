"""Turn any string into an lxml tree, or refuse it in words.

Extraction must never fail with anything but `ExtractionError`, whatever it is
handed: binary data decoded as text, truncated markup, megabytes of nesting.
The guards live here so the rest of the package can assume a sane tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)

from newsdiff_gui.core.extract.depth import flatten_deep_markup, text_characters
from newsdiff_gui.core.extract.errors import ExtractionError
from newsdiff_gui.core.extract.nested_headings import close_nested_headings
from newsdiff_gui.core.extract.streamed import has_streamed_segments, place_streamed_segments

# Larger than any real article page (the CLI caps files at 15 MB); beyond this
# the engine's run time grows without any article to gain.
MAX_HTML_CHARS = 20_000_000
# lxml/libxml2 refuse characters XML cannot hold, and lone surrogates cannot be
# encoded at all; both appear when binary data is decoded as text.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SAMPLE_CHARS = 65_536
# Real pages, even badly decoded ones, are almost all printable; a blob decoded
# as text is full of control and replacement characters.
_MAX_GARBAGE_SHARE = 0.05
# U+FFFD alone is no sign of binary data: a page under a wrong charset header
# shows one for every accented letter (and is stored, flagged, as the reader
# saw it). Binary decoded as text holds controls as well, or FFFD nearly everywhere.
_MAX_REPLACEMENT_SHARE = 0.3
_TAG = re.compile(r"<\s*[a-zA-Z!/]")
# huge_tree stays off: libxml2 then caps nesting depth and text node size, which
# bounds both memory and the recursion of every tree walk after it. A page that
# hits the cap is flattened (see depth.py) and parsed again.
_PARSER_OPTIONS = {
    "collect_ids": False,
    "default_doctype": False,
    "remove_comments": True,
    "remove_pis": True,
    "huge_tree": False,
}
# Far below libxml2's 256 levels (a flattened page gains a few: a paragraph
# opened for dropped blocks, a script, the html/body libxml2 adds), and far
# beyond any real article's structure.
FLATTEN_DEPTH = 100
# Text lost beyond counting noise (entities, stray '<' read as tags) that makes
# a version suspect: a sentence or so.
_LOST_TEXT_CHARS = 40
_TREE_TEXT = etree.XPath("//text()[not(ancestor::script) and not(ancestor::style)]")
_WHITESPACE = re.compile(r"\s+")
# lxml.html picks each element's class in Python (forms, inputs and labels get
# classes of their own), once for every element a reader touches: millions of
# calls on a page read by the engine and every rule. Nothing here uses the form
# API, so every element is a plain HtmlElement, picked in C.
_CLASS_LOOKUP = etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _looks_binary(sample: str) -> bool:
    if not sample:
        return False
    controls = len(_CONTROLS.findall(sample)) / len(sample)
    return (
        controls > _MAX_GARBAGE_SHARE
        or sample.count("\ufffd") / len(sample) > _MAX_REPLACEMENT_SHARE
    )


@dataclass(frozen=True, slots=True)
class ParsedPage:
    root: HtmlElement
    # Why text of the page is missing from the tree, when some is (None: all read).
    warning: str | None = None


def parse_html(html: str) -> HtmlElement:
    """Parse a page; raise ExtractionError for input that is not a readable HTML page."""
    return parse_page(html).root


def parse_page(html: str) -> ParsedPage:
    """Parse a page, flattening markup too deep to parse; say so if text is still lost.
    Content a streaming server sent late is moved where the browser prints it, and a
    heading opened inside a heading ends it, as in the browser."""
    text = _checked(html)
    # Its boundaries are marked by comments, read only when there is any to place.
    streamed = has_streamed_segments(text)
    page = _read(text, keep_comments=streamed)
    if streamed:
        place_streamed_segments(page.root)
    close_nested_headings(page.root)
    return page


def _read(text: str, *, keep_comments: bool) -> ParsedPage:
    root, stopped = _parse(text, keep_comments=keep_comments)
    if not stopped:
        return ParsedPage(root)
    # libxml2 stopped at one of its caps (nesting depth, a text node over 10 MB)
    # and dropped the rest of the page. Flattened, the tree is shallow, so the
    # "huge" option can lift the size caps without deep recursion anywhere after.
    flat = flatten_deep_markup(text, FLATTEN_DEPTH)
    root, stopped = _parse(flat, huge=True, keep_comments=keep_comments)
    if not stopped:
        return ParsedPage(root)
    lost = text_characters(text) - _tree_characters(root)
    if lost <= _LOST_TEXT_CHARS:
        return ParsedPage(root)
    return ParsedPage(
        root,
        f"the HTML parser stopped early ({stopped}): about {lost:,} characters of the "
        "page's text could not be read",
    )


def _checked(html: str) -> str:
    """The text to parse, or ExtractionError for input that is not an HTML page."""
    if not isinstance(html, str):
        raise ExtractionError("expected the page as text")
    if not html.strip():
        raise ExtractionError("the page is empty")
    if len(html) > MAX_HTML_CHARS:
        raise ExtractionError(
            f"the page is too large to extract ({len(html):,} characters, limit {MAX_HTML_CHARS:,})"
        )
    if _looks_binary(html[:_SAMPLE_CHARS]):
        raise ExtractionError("the data looks binary, not like an HTML page")
    if not _TAG.search(html[:_SAMPLE_CHARS]) and not _TAG.search(html):
        raise ExtractionError("the text contains no HTML markup")
    text = _INVALID_CHARS.sub("", html)
    # A Unicode string may not carry an XML declaration with an encoding for
    # lxml, and some doctypes confuse libxml2; neither carries any content.
    text = _XML_DECLARATION.sub("", text, count=1)
    return _DOCTYPE.sub("", text, count=1)


def _parse(
    text: str, *, huge: bool = False, keep_comments: bool = False
) -> tuple[HtmlElement, str | None]:
    """The tree, and why libxml2 stopped early if it did (a fatal error: the rest is lost)."""
    # A parser per page: its error log is then this page's alone, on any thread.
    options = {**_PARSER_OPTIONS, "huge_tree": huge, "remove_comments": not keep_comments}
    parser = HTMLParser(**options)
    parser.set_element_class_lookup(_CLASS_LOOKUP)
    try:
        root = document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(f"the HTML could not be parsed ({exc})") from exc
    if not isinstance(root, HtmlElement):
        raise ExtractionError("the HTML could not be parsed")
    fatal = parser.error_log.filter_from_level(etree.ErrorLevels.FATAL)
    return root, (fatal[0].message.strip() or "fatal error") if fatal else None


def _tree_characters(root: HtmlElement) -> int:
    return sum(len(_WHITESPACE.sub("", str(text))) for text in _TREE_TEXT(root))
