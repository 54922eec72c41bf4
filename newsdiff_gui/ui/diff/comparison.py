"""The comparison on show: its two sides, their aligned diff, and what follows from them.

State, not widget text: the review controller keeps the one the diff view last
showed (it says so with `DiffView.comparisonShown`), and the notes' pair of
stored versions and an export's provenance are read from it, never rebuilt from
the captions above the panes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsdiff_gui.core.align import Diff
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import Provenance, SourceInfo, provenance


@dataclass(frozen=True, slots=True)
class Side:
    """One document of a comparison, how to name it above its pane and, for exports,
    where it came from. A stored version also names its article and version id, so
    notes can be kept on the comparison."""

    document: Document
    caption: str
    source: SourceInfo | None = None
    article_id: int | None = None
    version_id: int | None = None
    article_url: str | None = None
    # Why this side's extraction may not be the whole article (a cross-check with a
    # second extractor disagreed, the text collapsed); None when nothing is known.
    extraction_doubt: str | None = None

    def source_info(self) -> SourceInfo:
        """Where the side came from; a document given without one is named by its caption."""
        return self.source or SourceInfo(label=self.caption)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two stored versions of one article: what notes are kept on."""

    article_id: int
    from_version_id: int
    to_version_id: int


@dataclass(frozen=True, slots=True)
class Comparison:
    old: Side
    new: Side
    diff: Diff

    def doubts(self) -> list[str]:
        """What the reader is told above the panes: each side whose extraction is unsure."""
        return [
            f"{side.caption}: {side.extraction_doubt}"
            for side in (self.old, self.new)
            if side.extraction_doubt
        ]

    def pair(self) -> Pair | None:
        """The stored versions compared, or None when a side is a file or an address."""
        old, new = self.old, self.new
        if old.version_id is None or new.version_id is None or new.article_id is None:
            return None
        return Pair(new.article_id, old.version_id, new.version_id)

    def provenance(self, exported_at: datetime) -> Provenance:
        return provenance(
            article_url=self.new.article_url or self.old.article_url,
            old=self.old.source_info(),
            new=self.new.source_info(),
            options=self.diff.options,
            exported_at=exported_at,
        )
