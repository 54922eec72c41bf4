"""`newsdiff checks ID [--json]`: every check of an article — when, what it found, why.

The versions list says what changed; this says when the article was looked at and
nothing was stored, which is half of "nothing was missed": a fact-checker asked
whether a story stood unchanged at 10:47 answers from here, with the reason a
page that changed around the story made no new version.
"""

from __future__ import annotations

import argparse
from typing import Any

from newsdiff_gui.cli.common import open_store, parse_article_id, print_json, shown
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.store import CheckRecord, StoreError
from newsdiff_gui.core.timeutil import to_iso


def register(subparsers: Any) -> None:
    checks = subparsers.add_parser(
        "checks",
        help="list an article's checks: when, what each found, and why",
        description="List every check of the article, oldest first: when it started, how "
        "long it took, the HTTP status, what it found (a new version, unchanged, a failure) "
        "and, when a page that changed made no new version, why.",
    )
    checks.add_argument("article_id", type=parse_article_id, metavar="ID")
    checks.add_argument("--json", action="store_true")
    checks.set_defaults(func=run_checks)


def run_checks(args: argparse.Namespace) -> int:
    with open_store(args, read_only=True) as store:
        try:
            store.get_article(args.article_id)
            checks = store.checks.of_article(args.article_id)
            numbers = {v.id: v.number for v in store.list_versions(args.article_id)}
        except StoreError as exc:
            raise CliError(str(exc)) from exc
    if args.json:
        print_json([_check_json(check, numbers) for check in checks])
        return 0
    if not checks:
        print(f"article {args.article_id}: never checked")
    for check in checks:
        print(_check_line(check, numbers))
    return 0


def _check_json(check: CheckRecord, numbers: dict[int, int]) -> dict[str, Any]:
    return {
        "started_at": to_iso(check.started_at),
        "duration": round(check.duration, 3),
        "http_status": check.http_status,
        "outcome": check.outcome,
        "version": numbers.get(check.version_id) if check.version_id is not None else None,
        "error": check.error,
        "detail": check.detail,
    }


def _check_line(check: CheckRecord, numbers: dict[int, int]) -> str:
    status = str(check.http_status) if check.http_status is not None else "—"
    found = check.outcome.replace("_", " ")
    if check.version_id is not None and check.version_id in numbers:
        found += f" {numbers[check.version_id]}"
    why = check.error or check.detail
    if why:
        found += f": {shown(why)}"
    return f"{to_iso(check.started_at)}  {check.duration:6.2f} s  {status:>3}  {found}"
