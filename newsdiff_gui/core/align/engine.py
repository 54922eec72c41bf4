"""`align(old, new)`: pairing → rows with kinds → display order → sentence links
(regrouped rows, moved sentences) and each row's tokens and flags → stats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsdiff_gui.core.align.facts import flag_lone_quotes
from newsdiff_gui.core.align.leftovers import Match
from newsdiff_gui.core.align.model import (
    TOKENISED_KINDS,
    AlignOptions,
    ChangeKind,
    Diff,
    DiffStats,
    Row,
    TitleChange,
    Token,
    TokenOp,
    plain_row,
)
from newsdiff_gui.core.align.pairing import pair_paragraphs
from newsdiff_gui.core.align.regroup import link_sentences
from newsdiff_gui.core.align.text import clean, clean_word_count, word_count
from newsdiff_gui.core.align.tokens import diff_tokens
from newsdiff_gui.core.document import Document

_DEFAULT_OPTIONS = AlignOptions()
_MOVED_KINDS = (ChangeKind.MOVED, ChangeKind.MOVED_EDITED)
_UNCHANGED, _MOVED = ChangeKind.UNCHANGED, ChangeKind.MOVED


def align(old: Document, new: Document, options: AlignOptions = _DEFAULT_OPTIONS) -> Diff:
    """Align two versions of an article; every DESIGN.md invariant holds for any input."""
    # Versions share most paragraphs verbatim: clean each distinct text once.
    cleaned = {p: clean(p) for p in old.paragraphs}
    old_texts = [cleaned[p] for p in old.paragraphs]
    new_texts = [cleaned[p] if p in cleaned else clean(p) for p in new.paragraphs]
    matches = pair_paragraphs(old_texts, new_texts, options)
    paired = [
        # (Most matches of a long page are exact: no call, no text work.)
        plain_row(_UNCHANGED if m.in_place else _MOVED, m.old, m.new, 1.0)
        if m.exact
        else _row(m, old_texts, new_texts)
        for m in matches
    ]
    ordered = _display_order(paired, len(old_texts), len(new_texts))
    linked = link_sentences(ordered, old_texts, new_texts, options)
    rows = flag_lone_quotes(linked, old_texts, new_texts)
    return Diff(
        old=old,
        new=new,
        title=_title(clean(old.title), clean(new.title), options),
        rows=tuple(rows),
        stats=_stats(rows, old_texts, new_texts),
        options=options,
    )


def _row(match: Match, old_texts: list[str], new_texts: list[str]) -> Row:
    """The row of a match; an edited, split or merged one without its tokens yet
    (the sentence pass diffs it once it knows which of its sentences moved)."""
    if len(match.old) > 1:
        kind = ChangeKind.MERGED
    elif len(match.new) > 1:
        kind = ChangeKind.SPLIT
    elif old_texts[match.old[0]] == new_texts[match.new[0]]:
        kind = ChangeKind.UNCHANGED if match.in_place else ChangeKind.MOVED
    else:
        kind = ChangeKind.EDITED if match.in_place else ChangeKind.MOVED_EDITED
    if kind not in TOKENISED_KINDS:
        return plain_row(kind, match.old, match.new, 1.0)
    return plain_row(kind, match.old, match.new, min(1.0, max(0.0, match.similarity)))


def _display_order(paired: list[Row], old_count: int, new_count: int) -> list[Row]:
    """New order; each run of removed paragraphs next to the row of an old neighbour.

    A run of removed paragraphs a..b goes right after the row holding old a-1,
    or right before the row holding old b+1 when a-1 moved away (a moved row is
    no landmark for where the text used to be), or at the top when it opened
    the article. Runs whose neighbour is the same row (old 1 and 3 removed, old
    0, 2 and 4 merged) follow it in old order, so a run may be separated from
    its neighbour's row by other removed rows (invariant 2 allows that).
    """
    rows = _in_new_order(paired, new_count)
    owner = {i: position for position, row in enumerate(rows) for i in row.old}
    removed = [i for i in range(old_count) if i not in owner]
    if not removed:
        return rows
    runs: list[list[int]] = []
    for i in removed:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    at_start: list[Row] = []
    at_end: list[Row] = []
    after: dict[int, list[Row]] = {}
    before: dict[int, list[Row]] = {}
    for run in runs:
        block = [plain_row(ChangeKind.REMOVED, (i,), (), None) for i in run]
        first, last = run[0], run[-1]
        previous = owner.get(first - 1)
        following = owner.get(last + 1)
        previous_ok = previous is not None and rows[previous].kind not in _MOVED_KINDS
        following_ok = following is not None and rows[following].kind not in _MOVED_KINDS
        if previous is not None and previous_ok:
            after.setdefault(previous, []).extend(block)
        elif first == 0:
            at_start.extend(block)
        elif following is not None and following_ok:
            before.setdefault(following, []).extend(block)
        elif previous is not None:
            after.setdefault(previous, []).extend(block)
        else:
            at_end.extend(block)
    ordered = list(at_start)
    for position, row in enumerate(rows):
        ordered += before.get(position, [])
        ordered.append(row)
        ordered += after.get(position, [])
    return ordered + at_end


def _in_new_order(paired: list[Row], new_count: int) -> list[Row]:
    """`paired` and a row for each new paragraph no row holds, by first new paragraph.

    Rows hold distinct new paragraphs, so a row's first new paragraph is a slot
    of its own: no sort (a live blog has thousands of rows)."""
    slots: list[Row | None] = [None] * new_count
    for row in paired:
        first = row.new[0] if len(row.new) == 1 else min(row.new)
        if slots[first] is not None:  # (never, by pairing's promise; sorted as before)
            return _sorted_in_new_order(paired, new_count)
        slots[first] = row
    held = {j for row in paired if len(row.new) > 1 for j in row.new}
    return [
        slot if slot is not None else plain_row(ChangeKind.ADDED, (), (j,), None)
        for j, slot in enumerate(slots)
        if slot is not None or j not in held
    ]


def _sorted_in_new_order(paired: list[Row], new_count: int) -> list[Row]:
    covered = {j for row in paired for j in row.new}
    rows = list(paired)
    added = [j for j in range(new_count) if j not in covered]
    rows += [plain_row(ChangeKind.ADDED, (), (j,), None) for j in added]
    return sorted(rows, key=lambda row: min(row.new))


def _title(old: str, new: str, options: AlignOptions) -> TitleChange:
    if old == new:
        return TitleChange(ChangeKind.UNCHANGED, (Token(TokenOp.EQUAL, old),) if old else ())
    return TitleChange(ChangeKind.EDITED, diff_tokens(old, new, options))


def _stats(rows: Sequence[Row], old_texts: list[str], new_texts: list[str]) -> DiffStats:
    """Counts as `DiffStats` defines them: moved text is neither added nor removed,
    but the words an edited moved sentence gained or lost are."""
    # Counted by kind, named once per kind (an enum's `.value` is a slow lookup).
    by_kind = Counter(row.kind for row in rows)
    counts = {kind.value: by_kind[kind] for kind in ChangeKind}
    added = removed = moved = 0
    for row in rows:
        if not row.tokens:
            if row.kind is ChangeKind.ADDED:
                added += sum(clean_word_count(new_texts[j]) for j in row.new)
            elif row.kind is ChangeKind.REMOVED:
                removed += sum(clean_word_count(old_texts[i]) for i in row.old)
            continue
        for token in row.tokens:
            moved += token.op is TokenOp.MOVED_IN
            for part in token.tokens or (token,):
                if part.op is TokenOp.INSERT:
                    added += word_count(part.text)
                elif part.op is TokenOp.DELETE:
                    removed += word_count(part.text)
    return DiffStats(**counts, sentences_moved=moved, words_added=added, words_removed=removed)
