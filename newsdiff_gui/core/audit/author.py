"""Who the audit log names for an action: one rule for the app and the command line."""

from __future__ import annotations

import getpass
import os

AUTHOR_ENV = "NEWSDIFF_AUTHOR"
MAX_AUTHOR_CHARS = 100


def _cleaned(name: str | None) -> str:
    return " ".join((name or "").split())[:MAX_AUTHOR_CHARS]


def audit_author(configured: str | None = None) -> str:
    """The reviewer's name: the one configured (the app's setting), else $NEWSDIFF_AUTHOR,
    else the operating system's login name ('' when the system has none)."""
    for name in (configured, os.environ.get(AUTHOR_ENV)):
        if _cleaned(name):
            return _cleaned(name)
    try:
        return _cleaned(getpass.getuser())
    except (KeyError, OSError):  # no user name in this environment (a bare container)
        return ""
