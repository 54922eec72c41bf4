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
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
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


class SignatureProblem(Exception):
    """The digest file or its signature does not hold; the message says which part."""


def package_hash(datapackage: bytes) -> str:
    return "sha256:" + hashlib.sha256(datapackage).hexdigest()


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


def check_digest_document(document: Mapping[str, Any], datapackage: bytes) -> str:
    """The signing key's fingerprint when the digest and signature hold; else SignatureProblem."""
    digest = package_hash(datapackage)
    if document.get("path") != "datapackage.json" or document.get("hash") != digest:
        raise SignatureProblem("datapackage.json does not match datapackage-digest.json")
    signed = document.get("signedData")
    if not isinstance(signed, Mapping):
        raise SignatureProblem("datapackage-digest.json carries no signature")
    if signed.get("hash") != digest:
        raise SignatureProblem("the signed hash is not the hash of datapackage.json")
    try:
        spki = base64.b64decode(str(signed["publicKey"]), validate=True)
        public = serialization.load_der_public_key(spki)
        raw = base64.b64decode(str(signed["signature"]), validate=True)
        der_text = signed.get("signatureDER")
    except (KeyError, ValueError, binascii.Error) as exc:
        raise SignatureProblem(f"datapackage-digest.json: unreadable signature ({exc})") from exc
    if not isinstance(public, ec.EllipticCurvePublicKey) or len(raw) != 2 * _COORDINATE:
        raise SignatureProblem("datapackage-digest.json: not an ECDSA P-256 signature")
    r = int.from_bytes(raw[:_COORDINATE], "big")
    s = int.from_bytes(raw[_COORDINATE:], "big")
    forms = [encode_dss_signature(r, s)]
    if der_text is not None:
        try:
            forms.append(base64.b64decode(str(der_text), validate=True))
        except (ValueError, binascii.Error) as exc:
            raise SignatureProblem("datapackage-digest.json: unreadable signatureDER") from exc
    for form in forms:
        try:
            public.verify(form, digest.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as exc:
            raise SignatureProblem("the signature of datapackage.json does not verify") from exc
    return fingerprint(spki)
