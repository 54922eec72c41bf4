"""The core must stay usable without Qt: scripts, the CLI and tests depend on it."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "newsdiff_gui" / "core"


def test_core_never_imports_qt() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in {"PySide6", "PyQt6", "shiboken6"}
            ]
    assert list(CORE.rglob("*.py")), "core package not found"
    assert offenders == []
