"""newsdiff_gui: watch news articles change after publication."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsdiff_gui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

USER_AGENT = (
    f"newsdiff_gui/{__version__} (article revision tracker for fact-checkers; "
    "one request per article on a backoff schedule)"
)
