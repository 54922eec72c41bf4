"""DESIGN.md invariant 6 (truth) as checks: no text that stands on the other side is
shown as new or gone, and every moved sentence is named in both places.

"Shown as gone (new)" is `sentences.shown_sentences`: at least half of a
sentence's characters in delete (insert) tokens, or in an added/removed row
outside its moved tokens. The check compares every such old sentence of
`TRUTH_MIN_WORDS`+ words with every such new one (rapidfuzz `cdist`, in C), so
it does not depend on the engine's candidate index. Rows with a paragraph over
the inline limit are shown, by design, without word-level detail (a common
head and tail around one delete/insert) and are not judged sentence by
sentence. Within one row, a sentence
deleted and an edited copy inserted by the same change (no equal word between
them) are an edit shown in place, not a false claim; the very same text deleted
and inserted is.
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Indel

from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, Diff, Row, TokenOp, paragraph_text
from newsdiff_gui.core.align.sentences import Shown, shown_sentences

TRUTH_MIN_WORDS = 8
TRUTH_MIN_SIMILARITY = 0.9


def _text(diff: Diff, row: Row, old_side: bool) -> str:
    document, indices = (diff.old, row.old) if old_side else (diff.new, row.new)
    return PARAGRAPH_JOINER.join(paragraph_text(document.paragraphs[i]) for i in indices)


def _over_limit(diff: Diff, row: Row, limit: int) -> bool:
    old = (paragraph_text(diff.old.paragraphs[i]) for i in row.old)
    new = (paragraph_text(diff.new.paragraphs[j]) for j in row.new)
    return any(len(text) > limit for text in (*old, *new))


def _shown(diff: Diff, old_side: bool) -> list[tuple[int, Shown]]:
    found = []
    limit = diff.options.max_inline_chars
    for position, row in enumerate(diff.rows):
        if not (row.old if old_side else row.new) or _over_limit(diff, row, limit):
            continue  # nothing on this side, or shown without word detail
        text = _text(diff, row, old_side)
        found += [
            (position, shown)
            for shown in shown_sentences(row, text, old_side)
            if len(shown.sentence.words) >= TRUTH_MIN_WORDS
        ]
    return found


def check_truth(diff: Diff) -> list[str]:
    """Sentences shown as gone with a ≥ 0.9 similar copy shown as new (both unpaired)."""
    gone, arrived = _shown(diff, old_side=True), _shown(diff, old_side=False)
    if not gone or not arrived:
        return []
    codes: dict[str, str] = {}

    def encode(words: tuple[str, ...]) -> str:
        return "".join(codes.setdefault(w, chr(0x100 + len(codes))) for w in words)

    old_codes = [encode(s.sentence.words) for _, s in gone]
    new_codes = [encode(s.sentence.words) for _, s in arrived]
    matrix = process.cdist(
        old_codes, new_codes, scorer=Indel.normalized_similarity, score_cutoff=TRUTH_MIN_SIMILARITY
    )
    problems = []
    for a, b in zip(*matrix.nonzero(), strict=True):
        (old_row, old_shown), (new_row, new_shown) = gone[a], arrived[b]
        if (
            old_row == new_row
            and not old_shown.changes.isdisjoint(new_shown.changes)
            and old_shown.sentence.text != new_shown.sentence.text
        ):
            continue  # one change of the row shows both: an edit, in place
        problems.append(
            f"invariant 6: {old_shown.sentence.text[:60]!r} (row {old_row}) is shown as gone "
            f"but stands in row {new_row} as {new_shown.sentence.text[:60]!r}, shown as new"
        )
    return problems[:10]


def check_moves(diff: Diff) -> list[str]:
    """Every moved_out has its moved_in; the two name each other's rows; an edited
    moved sentence's word tokens reproduce both sentences."""
    problems = []
    outs: Counter[tuple[int, int]] = Counter()
    ins: Counter[tuple[int, int]] = Counter()
    out_texts: dict[tuple[int, int], set[str]] = {}
    for position, row in enumerate(diff.rows):
        for token in row.tokens:
            if not token.op.moved:
                if token.tokens or token.row is not None:
                    problems.append(f"row {position}: a {token.op.value} token names a row")
                continue
            if token.row is None or not 0 <= token.row < len(diff.rows):
                problems.append(f"invariant 6: row {position}: moved token names row {token.row}")
                continue
            if token.op is TokenOp.MOVED_OUT:
                outs[position, token.row] += 1
                out_texts.setdefault((position, token.row), set()).add(token.text.strip())
            else:
                ins[token.row, position] += 1
    if outs != ins:
        for pair in sorted(outs.keys() | ins.keys()):
            if outs[pair] != ins[pair]:
                problems.append(
                    f"invariant 6: {outs[pair]} sentence(s) leave row {pair[0]} for row "
                    f"{pair[1]}, {ins[pair]} arrive there from it"
                )
    problems += _check_nested(diff, out_texts)
    return problems


def _check_nested(diff: Diff, out_texts: dict[tuple[int, int], set[str]]) -> list[str]:
    problems = []
    for position, row in enumerate(diff.rows):
        for token in row.tokens:
            if token.op is not TokenOp.MOVED_IN or not token.tokens or token.row is None:
                continue
            old = "".join(t.text for t in token.tokens if t.op.on_old_side)
            new = "".join(t.text for t in token.tokens if t.op.on_new_side)
            if any(t.op.moved for t in token.tokens):
                problems.append(f"row {position}: a moved sentence's tokens hold a move")
            if new != token.text.strip():
                problems.append(f"invariant 3: row {position}: a moved sentence's tokens != it")
            if old not in out_texts.get((token.row, position), set()):
                problems.append(
                    f"invariant 3: row {position}: a moved sentence's tokens do not give "
                    f"the text that left row {token.row}"
                )
    return problems
