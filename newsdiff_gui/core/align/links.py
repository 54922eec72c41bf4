"""Sentence links: old sentences a diff shows as gone whose copy it shows as new elsewhere.

After paragraphs are paired, a sentence that moved to another paragraph shows
as deleted in one row and inserted in another: two false claims for one move.
`find_links` looks, across the whole document, for such sentences: an old one
the rows show as gone (delete tokens, a removed paragraph) and a new one they
show as new (insert tokens, an added paragraph) with the same words, or
nearly (an edited copy: "Seven people were killed …" → "At least eight people
were killed …"). Only text shown as changed takes part, so an unchanged live
blog costs nothing.

Similarity is over casefolded words: 2·LCS / (|a| + |b|) (rapidfuzz's Indel on
word codes). Links are chosen greedily, best first, one partner per sentence,
so no gone/new pair at or above `FUZZY_MIN_SIMILARITY` is left unlinked while
both are free (what invariant 6 checks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdiff_gui.core.align import thresholds
from newsdiff_gui.core.align.links_index import coded_candidates, word_codes
from newsdiff_gui.core.align.links_parts import part_sentences
from newsdiff_gui.core.align.links_tokens import MOVE_MIN_WORDS
from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, Row, TokenOp
from newsdiff_gui.core.align.sentences import Sentence, Shown, shown_sentences

MIN_WORDS = MOVE_MIN_WORDS
# Under this many words (either side) a sentence links only to an exact copy
# of its words; from here on, also to a near or edited copy.
FUZZY_MIN_WORDS = 8
# A copy this similar is the same sentence (invariant 6's "near-verbatim").
SAME_MIN_SIMILARITY = 0.9
# An edited copy: most words kept ("Seven people were killed when a bus …" →
# "At least eight people were killed when a bus …" scores 0.90 on 19 words;
# a figure and a qualifier changed in a 12-word sentence, 0.80). Two
# different agencies' sentences on one event score far lower (their word
# order differs), so a wire swap keeps no links.
FUZZY_MIN_SIMILARITY = 0.75
# Candidate pairs come from links_index.py (all pairs, or an exact index above
# a work cap).


@dataclass(frozen=True, slots=True)
class Place:
    """A sentence of a display row's (old or new) text."""

    row: int
    sentence: Sentence
    # The row's changes that show it (sentences.Shown).
    changes: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Link:
    """An old sentence shown as gone and its copy shown as new."""

    old: Place
    new: Place
    similarity: float


def row_text(row: Row, texts: Sequence[str], old_side: bool) -> str:
    return PARAGRAPH_JOINER.join(texts[i] for i in (row.old if old_side else row.new))


def _worth_reading(row: Row, old_side: bool) -> bool:
    """Whether the row can show a sentence of `MIN_WORDS`+ words as changed on
    this side (half its characters changed takes at least two changed words):
    a typo fix or a changed figure needs no sentence split."""
    if not row.tokens:
        return row.similarity is None  # an added/removed row: all of it is shown
    changed = TokenOp.DELETE if old_side else TokenOp.INSERT
    words = 0
    for token in row.tokens:
        if token.op is changed:
            words += len(token.text.split())
            if words >= 2:
                return True
    return False


class ShownCache:
    """Shown sentences of rows already read (a round of the sentence pass
    re-reads only the rows it re-tokenised)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[int, bool], tuple[Row, list[Shown]]] = {}

    def get(self, row: Row, texts: Sequence[str], old_side: bool) -> list[Shown]:
        key = (id(row), old_side)
        known = self._rows.get(key)
        if known is not None and known[0] is row:
            return known[1]
        shown = shown_sentences(row, row_text(row, texts, old_side), old_side)
        self._rows[key] = (row, shown)
        return shown


def within_inline_limit(
    row: Row, old_texts: Sequence[str], new_texts: Sequence[str], limit: int
) -> bool:
    """Whether every paragraph of the row is short enough for word highlights.

    A paragraph over the limit is shown as its common head and tail around one
    delete/insert, explicitly without word-level detail (model.too_long_note);
    the sentence pass leaves it so, as it would cost seconds on a page-long
    paragraph of near-identical sentences."""
    return all(len(old_texts[i]) <= limit for i in row.old) and all(
        len(new_texts[j]) <= limit for j in row.new
    )


def shown_places(
    rows: Sequence[Row],
    texts: Sequence[str],
    old_side: bool,
    cache: ShownCache,
    readable: Callable[[Row], bool],
) -> list[Place]:
    """Sentences of `MIN_WORDS`+ words the `readable` rows show as gone (new),
    in display order."""
    places = []
    # Most rows of a long page are unchanged (no tokens, similarity 1.0).
    changed = [(p, row) for p, row in enumerate(rows) if row.tokens or row.similarity is None]
    for position, row in changed:
        if (
            not (row.old if old_side else row.new)
            or not _worth_reading(row, old_side)
            or not readable(row)
        ):
            continue
        places += [
            Place(position, shown.sentence, shown.changes)
            for shown in cache.get(row, texts, old_side)
            if len(shown.sentence.words) >= MIN_WORDS
        ]
    return places


def _acceptable(old: Place, new: Place, similarity: float) -> bool:
    if (
        old.row == new.row
        and not old.changes.isdisjoint(new.changes)
        and old.sentence.text != new.sentence.text
    ):
        # One change of the row shows both: the edit (case, punctuation, words)
        # is shown in place. A copy deleted in one place of the row and
        # inserted in another (a regrouping that reordered sentences), or the
        # very same text deleted and inserted, is a move.
        return False
    return similar(old.sentence, new.sentence, similarity)


def similar(old: Sentence, new: Sentence, similarity: float) -> bool:
    if old.words == new.words:
        return True
    if min(len(old.words), len(new.words)) < FUZZY_MIN_WORDS:
        return False
    return similarity >= FUZZY_MIN_SIMILARITY


def find_links(
    rows: Sequence[Row],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    cache: ShownCache | None = None,
    inline_limit: int = thresholds.MAX_INLINE_CHARS,
) -> list[Link]:
    """Links between sentences shown as gone and sentences shown as new, best first
    (rows with a paragraph over `inline_limit` characters take no part)."""
    cache = cache or ShownCache()

    def readable(row: Row) -> bool:
        return within_inline_limit(row, old_texts, new_texts, inline_limit)

    gone = shown_places(rows, old_texts, True, cache, readable)
    if not gone:
        return []
    arrived = shown_places(rows, new_texts, False, cache, readable)
    if not arrived:
        return []
    # A heading run into the paragraph after it is part of a longer sentence:
    # offered as that part too (links_parts.py).
    arrived_parts = part_sentences(arrived, gone)
    gone += [Place(gone[k].row, part, gone[k].changes) for k, part in part_sentences(gone, arrived)]
    arrived += [Place(arrived[k].row, part, arrived[k].changes) for k, part in arrived_parts]
    old_codes, new_codes = word_codes(
        [p.sentence.words for p in gone], [p.sentence.words for p in arrived]
    )
    found = [
        (a, b, score)
        for a, b, score in coded_candidates(old_codes, new_codes, FUZZY_MIN_SIMILARITY)
        if _acceptable(gone[a], arrived[b], score)
    ]
    # Best first; on a tie the nearer row, then document order.
    found.sort(key=lambda f: (-f[2], abs(gone[f[0]].row - arrived[f[1]].row), f[0], f[1]))
    # Units may overlap (a changed run inside a longer sentence): each piece of
    # text moves once.
    used_old: dict[int, list[Sentence]] = {}
    used_new: dict[int, list[Sentence]] = {}
    links = []
    for a, b, score in found:
        old, new = gone[a], arrived[b]
        if _overlaps(used_old.get(old.row, []), old.sentence) or _overlaps(
            used_new.get(new.row, []), new.sentence
        ):
            continue
        used_old.setdefault(old.row, []).append(old.sentence)
        used_new.setdefault(new.row, []).append(new.sentence)
        links.append(Link(old, new, score))
    return links


def _overlaps(taken: list[Sentence], sentence: Sentence) -> bool:
    return any(s.start < sentence.end and sentence.start < s.end for s in taken)
