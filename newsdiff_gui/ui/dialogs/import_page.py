"""The Import dialog: which article a saved page belongs to, when it was captured,
and whether the live page may be contacted.

It only collects and validates input; the main window hands the result to the
worker. Kept apart from `dialogs.py` (add, remove) so each stays one concern.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QDateTime,
    QObject,
    QRunnable,
    QSettings,
    Qt,
    QThreadPool,
    QTimeZone,
    Signal,
)
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

from newsdiff_gui.core.sources import SourceError, read_page_file
from newsdiff_gui.core.store import Article
from newsdiff_gui.core.urls import InvalidURL, validate_article_url

FindArticle = Callable[[str], Article | None]


def _flag(settings: QSettings, key: str) -> bool:
    """A remembered yes/no (stored as text: INI files have no booleans); off if unreadable."""
    return str(settings.value(key, "false")).lower() == "true"


def _note(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


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


class _PageRead(QObject):
    """Carries the read's result to the dialog (queued onto the UI thread)."""

    done = Signal(str, str)  # the guessed address, the reason the file cannot be imported


class _ReadPage(QRunnable):
    """Reads the saved page off the UI thread, by core/sources' rules (the 15 MB cap,
    gzip, the first-bytes check): what the dialog needs before Import is offered."""

    def __init__(self, path: Path, relay: _PageRead) -> None:
        super().__init__()
        self.path, self.relay = path, relay

    def run(self) -> None:
        try:
            raw = read_page_file(self.path)
        except SourceError as exc:
            self.relay.done.emit("", exc.reason)
            return
        self.relay.done.emit(guess_page_url(raw), "")


CHECK_LIVE_PAGE_KEY = "import/check_live_page"
# A long address is cut in the middle in the box's label (the host stays whole in
# it, and the full address is the box's tooltip) so the dialog keeps a sane width.
_LABEL_URL_CHARACTERS = 44


def _contacted_host(url: str) -> str:
    """The host (and port) a check of `url` connects to, as the label names it."""
    return urlsplit(url).netloc.rpartition("@")[2]


def _shortened(url: str) -> str:
    if len(url) <= _LABEL_URL_CHARACTERS:
        return url
    half = (_LABEL_URL_CHARACTERS - 1) // 2
    return f"{url[:half]}…{url[-half:]}"


class ImportDialog(QDialog):
    """Asks which article a saved page belongs to, when it was captured, and whether
    the live page may be contacted.

    Importing reads the file only. Checking the live address for later versions is
    a separate choice (off unless the user ticked it last time), because for an
    investigator contacting the site is a decision, not a side effect. An article
    already in the store keeps its own schedule, so the box is off and disabled then.

    The file is read in a pool job (never on the UI thread); until it has been,
    Import is disabled, and an address typed meanwhile is kept over the page's own.
    """

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        find_article: FindArticle | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import saved page")
        self.path = path
        self._settings = settings
        self._find = find_article
        # None until the file has been read; then why it cannot be imported, or "".
        self.problem: str | None = None
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        self.url_edit = QLineEdit(self)
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
        self.check_live = QCheckBox(self)
        self._wants_live = settings is not None and _flag(settings, CHECK_LIVE_PAGE_KEY)
        self.check_live.setChecked(self._wants_live)
        self.check_live.clicked.connect(self._live_choice_made)
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
        form.addRow("Live page:", self.check_live)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.url_edit.textChanged.connect(self._validate)
        self._validate(self.url_edit.text())
        self._relay = _PageRead()  # no parent: a read may outlive a dialog closed early
        self._relay.done.connect(self._page_read)
        QThreadPool.globalInstance().start(_ReadPage(path, self._relay))

    def read(self) -> bool:
        """Whether the file has been read (Import is offered only then)."""
        return self.problem is not None

    def _page_read(self, guessed_url: str, problem: str) -> None:
        self.problem = problem
        if guessed_url and not self.url_edit.text().strip():
            self.url_edit.setText(guessed_url)  # revalidates
        else:
            self._validate(self.url_edit.text())

    def url(self) -> str:
        return validate_article_url(self.url_edit.text())

    def captured_at(self) -> datetime:
        if self.use_mtime.isChecked():
            return self._modified
        moment = self.when.dateTime().toTimeZone(QTimeZone.utc())
        return datetime.fromtimestamp(moment.toSecsSinceEpoch(), tz=UTC)

    def check_live_page(self) -> bool:
        """Whether the new article is to be checked on schedule (due at once)."""
        return self.check_live.isEnabled() and self.check_live.isChecked()

    def accept(self) -> None:
        # Remembered only when it was a choice: a disabled box (an article already in
        # the store) says nothing about what the user wants for the next import.
        if self._settings is not None and self.check_live.isEnabled():
            self._settings.setValue(
                CHECK_LIVE_PAGE_KEY, "true" if self.check_live.isChecked() else "false"
            )
        super().accept()

    def _live_choice_made(self, checked: bool) -> None:
        self._wants_live = checked
        self._validate(self.url_edit.text())

    def _validate(self, text: str) -> None:
        if self.problem:
            self.message.setText(f"This file cannot be imported: {self.problem}.")
            self._describe_live_page(None)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        try:
            url = validate_article_url(text)
        except InvalidURL as exc:
            if self.read() or text.strip():
                self.message.setText(f"Enter the address the page was saved from ({exc}).")
            else:
                self.message.setText(f"Reading {self.path.name}…")
            self._describe_live_page(None)
            ok = False
        else:
            self.message.setText(self._describe_live_page(url))
            ok = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok and self.read())

    def _describe_live_page(self, url: str | None) -> str:
        """Word the box for `url` and say what importing will contact."""
        if url is None:
            self.check_live.setText(
                "Also check the page's address for later versions (contacts its site)"
            )
            self.check_live.setToolTip("")
            self.check_live.setEnabled(False)
            self.check_live.setChecked(self._wants_live)
            return ""
        host = _contacted_host(url)
        self.check_live.setText(
            f"Also check {_shortened(url)} for later versions (contacts {host})"
        )
        self.check_live.setToolTip(url)
        existing = self._find(url) if self._find is not None else None
        if existing is not None:
            self.check_live.setEnabled(False)
            self.check_live.setChecked(False)
            how = "checked on schedule" if existing.active else "not checked"
            return (
                f"Adds this copy to article {existing.id}, which is {how}; importing "
                "does not change that."
            )
        self.check_live.setEnabled(True)
        self.check_live.setChecked(self._wants_live)
        if self._wants_live:
            return (
                f"The page is stored from the file, then {host} is contacted now and on schedule."
            )
        return f"The page is stored from the file only: nothing is sent to {host}."
