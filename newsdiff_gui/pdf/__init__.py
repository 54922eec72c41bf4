"""The evidence report as a PDF, typeset with QtGui only: used by the app and the CLI."""
