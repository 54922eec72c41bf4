"""The desktop app's Qt layer: thin widgets over `newsdiff_gui.core` (see DESIGN.md)."""
