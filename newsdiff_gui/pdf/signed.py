"""The PDF report as signed bytes: drawn by Qt offscreen, then signed (PAdES) with the
installation's key. Shared by `newsdiff export`, the app's export and the WACZ package."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from newsdiff_gui.core.evidence.keys import SigningKey
from newsdiff_gui.core.evidence.pdf_signature import sign_pdf
from newsdiff_gui.core.report.export import write_atomically
from newsdiff_gui.core.report.model import Report
from newsdiff_gui.pdf.report import PageSize, ensure_gui_application, render_pdf

Progress = Callable[[int, int], None]


def drawn_pdf(
    report: Report,
    page_size: PageSize | str = PageSize.A4,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[bytes, int]:
    """The report drawn as PDF, and its page count; ExportCancelled when `cancelled()`."""
    ensure_gui_application()
    with tempfile.TemporaryDirectory(prefix="newsdiff-pdf-") as folder:
        path = Path(folder) / "report.pdf"
        pages = render_pdf(report, path, PageSize(page_size), progress, cancelled)
        return path.read_bytes(), pages


def pdf_bytes(report: Report, page_size: PageSize | str = PageSize.A4) -> bytes:
    return drawn_pdf(report, page_size)[0]


def write_signed_pdf(
    report: Report,
    out: Path,
    key: SigningKey,
    page_size: PageSize | str = PageSize.A4,
    package_digest: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Draw, sign and write the report at `out`, whole or not at all; its page count."""
    drawn, pages = drawn_pdf(report, page_size, progress, cancelled)
    signed = sign_pdf(drawn, key, package_digest)
    write_atomically(out, lambda temporary: temporary.write_bytes(signed))
    return pages
