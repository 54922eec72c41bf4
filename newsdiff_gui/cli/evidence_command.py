"""`newsdiff verify FILE` (a .wacz package or a signed PDF report), and the WACZ half of
`newsdiff export ID [--from V] [--to V] --wacz OUT.wacz [--tsa URL]`.

verify prints one line: what is proven (exit 0) or everything that failed (exit 1).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.evidence.contents import audit_part
from newsdiff_gui.core.evidence.keys import SigningKey, SigningKeyError, installation_key
from newsdiff_gui.core.evidence.package import ExportedPackage, export_wacz
from newsdiff_gui.core.evidence.timestamp import TimestampProblem
from newsdiff_gui.core.evidence.verify import verify_file
from newsdiff_gui.core.report.model import Report
from newsdiff_gui.core.store import NotFound, StoreError, VersionStore
from newsdiff_gui.core.timeutil import utc_now

TSA_VARIABLE = "NEWSDIFF_TSA_URL"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check a WACZ package or a signed PDF report",
        description="Recompute every hash, the signature and the audit log of an evidence "
        "package (.wacz), or check a signed PDF report; print what is proven or what failed.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.set_defaults(func=run_verify)
    key = subparsers.add_parser(
        "key",
        help="print this installation's signing key fingerprint (and key or certificate)",
        description="The key that signs evidence packages and PDF reports: publish its "
        "fingerprint and public key so readers can tell your evidence from anyone else's.",
    )
    shown = key.add_mutually_exclusive_group()
    shown.add_argument("--public-key", action="store_true", help="print the public key (PEM)")
    shown.add_argument(
        "--certificate", action="store_true", help="print the self-signed certificate (PEM)"
    )
    key.set_defaults(func=run_key)


def run_key(args: argparse.Namespace) -> int:
    key = signing_key()
    if args.public_key:
        print(key.public_pem, end="")
    elif args.certificate:
        print(key.certificate_pem, end="")
    else:
        print(f"SHA-256 {key.fingerprint}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    verdict = verify_file(args.file)
    if not verdict.ok:
        raise CliError(f"{args.file}: {verdict.line()}")
    print(verdict.line())
    return 0


def signing_key() -> SigningKey:
    try:
        return installation_key()
    except (SigningKeyError, OSError) as exc:
        raise CliError(f"signing key: {exc}") from exc


def tsa_url(flag: str | None) -> str | None:
    return flag or os.environ.get(TSA_VARIABLE) or None


def _pdf_bytes(report: Report, page_size: str) -> bytes:
    from newsdiff_gui.pdf.signed import pdf_bytes  # Qt is loaded only when a PDF is drawn

    return pdf_bytes(report, page_size)


def export_package(
    store: VersionStore, args: argparse.Namespace, key: SigningKey
) -> ExportedPackage:
    try:
        return export_wacz(
            store,
            args.article,
            args.old,
            args.new,
            args.wacz,
            key,
            now=utc_now(),
            render_pdf=lambda report: _pdf_bytes(report, args.page_size),
            audit=audit_part(store, args.article),
            tsa_url=tsa_url(args.tsa),
        )
    except (NotFound, StoreError, TimestampProblem) as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write the export: {exc}") from exc
