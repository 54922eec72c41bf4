"""`newsdiff-gui [--db PATH] [--demo] [--screenshot OUT.png [--size 1400x900]]`.

The store is `--db`, else `NEWSDIFF_DB`, else the per-user default. Window
settings live in QSettings under ORGANIZATION/APPLICATION; `--screenshot` uses a
throwaway settings file so a screenshot neither depends on nor changes them.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from newsdiff_gui.core.store.address import StoreAddress

ORGANIZATION = "newsdiff_gui"
APPLICATION = "newsdiff-gui"


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2,5})x(\d{2,5})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1400x900, not {text!r}")
    return int(match.group(1)), int(match.group(2))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newsdiff-gui", description="Watch news articles change after publication."
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="the SQLite file or postgresql://user@host:port/dbname (default: NEWSDIFF_DB)",
    )
    parser.add_argument("--demo", action="store_true", help="open the bundled demo history")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render offscreen, save, exit")
    parser.add_argument(
        "--size", type=_size, default=(1400, 900), metavar="WxH", help="screenshot size"
    )
    args = parser.parse_args(argv)
    if args.size != (1400, 900) and not args.screenshot:
        parser.error("--size only goes with --screenshot")
    return args


def database_path(args: argparse.Namespace, scratch: Path) -> StoreAddress:
    """The store to open: --db, the demo's scratch file, NEWSDIFF_DB or the default
    (a path or a postgresql:// URL; StoreError for an address of another engine)."""
    from newsdiff_gui.core.store import default_database_path
    from newsdiff_gui.core.store.address import StoreAddress, parse_store_address

    if args.db:
        return parse_store_address(args.db)
    if args.demo:
        return StoreAddress(path=scratch / "demo.sqlite3")
    env = os.environ.get("NEWSDIFF_DB")
    return parse_store_address(env) if env else StoreAddress(path=default_database_path())


def store_problem_box(problem: str) -> QMessageBox:
    """The message shown when the store cannot be opened (foreign, damaged, full…).

    The window never opens on such a store: nothing in it could be trusted, and
    another program's file must stay untouched.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "newsdiff", "The database cannot be opened.")
    box.setInformativeText(
        f"{problem[:1].upper()}{problem[1:]}.\n\n"
        "Nothing in it was changed. Start newsdiff with another database: "
        "--db PATH, or the NEWSDIFF_DB variable."
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.screenshot:
        # Nothing is shown on a real display; this also works on a headless CI box.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        from newsdiff_gui.platform_check import check

        # Qt aborts the process, often naming the wrong library, when its display
        # plugin cannot load; say what is missing and how to install it instead.
        missing = check()
        if missing is not None:
            print(missing.message(), file=sys.stderr)
            return 1

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from newsdiff_gui.core.store import StoreError, VersionStore
    from newsdiff_gui.ui.app.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([APPLICATION])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("newsdiff")

    with tempfile.TemporaryDirectory(prefix="newsdiff-gui-") as scratch_name:
        scratch = Path(scratch_name)
        try:
            store = VersionStore.open(database_path(args, scratch))
            if args.demo:
                from newsdiff_gui.core.demo import load_demo

                load_demo(store)  # articles already in the store are left as they are
        except (StoreError, OSError, ValueError) as exc:
            print(f"newsdiff-gui: {exc}", file=sys.stderr)
            if not args.screenshot:
                store_problem_box(str(exc)).exec()
            return 1
        with store:
            if args.screenshot:
                from newsdiff_gui.ui.app.screenshot import render

                settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
                window = MainWindow(store, settings, start_worker=False, marks_read=False)
                try:
                    render(window, Path(args.screenshot), *args.size)
                except OSError as exc:
                    print(f"newsdiff-gui: {exc}", file=sys.stderr)
                    return 1
                finally:
                    window.close()
                return 0
            window = MainWindow(store, QSettings())
            window.show()
            code = int(app.exec())
            if window.checker.worker_thread.isRunning():
                # The checker ignored its cancel for longer than the quit budget (a
                # stuck extraction). Destroying a running QThread aborts the process
                # with a crash report, so leave at once instead: every capture is
                # one SQLite transaction, so nothing is stored half-way.
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
            return code


if __name__ == "__main__":
    raise SystemExit(main())
