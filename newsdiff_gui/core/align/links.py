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

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Indel

from newsdiff_gui.core.align.links_tokens import MOVE_MIN_WORDS
from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, Row
from newsdiff_gui.core.align.sentences import Sentence, shown_sentences

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
# Work caps: above this many gone × new sentences, candidates come from an
# index of rare words instead of comparing every pair; each old sentence
# looks up this many of its rarest words, skipping words in more than
# `_MAX_POSTINGS` new sentences.
_MAX_ALL_PAIRS = 40_000
_PROBE_WORDS = 6
_MAX_POSTINGS = 64


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


def shown_places(rows: Sequence[Row], texts: Sequence[str], old_side: bool) -> list[Place]:
    """Sentences of `MIN_WORDS`+ words the rows show as gone (new), in display order."""
    places = []
    for position, row in enumerate(rows):
        if (not row.tokens and row.similarity is not None) or not (
            row.old if old_side else row.new
        ):
            continue  # same text on both sides (unchanged, moved), or nothing on this side
        text = row_text(row, texts, old_side)
        places += [
            Place(position, shown.sentence, shown.changes)
            for shown in shown_sentences(row, text, old_side)
            if len(shown.sentence.words) >= MIN_WORDS
        ]
    return places


class _WordCoder:
    """Casefolded words as single characters, for rapidfuzz's C-speed LCS."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, words: tuple[str, ...]) -> str:
        codes = self._codes
        for word in words:
            if word not in codes:
                codes[word] = chr(0x100 + len(codes) + (0x800 if len(codes) >= 0xD700 else 0))
        return "".join(map(codes.__getitem__, words))


def _candidates(old_codes: list[str], new_codes: list[str]) -> list[tuple[int, int, float]]:
    """(old, new, similarity) of every pair reaching `FUZZY_MIN_SIMILARITY`, or,
    above the work cap, of pairs that share one of the old sentence's rarest words."""
    found: list[tuple[int, int, float]] = []
    if len(old_codes) * len(new_codes) <= _MAX_ALL_PAIRS:
        matrix = process.cdist(
            old_codes,
            new_codes,
            scorer=Indel.normalized_similarity,
            score_cutoff=FUZZY_MIN_SIMILARITY,
        )
        for a, b in zip(*matrix.nonzero(), strict=True):
            found.append((int(a), int(b), float(matrix[a, b])))
        return found
    postings: dict[str, list[int]] = {}
    for b, code in enumerate(new_codes):
        for char in set(code):
            postings.setdefault(char, []).append(b)
    for a, code in enumerate(old_codes):
        rare = sorted(set(code), key=lambda c: len(postings.get(c, ())))[:_PROBE_WORDS]
        seen: set[int] = set()
        for char in rare:
            hits = postings.get(char, [])
            if len(hits) <= _MAX_POSTINGS:
                seen.update(hits)
        for b in seen:
            score = Indel.normalized_similarity(
                code, new_codes[b], score_cutoff=FUZZY_MIN_SIMILARITY
            )
            if score:
                found.append((a, b, score))
    return found


def _acceptable(old: Place, new: Place, similarity: float) -> bool:
    if old.row == new.row and not old.changes.isdisjoint(new.changes):
        # One change of the row shows both: the edit (case, punctuation, words)
        # is shown in place. A copy deleted in one place of the row and
        # inserted in another (a regrouping that reordered sentences) is a move.
        return False
    return _similar(old.sentence, new.sentence, similarity)


def _similar(old: Sentence, new: Sentence, similarity: float) -> bool:
    if old.words == new.words:
        return True
    if min(len(old.words), len(new.words)) < FUZZY_MIN_WORDS:
        return False
    return similarity >= FUZZY_MIN_SIMILARITY


def find_links(
    rows: Sequence[Row], old_texts: Sequence[str], new_texts: Sequence[str]
) -> list[Link]:
    """Links between sentences shown as gone and sentences shown as new, best first."""
    gone = shown_places(rows, old_texts, old_side=True)
    if not gone:
        return []
    arrived = shown_places(rows, new_texts, old_side=False)
    if not arrived:
        return []
    coder = _WordCoder()
    old_codes = [coder.encode(p.sentence.words) for p in gone]
    new_codes = [coder.encode(p.sentence.words) for p in arrived]
    found = [
        (a, b, score)
        for a, b, score in _candidates(old_codes, new_codes)
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
