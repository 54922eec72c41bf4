"""`import`, `extract` and `diff` refuse files that are not pages, naming what they are."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from tests.core.test_sniff import SAMPLES, TEXT_LIKE_PDF
from tests.support.pages import STORM, article_page

URL = "https://courier.example/storm"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_importing_a_text_like_pdf_is_refused_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.sqlite3"
    pdf = tmp_path / "storm.html"  # saved under a page's name, as users do
    pdf.write_bytes(TEXT_LIKE_PDF)
    code, out, err = run(capsys, "--db", str(db), "import", str(pdf), "--url", URL)
    assert code == 1 and out == ""
    assert err == f"newsdiff: error: {pdf}: this is a PDF document, not a web page\n"
    assert not db.exists()
    page = tmp_path / "page.html"
    page.write_text(article_page(), encoding="utf-8")
    assert run(capsys, "--db", str(db), "import", str(page), "--url", URL)[0] == 0
    for name in ("docx", "png", "zip", "sqlite"):
        wrong = tmp_path / f"{name}.html"
        wrong.write_bytes(SAMPLES[name][0])
        code, _, err = run(capsys, "--db", str(db), "import", str(wrong), "--url", URL + "/2")
        assert code == 1 and f"this is {SAMPLES[name][1]}, not a web page" in err
    listed = json.loads(run(capsys, "--db", str(db), "list", "--json")[1])
    assert [(a["url"], a["versions"]) for a in listed] == [(URL, 1)]


def test_extract_names_each_wrong_file_and_reads_the_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "report.html": TEXT_LIKE_PDF,
        "letter.htm": SAMPLES["docx"][0],
        "pdf.html.gz": gzip.compress(TEXT_LIKE_PDF),  # named after decompression
        "page.html.gz": gzip.compress(article_page().encode()),
        "curl.html": gzip.compress(article_page().encode()),  # gzip under a .html name
        "good.html": article_page().encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    code, out, err = run(capsys, "extract", "--json", *(str(tmp_path / n) for n in files))
    assert code == 1
    lines = {Path(item["file"]).name: item for item in map(json.loads, out.splitlines())}
    assert lines["report.html"]["error"].endswith("this is a PDF document, not a web page")
    assert lines["letter.htm"]["error"].endswith("this is a Word document (.docx), not a web page")
    assert lines["pdf.html.gz"]["error"].endswith("this is a PDF document, not a web page")
    for name in ("page.html.gz", "curl.html", "good.html"):
        assert lines[name]["paragraphs"] == list(STORM), name
    assert err.count("\n") == 3


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("old.txt", SAMPLES["png"][0], "this is a PNG image, not a text file"),
        ("old.json", SAMPLES["zip"][0], "this is a ZIP archive, not a JSON file"),
        ("old.html", TEXT_LIKE_PDF, "this is a PDF document, not a web page"),
        ("old.txt", SAMPLES["rtf"][0], "this is an RTF document, not a text file"),
    ],
    ids=["png-as-txt", "zip-as-json", "pdf-as-html", "rtf-as-txt"],
)
def test_diff_inputs_are_sniffed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str
) -> None:
    wrong = tmp_path / name
    wrong.write_bytes(data)
    good = tmp_path / "new.txt"
    good.write_text("A paragraph.\n\nAnother one.\n", encoding="utf-8")
    code, out, err = run(capsys, "diff", str(wrong), str(good))
    assert code == 1 and out == ""
    assert err == f"newsdiff: error: {wrong}: {message}\n"
