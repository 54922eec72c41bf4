"""The word diff of a paired row no sentence moved into or out of.

The engine makes its edited, split and merged rows without tokens; the
sentence pass (regroup.py) finds the sentences that moved first, then diffs
each row once: around its moves (links_tokens.compose), or, when none touched
it, here.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdiff_gui.core.align.links import row_text, within_inline_limit
from newsdiff_gui.core.align.links_tokens import MOVE_MIN_WORDS, reordered, text_flags
from newsdiff_gui.core.align.model import (
    TOKENISED_KINDS,
    AlignOptions,
    ChangeKind,
    Row,
    Token,
    TokenOp,
)
from newsdiff_gui.core.align.text import minor_key, minor_reason
from newsdiff_gui.core.align.tokens import diff_tokens

_MINOR_KINDS = (ChangeKind.EDITED, ChangeKind.MOVED_EDITED)


def needs_diff(row: Row) -> bool:
    """Whether the row is one the engine left for the sentence pass to diff."""
    return not row.tokens and row.kind in TOKENISED_KINDS


def diff_row(
    row: Row, old_texts: Sequence[str], new_texts: Sequence[str], options: AlignOptions
) -> Row:
    """`row` with its tokens, `minor` (with its reason) and figure and quote flags."""
    old_text = row_text(row, old_texts, old_side=True)
    new_text = row_text(row, new_texts, old_side=False)
    tokens = diff_tokens(old_text, new_text, options)
    if _untangle(row, tokens, old_texts, new_texts, options) and reordered(
        old_text, new_text, MOVE_MIN_WORDS
    ):
        # Sentences changed order: the word diff matched their common words
        # across sentences (confetti); by sentence, a sentence that changed
        # place shows whole, and becomes a move.
        tokens = diff_tokens(old_text, new_text, options, by_sentence=True)
    figures, quote = text_flags(old_text, new_text, tokens)
    minor = row.kind in _MINOR_KINDS and not figures and minor_key(old_text) == minor_key(new_text)
    return Row(
        row.kind,
        row.old,
        row.new,
        row.similarity,
        minor=minor,
        tokens=tokens,
        numbers_changed=figures,
        quote_changed=quote,
        minor_reason=minor_reason(old_text, new_text) if minor else None,
    )


def _untangle(
    row: Row,
    tokens: Sequence[Token],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    options: AlignOptions,
) -> bool:
    """Whether the diff may have matched words across sentences that changed
    order: words both deleted and inserted, in paragraphs short enough for
    word highlights."""
    ops = {t.op for t in tokens if not t.text.isspace()}
    return (
        TokenOp.DELETE in ops
        and TokenOp.INSERT in ops
        and within_inline_limit(row, old_texts, new_texts, options.max_inline_chars)
    )
