"""Before Qt starts on Linux: are the system libraries its display plugin needs there?

PySide6's wheels bundle Qt itself but not the X11/Wayland client libraries, and
when one is missing Qt aborts with a message that often names the wrong library
(it blames `libxcb-cursor0` whatever is absent). A fresh Debian desktop lacks
`libxcb-icccm4` and `libxcb-keysyms1`, for instance. So the app asks the dynamic
linker (`ldd`) which of the platform plugin's libraries it cannot find, and says
exactly which packages install them, before importing Qt.

`python -m newsdiff_gui.platform_check [--install]` prints the diagnosis and exits 1
when something is missing; with `--install`, run as root on a Debian-like system,
it installs the packages itself (what `make run` does).

This module imports only the standard library: it must work when Qt cannot load.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# soname → (Debian/Ubuntu package, Fedora/RHEL package). Covers every library the
# xcb and wayland plugins of the PySide6 wheels load (directly or through another),
# except the C runtime, which every system has. A test reads the real plugins'
# dependency lists and fails when a library is missing from this table.
PACKAGES: Mapping[str, tuple[str, str]] = {
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libbrotlicommon.so.1": ("libbrotli1", "libbrotli"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli"),
    "libbsd.so.0": ("libbsd0", "libbsd"),
    "libcap.so.2": ("libcap2", "libcap"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libexpat.so.1": ("libexpat1", "expat"),
    "libffi.so.8": ("libffi8", "libffi"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libgcrypt.so.20": ("libgcrypt20", "libgcrypt"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgpg-error.so.0": ("libgpg-error0", "libgpg-error"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "liblz4.so.1": ("liblz4-1", "lz4-libs"),
    "liblzma.so.5": ("liblzma5", "xz-libs"),
    "libmd.so.0": ("libmd0", "libmd"),
    "libpcre2-8.so.0": ("libpcre2-8-0", "pcre2"),
    "libpng16.so.16": ("libpng16-16", "libpng"),
    "libsystemd.so.0": ("libsystemd0", "systemd-libs"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


class Packager:
    """How one family of Linux distributions installs packages."""

    def __init__(self, name: str, column: int, install: tuple[str, ...]) -> None:
        self.name = name
        self.column = column
        self.install = install


APT = Packager("apt", 0, ("apt-get", "install", "-y"))
DNF = Packager("dnf", 1, ("dnf", "install", "-y"))


@dataclass(frozen=True, slots=True)
class Diagnosis:
    plugin: str  # "xcb" or "wayland"
    missing: tuple[str, ...]  # sonames the linker cannot find
    packages: tuple[str, ...]  # what installs them, for `packager`
    unknown: tuple[str, ...]  # sonames with no known package
    packager: Packager | None

    @property
    def command(self) -> str | None:
        if self.packager is None or not self.packages:
            return None
        return " ".join(("sudo", *self.packager.install, *self.packages))

    def message(self) -> str:
        lines = [
            f"newsdiff-gui cannot start: Qt's {self.plugin} display plugin needs system "
            f"libraries that are not installed: {', '.join(self.missing)}."
        ]
        if self.command:
            lines.append(f"Install them with:\n\n    {self.command}\n")
        elif self.packages:
            lines.append(f"Install the packages that provide them: {', '.join(self.packages)}.")
        if self.unknown:
            lines.append(f"Also install the packages that provide: {', '.join(self.unknown)}.")
        return "\n".join(lines)


def wanted_plugin(environ: Mapping[str, str]) -> str | None:
    """The display plugin Qt will load (None: one that needs no system libraries)."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip()
    if chosen:
        return chosen if chosen in {"xcb", "wayland"} else None
    # Qt 6 prefers Wayland in a Wayland session and falls back to xcb otherwise.
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def plugin_path(plugin: str) -> Path | None:
    """The plugin's file in the installed PySide6, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "Qt" / "plugins" / "platforms" / f"libq{plugin}.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(ldd_output: str) -> tuple[str, ...]:
    """The sonames `ldd` reports as "not found", each once, in order."""
    found = (_NOT_FOUND.match(line) for line in ldd_output.splitlines())
    return tuple(dict.fromkeys(match.group(1) for match in found if match))


def read_os_release(path: Path = Path("/etc/os-release")) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key.strip(): value.strip().strip("\"'") for key, value in pairs}


def packager_for(os_release: Mapping[str, str]) -> Packager | None:
    families = {os_release.get("ID", ""), *os_release.get("ID_LIKE", "").split()}
    if families & {"debian", "ubuntu"}:
        return APT
    if families & {"fedora", "rhel", "centos"}:
        return DNF
    return None


def diagnose(plugin: str, ldd_output: str, os_release: Mapping[str, str]) -> Diagnosis:
    missing = missing_libraries(ldd_output)
    packager = packager_for(os_release)
    column = packager.column if packager else APT.column
    known = [PACKAGES[name][column] for name in missing if name in PACKAGES]
    unknown = tuple(name for name in missing if name not in PACKAGES)
    return Diagnosis(plugin, missing, tuple(dict.fromkeys(known)), unknown, packager)


def check(environ: Mapping[str, str] | None = None) -> Diagnosis | None:
    """What is missing for the plugin Qt will load here, or None when nothing is
    (or when this is not Linux, or the question cannot be asked: no ldd, no plugin)."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return None  # the frozen build is checked by its own packaging test
    plugin = wanted_plugin(environ)
    path = plugin_path(plugin) if plugin else None
    ldd = shutil.which("ldd")
    if plugin is None or path is None or ldd is None:
        return None
    try:
        done = subprocess.run(
            [ldd, str(path)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    diagnosis = diagnose(plugin, done.stdout, read_os_release())
    return diagnosis if diagnosis.missing else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsdiff_gui.platform_check",
        description="Check the system libraries Qt's display plugin needs.",
    )
    parser.add_argument("--install", action="store_true", help="as root, install what is missing")
    args = parser.parse_args(argv)
    diagnosis = check()
    if diagnosis is None:
        return 0
    can_install = diagnosis.packager is not None and diagnosis.packages and not diagnosis.unknown
    if args.install and can_install and os.geteuid() == 0:
        assert diagnosis.packager is not None
        print(f"Installing {', '.join(diagnosis.packages)} for Qt's {diagnosis.plugin} plugin…")
        if diagnosis.packager is APT:
            subprocess.run(["apt-get", "update", "-q"], check=False)
        installed = subprocess.run([*diagnosis.packager.install, *diagnosis.packages], check=False)
        if installed.returncode == 0 and check() is None:
            return 0
    print(diagnosis.message(), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
