"""File → Export…: the comparison on show, with its notes, as PDF, HTML or JSON.

The window hands over immutable values only (the Diff, the provenance, the
notes read on the UI thread); building the report and drawing the PDF run in a
`QThreadPool` job, with progress in the status bar and a Cancel button, so a
long article never blocks the window.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSettings, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.align import Diff
from newsdiff_gui.core.annotations import Annotation
from newsdiff_gui.core.evidence.keys import SigningKeyError, installation_key
from newsdiff_gui.core.report import Provenance, ReportOptions, build_report
from newsdiff_gui.core.report.export import StoredReport, write_html, write_json
from newsdiff_gui.pdf.report import ExportCancelled, PageSize
from newsdiff_gui.pdf.signed import write_signed_pdf
from newsdiff_gui.ui.app.folders import Location, remember_folder, standard_folder
from newsdiff_gui.ui.app.folders import start_folder as folders_start

log = logging.getLogger(__name__)

# Where the last export was saved; the next one starts there.
DIRECTORY_KEY = "export/directory"


def documents_folder() -> Path:
    """The user's documents folder (a home without one: the home folder)."""
    return standard_folder(Location.DocumentsLocation)


def start_folder(settings: QSettings | None) -> Path:
    """Where the save dialog opens: the last export's folder if it still exists, else
    the documents folder."""
    return folders_start(settings, DIRECTORY_KEY, Location.DocumentsLocation)


def context_suffix(paragraphs: int) -> str:
    return " paragraph of context" if paragraphs == 1 else " paragraphs of context"


class ExportFormat(enum.Enum):
    PDF = ("PDF document", "pdf")
    HTML = ("Web page (one self-contained file)", "html")
    JSON = ("JSON (diff, notes and provenance)", "json")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def suffix(self) -> str:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    diff: Diff
    provenance: Provenance
    annotations: tuple[Annotation, ...]
    options: ReportOptions
    format: ExportFormat
    page_size: PageSize
    path: Path


class ExportDialog(QDialog):
    """What to export and where; `request_fields()` after it is accepted."""

    def __init__(
        self,
        suggested_name: str,
        has_notes: bool,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("Export comparison")
        self.suggested_name = suggested_name
        self.settings = settings
        self.format = QComboBox(self)
        for choice in ExportFormat:
            self.format.addItem(choice.label, choice)
        self.page_size = QComboBox(self)
        # Item data as plain strings: Qt turns a str subclass into a QString anyway.
        self.page_size.addItem("A4", PageSize.A4.value)
        self.page_size.addItem("US Letter", PageSize.LETTER.value)
        self.changes_only = QCheckBox("Changes only, with", self)
        self.context = QSpinBox(self)
        self.context.setRange(0, 50)
        self.context.setValue(1)
        self.context.setSuffix(context_suffix(1))
        self.context.valueChanged.connect(
            lambda value: self.context.setSuffix(context_suffix(value))
        )
        self.context.setEnabled(False)
        self.changes_only.toggled.connect(self.context.setEnabled)
        self.include_notes = QCheckBox("Include notes and review states", self)
        self.include_notes.setChecked(has_notes)
        self.include_notes.setEnabled(has_notes)
        self.format.currentIndexChanged.connect(self._format_changed)
        rows = QHBoxLayout()
        rows.addWidget(self.changes_only)
        rows.addWidget(self.context, 1)
        form = QFormLayout()
        form.addRow("Format:", self.format)
        form.addRow("Page size:", self.page_size)
        form.addRow("Paragraphs:", rows)
        form.addRow("", self.include_notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.path: Path | None = None

    def chosen_format(self) -> ExportFormat:
        choice = self.format.currentData()
        assert isinstance(choice, ExportFormat)
        return choice

    def options(self) -> ReportOptions:
        return ReportOptions(
            changes_only=self.changes_only.isChecked(),
            context=self.context.value(),
            include_notes=self.include_notes.isChecked(),
        )

    def chosen_page_size(self) -> PageSize:
        return PageSize(str(self.page_size.currentData()))

    def _format_changed(self) -> None:
        self.page_size.setEnabled(self.chosen_format() is ExportFormat.PDF)

    def _choose_file(self) -> None:
        choice = self.chosen_format()
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export to",
            str(start_folder(self.settings) / f"{self.suggested_name}.{choice.suffix}"),
            f"{choice.label} (*.{choice.suffix})",
        )
        if name:
            path = Path(name)
            self.path = path if path.suffix else path.with_suffix(f".{choice.suffix}")
            if self.settings is not None:
                remember_folder(self.settings, DIRECTORY_KEY, self.path)
            self.accept()


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(str, int)  # path, pages (0 for HTML/JSON)
    failed = Signal(str)


class _ExportJob(QRunnable):
    def __init__(self, request: ExportRequest, signals: _Signals, cancel: list[bool]) -> None:
        super().__init__()
        self.request, self.signals, self.cancel = request, signals, cancel

    def run(self) -> None:
        request = self.request
        try:
            # Every report names the key that vouches for it; the PDF is signed with it.
            key = installation_key()
            provenance = replace(request.provenance, signing_key=key.identity)
            report = build_report(request.diff, provenance, request.annotations, request.options)
            pages = 0
            if request.format is ExportFormat.PDF:
                pages = write_signed_pdf(
                    report,
                    request.path,
                    key,
                    request.page_size,
                    progress=self.signals.progress.emit,
                    cancelled=lambda: self.cancel[0],
                )
            elif request.format is ExportFormat.HTML:
                write_html(StoredReport(report, request.diff), request.path)
            else:
                write_json(StoredReport(report, request.diff), request.path)
        except ExportCancelled:
            self.signals.failed.emit("Export cancelled; nothing was written.")
            return
        except SigningKeyError as exc:
            self.signals.failed.emit(f"The export was not written: {exc}")
            return
        except OSError as exc:
            self.signals.failed.emit(f"The export could not be written: {exc}")
            return
        except Exception as exc:  # a bug must not kill the pool thread silently
            log.exception("export failed")
            self.signals.failed.emit(f"The export failed: {exc}")
            return
        self.signals.finished.emit(str(request.path), pages)


class ExportRunner(QObject):
    """Runs one export at a time in the background.

    Signals: progress(int done, int total), finished(str path, int pages), failed(str).
    """

    progress = Signal(int, int)
    finished = Signal(str, int)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progress.connect(self.progress)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._cancel = [False]
        # Busy from start until the job's last report reaches this thread (the pool's
        # thread count drops a moment later, after the report was handled).
        self._busy = False

    def busy(self) -> bool:
        return self._busy

    def start(self, request: ExportRequest) -> None:
        # A fresh flag per job: cancelling an old export must not cancel a new one.
        self._cancel = [False]
        self._busy = True
        self._pool.start(_ExportJob(request, self._signals, self._cancel))

    def _finished(self, path: str, pages: int) -> None:
        self._busy = False
        self.finished.emit(path, pages)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.failed.emit(message)

    def cancel(self) -> None:
        self._cancel[0] = True

    def shutdown(self) -> None:
        self.cancel()
        self._pool.waitForDone(3000)
