"""Where file dialogs open: the folder the user last used for that purpose, else the
standard folder for it (documents for exports, downloads for saved pages) — never
the directory the app happened to be started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

Location = QStandardPaths.StandardLocation


def standard_folder(location: Location) -> Path:
    """The user's folder of that kind (a home without one: the home folder)."""
    folder = QStandardPaths.writableLocation(location)
    if folder and Path(folder).is_dir():
        return Path(folder)
    return Path.home()


def start_folder(settings: QSettings | None, key: str, location: Location) -> Path:
    """The folder remembered under `key` if it still exists, else the standard one."""
    remembered = settings.value(key, "") if settings is not None else ""
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    return standard_folder(location)


def remember_folder(settings: QSettings | None, key: str, chosen: Path) -> None:
    if settings is not None:
        settings.setValue(key, str(chosen.parent))
