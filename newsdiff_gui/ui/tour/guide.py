"""The guided tour: four tips laid over a window showing a demo article's diff.

Each step names a real widget (its *anchor*): a changed row, the Previous/Next
change buttons, the row the reader writes a note on, the File menu. The bubble
follows its anchor on every resize, scroll or splitter move. Skipping or finishing
sets `TOUR_DONE` in the user's settings: the welcome page stops offering the tour,
and Help → Show the tour again is the way back.

Signals of `TourGuide`: finished() — the tour was skipped or done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from newsdiff_gui.ui.tour.callout import (
    Callout,
    Facing,
    Ring,
    corner_placement,
    place_callout,
)

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

TOUR_DONE = "tour/done"


def tour_done(settings: QSettings) -> bool:
    return str(settings.value(TOUR_DONE, "false")).lower() == "true"


def mark_tour_done(settings: QSettings) -> None:
    settings.setValue(TOUR_DONE, "true")
    settings.sync()


# -- where things are, in the window's coordinates --------------------------------------


def widget_rect(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def change_band(window: MainWindow, old_side: bool = False) -> QRect | None:
    """The change the reader is on (else the first), as it stands on screen in one pane."""
    band = window.detail.current_change_band(old_side)
    return None if band is None else band.translated(window.detail.mapTo(window, QPoint(0, 0)))


def _change_row(window: MainWindow) -> QRect | None:
    return change_band(window)


def _menu_title(window: MainWindow, member: QAction) -> QRect | None:
    """The menu bar's title of the menu holding `member` (File for Export…)."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and member in menu.actions():
            rect = bar.actionGeometry(action)
            return rect.translated(bar.mapTo(window, QPoint(0, 0))) if rect.isValid() else None
    return None


def _jump_buttons(window: MainWindow) -> QRect | None:
    buttons = [
        window.toolbar.widgetForAction(action)
        for action in (window.commands.previous_change, window.commands.next_change)
    ]
    if window.toolbar.isVisible() and all(b is not None and b.isVisible() for b in buttons):
        first, second = (widget_rect(window, b) for b in buttons if b is not None)
        return first.united(second)
    # No toolbar: the same commands are in the Article menu.
    return _menu_title(window, window.commands.next_change)


def _extra(window: MainWindow, widget: QWidget) -> list[QRect]:
    return [widget_rect(window, widget)] if widget.isVisible() else []


def _old_row_and_bar(window: MainWindow) -> list[QRect]:
    old = change_band(window, old_side=True)
    return ([old] if old is not None else []) + _extra(window, window.detail.diff.overview)


def _keys(action: QAction) -> str:
    names = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
    return " or ".join(n for n in names if n)


# -- the steps ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    heading: str
    body: Callable[[MainWindow], str]  # built from the real actions, so shortcuts are true
    anchor: Callable[[MainWindow], QRect | None]  # what the arrow points at
    extras: Callable[[MainWindow], list[QRect]]  # also ringed, for the text to refer to
    prefer: tuple[Facing, ...]
    enter: Callable[[MainWindow], None] | None = None  # done as the step opens


def _to_second_change(window: MainWindow) -> None:
    """The note step shows the jump of the step before: on to the next change."""
    diff = window.detail.diff
    changes = diff.change_rows()
    if len(changes) > 1 and diff.current == changes[0]:
        diff.next_change()


def _changes_body(window: MainWindow) -> str:
    return (
        "Each changed paragraph is tinted and marked in the margin: deleted words are "
        "struck through, new words underlined, the old text on the left. The narrow bar "
        "beside the panes marks every change in the article; click a mark to go there."
    )


def _jump_body(window: MainWindow) -> str:
    a = window.commands
    return (
        f"Previous change and Next change walk through them in order: "
        f"{_keys(a.next_change)} for the next, {_keys(a.previous_change)} for the previous. "
        "They are in the Article menu too."
    )


def _note_body(window: MainWindow) -> str:
    a = window.commands
    verdicts = ", ".join(
        f"{_keys(action)} {state.label}"
        for state, action in a.mark_states.items()
        if state.label != "unreviewed" and _keys(action)
    )
    return (
        f"Right-click a change to write a note or give it a verdict, or press "
        f"{_keys(a.add_note)} for a note on the change you are on, and {verdicts}. "
        "Notes are saved as you type and listed in the panel on the right."
    )


def _export_body(window: MainWindow) -> str:
    return (
        f"File → Export… ({_keys(window.commands.export)}) saves the comparison on show "
        "with its notes, as a PDF, HTML or JSON file. This demo lives in a temporary "
        "store: close its window and nothing of it is kept."
    )


def _nothing_else(window: MainWindow) -> list[QRect]:
    return []


def _notes_panel(window: MainWindow) -> list[QRect]:
    return _extra(window, window.detail.review_panel)


def _file_menu(window: MainWindow) -> QRect | None:
    return _menu_title(window, window.commands.export)


STEPS = (
    Step("Where the changes are", _changes_body, _change_row, _old_row_and_bar, (Facing.BELOW,)),
    Step(
        "Jump from change to change",
        _jump_body,
        _jump_buttons,
        _nothing_else,
        (Facing.BELOW,),
    ),
    Step(
        "Note what you find",
        _note_body,
        _change_row,
        _notes_panel,
        (Facing.BELOW, Facing.ABOVE),
        _to_second_change,
    ),
    Step(
        "Keep the evidence",
        _export_body,
        _file_menu,
        _nothing_else,
        (Facing.BELOW, Facing.RIGHT),
    ),
)


class TourGuide(QObject):
    """Shows the steps one by one over `window` (which must show a diff to point at)."""

    finished = Signal()

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings  # the user's own: where "never again" is remembered
        self.index: int | None = None  # the step on show; None when the tour is not running
        self.callout = Callout(window)
        self.callout.hide()
        self.callout.nextRequested.connect(self.next_step)
        self.callout.skipRequested.connect(self.finish)
        self.rings: list[Ring] = []
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(0)  # once per burst of resize and scroll events
        self._follow.timeout.connect(self.reposition)
        diff = window.detail.diff
        watched: list[QWidget] = [
            window,
            window.menuBar(),
            window.toolbar,
            window.detail,
            diff,
            diff.new_pane,
            diff.new_pane.viewport(),
            diff.old_pane,
            diff.overview,
            window.detail.review_panel,
        ]
        for widget in watched:
            widget.installEventFilter(self)
        diff.new_pane.verticalScrollBar().valueChanged.connect(self._schedule)
        diff.diffShown.connect(self._schedule)

    def _schedule(self, *_ignored: object) -> None:
        # Not QTimer.start itself: given the signal's int it would take it for an interval.
        self._follow.start()

    def start(self) -> None:
        diff = self.window.detail.diff
        if diff.current is None and diff.change_rows():
            diff.go_to_row(diff.change_rows()[0])
        self.show_step(0)

    def show_step(self, index: int) -> None:
        self.index = index
        step = STEPS[index]
        if step.enter is not None:
            step.enter(self.window)
        self.callout.show_step(step.heading, step.body(self.window), index + 1, len(STEPS))
        self.callout.show()
        self.callout.raise_()
        self.callout.next.setFocus()
        self.reposition()

    def reposition(self) -> None:
        if self.index is None:
            return
        step = STEPS[self.index]
        anchor = step.anchor(self.window)
        bounds = self.window.rect()
        extras = step.extras(self.window)
        size = self.callout.bubble_size()
        if anchor is None:
            # What it names is not on show (scrolled away, another article chosen): the
            # tip waits in a corner, pointing at nothing, until it comes back.
            self.callout.place(corner_placement(size, bounds))
            wanted = []
        else:
            self.callout.place(place_callout(anchor, size, bounds, step.prefer, extras))
            wanted = [anchor, *extras]
        while len(self.rings) < len(wanted):
            self.rings.append(Ring(self.window))
        for ring, rect in zip(self.rings, wanted + [QRect()] * len(self.rings), strict=False):
            ring.setVisible(rect.isValid())
            if rect.isValid():
                ring.surround(rect, bounds)
        for ring in self.rings:
            ring.stackUnder(self.callout)

    def next_step(self) -> None:
        following = 0 if self.index is None else self.index + 1
        if following < len(STEPS):
            self.show_step(following)
        else:
            self.finish()

    def finish(self) -> None:
        """Skipped or done: either way the user has seen it, and it is not offered again."""
        mark_tour_done(self.settings)
        self.index = None
        self.callout.hide()
        for ring in self.rings:
            ring.hide()
        self.finished.emit()

    def running(self) -> bool:
        return self.index is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.index is not None and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Move,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.LayoutRequest,
        ):
            self._schedule()
        return False
