"""Nothing in core/ or cli/ depends on the widget layer: a headless watcher, a server
exporting reports or a script must run without `newsdiff_gui.ui` (DESIGN.md, Layers)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "newsdiff_gui"
UI = "newsdiff_gui.ui"

# Importers of ui/ that are known and being removed: `cli/export_command` draws PDFs
# with the typesetter that still lives among the widgets. It moves to its own package
# (then this set is emptied); any OTHER module importing ui/ fails the test at once.
KNOWN_PENDING = frozenset({"newsdiff_gui.cli.export_command"})


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


def ui_importers() -> dict[str, list[str]]:
    """Module of core/ or cli/ → the ui modules it imports."""
    found: dict[str, list[str]] = {}
    for folder in ("core", "cli"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            names = imported_names(path.read_text(encoding="utf-8"), _package_of(path))
            hits = sorted({n for n in names if n == UI or n.startswith(UI + ".")})
            if hits:
                found[_module_name(path)] = hits
    return found


def test_core_and_cli_never_import_the_ui() -> None:
    assert list((PACKAGE / "cli").rglob("*.py")) and list((PACKAGE / "core").rglob("*.py"))
    offenders = ui_importers()
    assert sorted(set(offenders) - KNOWN_PENDING) == [], offenders


def test_the_known_pending_importers_still_import_the_ui() -> None:
    # Once the typesetter has moved, this fails: empty KNOWN_PENDING then, so the
    # exemption cannot outlive its reason and hide a new offender of the same name.
    assert set(ui_importers()) >= KNOWN_PENDING


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
