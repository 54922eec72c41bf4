"""Commands over tracked articles: track, untrack, list, check, versions, show, import."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from newsdiff_gui.cli.common import (
    database_address,
    iso_or_none,
    open_store,
    parse_article_id,
    parse_version_ref,
    print_json,
    shown,
    version_json,
)
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.cli.pages import read_page_file
from newsdiff_gui.cli.sources_command import poll_due_sources
from newsdiff_gui.core.capture import CaptureService, CheckOutcome, CheckReport, ImportRefused
from newsdiff_gui.core.extract.isolated import IsolatedExtractor
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.lifecycle import Reach, public_state
from newsdiff_gui.core.schedule import is_imported_only
from newsdiff_gui.core.store import Article, StoreError
from newsdiff_gui.core.store.guard import ensure_writable
from newsdiff_gui.core.timeutil import from_iso, to_iso
from newsdiff_gui.core.urls import InvalidURL, displayed_url, validate_article_url
from newsdiff_gui.core.words import noun


def register(subparsers: Any) -> None:
    track = subparsers.add_parser("track", help="start tracking an article URL")
    track.add_argument("url")
    track.set_defaults(func=run_track)

    untrack = subparsers.add_parser("untrack", help="stop checking an article")
    untrack.add_argument("article_id", type=parse_article_id, metavar="ID")
    untrack.add_argument(
        "--purge", action="store_true", help="also delete its versions, checks and notes"
    )
    untrack.set_defaults(func=run_untrack)

    listing = subparsers.add_parser("list", help="list tracked articles")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)

    check = subparsers.add_parser("check", help="fetch articles now and store new versions")
    check.add_argument("article_ids", nargs="*", type=parse_article_id, metavar="ID")
    check.add_argument("--due", action="store_true", help="only articles whose check is due")
    check.add_argument("--json", action="store_true", help="one JSON object per check")
    check.set_defaults(func=run_check)

    versions = subparsers.add_parser("versions", help="list an article's versions")
    versions.add_argument("article_id", type=parse_article_id, metavar="ID")
    versions.add_argument("--json", action="store_true")
    versions.set_defaults(func=run_versions)

    show = subparsers.add_parser("show", help="print one version (ID@N)")
    show.add_argument("ref", metavar="ID@N")
    output = show.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true")
    output.add_argument("--raw", action="store_true", help="the captured page bytes, verbatim")
    output.add_argument(
        "--warc", action="store_true", help="the capture's WARC records (for warcio and others)"
    )
    show.set_defaults(func=run_show)

    imp = subparsers.add_parser("import", help="store a saved page as a version")
    imp.add_argument("file", type=Path, metavar="FILE.html")
    imp.add_argument("--url", required=True, help="the article's address")
    imp.add_argument(
        "--captured-at",
        metavar="ISO8601",
        help="when the page was saved (default: the file's modification time)",
    )
    imp.add_argument(
        "--track",
        action="store_true",
        help="also check the live page on schedule (a new article only; by default "
        "importing never contacts the site)",
    )
    imp.set_defaults(func=run_import)


def run_track(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            article = CaptureService(store).track(args.url)
        except (InvalidURL, StoreError) as exc:
            raise CliError(str(exc)) from exc
    print(article.id)
    return 0


def run_untrack(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        try:
            if args.purge:
                store.purge_article(args.article_id)
            else:
                store.untrack(args.article_id)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    what = "deleted with its versions" if args.purge else "no longer checked; versions kept"
    print(f"article {args.article_id} {what}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    stored_at = database_address(args).path
    if stored_at is not None and not stored_at.exists():
        # Nothing tracked yet on this machine: an empty list, and no file created by asking.
        articles, first_sources, reaches = [], {}, {}
    else:
        with open_store(args, read_only=True) as store:
            articles = store.list_articles()
            first_sources = store.sources.first_sources()
            reaches = store.events.reaches()
    if args.json:
        print_json(
            [
                {
                    "id": a.id,
                    "url": a.url,
                    "title": a.title,
                    "versions": a.version_count,
                    "last_checked": iso_or_none(a.last_checked_at),
                    "last_error": a.last_error,
                    "next_check": iso_or_none(a.next_check_at),
                    "active": a.active,
                    "stopped_reason": a.stopped_reason,
                    "last_changed": iso_or_none(a.last_changed_at),
                    "unread_changes": a.unread_changes,
                    "source": first_sources.get(a.id),
                    "state": public_state(reaches[a.id], a.active).value,
                }
                for a in articles
            ]
        )
        return 0
    if not articles:
        print("No tracked articles. Add one with: newsdiff track URL")
    for a in articles:
        state = "checked" if a.active else f"stopped ({a.stopped_reason})"
        if is_imported_only(a):
            state = "not checked (imported only)"
        if reaches[a.id] is Reach.GONE:
            state = "gone"
        error = f"  last error: {shown(a.last_error)}" if a.last_error else ""
        title = shown(a.title) or "(not fetched yet)"
        url = displayed_url(a.url)
        print(f"{a.id:>4}  {a.version_count:>3} v  {state:<20} {title}  <{url}>{error}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    cancel = threading.Event()
    with open_store(args) as store, Fetcher() as fetcher, _extractor(cancel) as extract:
        service = CaptureService(store, fetcher, extract=extract)
        try:
            ensure_writable(store.address)
            if args.article_ids:
                # Named ids are checked whatever their schedule, an imported-only article
                # included: naming it is the request. The check does not put it on the
                # schedule (see imported_only_state): `newsdiff track URL` does that.
                ids = list(dict.fromkeys(args.article_ids))
                for article_id in ids:
                    store.get_article(article_id)  # unknown ids fail before any fetch
            elif args.due:
                # Due sources first: the articles they add are checked in the same pass.
                poll_due_sources(store, fetcher, cancel, as_json=args.json)
                ids = service.due_article_ids()  # never an inactive (imported-only) article
            else:
                ids = [a.id for a in store.list_articles() if a.active]
            previous = _cancel_on_interrupt(cancel)
            try:
                for report in service.check(ids, cancel=cancel):
                    _print_report(report, as_json=args.json)
            finally:
                signal.signal(signal.SIGINT, previous)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    if cancel.is_set():
        raise CliError("interrupted; checks in progress were cancelled and recorded")
    return 0


def _cancel_on_interrupt(cancel: threading.Event) -> Any:
    # Ctrl-C cancels in-flight fetches; finished checks are already committed.
    def handler(signum: int, frame: FrameType | None) -> None:
        cancel.set()

    return signal.signal(signal.SIGINT, handler)


def _print_report(report: CheckReport, as_json: bool) -> None:
    version = report.version
    if as_json:
        print_json(
            {
                "id": report.article_id,
                "url": report.url,
                "outcome": report.outcome,
                "error": report.message,
                "http_status": report.http_status,
                "version": version.number if version else None,
                "flags": version.flags if version else [],
                "duration": round(report.duration, 3),
                "events": [event.kind.value for event in report.events],
                "detail": report.detail,
            }
        )
        return
    if report.outcome == CheckOutcome.NEW_VERSION and version is not None:
        flags = f" [{', '.join(version.flags)}]" if version.flags else ""
        line = f"new version {version.number}{flags}"
    elif report.message:
        line = f"failed ({report.outcome}): {report.message}"
    else:
        line = report.outcome.replace("_", " ")
        if report.detail:
            line += f": {shown(report.detail)}"
    events = "".join(f" [{event.kind.value}]" for event in report.events)
    print(f"{report.article_id:>4}  {line}{events}  <{report.url}>")
    sys.stdout.flush()


def run_versions(args: argparse.Namespace) -> int:
    with open_store(args, read_only=True) as store:
        try:
            versions = store.list_versions(args.article_id)
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    if args.json:
        print_json([version_json(v) for v in versions])
        return 0
    for v in versions:
        flags = f"  [{', '.join(v.flags)}]" if v.flags else ""
        words = v.document.word_count
        paragraphs = len(v.document.paragraphs)
        print(
            f"{v.number:>3}  {to_iso(v.captured_at)}  {paragraphs:>3} "
            f"{noun(paragraphs, 'paragraph'):<10} {words:>6} {noun(words, 'word'):<5}  "
            f"sha256 {v.sha256[:12]}…  {shown(v.document.title)}{flags}"
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    article_id, number = parse_version_ref(args.ref)
    with open_store(args, read_only=True) as store:
        try:
            version = store.get_version(article_id, number)
            raw = store.raw_html(article_id, number) if args.raw else b""
            if args.warc:
                raw = store.warc.records(version.id) or store.warc.resource(version.id) or b""
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    if args.warc and not raw:
        raise CliError(f"version {args.ref} was stored before WARC records were kept")
    if args.raw or args.warc:
        sys.stdout.buffer.write(raw)
        return 0
    if args.json:
        print_json(version_json(version))
        return 0
    document = version.document
    title = shown(document.title)
    print(title)
    print("=" * min(len(title), 78))
    for label, value in (
        ("By", document.byline),
        ("Published", document.published),
        ("Modified", document.modified),
    ):
        if value:
            print(f"{label}: {shown(value)}")
    print(f"Version {version.number}, captured {to_iso(version.captured_at)}")
    print(f"SHA-256 of the captured page: {version.sha256}")
    for flag in version.flags:
        print(
            f"Flag: {flag}"
            + (f" ({version.suspect_reason})" if flag == "suspect_extraction" else "")
            + (" (shown below as markers such as ⟨RLO⟩)" if flag == "hidden_characters" else "")
        )
    for paragraph in document.paragraphs:
        print()
        print(shown(paragraph))
    return 0


@contextlib.contextmanager
def _extractor(cancel: threading.Event) -> Iterator[IsolatedExtractor]:
    """Pages are extracted in the extractor's child process, as in the app and in
    `newsdiff diff`: a hostile page that hangs or crashes the parser costs the child."""
    extractor = IsolatedExtractor(cancel)
    try:
        yield extractor
    finally:
        extractor.close()


def run_import(args: argparse.Namespace) -> int:
    raw = read_page_file(args.file)
    if args.captured_at:
        try:
            captured_at = from_iso(args.captured_at)
        except ValueError as exc:
            raise CliError(f"--captured-at is not an ISO 8601 time: {args.captured_at!r}") from exc
    else:
        captured_at = datetime.fromtimestamp(args.file.stat().st_mtime, UTC)
    with open_store(args) as store, _extractor(threading.Event()) as extract:
        try:
            ensure_writable(store.address)
            known = store.find_article(validate_article_url(args.url)) is not None
            service = CaptureService(store, extract=extract)
            report = service.import_page(args.url, raw, captured_at, track=args.track)
            article = store.get_article(report.article_id)
        except (InvalidURL, ImportRefused, StoreError) as exc:
            raise CliError(f"{args.file}: {exc}") from exc
    if report.version is not None:
        stored = f"stored as version {report.version.number} of article {article.id}"
    else:
        stored = f"article {article.id}: unchanged (same text as the latest version)"
    print(f"{stored}; {_live_page_state(article, known, args.track)}")
    return 0


def _live_page_state(article: Article, known: bool, track: bool) -> str:
    """What the import means for the live page: whether anything will contact it."""
    if is_imported_only(article):
        if not known:
            return "the live page is not checked (use --track to check it)"
        # Importing into an existing article never changes its schedule.
        hint = f"start checking with: newsdiff track {article.url}"
        if track:
            hint = f"--track applies to new articles; {hint}"
        return f"the live page is not checked ({hint})"
    if not known:
        return "the live page is checked on schedule, first at the next `newsdiff check --due`"
    if article.active:
        return "the live page is checked on schedule, as before"
    return "the live page is not checked, as before"
