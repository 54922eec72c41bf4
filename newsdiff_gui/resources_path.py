"""RESOURCES: the top-level `resources/` folder (icons, demo history), wherever the app runs."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    # A PyInstaller build unpacks its data files under sys._MEIPASS (the
    # `_internal/` folder beside the executable, or the executable's own folder
    # when the build puts its contents there); build.spec copies `resources/`
    # to that root. Elsewhere the package is imported from the checkout (an
    # editable install or a plain source tree), whose root holds `resources/`.
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


RESOURCES = resources_dir()
