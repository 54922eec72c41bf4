"""Text helpers of the revision generator (`revision_edits.py`): sentences, keys,
"shares no text" tests, and the edits that only rewrite one paragraph's text.

Every edit returns the new text, or None when the paragraph offers nothing to
edit (no figure, too few sentences...); the generator then tries another one.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence

from newsdiff_gui.core.normalize import clean_text, fold_typography

MIN_PART_WORDS = 5  # shortest sentence run kept, split off or merged
SHORT_WORDS = 5  # below this, a paragraph is a heading or label, too short for shingles

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Cpl|Adm|Prof|Rev|Mt|Ft|No"
    r"|Jr|Sr|vs|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|\b\d{1,2})\.$"
)
_WORDS = re.compile(r"\w+")
_NUMBER_WORDS = {"two": "three", "three": "four", "four": "five", "five": "six",
                 "six": "seven", "seven": "at least eight", "eight": "nine", "nine": "ten",
                 "ten": "at least 11", "dozens": "hundreds", "hundreds": "thousands"}  # fmt: skip
_NUMBER = re.compile(r"\b(\d{1,4})\b|\b(" + "|".join(_NUMBER_WORDS) + r")\b")


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (not cut after "Mr.", an initial or a day: "am 12. Mai")."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[start : match.start()]):
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def prose(paragraph: str) -> list[str]:
    """Its sentences that end like sentences (not headings or list items), for adding."""
    return [s for s in sentences(paragraph) if s.rstrip('"”’)').endswith((".", "!", "?"))]


def words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def word_count(text: str) -> int:
    """Words proper: list dashes and bullets ("- Building - HVAC") are not words."""
    return len(_WORDS.findall(text))


def paragraph_key(text: str) -> str:
    """What two paragraphs share when they are 'the same' up to case, quotes and punctuation."""
    return " ".join(words(fold_typography(text)))


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[k : k + size]) for k in range(len(w) - size + 1)}


def _pairs(text: str) -> set[tuple[str, str]]:
    w = words(text)
    return set(itertools.pairwise(w))


class Unrelated:
    """Does a text share nothing with these paragraphs? No five-word run, no whole
    paragraph (up to case/quotes/punctuation), no whole short paragraph of theirs
    inside it (a heading "Battery life" inside "Battery life lags behind Sony"),
    and, when both are short, not most of a short one's words ("Who is it for?"
    and "Who's it's for"): pairing those would be arguable, not invented."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.shingles = set().union(*(shingles(p) for p in paragraphs))
        self.keys = {paragraph_key(p) for p in paragraphs}
        self.short = [k for k in self.keys if len(k.split()) < SHORT_WORDS]

    def __call__(self, text: str) -> bool:
        key = paragraph_key(text)
        padded, mine = f" {key} ", set(key.split())
        return (
            key not in self.keys
            and not shingles(text) & self.shingles
            and not any(f" {short} " in padded for short in self.short)
            and not (
                len(mine) < 2 * SHORT_WORDS
                and any(2 * len(mine & set(s.split())) > len(s.split()) for s in self.short)
            )
        )


def vocabulary(paragraphs: Sequence[str]) -> set[str]:
    return {w for p in paragraphs for w in words(p) if len(w) >= 4}


def topic_overlap(text: str, topic: set[str]) -> float:
    """Share of the text's longer words that the topic vocabulary holds."""
    mine = vocabulary([text])
    return len(mine & topic) / len(mine) if mine else 0.0


def clean_article(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Cleaned, non-empty paragraphs with repeats (by `paragraph_key`) dropped."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        text, key = clean_text(paragraph), paragraph_key(paragraph)
        if key and key not in seen:
            seen.add(key)
            kept.append(text)
    return tuple(kept)


def distinctive(paragraphs: Sequence[str]) -> list[bool]:
    """True for paragraphs sharing < half their word pairs with every other one."""
    sets = [_pairs(p) for p in paragraphs]
    flags = []
    for k, mine in enumerate(sets):
        flags.append(
            all(
                not mine or not other or len(mine & other) < 0.5 * min(len(mine), len(other))
                for m, other in enumerate(sets)
                if m != k
            )
        )
    return flags


# -- paragraph text edits ---------------------------------------------------------------


def number_update(text: str, rng: random.Random) -> str | None:
    """A figure updated: "12" -> "14", "seven" -> "at least eight"."""
    found = list(_NUMBER.finditer(text))
    if not found:
        return None
    match = rng.choice(found)
    new = str(int(match[1]) + rng.randint(1, 5)) if match[1] else _NUMBER_WORDS[match[2]]
    return text[: match.start()] + new + text[match.end() :]


def sentence_removed(text: str, rng: random.Random) -> str | None:
    """A sentence trimmed: not the first, at most a third of the words, so what is
    left is unmistakably that paragraph (a trim, not a rewrite)."""
    parts = sentences(text)
    if len(parts) < 3:
        return None
    drop = rng.randrange(1, len(parts))
    if word_count(parts[0]) < MIN_PART_WORDS or 3 * word_count(parts[drop]) > word_count(text):
        return None
    return " ".join(parts[:drop] + parts[drop + 1 :])


def rephrased(text: str, donor: Sequence[str], rng: random.Random) -> str | None:
    """A copy edit: 2–3 short runs of words (about 15 % of them) replaced by words of
    another text, as in "said on Tuesday" -> "told reporters". Over 80 % of the
    words stay, in order, so it is plainly the same paragraph edited."""
    tokens = text.split(" ")
    budget = len(tokens) * 15 // 100
    if budget < 2 or len(donor) < 3:
        return None
    starts = sorted(rng.sample(range(len(tokens) - 3), min(3, budget // 2, len(tokens) - 3)))
    for start in reversed(starts):  # from the end, so earlier positions stay valid
        size = rng.randint(1, 2)
        at = rng.randrange(len(donor) - 2)
        tokens[start : start + size] = donor[at : at + rng.randint(1, 3)]
    return " ".join(tokens)


def with_typo(text: str, rng: random.Random) -> str | None:
    """The text with two letters of one longer word swapped (a typo to be fixed)."""
    candidates = list(re.finditer(r"\b[a-z]{5,}\b", text))
    if not candidates:
        return None
    match = rng.choice(candidates)
    word, k = match[0], rng.randrange(1, len(match[0]) - 2)
    typo = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    return None if typo == word else text[: match.start()] + typo + text[match.end() :]


def quote_style(text: str, rng: random.Random) -> str | None:
    """Curly quotes straightened (and sometimes an em dash made a spaced en dash), or
    straight quotes curled, or a spaced hyphen made an em dash: a minor edit."""
    if re.search("[“”‘’—–]", text):
        out = text.translate(str.maketrans("“”‘’", "\"\"''"))
        return out.replace("—", " – ") if rng.random() < 0.3 else out
    if re.search("[\"']", text):
        return re.sub(r'"([^"]*)"', "“\\1”", text).replace("'", "’")
    return text.replace(" - ", "—") if " - " in text else None


def case_change(text: str, rng: random.Random) -> str | None:
    """One word inside a sentence capitalised or lower-cased: a minor edit."""
    found = list(re.finditer(r"(?<=[a-z,;] )([A-Za-z][a-z]{3,})\b", text))
    if not found:
        return None
    match = rng.choice(found)
    word = match[1]
    swapped = word.lower() if word[0].isupper() else word.capitalize()
    return text[: match.start(1)] + swapped + text[match.end(1) :]
