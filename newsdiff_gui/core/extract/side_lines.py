"""Lines a page prints beside its story: credits, pointers, the author's bio, page notices.

They stand among the story's paragraphs or under them, and a one-page reading
keeps them, but a reader does not read them as the story: a picture's credit, a
pointer to another page ("READ: …", "» Useful resource: …"), the author's bio,
the page's own notice of where it first appeared, its licence, its disclaimer or
disclosure policy. Their links (a photographer's gallery, the
author's latest work, the policy's page) change with the site, so two captures
that differ only in those links show the same story (core/extract/link_churn.py).
Each rule names the line's own form; a story sentence that merely mentions a
source, a person or a licence ("Sources close to …", "Tomas Weir has led …", "The
code is licensed under …") is none of them.
"""

from __future__ import annotations

import re

# A credit line: a picture's or a chart's credit, or a named source.
_CREDIT_LINE = re.compile(
    r"^\W*(?:(?:photos?|images?|pictures?|video|illustrations?|graphics?|charts?|maps?|"
    r"screenshots?)\s*(?:sources?|credits?)?\s*(?::|by\b|from\b|via\b|courtesy\b)"
    r"|(?:sources?|credits?|via)\s*:|courtesy of\b"
    # Who checked the page, or made what its pictures show: "Medically reviewed by …",
    # "Interior design by …", "Kitchen design and source: …".
    r"|(?:medically |fact[- ]?)?(?:reviewed|checked|edited) by\b"
    r"|(?!(?:the|a|an|this|that|his|her|its|their|our)\b)"
    r"(?:[\w-]+\s+){0,2}(?:design|styling|photography)(?:\s+and\s+\w+)?\s*(?::|by\b))",
    re.IGNORECASE,
)
# A bio's or a publisher's note's opening, and what follows a name that is the
# subject of the block's first sentence ("Ana Ruiz is …", "Ana Ruiz, editor, …").
_BIO_OPENING = re.compile(
    r"^\W*(?:about the (?:author|writer|editor)s?\b|(?:hi|hello)\b.{0,20}?\bi[’']m\b)",
    re.IGNORECASE,
)
_SUBJECT_GOES_ON = re.compile(
    r",|\s+(?:is|was|has|had|are|were|writes|wrote|covers|joined|leads|serves|holds|lives|"
    r"works|aims|carries|provides|specializes|specialises)\b"
)
# The page's notice about itself: where it first appeared, its licence, its disclaimer,
# its disclosure or ethics policy, who produced it, the fine print of a form.
_PAGE = (
    r"(?:website|site|work|article|post|page|blog|content|story|piece|essay|column|report|"
    r"review|guide)"
)
_NOTICE = re.compile(
    rf"\bthis {_PAGE}\b[^.!?]{{0,60}}?\b(?:is|are) licen[cs]ed under\b"
    rf"|\bthis {_PAGE}\b[^.!?]{{0,60}}?\b(?:first|originally) (?:appeared|published|ran)\b"
    rf"|\bthis {_PAGE}\b[^.!?]{{0,80}}?\b(?:is|was) (?:written|produced|reported|edited|"
    r"headed up|led) by\b"
    r"|^\W*(?:originally|first) published (?:at|in|on|by)\b"
    r"|\bthe views (?:and opinions )?expressed (?:by|in)\b"
    r"|\bhas an? (?:disclosure|ethics|editorial) policy\b|\bour (?:ethics|editorial) "
    r"(?:statement|policy|standards)\b"
    r"|\bmay (?:receive|earn) (?:a )?commissions?\b|\bis a production of\b"
    r"|\bagree to (?:our|the) terms\b"
    # The publisher asking for letters, pointing to its sister site, disclosing links.
    r"|\bwe(?:['’]d| would) (?:like|love) to hear\b|\bwe want to hear from you\b"
    r"|\bour sister (?:site|publication|title|brand)s?\b"
    r"|\b(?:may |might )?(?:use|uses|contains?|includes?) affiliate links\b",
    re.IGNORECASE,
)
# A label pointing the reader to another page ("» Useful resource: <a>…</a>", "READ:
# <a>…</a>", "Next article: <a>…</a>"): the page's pointer, wherever it stands. A
# label of the story's own facts ("Winner:", "Also standing:", "Where:") is none.
_POINTER_LABEL = re.compile(
    r"^\s*(?:[»›→>]+[^:]{0,40}|(?:useful |recommended |further |more |also |related )?"
    r"(?:read(?:ing)?|resources?|related(?: reading| articles?| stories| posts?)?|"
    r"see(?: also| more| the example)?|you (?:may|might) (?:also )?like|"
    r"more on (?:the|this) (?:topic|story|subject)|next(?: article| story| post)?|"
    r"previous(?: article| story| post)?|also (?:read|see)))\s*:",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(r",\s*|\s+and\s+|\s*&\s*")
_MIN_NAME_CHARS = 4


def is_credit_line(text: str) -> bool:
    """A picture's or a chart's credit, or a named source ("Photo: …", "Image from …",
    "Source: …", "Courtesy of …")."""
    return _CREDIT_LINE.match(text) is not None


def is_pointer_line(text: str) -> bool:
    """A line whose label points the reader to another page ("» Useful resource: …",
    "READ: …", "Next article: …")."""
    return _POINTER_LABEL.match(text) is not None


def is_page_notice(text: str) -> bool:
    """The page's notice about itself ("This post first appeared on …", "The views
    expressed by the authors …", "… has a disclosure policy")."""
    return _NOTICE.search(text) is not None


def is_about_byline(block: str, byline: str) -> bool:
    """Whether the block is the author's bio or a note about the publisher named in
    the byline: it opens as a bio does ("About the author:", "Hi, I'm …"), or with
    a byline name as its subject ("Jared Newman has been …", "(Paul Fenaroli is …")."""
    if _BIO_OPENING.match(block):
        return True
    text = block.lstrip(" (")
    names = (name.strip() for name in _NAME_SEPARATORS.split(byline))
    return any(
        len(name) >= _MIN_NAME_CHARS
        and text.startswith(name)
        and _SUBJECT_GOES_ON.match(text, len(name)) is not None
        for name in names
    )
