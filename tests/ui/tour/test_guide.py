"""The guided tour: offered on the first-run screen, run in a demo window, never shown again
once skipped or done, back through Help; its bubbles point into what they name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.tour.callout import GAP, Callout, Facing, place_callout
from newsdiff_gui.ui.tour.guide import STEPS, TOUR_DONE, TourGuide, tour_done
from newsdiff_gui.ui.tour.session import DEMO_TITLE


def open_window(qtbot: QtBot, store: VersionStore, settings: QSettings) -> MainWindow:
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def demo_windows(qtbot: QtBot) -> Iterator[None]:
    """Close the demo windows a test opened (each deletes its temporary store)."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.windowTitle() == DEMO_TITLE:
            widget.close()
    qtbot.wait(20)  # the deferred deletion that removes the store


def start_tour(qtbot: QtBot, window: MainWindow, size: QSize | None = None) -> MainWindow:
    """Press the welcome page's button; the demo window once its first tip is on show."""
    window.detail.welcome.tour.click()
    session = window.tour.session
    assert session is not None and session.window is not None
    demo = session.window
    if size is not None:
        demo.resize(size)
    qtbot.waitExposed(demo)
    qtbot.waitUntil(lambda: demo.tour.guide is not None and demo.tour.guide.running())
    return demo


def guide_of(demo: MainWindow) -> TourGuide:
    guide = demo.tour.guide
    assert guide is not None
    return guide


def settle(qtbot: QtBot) -> None:
    """Let deferred repositioning (a zero-time timer) run."""
    qtbot.wait(20)


def assert_points_into_anchor(demo: MainWindow, index: int) -> QRect:
    """The arrow's tip points into the step's anchor, and the bubble stays off it and
    inside the window."""
    guide = guide_of(demo)
    anchor = STEPS[index].anchor(demo)
    assert anchor is not None
    callout = guide.callout
    tip, step = callout.arrow_tip(), callout.placement.direction()
    assert anchor.contains(tip + step * (GAP + 1)), (index, anchor, tip)
    assert not callout.geometry().intersects(anchor), (index, anchor, callout.geometry())
    assert demo.rect().contains(callout.geometry()), (index, callout.geometry())
    return anchor


def test_first_run_screen_offers_the_tour(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    window = open_window(qtbot, store, settings)
    welcome = window.detail.welcome
    assert window.detail.currentWidget() is welcome
    assert welcome.tour.text() == "Take the tour on a demo article"
    assert welcome.tour.isVisible()
    assert window.commands.show_tour.text() == "Show the &tour again"
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Help" in titles


@pytest.mark.parametrize("size", [QSize(1400, 900), QSize(1000, 650)], ids=["large", "small"])
def test_every_tip_points_into_its_widget_and_next_walks_them_all(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    demo_windows: None,
    size: QSize,
) -> None:
    window = open_window(qtbot, store, settings)
    demo = start_tour(qtbot, window, size)
    assert demo is not window and demo.windowTitle() == DEMO_TITLE
    guide = guide_of(demo)
    settle(qtbot)
    diff = demo.detail.diff
    # 1: a changed row of the diff, in the new version's pane.
    assert guide.index == 0 and guide.callout.isVisible()
    current = demo.detail.current_change()
    assert current is not None and diff.rows[current].is_change
    anchor = assert_points_into_anchor(demo, 0)
    new_viewport = diff.new_pane.viewport()
    assert QRect(new_viewport.mapTo(demo, QPoint(0, 0)), new_viewport.size()).contains(anchor)
    guide.callout.next.click()
    settle(qtbot)
    # 2: the Previous and Next change buttons.
    anchor = assert_points_into_anchor(demo, 1)
    for action in (demo.commands.previous_change, demo.commands.next_change):
        button = demo.toolbar.widgetForAction(action)
        assert anchor.contains(QRect(button.mapTo(demo, QPoint(0, 0)), button.size()))
    assert "Alt+Down" in guide.callout.body.text()
    guide.callout.next.click()
    settle(qtbot)
    # 3: the change the reader is on (moved on to the second one), for notes and verdicts.
    assert diff.current == diff.change_rows()[1]
    assert_points_into_anchor(demo, 2)
    assert "Ctrl+M" in guide.callout.body.text() and "Alt+4" in guide.callout.body.text()
    guide.callout.next.click()
    settle(qtbot)
    # 4: the File menu, which holds Export…
    anchor = assert_points_into_anchor(demo, 3)
    bar = demo.menuBar()
    file_title = bar.actionGeometry(bar.actions()[0]).translated(bar.mapTo(demo, QPoint(0, 0)))
    assert anchor == file_title
    assert guide.callout.next.text() == "Done"
    assert not tour_done(settings)
    guide.callout.next.click()
    assert not guide.running() and not guide.callout.isVisible()
    assert tour_done(settings)
    # The user's own window stops offering it at once.
    assert not window.detail.welcome.tour.isVisible()


def test_callout_follows_its_anchor_when_the_window_is_resized(
    qtbot: QtBot, store: VersionStore, settings: QSettings, demo_windows: None
) -> None:
    window = open_window(qtbot, store, settings)
    demo = start_tour(qtbot, window, QSize(1400, 900))
    settle(qtbot)
    before = guide_of(demo).callout.geometry()
    demo.resize(1000, 650)
    qtbot.waitUntil(lambda: guide_of(demo).callout.geometry() != before)
    settle(qtbot)
    assert_points_into_anchor(demo, 0)


def test_a_tip_whose_row_is_scrolled_away_waits_in_a_corner_until_it_is_back(
    qtbot: QtBot, store: VersionStore, settings: QSettings, demo_windows: None
) -> None:
    window = open_window(qtbot, store, settings)
    demo = start_tour(qtbot, window, QSize(1000, 650))
    guide = guide_of(demo)
    bar = demo.detail.diff.new_pane.verticalScrollBar()
    settle(qtbot)
    bar.setValue(bar.maximum())  # the headline, the first change, leaves the view
    settle(qtbot)
    assert STEPS[0].anchor(demo) is None
    assert guide.callout.placement.facing is Facing.CORNER
    assert guide.callout.isVisible() and demo.rect().contains(guide.callout.geometry())
    assert not any(ring.isVisible() for ring in guide.rings)
    bar.setValue(0)
    settle(qtbot)
    assert guide.callout.placement.facing is not Facing.CORNER
    assert_points_into_anchor(demo, 0)


# Help in the user's window brings the open demo window forward: offscreen cannot raise.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")
def test_skip_and_escape_end_the_tour_for_good_enter_goes_on(
    qtbot: QtBot, store: VersionStore, settings: QSettings, demo_windows: None
) -> None:
    window = open_window(qtbot, store, settings)
    demo = start_tour(qtbot, window)
    guide = guide_of(demo)
    qtbot.keyClick(guide.callout.next, Qt.Key.Key_Return)
    assert guide.index == 1
    qtbot.keyClick(guide.callout.next, Qt.Key.Key_Escape)
    assert not guide.running() and not guide.callout.isVisible()
    assert tour_done(settings)
    # The Skip button does the same (run again through Help, in the same demo window).
    settings.remove(TOUR_DONE)
    window.commands.show_tour.trigger()
    assert guide.running() and guide.index == 0
    guide.callout.skip.click()
    assert not guide.running() and tour_done(settings)


def test_buttons_have_accessible_names(
    qtbot: QtBot, store: VersionStore, settings: QSettings, demo_windows: None
) -> None:
    window = open_window(qtbot, store, settings)
    callout = guide_of(start_tour(qtbot, window)).callout
    assert callout.skip.accessibleName() == "Skip the tour"
    assert callout.next.accessibleName() == "Next tip"
    assert callout.accessibleName() == "Tour, tip 1 of 4: Where the changes are"


def test_a_window_after_the_tour_offers_and_shows_nothing(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    settings.setValue(TOUR_DONE, "true")
    window = open_window(qtbot, store, settings)
    assert not window.detail.welcome.tour.isVisible()
    assert window.tour.session is None
    assert not window.findChildren(Callout)


def test_help_shows_the_tour_again(
    qtbot: QtBot, store: VersionStore, settings: QSettings, demo_windows: None
) -> None:
    settings.setValue(TOUR_DONE, "true")
    window = open_window(qtbot, store, settings)
    window.commands.show_tour.trigger()
    session = window.tour.session
    assert session is not None and session.window is not None
    demo = session.window
    qtbot.waitUntil(lambda: demo.tour.guide is not None and demo.tour.guide.running())
    assert guide_of(demo).callout.isVisible()
    settle(qtbot)
    assert_points_into_anchor(demo, 0)
    # In the demo window itself, Help runs it there again, without another window.
    guide_of(demo).finish()
    demo.commands.show_tour.trigger()
    assert guide_of(demo).running()
    assert window.tour.session is session


def test_the_users_store_is_untouched_and_the_demo_store_goes_with_its_window(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
) -> None:
    settings.setValue(TOUR_DONE, "true")  # a user with articles: Help is the way in
    window = open_window(qtbot, store, settings)
    before = [(a.id, a.url, a.version_count) for a in store.list_articles()]
    window.commands.show_tour.trigger()
    session = window.tour.session
    assert session is not None and session.window is not None
    demo = session.window
    qtbot.waitUntil(lambda: demo.tour.guide is not None and demo.tour.guide.running())
    guide_of(demo).callout.next.click()
    demo_folder = Path(session.folder.name)
    assert demo.store.path.parent == demo_folder != store.path.parent
    assert len(demo.store.list_articles()) == 3
    assert [(a.id, a.url, a.version_count) for a in store.list_articles()] == before
    demo_urls = {a.url for a in demo.store.list_articles()}
    assert not demo_urls & {a.url for a in store.list_articles()}
    demo.close()
    qtbot.waitUntil(lambda: window.tour.session is None)
    assert not demo_folder.exists()
    assert [(a.id, a.url, a.version_count) for a in store.list_articles()] == before
    # The demo window kept its own window settings: the user's have no demo selection.
    assert settings.value("selection/article") is None


@pytest.mark.parametrize("facing", [f for f in Facing if f is not Facing.CORNER])
def test_placement_never_covers_its_anchor(facing: Facing) -> None:
    bounds = QRect(0, 0, 1000, 650)
    size = QSize(340, 160)
    for x in range(0, 1000, 90):
        for y in range(0, 650, 60):
            anchor = QRect(x, y, 120, 40) & bounds
            placed = place_callout(anchor, size, bounds, (facing,))
            assert not placed.rect.intersects(anchor)
            assert anchor.contains(placed.tip + placed.direction() * (GAP + 1))
            assert placed.rect.contains(placed.tip)


def test_closing_the_users_window_closes_the_demo_it_opened(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    window = open_window(qtbot, store, settings)
    start_tour(qtbot, window)
    session = window.tour.session
    assert session is not None and session.window is not None
    demo_title = session.window.windowTitle()
    folder = Path(session.folder.name)
    window.close()
    qtbot.waitUntil(lambda: window.tour.session is None)
    open_demos = [w for w in QApplication.topLevelWidgets() if w.windowTitle() == demo_title]
    assert not [w for w in open_demos if w.isVisible()]
    assert not folder.exists()
