"""`newsdiff log ID [--json] [--verify]`: an article's audit-log entries, and their check.

`--json` prints the entries as DESIGN.md's contract says (one array, each entry the
object its hash is computed over plus "sha256"); without it, one readable line per
entry. `--verify` recomputes the article's chain: exit 0 with "log intact, N entries",
or exit 1 naming the first entry that fails and why.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsdiff_gui.cli.common import open_store, parse_article_id, print_json, shown
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.audit.chain import AuditEntry, entry_to_json, format_at
from newsdiff_gui.core.store import NotFound, VersionStore
from newsdiff_gui.core.store.audit_imported import ImportedChain
from newsdiff_gui.core.store.audit_store import UnreadableEntry


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "log",
        help="show or verify an article's audit log (captures, notes, exports)",
        description="Print an article's tamper-evident audit log, or check its hash chain.",
    )
    parser.add_argument("article", type=parse_article_id, metavar="ID")
    parser.add_argument("--json", action="store_true", help="print the entries as JSON")
    parser.add_argument(
        "--verify", action="store_true", help="check the chain (exit 1 naming a failing entry)"
    )
    parser.set_defaults(func=run)


def readable(entry: AuditEntry) -> str:
    detail = ", ".join(f"{key}={value}" for key, value in sorted(entry.detail.items()))
    line = f"{entry.seq:>6}  {format_at(entry.at)}  {entry.action.value:<12} {entry.object}"
    line += f"  by {entry.author or '(unnamed)'}"
    return shown(f"{line}  [{detail}]" if detail else line)


def _imported(store: VersionStore, article_id: int) -> list[ImportedChain]:
    try:
        return store.audit.imported(article_id)
    except UnreadableEntry as exc:
        raise CliError(f"imported log entry {exc.seq}: {exc.reason}") from exc


def run(args: argparse.Namespace) -> int:
    with open_store(args, read_only=True) as store:
        try:
            entries = store.audit.entries(args.article)
        except UnreadableEntry as exc:
            entries = None
            unreadable = f"log entry {exc.seq}: {exc.reason}"
        if not entries:
            # A purged article keeps its entries; only an id never logged is unknown.
            try:
                store.get_article(args.article)
            except NotFound as exc:
                raise CliError(str(exc)) from exc
        if args.verify:
            check = store.audit.verify(args.article)
            if not check.ok:
                raise CliError(f"article {args.article}: {check.describe()}")
            print(f"article {args.article}: {check.describe()}")
            return 0
        imported = _imported(store, args.article) if not args.json else []
    if entries is None:
        raise CliError(unreadable)
    if args.json:
        print_json([entry_to_json(entry) for entry in entries])
    else:
        for entry in entries:
            sys.stdout.write(readable(entry) + "\n")
        for chain in imported:  # copied from another store by migrate-store, as sealed there
            sys.stdout.write(shown(f"imported from {chain.origin}:") + "\n")
            for entry in chain.entries:
                sys.stdout.write("  " + readable(entry) + "\n")
    return 0
