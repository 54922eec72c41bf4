"""Dialogs for adding, importing and removing articles."""
