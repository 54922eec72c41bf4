"""Article ▸ Check history…: every check of the article — when, what it found, and why.

The timeline shows the versions, which is what changed; it cannot show the checks
that found nothing, which is half of "nothing was missed". A fact-checker asked
whether the story stood unchanged at 10:47 answers from here, and reads why a
page that changed around the story made no new version (the same records as
`newsdiff checks ID`).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.check_report import NO_CHANGE_OUTCOMES
from newsdiff_gui.core.store import CheckRecord
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.core.words import plural

_HEADERS = ("Checked", "Took", "HTTP", "Found", "Why")
_WHY = 4
_Index = QModelIndex | QPersistentModelIndex


def _found(check: CheckRecord, numbers: dict[int, int]) -> str:
    found = check.outcome.replace("_", " ").replace("http", "HTTP")
    if check.version_id is not None and check.version_id in numbers:
        found += f" {numbers[check.version_id]}"
    return found[:1].upper() + found[1:]


class CheckHistoryModel(QAbstractTableModel):
    """An article's checks, newest first (the question is usually about a recent one)."""

    def __init__(
        self, checks: list[CheckRecord], numbers: dict[int, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._rows = [self._cells(check, numbers) for check in reversed(checks)]

    @staticmethod
    def _cells(check: CheckRecord, numbers: dict[int, int]) -> tuple[str, ...]:
        local = check.started_at.astimezone()
        return (
            local.strftime("%d %b %Y, %H:%M:%S"),
            f"{check.duration:.2f} s",
            str(check.http_status) if check.http_status is not None else "—",
            _found(check, numbers),
            visible_text(check.error or check.detail or ""),
        )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == _WHY and text:
            return text  # the reason may quote long lines: the whole of it on hover
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None


class CheckHistoryDialog(QDialog):
    def __init__(
        self,
        title: str,
        checks: list[CheckRecord],
        numbers: dict[int, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Check history — {visible_text(title)}")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        unchanged = sum(1 for check in checks if check.outcome in NO_CHANGE_OUTCOMES)
        summary = QLabel(
            f"{plural(len(checks), 'check')}, {plural(len(numbers), 'version')} stored; "
            f"{unchanged} found no change. “Why” says what a failed check met, or why a page "
            "that changed made no new version.",
            self,
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableView(self)
        self.table.setModel(CheckHistoryModel(checks, numbers, self.table))
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in range(_WHY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_WHY, QHeaderView.ResizeMode.Stretch)
        # A row is as tall as its reason wrapped at the column's width, which is known
        # only once the dialog is laid out, and changes whenever it is resized.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
