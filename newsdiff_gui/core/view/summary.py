"""A comparison in words, said once for every place that says it.

The diff area's summary line, the timeline's entries and the change notification
all describe the same aligned `Diff`; they differ in length, never in counts.
"""

from __future__ import annotations

from newsdiff_gui.core.align import ChangeKind, Diff
from newsdiff_gui.core.view.phrases import KIND_LABELS
from newsdiff_gui.core.words import plural


def change_phrases(diff: Diff) -> list[str]:
    """["headline changed", "2 paragraphs edited", "1 added", "3 sentences moved"]: the
    noun goes with the first count only, as one would say it; sentences that moved
    between paragraphs are counted apart; empty when the text did not change."""
    parts = ["headline changed"] if diff.title.kind is not ChangeKind.UNCHANGED else []
    named = False
    for kind in ChangeKind:
        count = diff.stats.count(kind) if kind is not ChangeKind.UNCHANGED else 0
        if count:
            counted = plural(count, "paragraph") if not named else str(count)
            parts.append(f"{counted} {KIND_LABELS[kind]}")
            named = True
    if diff.stats.sentences_moved:
        parts.append(f"{plural(diff.stats.sentences_moved, 'sentence')} moved")
    return parts


def changed_rows(diff: Diff) -> int:
    """How many rows (and the headline) changed: the size of a version's change."""
    headline = int(diff.title.kind is not ChangeKind.UNCHANGED)
    return headline + sum(1 for row in diff.rows if row.kind is not ChangeKind.UNCHANGED)


def flag_counts(diff: Diff) -> tuple[int, int]:
    """(rows with changed numbers, rows with changed quotes): the # and “ rows."""
    numbers = sum(1 for row in diff.rows if row.numbers_changed)
    quotes = sum(1 for row in diff.rows if row.quote_changed)
    return numbers, quotes


def summary_text(diff: Diff) -> str:
    """The one line above the panes: kinds, words, flagged rows."""
    parts = change_phrases(diff)
    if not parts:
        return "No change in the text between these versions."
    stats = diff.stats
    parts.append(f"+{stats.words_added} / −{stats.words_removed} words")
    # The same rows carry the # and “ flags in the panes (a quote gone with its
    # paragraph, or new with one, counts: core/align/facts.py).
    numbers, quotes = flag_counts(diff)
    if numbers:
        parts.append(f"{plural(numbers, 'row')} with changed numbers (#)")
    if quotes:
        parts.append(f"{plural(quotes, 'row')} with changed quotes (“)")
    return " · ".join(parts)


def notification_text(diff: Diff) -> str:
    """'Headline changed, 2 paragraphs edited, 1 added (numbers changed)': briefly."""
    text = ", ".join(change_phrases(diff)) or "small changes"
    numbers, quotes = flag_counts(diff)
    flags = ["numbers changed"] * bool(numbers) + ["quotes changed"] * bool(quotes)
    if flags:
        text += f" ({', '.join(flags)})"
    return text[0].upper() + text[1:]
