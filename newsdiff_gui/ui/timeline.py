"""The version timeline of one article: every capture, newest first, with a change-size bar.

Selecting a version compares it with the version chosen in "Compare with"
(by default the one before it), so the arrow keys walk through the changes one
by one. The bar is a cheap measure taken without aligning anything: how many
paragraphs of each version are not found word for word in the previous one.
The real, aligned counts appear in the diff area's summary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
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

from newsdiff_gui.core.store import StoredVersion, VersionNotice, VersionSource
from newsdiff_gui.ui import theme

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
PREVIOUS = 0  # "Compare with" value meaning "the version before the selected one"
# The flag of a version whose text holds bidi controls or invisible characters:
# what the entry shows, and what its tooltip says that means.
HIDDEN_MARK = "⟨⟩"
HIDDEN_CHARACTERS_TIP = (
    "Hidden characters: this version's text holds bidirectional controls or other "
    "invisible characters. They are shown as markers such as ⟨RLO⟩ (right-to-left "
    "override, which makes a browser draw the text after it reversed) or ⟨U+2062⟩, "
    "so what you read is the text as it is stored, not as a browser would draw it."
)


@dataclass(frozen=True, slots=True)
class VersionEntry:
    number: int
    captured_at: datetime
    paragraphs_added: int  # paragraphs not found verbatim in the previous version
    paragraphs_removed: int
    title_changed: bool
    imported: bool
    suspect_reason: str | None
    returns_to: int | None
    hidden_characters: bool = False

    @property
    def size(self) -> int:
        return self.paragraphs_added + self.paragraphs_removed + int(self.title_changed)

    def caption(self) -> str:
        when = self.captured_at.astimezone().strftime("%d %b %Y, %H:%M")
        return f"Version {self.number} · {when}"

    def change_text(self) -> str:
        hidden = " · hidden characters" if self.hidden_characters else ""
        if self.number == 1:
            return "first capture" + (" (imported)" if self.imported else "") + hidden
        parts = []
        if self.title_changed:
            parts.append("headline")
        if self.paragraphs_added or self.paragraphs_removed:
            parts.append(f"+{self.paragraphs_added} −{self.paragraphs_removed} ¶")
        if not parts:
            parts.append("small edits")
        if self.returns_to:
            parts.append(f"same text as v{self.returns_to}")
        if self.imported:
            parts.append("imported")
        return " · ".join(parts) + hidden


def version_entries(versions: list[StoredVersion]) -> list[VersionEntry]:
    entries = []
    previous: StoredVersion | None = None
    for version in versions:
        added = removed = 0
        title_changed = False
        if previous is not None:
            old = Counter(previous.document.paragraphs)
            new = Counter(version.document.paragraphs)
            added = sum((new - old).values())
            removed = sum((old - new).values())
            title_changed = previous.document.title != version.document.title
        entries.append(
            VersionEntry(
                number=version.number,
                captured_at=version.captured_at,
                paragraphs_added=added,
                paragraphs_removed=removed,
                title_changed=title_changed,
                imported=version.source is VersionSource.IMPORT,
                suspect_reason=version.suspect_reason if version.suspect_extraction else None,
                returns_to=version.returns_to,
                hidden_characters=VersionNotice.HIDDEN_CHARACTERS in version.notices,
            )
        )
        previous = version
    return entries


class _EntryDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.largest = 1

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        spacing = QFontMetrics(option.font).lineSpacing()
        return QSize(180, 2 * spacing + 18)

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
        bar_width = 54
        bar = QRect(rect.left(), rect.top() + line + 5, bar_width, line - 6)
        painter.setPen(theme.blend(text, background, 0.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        if entry.size:
            filled = max(3, round(bar_width * min(1.0, entry.size / self.largest)))
            painter.fillRect(bar.adjusted(1, 1, filled - bar_width, 0), theme.ORANGE)
        painter.setFont(font)
        painter.setPen(theme.blend(text, background, 0.25))
        detail = QRect(bar.right() + 8, rect.top() + line + 2, rect.right() - bar.right() - 8, line)
        painter.drawText(
            detail,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(entry.change_text(), Qt.TextElideMode.ElideRight, detail.width()),
        )
        painter.restore()


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

    def set_versions(self, versions: list[StoredVersion], select: int | None = None) -> None:
        """Show the article's versions and select `select` (default: the latest)."""
        self._quiet = True
        self.entries = version_entries(versions)
        self._delegate.largest = max([1, *(entry.size for entry in self.entries)])
        self.list.clear()
        self.base_box.clear()
        self.base_box.addItem("Previous version", PREVIOUS)
        for entry in reversed(self.entries):
            item = QListWidgetItem()
            item.setData(ENTRY_ROLE, entry)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{entry.caption()}, {entry.change_text()}"
            )
            tooltip = entry.change_text()
            if entry.suspect_reason:
                tooltip += f"\nSuspect extraction: {entry.suspect_reason}"
            if entry.hidden_characters:
                tooltip += f"\n{HIDDEN_CHARACTERS_TIP}"
            item.setToolTip(tooltip)
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
