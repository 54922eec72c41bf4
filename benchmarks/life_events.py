"""Is the story still at its address? Accuracy and cost of the judge, on real articles.

    .venv/bin/python benchmarks/life_events.py [--keep 0.3]

Over the 181 article bodies of ../shared/eval/scrapinghub-aeb/ground-truth.json
(read at run time, never copied), with a headline made of each body's first
words, it runs `core/life_judge.related`, the test behind "another story at the
address → gone", on two kinds of pair:

* another story: each article against the next one. Saying "same story" here
  misses a gone story;
* a heavy rewrite: the article keeping a seeded `--keep` share of its
  paragraphs (one sentence of each kept paragraph reworded), two paragraphs of
  another article added, and a new headline. Saying "another story" here is a
  false "gone", the error the judge must not make.

It prints both error counts and the judge's time per pair against a baseline
measured in the same run: one `align` of the rewrite pair, which every new
version already costs the app (timeline, notification). Targets: no false gone,
and the judge's median under the baseline's median; exit status 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

from newsdiff_gui.core.align import align
from newsdiff_gui.core.align.text import split_sentences
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.life_judge import pair_share, related

EVAL_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
GROUND_TRUTH = EVAL_DIR / "scrapinghub-aeb" / "ground-truth.json"


def load_documents() -> list[Document]:
    data = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    documents = []
    for item in data.values():
        paragraphs = tuple(p.strip() for p in item["articleBody"].split("\n") if p.strip())
        if len(paragraphs) >= 4:
            title = " ".join(paragraphs[0].split()[:9])
            documents.append(Document(title, paragraphs))
    return documents


def rewrite(document: Document, other: Document, keep: float, rng: random.Random) -> Document:
    count = max(1, round(len(document.paragraphs) * keep))
    kept = sorted(rng.sample(range(len(document.paragraphs)), count))
    paragraphs = []
    for index in kept:
        sentences = split_sentences(document.paragraphs[index])
        if len(sentences) > 1:
            changed = rng.randrange(len(sentences))
            sentences[changed] = "Officials gave a different account later on Tuesday. "
        paragraphs.append("".join(sentences).strip())
    paragraphs[1:1] = other.paragraphs[-2:]
    return Document("A new headline the newsroom chose later", tuple(paragraphs))


def timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=float, default=0.3)
    args = parser.parse_args()
    rng = random.Random(14)
    documents = load_documents()
    others = documents[1:] + documents[:1]
    missed, false_gone = 0, 0
    judge_times, align_times, shares = [], [], []
    for document, other in zip(documents, others, strict=True):
        if related(document, other):
            missed += 1
        shares.append(pair_share(document, other))
        judge_times.append(timed(lambda d=document, o=other: related(d, o)))
        edited = rewrite(document, other, args.keep, rng)
        if not related(document, edited):
            false_gone += 1
        align_times.append(timed(lambda d=document, e=edited: align(d, e)))
    pairs = len(documents)
    judge, baseline = statistics.median(judge_times), statistics.median(align_times)
    print(f"{pairs} articles; rewrites keep {args.keep:.0%} of their paragraphs")
    print(f"another story judged the same story (a missed gone): {missed} of {pairs}")
    print(f"rewrite judged another story (a false gone):         {false_gone} of {pairs}")
    print(
        f"another story's word pairs found: median {statistics.median(shares):.3f}, "
        f"max {max(shares):.3f}"
    )
    print(f"judge per pair: median {judge * 1000:.2f} ms, max {max(judge_times) * 1000:.1f} ms")
    print(f"baseline align: median {baseline * 1000:.2f} ms, max {max(align_times) * 1000:.1f} ms")
    print(f"ratio of medians {judge / baseline:.3f} (target < 1, and no false gone)")
    return 0 if false_gone == 0 and judge < baseline else 1


if __name__ == "__main__":
    sys.exit(main())
