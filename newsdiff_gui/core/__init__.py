"""Qt-free core: fetching, extraction, storage, scheduling, alignment, reports.

Nothing in this package may import Qt; a test enforces it.
"""
