"""Word tokens for a pair of texts: what a reader sees highlighted inside a row.

Words are compared whole (a word is a run of non-space characters), so
highlights always fall on word boundaries; each word carries the whitespace
after it, so token texts join back into the exact texts (invariant 3).
Cleanup follows diff-match-patch's semantic rule, limited to short runs: an
equal run of one or two short words between two changes is folded into them,
so "seven were killed" → "at least eight were hurt" reads as phrases, not
confetti.

Large units (above `sentence_level_min_words`) are aligned sentence by sentence
first (sentence_spans.py); words are then compared only inside the sentences
that go together (a pair, or a sentence and the parts it was split into). A
sentence that moved or was rewritten shows as that sentence deleted and
inserted, not as a page of interleaved word changes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from rapidfuzz.distance import Indel

from newsdiff_gui.core.align.breaks import Flat, break_changes, same_flat
from newsdiff_gui.core.align.model import (
    PARAGRAPH_JOINER,
    AlignOptions,
    Token,
    TokenOp,
    too_long_for_words,
)
from newsdiff_gui.core.align.sentence_spans import sentence_spans, shares_a_sentence
from newsdiff_gui.core.align.text import split_sentences, word_items
from newsdiff_gui.core.normalize import fold_quotes

# Token's slots, set directly by `plain_token`.
_SET_OP, _SET_TEXT, _SET_ROW, _SET_TOKENS, _SET_NUMBERS, _SET_QUOTE = (
    vars(Token)[f.name].__set__ for f in fields(Token)
)


def plain_token(op: TokenOp, text: str) -> Token:
    """`Token(op, text)` at less than half the cost: a rewrite's rows make
    thousands of tokens, and a frozen dataclass's `__init__` sets each field
    through `object.__setattr__`; setting the slots directly makes the same object."""
    token: Token = object.__new__(Token)
    _SET_OP(token, op)
    _SET_TEXT(token, text)
    _SET_ROW(token, None)
    _SET_TOKENS(token, ())
    _SET_NUMBERS(token, False)
    _SET_QUOTE(token, False)
    return token


@dataclass(slots=True)
class _Chunk:
    equal: bool
    old: list[str]
    new: list[str]


class _TokenSink:
    """Collects tokens, merging neighbours of the same kind and dropping empty texts."""

    def __init__(self) -> None:
        self._tokens: list[Token] = []
        # The texts of the token being gathered, joined once when the op changes:
        # a regrouped row adds its equal words one by one, and re-building the
        # token on every word made that quadratic.
        self._op: TokenOp | None = None
        self._parts: list[str] = []

    @property
    def tokens(self) -> list[Token]:
        self._flush()
        return self._tokens

    def _flush(self) -> None:
        if self._op is not None and self._parts:
            self._tokens.append(plain_token(self._op, "".join(self._parts)))
            self._parts = []

    def add(self, op: TokenOp, text: str) -> None:
        if not text:
            return
        if op is not self._op:
            self._flush()
            self._op = op
        self._parts.append(text)

    def change(self, old: str, new: str) -> None:
        if old == new:  # the same text left unpaired on both sides is no change
            self.add(TokenOp.EQUAL, old)
            return
        # Whitespace both sides end with is shared, not changed: keep it out of
        # the highlight so it snaps to the words.
        old_core, new_core = old.rstrip(), new.rstrip()
        old_tail, new_tail = old[len(old_core) :], new[len(new_core) :]
        if old_tail and old_tail == new_tail and old_core and new_core:
            self.add(TokenOp.DELETE, old_core)
            self.add(TokenOp.INSERT, new_core)
            self.add(TokenOp.EQUAL, old_tail)
        else:
            self.add(TokenOp.DELETE, old)
            self.add(TokenOp.INSERT, new)


def _key(item: str) -> str:
    return item.rstrip()


def _items(text: str) -> tuple[list[str], list[str]]:
    """(words with their trailing whitespace, bare words) of a text."""
    words = text.split()
    joined = " ".join(words)
    if text == joined:  # the common case: single spaces only
        if not words:
            return [], []
        return [w + " " for w in words[:-1]] + [words[-1]], words
    if words and text.startswith(joined) and text[len(joined) :].isspace():
        # As common: a sentence of a longer text, with the whitespace after it.
        items = [w + " " for w in words]
        items[-1] = words[-1] + text[len(joined) :]
        return items, words
    items = word_items(text)
    return items, list(map(str.rstrip, items))  # (`_key` of each, mapped in C)


def _chunks(old: tuple[list[str], list[str]], new: tuple[list[str], list[str]]) -> list[_Chunk]:
    (old_items, old_keys), (new_items, new_keys) = old, new
    chunks: list[_Chunk] = []
    # rapidfuzz hashes the words itself: no per-word Python work.
    for op in Indel.opcodes(old_keys, new_keys):
        old_part = old_items[op.src_start : op.src_end]
        new_part = new_items[op.dest_start : op.dest_end]
        if op.tag == "equal":
            chunks.append(_Chunk(True, old_part, new_part))
        elif chunks and not chunks[-1].equal:
            chunks[-1].old += old_part
            chunks[-1].new += new_part
        else:
            chunks.append(_Chunk(False, old_part, new_part))
    return chunks


def _size(items: list[str]) -> int:
    # (`_key` of each item, mapped in C: this runs for every short equal run.)
    return sum(map(len, map(str.rstrip, items)))


def _absorb_short_equals(chunks: list[_Chunk], max_words: int) -> list[_Chunk]:
    result: list[_Chunk] = []
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        if (
            chunk.equal
            and result
            and not result[-1].equal
            and index + 1 < len(chunks)
            and not chunks[index + 1].equal
            and len(chunk.old) <= max_words
        ):
            before, after = result[-1], chunks[index + 1]
            size = _size(chunk.old)
            if size < max(_size(before.old), _size(before.new)) and size < max(
                _size(after.old), _size(after.new)
            ):
                before.old += chunk.old + after.old
                before.new += chunk.new + after.new
                index += 2
                continue
        if not chunk.equal and result and not result[-1].equal:
            result[-1].old += chunk.old
            result[-1].new += chunk.new
        else:
            result.append(_Chunk(chunk.equal, list(chunk.old), list(chunk.new)))
        index += 1
    return result


def _emit_head_change_tail(sink: _TokenSink, old_items: list[str], new_items: list[str]) -> None:
    """Work cap: the common head and tail (whole words) and the middle as one change."""
    head = 0
    limit = min(len(old_items), len(new_items))
    while head < limit and old_items[head] == new_items[head]:
        head += 1
    tail = 0
    while (
        tail < limit - head
        and old_items[len(old_items) - 1 - tail] == new_items[len(new_items) - 1 - tail]
    ):
        tail += 1
    sink.add(TokenOp.EQUAL, "".join(old_items[:head]))
    sink.change(
        "".join(old_items[head : len(old_items) - tail]),
        "".join(new_items[head : len(new_items) - tail]),
    )
    sink.add(TokenOp.EQUAL, "".join(old_items[len(old_items) - tail :]))


def _emit_words(sink: _TokenSink, old: str, new: str, options: AlignOptions) -> None:
    if old == new:
        sink.add(TokenOp.EQUAL, old)
        return
    old_split, new_split = _items(old), _items(new)
    old_items, new_items = old_split[0], new_split[0]
    if len(old_items) * len(new_items) > options.max_word_diff_cells:
        _emit_head_change_tail(sink, old_items, new_items)
        return
    if not (old.isascii() and new.isascii()):
        # Words are lined up whatever their quote style: a list of titles whose
        # curly quotes became straight ones ("“Black Water,”" -> '"Black Water,"')
        # shows each restyled word changed between the words that stand, not the
        # whole list struck and retyped. (ASCII text has one style only.)
        old_split = (old_items, [fold_quotes(key) for key in old_split[1]])
        new_split = (new_items, [fold_quotes(key) for key in new_split[1]])
    chunks = _absorb_short_equals(_chunks(old_split, new_split), options.absorb_equal_words)
    for chunk in chunks:
        if not chunk.equal:
            sink.change("".join(chunk.old), "".join(chunk.new))
            continue
        if chunk.old == chunk.new:  # the usual case: same words, same spacing
            sink.add(TokenOp.EQUAL, "".join(chunk.old))
            continue
        same: list[str] = []  # equal items gathered, added as one text
        for old_item, new_item in zip(chunk.old, chunk.new, strict=True):
            if old_item == new_item:
                same.append(old_item)
                continue
            word = _key(old_item)
            if word == _key(new_item):
                # Same word, different whitespace after it (" " vs a paragraph break).
                same.append(word)
                sink.add(TokenOp.EQUAL, "".join(same))
                sink.change(old_item[len(word) :], new_item[len(word) :])
            else:  # the same word in another quote style: the word is the change
                sink.add(TokenOp.EQUAL, "".join(same))
                sink.change(old_item, new_item)
            same = []
        sink.add(TokenOp.EQUAL, "".join(same))


def row_sentences(text: str) -> list[str]:
    """`split_sentences` of each paragraph of a row's text, the break kept with the
    sentence before it: a paragraph opening in lower case ("eBay said …", a rewrite's
    first word) is a sentence of its own, not the end of the one above it."""
    parts = text.split(PARAGRAPH_JOINER)
    pieces: list[str] = []
    for number, part in enumerate(parts):
        found = split_sentences(part) if part else []
        if number < len(parts) - 1:
            if found:
                found[-1] += PARAGRAPH_JOINER
            elif pieces:
                pieces[-1] += PARAGRAPH_JOINER
            else:
                found = [PARAGRAPH_JOINER]
        pieces += found
    return pieces


def _emit_sentences(sink: _TokenSink, old: str, new: str, options: AlignOptions) -> None:
    old_sentences, new_sentences = row_sentences(old), row_sentences(new)
    old_at = new_at = 0
    end = (len(old_sentences), len(old_sentences), len(new_sentences), len(new_sentences))
    for i0, i1, j0, j1 in [*sentence_spans(old_sentences, new_sentences, options), end]:
        old_gap, new_gap = old_sentences[old_at:i0], new_sentences[new_at:j0]
        if old_gap and new_gap and shares_a_sentence(old_gap, new_gap):
            _emit_words(sink, "".join(old_gap), "".join(new_gap), options)
        else:
            sink.change("".join(old_gap), "".join(new_gap))
        if i0 < len(old_sentences):
            _emit_words(sink, "".join(old_sentences[i0:i1]), "".join(new_sentences[j0:j1]), options)
        old_at, new_at = i1, j1


def _paragraph_too_long(old: str, new: str, options: AlignOptions) -> bool:
    """Whether a paragraph of either text is over the inline limit (a text within
    it holds none: then its paragraphs need not be cut apart to be measured)."""
    if not too_long_for_words(max(len(old), len(new)), options):
        return False
    return too_long_for_words(_longest_paragraph(old, new), options)


def _longest_paragraph(*texts: str) -> int:
    return max(len(part) for text in texts for part in text.split(PARAGRAPH_JOINER))


def diff_tokens(
    old: str, new: str, options: AlignOptions, by_sentence: bool = False
) -> tuple[Token, ...]:
    """Tokens whose equal+delete texts give `old` and equal+insert texts give `new`.

    `by_sentence` aligns sentences first whatever the size (for texts whose
    sentences changed order: a word diff would match their common words across
    sentences and show confetti)."""
    sink = _TokenSink()
    if old != new and _paragraph_too_long(old, new, options):
        # A paragraph over the inline limit gets no word diff (it grows with the
        # text, and nobody reads highlights in a page-long blob); the change still
        # shows as its common head and tail around one delete/insert. A row of
        # many ordinary paragraphs (a page collapsed into one block) is diffed
        # as usual, sentence by sentence.
        _emit_head_change_tail(sink, _items(old)[0], _items(new)[0])
        return tuple(sink.tokens)
    flats = same_flat(old, new) if old != new else None
    if flats is not None and (
        _below_cap(flats, options) or by_sentence or _large(old, new, options)
    ):
        # The same words, only paragraph breaks moved (a regrouped row's text
        # once its moved sentences are cut out): each word stands where it
        # stood, what the word diff or a sentence alignment finds, placed
        # without reading the words (breaks.py).
        for op, text in break_changes(old, *flats):
            sink.add(op, text)
    elif old != new and (by_sentence or _large(old, new, options)) and not _same_words(old, new):
        _emit_sentences(sink, old, new, options)
    else:
        # (Texts of the same words with their spacing changed as well as their
        # breaks, "Rain. “C”\n\nRain." -> "Rain. “C”\t Rain.", are the word diff's
        # too: aligned by sentence, a repeated sentence was shown removed and added.)
        _emit_words(sink, old, new, options)
    return tuple(sink.tokens)


def _same_words(old: str, new: str) -> bool:
    return old.split() == new.split()


def _large(old: str, new: str, options: AlignOptions) -> bool:
    # Whether either text has more words than the limit: split() stops after
    # limit + 1 of them (a regrouped row's text holds several hundred).
    limit = options.sentence_level_min_words
    return len(old.split(None, limit)) > limit or len(new.split(None, limit)) > limit


def order_matters(old: str, new: str, options: AlignOptions) -> bool:
    """Whether `by_sentence` can change what `diff_tokens` gives for the texts:
    only for different texts it would otherwise compare word by word (a large
    text is aligned by sentence, and a too long one by its head and tail,
    either way), so only then need a caller find out whether sentences changed
    order (which splits both texts into sentences); and only when their words
    differ."""
    if old == new or _paragraph_too_long(old, new, options):
        return False
    flats = same_flat(old, new)
    if flats is not None and _below_cap(flats, options):
        return False
    return not _large(old, new, options)


def _below_cap(flats: tuple[Flat, Flat], options: AlignOptions) -> bool:
    """Whether the word diff of texts of the same words would align them (below
    its cap, it keeps only a head and a tail)."""
    return flats[0].words ** 2 <= options.max_word_diff_cells
