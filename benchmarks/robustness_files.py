"""Wrong files and wrong databases (issue 9, item 7), each run end to end.

    .venv/bin/python benchmarks/robustness_files.py            # every case, with its time
    .venv/bin/python benchmarks/robustness_files.py CASE_NAME  # one case

`cases()` lists them for a driver that times and measures them itself. Each case
builds its input in a temporary folder, runs the real command, and raises
AssertionError if the outcome is not the promised one (exit 1, one line naming
the problem, nothing stored, the foreign file untouched).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsdiff_gui.cli import main
from newsdiff_gui.core.fetch import Fetcher, FetchOutcome, FetchRequest

TEXT_LIKE_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"BT /F1 12 Tf 72 712 Td (Storm batters coastal towns overnight) Tj ET\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Storm</title></head><body><article>"
    + "".join(
        f"<p>Paragraph {i}: the storm brought down power lines across three districts.</p>"
        for i in range(8)
    )
    + "</article></body></html>"
)


def _cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def _expect_error(result: tuple[int, str], text: str) -> None:
    code, err = result
    assert code == 1 and err.count("\n") == 1 and text in err, (code, err)


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="newsdiff-bench-") as name:
        yield Path(name)


def import_text_like_pdf() -> None:
    with _folder() as folder:
        pdf = folder / "storm.html"
        pdf.write_bytes(TEXT_LIKE_PDF)
        db = folder / "s.sqlite3"
        result = _cli("--db", str(db), "import", str(pdf), "--url", "https://x.example/a")
        _expect_error(result, "this is a PDF document, not a web page")
        assert not db.exists()


def extract_docx_named_html() -> None:
    import zipfile

    with _folder() as folder:
        docx = folder / "letter.html"
        with zipfile.ZipFile(docx, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
        _expect_error(_cli("extract", str(docx)), "this is a Word document (.docx)")


def list_on_another_programs_database() -> None:
    with _folder() as folder:
        path = folder / "places.sqlite"
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        connection.commit()
        connection.close()
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        for argv in (["list"], ["track", "https://x.example/a"]):
            _expect_error(_cli("--db", str(path), *argv), "not a newsdiff database")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert [p.name for p in folder.iterdir()] == ["places.sqlite"]


def list_on_a_damaged_schema() -> None:
    with _folder() as folder:
        page = folder / "page.html"
        page.write_text(PAGE, encoding="utf-8")
        db = folder / "s.sqlite3"
        assert _cli("--db", str(db), "import", str(page), "--url", "https://x.example/a")[0] == 0
        with sqlite3.connect(db) as connection:
            connection.execute("DROP TABLE checks")
        connection.close()
        _expect_error(_cli("--db", str(db), "list"), "damaged newsdiff database")


def track_and_import_on_a_full_disk() -> None:
    with _folder() as folder:
        page = folder / "page.html"
        page.write_text(PAGE, encoding="utf-8")
        db = folder / "s.sqlite3"
        assert _cli("--db", str(db), "import", str(page), "--url", "https://x.example/a")[0] == 0
        big = folder / "big.html"
        big.write_text(PAGE.replace("</article>", "<p>" + "x y " * 40_000 + "</p></article>"))
        real_connect = sqlite3.connect

        def capped(*args: object, **kwargs: object) -> sqlite3.Connection:
            connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {pages}")
            return connection

        sqlite3.connect = capped  # type: ignore[assignment]
        try:
            _expect_error(
                _cli("--db", str(db), "track", "https://x.example/" + "a" * 6000), "disk full"
            )
            _expect_error(
                _cli("--db", str(db), "import", str(big), "--url", "https://x.example/a"),
                "disk full",
            )
        finally:
            sqlite3.connect = real_connect


def fetch_pdf_served_as_html() -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(TEXT_LIKE_PDF)))
            self.end_headers()
            self.wfile.write(TEXT_LIKE_PDF)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with Fetcher() as fetcher:
            url = f"http://127.0.0.1:{server.server_address[1]}/story"
            result = fetcher.fetch(FetchRequest(url))
        assert result.outcome is FetchOutcome.NOT_HTML, result
    finally:
        server.shutdown()
        server.server_close()


def cases() -> list[tuple[str, Callable[[], None]]]:
    return [
        ("import_text_like_pdf", import_text_like_pdf),
        ("extract_docx_named_html", extract_docx_named_html),
        ("fetch_pdf_served_as_html", fetch_pdf_served_as_html),
        ("list_on_another_programs_database", list_on_another_programs_database),
        ("list_on_a_damaged_schema", list_on_a_damaged_schema),
        ("track_and_import_on_a_full_disk", track_and_import_on_a_full_disk),
    ]


if __name__ == "__main__":
    from robustness import run_module

    sys.exit(run_module(Path(__file__).stem, sys.argv[1:]))
