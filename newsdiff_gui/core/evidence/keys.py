"""The installation's signing key: one ECDSA P-256 key, created on first use.

It lives in the user's config directory (platformdirs; `NEWSDIFF_CONFIG_DIR` overrides it),
the folder owner-only (0700) and the key file owner-only (0600), so another account on the
machine cannot sign in the user's name. The public key's fingerprint (SHA-256 of its
SubjectPublicKeyInfo DER, as `openssl pkey -pubin -outform DER | sha256sum` prints it) is what
a fact-checker publishes so that readers can tell which key signed a package.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from newsdiff_gui.core.report.model import SignerIdentity

APP_NAME = "newsdiff_gui"
KEY_FILE = "signing-key.pem"
CERTIFICATE_FILE = "signing-certificate.pem"


class SigningKeyError(Exception):
    """The key file exists but cannot be read as our key (user-fixable: name the file)."""


@dataclass(frozen=True)
class SigningKey:
    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate  # self-signed, for the PDF's PAdES signature

    @property
    def public_der(self) -> bytes:
        return public_der(self.private_key.public_key())

    @property
    def public_pem(self) -> str:
        return (
            self.private_key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode("ascii")
        )

    @property
    def certificate_pem(self) -> str:
        return self.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_der)

    @property
    def identity(self) -> SignerIdentity:
        """What a report prints of this key: fingerprint and public key (base64 DER)."""
        return SignerIdentity(self.fingerprint, base64.b64encode(self.public_der).decode("ascii"))


def public_der(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def fingerprint(spki_der: bytes) -> str:
    return hashlib.sha256(spki_der).hexdigest()


def config_dir() -> Path:
    override = os.environ.get("NEWSDIFF_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def installation_key(directory: Path | None = None) -> SigningKey:
    """The key of this installation, created (with its certificate) the first time."""
    folder = directory or config_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a folder the user made wider stays usable
        folder.chmod(0o700)
    key_path = folder / KEY_FILE
    try:
        private_key = _create_key(key_path)
    except FileExistsError:
        private_key = _read_key(key_path)
    certificate = _certificate(folder / CERTIFICATE_FILE, private_key)
    return SigningKey(private_key, certificate)


def _create_key(path: Path) -> ec.EllipticCurvePrivateKey:
    """A new key written with O_EXCL at mode 0600: two processes starting at once never
    overwrite each other's key, and the file is never readable by others, even briefly."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    return key


def _read_key(path: Path) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(f"cannot read the signing key {path}: {exc}") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise SigningKeyError(f"{path} is not an ECDSA P-256 key")
    return key


def _certificate(path: Path, key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    """The self-signed certificate for `key`, made once and kept beside it."""
    with contextlib.suppress(OSError, ValueError):
        certificate = x509.load_pem_x509_certificate(path.read_bytes())
        if public_der(certificate.public_key()) == public_der(key.public_key()):  # type: ignore[arg-type]
            return certificate
    certificate = self_signed_certificate(key)
    temporary = path.with_name(path.name + f".{os.getpid()}.part")
    temporary.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    temporary.replace(path)
    return certificate


def self_signed_certificate(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    fp = fingerprint(public_der(key.public_key()))
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"newsdiff evidence key {fp[:16]}"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "newsdiff_gui (self-signed)"),
        ]
    )
    start = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(int(fp[:30], 16))
        .not_valid_before(start)
        .not_valid_after(datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
