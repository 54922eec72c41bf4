"""`newsdiff extract FILE… [--json]`: run the extractor over saved pages.

Every file is attempted; a file that fails (missing, unreadable, corrupt gzip,
too large, no article) is reported in place and the command exits 1 at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsdiff_gui.cli.common import json_text
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.cli.pages import read_page_file
from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    ExtractionError,
    extract_document,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="extract the article from saved HTML files",
        description="Extract title, byline, dates and paragraphs from saved pages "
        "(.html, .htm, .html.gz).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


def _extract_file(path: Path) -> Document:
    data = read_page_file(path)
    try:
        return extract_document(decode_html(data).text)
    except ExtractionError as exc:
        raise CliError(f"{path}: no article: {exc}") from exc


def _as_json(path: Path, document: Document) -> dict[str, Any]:
    return {
        "file": str(path),
        "title": document.title,
        "byline": document.byline,
        "published": document.published,
        "modified": document.modified,
        "paragraphs": list(document.paragraphs),
        "extractor": f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}",
    }


def _as_text(path: Path, document: Document) -> str:
    lines = [f"== {path}", document.title or "(no title)"]
    if document.byline:
        lines.append(f"By {document.byline}")
    if document.published:
        lines.append(f"Published: {document.published}")
    if document.modified:
        lines.append(f"Modified: {document.modified}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(document.paragraphs) + "\n"


def run(args: argparse.Namespace) -> int:
    failed = False
    for index, path in enumerate(args.files):
        try:
            document = _extract_file(path)
        except CliError as exc:
            failed = True
            if args.json:
                print(json_text({"file": str(path), "error": str(exc)}, indent=None))
            print(f"newsdiff: error: {exc}", file=sys.stderr)
            continue
        if args.json:
            print(json_text(_as_json(path, document), indent=None))
        else:
            if index:
                print()
            print(_as_text(path, document), end="")
        sys.stdout.flush()
    return 1 if failed else 0
