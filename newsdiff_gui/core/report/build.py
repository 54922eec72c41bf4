"""`build_report`: a Diff, its annotations and provenance → the `Report` renderers draw.

The article text in a `Report` (its cells and title) is already in displayed form
(`core/visible.py`): bidirectional controls and invisible characters are markers,
so the PDF and the HTML renderer cannot show reversed or hidden text, whoever
draws it. The JSON export reads the `Diff`, which keeps the true characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from newsdiff_gui.core.align.model import (
    PARAGRAPH_JOINER,
    ChangeKind,
    Diff,
    Row,
    Token,
    TokenOp,
)
from newsdiff_gui.core.annotations import (
    TITLE_ROW,
    Annotation,
    Placement,
    ReviewState,
    place_annotations,
    unreviewed_change_rows,
)
from newsdiff_gui.core.report.legend import KIND_LABELS, KIND_MARKERS
from newsdiff_gui.core.report.model import (
    TITLE_ROW_NUMBER,
    Cell,
    Endnote,
    Omitted,
    Provenance,
    Report,
    ReportOptions,
    ReportRow,
    Summary,
)
from newsdiff_gui.core.visible import visible_text

_MOVED = (ChangeKind.MOVED, ChangeKind.MOVED_EDITED)


def outlet_of(url: str | None) -> str | None:
    """The site's host without 'www.' (what readers call the outlet)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _cell(tokens: Iterable[Token]) -> Cell:
    """Tokens of one side cut into paragraphs at the joiner (split/merged rows)."""
    paragraphs: list[list[Token]] = [[]]
    for token in tokens:
        parts = token.text.split(PARAGRAPH_JOINER)
        for number, part in enumerate(parts):
            if number:
                paragraphs.append([])
            if part:
                # Made visible after the cut: a marker never holds a joiner.
                paragraphs[-1].append(Token(token.op, visible_text(part)))
    return Cell(tuple(tuple(p) for p in paragraphs if p))


def _side_tokens(tokens: tuple[Token, ...], new_side: bool) -> list[Token]:
    hidden = TokenOp.DELETE if new_side else TokenOp.INSERT
    return [t for t in tokens if t.op is not hidden]


def _cells(diff: Diff, row: Row) -> tuple[Cell, Cell]:
    if row.tokens:
        return _cell(_side_tokens(row.tokens, False)), _cell(_side_tokens(row.tokens, True))
    old_text, new_text = diff.old_text(row), diff.new_text(row)
    if row.kind is ChangeKind.REMOVED:
        return _cell([Token(TokenOp.DELETE, old_text)]), Cell()
    if row.kind is ChangeKind.ADDED:
        return Cell(), _cell([Token(TokenOp.INSERT, new_text)])
    return _cell([Token(TokenOp.EQUAL, old_text)]), _cell([Token(TokenOp.EQUAL, new_text)])


def _title_row(diff: Diff, notes: tuple[int, ...], review: ReviewState | None) -> ReportRow:
    if diff.title.kind is ChangeKind.UNCHANGED:
        old = new = _cell(diff.title.tokens)
    else:
        old = _cell(_side_tokens(diff.title.tokens, False))
        new = _cell(_side_tokens(diff.title.tokens, True))
    changed = diff.title.kind is not ChangeKind.UNCHANGED
    return ReportRow(
        number=TITLE_ROW_NUMBER,
        kind=diff.title.kind,
        marker=KIND_MARKERS[diff.title.kind],
        label="headline " + ("edited" if changed else "unchanged"),
        old=old,
        new=new,
        notes=notes,
        review=review,
    )


def _rows(
    diff: Diff, notes_by_row: dict[int, list[int]], verdicts: dict[int, ReviewState]
) -> list[ReportRow]:
    moved_from = {
        i: diff.moved_from(i) + 1 for i, row in enumerate(diff.rows) if row.kind in _MOVED
    }
    origins: dict[int, list[int]] = {}
    for index, origin in moved_from.items():
        origins.setdefault(origin, []).append(index + 1)
    rows = []
    for index, row in enumerate(diff.rows):
        number = index + 1
        marker, label = KIND_MARKERS[row.kind], KIND_LABELS[row.kind]
        after = moved_from.get(index)
        if after is not None:
            arrow = "↑" if after < number else "↓"
            marker = arrow + marker[1:]
            where = "the top" if after == TITLE_ROW_NUMBER else f"row {after}"
            label = f"{label} {arrow} (stood after {where})"
        if row.minor:
            label += " (minor)"
        old, new = _cells(diff, row)
        rows.append(
            ReportRow(
                number=number,
                kind=row.kind,
                marker=marker,
                label=label,
                old=old,
                new=new,
                old_paragraphs=tuple(i + 1 for i in row.old),
                new_paragraphs=tuple(i + 1 for i in row.new),
                minor=row.minor,
                numbers_changed=row.numbers_changed,
                quote_changed=row.quote_changed,
                moved_from=after,
                origin_of=tuple(origins.get(number, ())),
                notes=tuple(notes_by_row.get(index, ())),
                review=verdicts.get(index),
            )
        )
    return rows


def _changes_only(rows: list[ReportRow], context: int) -> list[ReportRow | Omitted]:
    """Changed rows, rows with notes or moved-from markers, and `context` rows around them."""
    keep = [False] * len(rows)
    for position, row in enumerate(rows):
        if row.is_change or row.notes or row.origin_of:
            for near in range(max(0, position - context), min(len(rows), position + context + 1)):
                keep[near] = True
    body: list[ReportRow | Omitted] = []
    run: list[ReportRow] = []
    for row, kept in zip(rows, keep, strict=True):
        if kept:
            if run:
                body.append(Omitted(len(run), run[0].number, run[-1].number))
                run = []
            body.append(row)
        else:
            run.append(row)
    if run:
        body.append(Omitted(len(run), run[0].number, run[-1].number))
    return body


def _endnote(placement: Placement) -> Endnote:
    annotation = placement.annotation
    row = None
    if placement.row is not None:
        row = TITLE_ROW_NUMBER if placement.row == TITLE_ROW else placement.row + 1
    return Endnote(
        number=placement.number,
        row=row,
        state=annotation.state,
        note=annotation.note,
        tags=annotation.tags,
        author=annotation.author,
        created_at=annotation.created_at,
        updated_at=annotation.updated_at,
        excerpt=annotation.anchor.excerpt,
    )


def verdicts(placements: list[Placement]) -> dict[int, ReviewState]:
    """Each reviewed row's state: that of its most recently edited reviewed note."""
    state_of: dict[int, ReviewState] = {}
    for placement in sorted(placements, key=lambda p: p.annotation.updated_at):
        if placement.row is not None and placement.annotation.state is not ReviewState.UNREVIEWED:
            state_of[placement.row] = placement.annotation.state
    return state_of


def review_counts(diff: Diff, placements: list[Placement]) -> tuple[tuple[ReviewState, int], ...]:
    """Changes per review state; changes no note has reviewed count as unreviewed."""
    counts = Counter(verdicts(placements).values())
    counts[ReviewState.UNREVIEWED] = len(unreviewed_change_rows(diff, placements))
    return tuple((state, counts[state]) for state in ReviewState)


def build_report(
    diff: Diff,
    provenance: Provenance,
    annotations: Iterable[Annotation] = (),
    options: ReportOptions | None = None,
) -> Report:
    options = options or ReportOptions()
    placements = place_annotations(diff, annotations) if options.include_notes else []
    notes_by_row: dict[int, list[int]] = {}
    for placement in placements:
        if placement.row is not None and placement.number:
            notes_by_row.setdefault(placement.row, []).append(placement.number)
    reviewed = verdicts(placements)
    title = _title_row(diff, tuple(notes_by_row.get(TITLE_ROW, ())), reviewed.get(TITLE_ROW))
    rows = _rows(diff, notes_by_row, reviewed)
    body: list[ReportRow | Omitted] = [title]
    body += _changes_only(rows, options.context) if options.changes_only else rows
    endnotes = [_endnote(p) for p in placements if p.number]
    summary = Summary(
        stats=diff.stats,
        title_changed=diff.title.kind is not ChangeKind.UNCHANGED,
        numbers_changed_rows=sum(1 for row in diff.rows if row.numbers_changed),
        quote_changed_rows=sum(1 for row in diff.rows if row.quote_changed),
        review_states=review_counts(diff, placements) if options.include_notes else (),
        notes=len(endnotes),
        detached_notes=sum(1 for note in endnotes if note.row is None),
    )
    return Report(
        title=visible_text(diff.new.title or diff.old.title or "Untitled article"),
        provenance=provenance,
        summary=summary,
        body=tuple(body),
        notes=tuple(note for note in endnotes if note.row is not None),
        detached=tuple(note for note in endnotes if note.row is None),
        options=options,
    )
