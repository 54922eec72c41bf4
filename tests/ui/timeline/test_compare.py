"""The timeline's comparison relay outlives the timeline (and every job using it)."""

from __future__ import annotations

import gc
import weakref

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication

from newsdiff_gui.ui.timeline.compare import EntryComparer

pytestmark = pytest.mark.usefixtures("qapp")


def test_the_relay_is_the_applications_so_no_job_frees_it_on_its_thread() -> None:
    """A job holding the relay's last reference would free it on the pool thread, where
    its destructor can deadlock with the UI thread (see ui/diff/prepare.py)."""
    comparer = EntryComparer()
    relay = comparer.relay
    assert relay.parent() is QCoreApplication.instance()
    gone = weakref.ref(comparer)
    del comparer
    gc.collect()
    assert gone() is None
    assert shiboken6.isValid(relay)
    relay.setParent(None)  # (this test's relay only: freed here, on the UI thread)
    shiboken6.delete(relay)
