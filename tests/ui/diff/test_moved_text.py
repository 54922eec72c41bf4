"""The panes on a schema-2 diff: moved sentences, their arrows that jump, regrouped rows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.view import RowKey
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.document import GUTTER
from newsdiff_gui.ui.diff.pane import DiffPane, row_description
from newsdiff_gui.ui.diff.view import DiffView
from tests.ui.rewrite_diff import (
    DISASTER,
    GONE_ROW,
    LEDE_ROW,
    REGROUPED_ROW,
    SEARCH,
    TOLL_OLD,
    TOLL_REST,
    rewrite_diff,
)


def make_view(qtbot: QtBot, height: int = 500) -> DiffView:
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(900, height)
    view.show()
    qtbot.waitExposed(view)
    view.show_diff(rewrite_diff(), "Version 1", "Version 2")
    view.finish_alignment()
    return view


def char_format(pane: DiffPane, text: str) -> QTextCharFormat:
    """The format of the first character of `text` in the pane."""
    found = pane.document().find(text)
    assert not found.isNull(), text
    probe = QTextCursor(pane.document())
    probe.setPosition(found.selectionStart() + 1)
    return probe.charFormat()


def arrow_point(pane: DiffPane, arrow: str) -> QPoint:
    """Viewport coordinates of the middle of an arrow ("→ ¶1") in the pane."""
    found = pane.document().find(arrow)
    assert not found.isNull(), arrow
    probe = QTextCursor(pane.document())
    probe.setPosition(found.selectionStart() + 1)
    return pane.cursorRect(probe).center()


def test_moved_text_stands_on_its_own_side_with_an_arrow_to_the_other_row(
    qtbot: QtBot,
) -> None:
    view = make_view(qtbot)
    old, new = view.old_pane.document().toRawText(), view.new_pane.document().toRawText()
    # The arrows lead the moved text and name the paragraph at its other place: the
    # toll sentence now stands in new ¶1 and came from old ¶1.
    assert f"→\u00a0¶1\u00a0{TOLL_OLD}{SEARCH}" in old
    assert f"←\u00a0¶1\u00a0SevenAt least eight{TOLL_REST}{DISASTER}" in new
    # Each side shows only its own text: the old sentence is not on the new side.
    assert TOLL_OLD not in new and SEARCH not in new
    assert DISASTER not in old and "At least eight" not in old


def test_moved_text_is_shaded_and_keeps_its_word_changes(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    moved = theme.moved_text_background(view.palette())
    assert char_format(view.old_pane, TOLL_OLD).background().color() == moved
    rest = char_format(view.new_pane, "people were killed")
    assert rest.background().color() == moved
    assert not rest.fontUnderline() and not rest.fontStrikeOut()
    # The edit made on the way: "Seven" struck, "At least eight" underlined, in the span.
    seven = char_format(view.new_pane, "Seven")
    assert seven.fontStrikeOut()
    assert char_format(view.new_pane, "At least eight").fontUnderline()
    # Inserted words of the added row keep their underline without a second tint.
    disaster = char_format(view.new_pane, DISASTER.strip())
    assert disaster.fontUnderline()
    assert disaster.background().style() == Qt.BrushStyle.NoBrush
    arrow = char_format(view.old_pane, "→")
    assert arrow.isAnchor()
    assert arrow.foreground().color() == theme.moved_arrow_colour(
        ChangeKind.REMOVED, view.palette()
    )


def test_clicking_an_arrow_jumps_to_the_other_row_in_both_panes(qtbot: QtBot) -> None:
    view = make_view(qtbot, height=220)  # short, so the jump scrolls
    gone = view.display_row_of(RowKey.body(GONE_ROW))
    regrouped = view.display_row_of(RowKey.body(REGROUPED_ROW))
    assert gone != regrouped
    qtbot.mouseClick(
        view.new_pane.viewport(),
        Qt.MouseButton.LeftButton,
        pos=arrow_point(view.new_pane, "←"),
    )
    assert view.current == gone
    assert view.old_pane.current_row == gone == view.new_pane.current_row
    bar = view.old_pane.verticalScrollBar()
    assert bar.value() > 0
    assert bar.value() == view.new_pane.verticalScrollBar().value()
    lede = view.display_row_of(RowKey.body(LEDE_ROW))
    qtbot.mouseClick(
        view.old_pane.viewport(),
        Qt.MouseButton.LeftButton,
        pos=arrow_point(view.old_pane, "→"),
    )
    assert view.current == lede
    assert view.new_pane.current_row == lede


def pixel(view_widget: object, x: float, y: float) -> QColor:
    image = view_widget.grab().toImage()  # type: ignore[attr-defined]
    return image.pixelColor(round(x), round(y))


def test_regrouped_row_has_its_marker_and_bracket(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    row = view.display_row_of(RowKey.body(REGROUPED_ROW))
    assert view.rows[row].kind is ChangeKind.REGROUPED and view.rows[row].is_change
    pane = view.old_pane
    band = pane.row_band(row).translated(0, -pane.verticalScrollBar().value())
    purple = theme.marker_colour(ChangeKind.REGROUPED, pane.palette())
    bracket_x = band.left() + GUTTER - 9
    colours = [pixel(pane.viewport(), x, band.center().y()) for x in (bracket_x - 1, bracket_x)]
    assert purple in colours


def test_overview_gives_moved_text_its_colour(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    marks = dict(view.overview.marks())
    lede = view.display_row_of(RowKey.body(LEDE_ROW))
    regrouped = view.display_row_of(RowKey.body(REGROUPED_ROW))
    palette = view.overview.palette()
    sky = theme.marker_colour(ChangeKind.MOVED, palette)
    image = view.overview.grab().toImage()

    def at(row: int, share: float) -> QColor:
        rect = marks[row]
        return image.pixelColor(round(rect.left() + rect.width() * share), round(rect.center().y()))

    assert at(lede, 0.25) == theme.marker_colour(ChangeKind.ADDED, palette)
    assert at(lede, 0.8) == sky
    assert at(regrouped, 0.8) == theme.marker_colour(ChangeKind.REGROUPED, palette)


def test_an_arrow_says_where_it_leads_and_the_row_says_where_its_sentence_went(
    qtbot: QtBot,
) -> None:
    view = make_view(qtbot)
    old_tip = view.old_pane._arrow_tip(arrow_point(view.old_pane, "→"))
    assert old_tip == ["Now stands in ¶1 (row 1) of the new version: click to go there."]
    new_tip = view.new_pane._arrow_tip(arrow_point(view.new_pane, "←"))
    assert new_tip == ["Came from ¶1 (row 2) of the old version: click to go there."]
    gone = view.rows[view.display_row_of(RowKey.body(GONE_ROW)) or 0]
    assert row_description(gone) == "removed, but its first sentence moved to ¶1"
