"""The window shell: the main window, its actions, settings, notifications and start pages."""
