"""A box of prose set between two of the story's kept blocks is the story's.

Outlets print notes inside the story in boxes of their own: an editor's note,
a correction, a warning that a section is incomplete, a fact box. The engine
often drops a box laid out as a table or a bare `<div>` between paragraphs, so
an edit to it ("updated on March 3" -> "corrected on March 4", a changed toll in
a fact box) would make no version. The box is put back, after the kept block it
follows, when the page says it is the story's:
- the nearest sibling before it that holds text is a block the engine kept, and
  the nearest after it is one too, or opens with one (the story goes on);
- it reads as a note: a few lines of prose (sentences, mostly words, not links)
  with no form control, frame, script or picture in it (a widget, an ad slot, a
  figure and its caption; an icon may mark a note), not the caption of a picture
  right before it, and outside navigation, headers, footers, asides, figures
  and lists;
- it is not metadata or a label (a byline, a date line, "Advertisement") and
  not a copy of text the engine kept (a pull quote repeats a sentence).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate, is_byline_line
from newsdiff_gui.core.extract.furniture import (
    FORM_CONTROLS,
    FURNITURE_BOXES,
    MEDIA_TAGS,
    after_picture,
    inside_boxes,
)
from newsdiff_gui.core.extract.lists import kept_block, text_siblings
from newsdiff_gui.core.extract.stamps import is_stamp_line
from newsdiff_gui.core.extract.text_key import (
    SUBHEADINGS,
    block_positions,
    linked_chars,
    printed_lines,
    text_key,
    with_inserts,
)
from newsdiff_gui.core.normalize import clean_text

_BOXES = ("div", "td", "section", "center")
_NESTED = frozenset(_BOXES) | {"table", "ul", "ol"}
# How far a note's text may sit below the box set between the paragraphs (a
# table's cell, a wrapper's inner <div>).
_MAX_WRAPPERS = 8
_OUTER = FURNITURE_BOXES | {"figure", "figcaption", "li", "ul", "ol", "blockquote", "p"}
# A box holding a control or a frame is a widget; one holding a picture is a
# figure, its words a caption; one holding a script is an ad slot.
_NOT_NOTES = tuple(FORM_CONTROLS | MEDIA_TAGS | {"audio", "figcaption", "script", "noscript"})
_KEPT_TAGS = SUBHEADINGS | {"p"}
_MAX_ICON_PIXELS = 64
_SENTENCE_END = (".", "!", "?", "…", '"', "”", ")")
_MIN_NOTE = 40
# A note is a few lines; a longer box between two paragraphs is a section the
# engine judged apart, and its reading stands.
_MAX_NOTE = 1200
_MAX_LINK_SHARE = 0.3
_MAX_BOXES = 3000
_KEY_PREFIX = 400


def _kept_index(element: HtmlElement, position: dict[str, int], *, last: bool) -> int | None:
    """Index of the kept block this element is (a paragraph or a heading), or opens with."""
    if element.tag == "p":
        return kept_block(element, position, last=last)
    if element.tag in SUBHEADINGS:
        return position.get(text_key(element.text_content()))
    if last:
        return None
    # A box or a list after the note: the story goes on when it opens with a kept block.
    start = text_key(element.text_content()[:_KEY_PREFIX])
    if len(start) < _MIN_NOTE:
        return None
    return next((i for block, i in position.items() if block.startswith(start[:60])), None)


def _is_icon(image: HtmlElement) -> bool:
    """A picture declared a few dozen pixels wide and high is an icon, not a photo."""
    sizes = (image.get("width", ""), image.get("height", ""))
    return all(size.isdigit() and int(size) <= _MAX_ICON_PIXELS for size in sizes)


def _holds_widget_or_picture(box: HtmlElement) -> bool:
    return any(
        not (element.tag == "img" and _is_icon(element)) for element in box.iter(*_NOT_NOTES)
    )


def _note_lines(box: HtmlElement, kept_text: str) -> list[str]:
    """The box's printed lines when it reads as a note of prose, else []."""
    if _holds_widget_or_picture(box) or after_picture(box):
        return []
    lines = printed_lines(box)
    text = " ".join(lines)
    if not _MIN_NOTE <= len(text) <= _MAX_NOTE or not text.endswith(_SENTENCE_END):
        return []
    if linked_chars(box) > _MAX_LINK_SHARE * len(text):
        return []
    if any(is_boilerplate(line) or is_stamp_line(line) or is_byline_line(line) for line in lines):
        return []
    key = text_key(text)
    return [] if key in kept_text else [text]


def _may_be_note(leaf: HtmlElement) -> bool:
    text = leaf.text_content().strip()
    return (
        len(text) >= _MIN_NOTE
        and len(clean_text(text)) <= _MAX_NOTE
        and text.endswith(_SENTENCE_END)
    )


_Neighbours = tuple[HtmlElement | None, HtmlElement | None]


def _set_box(leaf: HtmlElement) -> tuple[HtmlElement, _Neighbours] | None:
    """The outermost box around `leaf` that holds no other text (the one the page
    sets between the story's blocks: a table around a cell, a wrapper), with the
    nearest siblings before and after it that hold text."""
    box = leaf
    for _ in range(_MAX_WRAPPERS):
        before = next(text_siblings(box, preceding=True), None)
        after = next(text_siblings(box, preceding=False), None)
        if before is not None or after is not None:
            return box, (before, after)
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        box = parent
    return None


def restore_story_notes(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with notes set between the story's kept blocks put back where printed."""
    if not blocks:
        return blocks
    position = block_positions(blocks)
    kept_text = "\n".join(position)
    inserts: dict[int, list[str]] = {}
    for count, leaf in enumerate(tree.iter(*_BOXES)):
        if count >= _MAX_BOXES:
            break
        if any(d.tag in _NESTED or d.tag in _KEPT_TAGS for d in leaf.iterdescendants()):
            continue  # a box of boxes: its leaves are judged on their own
        if not _may_be_note(leaf):
            continue  # read cheaply first: most leaves are a line or a layout cell
        found_box = _set_box(leaf)
        if found_box is None:
            continue
        box, (before, after) = found_box
        anchor = None if before is None else _kept_index(before, position, last=True)
        if anchor is None:
            continue
        if after is None or _kept_index(after, position, last=False) is None:
            continue
        if inside_boxes(box, _OUTER):
            continue
        found = _note_lines(box, kept_text)
        if found:
            inserts.setdefault(anchor, []).extend(found)
    return with_inserts(blocks, inserts)
