"""The PDF report signed in PAdES form (pyHanko) with the installation's key.

The certificate is the key's self-signed one: it proves which key signed, not who holds it
(the fingerprint is what the fact-checker publishes). The signature's reason names the key
fingerprint, and the package digest when the report accompanies a package, inside the
signed bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from newsdiff_gui.core.evidence.keys import SigningKey, fingerprint

FIELD_NAME = "NewsdiffEvidence"


class PdfSignatureProblem(Exception):
    """The file is not a PDF we can check, has no signature, or the signature fails."""


@dataclass(frozen=True)
class PdfCheck:
    fingerprint: str
    reason: str
    signed_at: str


def reason_text(key_fingerprint: str, package_digest: str | None) -> str:
    text = f"newsdiff evidence report; signing key SHA-256 {key_fingerprint}"
    if package_digest:
        text += f"; package {package_digest}"
    return text


def sign_pdf(pdf: bytes, key: SigningKey, package_digest: str | None = None) -> bytes:
    certificate = asn1_x509.Certificate.load(
        key.certificate.public_bytes(serialization.Encoding.DER)
    )
    private = asn1_keys.PrivateKeyInfo.load(
        key.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=private,
        cert_registry=SimpleCertificateStore.from_certs([certificate]),  # type: ignore[no-untyped-call]
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason_text(key.fingerprint, package_digest),
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    output = io.BytesIO()
    signers.sign_pdf(writer, metadata, signer=signer, output=output)
    return output.getvalue()


def check_pdf(pdf: bytes) -> PdfCheck:
    """The signer's fingerprint when the PAdES signature is intact and valid, with its own
    self-signed certificate as the trust root; PdfSignatureProblem otherwise."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise PdfSignatureProblem(f"not a readable PDF ({exc})") from exc
    if not signatures:
        raise PdfSignatureProblem("the PDF carries no signature")
    embedded = signatures[-1]
    certificate = embedded.signer_cert
    context = ValidationContext(trust_roots=[certificate], allow_fetching=False)
    try:
        status = validate_pdf_signature(embedded, context)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise PdfSignatureProblem(f"the PDF's signature cannot be read ({exc})") from exc
    if not status.intact:
        raise PdfSignatureProblem("the PDF was changed after it was signed")
    if not status.valid:
        raise PdfSignatureProblem("the PDF's signature does not verify")
    if status.coverage is not SignatureCoverageLevel.ENTIRE_FILE:
        raise PdfSignatureProblem("the PDF has content added after the signature")
    spki = certificate.public_key.dump()
    reason = str(embedded.sig_object.get("/Reason", ""))
    signed_at = str(embedded.self_reported_timestamp or "")
    return PdfCheck(fingerprint(spki), reason, signed_at)
