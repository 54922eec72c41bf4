"""What keeping WARC records (and the audit entry) costs a capture, measured in one run.

    .venv/bin/python benchmarks/warc_capture.py [--versions N] [--kilobytes K]

A local server (pytest-httpserver) serves one news page of about K kB of HTML,
gzip-compressed as most outlets send it. It is fetched once for real (so the
exchange holds real headers, address and body), then N versions with distinct
text are stored twice in fresh stores of the same kind:

* baseline: `VersionStore.add_capture` without WARC records (what a capture
  stored before this change, audit entry included), and
* WARC: the same captures with their request/response records built by warcio
  and stored (`core/fetch/warc.exchange_records`).

It prints the median time per stored version of each, their ratio, and the extra
bytes per version. A whole check (fetch + extract + store) of the same page is
timed too, to put the difference in proportion. Unchanged checks build no
records at all (the records are built only once a version is new).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gzip
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.fetch import Fetcher, FetchRequest
from newsdiff_gui.core.fetch.warc import exchange_records
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from tests.support.pages import STORM, article_page

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def _page(kilobytes: int) -> bytes:
    """About `kilobytes` of article text; seeded random words so it compresses as prose."""
    rng = random.Random(7)
    words = " ".join(STORM).split()
    paragraphs = list(STORM)
    while sum(len(p) for p in paragraphs) < kilobytes * 1000:
        paragraphs.append(" ".join(rng.choice(words) + rng.choice("aeiouxyz") for _ in range(60)))
    return article_page(paragraphs=tuple(paragraphs)).encode("utf-8")


def _store_interleaved(folder: Path, pairs: list[tuple[Capture, Capture]]) -> list[list[float]]:
    """Time each pair's captures in two stores, alternating, so disk and cache warm-up
    weigh on both sides alike."""
    timings: list[list[float]] = [[], []]
    stores = [VersionStore.open(folder / f"{name}.sqlite3") for name in ("plain", "warc")]
    try:
        articles = [
            store.add_article(
                f"https://news.example/{index}", initial_state(SchedulePolicy(), T0), T0
            ).id
            for index, store in enumerate(stores)
        ]
        for round_number, pair in enumerate(pairs):
            order = (0, 1) if round_number % 2 == 0 else (1, 0)
            for side in order:
                started = time.perf_counter()
                stores[side].add_capture(articles[side], pair[side])
                timings[side].append(time.perf_counter() - started)
    finally:
        for store in stores:
            store.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=60)
    parser.add_argument("--kilobytes", type=int, default=120)
    args = parser.parse_args()
    html = _page(args.kilobytes)
    server = HTTPServer()
    server.start()
    try:
        server.expect_request("/story").respond_with_data(
            gzip.compress(html),
            content_type="text/html; charset=utf-8",
            headers={"Content-Encoding": "gzip"},
        )
        url = server.url_for("/story")
        with Fetcher() as fetcher, tempfile.TemporaryDirectory(prefix="warc_bench_") as tmp:
            result = fetcher.fetch(FetchRequest(url))
            assert result.ok and result.exchange is not None and result.body is not None
            folder = Path(tmp)
            check_times = []
            with VersionStore.open(folder / "checks.sqlite3") as store:
                service = CaptureService(store, fetcher)
                article = service.track(url).id
                for _ in range(5):
                    started = time.perf_counter()
                    list(service.check([article]))
                    check_times.append(time.perf_counter() - started)

            pairs = []
            for index in range(args.versions):
                moment = T0 + timedelta(minutes=index)
                plain = Capture(
                    raw=result.body,
                    document=Document(title="Storm", paragraphs=(f"Version {index}.",)),
                    extractor="bench",
                    extractor_version="1",
                    captured_at=moment,
                    source=VersionSource.FETCH,
                )
                records = functools.partial(exchange_records, result.exchange, moment)
                pairs.append((plain, dataclasses.replace(plain, warc_records=records)))
            plain_times, warc_times = _store_interleaved(folder, pairs)
            plain_size = (folder / "plain.sqlite3").stat().st_size
            warc_size = (folder / "warc.sqlite3").stat().st_size
    finally:
        server.clear()
        server.stop()
    plain_ms = statistics.median(plain_times) * 1000
    warc_ms = statistics.median(warc_times) * 1000
    check_ms = statistics.median(check_times) * 1000
    print(f"page: {len(html) / 1000:.0f} kB HTML, {len(gzip.compress(html)) / 1000:.0f} kB gzip")
    print(f"store a version, baseline (no WARC): {plain_ms:.2f} ms (median of {args.versions})")
    print(f"store a version with WARC records:   {warc_ms:.2f} ms")
    print(f"ratio WARC / baseline: {warc_ms / plain_ms:.2f}x; extra {warc_ms - plain_ms:.2f} ms")
    print(f"whole check of the same page (fetch+extract+store): {check_ms:.1f} ms (median of 5)")
    print(f"WARC extra as a share of a whole check: {(warc_ms - plain_ms) / check_ms:.1%}")
    extra = (warc_size - plain_size) / args.versions / 1000
    print(f"extra store bytes per version: {extra:.1f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
