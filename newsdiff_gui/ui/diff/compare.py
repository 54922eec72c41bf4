"""File → Compare…: any two documents in the same diff view.

Each side is a stored version of any tracked article (a wire story against an
outlet's rewrite), a saved file (a page, a .txt or a .json document), or a web
address. Both sides are loaded by core/sources in a pool job, never on the UI
thread: stored versions on the job's own connection, pages extracted in the
extractor's child process, addresses fetched with the fetcher's limits.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.extract.isolated import ExtractionCancelled
from newsdiff_gui.core.sources import (
    LoadedSource,
    SavedFile,
    SourceError,
    SourceLoader,
    SourceRef,
    StoredVersionRef,
    WebAddress,
)
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.urls import InvalidURL, validate_article_url
from newsdiff_gui.ui.app.detail_area import version_caption, version_side
from newsdiff_gui.ui.app.folders import Location, standard_folder
from newsdiff_gui.ui.diff.view import Side

log = logging.getLogger(__name__)
_FILE_FILTER = (
    "Web pages (*.html *.htm *.html.gz *.htm.gz);;Text (*.txt);;Documents (*.json);;All files (*)"
)


class SourcePicker(QGroupBox):
    """One side of the comparison."""

    def __init__(self, title: str, store: VersionStore, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.store = store
        self.use_version = QRadioButton("Stored version:", self)
        self.use_file = QRadioButton("Saved file:", self)  # a page, a .txt or a .json
        self.use_url = QRadioButton("Web address:", self)
        self.article_box = QComboBox(self)
        self.version_box = QComboBox(self)
        for article in store.list_articles():
            if article.version_count:
                self.article_box.addItem(article.title or article.url, article.id)
        self.article_box.currentIndexChanged.connect(self._fill_versions)
        self.path_edit = QLineEdit(self)
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://…")
        grid = QGridLayout(self)
        grid.addWidget(self.use_version, 0, 0)
        grid.addWidget(self.article_box, 0, 1)
        grid.addWidget(self.version_box, 0, 2)
        grid.addWidget(self.use_file, 1, 0)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        grid.addLayout(file_row, 1, 1, 1, 2)
        grid.addWidget(self.use_url, 2, 0)
        grid.addWidget(self.url_edit, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        has_versions = self.article_box.count() > 0
        self.use_version.setEnabled(has_versions)
        (self.use_version if has_versions else self.use_file).setChecked(True)
        self.path_edit.textEdited.connect(lambda _text: self.use_file.setChecked(True))
        self.url_edit.textEdited.connect(lambda _text: self.use_url.setChecked(True))
        self._fill_versions()

    def _fill_versions(self, *_args: object) -> None:
        self.version_box.clear()
        article_id = self.article_box.currentData()
        if article_id is None:
            return
        for version in reversed(self.store.list_versions(int(article_id))):
            self.version_box.addItem(version_caption(version), version.number)

    def _browse(self) -> None:
        start = str(standard_folder(Location.DownloadLocation))
        name, _ = QFileDialog.getOpenFileName(self, "Saved page or document", start, _FILE_FILTER)
        if name:
            self.path_edit.setText(name)
            self.use_file.setChecked(True)

    def source(self) -> SourceRef:
        """The chosen source; ValueError with a readable reason if incomplete.

        Only what can be told without reading: the file is read (and a missing one
        named) by core/sources in the load job, as every other input is.
        """
        if self.use_version.isChecked():
            if self.version_box.currentData() is None:
                raise ValueError("choose an article and one of its versions")
            return StoredVersionRef(
                int(self.article_box.currentData()), int(self.version_box.currentData())
            )
        if self.use_file.isChecked():
            text = self.path_edit.text().strip()
            if not text:
                raise ValueError("choose a saved file")
            return SavedFile(Path(text).expanduser())
        try:
            return WebAddress(validate_article_url(self.url_edit.text()))
        except InvalidURL as exc:
            raise ValueError(str(exc)) from exc


class CompareDialog(QDialog):
    def __init__(self, store: VersionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare two documents")
        self.old_picker = SourcePicker("Old (left)", store, self)
        self.new_picker = SourcePicker("New (right)", store, self)
        # By default the latest change of the first article: its two newest versions.
        if self.old_picker.version_box.count() > 1:
            self.old_picker.version_box.setCurrentIndex(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.old_picker)
        layout.addWidget(self.new_picker)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.sources: tuple[SourceRef, SourceRef] | None = None

    def _accept(self) -> None:
        try:
            self.sources = (self.old_picker.source(), self.new_picker.source())
        except ValueError as exc:
            self.message.setText(f"Cannot compare yet: {exc}.")
            return
        self.accept()


def side_of(loaded: LoadedSource) -> Side:
    """How a loaded input is shown: a stored version as everywhere else in the window
    (its article's title in the caption, notes possible), anything else by its label."""
    if loaded.article is not None and loaded.version is not None:
        caption = f"{loaded.article.title} · {version_caption(loaded.version)}"
        return version_side(loaded.article, loaded.version, caption)
    info = loaded.provenance
    return Side(loaded.document, info.label, source=info, article_url=loaded.article_url)


class _Relay(QObject):
    loaded = Signal(int, object, object)  # generation, old Side | str, new Side | str


class _LoadJob(QRunnable):
    """Loads both sides with core/sources on a pool thread (its own store connection,
    pages extracted in the extractor's child process)."""

    def __init__(
        self,
        generation: int,
        sources: tuple[SourceRef, SourceRef],
        loader: SourceLoader,
        relay: _Relay,
    ) -> None:
        super().__init__()
        self.generation, self.sources, self.loader, self.relay = generation, sources, loader, relay

    def run(self) -> None:
        sides = [self._side(source) for source in self.sources]
        self.relay.loaded.emit(self.generation, sides[0], sides[1])

    def _side(self, source: SourceRef) -> Side | str:
        try:
            return side_of(self.loader.load(source))
        except SourceError as exc:
            return str(exc)
        except ExtractionCancelled:
            return "cancelled"
        except Exception as exc:  # a bug: reported, never kills the pool thread
            log.exception("loading a comparison side failed")
            return f"{type(exc).__name__}: {exc}"


class CompareLoader(QObject):
    """Resolves two sources to documents in a pool job; the UI thread never reads them.

    Signals: ready(object old_side, object new_side), failed(str message).
    """

    ready = Signal(object, object)
    failed = Signal(str)

    def __init__(self, store: VersionStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._cancel = threading.Event()
        # One pool thread, so the loader (its store connection, its extractor child,
        # kept for the next comparison) has one caller at a time.
        self._loader = SourceLoader(store.address, cancel=self._cancel)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.loaded.connect(self._loaded)

    def load(self, old: SourceRef, new: SourceRef) -> None:
        self._generation += 1
        self._pool.start(_LoadJob(self._generation, (old, new), self._loader, self._relay))

    def _loaded(self, generation: int, old: object, new: object) -> None:
        if generation != self._generation:
            return
        problems = [side for side in (old, new) if isinstance(side, str)]
        if problems:
            self.failed.emit("; ".join(problems))
            return
        assert isinstance(old, Side) and isinstance(new, Side)
        self.ready.emit(old, new)

    def shutdown(self) -> None:
        self._generation += 1
        self._cancel.set()  # a fetch or an extraction in progress stops at once
        self._pool.waitForDone(3000)
        self._loader.close()
