"""Is a new version's text a collapse of the previous one (broken page, paywall)?

Such a version is stored, never hidden, but flagged so the UI does not present
a truncated page as the newsroom deleting most of the story.
"""

from __future__ import annotations

from newsdiff_gui.core.document import Document

# "Lost more than 60% of its words": a real rewrite rarely drops that much text
# at once, while a paywall teaser or an error page keeps a paragraph or two.
MAX_WORD_LOSS = 0.60
# "Most of its paragraphs": more than half gone, counted only for stories long
# enough that losing half is meaningful (a 2-paragraph brief losing one is news).
MAX_PARAGRAPH_LOSS = 0.50
MIN_PARAGRAPHS_FOR_PARAGRAPH_RULE = 4


def suspect_reason(previous: Document, current: Document) -> str | None:
    """A human-readable reason when `current` looks like a failed extraction."""
    old_words, new_words = previous.word_count, current.word_count
    if old_words and new_words < old_words * (1 - MAX_WORD_LOSS):
        lost = 1 - new_words / old_words
        return f"text shrank from {old_words} to {new_words} words ({lost:.0%} lost)"
    old_count, new_count = len(previous.paragraphs), len(current.paragraphs)
    if old_count >= MIN_PARAGRAPHS_FOR_PARAGRAPH_RULE and new_count < old_count * (
        1 - MAX_PARAGRAPH_LOSS
    ):
        return f"paragraphs dropped from {old_count} to {new_count}"
    return None
