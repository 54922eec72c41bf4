"""The aligner's output, pinned: speed work on core/align must not change a single diff.

Seeded newsroom edits of generated articles (light edits, figures updated,
sentences moved across paragraphs, an outlet's rewrite gathering first sentences
into new ledes, splits and merges, reordered paragraphs, list items cut,
mis-decoding, number-word noise, long paragraphs, wire swaps) are aligned, and
the schema-2 JSON of every diff is hashed per edit kind. A change that is meant
to change output updates the digests (`python tests/core/test_align_pinned.py`
prints them) and says why in its commit.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document

_SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vas", "pel", "du", "shi", "an", "gor", "bel"]
_NUMBERS = ["seven", "at least eight", "12", "1,200", "more than 40", "one", "$5 million", "3.5"]
_NAMES = ["Mayor Smith", "Señora Ortiz", "Dr. Okafor", "the council", "police"]

Edit = Callable[[random.Random, list[str]], list[str]]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    words = [rng.choice(vocabulary) for _ in range(rng.randint(4, 16))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(_NUMBERS))
    if rng.random() < 0.3:
        words.insert(0, rng.choice(_NAMES) + " said")
    text = " ".join(words)
    if rng.random() < 0.15:
        text = f"“{text},” she said"
    return text[0].upper() + text[1:] + "."


def _article(rng: random.Random, vocabulary: list[str], count: int) -> list[str]:
    paragraphs = []
    for _ in range(count):
        sentences = [_sentence(rng, vocabulary) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.1:  # a list-like paragraph
            sentences = ["; ".join(s.rstrip(".") for s in sentences) + "."]
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _sentences(paragraph: str) -> list[str]:
    parts = paragraph.replace(". ", ".\n").split("\n")
    return [p for p in parts if p]


def _light(rng: random.Random, paragraphs: list[str]) -> list[str]:
    new = list(paragraphs)
    for index in rng.sample(range(len(new)), max(1, len(new) // 10)):
        words = new[index].split()
        words[rng.randrange(len(words))] = rng.choice([*_NUMBERS, "reportedly", "later"])
        new[index] = " ".join(words)
    return new


def _moved_sentence(rng: random.Random, paragraphs: list[str]) -> list[str]:
    new = [_sentences(p) for p in paragraphs]
    for _ in range(max(1, len(new) // 8)):
        source, target = rng.randrange(len(new)), rng.randrange(len(new))
        if len(new[source]) > 1 and source != target:
            sentence = new[source].pop(rng.randrange(len(new[source])))
            if rng.random() < 0.5:
                sentence = sentence.replace("seven", "at least eight").replace("12", "14")
            new[target].insert(rng.randint(0, len(new[target])), sentence)
    return [" ".join(s) for s in new if s]


def _rewrite(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Each run of 3-4 paragraphs gives its first sentences to a new lede."""
    new, k = [], 0
    while k < len(paragraphs):
        run = [_sentences(p) for p in paragraphs[k : k + rng.randint(3, 4)]]
        k += len(run)
        new.append(" ".join(s[0] for s in run))
        new += [" ".join(s[1:]) for s in run if len(s) > 1]
    return new


def _split_merge(rng: random.Random, paragraphs: list[str]) -> list[str]:
    new: list[str] = []
    for paragraph in paragraphs:
        sentences = _sentences(paragraph)
        roll = rng.random()
        if roll < 0.2 and len(sentences) > 1:
            cut = rng.randint(1, len(sentences) - 1)
            new += [" ".join(sentences[:cut]), " ".join(sentences[cut:])]
        elif roll < 0.4 and new:
            new[-1] += " " + paragraph
        else:
            new.append(paragraph)
    return new


def _reordered(rng: random.Random, paragraphs: list[str]) -> list[str]:
    new = list(paragraphs)
    for _ in range(max(1, len(new) // 6)):
        new.insert(rng.randrange(len(new)), new.pop(rng.randrange(len(new))))
    return new


def _list_cut(rng: random.Random, paragraphs: list[str]) -> list[str]:
    return [
        p.split("; ")[0].replace("12", "55") + "." if "; " in p and rng.random() < 0.7 else p
        for p in paragraphs
    ]


def _noise(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Mis-decoding, number-word noise and punctuation: nothing a reader must check."""
    new = []
    for paragraph in paragraphs:
        roll = rng.random()
        if roll < 0.2:
            paragraph = paragraph.encode("utf-8").decode("latin-1", errors="replace")
        elif roll < 0.35:
            paragraph = "One reason is that " + paragraph[0].lower() + paragraph[1:]
        elif roll < 0.5:
            paragraph = paragraph.replace(",", ";").replace("“", '"').replace("”", '"')
        new.append(paragraph)
    return new


def _long(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """A page whose paragraph breaks were lost, then edited."""
    return _light(rng, [" ".join(paragraphs[: len(paragraphs) // 2]), *paragraphs[-3:]])


def _half(rng: random.Random, paragraphs: list[str]) -> list[str]:
    return [_moved_sentence(rng, [p, p])[0] if k % 2 else p for k, p in enumerate(paragraphs)]


_EDITS: dict[str, Edit] = {
    "light": _light,
    "moved_sentence": _moved_sentence,
    "rewrite": _rewrite,
    "split_merge": _split_merge,
    "reordered": _reordered,
    "list_cut": _list_cut,
    "noise": _noise,
    "long": _long,
    "half": _half,
}

# sha256 of the schema-2 JSON lines of every diff of each kind (see the docstring).
PINNED = {
    "light": "f48deb0723c66e95a201e3af90eaa7c19b2a71e9acbe766597f559f63c29088f",
    "moved_sentence": "000c9457fdcb66d5b2a4ef85ba2f7919618bef47031b7fca65b20790ac4b8169",
    "rewrite": "4b82f33a81cac05896327d4b3bf59868c9eecea3c17105e9a89cfcc6b85baeb3",
    "split_merge": "86aa0668c5048731601dd2650a66bd7808908ace99868562257c684ebba1a3c9",
    "reordered": "f0c6892d6a86074b31faf0e0f6c1de748f1f0a487a47f77f4d38b7ac52208e9e",
    "list_cut": "e0d798501b8d79d8c12ce9b277a82abb4f6b4f8745cea1869c343c8e0a8b4c68",
    "noise": "be75998b8f2b9be01b1f8e0eb14a14405b464897f6148b9b539158d71e00a0f2",
    "long": "46aa4d4704d6376ab1bbadeff208fb246b519a6f8f21dacba907d41894ae8dea",
    "half": "ca665c934ad00deff8b98a0b517ab87b8ee21e4ecd6cc69e8328d4e11c6cb967",
    "wire_swap": "e98bc637fd2a84cc145af250afe956f431926924a009038317ec49fcf97f2972",
}


def _diff_line(old: list[str], new: list[str], title: str) -> str:
    diff = align(Document(title, tuple(old)), Document(title + " (updated)", tuple(new)))
    return json.dumps(diff.to_json_dict(), sort_keys=True, ensure_ascii=False)


def digests() -> dict[str, str]:
    found = {}
    for name, edit in _EDITS.items():
        rng = random.Random(name)
        lines = []
        for size in (3, 8, 20, 45):
            vocabulary = [_word(rng) for _ in range(60)]
            old = _article(rng, vocabulary, size)
            new = edit(rng, old)
            lines += [_diff_line(old, new, name), _diff_line(new, old, name)]
        found[name] = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    rng = random.Random("wire swap")
    lines = []
    for size in (5, 25):
        vocabulary = [_word(rng) for _ in range(60)]
        lines.append(
            _diff_line(_article(rng, vocabulary, size), _article(rng, vocabulary, size), "w")
        )
    found["wire_swap"] = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return found


def test_every_pinned_diff_is_unchanged() -> None:
    assert digests() == PINNED


if __name__ == "__main__":
    for name, digest in digests().items():
        print(f'    "{name}": "{digest}",')
