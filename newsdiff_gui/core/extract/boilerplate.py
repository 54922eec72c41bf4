"""Blocks that are page furniture, not the article, even inside the article's column.

The engine's scoring removes navigation and sidebars as regions; what slips
through are single blocks set inside the story: "Advertisement" labels, share
prompts, newsletter boxes, "Read more:" links, photo credits, "6 min read",
timestamps. These rules are data (patterns matched against a whole block),
small and general: no site or URL appears here.
"""

from __future__ import annotations

import re

from newsdiff_gui.core.extract.stamps import is_stamp_line
from newsdiff_gui.core.extract.text_key import text_key
from newsdiff_gui.core.normalize import clean_text, is_dateline_noise

_NON_ALNUM = re.compile(r"[\W_]+")

# A block that consists only of one of these is never article text.
_LABELS = frozenset(
    {
        "advertisement",
        "advertisements",
        "skip advertisement",
        "sponsored",
        "sponsored content",
        "anzeige",
        "publicidad",
        "publicité",
        "pubblicità",
        "comments",
        "comment",
        "leave a comment",
        "leave a reply",
        "tags",
        "topics",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share this post",
        "share article",
        "tweet",
        "email",
        "print",
        "print article",
        "order reprints",
        "copy link",
        "link copied",
        "explore further",
        "you may also like",
        "you might also like",
        "recommended",
        "recommended for you",
        "related",
        "related articles",
        "related stories",
        "related posts",
        "related content",
        "related coverage",
        "more stories",
        "more from",
        "most read",
        "most popular",
        "trending",
        "trending now",
        "don't miss",
        "dont miss",
        "further reading",
        "read more",
        "read next",
        "more",
        "table of contents",
        "contents",
        "in this article",
        "jump to",
        "close",
        "thank you",
        "thanks for signing up",
        "sign up",
        "subscribe",
        "home",
        "supported by",
        "continue reading",
        "continue reading the main story",
        "story continues below",
        "story continues below advertisement",
        "article continues below",
        "skip to content",
        "listen to this article",
    }
)

# Whole-block patterns (matched case-insensitively against the cleaned block).
_PATTERNS = re.compile(
    "|".join(
        (
            # a bare link or an ISO timestamp
            r"(?:https?://|www\.)\S+",
            r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
            # reading-time badges
            r"\d+\s*(?:min(?:ute)?s?\.?|mins?\.?)\s*read",
            r"(?:reading time|read time|tempo de leitura|lesezeit|temps de lecture)\s*:?.{0,20}",
            # photo credits ("Photo: Jane Doe/Agency", "Image credit: ...")
            r"(?:photo|photos|photograph|image|images|picture|pictures|credit|credits|foto|"
            r"image credit|photo credit|picture credit|illustration|graphic)s?\s*(?:credit)?\s*"
            r"(?::|by)\s*.{1,100}",
            # "Read more: ...", "Related: ...", "Also read: ..." link lines
            r"(?:read more|read also|also read|see also|related|related post|related article|"
            r"related story|recommended|more|watch|listen|download|itunes|also on \S+|"
            r"click here|tap here)\s*[:|»>-]\s*.{0,200}",
            r"(?:published|updated|posted|last updated|last modified)(?: on)?\s*:?\s*"
            r".{0,40}\d.{0,20}(?:ist|ast|aest|jst|kst|sgt|hkt|wib)?",
            r"(?:last updated|updated|published)(?: on)?\s*:?",
        )
    ),
    re.IGNORECASE,
)

# Boxes asking the reader to do something; they are only noise when short.
_CALLS_TO_ACTION = re.compile(
    r"^(?:sign up|subscribe|follow us|follow me|like us on|join us on|join our|"
    r"get our|get the latest|share (?:this|on)|click here|download (?:our|the) app|"
    r"get the app|enable javascript|thanks for signing up)\b",
    re.IGNORECASE,
)
# "© 2024 Outlet", "Copyright Outlet 2019 - ISSN ...": short, with a year or the
# rights formula; "Copyright law was changed in 2019 ..." is a sentence, and longer.
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b.*(?:\b(?:19|20)\d{2}\b|rights reserved))", re.IGNORECASE
)
_MAX_COPYRIGHT_WORDS = 12
_FOLLOW = re.compile(r"^follow\b", re.IGNORECASE)
_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.IGNORECASE)
_NEWSLETTER_ACTION = re.compile(r"\b(?:sign(?:ing)? up|subscribe|inbox)\b", re.IGNORECASE)
# Newsletter boxes and prompts are a line or two; longer text mentioning a
# newsletter is usually an article about one.
_MAX_CALL_TO_ACTION_WORDS = 25
_SOCIAL = re.compile(
    r"\b(?:facebook|twitter|instagram|linkedin|whatsapp|telegram|youtube|pinterest|reddit|"
    r"tiktok|email|x\.com)\b",
    re.IGNORECASE,
)
# An author's contact line or bio ends by inviting the reader to follow someone
# on a network ("… is out now. Follow him on Twitter @jdoe."); a cookie notice
# asks for consent. Both are a few lines; a story quoting such words runs longer.
_FOLLOW_INVITE = re.compile(
    r"\bfollow (?:him|her|them|us|me)\b.{0,80}?(?:@\w|\b(?:twitter|facebook|instagram|"
    r"linkedin|mastodon|bluesky|threads|tiktok|youtube)\b)",
    re.IGNORECASE,
)
# The reporter's contact line under a story: "Reach the reporters on Twitter at …",
# "Contact staff writer Jane Doe at 555-0100 or jdoe@…". It addresses the reader about
# the writer, not about the news; the same line ends every story of that writer.
_CONTACT_LINE = re.compile(
    r"^\W*(?:reach|contact|e-?mail|write to) (?:the |our )?(?:reporters?|writers?|authors?|"
    r"staff writers?|columnists?|correspondents?)\b.{0,120}?\b(?:at|on|via)\b",
    re.IGNORECASE,
)
# An appeal to the reader who got this far: "If you enjoyed this article, join …",
# "If you liked this post you might also like:", "consider supporting our award-winning
# journalism by subscribing". It closes every story of the site and asks for something;
# a story reports what others asked (quoted or said), never asks the reader so.
_READER_APPEAL = re.compile(
    r"\bif you(?:'ve|’ve| have|'re|’re| are)? (?:enjoyed|liked|loved|enjoying|appreciated|"
    r"found value in) (?:this|our|reading)\b"
    r"|\bsupport(?:ing)? our(?: [\w-]+){0,2} (?:journalism|reporting)\b",
    re.IGNORECASE,
)
_COOKIE_NOTICE = re.compile(r"\b(?:uses?|using) cookies\b", re.IGNORECASE)
# A sign-up form's fine print: "By entering your email address you agree to our Terms
# of Use and Privacy Policy". It stands under the form wherever the form is printed
# (six times on a page of six newsletter boxes); a story has no second person
# agreeing to anything by filling in a field.
_FORM_CONSENT = re.compile(
    r"\bby (?:entering|submitting|providing|sharing|signing up|subscribing|registering|"
    r"clicking|tapping|creating an account|continuing)\b[^.!?]{0,80}?\byou(?:'re| are)? "
    r"(?:agree|consent|acknowledge|accept)",
    re.IGNORECASE,
)
_CONSENT = re.compile(
    r"\b(?:accept|agree|consent|privacy|cookie (?:policy|settings))", re.IGNORECASE
)
_MAX_NOTICE_WORDS = 50
# A site's note that it earns from the links on the page ("We may earn a commission
# from links on this page", "This post contains affiliate links"): written in the
# first person, about the page itself, and the same over every review. Its links
# (the policy, "Why trust us?") change with the site, not with the story. A story
# about affiliate marketing reports it in the third person, or quotes it.
_DISCLOSURE = re.compile(
    r"\b(?:we|i)\b[^.!?]{0,60}?\b(?:earn|receive|make|get|collect)s?\b[^.!?]{0,40}?"
    r"\b(?:commissions?|compensation|a (?:small )?(?:fee|share|portion))"
    r"|\b(?:this|the) (?:post|article|page|site|story|guide|review)\b[^.!?]{0,20}?"
    r"\b(?:contains?|includes?|uses?|has)\b[^.!?]{0,20}?\baffiliate links?"
    r"|\b(?:if|when) you (?:buy|purchase|click|shop)[^.!?]{0,80}?\b(?:we|i)\b[^.!?]{0,30}?"
    r"\b(?:earn|receive|make|get)"
    r"|\bsupported by (?:commissions|affiliate)"
    r"|\b(?:we|i) (?:may |also may |might )?(?:use|include) (?:affiliate links|paid promotion)",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"[\"“”«»„]|\b(?:said|says|told|according to)\b", re.IGNORECASE)
_MAX_KICKER_WORDS = 6
_MAX_FURNITURE_CHARS = 320
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]$")


_DIGIT_RUN = re.compile(r"\d+")
# `is_dateline_noise` backtracks exponentially on long runs of digit groups that
# fail to match at the end ("1234 1234 1234 1234 1234 x" takes seconds, a few
# more groups take hours): each run can be split several ways. Real timestamp
# lines have a handful of short numbers, so lines with more are not datelines.
_MAX_DIGIT_SPLITS = 10
_DIGIT = re.compile(r"\d")
_MAX_DATELINE_CHARS = 120  # is_dateline_noise's own limit
_MAX_LABEL_CHARS = 60


def _is_dateline(text: str) -> bool:
    splits = sum(len(run) - 1 for run in _DIGIT_RUN.findall(text))
    return splits <= _MAX_DIGIT_SPLITS and is_dateline_noise(text)


def _label_key(text: str) -> str:
    return _NON_ALNUM.sub(" ", text.casefold().replace("’", "'").replace("'", "")).strip()


def is_boilerplate(block: str) -> bool:
    """True when the whole block is page furniture (see the module docstring)."""
    if len(block) > _MAX_FURNITURE_CHARS:
        return False  # every rule below describes a line or two, never a paragraph
    text = clean_text(block)
    if not text:
        return True
    # Cheap length and digit checks first: this runs on every block of every page.
    if len(text) <= _MAX_DATELINE_CHARS and _DIGIT.search(text) and _is_dateline(text):
        return True
    if is_stamp_line(text):
        return True
    if len(text) <= _MAX_LABEL_CHARS and (
        _label_key(text) in _LABELS or _label_key(text.rstrip(".:… ")) in _LABELS
    ):
        return True
    if _PATTERNS.fullmatch(text):
        return True
    words = len(text.split())
    if words <= _MAX_COPYRIGHT_WORDS and _COPYRIGHT.search(text):
        return True
    if words <= _MAX_CALL_TO_ACTION_WORDS and (
        _CALLS_TO_ACTION.search(text)
        or (_FOLLOW.search(text) and _SOCIAL.search(text))
        or (_NEWSLETTER.search(text) and (_NEWSLETTER_ACTION.search(text) or _SOCIAL.search(text)))
    ):
        return True
    if words <= _MAX_NOTICE_WORDS and (
        _FOLLOW_INVITE.search(text)
        or _CONTACT_LINE.search(text)
        or (_READER_APPEAL.search(text) and not _REPORTED.search(text))
        or (_COOKIE_NOTICE.search(text) and _CONSENT.search(text))
        or (_FORM_CONSENT.search(text) and not _REPORTED.search(text))
        or (_DISCLOSURE.search(text) and not _REPORTED.search(text))
    ):
        return True
    # "Facebook Twitter Email" share rows: several network names and nothing else.
    return words <= 8 and len(_SOCIAL.findall(text)) >= 2 and not _SENTENCE_END.search(text)


def drop_headline_echo(blocks: list[str], titles: list[str]) -> list[str]:
    """Drop the headline where the template repeats it above the story.

    The headline is the Document's title and is compared on its own; the
    standfirst under it stays a paragraph, so an edited summary shows in a diff.
    """
    title_keys = {text_key(title) for title in titles if text_key(title)}
    for index, block in enumerate(blocks[:3]):
        if text_key(block) in title_keys:
            before = blocks[:index]
            # Short blocks above the headline are kickers and section labels.
            if all(len(text.split()) <= _MAX_KICKER_WORDS for text in before):
                before = []
            return before + blocks[index + 1 :]
    return blocks


_BYLINE_BLOCK = re.compile(r"^(?:by|written by)\s+\w", re.IGNORECASE)
_MAX_BYLINE_WORDS = 14


def is_byline_line(block: str) -> bool:
    """A printed "By Name and Name" line: a sentence that happens to start with
    "By" ends like one and runs longer."""
    return (
        _BYLINE_BLOCK.match(block) is not None
        and len(block.split()) <= _MAX_BYLINE_WORDS
        and not block.endswith((".", "!", "?", ":"))
    )


def drop_top_byline(blocks: list[str]) -> list[str]:
    """Drop a printed byline line among the first blocks (it is the byline)."""
    for index, block in enumerate(blocks[:3]):
        if is_byline_line(block):
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def remove_boilerplate(blocks: list[str]) -> list[str]:
    return [
        block
        for index, block in enumerate(blocks)
        if not is_boilerplate(block) or _cited_after_label(blocks, index)
    ]


# A heading over a list of the story's sources ("Image references", "Sources").
_SOURCES_HEADING = re.compile(
    r"(?:[\w'’]+\s+){0,3}(?:references?|sources?|citations?|bibliography|works\s+cited)\s*:?",
    re.IGNORECASE,
)


def _cited_after_label(blocks: list[str], index: int) -> bool:
    """A bare address right after the story's label line ("Forbes:" then its address,
    a source the engine split at a line break) or under a heading naming the story's
    sources ("Image references", then one address a line) is a source it cites, not
    furniture; so is each address after it in the run."""
    if not is_printed_address(blocks[index]):
        return False
    start = index
    while start > 0 and is_printed_address(blocks[start - 1]):
        start -= 1
    if start == 0:
        return False
    label = blocks[start - 1].strip()
    if _SOURCES_HEADING.fullmatch(label):
        return True
    # A label ends the line it opens; the run's later addresses are the label's only
    # when it names sources.
    return start == index and label.endswith(":") and not is_boilerplate(label)


# A link that prints its own address (a list of sources) names where it points
# and never rotates as a teaser's headline does: it is the story's text.
_PRINTED_ADDRESS = re.compile(r"\s*(?:https?://|www\.)\S+\s*", re.IGNORECASE)


def is_printed_address(text: str) -> bool:
    """Whether a link's text is its own address ("https://…", "www.…")."""
    return _PRINTED_ADDRESS.fullmatch(text) is not None
