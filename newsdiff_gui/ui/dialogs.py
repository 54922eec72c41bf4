"""Dialogs for adding, importing and removing articles.

They only collect and validate input; the main window hands the result to the
worker. Duplicate detection reads the UI thread's store through a callable so
the dialogs stay testable without a database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, QTimeZone, QUrl
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.sniff import identify
from newsdiff_gui.core.store import Article
from newsdiff_gui.core.urls import InvalidURL, validate_article_url

FindArticle = Callable[[str], Article | None]


def _note(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class AddArticleDialog(QDialog):
    """Asks for an article's address; OK only for a new http(s) URL."""

    def __init__(self, find_article: FindArticle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add article")
        self._find = find_article
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://www.example-news.org/2026/03/story")
        self.url_edit.setAccessibleName("Article address")
        self.url_edit.setMinimumWidth(460)
        self.message = _note(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add and check now")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Address of the article to watch (http or https):", self))
        layout.addWidget(self.url_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.url_edit.textChanged.connect(self._validate)
        self._validate("")

    def url(self) -> str:
        """The canonical form of the entered URL (valid once the dialog was accepted)."""
        return validate_article_url(self.url_edit.text())

    def _validate(self, text: str) -> None:
        ok = False
        if not text.strip():
            self.message.setText("Paste the address from your browser's address bar.")
        else:
            try:
                url = validate_article_url(text)
            except InvalidURL as exc:
                self.message.setText(f"Not an article address: {exc}.")
            else:
                existing = self._find(url)
                if existing is not None and existing.active:
                    title = existing.title or existing.url
                    self.message.setText(f"Already tracked: “{title}” (article {existing.id}).")
                elif existing is not None:
                    self.message.setText("Tracked before and stopped: it will be checked again.")
                    ok = True
                else:
                    self.message.setText(f"Will track {url}")
                    ok = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


_CANONICAL = re.compile(
    rb"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)["']"""
    rb"""|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']""",
    re.IGNORECASE,
)


def guess_page_url(raw: bytes) -> str:
    """The page's own address from its canonical link or og:url, if it names one.

    A byte scan of the head, not a parse: cheap enough for the UI thread.
    """
    match = _CANONICAL.search(raw[:300_000])
    if not match:
        return ""
    found = (match.group(1) or match.group(2) or b"").decode("utf-8", "replace").strip()
    try:
        return validate_article_url(found)
    except InvalidURL:
        return ""


class ImportDialog(QDialog):
    """Asks which article a saved page belongs to and when it was captured."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import saved page")
        self.path = path
        raw = path.read_bytes()
        # Named here, before the user types an address for a file that cannot be imported.
        self.not_a_page = identify(raw)
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        self.url_edit = QLineEdit(guess_page_url(raw), self)
        self.url_edit.setPlaceholderText("https://… (the address the page was saved from)")
        self.url_edit.setMinimumWidth(460)
        self.use_mtime = QRadioButton(
            "When the file was saved: " + modified.astimezone().strftime("%d %b %Y, %H:%M"), self
        )
        self.use_other = QRadioButton("Another time:", self)
        self.use_mtime.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_mtime)
        group.addButton(self.use_other)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(modified.timestamp())))
        self.when.setEnabled(False)
        self.use_other.toggled.connect(self.when.setEnabled)
        self._modified = modified
        self.message = _note(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("File:", QLabel(path.name, self))
        form.addRow("Article address:", self.url_edit)
        form.addRow("Captured:", self.use_mtime)
        form.addRow("", self.use_other)
        form.addRow("", self.when)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.url_edit.textChanged.connect(self._validate)
        self._validate(self.url_edit.text())

    def url(self) -> str:
        return validate_article_url(self.url_edit.text())

    def captured_at(self) -> datetime:
        if self.use_mtime.isChecked():
            return self._modified
        moment = self.when.dateTime().toTimeZone(QTimeZone.utc())
        return datetime.fromtimestamp(moment.toSecsSinceEpoch(), tz=UTC)

    def _validate(self, text: str) -> None:
        if self.not_a_page is not None:
            self.message.setText(
                f"This file is {self.not_a_page}, not a web page: it cannot be imported."
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        try:
            validate_article_url(text)
        except InvalidURL as exc:
            self.message.setText(f"Enter the address the page was saved from ({exc}).")
            ok = False
        else:
            self.message.setText("The page's text is extracted in the background.")
            ok = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class RemoveDialog(QDialog):
    """Confirms removing an article; stored versions stay unless the box is ticked."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove article")
        title = article.title or article.url
        text = _note(self)
        if article.active:
            question = f"Stop checking “{title}”?"
        else:  # already stopped: removing only makes sense as a purge
            question = f"“{title}” is no longer checked."
        text.setText(
            f"{question}\n\nIts {article.version_count} stored versions stay in the database "
            "and in the list (marked as no longer checked) unless you tick the box."
        )
        self.purge_box = QCheckBox("Also delete the stored versions (cannot be undone)", self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Remove")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.purge_box)
        layout.addWidget(buttons)

    def purge(self) -> bool:
        return self.purge_box.isChecked()


HTML_SUFFIXES = (".html", ".htm")


def dropped_pages(urls: list[QUrl]) -> list[Path]:
    """The saved web pages among files dropped on the window."""
    pages = []
    for url in urls:
        local = url.toLocalFile()
        if local and local.lower().endswith(HTML_SUFFIXES):
            pages.append(Path(local))
    return pages
