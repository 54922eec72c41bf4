"""`newsdiff watch`: the headless checker service (core/watch), for systemd, cron or a container.

One log line per check (time, article id, outcome, duration, worker) on stderr or in
`--log FILE`. The first SIGTERM or SIGINT lets the checks in flight finish and be
recorded, then exits 0; a second one cancels them (recorded as cancelled, still due).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from newsdiff_gui.cli.common import database_address, open_store
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.extract.isolated import IsolatedExtractor
from newsdiff_gui.core.fetch import Fetcher, FetchLimits
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.guard import ensure_writable
from newsdiff_gui.core.watch.service import (
    DEFAULT_LEASE,
    DEFAULT_POLL_SECONDS,
    WatchedCheck,
    WatchService,
    WatchSettings,
)


def register(subparsers: Any) -> None:
    watch = subparsers.add_parser(
        "watch", help="check due articles until stopped (the headless service)"
    )
    watch.add_argument(
        "--workers", type=_positive_int, default=4, metavar="N", help="concurrent checks (4)"
    )
    watch.add_argument("--once", action="store_true", help="one pass over what is due, then exit")
    watch.add_argument(
        "--lease",
        type=_positive_float,
        default=DEFAULT_LEASE.total_seconds(),
        metavar="SECONDS",
        help="how long a dead watcher's claim holds (live ones renew theirs) "
        f"({DEFAULT_LEASE.total_seconds():g})",
    )
    watch.add_argument(
        "--poll",
        type=_positive_float,
        default=DEFAULT_POLL_SECONDS,
        metavar="SECONDS",
        help=f"longest sleep between looks at the store when idle ({DEFAULT_POLL_SECONDS:g})",
    )
    watch.add_argument(
        "--log", type=Path, metavar="FILE", help="append the check log here (default: stderr)"
    )
    watch.set_defaults(func=run_watch)


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def run_watch(args: argparse.Namespace) -> int:
    settings = WatchSettings(
        workers=args.workers,
        once=args.once,
        lease=timedelta(seconds=args.lease),
        poll_seconds=args.poll,
    )
    address = database_address(args)
    with open_store(args) as store:  # creates and migrates the store once, up front
        ensure_writable(store.address)
    limits = FetchLimits(total=max(FetchLimits().total, settings.workers))
    with _log_sink(args.log) as sink, Fetcher(limits) as fetcher:
        lock = threading.Lock()

        def on_check(check: WatchedCheck) -> None:
            with lock:
                sink.write(check.line() + "\n")
                sink.flush()

        service = WatchService(
            lambda: VersionStore.open(address), fetcher, IsolatedExtractor, settings, on_check
        )
        with _stop_on_signals(service):
            try:
                service.run()
            except StoreError as exc:
                raise CliError(str(exc)) from exc
    return 0


@contextmanager
def _log_sink(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stderr
        return
    try:
        handle = path.expanduser().open("a", encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write the log {path}: {exc.strerror or exc}") from exc
    with handle:
        yield handle


@contextmanager
def _stop_on_signals(service: WatchService) -> Iterator[None]:
    """First SIGTERM/SIGINT: finish the checks in flight. Second: cancel them."""
    received: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        if len(received) == 1:
            service.stop()
        else:
            service.cancel()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
