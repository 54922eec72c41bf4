"""Text forms the aligner compares: cleaned text, minor-edit keys, word-pair codes, sentences."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from enum import StrEnum

import ftfy

from newsdiff_gui.core.normalize import clean_text, fold_typography, has_printable_ignorables


def clean(text: str) -> str:
    """Exactly `clean_text(text)`, fast for text that is already clean.

    Most paragraphs hold no invisible character, no odd or doubled space and
    nothing to strip, and proving that with str methods is ~10x cheaper than
    cleaning, which matters on a 3,000-paragraph live blog. `isprintable()` is
    False for every character `clean_text` drops or turns into a space (all
    Unicode whitespace but " ", zero-width characters, soft hyphens); other
    non-printables merely take the slow path. The few noise characters that are
    printable (Hangul fillers, stray variation selectors) are looked for apart.
    """
    plain = text.isascii() or _ascii_but_marks(text)
    if (
        text.isprintable()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
        and (
            plain or (unicodedata.is_normalized("NFC", text) and not has_printable_ignorables(text))
        )
    ):
        return text
    if plain:
        # Nothing to drop, and in NFC already: `clean_text` only makes each run
        # of whitespace one space and strips the ends, which str.split does
        # (it cuts at the very characters \s matches) without a regex pass.
        return " ".join(text.split())
    return clean_text(text)


def _ascii_but_marks(text: str) -> bool:
    """Whether the text is ASCII but for the common marks of news prose (curly
    quotes, dashes, ellipses): such text is in NFC and holds no noise (the
    marks are neither), told by str methods faster than by the two checks."""
    for mark in _COMMON_PUNCTUATION:
        if mark in text:
            text = text.replace(mark, "")
    return text.isascii()


# The minor-edit key drops everything but letters, digits and spaces, and
# folds case: what is left differs only if words changed. (Symbols such as $ and
# % go too; a changed figure is caught by the numbers check, which keeps the row
# from being called minor.)
# (Underscores, word characters to \w, are spaced apart by str.replace: a pattern
# of one character set is scanned for faster than "[^\w\s]+|_+", and the keys
# differ only in how many spaces stand between words, which split() drops.)
_NOT_WORD = re.compile(r"[^\w\s]+")
# Non-ASCII non-word characters common in news prose: curly quotes, dashes,
# ellipsis, no-break space. Without them most non-ASCII paragraphs are ASCII.
_COMMON_PUNCTUATION = "\u2019\u2018\u201c\u201d\u2014\u2013\u2026\u00a0"
# ASCII bytes that are not letters or digits (underscores included) become spaces.
_ASCII_STYLE_BYTES = bytes(c if chr(c).isalnum() else ord(" ") for c in range(128)) + bytes(
    range(128, 256)
)


def _style_key(text: str) -> str:
    if not text.isascii():
        # The common marks are no word characters: spaces in their place cut
        # the words as the pattern does (the no-break space is one already).
        for mark in _COMMON_PUNCTUATION:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            # split() cuts at exactly the characters \s matches (str.isspace): the
            # same as collapsing runs of them and stripping, without a second regex pass.
            return " ".join(_NOT_WORD.sub(" ", text.replace("_", " ")).casefold().split())
    # ASCII: every byte but a letter or digit is a space (a byte table, not a
    # pattern tested per character; half a row's minor check).
    return " ".join(
        text.encode("ascii").translate(_ASCII_STYLE_BYTES).decode("ascii").lower().split()
    )


def minor_key(text: str) -> str:
    """Equal keys ⇔ the cleaned texts differ at most in punctuation, quote/dash style,
    case or mis-decoding ("SeÃ±ora" for "Señora": see `fix_mis_decoding`)."""
    return _style_key(fix_mis_decoding(text))


class MinorReason(StrEnum):
    """Why an edit is minor (JSON values are the strings). One reason per row: the
    first that applies of mis-decoding, quote/dash style, letter case, punctuation
    (the last also covers a mix of punctuation with quotes or case)."""

    MIS_DECODING = "mis_decoding"
    QUOTES_DASHES = "quotes_dashes"
    LETTER_CASE = "letter_case"
    PUNCTUATION = "punctuation"


def minor_reason(old: str, new: str) -> MinorReason | None:
    """Why two different cleaned texts are a minor edit of each other, None if words changed."""
    if _style_key(old) != _style_key(new):
        fixed_old, fixed_new = fix_mis_decoding(old), fix_mis_decoding(new)
        if (fixed_old, fixed_new) == (old, new) or _style_key(fixed_old) != _style_key(fixed_new):
            return None
        return MinorReason.MIS_DECODING
    if fold_typography(old) == fold_typography(new) and old.casefold() != new.casefold():
        return MinorReason.QUOTES_DASHES
    if old.casefold() == new.casefold():
        return MinorReason.LETTER_CASE
    return MinorReason.PUNCTUATION


# Mojibake starts with the first character of a UTF-8 sequence read as Windows-1252
# or Latin-1 (Â, Ã, â, ...) followed by one of a continuation byte (U+0080–U+00BF
# or the Windows-1252 letters and signs at 0x80–0x9F): "Ã±", "â€™". A cleaned
# mis-decoded no-break space is "Â " (and "à" is "Ã "). Text without such a pair
# (nearly all text) never reaches ftfy.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2\u00c3] |[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
    "\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
    "\u2030\u2039\u203a\u20ac\u2122]"
)
# The character every hint opens with: looked for first, as a pattern of one
# character set is scanned for several times as fast, and most non-ASCII news
# text (curly quotes, dashes) holds none.
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")


def fix_mis_decoding(text: str) -> str:
    """`text` with mojibake undone by ftfy ("SeÃ±ora" → "Señora", "â€™" → "’", a stray
    "Â" before a space dropped), cleaned again; `text` itself when it shows no sign of it."""
    if text.isascii() or not _MOJIBAKE_LEAD.search(text) or not _MOJIBAKE_HINT.search(text):
        return text
    return clean_text(ftfy.fix_encoding(text))


_WORD = re.compile(r"\w+")
# ASCII bytes that are not word characters (`\w`: letters, digits, "_") become
# spaces; other bytes stay.
_ASCII_WORD_BYTES = bytes(
    c if c >= 0x80 or chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(256)
)


def words(text: str) -> list[str]:
    """`_WORD.findall(text)`, at about half the cost (the sentence pass reads
    the words of every sentence it splits; the regex built a string per match
    after a Unicode test per character). ASCII text is cut with byte tables."""
    if not text.isascii():
        for mark in _COMMON_PUNCTUATION:
            if mark in text:
                text = text.replace(mark, " ")  # (not word characters: the same cut)
        if not text.isascii():
            return _WORD.findall(text)
    return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()


# A character that is neither a word character nor whitespace (one for one: a
# space in its place keeps every offset).
_NOT_WORD_NOR_SPACE = re.compile(r"[^\w\s]")


def word_gaps(text: str) -> str:
    """`text` with every character that is not part of a word as a space, so
    that `result[a:b].split() == words(text[a:b])` for any slice (no character
    is both a word character and whitespace). A paragraph's sentences then take
    their words from one pass over it."""
    if not text.isascii():
        for mark in _COMMON_PUNCTUATION:
            if mark in text:
                text = text.replace(mark, " ")  # (one character for one: offsets hold)
        if not text.isascii():
            return _NOT_WORD_NOR_SPACE.sub(" ", text)
    return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii")


# One alignment codes the same texts several times (paragraphs when pairing
# and grouping, sentences each time a row is re-diffed around moved text).
@functools.lru_cache(maxsize=8192)
def _casefolded_words(text: str) -> tuple[str, ...]:
    if _JOINER in text:
        # A row's text joins paragraphs whose words are known (pairing read
        # them), and no word spans a paragraph break.
        paragraphs = map(_casefolded_words, text.split(_JOINER))
        return tuple(itertools.chain.from_iterable(paragraphs))
    return tuple(words(text.casefold()))


_JOINER = "\n\n"  # model.PARAGRAPH_JOINER (model.py imports this module)


casefolded_words = _casefolded_words  # the text's casefolded words (cached)


# Word-pair codes stay below the plane single-word codes use (U+F0000…).
_LAST_PAIR_CODE = 0xF0000


class WordPairCoder:
    """Codes texts as strings whose characters are word pairs (bigrams).

    rapidfuzz's LCS on such strings is a word-pair LCS at C speed. Word pairs,
    not single words, because two unrelated paragraphs on one topic share many
    words in order ("the", "said", the names) but few word pairs (see
    thresholds.py). Each word is paired with the word before it (the first
    with a start mark), so a text of n words has n codes.
    """

    def __init__(self) -> None:
        self._codes: dict[tuple[str, str], str] = {}
        # Single-word codes live in a plane of their own (U+F0000…): never
        # compared with word-pair codes, and 65,536 distinct short-text words
        # are plenty (beyond, codes repeat: a similarity estimate, never text).
        self._word_codes: dict[str, str] = {}
        self._extra = 0

    def encode(self, text: str) -> str:
        # Casefolded words: quote and dash style, punctuation and case do not
        # change the codes (they are minor edits, told apart by `minor_key`).
        words = _casefolded_words(text)
        pairs = list(zip(["\x00", *words], words, strict=False))
        codes = self._codes
        try:  # most texts repeat pairs already coded (the other version's text)
            return "".join(map(codes.__getitem__, pairs))
        except KeyError:
            pass
        unseen = [pair for pair in dict.fromkeys(pairs) if pair not in codes]
        if unseen:
            start = len(codes) + 0x100
            if start + len(unseen) >= 0xD800:  # skip the surrogate block
                start += 0x800
            numbers = range(start, start + len(unseen))
            if numbers.stop > _LAST_PAIR_CODE:
                # Over a million distinct word pairs: codes wrap around and may
                # repeat, which only blurs similarities, never the text.
                span = _LAST_PAIR_CODE - 0xE000
                values = [0xE000 + (n - 0xE000) % span for n in numbers]
                codes.update(zip(unseen, map(chr, values), strict=True))
            else:
                codes.update(zip(unseen, map(chr, numbers), strict=True))
        return "".join(map(codes.__getitem__, pairs))

    def encode_words(self, text: str) -> str:
        """Single casefolded words as codes (for short texts; see thresholds.py)."""
        words = _casefolded_words(text)
        codes = self._word_codes
        for word in dict.fromkeys(words):  # in order of first appearance, as they come
            if word not in codes:
                codes[word] = self._next_code()
        return "".join(map(codes.__getitem__, words))

    def _next_code(self) -> str:
        self._extra += 1
        return chr(0xF0000 + self._extra % 0x10000)


# A sentence ends at . ! ? (with closing quotes/brackets) before whitespace and
# a capital, digit or opening quote. Abbreviations ("Mr. Smith") cut a sentence
# short now and then; that only makes the sentence diff a little finer.
# (The stop is matched, not looked behind for: a pattern that opens with a set
# of characters is scanned for at C speed, twice as fast; the ends are the same.)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9À-Ý])")


def full_stops_only(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, which opens with the set [.!?], opening with "." alone: the
    same matches in a text holding no "!" and no "?" (most paragraphs), found
    several times as fast (a pattern that opens with one character is scanned
    for by comparing characters, one that opens with a set by testing each)."""
    assert pattern.pattern.startswith("[.!?]")
    return re.compile("\\." + pattern.pattern[len("[.!?]") :], pattern.flags)


def stops_in(text: str, pattern: re.Pattern[str], dots: re.Pattern[str]) -> re.Pattern[str]:
    """`dots` (`full_stops_only(pattern)`) where `text` holds no "!" and no "?", else `pattern`."""
    return dots if "!" not in text and "?" not in text else pattern


_SENTENCE_END_DOTS = full_stops_only(_SENTENCE_END)


def split_sentences(text: str) -> list[str]:
    """Sentences with their trailing whitespace, so ''.join(result) == text."""
    stops = stops_in(text, _SENTENCE_END, _SENTENCE_END_DOTS)
    bounds = [0, *(match.end() for match in stops.finditer(text))]
    pieces = [text[start:end] for start, end in itertools.pairwise(bounds)]
    if bounds[-1] < len(text):
        pieces.append(text[bounds[-1] :])
    return pieces


# `_SENTENCE_END` with the whitespace after the stop as a group (it opens where
# the sentence's own text ends).
_SENTENCE_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9À-Ý])")
_SENTENCE_STOP_DOTS = full_stops_only(_SENTENCE_STOP)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of `split_sentences(text)` without the
    whitespace around it, leaving out a piece of only whitespace (a sentence
    is read from its text where it stands: no piece is cut out first)."""
    bounds = []
    start = len(text) - len(text.lstrip())  # (only the first piece may open with whitespace)
    for match in stops_in(text, _SENTENCE_STOP, _SENTENCE_STOP_DOTS).finditer(text):
        stop, start_next = match.span(1)
        bounds.append((start, stop))
        start = start_next
    end = len(text.rstrip())
    if start < end:
        bounds.append((start, end))
    return bounds


def sentence_keys(text: str, min_words: int) -> set[tuple[str, ...]]:
    """The text's sentences of at least `min_words` words, as casefolded word tuples."""
    keys = set()
    for sentence in split_sentences(text):
        key = tuple(words(sentence.casefold()))
        if len(key) >= min_words:
            keys.add(key)
    return keys


# A word with the whitespace after it; ''.join(findall(text)) == text for text
# without leading whitespace (cleaned text, and "\n\n"-joined cleaned texts).
_WORD_ITEM = re.compile(r"\S+\s*|\s+")


def word_items(text: str) -> list[str]:
    return _WORD_ITEM.findall(text)


def word_count(text: str) -> int:
    return len(text.split())


def clean_word_count(text: str) -> int:
    """`word_count` of a `clean`ed text: its words stand one space apart (cleaning
    leaves no other whitespace, and none at either end), so they are counted
    without being cut out (a wire swap counts every paragraph's words)."""
    return text.count(" ") + 1 if text else 0
