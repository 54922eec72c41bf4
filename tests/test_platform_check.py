"""The diagnosis of missing display libraries, on the real plugins' dependency lists."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff_gui import platform_check
from newsdiff_gui.platform_check import PACKAGES, diagnose, missing_libraries, wanted_plugin

DEBIAN = {"ID": "debian", "VERSION_ID": "12"}
UBUNTU = {"ID": "ubuntu", "ID_LIKE": "debian"}
FEDORA = {"ID": "fedora"}
# The C runtime and the loader: on every system, never worth a diagnosis.
RUNTIME = re.compile(
    r"^(linux-vdso|ld-linux|libstdc\+\+)|^(libc|libm|libdl|libpthread|librt|libgcc_s)\."
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None,
    reason="the diagnosis reads ldd's output on Linux",
)


def real_ldd(plugin: str) -> str:
    path = platform_check.plugin_path(plugin)
    assert path is not None, f"PySide6 ships libq{plugin}.so"
    return subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=True).stdout


def system_dependencies(ldd_output: str) -> list[str]:
    names = []
    for line in ldd_output.splitlines():
        name = line.split()[0] if line.split() else ""
        if not name or RUNTIME.match(Path(name).name) or "PySide6" in line:
            continue
        names.append(name)
    return names


@pytest.mark.parametrize("plugin", ["xcb", "wayland"])
def test_every_system_library_of_the_real_plugin_has_a_package(plugin: str) -> None:
    dependencies = system_dependencies(real_ldd(plugin))
    assert "libxcb.so.1" in dependencies or "libwayland-client.so.0" in dependencies
    assert [name for name in dependencies if name not in PACKAGES] == []


def as_missing(ldd_output: str, names: set[str]) -> str:
    """The real dependency list as ldd prints it on a machine that lacks exactly these
    libraries (whatever this machine lacks itself)."""
    lines = []
    for line in ldd_output.splitlines():
        name = line.split()[0] if line.split() else ""
        if name in names:
            lines.append(f"\t{name} => not found")
        else:
            lines.append(line.replace("=> not found", f"=> /usr/lib/{name} (0x00007f0000000000)"))
    return "\n".join(lines)


def test_a_fresh_debian_desktop_is_told_the_two_packages_and_the_command() -> None:
    output = as_missing(real_ldd("xcb"), {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"})
    diagnosis = diagnose("xcb", output, DEBIAN)
    assert diagnosis.missing == ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert diagnosis.command == "sudo apt-get install -y libxcb-icccm4 libxcb-keysyms1"
    message = diagnosis.message()
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "libxcb-cursor0" not in message  # what Qt itself wrongly blames
    assert diagnose("xcb", output, UBUNTU).command == diagnosis.command


def test_fedora_gets_its_own_package_names() -> None:
    output = as_missing(real_ldd("xcb"), {"libxcb-icccm.so.4", "libxcb-cursor.so.0"})
    diagnosis = diagnose("xcb", output, FEDORA)
    assert diagnosis.command is not None
    assert diagnosis.command.startswith("sudo dnf install -y ")
    assert set(diagnosis.packages) == {"xcb-util-wm", "xcb-util-cursor"}


def test_an_unknown_system_names_the_libraries_without_a_command() -> None:
    output = as_missing(real_ldd("xcb"), {"libxcb-keysyms.so.1", "libxcb-image.so.0"})
    diagnosis = diagnose("xcb", output, {"ID": "arch"})
    assert diagnosis.command is None
    assert set(diagnosis.packages) == {"libxcb-keysyms1", "libxcb-image0"}
    assert "Install the packages that provide them" in diagnosis.message()


def test_a_library_repeated_in_the_output_is_named_once_and_unknown_ones_are_named() -> None:
    output = "\tlibxcb-icccm.so.4 => not found\n\tlibfoo.so.9 => not found\n" * 2
    assert missing_libraries(output) == ("libxcb-icccm.so.4", "libfoo.so.9")
    diagnosis = diagnose("xcb", output, DEBIAN)
    assert diagnosis.packages == ("libxcb-icccm4",)
    assert "libfoo.so.9" in diagnosis.message()


def test_this_machine_is_diagnosed_as_its_linker_sees_it() -> None:
    found = platform_check.check({"DISPLAY": ":0"})
    expected = missing_libraries(real_ldd("xcb"))
    assert (found.missing if found else ()) == expected


@pytest.mark.parametrize(
    ("environ", "plugin"),
    [
        ({}, "xcb"),
        ({"QT_QPA_PLATFORM": "offscreen"}, None),
        ({"QT_QPA_PLATFORM": "xcb"}, "xcb"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
        ({"XDG_SESSION_TYPE": "wayland"}, "xcb"),
    ],
)
def test_the_plugin_qt_will_load(environ: dict[str, str], plugin: str | None) -> None:
    assert wanted_plugin(environ) == plugin


def test_the_command_line_exits_1_with_the_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = as_missing(real_ldd("xcb"), {"libxcb-icccm.so.4"})
    monkeypatch.setattr(platform_check, "check", lambda: diagnose("xcb", output, DEBIAN))
    assert platform_check.main([]) == 1
    assert "sudo apt-get install -y libxcb-icccm4" in capsys.readouterr().err
    monkeypatch.setattr(platform_check, "check", lambda: None)
    assert platform_check.main([]) == 0


def test_the_app_stops_before_qt_with_the_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsdiff_gui import app

    output = as_missing(real_ldd("xcb"), {"libxcb-keysyms.so.1"})
    monkeypatch.setattr(platform_check, "check", lambda: diagnose("xcb", output, DEBIAN))
    assert app.main(["--db", "/nonexistent/never-created.sqlite3"]) == 1
    assert "sudo apt-get install -y libxcb-keysyms1" in capsys.readouterr().err
