"""Guard against a PySide6 binding bug that would crash the app within seconds.

PySide6/shiboken6 6.12.0 on CPython 3.11 drops one reference to `None` on
every call of a C++ method returning void (`label.setText(...)`, painting,
cursor edits...), and one reference to `True` on every `signal.emit(...)`.
From 3.12 on these objects are immortal (PEP 683) and the stray decrements are
harmless; on 3.11 their counts (a few thousand at start) reach zero after a few
thousand calls and the interpreter aborts ("Fatal Python error: none_dealloc",
"bool_dealloc"). Rendering one 300-paragraph diff makes more calls than that.

When a probe shows the bug, we give these singletons the treatment 3.12 does: a
reference count so large that no session can exhaust it. CPython never frees
them, so nothing else changes. Remove this module once the pinned PySide6 no
longer has the bug (6.11.3 does not have it).
"""

from __future__ import annotations

import ctypes
import sys

PROBE_CALLS = 64
# Far beyond any session's calls, far below Py_ssize_t overflow.
IMMORTAL_COUNT = 1 << 60


def _leaks() -> bool:
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        poked = Signal()

    probe = Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")  # a void method
        probe.poked.emit()
    return (
        sys.getrefcount(None) <= none_before - PROBE_CALLS // 2
        or sys.getrefcount(True) <= true_before - PROBE_CALLS // 2
    )


def protect_none() -> bool:
    """Make None, True and False effectively immortal if this PySide6 leaks their
    references; True if it did."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not _leaks():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in CPython 3.11, at id(obj).
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value = max(refcount.value, IMMORTAL_COUNT)
    return True
