"""The evidence report: what an export contains, before anyone draws it.

`build_report` (in `build.py`) turns a `Diff`, its annotations and the two
captures' provenance into a `Report`; the PDF (Qt), HTML and JSON renderers
only lay it out. Everything here is plain immutable data, so one report can be
rendered in a worker thread while the window goes on.

Rows are numbered by `core.rows.RowKey` (row `n` is `Diff.rows[n - 1]`; the
headline is row 0). Paragraph numbers are 1-based, as a reader counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsdiff_gui.core.align.model import ChangeKind, DiffStats, TokenOp
from newsdiff_gui.core.annotations import ReviewState
from newsdiff_gui.core.report.legend import LEGEND, LegendEntry
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.core.view.model import MoveRef
from newsdiff_gui.core.view.phrases import flag_marks
from newsdiff_gui.core.words import plural


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where one side of the comparison came from, so a reader can check our copy."""

    label: str  # "Version 3", "saved page storm.html", …
    number: int | None = None  # version number in the store
    captured_at: datetime | None = None
    sha256: str | None = None  # of the raw bytes as captured
    size: int | None = None  # raw bytes
    http_status: int | None = None
    url: str | None = None  # final URL after redirects, or the file's path
    source: str | None = None  # "fetch", "import", "file", "url"
    extractor: str | None = None  # "name version"

    @property
    def heading(self) -> str:
        """Above its column: 'Version 3 · 2026-03-10T14:50:00Z'."""
        if self.captured_at is None:
            return self.label
        return f"{self.label} · {to_iso(self.captured_at)}"


@dataclass(frozen=True, slots=True)
class SignerIdentity:
    """The installation key that vouches for an export, as every report prints it: its
    SHA-256 fingerprint and the public key itself (base64 DER), so a reader can check a
    signature against the key and the key against what the newsroom published."""

    fingerprint: str
    public_key: str


@dataclass(frozen=True, slots=True)
class Provenance:
    article_url: str | None
    outlet: str | None
    old: SourceInfo
    new: SourceInfo
    app_version: str
    align_options: tuple[tuple[str, str], ...]
    exported_at: datetime
    # The fingerprint of the installation's signing key, so a reader can tell which
    # published key vouches for the export; and labelled hashes of the evidence package
    # the report belongs to ("Archive SHA-256", "Package SHA-256").
    signing_key: SignerIdentity | None = None
    evidence: tuple[tuple[str, str], ...] = ()

    def header_fields(self) -> list[tuple[str, str]]:
        """The provenance block as (label, value) lines, in print order."""
        fields = [
            ("Article", self.article_url or "—"),
            ("Outlet", self.outlet or "—"),
        ]
        for side, info in (("Old", self.old), ("New", self.new)):
            fields.append((f"{side} version", _source_line(info)))
            fields.append((f"{side} SHA-256", info.sha256 or "—"))
            if info.url and info.url != self.article_url:
                fields.append((f"{side} address", info.url))
        fields.append(("Exported", f"{to_iso(self.exported_at)} by newsdiff {self.app_version}"))
        options = ", ".join(f"{name}={value}" for name, value in self.align_options)
        fields.append(("Alignment", options or "defaults"))
        if self.signing_key:
            fields.append(("Signing key SHA-256", self.signing_key.fingerprint))
            fields.append(("Signing public key", self.signing_key.public_key))
        fields.extend(self.evidence)
        return fields


def _source_line(info: SourceInfo) -> str:
    parts = [info.label]
    if info.captured_at is not None:
        parts.append(f"captured {to_iso(info.captured_at)}")
    if info.http_status is not None:
        parts.append(f"HTTP {info.http_status}")
    if info.source:
        parts.append(f"via {info.source}")
    if info.size is not None:
        parts.append(f"{info.size:,} bytes")
    if info.extractor:
        parts.append(f"extracted by {info.extractor}")
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of words of one side of a row, in displayed form.

    `op` and `text` as in a diff `Token`. Moved text (`moved_out` on the old
    side, `moved_in` on the new) carries `ref`, the other place to print ("→ ¶9")
    and link to, and, for a sentence edited on its way, its word changes in
    `words` (equal/delete/insert pieces, struck and underlined where it stands).
    """

    op: TokenOp
    text: str
    ref: MoveRef | None = None
    words: tuple[Piece, ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """One side of a row: its paragraphs, each a run of pieces.

    The old side holds `equal`, `delete` and `moved_out` pieces, the new side
    `equal`, `insert` and `moved_in` ones. A side with nothing (the old side of
    an added row) is empty.
    """

    paragraphs: tuple[tuple[Piece, ...], ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join("".join(t.text for t in paragraph) for paragraph in self.paragraphs)


@dataclass(frozen=True, slots=True)
class ReportRow:
    key: RowKey
    kind: ChangeKind
    marker: str  # the kind's marker; a moved row's arrow points toward where it stood
    label: str  # "edited", "moved ↑ (stood after row 3)", …
    old: Cell
    new: Cell
    old_paragraphs: tuple[int, ...] = ()  # 1-based
    new_paragraphs: tuple[int, ...] = ()
    minor: bool = False
    numbers_changed: bool = False
    quote_changed: bool = False
    moved_from: RowKey | None = None  # the row it used to follow (headline: it opened the article)
    origin_of: tuple[RowKey, ...] = ()  # moved rows that used to stand right after this one
    notes: tuple[int, ...] = ()  # annotation numbers on this row
    review: ReviewState | None = None  # the reviewer's latest verdict on this row, if any

    @property
    def number(self) -> int:
        """The row's number as printed (0: the headline)."""
        return self.key.number

    @property
    def is_title(self) -> bool:
        return self.key.is_headline

    @property
    def is_change(self) -> bool:
        return self.kind is not ChangeKind.UNCHANGED

    @property
    def flags(self) -> str:
        """'#' for changed numbers, '“' for changed quotes."""
        return flag_marks(self.numbers_changed, self.quote_changed)


@dataclass(frozen=True, slots=True)
class Omitted:
    """A run of unchanged rows left out of a changes-only report."""

    count: int
    first_row: RowKey
    last_row: RowKey

    @property
    def text(self) -> str:
        noun = "paragraph" if self.count == 1 else "paragraphs"
        span = (
            self.first_row.label
            if self.count == 1
            else f"rows {self.first_row.number}–{self.last_row.number}"
        )
        return f"… {self.count} unchanged {noun} not shown ({span})"


@dataclass(frozen=True, slots=True)
class Endnote:
    number: int
    row: RowKey | None  # None when detached
    state: ReviewState
    note: str
    tags: tuple[str, ...]
    author: str
    created_at: datetime
    updated_at: datetime
    excerpt: str  # the text it was written on (shown for detached notes)

    @property
    def byline(self) -> str:
        """'significant · by Ana · 2026-03-10T14:52:00Z' (edited time when it differs)."""
        parts = [self.state.label, f"by {self.author or 'unknown'}", to_iso(self.created_at)]
        if self.updated_at != self.created_at:
            parts.append(f"edited {to_iso(self.updated_at)}")
        if self.tags:
            parts.append("tags: " + ", ".join(self.tags))
        return " · ".join(parts)

    @property
    def where(self) -> str:
        if self.row is None:
            return "detached"
        return self.row.label


@dataclass(frozen=True, slots=True)
class Summary:
    stats: DiffStats
    title_changed: bool
    numbers_changed_rows: int
    quote_changed_rows: int
    # Review states of the changes (a change with no note counts as unreviewed);
    # empty when notes are left out of the report.
    review_states: tuple[tuple[ReviewState, int], ...] = ()
    notes: int = 0
    detached_notes: int = 0

    def kind_counts(self) -> list[tuple[ChangeKind, int]]:
        """Changed kinds with their row counts, in the enum's order (zeros left out)."""
        return [
            (kind, self.stats.count(kind))
            for kind in ChangeKind
            if kind is not ChangeKind.UNCHANGED and self.stats.count(kind)
        ]


@dataclass(frozen=True, slots=True)
class ReportOptions:
    changes_only: bool = False
    context: int = 1  # unchanged rows kept around each change when `changes_only`
    include_notes: bool = True

    def describe(self) -> str:
        rows = (
            f"changes only, {plural(self.context, 'paragraph')} of context"
            if self.changes_only
            else "all paragraphs"
        )
        return f"{rows}; notes {'included' if self.include_notes else 'left out'}"


@dataclass(frozen=True, slots=True)
class Report:
    title: str  # the article's (new) headline, for page headers
    provenance: Provenance
    summary: Summary
    body: tuple[ReportRow | Omitted, ...]  # the headline row first
    notes: tuple[Endnote, ...] = ()  # attached notes, by number
    detached: tuple[Endnote, ...] = ()
    options: ReportOptions = field(default_factory=ReportOptions)
    legend: tuple[LegendEntry, ...] = LEGEND

    @property
    def rows(self) -> list[ReportRow]:
        return [item for item in self.body if isinstance(item, ReportRow)]
