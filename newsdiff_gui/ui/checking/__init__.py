"""Checking in the background: the worker thread, its reports, what the window says of them."""
