"""The watcher: checks what is due with N workers until stopped (or for one pass).

Each worker is a thread with its own store connection, its own extractor child and
its own CaptureService, as the GUI's checker has; the page fetcher is shared (it is
thread-safe and keeps each host's limit across workers). A worker claims one due
article at a time (core/store/claim_store.py), checks it through the same capture engine as
`newsdiff check`, logs one line and releases the claim.

Stopping: `stop()` (SIGTERM, SIGINT) lets every check in flight finish and be
recorded, then the workers exit; `cancel()` (a second signal) also cancels the
checks in flight, which are recorded as cancelled and stay due.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdiff_gui.core.capture import CaptureService, CheckReport
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import NotFound, StoreError, VersionStore
from newsdiff_gui.core.store.claim_store import Claim
from newsdiff_gui.core.store.guard import StoreBusy
from newsdiff_gui.core.timeutil import to_iso, utc_now

log = logging.getLogger(__name__)

# How long a claim holds without its watcher's heartbeat, which renews it every third
# of the lease while the check runs (a slow site, an extractor starting on a loaded
# machine). So a watcher killed mid-check delays its article by at most this much.
DEFAULT_LEASE = timedelta(minutes=2)
# Renewals per lease: two may be missed (a stalled machine) before a claim lapses.
_BEATS_PER_LEASE = 3
# How long an idle watcher sleeps at most before looking again: articles tracked by
# the app or another watcher's `track` become due without telling anyone.
DEFAULT_POLL_SECONDS = 30.0
# Never spin: an article due "now" that another worker holds is looked at again soon.
_MIN_IDLE_SECONDS = 0.5
# After the store stayed busy past its timeout (many writers at once): a pause, then on.
_BUSY_PAUSE_SECONDS = 1.0
# How often the main thread wakes from joining the workers (see `run`).
_JOIN_POLL_SECONDS = 0.25

Extractor = Callable[[str, str | None], Document]
ExtractorFactory = Callable[[threading.Event], AbstractContextManager[Extractor]]


@dataclass(frozen=True, slots=True)
class WatchSettings:
    workers: int = 4
    once: bool = False
    lease: timedelta = DEFAULT_LEASE
    poll_seconds: float = DEFAULT_POLL_SECONDS


@dataclass(frozen=True, slots=True)
class WatchedCheck:
    """One check the watcher made: what its log line says."""

    at: datetime
    article_id: int
    outcome: str
    duration: float
    worker: str
    message: str | None

    def line(self) -> str:
        error = f"  {self.message}" if self.message else ""
        return (
            f"{to_iso(self.at)} article {self.article_id} {self.outcome}"
            f" {self.duration:.2f}s {self.worker}{error}"
        )


def watcher_name() -> str:
    """Unique among every watcher on the store: host, process and a random tail."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class WatchService:
    def __init__(
        self,
        open_store: Callable[[], VersionStore],
        fetcher: Fetcher,
        extractor: ExtractorFactory,
        settings: WatchSettings,
        on_check: Callable[[WatchedCheck], None],
        name: str | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        if settings.workers < 1:
            raise ValueError("a watcher needs at least one worker")
        self._open_store = open_store
        self._fetcher = fetcher
        self._extractor = extractor
        self.settings = settings
        self._on_check = on_check
        self.name = name or watcher_name()
        self._clock = clock
        self._stop = threading.Event()
        self._cancel = threading.Event()
        self._failure: BaseException | None = None
        self._failure_lock = threading.Lock()
        self.checks = 0

    def stop(self) -> None:
        """Finish the checks in flight, claim nothing more."""
        self._stop.set()

    def cancel(self) -> None:
        """Stop now: the checks in flight are cancelled (and recorded as such)."""
        self._stop.set()
        self._cancel.set()

    def run(self) -> int:
        """Run until stopped (or one pass with `once`); the number of checks made.

        A StoreError in any worker (a full disk, a lost server) stops them all and is
        raised here; so is a bug.
        """
        threads = [
            threading.Thread(
                target=self._work, args=(f"{self.name}/{index}",), name=f"watch-{index}"
            )
            for index in range(1, self.settings.workers + 1)
        ]
        workers_done = threading.Event()
        heartbeat = threading.Thread(
            target=self._heartbeat, args=(workers_done,), name="watch-beat"
        )
        heartbeat.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            # Joined a moment at a time: the kernel may hand SIGTERM to a worker thread,
            # and its Python handler (which stops this service) runs only when the main
            # thread runs Python again; blocked in one join it never would.
            while thread.is_alive():
                thread.join(_JOIN_POLL_SECONDS)
        workers_done.set()
        heartbeat.join()
        if self._failure is not None:
            raise self._failure
        return self.checks

    def _work(self, worker: str) -> None:
        try:
            with self._open_store() as store, self._extractor(self._cancel) as extract:
                service = CaptureService(store, self._fetcher, extract=extract)
                for claim in self._claims(store, worker):
                    self._check(service, claim)
        except BaseException as exc:
            with self._failure_lock:
                self._failure = self._failure or exc
            self.stop()
            if not isinstance(exc, StoreError):
                log.exception("watch worker %s failed", worker)

    def _heartbeat(self, workers_done: threading.Event) -> None:
        """Renew this watcher's claims while its workers run, on a connection of its own."""
        lease = self.settings.lease
        try:
            with self._open_store() as store:
                while not workers_done.wait(lease.total_seconds() / _BEATS_PER_LEASE):
                    try:
                        store.claims.renew_all(f"{self.name}/", self._clock() + lease)
                    except StoreError as exc:  # busy: the next beat is still in time
                        log.warning("could not renew claims: %s", exc)
        except StoreError as exc:
            log.warning("claims are not renewed (%s): they hold for the lease only", exc)

    def _claims(self, store: VersionStore, worker: str) -> Iterator[Claim]:
        """Due articles claimed one at a time, until stopped or (once) none is left."""
        while not self._stop.is_set():
            try:
                self._poll_sources(store, worker)  # the articles they add are due at once
                claimed = store.claims.claim_due(worker, self._clock(), self.settings.lease)
            except StoreBusy as exc:
                log.warning("%s: %s; trying again", worker, exc)
                self._stop.wait(_BUSY_PAUSE_SECONDS)
                continue
            if claimed:
                yield from claimed
            elif self.settings.once:
                return
            else:
                self._stop.wait(self._idle_seconds(store))

    def _poll_sources(self, store: VersionStore, worker: str) -> None:
        """Poll the followed sources that are due, claimed so no other watcher polls them."""
        from newsdiff_gui.core.discovery.poll import SourcePoller

        source_ids = store.sources.claim_due(self._clock(), self.settings.lease)
        if not source_ids:
            return
        poller = SourcePoller(store, self._fetcher)
        for report in poller.poll(source_ids, cancel=self._cancel):
            outcome = report.error or f"{report.found} listed, {len(report.added)} new"
            log.info("%s source %d %s: %s", worker, report.source_id, report.outcome, outcome)

    def _idle_seconds(self, store: VersionStore) -> float:
        poll = self.settings.poll_seconds
        soonest = store.claims.next_claimable_at()
        if soonest is None:
            return poll
        wait = (soonest - self._clock()).total_seconds()
        return min(poll, max(_MIN_IDLE_SECONDS, wait))

    def _check(self, service: CaptureService, claim: Claim) -> None:
        started = time.monotonic()
        try:
            for report in service.check([claim.article_id], cancel=self._cancel):
                # The whole check (fetch, extraction, write), not only the fetch.
                self._report(report, claim.claimed_by, time.monotonic() - started)
        except NotFound:  # removed between the claim and the check: nothing to do
            log.info("article %d was removed before its check", claim.article_id)
        except StoreBusy as exc:  # nothing of the check was written: it stays due
            log.warning("article %d: check not recorded, %s", claim.article_id, exc)
            self._stop.wait(_BUSY_PAUSE_SECONDS)
        finally:
            self._release(service.store, claim)

    def _release(self, store: VersionStore, claim: Claim) -> None:
        try:
            store.claims.release(claim.article_id, claim.claimed_by)
        except StoreBusy as exc:  # the claim lapses at the end of its lease instead
            log.warning("article %d: claim not released, %s", claim.article_id, exc)

    def _report(self, report: CheckReport, worker: str, duration: float) -> None:
        with self._failure_lock:
            self.checks += 1
        self._on_check(
            WatchedCheck(
                self._clock(),
                report.article_id,
                str(report.outcome),
                duration,
                worker,
                report.message,
            )
        )
