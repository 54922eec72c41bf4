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
page. Bad input: one line on stderr, exit 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from newsdiff_gui.cli.common import json_text, open_store
from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.cli.pages import read_page_file
from newsdiff_gui.core.align import align
from newsdiff_gui.core.align.render_html import render_html
from newsdiff_gui.core.align.render_text import render_text
from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import ExtractionError, extract_document
from newsdiff_gui.core.store import NotFound

_VERSION_REF = re.compile(r"^(\d+)@(\d+)$")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
# Text and JSON inputs are read whole; the same ceiling as a saved page.


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
    old = load_input(args.old, args)
    new = load_input(args.new, args)
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


def load_input(spec: str, args: argparse.Namespace) -> Document:
    """The document named by a diff argument, or CliError in one line."""
    path = Path(spec)
    match = _VERSION_REF.match(spec.strip())
    if match and not path.exists():
        return _stored_version(int(match.group(1)), int(match.group(2)), args)
    name = path.name.lower()
    if name.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
        return _html_document(path)
    if name.endswith(".json"):
        return _json_document(path)
    if name.endswith(".txt"):
        return _text_document(path)
    if not path.exists() and "@" in spec:
        raise CliError(f"expected ARTICLE_ID@VERSION (e.g. 12@3), got {spec!r}")
    raise CliError(f"{spec}: expected a .html, .htm, .json or .txt file, or ARTICLE_ID@VERSION")


def _stored_version(article_id: int, number: int, args: argparse.Namespace) -> Document:
    with open_store(args, read_only=True) as store:
        try:
            return store.get_version(article_id, number).document
        except NotFound as exc:
            raise CliError(f"{article_id}@{number}: {exc}") from exc


def _html_document(path: Path) -> Document:
    page = decode_html(read_page_file(path)).text
    try:
        return extract_document(page, None)
    except ExtractionError as exc:
        raise CliError(f"{path}: {exc}") from exc


def _read_text(path: Path, expected: str) -> str:
    data = read_page_file(path, expected=expected)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def _json_document(path: Path) -> Document:
    try:
        data = json.loads(_read_text(path, "a JSON file"))
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    try:
        return Document.from_json_dict(data)
    except ValueError as exc:
        raise CliError(f"{path}: {exc}") from exc


def _text_document(path: Path) -> Document:
    text = _read_text(path, "a text file").replace("\r\n", "\n").replace("\r", "\n")
    blocks = (" ".join(block.split("\n")).strip() for block in _BLANK_LINES.split(text))
    return Document(title="", paragraphs=tuple(block for block in blocks if block))
