"""Two captures of one block: only the words of its links changed, and they are not the story's.

Templates print links whose text is whatever the site promotes today inside
blocks of ordinary words: "Get <a>Monthly Rides</a> delivered to your door.
<a>Click here</a> for more information.", "Want to see how it works? <a>Learn
more here</a>.", "From the section <a>Coast & Harbour</a>". The words around
the links stay; the links' texts change from one fetch to the next. Such a
block is rarely most links, so the one-page link-line rules keep it.

A tracker holding the previous capture sees that the block sits at the same
place in both pages, that its words outside links are the same, and that each
changed link's text was replaced as a whole, or moved to it from another link
while its own went to another ("read our full <a>Kajabi Review</a>" reading
"<a>Podia Review</a>", the next review's link text). That alone would also describe a
newsroom relinking a story sentence to another report, which is an edit. So the
change is set aside only when the block cannot be a story sentence:
- it is a short line that is not a sentence (a label and a link: "From the
  section …", "Filed under …", "… | Powered by …") printed before or after the
  story's sentences, not among them: "Winner: <a>Jane Doe</a>" in a list between
  two of the story's paragraphs is the story's, and a new name there is an edit;
  a label pointing to another page ("» Useful resource: <a>…</a>", "READ: <a>…</a>",
  "Next article: <a>…</a>") is the page's pointer wherever it stands; or
- it credits a picture or names a source ("Photo: <a>…</a>", "Image from <a>…</a>",
  "Source: <a>…</a>", "Courtesy of <a>…</a>", "Interior design by <a>…</a>"), or
  names who checked the page ("Medically reviewed by <a>…</a>"), wherever it stands:
  a credit under a picture or a chart is the page's furniture, as its caption rules
  say, and the linked name in it is what the site's gallery or database calls it
  today; or
- it is the author's bio or a note about the publisher the byline names ("About
  the author: …", "Hi, I'm …", or opening with a byline name as its subject:
  "Jared Newman has been a freelance technology journalist …", "(Paul Fenaroli is
  an associate attorney …)"): its links are the author's page and latest work,
  which change with the site; a sentence about anyone else stays the story's; or
- it is the page's notice about itself ("This post first appeared on <a>…</a>",
  "This website … is licensed under a <a>…</a>", "The views expressed by the
  authors …", "The Motley Fool has a <a>disclosure policy</a>", "… may receive a
  commission …", "… is a production of <a>…</a>", a form's "agree to our Terms",
  a call for letters, a sister site, an affiliate disclosure): a licence a story
  reports ("The code is licensed under the <a>GPL</a>") names no page of its own,
  and stays an edit; or
- one of its changed links asks the reader to act ("Click here", "Learn more",
  "Get started", "Sign up", "Join …", "here's the link"): a story's linked
  phrase names what it points to, a promo's tells the reader to go there; or
- one of its changed links stands in a sentence that sends the reader to it
  ("Read our full <a>…</a> review", "For more information, visit our <a>…</a>",
  "Looking for leads? Check out our <a>…</a>", "To find out more, book a <a>…</a>"),
  every changed link of it so (a story sentence's link beside it stays an edit):
  a sentence opening, past a lead clause, with a verb of going, reading,
  booking or signing up ("Make a reservation at our <a>…</a>", "do not hesitate
  to reach out to <a>…</a>"), or offering the site's own product ("Take our free
  sample <a>…</a>", "Order my <a>…</a>"); a line break ends a sentence. A story's sentences
  report; the few that address the reader point them elsewhere, and what they
  point to is what the site promotes today. An instruction of a how-to ("Start a
  <a>compost pile</a>") is no such verb: its linked phrase is the advice, and
  another phrase there is an edit.

An edit inside a linked phrase keeps most of its words ("a £5m budget" → "a £6m
budget", figures compared as figures), so it is never a replaced link. A heading
is the article's structure, as for the link-line rules, and its links stay edits,
unless it is a sentence that sends the reader or asks them to act ("<h2>Book a
free demo of <a>…</a> and see how …</h2>"): a promo set large.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import printed_elements
from newsdiff_gui.core.extract.link_lines import (
    is_line_of_links,
    line_element,
    link_sentence_edited,
    replaced_link_text,
)
from newsdiff_gui.core.extract.reader_calls import asks_reader, links_sending_reader
from newsdiff_gui.core.extract.side_lines import (
    is_about_byline,
    is_credit_line,
    is_page_notice,
    is_pointer_line,
)
from newsdiff_gui.core.extract.stamps import without_stamps
from newsdiff_gui.core.extract.text_key import (
    HEADINGS,
    MAX_LINKS_CHECKED,
    UNPRINTED_TAGS,
    ends_sentence,
    text_key,
)

# A label line: a few words and a link, no sentence.
_MAX_LABEL_WORDS = 8
# A pointer line: its label and a headline ("READ: <a>Best hiking boots (how to choose
# the right boot for you)</a>").
_MAX_POINTER_WORDS = 20

# A line a page prints more often than this (a label under every card) is judged at
# its first printings only: a bound, not a rule.
_MAX_PRINTINGS = 20


def _outside_links(element: HtmlElement, parts: list[str]) -> None:
    """The printed text of `element` that no link holds, in order, into `parts`."""
    if element.text:
        parts.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child.tag != "a" and child.tag not in UNPRINTED_TAGS:
            _outside_links(child, parts)
        if child.tail:
            parts.append(child.tail)


def _links(element: HtmlElement) -> list[HtmlElement]:
    return [element] if element.tag == "a" else list(element.iter("a"))


def _counterpart(element: HtmlElement, other_tree: HtmlElement) -> HtmlElement | None:
    """The element at the same place in the other capture."""
    found = other_tree.getroottree().xpath(element.getroottree().getpath(element))
    return found[0] if found and isinstance(found[0], HtmlElement) else None


def _is_label_line(text: str) -> bool:
    return len(text.split()) <= _MAX_LABEL_WORDS and not ends_sentence(text)


def _same_place_twin(element: HtmlElement, other_tree: HtmlElement) -> HtmlElement | None:
    """The element the other capture prints at the same place, when of the same tag."""
    twin = _counterpart(element, other_tree)
    return twin if twin is not None and twin.tag == element.tag else None


def _outside_text(element: HtmlElement) -> str:
    parts: list[str] = []
    _outside_links(element, parts)
    return "".join(parts)


def _twin_links(
    element: HtmlElement, other_tree: HtmlElement
) -> tuple[HtmlElement, list[tuple[str, str]]] | None:
    """The element the other capture prints at the same place, and the texts of the
    two elements' links in pairs, when both agree in tag and in every word outside
    their links (so that only link texts can differ); else None."""
    twin = _same_place_twin(element, other_tree)
    return None if twin is None else _paired_links(element, twin)


def _paired_links(
    element: HtmlElement, twin: HtmlElement
) -> tuple[HtmlElement, list[tuple[str, str]]] | None:
    if text_key(_outside_text(element)) != text_key(_outside_text(twin)):
        return None
    own_links, twin_links = _links(element), _links(twin)
    if len(own_links) != len(twin_links):
        return None
    pairs = zip(own_links, twin_links, strict=True)
    return twin, [(a.text_content(), b.text_content()) for a, b in pairs]


def churned_twin(
    block: str,
    own_tree: HtmlElement,
    other_tree: HtmlElement,
    *,
    among_story: bool,
    byline: str = "",
) -> str | None:
    """The text the other capture prints where this page prints `block`, when the two
    differ only in replaced links and the block cannot be a story sentence (see the
    module docstring); else None. `among_story`: the block stands between two of the
    story's sentences (see `among_the_story`). The twin may be a block the extraction
    set aside on its own page ("Sign up today …" is a call to action), or one it kept.
    A block the page prints several times (a line closing each story of an endless
    page) is judged at each printing: one of them changed. `byline`: the story's
    authors, as stored (names joined with ", ")."""
    about_byline = is_about_byline(block, byline)
    for element in islice(printed_elements(block, own_tree), _MAX_PRINTINGS):
        twin = _churned_twin_of(
            element, block, other_tree, among_story=among_story, about_byline=about_byline
        )
        if twin is not None:
            return twin
    return None


def _churned_twin_of(
    element: HtmlElement,
    block: str,
    other_tree: HtmlElement,
    *,
    among_story: bool,
    about_byline: bool = False,
) -> str | None:
    # A bare link has no words of its own to stay: the link-line rules judge it.
    if element.tag == "a":
        return None
    heading = any(e.tag in HEADINGS for e in (element, *element.iterancestors()))
    if heading and not ends_sentence(block):
        return None  # a subheading's link is the article's structure
    found = _twin_links(element, other_tree)
    if found is None:
        return None
    twin, links = found
    changed = _replaced_links(links, element.getroottree().getroot(), other_tree)
    if not changed:
        return None
    twin_text = twin.text_content()
    label = not among_story and _is_label_line(block) and _is_label_line(twin_text)
    # A pointer's label leads a headline, which may run long and end as a question.
    pointer = all(
        is_pointer_line(text) and len(text.split()) <= _MAX_POINTER_WORDS
        for text in (block, twin_text)
    )
    credit = is_credit_line(block) and is_credit_line(twin_text)
    asks = any(asks_reader(text) for index in changed for text in links[index])
    own_links, sending = _links(element), links_sending_reader(element)
    sends = all(
        own_links[index] in sending or any(asks_reader(text) for text in links[index])
        for index in changed
    )
    notice = is_page_notice(block) or is_page_notice(twin_text)
    set_apart = label or pointer or credit or about_byline or notice
    return twin_text if (set_apart and not heading) or asks or sends else None


def _replaced_links(
    links: list[tuple[str, str]], own_tree: HtmlElement, other_tree: HtmlElement
) -> list[int]:
    """The indices of the link pairs whose text changed, when each changed one was
    replaced as a whole or moved from another link; [] when none changed or one was
    edited inside."""
    changed = [index for index, (old, new) in enumerate(links) if text_key(old) != text_key(new)]
    if all(
        replaced_link_text(*links[index])
        or _moved_between_links(*links[index], own_tree, other_tree)
        for index in changed
    ):
        return changed
    return []


def twin_is_line_of_links(
    block: str, own_tree: HtmlElement, other_tree: HtmlElement, other_held: str
) -> bool:
    """Whether the other capture prints `block`'s element at the same place as a line
    of links (link_lines.is_line_of_links) that its reading set aside (`other_held`:
    the keys of that reading's blocks, a line each), the two differing only in
    replaced link texts. The one-page rules judge a line by the share of it its links
    hold, and a link's new text moves that share ("[Related: <a>Salesforce Dreamforce
    keynote: AI, Alicia Keys and protesters</a>]" -> "[Related: <a>Smart
    Phones</a>]"): it is the line the other
    capture set aside, not a story's line. A story sentence whose link was replaced
    by a longer one ("Costs rose, <a>the council said</a>." -> "… <a>the harbour
    committee's chair told reporters on Tuesday</a>.") is read as a sentence on both
    captures: its twin is held, and the new attribution is an edit."""
    element = line_element(block, own_tree)
    found = None if element is None else _twin_links(element, other_tree)
    if found is None:
        return False
    twin, links = found
    return (
        is_line_of_links(twin)
        and text_key(twin.text_content()) not in other_held
        and bool(_replaced_links(links, own_tree, other_tree))
    )


def edited_in_place(block: str, own_tree: HtmlElement, other_tree: HtmlElement) -> bool:
    """Whether the other capture prints `block`'s element at the same place as its
    writer edited it, not as a site rotates it:
    - the same words outside its links and a linked sentence edited inside ("after 12
      years" -> "after 13 years"), not replaced: a line of a story's list led by a
      linked sentence is edited so, while a teaser's link gets another headline;
    - the same links and its own words changed ("Splurge: <a>Windburner</a> [$189.95]"
      -> "[$199.95]", "my top 10 <a>lists</a>" -> "top 11"), however much of it its
      links hold. A stamp outside the links ("<a>Bridge closed</a> 2 hours ago") is no
      word of it.
    A linked sentence that took the text another link printed, while its own text
    went to another link ("Shop the Men's <a>…</a>" and "Shop the Women's <a>…</a>"
    shifted by one product), was moved among the links, as a site rotates them: a
    writer's edit makes words no link printed before."""
    element = line_element(block, own_tree)
    twin = None if element is None else _same_place_twin(element, other_tree)
    if element is None or twin is None:
        return False
    found = _paired_links(element, twin)
    if found is not None and any(
        link_sentence_edited(old, new) and not _moved_between_links(old, new, own_tree, other_tree)
        for old, new in found[1]
    ):
        return True
    own_links = [text_key(a.text_content()) for a in _links(element)]
    if own_links != [text_key(a.text_content()) for a in _links(twin)]:
        return False
    return text_key(without_stamps(_outside_text(element))) != text_key(
        without_stamps(_outside_text(twin))
    )


def _moved_between_links(
    old: str, new: str, own_tree: HtmlElement, other_tree: HtmlElement
) -> bool:
    """Whether a link's new text was another link's on its page, and its old text is
    another link's on the other page."""
    return _printed_as_link(new, own_tree) and _printed_as_link(old, other_tree)


def _printed_as_link(text: str, tree: HtmlElement) -> bool:
    key = text_key(text)
    return any(
        text_key(link.text_content()) == key for link in islice(tree.iter("a"), MAX_LINKS_CHECKED)
    )


def among_the_story(paragraphs: Sequence[str]) -> frozenset[str]:
    """The blocks standing between two of the story's sentences (blocks of more words
    than a label line that end like a sentence): a list or a label line there is the
    story's, not a header's or a footer's."""
    sentences = [
        index
        for index, text in enumerate(paragraphs)
        if len(text.split()) > _MAX_LABEL_WORDS and ends_sentence(text)
    ]
    if len(sentences) < 2:
        return frozenset()
    return frozenset(paragraphs[sentences[0] + 1 : sentences[-1]])
