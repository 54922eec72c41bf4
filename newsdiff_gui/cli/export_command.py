"""`newsdiff export ID [--from V] [--to V] --pdf OUT.pdf | --html OUT.html | --json OUT.json
| --wacz OUT.wacz [--tsa URL]`.

`--wacz` writes the signed evidence package of the range (all versions by default);
a `--pdf` written with it states the package's digest. Every report prints the
installation key's fingerprint and the PDF is signed with that key.

Exports the comparison of two stored versions (default: the latest change) with
its notes and provenance. Options: `--changes-only [--context N]` leaves out
unchanged paragraphs beyond N around each change; `--no-notes` leaves the notes
out; `--page-size a4|letter` for the PDF. Each output is written whole or not at
all. The PDF is drawn by Qt offscreen (no display needed); HTML and JSON need no Qt.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsdiff_gui.cli import evidence_command
from newsdiff_gui.cli.common import open_store, parse_article_id
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.audit.exports import record_export
from newsdiff_gui.core.report import ReportOptions
from newsdiff_gui.core.report.export import default_pair, stored_report, write_html, write_json
from newsdiff_gui.core.store import NotFound, StoreError
from newsdiff_gui.core.timeutil import utc_now


def _version_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a version number: {text!r}")
    return int(text)


def _context(text: str) -> int:
    if not text.isdigit() or int(text) > 1000:
        raise argparse.ArgumentTypeError(f"expected 0 to 1000 paragraphs, not {text!r}")
    return int(text)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export an annotated diff of two versions (PDF, HTML, JSON)",
        description="Export two stored versions' aligned diff with notes and provenance.",
    )
    parser.add_argument("article", type=parse_article_id, metavar="ID")
    parser.add_argument("--from", dest="old", type=_version_number, metavar="V")
    parser.add_argument("--to", dest="new", type=_version_number, metavar="V")
    parser.add_argument("--pdf", type=Path, metavar="OUT.pdf")
    parser.add_argument("--html", type=Path, metavar="OUT.html")
    parser.add_argument("--json", type=Path, metavar="OUT.json")
    parser.add_argument("--wacz", type=Path, metavar="OUT.wacz", help="signed evidence package")
    parser.add_argument(
        "--tsa",
        metavar="URL",
        help="RFC 3161 timestamp authority for the package ($NEWSDIFF_TSA_URL)",
    )
    parser.add_argument("--changes-only", action="store_true", help="leave out unchanged rows")
    parser.add_argument(
        "--context", type=_context, default=1, metavar="N", help="rows kept around each change"
    )
    parser.add_argument("--no-notes", action="store_true", help="leave the notes out")
    parser.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    parser.set_defaults(func=run, usage_error=parser.error)


def run(args: argparse.Namespace) -> int:
    if not (args.pdf or args.html or args.json or args.wacz):
        args.usage_error(
            "name at least one output: --pdf OUT.pdf, --html OUT.html, --json OUT.json "
            "or --wacz OUT.wacz"
        )
    options = ReportOptions(
        changes_only=args.changes_only, context=args.context, include_notes=not args.no_notes
    )
    key = evidence_command.signing_key()
    evidence: tuple[tuple[str, str], ...] = ()
    package_digest = None
    old, new = args.old, args.new
    with open_store(args, read_only=True) as store:
        if args.wacz:
            package = evidence_command.export_package(store, args, key)
            package_digest = package.digest
            versions = package.contents.versions
            _log_exports(args, [("wacz", args.wacz)], versions[0].number, versions[-1].number)
            evidence = (("Package SHA-256", package.digest.removeprefix("sha256:")),)
            if not (args.pdf or args.html or args.json):
                print(f"{args.wacz}: {package.digest}, signed by key {key.fingerprint}")
                return 0
            # Reports written with a package compare its first version with its last.
            old, new = package.contents.versions[0].number, package.contents.versions[-1].number
        try:
            # Unnamed ends default to the latest change: --to alone compares with the
            # version before it, --from alone with the latest version.
            if new is None:
                new = default_pair(store, args.article)[1]
            if old is None:
                old = new - 1
            if old < 1:
                raise CliError(f"version {new} has no earlier version; name one with --from")
            stored = stored_report(
                store,
                args.article,
                old,
                new,
                options,
                utc_now(),
                signing_key=key.identity,
                evidence=evidence,
            )
        except (NotFound, StoreError) as exc:
            raise CliError(str(exc)) from exc
    written: list[tuple[str, Path]] = []
    try:
        if args.json:
            write_json(stored, args.json)
            written.append(("json", args.json))
        if args.html:
            write_html(stored, args.html)
            written.append(("html", args.html))
        if args.pdf:
            from newsdiff_gui.pdf.signed import write_signed_pdf  # Qt only when a PDF is drawn

            write_signed_pdf(stored.report, args.pdf, key, args.page_size, package_digest)
            written.append(("pdf", args.pdf))
    except OSError as exc:
        raise CliError(f"cannot write the export: {exc}") from exc
    finally:
        # Every file that was written is logged, even when a later one failed.
        _log_exports(args, written, old, new)
    return 0


def _log_exports(
    args: argparse.Namespace, written: list[tuple[str, Path]], old: int, new: int
) -> None:
    if not written:
        return
    with open_store(args) as store, store.transaction():
        for file_format, path in written:
            record_export(store, args.article, path, file_format, f"{old}-{new}")
