"""Writing the panes' documents from the pool job's scripts, a step at a time."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QGuiApplication
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.view import build_view
from newsdiff_gui.ui.diff.prepare import Prepared
from newsdiff_gui.ui.diff.rows import display_rows
from newsdiff_gui.ui.diff.side_script import SideScripter
from newsdiff_gui.ui.diff.writing import WRITE_STEP, PanesWriter, Written

pytestmark = pytest.mark.usefixtures("qapp")


def _prepared(count: int) -> Prepared:
    old = Document(
        "Council minutes", tuple(f"Item {n} was agreed by the council." for n in range(count))
    )
    new = Document(
        "Council minutes",
        tuple(
            f"Item {n} was agreed by the council{' on Monday' if n % 50 == 0 else ''}."
            for n in range(count)
        ),
    )
    view = build_view(align(old, new))
    rows = display_rows(view)
    scripts = [SideScripter(view, rows, side).script() for side in (False, True)]
    return Prepared(view, rows, scripts[0], scripts[1], (False, False))


def test_a_long_comparison_is_written_in_steps_and_delivered_whole(qtbot: QtBot) -> None:
    prepared = _prepared(3 * WRITE_STEP)
    writer = PanesWriter()
    written: list[Written] = []
    progress: list[int] = []
    writer.written.connect(written.append)
    writer.progress.connect(progress.append)
    writer.start(prepared, QGuiApplication.palette(), QFont())
    assert writer.busy() and not written  # not all at once: the event loop goes on
    qtbot.waitUntil(lambda: bool(written))
    assert not writer.busy() and len(written) == 1
    assert progress == sorted(progress) and len(progress) >= 2 and progress[-1] < 100
    result = written[0]
    for side, writer_of_side in ((prepared.old, result.old), (prepared.new, result.new)):
        assert result.prepared is prepared
        assert writer_of_side.document.blockCount() == len(side.blocks)
    text = result.new.document.toPlainText()
    assert "Item 50 was agreed by the council on Monday." in text
    assert text.count("was agreed") == 3 * WRITE_STEP


def test_a_short_comparison_is_written_at_once_and_a_cancelled_one_never_arrives(
    qtbot: QtBot,
) -> None:
    writer = PanesWriter()
    written: list[Written] = []
    writer.written.connect(written.append)
    writer.start(_prepared(10), QGuiApplication.palette(), QFont())
    assert len(written) == 1 and not writer.busy()
    writer.start(_prepared(3 * WRITE_STEP), QGuiApplication.palette(), QFont())
    writer.cancel()
    qtbot.wait(50)
    assert len(written) == 1 and not writer.busy()
