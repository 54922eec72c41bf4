"""Dialogs for adding, importing and removing articles.

They only collect and validate input; the main window hands the result to the
worker. Duplicate detection reads the UI thread's store through a callable so
the dialogs stay testable without a database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.store import Article
from newsdiff_gui.core.urls import InvalidURL, validate_article_url
from newsdiff_gui.core.words import plural

# The Import dialog lives in its own module; named here too for existing callers.
from newsdiff_gui.ui.import_dialog import ImportDialog, guess_page_url

__all__ = [
    "AddArticleDialog",
    "FindArticle",
    "ImportDialog",
    "RemoveDialog",
    "dropped_pages",
    "guess_page_url",
]

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


def _kept_text(versions: int) -> str:
    """What removing keeps, in words that agree with the count."""
    if versions == 0:
        return (
            "It has no stored version. It stays in the list (marked as no longer checked) "
            "unless you tick the box."
        )
    stay = "stays" if versions == 1 else "stay"
    return (
        f"Its {plural(versions, 'stored version')} {stay} in the database and in the list "
        "(marked as no longer checked) unless you tick the box."
    )


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
        text.setText(f"{question}\n\n{_kept_text(article.version_count)}")
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
