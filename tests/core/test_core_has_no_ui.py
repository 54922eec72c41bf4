"""Nothing in core/, cli/ or the PDF typesetter depends on the widget layer: a headless
watcher, a server exporting reports or a script must run without `newsdiff_gui.ui`
(DESIGN.md, Layers), and the PDF typesetter (`newsdiff_gui/pdf`) uses QtGui only."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "newsdiff_gui"
UI = "newsdiff_gui.ui"

# The headless layers: none of them may import ui/ (nor QtWidgets).
HEADLESS = ("core", "cli", "pdf")
# The widget module: the typesetter draws with QtGui (QPdfWriter, QTextLayout) only.
WIDGETS = "PySide6.QtWidgets"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(path: Path) -> str:
    name = _module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def imported_names(source: str, package: str) -> list[str]:
    """Every module a file of `package` holding `source` imports: statements (relative
    ones resolved) and `importlib.import_module("…")` / `__import__("…")` of a literal."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - (node.level - 1)])
                base = f"{anchor}.{base}" if base else anchor
            names.append(base)
            names += [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and node.args:
            called = node.func
            callee = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            first = node.args[0]
            if callee in {"import_module", "__import__"} and isinstance(first, ast.Constant):
                names.append(str(first.value))
    return names


def importers_of(forbidden: str) -> dict[str, list[str]]:
    """Module of a headless layer → the modules under `forbidden` it imports."""
    found: dict[str, list[str]] = {}
    for folder in HEADLESS:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            names = imported_names(path.read_text(encoding="utf-8"), _package_of(path))
            hits = sorted({n for n in names if n == forbidden or n.startswith(forbidden + ".")})
            if hits:
                found[_module_name(path)] = hits
    return found


def test_core_cli_and_the_pdf_never_import_the_ui() -> None:
    for folder in HEADLESS:
        assert list((PACKAGE / folder).rglob("*.py")), folder
    assert importers_of(UI) == {}


def test_the_pdf_typesetter_needs_no_widgets() -> None:
    assert importers_of(WIDGETS) == {}


def test_the_command_line_draws_pdfs_with_the_typesetter() -> None:
    # The check above would pass vacuously if the PDF export had gone elsewhere.
    names = imported_names(
        (PACKAGE / "cli" / "export_command.py").read_text(encoding="utf-8"), "newsdiff_gui.cli"
    )
    assert any(name.startswith("newsdiff_gui.pdf") for name in names)


def test_every_spelling_of_an_import_is_seen() -> None:
    spellings = {
        "import newsdiff_gui.ui.theme": "newsdiff_gui.ui.theme",
        "from newsdiff_gui.ui import theme": "newsdiff_gui.ui.theme",
        "from ..ui import theme": "newsdiff_gui.ui.theme",
        "from .. import ui": "newsdiff_gui.ui",
        "importlib.import_module('newsdiff_gui.ui.theme')": "newsdiff_gui.ui.theme",
        "__import__('newsdiff_gui.ui')": "newsdiff_gui.ui",
    }
    for statement, expected in spellings.items():
        source = f"def f():\n    {statement}\n"
        assert expected in imported_names(source, "newsdiff_gui.cli"), statement
