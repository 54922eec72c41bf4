"""Guard against a PySide6 binding bug that would crash the app within seconds.

PySide6/shiboken6 6.12.0 on CPython 3.11 drops one reference to `None` on
every call of a C++ method returning void (`label.setText(...)`, painting,
cursor edits...). From 3.12 on `None` is immortal (PEP 683) and the stray
decrement is harmless; on 3.11 its count (≈5,000 at start) reaches zero after a
few thousand calls and the interpreter aborts with "Fatal Python error:
none_dealloc". Rendering one 300-paragraph diff makes more calls than that.

When a probe shows the bug, we give `None` the same treatment 3.12 does: a
reference count so large that no session can exhaust it. `None` is a static
object that CPython never frees, so nothing else changes. Remove this module
once the pinned PySide6 no longer has the bug.
"""

from __future__ import annotations

import ctypes
import sys

PROBE_CALLS = 64
# Far beyond any session's calls, far below Py_ssize_t overflow.
IMMORTAL_COUNT = 1 << 60


def _drops_none_references() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        probe.setObjectName("probe")  # a void method
    return sys.getrefcount(None) <= before - PROBE_CALLS // 2


def protect_none() -> bool:
    """Make `None` effectively immortal if this PySide6 leaks its references; True if it did."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not _drops_none_references():
        return False
    # ob_refcnt is the first field of every object in CPython 3.11, at id(obj).
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value = max(refcount.value, IMMORTAL_COUNT)
    return True
