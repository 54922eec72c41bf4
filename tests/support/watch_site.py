"""A local news site for the watcher's tests and benchmarks/team.py: every path
/a/N serves a distinct article, counted, optionally after a delay (a slow site).

Threaded, so that several watcher processes fetch from it at once as from a real site.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.support.pages import STORM, article_page


class ArticleSite:
    """What the site served: `requests[path]` counts every request for a page."""

    def __init__(self, server: HTTPServer, delay: float) -> None:
        self.server = server
        self.delay = delay
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.started = threading.Event()  # set once any page has been requested

    def url(self, number: int) -> str:
        return self.server.url_for(f"/a/{number}")

    def respond(self, request: Request) -> Response:
        with self._lock:
            self.requests[request.path] += 1
        self.started.set()
        if self.delay:
            time.sleep(self.delay)
        number = request.path.rsplit("/", 1)[-1]
        paragraphs = (f"Report number {number} from the coast.", *STORM)
        page = article_page(title=f"Storm report {number}", paragraphs=paragraphs)
        return Response(page, content_type="text/html; charset=utf-8")


@contextmanager
def article_site(delay: float = 0.0) -> Iterator[ArticleSite]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    site = ArticleSite(server, delay)
    server.expect_request(re.compile(r"/a/\d+")).respond_with_handler(site.respond)
    server.start()
    try:
        yield site
    finally:
        server.clear()
        if server.is_running():
            server.stop()
