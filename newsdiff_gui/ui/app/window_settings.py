"""What the main window remembers between sessions (QSettings keys in one place).

Geometry, toolbar state, splitter sizes, the View toggles, the sidebar's sort
order and the last selection (article, version, compared-with version).
A value that is missing or unreadable falls back to the default: settings
written by another version of the app must never stop it from starting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter

from newsdiff_gui.ui.sidebar.model import SortOrder
from newsdiff_gui.ui.timeline.panel import PREVIOUS

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

DEFAULT_SIZE = (1400, 900)


def _int(settings: QSettings, key: str, default: int) -> int:
    try:
        return int(str(settings.value(key, default)))
    except ValueError:
        return default


def _article_id(settings: QSettings, key: str) -> int | None:
    """A stored article id; None when absent, unreadable or negative (older
    versions stored -1 for "no article")."""
    article_id = _int(settings, key, -1)
    return article_id if article_id >= 0 else None


def _flag(settings: QSettings, key: str, default: bool) -> bool:
    return str(settings.value(key, "true" if default else "false")).lower() == "true"


def _splitters(window: MainWindow) -> dict[str, QSplitter]:
    # The key of the main splitter predates the notes panel's: kept so sizes survive.
    return {"window/splitter": window.splitter, "window/diff_splitter": window.detail.diff_page}


def restore(window: MainWindow) -> None:
    s = window.settings
    geometry = s.value("window/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    state = s.value("window/state")
    if state is not None:
        window.restoreState(state)
    for key, splitter in _splitters(window).items():
        saved = s.value(key)
        if saved is not None:
            splitter.restoreState(saved)
    for key, action in window.commands.toggles().items():
        action.setChecked(_flag(s, f"view/{key}", True))
    for key, action in window.commands.foldings().items():
        action.setChecked(_flag(s, f"view/{key}", False))
    order = str(s.value("sidebar/order", SortOrder.LAST_CHANGE.value))
    if order in {o.value for o in SortOrder}:
        window.sidebar.set_order(SortOrder(order))
    article_id = _article_id(s, "selection/article")
    if article_id is None or not window.sidebar.select_article(article_id):
        window.sidebar.select_first()
        return
    version = _int(s, "selection/version", 0)
    if version:
        window.timeline.select_version(version, _int(s, "selection/base", PREVIOUS))


def save(window: MainWindow) -> None:
    s = window.settings
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for key, splitter in _splitters(window).items():
        s.setValue(key, splitter.saveState())
    for key, action in {**window.commands.toggles(), **window.commands.foldings()}.items():
        s.setValue(f"view/{key}", "true" if action.isChecked() else "false")
    s.setValue("sidebar/order", window.sidebar.order().value)
    article_id = window.sidebar.current_article_id()
    if article_id is None:
        s.remove("selection/article")
    else:
        s.setValue("selection/article", article_id)
    s.setValue("selection/version", window.timeline.selected()[1])
    s.setValue("selection/base", window.timeline.base())
    s.sync()
