"""A newsroom's shared store under load: several watchers, ten reviewers, a watcher killed.

    .venv/bin/python benchmarks/team.py [--db PATH|URL] [--articles N] [--seconds S]
                                        [--watchers 3] [--workers 8] [--lease SECONDS]
                                        [--parts single,several,kill,notes]

Articles are served by `python -m http.server` processes on 127.0.0.1 (eight ports,
eight "outlets", so the fetcher's per-outlet politeness limit is not what is measured).
Watchers are real `newsdiff watch` processes. Four parts, each on an emptied store:

1. one watcher (`--once`, N workers) checks every due article: checks/s;
2. `--watchers` watchers at once do the same: checks/s beside (1), duplicate versions
   (must be 0) and checks per due article in this slot (must be exactly 1 each);
3. the same watchers, running until stopped; one is killed with SIGKILL mid-run: every
   article it held is checked by another within the lease (the time it took is printed),
   nothing stored twice, nothing lost, the others stop on SIGTERM with exit 0;
4. ten reviewers (processes, each its own connection) write for `--seconds` on the same
   50 changes: their own notes, and a shared note per change that each appends to with
   optimistic concurrency; afterwards every saved line must still be there (lost or
   overwritten notes: must be 0).

`--db` (default: a temporary SQLite file) is emptied first: give it a store of its own.
Exit status 1 when a "must" is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsdiff_gui.core.annotations import Anchor, title_anchor  # noqa: E402
from newsdiff_gui.core.capture import CaptureService  # noqa: E402
from newsdiff_gui.core.document import Document  # noqa: E402
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore  # noqa: E402
from newsdiff_gui.core.store.annotation_store import NoteConflict  # noqa: E402
from newsdiff_gui.core.timeutil import from_iso, utc_now  # noqa: E402
from tests.support.pages import STORM, article_page  # noqa: E402
from tests.support.static_site import serve_folder  # noqa: E402

OUTLETS = 8
CHANGES = 50
REVIEWERS = 10
PARTS = ("single", "several", "kill", "notes")


def open_store(db: str) -> VersionStore:
    """The one place a store is opened: a SQLite path or a postgresql:// URL."""
    return VersionStore.open(db)


def empty(db: str) -> None:
    with open_store(db) as store, store.transaction():
        for article in store.list_articles():
            store.purge_article(article.id)


@contextmanager
def outlets(count: int, articles: int) -> Iterator[list[str]]:
    """`articles` distinct pages on `count` local servers; yields their addresses."""
    with tempfile.TemporaryDirectory(prefix="team_site_") as folder, ExitStack() as servers:
        root = Path(folder)
        (root / "a").mkdir()
        for number in range(articles):
            paragraphs = (f"Report {number}: the storm reached the coast overnight.", *STORM)
            page = article_page(title=f"Storm report {number}", paragraphs=paragraphs)
            (root / "a" / f"{number}.html").write_text(page, encoding="utf-8")
        bases = [servers.enter_context(serve_folder(root)) for _ in range(count)]
        yield [f"{bases[n % count]}/a/{n}.html" for n in range(articles)]


def track(db: str, urls: list[str]) -> None:
    empty(db)
    with open_store(db) as store:
        service = CaptureService(store)
        with store.transaction():
            for url in urls:
                service.track(url)


LOGS = Path(tempfile.mkdtemp(prefix="team_logs_"))


def watcher(db: str, *options: str) -> subprocess.Popen[bytes]:
    """A `newsdiff watch` process; its check log and warnings go to a file in LOGS."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "newsdiff_gui.cli", "--db", db, "watch", *options]
    log = (LOGS / f"watch-{time.monotonic_ns()}.log").open("wb")
    return subprocess.Popen(command, env=env, stderr=log)


def why(process: subprocess.Popen[bytes]) -> str:
    """The last line a watcher that failed wrote (its error), for the report."""
    if process.returncode == 0 or process.stderr is not None:
        return ""
    logs = sorted(LOGS.glob("watch-*.log"), key=lambda p: p.stat().st_mtime)
    lines = [line for p in logs for line in p.read_text(errors="replace").splitlines()]
    errors = [line for line in lines if "error" in line.lower() and " article " not in line]
    return f" ({errors[-1]})" if errors else ""


def checks_and_versions(db: str) -> tuple[Counter[int], Counter[int]]:
    with open_store(db) as store:
        connection = store._connection  # a benchmark's count, not a feature of the store
        checks = Counter(
            dict(connection.execute("SELECT article_id, COUNT(*) FROM checks GROUP BY article_id"))
        )
        versions = Counter(
            dict(
                connection.execute("SELECT article_id, COUNT(*) FROM versions GROUP BY article_id")
            )
        )
    return checks, versions


def one_pass(db: str, urls: list[str], watchers: int, workers: int) -> tuple[float, bool]:
    """Checks/s of `watchers` processes running `--once`; whether the slot held."""
    track(db, urls)
    started = time.monotonic()
    processes = [watcher(db, "--once", "--workers", str(workers)) for _ in range(watchers)]
    codes = [process.wait() for process in processes]
    elapsed = time.monotonic() - started
    reasons = "".join(why(process) for process in processes)
    checks, versions = checks_and_versions(db)
    duplicates = sum(count - 1 for count in versions.values() if count > 1)
    per_article = Counter(checks.values())
    per_article[0] = len(urls) - len(checks)
    ok = codes == [0] * watchers and duplicates == 0 and set(+per_article) == {1}
    print(
        f"  {watchers} watcher(s) × {workers} workers: {len(urls)} articles in {elapsed:.1f} s,"
        f" {len(urls) / elapsed:.1f} checks/s; duplicate versions {duplicates};"
        f" checks per due article {dict(sorted((+per_article).items()))}; exit codes {codes}"
        f"{reasons}"
    )
    return len(urls) / elapsed, ok


def kill_one(db: str, urls: list[str], watchers: int, workers: int, lease: float) -> bool:
    track(db, urls)
    options = ("--workers", str(workers), "--lease", str(lease), "--poll", "0.5")
    processes = [watcher(db, *options) for _ in range(watchers)]
    victim = processes[0]
    while sum(checks_and_versions(db)[0].values()) < len(urls) // 3:
        time.sleep(0.05)
    while True:  # mid-run: while it holds claims (checks in flight)
        with open_store(db) as store:
            if any(f":{victim.pid}:" in c.claimed_by for c in store.claims.held()):
                break
        time.sleep(0.01)
    victim.send_signal(signal.SIGKILL)
    killed_at = utc_now()
    victim.wait()
    with open_store(db) as store:
        orphans = [c for c in store.claims.held() if f":{victim.pid}:" in c.claimed_by]
    # Until every article is checked, or nothing moves for a lease and a minute more (a
    # fixed deadline would cut a 10,000-article run short and call the rest "lost").
    checked, moved = 0, time.monotonic()
    while checked < len(urls) and time.monotonic() - moved < lease + 60:
        time.sleep(0.5)
        now_checked = len(checks_and_versions(db)[0])
        if now_checked > checked:
            checked, moved = now_checked, time.monotonic()
    for process in processes[1:]:
        process.send_signal(signal.SIGTERM)
    codes = [process.wait() for process in processes[1:]]
    checks, versions = checks_and_versions(db)
    with open_store(db) as store:
        taken_over = [
            from_iso(
                store._connection.execute(
                    "SELECT MIN(started_at) FROM checks WHERE article_id = ?", (c.article_id,)
                ).fetchone()[0]
            )
            - killed_at
            for c in orphans
            if checks[c.article_id]
        ]
    waited = max(taken_over, default=timedelta(0)).total_seconds()
    duplicates = sum(count - 1 for count in versions.values() if count > 1)
    lost = len(urls) - len(checks)
    twice = sum(1 for count in checks.values() if count > 1)
    ok = (
        len(taken_over) == len(orphans)
        and waited <= lease + 5
        and duplicates == 0
        and lost == 0
        and codes == [0] * len(codes)
    )
    print(
        f"  killed one of {watchers} watchers holding {len(orphans)} claims; all taken over"
        f" {'yes' if len(taken_over) == len(orphans) else 'NO'}, the last {waited:.0f} s after"
        f" the kill (lease {lease:g} s); articles never checked {lost}; checked twice {twice};"
        f" duplicate versions {duplicates}; survivors' exit codes on SIGTERM {codes}"
        f"{''.join(why(process) for process in processes[1:])}"
    )
    return ok


def reviewers(db: str, seconds: float) -> bool:
    empty(db)
    with open_store(db) as store:
        url = "https://news.example/storm-review"
        article = CaptureService(store).track(url)
        ids = []
        for number, paragraphs in enumerate((STORM, STORM[1:])):
            document = Document(f"Storm {number}", paragraphs)
            capture = Capture(
                raw=repr(document).encode(),
                document=document,
                extractor="bench",
                extractor_version="1",
                captured_at=utc_now(),
                source=VersionSource.IMPORT,
            )
            ids.append(store.add_capture(article.id, capture).version.id)
        anchor = title_anchor_for(store, article.id)
        shared = [
            store.annotations.add(
                article_id=article.id,
                from_version_id=ids[0],
                to_version_id=ids[1],
                anchor=anchor,
                now=utc_now(),
                note=f"change {n}",
            ).id
            for n in range(CHANGES)
        ]
    with ProcessPoolExecutor(REVIEWERS) as pool:
        results = list(
            pool.map(
                review,
                [db] * REVIEWERS,
                range(REVIEWERS),
                [seconds] * REVIEWERS,
                [shared] * REVIEWERS,
                [(article.id, ids[0], ids[1])] * REVIEWERS,
            )
        )
    with open_store(db) as store:
        stored = {n.id: n.note for n in store.annotations.for_pair(ids[0], ids[1])}
    saves = sum(len(r["lines"]) + len(r["own"]) for r in results)
    conflicts = sum(r["conflicts"] for r in results)
    overwritten = sum(
        1 for r in results for note_id, line in r["lines"] if line not in stored[note_id]
    )
    lost = sum(1 for r in results for note_id, text in r["own"].items() if stored[note_id] != text)
    print(
        f"  {REVIEWERS} reviewers × {seconds:g} s on {CHANGES} changes: {saves} saves,"
        f" {conflicts} conflicts met and resolved; lost notes {lost}, overwritten lines"
        f" {overwritten}"
    )
    return lost == 0 and overwritten == 0


def title_anchor_for(store: VersionStore, article_id: int) -> Anchor:
    from newsdiff_gui.core.align import align

    old, new = store.list_versions(article_id)
    return title_anchor(align(old.document, new.document))


def review(
    db: str, index: int, seconds: float, shared: list[int], pair: tuple[int, int, int]
) -> dict[str, object]:
    """One reviewer: own notes rewritten, lines appended to shared notes (re-read on conflict)."""
    author = f"reviewer {index}"
    rng = random.Random(index)
    own: dict[int, str] = {}
    lines: list[tuple[int, str]] = []
    conflicts = 0
    with open_store(db) as store:
        anchor = store.annotations.get(shared[0]).anchor
        end = time.monotonic() + seconds
        step = 0
        while time.monotonic() < end:
            step += 1
            if rng.random() < 0.5:
                note_id = shared[rng.randrange(len(shared))]
                line = f"{author} line {step}"
                while True:
                    current = store.annotations.get(note_id)
                    try:
                        store.annotations.update(
                            note_id,
                            now=utc_now(),
                            note=f"{current.note}\n{line}",
                            editor=author,
                            expected_revision=current.revision,
                        )
                        break
                    except NoteConflict:
                        conflicts += 1  # a colleague saved first: read theirs, add ours
                lines.append((note_id, line))
            elif own and rng.random() < 0.7:
                note_id = rng.choice(list(own))
                text = f"{author} rewrote at step {step}"
                store.annotations.update(note_id, now=utc_now(), note=text, editor=author)
                own[note_id] = text
            else:
                text = f"{author} wrote at step {step}"
                note = store.annotations.add(
                    article_id=pair[0],
                    from_version_id=pair[1],
                    to_version_id=pair[2],
                    anchor=anchor,
                    now=utc_now(),
                    note=text,
                    author=author,
                )
                own[note.id] = text
    return {"own": own, "lines": lines, "conflicts": conflicts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="the store to use (emptied first); default a temporary file")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0, help="the reviewers' run")
    parser.add_argument("--watchers", type=int, default=3)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument(
        "--lease", type=float, default=30.0, help="the kill part's lease, in seconds (30)"
    )
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"which parts to run, comma-separated (default all: {','.join(PARTS)})",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if not parts <= set(PARTS):
        parser.error(f"--parts: choose among {', '.join(PARTS)}")
    oks = []
    with tempfile.TemporaryDirectory(prefix="team_store_") as folder:
        db = args.db or str(Path(folder) / "team.sqlite3")
        print(f"store: {db}; {args.articles} articles on {OUTLETS} local outlets")
        with outlets(OUTLETS, args.articles) as urls:
            if {"single", "several"} <= parts:
                single, ok_single = one_pass(db, urls, 1, args.workers)
                several, ok_several = one_pass(db, urls, args.watchers, args.workers)
                ratio = several / single
                print(f"  throughput ratio {args.watchers} watchers / 1 watcher: {ratio:.2f}")
                oks += [ok_single, ok_several]
            elif parts & {"single", "several"}:
                watchers = 1 if "single" in parts else args.watchers
                oks.append(one_pass(db, urls, watchers, args.workers)[1])
            if "kill" in parts:
                oks.append(kill_one(db, urls, args.watchers, args.workers, args.lease))
        if "notes" in parts:
            oks.append(reviewers(db, args.seconds))
    return 0 if all(oks) else 1


if __name__ == "__main__":
    sys.exit(main())
