"""`newsdiff diff OLD NEW --format json|text|html [--color]`.

OLD and NEW are each one of:

* `ARTICLE_ID@VERSION` — a stored version (from --db / NEWSDIFF_DB);
* a `.html`/`.htm` (or `.html.gz`) page — decoded and extracted first;
* a `.json` file — `{"title": str, "paragraphs": [str]}` (other document fields
  such as "byline" are accepted and ignored by the diff);
* a `.txt` file — paragraphs separated by blank lines, no title (the title is
  "", as if the JSON form had `"title": ""`), so a plain text file diffs body
  against body. Line breaks inside a paragraph count as spaces.

Output: `json` is DESIGN.md's schema 2 exactly; `text` is a readable rendering
with `+ - ~ >` markers (ANSI styles with --color); `html` is one self-contained
page. Bad input: one line on stderr, exit 1. Inputs are loaded by core/sources, as
the app's File → Compare loads them (pages are extracted in the extractor's child
process).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from newsdiff_gui.cli.common import database_address, json_text
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.align import align
from newsdiff_gui.core.align.render_html import render_html
from newsdiff_gui.core.align.render_text import render_text
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.sources import SourceError, SourceLoader, parse_source


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="align two versions paragraph by paragraph",
        description="Diff two versions: files (.html, .htm, .json, .txt) or ARTICLE_ID@VERSION.",
    )
    parser.add_argument("old", metavar="OLD", help="file or ARTICLE_ID@VERSION")
    parser.add_argument("new", metavar="NEW", help="file or ARTICLE_ID@VERSION")
    parser.add_argument("--format", choices=("json", "text", "html"), default="text")
    parser.add_argument("--color", action="store_true", help="ANSI styles in text output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    old, new = load_inputs(args)
    diff = align(old, new)
    if args.format == "json":
        output = json_text(diff.to_json_dict()) + "\n"
    elif args.format == "html":
        output = render_html(diff)
    else:
        output = render_text(diff, color=args.color)
    _write(output)
    return 0


def _write(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        # A lone surrogate from a JSON input ("\ud800") cannot be printed as
        # UTF-8; escape it rather than fail after the work is done.
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))


def load_inputs(args: argparse.Namespace) -> tuple[Document, Document]:
    """The two documents named by the arguments, or CliError in one line."""
    with SourceLoader(database_address(args)) as loader:
        return _load(loader, args.old), _load(loader, args.new)


def _load(loader: SourceLoader, spec: str) -> Document:
    try:
        return loader.load(parse_source(spec)).document
    except SourceError as exc:
        raise CliError(str(exc)) from exc
