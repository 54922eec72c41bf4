"""Follow a source: type its address, see what it would track, filter, then follow.

The preview is one fetch in a pool job (`SourceJobs`); the window keeps running and
Cancel stops it. The filter applies to the preview as it is typed, with the count of
what would be tracked and whether the pattern is read as a regular expression or as
plain text. Following stores the source from the same fetch, in a job too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.discovery.poll import Preview
from newsdiff_gui.core.discovery.url_filter import optional_filter
from newsdiff_gui.core.urls import displayed_url
from newsdiff_gui.core.words import noun
from newsdiff_gui.ui.sources.jobs import SourceJobs

# Typing pauses this long before the address is read: one fetch per address, not per key.
_PREVIEW_DELAY_MS = 600


class FollowSourceDialog(QDialog):
    """Accepted once the source is followed; `followed` is then
    (source_id, found, ids of the articles newly tracked)."""

    def __init__(self, jobs: SourceJobs, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Follow a source")
        self.setMinimumSize(560, 460)
        self.jobs = jobs
        self.preview: Preview | None = None
        self.followed: tuple[int, int, tuple[int, ...]] | None = None
        self._preview_token = 0
        self._follow_token = 0

        self.url_box = QLineEdit(url, self)
        self.url_box.setPlaceholderText("Feed (RSS, Atom, JSON Feed) or section page address")
        self.url_box.setAccessibleName("Source address")
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Optional: only addresses containing… (or a regex)")
        self.filter_box.setAccessibleName("Address filter")
        self.filter_box.setClearButtonEnabled(True)
        self.status = QLabel("Type the address of a feed or of a section page.", self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.found = QListWidget(self)
        self.found.setAccessibleName("Articles it would track")
        self.found.setAlternatingRowColors(True)

        self.buttons = QDialogButtonBox(self)
        self.follow_button = QPushButton("Follow", self)
        self.follow_button.setEnabled(False)
        self.follow_button.setDefault(True)
        self.buttons.addButton(self.follow_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.follow_button.clicked.connect(self._follow)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Address:", self.url_box)
        form.addRow("Only track:", self.filter_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.found, 1)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.start_preview)
        self.url_box.textChanged.connect(self._address_edited)
        self.url_box.returnPressed.connect(self.start_preview)
        self.filter_box.textChanged.connect(self._show_preview)
        jobs.finished.connect(self._job_finished)
        if url:
            self._timer.start()

    # -- preview -------------------------------------------------------------------

    def _address_edited(self) -> None:
        self.jobs.cancel(self._preview_token)
        self.preview = None
        self.found.clear()
        self.follow_button.setEnabled(False)
        self._timer.start()

    def start_preview(self) -> None:
        self._timer.stop()
        url = self.url_box.text().strip()
        if not url:
            return
        self.jobs.cancel(self._preview_token)
        self.status.setText(f"Reading {url}…")
        self._preview_token = self.jobs.preview(url)

    def _show_preview(self) -> None:
        self.found.clear()
        if self.preview is None:
            return
        url_filter = optional_filter(self.filter_box.text())
        kept = self.preview.filtered(url_filter)
        for link in kept:
            item = QListWidgetItem(link.title or displayed_url(link.url))
            item.setToolTip(displayed_url(link.url))
            self.found.addItem(item)
        what = "feed" if self.preview.kind == "feed" else "section page"
        title = f" “{self.preview.title}”" if self.preview.title else ""
        text = (
            f"A {what}{title}: {len(kept)} of {len(self.preview.links)} "
            f"{noun(len(self.preview.links), 'article')} would be tracked"
        )
        if url_filter is not None:
            text += f" (filter read as a {url_filter.describe()})"
        if self.preview.pattern:
            text += f". Article addresses look like {self.preview.pattern}"
        if self.preview.feeds:
            text += f". The page also offers a feed: {self.preview.feeds[0]}"
        self.status.setText(text + ".")
        self.follow_button.setEnabled(True)

    # -- follow --------------------------------------------------------------------

    def _follow(self) -> None:
        if self.preview is None:
            return
        self.follow_button.setEnabled(False)
        self.status.setText("Following…")
        self._follow_token = self.jobs.follow(
            self.url_box.text().strip(), self.filter_box.text() or None, self.preview
        )

    def _job_finished(self, token: int, answer: object) -> None:
        if token == self._preview_token:
            if isinstance(answer, Exception):
                self.status.setText(str(answer))
                return
            assert isinstance(answer, Preview)
            self.preview = answer
            self._show_preview()
        elif token == self._follow_token:
            if isinstance(answer, Exception):
                self.status.setText(str(answer))
                self.follow_button.setEnabled(self.preview is not None)
                return
            assert isinstance(answer, tuple)
            self.followed = answer
            self.accept()

    def reject(self) -> None:
        self.jobs.cancel(self._preview_token)
        super().reject()

    def done(self, result: int) -> None:
        self.jobs.finished.disconnect(self._job_finished)
        super().done(result)
