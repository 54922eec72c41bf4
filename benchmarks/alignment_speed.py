"""Speed of `align` against difflib on the same pairs, in the same run.

    .venv/bin/python benchmarks/alignment_speed.py [--repeat N] [--cpu]

Pairs are synthesised from real article text (paragraphs of
../shared/eval/scrapinghub-aeb/ground-truth.json, read at run time, never
copied into the repository) with seeded newsroom edits. For every pair it
prints the median wall-clock time (`--cpu`: the least CPU time of the process,
steadier on a shared machine; the project's text caches are emptied before each
run, so every run is a first comparison) of:

* `align(old, new)` (this project),
* `difflib.HtmlDiff().make_table(old, new)` on the paragraphs as lines,
* a difflib paragraph baseline: SequenceMatcher over paragraphs, position
  pairing inside replace blocks (as HtmlDiff pairs lines), a word diff per pair,

and the ratios. The rewrite pairs gather first sentences into new ledes and
move sentences across paragraphs (the sentence-level work of issue 11).
Targets (issue 3): never slower than HtmlDiff; ≤ 5 ms for any 40-paragraph
pair; ≤ 50 ms for any 300-paragraph pair; ≤ 100 ms for a 3,000-paragraph live
blog with light edits; ≤ 50 ms in total for the 15
consecutive diffs of a 16-version history. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import itertools
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document

EVAL_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
GROUND_TRUTH = EVAL_DIR / "scrapinghub-aeb" / "ground-truth.json"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER_WORDS = ["two", "three", "five", "seven", "at least eight", "dozens of", "12", "40"]


@dataclass(frozen=True)
class Pair:
    name: str
    old: Document
    new: Document
    target_ms: float


def load_articles() -> list[list[str]]:
    data = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    articles = []
    for item in data.values():
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", item.get("articleBody", ""))]
        paragraphs = [p for p in paragraphs if len(p.split()) >= 8]
        if paragraphs:
            articles.append(paragraphs)
    return articles


class Editor:
    """Seeded newsroom edits on a paragraph."""

    def __init__(self, seed: int, sentences: list[str]) -> None:
        self.random = random.Random(seed)
        self.sentences = sentences

    def edit(self, paragraph: str) -> str:
        choice = self.random.randrange(4)
        words = paragraph.split()
        if choice == 0:  # a figure updated
            words.insert(self.random.randrange(len(words)), self.random.choice(_NUMBER_WORDS))
            return " ".join(words)
        if choice == 1:  # a sentence added
            return paragraph + " " + self.random.choice(self.sentences)
        if choice == 2:  # a few words changed
            for _ in range(3):
                words[self.random.randrange(len(words))] = self.random.choice(
                    ["reportedly", "officials", "new", "later", "Tuesday"]
                )
            return " ".join(words)
        sentences = _SENTENCE.split(paragraph)  # a sentence dropped or rewritten
        if len(sentences) > 1:
            sentences[self.random.randrange(len(sentences))] = self.random.choice(self.sentences)
            return " ".join(sentences)
        return paragraph + " " + self.random.choice(self.sentences)


def build_pairs(articles: list[list[str]]) -> tuple[list[Pair], list[Document]]:
    rng = random.Random(3)
    pool = [p for a in articles for p in a]
    sentences = [s for p in pool for s in _SENTENCE.split(p) if len(s.split()) >= 6]
    editor = Editor(7, sentences)

    def take(count: int, start: int) -> list[str]:
        return [pool[(start + k) % len(pool)] for k in range(count)]

    def light(paragraphs: list[str]) -> list[str]:
        new = list(paragraphs)
        for index in rng.sample(range(len(new)), max(2, len(new) // 20)):
            new[index] = editor.edit(new[index])
        new.insert(rng.randrange(len(new)), rng.choice(pool))
        del new[rng.randrange(len(new))]
        return new

    def half(paragraphs: list[str]) -> list[str]:
        return [editor.edit(p) if k % 2 else p for k, p in enumerate(paragraphs)]

    def rewrite(paragraphs: list[str]) -> list[str]:
        """An outlet's rewrite: each run of 4 paragraphs gives its first sentences to a
        new lede of the run, and every tenth paragraph's last sentence moves 5 on."""
        new = [_SENTENCE.split(p) for p in paragraphs]
        for k in range(0, len(new) - len(new) % 10, 10):
            if len(new[k]) > 1:
                new[(k + 5) % len(new)].append(new[k].pop())
        result = []
        for k in range(0, len(new), 4):
            run = [s for s in new[k : k + 4] if s]
            result.append(" ".join(s[0] for s in run))
            result += [" ".join(s[1:]) for s in run if len(s) > 1]
        return result

    def doc(title: str, paragraphs: list[str]) -> Document:
        return Document(title=title, paragraphs=tuple(paragraphs))

    pairs = []
    for size, target in ((40, 5.0), (300, 50.0)):
        base = take(size, 100)
        pairs.append(
            Pair(f"{size} paragraphs, light edits", doc("A", base), doc("A", light(base)), target)
        )
        pairs.append(
            Pair(f"{size} paragraphs, half edited", doc("A", base), doc("A", half(base)), target)
        )
        pairs.append(
            Pair(f"{size} paragraphs, rewrite", doc("A", base), doc("A", rewrite(base)), target)
        )
        other = take(size, 100 + len(pool) // 2)
        pairs.append(Pair(f"{size} paragraphs, wire swap", doc("A", base), doc("B", other), target))
    blog = take(3000, 0)
    live = light(blog)
    live[:0] = take(5, 2000)  # new posts on top
    pairs.append(
        Pair("3,000-paragraph live blog, light edits", doc("L", blog), doc("L", live), 100.0)
    )

    history = [doc("H", take(30, 500))]
    for _ in range(15):
        paragraphs = list(history[-1].paragraphs)
        for index in rng.sample(range(len(paragraphs)), 2):
            paragraphs[index] = editor.edit(paragraphs[index])
        if rng.random() < 0.5:
            paragraphs.insert(rng.randrange(len(paragraphs)), rng.choice(pool))
        history.append(doc("H", paragraphs))
    return pairs, history


def html_diff(old: Document, new: Document) -> None:
    difflib.HtmlDiff().make_table(list(old.paragraphs), list(new.paragraphs))


def difflib_baseline(old: Document, new: Document) -> None:
    """SequenceMatcher over paragraphs; replace blocks paired by position; word diff per pair."""
    a, b = list(old.paragraphs), list(new.paragraphs)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                difflib.SequenceMatcher(None, a[i].split(), b[j].split()).get_opcodes()


def clear_text_caches() -> None:
    """Empty the project's per-text caches (functools.lru_cache), so a repeated run
    of one pair times a first comparison, not a lookup of the previous run's results."""
    for name, module in list(sys.modules.items()):
        if name.startswith("newsdiff_gui."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def time_ms(run: Callable[[], object], repeat: int, cpu: bool = False) -> float:
    """Median wall-clock ms of `repeat` runs; with `cpu`, the least CPU time of this
    process instead (steadier on a machine others share: waiting for a core is
    not counted, and the least run is the one least disturbed)."""
    clock = time.process_time if cpu else time.perf_counter
    run()  # warm imports
    times = []
    for _ in range(repeat):
        clear_text_caches()
        gc.disable()
        start = clock()
        run()
        times.append((clock() - start) * 1000)
        gc.enable()
    return min(times) if cpu else statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per pair (median)")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="least CPU time of the runs instead of the median wall-clock time (shared machines)",
    )
    args = parser.parse_args(argv)
    if not GROUND_TRUTH.exists():
        print(f"skipped: {GROUND_TRUTH} not found (the shared evaluation data is not here)")
        return 0
    pairs, history = build_pairs(load_articles())
    header = (
        f"{'pair':44} {'align ms':>9} {'HtmlDiff ms':>12} {'baseline ms':>12}"
        f" {'HtmlDiff/align':>15} {'baseline/align':>15} {'target ms':>10}  ok"
    )
    print(header)
    print("-" * len(header))
    failed = 0
    for pair in pairs:
        ours = time_ms(lambda p=pair: align(p.old, p.new), args.repeat, args.cpu)
        html = time_ms(lambda p=pair: html_diff(p.old, p.new), max(3, args.repeat // 3), args.cpu)
        base = time_ms(lambda p=pair: difflib_baseline(p.old, p.new), args.repeat, args.cpu)
        ok = ours <= pair.target_ms and ours <= html
        failed += not ok
        print(
            f"{pair.name:44} {ours:9.2f} {html:12.2f} {base:12.2f} {html / ours:15.1f}"
            f" {base / ours:15.2f} {pair.target_ms:10.0f}  {'yes' if ok else 'NO'}"
        )

    def run_history(function: Callable[[Document, Document], object]) -> Callable[[], None]:
        def run() -> None:
            for old, new in itertools.pairwise(history):
                function(old, new)

        return run

    ours = time_ms(run_history(align), args.repeat, args.cpu)
    html = time_ms(run_history(html_diff), max(3, args.repeat // 3), args.cpu)
    base = time_ms(run_history(difflib_baseline), args.repeat, args.cpu)
    ok = ours <= 50.0 and ours <= html
    failed += not ok
    name = "16-version history, 15 diffs (total)"
    print(
        f"{name:44} {ours:9.2f} {html:12.2f} {base:12.2f} {html / ours:15.1f}"
        f" {base / ours:15.2f} {50:10.0f}  {'yes' if ok else 'NO'}"
    )
    print(f"\n{failed} target(s) missed" if failed else "\nall targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
