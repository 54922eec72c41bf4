"""Sentence truth under compound rewrites: the engine against the difflib baseline.

    .venv/bin/python benchmarks/sentence_stress.py [--revisions N] [--seed S] [--examples K]

The alignment benchmark (`alignment.py`) keeps each revision's truth unambiguous,
so it applies edits one at a time to paragraphs no other edit touched. Real
rewrites pile edits on the same text: a sentence moved *and* cut in two, a
paragraph reflowed while its sentences are joined, a copy edit on every fifth
sentence. No row-level truth is knowable for such revisions, but the contract
that matters most still is: a sentence of 8+ words that stands on the other side
(verbatim, or at least 0.9 alike) must not be shown as gone or new
(`sentence_truth.py`, the judge written apart from the aligner).

Revisions are real article texts (../shared/eval, as `alignment.py` reads them;
skipped when absent) with seeded rewrites made of these operations (`OPERATIONS`):
a sentence moved to another paragraph; one word replaced in a fifth of the
sentences; half the words of some sentences replaced; a sentence of another
article inserted; sentences deleted; two sentences joined with ", and"; a
sentence cut in two at a comma; a sentence repeated elsewhere (a pull quote);
every paragraph boundary redrawn (a template change). Each operation runs alone
on `--revisions` revisions, then 2–5 of them together. Printed: revisions with a
false claim, ours and the baseline's (`difflib_baseline.py`), in the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import sentence_truth
from benchmarks.alignment import load_articles
from benchmarks.difflib_baseline import baseline_align
from benchmarks.revision_script import Article
from benchmarks.revision_text import sentences
from newsdiff_gui.core.align import Diff, align
from newsdiff_gui.core.document import Document

# What a rewrite is made of: the sentences of each paragraph, edited in place.
Text = list[list[str]]
Operation = Callable[[Text, random.Random, Sequence[str]], Text]

_FILLER = [
    "council",
    "officials",
    "said",
    "the",
    "figure",
    "was",
    "revised",
    "after",
    "new",
    "reports",
    "reached",
    "the",
    "agency",
    "on",
    "monday",
]
_MAX_PARAGRAPHS = 40
_MIN_SENTENCES = 6
_MIN_SIDE_WORDS = 4


def _sentences_at(text: Text) -> list[tuple[int, int]]:
    return [(p, k) for p, paragraph in enumerate(text) for k in range(len(paragraph))]


def moved(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    for _ in range(rng.randint(1, 3)):
        p, k = rng.choice(_sentences_at(text))
        sentence = text[p].pop(k)
        target = text[rng.randrange(len(text))]
        target.insert(rng.randint(0, len(target)), sentence)
    return text


def _replace_words(sentence: str, count: int, rng: random.Random) -> str:
    words = sentence.split()
    for _ in range(count):
        words[rng.randrange(len(words))] = rng.choice(_FILLER)
    return " ".join(words)


def copy_edited(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    for paragraph in text:
        for k, sentence in enumerate(paragraph):
            if rng.random() < 0.2 and len(sentence.split()) >= _MIN_SIDE_WORDS:
                paragraph[k] = _replace_words(sentence, 1, rng)
    return text


def rewritten(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    for paragraph in text:
        for k, sentence in enumerate(paragraph):
            if rng.random() < 0.1 and len(sentence.split()) >= _MIN_SIDE_WORDS:
                paragraph[k] = _replace_words(sentence, len(sentence.split()) // 2, rng)
    return text


def inserted(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    for _ in range(rng.randint(1, 4)):
        target = text[rng.randrange(len(text))]
        target.insert(rng.randint(0, len(target)), rng.choice(donor))
    return text


def deleted(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    for _ in range(rng.randint(1, 4)):
        places = _sentences_at(text)
        if len(places) > 1:
            p, k = rng.choice(places)
            del text[p][k]
    return text


def joined(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    for paragraph in text:
        if len(paragraph) >= 2 and rng.random() < 0.3:
            k = rng.randrange(len(paragraph) - 1)
            first, second = paragraph[k], paragraph[k + 1]
            paragraph[k : k + 2] = [f"{first.rstrip('.!?')}, and {second[:1].lower()}{second[1:]}"]
    return text


def split(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    for paragraph in text:
        for k, sentence in enumerate(paragraph):
            head, comma, tail = sentence.partition(", ")
            if comma and tail and rng.random() < 0.3:
                paragraph[k] = f"{head}. {tail[:1].upper()}{tail[1:]}"
    return text


def repeated(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    p, k = rng.choice(_sentences_at(text))
    text[rng.randrange(len(text))].append(text[p][k])
    return text


def reflowed(text: Text, rng: random.Random, donor: Sequence[str]) -> Text:
    flat = [sentence for paragraph in text for sentence in paragraph]
    result: Text = []
    while flat:
        size = rng.randint(1, 5)
        result.append(flat[:size])
        flat = flat[size:]
    return result


OPERATIONS: dict[str, Operation] = {
    "moved": moved,
    "copy_edited": copy_edited,
    "rewritten": rewritten,
    "inserted": inserted,
    "deleted": deleted,
    "joined": joined,
    "split": split,
    "repeated": repeated,
    "reflowed": reflowed,
}


@dataclass(frozen=True, slots=True)
class Revision:
    source: str
    operations: tuple[str, ...]
    old: Document
    new: Document


def _document(paragraphs: Sequence[str]) -> Document:
    return Document(title="Revision", paragraphs=tuple(paragraphs))


def make_revisions(
    articles: Sequence[Article], names: Sequence[str], count: int, seed: int, mixed: bool
) -> list[Revision]:
    """`count` revisions of the operations `names` (all of them each time, or 2–5 at random)."""
    rng = random.Random(seed)
    usable = [a for a in articles if len(a.paragraphs) >= 4]
    revisions: list[Revision] = []
    while usable and len(revisions) < count:
        article, donor = rng.choice(usable), rng.choice(usable)
        old = list(article.paragraphs[:_MAX_PARAGRAPHS])
        text = [sentences(paragraph) for paragraph in old]
        if sum(map(len, text)) < _MIN_SENTENCES:
            continue
        size = min(len(names), rng.randint(2, 5))
        chosen = rng.sample(list(names), size) if mixed else list(names)
        spare = [s for paragraph in donor.paragraphs for s in sentences(paragraph)]
        for name in chosen:
            text = OPERATIONS[name](text, rng, spare or ["A sentence from another story."])
        new = [" ".join(paragraph) for paragraph in text if paragraph]
        revisions.append(Revision(article.source, tuple(chosen), _document(old), _document(new)))
    return revisions


Failure = tuple[Revision, list[sentence_truth.FalseClaim]]


def failures(
    revisions: Sequence[Revision], aligner: Callable[[Document, Document], Diff]
) -> list[Failure]:
    """The revisions whose diff shows a standing sentence as gone or new, with the claims."""
    found = ((r, sentence_truth.false_claims(aligner(r.old, r.new))) for r in revisions)
    return [(revision, claims) for revision, claims in found if claims]


def claimed(revisions: Sequence[Revision], aligner: Callable[[Document, Document], Diff]) -> int:
    """How many revisions show a standing sentence as gone or new."""
    return len(failures(revisions, aligner))


def _example(failure: Failure) -> str:
    revision, claims = failure
    said = "; ".join(
        f"{c.sentence.side} ¶{c.sentence.paragraph}: {c.sentence.text[:70]}" for c in claims[:2]
    )
    return f"  {revision.source} {'+'.join(revision.operations)}: {said}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--revisions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args(argv)
    articles = load_articles()
    if not articles:
        print("skipped: ../shared/eval is not present")
        return 0
    print(f"{'operations':<24}{'revisions':>10}{'ours':>8}{'difflib':>9}")
    failing: list[Failure] = []
    runs = [((name,), False) for name in OPERATIONS] + [(tuple(OPERATIONS), True)]
    for names, mixed in runs:
        revisions = make_revisions(articles, names, args.revisions, args.seed, mixed)
        ours = failures(revisions, align)
        base = claimed(revisions, baseline_align)
        label = "2-5 of them at once" if mixed else names[0]
        print(f"{label:<24}{len(revisions):>10}{len(ours):>8}{base:>9}")
        if mixed:
            failing = ours
    print("(revisions showing a standing sentence of 8+ words as gone or new)")
    if failing and args.examples:
        print("\nExamples (mixed):")
        for failure in failing[: args.examples]:
            print(_example(failure))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
