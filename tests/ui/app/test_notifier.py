"""Change notifications: the message names the kinds of change."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.view.summary import notification_text
from newsdiff_gui.ui.app.notifier import ChangeNotifier
from tests.ui.rewrite_diff import rewrite_diff


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


class _Tray:
    """Stands in for the system tray (there is none offscreen): keeps the messages."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, body: str, _icon: object) -> None:  # noqa: N802
        self.messages.append((title, body))


def test_the_notification_of_a_rewrite_counts_moved_sentences(
    qtbot: QtBot, store: VersionStore
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    notifier = ChangeNotifier(store, window)
    tray = _Tray()
    notifier.tray = tray  # type: ignore[assignment]
    notifier._show("Storm hits the coast", rewrite_diff())
    # The moved toll sentence is one moved sentence, not words added and removed.
    assert tray.messages == [
        (
            "Changed: Storm hits the coast",
            "1 paragraph added, 1 removed, 1 regrouped, 1 sentence moved (numbers changed)",
        )
    ]
    notifier.tray = None
