"""The reader's view of one comparison: what every renderer says about a `Diff`.

Build it once, then draw it; no renderer derives a fact of its own:

    view = build_view(diff, annotations)          # core/view/build.py
    for item in fold_rows(view.rows, keep, context=1) … # or changes_only(view.rows, 1)
        ViewRow: key (RowKey: label "row 3", anchor "row-3"), kind, marker, label
                 (moved rows: "moved ↑ (stood after row 3)"), flags, notes, review,
                 moved_from / origin_of (whole paragraphs that moved),
                 references (one MoveRef per moved_out/moved_in token: `there`
                 is the row to jump to, `label` "→ ¶9" / "← ¶2" is what to print)
        Fold: a run of rows left out or collapsed (first, last, count)

- Numbers: `RowKey` is the only row numbering (0 = headline, N = `Diff.rows[N-1]`);
  annotations, reports and panes all use it (`core/rows.py`), never ±1.
- Words: `phrases.py` (kind labels and markers, row notes such as "numbers
  changed", "minor: punctuation, quotes or case", the too-long note, "but its
  first sentence moved to ¶3"); `summary.py` (the summary line, the timeline's
  and the notification's words).
- Colours: `palette.py` (Okabe–Ito, one `Paint` per kind and per token op,
  moved text included; `colour_css()` for HTML, `Paint.hue` for the panes).
- Folding: `folding.py` (`fold_rows`: the panes' collapsed runs, `changes_only`:
  a report's body).
"""

from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.view.build import build_view, note_numbers, verdicts
from newsdiff_gui.core.view.folding import PANE_MIN_FOLD, changes_only, fold_rows, worth_showing
from newsdiff_gui.core.view.model import (
    Fold,
    MovedFrom,
    MoveRef,
    ReaderView,
    ViewRow,
)

__all__ = [
    "PANE_MIN_FOLD",
    "Fold",
    "MoveRef",
    "MovedFrom",
    "ReaderView",
    "RowKey",
    "ViewRow",
    "build_view",
    "changes_only",
    "fold_rows",
    "note_numbers",
    "verdicts",
    "worth_showing",
]
