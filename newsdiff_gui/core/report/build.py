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

from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, ChangeKind, Diff, Token, TokenOp
from newsdiff_gui.core.annotations import Annotation, Placement, ReviewState, unreviewed_change_rows
from newsdiff_gui.core.report.model import (
    Cell,
    Endnote,
    Omitted,
    Piece,
    Provenance,
    Report,
    ReportOptions,
    ReportRow,
    Summary,
)
from newsdiff_gui.core.view import (
    Fold,
    ReaderView,
    ViewRow,
    build_view,
    changes_only,
    verdicts,
)
from newsdiff_gui.core.view.summary import flag_counts
from newsdiff_gui.core.visible import visible_text


def outlet_of(url: str | None) -> str | None:
    """The site's host without 'www.' (what readers call the outlet)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _words(tokens: Iterable[Token]) -> tuple[Piece, ...]:
    return tuple(Piece(token.op, visible_text(token.text)) for token in tokens)


def _cell(tokens: Iterable[tuple[Token, ViewRow | None, int]]) -> Cell:
    """One side's tokens cut into paragraphs at the joiner (split/merged rows).

    Each token comes with its row's view and its index in the row, so moved
    text keeps the reference to its other place.
    """
    paragraphs: list[list[Piece]] = [[]]
    for token, view_row, number in tokens:
        ref = view_row.reference(number) if view_row is not None and token.op.moved else None
        parts = token.text.split(PARAGRAPH_JOINER)
        for ordinal, part in enumerate(parts):
            if ordinal:
                paragraphs.append([])
            if part:
                # Made visible after the cut: a marker never holds a joiner. A
                # sentence's word changes are kept only while it is not cut.
                words = _words(token.tokens) if len(parts) == 1 else ()
                paragraphs[-1].append(Piece(token.op, visible_text(part), ref, words))
    return Cell(tuple(tuple(p) for p in paragraphs if p))


def _side(
    tokens: tuple[Token, ...], view_row: ViewRow | None, new_side: bool
) -> list[tuple[Token, ViewRow | None, int]]:
    return [
        (token, view_row, number)
        for number, token in enumerate(tokens)
        if (token.op.on_new_side if new_side else token.op.on_old_side)
    ]


def _cells(diff: Diff, view_row: ViewRow) -> tuple[Cell, Cell]:
    row = view_row.source
    if row is None:  # the headline
        if diff.title.kind is ChangeKind.UNCHANGED:
            same = _cell(_side(diff.title.tokens, None, False))
            return same, same
        return _cell(_side(diff.title.tokens, None, False)), _cell(
            _side(diff.title.tokens, None, True)
        )
    if row.tokens:
        return _cell(_side(row.tokens, view_row, False)), _cell(_side(row.tokens, view_row, True))
    old_text, new_text = diff.old_text(row), diff.new_text(row)
    if row.kind is ChangeKind.REMOVED:
        return _cell([(Token(TokenOp.DELETE, old_text), None, 0)]), Cell()
    if row.kind is ChangeKind.ADDED:
        return Cell(), _cell([(Token(TokenOp.INSERT, new_text), None, 0)])
    return _cell([(Token(TokenOp.EQUAL, old_text), None, 0)]), _cell(
        [(Token(TokenOp.EQUAL, new_text), None, 0)]
    )


def _report_row(diff: Diff, view_row: ViewRow) -> ReportRow:
    old, new = _cells(diff, view_row)
    place = view_row.moved_from
    return ReportRow(
        key=view_row.key,
        kind=view_row.kind,
        marker=view_row.marker,
        label=view_row.label,
        old=old,
        new=new,
        old_paragraphs=tuple(i + 1 for i in view_row.old_paragraphs),
        new_paragraphs=tuple(i + 1 for i in view_row.new_paragraphs),
        minor=view_row.minor,
        numbers_changed=view_row.numbers_changed,
        quote_changed=view_row.quote_changed,
        moved_from=None if place is None else place.after,
        origin_of=view_row.origin_of if view_row.source else (),
        notes=view_row.notes,
        review=view_row.review,
    )


def _body(view: ReaderView, options: ReportOptions) -> list[ReportRow | Omitted]:
    body: list[ReportRow | Omitted] = [_report_row(view.diff, view.headline)]
    shown = changes_only(view.rows, options.context) if options.changes_only else view.rows
    for item in shown:
        if isinstance(item, Fold):
            body.append(Omitted(item.count, item.first, item.last))
        else:
            body.append(_report_row(view.diff, item))
    return body


def _endnote(placement: Placement) -> Endnote:
    annotation = placement.annotation
    return Endnote(
        number=placement.number,
        row=placement.row,
        state=annotation.state,
        note=annotation.note,
        tags=annotation.tags,
        author=annotation.author,
        created_at=annotation.created_at,
        updated_at=annotation.updated_at,
        excerpt=annotation.anchor.excerpt,
    )


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
    view = build_view(diff, annotations, include_notes=options.include_notes)
    placements = list(view.placements)
    endnotes = [_endnote(p) for p in placements if p.number]
    numbers, quotes = flag_counts(diff)
    summary = Summary(
        stats=diff.stats,
        title_changed=diff.title.kind is not ChangeKind.UNCHANGED,
        numbers_changed_rows=numbers,
        quote_changed_rows=quotes,
        review_states=review_counts(diff, placements) if options.include_notes else (),
        notes=len(endnotes),
        detached_notes=sum(1 for note in endnotes if note.row is None),
    )
    return Report(
        title=visible_text(diff.new.title or diff.old.title or "Untitled article"),
        provenance=provenance,
        summary=summary,
        body=tuple(_body(view, options)),
        notes=tuple(note for note in endnotes if note.row is not None),
        detached=tuple(note for note in endnotes if note.row is None),
        options=options,
    )
