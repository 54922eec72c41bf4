"""The files of a package and the JSON of its manifest (shared by the writer and `verify`).

Every file sits one folder deep, as `wacz validate` expects (it names files by their last
two path parts).
"""

from __future__ import annotations

import json
from typing import Any

WACZ_VERSION = "1.1.1"
DATAPACKAGE = "datapackage.json"
DIGEST = "datapackage-digest.json"
ARCHIVE = "archive/data.warc.gz"
INDEX = "indexes/index.cdxj"
PAGES = "pages/pages.jsonl"
NOTES = "notes/notes.json"
LOG = "log/audit.json"
REPORT_HTML = "reports/report.html"
REPORT_PDF = "reports/report.pdf"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}


def text_path(number: int) -> str:
    return f"texts/version-{number}.json"


def diff_path(old: int, new: int) -> str:
    return f"diffs/version-{old}-to-{new}.json"


def json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def resource_name(path: str) -> str:
    """A Frictionless resource name: lower case, digits and -._ only."""
    return path.replace("/", "-").lower()
