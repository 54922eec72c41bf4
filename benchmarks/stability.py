"""Stability benchmark: a version only when the article changed.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/stability.py [--quick] [--per-set N] [--show N]

For real pages with gold article text (../shared/eval next to the repository;
third-party pages, read in place, never copied; a missing set is skipped),
benchmarks/stability_furniture.py and benchmarks/stability_edits.py make pairs
of pages (on the page anatomy of benchmarks/stability_mutations.py) that differ
only in furniture (links, timestamps, "Updated …" lines, reading times, comment counts,
trending/related/newsletter/ad boxes, scripts and meta tags, tracking
parameters, pop-up cards and live stock quotes inside paragraphs) or in one edit of the article (a
figure, a sentence deleted or inserted, a figure in a bulleted list, the
visible headline).

Each page of a pair goes through what a check stores: `extract_document`, then
the store's `content_hash` (core/store/version_store.py; equal hashes are
"unchanged", see core/capture.py). A furniture pair with different hashes is a
**false version**; an edit pair with equal hashes is a **missed edit**.
trafilatura runs through the same pairs in the same run: its title, author and
text go through the same normalised fingerprint.

The column "ours+prev" is what a check stores: it holds the previous capture, so
when the one-page hashes differ it also asks core/extract/between_captures.py whether
what differs is only lines of links to other pages, blocks both pages print
unchanged, promo or label lines whose links alone were replaced
(core/extract/link_churn.py), or link texts inside a block glued from the story and
lines of links (core/extract/link_lines.py) — then no version. The one-page column
"ours" stays printed beside it.

Outlet learning (core/extract/outlet.py: blocks recurring on other tracked
articles of the host) needs several pages of one host: benchmarks/stability_outlets.py
runs these pairs with it on the hosts the sets have three or more pages of.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from extraction import EVAL_DIR, load_aeb, load_wcxb
from stability_edits import EDITS
from stability_furniture import FURNITURE
from stability_mutations import Anatomy, Mutation, Page

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    ExtractionError,
    extract_document,
)
from newsdiff_gui.core.extract.between_captures import same_story_text
from newsdiff_gui.core.normalize import content_fingerprint
from newsdiff_gui.core.store.version_store import content_hash

READABILITY_DIR = EVAL_DIR / "readability-test-pages" / "test-pages"
_NO_ARTICLE = "<no article>"
# Readability's synthetic unit cases are a few KB; real pages are larger.
_MIN_REAL_PAGE_BYTES = 4096

System = Callable[[str, str | None], tuple[str, list[str]]]
# "ours" as a check runs it: the one-page hashes differ, and the previous capture
# (the pair's first page) may show that only lines of links, or blocks both
# pages print, changed (core/extract/between_captures.py).
CHECK = "ours+prev"


@functools.lru_cache(maxsize=16)
def _read(html: str, url: str | None) -> Document | None:
    try:
        return extract_document(html, url)
    except ExtractionError:
        return None


def ours(html: str, url: str | None) -> tuple[str, list[str]]:
    """(stored-text hash, text shown) as a check would store it, one page alone."""
    document = _read(html, url)
    if document is None:
        return _NO_ARTICLE, []
    return content_hash(document), [document.title, document.byline or "", *document.paragraphs]


def ours_check(before_html: str, after_html: str, url: str | None) -> bool:
    """Whether a check holding the previous capture stores no new version (core/capture.py)."""
    before, after = _read(before_html, url), _read(after_html, url)
    if before is None or after is None:
        return False
    if content_hash(before) == content_hash(after):
        return True
    return same_story_text(before, before_html, after, after_html)


def trafilatura_tracker(html: str, url: str | None) -> tuple[str, list[str]]:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception:  # its heuristics raise assorted errors on odd pages: no article
        return _NO_ARTICLE, []
    text = getattr(result, "text", None) if result is not None else None
    if not text:
        return _NO_ARTICLE, []
    title = getattr(result, "title", None) or ""
    author = getattr(result, "author", None)
    lines = text.split("\n")
    fingerprint = content_fingerprint(title, author, lines)
    return hashlib.sha256(fingerprint.encode()).hexdigest(), [title, author or "", *lines]


def load_readability(limit: int | None) -> list[Page]:
    import lxml.html

    pages = []
    for folder in sorted(READABILITY_DIR.iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if not source.exists() or not expected.exists():
            continue
        if source.stat().st_size < _MIN_REAL_PAGE_BYTES:
            continue
        truth = lxml.html.fromstring(expected.read_text(encoding="utf-8")).text_content()
        pages.append(Page(folder.name, None, source.read_text(encoding="utf-8"), truth))
    return pages[:limit] if limit else pages


def _spread(pages: list[Page], count: int) -> list[Page]:
    """`count` pages spread evenly over the set (the same ones on every run)."""
    if count >= len(pages):
        return pages
    step = len(pages) / count
    return [pages[int(i * step)] for i in range(count)]


def load_pages(per_set: int) -> list[Page]:
    pages: list[Page] = []
    sets: Sequence[tuple[str, Path, Callable[[int | None], list[Page]]]] = (
        ("aeb", EVAL_DIR / "scrapinghub-aeb", lambda n: _convert(load_aeb(n))),
        ("wcxb", EVAL_DIR / "wcxb-articles" / "dev", lambda n: _convert(load_wcxb(n))),
        ("readability", READABILITY_DIR, load_readability),
    )
    for name, directory, loader in sets:
        if not directory.is_dir():
            print(f"{name}: not found at {directory.resolve()}, skipped")
            continue
        chosen = _spread([p for p in loader(None) if p.truth.strip()], per_set)
        print(f"{name}: {len(chosen)} pages")
        pages.extend(Page(f"{name}/{p.id}", p.url, p.html, p.truth) for p in chosen)
    return pages


def _convert(pages: Sequence[object]) -> list[Page]:
    return [Page(p.id, p.url, p.html, p.truth) for p in pages]  # type: ignore[attr-defined]


Tally = dict[str, dict[str, list[int]]]  # system -> kind -> [failures, trials]


def run(pages: list[Page], systems: dict[str, System], show: int) -> tuple[Tally, Tally]:
    names = list(systems)
    if "ours" in names:  # printed beside the one-page figure
        names.insert(names.index("ours") + 1, CHECK)
    false_versions: Tally = {name: defaultdict(lambda: [0, 0]) for name in names}
    missed: Tally = {name: defaultdict(lambda: [0, 0]) for name in names}
    shown = 0
    for number, page in enumerate(pages, 1):
        anatomy = Anatomy(page)
        if not anatomy.gold_blocks:
            continue
        kinds: list[tuple[str, Mutation, Tally, bool]] = [
            *((k, m, false_versions, False) for k, m in FURNITURE.items()),
            *((k, m, missed, True) for k, m in EDITS.items()),
        ]
        cache: dict[tuple[str, str], tuple[str, list[str]]] = {}
        for kind, mutation, tally, is_edit in kinds:
            seed = int(hashlib.sha256(f"{page.id}/{kind}".encode()).hexdigest()[:8], 16)
            pair = mutation(anatomy, random.Random(seed))
            if pair is None:
                continue
            for name, system in systems.items():
                before = cache.get((name, pair[0])) or system(pair[0], page.url)
                cache[(name, pair[0])] = before
                after = system(pair[1], page.url)
                failed = (before[0] == after[0]) if is_edit else (before[0] != after[0])
                if not is_edit and before[0] == _NO_ARTICLE:
                    continue  # no article either way: nothing stored, nothing to compare
                tally[name][kind][1] += 1
                tally[name][kind][0] += failed
                if name == "ours" and before[0] != after[0] and before[0] != _NO_ARTICLE:
                    # One-page hashes differ: does the previous capture show the same story?
                    same = ours_check(pair[0], pair[1], page.url)
                    failed = same if is_edit else not same
                if name == "ours":
                    tally[CHECK][kind][1] += 1
                    tally[CHECK][kind][0] += failed
                if failed and name == "ours" and shown < show:
                    shown += 1
                    _explain(page.id, kind, before[1], after[1])
        if number % 20 == 0:
            print(f"  … {number}/{len(pages)} pages", file=sys.stderr)
    return false_versions, missed


def _explain(page_id: str, kind: str, before: list[str], after: list[str]) -> None:
    old, new = set(before), set(after)
    print(f"[{kind}] {page_id}")
    for text in before:
        if text not in new:
            print(f"   - {text[:160]!r}")
    for text in after:
        if text not in old:
            print(f"   + {text[:160]!r}")


def print_table(title: str, tally: Tally) -> None:
    names = list(tally)
    print(title)
    print(f"  {'kind':<18}{'pairs':>7}" + "".join(f"{name:>14}" for name in names))
    kinds = sorted({kind for per in tally.values() for kind in per})
    totals = {name: [0, 0] for name in names}
    for kind in kinds:
        trials = tally[names[0]][kind][1]
        cells = []
        for name in names:
            failures, count = tally[name][kind]
            totals[name][0] += failures
            totals[name][1] += count
            cells.append(f"{failures / count:>13.1%} " if count else f"{'-':>14}")
        print(f"  {kind:<18}{trials:>7}" + "".join(cells))
    cells = [
        f"{totals[n][0] / totals[n][1]:>13.2%} " if totals[n][1] else f"{'-':>14}" for n in names
    ]
    print(f"  {'all':<18}{totals[names[0]][1]:>7}" + "".join(cells))
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="6 pages per set")
    parser.add_argument("--per-set", type=int, default=25, help="pages sampled per set")
    parser.add_argument("--only-ours", action="store_true", help="skip trafilatura")
    parser.add_argument("--show", type=int, default=0, help="print N of our failures")
    parser.add_argument("--json", type=Path, help="also write the tallies here")
    args = parser.parse_args(argv)
    if not EVAL_DIR.is_dir():
        print(f"evaluation data not found at {EVAL_DIR.resolve()}: nothing to do")
        return 0
    import logging

    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    print(f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}")
    pages = load_pages(6 if args.quick else args.per_set)
    systems: dict[str, System] = {"ours": ours}
    if not args.only_ours:
        systems["trafilatura"] = trafilatura_tracker
    started = time.perf_counter()
    false_versions, missed = run(pages, systems, args.show)
    print(f"\n{len(pages)} pages, {time.perf_counter() - started:.0f} s\n")
    print_table("False versions (furniture-only change stored as a new version)", false_versions)
    print_table("Missed edits (an article edit stored no new version)", missed)
    if args.json:
        data = {"false_versions": false_versions, "missed_edits": missed}
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
