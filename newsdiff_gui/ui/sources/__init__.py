"""Followed sources in the app: the sidebar's Sources section, the Follow dialog, their jobs."""
