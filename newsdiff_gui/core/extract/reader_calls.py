"""Words that send the reader elsewhere: a link asking them to act, a sentence pointing them on.

A story's sentences report; the few that address the reader point them to another
page ("Read our full <a>…</a> review", "For more information, visit our <a>…</a>"),
and what they point to is whatever the site promotes today. Two captures of a block
whose only changed links are such are no edit of the story (core/extract/link_churn.py).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.text_key import UNPRINTED_TAGS

# A link addressing the reader: an imperative to click or go somewhere, or "here".
# A short question may lead in ("Not sure? Learn more about …").
_CALL_TO_ACTION = re.compile(
    r"^(?:[^.!?]{1,30}\?\s*)?\W*(?:click|tap|learn more|find out more|read more|see more|"
    r"get started|sign up|subscribe|start (?:your|a|the) free|join (?:us|our|my|now|\d+)|"
    r"check (?:out|it out)|contact us|email us|more info|get in touch|"
    r"make (?:a|your) (?:reservation|booking)|book now|reserve now|enroll? (?:for free|now|today)|"
    # A vendor's offer: "Book a free demo", "Get a personalized quote", "Start your trial".
    r"(?:get|book|request|schedule|claim|start|try) (?:a |an |your |my )?"
    r"(?:(?:free|personali[sz]ed|live|\d+[- ]day)(?: and)? )*(?:demo|trial|quote|consultation)|"
    # A newsletter's own copy on the web: "View it in your browser", "Read in browser".
    r"(?:view|read)(?: it| this(?: email| newsletter)?)? (?:online|in (?:your |a |the )?browser)|"
    # A shop's, a sponsor's or a pager's button: "Check price at …", "Use code …",
    # "Book your session today", "Talk to us", "See all", "Back to blog", "Previous".
    r"check (?:the )?price|use (?:promo |coupon |discount )?code|shop (?:now|sales?|the sale)|"
    r"book (?:a|an|your|now|today|online)|read (?:the |our )?full review|"
    r"(?:a |your )?(?:\d+[- ]day )?free trial|talk to (?:us|an expert|our team|sales)|"
    r"sponsor (?:me|us)|(?:consider )?advertis(?:e|ing) with us|(?:see|view) all|"
    r"back to (?:blog|top|home)|"
    r"(?:previous|next)\W*$)\b"
    r"|\bhere\W*$|\bthis link\b|\bthe link\W*$",
    re.IGNORECASE,
)

# The sentences around a link: a boundary is a sentence's end and the space after it.
# A line break (<br>) ends a sentence too: "Source: ANI<br>Read more news like this on
# <a>…</a>" is two lines, the second sending the reader. It is marked in the printed
# text with a character no page's markup puts between words.
_LINE_BREAK = "\u2028"
_SENTENCE_BREAK = re.compile(r"[.!?…]['\"”’)\]]*\s+|\u2028")
# A sentence sending the reader elsewhere: past a lead clause ("For more information,",
# "To find out more about …,", "If you are …,") or a bare opener, a verb of going,
# reading, watching, contacting or signing up.
_SENDS_READER = re.compile(
    r"^\W*(?:(?:for|to|if|when|once|whether|now that|in the meantime|meanwhile|in addition|"
    r"p\.?s\.?)"
    r"\b[^.!?]{0,120}?,\s*)?(?:(?:please|now|also|then|so|and|or)\s+)?"
    r"(?:(?:do not|don't|don’t) hesitate to\s+)?"
    # "You can check out our …": a modal lead-in before a verb that only sends; "you can
    # see the <a>pier</a> from the hill" describes the view, and stays an edit.
    r"(?:(?:(?:you can|you may|you might|you['’]ll want to|be sure to|make sure to|"
    r"feel free to)\s+)?(?:(?:read|visit|see|browse|explore|download|watch|follow|shop) "
    r"(?:our|my)\b|learn more|learn about|check out|check here|find out|listen to|sign up|"
    r"reach out|(?:book|reserve) (?:a|an|your|now|today|online)|"
    r"make (?:a|your) (?:reservation|booking)|"
    r"become a (?:paid )?(?:subscriber|member)|try\b[^.!?]{0,40}?\bfree|"
    r"get (?:started|matched|in touch)|start (?:a|your) free|don't miss|"
    r"dive (?:deeper|into)|"
    # The site's own product offered to the reader ("Take our free sample test",
    # "Order my book", "Use our moving-cost tool"): a how-to's step takes "the pan",
    # not "our" anything.
    r"(?:take|order|grab|get|buy|enrol|enroll|try|use)(?: in| out)? (?:our|my)|"
    # Or pointed to: "Here is our full <a>rating methodology</a>".
    r"here(?:['’]s| is| are) (?:our|my))\b"
    # A bare verb that is also a noun or an adjective ("Shop owners in …", "Call
    # centre staff …", "Follow-up tests by …", "Watch parties …") sends the reader
    # only when what follows is what an instruction's object opens with: a
    # determiner or pronoun, a name ("Follow AP's …", "@handle"), an address.
    r"|(?:read|visit|see|browse|explore|discover|watch|follow|download|subscribe|join|"
    r"contact|call|e-?mail|register|shop|click|tap)\s+"
    r"(?:(?:our|the|this|these|my|me|us|a|an|your|here|now|today|more|it|them|to|for|on|"
    r"at|in|about|with|and|how|why|what|which|where|all|full|latest|new|free)\b"
    r"|(?-i:[A-Z@])|[\w-]+\.[a-z]{2,}\b))",
    re.IGNORECASE,
)

# A link the sentence calls one of the site's own pages or products, right before it
# or in the link's last word: "on our <a>pricing page</a>", "in our latest guide:
# <a>…</a>", "try our <a>fare calculator</a>". An op-ed's "our <a>democracy</a>" names
# no page; inside a quotation "our" is the speaker's ("We will protect our <a>harbour
# guide</a>", the mayor said).
_OWN_PAGE = re.compile(
    r"\bour(?:[\s,]+[\w’'-]+){0,4}?[\s,]+(?:(?:free|full|latest|new|complete)\s+)?"
    r"(?:page|guide|review|tool|app|course|newsletter|podcast|webinar|e-?book|template|"
    r"checklist|calculator|store|shop|website|site|blog|post|article|methodology)s?\W*$",
    re.IGNORECASE,
)
_OUR_BEFORE = re.compile(r"\bour(?:[\s,]+[\w’'-]+){0,4}[\s,:]*$", re.IGNORECASE)


def _inside_quotation(text: str) -> bool:
    """Whether a quotation opened in `text` is still open at its end."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


# Deep enough for any printed block; a bound on hostile nesting, not a rule.
_MAX_DEPTH = 200


def _printed_spans(element: HtmlElement) -> tuple[str, dict[HtmlElement, tuple[int, int]]]:
    """The element's printed text, and where in it each of its links stands."""
    parts: list[str] = []
    spans: dict[HtmlElement, tuple[int, int]] = {}
    length = 0

    def walk(node: HtmlElement, depth: int) -> None:
        nonlocal length
        start = length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            if child.tag == "br":
                parts.append(_LINE_BREAK)
                length += len(_LINE_BREAK)
            elif (
                depth < _MAX_DEPTH
                and isinstance(child.tag, str)
                and child.tag not in UNPRINTED_TAGS
            ):
                walk(child, depth + 1)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if node.tag == "a":
            spans[node] = (start, length)

    walk(element, 0)
    return "".join(parts), spans


def _sentence_at(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentence of `text` that holds the span `start`:`end`, and its words before
    the span."""
    opening = 0
    for boundary in _SENTENCE_BREAK.finditer(text, 0, start):
        opening = boundary.end()
    closing = _SENTENCE_BREAK.search(text, end)
    return text[opening : closing.start() + 1 if closing else len(text)], text[opening:start]


def links_sending_reader(element: HtmlElement) -> set[HtmlElement]:
    """The element's links that stand in a sentence sending the reader to them."""
    text, spans = _printed_spans(element)
    sending = set()
    for link, span in spans.items():
        sentence, lead = _sentence_at(text, *span)
        named = f"{lead}{text[span[0] : span[1]]}"
        own_page = (
            _OUR_BEFORE.search(lead) is not None
            and (_OWN_PAGE.search(lead) is not None or _OWN_PAGE.search(named) is not None)
            and not _inside_quotation(text[: span[0]])
        )
        if own_page or _SENDS_READER.search(sentence):
            sending.add(link)
    return sending


def asks_reader(link_text: str) -> bool:
    """Whether a link's text asks the reader to act ("Click here", "Learn more")."""
    return _CALL_TO_ACTION.search(link_text) is not None
