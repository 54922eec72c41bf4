"""Notifications of life events: gone and reverted are announced, once, by name."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.lifecycle import Seen, Sighting
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.notifier import ChangeNotifier
from tests.support.pages import STORM, STORM_TITLE
from tests.ui.history import T0, capture


class _Tray:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, body: str, _icon: object) -> None:  # noqa: N802
        self.messages.append((title, body))


def test_reverted_is_announced_as_a_revert_not_as_a_change(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    notifier = ChangeNotifier(store, window)
    tray = _Tray()
    notifier.tray = tray  # type: ignore[assignment]
    storm = history["storm"]
    later = T0 + timedelta(days=1)
    first = Document(STORM_TITLE, STORM, byline="Jonas Eberly")
    stored = store.add_capture(storm, capture(first, later))
    notifier.version_added(storm, stored.version.number)  # no "Changed:" for a revert
    (reverted,) = store.events.for_version(storm, stored.version.number)
    back = store.events.observe(storm, later, Sighting(Seen.REACHED), True)
    with qtbot.waitSignal(notifier.alerted) as alert:
        notifier.life_events(storm, (reverted, *back))
    assert alert.args == [storm, "reverted"]
    notifier._pool.waitForDone(2000)  # a "Changed:" job, had one started,
    qtbot.wait(100)  # and its message delivered
    assert tray.messages == [
        ("Reverted: Storm batters coastal towns overnight", "text returned to version 1")
    ]
    notifier.tray = None
