"""Tests that must FAIL under the suite's guard; run only by tests/test_exception_guard.py.

The file name does not match `test_*.py`, so the normal run never collects it;
each case is run by name in a child pytest, with the project's own configuration.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer, qWarning
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

# Widgets that must outlive the test body (qtbot only keeps weak references).
KEPT: list[QWidget] = []


class RaisesInPaint(QWidget):
    painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.painted = True
        raise RuntimeError("raised in paintEvent")


class RaisesInFilter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.User:
            raise RuntimeError("raised in eventFilter")
        return False


class WarnsOnClose(QWidget):
    def closeEvent(self, event: object) -> None:  # noqa: N802
        qWarning("warned while closing")


def test_paint_raises(qtbot: QtBot) -> None:
    widget = RaisesInPaint()
    qtbot.addWidget(widget)
    widget.grab()  # paints through Qt, which reports the exception and goes on


def test_paint_raises_in_event_loop(qtbot: QtBot) -> None:
    widget = RaisesInPaint()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.painted)


def test_event_filter_raises(qtbot: QtBot) -> None:
    from PySide6.QtCore import QCoreApplication

    target = QObject()
    watcher = RaisesInFilter()
    target.installEventFilter(watcher)
    QCoreApplication.sendEvent(target, QEvent(QEvent.Type.User))


def test_slot_raises(qtbot: QtBot) -> None:
    def slot() -> None:
        raise RuntimeError("raised in a slot")

    QTimer.singleShot(0, slot)
    qtbot.wait(20)


def test_warning_in_body(qtbot: QtBot) -> None:
    qWarning("warned in the test body")


@pytest.fixture
def warns_at_teardown() -> Iterator[None]:
    yield
    qWarning("warned in a fixture's teardown")


def test_warning_in_fixture_teardown(qtbot: QtBot, warns_at_teardown: None) -> None:
    pass


def test_warning_when_qtbot_closes_the_window(qtbot: QtBot) -> None:
    widget = WarnsOnClose()
    qtbot.addWidget(widget)  # closed by pytest-qt after the test body
    KEPT.append(widget)
    widget.show()


def test_paint_raises_after_the_body(qtbot: QtBot) -> None:
    widget = RaisesInPaint()
    qtbot.addWidget(widget)
    KEPT.append(widget)
    widget.show()  # painted only once events are processed after the body


def test_clean(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()
