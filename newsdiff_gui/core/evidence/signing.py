"""`datapackage-digest.json` per the WACZ Signing and Verification spec (anonymous signature).

The signature is ECDSA P-256 with SHA-256 over the UTF-8 bytes of the `hash` string
("sha256:<hex>"). `signature` is the raw r||s form that Web Crypto (ReplayWeb.page,
ArchiveWeb.page) produces and verifies; `signatureDER` carries the same signature in the
DER form `openssl dgst -verify` reads, so a third party can check it with standard tools.
Both must verify.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from newsdiff_gui import __version__
from newsdiff_gui.core.evidence.keys import SigningKey, fingerprint

SOFTWARE = "newsdiff_gui"
_COORDINATE = 32  # bytes of r and of s on P-256
_SIGNED_FIELDS = {
    "hash",
    "created",
    "software",
    "version",
    "signature",
    "signatureDER",
    "publicKey",
}


class SignatureProblem(Exception):
    """The digest file or its signature does not hold; the message says which part."""


def package_hash(datapackage: bytes) -> str:
    return "sha256:" + hashlib.sha256(datapackage).hexdigest()


def digest_text(document: Mapping[str, Any]) -> bytes:
    """datapackage-digest.json as written (and as `verify` expects it, byte for byte)."""
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


def digest_document(datapackage: bytes, created: str, key: SigningKey) -> dict[str, Any]:
    """The content of datapackage-digest.json for these datapackage.json bytes."""
    digest = package_hash(datapackage)
    der = key.private_key.sign(digest.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    raw = r.to_bytes(_COORDINATE, "big") + s.to_bytes(_COORDINATE, "big")
    signed = {
        "hash": digest,
        "created": created,
        "software": SOFTWARE,
        "version": __version__,
        "signature": base64.b64encode(raw).decode("ascii"),
        "signatureDER": base64.b64encode(der).decode("ascii"),
        "publicKey": base64.b64encode(key.public_der).decode("ascii"),
    }
    return {"path": "datapackage.json", "hash": digest, "signedData": signed}


def _b64(text: object, what: str) -> bytes:
    """Strict base64: a text that re-encodes to itself, so no bit of it goes unchecked."""
    try:
        data = base64.b64decode(str(text), validate=True)
    except (ValueError, binascii.Error) as exc:
        raise SignatureProblem(f"datapackage-digest.json: unreadable {what}") from exc
    if base64.b64encode(data).decode("ascii") != text:
        raise SignatureProblem(f"datapackage-digest.json: {what} was altered")
    return data


def check_digest_document(
    document: Mapping[str, Any], datapackage: bytes, manifest: Mapping[str, Any]
) -> str:
    """The signing key's fingerprint when the digest and signature hold; else SignatureProblem.

    The metadata beside the signature (time, software) must repeat the signed manifest's,
    so that no byte of the digest file can change unnoticed."""
    digest = package_hash(datapackage)
    if document.get("path") != "datapackage.json" or document.get("hash") != digest:
        raise SignatureProblem("datapackage.json does not match datapackage-digest.json")
    signed = document.get("signedData")
    if not isinstance(signed, Mapping):
        raise SignatureProblem("datapackage-digest.json carries no signature")
    if set(document) != {"path", "hash", "signedData"}:
        raise SignatureProblem("datapackage-digest.json: unexpected fields")
    if not _SIGNED_FIELDS <= set(signed) <= _SIGNED_FIELDS | {"timestampResponse"}:
        raise SignatureProblem("datapackage-digest.json: signedData fields were altered")
    if signed.get("hash") != digest:
        raise SignatureProblem("datapackage-digest.json: the signed hash is not datapackage.json's")
    if signed.get("created") != manifest.get("created") or (
        f"{signed.get('software')} {signed.get('version')}" != manifest.get("software")
    ):
        raise SignatureProblem("datapackage-digest.json: its time or software was altered")
    spki = _b64(signed.get("publicKey"), "publicKey")
    raw = _b64(signed.get("signature"), "signature")
    try:
        public = serialization.load_der_public_key(spki)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise SignatureProblem("datapackage-digest.json: unreadable publicKey") from exc
    if not isinstance(public, ec.EllipticCurvePublicKey) or len(raw) != 2 * _COORDINATE:
        raise SignatureProblem("datapackage-digest.json: not an ECDSA P-256 signature")
    r = int.from_bytes(raw[:_COORDINATE], "big")
    s = int.from_bytes(raw[_COORDINATE:], "big")
    forms = [encode_dss_signature(r, s)]
    forms.append(_b64(signed["signatureDER"], "signatureDER"))
    for form in forms:
        try:
            public.verify(form, digest.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as exc:
            raise SignatureProblem(
                "datapackage-digest.json: the signature of datapackage.json does not verify"
            ) from exc
    return fingerprint(spki)
