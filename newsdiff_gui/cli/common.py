"""Helpers shared by the CLI's commands: the store, version references, JSON output."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.sources.model import StoredVersionRef
from newsdiff_gui.core.store import StoredVersion, StoreError, VersionStore, default_database_path
from newsdiff_gui.core.store.address import StoreAddress, parse_store_address
from newsdiff_gui.core.store.guard import store_error
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.core.visible import marker_for, visible_text


def database_address(args: argparse.Namespace) -> StoreAddress:
    """The store named by --db / NEWSDIFF_DB (a path or a postgresql:// URL) or the default."""
    if not getattr(args, "db", None):
        return StoreAddress(path=default_database_path())
    try:
        return parse_store_address(args.db)
    except StoreError as exc:
        raise CliError(str(exc)) from exc


@contextmanager
def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[VersionStore]:
    """The store named by --db / NEWSDIFF_DB / the default, closed on leaving.

    Commands that only read pass `read_only`: the file is then never created or
    written. Any store failure inside the block (a full disk, a damaged or foreign
    file) leaves it as a CliError: one line on stderr, never a traceback.
    """
    address = database_address(args)
    try:
        store = VersionStore.open(address, read_only=read_only)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    with store:
        try:
            yield store
        except StoreError as exc:
            raise CliError(str(exc)) from exc
        except sqlite3.Error as exc:  # a query outside VersionStore's own wrappers
            raise CliError(str(store_error(exc, address.path or Path(address.shown)))) from exc


def parse_version_ref(text: str) -> tuple[int, int]:
    """'12@3' → (article 12, version 3)."""
    ref = StoredVersionRef.parse(text)
    if ref is None:
        raise CliError(f"expected ARTICLE_ID@VERSION (e.g. 12@3), got {text!r}")
    return ref.article_id, ref.number


def parse_article_id(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not an article id: {text!r}")
    return int(text)


def iso_or_none(moment: datetime | None) -> str | None:
    return to_iso(moment) if moment is not None else None


def shown(text: str) -> str:
    """Article text as a terminal shows it: bidi controls and invisible characters as
    markers (⟨RLO⟩, ⟨U+2062⟩), so no title or paragraph prints reversed or hidden.

    For human-readable output only. JSON output keeps the true characters (JSON
    escapes what needs escaping, and a script needs the text as published).
    """
    return visible_text(text)


def version_json(version: StoredVersion) -> dict[str, Any]:
    """The `versions --json` object (DESIGN.md), with provenance fields added.

    Texts are the stored ones, hidden characters included (see `shown`)."""
    document = version.document
    return {
        "number": version.number,
        "captured_at": to_iso(version.captured_at),
        "sha256": version.sha256,
        "title": document.title,
        "paragraphs": list(document.paragraphs),
        "flags": version.flags,
        "byline": document.byline,
        "published": document.published,
        "modified": document.modified,
        "returns_to": version.returns_to,
        "suspect_reason": version.suspect_reason,
        "source": version.source.value,
        "final_url": version.final_url,
        "http_status": version.http_status,
        "raw_size": version.raw_size,
        "extractor": version.extractor,
        "extractor_version": version.extractor_version,
    }


def json_text(value: Any, indent: int | None = 2) -> str:
    """JSON that keeps the true characters but never prints a hidden one raw.

    Text stays readable UTF-8 (`ensure_ascii=False`), except that control, format
    and other invisible characters (a U+202E in a title, a tag character) are
    written as \\u escapes: a script decodes exactly the stored text, and a
    terminal showing the JSON is not reordered by it. Outside strings JSON is
    ASCII, so escaping a character wherever it stands is always valid.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    escapes = {
        ord(char): _json_escape(char)
        for char in set(text)
        if char != "\n" and (not char.isprintable() or marker_for(char) is not None)
    }
    return text.translate(escapes) if escapes else text


def _json_escape(char: str) -> str:
    encoded = char.encode("utf-16-be", "surrogatepass")  # astral: a surrogate pair
    return "".join(
        f"\\u{int.from_bytes(encoded[i : i + 2], 'big'):04x}" for i in range(0, len(encoded), 2)
    )


def print_json(value: Any) -> None:
    sys.stdout.write(json_text(value) + "\n")
