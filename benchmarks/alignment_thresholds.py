"""Where the aligner's similarity thresholds come from (thresholds.py cites this).

    .venv/bin/python benchmarks/alignment_thresholds.py

Reads the article bodies of ../shared/eval/scrapinghub-aeb/ground-truth.json at
run time (paragraphs split on blank lines; nothing is copied into the
repository) and compares, with the engine's own word-pair coding:

* unrelated pairs: every two different paragraphs of one article — same topic,
  same names, the closest two paragraphs get without sharing text (what a wire
  swap looks like to the aligner);
* edited pairs: each paragraph against a seeded newsroom edit of itself.

It prints percentiles of word-pair similarity and containment, and how many
pairs of each sort the engine's "one edited paragraph" rule accepts at
several thresholds. Unrelated pairs should (almost) never pass, edits should.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from rapidfuzz.distance import LCSseq

from newsdiff_gui.core.align.text import WordPairCoder, clean, split_sentences
from newsdiff_gui.core.align.thresholds import PAIR_MIN_CONTAINMENT, SHARED_MIN_WORDS

GROUND_TRUTH = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "scrapinghub-aeb"
) / "ground-truth.json"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def edit(rng: random.Random, paragraph: str, kind: str, sentences: list[str]) -> str | None:
    words = paragraph.split()
    parts = split_sentences(paragraph)
    if kind == "figure":
        words[rng.randrange(len(words))] = str(rng.randrange(2, 500))
        return " ".join(words)
    if kind == "three words":
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(["new", "reportedly", "officials"])
        return " ".join(words)
    if kind == "sentence added":
        return paragraph + " " + rng.choice(sentences)
    if kind == "sentence dropped" and len(parts) >= 3:
        del parts[rng.randrange(len(parts))]
        return "".join(parts).strip()
    if kind == "one of 3+ sentences rewritten" and len(parts) >= 3:
        parts[rng.randrange(len(parts))] = rng.choice(sentences) + " "
        return "".join(parts).strip()
    return None


def main() -> int:
    if not GROUND_TRUTH.exists():
        print(f"skipped: {GROUND_TRUTH} not found")
        return 0
    data = json.loads(GROUND_TRUTH.read_text("utf-8"))
    articles = [
        [clean(p) for p in re.split(r"\n\s*\n", item.get("articleBody", "")) if p.strip()]
        for item in data.values()
    ]
    coder = WordPairCoder()
    rng = random.Random(11)
    sentences = [s.strip() for a in articles for p in a for s in split_sentences(p)]
    sentences = [s for s in sentences if len(s.split()) >= 6]

    def measure(a: str, b: str) -> tuple[float, float, int]:
        x, y = coder.encode(a), coder.encode(b)
        if not x or not y:
            return 0.0, 0.0, 0
        shared = LCSseq.similarity(x, y)
        return 2 * shared / (len(x) + len(y)), shared / min(len(x), len(y)), shared

    unrelated = []
    for article in articles:
        prose = [p for p in article if len(p.split()) >= 8]
        for i, a in enumerate(prose):
            for b in prose[i + 1 :]:
                if a != b:
                    unrelated.append(measure(a, b))
    edited: dict[str, list[tuple[float, float, int]]] = {}
    for kind in ("figure", "three words", "sentence added", "sentence dropped",
                 "one of 3+ sentences rewritten"):  # fmt: skip
        for article in articles:
            for paragraph in article:
                if len(paragraph.split()) < 8:
                    continue
                changed = edit(rng, paragraph, kind, sentences)
                if changed is not None and changed != paragraph:
                    edited.setdefault(kind, []).append(measure(paragraph, changed))

    def accepted(sample: list[tuple[float, float, int]], threshold: float) -> float:
        passing = sum(
            1
            for similarity, containment, shared in sample
            if similarity >= threshold
            or (shared >= SHARED_MIN_WORDS and containment >= PAIR_MIN_CONTAINMENT)
        )
        return passing / len(sample)

    print(f"unrelated same-article pairs: {len(unrelated)}")
    templated = sum(1 for u in unrelated if u[0] >= 0.6)
    print(f"  of which near-duplicates (similarity ≥ 0.6, list/template items): {templated}")
    print(
        "  similarity p50/p90/p99/p99.9: "
        + " / ".join(
            f"{percentile([u[0] for u in unrelated], q):.3f}" for q in (0.5, 0.9, 0.99, 0.999)
        )
    )
    for kind, sample in edited.items():
        print(
            f"edited ({kind}), n={len(sample)}: similarity p1/p5/p50: "
            + " / ".join(f"{percentile([s[0] for s in sample], q):.3f}" for q in (0.01, 0.05, 0.5))
        )
    print("\naccepted as one edited paragraph (similarity ≥ T, or containment rule;")
    print("T = 1.01: the containment rule alone):")
    print(f"{'T':>5} {'unrelated':>10} " + " ".join(f"{k[:14]:>15}" for k in edited))
    for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 1.01):
        row = " ".join(f"{accepted(sample, threshold):15.3f}" for sample in edited.values())
        print(f"{threshold:5.2f} {accepted(unrelated, threshold):10.4f} {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
