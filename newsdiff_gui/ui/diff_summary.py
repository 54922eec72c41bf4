"""The one-line summary above the panes: counts per kind, words, flagged rows."""

from __future__ import annotations

from newsdiff_gui.core.align import ChangeKind, Diff
from newsdiff_gui.core.report.legend import KIND_LABELS
from newsdiff_gui.core.words import plural


def summary_text(diff: Diff) -> str:
    stats = diff.stats
    parts = []
    if diff.title.kind is not ChangeKind.UNCHANGED:
        parts.append("headline changed")
    for kind in ChangeKind:
        if kind is ChangeKind.UNCHANGED:
            continue
        count = stats.count(kind)
        if count:
            parts.append(f"{count} {KIND_LABELS[kind]}")
    if not parts:
        return "No change in the text between these versions."
    parts.append(f"+{stats.words_added} / −{stats.words_removed} words")
    # The same rows carry the # and “ flags in the panes (a quote gone with its
    # paragraph, or new with one, counts: core/align/facts.py).
    numbers = sum(1 for row in diff.rows if row.numbers_changed)
    quotes = sum(1 for row in diff.rows if row.quote_changed)
    if numbers:
        parts.append(f"{plural(numbers, 'row')} with changed numbers (#)")
    if quotes:
        parts.append(f"{plural(quotes, 'row')} with changed quotes (“)")
    return " · ".join(parts)
