"""How long the window's article list takes with 10,000 tracked articles.

    .venv/bin/python benchmarks/sidebar_scale.py [--articles N] [--runs N]

A store of N articles (a fifth of them changed at spread-out times, the rest never
captured, as a source's new articles are) is opened in the main window offscreen.
Timed on the UI thread: the window's start (store read and list) and a reload of
the article list; then, on the listed window, one article's refresh after a check,
switching the order to titles and back, showing one source's 200 articles, typing
a filter word, and listing 200 new articles. Each figure is printed with its ratio
to the baseline measured in the same run: reading the same articles from the store
alone (`list_articles`), the part no list can avoid.
Target (issue 14, ui14): the start and the reload well under a second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import to_iso, utc_now
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.sidebar.model import ArticleItem, SortOrder

TARGET_SECONDS = 1.0


def fill(store: VersionStore, count: int) -> None:
    now = utc_now()
    with store.transaction():
        for number in range(count):
            store.add_article(
                f"https://outlet{number % 50}.example/news/{number}/story-{number}",
                initial_state(SchedulePolicy(), now),
                now,
            )
        # Benchmark set-up only: a capture per article would take minutes, and the
        # list needs only the times and titles a capture leaves behind.
        for number in range(0, count, 5):
            store._connection.execute(
                "UPDATE articles SET title = ?, last_changed_at = ? WHERE id = ?",
                (
                    f"Story {number * 7919 % count} about the harbour",
                    to_iso(now - timedelta(minutes=number * 37 % 20_000)),
                    number + 1,
                ),
            )


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def one_run(app: QApplication, count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="sidebar_scale_") as folder_name:
        folder = Path(folder_name)
        store = VersionStore.open(folder / "scale.sqlite3")
        fill(store, count)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        figures = {"store read (baseline)": timed(store.list_articles)}
        holder: list[MainWindow] = []
        figures["window start"] = timed(
            lambda: holder.append(MainWindow(store, settings, start_worker=False))
        )
        window = holder[0]
        window.show()
        app.processEvents()
        figures["reload"] = timed(window.reload_articles)
        middle = count // 2
        figures["one article refreshed"] = timed(lambda: window.refresh_article(middle))
        figures["order by title and back"] = timed(
            lambda: (
                window.sidebar.set_order(SortOrder.TITLE),
                window.sidebar.set_order(SortOrder.LAST_CHANGE),
            )
        )
        proxy = window.sidebar.proxy
        some = frozenset(range(1, count, count // 200 or 1))
        figures["one source shown, then all"] = timed(
            lambda: (proxy.set_article_ids(some), proxy.set_article_ids(None))
        )
        figures["filter typed and cleared"] = timed(
            lambda: (proxy.set_filter_text("harbour"), proxy.set_filter_text(""))
        )
        listed = window.model.items()[:200]
        window.model.set_items(window.model.items()[200:])
        figures["200 new articles listed"] = timed(
            lambda: window.model.add_items(ArticleItem(**_fields(i)) for i in listed)
        )
        window.close()
        app.processEvents()
        store.close()
    return figures


def _fields(item: ArticleItem) -> dict[str, object]:
    return {name: getattr(item, name) for name in ArticleItem.__dataclass_fields__}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication([])
    runs = [one_run(app, args.articles) for _ in range(args.runs)]
    baseline = statistics.median(run["store read (baseline)"] for run in runs)
    print(f"{args.articles} articles, median of {args.runs} runs (load {os.getloadavg()[0]:.2f})")
    for name in runs[0]:
        seconds = statistics.median(run[name] for run in runs)
        print(f"  {name:30s} {seconds * 1000:8.1f} ms  ({seconds / baseline:5.2f} × store read)")
    start = statistics.median(run["window start"] for run in runs)
    reload = statistics.median(run["reload"] for run in runs)
    print(f"target: start and reload under {TARGET_SECONDS:.0f} s")
    return 0 if max(start, reload) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
