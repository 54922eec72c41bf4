"""What a check decides about two captures of one page, for extraction tests."""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.between_captures import same_story_text
from newsdiff_gui.core.store.version_store import content_hash


def stores_a_version(before_html: str, after_html: str) -> bool:
    """Whether a check holding the previous capture (`before_html`) stores `after_html`
    as a new version (core/capture.py, without the store's outlet learning)."""
    before, after = extract_document(before_html), extract_document(after_html)
    if content_hash(before) == content_hash(after):
        return False
    return not same_story_text(before, before_html, after, after_html)
