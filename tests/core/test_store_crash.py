"""Killing the process in the middle of writes never corrupts the store or loses a commit."""

import signal
import subprocess
import sys
import textwrap
import time

from newsdiff_gui.core.store import VersionStore

WRITER = textwrap.dedent(
    """
    import os, sys
    from datetime import UTC, datetime
    from newsdiff_gui.core.document import Document
    from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
    from newsdiff_gui.core.store import Capture, VersionSource, VersionStore

    now = datetime.now(UTC)
    store = VersionStore.open(sys.argv[1])
    article = store.add_article("https://crash.example/", initial_state(SchedulePolicy(), now), now)
    big = os.urandom(300_000)  # incompressible raw bytes make each write take a while
    for n in range(100_000):
        paragraphs = tuple(f"Paragraph {i} of revision {n}." for i in range(50))
        result = store.add_capture(article.id, Capture(
            raw=big + str(n).encode(), document=Document(f"Revision {n}", paragraphs),
            extractor="crash-test", extractor_version="1", captured_at=now,
            source=VersionSource.FETCH))
        print(result.version.number, flush=True)
    """
)


def test_sigkill_mid_write_loses_no_committed_version(store_address: str) -> None:
    path = store_address
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    committed = 0
    deadline = time.monotonic() + 60
    while committed < 25 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        committed = int(line)
    # Let it get well into the next write, then kill without warning.
    time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert committed >= 25, "writer did not get going"

    with VersionStore.open(path) as store:
        assert store.integrity_check() == "ok"
        article = store.list_articles()[0]
        numbers = [v.number for v in store.list_versions(article.id)]
        assert numbers[:committed] == list(range(1, committed + 1))
        # The version being written when the process died is either whole or absent.
        assert len(numbers) in (committed, committed + 1)
        last = store.get_version(article.id, numbers[-1])
        assert len(last.document.paragraphs) == 50
        assert len(store.raw_html(article.id, numbers[-1])) > 300_000
