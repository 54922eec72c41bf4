"""The difflib baseline: what a News Sniffer / HtmlDiff-style tool shows, as a `Diff`.

`difflib.SequenceMatcher` over the paragraph lists (cleaned as the engine cleans
them, so whitespace noise is not held against it): `equal` blocks are
unchanged rows, `delete`/`insert` blocks removed/added rows, and inside a
`replace` block paragraphs are paired by position as `HtmlDiff` pairs lines —
pairs become edited rows, leftovers removed/added. It knows no moves, splits or
merges. Edited rows carry a difflib word diff so the result is a complete
`Diff` and `check_invariants` applies to it exactly as to the engine's.
"""

from __future__ import annotations

import difflib
import re

from newsdiff_gui.core.align import ChangeKind, Diff, DiffStats, Row, TitleChange, Token, TokenOp
from newsdiff_gui.core.align.invariants import expected_stats
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import clean_text

_PIECES = re.compile(r"\s+|\S+")  # words and the spaces between them: tokens rebuild the text


def word_tokens(old: str, new: str) -> tuple[Token, ...]:
    a, b = _PIECES.findall(old), _PIECES.findall(new)
    tokens: list[Token] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            tokens.append(Token(TokenOp.EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            tokens.append(Token(TokenOp.DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            tokens.append(Token(TokenOp.INSERT, "".join(b[j1:j2])))
    return tuple(tokens)


def baseline_rows(old: list[str], new: list[str]) -> list[Row]:
    """Rows in display order (new order; removed rows right after their old predecessor)."""
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row(ChangeKind.UNCHANGED, (i1 + k,), (j1 + k,), 1.0) for k in range(i2 - i1)]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            a, b = old[i1 + k], new[j1 + k]
            ratio = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()
            # Paired by position, as HtmlDiff does: an edited row however little is shared.
            rows.append(
                Row(ChangeKind.EDITED, (i1 + k,), (j1 + k,), ratio, False, word_tokens(a, b))
            )
        rows += [Row(ChangeKind.REMOVED, (i,), (), None) for i in range(i1 + paired, i2)]
        rows += [Row(ChangeKind.ADDED, (), (j,), None) for j in range(j1 + paired, j2)]
    return rows


def baseline_align(old: Document, new: Document) -> Diff:
    old_texts = [clean_text(p) for p in old.paragraphs]
    new_texts = [clean_text(p) for p in new.paragraphs]
    rows = tuple(baseline_rows(old_texts, new_texts))
    old_title, new_title = clean_text(old.title), clean_text(new.title)
    if old_title == new_title:
        title = TitleChange(
            ChangeKind.UNCHANGED, (Token(TokenOp.EQUAL, old_title),) * bool(old_title)
        )
    else:
        title = TitleChange(ChangeKind.EDITED, word_tokens(old_title, new_title))
    draft = Diff(old=old, new=new, title=title, rows=rows, stats=DiffStats())
    return Diff(old=old, new=new, title=title, rows=rows, stats=expected_stats(draft))
