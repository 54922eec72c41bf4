"""`newsdiff events ID`, `newsdiff digest --since D --html|--json OUT`, `newsdiff feed`.

What happened to the tracked articles: one article's life events, every change
and event of a period as a page or JSON, and the opt-in Atom feed of changes
(`feed --out PATH` turns it on and writes it, `feed --off` stops it, `feed`
alone says where it is).
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import Any

from newsdiff_gui.cli.common import open_store, parse_article_id, print_json, shown
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.atom_feed import disable_feed, enable_feed, feed_path
from newsdiff_gui.core.digest import BadDuration, digest_items, items_for, parse_duration
from newsdiff_gui.core.digest_export import (
    EVENT_MARKS,
    DigestPeriod,
    diff_folder,
    write_digest_html,
    write_digest_json,
)
from newsdiff_gui.core.lifecycle import LifeEvent
from newsdiff_gui.core.store import StoreError
from newsdiff_gui.core.store.guard import ensure_writable
from newsdiff_gui.core.timeutil import to_iso, utc_now
from newsdiff_gui.core.words import plural


def _duration(text: str) -> timedelta:
    try:
        return parse_duration(text)
    except BadDuration as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(subparsers: Any) -> None:
    events = subparsers.add_parser("events", help="an article's life: changes, gone, back, …")
    events.add_argument("article_id", type=parse_article_id, metavar="ID")
    events.add_argument("--json", action="store_true")
    events.set_defaults(func=run_events)

    digest = subparsers.add_parser(
        "digest",
        help="every change and event of a period, as a page or JSON",
        description="List every change and life event of the period across all articles, "
        "newest first. The HTML page links each change to its diff, written beside it.",
    )
    digest.add_argument(
        "--since", type=_duration, required=True, metavar="DURATION", help="90m, 24h, 7d or 2w"
    )
    digest.add_argument("--html", type=Path, metavar="OUT.html")
    digest.add_argument("--json", type=Path, metavar="OUT.json")
    digest.set_defaults(func=run_digest, usage_error=digest.error)

    feed = subparsers.add_parser(
        "feed",
        help="an Atom feed file of changes, rewritten after each check (opt-in)",
        description="Keep an Atom 1.0 file of the latest changes and events that a feed "
        "reader can subscribe to. Without options, say where it is written.",
    )
    choice = feed.add_mutually_exclusive_group()
    choice.add_argument("--out", type=Path, metavar="PATH", help="write the feed here from now on")
    choice.add_argument("--off", action="store_true", help="stop writing the feed")
    feed.set_defaults(func=run_feed)


def run_events(args: argparse.Namespace) -> int:
    with open_store(args, read_only=True) as store:
        events = store.events.for_article(args.article_id)
        if args.json:
            print_json([_event_json(event) for event in events])
            return 0
        items = items_for(store, events)  # each change with its one-line summary
    if not items:
        print(f"article {args.article_id}: no events yet (it was never read)")
    for item in items:
        event = item.event
        version = f"v{event.version}" if event.version else ""
        label = f"{EVENT_MARKS[event.kind]} {item.label}"
        print(f"{to_iso(event.at)}  {label:<18} {version:>4}  {shown(item.summary)}")
    return 0


def _event_json(event: LifeEvent) -> dict[str, Any]:
    return {
        "at": to_iso(event.at),
        "kind": event.kind.value,
        "version": event.version,
        "detail": event.detail,
    }


def run_digest(args: argparse.Namespace) -> int:
    if not (args.html or args.json):
        args.usage_error("name an output: --html OUT.html or --json OUT.json")
    now = utc_now()
    period = DigestPeriod(now - args.since, now)
    with open_store(args, read_only=True) as store:
        items = digest_items(store, period.since)
        try:
            if args.json:
                write_digest_json(items, period, args.json)
            diffs = write_digest_html(store, items, period, args.html) if args.html else 0
        except OSError as exc:
            raise CliError(f"cannot write the digest: {exc}") from exc
    written = [str(path) for path in (args.html, args.json) if path]
    beside = f", {plural(diffs, 'diff')} in {diff_folder(args.html)}" if diffs else ""
    print(
        f"{plural(len(items), 'event')} since {to_iso(period.since)}: {', '.join(written)}{beside}"
    )
    return 0


def run_feed(args: argparse.Namespace) -> int:
    with open_store(args, read_only=not (args.out or args.off)) as store:
        if args.off:
            disable_feed(store)
            print("the Atom feed is no longer written (the last file stays)")
            return 0
        if args.out:
            try:
                ensure_writable(store.address)
                path = enable_feed(store, args.out)
            except OSError as exc:
                raise CliError(f"cannot write the feed: {exc}") from exc
            except StoreError as exc:
                raise CliError(str(exc)) from exc
            print(f"the Atom feed is written to {path} after every check that finds something")
            return 0
        current = feed_path(store)
    print(
        f"the Atom feed is written to {current}"
        if current
        else "no Atom feed (turn it on with --out PATH)"
    )
    return 0
