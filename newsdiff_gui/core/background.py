"""Background threads and processes yield the CPU to the one a person is waiting on."""

from __future__ import annotations

import contextlib
import os
import threading

BACKGROUND_NICENESS = 10


def lower_this_thread_priority() -> None:
    """Make the calling thread (Linux: per thread; elsewhere a no-op) a background one.

    On a busy machine the scheduler then runs the window's thread first, so checks
    in the background never make the window stutter. Raising it again would need
    privileges, so only threads that never serve the user call this.
    """
    with contextlib.suppress(AttributeError, OSError, PermissionError):
        # PRIO_PROCESS with a thread id addresses that one thread on Linux.
        current = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        target = max(current, BACKGROUND_NICENESS)
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), target)
