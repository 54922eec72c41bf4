"""The installation key: created once, owner-only, the same key every time after."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from newsdiff_gui.core.evidence.keys import (
    CERTIFICATE_FILE,
    KEY_FILE,
    SigningKeyError,
    config_dir,
    installation_key,
)


def test_the_key_is_created_owner_only_and_then_reused(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "newsdiff_gui"
    first = installation_key(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / KEY_FILE).stat().st_mode) == 0o600
    again = installation_key(folder)
    assert again.fingerprint == first.fingerprint and len(first.fingerprint) == 64
    assert again.certificate == first.certificate


def test_the_certificate_is_self_signed_for_the_key(tmp_path: Path) -> None:
    key = installation_key(tmp_path)
    certificate = key.certificate
    assert certificate.issuer == certificate.subject
    assert key.fingerprint[:16] in certificate.subject.rfc4514_string()
    certificate.verify_directly_issued_by(certificate)


def test_a_certificate_for_another_key_is_replaced(tmp_path: Path) -> None:
    key = installation_key(tmp_path)
    other = installation_key(tmp_path / "other")
    (tmp_path / CERTIFICATE_FILE).write_bytes((tmp_path / "other" / CERTIFICATE_FILE).read_bytes())
    again = installation_key(tmp_path)
    assert again.certificate != other.certificate
    assert again.certificate.public_key() == key.private_key.public_key()


def test_a_damaged_key_file_is_named_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE).write_text("not a key")
    with pytest.raises(SigningKeyError, match=KEY_FILE):
        installation_key(tmp_path)
    assert (tmp_path / KEY_FILE).read_text() == "not a key"


def test_the_config_dir_can_be_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDIFF_CONFIG_DIR", str(tmp_path / "mine"))
    assert config_dir() == tmp_path / "mine"
