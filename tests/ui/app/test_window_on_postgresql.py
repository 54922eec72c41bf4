"""The window on a team's PostgreSQL store: every part that opens its own connection
(sources, digest, the colleague poller, the checker) is handed the store's address,
not a file path a server store does not have."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.store import VersionStore
from tests.ui.app.test_main_window import open_window, wait_for_diff


def test_the_window_opens_and_shows_a_diff_on_either_engine(
    qtbot: QtBot, store_address: str, settings: QSettings
) -> None:
    with VersionStore.open(store_address) as store:
        load_demo(store)
        window = open_window(qtbot, store, settings)
        window.store_sync.start()  # its own read-only connection, opened by address
        try:
            first = store.list_articles()[0].id
            assert window.sidebar.select_article(first)
            wait_for_diff(qtbot, window)
            assert window.source_commands.jobs is not None
        finally:
            window.store_sync.shutdown()
            window.close()
