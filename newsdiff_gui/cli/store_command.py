"""`newsdiff migrate-store --from PATH --to URL`: copy an archive into another (usually a
reviewer's SQLite file into the team's PostgreSQL database), then verify the copy.

Running it again copies nothing twice. Exit 1, saying what differs, when the check after
the copy finds something of the source missing or changed in the target.
"""

from __future__ import annotations

import argparse
from typing import Any

from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.store.address import parse_store_address
from newsdiff_gui.core.store.engine import open_engine
from newsdiff_gui.core.store.models import StoreError
from newsdiff_gui.core.store.transfer import copy_store, verify_copy

_SHOWN_PROBLEMS = 5


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "migrate-store",
        help="copy a store into another one (e.g. a SQLite file into PostgreSQL)",
        description="Merge every article, version, page, check and note of one store into "
        "another, never duplicating what is already there, and verify the copy.",
    )
    parser.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    parser.add_argument("--to", dest="target", required=True, metavar="URL|PATH")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        source_address = parse_store_address(args.source)
        target_address = parse_store_address(args.target)
        if source_address == target_address:
            raise CliError("--from and --to name the same store")
        source = open_engine(source_address, read_only=True)
        try:
            target = open_engine(target_address)
            try:
                report = copy_store(source, target)
                problems = verify_copy(source, target)
            finally:
                target.close()
        finally:
            source.close()
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    print(f"copied {source_address} into {target_address}: {report.summary()}")
    if problems:
        shown = "; ".join(problems[:_SHOWN_PROBLEMS])
        more = (
            f" (and {len(problems) - _SHOWN_PROBLEMS} more)"
            if len(problems) > _SHOWN_PROBLEMS
            else ""
        )
        raise CliError(f"verification failed: {shown}{more}")
    print(
        "verified: every article, version, check and note is there, and every page's bytes"
        " match their SHA-256"
    )
    return 0
