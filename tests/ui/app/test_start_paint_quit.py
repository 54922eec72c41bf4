"""Start, paint and quit without a Qt warning or a Python exception.

The guard in tests/conftest.py (with pytest-qt's) fails these tests on any Qt
warning or any exception raised in a paint or event handler, during the test
and while its windows close. The child-process tests run the real entry point
through its event loop and quit, and read its error output, where Qt and
PySide report both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QHelpEvent, QImage, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsdiff_gui.app import main
from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, imported_only_state
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.diff.version_text import VersionTextView
from newsdiff_gui.ui.diff.view import DiffView
from tests.ui.history import capture

ROOT = Path(__file__).resolve().parents[2]
# The offscreen platform's note on every top-level window with a layout; nothing of ours.
OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"
NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def one_version_store(path: Path) -> Path:
    """A store holding one imported article with exactly one version."""
    with VersionStore.open(path) as store:
        article = store.add_article(
            "https://www.harbour-courier.example/news/bridge",
            imported_only_state(SchedulePolicy()),
            NOW,
        )
        document = Document(
            "Harbour bridge repairs to close lanes",
            ("Two lanes of the bridge close from Monday.", "The work lasts six weeks."),
        )
        store.add_capture(article.id, capture(document, NOW))
    return path


def paragraphs(count: int) -> tuple[str, ...]:
    return tuple(
        f"Paragraph {n} of the council report: item {n} on the agenda, {n * 7} votes."
        for n in range(count)
    )


# -- the diff panes before and while a comparison is shown ---------------------------


def test_a_diff_view_paints_and_takes_events_before_its_first_comparison(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.grab()  # painted before any resize realigned it: the reported paint exception
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    for pane in (view.old_pane, view.new_pane):
        QTest.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        tip = QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), pane.viewport().mapToGlobal(QPoint()))
        QApplication.sendEvent(pane.viewport(), tip)
    QTest.mouseClick(view.overview, Qt.MouseButton.LeftButton, pos=QPoint(5, 50))
    assert view.old_pane.row_at(0) is None and view.overview.marks() == []


def test_a_click_while_far_rows_are_still_aligning_is_answered(qtbot: QtBot) -> None:
    # The moved paragraph stood near the end: its "stood here" line has no place yet.
    old = paragraphs(600)
    new = (old[580], *old[:580], *old[581:])
    diff = align(Document("Agenda", old), Document("Agenda", new))
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    view.show_diff(diff, "old", "new")
    pane = view.old_pane
    [mark] = pane.moved_marks
    assert view.rows[mark.moved_row].kind is ChangeKind.MOVED
    assert pane.aligned_rows <= mark.after + 1  # not aligned down there yet
    click = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(300, 10),
        QPointF(pane.viewport().mapToGlobal(QPoint(300, 10))),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    pane.mousePressEvent(click)  # asked the position of an unaligned row before
    assert pane.shown_moved_marks() == []
    view.finish_alignment()
    assert pane.shown_moved_marks() == [mark]


# -- the main window: show, paint, close -----------------------------------------------


def settled(window: MainWindow) -> bool:
    """No comparison under way, and one on show if the diff page is."""
    diff = window.detail.diff
    showing_diff = window.detail.currentWidget() is window.detail.diff_page
    return not diff.is_busy() and (diff.diff is not None or not showing_diff)


def show_and_close(qtbot: QtBot, store: VersionStore, settings: QSettings) -> MainWindow:
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: settled(window), timeout=5000)
    window.grab()  # every visible widget paints now
    return window


def test_a_one_version_article_starts_paints_and_closes(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    with VersionStore.open(one_version_store(tmp_path / "one.sqlite3")) as store:
        window = show_and_close(qtbot, store, settings)
        assert isinstance(window.detail.currentWidget(), VersionTextView)
        window.detail.diff.grab()  # the hidden diff page too, as when it first shows
        window.close()


def test_an_empty_store_starts_paints_and_closes(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    window = show_and_close(qtbot, store, settings)
    assert window.detail.currentWidget() is window.detail.welcome
    window.close()


def test_the_demo_starts_paints_and_closes(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    from newsdiff_gui.core.demo import load_demo

    load_demo(store)
    window = show_and_close(qtbot, store, settings)
    assert window.detail.currentWidget() is window.detail.diff_page
    assert window.detail.diff.rows
    window.close()


# -- the real entry point ------------------------------------------------------------------


@pytest.mark.parametrize("case", ["one version", "empty", "demo"])
def test_the_screenshot_entry_point_starts_paints_and_quits(tmp_path: Path, case: str) -> None:
    database = tmp_path / "store.sqlite3"
    args = ["--db", str(database), "--screenshot", str(tmp_path / "shot.png")]
    if case == "one version":
        one_version_store(database)
    if case == "demo":
        args.append("--demo")
    assert main(args) == 0
    assert not QImage(str(tmp_path / "shot.png")).isNull()


# Runs `newsdiff_gui.app.main` through its event loop; closes the window once it has
# settled (as `settled` above) and every widget has painted, as a user quitting would.
DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from newsdiff_gui.app import main
from newsdiff_gui.ui.app.main_window import MainWindow

app = QApplication(["newsdiff-gui"])
ticks = 0

def settled(window):
    diff = window.detail.diff
    showing_diff = window.detail.currentWidget() is window.detail.diff_page
    return not diff.is_busy() and (diff.diff is not None or not showing_diff)

def close_when_settled():
    global ticks
    ticks += 1
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if ticks > 1000:
        print("NEVER SETTLED", file=sys.stdout)
        app.exit(3)
    elif windows and settled(windows[0]):
        windows[0].grab()
        print("SHOWING", type(windows[0].detail.currentWidget()).__name__)
        windows[0].close()
    else:
        QTimer.singleShot(20, close_when_settled)

QTimer.singleShot(0, close_when_settled)
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("case", "page"),
    [("one version", "VersionTextView"), ("empty", "WelcomePage"), ("demo", "QSplitter")],
)
def test_the_app_starts_paints_and_quits_without_a_warning(
    tmp_path: Path, case: str, page: str
) -> None:
    database = tmp_path / "store.sqlite3"
    args = ["--db", str(database)]
    if case == "one version":
        one_version_store(database)
    if case == "demo":
        args.append("--demo")
    home = tmp_path / "home"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        # Never the user's own settings, data or caches.
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"SHOWING {page}"), done.stderr
    others = [line for line in done.stderr.splitlines() if line.strip() != OFFSCREEN_NOTE]
    assert others == []
