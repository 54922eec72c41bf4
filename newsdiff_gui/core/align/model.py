"""The alignment result: rows of paragraphs paired across two versions.

A `Diff` is what `align(old, new)` returns and what every renderer (terminal,
HTML, the Qt panes, the PDF report) paints. It is plain immutable data; the
JSON form (`Diff.to_json_dict`) is DESIGN.md's schema 2.

Text that is compared and tokenised
    Every paragraph and the title are compared in their `clean_text` form
    (whitespace runs become one space; NBSP, zero-width characters and soft
    hyphens are dropped), because such noise must never make a change. Token
    texts therefore reproduce the *cleaned* paragraphs exactly, and the JSON
    `old`/`new` sections carry the cleaned texts so the JSON is self-consistent
    (invariant 3 can be checked from the JSON alone). `Diff.old`/`Diff.new`
    keep the documents as given. Paragraphs of a split/merged row are joined
    with "\\n\\n" in the order the row lists them.

Tokens
    Rows whose text differs carry tokens: `edited`, `moved_edited`, `split`,
    `merged` and `regrouped`. `unchanged` and `moved` rows (same text) have
    `tokens == ()`; so do `added`/`removed` rows whose text is all new/gone.
    An `added`/`removed` row carries tokens when part of its text stands in
    another row (a sentence that moved): `moved_out` (old text now shown in
    row `token.row`) and `moved_in` (new text that came from row `token.row`),
    the rest `insert`/`delete`. A `moved_in` token of an edited sentence holds
    its word-level `tokens` against the original and its own flags.

Moved rows and "the other place"
    Rows stand in the new document's order, so a moved row stands where the
    paragraph is now. Where it was is given by `row.old[0]`: the paragraph used
    to follow old paragraph `row.old[0] - 1`. `Diff.moved_from(row_index)`
    resolves that to a display row: the row holding the nearest preceding old
    paragraph that did not itself move (so a block of paragraphs that moved
    together points at the same place), or -1 when the paragraph used to open
    the article. A UI draws the "moved from here" marker just below that row and
    jumps between the two places; `Diff.row_of_old`/`Diff.row_of_new` map
    paragraph indices to display rows for the same purpose.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from newsdiff_gui.core.align import thresholds
from newsdiff_gui.core.align.text import MinorReason, clean
from newsdiff_gui.core.document import Document

SCHEMA_VERSION = 2
PARAGRAPH_JOINER = "\n\n"


class ChangeKind(StrEnum):
    """What happened to a paragraph (or group of paragraphs); JSON values are the strings."""

    UNCHANGED = "unchanged"
    EDITED = "edited"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    MOVED_EDITED = "moved_edited"
    SPLIT = "split"
    MERGED = "merged"
    REGROUPED = "regrouped"


# How many old/new paragraphs each kind holds: (old, new); None means "two or more".
KIND_ARITY: dict[ChangeKind, tuple[int | None, int | None]] = {
    ChangeKind.UNCHANGED: (1, 1),
    ChangeKind.EDITED: (1, 1),
    ChangeKind.ADDED: (0, 1),
    ChangeKind.REMOVED: (1, 0),
    ChangeKind.MOVED: (1, 1),
    ChangeKind.MOVED_EDITED: (1, 1),
    ChangeKind.SPLIT: (1, None),
    ChangeKind.MERGED: (None, 1),
    ChangeKind.REGROUPED: (None, None),
}

# Kinds whose rows carry word tokens (their two texts differ).
TOKENISED_KINDS = frozenset(
    {
        ChangeKind.EDITED,
        ChangeKind.MOVED_EDITED,
        ChangeKind.SPLIT,
        ChangeKind.MERGED,
        ChangeKind.REGROUPED,
    }
)
# Kinds whose rows may carry tokens only when part of their text moved to (came
# from) another row; without such text they have none.
MOVABLE_TEXT_KINDS = frozenset({ChangeKind.ADDED, ChangeKind.REMOVED})


class TokenOp(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"
    # Old text that now stands in another row (`Token.row`).
    MOVED_OUT = "moved_out"
    # New text that came from another row (`Token.row`).
    MOVED_IN = "moved_in"

    @property
    def on_old_side(self) -> bool:
        """Whether the token's text is part of the row's old text (invariant 3)."""
        return self in _OLD_SIDE_OPS

    @property
    def on_new_side(self) -> bool:
        return self in _NEW_SIDE_OPS

    @property
    def moved(self) -> bool:
        return self in (TokenOp.MOVED_OUT, TokenOp.MOVED_IN)


_OLD_SIDE_OPS = frozenset({TokenOp.EQUAL, TokenOp.DELETE, TokenOp.MOVED_OUT})
_NEW_SIDE_OPS = frozenset({TokenOp.EQUAL, TokenOp.INSERT, TokenOp.MOVED_IN})


@dataclass(frozen=True, slots=True)
class Token:
    """A run of text: in both versions (`equal`), only the old one, only the new one,
    or text that moved between rows (`moved_out` / `moved_in`, naming the other
    row's display index in `row`).

    A `moved_in` token of a sentence that was also edited holds its word-level
    `tokens` (equal/delete/insert) against the original sentence, and its own
    `numbers_changed`/`quote_changed` flags; an unedited move has `tokens == ()`.
    Those word tokens reproduce the two sentences without the whitespace around
    them (the `moved_out` and `moved_in` texts, stripped): the space a sentence
    takes along depends on where it stood, and is no edit.
    """

    op: TokenOp
    text: str
    row: int | None = None
    tokens: tuple[Token, ...] = ()
    numbers_changed: bool = False
    quote_changed: bool = False

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"op": self.op.value, "text": self.text}
        if self.op.moved:
            data["row"] = self.row
        if self.op is TokenOp.MOVED_IN:
            data["numbers_changed"] = self.numbers_changed
            data["quote_changed"] = self.quote_changed
            data["tokens"] = [token.to_json_dict() for token in self.tokens]
        return data


@dataclass(frozen=True, slots=True)
class Row:
    """One display row.

    `old`/`new` are paragraph indices (0-based) into the old/new document; for a
    merged (split) row `old` (`new`) is in the order the texts appear in the
    other side's paragraph. `similarity` in [0, 1] is the share of word pairs
    (consecutive casefolded words) the two texts have in common, in order:
    2·LCS / (|old| + |new|) (over single words when a paragraph is shorter than
    `AlignOptions.short_text_words`); 1.0 for unchanged/moved rows and for edits
    of punctuation, quotes or case only; None for added/removed rows.
    `minor` marks an edit of punctuation, quote/dash style, letter case or
    mis-decoding only, and `minor_reason` says which (None on other rows).
    `numbers_changed`/`quote_changed` flag rows whose figures (digits or number
    words) or quoted text differ, so readers can look at them first.
    """

    kind: ChangeKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float | None
    minor: bool = False
    tokens: tuple[Token, ...] = ()
    numbers_changed: bool = False
    quote_changed: bool = False
    minor_reason: MinorReason | None = None

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind.value,
            "old": list(self.old),
            "new": list(self.new),
            "similarity": None if self.similarity is None else round(self.similarity, 4),
            "minor": self.minor,
            "tokens": [token.to_json_dict() for token in self.tokens],
            "numbers_changed": self.numbers_changed,
            "quote_changed": self.quote_changed,
        }
        if self.minor and self.minor_reason is not None:
            data["minor_reason"] = self.minor_reason.value  # only on minor rows
        return data


# Row's slots, set directly by `plain_row`.
_ROW_SETTERS = {f.name: vars(Row)[f.name].__set__ for f in dataclasses.fields(Row)}
_SET_KIND, _SET_OLD, _SET_NEW = _ROW_SETTERS["kind"], _ROW_SETTERS["old"], _ROW_SETTERS["new"]
_SET_SIMILARITY, _SET_MINOR = _ROW_SETTERS["similarity"], _ROW_SETTERS["minor"]
_SET_TOKENS, _SET_REASON = _ROW_SETTERS["tokens"], _ROW_SETTERS["minor_reason"]
_SET_NUMBERS, _SET_QUOTE = _ROW_SETTERS["numbers_changed"], _ROW_SETTERS["quote_changed"]


def plain_row(
    kind: ChangeKind, old: tuple[int, ...], new: tuple[int, ...], similarity: float | None
) -> Row:
    """`Row(kind, old, new, similarity)` (the other fields at their defaults), at
    half the cost: a 3,000-paragraph live blog makes a row for every unchanged
    paragraph, and a frozen dataclass's `__init__` sets each field through
    `object.__setattr__`; setting the slots directly makes the same object."""
    row: Row = object.__new__(Row)
    _SET_KIND(row, kind)
    _SET_OLD(row, old)
    _SET_NEW(row, new)
    _SET_SIMILARITY(row, similarity)
    _SET_MINOR(row, False)
    _SET_TOKENS(row, ())
    _SET_NUMBERS(row, False)
    _SET_QUOTE(row, False)
    _SET_REASON(row, None)
    return row


@dataclass(frozen=True, slots=True)
class TitleChange:
    """The headline: `unchanged` or `edited`, with word tokens (one equal token if unchanged)."""

    kind: ChangeKind
    tokens: tuple[Token, ...]

    def to_json_dict(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "tokens": [t.to_json_dict() for t in self.tokens]}


@dataclass(frozen=True, slots=True)
class DiffStats:
    """Row counts per kind, and words added/removed.

    `words_added` counts the words of inserted tokens (including those inside
    an edited `moved_in` token) plus the words of added paragraphs without
    tokens; `words_removed` likewise for deleted tokens and removed paragraphs.
    Text that moved is neither added nor removed; the title is not counted.
    """

    unchanged: int = 0
    edited: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0
    moved_edited: int = 0
    split: int = 0
    merged: int = 0
    regrouped: int = 0
    # Sentences shown as moved between rows (each `moved_in` token counts once).
    sentences_moved: int = 0
    words_added: int = 0
    words_removed: int = 0

    def to_json_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)

    def count(self, kind: ChangeKind) -> int:
        value: int = getattr(self, kind.value)
        return value

    @property
    def changed_rows(self) -> int:
        return sum(self.count(kind) for kind in ChangeKind if kind is not ChangeKind.UNCHANGED)


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Thresholds and work caps. Defaults are the engine's tuned values (see `thresholds.py`
    for where each came from); every field is a plain number so reports can print them."""

    # Word-pair similarity (2·LCS / (|a|+|b|) over word bigrams) at or above which
    # two paragraphs count as one edited paragraph.
    pair_min_similarity: float = thresholds.PAIR_MIN_SIMILARITY
    # A pair below `pair_min_similarity` is still an edit when at least this share
    # of the shorter paragraph's word pairs stand, in order, in the longer one and
    # at least `shared_min_words` word pairs are shared.
    pair_min_containment: float = thresholds.PAIR_MIN_CONTAINMENT
    shared_min_words: int = thresholds.SHARED_MIN_WORDS
    # ...or when they share a verbatim sentence of at least this many words.
    sentence_min_words: int = thresholds.SENTENCE_MIN_WORDS
    # Paragraphs under `short_text_words` words pair by single-word similarity
    # (2·LCS / (|a|+|b|) over words) of at least `short_pair_min_similarity`.
    short_text_words: int = thresholds.SHORT_TEXT_WORDS
    short_pair_min_similarity: float = thresholds.SHORT_PAIR_MIN_SIMILARITY
    # A part of a split (merge) must owe at least this share of its words to the
    # whole it came from.
    part_min_containment: float = thresholds.PART_MIN_CONTAINMENT
    # Above this many words on either side, an edited unit is diffed sentence by
    # sentence before word by word.
    sentence_level_min_words: int = thresholds.SENTENCE_LEVEL_MIN_WORDS
    # An equal run of at most this many words between two changes is absorbed into
    # them (phrases, not confetti) when it is shorter than both changes.
    absorb_equal_words: int = thresholds.ABSORB_EQUAL_WORDS
    # Work caps: similarity-matrix cells, word-diff cells (|old words| × |new
    # words|), paragraphs gathered into one split/merge. Above a cap the engine
    # falls back to a cheaper, still lossless answer (fewer pairs compared; a
    # middle shown as one delete/insert).
    max_matrix_cells: int = thresholds.MAX_MATRIX_CELLS
    max_word_diff_cells: int = thresholds.MAX_WORD_DIFF_CELLS
    max_group_size: int = thresholds.MAX_GROUP_SIZE
    # Texts longer than this (characters) get no word diff: a common head and tail
    # and the middle as one delete/insert; displays show them without word
    # highlights and with lines broken anywhere (see `too_long_for_words`).
    max_inline_chars: int = thresholds.MAX_INLINE_CHARS
    # Threads for the similarity matrix (-1 = all cores); used only on big matrices.
    workers: int = -1

    def to_json_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def too_long_for_words(length: int, options: AlignOptions | None = None) -> bool:
    """Whether a text of `length` characters is over the inline limit: shown and
    exported in full, but without per-word highlights and with lines broken anywhere."""
    limit = thresholds.MAX_INLINE_CHARS if options is None else options.max_inline_chars
    return length > limit


def too_long_note(length: int) -> str:
    """The plain note a row over the inline limit carries, on screen and in exports."""
    return f"too long for word-level highlighting: {length:,} characters"


def paragraph_text(paragraph: str) -> str:
    """The compared form of a paragraph (see module docstring).

    `text.clean` is `clean_text` with a fast path for text that is already
    clean: displays ask for every paragraph's text, 100,000 of them on a long
    live blog."""
    return clean(paragraph)


@dataclass(frozen=True, slots=True)
class Diff:
    """Two versions aligned; rows in display order (DESIGN.md invariants hold)."""

    old: Document
    new: Document
    title: TitleChange
    rows: tuple[Row, ...]
    stats: DiffStats
    options: AlignOptions = field(default_factory=AlignOptions)

    def old_text(self, row: Row) -> str:
        """The row's old text as its tokens reproduce it."""
        return PARAGRAPH_JOINER.join(paragraph_text(self.old.paragraphs[i]) for i in row.old)

    def new_text(self, row: Row) -> str:
        return PARAGRAPH_JOINER.join(paragraph_text(self.new.paragraphs[i]) for i in row.new)

    def row_of_old(self, index: int) -> int:
        """Display row holding old paragraph `index`."""
        for position, row in enumerate(self.rows):
            if index in row.old:
                return position
        raise IndexError(index)

    def row_of_new(self, index: int) -> int:
        for position, row in enumerate(self.rows):
            if index in row.new:
                return position
        raise IndexError(index)

    def moved_from(self, row_index: int) -> int:
        """For a moved row: the display row it used to follow (-1: it opened the article).

        Walks back from the paragraph before `row.old[0]` past paragraphs that
        moved too, so a block that moved together points at one place.
        """
        row = self.rows[row_index]
        if not row.old:
            raise ValueError("an added row has no old place")
        owner = {i: position for position, r in enumerate(self.rows) for i in r.old}
        moved_kinds = (ChangeKind.MOVED, ChangeKind.MOVED_EDITED)
        index = row.old[0] - 1
        while index >= 0:
            position = owner[index]
            if self.rows[position].kind not in moved_kinds:
                return position
            index -= 1
        return -1

    @property
    def changed(self) -> bool:
        return self.title.kind is not ChangeKind.UNCHANGED or self.stats.changed_rows > 0

    def to_json_dict(self) -> dict[str, Any]:
        """DESIGN.md's `schema: 2` object."""
        return {
            "schema": SCHEMA_VERSION,
            "old": {
                "title": paragraph_text(self.old.title),
                "paragraphs": [paragraph_text(p) for p in self.old.paragraphs],
            },
            "new": {
                "title": paragraph_text(self.new.title),
                "paragraphs": [paragraph_text(p) for p in self.new.paragraphs],
            },
            "title": self.title.to_json_dict(),
            "rows": [row.to_json_dict() for row in self.rows],
            "stats": self.stats.to_json_dict(),
        }
