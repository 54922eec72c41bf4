"""Commands over followed sources: follow, sources, unfollow (and polling for `check --due`)."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from newsdiff_gui.cli.common import (
    database_address,
    iso_or_none,
    open_store,
    parse_article_id,
    print_json,
    shown,
)
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.discovery.poll import PollOutcome, PollReport, SourceError, SourcePoller
from newsdiff_gui.core.discovery.url_filter import UrlFilter
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.guard import ensure_writable
from newsdiff_gui.core.urls import displayed_url
from newsdiff_gui.core.words import noun

_MATCH_HELP = (
    "track only addresses that match: a regular expression searched anywhere in the "
    "address (e.g. '/politics/20\\d\\d/'), or a plain substring when the pattern has no "
    "regular-expression characters or is not a valid expression (e.g. '/politics/')"
)


def register(subparsers: Any) -> None:
    follow = subparsers.add_parser(
        "follow", help="follow a feed (RSS, Atom, JSON Feed) or a section page"
    )
    follow.add_argument("url")
    follow.add_argument("--match", metavar="PATTERN", help=_MATCH_HELP)
    follow.set_defaults(func=run_follow)

    listing = subparsers.add_parser("sources", help="list followed sources")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_sources)

    unfollow = subparsers.add_parser("unfollow", help="stop following a source")
    unfollow.add_argument("source_id", type=parse_article_id, metavar="ID")
    unfollow.add_argument(
        "--purge",
        action="store_true",
        help="also delete the articles only this source found (never articles tracked "
        "by hand or also found by another source)",
    )
    unfollow.set_defaults(func=run_unfollow)


def run_follow(args: argparse.Namespace) -> int:
    url_filter = UrlFilter.parse(args.match) if args.match else None
    with open_store(args) as store, Fetcher() as fetcher:
        try:
            ensure_writable(store.address)
            source, report = SourcePoller(store, fetcher).follow(args.url, args.match)
        except StoreError as exc:  # SourceError and DuplicateSource included
            raise CliError(str(exc)) from exc
    print(source.id)
    listed = f"{report.found} {noun(report.found, 'article')}"
    if url_filter is not None:
        listed += f" matching the {url_filter.describe()}"
    what = "feed" if source.kind == "feed" else "page"
    print(
        f"newsdiff: following {what} {displayed_url(source.url)}: found {listed}, "
        f"{len(report.added)} newly tracked{_spread_note(report)}",
        file=sys.stderr,
    )
    return 0


def _spread_note(report: PollReport) -> str:
    if len(report.added) <= 10:
        return ""
    return " (first captures spread out; `newsdiff check --due` takes them as they fall due)"


def run_sources(args: argparse.Namespace) -> int:
    stored_at = database_address(args).path
    if stored_at is not None and not stored_at.exists():
        sources = []
    else:
        with open_store(args, read_only=True) as store:
            sources = store.sources.all()
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "url": s.url,
                    "kind": s.kind.value,
                    "articles": s.article_count,
                    "last_checked": iso_or_none(s.last_checked_at),
                    "last_error": s.last_error,
                    "next_check": iso_or_none(s.schedule.next_check_at),
                    "title": s.title,
                    "match": s.url_filter,
                    "active": s.active,
                }
                for s in sources
            ]
        )
        return 0
    if not sources:
        print("No followed sources. Add one with: newsdiff follow URL")
    for s in sources:
        state = "followed" if s.active else "paused"
        match = f"  match {s.url_filter!r}" if s.url_filter else ""
        error = f"  last error: {shown(s.last_error)}" if s.last_error else ""
        title = shown(s.title) or "(untitled)"
        count = f"{s.article_count:>5} {noun(s.article_count, 'article'):<8}"
        print(
            f"{s.id:>4}  {s.kind.value:<4}  {count}  {state:<8} {title}"
            f"  <{displayed_url(s.url)}>{match}{error}"
        )
    return 0


def run_unfollow(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            source = store.sources.get(args.source_id)
            deleted = store.sources.remove(args.source_id, purge=args.purge)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    kept = source.article_count - deleted
    if args.purge:
        detail = f"{deleted} {noun(deleted, 'article')} only it found deleted"
        if kept:
            detail += f"; {kept} kept (tracked by hand or found by another source)"
    else:
        detail = f"its {source.article_count} {noun(source.article_count, 'article')} stay tracked"
    print(f"source {args.source_id} unfollowed; {detail}")
    return 0


def poll_due_sources(
    store: VersionStore, fetcher: Fetcher, cancel: threading.Event, *, as_json: bool
) -> None:
    """`check --due`: poll the due sources first, so the articles they add are checked in
    the same pass. Lines go to stderr under --json: stdout keeps one object per check."""
    poller = SourcePoller(store, fetcher)
    out = sys.stderr if as_json else sys.stdout
    for report in poller.poll(poller.due_source_ids(), cancel=cancel):
        if report.error:
            line = f"failed ({report.outcome}): {shown(report.error)}"
        elif report.outcome is PollOutcome.NOT_MODIFIED:
            line = "not modified"
        else:
            line = f"{report.found} listed, {len(report.added)} newly tracked"
        print(f"source {report.source_id:>4}  {line}  <{displayed_url(report.url)}>", file=out)
        out.flush()


__all__ = ["SourceError", "poll_due_sources", "register"]
