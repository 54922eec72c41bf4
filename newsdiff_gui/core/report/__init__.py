"""The evidence report (no Qt): a diff with its notes and provenance, ready to render.

    report = build_report(diff, provenance, annotations, ReportOptions(changes_only=True))
    html = render_report_html(report)       # one self-contained file
    data = report_json(report, diff)        # the diff JSON plus notes and provenance

Rows, labels, move references and folding come from the reader's view
(`core/view`); the report only adds cells in displayed form, endnotes and the
summary counts. The PDF is drawn by the Qt layer (`newsdiff_gui.pdf.report`)
from the same `Report`.
"""

from newsdiff_gui.core.report.build import build_report, outlet_of
from newsdiff_gui.core.report.model import (
    Cell,
    Endnote,
    Omitted,
    Piece,
    Provenance,
    Report,
    ReportOptions,
    ReportRow,
    SourceInfo,
    Summary,
)
from newsdiff_gui.core.report.provenance import provenance, version_provenance, version_source
from newsdiff_gui.core.report.render_html import render_report_html
from newsdiff_gui.core.report.render_json import report_json

__all__ = [
    "Cell",
    "Endnote",
    "Omitted",
    "Piece",
    "Provenance",
    "Report",
    "ReportOptions",
    "ReportRow",
    "SourceInfo",
    "Summary",
    "build_report",
    "outlet_of",
    "provenance",
    "render_report_html",
    "report_json",
    "version_provenance",
    "version_source",
]
