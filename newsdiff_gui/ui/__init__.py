"""The desktop app's Qt layer: thin widgets over `newsdiff_gui.core` (see DESIGN.md)."""

from newsdiff_gui.ui._none_refcount import protect_none

# Before any widget exists: see _none_refcount.py (PySide6 6.12 on Python 3.11).
NONE_PROTECTED = protect_none()
