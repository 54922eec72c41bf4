"""The guided tour over a demo window."""
