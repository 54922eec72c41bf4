"""Change notifications: the message names the kinds of change."""

from __future__ import annotations

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.view.summary import notification_text


def test_message_names_headline_kinds_and_flags() -> None:
    old = Document("Seven dead in storm", ("Seven people died.", "Roads are closed."))
    new = Document("Nine dead in storm", ("Nine people died.", "Roads are closed.", "More soon."))
    text = notification_text(align(old, new))
    assert text.startswith("Headline changed, ")
    assert "1 paragraph edited" in text and "1 added" in text
    assert text.endswith("(numbers changed)")


def test_message_for_a_single_kind() -> None:
    old = Document("T", ("One.", "Two three four."))
    new = Document("T", ("Two three four.",))
    assert notification_text(align(old, new)) == "1 paragraph removed"
