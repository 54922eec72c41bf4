"""Stability with outlet learning: what the other tracked articles of a host add.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/stability_outlets.py [--min-pages 3] [--show N]

A tracker holds the other articles it follows on an outlet; a block printed on
two or more of them is set aside (core/extract/outlet.py). Here every evaluation
page whose host has at least `--min-pages` pages with gold text in the sets
(../shared/eval: AEB and WCXB by URL host, Readability's pages by the site named
in their folder) goes through the same furniture and edit pairs as
benchmarks/stability.py, with the host's OTHER pages (unmutated, extracted by
us) as the earlier captures. Printed: false versions and missed edits without
and with outlet learning, trafilatura beside.

The sets hold few pages per host (most hosts have one page): the figures cover
only the groups found and say how many pages that is.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from extraction import EVAL_DIR, load_aeb, load_wcxb
from stability import (
    _NO_ARTICLE,
    READABILITY_DIR,
    System,
    Tally,
    _convert,
    load_readability,
    ours,
    print_table,
    run,
    trafilatura_tracker,
)
from stability_mutations import Page

from newsdiff_gui.core.extract import ExtractionError, extract_document
from newsdiff_gui.core.extract.outlet import article_blocks, set_aside_furniture
from newsdiff_gui.core.store.version_store import content_hash


def _host(page: Page) -> str:
    if page.url:
        return (urlsplit(page.url).hostname or "").casefold()
    return page.id.split("/", 1)[1].rsplit("-", 1)[0]  # readability/nytimes-3 → nytimes


def load_groups(min_pages: int) -> dict[str, list[Page]]:
    groups: dict[str, list[Page]] = defaultdict(list)
    sets = (
        ("aeb", EVAL_DIR / "scrapinghub-aeb", lambda: _convert(load_aeb(None))),
        ("wcxb", EVAL_DIR / "wcxb-articles" / "dev", lambda: _convert(load_wcxb(None))),
        ("readability", READABILITY_DIR, lambda: load_readability(None)),
    )
    for name, directory, loader in sets:
        if not directory.is_dir():
            print(f"{name}: not found at {directory.resolve()}, skipped")
            continue
        for page in loader():
            if page.truth.strip():
                tagged = Page(f"{name}/{page.id}", page.url, page.html, page.truth)
                groups[_host(tagged)].append(tagged)
    return {host: pages for host, pages in groups.items() if len(pages) >= min_pages}


def with_outlet(host: str, others: list[tuple[str, ...]]) -> System:
    """Our check as the tracker runs it, knowing the host's other articles."""

    def system(html: str, url: str | None) -> tuple[str, list[str]]:
        try:
            document = extract_document(html, url)
        except ExtractionError:
            return _NO_ARTICLE, []
        document = set_aside_furniture(document, others, host)
        return content_hash(document), [document.title, document.byline or "", *document.paragraphs]

    return system


def _blocks(page: Page) -> tuple[str, ...]:
    try:
        return article_blocks(extract_document(page.html, page.url))
    except ExtractionError:
        return ()


def _merge(into: Tally, tally: Tally) -> None:
    for name, kinds in tally.items():
        for kind, (failures, trials) in kinds.items():
            cell = into.setdefault(name, defaultdict(lambda: [0, 0]))[kind]
            cell[0] += failures
            cell[1] += trials


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--min-pages", type=int, default=3, help="pages a host needs")
    parser.add_argument("--show", type=int, default=0, help="print N failures with learning")
    args = parser.parse_args(argv)
    if not EVAL_DIR.is_dir():
        print(f"evaluation data not found at {EVAL_DIR.resolve()}: nothing to do")
        return 0
    import logging

    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    groups = load_groups(args.min_pages)
    pages = sum(len(group) for group in groups.values())
    print(f"{len(groups)} hosts with >= {args.min_pages} pages, {pages} pages:")
    print("  " + ", ".join(f"{host} {len(group)}" for host, group in sorted(groups.items())))
    started = time.perf_counter()
    false_versions: Tally = {}
    missed: Tally = {}
    set_aside_total = 0
    for host, group in groups.items():
        blocks = {page.id: _blocks(page) for page in group}
        for page in group:
            others = [blocks[other.id] for other in group if other.id != page.id]
            outlet = with_outlet(host, others)
            base = outlet(page.html, page.url)[1]
            set_aside_total += len(_blocks(page)) - (len(base) - 2) if base else 0
            systems: dict[str, System] = {
                "ours": ours,
                "ours+outlet": outlet,
                "trafilatura": trafilatura_tracker,
            }
            fv, me = run([page], systems, args.show)
            _merge(false_versions, fv)
            _merge(missed, me)
    print(f"\n{pages} pages, {time.perf_counter() - started:.0f} s")
    print(f"blocks set aside as outlet furniture on the unmutated pages: {set_aside_total}\n")
    print_table("False versions (furniture-only change stored as a new version)", false_versions)
    print_table("Missed edits (an article edit stored no new version)", missed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
