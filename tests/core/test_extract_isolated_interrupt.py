"""Ctrl-C reaches a terminal's whole process group; the extractor's child ignores it, so
the parent (`newsdiff watch` finishing its checks in flight) decides what it means."""

from __future__ import annotations

import os
import signal
import time

from newsdiff_gui.core.extract.isolated import IsolatedExtractor
from tests.support.pages import article_page


def test_the_extractor_child_survives_an_interrupt_meant_for_its_group() -> None:
    with IsolatedExtractor() as extractor:
        first = extractor.extract(article_page(), "https://news.example/a")
        process = extractor._process
        assert process is not None and process.pid is not None
        os.kill(process.pid, signal.SIGINT)
        time.sleep(0.3)  # a child that obeyed would be gone by now
        assert process.is_alive()
        assert extractor.extract(article_page(), "https://news.example/a") == first
        assert extractor._process is process  # the same child, not a restarted one
