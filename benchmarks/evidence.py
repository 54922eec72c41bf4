"""Speed of the evidence package and of verify, against a plain ZIP of the same files.

    .venv/bin/python benchmarks/evidence.py [--versions N] [--paragraphs P] [--repeat R]

The article is synthetic (seeded): N versions of P paragraphs of 30–90 words, each version
changing a few words, a figure and one paragraph of the one before, stored as fetched pages
(so each version becomes a WARC `resource` record). It prints the median time of

* `export_wacz` with the PDF report (drawn by Qt offscreen and signed) — everything
  `newsdiff export ID --wacz OUT` does once the store is open;
* `verify_file` on the package;
* a baseline: writing the package's own files into a plain stored ZIP and reading them
  back with their SHA-256 (no alignment, no report, no signature),

and their ratios to the baseline. Targets (issue 16): export of 20 versions ≤ 2 s,
verify ≤ 1 s; exit status 1 if one is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.evidence.keys import installation_key
from newsdiff_gui.core.evidence.package import export_wacz
from newsdiff_gui.core.evidence.verify import verify_file
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from newsdiff_gui.pdf.signed import pdf_bytes

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
WORDS = (
    "council",
    "harbour",
    "barrier",
    "flood",
    "storm",
    "officials",
    "said",
    "residents",
    "water",
    "engineers",
    "delay",
    "budget",
    "contract",
    "report",
    "meeting",
    "week",
    "plans",
    "coast",
    "river",
    "town",
    "mayor",
    "funding",
)


def revisions(versions: int, paragraphs: int, rng: random.Random) -> list[list[str]]:
    def paragraph() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(30, 90))]
        return " ".join(words).capitalize() + f", {rng.randint(2, 900)} people said."

    texts = [[paragraph() for _ in range(paragraphs)]]
    for _ in range(versions - 1):
        text = list(texts[-1])
        edited = rng.randrange(len(text))
        text[edited] = text[edited].replace(" said", " stated", 1) + f" ({rng.randint(1, 99)})"
        text[rng.randrange(len(text))] = paragraph()
        texts.append(text)
    return texts


def build_store(path: Path, versions: int, paragraphs: int) -> int:
    rng = random.Random(16)
    with VersionStore.open(path) as store:
        article = store.add_article(
            "https://news.example/bench", initial_state(SchedulePolicy(), T0), T0
        ).id
        for number, text in enumerate(revisions(versions, paragraphs, rng), start=1):
            raw = "<html><body>" + "".join(f"<p>{p}</p>" for p in text) + "</body></html>"
            capture = Capture(
                raw=raw.encode(),
                document=Document(title=f"Bench {number}", paragraphs=tuple(text)),
                extractor="bench",
                extractor_version="1",
                captured_at=T0 + timedelta(hours=number),
                source=VersionSource.FETCH,
                http_status=200,
                final_url="https://news.example/bench",
            )
            store.add_capture(article, capture)
    return article


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """Median wall time; the CPU time of the same runs goes to CPU_TIMES (on a shared
    machine the wall time includes waiting for a core, the CPU time does not)."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU_TIMES.append(statistics.median(cpu))
    return statistics.median(times)


CPU_TIMES: list[float] = []


def baseline(package: Path, out: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            hashlib.sha256(archive.read(name)).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--paragraphs", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsdiff-bench-") as folder:
        root = Path(folder)
        os.environ["NEWSDIFF_CONFIG_DIR"] = str(root / "config")
        article = build_store(root / "store.sqlite3", args.versions, args.paragraphs)
        key = installation_key()
        out = root / "a.wacz"
        with VersionStore.open(root / "store.sqlite3", read_only=True) as store:
            pdf_bytes  # noqa: B018 - Qt is started once, before timing (as the app has it)

            def export() -> None:
                export_wacz(store, article, None, None, out, key, now=T0, render_pdf=pdf_bytes)

            export()  # warm-up: Qt fonts, first imports
            export_time = median_seconds(export, args.repeat)
        verify_time = median_seconds(lambda: verify_file(out), args.repeat)
        if not verify_file(out).ok:
            print("verify failed on the benchmark package", file=sys.stderr)
            return 1
        base = median_seconds(lambda: baseline(out, root / "plain.zip"), args.repeat)
        size = out.stat().st_size
    print(f"{args.versions} versions × {args.paragraphs} paragraphs, package {size / 1024:.0f} KiB")
    export_cpu, verify_cpu, base_cpu = CPU_TIMES
    print("                               wall      CPU    ratio to baseline (wall)")
    for label, wall, cpu in (
        ("export_wacz (with signed PDF)", export_time, export_cpu),
        ("verify_file", verify_time, verify_cpu),
    ):
        print(f"{label:30} {wall:6.3f} s {cpu:6.3f} s {wall / base:7.1f}")
    print(f"plain ZIP write + read + hash  {base:6.3f} s {base_cpu:6.3f} s  (baseline)")
    missed = export_time > 2.0 or verify_time > 1.0
    print("targets (export ≤ 2 s, verify ≤ 1 s):", "MISSED" if missed else "met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
