"""Turn any string into an lxml tree, or refuse it in words.

Extraction must never fail with anything but `ExtractionError`, whatever it is
handed: binary data decoded as text, truncated markup, megabytes of nesting.
The guards live here so the rest of the package can assume a sane tree.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from newsdiff_gui.core.extract.errors import ExtractionError

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
_TAG = re.compile(r"<\s*[a-zA-Z!/]")
# huge_tree stays off: libxml2 then caps nesting depth and text node size, which
# bounds both memory and the recursion of every tree walk after it.
_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    huge_tree=False,
)
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^>]*>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


_GARBAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


def _garbage_share(sample: str) -> float:
    if not sample:
        return 0.0
    return len(_GARBAGE.findall(sample)) / len(sample)


def parse_html(html: str) -> HtmlElement:
    """Parse a page; raise ExtractionError for input that is not a readable HTML page."""
    if not isinstance(html, str):
        raise ExtractionError("expected the page as text")
    if not html.strip():
        raise ExtractionError("the page is empty")
    if len(html) > MAX_HTML_CHARS:
        raise ExtractionError(
            f"the page is too large to extract ({len(html):,} characters, limit {MAX_HTML_CHARS:,})"
        )
    if _garbage_share(html[:_SAMPLE_CHARS]) > _MAX_GARBAGE_SHARE:
        raise ExtractionError("the data looks binary, not like an HTML page")
    if not _TAG.search(html[:_SAMPLE_CHARS]) and not _TAG.search(html):
        raise ExtractionError("the text contains no HTML markup")
    text = _INVALID_CHARS.sub("", html)
    # A Unicode string may not carry an XML declaration with an encoding for
    # lxml, and some doctypes confuse libxml2; neither carries any content.
    text = _XML_DECLARATION.sub("", text, count=1)
    text = _DOCTYPE.sub("", text, count=1)
    try:
        root = document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(f"the HTML could not be parsed ({exc})") from exc
    if not isinstance(root, HtmlElement):
        raise ExtractionError("the HTML could not be parsed")
    return root
