"""Bidirectional controls and invisible characters in the window and the PDF (issue 9, item 3).

A paragraph that changed "12" to U+202E "21" U+202C draws as "12" wherever the
override is obeyed; the panes, captions, timeline and PDF show a marker instead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QGuiApplication, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import SourceInfo, build_report, provenance
from newsdiff_gui.core.store import VersionNotice, VersionStore
from newsdiff_gui.core.view import build_view
from newsdiff_gui.pdf.report import render_pdf
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.diff.document import write_side
from newsdiff_gui.ui.diff.rows import display_rows
from newsdiff_gui.ui.diff.view import DiffView
from newsdiff_gui.ui.timeline.panel import ENTRY_ROLE, HIDDEN_CHARACTERS_TIP
from tests.ui.history import add

pytestmark = pytest.mark.usefixtures("qapp")

RLO, PDF = "\u202e", "\u202c"
TITLE = "Flood in Rivermouth"
OLD = (
    "The council said 12 homes were flooded when the river burst its banks.",
    "Residents were moved to the school hall overnight, a spokesman said.",
)
NEW = (OLD[0].replace("12", f"{RLO}21{PDF}"), OLD[1])
T0 = datetime(2026, 3, 10, 6, 12, tzinfo=UTC)


def _pane_document(new_side: bool) -> QTextDocument:
    diff = align(Document(TITLE, OLD), Document(TITLE, NEW))
    palette = QGuiApplication.palette()
    view = build_view(diff)
    return write_side(view, display_rows(view), new_side, palette, QFont()).document


def _format_at(document: QTextDocument, position: int) -> tuple[bool, bool, str]:
    cursor = QTextCursor(document)
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    char_format = cursor.charFormat()
    return char_format.fontUnderline(), char_format.fontStrikeOut(), char_format.toolTip()


def test_pane_shows_markers_and_the_redline_lands_on_the_right_characters() -> None:
    new = _pane_document(new_side=True)
    text = new.toPlainText()
    assert "The council said ⟨RLO⟩21⟨PDF⟩ homes were flooded" in text
    assert RLO not in text and PDF not in text
    start = text.index("⟨RLO⟩")
    inserted = range(start, start + len("⟨RLO⟩21⟨PDF⟩"))
    for position in inserted:
        underline, _strike, _tip = _format_at(new, position)
        assert underline, (position, text[position])
    assert not _format_at(new, inserted.stop)[0]  # " homes" is unchanged text
    assert not _format_at(new, start - 1)[0]
    assert _format_at(new, start)[2] == "Hidden character: U+202E RIGHT-TO-LEFT OVERRIDE"
    assert _format_at(new, start + len("⟨RLO⟩"))[2] == ""  # "2" is article text
    old = _pane_document(new_side=False)
    old_text = old.toPlainText()
    assert "The council said 12 homes" in old_text
    assert _format_at(old, old_text.index("12"))[1]


def test_find_bar_finds_text_after_a_marker(qtbot: QtBot) -> None:
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_diff(align(Document(TITLE, OLD), Document(TITLE, NEW)), "v1", "v2")
    view.finish_alignment()
    view.open_find()
    view.find_bar.edit.setText("21")
    assert len(view.find_bar.matches) == 1
    pane, cursor = view.find_bar.matches[0]
    assert pane is view.new_pane
    assert cursor.selectedText() == "21"
    text = pane.document().toPlainText()
    assert text[: cursor.selectionStart()].endswith("The council said ⟨RLO⟩")
    assert text[cursor.selectionEnd() :].startswith("⟨PDF⟩ homes")


def test_pdf_report_prints_the_marker_and_the_digits_as_stored(tmp_path: Path) -> None:
    diff = align(Document(TITLE, OLD), Document(f"{TITLE} {RLO}kcab{PDF}", NEW))
    report = build_report(
        diff,
        provenance(
            article_url="https://gazette.example/flood",
            old=SourceInfo("Version 1", 1, T0),
            new=SourceInfo("Version 2", 2, T0),
            options=diff.options,
            exported_at=T0,
        ),
    )
    out = tmp_path / "report.pdf"
    render_pdf(report, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    compact = "".join(text.split())
    assert "⟨RLO⟩21⟨PDF⟩homes" in compact
    assert "⟨RLO⟩kcab⟨PDF⟩" in compact
    assert RLO not in text and PDF not in text


@pytest.fixture
def flagged(store: VersionStore) -> int:
    return add(
        store,
        "https://gazette.example/flood",
        [Document(TITLE, OLD), Document(f"{TITLE} {RLO}kcab{PDF}", NEW)],
        T0 - timedelta(days=1),
    )


def test_window_shows_the_flag_and_markers(
    qtbot: QtBot, store: VersionStore, settings: QSettings, flagged: int, tmp_path: Path
) -> None:
    versions = store.list_versions(flagged)
    assert [VersionNotice.HIDDEN_CHARACTERS in v.notices for v in versions] == [False, True]
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    window.resize(1300, 700)
    window.show()
    qtbot.waitExposed(window)
    assert window.sidebar.select_article(flagged)
    view = window.detail.diff
    qtbot.waitUntil(lambda: view.diff is not None and not view.is_busy(), timeout=5000)
    assert "⟨RLO⟩21⟨PDF⟩" in view.new_pane.toPlainText()
    assert "hidden characters" in view.new_caption.text()
    assert "hidden characters" not in view.old_caption.text()
    timeline = window.timeline.list
    newest = timeline.item(0)
    assert newest.data(ENTRY_ROLE).hidden_characters
    assert HIDDEN_CHARACTERS_TIP in newest.toolTip()
    assert "hidden characters" in newest.data(ENTRY_ROLE).change_text()
    assert HIDDEN_CHARACTERS_TIP not in timeline.item(1).toolTip()
    window.grab().save(str(tmp_path / "window.png"))
    # The single-version view shows markers and the flag too.
    window.detail.text.show_version(versions[1])
    shown = window.detail.text.toPlainText()
    assert f"{TITLE} ⟨RLO⟩kcab⟨PDF⟩" in shown
    assert "hidden characters:" in shown and RLO not in shown


def test_sidebar_title_is_drawn_with_markers(
    qtbot: QtBot, store: VersionStore, settings: QSettings, flagged: int
) -> None:
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    delegate = window.sidebar.view.itemDelegate()
    wrapped: list[str] = []
    original = delegate._wrapped  # type: ignore[attr-defined]

    def spy(title: str, font: QFont, width: int) -> list[str]:
        wrapped.append(title)
        return original(title, font, width)  # type: ignore[no-any-return]

    delegate._wrapped = spy  # type: ignore[attr-defined]
    window.resize(1300, 700)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.view.grab()  # paints every visible row now
    assert f"{TITLE} ⟨RLO⟩kcab⟨PDF⟩" in wrapped
    assert not any(RLO in title for title in wrapped)


def test_pdf_notes_show_a_pasted_override_as_a_marker(tmp_path: Path) -> None:
    from newsdiff_gui.core.annotations import Annotation, ReviewState, title_anchor

    diff = align(Document(TITLE, OLD), Document(TITLE, NEW))
    moment = T0 + timedelta(hours=1)
    pasted = f"Reader says the figure was {RLO}21{PDF}.\r\nSecond line."
    annotation = Annotation(
        1, 1, 1, 2, title_anchor(diff), pasted, ReviewState.SIGNIFICANT, (), "Ana", moment, moment
    )
    info = SourceInfo("Version 1", 1, T0)
    report = build_report(
        diff,
        provenance(
            article_url="https://gazette.example/flood",
            old=info,
            new=SourceInfo("Version 2", 2, T0),
            options=diff.options,
            exported_at=T0,
        ),
        [annotation],
    )
    out = tmp_path / "notes.pdf"
    render_pdf(report, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    compact = "".join(text.split())
    assert "wasthe⟨RLO⟩21⟨PDF⟩." not in compact and "was⟨RLO⟩21⟨PDF⟩." in compact
    assert "Secondline." in compact and "U+000D" not in compact
    assert RLO not in text


def test_sidebar_tooltip_and_accessible_text_show_markers(
    qtbot: QtBot, store: VersionStore, settings: QSettings, flagged: int
) -> None:
    from PySide6.QtCore import Qt

    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    model = window.sidebar.view.model()
    index = model.index(0, 0)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    ):
        shown = model.data(index, role)
        assert "⟨RLO⟩kcab⟨PDF⟩" in shown and RLO not in shown
