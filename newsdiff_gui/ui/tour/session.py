"""Where the tour runs: a second window on a temporary store holding the demo history.

Why a separate window and store: the demo articles are fictional. Loaded into the
user's own store they would sit among real evidence (in lists, digests and
exports) until removed by hand, and a fact-checker's archive must never hold
invented articles they did not ask for. So the tour opens its own window on a
throwaway store in a temporary folder, titled as a demo, and deletes both when that
window closes. Adding the demo to one's own list stays an explicit choice: the
welcome page's "Open demo" button.

The demo window has its own scratch settings too (its size and splitters must not
replace the user's); only "the tour was seen" is written to the user's settings.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal

from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.ui.tour.guide import TourGuide, tour_done

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

# The application name is added by Qt (" — newsdiff"), as for every window title.
DEMO_TITLE = "Tour on the demo history (fictional articles, not kept)"
# The demo window opens a little down and right of the user's, so both are seen.
OFFSET = QPoint(40, 40)


class TourLauncher(QObject):
    """The window's side of the tour: the welcome page's offer and Help → Show the tour again.

    Signals: tourFinished() — a tour started from this window was skipped or done.
    """

    tourFinished = Signal()  # noqa: N815

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        # True in a window the tour opened on the demo: the tour runs in that window.
        self.on_demo = False
        self.session: DemoSession | None = None
        self.guide: TourGuide | None = None
        self._waiting = False
        window.detail.welcome.tourRequested.connect(self.start)
        window.commands.show_tour.triggered.connect(self.start)
        window.detail.diffShown.connect(self._diff_shown)
        window.detail.welcome.set_tour_offered(not tour_done(settings))
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Quitting the user's window also closes the demo it opened (and deletes its store).
        demo = self.session.window if self.session is not None else None
        if event.type() == QEvent.Type.Close and demo is not None:
            demo.close()
        return False

    def start(self) -> None:
        """Run the tour: here if this window shows the demo, else in a new demo window."""
        if self.on_demo:
            self.run_here()
            return
        if self.session is not None and self.session.window is not None:
            self.session.window.raise_()
            self.session.window.activateWindow()
            self.session.window.tour.run_here()
            return
        try:
            self.session = DemoSession(self)
        except (OSError, ValueError, StoreError) as exc:
            self.window.statusBar().showMessage(f"The tour could not be opened: {exc}", 15_000)
            self.session = None
            return
        self.session.closed.connect(self._session_closed)

    def run_here(self) -> None:
        from newsdiff_gui.ui.app.screenshot import select_first_change  # it imports the window

        diff = self.window.detail.diff
        if self.window.detail.currentWidget() is not self.window.detail.diff_page:
            select_first_change(self.window)
        if diff.diff is None or diff.is_busy():
            self._waiting = True  # the alignment runs in the background: start once shown
            return
        self._start_guide()

    def _diff_shown(self, _changes: int) -> None:
        if self._waiting:
            self._waiting = False
            # After the event loop has laid out the panes the rows are measured.
            QTimer.singleShot(0, self._start_guide)

    def _start_guide(self) -> None:
        if self.guide is None:
            self.guide = TourGuide(self.window, self.settings)
            self.guide.finished.connect(self.tour_finished)
        self.guide.start()

    def tour_finished(self) -> None:
        """The tour was skipped or done (here or in the demo window this one opened)."""
        self.window.detail.welcome.set_tour_offered(False)
        self.tourFinished.emit()

    def _session_closed(self) -> None:
        self.session = None


class DemoSession(QObject):
    """A demo window on a temporary store; both go when the window closes.

    Signals: closed() — the demo window was closed and its store deleted.
    """

    closed = Signal()

    def __init__(self, launcher: TourLauncher) -> None:
        super().__init__(launcher)
        from newsdiff_gui.ui.app.main_window import MainWindow  # the window imports this module

        self.folder = tempfile.TemporaryDirectory(prefix="newsdiff-tour-")
        folder = Path(self.folder.name)
        try:
            self.store = VersionStore.open(folder / "demo.sqlite3")
            load_demo(self.store)
        except (OSError, ValueError, StoreError):
            self.folder.cleanup()
            raise
        scratch = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        user_window = launcher.window
        # Checks run only where the user's own window runs them (never in tests); the
        # demo articles are never due anyway, their addresses being fictional.
        checking = user_window.checker.worker_thread.isRunning()
        window = MainWindow(self.store, scratch, start_worker=checking)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.setWindowTitle(DEMO_TITLE)
        window.tour.on_demo = True
        window.tour.settings = launcher.settings
        window.tour.tourFinished.connect(launcher.tour_finished)
        window.destroyed.connect(self._window_gone)
        window.resize(user_window.size())
        window.move(user_window.pos() + OFFSET)
        self.window: MainWindow | None = window
        window.show()
        window.tour.run_here()

    def _window_gone(self) -> None:
        self.window = None
        self.store.close()
        self.folder.cleanup()
        self.closed.emit()
