"""File → Compare…: any two documents in the same diff view.

Each side is a stored version of any tracked article (a wire story against an
outlet's rewrite), a saved page, or a web address. Stored versions are read on
the UI thread's connection; pages are extracted and addresses fetched in a
pool job, never on the UI thread.
"""

from __future__ import annotations

import enum
import hashlib
import logging
from dataclasses import dataclass
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

from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.extract import ExtractionError, extract_document
from newsdiff_gui.core.report import SourceInfo
from newsdiff_gui.core.sniff import NotAPage, ensure_page
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.urls import InvalidURL, validate_article_url
from newsdiff_gui.ui.detail_area import version_caption, version_side
from newsdiff_gui.ui.diff_view import Side
from newsdiff_gui.ui.folders import Location, standard_folder

log = logging.getLogger(__name__)


class SourceKind(enum.Enum):
    VERSION = "version"
    FILE = "file"
    URL = "url"


@dataclass(frozen=True, slots=True)
class Source:
    kind: SourceKind
    article_id: int = 0
    number: int = 0
    path: str = ""
    url: str = ""


class SourcePicker(QGroupBox):
    """One side of the comparison."""

    def __init__(self, title: str, store: VersionStore, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.store = store
        self.use_version = QRadioButton("Stored version:", self)
        self.use_file = QRadioButton("Saved page:", self)
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
        name, _ = QFileDialog.getOpenFileName(
            self, "Saved page", start, "Web pages (*.html *.htm);;All files (*)"
        )
        if name:
            self.path_edit.setText(name)
            self.use_file.setChecked(True)

    def source(self) -> Source:
        """The chosen source; ValueError with a readable reason if incomplete."""
        if self.use_version.isChecked():
            if self.version_box.currentData() is None:
                raise ValueError("choose an article and one of its versions")
            return Source(
                SourceKind.VERSION,
                article_id=int(self.article_box.currentData()),
                number=int(self.version_box.currentData()),
            )
        if self.use_file.isChecked():
            path = Path(self.path_edit.text().strip()).expanduser()
            if not path.is_file():
                raise ValueError(f"no such file: {path}")
            return Source(SourceKind.FILE, path=str(path))
        try:
            return Source(SourceKind.URL, url=validate_article_url(self.url_edit.text()))
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
        self.sources: tuple[Source, Source] | None = None

    def _accept(self) -> None:
        try:
            self.sources = (self.old_picker.source(), self.new_picker.source())
        except ValueError as exc:
            self.message.setText(f"Cannot compare yet: {exc}.")
            return
        self.accept()


def load_source(source: Source) -> Side:
    """Read, extract or fetch one side (blocking: call it in a pool job)."""
    if source.kind is SourceKind.FILE:
        path = Path(source.path)
        raw = path.read_bytes()
        try:
            ensure_page(raw)  # a PDF or an archive would otherwise be parsed as a page
        except NotAPage as exc:
            raise ValueError(f"{path.name}: {exc}") from exc
        page = decode_html(raw)
        info = SourceInfo(
            label=f"Saved page {path.name}",
            sha256=hashlib.sha256(raw).hexdigest(),
            size=len(raw),
            url=str(path.resolve()),
            source="file",
        )
        return Side(extract_document(page.text, None), info.label, source=info)
    # Imported here: the HTTP layer is only needed for this rarely used path.
    from newsdiff_gui.core.fetch import Fetcher, FetchOutcome, FetchRequest

    with Fetcher() as fetcher:
        results = list(fetcher.fetch_many([FetchRequest(source.url)]))
    if not results or results[0].outcome is not FetchOutcome.OK or results[0].text is None:
        reason = results[0].error if results else "no answer"
        raise OSError(f"{source.url} could not be fetched: {reason}")
    result = results[0]
    assert result.text is not None
    document = extract_document(result.text, result.final_url or source.url)
    body = result.body or b""
    info = SourceInfo(
        label=f"{source.url} (fetched now)",
        captured_at=result.started_at,
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        http_status=result.status,
        url=result.final_url or source.url,
        source="url",
    )
    return Side(document, info.label, source=info, article_url=source.url)


class _Relay(QObject):
    loaded = Signal(int, object, object)  # generation, old Side | Exception, new Side | …


class _LoadJob(QRunnable):
    def __init__(
        self, generation: int, old: Source | Side, new: Source | Side, relay: _Relay
    ) -> None:
        super().__init__()
        self.generation, self.old, self.new, self.relay = generation, old, new, relay

    def run(self) -> None:
        sides: list[object] = []
        for source in (self.old, self.new):
            if isinstance(source, Side):
                sides.append(source)
                continue
            try:
                sides.append(load_source(source))
            except (OSError, ExtractionError, ValueError) as exc:
                sides.append(exc)
            except Exception as exc:  # report, never kill the pool thread
                log.exception("loading a comparison side failed")
                sides.append(exc)
        self.relay.loaded.emit(self.generation, sides[0], sides[1])


class CompareLoader(QObject):
    """Resolves two sources to documents; stored versions at once, the rest in a job.

    Signals: ready(object old_side, object new_side), failed(str message).
    """

    ready = Signal(object, object)
    failed = Signal(str)

    def __init__(self, store: VersionStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.loaded.connect(self._loaded)

    def load(self, old: Source, new: Source) -> None:
        self._generation += 1
        try:
            resolved = [self._stored(source) for source in (old, new)]
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        self._pool.start(_LoadJob(self._generation, resolved[0], resolved[1], self._relay))

    def _stored(self, source: Source) -> Source | Side:
        if source.kind is not SourceKind.VERSION:
            return source
        version = self.store.get_version(source.article_id, source.number)
        article = self.store.get_article(source.article_id)
        return version_side(article, version, f"{article.title} · {version_caption(version)}")

    def _loaded(self, generation: int, old: object, new: object) -> None:
        if generation != self._generation:
            return
        problems = [str(side) for side in (old, new) if isinstance(side, Exception)]
        if problems:
            self.failed.emit("; ".join(problems))
            return
        assert isinstance(old, Side) and isinstance(new, Side)
        self.ready.emit(old, new)

    def shutdown(self) -> None:
        self._generation += 1
        self._pool.waitForDone(3000)
