"""Exports of a stored comparison, shared by the CLI and the app's export job.

Writing goes through a temporary file in the target folder and a rename, so an
export that fails half-way (full disk, killed process) never leaves a truncated
file where the reader expects the evidence.
"""

from __future__ import annotations

import contextlib
import errno
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsdiff_gui.core.align import Diff, align
from newsdiff_gui.core.report.build import build_report
from newsdiff_gui.core.report.model import Report, ReportOptions, SignerIdentity
from newsdiff_gui.core.report.provenance import version_provenance
from newsdiff_gui.core.report.render_html import render_report_html
from newsdiff_gui.core.report.render_json import report_json
from newsdiff_gui.core.store import NotFound, VersionStore
from newsdiff_gui.core.words import plural


@dataclass(frozen=True, slots=True)
class StoredReport:
    report: Report
    diff: Diff


def default_pair(store: VersionStore, article_id: int) -> tuple[int, int]:
    """The latest change: (previous version, latest version); NotFound without two."""
    versions = store.list_versions(article_id)
    if len(versions) < 2:
        raise NotFound(
            f"article {article_id} has {plural(len(versions), 'version')}; a diff needs two"
        )
    return versions[-2].number, versions[-1].number


def stored_report(
    store: VersionStore,
    article_id: int,
    old_number: int,
    new_number: int,
    options: ReportOptions,
    now: datetime,
    *,
    signing_key: SignerIdentity | None = None,
    evidence: tuple[tuple[str, str], ...] = (),
) -> StoredReport:
    """Align two stored versions and build their report with the pair's notes.

    `signing_key` is the key that vouches for the export, printed in the provenance;
    `evidence` adds labelled hashes of the package the report is part of."""
    article = store.get_article(article_id)
    old = store.get_version(article_id, old_number)
    new = store.get_version(article_id, new_number)
    diff = align(old.document, new.document)
    annotations = store.annotations.for_pair(old.id, new.id)
    provenance = version_provenance(
        article, old, new, diff.options, now, signing_key=signing_key, evidence=evidence
    )
    return StoredReport(build_report(diff, provenance, annotations, options), diff)


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(temporary_path)`, then move the result to `path` in one step.

    The temporary file sits beside `path` (the rename stays on one file system) and
    is created with an ordinary open, so it gets the user's umask like anything
    they save: an export is meant to be handed on. (mkstemp would make it private,
    and reading the umask means setting it, process-wide, under other threads.)
    """
    path = path.expanduser()
    temporary = _new_file_beside(path)
    try:
        write(temporary)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _new_file_beside(path: Path) -> Path:
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            temporary.open("xb").close()
        except FileExistsError:
            continue
        return temporary
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


def write_html(stored: StoredReport, path: Path) -> None:
    text = render_report_html(stored.report)
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def write_json(stored: StoredReport, path: Path) -> None:
    text = json.dumps(report_json(stored.report, stored.diff), ensure_ascii=False, indent=2)
    write_atomically(path, lambda temporary: temporary.write_text(text + "\n", encoding="utf-8"))
