"""The version timeline of one article: every capture, newest first, with a change-size bar.

Selecting a version compares it with the version chosen in "Compare with"
(by default the one before it), so the arrow keys walk through the changes one
by one. The bar is a cheap measure taken without aligning anything: how many
paragraphs of each version are not found word for word in the previous one.
The real, aligned counts appear in the diff area's summary.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

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

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.store import StoredVersion, VersionNotice, VersionSource
from newsdiff_gui.core.words import plural
from newsdiff_gui.ui import theme

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_BAR_WIDTH = 54
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
    paragraphs_added: int  # paragraphs with no counterpart in the previous version
    paragraphs_removed: int
    title_changed: bool
    imported: bool
    suspect_reason: str | None
    returns_to: int | None
    hidden_characters: bool = False
    paragraphs_changed: int = 0  # replaced in place: edited, or rewritten
    paragraphs_moved: int = 0  # same text, another place
    other_change: str = ""  # what changed when no paragraph or headline did
    http_status: int | None = None
    charset_mismatch: bool = False

    @property
    def size(self) -> int:
        return (
            self.paragraphs_added
            + self.paragraphs_removed
            + self.paragraphs_changed
            + self.paragraphs_moved
            + int(self.title_changed)
        )

    def caption(self) -> str:
        # Day and time only: the tooltip gives the year and the exact time in UTC.
        local = self.captured_at.astimezone()
        return f"Version {self.number} · {local.day} {local:%b}, {local:%H:%M}"

    def change_text(self) -> str:
        """What this version changed, in words: "headline changed, 2 paragraphs added"."""
        if self.number == 1:
            parts = ["first capture"]
        else:
            parts = self._changes() or [self.other_change or "no change in text"]
            if self.returns_to:
                parts.append(f"returns to version {self.returns_to} text")
        if self.imported:
            parts.append("imported from a saved page")
        if self.hidden_characters:
            parts.append("hidden characters")
        if self.suspect_reason:
            parts.append("suspect extraction")
        return ", ".join(parts)

    def _changes(self) -> list[str]:
        parts = ["headline changed"] if self.title_changed else []
        counts = [
            (self.paragraphs_changed, "changed"),
            (self.paragraphs_added, "added"),
            (self.paragraphs_removed, "removed"),
            (self.paragraphs_moved, "moved"),
        ]
        named = False  # the noun goes with the first count only: "2 paragraphs added, 2 removed"
        for count, verb in counts:
            if count:
                parts.append(f"{plural(count, 'paragraph') if not named else count} {verb}")
                named = True
        return parts

    def label(self) -> str:
        """The entry as one line, for screen readers."""
        return f"{self.caption()} · {self.change_text()}"

    def tooltip(self) -> str:
        """What the entry does not show: exact times, how it was captured, flags explained."""
        utc = self.captured_at.astimezone(UTC)
        local = self.captured_at.astimezone()
        lines = [
            f"Captured {utc:%Y-%m-%d %H:%M:%S} UTC ({local:%d %b %Y, %H:%M:%S} local time)",
        ]
        if self.imported:
            lines.append("Imported from a saved page; the live site was not contacted.")
        elif self.http_status is not None:
            lines.append(f"Fetched from the live site: HTTP {self.http_status}")
        if self.number > 1:
            lines.append(
                "The bar and the counts compare paragraphs word for word with version "
                f"{self.number - 1}; the comparison on the right aligns them."
            )
        if self.returns_to:
            lines.append(
                f"Its text is the same as version {self.returns_to}'s: a change was undone."
            )
        if self.suspect_reason:
            lines.append(
                f"Suspect extraction: {self.suspect_reason}. The page may have been "
                "incomplete (a paywall, an error page); compare before relying on it."
            )
        if self.charset_mismatch:
            lines.append(
                "Character set mismatch: the page declared a character set its bytes are "
                "not valid in; invalid bytes show as �, as a browser shows them."
            )
        if self.hidden_characters:
            lines.append(HIDDEN_CHARACTERS_TIP)
        return "\n".join(lines)


def _paragraph_changes(old: Sequence[str], new: Sequence[str]) -> tuple[int, int, int, int]:
    """(changed, added, removed, moved) paragraphs between two versions, without aligning.

    Paragraphs found word for word once on each side are landmarks; the longest run
    of them in the same order stays in place and the others moved. Between two
    landmarks, as many paragraphs as the shorter side holds count as changed (edited
    or rewritten in place), the rest as added or removed. Linear in the paragraphs
    but for a sort, so a 100,000-paragraph live blog is read at once; the diff area's
    aligned counts can differ (it also finds splits and merges).
    """
    # Most updates touch a few paragraphs: leave out the shared opening and ending.
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old, new = old[start : len(old) - end], new[start : len(new) - end]
    old_count, new_count = Counter(old), Counter(new)
    anchors = [(i, text) for i, text in enumerate(old) if old_count[text] == new_count[text] == 1]
    new_position = {text: j for j, text in enumerate(new) if new_count[text] == 1}
    in_order = _longest_increasing([new_position[text] for _, text in anchors])
    kept = {anchors[k][1] for k in in_order}
    moved = len(anchors) - len(kept)
    changed = added = removed = 0
    gone = came = 0
    # Walk both sides gap by gap: the kept landmarks appear in the same order on both.
    new_iter = iter(new)
    for text in [*old, None]:
        if text is not None and text not in kept:
            gone += new_count[text] == 0
            continue
        for other in new_iter:
            if other == text:
                break
            came += old_count[other] == 0
        changed += min(gone, came)
        added += came - min(gone, came)
        removed += gone - min(gone, came)
        gone = came = 0
    # A paragraph repeated a different number of times: the extra copies came or went.
    for text in old_count.keys() & new_count.keys():
        difference = new_count[text] - old_count[text]
        added += max(0, difference)
        removed += max(0, -difference)
    return changed, added, removed, moved


def _longest_increasing(values: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of `values` (patience sort)."""
    tails: list[int] = []  # tails[k]: index of the smallest tail of a run of length k + 1
    tail_values: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        length = bisect_left(tail_values, value)
        if length > 0:
            previous[index] = tails[length - 1]
        if length == len(tails):
            tails.append(index)
            tail_values.append(value)
        else:
            tails[length] = index
            tail_values[length] = value
    result = []
    index = tails[-1] if tails else -1
    while index >= 0:
        result.append(index)
        index = previous[index]
    return result[::-1]


def _other_change(old: Document, new: Document) -> str:
    """Words for a version whose headline and paragraphs are the previous ones'."""
    if old.byline != new.byline:
        return "byline changed"
    if old.dek != new.dek:
        return "standfirst changed"
    return ""


def version_entries(versions: list[StoredVersion]) -> list[VersionEntry]:
    entries = []
    previous: StoredVersion | None = None
    for version in versions:
        changed = added = removed = moved = 0
        title_changed = False
        other = ""
        if previous is not None:
            old, new = previous.document, version.document
            changed, added, removed, moved = _paragraph_changes(old.paragraphs, new.paragraphs)
            title_changed = old.title != new.title
            other = _other_change(old, new)
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
                paragraphs_changed=changed,
                paragraphs_moved=moved,
                other_change=other,
                http_status=version.http_status,
                charset_mismatch=VersionNotice.CHARSET_MISMATCH in version.notices,
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
        # The change text wraps under the caption rather than being cut off: it is
        # the entry's point, and the list is narrow.
        metrics = QFontMetrics(option.font)
        entry: VersionEntry | None = index.data(ENTRY_ROLE)
        lines = 1
        if entry is not None:
            lines = len(_wrapped(metrics, entry.change_text(), self._text_width()))
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
        painter.restore()


def _wrapped(metrics: QFontMetrics, text: str, width: int) -> list[str]:
    """`text` broken after commas into lines that fit `width` (a part too long is elided)."""
    lines: list[str] = []
    for part in text.split(", "):
        candidate = f"{lines[-1]}, {part}" if lines else part
        if lines and metrics.horizontalAdvance(candidate) <= width:
            lines[-1] = candidate
        else:
            if lines:
                lines[-1] += ","
            lines.append(part)
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
