"""Dialogs for adding, importing and removing articles.

They only collect and validate input; the main window hands the result to the
worker. Duplicate detection reads the UI thread's store through a callable so
the dialogs stay testable without a database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.address_check import AddressCheck, Verdict
from newsdiff_gui.core.schedule import SchedulePolicy
from newsdiff_gui.core.sources.files import is_page_name
from newsdiff_gui.core.store import Article
from newsdiff_gui.core.urls import InvalidURL, validate_article_url
from newsdiff_gui.core.words import plural
from newsdiff_gui.ui.dialogs.add_check import AddressChecker

# The Import dialog lives in its own module; named here too for existing callers.
from newsdiff_gui.ui.dialogs.import_page import ImportDialog, guess_page_url

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
    """Asks for an article's address and checks it before anything is tracked.

    OK ("Add and check now") is enabled for a new http(s) URL and starts the check
    in the background (a busy bar; Cancel stops it and adds nothing). An article
    closes the dialog as accepted, with `check` holding the page fetched, which the
    window tracks as version 1. Anything else is explained here in words; a page
    that may come back (a 404 of a story not yet published, a 5xx, a timeout) can be
    tracked anyway, and `check` then holds the failure, recorded as its first check.

    Signals: trackRequested(AddressCheck check) — the dialog closes to track the
    address with `check` (sent just before `accepted`).
    """

    trackRequested = Signal(object)  # noqa: N815

    def __init__(
        self,
        find_article: FindArticle,
        parent: QWidget | None = None,
        checker: AddressChecker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add article")
        self._find = find_article
        # A dialog made without the window's checker (tests, tools) owns one.
        self._own_checker = checker is None
        self.checker = checker if checker is not None else AddressChecker(self)
        self.checker.finished.connect(self._checked)
        self._token: int | None = None  # the address check under way, if any
        self.check: AddressCheck | None = None
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://www.example-news.org/2026/03/story")
        self.url_edit.setAccessibleName("Article address")
        self.url_edit.setMinimumWidth(460)
        self.message = _note(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # no known length: the moving bar says "working"
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName("Checking the address")
        self.busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.track_anyway = self.buttons.addButton(
            "Track anyway", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.track_anyway.setToolTip("Add it now and keep trying on the failure schedule")
        self.track_anyway.hide()
        self.track_anyway.clicked.connect(self.accept)
        self.buttons.accepted.connect(self._start_check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Address of the article to watch (http or https):", self))
        layout.addWidget(self.url_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.url_edit.textChanged.connect(self._edited)
        self._validate(self.url_edit.text())

    def url(self) -> str:
        """The canonical form of the entered URL (valid once the dialog was accepted)."""
        return validate_article_url(self.url_edit.text())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        if self.isVisible():  # grow to the new text's wrapped height, never clip it
            self.adjustSize()

    def checking(self) -> bool:
        return self._token is not None

    def _edited(self, text: str) -> None:
        self.check = None  # a verdict on the old address says nothing about the new one
        self.track_anyway.hide()
        self._validate(text)

    def _validate(self, text: str) -> None:
        ok = False
        self.ok_button.setText("Add and check now")
        if not text.strip():
            self._say("Paste the address from your browser's address bar.")
        else:
            try:
                url = validate_article_url(text)
            except InvalidURL as exc:
                self._say(f"Not an article address: {exc}.")
            else:
                existing = self._find(url)
                if existing is not None and existing.active:
                    title = existing.title or existing.url
                    self._say(f"Already tracked: “{title}” (article {existing.id}).")
                elif existing is not None:
                    self._say("Tracked before and stopped: it will be checked again.")
                    ok = True
                else:
                    self._say(f"Will check {url} and track it if it is an article.")
                    ok = True
        self.ok_button.setEnabled(ok)

    def _start_check(self) -> None:
        if not self.ok_button.isEnabled() or self.checking():
            return
        url = self.url()
        self.check = None
        self.track_anyway.hide()
        self.url_edit.setEnabled(False)
        self.ok_button.setEnabled(False)
        self.busy.show()
        self._say(f"Checking {url}: fetching the page and looking for the article…")
        self._token = self.checker.start(url)

    def _checked(self, token: int, answer: object) -> None:
        if token != self._token:
            return
        self._token = None
        self.busy.hide()
        self.url_edit.setEnabled(True)
        self.ok_button.setEnabled(True)
        if not isinstance(answer, AddressCheck):
            self._say(f"The address could not be checked: {answer}")
            return
        self.check = answer
        if answer.verdict is Verdict.ARTICLE:
            self.accept()
            return
        self.ok_button.setText("Check again")
        if answer.verdict is Verdict.MAY_COME_BACK:
            retry = _minutes(SchedulePolicy().failure_initial)
            self._say(
                f"No article at this address right now: {answer.message}.\n\n"
                "If the page should appear later (a story not yet published, a server "
                f"in trouble), “Track anyway” adds it and tries again in {retry}, then "
                "less and less often."
            )
            self.track_anyway.show()
        else:
            self._say(f"This address is not an article: {answer.message}.\n\nNothing was added.")

    def accept(self) -> None:
        if self.check is not None:
            self.trackRequested.emit(self.check)
        super().accept()

    def done(self, result: int) -> None:
        if self.checking():  # Cancel while checking: stop it; nothing is tracked
            self.checker.cancel()
            self._token = None
        if self._own_checker:
            self.checker.shutdown()
        super().done(result)


def _minutes(delay: timedelta) -> str:
    minutes = round(delay.total_seconds() / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


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


def dropped_pages(urls: list[QUrl]) -> list[Path]:
    """The saved web pages among files dropped on the window (named as core/sources
    reads a page: .html, .htm, either of them .gz)."""
    return [Path(url.toLocalFile()) for url in urls if url.toLocalFile() and _page(url)]


def _page(url: QUrl) -> bool:
    return is_page_name(Path(url.toLocalFile()))
