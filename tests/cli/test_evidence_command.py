"""`newsdiff export --wacz` and `newsdiff verify` from the command line, with the signed PDF."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from newsdiff_gui import cli
from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.evidence.keys import installation_key
from newsdiff_gui.core.store import VersionStore


@pytest.fixture(autouse=True)
def _application(qapp: object) -> None:
    """The PDFs here are drawn in this process: pytest-qt's QApplication must exist first, or
    the export would start a plain QGuiApplication that later widget tests cannot use."""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    with VersionStore.open(path) as store:
        load_demo(store)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_then_verify_a_package(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.wacz"
    code, stdout, err = run(capsys, "--db", str(db), "export", "1", "--wacz", str(out))
    fingerprint = installation_key().fingerprint
    assert (code, err) == (0, "")
    assert stdout.startswith(f"{out}: sha256:") and fingerprint in stdout
    code, stdout, err = run(capsys, "verify", str(out))
    assert (code, err) == (0, "")
    assert stdout.startswith("4 captures of https://www.coastline-post.example/")
    assert f"signed by key {fingerprint}" in stdout and stdout.count("\n") == 1
    with zipfile.ZipFile(out) as archive:
        assert "reports/report.pdf" in archive.namelist()


def test_a_range_of_versions(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.wacz"
    args = ("--db", str(db), "export", "1", "--from", "2", "--to", "3", "--wacz", str(out))
    assert run(capsys, *args)[0] == 0
    assert run(capsys, "verify", str(out))[1].startswith("2 captures of ")
    code, _, err = run(capsys, "--db", str(db), "export", "1", "--to", "9", "--wacz", str(out))
    assert code == 1 and err == "newsdiff: error: article 1 has no version 9\n"


def test_the_pdf_is_signed_and_states_the_package_digest(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wacz, pdf = tmp_path / "a.wacz", tmp_path / "a.pdf"
    code, _, err = run(
        capsys, "--db", str(db), "export", "1", "--wacz", str(wacz), "--pdf", str(pdf)
    )
    assert (code, err) == (0, "")
    key = installation_key()
    import hashlib

    with zipfile.ZipFile(wacz) as archive:
        digest = hashlib.sha256(archive.read("datapackage.json")).hexdigest()
        inner_pdf = archive.read("reports/report.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = "".join(text.split())
    assert key.fingerprint in flat and digest in flat
    assert "Version1" in flat and "Version4" in flat  # the package's first against its last
    inner_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(inner_pdf)).pages)
    assert key.fingerprint in "".join(inner_text.split())
    for data in (pdf.read_bytes(), inner_pdf):
        reader = PdfFileReader(io.BytesIO(data))
        (signature,) = reader.embedded_signatures
        trust = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(signature, trust)
        assert status.intact and status.valid and status.trusted
        assert status.bottom_line
    code, stdout, err = run(capsys, "verify", str(pdf))
    assert (code, err) == (0, "")
    assert f"by key {key.fingerprint}" in stdout and f"package sha256:{digest}" in stdout


def test_a_pdf_with_bytes_added_after_the_signature_fails(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "a.pdf"
    assert run(capsys, "--db", str(db), "export", "1", "--pdf", str(pdf))[0] == 0
    pdf.write_bytes(pdf.read_bytes() + b"\n% added later\n")
    code, _, err = run(capsys, "verify", str(pdf))
    assert code == 1 and "added after the signature" in err


def test_a_changed_pdf_fails(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "a.pdf"
    assert run(capsys, "--db", str(db), "export", "1", "--pdf", str(pdf))[0] == 0
    data = bytearray(pdf.read_bytes())
    position = data.index(b"/Contents") - 200  # inside the signed page content
    data[position] ^= 0x01
    pdf.write_bytes(bytes(data))
    code, stdout, err = run(capsys, "verify", str(pdf))
    assert code == 1 and stdout == "" and err.count("\n") == 1 and str(pdf) in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
            "not a readable PDF",
        ),
        (b"PK\x03\x04truncated", "not a complete ZIP file"),
        (b"hello", "not a complete ZIP file"),
    ],
)
def test_files_that_prove_nothing_get_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(content)
    code, stdout, err = run(capsys, "verify", str(path))
    assert code == 1 and stdout == "" and err.count("\n") == 1 and expected in err


def test_a_zip_that_is_not_a_wacz(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    code, _, err = run(capsys, "verify", str(path))
    assert (
        code == 1
        and err == f"newsdiff: error: {path}: not a WACZ package: it has no datapackage.json\n"
    )


def test_a_pdf_without_signature_from_qt(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsdiff_gui.core.report import ReportOptions
    from newsdiff_gui.core.report.export import stored_report
    from newsdiff_gui.core.timeutil import utc_now
    from newsdiff_gui.pdf.signed import pdf_bytes

    with VersionStore.open(db) as store:
        report = stored_report(store, 1, 1, 2, ReportOptions(), utc_now()).report
    path = tmp_path / "plain.pdf"
    path.write_bytes(pdf_bytes(report, "a4"))
    code, _, err = run(capsys, "verify", str(path))
    assert code == 1 and err == f"newsdiff: error: {path}: the PDF carries no signature\n"


def test_the_key_command_prints_what_to_publish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = installation_key()
    assert run(capsys, "key") == (0, f"SHA-256 {key.fingerprint}\n", "")
    code, pem, _ = run(capsys, "key", "--public-key")
    assert code == 0 and pem == key.public_pem and pem.startswith("-----BEGIN PUBLIC KEY-----")
    code, certificate, _ = run(capsys, "key", "--certificate")
    assert code == 0 and certificate.startswith("-----BEGIN CERTIFICATE-----")


def test_every_report_prints_the_key_fingerprint(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html, data = tmp_path / "r.html", tmp_path / "r.json"
    code, _, err = run(
        capsys, "--db", str(db), "export", "1", "--html", str(html), "--json", str(data)
    )
    assert (code, err) == (0, "")
    key = installation_key()
    fingerprint, public_key = key.fingerprint, key.identity.public_key
    assert "Signing key SHA-256" in html.read_text() and fingerprint in html.read_text()
    assert "Signing public key" in html.read_text() and public_key in html.read_text()
    assert f'"signing_key_sha256": "{fingerprint}"' in data.read_text()
    # The printed key is the one that signs: its SHA-256 is the fingerprint.
    assert hashlib.sha256(base64.b64decode(public_key)).hexdigest() == fingerprint
