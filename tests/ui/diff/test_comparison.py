"""The comparison on show: the notes' pair and an export's provenance come from its sides."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import SourceInfo
from newsdiff_gui.ui.diff.comparison import Comparison, Pair, Side

OLD = Document("T", ("One paragraph.",))
NEW = Document("T", ("One paragraph, edited.",))
WHEN = datetime(2026, 3, 10, 14, 50, tzinfo=UTC)


def test_two_stored_versions_make_a_pair_and_their_sources_the_provenance() -> None:
    old_info = SourceInfo("Version 1", number=1, sha256="a" * 64)
    new_info = SourceInfo("Version 2", number=2, sha256="b" * 64)
    comparison = Comparison(
        Side(OLD, "v1", old_info, article_id=7, version_id=11, article_url="https://x.test/a"),
        Side(NEW, "v2", new_info, article_id=7, version_id=12, article_url="https://x.test/a"),
        align(OLD, NEW),
    )
    assert comparison.pair() == Pair(7, 11, 12)
    provenance = comparison.provenance(WHEN)
    assert (provenance.old, provenance.new) == (old_info, new_info)
    assert provenance.article_url == "https://x.test/a" and provenance.outlet == "x.test"


def test_a_saved_page_has_no_pair_and_is_named_by_its_caption() -> None:
    comparison = Comparison(
        Side(OLD, "Version 1", article_id=7, version_id=11),
        Side(NEW, "Saved page b.html"),
        align(OLD, NEW),
    )
    assert comparison.pair() is None
    provenance = comparison.provenance(WHEN)
    assert provenance.new == SourceInfo("Saved page b.html")
    assert provenance.article_url is None
