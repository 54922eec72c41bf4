"""The version timeline of one article: every capture, newest first, with a change-size bar.

Selecting a version compares it with the version chosen in "Compare with"
(by default the one before it), so the arrow keys walk through the changes one
by one. Each entry says what its version changed, in the words of the diff
area's summary, beside a bar of the same size; the comparisons behind them are
made in the background (timeline_compare.py).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.lifecycle import ALERT_KINDS, LifeEvent
from newsdiff_gui.core.store import StoredVersion
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.timeline.compare import EntryComparer
from newsdiff_gui.ui.timeline.entry import (
    HIDDEN_CHARACTERS_TIP,
    VersionEntry,
    event_label,
    version_entries,
)
from newsdiff_gui.ui.timeline.life import attach_events

__all__ = [
    "ENTRY_ROLE",
    "HIDDEN_CHARACTERS_TIP",
    "PREVIOUS",
    "VersionEntry",
    "VersionTimeline",
    "version_entries",
]

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_BAR_WIDTH = 54
PREVIOUS = 0  # "Compare with" value meaning "the version before the selected one"
# The flag of a version whose text holds bidi controls or invisible characters,
# as the entry shows it (its tooltip says what it means: HIDDEN_CHARACTERS_TIP).
HIDDEN_MARK = "⟨⟩"


class _EntryDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.largest = 1

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # The change text wraps under the caption rather than being cut off: it is
        # the entry's point, and the list is narrow.
        metrics = QFontMetrics(option.font)
        entry: VersionEntry | None = index.data(ENTRY_ROLE)
        lines = 1
        if entry is not None:
            lines = len(_wrapped(metrics, entry.change_text(), self._text_width()))
            lines += len(entry.events)  # one chip a line, under the change
        return QSize(180, (1 + max(1, lines)) * metrics.lineSpacing() + 18)

    def _text_width(self) -> int:
        parent = self.parent()
        width = parent.viewport().width() if isinstance(parent, QListWidget) else 180
        return max(60, width - 16 - _BAR_WIDTH - 8)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        entry: VersionEntry | None = index.data(ENTRY_ROLE)
        if entry is None:
            return
        painter.save()
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        widget = style_option.widget
        if widget is not None:
            widget.style().drawControl(
                QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget
            )
        rect: QRect = option.rect.adjusted(8, 5, -8, -5)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        background = palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        hidden_width = QFontMetrics(bold).horizontalAdvance(HIDDEN_MARK) + 4
        icon_space = (20 if entry.suspect_reason else 0) + (
            hidden_width if entry.hidden_characters else 0
        )
        caption_rect = QRect(rect.left(), rect.top(), rect.width() - icon_space, line)
        painter.drawText(
            caption_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(
                entry.caption(), Qt.TextElideMode.ElideRight, caption_rect.width()
            ),
        )
        if entry.suspect_reason:
            theme.icon("suspect").paint(painter, QRect(rect.right() - 15, rect.top(), 16, 16))
        if entry.hidden_characters:
            right = rect.right() - (20 if entry.suspect_reason else 0)
            mark = QRect(right - hidden_width + 1, rect.top(), hidden_width, line)
            painter.drawText(
                mark, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, HIDDEN_MARK
            )
        # The bar: length relative to the largest change of this article.
        bar_width = _BAR_WIDTH
        bar = QRect(rect.left(), rect.top() + line + 5, bar_width, line - 6)
        painter.setPen(theme.blend(text, background, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        if entry.size:
            filled = max(3, round(bar_width * min(1.0, entry.size / self.largest)))
            painter.fillRect(bar.adjusted(1, 1, filled - bar_width, 0), theme.ORANGE)
        painter.setFont(font)
        painter.setPen(theme.blend(text, background, 0.25))
        left = bar.right() + 8
        top = rect.top() + line + 2
        for text_line in _wrapped(metrics, entry.change_text(), rect.right() - left):
            painter.drawText(
                QRect(left, top, rect.right() - left, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text_line, Qt.TextElideMode.ElideRight, rect.right() - left),
            )
            top += line
        for event in entry.events:
            _paint_event(painter, QRect(left, top + 1, rect.right() - left, line - 2), event, text)
            top += line
        painter.restore()


def _paint_event(painter: QPainter, rect: QRect, event: LifeEvent, text: QColor) -> None:
    """An event as a framed chip with its mark and name: gone and reverted in a bold
    vermillion frame, the others in the text colour (the words say it, not the hue)."""
    bold = QFont(painter.font())
    bold.setBold(True)
    painter.setFont(bold)
    metrics = QFontMetrics(bold)
    label = metrics.elidedText(event_label(event), Qt.TextElideMode.ElideRight, rect.width() - 8)
    chip = QRect(rect.left(), rect.top(), metrics.horizontalAdvance(label) + 8, rect.height())
    alert = event.kind in ALERT_KINDS
    pen = QPen(theme.VERMILLION if alert else theme.blend(text, QColor(127, 127, 127), 0.4))
    pen.setWidth(2 if alert else 1)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(chip, 3, 3)
    painter.setPen(text)
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)


def _wrapped(metrics: QFontMetrics, text: str, width: int) -> list[str]:
    """`text` broken after commas into lines that fit `width`; a part too long for a
    line of its own is broken between words (a single word too long is elided)."""
    lines: list[str] = []
    for part in text.split(", "):
        candidate = f"{lines[-1]}, {part}" if lines else part
        if lines and metrics.horizontalAdvance(candidate) <= width:
            lines[-1] = candidate
            continue
        if lines:
            lines[-1] += ","
        lines.append("")
        for word in part.split(" "):
            longer = f"{lines[-1]} {word}" if lines[-1] else word
            if lines[-1] and metrics.horizontalAdvance(longer) > width:
                lines.append(word)
            else:
                lines[-1] = longer
    return lines or [""]


class VersionTimeline(QWidget):
    """Signals:

    comparisonChanged(int old_number, int new_number)
        The user chose two versions; `old_number` is 0 when the article has a single
        version (there is nothing to compare with) or nothing is selected (both 0).
    """

    comparisonChanged = Signal(int, int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[VersionEntry] = []
        heading = QLabel("Versions", self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Versions, newest first")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Entries wrap to the list's width: lay them out again when it changes.
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self._delegate = _EntryDelegate(self.list)
        self.list.setItemDelegate(self._delegate)
        self.list.currentRowChanged.connect(self._emit)
        self.base_box = QComboBox(self)
        self.base_box.setAccessibleName("Compare with")
        self.base_box.setToolTip("The older version the selected one is compared with")
        self.base_box.currentIndexChanged.connect(self._emit)
        compare_label = QLabel("Compare with:", self)
        compare_label.setBuddy(self.base_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(compare_label)
        layout.addWidget(self.base_box)
        self._quiet = False
        self._comparer = EntryComparer()
        self._comparer.relay.compared.connect(self._entry_compared)

    def set_versions(
        self,
        versions: list[StoredVersion],
        select: int | None = None,
        events: list[LifeEvent] | None = None,
    ) -> None:
        """Show the article's versions and select `select` (default: the latest), with
        its life `events` marked on their entries."""
        self._quiet = True
        self.entries = attach_events(version_entries(versions), events or [])
        pairs = zip(self.entries[1:], versions[:-1], versions[1:], strict=True)
        work = [(entry, old.document, new.document) for entry, old, new in pairs]
        self._comparer.start(work[::-1])  # newest first: the entry on show first
        self._delegate.largest = max([1, *(entry.size for entry in self.entries)])
        self.list.clear()
        self.base_box.clear()
        self.base_box.addItem("Previous version", PREVIOUS)
        for entry in reversed(self.entries):
            item = QListWidgetItem()
            item.setData(ENTRY_ROLE, entry)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.label())
            item.setToolTip(entry.tooltip())
            self.list.addItem(item)
        for entry in self.entries:
            self.base_box.addItem(f"Version {entry.number}", entry.number)
        self._quiet = False
        numbers = [entry.number for entry in self.entries]
        target = select if select in numbers else (numbers[-1] if numbers else None)
        if target is None:
            self.comparisonChanged.emit(0, 0)
        else:
            self.select_version(target)

    def set_events(self, events: list[LifeEvent]) -> None:
        """Mark the article's life events anew (a check found it gone, or back)."""
        self.entries = attach_events([replace(e, events=()) for e in self.entries], events)
        for row, entry in enumerate(reversed(self.entries)):
            item = self.list.item(row)
            item.setData(ENTRY_ROLE, entry)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.label())
            item.setToolTip(entry.tooltip())
        self.list.doItemsLayout()
        self.list.viewport().update()

    def compared(self) -> bool:
        """Whether every entry says what its version changed (tests wait for this)."""
        return all(entry.number == 1 or entry.changes is not None for entry in self.entries)

    def _entry_compared(self, generation: int, entry: VersionEntry) -> None:
        if generation != self._comparer.generation:
            return  # another article (or a reload) since this job started
        index = entry.number - self.entries[0].number
        if not 0 <= index < len(self.entries) or self.entries[index].number != entry.number:
            return
        entry = replace(entry, events=self.entries[index].events)  # marked since it started
        self.entries[index] = entry
        self._delegate.largest = max([1, *(e.size for e in self.entries)])
        item = self.list.item(len(self.entries) - 1 - index)  # newest first
        item.setData(ENTRY_ROLE, entry)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.label())
        item.setToolTip(entry.tooltip())
        self.list.doItemsLayout()  # the words may take another number of lines
        self.list.viewport().update()  # every bar is drawn against the largest

    def select_version(self, number: int, base: int = PREVIOUS) -> None:
        """Select version `number` compared with `base`; one comparisonChanged follows."""
        self._quiet = True
        self.base_box.setCurrentIndex(max(0, self.base_box.findData(base)))
        for row in range(self.list.count()):
            if self.list.item(row).data(ENTRY_ROLE).number == number:
                self.list.setCurrentRow(row)
                break
        self._quiet = False
        self._emit()

    def selected(self) -> tuple[int, int]:
        """(old_number, new_number) as last emitted."""
        item = self.list.currentItem()
        if item is None:
            return (0, 0)
        new = item.data(ENTRY_ROLE).number
        base = self.base_box.currentData()
        if base in (None, PREVIOUS) or base == new:
            return (new - 1 if new > 1 else 0, new)
        # A base newer than the selection still reads older → newer.
        return (min(int(base), new), max(int(base), new))

    def base(self) -> int:
        value = self.base_box.currentData()
        return int(value) if value is not None else PREVIOUS

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self.comparisonChanged.emit(*self.selected())
