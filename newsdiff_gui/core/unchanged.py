"""Why a check that read a changed page stored no new version, in words its record keeps.

A news page's bytes change on nearly every fetch (ads, timestamps, teasers, a
re-rendered footer) while the story does not, and several rules decide that
such a page holds the previous version's story. A check logged as a bare
"unchanged" beside a page that visibly changed asks the user to trust the
tracker blindly; a fact-checker asked "are you sure nothing changed at 10:47?"
needs the answer on the record: which rule judged, against which version, and
which lines it set aside.
"""

from __future__ import annotations

from collections.abc import Callable
from hashlib import sha256

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import EXTRACTOR_VERSION
from newsdiff_gui.core.extract.between_captures import differing_blocks
from newsdiff_gui.core.extractor_upgrade import (
    same_page_as_before_the_upgrade,
    same_story_as_the_previous_capture,
)
from newsdiff_gui.core.store import StoredVersion, VersionStore, content_hash

# How many of the lines a rule set aside the record quotes, and how much of each:
# enough to recognise them in the page, not a copy of it.
_QUOTED_LINES = 3
_QUOTE_CHARS = 80

Reread = Callable[[Document], Document]
Extract = Callable[[str, str | None], Document]


def same_story_detail(
    store: VersionStore,
    latest: StoredVersion | None,
    document: Document,
    html: str,
    outlet: Reread,
    extract_again: Extract,
) -> str | None:
    """Why `document` (read from `html`) is `latest`'s story although its text differs;
    None when it is not (the check stores it, as a new version or as unchanged text).

    `outlet` sets aside what is known today of the outlet's furniture; `extract_again`
    reads a page with today's extractor and outlet knowledge.
    """
    if latest is None or content_hash(document) == latest.content_hash:
        return None
    number = latest.number
    if content_hash(outlet(latest.document)) == content_hash(document):
        # A block learned as furniture after `latest` was stored is in its text; its
        # absence now is the learning, not an edit by the newsroom.
        lines = differing_blocks(latest.document.paragraphs, document.paragraphs)
        return (
            f"the story is version {number}'s once blocks this outlet prints on its other "
            f"articles, learned since, are set aside: {_quoted(lines)}"
        )
    if same_page_as_before_the_upgrade(store, latest, document, extract_again):
        return (
            f"the text differs from version {number} only because the extractor changed "
            f"({latest.extractor} {latest.extractor_version} → {EXTRACTOR_VERSION}); "
            f"version {number}'s page reads the same today"
        )
    if same_story_as_the_previous_capture(store, latest, document, html):
        lines = differing_blocks(latest.document.paragraphs, document.paragraphs)
        lines += differing_blocks(document.paragraphs, latest.document.paragraphs)
        return (
            "only the text of links to other pages (teasers, promos, labels), or lines both "
            f"captures print unchanged, differs from version {number}: {_quoted(lines)}"
        )
    return None


def unchanged_text_detail(latest: StoredVersion, raw: bytes, document: Document) -> str | None:
    """Why a page whose story text is `latest`'s is no new version, when its bytes differ;
    None when the page is byte for byte the one stored with `latest`."""
    if sha256(raw).hexdigest() == latest.sha256:
        return None
    detail = f"the page changed around the story; its text is version {latest.number}'s"
    if document.set_aside:
        lines = [item.text for item in document.set_aside]
        detail += f" (set aside as this outlet's furniture: {_quoted(lines)})"
    return detail


def _quoted(lines: list[str]) -> str:
    shown = [_shortened(line) for line in lines[:_QUOTED_LINES]]
    text = "; ".join(f"“{line}”" for line in shown)
    if len(lines) > _QUOTED_LINES:
        text += f" and {len(lines) - _QUOTED_LINES} more"
    return text


def _shortened(line: str) -> str:
    line = " ".join(line.split())
    if len(line) <= _QUOTE_CHARS:
        return line
    cut = line[: _QUOTE_CHARS - 1]
    # At a word's end, so a quoted figure is never cut into a different one.
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:-–") + "…"
