"""The PyInstaller build: `resources/` is found frozen and unfrozen, and the built app runs.

The build test makes a one-folder app from build.spec in a temporary folder
(about a minute), starts it offscreen on the demo history and checks its
screenshot. `make package-check` runs this file alone.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsdiff_gui import __version__
from newsdiff_gui.resources_path import RESOURCES, resources_dir

ROOT = Path(__file__).resolve().parents[1]
APP = "newsdiff-gui"
BUILD_TIMEOUT_S = 420
RUN_TIMEOUT_S = 60

needs_pyinstaller = pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller is not installed (it comes with the dev extra: pip install -e '.[dev]')",
)


def test_resources_are_the_checkouts_when_not_frozen() -> None:
    assert RESOURCES == ROOT / "resources"
    assert (RESOURCES / "icons" / "app.svg").is_file()
    assert list((RESOURCES / "demo").glob("*.json"))


def test_resources_are_the_bundles_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    """The built app's folder (`dist/newsdiff-gui/` inside a temporary folder)."""
    # A fresh temporary folder, not build/: two test runs in one checkout must not
    # share PyInstaller's work folder, and ~300 MB should not outlive the run.
    with tempfile.TemporaryDirectory(prefix="newsdiff-package-") as scratch:
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level=WARN",
                f"--distpath={scratch}/dist",
                f"--workpath={scratch}/build",
                str(ROOT / "build.spec"),
            ],
            # Not the checkout: `python -m` puts the working folder first on sys.path,
            # where a stale newsdiff_gui.egg-info would shadow the installed metadata.
            cwd=scratch,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
        )
        assert built.returncode == 0, built.stderr[-4000:]
        yield Path(scratch) / "dist" / APP


# Files the app reads at run time and that nothing fails loudly without: the
# extraction engine silently falls back to our own scorer, a missing icon is blank.
BUNDLED = [
    "resources/icons/app.svg",
    "resources/demo/*.json",
    "trafilatura/settings.cfg",
    "justext/stoplists/English.txt",
    "tld/res/effective_tld_names.dat.txt",
    f"newsdiff_gui-{__version__}.dist-info/METADATA",
    "PySide6/**/platforms/*qoffscreen*",
    "PySide6/**/imageformats/*qsvg*",
]


@needs_pyinstaller
@pytest.mark.slow
@pytest.mark.timeout(BUILD_TIMEOUT_S + RUN_TIMEOUT_S)
@pytest.mark.parametrize("pattern", BUNDLED)
def test_build_bundles(bundle: Path, pattern: str) -> None:
    assert list((bundle / "_internal").glob(pattern)), f"{pattern} is missing from the build"


@needs_pyinstaller
@pytest.mark.slow
@pytest.mark.timeout(BUILD_TIMEOUT_S + RUN_TIMEOUT_S)
def test_built_app_screenshots_the_demo(bundle: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "out.png"
    # The bundle sits outside the checkout: the demo history can only come from the bundle.
    ran = subprocess.run(
        [str(bundle / APP), "--demo", "--screenshot", str(out)],
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    assert ran.returncode == 0, ran.stderr
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
    assert (image.width(), image.height()) == (1400, 900)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32)
    # A blank or single-colour window has a handful of colours; text, icons and
    # the diff's highlights bring well over a thousand (the demo's: about 1,800).
    assert len(np.unique(pixels)) > 100


@needs_pyinstaller
@pytest.mark.slow
@pytest.mark.timeout(BUILD_TIMEOUT_S + RUN_TIMEOUT_S)
def test_built_app_checks_an_article_with_its_extractor_process(
    bundle: Path, tmp_path: Path, httpserver: Any
) -> None:
    """The checker extracts in a child process; in the frozen app that child is the
    executable started again (freeze_support), which only a real check exercises."""
    import time

    from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
    from newsdiff_gui.core.store import VersionStore
    from newsdiff_gui.core.timeutil import utc_now
    from tests.support.pages import article_page

    httpserver.expect_request("/story").respond_with_data(
        article_page(), content_type="text/html; charset=utf-8"
    )
    database = tmp_path / "frozen.sqlite3"
    with VersionStore.open(database) as store:
        now = utc_now()
        article = store.add_article(
            httpserver.url_for("/story"), initial_state(SchedulePolicy(), now), now
        ).id
    app = subprocess.Popen(
        [str(bundle / APP), "--db", str(database)],
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + RUN_TIMEOUT_S
        versions: list[Any] = []
        checked = None
        while time.monotonic() < deadline and not versions:
            time.sleep(0.5)
            with VersionStore.open(database) as store:
                versions = store.list_versions(article)
                checked = store.get_article(article)
    finally:
        app.terminate()
        app.wait(timeout=10)
    assert checked is not None and checked.last_error is None
    assert len(versions) == 1 and versions[0].extractor == "newsdiff-extract"
    assert versions[0].document.title == "Storm batters coastal towns overnight"
