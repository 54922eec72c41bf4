"""What a test's own page received from the shared test server.

pytest-httpserver's server lives for the whole session: a slow page that an
earlier test gave up on (a dialog closed mid-check) may still arrive in its log,
so "exactly one request" is counted for the test's own page only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pytest_httpserver import HTTPServer


def requests_for(httpserver: HTTPServer, page: str) -> int:
    """Requests the server logged for `page` (an address or a path)."""
    path = urlsplit(page).path
    return sum(request.path == path for request, _ in httpserver.log)
