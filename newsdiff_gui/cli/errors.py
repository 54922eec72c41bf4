"""The one exception type a CLI handler raises for an error the user can fix."""


class CliError(Exception):
    """Printed as one line on stderr; the command exits with status 1."""
